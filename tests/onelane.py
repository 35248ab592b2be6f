"""A small model for the calibration tests: nodes and their flows in one lane, "Staff"."""

from __future__ import annotations

from processes.model import Definitions, FlowNode, FrozenMap, Lane, LaneSet, Process, SequenceFlow


def one_lane(pid: str, name: str, nodes: list[FlowNode], edges: list[tuple[str, str]]) -> Definitions:
    """Process ``pid`` of ``nodes`` joined by a flow ``Flow_A_B`` for each ``(A, B)`` of ``edges``, all in one
    lane."""
    flows = {f"Flow_{a}_{b}": SequenceFlow(id=f"Flow_{a}_{b}", source=a, target=b) for a, b in edges}
    lane = Lane(id="Lane_Staff", name="Staff", flow_node_refs=tuple(n.id for n in nodes))
    process = Process(id=pid, name=name, nodes=FrozenMap({n.id: n for n in nodes}), flows=FrozenMap(flows),
                      lane_sets=(LaneSet(id="LaneSet_1", lanes=(lane,), parent=pid),))
    return Definitions(id=f"Defs_{name}", processes=(process,))
