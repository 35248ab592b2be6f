"""A clerk who keeps cases open for days: work times from the spacing of completions, not from the open time.

Found by QA (qalog6): a name whose rows are items kept open in the case system (open a median of 8
hours or more) counted as one person, but each row's open time was still fitted as its work, days of it.
The log, both ways: 40 cases, three registered each working day from Monday 6 January 2025 (anna, 08:00
on); karin completes her review of each three working days later, at 11:00, 14:00 and 17:00, so three
office hours (08:00-17:00) lie between each of her completions and the one before; bo decides each case
the next morning. A case w registered at 14:00 on the third day and reviewed by 17:00 opens her log; case
x's review is under way at the export. With ``open_days`` karin's review is logged as started at its
registration (items kept open: days); without, an hour before its completion (hands-on work, read so).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from calibrate.stepdurations import _open_items_said
from cli import cli

MODEL = """\
process: {id: Tillstand, name: Tillstånd}
lanes:
  Lane_R: Registrator
  Lane_H: Handläggare
steps:
  - {id: Start, event: start, name: Ansökan inkommen, lane: Lane_R}
  - {id: Task_Reg, task: user, name: Registrera, lane: Lane_R}
  - {id: Task_Gr, task: user, name: Granska, lane: Lane_H}
  - {id: Task_Be, task: user, name: Besluta, lane: Lane_H}
  - {id: End, event: end, name: Klart, lane: Lane_H}
"""
PROFILE = """\
municipality: Test
simulation:
  start: 2025-01-01
  horizon: 1y
  assumption: "test: assumed values, replaced by calibration where the log tells"
  calendars:
    office:
      hours: {mon: "08:00-17:00", tue: "08:00-17:00", wed: "08:00-17:00", thu: "08:00-17:00",
              fri: "08:00-17:00"}
      holidays: none
  pools:
    registry: {count: 1, calendar: office, cost_per_hour: 600, lanes: [Lane_R]}
    officer: {count: 1, calendar: office, cost_per_hour: 700, lanes: [Lane_H]}
  arrivals: {per_year: 200}
  elements:
    Task_Reg: {duration: 15m}
    Task_Gr: {duration: 3h}
    Task_Be: {duration: 30m}
"""
DONE = ("11:00", "14:00", "17:00")  # karin's completions each day: three office hours apart


def _at(when: dt.datetime) -> str:
    return f"{when:%Y-%m-%d %H:%M}"


def _log(open_days: bool) -> str:
    days = [d for d in (dt.date(2025, 1, 6) + dt.timedelta(days=i) for i in range(30)) if d.weekday() < 5]
    rows = ["case;activity;start;end;resource",
            f"w;Registrera;{days[2]} 13:45;{days[2]} 14:00;anna",
            f"w;Granska;{days[2]} {'14:00' if open_days else '16:00'};{days[2]} 17:00;karin"]
    for c in range(40):
        day, slot = c // 3, c % 3
        registered = dt.datetime.fromisoformat(f"{days[day]} 08:00") + dt.timedelta(minutes=15 * slot)
        done = dt.datetime.fromisoformat(f"{days[day + 3]} {DONE[slot]}")
        begun = registered + dt.timedelta(minutes=15) if open_days else done - dt.timedelta(hours=1)
        decided = dt.datetime.fromisoformat(f"{days[day + 4]} 08:00") + dt.timedelta(minutes=30 * slot)
        rows += [f"C{c};Registrera;{_at(registered)};{_at(registered + dt.timedelta(minutes=15))};anna",
                 f"C{c};Granska;{_at(begun)};{_at(done)};karin",
                 f"C{c};Besluta;{_at(decided)};{_at(decided + dt.timedelta(minutes=30))};bo"]
    # at the export, case x's review is started and not ended: an item landed (open_days), or work under way
    rows += [f"x;Registrera;{days[13]} 08:00;{days[13]} 08:15;anna",
             f"x;Granska;{days[13] if open_days else days[16]} {'08:15' if open_days else '12:00'};;karin"]
    return "\n".join(rows) + "\n"


def _calibrated(tmp_path: Path, open_days: bool) -> tuple[dict, dict]:
    (tmp_path / "model.yaml").write_text(MODEL, encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "log.csv").write_text(_log(open_days), encoding="utf-8")
    done = CliRunner().invoke(cli, ["calibrate", str(tmp_path / "model.yaml"), str(tmp_path / "log.csv"),
                                    "-o", str(tmp_path / "out.yaml"), "--format", "json"])
    assert done.exit_code == 0, done.output
    profile = yaml.safe_load((tmp_path / "out.yaml").read_text(encoding="utf-8"))
    return json.loads(done.output), profile["simulation"]


def test_a_clerks_open_items_give_the_spacing_of_her_completions_as_work(tmp_path) -> None:
    report, sim = _calibrated(tmp_path, open_days=True)
    officer = {p["pool"]: p for p in report["pools"]}["officer"]
    assert "karin counted as one: the rows are open a median of" in officer["counted_by"]
    review = report["durations"]["Task_Gr"]
    # three office hours since her previous completion, each of the 41 (w's from its registration at 14:00)
    assert (review["n"], review["sample_mean_hours"], review["open_item_rows"]) == (41, 3.0, 41)
    note = sim["elements"]["Task_Gr"]["note"]
    assert "41 of 41 rows by karin, whose rows are items kept open in the case system" in note
    assert "41 av 41 rader av karin, vars ärenden står öppna i ärendesystemet" in note
    # x's review, opened and not completed, is no work seen under way: not counted as work longer than so far
    assert (review["censored"], review["in_progress"], review["open_items_left_out"]) == (False, 0, 1)
    assert "1 started and not ended by people whose rows are items kept open left out: no work on" in note
    # her day is the office's: an item opened at a registration at 08:00 is no work started then
    assert officer["hours"]["mon"] == "08:00-17:00"
    assert "open_item_rows" not in report["durations"]["Task_Be"]  # bo's decisions are hours: read as logged


def test_hands_on_rows_keep_their_logged_starts(tmp_path) -> None:
    """The same completions with karin's rows logged as an hour of work each: her spacing (three hours) is not
    read, her logged hour is, as before."""
    report, sim = _calibrated(tmp_path, open_days=False)
    review = report["durations"]["Task_Gr"]
    assert (review["n"], review["sample_mean_hours"]) == (41, 1.0)
    assert "open_item_rows" not in review and "open_items_left_out" not in review
    assert (review["censored"], review["in_progress"]) == (True, 1)  # x's hour under way: longer than so far
    assert "items kept open" not in sim["elements"]["Task_Gr"]["note"]


def test_open_items_note_groups_its_counts_in_each_language() -> None:
    """The note's counts as each half's language writes them: since b3128a50/fd097a63 the English half said
    "1,234 of 2,000" while the Swedish half beside it still said "1234 av 2000" (found by QA, qareview)."""
    note = _open_items_said({"karin": 192.0}, 1234, 2000)
    assert "1,234 of 2,000 rows by karin" in note
    assert "1\u00a0234 av 2\u00a0000 rader av karin" in note
    assert "a median of 8.0 days" in note and "i median 8,0 dagar" in note
