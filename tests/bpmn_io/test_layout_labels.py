"""Label placement: library diagrams have no two overlapping labels, and a message
event's label is never crossed by the message flow it receives."""

from __future__ import annotations

import doctest
import itertools

import pytest

from bpmn_io import layout_labels
from bpmn_io import library as lib
from bpmn_io.authoring import read_authoring
from bpmn_io.layout import add_layout
from bpmn_io.layout_labels import settle_labels
from processes.model import Bounds, Definitions, Edge, Label, Point, Shape


def _intersects(a: Bounds, b: Bounds) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height


def _crosses(box: Bounds, p: Point, q: Point) -> bool:
    return (min(p.x, q.x) < box.x + box.width and max(p.x, q.x) > box.x
            and min(p.y, q.y) < box.y + box.height and max(p.y, q.y) > box.y)


@pytest.fixture(scope="module")
def library() -> dict[str, Definitions]:
    return {name: add_layout(read_authoring(lib.library_root() / name / lib.AUTHORING_FILE))
            for name in lib.own_process_names()}


def test_the_library_has_diagrams_to_check(library: dict[str, Definitions]) -> None:
    assert "helsingborg" in library
    assert all(d.diagrams and d.collaborations for d in library.values())


def test_no_two_labels_of_a_library_diagram_overlap(library: dict[str, Definitions]) -> None:
    for name, defs in library.items():
        plane = defs.diagrams[0].plane
        boxes = [(s.element, s.label.bounds) for s in plane.shapes if s.label and s.label.bounds] + [
            (e.element, e.label.bounds) for e in plane.edges if e.label and e.label.bounds]
        assert len(boxes) > 20, name
        for (a, ab), (b, bb) in itertools.combinations(boxes, 2):
            assert not _intersects(ab, bb), (name, a, ab, b, bb)


def test_a_message_never_crosses_the_label_of_the_event_it_arrives_at(library: dict[str, Definitions]) -> None:
    checked = 0
    for name, defs in library.items():
        plane = defs.diagrams[0].plane
        labels = {s.element: s.label.bounds for s in plane.shapes if s.label and s.label.bounds}
        for flow in (f for c in defs.collaborations for f in c.message_flows.values()):
            if flow.target not in labels:
                continue
            edge = next(e for e in plane.edges if e.element == flow.id)
            checked += 1
            for p, q in itertools.pairwise(edge.waypoints):
                assert not _crosses(labels[flow.target], p, q), (name, flow.id, flow.target)
    assert checked >= 7 * 5  # every library process receives several answers by message


def test_an_answer_arriving_from_below_gets_its_event_label_on_top() -> None:
    event = Shape(id="E_di", element="E", bounds=Bounds(100, 100, 36, 36),
                  label=Label(bounds=Bounds(93, 140, 50, 14)))
    answer = Edge(id="M_di", element="M", waypoints=(Point(118, 400), Point(118, 136)))
    (moved,), edges = settle_labels((event,), (answer,), message_flows=frozenset({"M"}), nodes=frozenset({"E"}))
    assert edges == (answer,)
    assert moved.label is not None and moved.label.bounds is not None
    assert moved.label.bounds.y + moved.label.bounds.height <= 100  # above the event
    assert not _crosses(moved.label.bounds, *answer.waypoints)


def test_a_label_that_is_already_clear_stays_where_it_is() -> None:
    event = Shape(id="E_di", element="E", bounds=Bounds(100, 100, 36, 36),
                  label=Label(bounds=Bounds(93, 140, 50, 14)))
    sent = Edge(id="M_di", element="M", waypoints=(Point(118, 100), Point(118, 0)))
    assert settle_labels((event,), (sent,), message_flows=frozenset({"M"}), nodes=frozenset({"E"})) == (
        (event,), (sent,))


def test_side_by_side_message_labels_are_set_apart() -> None:
    task = Shape(id="T_di", element="T", bounds=Bounds(0, 0, 100, 80))
    first = Edge(id="A_di", element="A", waypoints=(Point(33, 80), Point(33, 400)),
                 label=Label(bounds=Bounds(37, 84, 60, 14)))
    second = Edge(id="B_di", element="B", waypoints=(Point(67, 80), Point(67, 400)),
                  label=Label(bounds=Bounds(71, 84, 60, 14)))
    _, (a, b) = settle_labels((task,), (first, second), message_flows=frozenset({"A", "B"}), nodes=frozenset({"T"}))
    assert a.label is not None and b.label is not None and a.label.bounds and b.label.bounds
    assert not _intersects(a.label.bounds, b.label.bounds)
    for label in (a.label.bounds, b.label.bounds):
        for edge in (first, second):
            assert not _crosses(label, *edge.waypoints)


def test_no_flow_crosses_the_label_of_a_boundary_event(library: dict[str, Definitions]) -> None:
    # before: the flow of Helsingborg's 'Svarstiden ute' turned right 10 px below the timer, right
    # through its label (every place beside the timer was taken; one row lower was free)
    checked = 0
    for name, defs in library.items():
        plane = defs.diagrams[0].plane
        boundary = {n.id for p in defs.processes for n in p.nodes.values() if getattr(n, "attached_to", "")}
        for box, element in ((s.label.bounds, s.element) for s in plane.shapes
                             if s.element in boundary and s.label is not None and s.label.bounds is not None):
            checked += 1
            for edge in plane.edges:
                for p, q in itertools.pairwise(edge.waypoints):
                    assert not _crosses(box, p, q), (name, element, edge.element)
    assert checked >= 8


def test_a_sequence_flow_label_crossed_by_another_flow_moves_beside_its_own_line() -> None:
    task = Shape(id="T_di", element="T", bounds=Bounds(0, 0, 100, 80))
    named = Edge(id="A_di", element="A", waypoints=(Point(100, 40), Point(400, 40)),
                 label=Label(bounds=Bounds(230, 23, 40, 15)))  # above the middle of its line
    other = Edge(id="B_di", element="B", waypoints=(Point(250, 0), Point(250, 38)))  # ends just above it
    _, (moved, _) = settle_labels((task,), (named, other), message_flows=frozenset(), nodes=frozenset({"T"}))
    assert moved.label is not None and moved.label.bounds is not None
    box = moved.label.bounds
    assert not _crosses(box, *other.waypoints)
    assert 100 <= box.x and box.x + box.width <= 400 and box.y + box.height <= 40 <= box.y + box.height + 4


def test_a_label_over_a_shape_beside_a_short_last_step_moves_off_it() -> None:
    # MIWG C.4.0's 'Yes': along a shared trunk, then 20 px down and 20 px right into its task; set
    # right of the 20 px step, it covered the task, and a step that short offered no other place
    task = Shape(id="T_di", element="T", bounds=Bounds(556, 134, 100, 80))
    yes = Edge(id="Y_di", element="Y", waypoints=(Point(444, 154), Point(536, 154), Point(536, 174), Point(556, 174)),
               label=Label(bounds=Bounds(540, 156, 24, 15)))
    no = Edge(id="N_di", element="N", waypoints=(Point(444, 154), Point(536, 154), Point(536, 65), Point(556, 65)))
    _, (moved, _) = settle_labels((task,), (yes, no), message_flows=frozenset(), nodes=frozenset({"T"}))
    assert moved.label is not None and moved.label.bounds is not None
    assert not _intersects(moved.label.bounds, task.bounds)
    for edge in (yes, no):
        for p, q in itertools.pairwise(edge.waypoints):
            assert not _crosses(moved.label.bounds, p, q)


def test_the_module_examples_hold() -> None:
    assert doctest.testmod(layout_labels).failed == 0
