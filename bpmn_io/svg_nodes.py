"""SVG bodies of the flow nodes and containers: pools, lanes, activities, events.

Each function returns the SVG elements of one shape in absolute coordinates,
black on white (:mod:`bpmn_io.svg_colors` applies a modeler's colours); the
outline carries ``class="body"``. :func:`bpmn_io.svg.render_svg` groups them.
"""

from __future__ import annotations

from html import escape
from typing import Any

from bpmn_io.fragments import fragment_tag
from bpmn_io.namespaces import BPMN, q
from bpmn_io.svg_parts import ElementIndex, cut_to_fit, fitting_size, text_block
from bpmn_io.svg_shapes import activity_markers, event_icon, num, task_icon
from processes.model import (
    CallActivity,
    Event,
    Lane,
    MultiInstance,
    Participant,
    Process,
    Shape,
    StandardLoop,
    SubProcess,
    Task,
)

__all__ = ["rect", "pool", "lane", "activity", "expanded_subprocess", "event"]

_MULTIPLICITY = q(BPMN, "participantMultiplicity")


def rect(b: Any, *, rx: float = 0, width: float = 1.0, fill: str = "#fff", dash: str = "", inset: float = 0) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<rect class="body" x="{num(b.x + inset)}" y="{num(b.y + inset)}" width="{num(b.width - 2 * inset)}" '
        f'height="{num(b.height - 2 * inset)}" rx="{num(rx)}" fill="{fill}" stroke="#000" '
        f'stroke-width="{num(width)}"{dash_attr}/>'
    )


def _has_multiplicity(pool: Participant) -> bool:
    return (pool.multiplicity_min is not None or pool.multiplicity_max is not None
            or any(fragment_tag(child) == _MULTIPLICITY for child in pool.opaque.children))


def pool(shape: Shape, pool: Participant) -> str:
    """A pool: its frame and header, or a black box's name across it."""
    b = shape.bounds
    body = rect(b, width=2)
    if pool.process_ref:  # a cut name's tooltip comes first in the group (a <title> is its first child)
        body = _header_title(pool.name, b.height if shape.is_horizontal is not False else b.width) + body
    if _has_multiplicity(pool):  # three bars at the bottom: several instances take part
        body += activity_markers(("parallel",), b.cx, b.y + b.height)
    if not pool.process_ref:  # black box: the name across the pool
        return body + text_block(pool.name, b.x, b.y, b.width, b.height, size=12)
    if shape.is_horizontal is False:
        return body + (
            f'<line x1="{num(b.x)}" y1="{num(b.y + 30)}" x2="{num(b.x + b.width)}" y2="{num(b.y + 30)}" '
            'stroke="#000" stroke-width="2"/>'
            + _header(pool.name, b.x, b.y, b.width, 30)
        )
    return body + (
        f'<line x1="{num(b.x + 30)}" y1="{num(b.y)}" x2="{num(b.x + 30)}" y2="{num(b.y + b.height)}" '
        'stroke="#000" stroke-width="2"/>'
        + _header(pool.name, b.x, b.y, 30, b.height, vertical=True)
    )


def lane(shape: Shape, lane: Lane) -> str:
    """A lane: its frame (no fill: the nodes show through) and header."""
    b = shape.bounds
    if shape.is_horizontal is False:
        return (_header_title(lane.name, b.width) + rect(b, width=1, fill="none")
                + _header(lane.name, b.x, b.y, b.width, 30))
    return (_header_title(lane.name, b.height) + rect(b, width=1, fill="none")
            + _header(lane.name, b.x, b.y, 30, b.height, vertical=True))


def _header_text(name: str, length: float) -> str:
    """A pool's or lane's name as it fits its 30 px header band ``length`` long: the lines that
    fit (two at 12 px), the last ending in "…" when cut."""
    return cut_to_fit(name, length, 30, 12) if name.strip() else name


def _header_title(name: str, length: float) -> str:
    """The full name as a tooltip (``<title>``) when the header shows it cut, else nothing."""
    return f"<title>{escape(name, quote=False)}</title>" if _header_text(name, length) != name else ""


def _header(name: str, x: float, y: float, width: float, height: float, *, vertical: bool = False) -> str:
    """The name in a pool's or lane's header band (``width`` by ``height``; ``vertical``: bottom to top)."""
    text = _header_text(name, height if vertical else width)
    return text_block(text, x, y, width, height, size=12, vertical=vertical)


def _loop_marker(loop: Any) -> tuple[str, ...]:
    if isinstance(loop, StandardLoop):
        return ("loop",)
    if isinstance(loop, MultiInstance):
        return ("sequential",) if loop.is_sequential else ("parallel",)
    return ()


def activity(shape: Shape, node: Any, index: ElementIndex) -> str:
    """A task, collapsed subprocess or call activity: type icon, name, markers."""
    b = shape.bounds
    markers = _loop_marker(node.loop)
    width = 2.0
    icon = ""
    dash = ""
    inner = ""
    if isinstance(node, Task):
        icon = task_icon(node.task_type, b.x, b.y)
    elif isinstance(node, CallActivity):
        width = 5.0
        if isinstance(index.element(node.called_element), Process):
            markers += ("collapsed",)  # it calls a process, which can be opened
    elif isinstance(node, SubProcess):
        markers += ("collapsed",)
        if node.variant == "adHocSubProcess":
            markers += ("adhoc",)
        if node.triggered_by_event:
            dash = "2,3"
        if node.variant == "transaction":
            inner = rect(b, rx=7, width=1, fill="none", inset=3)
    if node.is_for_compensation:
        markers += ("compensation",)
    text_top = b.y + (22 if icon else 4)
    text_bottom = b.y + b.height - (22 if markers else 4)
    size = 12.0
    fitted: float | None = None
    if node.name.strip():
        # between icon and markers if the text fits there at 10 px or more, else the whole box
        # below the icon (a name never covers the task type)
        fitted = fitting_size(node.name, b.width - 8, text_bottom - text_top, smallest=10)
        if fitted is None:
            text_top, text_bottom = b.y + (22 if icon else 2), b.y + b.height - 2
            fitted = fitting_size(node.name, b.width - 8, text_bottom - text_top)
        size = fitted or 8.0
    text, title = node.name, ""
    if node.name.strip() and fitted is None:
        # not even 8 px fits the whole box: cut to the lines that do, the full name as a tooltip
        text = cut_to_fit(node.name, b.width - 8, text_bottom - text_top, size)
        title = f"<title>{escape(node.name, quote=False)}</title>"
    return (
        title + rect(b, rx=10, width=width, dash=dash) + inner + icon
        + text_block(text, b.x + 4, text_top, b.width - 8, text_bottom - text_top, size=size)
        + activity_markers(markers, b.cx, b.y + b.height)
        + _event_subprocess_icon(shape, node, index)
    )


def expanded_subprocess(shape: Shape, activity: Any) -> str:
    """An expanded subprocess or call activity: a frame with its name at the top."""
    b = shape.bounds
    dash = "2,3" if isinstance(activity, SubProcess) and activity.triggered_by_event else ""
    width = 5.0 if isinstance(activity, CallActivity) else 2.0
    inner = ""
    markers = _loop_marker(activity.loop)
    if isinstance(activity, SubProcess):
        if activity.variant == "transaction":
            inner = rect(b, rx=7, width=1, fill="none", inset=3)
        if activity.variant == "adHocSubProcess":
            markers += ("adhoc",)
    if activity.is_for_compensation:
        markers += ("compensation",)
    return (
        rect(b, rx=10, width=width, dash=dash) + inner
        + text_block(activity.name, b.x + 8, b.y + 6, b.width - 16, 40, size=12, align="start", valign="top")
        + activity_markers(markers, b.cx, b.y + b.height)
    )


def _event_subprocess_icon(shape: Shape, activity: Any, index: ElementIndex) -> str:
    """A collapsed event subprocess shows its start event's trigger in its top-left corner
    (a dashed circle when it does not interrupt), as bpmn.io draws it; only when it has one start."""
    if not (isinstance(activity, SubProcess) and activity.triggered_by_event):
        return ""
    starts = [n for n in index.elements.values()
              if isinstance(n, Event) and n.position == "start" and n.parent == activity.id]
    if len(starts) != 1:
        return ""
    start, b = starts[0], shape.bounds
    cx, cy = b.x + 11, b.y + 11
    dash = "" if start.is_interrupting else ' stroke-dasharray="3"'
    width = 1 if start.is_interrupting else 1.2
    return (f'<circle cx="{num(cx)}" cy="{num(cy)}" r="10" fill="#fff" stroke="#000" stroke-width="{num(width)}"'
            f'{dash}/>' + event_icon(start.trigger, cx, cy, 11, throw=False))


def event(shape: Shape, event: Event) -> str:
    """An event: its circle(s) by position, dashed when it does not interrupt, and its trigger icon."""
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
