"""A BPMN process with its lanes, and the pools (participants) and collaborations that hold processes:
the containers of the flow nodes, flows and artifacts, with the process's views over them (the lane of
a node, a node's incoming and outgoing flows, a container's children, an activity's boundary events).

Its own module because it is the layer between the elements (:mod:`processes.flownodes`,
:mod:`processes.connections`) and the document (:class:`processes.model.Definitions`, whose module
re-exports every name here and is their home).
"""

from __future__ import annotations

from collections.abc import Iterator

from processes.connections import Artifact, MessageFlow, SequenceFlow
from processes.elementtext import EMPTY, NO_OPAQUE, Documentation, Opaque
from processes.flownodes import Event, Node
from processes.frozenclass import frozen_dataclass
from processes.frozenmap import FrozenMap

__all__ = ["Lane", "LaneSet", "Process", "Participant", "Collaboration"]

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
