"""Helpers shared by the SVG drawing modules: element lookup by id, kind names,
the drawing's extent, text blocks and badges."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape
from typing import Any

from bpmn_io.svg_shapes import num
from bpmn_io.textsize import LINE_HEIGHT, text_width, wrap
from bpmn_io.xmlsafe import parse_xml
from processes.model import (
    Association,
    Bounds,
    CallActivity,
    Collaboration,
    DataAssociation,
    DataObject,
    DataObjectReference,
    DataStoreReference,
    Definitions,
    Event,
    Gateway,
    Group,
    Label,
    Lane,
    MessageFlow,
    Participant,
    Plane,
    Process,
    SequenceFlow,
    Shape,
    SubProcess,
    Task,
    TextAnnotation,
)

__all__ = [
    "DataPort",
    "ElementIndex",
    "Extent",
    "element_kind",
    "shape_classes",
    "is_expanded",
    "text_block",
    "default_label_box",
    "tool_label_box",
    "label_box",
    "badge_svg",
    "fitting_size",
    "cut_to_fit",
]

_EVENT_TAGS = {
    "start": "startEvent",
    "end": "endEvent",
    "boundary": "boundaryEvent",
    "intermediate_catch": "intermediateCatchEvent",
    "intermediate_throw": "intermediateThrowEvent",
}
_MODEL_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"


@dataclass(frozen=True, slots=True)
class DataPort:
    """A ``dataInput`` or ``dataOutput`` of an ioSpecification (kept as XML in the model), for drawing."""

    id: str
    name: str = ""
    output: bool = False
    is_collection: bool = False


_PORTS = {f"{{{_MODEL_NS}}}dataInput": False, f"{{{_MODEL_NS}}}dataOutput": True}


def _data_ports(io_specification: str) -> list[DataPort]:
    if not io_specification:
        return []
    root = parse_xml(io_specification.encode(), source="ioSpecification").getroot()
    return [DataPort(el.get("id", ""), el.get("name", ""), _PORTS[el.tag], el.get("isCollection") == "true")
            for el in root.iter(*_PORTS) if el.get("id")]


@dataclass(frozen=True, slots=True)
class ElementIndex:
    """Every element of a model that a diagram can refer to, by BPMN id."""

    elements: dict[str, Any]
    #: the process each element drawn inside a pool belongs to: its nodes, flows, artifacts, lanes,
    #: data associations and data inputs/outputs
    owner: dict[str, Process]
    categories: dict[str, str]

    @classmethod
    def of(cls, defs: Definitions) -> ElementIndex:
        elements: dict[str, Any] = {}
        owner: dict[str, Process] = {}
        for process in defs.processes:
            elements[process.id] = process
            for table in (process.nodes, process.flows, process.artifacts):
                for key, value in table.items():
                    elements[key] = value
                    owner[key] = process
            for lane in process.lanes():
                elements[lane.id] = lane
                owner[lane.id] = process
            for node in process.nodes.values():
                for assoc in node.data_associations:
                    if assoc.id:
                        elements[assoc.id] = assoc
                        owner[assoc.id] = process
            for holder in (process, *process.nodes.values()):
                for port in _data_ports(holder.io_specification):
                    elements.setdefault(port.id, port)
                    owner.setdefault(port.id, process)
        for collaboration in defs.collaborations:
            elements[collaboration.id] = collaboration
            for part in collaboration.participants:
                elements[part.id] = part
            for table2 in (collaboration.message_flows, collaboration.artifacts):
                elements.update(table2)
        categories: dict[str, str] = {}
        for root in defs.root_elements:
            if root.tag == "category" and root.xml:
                for value in parse_xml(root.xml.encode(), source=root.id or "category").getroot().iter(f"{{{_MODEL_NS}}}categoryValue"):
                    categories[value.get("id", "")] = value.get("value", "")
        return cls(elements, owner, categories)

    def element(self, element_id: str) -> Any:
        return self.elements.get(element_id)

    def is_collection(self, ref: DataObjectReference) -> bool:
        target = self.elements.get(ref.data_object_ref)
        return isinstance(target, DataObject) and target.is_collection

    def category_value(self, ref: str) -> str:
        return self.categories.get(ref, "")

    def is_default_flow(self, flow: SequenceFlow) -> bool:
        source = self.elements.get(flow.source)
        return bool(source is not None and getattr(source, "default", "") == flow.id)


def element_kind(element: Any) -> str:
    """The BPMN tag-like kind of a model element (``userTask``, ``exclusiveGateway`` ...)."""
    if isinstance(element, Task):
        return element.task_type
    if isinstance(element, SubProcess):
        return element.variant
    if isinstance(element, CallActivity):
        return "callActivity"
    if isinstance(element, Gateway):
        return f"{element.gateway_kind}Gateway"
    if isinstance(element, Event):
        return _EVENT_TAGS[element.position]
    if isinstance(element, DataAssociation):
        return "dataInputAssociation" if element.direction == "input" else "dataOutputAssociation"
    if isinstance(element, DataPort):
        return "dataOutput" if element.output else "dataInput"
    table = {
        DataObject: "dataObject",
        DataObjectReference: "dataObjectReference",
        DataStoreReference: "dataStoreReference",
        TextAnnotation: "textAnnotation",
        Group: "group",
        Lane: "lane",
        Participant: "participant",
        SequenceFlow: "sequenceFlow",
        MessageFlow: "messageFlow",
        Association: "association",
        Process: "process",
        Collaboration: "collaboration",
    }
    return table.get(type(element), "unknown")


def shape_classes(element: Any, index: ElementIndex, *, expanded: bool = False) -> str:
    """CSS classes of a shape group: a category and the kind, plus state words."""
    kind = element_kind(element)
    if isinstance(element, (Task, SubProcess, CallActivity)):
        extra = " expanded" if expanded else ""
        if isinstance(element, SubProcess) and element.triggered_by_event:
            extra += " eventSubProcess"
        return f"activity {kind}{extra}"
    if isinstance(element, Event):
        return f"event {kind} {element.trigger}"
    if isinstance(element, Gateway):
        return f"gateway {kind}"
    if isinstance(element, (DataObject, DataObjectReference, DataStoreReference, DataPort)):
        return f"data {kind}"
    if isinstance(element, (TextAnnotation, Group)):
        return f"artifact {kind}"
    return kind


def is_expanded(shape: Shape, index: ElementIndex, plane: Plane) -> bool:
    """Whether a subprocess shape is drawn open (its children on this plane)."""
    element = index.element(shape.element)
    if not isinstance(element, (SubProcess, CallActivity)):
        return False
    if shape.is_expanded is not None:
        return shape.is_expanded
    on_plane = {s.element for s in plane.shapes}
    if any(getattr(index.element(e), "parent", None) == element.id for e in on_plane):
        return True
    # the nodes of the process it calls drawn inside it, without isExpanded (the Signavio and Visual
    # Paradigm B.1.0 roundtrips): drawn closed, its name and box would lie under or over them
    return any(_within(s.bounds, shape.bounds) for s in plane.shapes
               if s is not shape and _is_inner_node(index.element(s.element)))


def _is_inner_node(element: Any) -> bool:
    """A flow node that lies inside its container (a boundary event straddles the border)."""
    if isinstance(element, Event):
        return element.position != "boundary"
    return isinstance(element, (Task, SubProcess, CallActivity, Gateway))


def _within(inner: Bounds, outer: Bounds) -> bool:
    """Whether a box of some size lies wholly inside another."""
    return (inner.width > 0 and inner.height > 0 and outer.x <= inner.x and inner.x + inner.width <= outer.x + outer.width
            and outer.y <= inner.y and inner.y + inner.height <= outer.y + outer.height)


@dataclass(slots=True)
class Extent:
    """The box around everything drawn, grown as shapes are added."""

    xs: list[float] = field(default_factory=list)
    ys: list[float] = field(default_factory=list)

    def add_point(self, x: float, y: float) -> None:
        self.xs.append(x)
        self.ys.append(y)

    def add_bounds(self, b: Bounds) -> None:
        self.add_point(b.x, b.y)
        self.add_point(b.x + b.width, b.y + b.height)

    def box(self, margin: float) -> tuple[float, float, float, float]:
        if not self.xs:
            return (0.0, 0.0, 2 * margin, 2 * margin)
        return (min(self.xs) - margin, min(self.ys) - margin, max(self.xs) + margin, max(self.ys) + margin)


def text_block(
    text: str,
    x: float,
    y: float,
    width: float,
    height: float,
    *,
    size: float,
    align: str = "middle",
    valign: str = "middle",
    vertical: bool = False,
) -> str:
    """``text`` wrapped into the box, one ``<tspan>`` a line, XML-escaped.

    ``vertical`` sets it bottom-to-top, centred in the box (a pool or lane header).
    """
    if not text or not text.strip():
        return ""
    cx, cy = x + width / 2, y + height / 2
    if vertical:
        width, height = height, width
        x, y = cx - width / 2, cy - height / 2
    lines = wrap(text, max(width, size), size)
    step = size * LINE_HEIGHT
    total = step * len(lines)
    top = y + (height - total) / 2 if valign == "middle" else y
    anchor_x = {"middle": x + width / 2, "start": x}[align]
    spans = "".join(
        f'<tspan x="{num(anchor_x)}" y="{num(top + size * 0.95 + i * step)}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    rotate = f' transform="rotate(-90 {num(cx)} {num(cy)})"' if vertical else ""
    return f'<text class="label" font-size="{num(size)}" text-anchor="{align}"{rotate}>{spans}</text>'


def fitting_size(text: str, width: float, height: float, *, start: float = 12, smallest: float = 8) -> float | None:
    """The largest font size from ``start`` down to ``smallest`` at which ``text``
    wrapped to ``width`` fits ``height``, or None when none does."""
    size = start
    while size >= smallest:
        lines = wrap(text, max(width, size), size)
        if len(lines) * size * LINE_HEIGHT <= height and max(text_width(line, size) for line in lines) <= width:
            return size
        size -= 1
    return None


def cut_to_fit(text: str, width: float, height: float, size: float) -> str:
    """``text`` wrapped to ``width`` and cut to the lines that fit ``height`` at ``size``,
    the last one ending in ``…`` (one line at least); the text itself when it fits."""
    lines = list(wrap(text, max(width, size), size))
    keep = max(1, int(height // (size * LINE_HEIGHT)))
    if len(lines) <= keep:
        return text
    lines = lines[:keep]
    last = lines[-1].rstrip()
    while last and text_width(last + "…", size) > width:
        last = last[:-1].rstrip()
    lines[-1] = last + "…"
    return "\n".join(lines)


def label_box(label: Label | None) -> Bounds | None:
    """A DI label's box, or None where it gives none or one without size: Bizagi writes every
    label as a 0 x 0 point, which wrapped to its width set one letter a line down the page."""
    if label is None or label.bounds is None or label.bounds.width < 1 or label.bounds.height < 1:
        return None
    return label.bounds


#: how much wider than a label box ``textsize`` may measure the tool's own line: its estimate errs
#: wide, e.g. 'Invoice review' at 11 px is 79.4 px there and 69.7 px by Arial's advance widths (x 1.14)
_TOOL_SLACK = (1.05, 1.1, 1.15, 1.2)


def tool_label_box(text: str, box: Bounds, size: float = 11) -> Bounds:
    """A label box a modelling tool wrote, widened about its middle (by at most a fifth) where the
    text, wrapped to its width by this module's wide estimate, needs more lines than the box is
    high (a line per ``size`` px: Signavio's 22 px holds two) and the widened one does not: else
    the extra lines run over the shape or flow below, where the tool set them on fewer."""
    room = max(1, math.floor(box.height / size + 0.25))
    if len(wrap(text, max(box.width, size), size)) <= room:
        return box
    for slack in _TOOL_SLACK:
        width = box.width * slack
        if len(wrap(text, width, size)) <= room:
            return Bounds(box.x - (width - box.width) / 2, box.y, width, box.height)
    return box


def default_label_box(bounds: Bounds, text: str, size: float = 11) -> Bounds:
    """Where an external label goes when DI gives none: centred below the shape."""
    width = 90.0
    lines = wrap(text, width, size)
    width = max(min(90.0, max(text_width(line, size) for line in lines) + 4), 20.0)
    return Bounds(bounds.cx - width / 2, bounds.y + bounds.height + 4, width, len(lines) * size * LINE_HEIGHT + 2)


def badge_svg(text: str, right: float, top: float) -> str:
    """A small boxed text (``class="badge"``) whose box ends at ``right`` and straddles ``top``."""
    width = text_width(text, 10) + 8
    x, y = right - width + 6, top - 8
    return (
        f'<g class="badge"><rect x="{num(x)}" y="{num(y)}" width="{num(width)}" height="15" rx="3" '
        f'stroke-width="1"/><text x="{num(x + width / 2)}" y="{num(y + 11)}" text-anchor="middle">'
        f"{escape(text)}</text></g>"
    )
