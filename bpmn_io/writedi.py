"""Write BPMN diagram interchange (``bpmndi:BPMNDiagram``) from the model."""

from __future__ import annotations

from typing import Any

from lxml import etree

from processes.model import Bounds, Definitions, Diagram, Edge, Label, Opaque, Shape

from .namespaces import BIOC, BPMNDI, COLOR, DC, DI, KEPT_DIAGRAM, KEPT_POSITION, q
from .writecommon import Builder

__all__ = ["write_diagram", "keep_drawings_aside", "color_namespaces"]

# model field -> attribute per colour namespace (see bpmn_io.readdi)
_COLOR_ATTRS = {"fill": {COLOR: "background-color", BIOC: "fill"},
                "stroke": {COLOR: "border-color", BIOC: "stroke"},
                "color": {COLOR: "color"}}


def color_namespaces(defs: Definitions) -> tuple[str, ...]:
    """The colour namespaces to write DI colours in: those the model's file declared,
    or both (as bpmn.io writes them) when it declared neither; none without colours."""
    used = any(s.fill or s.stroke or (s.label is not None and s.label.color)
               for d in defs.diagrams for s in d.plane.shapes) or any(
        e.stroke or (e.label is not None and e.label.color) for d in defs.diagrams for e in d.plane.edges)
    if not used:
        return ()
    declared = tuple(uri for uri in (COLOR, BIOC) if any(u == uri for _, u in defs.namespaces))
    return declared or (COLOR, BIOC)


def _color_attrs(item: Any, names: tuple[str, ...], opaque: Opaque,
                 forms: tuple[str, ...]) -> list[tuple[str, Any]]:
    """Colour attributes of a shape, edge or label; one the opaque part holds is written from there."""
    kept = {k for k, _ in opaque.attributes}
    return [(q(uri, _COLOR_ATTRS[name][uri]), getattr(item, name)) for name in names for uri in forms
            if uri in _COLOR_ATTRS[name] and q(uri, _COLOR_ATTRS[name][uri]) not in kept]

_DRAWINGS = (q(BPMNDI, "BPMNShape"), q(BPMNDI, "BPMNEdge"))


def _bounds(b: Builder, parent: etree._Element, bounds: Bounds) -> None:
    b.el(parent, q(DC, "Bounds"), [("x", bounds.x), ("y", bounds.y), ("width", bounds.width),
                                   ("height", bounds.height)])



def _label(b: Builder, parent: etree._Element, label: Label | None, forms: tuple[str, ...]) -> None:
    if label is None:
        return
    el = b.el(parent, q(BPMNDI, "BPMNLabel"), [("id", label.id), ("labelStyle", label.label_style),
                                               *_color_attrs(label, ("color",), label.opaque, forms)],
              label.opaque, di=True)
    if label.bounds is not None:
        _bounds(b, el, label.bounds)


def _shape(b: Builder, parent: etree._Element, shape: Shape, forms: tuple[str, ...]) -> None:
    el = b.el(parent, q(BPMNDI, "BPMNShape"), [
        ("id", shape.id), ("bpmnElement", shape.element), ("isHorizontal", shape.is_horizontal),
        ("isExpanded", shape.is_expanded), ("isMarkerVisible", shape.is_marker_visible),
        ("isMessageVisible", shape.is_message_visible), ("participantBandKind", shape.participant_band_kind),
        ("choreographyActivityShape", shape.choreography_activity_shape),
        *_color_attrs(shape, ("stroke", "fill"), shape.opaque, forms)], shape.opaque, di=True)
    _bounds(b, el, shape.bounds)
    _label(b, el, shape.label, forms)


def _edge(b: Builder, parent: etree._Element, edge: Edge, forms: tuple[str, ...]) -> None:
    el = b.el(parent, q(BPMNDI, "BPMNEdge"), [
        ("id", edge.id), ("bpmnElement", edge.element), ("sourceElement", edge.source_element),
        ("targetElement", edge.target_element), ("messageVisibleKind", edge.message_visible_kind),
        *_color_attrs(edge, ("stroke",), edge.opaque, forms)], edge.opaque, di=True)
    for point in edge.waypoints:
        b.el(el, q(DI, "waypoint"), [("x", point.x), ("y", point.y)])
    _label(b, el, edge.label, forms)


def write_diagram(b: Builder, parent: etree._Element, diagram: Diagram, color_forms: tuple[str, ...] = ()) -> None:
    """A ``bpmndi:BPMNDiagram`` with its plane, shapes, edges and label styles.

    DI colours are written in the namespaces ``color_forms`` names (see :func:`color_namespaces`).
    """
    el = b.el(parent, q(BPMNDI, "BPMNDiagram"), [
        ("id", diagram.id), ("name", diagram.name), ("documentation", diagram.documentation),
        ("resolution", diagram.resolution)], diagram.opaque, di=True)
    plane = diagram.plane
    plane_el = b.el(el, q(BPMNDI, "BPMNPlane"), [("id", plane.id), ("bpmnElement", plane.element)],
                    plane.opaque, di=True)
    for shape in plane.shapes:
        _shape(b, plane_el, shape, color_forms)
    for edge in plane.edges:
        _edge(b, plane_el, edge, color_forms)
    for style in diagram.label_styles:
        b.fragment(el, style)


def keep_drawings_aside(b: Builder, root: etree._Element, definitions_id: str) -> None:
    """Move the shapes and edges that draw kept-aside elements, or nothing, into the kept-wrapper.

    Call after :meth:`Builder.arrange`. A drawing of an element the writer had to
    keep aside (e.g. a dataInputAssociation without the required targetRef) would
    point at nothing a BPMN tool can see. It goes into the definitions' kept-wrapper
    (``bpmn:extensionElements`` content is free for the XSD and opaque to tools;
    ``di:extension`` is not: its wildcard is strict) marked with the index of its
    diagram and its position among the plane's shapes or edges, so the reader
    (:func:`bpmn_io.readdi.restore_drawings`) puts it back where it was. A drawing
    whose ``bpmnElement`` names no element in the document at all (the source tool
    dropped the element) goes the same way.
    """
    kept = b.kept_ids(root)
    visible = b.visible_ids(root)

    def draws_nothing(ref: str | None) -> bool:
        return ref is not None and ref not in visible and ref.rpartition(":")[2] not in visible

    moves = []
    for d_index, diagram in enumerate(root.iterchildren(q(BPMNDI, "BPMNDiagram"))):
        for plane in diagram.iterchildren(q(BPMNDI, "BPMNPlane")):
            for tag in _DRAWINGS:
                for position, el in enumerate(plane.iterchildren(tag)):
                    ref = el.get("bpmnElement")
                    if ref in kept or draws_nothing(ref):
                        moves.append((d_index, position, el))
    if not moves:
        return
    wrapper = b.definitions_wrapper(root, definitions_id)
    for d_index, position, el in moves:
        el.set(KEPT_DIAGRAM, str(d_index))
        el.set(KEPT_POSITION, str(position))
        wrapper.append(el)
