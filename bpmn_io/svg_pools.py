"""Pools that a modelling tool wrote over each other, drawn apart.

In BPMN no two pools overlap. Bizagi Modeler 2.8 writes the diagram of each process that a
call activity calls, and of the process it gives a pool of its own, into the main diagram's
plane at that diagram's own origin, so such a pool lies over the pools of the main drawing
(the MIWG A.4.0, B.1.0 and B.2.0 roundtrips). bpmn.io draws them there, one over the other.
:func:`pools_apart` moves each pool that overlaps a pool drawn before it straight down,
below everything else, with everything its process draws (lanes, nodes, flows, labels), so
the main drawing stays as the file places it and the other process is still shown whole.

>>> from processes.model import Bounds, Collaboration, Definitions, Participant, Plane, Process, Shape
>>> defs = Definitions(processes=(Process("P1"), Process("P2")), collaborations=(Collaboration(
...     "C", participants=(Participant("A", process_ref="P1"), Participant("B", process_ref="P2"))),))
>>> plane = Plane(shapes=(Shape("A_di", "A", Bounds(0, 0, 600, 200)), Shape("B_di", "B", Bounds(0, 0, 300, 100))))
>>> [s.bounds.y for s in pools_apart(plane, ElementIndex.of(defs)).shapes]
[0, 250.0]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from bpmn_io.svg_parts import ElementIndex
from processes.model import Association, Bounds, Edge, Label, MessageFlow, Participant, Plane, Point, Shape

__all__ = ["pools_apart"]

#: room left above a moved pool: what the MIWG reference C.1.0 and Signavio's export leave between pools
GAP = 50.0


def pools_apart(plane: Plane, index: ElementIndex) -> Plane:
    """``plane`` with each pool that overlaps an earlier pool (in the plane's order) moved down below
    the rest of the drawing, one under the other, with its process's shapes and edges; ``plane``
    itself when no pools overlap. A message flow or association between a moved pool and one that
    stays keeps its points in the place that stays and moves those in the moved pool."""
    pools = [s for s in plane.shapes if isinstance(index.element(s.element), Participant)]
    kept: list[Shape] = []
    moving: list[Shape] = []
    for shape in pools:
        (moving if any(_overlap(shape.bounds, k.bounds) for k in kept) else kept).append(shape)
    if not moving:
        return plane
    member = _members(moving, index)
    bottom = max(_bottom(plane, member, index), default=0.0)
    shift: dict[str, float] = {}
    for pool in moving:
        box = _union(s.bounds for s in plane.shapes if member.get(s.element) == pool.element)
        shift[pool.element] = bottom + GAP - box.y
        bottom = box.y + box.height + shift[pool.element]
    shapes = tuple(_moved_shape(s, shift[member[s.element]]) if s.element in member else s for s in plane.shapes)
    regions = [(p.bounds, shift[p.element], p.element) for p in moving]
    edges = tuple(_moved_edge(e, index, member, shift, regions, [k.bounds for k in kept]) for e in plane.edges)
    return replace(plane, shapes=shapes, edges=edges)


def _overlap(a: Bounds, b: Bounds) -> bool:
    """Whether two rectangles share an area (touching edges and a 0 x 0 box do not)."""
    return min(a.x + a.width, b.x + b.width) > max(a.x, b.x) and min(a.y + a.height, b.y + b.height) > max(a.y, b.y)


def _members(moving: list[Shape], index: ElementIndex) -> dict[str, str]:
    """Element id -> the id of the moved pool it is drawn in: the pool itself and what its process holds."""
    pool_of_process: dict[str, str] = {}
    for pool in moving:
        pool_of_process.setdefault(index.element(pool.element).process_ref, pool.element)
    member = {pool.element: pool.element for pool in moving}
    for element_id, process in index.owner.items():
        if process.id in pool_of_process:
            member[element_id] = pool_of_process[process.id]
    return member


def _ends(edge: Edge, index: ElementIndex) -> tuple[str, ...]:
    """The elements a message flow or association connects (the DI's own when it names them)."""
    element = index.element(edge.element)
    if isinstance(element, (MessageFlow, Association)):
        return (edge.source_element or element.source, edge.target_element or element.target)
    return tuple(e for e in (edge.source_element, edge.target_element) if e)


def _bottom(plane: Plane, member: dict[str, str], index: ElementIndex) -> Iterable[float]:
    """The lowest points of what stays where the file places it."""
    for shape in plane.shapes:
        if shape.element not in member:
            yield shape.bounds.y + shape.bounds.height
            if shape.label is not None and shape.label.bounds is not None:
                yield shape.label.bounds.y + shape.label.bounds.height
    for edge in plane.edges:
        if edge.element not in member and not any(end in member for end in _ends(edge, index)):
            yield from (p.y for p in edge.waypoints)


def _union(boxes: Iterable[Bounds]) -> Bounds:
    found = list(boxes)
    x0, y0 = min(b.x for b in found), min(b.y for b in found)
    x1, y1 = max(b.x + b.width for b in found), max(b.y + b.height for b in found)
    return Bounds(x0, y0, x1 - x0, y1 - y0)


def _down(b: Bounds, dy: float) -> Bounds:
    return Bounds(b.x, b.y + dy, b.width, b.height)


def _moved_label(label: Label | None, dy: float) -> Label | None:
    if label is None or label.bounds is None or not dy:
        return label
    return replace(label, bounds=_down(label.bounds, dy))


def _moved_shape(shape: Shape, dy: float) -> Shape:
    return replace(shape, bounds=_down(shape.bounds, dy), label=_moved_label(shape.label, dy))


def _moved_edge(edge: Edge, index: ElementIndex, member: dict[str, str], shift: dict[str, float],
                regions: list[tuple[Bounds, float, str]], kept: list[Bounds]) -> Edge:
    if edge.element in member:
        dy = shift[member[edge.element]]
        return replace(edge, waypoints=tuple(Point(p.x, p.y + dy) for p in edge.waypoints),
                       label=_moved_label(edge.label, dy))
    pools = {member[end] for end in _ends(edge, index) if end in member}
    if not pools:
        return edge

    def dy_at(x: float, y: float) -> float:
        """How far a point of the flow moves: as the moved pool of one of its ends that holds it, unless
        a pool that stays holds it too."""
        if any(k.x <= x <= k.x + k.width and k.y <= y <= k.y + k.height for k in kept):
            return 0.0
        return next((dy for b, dy, pool in regions
                     if pool in pools and b.x <= x <= b.x + b.width and b.y <= y <= b.y + b.height), 0.0)

    label = edge.label
    if label is not None and label.bounds is not None:
        label = _moved_label(label, dy_at(label.bounds.cx, label.bounds.cy))
    return replace(edge, waypoints=tuple(Point(p.x, p.y + dy_at(p.x, p.y)) for p in edge.waypoints), label=label)
