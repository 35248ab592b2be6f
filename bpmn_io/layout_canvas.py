"""One diagram plane being laid out: the shapes and edges placed so far, and the bounds of each element.

:class:`Canvas` collects a plane's shapes (a block of nodes laid out by :mod:`bpmn_io.layout_block`,
placed at an offset, with its labels) and :func:`add_edge` its edges with their label boxes. Its own
module because both halves of the layout write to it: :mod:`bpmn_io.layout` places pools, lanes and
nodes, :mod:`bpmn_io.layout_edges` routes the flows between them.
"""

from __future__ import annotations

from bpmn_io.layout_block import Block
from bpmn_io.layout_route import edge_label_bounds
from processes.model import Bounds, Edge, Gateway, Label, Point, Process, Shape

__all__ = ["Canvas", "add_edge", "POOL_GAP"]

#: the space between two pools (message flows run through it)
POOL_GAP = 50.0


class Canvas:
    """Collects shapes and edges of one plane, with the bounds of everything placed."""

    def __init__(self) -> None:
        self.shapes: list[Shape] = []
        self.edges: list[Edge] = []
        self.bounds: dict[str, Bounds] = {}
        self.pool_of: dict[str, str] = {}

    def shape(self, element: str, bounds: Bounds, label: Bounds | None = None, **flags: object) -> None:
        self.bounds[element] = bounds
        self.shapes.append(
            Shape(id=f"{element}_di", element=element, bounds=bounds,
                  label=Label(bounds=label) if label is not None else None, **flags)  # type: ignore[arg-type]
        )

    def place_block(self, process: Process, block: Block, x: float, y: float, pool: str) -> None:
        for element in block.order:
            b = block.bounds[element]
            moved = Bounds(b.x + x, b.y + y, b.width, b.height)
            label = block.labels.get(element)
            moved_label = Bounds(label.x + x, label.y + y, label.width, label.height) if label else None
            node = process.nodes.get(element)
            flags: dict[str, object] = {}
            if isinstance(node, Gateway) and node.gateway_kind == "exclusive":
                flags["is_marker_visible"] = True
            if element in block.expanded:
                flags["is_expanded"] = True
            elif getattr(node, "kind", "") == "SubProcess":
                flags["is_expanded"] = False
            self.shape(element, moved, moved_label, **flags)
            self.pool_of[element] = pool


def add_edge(canvas: Canvas, element: str, points: tuple, source: str, target: str, text: str = "",
             *, label_at_start: bool = False, stack: int = 0, own: list[tuple[Point, Point]] | None = None) -> None:
    label = (Label(bounds=edge_label_bounds(points, text, at_start=label_at_start, stack=stack, own=own))
             if text.strip() and len(points) >= 2 else None)
    canvas.edges.append(
        Edge(id=f"{element}_di", element=element, waypoints=points, source_element=f"{source}_di",
             target_element=f"{target}_di", label=label)
    )
