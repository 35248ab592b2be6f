"""``discover`` reads a committee's decisions as meetings to wait for, not as a pool of people.

Found by QA (qalanes): on Helsingborg's simulated log the committee's decisions, all of a meeting's cases
begun at the meeting's instant, became a lane "committee" whose pool counted 24 people (the longest agenda)
working Tuesdays 13:00-13:15, and the wait for the monthly meeting was lost. The rule (calibrate/meetings.py):
an activity with 10 rows or more, half or more of them beginning at the very instant another case's row of it
begins (no person does two cases at one time), on 3 days or more, is decided at meetings; a time without a
time of day (midnight) says nothing. The hand-made log: 12 cases, registered by anna and reviewed by bo one at
a time, decided by nämnden at the third Tuesday of February, March and April 2025 (four cases each, all at
15:00).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bpmn_io.caselog import LogRecord, from_seconds, table_from_records, wall_seconds
from calibrate.meetings import batch_jobs, meeting_activity
from cli import cli

MEETINGS = (dt.datetime(2025, 2, 18, 15), dt.datetime(2025, 3, 18, 15), dt.datetime(2025, 4, 15, 15))


def _rows(*, decided_at_once: bool = True, midnight: bool = False) -> list[tuple[str, str, dt.datetime, str]]:
    rows = []
    for i in range(12):
        meeting = MEETINGS[i // 4]
        came = meeting - dt.timedelta(days=30 - i % 4)
        rows.append((f"C{i}", "Registrera", came.replace(hour=9), "anna"))
        rows.append((f"C{i}", "Granska", came.replace(hour=10) + dt.timedelta(days=1), "bo"))
        at = meeting if decided_at_once else meeting + dt.timedelta(minutes=20 * (i % 4))
        rows.append((f"C{i}", "Besluta", at.replace(hour=0) if midnight else at, "nämnden"))
    return rows


def _table(**kwargs: bool):
    records = [LogRecord(c, a, float("nan"), wall_seconds(t), who, "", n + 2)
               for n, (c, a, t, who) in enumerate(_rows(**kwargs))]
    return table_from_records(records, source="log.csv")


def test_decisions_begun_together_are_a_meeting() -> None:
    found = meeting_activity(_table())
    assert found is not None
    assert (found.activity, found.rows, found.together, found.sittings) == ("Besluta", 12, 12, 3)
    assert "'Besluta' read as decided at meetings" in found.note() and "på svenska" in found.note()


def test_one_case_at_a_time_is_peoples_work() -> None:
    # the same decisions taken 20 minutes apart: a person's work, one case after another
    assert meeting_activity(_table(decided_at_once=False)) is None


def test_a_date_without_a_time_tells_nothing() -> None:
    # every activity of a day shares a dates-only log's midnight
    assert meeting_activity(_table(midnight=True)) is None


def test_discover_fits_the_committees_meetings_and_no_pool_for_it(tmp_path: Path) -> None:
    pytest.importorskip("pm4py")
    log = tmp_path / "log.csv"
    log.write_text("case;activity;timestamp;resource\n" + "".join(
        f"{c};{a};{t:%Y-%m-%d %H:%M};{who}\n" for c, a, t, who in _rows()), encoding="utf-8")
    done = CliRunner().invoke(cli, ["discover", str(log), "-o", str(tmp_path / "m.bpmn"), "--profile-out",
                                    str(tmp_path / "p.yaml")])
    assert done.exit_code == 0, done.output
    assert "'Besluta' read as decided at meetings" in done.output
    sim = yaml.safe_load((tmp_path / "p.yaml").read_text(encoding="utf-8"))["simulation"]
    decision = sim["decision"]
    assert decision["element"] == "Task_Besluta" and decision["delegation"] == "committee"
    meetings = decision["bodies"]["committee"]["meetings"]
    assert meetings["rrule"] == "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3"
    # the committee is no pool of people: only anna's and bo's lanes are
    assert all("nämnden" not in name for name in sim["pools"])


# A system's batch job begins many cases at one instant too (qadisc2): 12 cases registered by anna, and at
# 02:00 on three days a run sends the reminders of four cases each; the rows' resource, duration and the days
# between the runs say which it is.
def _batch(who: str, *, days_apart: int = 7, instant: bool = False, minutes: bool = False):
    records = []
    for i in range(12):
        run = dt.datetime(2025, 2, 4, 2) + dt.timedelta(days=days_apart * (i // 4))
        came = run - dt.timedelta(days=10 + i % 4, hours=-7)
        records.append(LogRecord(f"C{i}", "Registrera", float("nan"), wall_seconds(came), "anna", "",
                                 2 * i + 2))
        begin = wall_seconds(run) if instant or minutes else float("nan")
        end = run + dt.timedelta(days=1) if minutes else run
        records.append(LogRecord(f"C{i}", "Skicka påminnelse", begin, wall_seconds(end), who, "", 2 * i + 3))
    return table_from_records(records, source="log.csv")


def test_a_system_users_run_is_a_batch_job() -> None:
    table = _batch("System")
    assert meeting_activity(table) is None
    (job,) = batch_jobs(table)
    assert (job.begun.activity, job.begun.together, job.begun.sittings) == ("Skicka påminnelse", 12, 3)
    assert "read as a system's batch job, not as decided at meetings" in job.note()
    assert "12 of them are by the system user 'system'" in job.note() and "på svenska" in job.note()


def test_an_instant_no_one_is_named_for_is_a_batch_job() -> None:
    table = _batch("", instant=True)
    assert meeting_activity(table) is None
    assert "no row names anyone and each takes no time" in batch_jobs(table)[0].note()


def test_a_run_every_day_is_a_batch_job_whoever_is_named() -> None:
    table = _batch("nämnden", days_apart=1)
    assert meeting_activity(table) is None
    note = batch_jobs(table)[0].note()
    assert "it runs on days a median of 1.0 days apart, and no body sits every day" in note


def test_sittings_a_week_apart_that_take_time_are_meetings_named_or_not() -> None:
    # the same instants, a week apart, each row running to the next day's minutes: a body's meetings
    for who in ("nämnden", ""):
        found = meeting_activity(_batch(who, minutes=True))
        assert found is not None and found.activity == "Skicka påminnelse"
        assert batch_jobs(_batch(who, minutes=True)) == ()


def test_discover_says_the_batch_job_and_fits_no_meetings(tmp_path: Path) -> None:
    pytest.importorskip("pm4py")
    log = tmp_path / "log.csv"
    table = _batch("System")
    log.write_text("case;activity;timestamp;resource\n" + "".join(
        f"{table.case_ids[c]};{table.activities[a]};{from_seconds(t):%Y-%m-%d %H:%M};{table.resources[r]}\n"
        for c, a, t, r in zip(table.case, table.activity, table.end, table.resource, strict=True)),
                   encoding="utf-8")
    done = CliRunner().invoke(cli, ["discover", str(log), "-o", str(tmp_path / "m.bpmn"), "--profile-out",
                                    str(tmp_path / "p.yaml")])
    assert done.exit_code == 0, done.output
    assert "'Skicka påminnelse' read as a system's batch job" in done.output
    assert "read as decided at meetings" not in done.output
    assert "decision" not in yaml.safe_load((tmp_path / "p.yaml").read_text(encoding="utf-8"))["simulation"]
