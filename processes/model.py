"""The in-memory process model: immutable, keyed by BPMN element id.

One representation serves import, export, diff and simulation. Every BPMN 2.0
construct found in the interop corpus has a place here; what the model does not
interpret (vendor extension elements, unknown attributes and children) is kept
opaquely as serialized XML so that a round trip loses nothing a user wrote.

Nesting is flat: every flow node and sequence flow of a process, including those
inside embedded and event subprocesses, lives in ``Process.nodes`` /
``Process.flows`` and names its container in ``parent`` (the process id or the
subprocess id). Lanes refer to nodes by id.

Example
-------
>>> t = Task(id="T1", name="Granska ansökan")
>>> p = Process(id="P", nodes=FrozenMap({"T1": t}))
>>> p.nodes["T1"].name
'Granska ansökan'
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field
from typing import Any

from processes.frozenclass import frozen_dataclass
from processes.frozenmap import FrozenMap

__all__ = [
    "PERMITFLOW_EXPORTER",
    "FrozenMap",
    "Opaque",
    "Documentation",
    "Expression",
    "EventDefinition",
    "TRIGGERS",
    "TASK_TYPES",
    "GATEWAY_KINDS",
    "GATEWAY_DIRECTIONS",
    "EVENT_POSITIONS",
    "EVENT_TAGS",
    "StandardLoop",
    "MultiInstance",
    "DataAssociation",
    "FlowNode",
    "Task",
    "SubProcess",
    "CallActivity",
    "Gateway",
    "Event",
    "DataObject",
    "DataObjectReference",
    "DataStoreReference",
    "SequenceFlow",
    "MessageFlow",
    "Association",
    "TextAnnotation",
    "Group",
    "Lane",
    "LaneSet",
    "Process",
    "Participant",
    "Collaboration",
    "RootElement",
    "Bounds",
    "Point",
    "Label",
    "Shape",
    "Edge",
    "Plane",
    "Diagram",
    "Definitions",
    "Activity",
    "Node",
    "Artifact",
]

EMPTY: FrozenMap[Any, Any] = FrozenMap()

# --------------------------------------------------------------------------- opaque

@frozen_dataclass
class Opaque:
    """Content kept but not interpreted, re-emitted verbatim on export.

    ``attributes``: foreign or unknown attributes as (Clark-notation name, value).
    ``extension_elements``: each child of ``extensionElements`` serialized as XML.
    ``children``: unknown child elements (serialized XML), in document order.
    """

    attributes: tuple[tuple[str, str], ...] = ()
    extension_elements: tuple[str, ...] = ()
    children: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.attributes or self.extension_elements or self.children)


NO_OPAQUE = Opaque()


@frozen_dataclass
class Documentation:
    """A ``documentation`` element: its text and text format."""

    text: str
    text_format: str = ""
    id: str = ""


@frozen_dataclass
class Expression:
    """A formal or informal expression (condition, timer value, cardinality)."""

    text: str
    language: str = ""
    xsi_type: str = ""  # "tFormalExpression" when written as such
    id: str = ""
    opaque: Opaque = NO_OPAQUE


# --------------------------------------------------------------------------- events

TRIGGERS = (
    "none", "timer", "message", "signal", "conditional", "error", "escalation",
    "compensation", "link", "terminate", "cancel", "multiple", "parallel_multiple",
)
EVENT_POSITIONS = ("start", "intermediate_catch", "intermediate_throw", "boundary", "end")
#: the BPMN element name of an event at each position
EVENT_TAGS = {"start": "startEvent", "intermediate_catch": "intermediateCatchEvent",
              "intermediate_throw": "intermediateThrowEvent", "boundary": "boundaryEvent", "end": "endEvent"}


@frozen_dataclass
class EventDefinition:
    """One event definition.

    ``kind`` is one of the single triggers (timer, message, ...). For a timer,
    ``timer_kind`` is ``timeDuration``, ``timeDate`` or ``timeCycle`` and
    ``timer`` keeps the expression text unchanged. ``ref`` is the referenced
    root element (messageRef, signalRef, errorRef, escalationRef), ``link_name``
    a link's name, ``condition`` a conditional's condition, ``activity_ref`` a
    compensation's activity. ``by_reference`` marks an ``eventDefinitionRef``.
    """

    kind: str
    id: str = ""
    timer_kind: str = ""
    timer: Expression | None = None
    ref: str = ""
    link_name: str = ""
    link_sources: tuple[str, ...] = ()
    link_target: str = ""
    condition: Expression | None = None
    activity_ref: str = ""
    wait_for_completion: bool | None = None
    by_reference: bool = False
    opaque: Opaque = NO_OPAQUE

    def __post_init__(self) -> None:
        if self.kind not in TRIGGERS or self.kind in ("none", "multiple", "parallel_multiple"):
            raise ValueError(f"event definition kind {self.kind!r} is not a single trigger")


# --------------------------------------------------------------------------- activities

TASK_TYPES = (
    "task", "userTask", "manualTask", "serviceTask", "scriptTask", "businessRuleTask",
    "sendTask", "receiveTask",
)
GATEWAY_KINDS = ("exclusive", "inclusive", "parallel", "eventBased", "complex")
GATEWAY_DIRECTIONS = ("Unspecified", "Converging", "Diverging", "Mixed")


@frozen_dataclass
class StandardLoop:
    """``standardLoopCharacteristics``: the activity repeats while its condition holds."""

    test_before: bool = False
    loop_maximum: int | None = None
    condition: Expression | None = None
    id: str = ""
    opaque: Opaque = NO_OPAQUE


@frozen_dataclass
class MultiInstance:
    """``multiInstanceLoopCharacteristics``: the activity runs once per instance, in sequence or in parallel."""

    is_sequential: bool = False
    cardinality: Expression | None = None
    completion_condition: Expression | None = None
    behavior: str = ""  # All | One | Complex | None ("" = not written)
    id: str = ""
    opaque: Opaque = NO_OPAQUE  # loopDataInputRef, inputDataItem, ... kept verbatim


@frozen_dataclass
class DataAssociation:
    """dataInputAssociation / dataOutputAssociation of an activity or event."""

    direction: str  # "input" | "output"
    sources: tuple[str, ...] = ()
    target: str = ""
    id: str = ""
    opaque: Opaque = NO_OPAQUE  # transformation, assignment


@frozen_dataclass
class FlowNode:
    """Common fields of every flow node."""

    id: str
    name: str = ""
    parent: str = ""  # id of the containing process or subprocess
    documentation: tuple[Documentation, ...] = ()
    data_associations: tuple[DataAssociation, ...] = ()
    io_specification: str = ""  # ioSpecification kept as serialized XML
    opaque: Opaque = NO_OPAQUE
    names: FrozenMap[str, str] = EMPTY  # the name shown per language (processes.shownnames.name_in), beside the drawn name

    @property
    def kind(self) -> str:
        return type(self).__name__

    @property
    def tag(self) -> str:
        """The BPMN element name: ``userTask``, ``exclusiveGateway``, ``startEvent``, ``subProcess``, ..."""
        name = type(self).__name__
        return name[0].lower() + name[1:]  # callActivity, dataObject, dataObjectReference, dataStoreReference


@frozen_dataclass
class Task(FlowNode):
    """A task; ``task_type`` is its BPMN kind (``task``, ``userTask``, ``serviceTask``, ...)."""

    task_type: str = "task"
    loop: StandardLoop | MultiInstance | None = None
    is_for_compensation: bool = False
    default: str = ""  # default sequence flow id
    script: str = ""  # scriptTask body
    script_format: str = ""
    implementation: str = ""
    message_ref: str = ""  # send/receive
    instantiate: bool = False  # receiveTask

    @property
    def tag(self) -> str:
        return self.task_type

    def __post_init__(self) -> None:
        if self.task_type not in TASK_TYPES:
            raise ValueError(f"task type {self.task_type!r} (expected one of {', '.join(TASK_TYPES)})")


@frozen_dataclass
class SubProcess(FlowNode):
    """An embedded subprocess; its children name it as ``parent``.

    ``variant`` is ``subProcess``, ``adHocSubProcess`` or ``transaction``.
    """

    triggered_by_event: bool = False
    variant: str = "subProcess"
    loop: StandardLoop | MultiInstance | None = None
    is_for_compensation: bool = False
    default: str = ""
    ordering: str = ""  # adHocSubProcess
    completion_condition: Expression | None = None  # adHocSubProcess

    @property
    def tag(self) -> str:
        return self.variant


@frozen_dataclass
class CallActivity(FlowNode):
    """A ``callActivity``: it runs ``called_element`` (a process or a global task)."""

    called_element: str = ""
    loop: StandardLoop | MultiInstance | None = None
    is_for_compensation: bool = False
    default: str = ""


@frozen_dataclass
class Gateway(FlowNode):
    """A gateway; ``gateway_kind`` says which (exclusive, parallel, inclusive, event-based, complex)."""

    gateway_kind: str = "exclusive"
    direction: str = "Unspecified"
    default: str = ""
    instantiate: bool = False  # eventBased
    event_gateway_type: str = ""  # Exclusive | Parallel ("" = not written)
    activation_condition: Expression | None = None  # complex

    @property
    def tag(self) -> str:
        return f"{self.gateway_kind}Gateway"

    def __post_init__(self) -> None:
        if self.gateway_kind not in GATEWAY_KINDS:
            raise ValueError(f"gateway kind {self.gateway_kind!r} (expected one of {', '.join(GATEWAY_KINDS)})")
        if self.direction not in GATEWAY_DIRECTIONS:
            raise ValueError(f"gateway direction {self.direction!r} (expected one of {', '.join(GATEWAY_DIRECTIONS)})")


@frozen_dataclass
class Event(FlowNode):
    """An event: start, intermediate, end or boundary (``position``), with its event definitions."""

    position: str = "start"
    definitions: tuple[EventDefinition, ...] = ()
    attached_to: str = ""  # boundary: host activity id
    cancel_activity: bool = True  # boundary
    is_interrupting: bool = True  # start event of an event subprocess
    parallel_multiple: bool = False

    def __post_init__(self) -> None:
        if self.position not in EVENT_POSITIONS:
            raise ValueError(f"event position {self.position!r} (expected one of {', '.join(EVENT_POSITIONS)})")

    @property
    def tag(self) -> str:
        return EVENT_TAGS[self.position]

    @property
    def trigger(self) -> str:
        """none, a single trigger kind, multiple or parallel_multiple."""
        if not self.definitions:
            return "none"
        if len(self.definitions) == 1:
            return self.definitions[0].kind
        return "parallel_multiple" if self.parallel_multiple else "multiple"


@frozen_dataclass
class DataObject(FlowNode):
    """A ``dataObject``."""

    is_collection: bool = False


@frozen_dataclass
class DataObjectReference(FlowNode):
    """A ``dataObjectReference``: a data object, in a state."""

    data_object_ref: str = ""
    state: str = ""


@frozen_dataclass
class DataStoreReference(FlowNode):
    """A ``dataStoreReference``: a data store, in a state."""

    data_store_ref: str = ""
    state: str = ""


Activity = Task | SubProcess | CallActivity
Node = Task | SubProcess | CallActivity | Gateway | Event | DataObject | DataObjectReference | DataStoreReference

# --------------------------------------------------------------------------- flows and artifacts


@frozen_dataclass
class SequenceFlow:
    """A ``sequenceFlow`` from ``source`` to ``target`` (element ids), with its condition."""

    id: str
    source: str
    target: str
    name: str = ""
    parent: str = ""
    condition: Expression | None = None
    is_immediate: bool | None = None
    documentation: tuple[Documentation, ...] = ()
    opaque: Opaque = NO_OPAQUE
    names: FrozenMap[str, str] = EMPTY  # a branch's label per language


@frozen_dataclass
class MessageFlow:
    """A ``messageFlow`` between two participants or their elements."""

    id: str
    source: str
    target: str
    name: str = ""
    message_ref: str = ""
    documentation: tuple[Documentation, ...] = ()
    opaque: Opaque = NO_OPAQUE
    names: FrozenMap[str, str] = EMPTY


@frozen_dataclass
class Association:
    """An ``association`` between an artifact and another element."""

    id: str
    source: str
    target: str
    direction: str = ""  # None | One | Both ("" = not written)
    parent: str = ""
    documentation: tuple[Documentation, ...] = ()
    opaque: Opaque = NO_OPAQUE


@frozen_dataclass
class TextAnnotation:
    """A ``textAnnotation``."""

    id: str
    text: str = ""
    text_format: str = ""
    parent: str = ""
    documentation: tuple[Documentation, ...] = ()
    opaque: Opaque = NO_OPAQUE


@frozen_dataclass
class Group:
    """A ``group``: a category value drawn around elements."""

    id: str
    category_value_ref: str = ""
    parent: str = ""
    documentation: tuple[Documentation, ...] = ()
    opaque: Opaque = NO_OPAQUE


Artifact = Association | TextAnnotation | Group

# --------------------------------------------------------------------------- lanes, processes, pools


@frozen_dataclass
class Lane:
    """A ``lane``: the ids of the flow nodes it holds, and its nested lanes."""

    id: str
    name: str = ""
    flow_node_refs: tuple[str, ...] = ()
    child_lane_set: LaneSet | None = None
    partition_element_ref: str = ""
    documentation: tuple[Documentation, ...] = ()
    opaque: Opaque = NO_OPAQUE
    names: FrozenMap[str, str] = EMPTY

    def all_lanes(self) -> Iterator[Lane]:
        """This lane and every nested lane, depth first."""
        yield self
        if self.child_lane_set is not None:
            for child in self.child_lane_set.lanes:
                yield from child.all_lanes()


@frozen_dataclass
class LaneSet:
    """A ``laneSet`` of a process or subprocess."""

    id: str = ""
    name: str = ""
    lanes: tuple[Lane, ...] = ()
    parent: str = ""  # process or subprocess id
    opaque: Opaque = NO_OPAQUE


@frozen_dataclass
class Process:
    """A ``process``: its flow nodes, sequence flows and artifacts by id, in document order."""

    id: str
    name: str = ""
    is_executable: bool | None = None
    process_type: str = ""
    is_closed: bool | None = None
    nodes: FrozenMap[str, Node] = EMPTY
    flows: FrozenMap[str, SequenceFlow] = EMPTY
    artifacts: FrozenMap[str, Artifact] = EMPTY
    lane_sets: tuple[LaneSet, ...] = ()
    documentation: tuple[Documentation, ...] = ()
    io_specification: str = ""
    properties: tuple[str, ...] = ()  # property elements, serialized
    resource_roles: tuple[str, ...] = ()  # performer / potentialOwner, serialized
    opaque: Opaque = NO_OPAQUE
    names: FrozenMap[str, str] = EMPTY

    # -- convenience views (pure, computed on demand)
    def lanes(self) -> tuple[Lane, ...]:
        """Every lane of every lane set, nested lanes included, depth first."""
        return tuple(lane for ls in self.lane_sets for top in ls.lanes for lane in top.all_lanes())

    def lane_of(self, node_id: str) -> Lane | None:
        """The innermost lane that lists ``node_id``, or None."""
        found: Lane | None = None
        for lane in self.lanes():
            if node_id in lane.flow_node_refs:
                found = lane  # depth-first order: a nested lane comes after its parent
        return found

    def incoming(self, node_id: str) -> tuple[SequenceFlow, ...]:
        return tuple(f for f in self.flows.values() if f.target == node_id)

    def outgoing(self, node_id: str) -> tuple[SequenceFlow, ...]:
        return tuple(f for f in self.flows.values() if f.source == node_id)

    def children(self, container_id: str) -> tuple[Node, ...]:
        """Flow nodes directly inside ``container_id`` (the process or a subprocess)."""
        return tuple(n for n in self.nodes.values() if n.parent == container_id)

    def boundary_events(self, activity_id: str) -> tuple[Event, ...]:
        return tuple(
            n for n in self.nodes.values()
            if isinstance(n, Event) and n.position == "boundary" and n.attached_to == activity_id
        )


@frozen_dataclass
class Participant:
    """A pool. A black-box pool has no ``process_ref``."""

    id: str
    name: str = ""
    process_ref: str = ""
    multiplicity_min: int | None = None
    multiplicity_max: int | None = None
    documentation: tuple[Documentation, ...] = ()
    opaque: Opaque = NO_OPAQUE
    names: FrozenMap[str, str] = EMPTY


@frozen_dataclass
class Collaboration:
    """A ``collaboration``: its participants (pools) and the message flows between them."""

    id: str
    name: str = ""
    participants: tuple[Participant, ...] = ()
    message_flows: FrozenMap[str, MessageFlow] = EMPTY
    artifacts: FrozenMap[str, Artifact] = EMPTY
    is_closed: bool | None = None
    documentation: tuple[Documentation, ...] = ()
    opaque: Opaque = NO_OPAQUE  # conversations, choreography parts etc.


@frozen_dataclass
class RootElement:
    """A root element other than process/collaboration: message, signal, error,
    escalation, dataStore, itemDefinition, category, resource, interface,
    eventDefinition (Yaoqiang), ... ``tag`` is the BPMN local name; ``xml`` the
    element serialized, so nothing is lost; ``name`` and ``attrs`` are read for
    convenience (e.g. an error's ``errorCode``)."""

    tag: str
    id: str
    name: str = ""
    xml: str = ""


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


# --------------------------------------------------------------------------- definitions

#: the ``exporter`` of a BPMN file whose diagrams permitflow laid out (:meth:`Definitions.laid_out_by_permitflow`)
PERMITFLOW_EXPORTER = "permitflow"


@frozen_dataclass
class Definitions:
    """A BPMN document: processes, collaborations, other root elements, diagrams."""

    id: str = ""
    name: str = ""
    target_namespace: str = ""
    expression_language: str = ""
    type_language: str = ""
    exporter: str = ""
    exporter_version: str = ""
    processes: tuple[Process, ...] = ()
    collaborations: tuple[Collaboration, ...] = ()
    root_elements: tuple[RootElement, ...] = ()
    diagrams: tuple[Diagram, ...] = ()
    imports: tuple[str, ...] = ()  # import elements, serialized
    namespaces: tuple[tuple[str, str], ...] = ()  # (prefix, uri) of foreign namespaces used
    relationships: tuple[str, ...] = ()  # relationship elements (e.g. BPSimData), serialized
    documentation: tuple[Documentation, ...] = ()
    opaque: Opaque = NO_OPAQUE
    #: (id, new id) of each repeated id a lenient read renamed (bpmn_io.readids), for validate to report;
    #: how the file was read, not what it holds: equal models compare equal whether read leniently or not
    renamed_duplicates: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    #: the line of the file that writes each id (a BPMN file's, as lxml counts them), for validate's
    #: problem lines; how the file was read, not what it holds
    source_lines: FrozenMap[str, int] = field(default=EMPTY, compare=False, repr=False)
    #: the file line of each element of each kept text holding a simulation-parameter block (BPSim, QBP), in
    #: document order, by the text (bpmn_io.blocklines), for the importers' error lines; how the file was read
    block_lines: FrozenMap[str, tuple[int, ...]] = field(default=EMPTY, compare=False, repr=False)
    #: (flow id, why) of each sequence flow a lenient read left out because an end names no flow
    #: node of its process (bpmn_io.lenient.without_broken_flows), for the notes of diff and simulate
    dropped_flows: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    #: (event id, process written in, host's process) of each boundary event a lenient read moved to
    #: the process of the activity it is attached to (bpmn_io.lenient.boundary_events_to_hosts)
    moved_boundary_events: tuple[tuple[str, str, str], ...] = field(default=(), compare=False)
    #: each cancel end event outside a transaction that a lenient read for simulation reads as a plain end
    #: event (bpmn_io.lenient.for_simulation)
    plain_cancel_ends: tuple[str, ...] = field(default=(), compare=False)

    def process(self, process_id: str | None = None) -> Process:
        """The process with ``process_id``; without it, the only (or first non-empty) one."""
        if process_id is not None:
            for p in self.processes:
                if p.id == process_id:
                    return p
            raise KeyError(process_id)
        non_empty = [p for p in self.processes if p.nodes]
        if non_empty:
            return non_empty[0]
        if self.processes:
            return self.processes[0]
        raise KeyError("no process in definitions")

    def participants(self) -> tuple[Participant, ...]:
        return tuple(p for c in self.collaborations for p in c.participants)

    def message_flows(self) -> tuple[MessageFlow, ...]:
        return tuple(f for c in self.collaborations for f in c.message_flows.values())

    def element(self, element_id: str) -> Any:
        """Find any element by id (flow node, flow, lane, pool, artifact), or None."""
        for p in self.processes:
            if p.id == element_id:
                return p
            for table in (p.nodes, p.flows, p.artifacts):
                if element_id in table:
                    return table[element_id]
            for lane in p.lanes():
                if lane.id == element_id:
                    return lane
        for c in self.collaborations:
            if c.id == element_id:
                return c
            for part in c.participants:
                if part.id == element_id:
                    return part
            for table2 in (c.message_flows, c.artifacts):
                if element_id in table2:
                    return table2[element_id]
        for r in self.root_elements:
            if r.id == element_id:
                return r
        return None

    def has_di(self) -> bool:
        return any(d.plane.shapes for d in self.diagrams)

    def laid_out_by_permitflow(self) -> bool:
        """Whether the diagrams are a layout permitflow made (``bpmn_io.layout.add_layout`` names
        permitflow the file's exporter; a modelling tool that saves the file again writes its own
        name there): its flows have label boxes sized for an unnamed flow's condition, a tool's
        diagram has not, so only such a diagram shows one (``bpmn_io.svg_edges.flow_label_text``)."""
        return self.exporter == PERMITFLOW_EXPORTER and self.has_di()
