"""A completion-only log's timer: ``discover`` reads a step that no one does and that follows one step after a
near-constant delay as a timer's firing, and says so in a note.

A log with start times shows a firing as an instant (tests/calibrate/test_discover_timer.py); a
completion-only export cannot, so the reminder stayed a task fitted as work (found by QA, qalog4). The
hand-made log: fourteen cases registered by anna on 6-19 January 2025 at 09:00, a supplement asked for (anna,
10:00) in twelve of them; no row names anyone for the reminder, sent 14 days after the request (two of the
twelve at 15:00, an hour later: within 10 % of the median, as a system's nightly batch moves it); then the
supplement, which comes 1 to 9 days after the reminder with no one named (it comes when it comes: not a
timer); each case decided by bo two days after its last step.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from bpmn_io.logfiles import read_log
from bpmn_io.reader import read_bpmn
from calibrate.logtimers import TIMER_ROWS, completion_only_timers
from cli import cli

pytest.importorskip("pm4py")

DAY = dt.timedelta(days=1)


def _log(folder: Path, *, reminders: int = 12, jitter_hours: int = 1, reminded_by: str = "") -> Path:
    rows = ["case;activity;timestamp;resource"]
    for i in range(14):
        at = dt.datetime(2025, 1, 6 + i, 9)
        rows.append(f"C{i};Registrera;{at:%Y-%m-%d %H:%M};anna")
        if i < reminders:
            at += dt.timedelta(hours=1)
            rows.append(f"C{i};Begär komplettering;{at:%Y-%m-%d %H:%M};anna")
            at += 14 * DAY + dt.timedelta(hours=jitter_hours if i in (3, 7) else 0)
            rows.append(f"C{i};Påminnelse skickad;{at:%Y-%m-%d %H:%M};{reminded_by}")
            at += (1 + i % 9) * DAY
            rows.append(f"C{i};Komplettering inkommen;{at:%Y-%m-%d %H:%M};")
        rows.append(f"C{i};Besluta;{at + 2 * DAY:%Y-%m-%d %H:%M};bo")
    path = folder / "log.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


NOTE = ("'Påminnelse skickad' read as a timer's firing, not a task: the log has one timestamp a row, so no "
        "instant shows, but no row names anyone for it and 12 of its 12 rows (100%) come right after 'Begär "
        "komplettering', 10–90 % of them 14.0–14.0 days later (median 14.0 days); it becomes a timer event "
        "waiting that long (på svenska: 'Påminnelse skickad' läses som en timer, inte en uppgift: ingen är "
        "namngiven, 12 av 12 rader kommer direkt efter 'Begär komplettering', 10–90 % av dem 14,0–14,0 dagar "
        "senare)")


def test_a_step_no_one_does_after_a_near_constant_delay_is_a_timer_with_a_note(tmp_path) -> None:
    log = _log(tmp_path)
    done = CliRunner().invoke(cli, ["discover", str(log), "-o", str(tmp_path / "m.bpmn")])
    assert done.exit_code == 0, done.output
    assert "model: 4 tasks, 1 timer event, " in done.output
    assert f"note: {NOTE}" in done.output.splitlines()
    process = read_bpmn(tmp_path / "m.bpmn").process()
    timer = next(n for n in process.nodes.values() if n.name == "Påminnelse skickad")
    assert type(timer).__name__ == "Event" and timer.position == "intermediate_catch"
    assert timer.definitions[0].timer.text == "P14D"  # the median from the request
    assert sorted(n.name for n in process.nodes.values() if type(n).__name__ == "Task") == [
        "Begär komplettering", "Besluta", "Komplettering inkommen", "Registrera"]


def test_the_evidence_must_be_strong(tmp_path) -> None:
    """Fewer than TIMER_ROWS rows, or delays spread beyond 10 % of their median, or a person named: a task."""
    table, _ = read_log(_log(tmp_path))
    assert [(t.activity, t.after, t.rows, t.following) for t in completion_only_timers(table)] == [
        ("Påminnelse skickad", "Begär komplettering", 12, 12)]
    few, _ = read_log(_log(tmp_path, reminders=TIMER_ROWS - 1))
    assert completion_only_timers(few) == ()
    # two of the 14-day delays 2 days longer: their 90th percentile is 15.8 days, beyond 14 + 1.4
    spread, _ = read_log(_log(tmp_path, jitter_hours=48))
    assert completion_only_timers(spread) == ()
    named, _ = read_log(_log(tmp_path, reminded_by="anna"))
    assert completion_only_timers(named) == ()
