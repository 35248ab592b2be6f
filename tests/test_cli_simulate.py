"""`permitflow simulate` through click's CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sim"


def model_dir(tmp_path: Path) -> Path:
    shutil.copy(FIXTURES / "mm1.bpmn", tmp_path / "process.bpmn")
    shutil.copy(FIXTURES / "mm1.yaml", tmp_path / "profile.yaml")
    return tmp_path / "process.bpmn"


def test_simulate_prints_figures_with_confidence_intervals(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["simulate", str(model_dir(tmp_path)), "--cases", "200", "-r", "3", "--seed", "4"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["figure", "mean", "95%", "CI"]
    row = next(line for line in lines if line.startswith("utilisation.server "))
    assert "[" in row and "]" in row
    assert "Simulating" not in result.output  # no progress bar when not on a terminal


def test_simulate_json_is_deterministic_and_takes_overrides(tmp_path: Path) -> None:
    args = ["simulate", str(model_dir(tmp_path)), "--cases", "300", "--format", "json", "--seed", "2"]
    one = CliRunner().invoke(cli, args)
    again = CliRunner().invoke(cli, args)
    two = CliRunner().invoke(cli, args + ["--set", "pools.server.count=2"])
    assert one.exit_code == 0 and two.exit_code == 0, one.output + two.output
    assert one.output == again.output
    a, b = json.loads(one.output), json.loads(two.output)
    assert b["overrides"] == {"simulation.pools.server.count": 2, "simulation.cases": 300}
    assert b["figures"]["wait_days.Task_Serve"]["mean"] < a["figures"]["wait_days.Task_Serve"]["mean"]
    assert a["figures"]["cases"]["mean"] == 300 and a["figures"]["cases"]["low"] is None


def test_simulate_writes_an_event_log(tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    result = CliRunner().invoke(cli, ["simulate", str(model_dir(tmp_path)), "--cases", "5", "--eventlog", str(out), "-q"])
    assert result.exit_code == 0, result.output
    rows = out.read_text().splitlines()
    assert rows[0] == "case_id,activity,element,resource,enable,start,end" and len(rows) == 6


def test_simulate_reports_a_model_it_cannot_run_in_one_line(tmp_path: Path) -> None:
    path = model_dir(tmp_path)
    profile = (tmp_path / "profile.yaml").read_text().replace("lanes: [Lane_Server]", "lanes: [Lane_Other]")
    (tmp_path / "profile.yaml").write_text(profile)
    result = CliRunner().invoke(cli, ["simulate", str(path), "--cases", "5"])
    assert result.exit_code == 1
    assert "'Task_Serve': has a work `duration:` but no pool does its work" in result.output
    assert "Traceback" not in result.output


def test_simulate_rejects_a_bad_set(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["simulate", str(model_dir(tmp_path)), "--set", "pools.server.count"])
    assert result.exit_code == 2
    assert "expected key=value" in result.output
