"""BPMN-notation SVG drawn from a model's diagram interchange (DI).

:func:`render_svg` draws one plane of a :class:`~processes.model.Definitions`:
pools and lanes, activities with their type icons and markers, events with
trigger icons, gateways with markers, data, artifacts and every kind of flow.
Each drawn element is a ``<g>`` carrying ``data-element-id`` (the BPMN id) and
a ``class`` naming its kind (``shape activity userTask``, ``edge sequenceFlow``
...), so a report can colour it with CSS and a test can count it. Callers add
their own classes and a small text badge per element id.

The output is deterministic: the same model gives the same bytes.

>>> from processes.model import Definitions
>>> render_svg(Definitions())
Traceback (most recent call last):
...
processes.errors.ModelError: nothing to draw: the model has no process and no collaboration
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

from bpmn_io import svg_nodes
from bpmn_io.svg_colors import marker_variants, recolor, recolor_markers, safe_color
from bpmn_io.svg_edges import Outline, edge_svg, outline_of
from bpmn_io.svg_parts import (
    DataPort,
    ElementIndex,
    Extent,
    badge_svg,
    default_label_box,
    is_expanded,
    label_box,
    shape_classes,
    text_block,
    tool_label_box,
)
from bpmn_io.svg_pools import pools_apart
from bpmn_io.svg_shapes import (
    activity_markers,
    data_arrow,
    data_object_path,
    data_store_paths,
    gateway_marker,
    num,
)
from bpmn_io.textsize import LINE_HEIGHT, wrap
from processes.errors import ModelError
from processes.model import (
    Bounds,
    CallActivity,
    Collaboration,
    DataObject,
    DataObjectReference,
    DataStoreReference,
    Definitions,
    Event,
    Gateway,
    Group,
    Lane,
    Participant,
    Plane,
    Process,
    Shape,
    SubProcess,
    Task,
    TextAnnotation,
)
from processes.shownnames import has_names, in_language

__all__ = ["render_svg"]

_MARKERS = """<marker id="pf-seq-end" viewBox="0 0 20 20" refX="11" refY="10" markerWidth="10" markerHeight="10" orient="auto"><path d="M1,5 L11,10 L1,15 Z" fill="#000" stroke="#000" stroke-width="1"/></marker>
<marker id="pf-msg-start" viewBox="0 0 20 20" refX="6" refY="6" markerWidth="20" markerHeight="20" orient="auto"><circle cx="6" cy="6" r="3.5" fill="#fff" stroke="#000" stroke-width="1"/></marker>
<marker id="pf-msg-end" viewBox="0 0 20 20" refX="8.5" refY="5" markerWidth="20" markerHeight="20" orient="auto"><path d="M1,1 L8,5 L1,9 Z" fill="#fff" stroke="#000" stroke-width="1"/></marker>
<marker id="pf-cond-start" viewBox="0 0 20 20" refX="-1" refY="10" markerWidth="10" markerHeight="10" orient="auto"><path d="M0,10 L8,6 L16,10 L8,14 Z" fill="#fff" stroke="#000" stroke-width="1"/></marker>
<marker id="pf-assoc-end" viewBox="0 0 20 20" refX="12" refY="10" markerWidth="12" markerHeight="12" orient="auto"><path d="M1,5 L11,10 L1,15" fill="none" stroke="#000" stroke-width="1.5"/></marker>
<marker id="pf-assoc-start" viewBox="0 0 20 20" refX="1" refY="10" markerWidth="12" markerHeight="12" orient="auto"><path d="M12,5 L2,10 L12,15" fill="none" stroke="#000" stroke-width="1.5"/></marker>
"""

_STYLE = (
    "<style>"
    "text{font-family:Arial,Helvetica,sans-serif;fill:#000}"
    ".badge rect{fill:#fff8c5;stroke:#9a6700}.badge text{font-size:10px}"
    "</style>"
)

_LAYER_POOL, _LAYER_LANE, _LAYER_CONTAINER, _LAYER_NODE, _LAYER_EDGE, _LAYER_BOUNDARY, _LAYER_GROUP = range(7)


@dataclass(frozen=True, slots=True)
class _Item:
    layer: int
    order: int
    svg: str


def render_svg(
    defs: Definitions,
    *,
    diagram: int = 0,
    classes: Mapping[str, str] | None = None,
    badges: Mapping[str, str] | None = None,
    extra_css: str = "",
    languages: tuple[str, ...] = (),
    condition_labels: bool | None = None,
) -> str:
    """Draw diagram number ``diagram`` of ``defs`` as a standalone SVG document.

    ``classes`` maps a BPMN element id to extra CSS classes for its group and
    ``badges`` to a short text shown in a small box at its top-right corner
    (a flow's badge sits at its middle). ``extra_css`` is added to the
    document's ``<style>`` (e.g. ``.matched .body{fill:#dfd}``: the outline of
    every shape and the line of every flow carry the class ``body``).
    ``languages`` (``("en", "sv")``): a label whose element names itself per
    language (:mod:`processes.shownnames`) is written once in each, in a ``<g>``
    of that language's class (``en``, ``sv``), for a page that shows its own;
    a model without such names is drawn as without ``languages``.
    ``condition_labels``: an unnamed sequence flow shows its condition; by default
    where permitflow laid the diagram out (a model without one, or a file permitflow
    saved with its layout: :meth:`~processes.model.Definitions.laid_out_by_permitflow`),
    while a modelling tool's diagram is drawn as bpmn.io draws it, a flow's name only
    (:func:`bpmn_io.svg_edges.flow_label_text`).
    Raises :class:`~processes.errors.ModelError` when there is no such diagram.
    """
    if condition_labels is None:
        condition_labels = defs.laid_out_by_permitflow()
    shown = [lang for lang in languages if has_names(defs, lang)]
    if not shown:
        return _render(defs, diagram, classes, badges, extra_css, conditions=condition_labels)
    drawn = {lang: _render(in_language(defs, lang), diagram, classes, badges, extra_css, grow=True,
                           conditions=condition_labels)
             for lang in languages}
    return _bilingual(drawn)


def _render(defs: Definitions, diagram: int, classes: Mapping[str, str] | None, badges: Mapping[str, str] | None,
            extra_css: str, *, grow: bool = False, conditions: bool = False) -> str:
    """The drawing; ``grow``: a label above its shape whose text needs more lines than its box holds grows
    upwards (a name in another language than the one the box was drawn for), not down over the shape;
    ``conditions``: an unnamed sequence flow shows its condition."""
    if not defs.diagrams or not any(d.plane.shapes or d.plane.edges for d in defs.diagrams):
        raise ModelError(f"nothing to draw: {_why_empty(defs)}")
    if not 0 <= diagram < len(defs.diagrams):
        raise ModelError(f"diagram {diagram} does not exist (the model has {len(defs.diagrams)})")
    plane = defs.diagrams[diagram].plane
    if not plane.shapes and not plane.edges:
        raise ModelError(f"nothing to draw: diagram {diagram} ('{defs.diagrams[diagram].id}') is empty "
                         f"(another diagram of the model has shapes; choose it with --diagram)")
    index = ElementIndex.of(defs)
    plane = pools_apart(plane, index)  # Bizagi writes called processes' pools over the main ones
    classes = classes or {}
    badges = badges or {}
    extent = Extent()
    items: list[_Item] = []
    expanded = {s.element for s in plane.shapes if is_expanded(s, index, plane)}
    referenced = _drawn_through_reference(plane, index)
    for order, shape in enumerate(plane.shapes):
        element = index.element(shape.element)
        if isinstance(element, (Process, Collaboration)) or shape.element in referenced:
            continue  # the process itself (Bonita), a data object its reference shows: bpmn.io draws neither
        layer, body = _shape_body(shape, element, index, plane, expanded, extent, grow)
        body = recolor(body, fill=shape.fill, stroke=shape.stroke, label=shape.label.color if shape.label else "")
        extent.add_bounds(shape.bounds)
        css = shape_classes(element, index, expanded=shape.element in expanded)
        items.append(_Item(layer, order, _group(shape.element, "shape " + css, classes, body + (
            badge_svg(badges[shape.element], shape.bounds.x + shape.bounds.width, shape.bounds.y)
            if shape.element in badges else ""))))
    outlines: dict[str, tuple[Outline, ...]] = {}
    for shape in plane.shapes:
        outlines[shape.element] = (*outlines.get(shape.element, ()),
                                   outline_of(index.element(shape.element), shape.bounds))
    edge_colors: dict[str, str] = {}
    for order, edge in enumerate(plane.edges):
        element = index.element(edge.element)
        body, kind = edge_svg(edge, element, index, extent, badges.get(edge.element), outlines, conditions)
        color = safe_color(edge.stroke)
        if color:
            key = edge_colors.setdefault(color, f"c{len(edge_colors) + 1}")
            body = recolor_markers(recolor(body, stroke=color, label=edge.label.color if edge.label else ""), key)
        items.append(_Item(_LAYER_EDGE, order, _group(edge.element, f"edge {kind}", classes, body)))
    items.sort(key=lambda item: (item.layer, item.order))
    x0, y0, x1, y1 = extent.box(margin=10)
    width, height = x1 - x0, y1 - y0
    css = _STYLE if not extra_css else _STYLE[: -len("</style>")] + extra_css + "</style>"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{num(x0)} {num(y0)} {num(width)} {num(height)}" '
        f'width="{num(width)}" height="{num(height)}">'
    )
    background = (
        f'<rect class="background" x="{num(x0)}" y="{num(y0)}" width="{num(width)}" height="{num(height)}" '
        'fill="#fff"/>'
    )
    markers = _MARKERS + marker_variants(_MARKERS, {key: color for color, key in edge_colors.items()})
    return "\n".join([head, f"<defs>\n{markers}</defs>", css, background, *(item.svg for item in items),
                      "</svg>"]) + "\n"


#: a drawn text (a label, a header) and a tooltip: what differs between the drawings of one model per language
_TEXT = re.compile(r"(<text\b.*?</text>|<title>.*?</title>)", re.S)
_VIEW = re.compile(r'viewBox="([^"]*)" width="([^"]*)" height="([^"]*)"')


def _bilingual(drawn: Mapping[str, str]) -> str:
    """One SVG of the drawings of one model per language (language -> SVG): their lines where they agree; where
    they differ, each language's text in a ``<g>`` of its class (the whole line, when more than text differs);
    the view box around them all."""
    langs = list(drawn)
    rows = [svg.split("\n") for svg in drawn.values()]
    if len({len(r) for r in rows}) != 1:  # a name with a line break in it: each language's drawing whole
        return _each_whole(drawn)
    out = []
    for k, lines in enumerate(zip(*rows, strict=True)):
        if k == 0:
            out.append(_union_view(lines))
        elif len(set(lines)) == 1:
            out.append(lines[0])
        else:
            out.append(_merged(dict(zip(langs, lines, strict=True))))
    return "\n".join(out)


def _each_whole(drawn: Mapping[str, str]) -> str:
    """The drawings one after the other, each in a ``<g>`` of its language, under one view box and the first's
    markers and style (the same in each: they do not depend on names)."""
    heads, bodies = [], {}
    for lang, svg in drawn.items():
        lines = svg.split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith('<rect class="background"'))
        heads.append(lines[:at])
        bodies[lang] = "\n".join(lines[at:-2])  # up to </svg> and the empty string after its newline
    head = [_union_view(tuple(h[0] for h in heads)), *heads[0][1:]]
    return "\n".join([*head, *(f'<g class="{lang}">{body}</g>' for lang, body in bodies.items()), "</svg>"]) + "\n"


def _merged(lines: Mapping[str, str]) -> str:
    parts = {lang: _TEXT.split(line) for lang, line in lines.items()}
    shapes = {tuple(p[0::2]) for p in parts.values()}
    if len(shapes) != 1:  # a label box that moved with its text: the element drawn once per language
        return "".join(f'<g class="{lang}">{line}</g>' for lang, line in lines.items())
    first = next(iter(parts.values()))
    out = []
    for i, piece in enumerate(first):
        said = {lang: p[i] for lang, p in parts.items()}
        if i % 2 == 0 or len(set(said.values())) == 1:
            out.append(piece)
        else:
            out.append("".join(f'<g class="{lang}">{text}</g>' for lang, text in said.items() if text))
    return "".join(out)


def _union_view(heads: tuple[str, ...]) -> str:
    """The ``<svg>`` start tag whose view box holds every language's drawing."""
    boxes = []
    for head in heads:
        found = _VIEW.search(head)
        if found is None:
            return heads[0]
        x, y, w, h = (float(v) for v in found.group(1).split())
        boxes.append((x, y, x + w, y + h))
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return _VIEW.sub(f'viewBox="{num(x0)} {num(y0)} {num(x1 - x0)} {num(y1 - y0)}" width="{num(x1 - x0)}" '
                     f'height="{num(y1 - y0)}"', heads[0], count=1)


def _drawn_through_reference(plane: Plane, index: ElementIndex) -> set[str]:
    """The data objects that a drawn data object reference shows: their own shape is not drawn (Bizagi
    writes one at 0,0 beside the reference's; bpmn.io never draws a data object's own shape)."""
    drawn = (index.element(s.element) for s in plane.shapes)
    return {e.data_object_ref for e in drawn if isinstance(e, DataObjectReference)}


def _why_empty(defs: Definitions) -> str:
    """Why a model has nothing to draw, for the error message."""
    if not defs.processes and not defs.collaborations:
        return "the model has no process and no collaboration"
    empty = [p.id for p in defs.processes if not p.nodes and not p.artifacts]
    if len(empty) == len(defs.processes) and not defs.participants():
        names = ", ".join(f"'{pid}'" for pid in empty)
        return (f"process {names} is empty (no tasks, events, gateways or artifacts)" if len(empty) == 1
                else f"processes {names} are empty (no tasks, events, gateways or artifacts)")
    return "the model's diagrams have no shapes or edges (lay it out first: bpmn_io.add_layout)"


def _group(element_id: str, kind: str, classes: Mapping[str, str], body: str) -> str:
    extra = classes.get(element_id, "")
    cls = f"{kind} {extra}".strip()
    return f'<g class="{escape(cls)}" data-element-id="{escape(element_id)}">{body}</g>'


def _external_label(shape: Shape, text: str, extent: Extent, grow: bool = False) -> str:
    if not text:
        return ""
    given = label_box(shape.label)
    box = tool_label_box(text, given) if given is not None else default_label_box(shape.bounds, text)
    need = len(wrap(text, max(box.width, 11), 11)) * 11 * LINE_HEIGHT
    if grow and need > box.height and box.cy < shape.bounds.y:
        box = Bounds(box.x, box.y - (need - box.height), box.width, need)
    extent.add_bounds(box)
    return text_block(text, box.x, box.y, box.width, box.height, size=11, valign="top")


def _shape_body(
    shape: Shape, element: Any, index: ElementIndex, plane: Plane, expanded: set[str], extent: Extent,
    grow: bool = False,
) -> tuple[int, str]:
    b = shape.bounds
    if isinstance(element, Participant):
        return _LAYER_POOL, svg_nodes.pool(shape, element)
    if isinstance(element, Lane):
        return _LAYER_LANE, svg_nodes.lane(shape, element)
    if isinstance(element, (Task, SubProcess, CallActivity)):
        if shape.element in expanded:
            return _LAYER_CONTAINER, svg_nodes.expanded_subprocess(shape, element)
        return _LAYER_NODE, svg_nodes.activity(shape, element, index)
    if isinstance(element, Gateway):
        diamond = [(b.cx, b.y), (b.x + b.width, b.cy), (b.cx, b.y + b.height), (b.x, b.cy)]
        points = " ".join(f"{num(x)},{num(y)}" for x, y in diamond)
        kind = element.gateway_kind
        # an exclusive gateway shows its X only where the diagram says so (isMarkerVisible, false by
        # default in BPMN DI): bpmn.io and the MIWG reference drawings leave the diamond empty else
        marker = "" if kind == "exclusive" and shape.is_marker_visible is not True else gateway_marker(
            kind, b.cx, b.cy, min(b.width, b.height), instantiate=element.instantiate,
            parallel_event=element.event_gateway_type == "Parallel")
        return _LAYER_NODE, (
            f'<polygon class="body" points="{points}" fill="#fff" stroke="#000" stroke-width="2"/>'
            + marker + _external_label(shape, element.name, extent, grow)
        )
    if isinstance(element, Event):
        layer = _LAYER_BOUNDARY if element.position == "boundary" else _LAYER_NODE
        return layer, svg_nodes.event(shape, element) + _external_label(shape, element.name, extent, grow)
    if isinstance(element, (DataObjectReference, DataObject)):
        collection = element.is_collection if isinstance(element, DataObject) else index.is_collection(element)
        body = f'<path class="body" d="{data_object_path(b.x, b.y, b.width, b.height)}" fill="#fff" stroke="#000" stroke-width="1.5"/>'
        if collection:
            body += activity_markers(("parallel",), b.cx, b.y + b.height + 2)
        state = getattr(element, "state", "")
        # the state in brackets after the name, as BPMN draws it, unless the name says it already
        # (Cardanit names a reference 'ID document [for analysis]' and gives it that state too)
        name = element.name + (f" [{state}]" if state and not element.name.rstrip().endswith(f"[{state}]") else "")
        return _LAYER_NODE, body + _external_label(shape, name, extent, grow)
    if isinstance(element, DataPort):
        body = (f'<path class="body" d="{data_object_path(b.x, b.y, b.width, b.height)}" fill="#fff" stroke="#000" '
                f'stroke-width="1.5"/>' + data_arrow(b.x, b.y, output=element.output))
        if element.is_collection:
            body += activity_markers(("parallel",), b.cx, b.y + b.height + 2)
        return _LAYER_NODE, body + _external_label(shape, element.name, extent, grow)
    if isinstance(element, DataStoreReference):
        outline, rims = data_store_paths(b.x, b.y, b.width, b.height)
        body = (
            f'<path class="body" d="{outline}" fill="#fff" stroke="#000" stroke-width="1.5"/>'
            f'<path d="{rims}" fill="none" stroke="#000" stroke-width="1.5"/>'
        )
        return _LAYER_NODE, body + _external_label(shape, element.name, extent, grow)
    if isinstance(element, TextAnnotation):
        bracket = (
            f"M{num(b.x + 10)},{num(b.y)} L{num(b.x)},{num(b.y)} L{num(b.x)},{num(b.y + b.height)} "
            f"L{num(b.x + 10)},{num(b.y + b.height)}"
        )
        return _LAYER_NODE, (
            f'<rect x="{num(b.x)}" y="{num(b.y)}" width="{num(b.width)}" height="{num(b.height)}" fill="none" stroke="none"/>'
            f'<path class="body" d="{bracket}" fill="none" stroke="#000" stroke-width="1"/>'
            + text_block(element.text, b.x + 5, b.y + 3, b.width - 8, b.height - 6, size=11, align="start",
                         valign="top")
        )
    if isinstance(element, Group):
        label = index.category_value(element.category_value_ref)
        body = svg_nodes.rect(b, rx=10, width=1.5, fill="none", dash="8,4,2,4")
        if label:
            box = label_box(shape.label)
            body += (text_block(label, box.x, box.y, box.width, box.height, size=11)
                     if box else text_block(label, b.x, b.y + 3, b.width, 20, size=11, valign="top"))
        return _LAYER_GROUP, body
    return _LAYER_NODE, svg_nodes.rect(b, width=1, fill="#eee", dash="4,3")
