"""The checks of a document's ids and of the references between its elements: the ``duplicate-id``,
``invalid-id``, ``missing-ref``, ``cross-scope`` and ``boundary-host`` problems of
:func:`processes.validate.check`.

Its own module because these look at the whole document at once (every id of every part, kept XML
included, and what each element names), where the path checks (:mod:`processes.scopechecks`) look at
one scope's flow graph; :func:`processes.validate.missing_references` uses the reference checks alone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import fields, is_dataclass

from processes.graph import scope_of
from processes.model import CallActivity, Definitions, Event, Process, SubProcess, Task
from processes.problems import Problem
from processes.xmlids import id_fault

__all__ = ["duplicate_ids", "invalid_ids", "references", "message_flow_refs", "FRAGMENT_FIELDS",
           "FRAGMENT_ID", "ids_in"]


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


def duplicate_ids(defs: Definitions) -> Iterator[Problem]:
    """``duplicate-id``: an id used more than once (or a repeat a lenient read renamed); ``boundary-host``: a
    boundary event a lenient read moved to its host's process."""
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
FRAGMENT_FIELDS = frozenset(("io_specification", "xml", "properties", "resource_roles", "label_styles",
                             "children", "imports", "relationships"))
FRAGMENT_ID = re.compile(r'<(?:bpmn|bpmndi|di|dc):[\w.-]+\s[^<>]*?(?<=\s)id="([^"]*)"')


def ids_in(item: object) -> list[str]:
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
            (f.name, _ID if f.name == "id" else _FRAGMENT if f.name in FRAGMENT_FIELDS else _NESTED)
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
                    found.extend(html.unescape(m) for m in FRAGMENT_ID.findall(text))
            else:
                _collect_ids(value, found)
    elif isinstance(item, tuple):
        for value in item:
            _collect_ids(value, found)
    elif isinstance(item, Mapping):
        for value in item.values():
            _collect_ids(value, found)


def invalid_ids(defs: Definitions) -> Iterator[Problem]:
    """``invalid-id``: an id that is no XML id or that bpmn.io refuses, or a definitions id an element
    repeats."""
    inner = [element_id for f in fields(defs) if f.name != "id" for element_id in ids_in(getattr(defs, f.name))]
    if defs.id in inner:
        yield Problem("invalid-id", "warning", defs.id,
                      f"the definitions' id '{defs.id}' is also the id of an element (expected each id once in a "
                      "document; an export renames the definitions' id)")
    for element_id in dict.fromkeys(([defs.id] if defs.id else []) + inner):
        fault = id_fault(element_id)
        if fault:
            yield Problem("invalid-id", "warning", element_id,
                          f"id '{element_id}' {fault}; an export renames it (references follow) and reports it")


def references(defs: Definitions, process: Process) -> Iterator[Problem]:
    """What the flows, lanes, default flows and boundary events of ``process`` name: ``missing-ref``,
    ``cross-scope`` and ``boundary-host``."""
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


def message_flow_refs(defs: Definitions) -> Iterator[Problem]:
    """``missing-ref``: a message flow end that is neither a pool nor a flow node."""
    known = {p.id for p in defs.participants()}
    known |= {n for p in defs.processes for n in p.nodes}
    for mflow in defs.message_flows():
        for end, ref in (("sourceRef", mflow.source), ("targetRef", mflow.target)):
            if ref not in known:
                yield Problem("missing-ref", "error", mflow.id, f"message flow {end} '{ref}' is neither a pool nor a flow node (expected the id of a pool or a flow node)")
