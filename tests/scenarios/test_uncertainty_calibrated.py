"""An uncertainty run on a calibrated profile samples what the log fitted over the fit's own interval.

Found by QA (2026-12-06): Helsingborg simulated at 120 applications a year, calibrated back from its XES, and
run as two scenarios (one officer; two, with the first as baseline) with ``--uncertainty``: arrivals fitted
at 119.4 a year [104.8, 135.6] were sampled over 48-239 (the table's fallback, 0.4-2 x the value), the share
of incomplete applications over the library's 0.3-0.7, and who decides over committee / working committee /
chair although the log shows the committee's meetings. A value with a source and no assumption is not an
assumption: it is sampled over the interval its fit reports (the note beside it) or, measured without an
interval, held fixed; what the log did not tell (the supplement rounds) stays an assumption.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bpmn_io.yamlsrc import load_yaml
from cli import cli

BPMN = Path(__file__).resolve().parents[2] / "processes" / "library" / "helsingborg" / "process.bpmn"


@pytest.fixture(scope="module")
def calibrated(tmp_path_factory) -> tuple[Path, dict, dict]:
    """(profile file, its data, calibrate's JSON report) from one simulated year at 120 a year."""
    folder = tmp_path_factory.mktemp("calibrated")
    runner = CliRunner()
    log = folder / "log.xes"
    sim = runner.invoke(cli, ["simulate", "helsingborg", "--years", "1", "--seed", "1", "-q", "-r", "1",
                              "--set", "arrivals.per_year=120", "--eventlog", str(log)])
    assert sim.exit_code == 0, sim.output
    done = runner.invoke(cli, ["calibrate", str(BPMN), str(log), "-o", str(folder / "profile.yaml"),
                               "--format", "json"])
    assert done.exit_code == 0, done.output
    profile = folder / "profile.yaml"
    return profile, load_yaml(profile.read_bytes(), source=str(profile)).data, json.loads(done.output)


def test_calibrate_keeps_the_assumption_of_what_the_log_did_not_tell_and_says_the_log_shows_who_decides(
        calibrated) -> None:
    _path, profile, _report = calibrated
    sim = profile["simulation"]
    rounds = sim["elements"]["Task_Begar_Komplettering"]
    assert rounds["loop"] == {"max": 3} and rounds["source"].startswith("log log.xes")
    # the work time is fitted; the rounds are the model's assumption still, named after the key they are about
    assert rounds["assumption"]["en"].startswith("loop: A4:") and "range 1-3" in rounds["assumption"]["en"]
    assert rounds["assumption"]["sv"].startswith("loop: ")
    decision = sim["decision"]
    assert decision["delegation"] == "committee" and decision["source"].startswith("log log.xes")
    assert "assumption" not in decision  # the model's "A7: the full committee decides ... A8" is fitted now
    assert decision["note"].startswith("delegation: the log's decisions fall on the ")
    assert "meeting days fitted for bodies.committee" in decision["note"] and "after_meeting (from log" in decision["note"]
