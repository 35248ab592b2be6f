"""calibrate and discover never write their output over a file they read: a log is read by its content under
any name, and a YAML model is a .yaml file as the profile is."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

LOGS = Path(__file__).resolve().parent / "fixtures" / "logs"


@pytest.mark.parametrize("args, said", [
    # each was replaced: the model by the profile, the log by the profile or by the discovered model
    (["calibrate", "tiny.yaml", "tiny_cases.csv", "-o", "tiny.yaml"], "tiny.yaml: -o is the model read"),
    (["calibrate", "tiny.yaml", "cases.yaml", "-o", "cases.yaml"], "cases.yaml: -o is the log read"),
    (["calibrate", "tiny.yaml", "tiny_cases.csv", "-o", "m.yaml", "--mapping", "m.yaml"],
     "m.yaml: -o is the --mapping file read"),
    (["discover", "cases.bpmn", "-o", "cases.bpmn"], "cases.bpmn: -o is the log read"),
    (["discover", "cases.yaml", "-o", "d.bpmn", "--profile-out", "cases.yaml"],
     "cases.yaml: --profile-out is the log read"),
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
