"""The real municipal log (BPI Challenge 2015, municipality 1) from ../shared: inspect, discover, calibrate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from shared import SHARED

from cli import cli

LOG = SHARED / "data" / "logs" / "BPIC15_1.xes.gz"
pytestmark = [pytest.mark.slow, pytest.mark.shared("data/logs/BPIC15_1.xes.gz")]


def test_inspect_counts_what_the_readme_beside_the_log_says() -> None:
    done = CliRunner().invoke(cli, ["log", "inspect", str(LOG), "--format", "json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    assert (data["cases"], data["events"], data["start_times"]) == (1199, 52217, "none")
    assert len(data["activities"]) == 398
    assert sum(data["arrivals_per_month"].values()) == 1199


def test_discover_and_calibrate_give_a_model_that_simulates(tmp_path: Path) -> None:
    model, profile = tmp_path / "model.bpmn", tmp_path / "profile.yaml"
    runner = CliRunner()
    done = runner.invoke(cli, ["discover", str(LOG), "-o", str(model), "--profile-out", str(profile),
                               "--activity", "activityNameEN", "--min-frequency", "0.5"])
    assert done.exit_code == 0, done.output
    assert "start times estimated for" in done.output
    assert "source: log BPIC15_1.xes.gz (1199 cases, 2010-10-05 to 2015-08-01)" in profile.read_text(encoding="utf-8")
    sim = runner.invoke(cli, ["simulate", str(model), "--profile", str(profile), "--years", "1", "-q",
                              "--format", "json"])
    assert sim.exit_code == 0, sim.output
    figures = json.loads(sim.output)["figures"]
    assert figures["cases_open"]["mean"] < figures["cases"]["mean"]
