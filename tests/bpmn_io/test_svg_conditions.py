"""A flow's label as bpmn.io draws it: the name only, never the condition expression, for a file's own
diagram; a model permitflow lays out shows an unnamed flow's condition (the YAML form's
``next: {to, condition}`` has no name to show), also once saved as BPMN with that layout and drawn
again, in a box of its own, clear of the other labels and shapes."""

from __future__ import annotations

from pathlib import Path

import bpmnschema
import pytest
from click.testing import CliRunner
from lxml import etree
from moddle import warnings_of
from shared import INTEROP, ROOT
from svgtree import SVG, text_boxes
from svgtree import groups as _groups

from bpmn_io.authoring import read_authoring
from bpmn_io.layout import add_layout
from bpmn_io.reader import parse_bpmn, read_bpmn
from bpmn_io.svg import render_svg
from bpmn_io.writer import to_bpmn_bytes
from cli import cli
from processes.diff import diff_models
from processes.model import Bounds
from report.diff_html import diff_html
from web.answer import diagram as whatif_diagram

FIXTURE = ROOT / "tests" / "fixtures" / "bpmn" / "condition_labels.bpmn"
CONDITIONS = ROOT / "tests" / "fixtures" / "conditions.yaml"
YAOQIANG = INTEROP / "odd" / "bpmn-moddle" / "yaoqiang-event-definitions.bpmn"


def _texts(group: etree._Element) -> list[str]:
    """Each drawn text of the group, its lines joined by one space."""
    return [" ".join(" ".join(t.itertext()).split()) for t in group.iter(f"{SVG}text")]


def _all_text(svg: str) -> str:
    return " ".join(" ".join(_texts(g)) for g in _groups(svg).values())


def _render(tmp_path: Path, source: Path) -> str:
    out = tmp_path / "out.svg"
    result = CliRunner().invoke(cli, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_a_files_unnamed_conditional_flow_draws_no_condition_and_a_named_one_its_name(tmp_path: Path) -> None:
    svg = _render(tmp_path, FIXTURE)
    groups = _groups(svg)
    assert _texts(groups["Flow_Nej"]) == []  # its label box stays empty, as in bpmn.io
    assert _texts(groups["Flow_Klar"]) == []
    assert "komplett =" not in _all_text(svg) and "granskad =" not in _all_text(svg)
    # the named one keeps its name, in its own label box (x 262-278, y 102-116)
    assert _texts(groups["Flow_Ja"]) == ["Ja"]
    tspan = next(groups["Flow_Ja"].iter(f"{SVG}tspan"))
    assert 262 <= float(tspan.get("x")) <= 278 and 102 <= float(tspan.get("y")) <= 116
    # a conditional flow out of a task still has its diamond at the start
    line = next(p for p in groups["Flow_Klar"].iter(f"{SVG}polyline") if p.get("class") == "body")
    assert line.get("marker-start") == "url(#pf-cond-start)"


def test_condition_labels_draws_an_unnamed_flows_condition_in_its_box() -> None:
    groups = _groups(render_svg(read_bpmn(FIXTURE), condition_labels=True))
    assert ["".join(text.split()) for text in _texts(groups["Flow_Nej"])] == [
        "komplett=false"
    ]  # wrapped in a 20 px box
    assert _texts(groups["Flow_Ja"]) == ["Ja"]


def test_a_laid_out_model_shows_an_unnamed_flows_condition(tmp_path: Path) -> None:
    # gateways.bpmn has no diagram: render lays it out, and the unnamed Flow_Namnd shows its condition
    groups = _groups(_render(tmp_path, ROOT / "tests" / "fixtures" / "bpmn" / "gateways.bpmn"))
    assert _texts(groups["Flow_Namnd"]) == ["${stor}"]
    assert _texts(groups["Flow_Nej"]) == ["nej"]


@pytest.mark.interop
def test_yaoqiangs_unnamed_condition_is_not_drawn_over_the_next_task(tmp_path: Path) -> None:
    svg = _render(tmp_path, YAOQIANG)
    groups = _groups(svg)
    assert "ErrorThrown = false" not in _all_text(svg)
    assert _texts(groups["ID_Flow_EsclusiveGateway_ServiceTask"]) == []
    assert _texts(groups["ID_Flow_EsclusiveGateway_ErrorEnd"]) == ["No"]  # named: its name, not its condition


def _saved(tmp_path: Path) -> Path:
    """conditions.yaml laid out and saved as BPMN by ``permitflow convert``."""
    saved = tmp_path / "conditions.bpmn"
    result = CliRunner().invoke(cli, ["convert", str(CONDITIONS), str(saved)])
    assert result.exit_code == 0, result.output
    return saved


def _conditions_drawn(svg: str) -> tuple[list[str], list[str]]:
    groups = _groups(svg)
    return _texts(groups["Flow_Gw_Task_A"]), _texts(groups["Flow_Gw_End_Nej"])


def test_a_yaml_models_condition_is_drawn_again_from_the_bpmn_permitflow_saved(tmp_path: Path) -> None:
    saved = _saved(tmp_path)
    assert etree.parse(str(saved)).getroot().get("exporter") == "permitflow"
    expected = (["komplett == true"], ["komplett == false"])
    assert _conditions_drawn(_render(tmp_path, CONDITIONS)) == expected  # the YAML, laid out now
    assert _conditions_drawn(_render(tmp_path, saved)) == expected  # render of the saved file
    assert (
        _conditions_drawn(render_svg(read_bpmn(saved), languages=("en", "sv"))) == expected
    )  # as the report


def test_the_what_if_page_and_the_diff_page_draw_a_saved_models_condition(tmp_path: Path) -> None:
    # the what-if page and the report draw the BPMN text scenarios/bases.py makes of a YAML model
    text = to_bpmn_bytes(add_layout(read_authoring(CONDITIONS))).decode("utf-8")
    page = whatif_diagram(text, "conditions", {}, {})
    assert page["problem"] == "" and "komplett == false" in page["svg"]
    defs = parse_bpmn(text.encode("utf-8"), source="conditions.bpmn")
    html = diff_html(diff_models(defs, defs), defs, defs)
    assert html.count("komplett == false") == 2  # both pictures


def test_the_saved_file_with_the_conditions_label_boxes_is_valid_and_opens_in_bpmn_moddle(
    tmp_path: Path,
) -> None:
    data = _saved(tmp_path).read_bytes()
    schema = bpmnschema.schema()
    assert schema.validate(etree.ElementTree(etree.fromstring(data))), [e.message for e in schema.error_log]
    ours, _ = warnings_of({"conditions.bpmn": data}, tmp_path)
    assert ours == {"conditions.bpmn": []}


def test_a_saved_file_another_tool_saved_again_draws_its_names_only(tmp_path: Path) -> None:
    # a modeller that saves the file writes its own name as exporter, and its own label boxes
    saved = _saved(tmp_path)
    edited = tmp_path / "edited.bpmn"
    edited.write_bytes(
        saved.read_bytes().replace(b'exporter="permitflow"', b'exporter="bpmn-js (https://demo.bpmn.io)"')
    )
    assert _conditions_drawn(_render(tmp_path, edited)) == ([], [])


def _overlaps(a: Bounds, b: Bounds) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height


def test_a_laid_out_condition_keeps_off_the_other_labels_and_shapes(tmp_path: Path) -> None:
    # laid out at 191b8c0, "komplett == false" sat by its flow's middle, over the gateway's "Komplett?"
    flows = ("Flow_Gw_Task_A", "Flow_Gw_End_Nej")
    groups = _groups(_render(tmp_path, CONDITIONS))
    drawn = {element: text_boxes(group) for element, group in groups.items()}
    for flow in flows:  # as drawn: no line of a condition over a line of another element's text
        ((line, box),) = drawn[flow]
        assert line.startswith("komplett ==")
        clash = [
            (element, other)
            for element, lines in drawn.items()
            if element != flow
            for other, other_box in lines
            if _overlaps(box, other_box)
        ]
        assert clash == [], flow
    # the layout's boxes: one for each condition, off the other labels and the shapes
    plane = add_layout(read_authoring(CONDITIONS)).diagrams[0].plane
    edge_labels = {
        e.element: e.label.bounds for e in plane.edges if e.label is not None and e.label.bounds is not None
    }
    assert set(edge_labels) == set(flows)
    shape_labels = [
        s.label.bounds for s in plane.shapes if s.label is not None and s.label.bounds is not None
    ]
    for flow, box in edge_labels.items():
        others = (
            [b for f, b in edge_labels.items() if f != flow] + shape_labels + [s.bounds for s in plane.shapes]
        )
        assert [b for b in others if _overlaps(box, b)] == [], flow
