"""Diagram interchange (DI) for models that have none: a left-to-right layout.

:func:`add_layout` returns a copy of a model with one diagram per collaboration
(pools stacked top to bottom, message flows between them) or, without a
collaboration, per non-empty process. A process with lanes but no pool gets a
collaboration with one participant, because in BPMN DI lanes are drawn inside
a pool. Node positions come from Graphviz dot (see :mod:`bpmn_io.layout_block`);
flows get orthogonal waypoints (no two flows with different ends on one line, off
other shapes' labels where a route allows; :mod:`bpmn_io.layout_route`), named flows,
unnamed ones with a condition (for it), events and gateways get label boxes, moved off each
other and off shapes by :mod:`bpmn_io.layout_labels`; permitflow becomes the model's exporter. Shapes have the standard BPMN sizes: task 100x80, event 36x36, gateway
50x50. The same model always gives the same diagram. This module places pools, lanes and nodes on a
:class:`~bpmn_io.layout_canvas.Canvas`; :mod:`bpmn_io.layout_edges` routes the edges between them.

>>> from processes.model import Definitions, Event, FrozenMap, Process
>>> start = Event(id="S", position="start")
>>> defs = add_layout(Definitions(processes=(Process(id="P", nodes=FrozenMap({"S": start})),)))
>>> [(s.element, s.bounds.width) for s in defs.diagrams[0].plane.shapes]
[('S', 36.0)]
"""

from __future__ import annotations

from dataclasses import replace

from bpmn_io.layout_block import Block, layout_container, leaf_lanes
from bpmn_io.layout_canvas import POOL_GAP, Canvas
from bpmn_io.layout_edges import collaboration_annotations, message_edges, process_edges
from bpmn_io.layout_labels import settle_labels
from processes.model import (
    PERMITFLOW_EXPORTER,
    Bounds,
    Collaboration,
    Definitions,
    Diagram,
    Lane,
    Participant,
    Plane,
    Process,
)

__all__ = ["add_layout", "with_diagram"]

POOL_HEADER = 30.0
LANE_HEADER = 30.0
BLACK_BOX_HEIGHT = 80.0


def add_layout(defs: Definitions) -> Definitions:
    """A copy of ``defs`` whose diagrams are a fresh left-to-right layout.

    Any diagrams ``defs`` had are replaced. Raises
    :class:`~processes.errors.PermitflowError` when Graphviz cannot be run.
    """
    pooled = {p.process_ref for p in defs.participants()}
    loose = [p for p in defs.processes if p.id not in pooled and p.nodes]
    if not defs.collaborations and any(p.lane_sets and p.lanes() for p in loose):
        collaboration = Collaboration(
            id=_unique_id(defs, "Collaboration_1"),
            participants=tuple(
                Participant(id=_unique_id(defs, f"Participant_{p.id}"), name=p.name, process_ref=p.id) for p in loose
            ),
        )
        defs = replace(defs, collaborations=(collaboration,))
        loose = []
    if defs.collaborations:
        # processes outside every pool join the first collaboration's picture (message
        # flows may reach them), below the pools, their lanes drawn without a pool
        diagrams = [_collaboration_diagram(defs, c, tuple(loose) if i == 0 else ())
                    for i, c in enumerate(defs.collaborations)]
    elif loose:
        diagrams = [_process_diagram(p) for p in loose]
    else:
        # nothing to place: an empty plane of the first process, the diagram
        # bpmn.io needs to open the file (it refuses one without any diagram)
        diagrams = [Diagram(plane=Plane(element=p.id)) for p in defs.processes[:1]]
    for i, diagram in enumerate(diagrams):
        diagrams[i] = replace(diagram, id=f"BPMNDiagram_{i + 1}", plane=replace(diagram.plane, id=f"BPMNPlane_{i + 1}"))
    # permitflow is now the exporter: its diagram has room for an unnamed flow's condition, which a
    # drawing of the saved file shows again (Definitions.laid_out_by_permitflow); no version, so the
    # same model gives the same file in every release
    return replace(defs, diagrams=tuple(diagrams), exporter=PERMITFLOW_EXPORTER, exporter_version="")


def with_diagram(defs: Definitions) -> Definitions:
    """``defs`` if it has a drawing or nothing to draw, else :func:`add_layout` of it.

    A model with nothing to draw (an empty process) keeps the diagrams it has,
    empty ones included, or gets an empty plane: a BPMN file without any diagram
    does not open in bpmn.io.
    """
    if defs.has_di():
        return defs
    drawable = any(p.nodes or p.artifacts for p in defs.processes) or any(defs.participants())
    if not drawable and defs.diagrams:
        return defs
    return add_layout(defs)


def _unique_id(defs: Definitions, wanted: str) -> str:
    candidate, n = wanted, 1
    while defs.element(candidate) is not None:
        n += 1
        candidate = f"{wanted}_{n}"
    return candidate


# --------------------------------------------------------------------------- plane assembly


def _process_diagram(process: Process) -> Diagram:
    """A process without lanes in a model without collaboration: no pool."""
    canvas = Canvas()
    block = layout_container(process, process.id)
    canvas.place_block(process, block, 0, 0, "")
    process_edges(canvas, process)
    return Diagram(plane=_plane(canvas, process.id, frozenset()))


def _lane_depth(lane: Lane) -> int:
    if lane.child_lane_set is None or not lane.child_lane_set.lanes:
        return 1
    return 1 + max(_lane_depth(child) for child in lane.child_lane_set.lanes)


def _collaboration_diagram(defs: Definitions, collaboration: Collaboration, loose: tuple[Process, ...]) -> Diagram:
    canvas = Canvas()
    processes = {p.id: p for p in defs.processes}
    laid: list[tuple[Participant | None, Process | None, Block | None, int]] = []
    pools = [(part, processes.get(part.process_ref)) for part in collaboration.participants]
    for part, process in [*pools, *((None, p) for p in loose)]:
        if process is None or not (process.nodes or process.lane_sets):
            laid.append((part, process, None, 0))
            continue
        top_lanes = [lane for ls in process.lane_sets for lane in ls.lanes]
        depth = max((_lane_depth(lane) for lane in top_lanes), default=0)
        laid.append((part, process, layout_container(process, process.id, leaf_lanes(process)), depth))
    width = max(
        (POOL_HEADER + LANE_HEADER * depth + block.width for _, _, block, depth in laid if block is not None),
        default=600.0,
    )
    width = max(width, 400.0)
    y = 0.0
    for part, process, block, depth in laid:
        if process is None or block is None:
            if part is not None:
                canvas.shape(part.id, Bounds(0, y, width, BLACK_BOX_HEIGHT), is_horizontal=True)
                canvas.pool_of[part.id] = part.id
                y += BLACK_BOX_HEIGHT + POOL_GAP
            continue
        pool = Bounds(0, y, width, block.height)
        if part is not None:
            canvas.shape(part.id, pool, is_horizontal=True)
            canvas.pool_of[part.id] = part.id
        else:
            canvas.bounds[process.id] = pool  # the band a pool would take, for routing message flows
        _lane_shapes(canvas, process, block, pool, depth)
        canvas.place_block(process, block, POOL_HEADER + LANE_HEADER * depth, y, part.id if part else process.id)
        y += block.height + POOL_GAP
    for process in (p for _, p, block, _ in laid if p is not None and block is not None):
        process_edges(canvas, process)
    message_edges(canvas, collaboration)
    collaboration_annotations(canvas, collaboration)
    return Diagram(plane=_plane(canvas, collaboration.id, frozenset(collaboration.message_flows)))


def _plane(canvas: Canvas, element: str, message_flows: frozenset[str]) -> Plane:
    """The canvas as a plane, its labels moved clear of message flows and of each other."""
    nodes = frozenset(key for key in canvas.bounds if canvas.pool_of.get(key, key) != key)
    shapes, edges = settle_labels(tuple(canvas.shapes), tuple(canvas.edges), message_flows=message_flows, nodes=nodes)
    return Plane(element=element, shapes=shapes, edges=edges)


def _lane_shapes(canvas: Canvas, process: Process, block: Block, pool: Bounds, depth: int) -> None:
    bands = {lane_id: (top, bottom) for lane_id, top, bottom in block.bands}

    def extent(lane: Lane) -> tuple[float, float]:
        if lane.id in bands:
            return bands[lane.id]
        children = [extent(child) for child in lane.child_lane_set.lanes] if lane.child_lane_set else []
        return (min(c[0] for c in children), max(c[1] for c in children)) if children else (0.0, 0.0)

    def emit(lane: Lane, level: int) -> None:
        top, bottom = extent(lane)
        x = pool.x + POOL_HEADER + LANE_HEADER * level
        canvas.shape(lane.id, Bounds(x, pool.y + top, pool.x + pool.width - x, bottom - top), is_horizontal=True)
        if lane.child_lane_set is not None:
            for child in lane.child_lane_set.lanes:
                emit(child, level + 1)

    for lane_set in process.lane_sets:
        for lane in lane_set.lanes:
            emit(lane, 0)
