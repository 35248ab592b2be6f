"""Behavioural relations between the steps of one model (a behavioural profile).

For every ordered pair of steps (x, y) the profile holds one relation:

* ``before``    — strict order: whenever both occur, x occurs first (x ->  y);
* ``after``     — the reverse (y -> x);
* ``parallel``  — both can occur in one case, in either order (concurrency, x || y);
* ``exclusive`` — they never occur in the same case (x + y);

and for every step whether it is ``optional`` (some complete case skips it) and
whether it is ``repeatable`` (it lies on a cycle of the flow graph: a loop).

These are the relations of Weidlich, Mendling and Weske's behavioural profiles
("Efficient consistency measurement based on behavioral profiles of process models",
IEEE TSE 37(3), 2011), computed over the flow graph (view.py) instead of a Petri net's
state space. Method:

1. **Loops apart.** Back edges are removed: an edge u -> v is a back edge when v
   dominates u (every path from the start to u passes v; dominators (processes.digraph) from
   the virtual root). Edges still closing a cycle (irreducible loops) are removed in
   depth-first order. The source u of a back edge gets an edge to every exit of its loop
   (the targets of edges leaving the loop's strongly connected component), so what
   follows the loop stays after every step of its body.
   What remains is acyclic; the strongly connected components of the original graph
   give ``repeatable``. Loops are found in the sequence flows only: message flows are
   added afterwards as order (sent before received), except a message that would close
   a cycle (a reply to a request: "ask the other party, then wait for its answer"),
   which is left out and makes nothing repeatable. Which message of a cycle is the
   reply does not depend on ids: messages into events (waiting for the message) are
   kept first, then messages into activities, each from the earliest sender on. Relations therefore describe *one iteration*: "B before C" holds
   inside a loop over B and C, and the loop itself is reported separately.
2. **Order** is reachability in the acyclic graph: y reachable from x => ``before``.
3. **Concurrency** (gateway analysis): x and y, neither reaching the other, are
   ``parallel`` when some node splits into several branches taken *together* — a
   parallel, inclusive or complex gateway, an activity or event with several outgoing
   flows (implicit parallel split), an activity with a non-interrupting boundary event
   — and x lies on (is reachable from) one of those branches and y on another.
   Otherwise they are ``exclusive``.
4. **Optional**: x is optional when some *choice* — an exclusive, event-based,
   inclusive or complex gateway, conditional flows, an interrupting boundary event
   (normal completion vs the event), a non-interrupting one (the event may not fire),
   several start events of one process — has an alternative from which x is not
   reachable, while the choice itself can reach x.

Limits (documented, tested where they matter): a reply left out (above) orders
nothing, so the replying pool's steps count as parallel with what follows the asking
activity; the analysis is exact for
block-structured models (every split closed by a join of the same kind) and
approximate for unstructured ones — e.g. an exclusive join merging two parallel
branches is read as if each branch ran once; an inclusive join is read as waiting
for every branch that was started. Event subprocesses count as separate starts. An
interrupting boundary event is read as an alternative to its host's normal completion,
so the steps inside a subprocess count as exclusive with the boundary event's path
(in a run they may have happened before it fired). Several start events of one process,
and entries into parts nothing leads to, are alternative starts.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from processes.diff.view import ROOT, ModelView
from processes.digraph import (
    Digraph,
    descendants,
    has_path,
    immediate_dominators,
    strongly_connected_components,
    topological_sort,
)
from processes.model import CallActivity, Definitions, Event, FrozenMap, Gateway, SubProcess, Task

__all__ = ["Profile", "behavioural_profile", "RELATIONS", "inverse", "CODES", "relation_name", "compare_relations",
           "closing_edge"]

RELATIONS = ("before", "after", "parallel", "exclusive")
_INVERSE = {"before": "after", "after": "before", "parallel": "parallel", "exclusive": "exclusive"}


def inverse(relation: str) -> str:
    """The relation seen from the other step (before <-> after)."""
    return _INVERSE[relation]


#: relation codes of ``Profile.relation_rows``
CODES = {"same": 0, "before": 1, "after": 2, "parallel": 3, "exclusive": 4}
_NAMES = {code: name for name, code in CODES.items()}


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Profile:
    """The behavioural profile of one model's steps, kept as bit sets (one bit per node of
    the acyclic flow graph): ``reach[x]`` the nodes after x, ``reached[x]`` those before
    it, ``concurrent[x]`` those that can run at the same time. A relation is read from
    them when asked, so a profile takes memory in proportion to n² bits, not n² entries.
    """

    steps: tuple[str, ...]
    size: int  # nodes of the acyclic flow graph (bits per set)
    bit: FrozenMap[str, int]  # step -> its bit position
    reach: FrozenMap[str, int]
    reached: FrozenMap[str, int]
    concurrent: FrozenMap[str, int]
    optional: frozenset[str]
    repeatable: frozenset[str]
    #: per alternative of every choice, the nodes some case skips when it takes that alternative
    skips: tuple[int, ...] = ()

    def skippable(self, ids: Iterable[str]) -> bool:
        """Whether some complete case runs none of the steps ``ids`` (for one step: it is
        ``optional``). Two letters on the two branches of one choice are each optional, but
        every case sends one of them: together they are not."""
        present = [i for i in ids if i in self.bit]
        if len(present) <= 1:
            return bool(present) and present[0] in self.optional
        mask = 0
        for i in present:
            mask |= 1 << self.bit[i]
        return any(not mask & ~m for m in self.skips)

    def relation(self, x: str, y: str) -> str:
        """The relation of x to y (``before`` means x comes first)."""
        by = 1 << self.bit[y]
        if self.reach[x] & by:
            return "before"
        if self.reached[x] & by:
            return "after"
        if self.concurrent[x] & by:
            return "parallel"
        return "exclusive"

    def columns(self, cols: list[str]) -> np.ndarray:
        """The bit positions of the steps ``cols`` (for :meth:`relation_rows`)."""
        return np.fromiter((self.bit[c] for c in cols), dtype=np.int64, count=len(cols))

    def relation_rows(self, rows: list[str], cols: list[str], index: np.ndarray | None = None) -> np.ndarray:
        """``len(rows) x len(cols)`` relation codes (``CODES``; 0 where a row and a column
        are the same step), computed with numpy from the bit sets, all rows at once.
        ``index``: :meth:`columns` of ``cols``, when the caller asks for many row blocks."""
        if index is None:
            index = self.columns(cols)
        nbytes = (self.size + 7) // 8
        if not rows or not nbytes:
            return np.full((len(rows), len(cols)), CODES["same"], dtype=np.int8)

        byte, shift = index >> 3, (index & 7).astype(np.uint8)

        def bits(sets: FrozenMap[str, int]) -> np.ndarray:
            """The bit of every column in every row's set (read from the bytes, not all bits unpacked)."""
            raw = np.frombuffer(b"".join(sets[x].to_bytes(nbytes, "little") for x in rows), dtype=np.uint8)
            return ((raw.reshape(len(rows), nbytes)[:, byte] >> shift) & 1).view(bool)

        out = np.where(bits(self.concurrent), np.int8(CODES["parallel"]), np.int8(CODES["exclusive"]))
        out = np.where(bits(self.reached), np.int8(CODES["after"]), out)
        out = np.where(bits(self.reach), np.int8(CODES["before"]), out)
        own = np.fromiter((self.bit[x] for x in rows), dtype=np.int64, count=len(rows))
        out[index[None, :] == own[:, None]] = CODES["same"]
        return out

    def first_in_flow(self, ids: Iterable[str]) -> str | None:
        """The step of ``ids`` that none of the others precedes (the first listed on ties);
        None when none of them is in the profile."""
        present = [i for i in ids if i in self.bit]
        for i in present:
            if all(self.relation(i, j) != "after" for j in present if j != i):
                return i
        return present[0] if present else None


def relation_name(code: int) -> str:
    """The relation a code of ``Profile.relation_rows`` stands for."""
    return _NAMES[int(code)]


def _sequence_graph(flow: Digraph) -> tuple[Digraph, list[tuple[str, str]]]:
    """The flow graph without its message flows (entered from ROOT wherever nothing else
    leads), and the message flows."""
    message = sorted((u, v) for u, v, data in flow.edges(data=True) if data.get("message"))
    seq = flow.copy()
    seq.remove_edges_from(message)
    for n in sorted(seq.nodes):
        if n != ROOT and seq.in_degree(n) == 0:
            seq.add_edge(ROOT, n)
    reached = descendants(seq, ROOT) | {ROOT}
    for n in sorted(seq.nodes):
        if n not in reached:
            seq.add_edge(ROOT, n)
            reached |= descendants(seq, n) | {n}
    return seq, message


def _acyclic(full: Digraph, events: frozenset[str] = frozenset()) -> tuple[Digraph, set[str]]:
    flow, message = _sequence_graph(full)
    dag = flow.copy()
    dom = immediate_dominators(flow, ROOT)
    # entry and exit times of a depth-first walk of the dominator tree: v dominates u
    # exactly when u's interval lies inside v's (constant time per question)
    children: dict[str, list[str]] = {}
    for node, parent in dom.items():
        if node != parent:
            children.setdefault(parent, []).append(node)
    enter: dict[str, int] = {}
    leave: dict[str, int] = {}
    clock = 0
    stack: list[tuple[str, bool]] = [(ROOT, False)]
    while stack:
        node, done = stack.pop()
        if done:
            leave[node] = clock
            clock += 1
            continue
        enter[node] = clock
        clock += 1
        stack.append((node, True))
        stack.extend((c, False) for c in sorted(children.get(node, ()), reverse=True))

    def dominates(v: str, u: str) -> bool:
        return v in enter and u in enter and enter[v] <= enter[u] and leave[u] <= leave[v]

    back = [(u, v) for u, v in flow.edges if u in dom and dominates(v, u)]
    dag.remove_edges_from(back)
    while (closing := closing_edge(dag, ROOT)) is not None:
        dag.remove_edge(*closing)
        back.append(closing)
    repeatable: set[str] = set()
    comp_of: dict[str, frozenset[str]] = {}
    for comp in strongly_connected_components(flow):
        if len(comp) > 1:
            repeatable |= comp
            for n in comp:
                comp_of[n] = frozenset(comp)
    # the end of an iteration continues where the loop is left (its exits), so what
    # follows the loop stays after every step of its body
    for u, v in back:
        loop = comp_of.get(v, frozenset())
        exits = sorted({w for p in loop for w in flow.successors(p) if w not in loop})
        for w in exits:
            if not dag.has_edge(u, w) and not has_path(dag, w, u):
                dag.add_edge(u, w)
    repeatable |= {u for u, v in flow.edges if u == v}
    # a message orders sender before receiver, unless it answers one that came the other
    # way (request and reply): such a message closes no loop and is left out
    # Which of a request/reply pair is the reply must not depend on element ids: messages
    # into events (a wait for the message) are added first, then messages into activities;
    # each group from the earliest sender (longest path from the start) on.
    depth: dict[str, int] = {}
    for n in topological_sort(dag):
        depth[n] = max((depth[p] + 1 for p in dag.predecessors(n)), default=0)
    for u, v in sorted(message, key=lambda e: (e[1] not in events, depth[e[0]], depth[e[1]], e)):
        if not has_path(dag, v, u):
            dag.add_edge(u, v)
    return dag, repeatable


def closing_edge(graph: Digraph, source: str) -> tuple[str, str] | None:
    """The edge that closes the first cycle a depth-first walk from ``source`` meets (the
    last edge of ``nx.find_cycle(graph, source)``, found without its bookkeeping), or None."""
    state = {source: 1}  # 1: on the path, 2: done
    stack = [(source, iter(graph.successors(source)))]
    while stack:
        node, rest = stack[-1]
        for nxt in rest:
            seen = state.get(nxt)
            if seen == 1:
                return node, nxt
            if seen is None:
                state[nxt] = 1
                stack.append((nxt, iter(graph.successors(nxt))))
                break
        else:
            stack.pop()
            state[node] = 2
    return None


def _outcomes(
    defs: Definitions, flow: Digraph, dag: Digraph
) -> dict[str, tuple[list[list[str]], list[list[str]]]]:
    """Per node: (branch groups taken together, choice alternatives)."""
    nodes = {n.id: n for p in defs.processes for n in p.nodes.values()}
    conditional_from: dict[str, list[object]] = {}
    for p in defs.processes:
        for f in p.flows.values():
            if f.condition is not None:
                conditional_from.setdefault(f.source, []).append(f)
    out: dict[str, tuple[list[list[str]], list[list[str]]]] = {}
    for u in dag.nodes:
        succ = sorted(dag.successors(u))
        if not succ:
            continue
        node = nodes.get(u)
        if u == ROOT:
            # one start per process runs together; several starts of one process are alternatives
            by_proc: dict[str, list[str]] = {}
            proc_of = {n.id: p.id for p in defs.processes for n in p.nodes.values()}
            for s in succ:
                by_proc.setdefault(proc_of.get(s, s), []).append(s)
            procs = list(by_proc.values())
            together = [[s, t] for i, p in enumerate(procs) for q in procs[i + 1 :] for s in p for t in q]
            starts = [
                [s] + [o for other in by_proc.values() if other is not group for o in other]
                for group in by_proc.values()
                if len(group) > 1
                for s in group
            ]
            out[u] = (together, starts)
            continue
        if isinstance(node, Gateway):
            if node.gateway_kind in ("exclusive", "eventBased"):
                out[u] = ([], [[s] for s in succ] if len(succ) > 1 else [])
            elif node.gateway_kind == "parallel":
                out[u] = ([succ], [])
            else:  # inclusive, complex: any non-empty subset
                out[u] = ([succ], [[s] for s in succ] if len(succ) > 1 else [])
            continue
        attached = {
            s: ev
            for s in succ
            if isinstance(ev := nodes.get(s), Event) and ev.position == "boundary" and ev.attached_to == u
        }
        boundary = list(attached)
        normal = [s for s in succ if s not in attached]
        conditional = conditional_from.get(u, [])
        groups: list[list[str]] = []
        choices: list[list[str]] = []
        default = node.default if isinstance(node, (Task, SubProcess, CallActivity)) else ""
        if conditional or (default and len(normal) > 1):
            choices.extend([s] for s in normal)
            groups.append(normal)
        elif len(normal) > 1 or isinstance(node, SubProcess):
            groups.append(normal)
        interrupting = [b for b, ev in attached.items() if ev.cancel_activity]
        non_interrupting = [b for b, ev in attached.items() if not ev.cancel_activity]
        if interrupting:
            choices.append(normal)
            choices.extend([b] for b in interrupting)
        for b in non_interrupting:
            choices.append(normal + [x for x in boundary if x != b])
            groups.append(normal + [b])
        out[u] = (groups, choices)
    return out


def behavioural_profile(defs: Definitions, view: ModelView) -> Profile:
    """The behavioural profile of ``view``'s steps (see the module doc for the method)."""
    flow = view.flow
    events = frozenset(n.id for p in defs.processes for n in p.nodes.values() if isinstance(n, Event))
    dag, repeatable = _acyclic(flow, events)
    order = list(topological_sort(dag))
    bit = {n: 1 << i for i, n in enumerate(order)}
    reach: dict[str, int] = {}
    for n in reversed(order):
        r = 0
        for s in dag.successors(n):
            r |= bit[s] | reach[s]
        reach[n] = r
    closed = {n: reach[n] | bit[n] for n in order}
    concurrent: dict[str, int] = {n: 0 for n in order}
    optional: set[str] = set()
    skips: set[int] = set()
    outcomes = _outcomes(defs, flow, dag)
    for u, (groups, choices) in outcomes.items():
        for group in groups:
            for s1, s2 in combinations(sorted(set(group)), 2):
                _mark(concurrent, order, bit, closed[s1], closed[s2])
        for alt in choices:
            covered = 0
            for s in alt:
                covered |= closed[s]
            missed = reach[u] & ~covered
            skips.add(missed)
            for n in _members(order, missed):
                optional.add(n)
    reached: dict[str, int] = {}
    for n in order:
        r = 0
        for p in dag.predecessors(n):
            r |= bit[p] | reached[p]
        reached[n] = r
    steps = tuple(s for s in view.steps if s in bit)
    keep = set(steps)
    return Profile(
        steps,
        len(order),
        FrozenMap({n: i for i, n in enumerate(order) if n in keep}),
        FrozenMap({n: reach[n] for n in steps}),
        FrozenMap({n: reached[n] for n in steps}),
        FrozenMap({n: concurrent[n] for n in steps}),
        frozenset(optional & keep),
        frozenset(repeatable & keep),
        tuple(sorted(skips)),
    )


def _members(order: list[str], mask: int) -> Iterable[str]:
    """The nodes whose bits are set in ``mask`` (numpy over the bytes: linear in n)."""
    if not mask:
        return []
    raw = np.frombuffer(mask.to_bytes((mask.bit_length() + 7) // 8, "little"), dtype=np.uint8)
    return [order[i] for i in np.flatnonzero(np.unpackbits(raw, bitorder="little"))]


def _mark(concurrent: dict[str, int], order: list[str], bit: dict[str, int], left: int, right: int) -> None:
    only_left, only_right = left & ~right, right & ~left
    for n in _members(order, only_left):
        concurrent[n] |= only_right
    for n in _members(order, only_right):
        concurrent[n] |= only_left


_CHUNK = 256

#: the last comparison (weak references to its profiles, its step lists, its result): a diff
#: asks for the same one twice (flow differences, then similarity), and for 20,000 steps
#: each costs seconds; the weak references keep no profile alive
_last: list[tuple[weakref.ref[Profile], weakref.ref[Profile], list[str], list[str],
                  tuple[int, list[tuple[int, int, str, str]]]]] = []


def compare_relations(
    pa: Profile, pb: Profile, xs_a: list[str], xs_b: list[str]
) -> tuple[int, list[tuple[int, int, str, str]]]:
    """Compare the relations of paired steps: ``xs_a[i]`` in A stands for ``xs_b[i]`` in B.

    Returns (number of pairs i < j whose relation is the same in both, the pairs i < j whose
    relation differs as (i, j, relation in A, relation in B)). Rows are compared in chunks
    of numpy matrices, so time grows with the number of pairs but memory does not.
    """
    if _last:
        ref_a, ref_b, last_a, last_b, (same, changed) = _last[0]
        if ref_a() is pa and ref_b() is pb and last_a == xs_a and last_b == xs_b:
            return same, list(changed)
    same, changed = _compare(pa, pb, xs_a, xs_b)
    _last[:] = [(weakref.ref(pa), weakref.ref(pb), list(xs_a), list(xs_b), (same, list(changed)))]
    return same, changed


def _compare(
    pa: Profile, pb: Profile, xs_a: list[str], xs_b: list[str]
) -> tuple[int, list[tuple[int, int, str, str]]]:
    same = 0
    changed: list[tuple[int, int, str, str]] = []
    k = len(xs_a)
    index_a, index_b = pa.columns(xs_a), pb.columns(xs_b)
    for start in range(0, k, _CHUNK):
        stop = min(start + _CHUNK, k)
        # rows start..stop against the columns from start on (pairs i < j only)
        ra = pa.relation_rows(xs_a[start:stop], xs_a[start:], index_a[start:])
        rb = pb.relation_rows(xs_b[start:stop], xs_b[start:], index_b[start:])
        differ = ra != rb
        n = stop - start
        differ[:, :n] &= np.triu(np.ones((n, n), dtype=bool), 1)
        rows, cols = np.nonzero(differ)
        same += n * (k - start) - n * (n + 1) // 2 - len(rows)
        for r, j in zip(rows.tolist(), cols.tolist(), strict=True):
            changed.append((start + r, start + j, relation_name(ra[r, j]), relation_name(rb[r, j])))
    return same, changed
