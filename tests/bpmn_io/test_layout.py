"""Layout: a model without DI gets a readable, non-overlapping left-to-right diagram."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest

from bpmn_io import dot as dot_module
from bpmn_io.dot import parse_plain, run_dot
from bpmn_io.layout import add_layout
from processes.errors import PermitflowError
from processes.model import Bounds, Definitions, Event, Gateway, Lane, Point, Process, SubProcess, Task

sys.path.insert(0, str(Path(__file__).parent))
from drawmodels import collaboration_model, permit_model  # noqa: E402
from shared import INTEROP  # noqa: E402


def _intersects(a: Bounds, b: Bounds) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height


def _inside(inner: Bounds, outer: Bounds) -> bool:
    return (outer.x <= inner.x and outer.y <= inner.y and inner.x + inner.width <= outer.x + outer.width
            and inner.y + inner.height <= outer.y + outer.height)


def _shapes(defs: Definitions, diagram: int = 0) -> dict[str, Bounds]:
    return {s.element: s.bounds for s in defs.diagrams[diagram].plane.shapes}


def _ancestors(process: Process, node_id: str) -> set[str]:
    found = set()
    node = process.nodes.get(node_id)
    while node is not None and node.parent and node.parent != process.id:
        found.add(node.parent)
        node = process.nodes.get(node.parent)
    return found


def _assert_no_overlap(defs: Definitions) -> None:
    bounds = _shapes(defs)
    for process in defs.processes:
        ids = [i for i in process.nodes if i in bounds]
        for a, b in itertools.combinations(ids, 2):
            na, nb = process.nodes[a], process.nodes[b]
            if a in _ancestors(process, b) or b in _ancestors(process, a):
                continue  # a subprocess holds its children
            if isinstance(na, Event) and na.attached_to == b or isinstance(nb, Event) and nb.attached_to == a:
                continue  # a boundary event sits on its host's border
            assert not _intersects(bounds[a], bounds[b]), (a, bounds[a], b, bounds[b])


@pytest.fixture(scope="module")
def laid_out() -> Definitions:
    return add_layout(permit_model())


@pytest.fixture(scope="module")
def collaboration() -> Definitions:
    return add_layout(collaboration_model())


def test_standard_sizes(laid_out: Definitions) -> None:
    bounds = _shapes(laid_out)
    process = laid_out.process("P")
    for node_id, node in process.nodes.items():
        size = (bounds[node_id].width, bounds[node_id].height)
        if isinstance(node, Task):
            assert size == (100, 80)
        elif isinstance(node, Event):
            assert size == (36, 36)
        elif isinstance(node, Gateway):
            assert size == (50, 50)


def test_flows_go_left_to_right(laid_out: Definitions) -> None:
    b = _shapes(laid_out)
    assert b["Start"].x < b["Register"].x < b["Complete"].x < b["Investigate"].x < b["Referrals"].x < b["Decide"].x
    assert b["Decide"].x < b["End"].x


def test_no_two_flow_nodes_overlap(laid_out: Definitions, collaboration: Definitions) -> None:
    _assert_no_overlap(laid_out)
    _assert_no_overlap(collaboration)


def test_lanes_are_bands_inside_a_horizontal_pool(laid_out: Definitions) -> None:
    (collab,) = laid_out.collaborations
    (pool,) = collab.participants
    assert pool.process_ref == "P"
    shapes = {s.element: s for s in laid_out.diagrams[0].plane.shapes}
    assert shapes[pool.id].is_horizontal is True
    officer, committee = shapes["Officer"].bounds, shapes["Committee"].bounds
    assert officer.y + officer.height == committee.y  # stacked, in model order
    assert officer.x == committee.x and officer.width == committee.width
    for lane in laid_out.process("P").lanes():
        assert _inside(shapes[lane.id].bounds, shapes[pool.id].bounds)
        for node_id in lane.flow_node_refs:
            assert _inside(shapes[node_id].bounds, shapes[lane.id].bounds), node_id


def test_boundary_event_sits_on_its_hosts_bottom_border(laid_out: Definitions) -> None:
    b = _shapes(laid_out)
    host, event = b["Investigate"], b["Late"]
    assert event.cy == host.y + host.height
    assert host.x <= event.cx <= host.x + host.width


def test_subprocess_is_expanded_around_its_children(laid_out: Definitions) -> None:
    shapes = {s.element: s for s in laid_out.diagrams[0].plane.shapes}
    assert shapes["Referrals"].is_expanded is True
    for child in laid_out.process("P").children("Referrals"):
        assert _inside(shapes[child.id].bounds, shapes["Referrals"].bounds)


def test_every_flow_has_waypoints_from_source_to_target_border(laid_out: Definitions) -> None:
    b = _shapes(laid_out)
    edges = {e.element: e for e in laid_out.diagrams[0].plane.edges}
    process = laid_out.process("P")
    assert set(edges) == set(process.flows)
    for flow in process.flows.values():
        first, last = edges[flow.id].waypoints[0], edges[flow.id].waypoints[-1]
        s, t = b[flow.source], b[flow.target]
        assert first.x in (s.x, s.x + s.width) or first.y in (s.y, s.y + s.height), flow.id
        assert last.x in (t.x, t.x + t.width) or last.y in (t.y, t.y + t.height), flow.id
        points = edges[flow.id].waypoints
        for p, q in zip(points, points[1:], strict=False):
            assert p.x == q.x or p.y == q.y, f"{flow.id} is not orthogonal"


def test_named_flows_events_and_gateways_get_labels(laid_out: Definitions) -> None:
    edges = {e.element: e for e in laid_out.diagrams[0].plane.edges}
    shapes = {s.element: s for s in laid_out.diagrams[0].plane.shapes}
    assert edges["F2_Complete_Investigate"].label is not None
    assert edges["F0_Start_Register"].label is None
    assert shapes["Complete"].label is not None and shapes["Start"].label is not None
    assert shapes["Register"].label is None


def test_pools_are_stacked_with_message_flows_between_them(collaboration: Definitions) -> None:
    shapes = _shapes(collaboration)
    applicant, municipality, police = (shapes[p] for p in ("Pool_Applicant", "Pool_Municipality", "Pool_Police"))
    assert applicant.y + applicant.height < municipality.y
    assert municipality.y + municipality.height < police.y
    assert applicant.width == municipality.width == police.width
    edges = {e.element: e for e in collaboration.diagrams[0].plane.edges}
    m1 = edges["M1"].waypoints
    assert m1[0].y == shapes["A_Apply"].y + shapes["A_Apply"].height  # leaves the sender downwards
    assert m1[-1].y == shapes["Start"].y  # enters the receiver from above
    m3 = edges["M3"].waypoints
    assert m3[-1].y == police.y and police.x <= m3[-1].x <= police.x + police.width


def test_layout_is_deterministic_and_pure() -> None:
    model = collaboration_model()
    assert add_layout(model) == add_layout(model)
    assert not model.diagrams  # the input is untouched


def test_process_without_lanes_gets_no_pool() -> None:
    model = collaboration_model()
    applicant = model.process("Applicant")
    defs = add_layout(Definitions(processes=(applicant,)))
    assert not defs.collaborations
    assert defs.diagrams[0].plane.element == "Applicant"
    assert {s.element for s in defs.diagrams[0].plane.shapes} == set(applicant.nodes)


def test_empty_and_collapsed_subprocesses() -> None:
    process = Process(id="P", nodes={"S": SubProcess(id="S", name="Tom", parent="P")},  # type: ignore[arg-type]
                      lane_sets=())
    defs = add_layout(Definitions(processes=(process,)))
    (shape,) = defs.diagrams[0].plane.shapes
    assert shape.is_expanded is False and (shape.bounds.width, shape.bounds.height) == (100, 80)


def test_a_lane_without_nodes_still_gets_a_band() -> None:
    model = permit_model()
    process = model.process()
    lane_set = process.lane_sets[0]
    empty = Lane("Empty", "Tom bana")
    process = Process(id=process.id, nodes=process.nodes, flows=process.flows,
                      lane_sets=(type(lane_set)(lane_set.id, lanes=lane_set.lanes + (empty,), parent="P"),))
    shapes = _shapes(add_layout(Definitions(processes=(process,))))
    assert shapes["Empty"].height >= 100 and shapes["Empty"].y == shapes["Committee"].y + shapes["Committee"].height


def test_plain_output_is_read_in_pixels_with_y_down() -> None:
    nodes = parse_plain("graph 1 2 1\nnode n0 0.5 0.75 1.3889 1.1111 \"\" solid box black lightgrey\nstop\n")
    assert (round(nodes["n0"].cx), round(nodes["n0"].cy), round(nodes["n0"].width)) == (36, 18, 100)


def test_dot_positions_nodes() -> None:
    nodes = run_dot("digraph { rankdir=LR; a -> b; }")
    assert nodes["a"].cx < nodes["b"].cx


def test_missing_graphviz_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(dot_module.shutil, "which", lambda name: None)
    monkeypatch.setattr(dot_module.sys, "executable", str(tmp_path / "python"))
    monkeypatch.setattr(dot_module.sysconfig, "get_path", lambda name: str(tmp_path))
    with pytest.raises(PermitflowError, match="graphviz-pure"):
        dot_module.find_dot()


def test_a_failing_graphviz_is_a_clear_error() -> None:
    with pytest.raises(PermitflowError, match="failed"):
        run_dot("digraph { a -> ", executable=dot_module.find_dot())


# --------------------------------------------------------------------------- real models without their DI

STRIPPED = (
    "miwg/reference/A.4.0.bpmn",
    "miwg/reference/A.4.1.bpmn",
    "miwg/reference/B.2.0.bpmn",
    "miwg/reference/C.2.0.bpmn",
    "miwg/reference/C.4.0.bpmn",
    "miwg/reference/C.6.0.bpmn",
    "miwg/reference/C.9.0.bpmn",
    "odd/camunda-bpm-platform/EventBasedGatewayTest.testCatchSignalAndMessageAndTimer.bpmn20.xml",
)


@pytest.mark.interop
@pytest.mark.parametrize("rel", STRIPPED)
def test_real_models_are_laid_out_without_overlap(rel: str) -> None:
    from dataclasses import replace

    from bpmn_io.reader import read_bpmn
    from processes.model import DataObject

    model = read_bpmn(INTEROP / rel)
    defs = add_layout(replace(model, diagrams=()))
    drawn = {s.element: s.bounds for d in defs.diagrams for s in d.plane.shapes}
    edges = {e.element for d in defs.diagrams for e in d.plane.edges}
    for process in defs.processes:
        for node in process.nodes.values():
            assert isinstance(node, DataObject) or node.id in drawn, node.id
        assert set(process.flows) <= edges
        for lane in process.lanes():
            for node_id in lane.flow_node_refs:
                if node_id in drawn and not isinstance(process.nodes.get(node_id), DataObject):
                    assert _inside(drawn[node_id], drawn[lane.id]), (lane.id, node_id)
    assert {f.id for f in defs.message_flows()} <= edges
    for diagram in defs.diagrams:
        single = replace(defs, diagrams=(diagram,))
        _assert_no_overlap(single)


def test_same_model_gives_the_same_di_bytes_and_they_read_back() -> None:
    from bpmn_io.reader import parse_bpmn
    from bpmn_io.writer import to_bpmn_bytes

    first = to_bpmn_bytes(add_layout(collaboration_model()))
    assert first == to_bpmn_bytes(add_layout(collaboration_model()))
    again = parse_bpmn(first, source="laid-out.bpmn")
    assert _shapes(again) == _shapes(add_layout(collaboration_model()))


def test_nested_lanes_are_bands_inside_their_parent_lane() -> None:
    from processes.model import LaneSet

    process = permit_model().process()
    officer, committee = process.lane_sets[0].lanes
    parent = Lane("Municipality", "Kommunen", officer.flow_node_refs + committee.flow_node_refs,
                  child_lane_set=LaneSet("Inner", lanes=(officer, committee)))
    nested = Process(id=process.id, name=process.name, nodes=process.nodes, flows=process.flows,
                     lane_sets=(LaneSet("Outer", lanes=(parent,), parent=process.id),))
    shapes = _shapes(add_layout(Definitions(processes=(nested,))))
    for child in (officer, committee):
        assert _inside(shapes[child.id], shapes["Municipality"])
        assert shapes[child.id].x == shapes["Municipality"].x + 30  # room for the parent's header
        for node_id in child.flow_node_refs:
            assert _inside(shapes[node_id], shapes[child.id]), node_id
    assert shapes["Officer"].y + shapes["Officer"].height == shapes["Committee"].y


@pytest.mark.interop
def test_event_subprocesses_go_in_a_row_below_the_flow() -> None:
    from dataclasses import replace

    from bpmn_io.reader import read_bpmn

    model = read_bpmn(INTEROP / "miwg" / "reference" / "C.9.0.bpmn")
    defs = add_layout(replace(model, diagrams=()))
    drawn = _shapes(defs)
    process = defs.process()
    event_subs = [n.id for n in process.nodes.values() if isinstance(n, SubProcess) and n.triggered_by_event]
    top_level = [n.id for n in process.children(process.id) if n.id not in event_subs]
    assert event_subs and top_level
    lowest_flow_node = max(drawn[i].y + drawn[i].height for i in top_level)
    assert all(drawn[i].y > lowest_flow_node for i in event_subs)


def _crosses(b: Bounds, p, q) -> bool:
    """Whether the axis-parallel segment p-q runs through the inside of ``b``."""
    return (min(p.x, q.x) < b.x + b.width and max(p.x, q.x) > b.x
            and min(p.y, q.y) < b.y + b.height and max(p.y, q.y) > b.y)


LIBRARY = Path(__file__).resolve().parents[2] / "processes" / "library"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "permit.yaml"


@pytest.mark.parametrize("path", [EXAMPLE, LIBRARY / "helsingborg" / "process.yaml",
                                  LIBRARY / "national-reference" / "process.yaml"],
                         ids=lambda p: p.parent.name)
def test_message_flows_to_pools_cross_no_shape_and_do_not_run_on_top_of_each_other(path: Path) -> None:
    from bpmn_io.authoring import parse_authoring

    defs = add_layout(parse_authoring(path.read_bytes(), source=str(path)))
    plane = defs.diagrams[0].plane
    pools = {p.id for p in defs.participants()}
    nodes = {n.id: n for p in defs.processes for n in p.nodes.values()}
    boxes = {s.element: s.bounds for s in plane.shapes if s.element in nodes}
    flows = defs.message_flows()
    runs = []
    for edge in (e for e in plane.edges if e.element in {f.id for f in flows}):
        flow = next(f for f in flows if f.id == edge.element)
        if (flow.source in pools) == (flow.target in pools):
            continue  # node to node: not routed around shapes
        ends = {flow.source, flow.target}
        for p, q in zip(edge.waypoints, edge.waypoints[1:], strict=False):
            assert p.x == q.x or p.y == q.y, f"{flow.id} is not orthogonal"
            for node_id, box in boxes.items():
                if node_id not in ends:
                    assert not _crosses(box, p, q), f"message flow {flow.id} crosses {node_id}"
            if p.x == q.x:
                runs.append((flow.id, p.x, min(p.y, q.y), max(p.y, q.y)))
    assert len(runs) >= 2
    for (fa, xa, ta, ba), (fb, xb, tb, bb) in itertools.combinations(runs, 2):
        if fa != fb and ta < bb and tb < ba:
            assert abs(xa - xb) >= 8, f"message flows {fa} and {fb} run on top of each other at x={xa}"


def test_message_flow_route_goes_around_a_shape_in_its_way() -> None:
    from bpmn_io.layout_route import route_message_clear

    sender, pool = Bounds(100, 0, 100, 80), Bounds(0, 400, 1000, 80)
    in_the_way = (Bounds(130, 62, 40, 40), Bounds(90, 200, 120, 80))  # a boundary event, a task below
    taken: list = []
    points = route_message_clear(sender, pool, gap_y=350, pool_end="target", obstacles=in_the_way, taken=taken)
    assert points[0].y == 80 and points[-1].y == 400 and 0 < points[-1].x < 1000
    for p, q in zip(points, points[1:], strict=False):
        assert not any(_crosses(b, p, q) for b in in_the_way)
    second = route_message_clear(sender, pool, gap_y=350, pool_end="target", obstacles=in_the_way, taken=taken)
    assert abs(second[-1].x - points[-1].x) >= 8  # beside the first, not on it
    free = route_message_clear(sender, pool, gap_y=350, pool_end="target", obstacles=(), taken=[])
    assert [(p.x, p.y) for p in free] == [(150, 80), (150, 400)]  # straight when nothing is in the way


def test_a_large_model_is_laid_out_completely() -> None:
    # speed is measured in bench/, not asserted here
    from processes.model import FrozenMap, SequenceFlow

    n = 2000  # routing used to compare every flow with every shape: 2000 steps took ~9 s
    nodes = {"S": Event(id="S", position="start", parent="P")}
    nodes.update({f"T{i}": Task(id=f"T{i}", name=f"Steg {i}", parent="P") for i in range(n)})
    nodes["E"] = Event(id="E", position="end", parent="P")
    chain = ["S", *(f"T{i}" for i in range(n)), "E"]
    flows = {f"F{i}": SequenceFlow(id=f"F{i}", source=a, target=b) for i, (a, b) in enumerate(zip(chain, chain[1:], strict=False))}
    process = Process(id="P", nodes=FrozenMap(nodes), flows=FrozenMap(flows))
    defs = add_layout(Definitions(processes=(process,)))
    assert len(defs.diagrams[0].plane.shapes) == n + 2 and len(defs.diagrams[0].plane.edges) == n + 1


@pytest.mark.interop
@pytest.mark.parametrize("rel", ["miwg/reference/C.2.0.bpmn", "miwg/reference/A.4.0.bpmn"])
def test_message_flows_between_shapes_in_two_pools_cross_no_other_shape(rel: str) -> None:
    from dataclasses import replace

    from bpmn_io.reader import read_bpmn

    defs = add_layout(replace(read_bpmn(INTEROP / rel), diagrams=()))
    plane = defs.diagrams[0].plane
    boxes = {s.element: s.bounds for s in plane.shapes}
    owner = {n.id: p for p in defs.processes for n in p.nodes.values()}
    flows = {f.id: f for f in defs.message_flows()}
    checked = 0
    for edge in (e for e in plane.edges if e.element in flows):
        flow = flows[edge.element]
        if flow.source not in owner or flow.target not in owner:
            continue
        allowed = {flow.source, flow.target} | _ancestors(owner[flow.source], flow.source) | _ancestors(
            owner[flow.target], flow.target)
        for p, q in zip(edge.waypoints, edge.waypoints[1:], strict=False):
            assert p.x == q.x or p.y == q.y, f"{flow.id} is not orthogonal"
            for node_id in owner:
                if node_id in boxes and node_id not in allowed:
                    assert not _crosses(boxes[node_id], p, q), f"message flow {flow.id} crosses {node_id}"
        checked += 1
    assert checked >= 2


def test_a_boundary_event_flow_turns_before_a_shape_in_its_way() -> None:
    from bpmn_io.layout_route import route_flow

    timer, target = Bounds(100, 80, 36, 36), Bounds(400, 0, 100, 80)  # the target lies above and to the right
    in_the_way = (Bounds(250, 100, 100, 80),)  # its top border is where the flow would run
    points = route_flow(timer, target, source_is_boundary=True, obstacles=in_the_way)
    assert (points[0].x, points[0].y) == (118, 116) and (points[-1].x, points[-1].y) == (400, 40)
    for p, q in zip(points, points[1:], strict=False):
        assert not _crosses(in_the_way[0], p, q), (p, q)


@pytest.mark.parametrize("offset", [3, -3, 20])
def test_a_flow_into_a_gateway_level_with_its_source_ends_at_the_left_corner(offset: float) -> None:
    from bpmn_io.layout_route import route_flow

    # a task whose middle is a few pixels off the gateway's: the flow used to run along the
    # task's middle into the diamond, through it, and end at its bottom (or top) corner
    task, gateway = Bounds(196, 31 + offset, 100, 80), Bounds(360, 46, 50, 50)
    points = route_flow(task, gateway, target_is_gateway=True)
    assert (points[-1].x, points[-1].y) == (360, 71)  # the diamond's left corner
    assert all(p.x <= 360 for p in points)  # nothing inside the diamond's bounds
    # and the branches out of a gateway to a level target leave from its right corner
    back = route_flow(gateway, Bounds(460, 31 + offset, 100, 80), source_is_gateway=True)
    assert (back[0].x, back[0].y) == (410, 71) and all(p.x >= 410 for p in back)


def test_a_flow_into_a_gateway_from_a_source_above_it_still_merges_from_above() -> None:
    from bpmn_io.layout_route import route_flow

    points = route_flow(Bounds(196, -100, 100, 80), Bounds(360, 46, 50, 50), target_is_gateway=True)
    assert (points[-1].x, points[-1].y) == (385, 46)


def test_a_flow_keeps_off_the_line_of_an_earlier_flow_with_other_ends() -> None:
    from bpmn_io.layout_route import Runs, route_flow

    a, b = Bounds(0, 0, 100, 80), Bounds(0, 150, 100, 80)
    c, d = Bounds(300, 300, 100, 80), Bounds(300, 450, 100, 80)
    runs = Runs()
    first = route_flow(a, c, runs=runs, ends=("A", "C"), key="AC")  # its step runs down x=280
    second = route_flow(b, d, runs=runs, ends=("B", "D"), key="BD")  # the same step would lie on it
    assert [(p.x, p.y) for p in first] == [(100, 40), (280, 40), (280, 340), (300, 340)]
    assert second[0] == Point(100, 190) and second[-1] == Point(300, 490)
    assert all(abs(p.x - 280) >= 5 for p, q in zip(second, second[1:], strict=False) if p.x == q.x)
    # a branch of the same split may share the trunk, as a split is drawn
    split = route_flow(a, d, runs=runs, ends=("A", "D"), key="AD")
    assert [(p.x, p.y) for p in split] == [(100, 40), (280, 40), (280, 490), (300, 490)]


@pytest.fixture(scope="module")
def helsingborg() -> Definitions:
    from bpmn_io.authoring import parse_authoring

    path = LIBRARY / "helsingborg" / "process.yaml"
    return add_layout(parse_authoring(path.read_bytes(), source=str(path)))


def test_no_two_flows_with_other_ends_share_a_line_in_a_library_model(helsingborg: Definitions) -> None:
    from drawcheck import plane_problems

    # before: 'Flow_Gw_Remiss_Join_Gw_Handlaggning_Join and Flow_Prov_2_Godkant run together along y=298 for
    # 984 px', and the two boundary timers' flows along one line below their task
    assert [line for line in plane_problems(helsingborg) if line.startswith("shared")] == []


def test_message_flows_cross_no_label_and_flows_no_other_shapes_label(helsingborg: Definitions) -> None:
    from drawcheck import plane_problems

    messages = {f.id for f in helsingborg.message_flows()}
    crossing = [line for line in plane_problems(helsingborg) if line.startswith("label")]
    # before: message flows through 'Remissvar från Kronofogden', '... miljöförvaltningen', 'Provtillfälle'
    # and the label of 'Kallelse till kunskapsprov'; Kronofogden's answer through two other events' labels
    assert [line for line in crossing if line.split()[1] in messages] == []
    assert not any("Flow_Event_Remissvar_Kronofogden_Gw_Remiss_Join" in line for line in crossing)


def test_a_named_branch_is_labelled_beside_its_own_line_not_the_shared_trunk(helsingborg: Definitions) -> None:
    from drawcheck import plane_problems

    edges = {e.element: e for e in helsingborg.diagrams[0].plane.edges}
    # both leave the top corner of 'Beviljas ansökan?' and run up one line until 'Nej' turns off
    avslag, bifall = edges["Flow_Beslut_Avslag"], edges["Flow_Beslut_Bifall"]
    start, turn = avslag.waypoints[0], avslag.waypoints[1]
    assert bifall.waypoints[0] == start and turn.x == start.x and bifall.waypoints[1].x == start.x
    trunk = Bounds(start.x - 30, turn.y, 60, start.y - turn.y)  # the shared stretch and beside it
    for edge in (avslag, bifall):
        assert edge.label is not None and edge.label.bounds is not None
        label = edge.label.bounds
        assert not (label.x < trunk.x + trunk.width and trunk.x < label.x + label.width
                    and label.y < trunk.y + trunk.height and trunk.y < label.y + label.height), (edge.element, label)
    assert not any(line.startswith("ambiguous") and "Flow_Beslut" in line for line in plane_problems(helsingborg))


def test_a_branch_whose_own_stretch_is_too_short_is_labelled_off_its_line() -> None:
    from bpmn_io.layout_route import Runs, edge_label_bounds

    # Åstorp's 'Godkänt' of the second test: 1 px up out of the gateway, then along the line a third
    # branch joins; its only segment of its own was the 1 px step, and the label straddled the line
    runs = Runs()
    two = (Point(2497, 340), Point(2497, 339), Point(3505, 339))
    three = (Point(3170, 370), Point(3170, 339), Point(3505, 339))
    runs.add(two, ("G2", "J"), "two")
    runs.add(three, ("G3", "J"), "three")
    own = [stretch for p, q in itertools.pairwise(two) for stretch in runs.own_stretches(p, q, "two")]
    assert own[-1] == (Point(2497, 339), Point(3170, 339))  # up to where the third branch joins
    box = edge_label_bounds(two, "Godkänt", own=own)
    assert box.y + box.height <= 339 and 2497 <= box.x and box.x + box.width <= 3170


def test_a_boundary_event_flow_drops_to_a_free_row_when_no_turn_is_free() -> None:
    from bpmn_io.layout_route import route_flow

    timer, target = Bounds(100, 100, 36, 36), Bounds(600, 600, 100, 80)
    in_the_way = (Bounds(60, 400, 120, 80),   # below the timer: the straight drop
                  Bounds(300, 100, 100, 80),  # on the row just below the timer
                  Bounds(150, 300, 200, 80))  # across both places to turn down
    points = route_flow(timer, target, source_is_boundary=True, obstacles=in_the_way)
    assert points[0] == Point(118, 136) and points[-1] == Point(600, 640)
    for p, q in itertools.pairwise(points):  # before: the straight drop through the first shape
        assert not any(_crosses(b, p, q) for b in in_the_way), (p, q)


def test_a_data_association_goes_around_a_shape_its_straight_line_would_cross() -> None:
    from bpmn_io.layout_edges import association_route

    task, data, between = Bounds(0, 0, 100, 80), Bounds(400, 100, 36, 50), Bounds(200, 40, 100, 80)
    boxes = sorted([task, data, between], key=lambda box: box.x)
    points = association_route(task, data, boxes, [box.x for box in boxes], 100.0)
    assert len(points) > 2 and points[-1].x == 400  # before: one straight line through 'between'
    assert not any(_crosses(between, p, q) for p, q in itertools.pairwise(points))
    clear = association_route(task, Bounds(400, 0, 36, 50), [task], [0.0], 100.0)
    assert len(clear) == 2  # a free straight line stays straight


@pytest.mark.parametrize("with_runs", [False, True])
def test_a_flow_back_from_a_gateway_in_a_stacked_column_goes_round_its_neighbours(with_runs: bool) -> None:
    from bpmn_io.layout_route import Runs, route_flow

    # a discovered model's loop: the gateway's column holds gateways above and below it, so the
    # flow back used to leave from its top corner straight up through the one above (and the one
    # above that: BPIC15_1, 'permitflow discover --activity activityNameEN --min-frequency 0.5')
    gateway, target = Bounds(300, 300, 50, 50), Bounds(100, 290, 100, 80)
    column = (Bounds(300, 240, 50, 50), Bounds(300, 360, 50, 50), Bounds(300, 180, 50, 50), Bounds(300, 420, 50, 50))
    points = route_flow(gateway, target, source_is_gateway=True, obstacles=column,
                        runs=Runs() if with_runs else None, ends=("G", "T"), key="GT")
    assert (points[0].x, points[0].y) == (350, 325)  # out of its right corner, beside the column
    assert (points[-1].x, points[-1].y) in ((150, 290), (150, 370))  # into the target's top or bottom
    for p, q in zip(points, points[1:], strict=False):
        for box in column:
            assert not _crosses(box, p, q), (p, q, box)
