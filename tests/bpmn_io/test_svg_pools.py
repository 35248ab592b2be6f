"""Drawing what tools write over each other: pools drawn apart, a data object drawn once through its
reference, a call activity drawn open around the called process's nodes; vertical pools and lanes
with their name band at the top."""

from __future__ import annotations

import pytest
from lxml import etree
from shared import INTEROP
from svgtree import SVG
from svgtree import groups as _groups

from bpmn_io.reader import read_bpmn
from bpmn_io.svg import render_svg
from bpmn_io.svg_parts import ElementIndex
from bpmn_io.svg_pools import GAP, pools_apart
from processes.model import (
    Bounds,
    CallActivity,
    Collaboration,
    DataObject,
    DataObjectReference,
    Definitions,
    Diagram,
    Edge,
    FrozenMap,
    Lane,
    LaneSet,
    MessageFlow,
    Participant,
    Plane,
    Point,
    Process,
    SequenceFlow,
    Shape,
    Task,
)

MIWG = INTEROP / "miwg"


def _box(group: etree._Element) -> Bounds:
    """The drawn outline of a shape's group (its ``class="body"`` rectangle)."""
    rect = next(r for r in group.iter(f"{SVG}rect") if r.get("class") == "body")
    return Bounds(*(float(rect.get(k)) for k in ("x", "y", "width", "height")))


def _overlap(a: Bounds, b: Bounds) -> bool:
    return min(a.x + a.width, b.x + b.width) > max(a.x, b.x) and min(a.y + a.height,
                                                                     b.y + b.height) > max(a.y, b.y)


# --------------------------------------------------------------------------- pools over each other

def _two_pools(second: Bounds) -> Definitions:
    """Pool A (process P1: task T1 in lane L1) at 0,0 600x200 and pool B (process P2: T2 -> T3) at ``second``,
    a message flow from T1 to T2."""
    p1 = Process("P1", nodes=FrozenMap({"T1": Task("T1", name="Ta")}),
                 lane_sets=(LaneSet("LS", lanes=(Lane("L1", name="Lane", flow_node_refs=("T1",)),)),))
    p2 = Process("P2", nodes=FrozenMap({"T2": Task("T2", name="Tb"), "T3": Task("T3", name="Tc")}),
                 flows=FrozenMap({"F": SequenceFlow("F", "T2", "T3")}))
    collaboration = Collaboration("C", participants=(Participant("A", "Pool A", "P1"), Participant("B", "",
                                                                                                   "P2")),
                                  message_flows=FrozenMap({"M": MessageFlow("M", "T1", "T2")}))
    x, y = second.x, second.y
    plane = Plane(element="C", shapes=(
        Shape("A_di", "A", Bounds(0, 0, 600, 200), is_horizontal=True),
        Shape("L1_di", "L1", Bounds(30, 0, 570, 200), is_horizontal=True),
        Shape("T1_di", "T1", Bounds(100, 60, 100, 80)),
        Shape("B_di", "B", second, is_horizontal=True),
        Shape("T2_di", "T2", Bounds(x + 50, y + 40, 100, 80)),
        Shape("T3_di", "T3", Bounds(x + 200, y + 40, 100, 80)),
    ), edges=(
        Edge("F_di", "F", (Point(x + 150, y + 80), Point(x + 200, y + 80))),
        Edge("M_di", "M", (Point(150, 140), Point(150, 190), Point(x + 100, y + 240), Point(x + 100,
                                                                                            y + 260))),
    ))
    return Definitions(processes=(p1, p2), collaborations=(collaboration,), diagrams=(Diagram(plane=plane),))


def _apart(defs: Definitions) -> dict[str, Shape | Edge]:
    plane = pools_apart(defs.diagrams[0].plane, ElementIndex.of(defs))
    return {item.element: item for item in (*plane.shapes, *plane.edges)}


def test_a_pool_over_an_earlier_one_moves_below_it_with_its_process() -> None:
    # B at 10,10 lies over A (as Bizagi writes a called process's pool): B, its tasks and its flow move
    # down by the same amount to GAP below A; A, its lane and task stay; the message flow's points in A
    # stay and those in B only follow B
    drawn = _apart(_two_pools(Bounds(10, 10, 400, 300)))
    dy = 200 + GAP - 10
    assert drawn["A"].bounds == Bounds(0, 0, 600, 200)
    assert drawn["L1"].bounds == Bounds(30, 0, 570, 200)
    assert drawn["T1"].bounds == Bounds(100, 60, 100, 80)
    assert drawn["B"].bounds == Bounds(10, 10 + dy, 400, 300)
    assert drawn["T2"].bounds == Bounds(60, 50 + dy, 100, 80)
    assert drawn["T3"].bounds == Bounds(210, 50 + dy, 100, 80)
    assert drawn["F"].waypoints == (Point(160, 90 + dy), Point(210, 90 + dy))
    # (a point where A and B overlap stays: A is where the file places it)
    assert drawn["M"].waypoints == (Point(150, 140), Point(150, 190), Point(110, 250 + dy), Point(110,
                                                                                                  270 + dy))


def test_pools_apart_keep_the_plane() -> None:
    defs = _two_pools(Bounds(0, 250, 400, 150))  # B below A: nothing to do
    plane = defs.diagrams[0].plane
    assert pools_apart(plane, ElementIndex.of(defs)) is plane


def test_a_pool_of_no_size_overlaps_nothing() -> None:
    defs = _two_pools(Bounds(10, 10, 0, 0))  # Bizagi's pool of its empty "main participant": left in place
    assert _apart(defs)["B"].bounds == Bounds(10, 10, 0, 0)


@pytest.mark.interop
def test_bizagi_called_processes_are_drawn_below_the_main_pools() -> None:
    # Bizagi writes the pools of the called processes (Abstract Task 4's, Abstract Task 8's) at 30,30, over
    # the top pool 'Participant' (48,72 1104x180); bpmn.io draws them there
    defs = read_bpmn(MIWG / "bizagi-modeler-2.8.0.8" / "B.1.0-roundtrip.bpmn")
    groups = _groups(render_svg(defs))
    top = _box(groups["_cde15ee4-b395-43a3-9f5e-9028446f8a52"])
    pool = _box(groups["_0623a9bd-fd34-462a-b09d-85cb5004be78"])
    assert top == Bounds(48, 72, 1104, 180)  # where the file places them
    assert pool == Bounds(49, 352, 1164, 788)
    # each pool and the task it calls: Abstract Task 4, Abstract Task 8
    called = {"Id_9d5218ee-d3fd-4b4b-8fcd-5d0ea7dcc1f1": "_c57a5344-213f-4834-a6c3-94ce878b413c",
              "Id_0bdd3fe3-35f1-41d1-be30-3d740bc5422b": "_47207d3b-8dc2-4679-bf33-c1e7e677765b"}
    boxes = []
    for participant, task in called.items():
        outline, inner = _box(groups[participant]), _box(groups[task])
        assert outline.height == 350 and outline.y >= pool.y + pool.height + GAP
        assert inner.y > outline.y and inner.y + inner.height < outline.y + outline.height
        for box in (outline, inner):
            assert not _overlap(box, top) and not _overlap(box, pool)
        boxes.append(outline)
    assert not _overlap(*boxes)


# --------------------------------------------------------------------------- a data object and its reference

def _data(reference: bool) -> Definitions:
    nodes = {"D": DataObject("D", name="Ansökan")}
    shapes = [Shape("D_di", "D", Bounds(0, 0, 36, 50))]
    if reference:
        nodes["R"] = DataObjectReference("R", name="Ansökan", data_object_ref="D")
        shapes.append(Shape("R_di", "R", Bounds(200, 100, 36, 50)))
    return Definitions(processes=(Process("P", nodes=FrozenMap(nodes)),),
                       diagrams=(Diagram(plane=Plane(element="P", shapes=tuple(shapes))),))


def test_a_data_object_is_drawn_through_its_reference_only() -> None:
    # Bizagi writes a shape for the data object at 0,0 besides its reference's: one document is drawn
    assert set(_groups(render_svg(_data(reference=True)))) == {"R"}
    assert set(_groups(render_svg(_data(reference=False)))) == {"D"}  # no reference: its own shape


# ------------------------------------------------------------ a call activity around the nodes it calls

def _call(task_at: Bounds) -> Definitions:
    """Process P calls P2 (call activity CA at 0,0 300x150, no isExpanded); P2's task T drawn at
    ``task_at``."""
    p = Process("P", nodes=FrozenMap({"CA": CallActivity("CA", name="Call Activity - Expanded",
                                                         called_element="P2")}))
    p2 = Process("P2", nodes=FrozenMap({"T": Task("T", name="Abstract Task 4")}))
    plane = Plane(element="P", shapes=(Shape("T_di", "T", task_at), Shape("CA_di", "CA", Bounds(0, 0, 300,
                                                                                                150))))
    return Definitions(processes=(p, p2), diagrams=(Diagram(plane=plane),))


def test_a_call_activity_around_the_called_nodes_is_drawn_open() -> None:
    # Signavio's and Visual Paradigm's B.1.0 roundtrips: closed, its name lay under the task (or its white
    # box over it); open, it is a frame drawn under the task with its name at the top, as in the reference
    root = etree.fromstring(render_svg(_call(Bounds(100, 40, 100, 80))).encode())
    order = [g.get("data-element-id") for g in root.iter(f"{SVG}g") if g.get("data-element-id")]
    assert order == ["CA", "T"]
    frame = next(g for g in root.iter(f"{SVG}g") if g.get("data-element-id") == "CA")
    assert "expanded" in frame.get("class").split()
    lines = [float(t.get("y")) for t in frame.iter(f"{SVG}tspan")]
    assert len(lines) == 1 and 0 < lines[0] < 30  # the name at the top, not across the middle (75)


def test_a_call_activity_with_nothing_inside_stays_closed() -> None:
    groups = _groups(render_svg(_call(Bounds(400, 40, 100, 80))))
    assert "expanded" not in groups["CA"].get("class").split()


# --------------------------------------------------------------------------- vertical pools and lanes

VERTICAL = ("reference/A.4.1.bpmn", "bpmn-io-camunda-modeler-18.6.1/A.4.1-roundtrip.bpmn",
            "sap-signavio-process-manager-19.9.0/A.4.1-export.bpmn", "adonis-17.0/A.4.1-export.bpmn")


@pytest.mark.interop
@pytest.mark.parametrize("name", VERTICAL)
def test_vertical_pools_and_lanes_have_their_name_band_at_the_top(name: str) -> None:
    defs = read_bpmn(MIWG / name)
    groups = _groups(render_svg(defs))
    vertical = [s for s in defs.diagrams[0].plane.shapes if s.is_horizontal is False]
    assert len(vertical) == 5  # two pools, three lanes
    for shape in vertical:
        group = groups[shape.element]
        box = _box(group)
        assert box == Bounds(*(round(v, 2) for v in (shape.bounds.x, shape.bounds.y, shape.bounds.width,
                                                     shape.bounds.height)))
        texts = list(group.iter(f"{SVG}text"))
        assert texts and all(not t.get("transform") for t in texts)  # written across, not turned
        for span in (s for t in texts for s in t.iter(f"{SVG}tspan")):
            x, y = float(span.get("x")), float(span.get("y"))
            assert box.x < x < box.x + box.width and box.y < y < box.y + 30, (shape.element, x, y)
        lines = [ln for ln in group.iter(f"{SVG}line")]
        if isinstance(ElementIndex.of(defs).element(shape.element), Participant):
            assert [float(ln.get("y1")) - box.y for ln in lines] == [30.0]  # the band's lower edge
