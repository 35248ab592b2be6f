"""``discover`` reads a committee's decisions as meetings to wait for, not as a pool of people.

Found by QA (qalanes): on Helsingborg's simulated log the committee's decisions, all of a meeting's cases begun at
the meeting's instant, became a lane "committee" whose pool counted 24 people (the longest agenda) working Tuesdays
13:00-13:15, and the wait for the monthly meeting was lost. The rule (calibrate/meetings.py): an activity with 10
rows or more, half or more of them beginning at the very instant another case's row of it begins (no person does
two cases at one time), on 3 days or more, is decided at meetings; a time without a time of day (midnight) says
nothing. The hand-made log: 12 cases, registered by anna and reviewed by bo one at a time, decided by nämnden at
the third Tuesday of February, March and April 2025 (four cases each, all at 15:00).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bpmn_io.caselog import LogRecord, table_from_records, wall_seconds
from calibrate.meetings import meeting_activity
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
