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
processes.errors.ModelError: the model has no diagram to draw (run layout first)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

from bpmn_io.svg_edges import edge_svg
from bpmn_io.svg_parts import (
    ElementIndex,
    Extent,
    badge_svg,
    default_label_box,
    fitting_size,
    is_expanded,
    shape_classes,
    text_block,
)
from bpmn_io.svg_shapes import (
    activity_markers,
    data_object_path,
    data_store_paths,
    event_icon,
    gateway_marker,
    num,
    task_icon,
)
from processes.errors import ModelError
from processes.model import (
    CallActivity,
    DataObject,
    DataObjectReference,
    DataStoreReference,
    Definitions,
    Event,
    Gateway,
    Group,
    Lane,
    MultiInstance,
    Participant,
    Plane,
    Process,
    Shape,
    StandardLoop,
    SubProcess,
    Task,
    TextAnnotation,
)

__all__ = ["render_svg"]

_DEFS = """<defs>
<marker id="pf-seq-end" viewBox="0 0 20 20" refX="11" refY="10" markerWidth="10" markerHeight="10" orient="auto"><path d="M1,5 L11,10 L1,15 Z" fill="#000" stroke="#000" stroke-width="1"/></marker>
<marker id="pf-msg-start" viewBox="0 0 20 20" refX="6" refY="6" markerWidth="20" markerHeight="20" orient="auto"><circle cx="6" cy="6" r="3.5" fill="#fff" stroke="#000" stroke-width="1"/></marker>
<marker id="pf-msg-end" viewBox="0 0 20 20" refX="8.5" refY="5" markerWidth="20" markerHeight="20" orient="auto"><path d="M1,1 L8,5 L1,9 Z" fill="#fff" stroke="#000" stroke-width="1"/></marker>
<marker id="pf-cond-start" viewBox="0 0 20 20" refX="-1" refY="10" markerWidth="10" markerHeight="10" orient="auto"><path d="M0,10 L8,6 L16,10 L8,14 Z" fill="#fff" stroke="#000" stroke-width="1"/></marker>
<marker id="pf-assoc-end" viewBox="0 0 20 20" refX="12" refY="10" markerWidth="12" markerHeight="12" orient="auto"><path d="M1,5 L11,10 L1,15" fill="none" stroke="#000" stroke-width="1.5"/></marker>
<marker id="pf-assoc-start" viewBox="0 0 20 20" refX="1" refY="10" markerWidth="12" markerHeight="12" orient="auto"><path d="M12,5 L2,10 L12,15" fill="none" stroke="#000" stroke-width="1.5"/></marker>
</defs>"""

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
) -> str:
    """Draw diagram number ``diagram`` of ``defs`` as a standalone SVG document.

    ``classes`` maps a BPMN element id to extra CSS classes for its group and
    ``badges`` to a short text shown in a small box at its top-right corner
    (a flow's badge sits at its middle). ``extra_css`` is added to the
    document's ``<style>`` (e.g. ``.matched .body{fill:#dfd}``: the outline of
    every shape and the line of every flow carry the class ``body``).
    Raises :class:`~processes.errors.ModelError` when there is no such diagram.
    """
    if not defs.diagrams or not any(d.plane.shapes or d.plane.edges for d in defs.diagrams):
        raise ModelError("the model has no diagram to draw (run layout first)")
    if not 0 <= diagram < len(defs.diagrams):
        raise ModelError(f"diagram {diagram} does not exist (the model has {len(defs.diagrams)})")
    plane = defs.diagrams[diagram].plane
    index = ElementIndex.of(defs)
    classes = classes or {}
    badges = badges or {}
    extent = Extent()
    items: list[_Item] = []
    expanded = {s.element for s in plane.shapes if is_expanded(s, index, plane)}
    for order, shape in enumerate(plane.shapes):
        element = index.element(shape.element)
        layer, body = _shape_body(shape, element, index, plane, expanded, extent)
        extent.add_bounds(shape.bounds)
        css = shape_classes(element, index, expanded=shape.element in expanded)
        items.append(_Item(layer, order, _group(shape.element, "shape " + css, classes, body + (
            badge_svg(badges[shape.element], shape.bounds.x + shape.bounds.width, shape.bounds.y)
            if shape.element in badges else ""))))
    for order, edge in enumerate(plane.edges):
        element = index.element(edge.element)
        body, kind = edge_svg(edge, element, index, extent, badges.get(edge.element))
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
    return "\n".join([head, _DEFS, css, background, *(item.svg for item in items), "</svg>"]) + "\n"


def _group(element_id: str, kind: str, classes: Mapping[str, str], body: str) -> str:
    extra = classes.get(element_id, "")
    cls = f"{kind} {extra}".strip()
    return f'<g class="{escape(cls)}" data-element-id="{escape(element_id)}">{body}</g>'


def _rect(b: Any, *, rx: float = 0, width: float = 1.0, fill: str = "#fff", dash: str = "", inset: float = 0) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<rect class="body" x="{num(b.x + inset)}" y="{num(b.y + inset)}" width="{num(b.width - 2 * inset)}" '
        f'height="{num(b.height - 2 * inset)}" rx="{num(rx)}" fill="{fill}" stroke="#000" '
        f'stroke-width="{num(width)}"{dash_attr}/>'
    )


def _external_label(shape: Shape, text: str, extent: Extent) -> str:
    if not text:
        return ""
    box = shape.label.bounds if shape.label and shape.label.bounds else default_label_box(shape.bounds, text)
    extent.add_bounds(box)
    return text_block(text, box.x, box.y, box.width, box.height, size=11, valign="top")


def _shape_body(
    shape: Shape, element: Any, index: ElementIndex, plane: Plane, expanded: set[str], extent: Extent
) -> tuple[int, str]:
    b = shape.bounds
    if isinstance(element, Participant):
        return _LAYER_POOL, _pool(shape, element)
    if isinstance(element, Lane):
        return _LAYER_LANE, _lane(shape, element)
    if isinstance(element, (Task, SubProcess, CallActivity)):
        if shape.element in expanded:
            return _LAYER_CONTAINER, _expanded_subprocess(shape, element)
        return _LAYER_NODE, _activity(shape, element, index)
    if isinstance(element, Gateway):
        diamond = [(b.cx, b.y), (b.x + b.width, b.cy), (b.cx, b.y + b.height), (b.x, b.cy)]
        points = " ".join(f"{num(x)},{num(y)}" for x, y in diamond)
        kind = element.gateway_kind
        marker = "" if kind == "exclusive" and shape.is_marker_visible is False else gateway_marker(
            kind, b.cx, b.cy, min(b.width, b.height), instantiate=element.instantiate,
            parallel_event=element.event_gateway_type == "Parallel")
        return _LAYER_NODE, (
            f'<polygon class="body" points="{points}" fill="#fff" stroke="#000" stroke-width="2"/>'
            + marker + _external_label(shape, element.name, extent)
        )
    if isinstance(element, Event):
        layer = _LAYER_BOUNDARY if element.position == "boundary" else _LAYER_NODE
        return layer, _event(shape, element) + _external_label(shape, element.name, extent)
    if isinstance(element, (DataObjectReference, DataObject)):
        collection = element.is_collection if isinstance(element, DataObject) else index.is_collection(element)
        body = f'<path class="body" d="{data_object_path(b.x, b.y, b.width, b.height)}" fill="#fff" stroke="#000" stroke-width="1.5"/>'
        if collection:
            body += activity_markers(("parallel",), b.cx, b.y + b.height + 2)
        state = getattr(element, "state", "")
        name = element.name + (f" [{state}]" if state else "")
        return _LAYER_NODE, body + _external_label(shape, name, extent)
    if isinstance(element, DataStoreReference):
        outline, rims = data_store_paths(b.x, b.y, b.width, b.height)
        body = (
            f'<path class="body" d="{outline}" fill="#fff" stroke="#000" stroke-width="1.5"/>'
            f'<path d="{rims}" fill="none" stroke="#000" stroke-width="1.5"/>'
        )
        return _LAYER_NODE, body + _external_label(shape, element.name, extent)
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
        body = _rect(b, rx=10, width=1.5, fill="none", dash="8,4,2,4")
        if label:
            box = shape.label.bounds if shape.label and shape.label.bounds else None
            body += (text_block(label, box.x, box.y, box.width, box.height, size=11)
                     if box else text_block(label, b.x, b.y + 3, b.width, 20, size=11, valign="top"))
        return _LAYER_GROUP, body
    return _LAYER_NODE, _rect(b, width=1, fill="#eee", dash="4,3")


def _pool(shape: Shape, pool: Participant) -> str:
    b = shape.bounds
    body = _rect(b, width=2)
    if not pool.process_ref:  # black box: the name across the pool
        return body + text_block(pool.name, b.x, b.y, b.width, b.height, size=12)
    if shape.is_horizontal is False:
        return body + (
            f'<line x1="{num(b.x)}" y1="{num(b.y + 30)}" x2="{num(b.x + b.width)}" y2="{num(b.y + 30)}" '
            'stroke="#000" stroke-width="2"/>'
            + text_block(pool.name, b.x, b.y, b.width, 30, size=12)
        )
    return body + (
        f'<line x1="{num(b.x + 30)}" y1="{num(b.y)}" x2="{num(b.x + 30)}" y2="{num(b.y + b.height)}" '
        'stroke="#000" stroke-width="2"/>'
        + text_block(pool.name, b.x, b.y, 30, b.height, size=12, vertical=True)
    )


def _lane(shape: Shape, lane: Lane) -> str:
    b = shape.bounds
    if shape.is_horizontal is False:
        return _rect(b, width=1, fill="none") + text_block(lane.name, b.x, b.y, b.width, 30, size=12)
    return _rect(b, width=1, fill="none") + text_block(lane.name, b.x, b.y, 30, b.height, size=12, vertical=True)


def _loop_marker(loop: Any) -> tuple[str, ...]:
    if isinstance(loop, StandardLoop):
        return ("loop",)
    if isinstance(loop, MultiInstance):
        return ("sequential",) if loop.is_sequential else ("parallel",)
    return ()


def _activity(shape: Shape, activity: Any, index: ElementIndex) -> str:
    b = shape.bounds
    markers = _loop_marker(activity.loop)
    width = 2.0
    icon = ""
    dash = ""
    inner = ""
    if isinstance(activity, Task):
        icon = task_icon(activity.task_type, b.x, b.y)
    elif isinstance(activity, CallActivity):
        width = 5.0
        if isinstance(index.element(activity.called_element), Process):
            markers += ("collapsed",)  # it calls a process, which can be opened
    elif isinstance(activity, SubProcess):
        markers += ("collapsed",)
        if activity.variant == "adHocSubProcess":
            markers += ("adhoc",)
        if activity.triggered_by_event:
            dash = "2,3"
        if activity.variant == "transaction":
            inner = _rect(b, rx=7, width=1, fill="none", inset=3)
    if activity.is_for_compensation:
        markers += ("compensation",)
    text_top = b.y + (22 if icon else 4)
    text_bottom = b.y + b.height - (22 if markers else 4)
    size = 12.0
    if activity.name.strip():
        # between icon and markers if the text fits there at 10 px or more, else the whole box
        fitted = fitting_size(activity.name, b.width - 8, text_bottom - text_top, smallest=10)
        if fitted is None:
            text_top, text_bottom = b.y + 2, b.y + b.height - 2
            fitted = fitting_size(activity.name, b.width - 8, text_bottom - text_top)
        size = fitted or 8.0
    return (
        _rect(b, rx=10, width=width, dash=dash) + inner + icon
        + text_block(activity.name, b.x + 4, text_top, b.width - 8, text_bottom - text_top, size=size)
        + activity_markers(markers, b.cx, b.y + b.height)
    )


def _expanded_subprocess(shape: Shape, activity: Any) -> str:
    b = shape.bounds
    dash = "2,3" if isinstance(activity, SubProcess) and activity.triggered_by_event else ""
    width = 5.0 if isinstance(activity, CallActivity) else 2.0
    inner = ""
    markers = _loop_marker(activity.loop)
    if isinstance(activity, SubProcess):
        if activity.variant == "transaction":
            inner = _rect(b, rx=7, width=1, fill="none", inset=3)
        if activity.variant == "adHocSubProcess":
            markers += ("adhoc",)
    if activity.is_for_compensation:
        markers += ("compensation",)
    return (
        _rect(b, rx=10, width=width, dash=dash) + inner
        + text_block(activity.name, b.x + 8, b.y + 6, b.width - 16, 40, size=12, align="start", valign="top")
        + activity_markers(markers, b.cx, b.y + b.height)
    )


def _event(shape: Shape, event: Event) -> str:
    b = shape.bounds
    r = min(b.width, b.height) / 2
    dashed = (event.position == "boundary" and not event.cancel_activity) or (
        event.position == "start" and not event.is_interrupting
    )
    dash = ' stroke-dasharray="5.5,3"' if dashed else ""
    circle = f'<circle class="body" cx="{num(b.cx)}" cy="{num(b.cy)}" r="{num(r)}" fill="#fff" stroke="#000"'
    if event.position == "start":
        body = f'{circle} stroke-width="2"{dash}/>'
    elif event.position == "end":
        body = f'{circle} stroke-width="4"/>'
    else:
        body = (
            f'{circle} stroke-width="1.5"{dash}/>'
            f'<circle cx="{num(b.cx)}" cy="{num(b.cy)}" r="{num(r - 3)}" fill="none" stroke="#000" '
            f'stroke-width="1.5"{dash}/>'
        )
    throw = event.position in ("intermediate_throw", "end")
    return body + event_icon(event.trigger, b.cx, b.cy, r, throw=throw)
