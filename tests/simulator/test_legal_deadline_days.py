"""A deadline written in days or weeks whose last day the law closes runs to the end of the next weekday, by
hand; one written in hours is not moved.

Lagen (1930:173) om beräkning av lagstadgad tid, 2 §, moves the last day of a time counted by the day
(days, weeks, months, years) off a Sunday, another public holiday, a Saturday, midsommarafton, julafton or
nyårsafton to the next weekday. From clocks started at 09:00:
- 28 days from Saturday 6 September 2025 end on Saturday 4 October: to the end of Monday 6 October, 31 days
  from 6 September 00:00 (735 hours from the start, not 672);
- 28 days from Wednesday 26 November 2025 end on julafton, Wednesday 24 December; juldagen, annandag jul,
  Saturday 27 and Sunday 28 are closed too: to the end of Monday 29 December, 34 days on (807 hours, not 672);
- 2 weeks from Friday 5 June 2026 end on midsommarafton, Friday 19 June; midsommardagen (Saturday 20) and
  Sunday 21 closed: to the end of Monday 22 June, 18 days on (423 hours, not 336);
- 28 days from Thursday 4 September 2025 end on Thursday 2 October, a weekday: not moved (672 hours);
- 672 or 336 hours from any of them: that many hours, a fixed length (the law's "dagar, veckor, månader eller
  år" count days; an hour ends at an instant, docs/simulation.md).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from simmodels import end, proc, replay_params, run, start, task, throw

from bpmn_io.caselog import wall_seconds
from bpmn_io.loading import load_model
from bpmn_io.logfiles import read_log
from bpmn_io.profile import read_profile
from calibrate.core import calibrate
from calibrate.distances import CaseLog, case_deadline_days
from calibrate.mapping import map_activities
from calibrate.reporting import calibration_text
from calibrate.validate import resolved_deadline, score
from calibrate.validation_text import validation_text
from clicommands.calibration import validate_held_out
from scenarios.execute import CASE_COLUMNS, case_rows_of
from simulator.stats import figures

LOGS = Path(__file__).resolve().parents[1] / "fixtures" / "logs"

# (clock start at 09:00, the deadline as written, hours from the start to its last instant)
CASES = [
    (dt.date(2025, 9, 6), "28d", 31 * 24 - 9),  # Saturday -> Saturday 4 October: to Monday 6th's end
    (dt.date(2025, 11, 26), "28d", 34 * 24 - 9),  # -> julafton: to Monday 29 December's end
    (dt.date(2026, 6, 5), "2w", 18 * 24 - 9),  # -> midsommarafton: to Monday 22 June's end
    (dt.date(2025, 9, 4), "28d", 28 * 24),  # -> Thursday 2 October: a weekday, not moved
    (dt.date(2025, 9, 6), "672h", 28 * 24),  # in hours: not moved
    (dt.date(2025, 11, 26), "672h", 28 * 24),
    (dt.date(2026, 6, 5), "336h", 14 * 24),
]


def _clock(deadline: str, extension: str | None = None) -> Any:
    more = f", extension: {extension}" if extension else ""
    clock = f"  clock: {{start: S, stop: E, deadline: {deadline}{more}}}\n"
    return replay_params(dates="[2025-01-06]", extra=clock)


@pytest.mark.parametrize("begun, deadline, hours", CASES)
def test_the_simulations_deadline_in_days_runs_to_the_end_of_the_next_weekday(
        begun: dt.date, deadline: str, hours: float) -> None:
    prm = _clock(deadline)
    assert prm.clock.span(prm.datetime_to_hours(dt.datetime.combine(begun, dt.time(9))), prm.start) == hours


@pytest.mark.parametrize("begun, deadline, hours", CASES)
def test_a_case_logs_deadline_in_days_runs_to_the_end_of_the_next_weekday(
        begun: dt.date, deadline: str, hours: float) -> None:
    first = np.array([wall_seconds(dt.datetime.combine(begun, dt.time(9)))])
    written = float(deadline[:-1]) * (24 if deadline.endswith("d") else 168 if deadline.endswith("w") else 1)
    assert case_deadline_days(first, written / 24, None, deadline[-1]).tolist() == [pytest.approx(hours / 24)]


def test_an_extension_in_weeks_moves_the_extended_deadline() -> None:
    # 14 days and 2 weeks more from Friday 22 May 2026 09:00: 28 days to Friday 19 June, midsommarafton: to
    # the end of Monday 22 June (32 days from 22 May 00:00); the 14 days alone end on Friday 5 June, a weekday
    prm = _clock("14d", "2w")
    at = prm.datetime_to_hours(dt.datetime(2026, 5, 22, 9))
    assert prm.clock.span(at, prm.start) == 14 * 24
    assert prm.clock.span(at, prm.start, extended=True) == 32 * 24 - 9
    # the deadline in hours and the extension in weeks: the time is counted by the day (a part in weeks)
    assert _clock("336h", "2w").clock.span(at, prm.start, extended=True) == 32 * 24 - 9
    assert _clock("336h", "336h").clock.span(at, prm.start, extended=True) == 28 * 24


MODEL = proc([start("S"), throw("Komplett"), task("Polis"), throw("Fattat"), end("E")],
             "S>Komplett Komplett>Polis Polis>Fattat Fattat>E")


@pytest.mark.parametrize("deadline, answer, on_time", [
    ("28d", "30d", 1),  # decided Monday 6 October 2025 09:00: the next weekday after Saturday 4 October
    ("28d", "30.6d", 1),  # Monday 23:24
    ("28d", "30.7d", 0),  # Tuesday 01:48
    ("672h", "28d", 1),  # in hours: the Saturday 09:00 itself
    ("672h", "28.01d", 0),  # a quarter of an hour after it, and the Monday, are late
    ("672h", "30d", 0),
])
def test_a_decision_on_the_monday_after_a_saturday_deadline_in_days_is_on_time_in_every_output(
        deadline: str, answer: str, on_time: int) -> None:
    prm = replay_params(f"    Polis: {{delay: {answer}}}", dates="[2025-09-06]", at="09:00",
                        extra=f"  clock: {{start: Komplett, stop: Fattat, deadline: {deadline}}}\n")
    kept = run(MODEL, prm)
    (row,) = case_rows_of("saturday", kept, prm)
    assert row[CASE_COLUMNS.index("within_deadline")] == on_time
    assert figures(kept)["within_deadline_share"] == on_time
    assert figures(run(MODEL, prm, keep_records=False))["within_deadline_share"] == on_time


#: (first event, last event) of each case: started on Saturday 6 September 2025 09:00, decided on the Monday
#: after its 28 days (on time by the law's 2 §, late by a fixed 672 hours), on the Tuesday (late either way),
#: and a case started Thursday 4 September, decided on Thursday 2 October 09:00 (on time either way)
LOGGED = [("2025-09-06 09:00", "2025-10-06 16:00"), ("2025-09-06 09:00", "2025-10-07 09:00"),
          ("2025-09-04 09:00", "2025-10-02 09:00")]


def _s(text: str) -> float:
    return wall_seconds(dt.datetime.fromisoformat(text))


def _log(cases: list[tuple[str, str]]) -> CaseLog:
    return CaseLog.of([row for i, (first, last) in enumerate(cases)
                       for row in ((f"c{i}", "Registrera", _s(first), _s(first)),
                                   (f"c{i}", "Besluta", _s(last), _s(last)))])


@pytest.mark.parametrize("unit, share", [("d", 2 / 3), ("w", 2 / 3), ("h", 1 / 3), (None, 1 / 3)])
def test_the_validations_share_within_a_deadline_in_days_moves_a_closed_last_day(
        unit: str | None, share: float) -> None:
    setup = {"training_cases": 10, "heldout_cases": 3, "training_period": "a to b",
             "heldout_period": "c to d"}
    v = score(_log(LOGGED), [_log(LOGGED)], deadline_days=28.0, deadline_unit=unit, setup=setup)
    assert v.real["within_deadline"] == v.simulated["within_deadline"] == pytest.approx(share)
    assert v.setup.get("deadline_unit") == unit


def test_the_validations_deadline_keeps_the_unit_written() -> None:
    def clocked(deadline: str) -> dict[str, Any]:
        return {"simulation": {"clock": {"start": "a", "stop": "b", "deadline": deadline}}}

    assert resolved_deadline(clocked("28d"), None, None, None) == (28.0, None, "d")
    assert resolved_deadline(clocked("2w"), None, None, None) == (14.0, None, "w")
    assert resolved_deadline(clocked("672h"), None, None, None) == (28.0, None, "h")
    assert resolved_deadline(clocked("4mo"), None, None, None) == (121.75, 4, "mo")
    # --deadline 28d: the option's
    assert resolved_deadline(clocked("4mo"), 28.0, None, "d") == (28.0, None, "d")


@pytest.mark.parametrize("option, unit", [("28d", "d"), ("4w", "w"), ("672h", "h"), ("4mo", "mo")])
def test_the_command_lines_deadline_keeps_the_unit_typed(monkeypatch: pytest.MonkeyPatch, option: str,
                                                         unit: str) -> None:
    seen: dict[str, Any] = {}

    def validate_profile(*_args: Any, **kwargs: Any) -> tuple[None, None, None]:
        seen.update(kwargs)
        return None, None, None

    monkeypatch.setattr("calibrate.validate.validate_profile", validate_profile)
    kwargs = {"validation_html": None, "deadline": option, "replications": 2, "seed": 1}
    validate_held_out("m.bpmn", {}, None, None, {}, "out.yaml", kwargs, None)
    assert seen["deadline_unit"] == unit
    assert seen["deadline_days"] == pytest.approx(28.0 if unit != "mo" else 121.75)


@pytest.mark.parametrize("deadline, share", [("28d", 2 / 3), ("4w", 2 / 3), ("672h", 1 / 3)])
def test_calibrates_legal_clock_share_moves_a_closed_last_day_of_a_deadline_in_days(
        tmp_path: Path, deadline: str, share: float) -> None:
    path = tmp_path / "clock.csv"
    rows = "".join(f"c{i};Registrera;{first};anna\nc{i};Besluta;{last};nämnd\n"
                   for i, (first, last) in enumerate(LOGGED))
    path.write_text("case;activity;timestamp;resource\n" + rows, encoding="utf-8")
    defs = load_model(str(LOGS / "tiny.yaml"))
    table, _ = read_log(path)
    base = read_profile(LOGS / "tiny_profile.yaml").raw
    base["simulation"]["clock"] = {**base["simulation"]["clock"], "deadline": deadline}
    done = calibrate(defs, table, map_activities(defs, table), base=base, log_name="clock.csv")
    assert done.report["clock"]["share_within_deadline"] == pytest.approx(share)
    assert done.report["clock"].get("deadline_unit") == (None if deadline.endswith("h") else deadline[-1])
    (line,) = [x for x in calibration_text(done.report).splitlines() if x.startswith("legal clock:")]
    rule = " (a last day on a weekend, holiday or eve moved to the next weekday)"
    assert line.endswith(f"within the deadline{'' if deadline.endswith('h') else rule}"), line
    assert done.profile["simulation"]["clock"]["deadline"] == deadline  # the unit written is the one kept


def test_the_validation_text_says_the_weekday_rule_of_a_deadline_in_days() -> None:
    setup = {"training_cases": 10, "heldout_cases": 3, "training_period": "a to b",
             "heldout_period": "c to d"}
    said = {}
    for unit in ("d", "h"):
        v = score(_log(LOGGED), [_log(LOGGED)], deadline_days=28.0, deadline_unit=unit, setup=setup)
        said[unit] = validation_text(v.data())
    assert ("within the deadline's 28 days (from a case's first to its last event, not on the legal clock; a "
            "last day on a weekend, holiday or eve moved to the next weekday)") in said["d"]
    assert ("inte räknat som den lagstadgade tiden; en sista dag på en helg, helgdag eller afton flyttad "
            "till nästa vardag)") in said["d"]
    assert "moved to the next weekday" not in said["h"]
    assert "flyttad till nästa vardag" not in said["h"]
