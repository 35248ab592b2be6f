"""SVG for the connecting objects: sequence flows (default slash, conditional
diamond), message flows, associations and data associations, with labels."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from bpmn_io.svg_parts import (
    ElementIndex,
    Extent,
    badge_svg,
    element_kind,
    label_box,
    text_block,
    tool_label_box,
)
from bpmn_io.svg_shapes import message_envelope, num, pts
from bpmn_io.textsize import LINE_HEIGHT, text_width, wrap
from processes.model import (
    Association,
    Bounds,
    DataAssociation,
    Edge,
    Event,
    Gateway,
    MessageFlow,
    SequenceFlow,
)

__all__ = ["Outline", "clip_ends", "edge_svg", "flow_label_text", "outline_of"]

#: an end's outline: "rect" (activity, pool, data ...), "circle" (event) or "diamond" (gateway), and its bounds
Outline = tuple[str, Bounds]


def outline_of(element: Any, bounds: Bounds) -> Outline:
    """The outline a flow ends on: an event's circle, a gateway's diamond, else the rectangle."""
    if isinstance(element, Event):
        return "circle", bounds
    if isinstance(element, Gateway):
        return "diamond", bounds
    return "rect", bounds


def _inside(outline: Outline, x: float, y: float, margin: float = 0.0) -> bool:
    """Whether (x, y) lies inside the outline by more than ``margin``."""
    kind, b = outline
    rx, ry = b.width / 2 - margin, b.height / 2 - margin
    if rx <= 0 or ry <= 0:
        return False
    dx, dy = abs(x - (b.x + b.width / 2)) / rx, abs(y - (b.y + b.height / 2)) / ry
    if kind == "circle":
        return dx * dx + dy * dy < 1
    if kind == "diamond":
        return dx + dy < 1
    return dx < 1 and dy < 1


def _clip_start(points: list[tuple[float, float]], outlines: tuple[Outline, ...]) -> list[tuple[float, float]]:
    """``points`` with a first point inside its shape (a ProM/Simod export joins centres) moved out to
    the shape's outline, where the line leaves it; a point on or near the outline stays as drawn."""
    (x0, y0), (x1, y1) = points[0], points[1]
    for outline in outlines:
        if _inside(outline, x0, y0, margin=2.0) and not _inside(outline, x1, y1):
            low, high = 0.0, 1.0  # inside at low, outside at high: halve to a thousandth of a pixel
            while (high - low) * math.dist((x0, y0), (x1, y1)) > 0.001:
                mid = (low + high) / 2
                if _inside(outline, x0 + (x1 - x0) * mid, y0 + (y1 - y0) * mid):
                    low = mid
                else:
                    high = mid
            return [(x0 + (x1 - x0) * high, y0 + (y1 - y0) * high), *points[1:]]
    return points


def clip_ends(points: list[tuple[float, float]], source: tuple[Outline, ...],
              target: tuple[Outline, ...]) -> list[tuple[float, float]]:
    """The waypoints with an end that lies inside its own source or target shape cut back to that
    shape's outline, so the line and its arrow do not cross the shape and its text."""
    if len(points) < 2:
        return points
    return _clip_start(_clip_start(points, source)[::-1], target)[::-1]


def flow_label_text(flow: Any, conditions: bool = False) -> str:
    """A flow's label: its name, else with ``conditions`` a sequence flow's condition (shortened).

    A file's own diagram is drawn as bpmn.io draws it, the name only (an unnamed flow's condition
    would fill the tool's label box, or run over its neighbours); a model permitflow laid out shows
    the condition of an unnamed flow, as the YAML form's ``next: {to, condition}`` has no name to show.

    >>> from processes.model import Expression
    >>> flow = SequenceFlow(id="F", source="G", target="T", condition=Expression(text="ok = true"))
    >>> flow_label_text(flow), flow_label_text(flow, conditions=True)
    ('', 'ok = true')
    """
    name = getattr(flow, "name", "") or ""
    if name.strip():
        return name
    if conditions and isinstance(flow, SequenceFlow) and flow.condition is not None:
        text = " ".join(flow.condition.text.split())
        return text if len(text) <= 40 else text[:39] + "…"
    return ""


def _midpoint(points: list[tuple[float, float]]) -> tuple[float, float, bool]:
    """The point halfway along the polyline and whether that segment is horizontal."""
    lengths = [math.dist(a, b) for a, b in zip(points, points[1:], strict=False)]
    half = sum(lengths) / 2
    for (a, b), length in zip(zip(points, points[1:], strict=False), lengths, strict=False):
        if half <= length and length > 0:
            t = half / length
            return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, abs(b[1] - a[1]) <= abs(b[0] - a[0])
        half -= length
    return points[0][0], points[0][1], True


def _default_slash(points: list[tuple[float, float]]) -> str:
    (x1, y1), (x2, y2) = points[0], points[1]
    length = math.dist((x1, y1), (x2, y2)) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    at = min(12.0, length / 2)
    mx, my = x1 + ux * at, y1 + uy * at
    # a short stroke across the flow, leaning 45 degrees
    dx, dy = (ux - uy) * 6 / math.sqrt(2), (uy + ux) * 6 / math.sqrt(2)
    return (
        f'<line x1="{num(mx - dy)}" y1="{num(my + dx)}" x2="{num(mx + dy)}" y2="{num(my - dx)}" '
        'stroke="#000" stroke-width="1.5"/>'
    )


def edge_svg(edge: Edge, element: Any, index: ElementIndex, extent: Extent, badge: str | None,
             outlines: Mapping[str, tuple[Outline, ...]] | None = None, conditions: bool = False) -> tuple[str, str]:
    """The SVG body of one DI edge and its kind name (for the group's class); ``outlines``: each
    element's drawn outlines by id, to cut an end that lies inside its source or target back to it;
    ``conditions``: an unnamed sequence flow shows its condition (:func:`flow_label_text`)."""
    points = [(p.x, p.y) for p in edge.waypoints]
    kind = element_kind(element) if element is not None else "unknown"
    if len(points) < 2:
        return "", kind
    for x, y in points:
        extent.add_point(x, y)
    if outlines and isinstance(element, (SequenceFlow, MessageFlow)):
        points = clip_ends(points, outlines.get(element.source, ()), outlines.get(element.target, ()))
    line = f'class="body" points="{pts(points)}" fill="none" stroke="#000" stroke-linejoin="round"'
    extra = ""
    if isinstance(element, SequenceFlow):
        attrs = ' stroke-width="1.5" marker-end="url(#pf-seq-end)"'
        source = index.element(element.source)
        if element.condition is not None and source is not None and not isinstance(source, Gateway):
            attrs += ' marker-start="url(#pf-cond-start)"'
        if index.is_default_flow(element):
            extra = _default_slash(points)
    elif isinstance(element, MessageFlow):
        attrs = (
            ' stroke-width="1.5" stroke-dasharray="10,6" marker-start="url(#pf-msg-start)"'
            ' marker-end="url(#pf-msg-end)"'
        )
    elif isinstance(element, Association):
        attrs = ' stroke-width="1.5" stroke-dasharray="1,4" stroke-linecap="round"'
        if element.direction in ("One", "Both"):
            attrs += ' marker-end="url(#pf-assoc-end)"'
        if element.direction == "Both":
            attrs += ' marker-start="url(#pf-assoc-start)"'
    elif isinstance(element, DataAssociation):
        attrs = ' stroke-width="1.5" stroke-dasharray="1,4" stroke-linecap="round" marker-end="url(#pf-assoc-end)"'
    else:
        attrs = ' stroke-width="1" stroke-dasharray="4,3"'
    markers = " ".join(part for part in attrs.split() if part.startswith("marker-"))
    if "stroke-dasharray" in attrs and markers:
        # markers go on an undashed copy: some renderers dash a marker like the line it ends
        attrs = " " + " ".join(part for part in attrs.split() if not part.startswith("marker-"))
        extra += f'<polyline class="ends" points="{pts(points)}" fill="none" stroke="none" stroke-width="1.5" {markers}/>'
    if isinstance(element, MessageFlow) and edge.message_visible_kind in ("initiating", "non_initiating"):
        mx, my, _ = _midpoint(points)
        extra += message_envelope(mx, my, initiating=edge.message_visible_kind == "initiating")
    body = f"<polyline {line}{attrs}/>" + extra
    text = flow_label_text(element, conditions) if element is not None else ""
    if text:
        b = label_box(edge.label)
        if b is not None:
            extent.add_bounds(b)
            wide = tool_label_box(text, Bounds(b.x, b.y, max(b.width, 30), b.height))
            if wide.width > max(b.width, 30):
                extent.add_bounds(wide)
            body += text_block(text, wide.x, wide.y, wide.width, wide.height, size=11)
        else:
            mx, my, horizontal = _midpoint(points)
            lines = wrap(text, 90, 11)
            width = max(text_width(line_text, 11) for line_text in lines) + 4
            height = len(lines) * 11 * LINE_HEIGHT
            x, y = (mx - width / 2, my - height - 3) if horizontal else (mx + 4, my - height / 2)
            extent.add_point(x, y)
            extent.add_point(x + width, y + height)
            body += text_block(text, x, y, width, height, size=11)
    if badge:
        mx, my, _ = _midpoint(points)
        body += badge_svg(badge, mx + 20, my)
    return body, kind
