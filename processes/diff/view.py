"""The comparable view of a model: its steps and the flow graph between them.

A *step* is every flow node a person would name in a comparison: tasks, subprocesses,
call activities and events. Gateways are not steps; they shape the control flow, which
is compared through behavioural relations (relations.py), not edge by edge. Data
objects and stores are left out.

The *flow graph* has every flow node of every process of the document. Its edges are
the sequence flows, plus: host activity -> each boundary event attached to it;
subprocess -> its start events and its end events -> the subprocess's successors (so
the children sit between the subprocess and what follows it); the same for a call
activity and the process it calls when that process is in the document (so a tool that
writes an expanded call as a subprocess and one that writes a called process compare
alike); and message flows
between flow nodes (a message is sent before it is received; such edges carry
``message=True``). The *step graph*
contracts gateways: u -> v when a path from u to v passes only through gateways.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from processes.diff.diffwords import Said, display_name, word
from processes.digraph import Digraph, descendants, shortest_path_lengths
from processes.model import (
    CallActivity,
    DataObject,
    DataObjectReference,
    DataStoreReference,
    Definitions,
    Event,
    FrozenMap,
    Gateway,
    Lane,
    MultiInstance,
    Node,
    Process,
    SequenceFlow,
    StandardLoop,
    SubProcess,
    Task,
)
from processes.mojibake import repair_mojibake
from processes.shownnames import name_in

__all__ = ["Step", "ModelView", "build_view", "display_name", "quoted_names", "flow_words", "ROOT"]

ROOT = "\x00root"  # the virtual node before every start
_TOGETHER = frozenset({"parallel", "inclusive", "complex"})  # gateways whose branches run together


@dataclass(frozen=True, slots=True)
class Step:
    """What the comparison knows about one step.

    ``kind``: task | subProcess | callActivity | event. ``detail``: the task type, the
    subprocess variant, or ``<position>:<trigger>`` of an event. ``performer``: the
    innermost lane's name (a boundary event no lane lists: its host's), else the pool's name,
    else "". ``timer``: the timer
    expression of a timer event (``timeDuration=P14D``), else "". ``loop``: "",
    ``standard`` (with ``max N`` when given) or ``multi-instance parallel|sequential``.
    """

    id: str
    name: str
    kind: str
    detail: str
    performer: str = ""
    timer: str = ""
    loop: str = ""
    process: str = ""
    #: inside an event subprocess: it runs when its trigger comes, not in the case's sequence
    #: (its start is no start of the case, its end no end of it)
    on_trigger: bool = False


def quoted_names(steps: Iterable[Step], between: str = " + ") -> Said:
    """The steps' names, each in quotes, joined by ``between``: one text, or (English, Swedish) when an
    unnamed step is among them (its name says what it is, in words of each language)."""
    steps = list(steps)
    en, sv = (between.join(f'"{display_name(s, lang)}"' for s in steps) for lang in ("en", "sv"))
    return en if en == sv else (en, sv)


@dataclass(frozen=True, slots=True)
class ModelView:
    """Steps, the flow graph (a :class:`processes.digraph.Digraph`, networkx's interface;
    read-only by convention) and the step graph."""

    name: str
    steps: FrozenMap[str, Step]
    flow: Digraph
    step_edges: frozenset[tuple[str, str]]
    position: FrozenMap[str, float]
    succ: FrozenMap[str, tuple[str, ...]]
    pred: FrozenMap[str, tuple[str, ...]]
    #: each sequence flow's id -> how a person reads it, in (English, Swedish) (:func:`flow_words`): a profile
    #: names a branch by its flow's id (``probabilities: {Flow_Ja: 0.3}``), a difference by these words
    flows: FrozenMap[str, Said] = FrozenMap()
    #: each sequence flow's id -> (its source's id, its target's id): a gateway's branches (gatewaydiff.py)
    flow_ends: FrozenMap[str, tuple[str, str]] = FrozenMap()

    def successors(self, step_id: str) -> tuple[str, ...]:
        """The steps right after ``step_id`` (only gateways between), sorted by id."""
        return self.succ.get(step_id, ())

    def predecessors(self, step_id: str) -> tuple[str, ...]:
        """The steps right before ``step_id`` (only gateways between), sorted by id."""
        return self.pred.get(step_id, ())


def _kind(node: Node) -> str | None:
    if isinstance(node, Task):
        return "task"
    if isinstance(node, SubProcess):
        return "subProcess"
    if isinstance(node, CallActivity):
        return "callActivity"
    if isinstance(node, Event):
        return "event"
    return None


def _detail(node: Node) -> str:
    if isinstance(node, Task):
        return node.task_type
    if isinstance(node, SubProcess):
        return node.variant
    if isinstance(node, Event):
        return f"{node.position}:{node.trigger}"
    return "callActivity"


def _timer(node: Node) -> str:
    if not isinstance(node, Event):
        return ""
    parts = [
        f"{d.timer_kind or 'timer'}={d.timer.text.strip() if d.timer else ''}"
        for d in node.definitions
        if d.kind == "timer"
    ]
    return "; ".join(parts)


def _loop(node: Node) -> str:
    loop = getattr(node, "loop", None)
    if isinstance(loop, StandardLoop):
        # a maximum of 0 is no maximum, as the simulator reads it (simformats.skeleton): tools write
        # loopMaximum="0" for none (Cardanit, Bizagi, Visual Paradigm; found by QA, qaproc: MIWG C.4.0's
        # reference against Cardanit's export said "standard in A; standard max 0 in B")
        return "standard" + (f" max {loop.loop_maximum}" if loop.loop_maximum else "")
    if isinstance(loop, MultiInstance):
        return "multi-instance " + ("sequential" if loop.is_sequential else "parallel")
    return ""


def _in_event_subprocess(proc: Process, node: Node) -> bool:
    """Whether ``node`` lies (at any depth) inside an event subprocess of ``proc``."""
    seen = {node.id}
    parent = proc.nodes.get(node.parent)
    while parent is not None and parent.id not in seen:
        if isinstance(parent, SubProcess) and parent.triggered_by_event:
            return True
        seen.add(parent.id)
        parent = proc.nodes.get(parent.parent)
    return False


def build_view(defs: Definitions, name: str = "") -> ModelView:
    """The comparable view of ``defs`` (every process of the document)."""
    pool_names = {p.process_ref: p.name for p in defs.participants() if p.process_ref}
    steps: dict[str, Step] = {}
    flow = Digraph()
    skip = (DataObject, DataObjectReference, DataStoreReference)
    nodes: dict[str, Node] = {}
    flows: dict[str, SequenceFlow] = {}
    for proc in defs.processes:
        lane_of = _innermost_lanes(proc)
        for node in proc.nodes.values():
            if isinstance(node, skip):
                continue
            nodes[node.id] = node
            flow.add_node(
                node.id,
                gateway=isinstance(node, Gateway),
                parallel=isinstance(node, Gateway) and node.gateway_kind in _TOGETHER,
                name=repair_mojibake(node.name).strip() if isinstance(node, Gateway) else "",
                # the flow a gateway takes when no other condition holds (gatewaydiff.py says it as such)
                default=node.default if isinstance(node, Gateway) else "",
            )
            kind = _kind(node)
            if kind is None:
                continue
            lane = lane_of.get(node.id)
            parent: Node = node
            seen = {node.id}
            if lane is None and isinstance(node, Event) and node.position == "boundary" \
                    and node.attached_to in proc.nodes:
                # on its host's border: in its host's lane (tools list it there, or not at all)
                parent = proc.nodes[node.attached_to]
                seen.add(parent.id)
                lane = lane_of.get(parent.id)
            while lane is None and parent.parent in proc.nodes and parent.parent not in seen:
                parent = proc.nodes[parent.parent]
                seen.add(parent.id)
                lane = lane_of.get(parent.id)
            performer = lane.name if lane is not None else pool_names.get(proc.id, "")
            steps[node.id] = Step(
                node.id,
                repair_mojibake(node.name).strip(),  # as matching reads it: "Rechnung klären", not "klÃƒÂ¤ren"
                kind,
                _detail(node),
                repair_mojibake(performer).strip(),
                _timer(node),
                _loop(node),
                proc.id,
                _in_event_subprocess(proc, node),
            )
        for f in proc.flows.values():
            if f.source in nodes and f.target in nodes:
                flow.add_edge(f.source, f.target)
        flows.update((f.id, f) for f in proc.flows.values())
    # what follows each node by sequence flow alone, before any derived edge is added
    sequence_successors = {n: sorted(flow.successors(n)) for n in flow.nodes}
    child_events: dict[str, list[Event]] = {}  # one pass, not one per subprocess (large models)
    for child in nodes.values():
        if isinstance(child, Event) and child.parent:
            child_events.setdefault(child.parent, []).append(child)
    for node in nodes.values():
        if isinstance(node, Event) and node.position == "boundary" and node.attached_to in nodes:
            flow.add_edge(node.attached_to, node.id)
        if isinstance(node, SubProcess):
            outs = sequence_successors.get(node.id, [])
            for child in child_events.get(node.id, ()):
                if child.position == "start" and not node.triggered_by_event:
                    flow.add_edge(node.id, child.id)
                elif child.position == "end" and not node.triggered_by_event:
                    for t in outs:
                        flow.add_edge(child.id, t)
    # a call activity runs the process it calls when that process is in the document:
    # it leads into that process's start events, whose end events lead on
    processes = {p.id: p for p in defs.processes}
    for node in nodes.values():
        if not isinstance(node, CallActivity) or node.called_element not in processes:
            continue
        called = processes[node.called_element]
        if node.id in called.nodes:
            continue  # a process calling itself: nothing to expand
        outs = sequence_successors.get(node.id, [])
        for child in called.nodes.values():
            if not isinstance(child, Event) or child.parent not in ("", called.id):
                continue
            if child.position == "start":
                flow.add_edge(node.id, child.id)
            elif child.position == "end":
                for t in outs:
                    flow.add_edge(child.id, t)
    for mf in defs.message_flows():
        if mf.source in nodes and mf.target in nodes and not flow.has_edge(mf.source, mf.target):
            flow.add_edge(mf.source, mf.target, message=True)
    for n in list(flow.nodes):
        if flow.in_degree(n) == 0:
            flow.add_edge(ROOT, n)
    flow.add_node(ROOT, gateway=True)
    # a cycle nothing leads into (a drawing error, or a fragment) still gets an entry
    reached = descendants(flow, ROOT) | {ROOT}
    for n in sorted(flow.nodes):
        if n not in reached:
            flow.add_edge(ROOT, n)
            reached |= descendants(flow, n) | {n}
    step_edges = _contract(flow, steps)
    succ_lists: dict[str, list[str]] = {s: [] for s in steps}
    pred_lists: dict[str, list[str]] = {s: [] for s in steps}
    for u, v in step_edges:
        succ_lists[u].append(v)
        pred_lists[v].append(u)
    succ = {s: tuple(sorted(vs)) for s, vs in succ_lists.items()}
    pred = {s: tuple(sorted(us)) for s, us in pred_lists.items()}
    return ModelView(
        name,
        FrozenMap(steps),
        flow,
        frozenset(step_edges),
        FrozenMap(_positions(flow, steps)),
        FrozenMap(succ),
        FrozenMap(pred),
        FrozenMap({i: flow_words(f, nodes, steps) for i, f in flows.items()}),
        FrozenMap({i: (f.source, f.target) for i, f in flows.items()}),
    )


def flow_words(f: SequenceFlow, nodes: Mapping[str, Node], steps: Mapping[str, Step]) -> Said:
    """A sequence flow as a person reads it, in (English, Swedish): its label in that language (a branch's
    "Yes" / "Ja"), or else "the flow from "X" to "Y"" by the names of its ends (a step unnamed: what it is,
    :func:`display_name`; a gateway unnamed: "a gateway"); one text when both languages say it alike."""
    said = []
    for lang in ("en", "sv"):
        label = name_in(f, lang).strip()
        if label:
            said.append(f'"{" ".join(label.split())}"')
            continue
        ends = [_end_words(nodes.get(end), steps.get(end), lang) for end in (f.source, f.target)]
        said.append(word("flow_between", lang, source=ends[0], target=ends[1]))
    return said[0] if said[0] == said[1] else (said[0], said[1])


def _end_words(node: Node | None, step: Step | None, lang: str) -> str:
    if step is not None:
        return f'"{display_name(step, lang)}"'
    name = name_in(node, lang).strip() if node is not None else ""
    return f'"{" ".join(name.split())}"' if name else word("unnamed_node", lang)


def _innermost_lanes(proc: Process) -> dict[str, Lane]:
    """``proc.lane_of`` for every node it lists, in one pass over the lanes."""
    found: dict[str, Lane] = {}
    for lane in proc.lanes():  # depth first: a nested lane comes after its parent, and wins
        for ref in lane.flow_node_refs:
            found[ref] = lane
    return found


def _contract(flow: Digraph, steps: dict[str, Step]) -> set[tuple[str, str]]:
    edges: set[tuple[str, str]] = set()
    for u in steps:
        seen: set[str] = set()
        stack = list(flow.successors(u))
        while stack:
            v = stack.pop()
            if v in seen:
                continue
            seen.add(v)
            if v in steps:
                if v != u:
                    edges.add((u, v))
            else:
                stack.extend(flow.successors(v))
    return edges


def _positions(flow: Digraph, steps: Iterable[str]) -> dict[str, float]:
    """Normalised distance from the start: shortest number of steps from ROOT / the largest."""
    dist = shortest_path_lengths(flow, ROOT)
    ids = list(steps)
    reach = [dist[s] for s in ids if s in dist]
    top = max(reach) if reach else 1
    low = min(reach) if reach else 0
    span = max(top - low, 1)
    return {s: round((dist[s] - low) / span, 6) if s in dist else 1.0 for s in ids}
