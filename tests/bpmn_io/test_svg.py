"""Drawing: BPMN-notation SVG from DI, one group per element, deterministic."""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from bpmn_io.layout import add_layout
from bpmn_io.svg import render_svg
from processes.errors import ModelError
from processes.model import (
    Bounds,
    Definitions,
    Diagram,
    Edge,
    Event,
    EventDefinition,
    FrozenMap,
    Gateway,
    Label,
    Plane,
    Point,
    Process,
    SequenceFlow,
    Shape,
    Task,
)

sys.path.insert(0, str(Path(__file__).parent))
from drawmodels import collaboration_model, permit_model  # noqa: E402
from shared import INTEROP, ROOT  # noqa: E402
from svgtree import SVG  # noqa: E402
from svgtree import groups as _groups  # noqa: E402


def _classes(group: etree._Element) -> set[str]:
    return set(group.get("class", "").split())


def _text(group: etree._Element) -> str:
    return " ".join(" ".join(t.itertext()) for t in group.iter(f"{SVG}text"))


def _tiny(name: str = "Granska <ansökan> & \"beslut\"") -> Definitions:
    start = Event(id="S", position="start", name="Start")
    task = Task(id="T", name=name, task_type="userTask", default="F2")
    end = Event(id="E", position="end", definitions=(EventDefinition(kind="terminate"),))
    gateway = Gateway(id="G", name="Vilka remisser?", gateway_kind="inclusive")
    flows = {
        "F1": SequenceFlow("F1", "S", "T"),
        "F2": SequenceFlow("F2", "T", "E", name="klart"),
    }
    process = Process(id="P", nodes=FrozenMap({"S": start, "T": task, "E": end, "G": gateway}), flows=FrozenMap(flows))
    plane = Plane(
        element="P",
        shapes=(
            Shape("S_di", "S", Bounds(100, 100, 36, 36)),
            Shape("T_di", "T", Bounds(180, 78, 100, 80)),
            Shape("E_di", "E", Bounds(330, 100, 36, 36)),
            Shape("G_di", "G", Bounds(180, 200, 50, 50), label=Label(bounds=Bounds(170, 255, 70, 14))),
        ),
        edges=(
            Edge("F1_di", "F1", (Point(136, 118), Point(180, 118))),
            Edge("F2_di", "F2", (Point(280, 118), Point(330, 118))),
        ),
    )
    return Definitions(processes=(process,), diagrams=(Diagram(plane=plane),))


def test_every_element_is_a_group_with_its_kind_and_id() -> None:
    groups = _groups(render_svg(_tiny()))
    assert set(groups) == {"S", "T", "E", "G", "F1", "F2"}
    assert {"shape", "activity", "userTask"} <= _classes(groups["T"])
    assert {"shape", "event", "endEvent", "terminate"} <= _classes(groups["E"])
    assert {"shape", "gateway", "inclusiveGateway"} <= _classes(groups["G"])
    assert {"edge", "sequenceFlow"} <= _classes(groups["F2"])


def test_text_is_escaped_and_wrapped_inside_the_task() -> None:
    svg = render_svg(_tiny())
    etree.fromstring(svg.encode())  # well-formed despite <, & and quotes in the name
    task = _groups(svg)["T"]
    assert _text(task).split() == 'Granska <ansökan> & "beslut"'.split()
    spans = list(task.iter(f"{SVG}tspan"))
    assert len(spans) >= 2  # wrapped
    for span in spans:
        assert 180 <= float(span.get("x")) <= 280 and 78 <= float(span.get("y")) <= 158


def test_view_box_covers_every_shape() -> None:
    root = etree.fromstring(render_svg(_tiny()).encode())
    x, y, w, h = (float(v) for v in root.get("viewBox").split())
    assert x <= 100 and y <= 78 and x + w >= 366 and y + h >= 269


def test_extra_classes_and_badges() -> None:
    svg = render_svg(_tiny(), classes={"T": "matched", "F1": "changed"}, badges={"T": "3.2 d", "F2": "40 %"},
                     extra_css=".matched .body{fill:#dfd}")
    groups = _groups(svg)
    assert "matched" in _classes(groups["T"]) and "changed" in _classes(groups["F1"])
    badge = groups["T"].find(f"{SVG}g[@class='badge']")
    assert badge is not None and "".join(badge.itertext()) == "3.2 d"
    assert "40 %" in _text(groups["F2"])
    assert ".matched .body{fill:#dfd}" in svg


def test_flow_markers_default_slash_and_labels() -> None:
    groups = _groups(render_svg(_tiny()))
    line = groups["F2"].find(f"{SVG}polyline")
    assert line.get("marker-end") == "url(#pf-seq-end)"
    assert groups["F2"].find(f"{SVG}line") is not None  # the default-flow slash
    assert groups["F1"].find(f"{SVG}line") is None
    assert "klart" in _text(groups["F2"])


def test_output_is_deterministic() -> None:
    assert render_svg(_tiny()) == render_svg(_tiny())
    laid = add_layout(collaboration_model())
    assert render_svg(laid) == render_svg(add_layout(collaboration_model()))


def test_a_model_without_diagram_is_an_error() -> None:
    with pytest.raises(ModelError, match="nothing to draw: the model has no process and no collaboration"):
        render_svg(Definitions())
    with pytest.raises(ModelError, match="diagram 3 does not exist"):
        render_svg(_tiny(), diagram=3)


def test_laid_out_model_draws_pools_lanes_and_every_node() -> None:
    defs = add_layout(collaboration_model())
    groups = _groups(render_svg(defs))
    kinds = Counter(kind for g in groups.values() for kind in _classes(g))
    assert kinds["participant"] == 3 and kinds["lane"] == 2
    assert kinds["messageFlow"] == 3
    assert kinds["sequenceFlow"] == sum(len(p.flows) for p in defs.processes)
    assert kinds["boundaryEvent"] == 1 and kinds["expanded"] == 1
    assert "Handläggare" in _text(groups["Officer"]) and "Polisen" in _text(groups["Pool_Police"])
    lane_text = groups["Officer"].find(f"{SVG}text")
    assert lane_text.get("transform", "").startswith("rotate(-90")  # vertical header text


def test_permit_model_names_all_appear() -> None:
    defs = add_layout(permit_model())
    svg = render_svg(defs)
    groups = _groups(svg)
    for node in defs.process().nodes.values():
        if node.name:
            assert _text(groups[node.id]).split() == node.name.split(), node.id


# --------------------------------------------------------------------------- the MIWG reference models

REFERENCE = INTEROP / "miwg" / "reference"
DRAWN_FIXTURE = ROOT / "tests" / "fixtures" / "bpmn" / "diagram.bpmn"  # three user tasks, drawn
DRAWN = ("A.1.0", "A.2.0", "A.3.0", "A.4.0", "A.4.1", "B.1.0", "B.2.0", "C.1.0", "C.2.0")


def _read(path: Path) -> Definitions:
    from bpmn_io.reader import read_bpmn

    return read_bpmn(path)


@pytest.mark.interop
@pytest.mark.parametrize("name", DRAWN)
def test_reference_model_shapes_and_labels(name: str) -> None:
    from bpmn_io.svg_parts import ElementIndex, element_kind

    defs = _read(REFERENCE / f"{name}.bpmn")
    svg = render_svg(defs)
    groups = _groups(svg)
    index = ElementIndex.of(defs)
    plane = defs.diagrams[0].plane
    expected = Counter(element_kind(index.element(s.element)) for s in plane.shapes)
    drawn = Counter(
        kind for g in groups.values() if "shape" in _classes(g) for kind in _classes(g) if kind in expected
    )
    assert drawn == expected
    assert Counter(element_kind(index.element(e.element)) for e in plane.edges) == Counter(
        kind for g in groups.values() if "edge" in _classes(g) for kind in _classes(g) if kind != "edge"
    )
    for shape in plane.shapes:
        name_text = getattr(index.element(shape.element), "name", "") or ""
        if name_text.strip():
            assert "".join(name_text.split()) in "".join(_text(groups[shape.element]).split()), shape.element


@pytest.mark.interop
def test_reference_markers_are_drawn() -> None:
    defs = _read(REFERENCE / "B.2.0.bpmn")
    groups = _groups(render_svg(defs))
    by_name = {_text(g): g for g in groups.values()}
    loop = next(g for text, g in by_name.items() if "Standard Loop" in text)
    assert loop.find(f".//{SVG}path") is not None  # the loop arrow
    call = next(g for text, g in by_name.items() if "calling a Global" in text)
    assert any(r.get("stroke-width") == "5" for r in call.iter(f"{SVG}rect"))  # thick border
    non_interrupting = [g for g in groups.values() if "boundaryEvent" in _classes(g)
                        and any(c.get("stroke-dasharray") for c in g.iter(f"{SVG}circle"))]
    expected = {n.id for p in defs.processes for n in p.nodes.values()
                if isinstance(n, Event) and n.position == "boundary" and not n.cancel_activity}
    assert {g.get("data-element-id") for g in non_interrupting} == expected and len(expected) >= 5
    message_flows = [g for g in groups.values() if "messageFlow" in _classes(g)]
    assert message_flows and all(g.find(f"{SVG}polyline").get("stroke-dasharray") for g in message_flows)
    visible = {e.element for e in defs.diagrams[0].plane.edges if e.message_visible_kind == "initiating"}
    assert visible and {g.get("data-element-id") for g in message_flows if g.find(f"{SVG}rect") is not None} == visible


@pytest.mark.interop
def test_collapsed_subprocess_drill_down_planes() -> None:
    defs = _read(INTEROP / "odd" / "bpmn-js" / "collapsed-sub-process.bpmn")
    main = _groups(render_svg(defs))
    assert {"collapsedProcess", "parallelGateway"} <= set(main)
    assert "expanded" not in _classes(main["collapsedProcess"])
    assert len(main["collapsedProcess"].findall(f".//{SVG}rect")) >= 2  # the box and its [+] marker
    child_ids = {n.id for n in defs.process("rootProcess").children("collapsedProcess")}
    assert not child_ids & set(main)
    inner = _groups(render_svg(defs, diagram=1))
    assert child_ids <= set(inner)


# --------------------------------------------------------------------------- the render command


def test_render_command_writes_an_svg(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cli import cli

    out = tmp_path / "out" / "a.svg"
    result = CliRunner().invoke(cli, ["render", str(DRAWN_FIXTURE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    groups = _groups(out.read_text(encoding="utf-8"))
    assert sum("userTask" in _classes(g) for g in groups.values()) == 3
    assert [p.name for p in out.parent.iterdir()] == ["a.svg"]  # no temporary file left behind


def test_render_command_lays_out_a_model_without_diagram(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cli import cli

    source = ROOT / "tests" / "fixtures" / "bpmn" / "gateways.bpmn"  # no diagram
    out = tmp_path / "gateways.svg"
    result = CliRunner().invoke(cli, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "eventBasedGateway" in out.read_text(encoding="utf-8")


def test_render_command_bad_input_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cli import cli

    bad = tmp_path / "bad.bpmn"
    bad.write_text("<definitions", encoding="utf-8")
    out = tmp_path / "bad.svg"
    result = CliRunner().invoke(cli, ["render", str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and "bad.bpmn" in result.output
    assert not out.exists()
    result = CliRunner().invoke(cli, ["render", str(DRAWN_FIXTURE), "--diagram", "4", "-o", str(out)])
    assert result.exit_code == 2 and "diagram 4 does not exist" in result.output and not out.exists()


@pytest.mark.interop
def test_a_group_is_labelled_with_its_category_value() -> None:
    defs = _read(REFERENCE / "B.1.0.bpmn")
    groups = _groups(render_svg(defs))
    group = next(g for g in groups.values() if "group" in _classes(g))
    assert _text(group).strip() == "Group"  # categoryValue "Group", read from the kept category element


def test_a_name_too_long_for_its_task_is_cut_inside_the_box_with_the_full_name_as_title() -> None:
    name = " ".join(["Granska och bedöm ansökan om stadigvarande serveringstillstånd enligt alkohollagen"] * 3)
    task = _groups(render_svg(_tiny(name)))["T"]  # the task's box: x 180..280, y 78..158
    spans = list(task.iter(f"{SVG}tspan"))
    size = float(task.find(f"{SVG}text").get("font-size"))
    for span in spans:  # every line's baseline, and the line above it, inside the box
        assert 78 <= float(span.get("y")) - size and float(span.get("y")) <= 158
    assert spans[-1].text.endswith("…")
    assert _text(task).replace("…", "").split() == name.split()[: len(_text(task).split())]
    title = task.find(f"{SVG}title")
    assert title is not None and title.text == name


def test_a_name_that_fits_has_no_title_and_no_ellipsis() -> None:
    task = _groups(render_svg(_tiny("Granska ansökan")))["T"]
    assert task.find(f"{SVG}title") is None and "…" not in _text(task)


def test_long_pool_and_lane_names_stay_inside_their_header_band(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cli import cli

    long_name = "Lane med ett mycket långt namn på avdelningen för åtgärder och tillstånd"
    source = tmp_path / "lanes.yaml"
    source.write_text(
        "process: {id: P, name: Stor process}\n"
        f"lanes:\n  L_A: {long_name}\n  L_B: Nämnd\n"
        "steps:\n  - {id: S, event: start, name: Start, lane: L_A}\n"
        "  - {id: T, task: user, name: Besluta, lane: L_B}\n  - {id: E, event: end, name: Klar, lane: L_B}\n",
        encoding="utf-8",
    )
    out = tmp_path / "lanes.svg"
    result = CliRunner().invoke(cli, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    groups = _groups(out.read_text(encoding="utf-8"))
    lane = groups["L_A"]
    rect = lane.find(f"{SVG}rect")
    assert rect is not None
    spans = list(lane.iter(f"{SVG}tspan"))
    # set bottom to top in the 30 px header: the lines' baselines run across it, two lines at most
    assert 1 <= len(spans) <= 2 and spans[-1].text.endswith("…")
    x0 = float(rect.get("x"))
    text = lane.find(f"{SVG}text")
    size = float(text.get("font-size"))
    angle, cx, cy = (float(v) for v in text.get("transform").removeprefix("rotate(").rstrip(")").split())
    assert angle == -90
    for span in spans:  # turned about (cx, cy), a line from y - size to y + a quarter size lies at x = cx + (y - cy)
        y = float(span.get("y"))
        assert x0 <= cx + (y - size - cy) and cx + (y + size / 4 - cy) <= x0 + 30, (x0, cx, cy, y)
    assert lane[0].tag == f"{SVG}title" and lane[0].text == long_name
    # a name that fits is drawn whole, without a tooltip
    assert groups["L_B"].find(f"{SVG}title") is None and _text(groups["L_B"]) == "Nämnd"


@pytest.mark.parametrize("name", [
    "Överlämna utredning och förslag till beslut till Örkelljunga kommun",  # fits at 9 px: the whole box
    " ".join(["Granska och bedöm ansökan om stadigvarande serveringstillstånd enligt alkohollagen"] * 3),  # cut
])
def test_a_long_name_is_drawn_below_the_task_icon_not_over_it(name: str) -> None:
    from drawcheck import icon_problems

    svg = render_svg(_tiny(name))
    assert icon_problems(svg) == []
    task = _groups(svg)["T"]  # the box's top is y 78; the user icon reaches 24 px down
    size = float(task.find(f"{SVG}text").get("font-size"))
    assert min(float(span.get("y")) for span in task.iter(f"{SVG}tspan")) - 0.72 * size >= 78 + 22


def test_a_label_named_per_language_is_drawn_once_in_each_and_a_model_without_names_as_before() -> None:
    # found by QA (stepnames24): the English report's and page's diagrams showed the Swedish names
    from bpmn_io.authoring import parse_authoring
    from bpmn_io.layout import add_layout

    text = ("process: {id: P}\nlanes: {L: {name: Registrator, names: {en: Registrar}}}\nsteps:\n"
            "  - {id: S, event: start, name: Ansökan inkommen, names: {en: Application received}, lane: L}\n"
            "  - {id: T, task: user, name: Diarieför, names: {en: Register}, lane: L}\n"
            "  - {id: E, event: end, name: Klart, lane: L}\n")
    defs = add_layout(parse_authoring(text, source="n.yaml"))
    svg = render_svg(defs, languages=("en", "sv"))
    task = next(line for line in svg.splitlines() if 'data-element-id="T"' in line)
    assert task.count("<rect") == render_svg(defs).splitlines()[svg.splitlines().index(task)].count("<rect")
    assert '<g class="en"><text' in task and ">Register</tspan></text></g><g class=\"sv\"><text" in task
    assert ">Diarieför</tspan>" in task
    end = next(line for line in svg.splitlines() if 'data-element-id="E"' in line)
    assert "Klart" in end and 'class="en"' not in end  # the same in both: drawn once
    assert svg.count(">Registrar</tspan>") == 1 and svg.count(">Registrator</tspan>") == 1
    plain = add_layout(parse_authoring(re.sub(r", names: \{en: [^}]*\}", "", text.replace(
        "{name: Registrator, names: {en: Registrar}}", "Registrator")), source="p.yaml"))
    assert render_svg(plain, languages=("en", "sv")) == render_svg(plain)


def test_a_label_above_its_shape_grows_upwards_when_its_other_language_needs_more_lines() -> None:
    # found in the browser (stepnames24): "Opinion from the environmental administration" took three lines in a box
    # drawn for two ("Remissvar från miljöförvaltningen") and ran down over its event
    from bpmn_io import read_bpmn
    from bpmn_io.library import library_root

    defs = read_bpmn(library_root() / "helsingborg" / "process.bpmn")
    shape = next(s for s in defs.diagrams[0].plane.shapes if s.element == "Event_Remissvar_Miljo")
    assert shape.label is not None and shape.label.bounds is not None
    line = next(x for x in render_svg(defs, languages=("en", "sv")).splitlines()
                if 'data-element-id="Event_Remissvar_Miljo"' in x)
    english = re.search(r'<g class="en"><text[^>]*><tspan x="[^"]*" y="([^"]*)">Opinion from the', line)
    swedish = re.search(r'<g class="sv"><text[^>]*><tspan x="[^"]*" y="([^"]*)">Remissvar', line)
    assert english and swedish
    assert float(english.group(1)) < shape.label.bounds.y < float(swedish.group(1))
    assert 'class="en"' not in render_svg(defs)  # without languages: the drawn names only, as before


def test_a_name_with_a_line_break_still_draws_one_set_of_arrows_in_two_languages() -> None:
    # a cut label's tooltip keeps the name's line break, so the two drawings differ in lines: each is drawn whole,
    # under one set of markers (a second set inside the hidden language's group would leave the arrows unresolved)
    from bpmn_io.authoring import parse_authoring

    name = "Granska\\n" + " ".join(["ansökan"] * 60)
    defs = add_layout(parse_authoring(f'process: {{id: P}}\nsteps:\n  - {{id: S, event: start}}\n'
                                      f'  - {{id: T, task: user, name: "{name}", names: {{en: Review}}}}\n'
                                      f'  - {{id: E, event: end}}\n', source="n.yaml"))
    svg = render_svg(defs, languages=("en", "sv"))
    etree.fromstring(svg.encode("utf-8"))
    assert svg.count('<marker id="pf-seq-end"') == 1 and svg.count("<svg") == 1
    assert svg.count('<g class="en">') == svg.count('<g class="sv">') == 1 and ">Review</tspan>" in svg


def _line_points(group: etree._Element) -> list[tuple[float, float]]:
    body = next(p for p in group.iter(f"{SVG}polyline") if p.get("class") == "body")
    return [(float(x), float(y)) for x, y in (pair.split(",") for pair in body.get("points").split())]


def test_an_edge_drawn_from_centre_to_centre_ends_on_the_outlines() -> None:
    """ProM and Simod write waypoints at the shapes' centres: the line and its arrow are cut back to
    the circle, rectangle and diamond, not drawn over the shape and its text; ends on an outline stay."""
    defs = _tiny()
    plane = defs.diagrams[0].plane
    flows = {**defs.processes[0].flows, "F3": SequenceFlow("F3", "T", "G")}
    centred = (
        Edge("F1_di", "F1", (Point(118, 118), Point(230, 118))),  # event centre -> task centre
        Edge("F2_di", "F2", (Point(280, 118), Point(330, 118))),  # on both outlines already
        Edge("F3_di", "F3", (Point(230, 118), Point(230, 180), Point(205, 225))),  # task centre -> gateway centre
    )
    process = replace(defs.processes[0], flows=FrozenMap(flows))
    defs = replace(defs, processes=(process,), diagrams=(Diagram(plane=replace(plane, edges=centred)),))
    groups = _groups(render_svg(defs))
    assert _line_points(groups["F1"]) == [(136, 118), (180, 118)]
    assert _line_points(groups["F2"]) == [(280, 118), (330, 118)]
    first, middle, last = _line_points(groups["F3"])
    assert first == (230, 158) and middle == (230, 180)
    assert abs(last[0] - 205) + abs(last[1] - 225) == pytest.approx(25, abs=0.02)  # on the diamond's edge


def test_a_tool_s_label_box_keeps_the_tool_s_line_count() -> None:
    """Signavio (C.1.0-export) sets 'Invoice review / needed' in a 69.3 x 22 px box above its event: the
    width estimate, wider than Arial, wrapped it to three lines that ran down over the event's circle."""
    defs = _tiny()
    start = replace(defs.processes[0].nodes["E"], name="Invoice review \nneeded")
    plane = defs.diagrams[0].plane
    box = Bounds(313.35, 70, 69.3, 22)  # ends 8 px above the end event at y=100
    shapes = tuple(replace(s, label=Label(bounds=box)) if s.element == "E" else s for s in plane.shapes)
    # and a flow's label box two lines high that the estimate would fill with three
    f2_box = Bounds(280, 120, 85, 27)
    edges = tuple(replace(e, label=Label(bounds=f2_box)) if e.element == "F2" else e for e in plane.edges)
    process = replace(defs.processes[0], nodes=FrozenMap({**defs.processes[0].nodes, "E": start}),
                      flows=FrozenMap({**defs.processes[0].flows,
                                       "F2": replace(defs.processes[0].flows["F2"], name="Default Sequence Flow 1")}))
    defs = replace(defs, processes=(process,),
                   diagrams=(Diagram(plane=replace(plane, shapes=shapes, edges=edges)),))
    groups = _groups(render_svg(defs))
    spans = [s for s in groups["E"].iter(f"{SVG}tspan")]
    assert [s.text for s in spans] == ["Invoice review", "needed"]
    assert all(float(s.get("y")) < 100 for s in spans)  # baselines above the circle
    assert [s.text for s in groups["F2"].iter(f"{SVG}tspan")] == ["Default Sequence", "Flow 1"]
    # a box the text fits as measured is kept as it is
    assert [s.text for s in groups["G"].iter(f"{SVG}tspan")] == ["Vilka remisser?"]


def test_a_label_box_without_size_is_drawn_as_a_label_without_box() -> None:
    """Bizagi (every MIWG roundtrip) writes each label as a 0 x 0 box: wrapped to no width, a name was
    set one or two letters a line down the page; now it goes where a label without DI goes."""
    defs = _tiny()
    plane = defs.diagrams[0].plane
    point = Label(bounds=Bounds(300, 140, 0, 0))
    shapes = tuple(replace(s, label=point) if s.element == "E" else s for s in plane.shapes)
    edges = tuple(replace(e, label=point) if e.element == "F2" else e for e in plane.edges)
    nodes = {**defs.processes[0].nodes, "E": replace(defs.processes[0].nodes["E"], name="Ansökan avslutad")}
    flows = {**defs.processes[0].flows, "F2": replace(defs.processes[0].flows["F2"], name="Ansökan komplett")}
    process = replace(defs.processes[0], nodes=FrozenMap(nodes), flows=FrozenMap(flows))
    defs = replace(defs, processes=(process,), diagrams=(Diagram(plane=replace(plane, shapes=shapes, edges=edges)),))
    groups = _groups(render_svg(defs))
    end = list(groups["E"].iter(f"{SVG}tspan"))
    assert [s.text for s in end] == ["Ansökan", "avslutad"]
    assert {float(s.get("x")) for s in end} == {348.0} and all(float(s.get("y")) > 136 for s in end)  # below it
    assert [s.text for s in groups["F2"].iter(f"{SVG}tspan")] == ["Ansökan", "komplett"]  # by its middle


def test_a_data_state_is_drawn_once_also_when_the_name_already_ends_with_it() -> None:
    from processes.model import DataObjectReference

    defs = _tiny()
    refs = {"D1": DataObjectReference(id="D1", name="ID document [for analysis]", state="for analysis"),  # Cardanit
            "D2": DataObjectReference(id="D2", name="Ansökan", state="komplett")}
    process = replace(defs.processes[0], nodes=FrozenMap({**defs.processes[0].nodes, **refs}))
    plane = defs.diagrams[0].plane
    shapes = (*plane.shapes, Shape("D1_di", "D1", Bounds(400, 200, 36, 50)), Shape("D2_di", "D2", Bounds(500, 200, 36, 50)))
    groups = _groups(render_svg(replace(defs, processes=(process,),
                                        diagrams=(Diagram(plane=replace(plane, shapes=shapes)),))))
    assert " ".join(_text(groups["D1"]).split()) == "ID document [for analysis]"
    assert " ".join(_text(groups["D2"]).split()) == "Ansökan [komplett]"


@pytest.mark.parametrize(("visible", "lines"), [(True, 2), (None, 0), (False, 0)])
def test_an_exclusive_gateway_shows_its_x_only_where_the_diagram_says_so(visible: bool | None, lines: int) -> None:
    """isMarkerVisible is false unless written (BPMN DI): the MIWG reference C.1.0 (Trisotech) draws
    'Invoice approved?' as an empty diamond, and bpmn.io draws the X only for isMarkerVisible="true"."""
    defs = _tiny()
    nodes = {**defs.processes[0].nodes, "G": replace(defs.processes[0].nodes["G"], gateway_kind="exclusive")}
    plane = defs.diagrams[0].plane
    shapes = tuple(replace(s, is_marker_visible=visible) if s.element == "G" else s for s in plane.shapes)
    defs = replace(defs, processes=(replace(defs.processes[0], nodes=FrozenMap(nodes)),),
                   diagrams=(Diagram(plane=replace(plane, shapes=shapes)),))
    assert len(list(_groups(render_svg(defs))["G"].iter(f"{SVG}line"))) == lines
