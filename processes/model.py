"""The in-memory process model: immutable, keyed by BPMN element id.

One representation serves import, export, diff and simulation. Every BPMN 2.0
construct found in the interop corpus has a place here; what the model does not
interpret (vendor extension elements, unknown attributes and children) is kept
opaquely as serialized XML so that a round trip loses nothing a user wrote.

Nesting is flat: every flow node and sequence flow of a process, including those
inside embedded and event subprocesses, lives in ``Process.nodes`` /
``Process.flows`` and names its container in ``parent`` (the process id or the
subprocess id). Lanes refer to nodes by id.

The classes are written in modules by part: :mod:`processes.elementtext` (documentation,
expressions, kept content), :mod:`processes.flownodes` (events, activities, gateways, data),
:mod:`processes.connections` (flows and artifacts), :mod:`processes.bpmnprocess` (lanes,
processes, pools) and :mod:`processes.diagram` (diagram interchange). This module holds the
document (:class:`Definitions`, its other root elements) and is every class's home: import them
from here.

Example
-------
>>> t = Task(id="T1", name="Granska ansökan")
>>> p = Process(id="P", nodes=FrozenMap({"T1": t}))
>>> p.nodes["T1"].name
'Granska ansökan'
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

from processes.bpmnprocess import Collaboration, Lane, LaneSet, Participant, Process
from processes.connections import Artifact, Association, Group, MessageFlow, SequenceFlow, TextAnnotation
from processes.diagram import Bounds, Diagram, Edge, Label, Plane, Point, Shape
from processes.elementtext import EMPTY, NO_OPAQUE, Documentation, Expression, Opaque
from processes.flownodes import (
    EVENT_POSITIONS,
    EVENT_TAGS,
    GATEWAY_DIRECTIONS,
    GATEWAY_KINDS,
    TASK_TYPES,
    TRIGGERS,
    Activity,
    CallActivity,
    DataAssociation,
    DataObject,
    DataObjectReference,
    DataStoreReference,
    Event,
    EventDefinition,
    FlowNode,
    Gateway,
    MultiInstance,
    Node,
    StandardLoop,
    SubProcess,
    Task,
)
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


# --------------------------------------------------------------------------- the classes' home

# This module stays the home (``__module__``) of the classes written in its sibling modules, as before
# they moved there: everyone imports them from here, pickles name them here (the same bytes), and the
# process cache (bpmn_io.processstore) keeps only the dataclasses whose home this module is.
for _kind in (Opaque, Documentation, Expression, EventDefinition, StandardLoop, MultiInstance,
              DataAssociation, FlowNode, Task, SubProcess, CallActivity, Gateway, Event, DataObject,
              DataObjectReference, DataStoreReference, SequenceFlow, MessageFlow, Association,
              TextAnnotation, Group, Lane, LaneSet, Process, Participant, Collaboration, Bounds, Point,
              Label, Shape, Edge, Plane, Diagram):
    _kind.__module__ = __name__
