"""A flow's label as bpmn.io draws it: the name only, never the condition expression, for a file's own
diagram; a model permitflow lays out shows an unnamed flow's condition (the YAML form's
``next: {to, condition}`` has no name to show)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from shared import INTEROP, ROOT
from svgtree import SVG
from svgtree import groups as _groups

from bpmn_io.reader import read_bpmn
from bpmn_io.svg import render_svg
from cli import cli

FIXTURE = ROOT / "tests" / "fixtures" / "bpmn" / "condition_labels.bpmn"
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
    assert ["".join(text.split()) for text in _texts(groups["Flow_Nej"])] == ["komplett=false"]  # wrapped in a 20 px box
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
