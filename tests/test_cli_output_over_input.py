"""No command writes its output over a file it reads: a log is read by its content under any name, a YAML
model is a .yaml file as a profile is, and diff, compare and optimise write any name -o gives."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LOGS = FIXTURES / "logs"


@pytest.mark.parametrize("args, said", [
    # each was replaced: the model by the profile, the log by the profile or by the discovered model
    (["calibrate", "tiny.yaml", "tiny_cases.csv", "-o", "tiny.yaml"], "tiny.yaml: -o is the model it reads"),
    (["calibrate", "tiny.yaml", "cases.yaml", "-o", "cases.yaml"], "cases.yaml: -o is the log it reads"),
    (["calibrate", "tiny.yaml", "tiny_cases.csv", "-o", "m.yaml", "--mapping", "m.yaml"],
     "m.yaml: -o is the --mapping file it reads"),
    (["discover", "cases.bpmn", "-o", "cases.bpmn"], "cases.bpmn: -o is the log it reads"),
    (["discover", "cases.yaml", "-o", "d.bpmn", "--profile-out", "cases.yaml"],
     "cases.yaml: --profile-out is the log it reads"),
    # the model by the diff's text, the synonyms by the match decisions, the scenario by the goal seek's JSON
    (["diff", "a.bpmn", "a.bpmn", "-o", "a.bpmn"], "a.bpmn: -o is a model it compares"),
    (["compare", "a.bpmn", "tiny.yaml", "-o", "tiny.yaml"], "tiny.yaml: -o is a model it compares"),
    (["diff", "a.bpmn", "tiny.yaml", "--synonyms", "s.yaml", "--save-matches", "s.yaml"],
     "s.yaml: --save-matches is the --synonyms file it reads"),
    (["diff", "a.bpmn", "tiny.yaml", "--synonyms", "s.yaml", "-o", "s.yaml"],
     "s.yaml: -o is the --synonyms file it reads"),
    (["optimise", "j.yaml", "-o", "j.yaml"], "j.yaml: -o is the scenario file it reads"),
    (["optimise", "j.yaml", "--csv", "j.yaml"], "j.yaml: --csv is the scenario file it reads"),
])
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], said: str) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(LOGS / "tiny.yaml", "tiny.yaml")
    shutil.copy(LOGS / "tiny_cases.csv", "tiny_cases.csv")
    log = _an_xes_log()
    Path("cases.yaml").write_bytes(log)  # a log under any name is read by its content
    Path("cases.bpmn").write_bytes(log)
    Path("m.yaml").write_text("Utskick: ignore\n", encoding="utf-8")
    Path("s.yaml").write_text("groups: [[yttrande, remissvar]]\n", encoding="utf-8")
    shutil.copy(FIXTURES / "simple.bpmn", "a.bpmn")
    shutil.copy(FIXTURES.parent.parent / "scenarios" / "joint-permit-unit.yaml", "j.yaml")
    before = {name: Path(name).read_bytes() for name in os.listdir(".")}
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"permitflow: error: {said}: writing it would replace it; write to another file\n"
    assert {name: Path(name).read_bytes() for name in os.listdir(".")} == before


def _an_xes_log() -> bytes:
    """A small XES log: three cases of one activity."""
    rows = "".join(f'<trace><string key="concept:name" value="c{i}"/>'
                   f'<event><string key="concept:name" value="a"/><date key="time:timestamp" '
                   f'value="2025-01-0{i}T09:00:00"/></event></trace>' for i in range(1, 4))
    return f'<?xml version="1.0" encoding="UTF-8"?><log xes.version="1.0">{rows}</log>'.encode()
