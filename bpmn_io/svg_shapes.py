"""SVG fragments for the BPMN notation: task type icons, activity markers,
event trigger icons and gateway markers.

Every function returns a string of SVG elements in absolute coordinates; the
caller wraps them in a group. Numbers are written by :func:`num` so that the
same drawing always gives the same bytes. Geometry follows the BPMN 2.0
specification's figures (chapter 10 and 12) at the standard sizes: icons are
drawn for a 36 px event, a 50 px gateway and a 100x80 task and scaled from the
centre for other sizes.
"""

from __future__ import annotations

import math

__all__ = [
    "num",
    "pts",
    "task_icon",
    "activity_markers",
    "event_icon",
    "gateway_marker",
    "data_object_path",
    "data_arrow",
    "data_store_paths",
    "message_envelope",
]

STROKE = "#000"
FILL = "#fff"


def num(value: float) -> str:
    """A coordinate written with at most two decimals and no trailing zeros."""
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def pts(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in points)


def _path(d: str, *, fill: str = "none", width: float = 1.0, extra: str = "") -> str:
    return f'<path d="{d}" fill="{fill}" stroke="{STROKE}" stroke-width="{num(width)}"{extra}/>'


def _poly(points: list[tuple[float, float]], *, fill: str = "none", width: float = 1.0) -> str:
    return f'<polygon points="{pts(points)}" fill="{fill}" stroke="{STROKE}" stroke-width="{num(width)}"/>'


def _circle(cx: float, cy: float, r: float, *, fill: str = "none", width: float = 1.0) -> str:
    return (
        f'<circle cx="{num(cx)}" cy="{num(cy)}" r="{num(r)}" fill="{fill}" '
        f'stroke="{STROKE}" stroke-width="{num(width)}"/>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, width: float = 1.0, color: str = STROKE) -> str:
    return (
        f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
        f'stroke="{color}" stroke-width="{num(width)}" stroke-linecap="round"/>'
    )


def _envelope(x: float, y: float, w: float, h: float, filled: bool) -> str:
    fill = STROKE if filled else FILL
    flap = FILL if filled else STROKE
    return (
        f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" fill="{fill}" '
        f'stroke="{STROKE}" stroke-width="1"/>'
        f'<path d="M{num(x)},{num(y)} L{num(x + w / 2)},{num(y + h * 0.55)} L{num(x + w)},{num(y)}" '
        f'fill="none" stroke="{flap}" stroke-width="1"/>'
    )


def message_envelope(cx: float, cy: float, *, initiating: bool) -> str:
    """The envelope drawn on a message flow: white when it starts an exchange, grey when it answers."""
    x, y, w, h = cx - 10, cy - 7, 20.0, 14.0
    fill = FILL if initiating else "#bbb"
    return (
        f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" fill="{fill}" '
        f'stroke="{STROKE}" stroke-width="1"/>'
        f'<path d="M{num(x)},{num(y)} L{num(cx)},{num(y + h * 0.55)} L{num(x + w)},{num(y)}" '
        f'fill="none" stroke="{STROKE}" stroke-width="1"/>'
    )


def _regular_polygon(cx: float, cy: float, r: float, n: int) -> list[tuple[float, float]]:
    return [
        (cx + r * math.cos(math.radians(-90 + k * 360 / n)), cy + r * math.sin(math.radians(-90 + k * 360 / n)))
        for k in range(n)
    ]


def _cross_outline(cx: float, cy: float, arm: float, half: float) -> list[tuple[float, float]]:
    """A plus sign drawn as an outline (parallel multiple trigger)."""
    a, h = arm, half
    return [
        (cx - h, cy - a), (cx + h, cy - a), (cx + h, cy - h), (cx + a, cy - h), (cx + a, cy + h),
        (cx + h, cy + h), (cx + h, cy + a), (cx - h, cy + a), (cx - h, cy + h), (cx - a, cy + h),
        (cx - a, cy - h), (cx - h, cy - h),
    ]


# --------------------------------------------------------------------------- tasks


def task_icon(task_type: str, x: float, y: float) -> str:
    """The type icon in a task's top-left corner (``x``, ``y`` = the task's corner)."""
    ox, oy = x + 7, y + 7
    if task_type == "userTask":
        return (
            _circle(ox + 8, oy + 5, 4, fill=FILL, width=1.2)
            + _path(
                f"M{num(ox + 1)},{num(oy + 17)} C{num(ox + 1)},{num(oy + 10)} {num(ox + 15)},{num(oy + 10)} "
                f"{num(ox + 15)},{num(oy + 17)} Z",
                fill=FILL,
                width=1.2,
            )
        )
    if task_type == "serviceTask":
        cx, cy = ox + 8, oy + 8
        teeth = "".join(
            _line(cx + 5 * math.cos(a), cy + 5 * math.sin(a), cx + 8 * math.cos(a), cy + 8 * math.sin(a), 2.6)
            for a in (math.radians(k * 45) for k in range(8))
        )
        return teeth + _circle(cx, cy, 5.5, fill=FILL, width=1.4) + _circle(cx, cy, 2, width=1.2)
    if task_type in ("sendTask", "receiveTask"):
        return _envelope(ox, oy + 2, 18, 12, filled=task_type == "sendTask")
    if task_type == "manualTask":
        d = (
            f"M{num(ox)},{num(oy + 7)} L{num(ox + 6)},{num(oy + 2)} L{num(ox + 17)},{num(oy + 2)} "
            f"L{num(ox + 17)},{num(oy + 5)} L{num(ox + 10)},{num(oy + 5)} M{num(ox + 8)},{num(oy + 5)} "
            f"L{num(ox + 19)},{num(oy + 5)} L{num(ox + 19)},{num(oy + 8)} L{num(ox + 9)},{num(oy + 8)} "
            f"M{num(ox + 9)},{num(oy + 8)} L{num(ox + 18)},{num(oy + 8)} L{num(ox + 18)},{num(oy + 11)} "
            f"L{num(ox + 9)},{num(oy + 11)} M{num(ox + 9)},{num(oy + 11)} L{num(ox + 16)},{num(oy + 11)} "
            f"L{num(ox + 16)},{num(oy + 14)} L{num(ox + 3)},{num(oy + 14)} L{num(ox)},{num(oy + 11)} Z"
        )
        return _path(d, fill=FILL, width=1.1)
    if task_type == "scriptTask":
        d = (
            f"M{num(ox + 4)},{num(oy)} L{num(ox + 16)},{num(oy)} C{num(ox + 12)},{num(oy + 4)} "
            f"{num(ox + 18)},{num(oy + 12)} {num(ox + 13)},{num(oy + 17)} L{num(ox + 1)},{num(oy + 17)} "
            f"C{num(ox + 6)},{num(oy + 12)} {num(ox)},{num(oy + 4)} {num(ox + 4)},{num(oy)} Z"
        )
        lines = "".join(_line(ox + 5, oy + k, ox + 12, oy + k, 1) for k in (4, 8.5, 13))
        return _path(d, fill=FILL, width=1.1) + lines
    if task_type == "businessRuleTask":
        return (
            f'<rect x="{num(ox)}" y="{num(oy + 1)}" width="19" height="14" fill="{FILL}" '
            f'stroke="{STROKE}" stroke-width="1"/>'
            f'<rect x="{num(ox)}" y="{num(oy + 1)}" width="19" height="4" fill="#999" '
            f'stroke="{STROKE}" stroke-width="1"/>'
            + _line(ox, oy + 10, ox + 19, oy + 10)
            + _line(ox + 6, oy + 5, ox + 6, oy + 15)
        )
    return ""


def activity_markers(markers: tuple[str, ...], cx: float, bottom: float) -> str:
    """Markers centred at the bottom of an activity: loop, parallel, sequential,
    compensation, adhoc, collapsed (the [+] of a collapsed subprocess)."""
    size, gap = 14.0, 4.0
    total = len(markers) * size + (len(markers) - 1) * gap
    out = []
    x = cx - total / 2
    y = bottom - size - 5
    for marker in markers:
        mx, my = x + size / 2, y + size / 2
        if marker == "loop":
            out.append(
                _path(f"M{num(mx - 3)},{num(my + 6)} A6,6 0 1 1 {num(mx + 4)},{num(my + 5)}", width=1.5)
                + _poly([(mx - 3, my + 6), (mx - 8, my + 4), (mx - 4, my + 1)], fill=STROKE, width=1)
            )
        elif marker == "parallel":
            out.append("".join(_line(x + dx, y + 1, x + dx, y + size - 1, 2) for dx in (3, 7, 11)))
        elif marker == "sequential":
            out.append("".join(_line(x + 1, y + dy, x + size - 1, y + dy, 2) for dy in (3, 7, 11)))
        elif marker == "collapsed":
            out.append(
                f'<rect x="{num(x)}" y="{num(y)}" width="{num(size)}" height="{num(size)}" fill="{FILL}" '
                f'stroke="{STROKE}" stroke-width="1"/>'
                + _line(mx - 4, my, mx + 4, my, 1.5)
                + _line(mx, my - 4, mx, my + 4, 1.5)
            )
        elif marker == "adhoc":
            out.append(
                _path(f"M{num(x)},{num(my + 1)} C{num(x + 4)},{num(my - 5)} {num(x + 10)},{num(my + 6)} "
                      f"{num(x + size)},{num(my - 1)}", width=1.6)
            )
        elif marker == "compensation":
            out.append(
                _poly([(x, my), (mx, y + 2), (mx, y + size - 2)])
                + _poly([(mx, my), (x + size, y + 2), (x + size, y + size - 2)])
            )
        x += size + gap
    return "".join(out)


# --------------------------------------------------------------------------- events


def event_icon(trigger: str, cx: float, cy: float, r: float, *, throw: bool) -> str:
    """The trigger icon inside an event circle of radius ``r``; ``throw`` fills it."""
    s = r / 18.0
    fill = STROKE if throw else FILL
    if trigger == "message":
        return _envelope(cx - 8 * s, cy - 5.5 * s, 16 * s, 11 * s, filled=throw)
    if trigger == "timer":
        ticks = "".join(
            _line(cx + 8 * s * math.cos(a), cy + 8 * s * math.sin(a), cx + 10 * s * math.cos(a),
                  cy + 10 * s * math.sin(a), 1)
            for a in (math.radians(k * 30) for k in range(12))
        )
        return (
            _circle(cx, cy, 11 * s, fill=FILL, width=1.5)
            + ticks
            + _line(cx, cy, cx + 1 * s, cy - 8 * s, 1.2)
            + _line(cx, cy, cx + 6 * s, cy + 1 * s, 1.2)
        )
    if trigger == "signal":
        return _poly([(cx, cy - 10 * s), (cx + 9 * s, cy + 6 * s), (cx - 9 * s, cy + 6 * s)], fill=fill, width=1.2)
    if trigger == "error":
        p = [(-8, 8), (-3, -7), (2, 1), (8, -8), (3, 7), (-2, -1)]
        return _poly([(cx + dx * s, cy + dy * s) for dx, dy in p], fill=fill, width=1.2)
    if trigger == "escalation":
        p = [(0, -10), (7, 8), (0, 1), (-7, 8)]
        return _poly([(cx + dx * s, cy + dy * s) for dx, dy in p], fill=fill, width=1.2)
    if trigger == "conditional":
        x, y = cx - 7 * s, cy - 9 * s
        return (
            f'<rect x="{num(x)}" y="{num(y)}" width="{num(14 * s)}" height="{num(18 * s)}" fill="{FILL}" '
            f'stroke="{STROKE}" stroke-width="1"/>'
            + "".join(_line(x + 2.5 * s, y + dy * s, x + 11.5 * s, y + dy * s, 1) for dy in (4, 8, 12, 15))
        )
    if trigger == "link":
        p = [(-8, -3), (1, -3), (1, -8), (9, 0), (1, 8), (1, 3), (-8, 3)]
        return _poly([(cx + dx * s, cy + dy * s) for dx, dy in p], fill=fill, width=1.2)
    if trigger == "terminate":
        return _circle(cx, cy, 11 * s, fill=STROKE, width=1)
    if trigger == "compensation":
        left = [(-9, 0), (-1, -6), (-1, 6)]
        right = [(-1, 0), (7, -6), (7, 6)]
        return _poly([(cx + dx * s, cy + dy * s) for dx, dy in left], fill=fill, width=1.2) + _poly(
            [(cx + dx * s, cy + dy * s) for dx, dy in right], fill=fill, width=1.2
        )
    if trigger == "cancel":
        # an X drawn as an outline (a plus turned 45 degrees): filled when thrown, as bpmn.io draws it
        turn = math.radians(45)
        cross = [(cx + (x - cx) * math.cos(turn) - (y - cy) * math.sin(turn),
                  cy + (x - cx) * math.sin(turn) + (y - cy) * math.cos(turn))
                 for x, y in _cross_outline(cx, cy, 10 * s, 2.5 * s)]
        return _poly(cross, fill=STROKE if throw else "none", width=1)
    if trigger == "multiple":
        return _poly(_regular_polygon(cx, cy + 1 * s, 10 * s, 5), fill=fill, width=1.2)
    if trigger == "parallel_multiple":
        return _poly(_cross_outline(cx, cy, 9 * s, 2.5 * s), fill=FILL, width=1.2)
    return ""


# --------------------------------------------------------------------------- gateways


def gateway_marker(kind: str, cx: float, cy: float, size: float, *, instantiate: bool = False,
                   parallel_event: bool = False) -> str:
    """The marker inside a gateway diamond of width ``size`` centred on (cx, cy)."""
    s = size / 50.0
    if kind == "exclusive":
        d = 8.5 * s
        return _line(cx - d, cy - d, cx + d, cy + d, 4 * s) + _line(cx - d, cy + d, cx + d, cy - d, 4 * s)
    if kind == "parallel":
        d = 12 * s
        return _line(cx - d, cy, cx + d, cy, 4 * s) + _line(cx, cy - d, cx, cy + d, 4 * s)
    if kind == "inclusive":
        return _circle(cx, cy, 11 * s, width=2.5 * s)
    if kind == "complex":
        d, e = 12 * s, 8.5 * s
        return (
            _line(cx - d, cy, cx + d, cy, 3.5 * s)
            + _line(cx, cy - d, cx, cy + d, 3.5 * s)
            + _line(cx - e, cy - e, cx + e, cy + e, 3.5 * s)
            + _line(cx - e, cy + e, cx + e, cy - e, 3.5 * s)
        )
    if kind == "eventBased":
        out = _circle(cx, cy, 13 * s, width=1)
        if not instantiate:
            out += _circle(cx, cy, 10.5 * s, width=1)
        if parallel_event:
            out += _poly(_cross_outline(cx, cy, 7 * s, 2 * s), width=1)
        else:
            out += _poly(_regular_polygon(cx, cy + 0.5 * s, 7 * s, 5), width=1.2)
        return out
    return ""


# --------------------------------------------------------------------------- data


def data_object_path(x: float, y: float, w: float, h: float) -> str:
    """A page with a folded top-right corner."""
    fold = min(w, h) * 0.3
    return (
        f"M{num(x)},{num(y)} L{num(x + w - fold)},{num(y)} L{num(x + w)},{num(y + fold)} "
        f"L{num(x + w)},{num(y + h)} L{num(x)},{num(y + h)} Z "
        f"M{num(x + w - fold)},{num(y)} L{num(x + w - fold)},{num(y + fold)} L{num(x + w)},{num(y + fold)}"
    )


def data_arrow(x: float, y: float, *, output: bool) -> str:
    """The arrow in a data input's (outline) or data output's (filled) top-left corner."""
    d = (f"M{num(x + 5)},{num(y + 9)} l9,0 l0,-3 l5,5 l-5,5 l0,-3 l-9,0 Z")
    return _path(d, fill=STROKE if output else "none", width=1)


def data_store_paths(x: float, y: float, w: float, h: float) -> tuple[str, str]:
    """A cylinder: the body outline and the rims drawn on top."""
    ry = min(h * 0.15, 8.0)
    body = (
        f"M{num(x)},{num(y + ry)} A{num(w / 2)},{num(ry)} 0 0 1 {num(x + w)},{num(y + ry)} "
        f"L{num(x + w)},{num(y + h - ry)} A{num(w / 2)},{num(ry)} 0 0 1 {num(x)},{num(y + h - ry)} Z"
    )
    rims = "".join(
        f"M{num(x)},{num(y + ry + k)} A{num(w / 2)},{num(ry)} 0 0 0 {num(x + w)},{num(y + ry + k)} "
        for k in (0, 4, 8)
    ).strip()
    return body, rims
