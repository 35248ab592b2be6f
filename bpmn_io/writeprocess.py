"""Write a :class:`processes.model.Process` (with its subprocess content) as BPMN XML."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from processes.model import (
    Association,
    CallActivity,
    DataAssociation,
    DataObject,
    DataObjectReference,
    DataStoreReference,
    Event,
    EventDefinition,
    Gateway,
    Group,
    Lane,
    LaneSet,
    MultiInstance,
    Process,
    SequenceFlow,
    StandardLoop,
    SubProcess,
    Task,
    TextAnnotation,
)

from .namespaces import BPMN, q
from .writecommon import Builder

__all__ = ["write_process", "write_artifact"]

_DEFINITION_TAGS = {"compensation": "compensateEventDefinition"}
_REF_ATTR = {"message": "messageRef", "signal": "signalRef", "error": "errorRef", "escalation": "escalationRef"}


def _b(name: str) -> str:
    return q(BPMN, name)


def _node_base(b: Builder, parent: etree._Element, tag: str, node: Any, attrs: list[tuple[str, Any]]) -> etree._Element:
    el = b.el(parent, _b(tag), [("id", node.id), ("name", node.name)] + attrs, node.opaque, names=node.names)
    b.docs(el, node.documentation)
    if node.io_specification:
        b.fragment(el, node.io_specification)
    for assoc in node.data_associations:
        _data_association(b, el, assoc)
    return el


def _data_association(b: Builder, parent: etree._Element, assoc: DataAssociation) -> None:
    tag = "dataInputAssociation" if assoc.direction == "input" else "dataOutputAssociation"
    el = b.el(parent, _b(tag), [("id", assoc.id)], assoc.opaque)
    for source in assoc.sources:
        b.text_el(el, _b("sourceRef"), source)
    if assoc.target:
        b.text_el(el, _b("targetRef"), assoc.target)
    else:
        b.keep_aside(el)  # the schema requires a targetRef; some tools omit it


def _loop(b: Builder, parent: etree._Element, loop: StandardLoop | MultiInstance | None) -> None:
    if isinstance(loop, StandardLoop):
        el = b.el(parent, _b("standardLoopCharacteristics"),
                  [("id", loop.id), ("testBefore", loop.test_before or None), ("loopMaximum", loop.loop_maximum)],
                  loop.opaque)
        if loop.condition is not None:
            b.expression(el, _b("loopCondition"), loop.condition)
    elif isinstance(loop, MultiInstance):
        el = b.el(parent, _b("multiInstanceLoopCharacteristics"),
                  [("id", loop.id), ("isSequential", loop.is_sequential or None), ("behavior", loop.behavior)],
                  loop.opaque)
        if loop.cardinality is not None:
            b.expression(el, _b("loopCardinality"), loop.cardinality)
        if loop.completion_condition is not None:
            b.expression(el, _b("completionCondition"), loop.completion_condition)


def _task(b: Builder, parent: etree._Element, node: Task, process: Process) -> etree._Element:
    el = _node_base(b, parent, node.task_type, node, [
        ("implementation", node.implementation), ("messageRef", node.message_ref),
        ("instantiate", node.instantiate or None), ("scriptFormat", node.script_format),
        ("isForCompensation", node.is_for_compensation or None), ("default", node.default)])
    _loop(b, el, node.loop)
    if node.script:
        b.text_el(el, _b("script"), node.script)
    return el


def _subprocess(b: Builder, parent: etree._Element, node: SubProcess, process: Process) -> etree._Element:
    el = _node_base(b, parent, node.variant, node, [
        ("triggeredByEvent", node.triggered_by_event or None), ("ordering", node.ordering),
        ("isForCompensation", node.is_for_compensation or None), ("default", node.default)])
    _loop(b, el, node.loop)
    if node.completion_condition is not None:
        b.expression(el, _b("completionCondition"), node.completion_condition)
    _content(b, el, node.id, process)
    return el


def _call_activity(b: Builder, parent: etree._Element, node: CallActivity, process: Process) -> etree._Element:
    el = _node_base(b, parent, "callActivity", node, [
        ("calledElement", node.called_element), ("isForCompensation", node.is_for_compensation or None),
        ("default", node.default)])
    _loop(b, el, node.loop)
    return el


def _gateway(b: Builder, parent: etree._Element, node: Gateway, process: Process) -> etree._Element:
    el = _node_base(b, parent, f"{node.gateway_kind}Gateway", node, [
        ("gatewayDirection", None if node.direction == "Unspecified" else node.direction),
        ("default", node.default), ("instantiate", node.instantiate or None),
        ("eventGatewayType", node.event_gateway_type)])
    if node.activation_condition is not None:
        b.expression(el, _b("activationCondition"), node.activation_condition)
    return el


def event_definition(b: Builder, parent: etree._Element, d: EventDefinition) -> None:
    """One event definition (inline; a by-reference one is written by the event)."""
    tag = _DEFINITION_TAGS.get(d.kind, f"{d.kind}EventDefinition")
    attrs: list[tuple[str, Any]] = [("id", d.id)]
    if d.kind in _REF_ATTR:
        attrs.append((_REF_ATTR[d.kind], d.ref))
    el_name = d.link_name if d.kind == "link" else None
    if d.kind == "compensation":
        attrs += [("waitForCompletion", d.wait_for_completion), ("activityRef", d.activity_ref)]
    el = b.el(parent, _b(tag), attrs, d.opaque)
    if el_name is not None:
        el.set("name", el_name)  # required by the XSD, even when empty
    if d.timer is not None:
        b.expression(el, _b(d.timer_kind or "timeDuration"), d.timer)
    if d.condition is not None:
        b.expression(el, _b("condition"), d.condition)
    for source in d.link_sources:
        b.text_el(el, _b("source"), source)
    if d.link_target:
        b.text_el(el, _b("target"), d.link_target)


def _event(b: Builder, parent: etree._Element, node: Event, process: Process) -> etree._Element:
    attrs: list[tuple[str, Any]] = [
        ("isInterrupting", None if node.is_interrupting else False),
        ("parallelMultiple", node.parallel_multiple or None),
        ("attachedToRef", node.attached_to), ("cancelActivity", None if node.cancel_activity else False)]
    el = _node_base(b, parent, node.tag, node, attrs)
    for d in node.definitions:
        if d.by_reference:
            b.text_el(el, _b("eventDefinitionRef"), d.ref)
        else:
            event_definition(b, el, d)
    return el


def _data(b: Builder, parent: etree._Element, node: Any, process: Process) -> etree._Element:
    if isinstance(node, DataObject):
        return _node_base(b, parent, "dataObject", node, [("isCollection", node.is_collection or None)])
    if isinstance(node, DataObjectReference):
        el = _node_base(b, parent, "dataObjectReference", node, [("dataObjectRef", node.data_object_ref)])
    else:
        el = _node_base(b, parent, "dataStoreReference", node, [("dataStoreRef", node.data_store_ref)])
    if node.state and not any(c.tag == _b("dataState") for c in el):
        b.el(el, _b("dataState"), [("name", node.state)])
    return el


_WRITERS: dict[type, Callable[[Builder, etree._Element, Any, Process], etree._Element]] = {
    Task: _task, SubProcess: _subprocess, CallActivity: _call_activity, Gateway: _gateway, Event: _event,
    DataObject: _data, DataObjectReference: _data, DataStoreReference: _data,
}


_FLOW_NODES = (Task, SubProcess, CallActivity, Gateway, Event)


def _flow(b: Builder, parent: etree._Element, flow: SequenceFlow) -> None:
    el = b.el(parent, _b("sequenceFlow"), [
        ("id", flow.id), ("name", flow.name), ("sourceRef", flow.source), ("targetRef", flow.target),
        ("isImmediate", flow.is_immediate)], flow.opaque, names=flow.names)
    b.docs(el, flow.documentation)
    if flow.condition is not None:
        b.expression(el, _b("conditionExpression"), flow.condition)


def write_artifact(b: Builder, parent: etree._Element, art: Any) -> None:
    """An association, text annotation or group."""
    if isinstance(art, Association):
        el = b.el(parent, _b("association"), [
            ("id", art.id), ("sourceRef", art.source), ("targetRef", art.target),
            ("associationDirection", art.direction)], art.opaque)
    elif isinstance(art, TextAnnotation):
        el = b.el(parent, _b("textAnnotation"), [("id", art.id), ("textFormat", art.text_format)], art.opaque)
        b.text_el(el, _b("text"), art.text)
    else:
        assert isinstance(art, Group)
        el = b.el(parent, _b("group"), [("id", art.id), ("categoryValueRef", art.category_value_ref)], art.opaque)
    b.docs(el, art.documentation)


def _lane_set(b: Builder, parent: etree._Element, lane_set: LaneSet, tag: str = "laneSet") -> None:
    el = b.el(parent, _b(tag), [("id", lane_set.id), ("name", lane_set.name)], lane_set.opaque)
    for lane in lane_set.lanes:
        _lane(b, el, lane)


def _lane(b: Builder, parent: etree._Element, lane: Lane) -> None:
    el = b.el(parent, _b("lane"), [("id", lane.id), ("name", lane.name),
                                   ("partitionElementRef", lane.partition_element_ref)], lane.opaque, names=lane.names)
    b.docs(el, lane.documentation)
    for ref in lane.flow_node_refs:
        b.text_el(el, _b("flowNodeRef"), ref)
    if lane.child_lane_set is not None:
        _lane_set(b, el, lane.child_lane_set, "childLaneSet")


def _content(b: Builder, el: etree._Element, container: str, process: Process) -> None:
    """Lane sets, flow nodes, sequence flows and artifacts whose parent is ``container``."""
    top = container == process.id
    for lane_set in process.lane_sets:
        if lane_set.parent == container or (top and not lane_set.parent):
            _lane_set(b, el, lane_set)
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for flow in process.flows.values():
        incoming.setdefault(flow.target, []).append(flow.id)
        outgoing.setdefault(flow.source, []).append(flow.id)
    for node in process.nodes.values():
        if node.parent == container or (top and not node.parent):
            node_el = _WRITERS[type(node)](b, el, node, process)
            if isinstance(node, _FLOW_NODES):
                # redundant with the flows (the reader ignores them) but written, as
                # modelling tools do, for importers that draw from them
                for ref in incoming.get(node.id, ()):
                    b.text_el(node_el, _b("incoming"), ref)
                for ref in outgoing.get(node.id, ()):
                    b.text_el(node_el, _b("outgoing"), ref)
    for flow in process.flows.values():
        if flow.parent == container or (top and not flow.parent):
            _flow(b, el, flow)
    for art in process.artifacts.values():
        if art.parent == container or (top and not art.parent):
            write_artifact(b, el, art)


def write_process(b: Builder, parent: etree._Element, process: Process) -> None:
    """A ``bpmn:process`` element under ``parent`` (the definitions)."""
    el = b.el(parent, _b("process"), [
        ("id", process.id), ("name", process.name), ("processType", process.process_type),
        ("isClosed", process.is_closed), ("isExecutable", process.is_executable)], process.opaque,
        names=process.names)
    b.docs(el, process.documentation)
    if process.io_specification:
        b.fragment(el, process.io_specification)
    for text in process.properties + process.resource_roles:
        b.fragment(el, text)
    _content(b, el, process.id, process)
