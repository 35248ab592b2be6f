"""The sittings' hour from a log of completions only (calibrate/meetings.py, :func:`recorded_hour`).

Found by QA (qalog5): a completion-only log has each decision's completion alone, so ``calibrate`` fitted the
meeting days and never the hour (the profile's 13:00 stayed). The rule: the instants at which two cases or
more of the decision end are the sittings' records; when 2/3 or more of them lie within 30 minutes of their
median time of day the decisions were recorded at the sittings, and that median is the hour and the records'
days the sittings' days, with no lag after them (the profile's would count the wait for the minutes twice);
otherwise (minutes written a varying time after the sittings) neither is in the log and the profile's hour,
days and lag stay (found by QA, qameetsat: the records' days were fitted, Saturdays for a committee sitting on
Tuesdays). Both ways on Helsingborg's simulated log with its starts dropped: the committee meeting at 09:30
with the minutes at the sitting, and with the library's lag of 2 days to a week after it. A system's batch
closing many cases at one instant stays no meeting (the batch rule).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import yaml
from benchscript import bench_script
from click.testing import CliRunner

from bpmn_io.caselog import LogRecord, table_from_records, wall_seconds
from calibrate.meetings import batch_jobs, meeting_activity, recorded_hour
from cli import cli

ONLY_COMPLETIONS = bench_script("completions_only.py", "completions_only_for_meeting_hour")


def _calibrated(tmp_path: Path, *settings: str) -> dict:
    """Helsingborg simulated a year (60 cases, the committee at 09:30), its starts dropped, calibrated
    back."""
    xes = tmp_path / "log.xes"
    done = CliRunner().invoke(cli, ["simulate", "helsingborg", "--years", "1", "--seed", "3", "--set",
                                    "arrivals.per_year=60", "--set",
                                    "decision.bodies.committee.meetings.at=09:30",
                                    *settings, "-r", "1", "--eventlog", str(xes)])
    assert done.exit_code == 0, done.output
    log = tmp_path / "log.csv"
    log.write_text(ONLY_COMPLETIONS.completions_only(xes.read_bytes()), encoding="utf-8")
    done = CliRunner().invoke(cli, ["calibrate", "helsingborg", str(log), "-o", str(tmp_path / "p.yaml"),
                                    "--format", "json"])
    assert done.exit_code == 0, done.output
    return json.loads(done.output)["meetings"]


def test_decisions_recorded_at_the_sitting_give_its_hour(tmp_path: Path) -> None:
    meetings = _calibrated(tmp_path, "--set", "decision.after_meeting=0h")
    assert (meetings["rrule"], meetings["at_hour"]) == ("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3", 9.5)
    assert "lie within 30 minutes of 09:30, so the body's decisions were recorded at its sittings" in \
        meetings["hour_from_completions"]
    assert "at: 09:30" in (tmp_path / "p.yaml").read_text(encoding="utf-8").replace("'", "")
    # the records are the sittings, so the agenda cut-off is bounded as from a log with starts (qameetsat):
    # the profile's 2 weeks between the latest-ready case that made a sitting and the earliest that missed one
    low, high = meetings["agenda_cutoff_bounds_days"]
    assert low <= 14.0 + 0.5 and high >= 14.0 - 0.5 and low <= meetings["agenda_cutoff_days"] <= high
    assert _after_meeting(tmp_path) == {"dist": "fixed", "value": "0h"}  # the records are the decisions


def test_minutes_a_varying_time_after_the_sitting_give_neither_hour_nor_days(tmp_path: Path) -> None:
    """Found by QA (qameetsat): the records' days were fitted as the meeting days, Saturdays (a Tuesday's
    sitting plus the minutes' 2 days to a week), and the lag to the minutes was set to none. Those days are
    the minutes' days: the profile's sittings (Tuesdays, in the profile's months) and its lag stay, and the
    note says why."""
    meetings = _calibrated(tmp_path)  # the library's lag: 2 days to a week after each sitting
    assert meetings["at_hour"] is None
    assert "meeting hour not in the log (the profile's kept)" in meetings["hour_from_completions"]
    assert "BYDAY=TU" not in meetings["rrule"]  # the records' own days: the minutes', not the sittings'
    assert meetings["days_kept"].startswith("meeting days not in the log (the profile's kept")
    simulation = yaml.safe_load((tmp_path / "p.yaml").read_text(encoding="utf-8"))["simulation"]
    library = Path(__file__).resolve().parents[2] / "processes" / "library" / "helsingborg" / "profile.yaml"
    profile = yaml.safe_load(library.read_text(encoding="utf-8"))
    committee = profile["simulation"]["decision"]["bodies"]["committee"]
    assert simulation["decision"]["bodies"]["committee"] == committee
    decision = simulation["decision"]
    assert decision["after_meeting"] == {"dist": "uniform", "low": "2d", "high": "1w"}  # the profile's lag
    assert decision["note"].startswith("meeting days not in the log (the profile's kept, with its lag to the "
                                       "minutes)")
    assert "lie within 30 minutes of their median time of day" in decision["note"]  # the hour's note: why


def _after_meeting(folder: Path) -> dict:
    decision = yaml.safe_load((folder / "p.yaml").read_text(encoding="utf-8"))["simulation"]["decision"]
    assert ("after_meeting 0h: in a log of completions only the meeting days are the days its decisions "
            "were recorded") in decision["note"]
    return decision["after_meeting"]


def test_the_rule_by_hand() -> None:
    day, hour = 86400.0, 3600.0
    sittings = np.array([10, 38, 66, 94]) * day + 15 * hour  # four sittings at 15:00, three cases each
    found = recorded_hour(*_decided(np.repeat(sittings, 3)))
    assert (found.instants, found.near, found.hour) == (4, 4, 15.0)
    scattered = sittings + np.array([0, 3, 7, 11]) * hour  # recorded at 15, 18, 22 and 02 o'clock
    assert recorded_hour(*_decided(np.repeat(scattered, 3))).hour is None
    # two instants a case's decision shares with another: too few to tell
    assert recorded_hour(*_decided(sittings[:2].repeat(2))).instants == 2


def _decided(ends: np.ndarray, who: str = "nämnden"):
    """A table of one decision row a case at each of ``ends``, and its rows."""
    table = table_from_records([LogRecord(f"C{i}", "Besluta", float("nan"), float(t), who, "", i + 2)
                                for i, t in enumerate(ends)], source="log.csv")
    return table, np.arange(ends.size)


def test_a_system_closing_many_cases_at_one_instant_is_no_meeting_in_a_completion_only_log() -> None:
    records = []
    for i in range(12):  # at 02:00 on three Tuesdays a week apart, "system" closes four cases each
        run = dt.datetime(2025, 2, 4, 2) + dt.timedelta(days=7 * (i // 4))
        registered = run - dt.timedelta(days=9, hours=i % 4)
        records.append(LogRecord(f"C{i}", "Registrera", float("nan"), wall_seconds(registered),
                                 "anna", "", 2 * i + 2))
        records.append(LogRecord(f"C{i}", "Avsluta", float("nan"), wall_seconds(run), "system", "",
                                 2 * i + 3))
    table = table_from_records(records, source="log.csv")
    assert meeting_activity(table) is None  # its one hour does not make it a meeting: the batch rule says so
    assert "12 of them are by the system user 'system'" in batch_jobs(table)[0].note()
    # nor is it a sitting's hour where the model says the step is a body's decision
    found = recorded_hour(table, np.flatnonzero(table.activity == table.activities.index("Avsluta")))
    assert (found.near, found.hour) == (3, None)
    assert "a system's batch job, not sittings: 12 of them are by the system user 'system'" in found.said()
