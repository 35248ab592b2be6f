"""Notation found missing in real files (issue 14, items 8 and 9), drawn as bpmn.io draws it.

Fixtures (written for permitflow): fixtures/notation.bpmn (pool multiplicity, data
input/output, collapsed event subprocesses, catching and throwing cancel events, DI
colours) and fixtures/process_shape.bpmn (a shape for the process itself, as Bonita
writes it).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from svgtree import SVG
from svgtree import groups as _groups

from bpmn_io import parse_bpmn, read_bpmn, render_svg, to_bpmn_bytes
from bpmn_io.namespaces import BIOC, COLOR

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def notation() -> dict[str, etree._Element]:
    return _groups(render_svg(read_bpmn(FIXTURES / "notation.bpmn")))


def _attrs(group: etree._Element, tag: str) -> list[dict[str, str]]:
    return [dict(el.attrib) for el in group.iter(f"{SVG}{tag}")]


def test_a_shape_of_the_process_itself_is_not_drawn_over_the_lanes() -> None:
    svg = render_svg(read_bpmn(FIXTURES / "process_shape.bpmn"))
    groups = _groups(svg)
    assert "Process_1" not in groups  # bpmn.io does not draw it either
    assert set(groups) == {"Pool", "Officer", "Committee", "Start", "Review", "Decide", "End", "F1", "F2", "F3"}
    assert "unknown" not in svg and 'fill="#eee"' not in svg


def test_a_pool_with_multiplicity_has_three_bars_at_its_bottom(notation) -> None:
    bars = [a for a in _attrs(notation["Pool"], "line") if a["x1"] == a["x2"] and float(a["y1"]) > 300]
    assert [float(a["x1"]) for a in bars] == [446.0, 450.0, 454.0]  # centred on x=450, the pool's middle
    assert {(a["y1"], a["y2"]) for a in bars} == {("342", "354")}


def test_data_inputs_and_outputs_are_data_objects_with_an_arrow(notation) -> None:
    application, decision = notation["Application"], notation["Decision"]
    assert application.get("class") == "shape data dataInput"
    assert decision.get("class") == "shape data dataOutput"
    arrow_in, arrow_out = _attrs(application, "path")[1], _attrs(decision, "path")[1]
    assert arrow_in["d"].startswith("M65,29 l9,0") and arrow_in["fill"] == "none"
    assert arrow_out["d"].startswith("M805,29 l9,0") and arrow_out["fill"] == "#000"
    assert "Ansökan" in "".join(application.itertext()) and "Beslut" in "".join(decision.itertext())


def test_a_catching_cancel_event_is_an_outline_and_a_throwing_one_is_filled(notation) -> None:
    [catching] = _attrs(notation["Cancelled"], "polygon")
    thrown = _groups(render_svg(read_bpmn(FIXTURES / "notation.bpmn"), diagram=1))
    [throwing] = _attrs(thrown["PayCancel"], "polygon")
    assert catching["fill"] == "none" and throwing["fill"] == "#000"
    assert catching["points"].count(",") == 12  # the cross's twelve corners, not two lines


def test_a_collapsed_event_subprocess_shows_its_start_trigger(notation) -> None:
    reminder, withdrawn = notation["Reminder"], notation["Withdrawn"]
    ring = _attrs(reminder, "circle")[0]
    assert (ring["cx"], ring["cy"], ring["r"], ring.get("stroke-dasharray")) == ("611", "111", "10", "3")
    assert len(_attrs(reminder, "circle")) == 2 and len(_attrs(reminder, "line")) >= 12  # the timer's clock
    ring = _attrs(withdrawn, "circle")[0]
    assert (ring["cx"], ring["cy"], ring.get("stroke-dasharray")) == ("611", "231", None)  # interrupting
    assert any(a.get("width") == "9.78" for a in _attrs(withdrawn, "rect"))  # the message envelope


def test_colours_a_modeler_set_are_drawn(notation) -> None:
    body = _attrs(notation["Review"], "rect")[0]
    assert (body["fill"], body["stroke"]) == ("#ffcdd2", "#831311")
    [label] = _attrs(notation["Review"], "text")
    assert label["style"] == "fill:#0d4372"
    line = _attrs(notation["F2"], "polyline")[0]
    assert line["stroke"] == "#205022" and line["marker-end"] == "url(#pf-seq-end-c1)"
    assert _attrs(notation["F2"], "text")[0]["style"] == "fill:#205022"  # a label without colour: the stroke's
    assert _attrs(notation["F1"], "polyline")[0]["stroke"] == "#000"
    svg = render_svg(read_bpmn(FIXTURES / "notation.bpmn"))
    marker = etree.fromstring(svg.encode()).find(f".//{SVG}marker[@id='pf-seq-end-c1']")
    assert marker is not None and marker[0].get("fill") == "#205022"


def test_a_colour_that_is_not_css_colour_text_is_ignored() -> None:
    defs = read_bpmn(FIXTURES / "notation.bpmn")
    plane = defs.diagrams[0].plane
    hostile = tuple(replace(s, fill='red"/><script>alert(1)</script>') if s.element == "Start" else s
                    for s in plane.shapes)
    defs = replace(defs, diagrams=(replace(defs.diagrams[0], plane=replace(plane, shapes=hostile)),))
    svg = render_svg(defs)
    assert "script" not in svg
    assert _attrs(_groups(svg)["Start"], "circle")[0]["fill"] == "#fff"


def test_colours_are_read_into_the_di_and_kept_on_a_round_trip() -> None:
    defs = read_bpmn(FIXTURES / "notation.bpmn")
    shapes = {s.element: s for s in defs.diagrams[0].plane.shapes}
    edges = {e.element: e for e in defs.diagrams[0].plane.edges}
    assert (shapes["Review"].fill, shapes["Review"].stroke) == ("#ffcdd2", "#831311")
    assert shapes["Review"].label is not None and shapes["Review"].label.color == "#0d4372"
    assert edges["F2"].stroke == "#205022" and shapes["Review"].opaque.attributes == ()
    data = to_bpmn_bytes(defs)
    assert parse_bpmn(data, source="x") == defs
    shape = etree.fromstring(data).find(".//{*}BPMNShape[@bpmnElement='Review']")
    assert {k: v for k, v in shape.attrib.items() if "color" in k or "bioc" in k} == {
        f"{{{COLOR}}}border-color": "#831311", f"{{{BIOC}}}stroke": "#831311",
        f"{{{COLOR}}}background-color": "#ffcdd2", f"{{{BIOC}}}fill": "#ffcdd2"}


_ONE_FORM = """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
    {decl} targetNamespace="t">
  <process id="P"><task id="T"/></process>
  <bpmndi:BPMNDiagram id="G"><bpmndi:BPMNPlane id="GP" bpmnElement="P">
    <bpmndi:BPMNShape id="T_di" bpmnElement="T" {shape}><dc:Bounds x="0" y="0" width="100" height="80"/></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</definitions>"""


@pytest.mark.parametrize(("decl", "shape", "written"), [
    (f'xmlns:bioc="{BIOC}"', 'bioc:fill="#eee"', {f"{{{BIOC}}}fill"}),  # bpmn-js before 8: bioc only
    # ADONIS declares the OMG namespace on each shape: the export declares it once, on the root
    ("", f'xmlns:color="{COLOR}" color:background-color="#eee"', {f"{{{COLOR}}}background-color"}),
])
def test_a_file_with_one_colour_form_keeps_that_form(decl, shape, written) -> None:
    defs = parse_bpmn(_ONE_FORM.format(decl=decl, shape=shape).encode(), source="x")
    assert defs.diagrams[0].plane.shapes[0].fill == "#eee"
    data = to_bpmn_bytes(defs)
    out = etree.fromstring(data)
    assert {k for k in out.find(".//{*}BPMNShape").attrib if "}" in k} == written
    assert parse_bpmn(data, source="x") == defs and to_bpmn_bytes(parse_bpmn(data, source="x")) == data


def test_differing_bioc_and_omg_colours_both_survive() -> None:
    shape = 'bioc:fill="#111111" color:background-color="#222222"'
    decl = f'xmlns:bioc="{BIOC}" xmlns:color="{COLOR}"'
    defs = parse_bpmn(_ONE_FORM.format(decl=decl, shape=shape).encode(), source="x")
    drawn = defs.diagrams[0].plane.shapes[0]
    assert drawn.fill == "#222222"  # bpmn.io reads the OMG attribute first
    assert drawn.opaque.attributes == ((f"{{{BIOC}}}fill", "#111111"),)
    data = to_bpmn_bytes(defs)
    assert b'color:background-color="#222222"' in data and b'bioc:fill="#111111"' in data
    assert parse_bpmn(data, source="x") == defs
