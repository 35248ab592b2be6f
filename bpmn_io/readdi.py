"""Read BPMN diagram interchange (``bpmndi:BPMNDiagram``) into the model."""

from __future__ import annotations

import dataclasses
from typing import Any

from lxml import etree

from processes.model import Bounds, Diagram, Edge, Label, Plane, Point, Shape

from .fragments import fragment
from .namespaces import BIOC, BPMNDI, COLOR, DC, DI, KEPT_DIAGRAM, KEPT_POSITION, XSI, q
from .readcommon import OpaqueBuilder, Source, children, flag, number

__all__ = ["read_diagram", "kept_drawing", "restore_drawings", "color_declarations"]

_BOUNDS = q(DC, "Bounds")
_LABEL = q(BPMNDI, "BPMNLabel")
_WAYPOINT = q(DI, "waypoint")
_EXTENSION = q(DI, "extension")


def _bounds(el: etree._Element, source: Source) -> Bounds:
    values = [number(el, k, source, default=0.0) for k in ("x", "y", "width", "height")]
    try:
        return Bounds(*values)  # type: ignore[arg-type]
    except ValueError as err:
        raise source.error(el, f"dc:Bounds: {err} (expected a non-negative width and height)") from None


# model field: (OMG attribute, bpmn.io attribute); bpmn.io reads the OMG one first
_COLORS = {"fill": (q(COLOR, "background-color"), q(BIOC, "fill")),
           "stroke": (q(COLOR, "border-color"), q(BIOC, "stroke")),
           "color": (q(COLOR, "color"), None)}


def _colors(el: etree._Element, ob: OpaqueBuilder, names: tuple[str, ...]) -> dict[str, str]:
    """The colours a modeler set on ``el``, by model field, taken out of ``ob``'s attributes.

    An attribute that disagrees with the colour read stays opaque (and is written
    back as it was), so a round trip keeps both.
    """
    found: dict[str, str] = {}
    for name in names:
        omg, bioc = _COLORS[name]
        value = el.get(omg) or (el.get(bioc) if bioc else None) or ""
        if value:
            found[name] = value
            ob.attributes = tuple((k, v) for k, v in ob.attributes if not (k in (omg, bioc) and v == value))
    return found


def color_declarations(root: etree._Element) -> list[tuple[str, str]]:
    """(prefix, uri) of the colour namespaces the DI of ``root`` uses, wherever they are declared.

    ADONIS declares ``color:`` on each shape; recorded with the document's namespaces,
    the export declares it once on its root and writes the colours in that namespace.
    """
    found: dict[str, str] = {}
    for el in root.iter(q(BPMNDI, "BPMNShape"), q(BPMNDI, "BPMNEdge"), q(BPMNDI, "BPMNLabel")):
        for name in el.attrib:
            uri = etree.QName(name).namespace
            if uri in (COLOR, BIOC) and uri not in found:
                found[uri] = next((p for p, u in el.nsmap.items() if u == uri and p), "")
    return [(prefix, uri) for uri, prefix in found.items() if prefix]


def _label(el: etree._Element, source: Source) -> Label:
    ob = OpaqueBuilder(el, ("id", "labelStyle"))
    bounds = None
    for child in children(el):
        if child.tag == _BOUNDS:
            bounds = _bounds(child, source)
        else:
            ob.keep_unread(child, extension=_EXTENSION)
    colors = _colors(el, ob, ("color",))
    return Label(bounds=bounds, label_style=el.get("labelStyle", ""), id=el.get("id", ""), opaque=ob.build(),
                 **colors)


def _shape(el: etree._Element, source: Source) -> Shape:
    known = ("id", "bpmnElement", "isExpanded", "isHorizontal", "isMarkerVisible", "isMessageVisible",
             "participantBandKind", "choreographyActivityShape")
    ob = OpaqueBuilder(el, known)
    bounds, label = None, None
    for child in children(el):
        if child.tag == _BOUNDS and bounds is None:
            bounds = _bounds(child, source)
        elif child.tag == _LABEL:
            label = _label(child, source)
        else:
            ob.keep_unread(child, extension=_EXTENSION)
    if bounds is None:
        raise source.error(el, "BPMNShape has no dc:Bounds (expected one)")
    colors = _colors(el, ob, ("fill", "stroke"))
    return Shape(
        id=el.get("id", ""), element=el.get("bpmnElement", ""), bounds=bounds,
        is_expanded=flag(el, "isExpanded", source), is_horizontal=flag(el, "isHorizontal", source),
        is_marker_visible=flag(el, "isMarkerVisible", source),
        is_message_visible=flag(el, "isMessageVisible", source),
        participant_band_kind=el.get("participantBandKind", ""),
        choreography_activity_shape=el.get("choreographyActivityShape", ""), label=label, opaque=ob.build(),
        **colors,
    )


def _edge(el: etree._Element, source: Source) -> Edge:
    ob = OpaqueBuilder(el, ("id", "bpmnElement", "sourceElement", "targetElement", "messageVisibleKind"))
    points, label = [], None
    for child in children(el):
        if child.tag == _WAYPOINT:
            # xsi:type="dc:Point" is implied by the schema and not kept
            points.append(Point(number(child, "x", source, default=0.0), number(child, "y", source, default=0.0)))  # type: ignore[arg-type]
        elif child.tag == _LABEL:
            label = _label(child, source)
        else:
            ob.keep_unread(child, extension=_EXTENSION)
    colors = _colors(el, ob, ("stroke",))
    return Edge(id=el.get("id", ""), element=el.get("bpmnElement", ""), waypoints=tuple(points),
                source_element=el.get("sourceElement", ""), target_element=el.get("targetElement", ""),
                message_visible_kind=el.get("messageVisibleKind", ""), label=label, opaque=ob.build(), **colors)


_PLANE_CHILDREN: dict[str, Any] = {q(BPMNDI, "BPMNShape"): _shape, q(BPMNDI, "BPMNEdge"): _edge}


def _plane(el: etree._Element, source: Source) -> Plane:
    ob = OpaqueBuilder(el, ("id", "bpmnElement"))
    shapes, edges = [], []
    for child in children(el):
        reader = _PLANE_CHILDREN.get(child.tag)
        if reader is _shape:
            shapes.append(_shape(child, source))
        elif reader is _edge:
            edges.append(_edge(child, source))
        else:
            ob.keep_unread(child, extension=_EXTENSION)
    return Plane(id=el.get("id", ""), element=el.get("bpmnElement", ""), shapes=tuple(shapes),
                 edges=tuple(edges), opaque=ob.build())


def read_diagram(el: etree._Element, source: Source) -> Diagram:
    """A ``bpmndi:BPMNDiagram`` element."""
    ob = OpaqueBuilder(el, ("id", "name", "resolution", "documentation"))
    plane: Plane | None = None
    styles = []
    for child in children(el):
        if child.tag == q(BPMNDI, "BPMNPlane") and plane is None:
            plane = _plane(child, source)
        elif child.tag == q(BPMNDI, "BPMNLabelStyle"):
            styles.append(fragment(child))
        else:
            ob.keep_unread(child, extension=_EXTENSION)
    ob.attributes = tuple((k, v) for k, v in ob.attributes if k != q(XSI, "type"))
    return Diagram(id=el.get("id", ""), name=el.get("name", ""), resolution=number(el, "resolution", source),
                   documentation=el.get("documentation", ""), plane=plane or Plane(),
                   label_styles=tuple(styles), opaque=ob.build())


def kept_drawing(el: etree._Element) -> bool:
    """Whether ``el`` is a shape or edge the writer kept aside (see :func:`restore_drawings`)."""
    return el.tag in _PLANE_CHILDREN and el.get(KEPT_DIAGRAM) is not None and el.get(KEPT_POSITION) is not None


def restore_drawings(diagrams: tuple[Diagram, ...], kept: list[etree._Element],
                     source: Source) -> tuple[Diagram, ...]:
    """``diagrams`` with the kept-aside shapes and edges back at their positions.

    The writer moves the drawing of an element it keeps aside into the kept-wrapper,
    marked with its diagram's index and its position among the plane's shapes or edges.
    """
    placed: dict[tuple[int, bool], list[tuple[int, Shape | Edge]]] = {}
    for el in kept:
        try:
            d_index, position = int(el.attrib.pop(KEPT_DIAGRAM)), int(el.attrib.pop(KEPT_POSITION))
        except ValueError:
            raise source.error(el, "kept drawing: pfk:diagram and pfk:position are not integers "
                                   "(expected the indices permitflow wrote)") from None
        if position < 0:
            raise source.error(el, f"kept drawing: pfk:position={position} (expected 0 or more)")
        if not 0 <= d_index < len(diagrams):
            raise source.error(el, f"kept drawing: no diagram number {d_index} "
                                   f"(expected below {len(diagrams)})")
        is_edge = el.tag == q(BPMNDI, "BPMNEdge")
        item = _edge(el, source) if is_edge else _shape(el, source)
        placed.setdefault((d_index, is_edge), []).append((position, item))
    result = list(diagrams)
    for (d_index, is_edge), items in sorted(placed.items()):
        plane = result[d_index].plane
        current: list[Any] = list(plane.edges if is_edge else plane.shapes)
        for position, item in sorted(items, key=lambda pair: pair[0]):
            current.insert(position, item)
        new_plane = (dataclasses.replace(plane, edges=tuple(current)) if is_edge
                     else dataclasses.replace(plane, shapes=tuple(current)))
        result[d_index] = dataclasses.replace(result[d_index], plane=new_plane)
    return tuple(result)
