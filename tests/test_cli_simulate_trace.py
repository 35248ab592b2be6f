"""One case through `permitflow simulate`, every time worked out by hand and read back from
the event log and the figures: office hours with lunch, Swedish holidays and eves, a remiss
in calendar time, a committee that meets (or an officer), the legal clock and its extension.

The model (tests/fixtures/sim/trace): Registrera (2 h, registry) -> the clock starts ->
Remiss (a delay, calendar time) -> Utreda (12 h, officer) -> "in time?" -> [Förläng, 30 min]
-> Besluta -> the clock stops. Office: Mon-Thu 08-12 and 13-16:30 (7.5 h), Fri 08-12 and
13-15 (6 h); holidays SE. The committee meets on the third Tuesday at 13:00 (not in July),
agenda cut-off 10 days, the decision in effect 2 days after the meeting. 4 months = 2922 h.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from simulator.glossary import describe

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "sim" / "trace"


def simulate(tmp_path: Path, arrival: str, *sets: str) -> tuple[list[tuple[str, str, str, str]], dict]:
    """(activity, resource, start, end) of replication 1's only case, and the figures' means."""
    for name in ("process.yaml", "profile.yaml"):
        shutil.copy(FIXTURE / name, tmp_path / name)
    log = tmp_path / "log.csv"
    args = ["simulate", str(tmp_path / "process.yaml"), "-r", "1", "-q", "--workers", "1", "--format", "json",
            "--eventlog", str(log), "--set", f"arrivals.dates=[{arrival}]"]
    for s in sets:
        args += ["--set", s]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    rows = [(r["activity"], r["resource"], r["start"], r["end"]) for r in csv.DictReader(log.open(encoding="utf-8"))]
    return rows, {k: v["mean"] for k, v in json.loads(result.output)["figures"].items()}


def test_midsommar_a_july_without_meetings_and_the_committee_in_august(tmp_path: Path) -> None:
    rows, f = simulate(tmp_path, "2025-06-19 15:00:00")
    assert rows == [
        # Thu 19 June 15:00-16:30 (1.5 h); Fri 20 midsommarafton, Sat 21 midsommardagen, Sun closed; Mon 23 08:00-08:30
        ("Registrera", "registry", "2025-06-19T15:00:00", "2025-06-23T08:30:00"),
        ("Remiss", "", "2025-06-23T08:30:00", "2025-07-03T08:30:00"),  # 10 days of calendar time
        # Thu 3 July 08:30-12 and 13-16:30 (7 h); Fri 4 July 08-12 (4 h) and 13-14 (1 h)
        ("Utreda", "officer", "2025-07-03T08:30:00", "2025-07-04T14:00:00"),
        # no meeting in July; Tue 19 Aug is the third Tuesday (5, 12, 19), cut-off 9 Aug 13:00 made; + 2 days
        ("Besluta", "committee", "2025-08-19T13:00:00", "2025-08-21T13:00:00"),
    ]
    # the clock: Mon 23 June 08:30 to Thu 21 Aug 13:00 = 59 days 4.5 h; from submission 63 days less 2 h
    assert f["complete_to_decision_mean_days"] == pytest.approx(59 + 4.5 / 24, abs=1e-9)
    assert f["submission_to_decision_mean_days"] == pytest.approx(63 - 2 / 24, abs=1e-9)
    assert f["wait_days.Task_Beslut"] == pytest.approx(46 - 1 / 24, abs=1e-9)  # Fri 4 July 14:00 to Tue 19 Aug 13:00
    assert (f["extended_share"], f["within_deadline_share"]) == (0.0, 1.0)


@pytest.mark.parametrize("arrival, expected, legal_days", [
    # Easter 2026: Thu 2 Apr 16:00-16:30; Långfredag 3, påskafton, påskdagen, annandag påsk 6 closed; Tue 7 08-09:30.
    # Utreda from Fri 17 Apr 09:30: 2.5 + 2 h Friday, Mon 20 Apr 4 + 3.5 h: ends at closing time, 16:30.
    ("2026-04-02 16:00:00", [
        ("Registrera", "registry", "2026-04-02T16:00:00", "2026-04-07T09:30:00"),
        ("Remiss", "", "2026-04-07T09:30:00", "2026-04-17T09:30:00"),
        ("Utreda", "officer", "2026-04-17T09:30:00", "2026-04-20T16:30:00"),
        ("Besluta", "officer", "2026-04-21T08:00:00", "2026-04-21T09:00:00"),
    ], 14 - 0.5 / 24),
    # Christmas: Tue 23 Dec 16:00-16:30; julafton, juldagen, annandag jul and the weekend closed; Mon 29 08-09:30.
    # Utreda Thu 8 Jan 09:30 (6 h) and Fri 9 Jan 08-12, 13-15 (6 h); the officer decides Monday 12 Jan 08-09.
    ("2025-12-23 16:00:00", [
        ("Registrera", "registry", "2025-12-23T16:00:00", "2025-12-29T09:30:00"),
        ("Remiss", "", "2025-12-29T09:30:00", "2026-01-08T09:30:00"),
        ("Utreda", "officer", "2026-01-08T09:30:00", "2026-01-09T15:00:00"),
        ("Besluta", "officer", "2026-01-12T08:00:00", "2026-01-12T09:00:00"),
    ], 14 - 0.5 / 24),
    # New Year: Tue 30 Dec 15:00-16:30; nyårsafton and nyårsdagen closed; Fri 2 Jan 08-08:30.
    ("2025-12-30 15:00:00", [
        ("Registrera", "registry", "2025-12-30T15:00:00", "2026-01-02T08:30:00"),
        ("Remiss", "", "2026-01-02T08:30:00", "2026-01-12T08:30:00"),
        ("Utreda", "officer", "2026-01-12T08:30:00", "2026-01-13T14:00:00"),
        ("Besluta", "officer", "2026-01-13T14:00:00", "2026-01-13T15:00:00"),
    ], 11 + 6.5 / 24),
])
def test_holidays_and_eves_and_an_officer_decides_without_a_meeting(
        tmp_path: Path, arrival: str, expected: list, legal_days: float) -> None:
    rows, f = simulate(tmp_path, arrival, "decision.delegation=officer")
    assert rows == expected
    # the officer is free: Besluta waits only for the office to open, and that counts as its wait
    decide = next(r for r in rows if r[0] == "Besluta")
    night = (dt.datetime.fromisoformat(decide[2]) - dt.datetime.fromisoformat(expected[2][3])).total_seconds() / 86400
    assert f["wait_days.Task_Beslut"] == pytest.approx(night, abs=1e-9)
    assert "office is closed" in describe("wait_days.Task_Beslut")
    assert f["complete_to_decision_mean_days"] == pytest.approx(legal_days, abs=1e-9)


# Complete Mon 23 June 2025 08:30: the 4 months (2922 h = 121 d 18 h) run out Thu 23 Oct 02:30.
@pytest.mark.parametrize("remiss, delegation, extended, decided, legal_days, within", [
    # remiss back Mon 1 Sep, Utreda ends Tue 2 Sep 14:00; the 16 Sep meeting (cut-off 6 Sep) + 2 d
    ("70d", "committee", False, "2025-09-18T13:00:00", 87 + 4.5 / 24, (1.0, 1.0, 1.0)),
    # back Wed 1 Oct, Utreda ends Thu 2 Oct 14:00; projected: the 21 Oct meeting + 2 d = 23 Oct 13:00, after
    # 02:30 that day, so the extension is taken (a notice, 30 min of the officer's work) with time to spare
    ("100d", "committee", True, "2025-10-23T13:00:00", 122 + 4.5 / 24, (0.0, 1.0, 1.0)),
    # an officer would decide at once (2 Oct 14:00-15:00): no extension
    ("100d", "officer", False, "2025-10-02T15:00:00", 101 + 6.5 / 24, (1.0, 1.0, 1.0)),
    # back Fri 31 Oct, after the deadline: too late for a notice; Utreda ends Mon 3 Nov 15:30; meeting 18 Nov
    ("130d", "committee", False, "2025-11-20T13:00:00", 150 + 4.5 / 24, (0.0, 1.0, 0.0)),
])
def test_the_legal_clock_and_the_one_extension_by_hand(
        tmp_path: Path, remiss: str, delegation: str, extended: bool, decided: str, legal_days: float,
        within: tuple) -> None:
    rows, f = simulate(tmp_path, "2025-06-19 15:00:00", f"elements.Task_Remiss.delay={remiss}",
                       f"decision.delegation={delegation}")
    assert ("Förläng" in [r[0] for r in rows]) is extended
    if extended:
        assert ("Förläng", "officer", "2025-10-02T14:00:00", "2025-10-02T14:30:00") in rows
    assert rows[-1][0] == "Besluta" and rows[-1][3] == decided
    assert f["complete_to_decision_mean_days"] == pytest.approx(legal_days, abs=1e-9)
    assert f["extended_share"] == float(extended)
    assert (f["within_deadline_share"], f["within_extended_deadline_share"], f["within_legal_time_share"]) == within


def test_different_seeds_give_different_figures(tmp_path: Path) -> None:
    shutil.copy(Path(__file__).resolve().parent / "fixtures" / "sim" / "mm1.bpmn", tmp_path / "process.bpmn")
    shutil.copy(Path(__file__).resolve().parent / "fixtures" / "sim" / "mm1.yaml", tmp_path / "profile.yaml")
    outs = [CliRunner().invoke(cli, ["simulate", str(tmp_path / "process.bpmn"), "--cases", "200", "-r", "3",
                                     "--format", "json", "--seed", seed]) for seed in ("1", "2", "1")]
    means = [json.loads(o.output)["figures"]["submission_to_decision_mean_days"]["mean"] for o in outs]
    assert means[0] == means[2] and means[0] != means[1]


def test_without_a_legal_clock_no_share_within_a_deadline_is_claimed(tmp_path: Path) -> None:
    """Found by the QA journey (2026-12-06): a process developer's first profile, with no `clock:`, gave
    `within_deadline_share` 1 (every case on time, the deadline taken as infinite) in `simulate` and in
    summary.json, while `cases.csv` said 0 (not within) for every case. With no clock there is no deadline:
    the shares are not figures (null) and the case rows leave the cell empty."""
    sim = Path(__file__).resolve().parent / "fixtures" / "sim"
    shutil.copy(sim / "mm1.bpmn", tmp_path / "process.bpmn")
    shutil.copy(sim / "mm1.yaml", tmp_path / "profile.yaml")
    shares = ("within_deadline_share", "within_extended_deadline_share", "within_legal_time_share")
    out = CliRunner().invoke(cli, ["simulate", str(tmp_path / "process.bpmn"), "--cases", "50", "-r", "2",
                                   "--format", "json", "--workers", "1"])
    assert out.exit_code == 0, out.output
    figures = json.loads(out.output)["figures"]
    assert [figures[s]["mean"] for s in shares] == [None, None, None]
    assert figures["complete_to_decision_mean_days"]["mean"] > 0  # the other clock figures are still there
    (tmp_path / "s.yaml").write_text("name: s\nbase: [{bpmn: process.bpmn, profile: profile.yaml, name: mm1}]\n"
                                     "cases: 50\nreplications: 2\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["run", str(tmp_path / "s.yaml"), "-o", str(tmp_path / "out"), "--workers", "1"])
    assert out.exit_code == 0, out.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    point = summary["scenarios"][0]["points"][0]["figures"]
    assert [point[f"mm1/{s}"]["mean"] for s in shares] == [None, None, None]
    with (tmp_path / "out" / "cases.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 100 and {row["within_deadline"] for row in rows} == {""}
