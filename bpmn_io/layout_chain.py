"""Large containers laid out as a chain of blocks, so Graphviz's time grows linearly.

Graphviz dot's placement phase (network simplex on the whole graph) costs about the square
of the graph's size: 1,000 tasks take about 1.4 CPU s, 2,000 about 12, 4,000 over 60. A
container with more than :data:`CHAIN_NODES` nodes is therefore cut, along the flow, into
blocks of about :data:`BLOCK_NODES` nodes; each block is laid out by its own dot run and
the blocks are placed left to right, each one :data:`BLOCK_GAP` pixels (plus the widest
label of a flow crossing the cut) right of the one before. Smaller containers (every
library model) are one graph, exactly as before.

The cuts follow a flow order (depth-first from the start nodes, loops' back flows set
aside, so a branch's nodes stay together) and fall where the fewest flows cross, ideally
one: between two steps of the main sequence, not through a parallel block. Within a block
every lane's nodes are moved up or down together so that the block's first node in the
lane lines up with the node it is reached from, or, without such a flow, so that the lane
is centred as in the block before. Nodes never overlap: blocks take disjoint x ranges,
and :mod:`bpmn_io.layout_block` stacks the lanes as bands afterwards.

>>> chain_blocks(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("c", "d")], limit=3, size=2)
[['a', 'b'], ['c', 'd']]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from bpmn_io.dot import DotNode

__all__ = ["CHAIN_NODES", "BLOCK_NODES", "BLOCK_GAP", "chain_blocks", "flow_order", "place_chained"]

CHAIN_NODES = 600  # a container with more nodes is laid out as chained blocks
BLOCK_NODES = 300  # the size a block aims at (a block holds between this and twice as many)
BLOCK_GAP = 36.0  # pixels between two blocks: dot's rank separation (0.5 in)


def flow_order(ids: Sequence[str], links: Sequence[tuple[str, str]]) -> list[str]:
    """``ids`` in flow order: reversed depth-first finishing order from the nodes without
    incoming flows (then from any node not reached), flows back into a loop ignored.

    >>> flow_order(["j", "s", "a", "c"], [("s", "a"), ("s", "c"), ("a", "j"), ("c", "j")])
    ['s', 'c', 'a', 'j']
    """
    known = set(ids)
    successors: dict[str, list[str]] = {i: [] for i in ids}
    has_incoming: set[str] = set()
    for a, b in links:
        if a in known and b in known and a != b:
            successors[a].append(b)
            has_incoming.add(b)
    finished: list[str] = []
    state: dict[str, int] = {}  # 1: on the path, 2: finished
    roots = [i for i in ids if i not in has_incoming] + list(ids)
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(successors[root]))]
        while stack:
            node, rest = stack[-1]
            for nxt in rest:
                if nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, iter(successors[nxt])))
                    break
            else:
                stack.pop()
                state[node] = 2
                finished.append(node)
    finished.reverse()
    return finished


def chain_blocks(ids: Sequence[str], links: Sequence[tuple[str, str]], *, limit: int | None = None,
                 size: int | None = None) -> list[list[str]]:
    """``ids`` cut into blocks in flow order (one block, ``ids`` as given, up to ``limit``,
    by default :data:`CHAIN_NODES`; ``size`` by default :data:`BLOCK_NODES`).

    A block ends after at least ``size`` nodes, at the first place in the next ``size`` where
    only one flow crosses, else where the fewest do; the rest joins the last block when it is
    shorter than half a block.
    """
    limit = CHAIN_NODES if limit is None else limit
    size = max(BLOCK_NODES if size is None else size, 2)
    if len(ids) <= limit:
        return [list(ids)]
    order = flow_order(ids, links)
    position = {node: i for i, node in enumerate(order)}
    opened = [0] * (len(order) + 1)
    for a, b in links:
        if a in position and b in position and a != b:
            lo, hi = sorted((position[a], position[b]))
            opened[lo] += 1
            opened[hi] -= 1
    crossing, running = [], 0
    for delta in opened[:-1]:
        running += delta
        crossing.append(running)  # flows crossing the cut after this position
    blocks: list[list[str]] = []
    start = 0
    while len(order) - start > size + size // 2:
        window = range(start + size - 1, min(start + 2 * size, len(order) - size // 2))
        cut = next((i for i in window if crossing[i] <= 1), None)
        if cut is None:
            cut = min(window, key=lambda i: (crossing[i], i))
        blocks.append(order[start:cut + 1])
        start = cut + 1
    blocks.append(order[start:])
    return blocks


def place_chained(
    blocks: Sequence[Sequence[str]], lay_out: Callable[[Sequence[str]], dict[str, DotNode]],
    ext: dict[str, tuple[float, float]], links: Sequence[tuple[str, str, str]], lane_index: dict[str, int],
    label_width: Callable[[str], float],
) -> dict[str, DotNode]:
    """Each block laid out by ``lay_out`` (node positions of the block's own graph), then
    moved right of the blocks before it and, lane by lane, in line with them (see module)."""
    placed: dict[str, DotNode] = {}
    block_of = {node: k for k, block in enumerate(blocks) for node in block}
    entries: dict[int, list[tuple[str, str, str]]] = {}
    for a, b, label in links:
        if a in block_of and b in block_of and block_of[a] < block_of[b]:
            entries.setdefault(block_of[b], []).append((a, b, label))
    centre: dict[int, float] = {}  # each lane's centre in the blocks so far
    right = 0.0
    for k, block in enumerate(blocks):
        positions = lay_out(block)
        if not positions:
            continue
        crossing = [link for link in entries.get(k, ()) if link[0] in placed]
        gap = BLOCK_GAP + max((label_width(label) for _, _, label in crossing if label), default=0.0)
        left = min(p.cx - ext[n][0] / 2 for n, p in positions.items())
        dx = (right + gap - left) if placed else 0.0
        lanes: dict[int, list[str]] = {}
        for node in positions:
            lanes.setdefault(lane_index.get(node, 0), []).append(node)
        for lane, nodes in sorted(lanes.items()):
            lo = min(positions[n].cy - ext[n][1] / 2 for n in nodes)
            hi = max(positions[n].cy + ext[n][1] / 2 for n in nodes)
            entry = next((link for link in crossing if link[1] in positions
                          and lane_index.get(link[1], 0) == lane == lane_index.get(link[0], 0)), None)
            if entry is not None:
                dy = placed[entry[0]].cy - positions[entry[1]].cy
            else:
                dy = centre.get(lane, (lo + hi) / 2) - (lo + hi) / 2
            centre[lane] = (lo + hi) / 2 + dy
            for n in nodes:
                p = positions[n]
                placed[n] = replace(p, cx=p.cx + dx, cy=p.cy + dy)
        right = max(placed[n].cx + ext[n][0] / 2 for n in positions)
    return placed
