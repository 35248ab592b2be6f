"""A deadline whose last day the law closes runs to the end of the next weekday, by hand.

Lagen (1930:173) om beräkning av lagstadgad tid, 2 §: when the last day of the time to act falls on a Sunday,
another public holiday, a Saturday, midsommarafton, julafton or nyårsafton, the act may be done the next
weekday. Four calendar months (Alkoholförordningen 5 §) from a clock started at 09:00 or 09:30:
- Wednesday 4 June 2025 -> Saturday 4 October (26 + 31 + 31 + 30 + 4 = 122 days): to the end of Monday 6
  October, 125 days from 4 June 00:00;
- Sunday 24 August 2025 -> julafton, Wednesday 24 December (7 + 30 + 31 + 30 + 24 = 122 days); juldagen,
  annandag jul, Saturday 27 and Sunday 28 are closed too: to the end of Monday 29 December, 128 days on;
- Thursday 19 February 2026 -> midsommarafton, Friday 19 June (9 + 31 + 30 + 31 + 19 = 120 days);
  midsommardagen (Saturday 20) and Sunday 21 closed: to the end of Monday 22 June, 124 days on;
- Sunday 31 August 2025 -> nyårsafton, Wednesday 31 December (30 + 31 + 30 + 31 = 122 days); nyårsdagen
  closed: to the end of Friday 2 January 2026, 125 days on;
- Saturday 23 August 2025 -> Tuesday 23 December (122 days): a weekday, not moved.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from simmodels import end, proc, replay_params, run, start, task, throw

from bpmn_io.caselog import wall_seconds
from calibrate.distances import case_deadline_days
from processes.calendarmonths import law_closed
from scenarios.execute import CASE_COLUMNS, case_rows_of
from simulator.stats import figures

# (clock start, whole days from its 00:00 to the end of the deadline's last open day)
CASES = [(dt.date(2025, 6, 4), 125), (dt.date(2025, 8, 24), 128), (dt.date(2026, 2, 19), 124),
         (dt.date(2025, 8, 31), 125), (dt.date(2025, 8, 23), None)]
UNMOVED = 122  # 23 August -> 23 December at the clock's own time of day


@pytest.mark.parametrize("begun, days", CASES)
def test_the_simulations_deadline_runs_to_the_end_of_the_next_weekday(begun: dt.date,
                                                                      days: int | None) -> None:
    prm = replay_params(dates="[2025-01-06]", extra="  clock: {start: S, stop: E, deadline: 4mo}\n")
    at = prm.datetime_to_hours(dt.datetime.combine(begun, dt.time(9, 30)))
    expected = (days * 24 - 9.5) if days else UNMOVED * 24
    assert prm.clock.span(at, prm.start) == expected


@pytest.mark.parametrize("begun, days", CASES)
def test_a_case_logs_deadline_runs_to_the_end_of_the_next_weekday(begun: dt.date, days: int | None) -> None:
    first = np.array([wall_seconds(dt.datetime.combine(begun, dt.time(9)))])
    expected = (days - 9 / 24) if days else UNMOVED
    assert case_deadline_days(first, 121.75, 4).tolist() == [pytest.approx(expected, abs=1e-9)]


def test_a_deadline_in_hours_is_not_moved() -> None:
    # 720 hours from Thursday 3 July 2025 09:00 end on Saturday 2 August 09:00: still 720 hours
    # (docs/simulation.md; written 30d they run to the end of Monday 4 August: test_legal_deadline_days.py)
    firsts = np.array([wall_seconds(dt.datetime(2025, 7, d, 9)) for d in (3, 4)])
    assert case_deadline_days(firsts, 30.0).tolist() == [30.0, 30.0]
    assert case_deadline_days(firsts, 30.0, None, "h").tolist() == [30.0, 30.0]
    assert case_deadline_days(firsts, 30.0, None, "d").tolist() == [33 - 9 / 24, 32 - 9 / 24]
    prm = replay_params(dates="[2025-01-06]",
                        extra="  clock: {start: S, stop: E, deadline: 720h, extension: 1mo}\n")
    at = prm.datetime_to_hours(dt.datetime(2025, 7, 3, 9))
    assert prm.clock.span(at, prm.start) == 30 * 24
    # an extension in months moves the extended deadline: a month and 720 hours from 3 July 09:00 is 3 August
    # (31 days) + 30 days = Tuesday 2 September, not moved; from Monday 7 July, 7 August + 30 days = Saturday
    # 6 September: to the end of Monday 8 September (64 days from 7 July 00:00)
    assert prm.clock.span(at, prm.start, extended=True) == (31 + 30) * 24
    assert prm.clock.span(at + 4 * 24, prm.start, extended=True) == 64 * 24 - 9


def test_the_closed_days_are_the_laws() -> None:
    closed = [dt.date(2025, 10, 4), dt.date(2025, 10, 5), dt.date(2025, 12, 24), dt.date(2025, 12, 25),
              dt.date(2025, 12, 26), dt.date(2025, 12, 31), dt.date(2026, 1, 1), dt.date(2026, 6, 19),
              dt.date(2026, 6, 6), dt.date(2026, 4, 3), dt.date(2026, 4, 6)]  # ... långfredag, annandag påsk
    opened = [dt.date(2025, 10, 6), dt.date(2025, 12, 23), dt.date(2025, 12, 29), dt.date(2026, 1, 2),
              dt.date(2026, 6, 22), dt.date(2026, 6, 18)]
    assert [law_closed(d) for d in closed] == [True] * len(closed)
    assert [law_closed(d) for d in opened] == [False] * len(opened)


MODEL = proc([start("S"), throw("Komplett"), task("Polis"), throw("Fattat"), end("E")],
             "S>Komplett Komplett>Polis Polis>Fattat Fattat>E")


@pytest.mark.parametrize("answer, on_time", [
    ("124d", 1),  # decided Monday 6 October 2025 09:30: the law's next weekday after Saturday 4 October
    ("124.6d", 1),  # Monday 23:54
    ("124.7d", 0),  # Tuesday 02:18
])
def test_a_decision_on_the_monday_after_a_saturday_deadline_is_on_time_in_every_output(
        answer: str, on_time: int) -> None:
    prm = replay_params(f"    Polis: {{delay: {answer}}}", dates="[2025-06-04]", at="09:30",
                        extra="  clock: {start: Komplett, stop: Fattat, deadline: 4mo}\n")
    kept = run(MODEL, prm)
    (row,) = case_rows_of("saturday", kept, prm)
    assert row[CASE_COLUMNS.index("within_deadline")] == on_time
    assert figures(kept)["within_deadline_share"] == on_time
    assert figures(run(MODEL, prm, keep_records=False))["within_deadline_share"] == on_time
