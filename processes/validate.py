"""Structural checks of a BPMN model: one ``check()`` -> a list of ``Problem``.

Every problem has a stable ``code`` (tools and tests rely on it), a severity
(``error``: the model is wrong or cannot run as drawn; ``warning``: legal but
probably not meant), the id of the element it is about, and a message naming
the rule and the actual values.

=====================  ========  ===================================================
code                   severity  rule
=====================  ========  ===================================================
``duplicate-id``       error     two elements of the document share an id
``missing-ref``        error     a flow, lane, boundary event, default or message
                                 flow names an element that is not there (or, for a
                                 sequence flow, one in another process)
``cross-scope``        error     a sequence flow crosses a subprocess border
``boundary-host``      error     a boundary event is attached to a non-activity
``no-start``           error     a process (or an event subprocess) without a start
                                 event; a subprocess with an end event but no start
``no-end``             error     a process without an end event; a subprocess with
                                 a start event but no end event
``unreachable``        error     no path from a start of its scope reaches the node
``dead-end``           error     no path from the node reaches an end of its scope
``xor-split-and-join`` error     an exclusive choice feeds a parallel join (deadlock)
``and-split-xor-join`` error     parallel branches meet at an exclusive join (lack
                                 of synchronisation: what follows runs twice)
``trivial-gateway``    warning   a gateway with one incoming and one outgoing flow
``implicit-end``       warning   an activity without an outgoing sequence flow in a
                                 scope that has end events: BPMN ends the path
                                 there (an end event says so explicitly)
``invalid-id``         warning   an id that is not an XML id (``myProcess{0}``,
                                 ``241``), that bpmn.io refuses (not ASCII), or a
                                 definitions id that an element repeats; an export
                                 renames it (references follow) and reports it
``optional-path-join`` warning   a parallel join waits for a path that runs only in
                                 some cases (a boundary event's, a branch of an
                                 exclusive, event-based or inclusive gateway, an
                                 activity's way on that its interrupting boundary
                                 event leads away from): cases without it wait
                                 there forever
                                 (:mod:`processes.soundness`)
=====================  ========  ===================================================

Scopes: the process and each embedded subprocess are checked on their own
(sequence flows stay inside one scope). A subprocess with neither start nor
end event uses BPMN's implicit start/end (nodes without incoming/outgoing
flows); an ad-hoc subprocess has no order and is not checked for paths, nor is
a process jBPM marks ad hoc (``drools:adHoc="true"``, its case files).
Event subprocesses and compensation handlers are started by events, not by
sequence flow, and are never "unreachable"; a boundary event is reached
through its host.

Gateway mismatches (the two checks are heuristics on the flow graph of one
scope, not a full soundness proof):

* ``xor-split-and-join`` — for every parallel join J (two or more incoming
  flows) and every exclusive or event-based split X of the same scope: for
  each outgoing branch of X, collect the incoming flows of J that a token
  leaving by that branch can arrive by (paths may loop, but never pass
  through J). If two branches reach J and their sets differ, one choice
  at X leaves some input of J without a token: J waits for ever. Branches
  that never reach J are ignored, so an early exit ("reject -> end") is not
  reported — which also means an exclusive split *inside* a parallel block
  whose one branch ends the path is a deadlock this rule does not see
  (``optional-path-join`` warns of it).
  A split that no path from a start reaches is left out of both rules (it
  is reported as ``unreachable``; no token ever makes its choice).
* ``and-split-xor-join`` — for every exclusive join M (two or more incoming
  flows) and every parallel split P of the same scope: if two or more
  branches of P reach M without passing a synchronising join (a parallel,
  inclusive or complex gateway with two or more incoming flows) or P again,
  two tokens arrive at M and everything after it runs twice. A branch that
  is synchronised by a join belonging to another parallel block still counts
  as synchronised (a rare case this rule misses).

Both rules see a DiGraph, so two sequence flows between the same pair of
nodes count as one.

>>> from processes.model import Definitions, Process
>>> check(Definitions(processes=(Process(id="P"),)))
[]
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import fields, is_dataclass, replace

from processes.digraph import Digraph, immediate_dominators, strongly_connected_components
from processes.graph import (
    branch_inputs,
    dead_ends,
    flow_graph,
    implicit_ends,
    input_feeders,
    scope_nodes,
    scope_of,
    scopes,
    unreachable,
    upstream,
)
from processes.model import (
    CallActivity,
    Definitions,
    Event,
    Gateway,
    Process,
    SubProcess,
    Task,
)
from processes.problems import CODES, SEVERITIES, Problem
from processes.soundness import said, scope_waiting_joins
from processes.xmlids import id_fault

__all__ = ["Problem", "SEVERITIES", "CODES", "check", "errors", "missing_references"]

def check(defs: Definitions) -> list[Problem]:
    """Every structural problem of ``defs``, in document order (process by process)."""
    problems = list(_duplicate_ids(defs))
    problems += _invalid_ids(defs)
    for process in defs.processes:
        problems += _references(defs, process)
        for scope in scopes(process):
            problems += _scope(process, scope)
    problems += _message_flow_refs(defs)
    lines = defs.source_lines
    return [replace(p, line=lines[p.element]) if p.element in lines else p for p in problems]


def missing_references(defs: Definitions) -> list[Problem]:
    """The ``missing-ref`` problems of ``defs`` alone (a lane, message flow, default flow or boundary
    event naming an element that is not there), without the path checks: what diff and compare
    refuse a model for, as the reader refuses a sequence flow that names nothing."""
    problems = [p for process in defs.processes for p in _references(defs, process)]
    problems += _message_flow_refs(defs)
    return [p for p in problems if p.code == "missing-ref"]


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the problems of severity ``error``."""
    return [p for p in problems if p.severity == "error"]


# --------------------------------------------------------------------------- ids and references


def _all_ids(defs: Definitions) -> Iterator[tuple[str, str]]:
    """(id, what) for every element of the document that has an id."""
    for process in defs.processes:
        yield process.id, "process"
        for node in process.nodes.values():
            yield node.id, node.kind
        for flow in process.flows.values():
            yield flow.id, "sequence flow"
        for art in process.artifacts.values():
            yield art.id, type(art).__name__
        for lane_set in process.lane_sets:
            yield lane_set.id, "lane set"
        for lane in process.lanes():
            yield lane.id, "lane"
            if lane.child_lane_set is not None:
                yield lane.child_lane_set.id, "lane set"
    for collab in defs.collaborations:
        yield collab.id, "collaboration"
        for part in collab.participants:
            yield part.id, "pool"
        for mflow in collab.message_flows.values():
            yield mflow.id, "message flow"
        for art in collab.artifacts.values():
            yield art.id, type(art).__name__
    for root in defs.root_elements:
        yield root.id, root.tag
    for diagram in defs.diagrams:
        yield diagram.id, "diagram"
        yield diagram.plane.id, "diagram plane"
        for shape in diagram.plane.shapes:
            yield shape.id, "shape"
        for edge in diagram.plane.edges:
            yield edge.id, "edge"


def _duplicate_ids(defs: Definitions) -> Iterator[Problem]:
    seen: dict[str, list[str]] = {}
    for element_id, what in _all_ids(defs):
        if element_id:
            seen.setdefault(element_id, []).append(what)
    for element_id, whats in seen.items():
        if len(whats) > 1:
            yield Problem("duplicate-id", "error", element_id,
                          f"id '{element_id}' is used {len(whats)} times ({', '.join(whats)}) (expected each id once)")
    for original, element_id in defs.renamed_duplicates:  # a repeat a lenient read renamed (bpmn_io.readids)
        yield Problem("duplicate-id", "error", element_id,
                      f"id '{original}' is used more than once in the file; read leniently, this "
                      f"repeat was renamed '{element_id}' (expected each id once)")
    for event_id, written_in, home in defs.moved_boundary_events:  # bpmn_io.lenient.boundary_events_to_hosts
        yield Problem("boundary-host", "error", event_id,
                      f"boundary event is written in process '{written_in}', the activity it is attached to in "
                      f"process '{home}'; read leniently as part of '{home}' (expected it in its host's process)")


# model fields holding kept BPMN XML (its prefixes are bpmn:, bpmndi:, di:, dc: after import)
_FRAGMENT_FIELDS = frozenset(("io_specification", "xml", "properties", "resource_roles", "label_styles",
                              "children", "imports", "relationships"))
_FRAGMENT_ID = re.compile(r'<(?:bpmn|bpmndi|di|dc):[\w.-]+\s[^<>]*?(?<=\s)id="([^"]*)"')


def _ids_in(item: object) -> list[str]:
    """Every id in a model object: ``id`` fields and the ids of BPMN elements in kept XML, in the
    order of the fields (depth first).

    Vendor extension content is not looked into: the XSD does not make its ids XML ids.
    """
    found: list[str] = []
    _collect_ids(item, found)
    return found


#: per model class: (field name, what it holds) of its fields but ``extension_elements`` (``_ID``: the
#: element's id; ``_FRAGMENT``: kept XML; ``_NESTED``: anything else); ``None`` for a class that is no dataclass
_FIELD_PLANS: dict[type, tuple[tuple[str, int], ...] | None] = {}
_ID, _FRAGMENT, _NESTED = 0, 1, 2


def _field_plan(kind: type) -> tuple[tuple[str, int], ...] | None:
    plan = _FIELD_PLANS.get(kind, ())
    if plan == ():
        plan = None if not is_dataclass(kind) else tuple(
            (f.name, _ID if f.name == "id" else _FRAGMENT if f.name in _FRAGMENT_FIELDS else _NESTED)
            for f in fields(kind) if f.name != "extension_elements")
        _FIELD_PLANS[kind] = plan
    return plan


def _collect_ids(item: object, found: list[str]) -> None:
    plan = _field_plan(type(item))
    if plan is not None:
        for name, held in plan:
            value = getattr(item, name)
            if held == _ID and isinstance(value, str):
                if value:
                    found.append(value)
            elif held == _FRAGMENT:
                for text in (value,) if isinstance(value, str) else value:
                    found.extend(html.unescape(m) for m in _FRAGMENT_ID.findall(text))
            else:
                _collect_ids(value, found)
    elif isinstance(item, tuple):
        for value in item:
            _collect_ids(value, found)
    elif isinstance(item, Mapping):
        for value in item.values():
            _collect_ids(value, found)


def _invalid_ids(defs: Definitions) -> Iterator[Problem]:
    inner = [element_id for f in fields(defs) if f.name != "id" for element_id in _ids_in(getattr(defs, f.name))]
    if defs.id in inner:
        yield Problem("invalid-id", "warning", defs.id,
                      f"the definitions' id '{defs.id}' is also the id of an element (expected each id once in a "
                      "document; an export renames the definitions' id)")
    for element_id in dict.fromkeys(([defs.id] if defs.id else []) + inner):
        fault = id_fault(element_id)
        if fault:
            yield Problem("invalid-id", "warning", element_id,
                          f"id '{element_id}' {fault}; an export renames it (references follow) and reports it")


def _references(defs: Definitions, process: Process) -> Iterator[Problem]:
    owner = {n: p.id for p in defs.processes for n in p.nodes}
    for flow in process.flows.values():
        for end, ref in (("sourceRef", flow.source), ("targetRef", flow.target)):
            if ref in process.nodes:
                continue
            if ref in owner:
                yield Problem("missing-ref", "error", flow.id,
                              f"sequence flow {end} '{ref}' is in process '{owner[ref]}', not in '{process.id}' "
                              f"(expected a flow node of process '{process.id}'; a sequence flow cannot cross "
                              "pools: use a message flow)")
            else:
                yield Problem("missing-ref", "error", flow.id, f"sequence flow {end} '{ref}' does not exist "
                              f"(expected the id of a flow node in process '{process.id}')")
        if flow.source in process.nodes and flow.target in process.nodes:
            src, dst = process.nodes[flow.source], process.nodes[flow.target]
            if scope_of(process, src) != scope_of(process, dst):
                yield Problem("cross-scope", "error", flow.id,
                              f"sequence flow from '{src.id}' (in '{scope_of(process, src)}') to '{dst.id}' "
                              f"(in '{scope_of(process, dst)}') crosses a subprocess border (expected both ends in one scope; "
                              "a subprocess is entered through its start event)")
    for lane in process.lanes():
        for ref in lane.flow_node_refs:
            if ref not in process.nodes:
                yield Problem("missing-ref", "error", lane.id, f"lane lists flowNodeRef '{ref}', which is not in process '{process.id}' "
                              f"(expected the id of a flow node of '{process.id}')")
    for node in process.nodes.values():
        default = getattr(node, "default", "")
        if default and (default not in process.flows or process.flows[default].source != node.id):
            yield Problem("missing-ref", "error", node.id,
                          f"default flow '{default}' is not an outgoing sequence flow of '{node.id}' "
                          f"(expected the id of one of its outgoing flows)")
        if isinstance(node, Event) and node.position == "boundary":
            host = process.nodes.get(node.attached_to)
            if not node.attached_to:
                yield Problem("boundary-host", "error", node.id, "boundary event is attached to nothing "
                              "(expected an attachedToRef naming a task, subprocess or call activity)")
            elif host is None and node.attached_to in owner:
                yield Problem("missing-ref", "error", node.id,
                              f"boundary event attachedToRef '{node.attached_to}' is in process "
                              f"'{owner[node.attached_to]}', not in '{process.id}' (expected an activity of process "
                              f"'{process.id}': a boundary event belongs to its host's process; "
                              "draw it on the activity's border in the same pool)")
            elif host is None:
                yield Problem("missing-ref", "error", node.id, f"boundary event attachedToRef '{node.attached_to}' does not "
                              "exist (expected the id of a task, subprocess or call activity)")
            elif not isinstance(host, (Task, SubProcess, CallActivity)):
                yield Problem("boundary-host", "error", node.id,
                              f"boundary event is attached to {host.kind} '{host.id}' (expected a task, subprocess or call activity)")


def _message_flow_refs(defs: Definitions) -> Iterator[Problem]:
    known = {p.id for p in defs.participants()}
    known |= {n for p in defs.processes for n in p.nodes}
    for mflow in defs.message_flows():
        for end, ref in (("sourceRef", mflow.source), ("targetRef", mflow.target)):
            if ref not in known:
                yield Problem("missing-ref", "error", mflow.id, f"message flow {end} '{ref}' is neither a pool nor a flow node (expected the id of a pool or a flow node)")


# --------------------------------------------------------------------------- one scope


def _scope(process: Process, scope: str) -> list[Problem]:
    nodes = [n for n in scope_nodes(process, scope)]
    if not nodes:
        return []
    container = process.nodes.get(scope)
    if (isinstance(container, SubProcess) and container.variant == "adHocSubProcess") or (
            container is None and _ad_hoc_process(process)):
        return list(_trivial_gateways(process, scope))
    problems = list(_starts_and_ends(process, scope, container, nodes))
    lost = unreachable(process, scope)
    problems += [Problem("unreachable", "error", n, f"no path from a start of '{scope}' reaches '{n}' (expected a sequence flow path to it from a start)")
                 for n in lost]
    problems += [Problem("dead-end", "error", n, f"no path from '{n}' reaches an end of '{scope}' (expected a sequence flow path from it to an end)")
                 for n in dead_ends(process, scope)]
    problems += [Problem("implicit-end", "warning", n,
                         f"'{n}' has no outgoing sequence flow: the path ends there (BPMN's implicit end; "
                         f"expected a flow to an end event, which says so)") for n in implicit_ends(process, scope)]
    problems += _trivial_gateways(process, scope)
    graph = flow_graph(process, scope)
    # a split no token reaches decides nothing: its node is reported unreachable, not its joins
    live = [n for n in nodes if n.id not in set(lost)]
    xor = list(_xor_split_and_join(process, graph, nodes, live))
    problems += xor
    problems += _and_split_xor_join(process, graph, nodes, live)
    # a choice whose branches reach different inputs of a join is said once, as xor-split-and-join
    chosen = {p.element for p in xor}
    problems += [Problem("optional-path-join", "warning", w.join, said(process, w))
                 for w in scope_waiting_joins(process, scope, graph)
                 if not (w.branch and w.join in chosen and w.origin not in lost)]
    return problems


_JBPM_AD_HOC = "{http://www.jboss.org/drools}adHoc"


def _ad_hoc_process(process: Process) -> bool:
    """A jBPM case (``drools:adHoc="true"`` on the process): its steps run in any order, as in an ad-hoc subprocess."""
    return any(name == _JBPM_AD_HOC and value.strip() == "true" for name, value in process.opaque.attributes)


def _starts_and_ends(process: Process, scope: str, container: object, nodes: list) -> Iterator[Problem]:
    flow_nodes = [n for n in nodes if not getattr(n, "is_for_compensation", False)
                  and not (isinstance(n, SubProcess) and n.triggered_by_event)]
    if not flow_nodes:
        return
    has_start = any(isinstance(n, Event) and n.position == "start" for n in flow_nodes) or any(
        isinstance(n, (Task, Gateway)) and n.instantiate for n in flow_nodes)
    has_end = any(isinstance(n, Event) and n.position == "end" for n in flow_nodes)
    is_process = container is None
    event_sub = isinstance(container, SubProcess) and container.triggered_by_event
    if not has_start and (is_process or event_sub or has_end):
        what = "process" if is_process else ("event subprocess" if event_sub else "subprocess with an end event")
        yield Problem("no-start", "error", scope, f"{what} '{scope}' has no start event (expected one where its paths begin)")
    if not has_end and (is_process or has_start and not event_sub):
        what = "process" if is_process else "subprocess with a start event"
        yield Problem("no-end", "error", scope, f"{what} '{scope}' has no end event (expected one where its paths finish)")


def _sequence_degree(graph: Digraph, node: str) -> tuple[int, int]:
    ins = sum(1 for _, _, d in graph.in_edges(node, data=True) if d["kind"] == "sequence")
    outs = sum(1 for _, _, d in graph.out_edges(node, data=True) if d["kind"] == "sequence")
    return ins, outs


def _flow_counts(process: Process, scope: str) -> tuple[Counter[str], Counter[str]]:
    ins: Counter[str] = Counter()
    outs: Counter[str] = Counter()
    for flow in process.flows.values():
        src = process.nodes.get(flow.source)
        if src is not None and scope_of(process, src) == scope:
            outs[flow.source] += 1
        dst = process.nodes.get(flow.target)
        if dst is not None and scope_of(process, dst) == scope:
            ins[flow.target] += 1
    return ins, outs


def _trivial_gateways(process: Process, scope: str) -> Iterator[Problem]:
    ins, outs = _flow_counts(process, scope)
    for node in scope_nodes(process, scope):
        if isinstance(node, Gateway) and ins[node.id] == 1 and outs[node.id] == 1:
            yield Problem("trivial-gateway", "warning", node.id,
                          f"{node.gateway_kind} gateway '{node.id}' has one incoming and one outgoing flow; it does nothing "
                          "(expected two or more flows in or out, or no gateway)")


def _gateways(nodes: list, kinds: tuple[str, ...]) -> list[Gateway]:
    return [n for n in nodes if isinstance(n, Gateway) and n.gateway_kind in kinds]


def _xor_split_and_join(process: Process, graph: Digraph, nodes: list, live: list) -> Iterator[Problem]:
    splits = [g for g in _gateways(live, ("exclusive", "eventBased")) if _sequence_degree(graph, g.id)[1] >= 2]
    fence = _fences(graph)
    for join in _gateways(nodes, ("parallel",)):
        if _sequence_degree(graph, join.id)[0] < 2:
            continue
        # only the region between the join and its dominator can deadlock it (see _fences)
        wall = {fence[join.id]} if join.id in fence else set()
        feeders = upstream(graph, join.id, wall | {join.id}) | wall
        by_input = input_feeders(graph, join.id, stop=wall)
        for split in splits:
            if split.id == join.id or split.id not in feeders:
                continue
            reaching = {}
            for _, first, data in graph.out_edges(split.id, data=True):
                if data["kind"] != "sequence":
                    continue
                if first == join.id:
                    found = frozenset({graph.edges[split.id, join.id]["id"]})
                else:
                    found = frozenset(flow for flow, sources in by_input.items() if first in sources)
                if found:
                    reaching[data["id"]] = found
            if len(set(reaching.values())) > 1:
                detail = "; ".join(f"branch '{b}' reaches {_names(r)}" for b, r in reaching.items())
                yield Problem("xor-split-and-join", "error", join.id,
                              f"parallel join '{join.id}' waits for all its inputs, but {split.gateway_kind} split "
                              f"'{split.id}' sends one token down one branch ({detail}): the join deadlocks (expected a "
                              "parallel split, or an exclusive join)")


def _and_split_xor_join(process: Process, graph: Digraph, nodes: list, live: list) -> Iterator[Problem]:
    sync = [g.id for g in _gateways(nodes, ("parallel", "inclusive", "complex")) if _sequence_degree(graph, g.id)[0] >= 2]
    splits = [g for g in _gateways(live, ("parallel",)) if _sequence_degree(graph, g.id)[1] >= 2]
    for join in _gateways(nodes, ("exclusive",)):
        if _sequence_degree(graph, join.id)[0] < 2:
            continue
        unsynchronised = set().union(*input_feeders(graph, join.id, stop=sync).values()) | {join.id}
        # a split with fewer than two branches into the unsynchronised region is passed over below;
        # one with any branch there is an ancestor of the join (no whole-graph ancestor search per join)
        near = {p for n in unsynchronised for p in graph.predecessors(n)}
        for split in splits:
            if split.id == join.id or split.id not in near:
                continue
            # blocking the split itself only removes paths: fewer than two branches here means none below
            if sum(1 for _, first, d in graph.out_edges(split.id, data=True)
                   if d["kind"] == "sequence" and first in unsynchronised) < 2:
                continue
            stop = [s for s in sync if s != split.id] + [split.id]
            reaching = {b: r for b, r in branch_inputs(graph, split.id, join.id, stop=stop).items() if r}
            if len(reaching) > 1:
                detail = "; ".join(f"branch '{b}' reaches {_names(r)}" for b, r in reaching.items())
                yield Problem("and-split-xor-join", "error", join.id,
                              f"exclusive join '{join.id}' passes on every token, but {len(reaching)} branches of "
                              f"parallel split '{split.id}' arrive there unsynchronised ({detail}): what follows runs "
                              f"more than once (expected a parallel join)")


def _fences(graph: Digraph) -> dict[str, str]:
    """Node -> its immediate dominator, where that dominator lies on no cycle.

    Every path from a start to node J passes its dominator D; when D is on no cycle,
    no split beyond D can reach J other than through D, so every branch of such a split
    reaches the same inputs of J, and searches for what feeds J may stop at D (D itself
    still a candidate split). This keeps validation near-linear on large models.
    """
    root = object()
    rooted = Digraph(graph.edges)
    rooted.add_nodes_from(graph.nodes)
    rooted.add_edges_from((root, n) for n in graph.nodes if graph.in_degree(n) == 0)
    if rooted.out_degree(root) == 0:
        return {}
    cyclic = {n for part in strongly_connected_components(graph) if len(part) > 1 for n in part}
    cyclic |= {n for n in graph.nodes if graph.has_edge(n, n)}
    dominators = immediate_dominators(rooted, root)
    return {n: d for n, d in dominators.items() if n is not root and d is not root and d != n and d not in cyclic}


def _names(flows: frozenset[str]) -> str:
    return ", ".join(f"'{f}'" for f in sorted(flows))

