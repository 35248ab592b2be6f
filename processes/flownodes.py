"""The flow nodes of a process: events (with their event definitions), activities (tasks, subprocesses,
call activities, with their loop and multi-instance markers), gateways, and the data objects and stores
drawn among them, each a subclass of :class:`FlowNode`.

Its own module because these are what a process is made of and what every reader, writer and check
dispatches on; the containers that hold them (:mod:`processes.bpmnprocess`) and the document
(:mod:`processes.model`, which re-exports every name here and is their home, ``__module__``) build on them.
"""

from __future__ import annotations

from processes.elementtext import EMPTY, NO_OPAQUE, Documentation, Expression, Opaque
from processes.frozenclass import frozen_dataclass
from processes.frozenmap import FrozenMap

__all__ = [
    "TRIGGERS",
    "EVENT_POSITIONS",
    "EVENT_TAGS",
    "EventDefinition",
    "TASK_TYPES",
    "GATEWAY_KINDS",
    "GATEWAY_DIRECTIONS",
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
    "Activity",
    "Node",
]

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
