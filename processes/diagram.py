"""The diagrams of a BPMN document (BPMN Diagram Interchange): shapes and edges with their bounds,
waypoints and labels, on a plane per diagram.

Its own module because where things are drawn is apart from what the process is: the model's elements
never refer to their shapes (a shape names its element by id), and only layout, drawing and export use
these classes; :mod:`processes.model` re-exports every name here and is their home (``__module__``).
"""

from __future__ import annotations

from dataclasses import field

from processes.elementtext import NO_OPAQUE, Opaque
from processes.frozenclass import frozen_dataclass

__all__ = ["Bounds", "Point", "Label", "Shape", "Edge", "Plane", "Diagram"]

# --------------------------------------------------------------------------- diagram interchange


@frozen_dataclass
class Bounds:
    """A shape's rectangle in diagram coordinates (DI ``dc:Bounds``)."""

    x: float
    y: float
    width: float
    height: float

    def __post_init__(self) -> None:
        if self.width < 0 or self.height < 0:
            raise ValueError(f"negative size {self.width}x{self.height}")

    @property
    def cx(self) -> float:
        return self.x + self.width / 2

    @property
    def cy(self) -> float:
        return self.y + self.height / 2


@frozen_dataclass
class Point:
    """A waypoint of an edge (DI ``dc:Point``)."""

    x: float
    y: float


@frozen_dataclass
class Label:
    """The label of a shape or an edge (DI ``BPMNLabel``)."""

    bounds: Bounds | None = None
    label_style: str = ""
    id: str = ""
    opaque: Opaque = NO_OPAQUE
    color: str = ""  # text colour a modeler set (OMG color:color); "" = the shape's stroke


@frozen_dataclass
class Shape:
    """A node's shape in a diagram (DI ``BPMNShape``); ``element`` is the model element's id."""

    id: str
    element: str  # bpmnElement
    bounds: Bounds
    is_expanded: bool | None = None
    is_horizontal: bool | None = None
    is_marker_visible: bool | None = None
    is_message_visible: bool | None = None
    participant_band_kind: str = ""
    choreography_activity_shape: str = ""
    label: Label | None = None
    opaque: Opaque = NO_OPAQUE
    # colours a modeler set, as written (CSS colour text): OMG color:background-color /
    # color:border-color, or bpmn.io's bioc:fill / bioc:stroke; "" = the default
    fill: str = ""
    stroke: str = ""


@frozen_dataclass
class Edge:
    """A flow's line in a diagram (DI ``BPMNEdge``); ``element`` is the model element's id."""

    id: str
    element: str
    waypoints: tuple[Point, ...] = ()
    source_element: str = ""
    target_element: str = ""
    message_visible_kind: str = ""
    label: Label | None = None
    opaque: Opaque = NO_OPAQUE
    stroke: str = ""  # line colour a modeler set (color:border-color or bioc:stroke); "" = black


@frozen_dataclass
class Plane:
    """The shapes and edges of a diagram (DI ``BPMNPlane``)."""

    id: str = ""
    element: str = ""
    shapes: tuple[Shape, ...] = ()
    edges: tuple[Edge, ...] = ()
    opaque: Opaque = NO_OPAQUE


@frozen_dataclass
class Diagram:
    """A diagram of the model (DI ``BPMNDiagram``)."""

    id: str = ""
    name: str = ""
    resolution: float | None = None
    documentation: str = ""
    plane: Plane = field(default_factory=Plane)
    label_styles: tuple[str, ...] = ()  # BPMNLabelStyle elements, serialized
    opaque: Opaque = NO_OPAQUE
