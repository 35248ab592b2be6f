"""Label placement after routing: move external labels off flows and other labels.

The first layout pass puts an event's or gateway's label below its shape, a
message flow's label beside its first segment and a sequence flow's (its name, or an
unnamed flow's condition) beside its longest own stretch. Once every flow is routed, :func:`settle_labels` looks at
each of those boxes in turn (shapes in plane order, then flows) and, when it is
crossed by a flow, overlaps another label or shape or leaves its lane, moves it
to the least obstructed of a fixed list of candidate places (each step down the
list costing a little): for a shape above/below and diagonally beside it (so an
event whose message arrives from below gets its label on top), then diagonally
one row lower (under a boundary event's flow, which turns just below it); for a
flow further along either side of the vertical runs or above and below the
horizontal ones that no other flow runs along (not beside a shared trunk). The
current place wins ties, so a label that is already clear never moves, and the
result depends only on the input: the layout stays deterministic.

Each candidate is checked only against the segments, labels and shapes near it,
found through a uniform grid (:class:`_Grid`), so settling the labels of a model
with thousands of tasks takes time near-linear in its size; the grid returns a
superset of what the exact tests hit, so the costs are those of checking everything.

>>> from processes.model import Bounds, Edge, Label, Point, Shape
>>> event = Shape(id="E_di", element="E", bounds=Bounds(0, 0, 36, 36),
...               label=Label(bounds=Bounds(-7, 40, 50, 14)))
>>> flow = Edge(id="M_di", element="M", waypoints=(Point(18, 200), Point(18, 36)))
>>> shapes, _ = settle_labels((event,), (flow,), message_flows=frozenset({"M"}), nodes=frozenset({"E"}))
>>> shapes[0].label.bounds.y < 0
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial

from processes.model import Bounds, Edge, Point, Shape

__all__ = ["settle_labels"]

GAP = 4.0
HARD = 10  # a message flow, another label, a shape, or leaving the lane
SOFT = 1  # a sequence flow
DRIFT = 0.05  # per step away from the current place: 20 steps weigh as much as one sequence flow
CELL = 200.0  # grid cell side in pixels: a few shapes wide, so a candidate touches one to four cells


class _Grid:
    """A uniform grid over the plane: which items' bounding boxes may meet a box."""

    __slots__ = ("cells",)

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], set[int]] = {}

    @staticmethod
    def _keys(x0: float, y0: float, x1: float, y1: float) -> Iterable[tuple[int, int]]:
        cx0, cx1 = math.floor(x0 / CELL), math.floor(x1 / CELL)
        cy0, cy1 = math.floor(y0 / CELL), math.floor(y1 / CELL)
        return ((cx, cy) for cx in range(cx0, cx1 + 1) for cy in range(cy0, cy1 + 1))

    def add(self, item: int, x0: float, y0: float, x1: float, y1: float) -> None:
        for key in self._keys(x0, y0, x1, y1):
            self.cells.setdefault(key, set()).add(item)

    def remove(self, item: int, x0: float, y0: float, x1: float, y1: float) -> None:
        for key in self._keys(x0, y0, x1, y1):
            self.cells[key].discard(item)

    def near(self, box: Bounds) -> set[int]:
        found: set[int] = set()
        for key in self._keys(box.x, box.y, box.x + box.width, box.y + box.height):
            items = self.cells.get(key)
            if items:
                found |= items
        return found


def _corners(b: Bounds) -> tuple[float, float, float, float]:
    return b.x, b.y, b.x + b.width, b.y + b.height


def settle_labels(
    shapes: tuple[Shape, ...], edges: tuple[Edge, ...], *, message_flows: frozenset[str], nodes: frozenset[str]
) -> tuple[tuple[Shape, ...], tuple[Edge, ...]]:
    """``shapes`` and ``edges`` with their external labels moved clear where a clearer place exists.

    ``message_flows`` names the edges that are message flows (their segments must not
    cross a label, and their labels are moved too); ``nodes`` names the shapes that are
    flow nodes (a label must not cover one). Horizontal shapes not in ``nodes`` are the
    pools and lanes a shape's label stays inside.
    """
    shape_list, edge_list = list(shapes), list(edges)
    labels: dict[tuple[int, int], Bounds] = {}
    for i, s in enumerate(shape_list):
        if s.label is not None and s.label.bounds is not None:
            labels[(0, i)] = s.label.bounds
    for i, e in enumerate(edge_list):
        if e.label is not None and e.label.bounds is not None:
            labels[(1, i)] = e.label.bounds
    blocks = [s.bounds for s in shape_list if s.element in nodes and not s.is_expanded]
    bands = [s.bounds for s in shape_list if s.is_horizontal and s.element not in nodes]
    segments = [(e.element in message_flows, e.element, p, q) for e in edge_list
                for p, q in zip(e.waypoints, e.waypoints[1:], strict=False)]
    segment_grid, label_grid, block_grid = _Grid(), _Grid(), _Grid()
    for n, (_hard, _element, p, q) in enumerate(segments):
        segment_grid.add(n, min(p.x, q.x), min(p.y, q.y), max(p.x, q.x), max(p.y, q.y))
    label_keys = sorted(labels)
    label_index = {key: n for n, key in enumerate(label_keys)}
    for key, n in label_index.items():
        label_grid.add(n, *_corners(labels[key]))
    for n, b in enumerate(blocks):
        block_grid.add(n, *_corners(b))

    def cost(box: Bounds, *, key: tuple[int, int], own_box: Bounds | None, own_edge: str, band: Bounds | None) -> int:
        total = 0
        for n in segment_grid.near(box):
            hard, element, p, q = segments[n]
            if element != own_edge and _segment_hits(box, p, q):
                total += HARD if hard else SOFT
        for n in label_grid.near(box):
            other = label_keys[n]
            if other != key and _intersects(box, labels[other]):
                total += HARD
        for n in block_grid.near(box):
            b = blocks[n]
            if b is not own_box and _intersects(box, b):
                total += HARD
        if band is not None and not _inside(box, band):
            total += HARD
        return total

    def own_segments(edge: Edge) -> list[tuple[Point, Point]]:
        """The segments of ``edge`` no other flow runs along (a label beside a shared trunk
        could be any of its flows')."""
        found = []
        for p, q in zip(edge.waypoints, edge.waypoints[1:], strict=False):
            box = Bounds(min(p.x, q.x) - 2, min(p.y, q.y) - 2, abs(q.x - p.x) + 4, abs(q.y - p.y) + 4)
            if not any(segments[n][1] != edge.element and _collinear(p, q, segments[n][2], segments[n][3])
                       for n in segment_grid.near(box)):
                found.append((p, q))
        return found

    for key in sorted(labels):
        kind, i = key
        current = labels[key]
        if kind == 0:
            own = shape_list[i]
            if own.element not in nodes:
                continue
            band = _innermost(own.bounds, bands)
            measure = partial(cost, key=key, own_box=own.bounds, own_edge="", band=band)
            if measure(current) == 0:
                continue  # clear: no other place can be cheaper (the current one wins ties)
            best = _cheapest([current, *_around(own.bounds, current)], measure)
        else:
            own_edge = edge_list[i]
            measure = partial(cost, key=key, own_box=None, own_edge=own_edge.element, band=None)
            if measure(current) == 0:
                continue
            best = _cheapest([current, *_along(own_segments(own_edge), current)], measure)
        if best == current:
            continue
        label_grid.remove(label_index[key], *_corners(current))
        labels[key] = best
        label_grid.add(label_index[key], *_corners(best))
        if kind == 0:
            s = shape_list[i]
            shape_list[i] = replace(s, label=replace(s.label, bounds=best)) if s.label is not None else s
        else:
            e = edge_list[i]
            edge_list[i] = replace(e, label=replace(e.label, bounds=best)) if e.label is not None else e
    return tuple(shape_list), tuple(edge_list)


def _cheapest(candidates: list[Bounds], cost: Callable[[Bounds], int]) -> Bounds:
    """The candidate with the fewest obstructions; each step down the list costs a little,
    so a label stays near its shape or its flow's start rather than wandering far off."""
    return min(enumerate(candidates), key=lambda ic: (cost(ic[1]) + DRIFT * ic[0], ic[0]))[1]


def _around(b: Bounds, label: Bounds) -> list[Bounds]:
    """Places for a shape's label: above, below (also a little to either side), then diagonally
    beside the shape, last diagonally one row lower (under a flow that leaves the shape's bottom
    and turns at once, as a boundary event's does)."""
    w, h = label.width, label.height
    centred = round(b.cx - w / 2)
    above, below = round(b.y - GAP - h), round(b.y + b.height + GAP)
    lower = round(b.y + b.height + 2 * GAP + max(h, 16))
    left, right = round(b.x - w - 2), round(b.x + b.width + 2)
    shifted = [(centred + d, y) for d in (12, -12, 24, -24, 36, -36) for y in (above, below)]
    return [Bounds(x, y, w, h) for x, y in (
        (centred, above), (centred, below), *shifted, (right, above), (right, below), (left, above), (left, below),
        (right, lower), (left, lower),
    )]


def _collinear(p: Point, q: Point, r: Point, s: Point) -> bool:
    """Whether the axis-parallel segments p-q and r-s run together (on one line, overlapping)."""
    if p.x == q.x and r.x == s.x and abs(p.x - r.x) < 2:
        return min(max(p.y, q.y), max(r.y, s.y)) - max(min(p.y, q.y), min(r.y, s.y)) > 2
    if p.y == q.y and r.y == s.y and abs(p.y - r.y) < 2:
        return min(max(p.x, q.x), max(r.x, s.x)) - max(min(p.x, q.x), min(r.x, s.x)) > 2
    return False


def _along(segments: list[tuple[Point, Point]], label: Bounds) -> list[Bounds]:
    """Places for a flow's label: beside its segments, stepping away from the start."""
    w, h = label.width, label.height
    found: list[Bounds] = []
    for a, b in segments:
        if a.x == b.x:
            length, direction = abs(b.y - a.y), (1 if b.y > a.y else -1)
            for k in range(max(1, int((length - GAP) // (h + 2)))):  # one place at least, by a short one
                y = a.y + GAP + k * (h + 2) if direction > 0 else a.y - GAP - h - k * (h + 2)
                found += [Bounds(a.x + GAP, y, w, h), Bounds(a.x - GAP - w, y, w, h)]
        elif a.y == b.y:
            length, direction = abs(b.x - a.x), (1 if b.x > a.x else -1)
            for k in range(max(1, int((length - GAP) // 20))):
                x = a.x + GAP + k * 20 if direction > 0 else a.x - GAP - w - k * 20
                found += [Bounds(x, a.y - h - 2, w, h), Bounds(x, a.y + 2, w, h)]
    return found


def _innermost(b: Bounds, bands: list[Bounds]) -> Bounds | None:
    holding = [band for band in bands if _inside(b, band)]
    return min(holding, key=lambda band: (band.width * band.height, band.y, band.x)) if holding else None


def _intersects(a: Bounds, b: Bounds) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height


def _inside(inner: Bounds, outer: Bounds) -> bool:
    return (outer.x <= inner.x and outer.y <= inner.y and inner.x + inner.width <= outer.x + outer.width
            and inner.y + inner.height <= outer.y + outer.height)


def _segment_hits(b: Bounds, p: Point, q: Point) -> bool:
    return (min(p.x, q.x) < b.x + b.width and max(p.x, q.x) > b.x
            and min(p.y, q.y) < b.y + b.height and max(p.y, q.y) > b.y)
