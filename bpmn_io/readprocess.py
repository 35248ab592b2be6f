"""Read a ``process`` (and the flow elements of its subprocesses) into the model.

Flow elements are dispatched by fully qualified tag through :data:`FLOW_ELEMENTS`;
subprocess content is flattened into ``Process.nodes``/``flows`` with ``parent``
naming the container. What the model does not interpret is kept in ``opaque``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from processes.model import (
    GATEWAY_DIRECTIONS,
    CallActivity,
    DataObject,
    DataObjectReference,
    DataStoreReference,
    Event,
    EventDefinition,
    FrozenMap,
    Gateway,
    LaneSet,
    Process,
    SequenceFlow,
    SubProcess,
    Task,
)

from .fragments import fragment
from .namespaces import BPMN, local, q
from .readcommon import (
    DOC,
    EXT,
    OpaqueBuilder,
    Source,
    children,
    documentation,
    duplicate_id,
    elements,
    expression,
    flag,
    lenient_readable,
)
from .readelements import (
    data_association,
    event_definition,
    loop_characteristics,
    read_artifact,
    read_lane_set,
)

__all__ = ["read_process", "FLOW_ELEMENTS", "ARTIFACTS", "EVENT_DEFINITIONS"]

TASK_TAGS = {q(BPMN, t): t for t in (
    "task", "userTask", "manualTask", "serviceTask", "scriptTask", "businessRuleTask", "sendTask", "receiveTask")}
GATEWAY_TAGS = {q(BPMN, f"{k}Gateway"): k for k in ("exclusive", "inclusive", "parallel", "eventBased", "complex")}
EVENT_TAGS = {
    q(BPMN, "startEvent"): "start", q(BPMN, "endEvent"): "end", q(BPMN, "boundaryEvent"): "boundary",
    q(BPMN, "intermediateCatchEvent"): "intermediate_catch", q(BPMN, "intermediateThrowEvent"): "intermediate_throw",
}
SUBPROCESS_TAGS = {q(BPMN, t): t for t in ("subProcess", "adHocSubProcess", "transaction")}
EVENT_DEFINITIONS = {
    q(BPMN, f"{name}EventDefinition"): kind for name, kind in (
        ("timer", "timer"), ("message", "message"), ("signal", "signal"), ("conditional", "conditional"),
        ("error", "error"), ("escalation", "escalation"), ("compensate", "compensation"), ("link", "link"),
        ("terminate", "terminate"), ("cancel", "cancel"))
}
DATA_ASSOCIATIONS = {q(BPMN, "dataInputAssociation"): "input", q(BPMN, "dataOutputAssociation"): "output"}
LOOPS = (q(BPMN, "standardLoopCharacteristics"), q(BPMN, "multiInstanceLoopCharacteristics"))
_BASE_ATTRS = ("id", "name")


@dataclass(slots=True)
class _Parts:
    """The pieces of one process while it is read (local to one read_process call)."""

    source: Source
    process_id: str
    nodes: dict[str, Any] = field(default_factory=dict)
    flows: dict[str, SequenceFlow] = field(default_factory=dict)
    artifacts: dict[str, Any] = field(default_factory=dict)
    lane_sets: list[LaneSet] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    root_event_kinds: dict[str, str] = field(default_factory=dict)
    unnamed: int = 0

    def id_of(self, el: etree._Element, stem: str) -> str:
        """The element's id, or a stable generated one (ids are optional in the XSD)."""
        given = el.get("id")
        if given:
            return given
        if el.tag == q(BPMN, "sequenceFlow"):
            base = f"{self.process_id}_flow_{el.get('sourceRef', '')}_{el.get('targetRef', '')}"
        else:
            self.unnamed += 1
            base = f"{self.process_id}_{stem}_{self.unnamed}"
        candidate, n = base, 1
        while candidate in self.nodes or candidate in self.flows or candidate in self.artifacts:
            n += 1
            candidate = f"{base}_{n}"
        return candidate

    def add(self, table: dict[str, Any], item: Any, el: etree._Element, item_id: str = "") -> None:
        item_id = item_id or item.id
        if item_id in self.lines:
            raise lenient_readable(self.source.error(
                el, duplicate_id(item_id, self.lines[item_id]), item_id))
        self.lines[item_id] = self.source.line(el) or 0
        table[item_id] = item


def _common(el: etree._Element, parts: _Parts, known_attrs: tuple[str, ...], stem: str) -> tuple[dict, OpaqueBuilder]:
    """Read id, name, documentation, extensions, data associations; return the other children."""
    node_id = parts.id_of(el, stem)
    ob = OpaqueBuilder(el, _BASE_ATTRS + known_attrs)
    fields: dict[str, Any] = {"id": node_id, "name": el.get("name", ""), "documentation": [],
                              "data_associations": [], "rest": []}
    for child in children(el):
        tag = child.tag
        if tag == DOC:
            fields["documentation"].append(documentation(child))
        elif tag == EXT:
            ob.extension(child)
        elif tag in DATA_ASSOCIATIONS:
            fields["data_associations"].append(data_association(child, DATA_ASSOCIATIONS[tag]))
        elif tag == q(BPMN, "ioSpecification"):
            fields["io_specification"] = fragment(child)
        elif tag in (q(BPMN, "incoming"), q(BPMN, "outgoing")):
            continue  # derived from the sequence flows; written back from them
        else:
            fields["rest"].append(child)
    fields["documentation"] = tuple(fields["documentation"])
    # schema order: inputs before outputs; an association without targetRef (which the
    # schema requires) is written into the kept-wrapper and so comes back last
    fields["data_associations"] = tuple(sorted(
        fields["data_associations"], key=lambda a: (not a.target, a.direction != "input")))
    return fields, ob


def _activity_rest(fields: dict, ob: OpaqueBuilder, source: Source) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    for child in fields.pop("rest"):
        if child.tag in LOOPS:
            extra["loop"] = loop_characteristics(child, source)
        else:
            ob.keep(child)
    return extra


# attributes the XSD gives each task type beyond those of every activity
_TASK_ATTRS = {
    "scriptTask": ("scriptFormat",), "serviceTask": ("implementation",), "userTask": ("implementation",),
    "businessRuleTask": ("implementation",), "sendTask": ("implementation", "messageRef"),
    "receiveTask": ("implementation", "messageRef", "instantiate"),
}


def _task(el: etree._Element, parts: _Parts, parent: str) -> None:
    task_type = TASK_TAGS[el.tag]
    known = ("default", "isForCompensation") + _TASK_ATTRS.get(task_type, ())
    fields, ob = _common(el, parts, known, "task")
    script = ""
    rest = []
    for child in fields.pop("rest"):
        if task_type == "scriptTask" and child.tag == q(BPMN, "script") and not any(elements(child)):
            # XML comments in a script (Flowable's tests have them) are not script text
            script = (child.text or "") + "".join(c.tail or "" for c in child)
        else:
            rest.append(child)
    fields["rest"] = rest
    extra = _activity_rest(fields, ob, parts.source)
    src = parts.source
    attr = {k: el.get(k, "") if k in known else "" for k in ("scriptFormat", "implementation", "messageRef")}
    task = Task(**fields, **extra, parent=parent, opaque=ob.build(), names=ob.lang_names(), task_type=task_type,
                is_for_compensation=bool(flag(el, "isForCompensation", src)), default=el.get("default", ""),
                script=script, script_format=attr["scriptFormat"], implementation=attr["implementation"],
                message_ref=attr["messageRef"],
                instantiate=bool(flag(el, "instantiate", src)) if "instantiate" in known else False)
    parts.add(parts.nodes, task, el)


def _subprocess(el: etree._Element, parts: _Parts, parent: str) -> None:
    ad_hoc = el.tag == q(BPMN, "adHocSubProcess")
    known = ("triggeredByEvent", "isForCompensation", "default") + (("ordering",) if ad_hoc else ())
    fields, ob = _common(el, parts, known, "subProcess")
    node_id = fields["id"]
    parts.add(parts.nodes, None, el, node_id)  # reserve: the subprocess comes before its content
    completion = None
    rest = []
    for child in fields.pop("rest"):
        if child.tag in FLOW_ELEMENTS:
            FLOW_ELEMENTS[child.tag](child, parts, node_id)
        elif child.tag in ARTIFACTS:
            parts.add(parts.artifacts, read_artifact(child, node_id, parts.id_of), child)
        elif child.tag == q(BPMN, "laneSet"):
            parts.lane_sets.append(read_lane_set(child, node_id))
        elif child.tag == q(BPMN, "completionCondition") and ad_hoc:
            completion = expression(child)
        else:
            rest.append(child)
    fields["rest"] = rest
    extra = _activity_rest(fields, ob, parts.source)
    src = parts.source
    node = SubProcess(**fields, **extra, parent=parent, opaque=ob.build(), names=ob.lang_names(), variant=SUBPROCESS_TAGS[el.tag],
                      triggered_by_event=bool(flag(el, "triggeredByEvent", src)),
                      is_for_compensation=bool(flag(el, "isForCompensation", src)),
                      default=el.get("default", ""), ordering=el.get("ordering", "") if ad_hoc else "",
                      completion_condition=completion)
    parts.nodes[node_id] = node


def _call_activity(el: etree._Element, parts: _Parts, parent: str) -> None:
    fields, ob = _common(el, parts, ("calledElement", "isForCompensation", "default"), "callActivity")
    extra = _activity_rest(fields, ob, parts.source)
    node = CallActivity(**fields, **extra, parent=parent, opaque=ob.build(), names=ob.lang_names(),
                        called_element=el.get("calledElement", ""),
                        is_for_compensation=bool(flag(el, "isForCompensation", parts.source)),
                        default=el.get("default", ""))
    parts.add(parts.nodes, node, el)


_DIRECTIONS = {d.lower(): d for d in GATEWAY_DIRECTIONS}
_GATEWAY_ATTRS = {"exclusive": ("default",), "inclusive": ("default",), "complex": ("default",),
                  "eventBased": ("instantiate", "eventGatewayType"), "parallel": ()}


def _gateway(el: etree._Element, parts: _Parts, parent: str) -> None:
    kind = GATEWAY_TAGS[el.tag]
    known = ("gatewayDirection",) + _GATEWAY_ATTRS[kind]
    fields, ob = _common(el, parts, known, "gateway")
    activation = None
    for child in fields.pop("rest"):
        if kind == "complex" and child.tag == q(BPMN, "activationCondition"):
            activation = expression(child)
        else:
            ob.keep(child)
    # pm4py writes "diverging"; bpmn.io reads any spelling, the export writes the schema's
    written = el.get("gatewayDirection", "Unspecified")
    direction = _DIRECTIONS.get(written.strip().lower(), written)
    try:
        event_based = kind == "eventBased"
        node = Gateway(**fields, parent=parent, opaque=ob.build(), names=ob.lang_names(), gateway_kind=kind,
                       direction=direction, default=el.get("default", "") if "default" in known else "",
                       instantiate=bool(flag(el, "instantiate", parts.source)) if event_based else False,
                       event_gateway_type=el.get("eventGatewayType", "") if event_based else "",
                       activation_condition=activation)
    except ValueError as err:
        raise parts.source.error(el, str(err)) from None
    parts.add(parts.nodes, node, el)


_EVENT_ATTRS = {"start": ("isInterrupting", "parallelMultiple"), "intermediate_catch": ("parallelMultiple",),
                "boundary": ("attachedToRef", "cancelActivity", "parallelMultiple")}


def _event(el: etree._Element, parts: _Parts, parent: str) -> None:
    position = EVENT_TAGS[el.tag]
    known = _EVENT_ATTRS.get(position, ())
    fields, ob = _common(el, parts, known, "event")
    definitions, by_ref = [], []
    for child in fields.pop("rest"):
        ref = (child.text or "").strip()
        if child.tag in EVENT_DEFINITIONS:
            definitions.append(event_definition(child, EVENT_DEFINITIONS[child.tag]))
        elif child.tag == q(BPMN, "eventDefinitionRef") and ref in parts.root_event_kinds:
            by_ref.append(EventDefinition(kind=parts.root_event_kinds[ref], ref=ref, by_reference=True))
        else:
            ob.keep(child)
    src = parts.source
    cancel = flag(el, "cancelActivity", src) if "cancelActivity" in known else None
    interrupting = flag(el, "isInterrupting", src) if "isInterrupting" in known else None
    node = Event(**fields, parent=parent, opaque=ob.build(), names=ob.lang_names(), position=position,
                 definitions=tuple(definitions + by_ref),
                 attached_to=el.get("attachedToRef", "") if "attachedToRef" in known else "",
                 cancel_activity=True if cancel is None else cancel,
                 is_interrupting=True if interrupting is None else interrupting,
                 parallel_multiple=bool(flag(el, "parallelMultiple", src)) if "parallelMultiple" in known else False)
    parts.add(parts.nodes, node, el)


def _data(el: etree._Element, parts: _Parts, parent: str) -> None:
    tag = local(el)
    known = {"dataObject": ("isCollection",), "dataObjectReference": ("dataObjectRef",),
             "dataStoreReference": ("dataStoreRef",)}[tag]
    fields, ob = _common(el, parts, known, tag)
    state = ""
    for child in fields.pop("rest"):
        if child.tag == q(BPMN, "dataState"):
            state = child.get("name", "")
        ob.keep(child)
    common = dict(**fields, parent=parent, opaque=ob.build(), names=ob.lang_names())
    if tag == "dataObject":
        node: Any = DataObject(**common, is_collection=bool(flag(el, "isCollection", parts.source)))
    elif tag == "dataObjectReference":
        node = DataObjectReference(**common, data_object_ref=el.get("dataObjectRef", ""), state=state)
    else:
        node = DataStoreReference(**common, data_store_ref=el.get("dataStoreRef", ""), state=state)
    parts.add(parts.nodes, node, el)


def _sequence_flow(el: etree._Element, parts: _Parts, parent: str) -> None:
    flow_id = parts.id_of(el, "flow")
    ob = OpaqueBuilder(el, ("id", "name", "sourceRef", "targetRef", "isImmediate"))
    docs, condition = [], None
    for child in children(el):
        if child.tag == DOC:
            docs.append(documentation(child))
        elif child.tag == q(BPMN, "conditionExpression"):
            condition = expression(child)
        else:
            ob.keep_unread(child)
    for ref in ("sourceRef", "targetRef"):
        if not el.get(ref, "").strip():
            raise parts.source.error(el, f"sequenceFlow has no {ref} (expected the id of a flow node)", flow_id)
    flow = SequenceFlow(id=flow_id, source=el.get("sourceRef", "").strip(), target=el.get("targetRef", "").strip(),
                        name=el.get("name", ""), parent=parent, condition=condition,
                        is_immediate=flag(el, "isImmediate", parts.source), documentation=tuple(docs),
                        opaque=ob.build(), names=ob.lang_names())
    parts.add(parts.flows, flow, el)


Reader = Callable[[etree._Element, _Parts, str], None]
FLOW_ELEMENTS: dict[str, Reader] = {
    **{tag: _task for tag in TASK_TAGS},
    **{tag: _gateway for tag in GATEWAY_TAGS},
    **{tag: _event for tag in EVENT_TAGS},
    **{tag: _subprocess for tag in SUBPROCESS_TAGS},
    q(BPMN, "callActivity"): _call_activity,
    q(BPMN, "sequenceFlow"): _sequence_flow,
    q(BPMN, "dataObject"): _data,
    q(BPMN, "dataObjectReference"): _data,
    q(BPMN, "dataStoreReference"): _data,
}
ARTIFACTS = frozenset(q(BPMN, t) for t in ("association", "textAnnotation", "group"))
_RESOURCE_ROLES = frozenset(q(BPMN, t) for t in ("performer", "humanPerformer", "potentialOwner", "resourceRole"))


def read_process(
    el: etree._Element, source: Source, root_event_kinds: dict[str, str]
) -> tuple[Process, dict[str, int]]:
    """A ``process`` element; also returns the source line of every id it holds.

    ``root_event_kinds`` maps the ids of root-level event definitions (Yaoqiang
    writes them there) to their trigger kind, to resolve ``eventDefinitionRef``.
    """
    process_id = el.get("id", "")
    parts = _Parts(source=source, process_id=process_id, root_event_kinds=root_event_kinds)
    ob = OpaqueBuilder(el, ("id", "name", "isExecutable", "processType", "isClosed"))
    docs, properties, roles, io_spec = [], [], [], ""
    for child in children(el):
        tag = child.tag
        if tag in FLOW_ELEMENTS:
            FLOW_ELEMENTS[tag](child, parts, process_id)
        elif tag in ARTIFACTS:
            parts.add(parts.artifacts, read_artifact(child, process_id, parts.id_of), child)
        elif tag == q(BPMN, "laneSet"):
            parts.lane_sets.append(read_lane_set(child, process_id))
        elif tag == DOC:
            docs.append(documentation(child))
        elif tag == q(BPMN, "ioSpecification"):
            io_spec = fragment(child)
        elif tag == q(BPMN, "property"):
            properties.append(fragment(child))
        elif tag in _RESOURCE_ROLES:
            roles.append(fragment(child))
        else:
            ob.keep_unread(child)
    process = Process(
        id=process_id, name=el.get("name", ""), is_executable=flag(el, "isExecutable", source),
        process_type=el.get("processType", ""), is_closed=flag(el, "isClosed", source),
        nodes=FrozenMap(parts.nodes), flows=FrozenMap(parts.flows), artifacts=FrozenMap(parts.artifacts),
        lane_sets=tuple(parts.lane_sets), documentation=tuple(docs), io_specification=io_spec,
        properties=tuple(properties), resource_roles=tuple(roles), opaque=ob.build(), names=ob.lang_names(),
    )
    return process, parts.lines
