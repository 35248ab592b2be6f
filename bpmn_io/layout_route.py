"""Orthogonal waypoints for flows between placed shapes, and label boxes for them.

Routes follow the conventions of BPMN editors for left-to-right diagrams: a
flow leaves an activity on its right side and enters the target on its left;
a gateway's branches to shapes above or below it leave from its top or bottom
corner (to a level one, from its right corner); a flow that goes
back (a loop) runs below or above the shapes in between, whichever side is
free. Message flows run vertically between pools.

Where it can, a flow also keeps off the lines of the flows routed before it that share
neither its source nor its target (:class:`Runs`; the branches of one split or merge may
share a trunk, as editors draw them), off the labels of other shapes and a few pixels
off the sides of shapes; a named flow's label goes beside a stretch of its own, not
beside a shared trunk. Only when no such route exists does it take the one it took
before these rules.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

from bpmn_io.textsize import LINE_HEIGHT, text_width, wrap
from processes.model import Bounds, Point

__all__ = ["CLEARANCE", "Runs", "route_flow", "route_message", "route_message_clear", "route_straight", "edge_label_bounds"]

Pt = tuple[float, float]
CLEARANCE = 20.0
APART = 5.0  # two runs closer than this read as one line
SIDESTEP = 6.0  # how far a route moves aside from a run it would lie on


class Runs:
    """The horizontal and vertical runs of the flows routed so far, indexed by their line, each
    with its flow's source and target: a later flow must not lie on the run of a flow that
    shares neither its source nor its target (a reader could not tell where each goes).
    Flows from one source or into one target may share a trunk, as a split or merge does."""

    __slots__ = ("lines",)
    SPAN = 200.0  # runs are also indexed by stretches of this length along their line

    def __init__(self) -> None:
        self.lines: dict[tuple[bool, int, int], list[tuple[float, float, float, str, str, str]]] = {}

    @staticmethod
    def _segments(points: list[Pt]) -> list[tuple[bool, float, float, float]]:
        found = []
        for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
            if x1 == x2 and y1 != y2:
                found.append((True, x1, min(y1, y2), max(y1, y2)))
            elif y1 == y2 and x1 != x2:
                found.append((False, y1, min(x1, x2), max(x1, x2)))
        return found

    def add(self, points: tuple[Point, ...], ends: tuple[str, str], key: str = "") -> None:
        """Add the runs of one route; ``key`` names the flow (for :meth:`alone`)."""
        for vertical, at, lo, hi in self._segments([(p.x, p.y) for p in points]):
            for stretch in range(math.floor(lo / self.SPAN), math.floor(hi / self.SPAN) + 1):
                self.lines.setdefault((vertical, round(at), stretch), []).append((at, lo, hi, *ends, key))

    def _near(self, vertical: bool, at: float, lo: float, hi: float) -> Iterator[tuple[float, float, float, str, str, str]]:
        reach = int(APART) + 1
        stretches = range(math.floor(lo / self.SPAN), math.floor(hi / self.SPAN) + 1)
        for k in range(round(at) - reach, round(at) + reach + 1):
            for stretch in stretches:
                for run in self.lines.get((vertical, k, stretch), ()):
                    if abs(run[0] - at) < APART and min(hi, run[2]) - max(lo, run[1]) > 2:
                        yield run

    def own_stretches(self, p: Point, q: Point, key: str) -> list[tuple[Point, Point]]:
        """The stretches of the segment p-q along which no flow but ``key`` runs (a split's
        or merge's trunk is shared), in order from p."""
        segs = self._segments([(p.x, p.y), (q.x, q.y)])
        if not segs:
            return []
        vertical, at, lo, hi = segs[0]
        cuts = sorted((max(lo, run[1]), min(hi, run[2])) for run in self._near(vertical, at, lo, hi) if run[5] != key)
        free, start = [], lo
        for a, b in cuts:
            if a > start:
                free.append((start, a))
            start = max(start, b)
        if start < hi:
            free.append((start, hi))
        forward = (q.y if vertical else q.x) >= (p.y if vertical else p.x)
        free = free if forward else [(b, a) for a, b in reversed(free)]
        return [(Point(at, a), Point(at, b)) if vertical else (Point(a, at), Point(b, at)) for a, b in free]

    def clash(self, points: list[Pt], ends: tuple[str, str]) -> bool:
        """Whether a segment of ``points`` lies on a run of a flow sharing no end with ``ends``."""
        return any(run[3] != ends[0] and run[4] != ends[1]
                   for seg in self._segments([(round(x), round(y)) for x, y in points]) for run in self._near(*seg))


def _hits(b: Bounds, x1: float, y1: float, x2: float, y2: float) -> bool:
    """Whether the axis-parallel segment crosses the inside of ``b``."""
    lo_x, hi_x = min(x1, x2), max(x1, x2)
    lo_y, hi_y = min(y1, y2), max(y1, y2)
    return lo_x < b.x + b.width and hi_x > b.x and lo_y < b.y + b.height and hi_y > b.y


def _blocked(points: list[Pt], obstacles: tuple[Bounds, ...]) -> bool:
    return any(_hits(b, *a, *c) for a, c in zip(points, points[1:], strict=False) for b in obstacles)


class _Lane:
    """What a route keeps clear of besides shapes where it can: other flows' lines
    (``runs``), the labels of other shapes (``labels``) and the few pixels around
    the shapes in its way (``near``: a line hugging a shape's side looks as if it entered it)."""

    __slots__ = ("ends", "labels", "near", "runs")

    def __init__(self, runs: Runs | None, ends: tuple[str, str], labels: tuple[Bounds, ...] = (),
                 obstacles: tuple[Bounds, ...] = ()) -> None:
        self.runs, self.ends, self.labels = runs, ends, labels
        self.near = tuple(Bounds(b.x - APART, b.y - APART, b.width + 2 * APART, b.height + 2 * APART) for b in obstacles)

    def clear(self, points: list[Pt]) -> bool:
        return (not _blocked(points, self.labels) and not _blocked(points, self.near)
                and (self.runs is None or not self.runs.clash(points, self.ends)))


def _detour_shapes(s: Bounds, t: Bounds, y: float, below: bool) -> Iterator[list[Pt]]:
    """A flow that goes back along the line at ``y``: out of the source's bottom (or top) and into
    the target's; else, where a shape stacked in the same column is in the way of such a leg, out
    of the source's right side and up or down just beside it, and into the target's left side."""
    sy = s.y + s.height if below else s.y
    ty = t.y + t.height if below else t.y
    out = [(s.cx, sy), (s.cx, y)]
    beside = [(s.x + s.width, s.cy), (s.x + s.width + CLEARANCE / 2, s.cy), (s.x + s.width + CLEARANCE / 2, y)]
    into = [(t.cx, y), (t.cx, ty)]
    before = [(t.x - CLEARANCE / 2, y), (t.x - CLEARANCE / 2, t.cy), (t.x, t.cy)]
    for head, tail in ((out, into), (beside, into), (out, before), (beside, before)):
        yield head + tail


def _detour(s: Bounds, t: Bounds, obstacles: tuple[Bounds, ...], lane: _Lane | None = None) -> list[Pt]:
    """A flow that goes back: out of the source's bottom (or top), along a free
    line (not on another flow's), into the target's bottom (or top); out of or into a
    side where a shape above or below its end is in the way (:func:`_detour_shapes`)."""
    low = max(s.y + s.height, t.y + t.height)
    high = min(s.y, t.y)
    for free in ((lambda pts: lane.clear(pts)) if lane is not None and lane.runs is not None else None, None):
        for step in range(1, 12):
            for below in (True, False):
                y = low + step * CLEARANCE if below else high - step * CLEARANCE
                for points in _detour_shapes(s, t, y, below):
                    if not _blocked(points, obstacles) and (free is None or free(points)):
                        return points
    for step in range(1, 12):  # as before: no route is free of shapes; one whose run across is
        for below in (True, False):
            y = low + step * CLEARANCE if below else high - step * CLEARANCE
            sy = s.y + s.height if below else s.y
            ty = t.y + t.height if below else t.y
            points = [(s.cx, sy), (s.cx, y), (t.cx, y), (t.cx, ty)]
            if not _blocked(points[1:3], obstacles):
                return points
    y = low + CLEARANCE
    return [(s.cx, s.y + s.height), (s.cx, y), (t.cx, y), (t.cx, t.y + t.height)]


def _through_free_row(s: Bounds, t: Bounds, obstacles: tuple[Bounds, ...],
                      lane: _Lane | None = None) -> list[Pt] | None:
    """A forward route that runs along the free row nearest to both ends, or None.

    With ``lane``: one that also lies on no other flow's line, the rows and the two
    columns moved aside by a few pixels where they would."""
    gap = t.x - (s.x + s.width)
    x1 = s.x + s.width + min(CLEARANCE / 2, gap / 3)
    x2 = t.x - min(CLEARANCE / 2, gap / 3)
    rows = {round(b.y - CLEARANCE / 2) for b in obstacles} | {round(b.y + b.height + CLEARANCE / 2) for b in obstacles}
    middle = (s.cy + t.cy) / 2
    if lane is None:
        for y in sorted(rows, key=lambda row: (abs(row - middle), row)):
            points = [(s.x + s.width, s.cy), (x1, s.cy), (x1, y), (x2, y), (x2, t.cy), (t.x, t.cy)]
            if not _blocked(points, obstacles):
                return points
        return None
    shifts = (0.0, SIDESTEP, -SIDESTEP, 2 * SIDESTEP, -2 * SIDESTEP)
    xs1 = [x1 + d for d in (0.0, SIDESTEP, 2 * SIDESTEP) if x1 + d < x2 - 2]
    xs2 = [x2 - d for d in (0.0, SIDESTEP, 2 * SIDESTEP) if x2 - d > x1 + 2]
    for y_row in sorted({row + d for row in rows for d in shifts}, key=lambda row: (abs(row - middle), row)):
        for a in xs1:
            for b in xs2:
                points = [(s.x + s.width, s.cy), (a, s.cy), (a, y_row), (b, y_row), (b, t.cy), (t.x, t.cy)]
                if not _blocked(points, obstacles) and lane.clear(points):
                    return points
    return None


def _forward(
    s: Bounds, t: Bounds, source_is_gateway: bool, target_is_gateway: bool, obstacles: tuple[Bounds, ...],
    lane: _Lane | None = None,
) -> list[Pt]:
    """A flow to a target further right: the first free of the usual shapes, in order of
    preference, else one along a free row, else the preferred one. Free means crossing
    no shape and, first, lying on no other flow's line (``lane``): the shapes are tried
    again with the vertical run moved aside, then the rows, before a route that does."""
    s_right, t_left = s.x + s.width, t.x
    gap = t_left - s_right
    candidates: list[list[Pt]] = []
    if abs(s.cy - t.cy) < 1:
        candidates.append([(s_right, s.cy), (t_left, s.cy)])
    else:
        # nearly level: straight, no small step (boxes only: a circle's or diamond's side is
        # not where its bounds are, away from the middle)
        boxes = not (source_is_gateway or target_is_gateway) and min(s.height, t.height) >= 60
        if abs(s.cy - t.cy) <= (12 if boxes else 2) and s.y + 5 <= t.cy <= s.y + s.height - 5:
            candidates.append([(s_right, t.cy), (t_left, t.cy)])
        # a gateway's branches leave from its top or bottom corner, and merge into it from above
        # or below; only when the other end is above or below the diamond, else the line would
        # run inside the diamond to the far corner
        if source_is_gateway and not s.y <= t.cy <= s.y + s.height:
            sy = s.y if t.cy < s.cy else s.y + s.height
            candidates.append([(s.cx, sy), (s.cx, t.cy), (t_left, t.cy)])
        if target_is_gateway and not t.y <= s.cy <= t.y + t.height:
            ty = t.y if s.cy < t.cy else t.y + t.height
            candidates.append([(s_right, s.cy), (t.cx, s.cy), (t.cx, ty)])
        for xm in (t_left - min(CLEARANCE, gap / 2), s_right + min(CLEARANCE, gap / 2)):
            candidates.append([(s_right, s.cy), (xm, s.cy), (xm, t.cy), (t_left, t.cy)])
    if lane is not None and lane.runs is not None:
        for points in itertools.chain(candidates, _moved_aside(s, t, gap)):
            if not _blocked(points, obstacles) and lane.clear(points):
                return points
        row = _through_free_row(s, t, obstacles, lane)
        if row is not None:
            return row
    for points in candidates:
        if not _blocked(points, obstacles):
            return points
    return _through_free_row(s, t, obstacles) or candidates[0]


def _moved_aside(s: Bounds, t: Bounds, gap: float) -> Iterator[list[Pt]]:
    """The usual step between two shapes at different heights, its vertical run moved aside."""
    if abs(s.cy - t.cy) < 1:
        return
    s_right, t_left = s.x + s.width, t.x
    step = min(CLEARANCE, gap / 2)
    for k in range(1, 6):
        for xm in (t_left - step - k * SIDESTEP, s_right + step + k * SIDESTEP, t_left - step + k * SIDESTEP):
            if s_right + 2 < xm < t_left - 2:
                yield [(s_right, s.cy), (xm, s.cy), (xm, t.cy), (t_left, t.cy)]


def route_flow(
    s: Bounds,
    t: Bounds,
    *,
    source_is_gateway: bool = False,
    target_is_gateway: bool = False,
    source_is_boundary: bool = False,
    obstacles: tuple[Bounds, ...] = (),
    runs: Runs | None = None,
    ends: tuple[str, str] = ("", ""),
    labels: tuple[Bounds, ...] = (),
    key: str = "",
) -> tuple[Point, ...]:
    """Waypoints of a sequence flow (or data association) from shape ``s`` to ``t``.

    With ``runs`` (the lines of the flows routed before, :class:`Runs`) the route keeps
    off the lines of flows that share neither its source nor its target (``ends``, the
    ids of both) and off ``labels`` (other shapes' label boxes) where it can, and its own
    lines are added to ``runs`` under ``key`` (the flow's id)."""
    s_right, t_left = s.x + s.width, t.x
    lane = _Lane(runs, ends, labels, obstacles) if runs is not None else None
    if source_is_boundary:
        start = (s.cx, s.y + s.height)
        if t_left > s.cx + 10:
            y = start[1] + CLEARANCE / 2
            xm = max(t_left - CLEARANCE, s.cx + 10)
            step = [start, (s.cx, y), (xm, y), (xm, t.cy), (t_left, t.cy)]
            candidates = [[start, (s.cx, t.cy), (t_left, t.cy)], step] if t.cy >= start[1] + 10 else [step]
            # else turn up (or down) before a shape in the way, nearest to the target first
            turns = sorted({o.x - CLEARANCE / 2 for o in obstacles if s.cx + 10 < o.x - CLEARANCE / 2 < xm},
                           reverse=True)
            candidates += [[start, (s.cx, y), (x, y), (x, t.cy), (t_left, t.cy)] for x in turns]
            # else down (or up) to a free row just beside a shape in the way, then across, nearest
            # to the target's level first (before: the straight drop, through that shape)
            rows = sorted({r for o in obstacles for r in (o.y - CLEARANCE / 2, o.y + o.height + CLEARANCE / 2)
                           if r > start[1] + CLEARANCE / 2}, key=lambda r: (abs(r - t.cy), r))
            candidates += [[start, (s.cx, r), (xm, r), (xm, t.cy), (t_left, t.cy)] for r in rows]
            points = next((c for c in candidates if not _blocked(c, obstacles)), candidates[0])
            if lane is not None and not lane.clear(points):
                # another boundary event's flow takes that line: the same shapes a step lower
                aside = [[start, (s.cx, yy), (x, yy), (x, t.cy), (t_left, t.cy)]
                         for yy in (y + k * SIDESTEP for k in range(1, 4)) for x in (xm, *turns)]
                points = next((c for c in aside if not _blocked(c, obstacles) and lane.clear(c)), points)
        else:
            points = _detour(s, t, obstacles, lane)
    elif t_left >= s_right + 4:
        points = _forward(s, t, source_is_gateway, target_is_gateway, obstacles, lane)
    else:
        points = _detour(s, t, obstacles, lane)
    rounded = tuple(Point(round(x), round(y)) for x, y in points)
    if runs is not None:
        runs.add(rounded, ends, key)
    return rounded


def route_message(s: Bounds, t: Bounds, *, gap_y: float) -> tuple[Point, ...]:
    """Waypoints of a message flow between shapes in different pools.

    ``gap_y`` is a y inside the free band between the two pools.
    """
    downwards = s.cy < t.cy
    sy = s.y + s.height if downwards else s.y
    ty = t.y if downwards else t.y + t.height
    overlap_lo, overlap_hi = max(s.x, t.x), min(s.x + s.width, t.x + t.width)
    if overlap_hi - overlap_lo >= 10:
        # a pool (or a node right above another) is met straight on
        x = s.cx if overlap_lo <= s.cx <= overlap_hi else (t.cx if overlap_lo <= t.cx <= overlap_hi else
                                                            (overlap_lo + overlap_hi) / 2)
        points: list[Pt] = [(x, sy), (x, ty)]
    else:
        points = [(s.cx, sy), (s.cx, gap_y), (t.cx, gap_y), (t.cx, ty)]
    return tuple(Point(round(x), round(y)) for x, y in points)


STUB = 10.0
COLUMN_GAP = 8.0
Column = tuple[float, float, float]  # x, top, bottom of a vertical run already taken


def _free(points: list[Pt], obstacles: tuple[Bounds, ...], taken: list[Column], runs: Runs | None = None) -> bool:
    """No segment crosses an obstacle, lies on a sequence flow's line (``runs``), and no
    vertical run lies on (or next to) a taken one."""
    if _blocked(points, obstacles) or (runs is not None and runs.clash(points, ("", ""))):
        return False
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        if x1 != x2:
            continue
        lo, hi = min(y1, y2), max(y1, y2)
        if any(abs(x - x1) < COLUMN_GAP and lo < bottom and hi > top for x, top, bottom in taken):
            return False
    return True


def _columns(box: Bounds, start: float, spread: float) -> list[float]:
    """x positions across ``box`` (inside its border), nearest to ``start`` first, every 10 px."""
    lo, hi = box.x + min(8.0, box.width / 2), box.x + box.width - min(8.0, box.width / 2)
    xs = {round(min(max(start + k * 10 * sign, lo), hi)) for k in range(int(spread // 10) + 1) for sign in (1, -1)}
    return sorted(xs, key=lambda x: (abs(x - start), x))


def route_message_clear(
    s: Bounds, t: Bounds, *, gap_y: float, pool_end: str, obstacles: tuple[Bounds, ...], taken: list[Column],
    runs: Runs | None = None,
) -> tuple[Point, ...]:
    """A message flow between a shape and a pool (``pool_end`` is ``"source"`` or ``"target"``)
    that crosses no obstacle and runs beside, not on, the message flows routed before it.

    It is :func:`route_message`'s straight line when that is free; else it leaves the
    shape straight, turns after a short stub and runs down (or up) a free column to the
    pool. Without a free column it falls back to the straight line. The vertical runs
    of the chosen route are added to ``taken``; ``runs`` are the sequence flows' lines,
    which it does not lie on either.
    """
    downwards = s.cy < t.cy
    sy = s.y + s.height if downwards else s.y
    ty = t.y if downwards else t.y + t.height
    node, pool = (t, s) if pool_end == "source" else (s, t)
    lo_y, hi_y = min(sy, ty), max(sy, ty)
    near = tuple(b for b in obstacles if b.y < hi_y and b.y + b.height > lo_y)
    node_xs = _columns(node, node.cx, node.width / 2) if node.width > 0 else [node.x]
    chosen: list[Pt] | None = None
    for x in node_xs:  # straight, from another point of the shape's side if need be
        points = [(x, sy), (x, ty)]
        if pool.x < x < pool.x + pool.width and _free(points, near, taken, runs):
            chosen = points
            break
    d = 1.0 if downwards else -1.0
    # a longer stub only where a sequence flow runs along the short one's row
    for stub in (STUB, STUB + SIDESTEP, STUB + 2 * SIDESTEP) if runs is not None else (STUB,):
        if chosen is not None:
            break
        for x in node_xs:
            for xc in _columns(pool, x, 400.0):
                if xc == x:
                    continue
                if pool_end == "target":
                    points = [(x, sy), (x, sy + d * stub), (xc, sy + d * stub), (xc, ty)]
                else:
                    points = [(xc, sy), (xc, ty - d * stub), (x, ty - d * stub), (x, ty)]
                if _free(points, near, taken, runs):
                    chosen = points
                    break
            if chosen is not None:
                break
    if chosen is None:
        base = route_message(s, t, gap_y=gap_y)
        chosen = [(p.x, p.y) for p in base]
    for (x1, y1), (x2, y2) in zip(chosen, chosen[1:], strict=False):
        if x1 == x2:
            taken.append((x1, min(y1, y2), max(y1, y2)))
    return tuple(Point(round(x), round(y)) for x, y in chosen)


def _clip(b: Bounds, toward: Pt) -> Pt:
    """Where the line from ``b``'s centre to ``toward`` leaves ``b``."""
    dx, dy = toward[0] - b.cx, toward[1] - b.cy
    if dx == 0 and dy == 0:
        return (b.cx, b.cy)
    scale = min(
        (b.width / 2) / abs(dx) if dx else float("inf"),
        (b.height / 2) / abs(dy) if dy else float("inf"),
    )
    scale = min(scale, 1.0)
    return (b.cx + dx * scale, b.cy + dy * scale)


def route_straight(s: Bounds, t: Bounds) -> tuple[Point, ...]:
    """A straight line between the borders of two shapes (associations)."""
    a = _clip(s, (t.cx, t.cy))
    b = _clip(t, (s.cx, s.cy))
    return (Point(round(a[0]), round(a[1])), Point(round(b[0]), round(b[1])))


def edge_label_bounds(
    points: tuple[Point, ...], text: str, size: float = 11, *, at_start: bool = False, stack: int = 0,
    own: list[tuple[Point, Point]] | None = None,
) -> Bounds:
    """A label box beside the longest segment of a route (above it when horizontal),
    or ``at_start``: beside the first segment, just after the start, moved ``stack``
    label heights further along (for several flows leaving one shape). ``own``: the
    stretches of the route no other flow runs along; the label goes beside the longest
    of those long enough to hold it (not beside a split's or merge's shared trunk), if
    there is one."""
    lines = wrap(text, 90, size)
    width = round(max(text_width(line, size) for line in lines) + 4)
    height = round(len(lines) * size * LINE_HEIGHT + 2)
    if at_start:
        a, b = points[0], points[1]
        if a.x == b.x and len(points) >= 4 and abs(b.y - a.y) <= STUB and points[2].y == b.y:
            # a short stub, then a turn: beside the column the route turns into, away from the sender
            a, b, left = points[2], points[3], points[2].x < points[1].x
            step = stack * (height + 2)
            y = a.y + 4 + step if b.y > a.y else a.y - height - 4 - step
            return Bounds(a.x - width - 4 if left else a.x + 4, y, width, height)
        if a.x == b.x:  # vertical: to the right of it, below or above the start
            step = stack * (height + 2)
            return Bounds(a.x + 4, a.y + 4 + step if b.y > a.y else a.y - height - 4 - step, width, height)
        return Bounds(a.x + 4 if b.x > a.x else a.x - width - 4, a.y - height - 2, width, height)
    segments = list(zip(points, points[1:], strict=False))
    if own:  # of its own stretches, those long enough to hold the label beside them
        roomy = [seg for seg in own
                 if (abs(seg[1].x - seg[0].x) >= width if seg[0].y == seg[1].y else abs(seg[1].y - seg[0].y) >= height)]
        segments = roomy or segments
    a, b = max(segments, key=lambda seg: abs(seg[1].x - seg[0].x) + abs(seg[1].y - seg[0].y))
    mx, my = (a.x + b.x) / 2, (a.y + b.y) / 2
    if abs(b.y - a.y) <= abs(b.x - a.x):
        return Bounds(round(mx - width / 2), round(my - height - 2), width, height)
    return Bounds(round(mx + 4), round(my - height / 2), width, height)
