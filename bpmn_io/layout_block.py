"""Placing the flow nodes of one container (a process or an embedded
subprocess) with Graphviz dot, left to right, lanes as horizontal bands.

Dot ranks the nodes (x) and orders them within each lane (y); the lanes are
then stacked as bands in model order, so a node always lies inside its lane's
band and no two nodes overlap (dot keeps the nodes of one lane apart and the
bands do not intersect). An expanded subprocess is laid out first, on its own,
and enters its parent's graph as one node of its full size. Each dot node is
the shape grown by the room its external label or its boundary events need, so
those do not overlap anything either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bpmn_io.dot import DotNode, quote, run_dot
from bpmn_io.layout_chain import chain_blocks, place_chained
from bpmn_io.textsize import LINE_HEIGHT, text_width, wrap
from processes.model import (
    Association,
    Bounds,
    CallActivity,
    DataObject,
    DataObjectReference,
    DataStoreReference,
    Event,
    Gateway,
    Lane,
    Process,
    SubProcess,
    Task,
    TextAnnotation,
)

__all__ = ["Block", "layout_container", "leaf_lanes", "PAD", "LABEL_TOP", "TASK_SIZE", "EVENT_SIZE", "GATEWAY_SIZE"]

PAD = 25.0  # free margin inside a container or lane band
LABEL_TOP = 25.0  # room for an expanded subprocess's name
MIN_BAND = 120.0
TASK_SIZE = (100.0, 80.0)
EVENT_SIZE = (36.0, 36.0)
GATEWAY_SIZE = (50.0, 50.0)
DATA_OBJECT_SIZE = (36.0, 50.0)
DATA_STORE_SIZE = (50.0, 50.0)
LABEL_FONT = 11.0
LABEL_WIDTH = 90.0


@dataclass(frozen=True, slots=True)
class Block:
    """A laid-out container, coordinates relative to its top-left corner.

    ``bounds`` holds every placed element (nested ones included), ``labels``
    the external label boxes, ``bands`` each leaf lane's (id, top, bottom),
    ``expanded`` the subprocesses drawn open, ``order`` the drawing order.
    """

    width: float
    height: float
    bounds: dict[str, Bounds]
    labels: dict[str, Bounds]
    bands: tuple[tuple[str, float, float], ...]
    expanded: frozenset[str]
    order: tuple[str, ...]


def leaf_lanes(process: Process) -> tuple[Lane, ...]:
    """The lanes without child lanes, top to bottom."""
    return tuple(lane for lane in process.lanes() if lane.child_lane_set is None or not lane.child_lane_set.lanes)


def label_size(text: str) -> tuple[float, float]:
    """Width and height of an external label box for ``text``."""
    lines = wrap(text, LABEL_WIDTH, LABEL_FONT)
    width = max(text_width(line, LABEL_FONT) for line in lines) + 4
    return float(round(max(width, 20))), float(round(len(lines) * LABEL_FONT * LINE_HEIGHT + 2))


def _parent(element: object, process: Process) -> str:
    return getattr(element, "parent", "") or process.id


def _shape_size(element: object, boundary_count: int) -> tuple[float, float]:
    if isinstance(element, (Task, SubProcess, CallActivity)):
        width = max(TASK_SIZE[0], 46.0 * boundary_count + 10) if boundary_count >= 3 else TASK_SIZE[0]
        return width, TASK_SIZE[1]
    if isinstance(element, Event):
        return EVENT_SIZE
    if isinstance(element, Gateway):
        return GATEWAY_SIZE
    if isinstance(element, DataObjectReference):
        return DATA_OBJECT_SIZE
    if isinstance(element, DataStoreReference):
        return DATA_STORE_SIZE
    if isinstance(element, TextAnnotation):
        lines = wrap(element.text, 90, LABEL_FONT) or ("",)
        return 100.0, float(round(max(30.0, len(lines) * LABEL_FONT * LINE_HEIGHT + 10)))
    return TASK_SIZE


def _has_external_label(element: object) -> bool:
    return isinstance(element, (Event, Gateway, DataObjectReference, DataStoreReference)) and bool(
        getattr(element, "name", "").strip()
    )


def layout_container(process: Process, container_id: str, lanes: tuple[Lane, ...] = ()) -> Block:
    """Lay out the direct children of ``container_id`` (recursively their content).

    ``lanes`` are the leaf lanes whose bands the children are stacked in (only
    for a process's top level); empty for no lanes.
    """
    members: list[Any] = [
        n for n in process.nodes.values()
        if _parent(n, process) == container_id
        and not (isinstance(n, Event) and n.position == "boundary")
        and not isinstance(n, DataObject)
    ]
    members += [
        a for a in process.artifacts.values()
        if isinstance(a, TextAnnotation) and _parent(a, process) == container_id
    ]
    member_ids = {m.id for m in members}
    attached: dict[str, list[Event]] = {}
    for n in process.nodes.values():  # one pass, not one per member (large models)
        if isinstance(n, Event) and n.position == "boundary" and n.attached_to:
            attached.setdefault(n.attached_to, []).append(n)
    boundaries = {m.id: tuple(attached.get(m.id, ())) for m in members}
    parents = {n.parent for n in process.nodes.values()}
    subs = {m.id: layout_container(process, m.id) for m in members if isinstance(m, SubProcess) and m.id in parents}
    sizes: dict[str, tuple[float, float]] = {}
    ext: dict[str, tuple[float, float]] = {}
    for m in members:
        if m.id in subs:
            sizes[m.id] = (subs[m.id].width, subs[m.id].height + LABEL_TOP)
        else:
            sizes[m.id] = _shape_size(m, len(boundaries[m.id]))
        w, h = sizes[m.id]
        if _has_external_label(m):
            lw, lh = label_size(m.name)
            w, h = max(w, 2 * (lw + 6) if isinstance(m, Gateway) else lw), h + 2 * (lh + 6)
        if boundaries[m.id]:
            named = [label_size(b.name) for b in boundaries[m.id] if b.name.strip()]
            h += 2 * (22 + max((lh + 6 for _, lh in named), default=0.0))
            w += max((lw for lw, _ in named), default=0.0)
        ext[m.id] = (w, h)

    def member_of(node_id: str) -> str | None:
        seen = 0
        while node_id and node_id not in member_ids and seen < 100:
            node = process.nodes.get(node_id)
            if node is None:
                return None
            node_id = node.attached_to if isinstance(node, Event) and node.attached_to else _parent(node, process)
            seen += 1
        return node_id if node_id in member_ids else None

    links: list[tuple[str, str, str]] = []
    for flow in process.flows.values():
        a, b = member_of(flow.source), member_of(flow.target)
        if a and b and a != b:
            links.append((a, b, flow.name.strip()))
    for m in members:
        for assoc in getattr(m, "data_associations", ()):
            if assoc.direction == "input":
                links += [(s, m.id, "") for s in assoc.sources if s in member_ids and s != m.id]
            elif assoc.target in member_ids and assoc.target != m.id:
                links.append((m.id, assoc.target, ""))
    for art in process.artifacts.values():
        if isinstance(art, Association):
            a, b = member_of(art.source), member_of(art.target)
            if a and b and a != b:
                first_annotation = isinstance(process.artifacts.get(a), TextAnnotation)
                links.append((b, a, "") if first_annotation else (a, b, ""))

    # without lanes, event subprocesses (no flows in or out) go in a row below the flow
    # instead of widening its first column
    row = [] if lanes else [m for m in members if isinstance(m, SubProcess) and m.triggered_by_event]
    in_flow = [m for m in members if m not in row]
    lane_index = _assign_lanes(process, in_flow, lanes, links)
    positions = _run(in_flow, ext, links, lane_index, len(lanes))
    block = _place(process, in_flow, sizes, ext, positions, lane_index, lanes, subs, boundaries)
    return _row_below(block, row, sizes, subs) if row else block


def _put_inside(sub: Block, sub_id: str, b: Bounds, bounds: dict, labels: dict, expanded: set, order: list) -> None:
    """Copy an expanded subprocess's content into its parent, below the name band of its shape ``b``."""
    expanded.add(sub_id)
    expanded.update(sub.expanded)
    for key, sb in sub.bounds.items():
        bounds[key] = Bounds(sb.x + b.x, sb.y + b.y + LABEL_TOP, sb.width, sb.height)
    for key, lb in sub.labels.items():
        labels[key] = Bounds(lb.x + b.x, lb.y + b.y + LABEL_TOP, lb.width, lb.height)
    order.extend(sub.order)


def _row_below(block: Block, row: list[Any], sizes: dict, subs: dict[str, Block]) -> Block:
    """``block`` with ``row`` (shapes without flows) added left to right below its content."""
    bounds, labels = dict(block.bounds), dict(block.labels)
    expanded, order = set(block.expanded), list(block.order)
    x, y = PAD, (block.height if block.bounds else PAD)
    for m in row:
        w, h = sizes[m.id]
        b = Bounds(x, y, w, h)
        bounds[m.id] = b
        order.append(m.id)
        if m.id in subs:
            _put_inside(subs[m.id], m.id, b, bounds, labels, expanded, order)
        x += w + PAD
    height = max(block.height, max(b.y + b.height for b in bounds.values()) + PAD)
    width = max(block.width, x)
    return Block(round(width), round(height), bounds, labels, block.bands, frozenset(expanded), tuple(order))


def _assign_lanes(
    process: Process, members: list, lanes: tuple[Lane, ...], links: list[tuple[str, str, str]]
) -> dict[str, int]:
    if not lanes:
        return {}
    leaf_ids = [lane.id for lane in lanes]
    index: dict[str, int] = {}
    innermost: dict[str, Lane] = {}  # Process.lane_of for every node in one pass (large models)
    for listing in process.lanes():  # depth first: a nested lane comes after its parent
        for ref in listing.flow_node_refs:
            innermost[ref] = listing
    for m in members:
        lane = innermost.get(m.id)
        while lane is not None and lane.id not in leaf_ids:
            lane = lane.child_lane_set.lanes[0] if lane.child_lane_set and lane.child_lane_set.lanes else None
        if lane is not None:
            index[m.id] = leaf_ids.index(lane.id)
    for _ in range(3):  # unlisted nodes (data, annotations) join a neighbour's lane
        for a, b, _label in links:
            if a in index and b not in index:
                index[b] = index[a]
            elif b in index and a not in index:
                index[a] = index[b]
    for m in members:
        index.setdefault(m.id, 0)
    return index


def _run(
    members: list, ext: dict[str, tuple[float, float]], links: list[tuple[str, str, str]],
    lane_index: dict[str, int], lane_count: int,
) -> dict[str, DotNode]:
    if not members:
        return {}
    names = {m.id: f"n{i}" for i, m in enumerate(members)}

    blocks = chain_blocks([m.id for m in members], [(a, b) for a, b, _ in links])
    block_of = {node: k for k, block in enumerate(blocks) for node in block}
    inner: list[list[tuple[str, str, str]]] = [[] for _ in blocks]
    for link in links:
        if block_of[link[0]] == block_of[link[1]]:
            inner[block_of[link[0]]].append(link)

    def lay_out(ids: Sequence[str]) -> dict[str, DotNode]:
        """One dot run over the nodes ``ids`` (one block) and the links between them."""
        lines = [
            "digraph layout {",
            "graph [rankdir=LR, newrank=true, nodesep=0.4, ranksep=0.5, margin=0];",
            'node [shape=box, fixedsize=true, label=""];',
        ]
        groups: list[list[str]] = [[] for _ in range(max(lane_count, 1))]
        for m in ids:
            w, h = ext[m]
            groups[lane_index.get(m, 0)].append(f"{names[m]} [width={w / 72:.4f}, height={h / 72:.4f}];")
        for i, group in enumerate(groups):
            if lane_count:
                lines.append(f"subgraph cluster_{i} {{ {' '.join(group)} }}")
            else:
                lines.extend(group)
        for a, b, label in inner[block_of[ids[0]]] if ids else ():
            attrs = f' [label={quote(chr(10).join(wrap(label, 90, LABEL_FONT)))}, fontsize=11]' if label else ""
            lines.append(f"{names[a]} -> {names[b]}{attrs};")
        lines.append("}")
        by_name = run_dot("\n".join(lines) + "\n", blocks=len(blocks))
        return {m: by_name[names[m]] for m in ids if names[m] in by_name}

    if len(blocks) == 1:
        return lay_out(blocks[0])
    return place_chained(blocks, lay_out, ext, links, lane_index, lambda label: label_size(label)[0])


def _place(
    process: Process, members: list, sizes: dict, ext: dict, positions: dict[str, DotNode],
    lane_index: dict[str, int], lanes: tuple[Lane, ...], subs: dict[str, Block], boundaries: dict,
) -> Block:
    if not positions:
        empty = tuple((lane.id, i * MIN_BAND, (i + 1) * MIN_BAND) for i, lane in enumerate(lanes))
        return Block(2 * PAD + 100, max(len(lanes), 1) * MIN_BAND if lanes else 2 * PAD, {}, {}, empty,
                     frozenset(), ())
    left = min(p.cx - ext[i][0] / 2 for i, p in positions.items())
    dx = PAD - left
    dy: dict[str, float] = {}
    bands: list[tuple[str, float, float]] = []
    if lanes:
        top = 0.0
        for i, lane in enumerate(lanes):
            ids = [m for m in positions if lane_index[m] == i]
            if ids:
                lo = min(positions[m].cy - ext[m][1] / 2 for m in ids)
                hi = max(positions[m].cy + ext[m][1] / 2 for m in ids)
                height = max(MIN_BAND, hi - lo + 2 * PAD)
                for m in ids:
                    dy[m] = top + (height - (hi - lo)) / 2 - lo
            else:
                height = MIN_BAND
            bands.append((lane.id, round(top), round(top + height)))
            top += height
        total_height = top
    else:
        lo = min(p.cy - ext[i][1] / 2 for i, p in positions.items())
        hi = max(p.cy + ext[i][1] / 2 for i, p in positions.items())
        dy = {m: PAD - lo for m in positions}
        total_height = hi - lo + 2 * PAD
    width = max(p.cx + ext[i][0] / 2 for i, p in positions.items()) + dx + PAD
    bounds: dict[str, Bounds] = {}
    labels: dict[str, Bounds] = {}
    expanded: set[str] = set()
    order: list[str] = []
    for m in members:
        if m.id not in positions:
            continue
        p = positions[m.id]
        w, h = sizes[m.id]
        cx, cy = round(p.cx + dx), round(p.cy + dy[m.id])
        b = Bounds(round(cx - w / 2), round(cy - h / 2), w, h)
        bounds[m.id] = b
        order.append(m.id)
        if _has_external_label(m):
            lw, lh = label_size(m.name)
            # a gateway's branches leave from its bottom corner: keep its label clear of them
            lx = b.cx + 6 if isinstance(m, Gateway) else round(b.cx - lw / 2)
            labels[m.id] = Bounds(lx, b.y + b.height + 4, lw, lh)
        if m.id in subs:
            _put_inside(subs[m.id], m.id, b, bounds, labels, expanded, order)
        hosted = boundaries[m.id]
        for k, event in enumerate(hosted):
            ex = round(b.x + b.width * (k + 1) / (len(hosted) + 1) - EVENT_SIZE[0] / 2)
            eb = Bounds(ex, b.y + b.height - EVENT_SIZE[1] / 2, *EVENT_SIZE)
            bounds[event.id] = eb
            order.append(event.id)
            if event.name.strip():
                lw, lh = label_size(event.name)
                # beside the flow that leaves the event downwards
                labels[event.id] = Bounds(eb.x + eb.width - 4, eb.y + eb.height, lw, lh)
    return Block(round(width), round(total_height), bounds, labels, tuple(bands), frozenset(expanded), tuple(order))
