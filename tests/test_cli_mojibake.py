"""`diff` and `compare` show a label a tool wrote in the wrong encoding as it was meant (found by QA, qadev2):
diff showed Camunda's "Rechnung klÃƒÂ¤ren" as written while the matcher read "Rechnung klären"
(processes.mojibake.repair_mojibake, which the comparison's view of a model now applies to every
name)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from shared import INTEROP

from cli import cli

CAMUNDA_C1 = INTEROP / "miwg" / "bpmn-io-camunda-modeler-18.6.1" / "C.1.0-export.bpmn"
REFERENCE_C1 = INTEROP / "miwg" / "reference" / "C.1.0.bpmn"


def _model(path: Path, name: str, lane: str) -> Path:
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">'
        f'<process id="P"><laneSet id="LS"><lane id="L" name="{lane}"><flowNodeRef>T</flowNodeRef></lane>'
        '</laneSet>'
        f'<startEvent id="S"/><task id="T" name="{name}"/><endEvent id="E"/>'
        '<sequenceFlow id="F1" sourceRef="S" targetRef="T"/>'
        '<sequenceFlow id="F2" sourceRef="T" targetRef="E"/>'
        "</process></definitions>\n", encoding="utf-8")
    return path


def test_diff_and_compare_show_one_repaired_reading(tmp_path: Path) -> None:
    broken = _model(tmp_path / "a.bpmn", "Rechnung klÃƒÂ¤ren", "BuchhaltungsbÃ¼ro")
    other = _model(tmp_path / "b.bpmn", "Rechnung prüfen", "Buchhaltungsbüro")
    text = CliRunner().invoke(cli, ["diff", str(broken), str(other)]).stdout
    assert "Rechnung klären" in text and "Ã" not in text
    data = json.loads(CliRunner().invoke(cli, ["diff", str(broken), str(other), "--format", "json"]).stdout)
    (step,) = [s for s in data["a"]["steps"] if s["id"] == "T"]
    assert (step["name"], step["performer"]) == ("Rechnung klären", "Buchhaltungsbüro")
    compared = CliRunner().invoke(cli, ["compare", str(broken), str(other), str(broken), "--workers",
                                        "1"]).stdout
    assert "Rechnung klären" in compared and "Ã" not in compared


@pytest.mark.interop
def test_camunda_c1_export_reads_as_the_reference(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["diff", str(CAMUNDA_C1), str(REFERENCE_C1)])
    assert result.exit_code == 0, result.output
    assert '"Rechnung klären" in C.1.0-export = "Rechnung klären" in C.1.0' in result.stdout
    assert "Ã" not in result.stdout


def test_show_and_render_read_names_as_diff_does(tmp_path: Path) -> None:
    """One reading for all commands (found by QA, qawords): show listed and render drew "klÃƒÂ¤ren"."""
    broken = _model(tmp_path / "a.bpmn", "Rechnung klÃƒÂ¤ren", "BuchhaltungsbÃ¼ro")
    shown = CliRunner().invoke(cli, ["show", str(broken)])
    assert shown.exit_code == 0, shown.output
    assert "T  task  Rechnung klären  [L]" in shown.stdout and "L: Buchhaltungsbüro" in shown.stdout
    assert "Ã" not in shown.stdout
    data = json.loads(CliRunner().invoke(cli, ["show", str(broken), "--format", "json"]).stdout)
    (process,) = data["processes"]
    assert [e["name"] for e in process["elements"] if e["id"] == "T"] == ["Rechnung klären"]
    assert [lane["name"] for lane in process["lanes"]] == ["Buchhaltungsbüro"]
    svg = tmp_path / "a.svg"
    drawn = CliRunner().invoke(cli, ["render", str(broken), "-o", str(svg)])
    assert drawn.exit_code == 0, drawn.output
    assert "klären</tspan>" in svg.read_text(encoding="utf-8") and "Ã" not in svg.read_text(encoding="utf-8")


@pytest.mark.interop
def test_camunda_c1_export_shows_and_draws_repaired(tmp_path: Path) -> None:
    shown = CliRunner().invoke(cli, ["show", str(CAMUNDA_C1)]).stdout
    assert "Activity_06pc697  userTask  Rechnung klären" in shown and "Ã" not in shown
    svg = tmp_path / "c1.svg"
    assert CliRunner().invoke(cli, ["render", str(CAMUNDA_C1), "-o", str(svg)]).exit_code == 0
    assert "klären</tspan>" in svg.read_text(encoding="utf-8") and "Ã" not in svg.read_text(encoding="utf-8")


def test_simulate_names_the_step_as_diff_does(tmp_path: Path) -> None:
    """The simulate table (and so the report and the web page: processes.shownnames.name_in) reads the
    repaired name too."""
    broken = _model(tmp_path / "a.bpmn", "Rechnung klÃƒÂ¤ren", "BuchhaltungsbÃ¼ro")
    profile = tmp_path / "profile.yaml"
    assert CliRunner().invoke(cli, ["convert", str(broken), str(profile), "--to", "profile"]).exit_code == 0
    result = CliRunner().invoke(cli, ["simulate", str(broken), "--profile", str(profile), "--years", "0.5",
                                      "-r", "2", "-q", "--language", "en"])
    assert result.exit_code == 0, result.output
    assert "hours of work in: Rechnung klären" in result.stdout and "Ã" not in result.stdout
