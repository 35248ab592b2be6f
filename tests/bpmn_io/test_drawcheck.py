"""The drawing checker (tests/bpmn_io/drawcheck.py) finds what it says, on small hand-made planes."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from drawcheck import count, icon_problems, plane_problems  # noqa: E402

from processes.model import (  # noqa: E402
    Bounds,
    Definitions,
    Diagram,
    Edge,
    FrozenMap,
    Label,
    Plane,
    Point,
    Process,
    SequenceFlow,
    Shape,
    Task,
)


def _defs(shapes: dict[str, Bounds], flows: dict[str, tuple[str, str, tuple[tuple[float, float], ...]]],
          labels: dict[str, Bounds] | None = None) -> Definitions:
    labels = labels or {}
    nodes = {n: Task(id=n, name=n, parent="P") for n in shapes}
    process = Process(id="P", nodes=FrozenMap(nodes),
                      flows=FrozenMap({f: SequenceFlow(id=f, source=s, target=t) for f, (s, t, _) in flows.items()}))
    plane = Plane(element="P", shapes=tuple(
        Shape(id=f"{n}_di", element=n, bounds=b, label=Label(bounds=labels[n]) if n in labels else None)
        for n, b in shapes.items()), edges=tuple(
        Edge(id=f"{f}_di", element=f, waypoints=tuple(Point(x, y) for x, y in pts), source_element=f"{s}_di",
             target_element=f"{t}_di", label=Label(bounds=labels[f]) if f in labels else None)
        for f, (s, t, pts) in flows.items()))
    return Definitions(processes=(process,), diagrams=(Diagram(plane=plane),))


BOXES = {"A": Bounds(0, 0, 100, 80), "B": Bounds(0, 200, 100, 80),
         "C": Bounds(300, 0, 100, 80), "D": Bounds(300, 200, 100, 80)}


def test_two_unrelated_flows_on_one_line_are_shared_and_a_split_is_a_trunk() -> None:
    defs = _defs(BOXES, {
        "AD": ("A", "D", ((100, 40), (250, 40), (250, 240), (300, 240))),
        "BC": ("B", "C", ((100, 240), (251, 240), (251, 40), (300, 40))),  # on AD's vertical, 1 px off
    })
    found = plane_problems(defs)
    assert count(found)["shared"] >= 1 and any("AD and BC" in line for line in found), found
    split = _defs(BOXES, {
        "AC": ("A", "C", ((100, 40), (300, 40))),
        "AD": ("A", "D", ((100, 40), (250, 40), (250, 240), (300, 240))),
    })
    assert count(plane_problems(split)) == {"shared": 0, "trunk": 1, "ambiguous": 0, "label": 0, "shape": 0,
                                            "cover": 0, "icon": 0}


def test_runs_apart_are_not_shared() -> None:
    defs = _defs(BOXES, {
        "AD": ("A", "D", ((100, 40), (250, 40), (250, 240), (300, 240))),
        "BC": ("B", "C", ((100, 250), (244, 250), (244, 30), (300, 30))),  # 6 px beside it: crosses, not shared
    })
    assert count(plane_problems(defs))["shared"] == 0


def test_a_segment_through_a_label_or_a_shape_it_does_not_connect() -> None:
    boxes = {**BOXES, "X": Bounds(150, 0, 60, 80)}
    defs = _defs(boxes, {"AC": ("A", "C", ((100, 40), (300, 40)))}, labels={"B": Bounds(120, 30, 20, 20)})
    found = plane_problems(defs)
    assert "shape: AC runs through X" in found and "label: AC runs through the label of B" in found
    touching = _defs(BOXES, {"AC": ("A", "C", ((100, 40), (300, 40)))}, labels={"B": Bounds(120, 41, 20, 20)})
    assert plane_problems(touching) == []  # a label whose border the line touches is not crossed


def test_a_label_beside_a_shared_trunk_is_ambiguous() -> None:
    defs = _defs(BOXES, {
        "AC": ("A", "C", ((100, 40), (250, 40), (250, 10), (300, 10))),
        "AD": ("A", "D", ((100, 40), (250, 40), (250, 240), (300, 240))),
    }, labels={"AD": Bounds(150, 22, 20, 15)})
    assert count(plane_problems(defs))["ambiguous"] == 1
    own = _defs(BOXES, {
        "AC": ("A", "C", ((100, 40), (250, 40), (250, 10), (300, 10))),
        "AD": ("A", "D", ((100, 40), (250, 40), (250, 240), (300, 240))),
    }, labels={"AD": Bounds(254, 150, 20, 15)})
    assert count(plane_problems(own))["ambiguous"] == 0


def test_a_name_over_the_task_icon() -> None:
    def svg(first_line_y: float) -> str:
        return ('<g class="shape activity userTask" data-element-id="T"><rect class="body" x="0" y="0" width="100" '
                'height="80" rx="10"/><text class="label" font-size="10" text-anchor="middle">'
                f'<tspan x="50" y="{first_line_y}">Granska ansökans</tspan></text></g>')
    assert icon_problems(svg(12)) == ["icon: the name of T covers its icon ('Granska ansökans')"]
    assert icon_problems(svg(33)) == []


def test_a_flow_through_its_own_label() -> None:
    defs = _defs(BOXES, {"AC": ("A", "C", ((100, 40), (300, 40)))}, labels={"AC": Bounds(180, 33, 40, 15)})
    assert plane_problems(defs) == ["label: AC runs through its own label"]


def test_a_label_over_another_shape() -> None:
    defs = _defs(BOXES, {"AC": ("A", "C", ((100, 40), (300, 40)))}, labels={"AC": Bounds(290, 60, 24, 15)})
    assert plane_problems(defs) == ["cover: the label of AC covers C"]
