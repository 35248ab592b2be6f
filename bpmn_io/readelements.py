"""BPMN elements read the same wherever they occur: data associations, loop
characteristics, event definitions, artifacts and lane sets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from processes.model import (
    Association,
    DataAssociation,
    EventDefinition,
    Group,
    Lane,
    LaneSet,
    MultiInstance,
    StandardLoop,
    TextAnnotation,
)

from .namespaces import BPMN, local, q
from .readcommon import DOC, OpaqueBuilder, Source, children, documentation, expression, flag

__all__ = ["data_association", "loop_characteristics", "event_definition", "read_artifact", "read_lane_set"]


def data_association(el: etree._Element, direction: str) -> DataAssociation:
    ob = OpaqueBuilder(el, ("id",))
    sources: list[str] = []
    target = ""
    for child in children(el):
        if child.tag == q(BPMN, "sourceRef"):
            sources.append((child.text or "").strip())
        elif child.tag == q(BPMN, "targetRef"):
            target = (child.text or "").strip()
        else:
            ob.keep_unread(child)
    return DataAssociation(direction=direction, sources=tuple(sources), target=target,
                           id=el.get("id", ""), opaque=ob.build())


def loop_characteristics(el: etree._Element, source: Source) -> StandardLoop | MultiInstance:
    if el.tag == q(BPMN, "standardLoopCharacteristics"):
        ob = OpaqueBuilder(el, ("id", "testBefore", "loopMaximum"))
        condition = None
        for child in children(el):
            if child.tag == q(BPMN, "loopCondition"):
                condition = expression(child)
            else:
                ob.keep_unread(child)
        maximum = el.get("loopMaximum")
        try:
            loop_max = int(maximum) if maximum is not None else None
        except ValueError:
            raise source.error(el, f"loopMaximum {maximum!r} is not an integer") from None
        return StandardLoop(test_before=bool(flag(el, "testBefore", source)), loop_maximum=loop_max,
                            condition=condition, id=el.get("id", ""), opaque=ob.build())
    ob = OpaqueBuilder(el, ("id", "isSequential", "behavior"))
    found: dict[str, Any] = {}
    for child in children(el):
        if child.tag == q(BPMN, "loopCardinality"):
            found["cardinality"] = expression(child)
        elif child.tag == q(BPMN, "completionCondition"):
            found["completion_condition"] = expression(child)
        else:
            ob.keep_unread(child)
    return MultiInstance(is_sequential=bool(flag(el, "isSequential", source)), behavior=el.get("behavior", ""),
                         id=el.get("id", ""), opaque=ob.build(), **found)



_TIMER_TAGS = {q(BPMN, name): name for name in ("timeDate", "timeDuration", "timeCycle")}


def event_definition(el: etree._Element, kind: str) -> EventDefinition:
    """One ``*EventDefinition`` element (inside an event or as a root element)."""
    known = {"timer": (), "message": ("messageRef",), "signal": ("signalRef",), "error": ("errorRef",),
             "escalation": ("escalationRef",), "compensation": ("activityRef", "waitForCompletion"),
             "link": ("name",)}.get(kind, ())
    ob = OpaqueBuilder(el, ("id",) + known)
    found: dict[str, Any] = {}
    sources: list[str] = []
    for child in children(el):
        tag = child.tag
        if kind == "timer" and tag in _TIMER_TAGS and "timer" not in found:
            found["timer_kind"], found["timer"] = _TIMER_TAGS[tag], expression(child)
        elif kind == "conditional" and tag == q(BPMN, "condition"):
            found["condition"] = expression(child)
        elif kind == "link" and tag == q(BPMN, "source"):
            sources.append((child.text or "").strip())
        elif kind == "link" and tag == q(BPMN, "target"):
            found["link_target"] = (child.text or "").strip()
        else:
            ob.keep_unread(child)
    ref_attr = {"message": "messageRef", "signal": "signalRef", "error": "errorRef",
                "escalation": "escalationRef"}.get(kind)
    ref = el.get(ref_attr, "") if ref_attr else ""
    wait = el.get("waitForCompletion")
    return EventDefinition(kind=kind, id=el.get("id", ""), ref=ref, link_name=el.get("name", "") if kind == "link" else "",
                           link_sources=tuple(sources), activity_ref=el.get("activityRef", ""),
                           wait_for_completion=None if wait is None else wait.strip() in ("true", "1"),
                           opaque=ob.build(), **found)



def read_artifact(el: etree._Element, parent: str, id_of: Callable[[etree._Element, str], str] | None = None) -> Any:
    """An association, text annotation or group; ``id_of`` supplies an id where the file has none."""
    tag = local(el)
    known = {"association": ("sourceRef", "targetRef", "associationDirection"),
             "textAnnotation": ("textFormat",), "group": ("categoryValueRef",)}[tag]
    art_id = id_of(el, tag) if id_of is not None else el.get("id", "")
    ob = OpaqueBuilder(el, ("id",) + known)
    docs, text = [], ""
    for child in children(el):
        if child.tag == DOC:
            docs.append(documentation(child))
        elif tag == "textAnnotation" and child.tag == q(BPMN, "text"):
            text = child.text or ""
        else:
            ob.keep_unread(child)
    common: dict[str, Any] = dict(id=art_id, parent=parent, documentation=tuple(docs), opaque=ob.build())
    if tag == "association":
        return Association(**common, source=el.get("sourceRef", ""), target=el.get("targetRef", ""),
                           direction=el.get("associationDirection", ""))
    if tag == "textAnnotation":
        return TextAnnotation(**common, text=text, text_format=el.get("textFormat", ""))
    return Group(**common, category_value_ref=el.get("categoryValueRef", ""))


def read_lane_set(el: etree._Element, parent: str) -> LaneSet:
    ob = OpaqueBuilder(el, ("id", "name"))
    lanes = []
    for child in children(el):
        if child.tag == q(BPMN, "lane"):
            lanes.append(_lane(child))
        else:
            ob.keep_unread(child)
    return LaneSet(id=el.get("id", ""), name=el.get("name", ""), lanes=tuple(lanes), parent=parent,
                   opaque=ob.build())


def _lane(el: etree._Element) -> Lane:
    ob = OpaqueBuilder(el, ("id", "name", "partitionElementRef"))
    refs, docs, child_set = [], [], None
    for child in children(el):
        if child.tag == q(BPMN, "flowNodeRef"):
            refs.append((child.text or "").strip())
        elif child.tag == q(BPMN, "childLaneSet"):
            child_set = read_lane_set(child, "")
        elif child.tag == DOC:
            docs.append(documentation(child))
        else:
            ob.keep_unread(child)
    return Lane(id=el.get("id", ""), name=el.get("name", ""), flow_node_refs=tuple(refs),
                child_lane_set=child_set, partition_element_ref=el.get("partitionElementRef", ""),
                documentation=tuple(docs), opaque=ob.build(), names=ob.lang_names())
