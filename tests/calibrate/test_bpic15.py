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


def test_a_pool_per_subprocess_counts_each_employee_once() -> None:
    """The log's rows in a pool per subprocess (bench/bpic15_pools.py): 16 employees have 1 % of some pool's rows,
    and the pools counted them 133 times; now each counts once, in the pool where they did most of their work, and
    a pool all of whose people did more elsewhere keeps its main one (found by QA, qalog4)."""
    from benchscript import bench_script

    from bpmn_io.logfiles import read_log
    from calibrate.staff import home_pools

    script = bench_script("bpic15_pools.py", "bpic15_pools")
    names = script.names_by_subprocess(read_log(LOG)[0])
    found = {pool: (before, now, kept) for pool, _, before, now, kept in script.counts(names)}
    assert sum(before for before, _, _ in found.values()) == 133
    assert found["HOOFD"] == (11, 11, 0)  # the main process keeps its 11
    home = home_pools(names)
    assert len(home) == 16
    # each of the 16 counted once where they did most, plus each pool's main person where it had no one of its own
    assert sum(now for _, now, _ in found.values()) == 16 + sum(kept for _, _, kept in found.values()) == 31
