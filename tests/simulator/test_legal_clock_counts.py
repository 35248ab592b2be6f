"""The legal clock by hand (Alkoholförordningen 5 §: four months from a complete application):
completion rounds before it starts do not count, the police's answer after it does, and a case
decided on the deadline's very instant is on time in every output alike — the figures from the
records, the figures of a run that keeps no records, and the ``within_deadline`` column of cases.csv.

Hour 0 is Monday 2025-01-06 00:00; the officer pool is open day and night (simmodels.replay_params).
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from dateutil.relativedelta import relativedelta
from simmodels import end, proc, replay_params, run, start, task, throw, xor

from processes.durations import parse_duration
from processes.errors import InputError
from scenarios.execute import CASE_COLUMNS, case_rows_of
from simulator.resources import holiday_dates
from simulator.stats import figures

DECISION = """  decision:
    element: Beslut
    delegation: officer
    bodies:
      officer: {pool: officer, duration: 1h}
"""

# Registrera -> complete? -> (no) the applicant completes it (5 days) and it is registered again
#                          -> (yes) Komplett: the clock starts; the police answer (14 days); the officer
#                                   decides (1 h)
LOOP_MODEL = proc(
    [start("S"), task("Registrera"), xor("X"), task("Komplettering"), throw("Komplett"), task("Polis"),
     task("Beslut"), end("E")],
    "S>Registrera Registrera>X X>Komplettering Komplettering>Registrera X>Komplett Komplett>Polis "
    "Polis>Beslut Beslut>E", {"Lane_A": ["Registrera", "Beslut"]})
DAYS = "[" + ", ".join(f"2025-02-{d:02d}" for d in range(2, 28, 2)) + "]"  # 13 cases, two days apart


def test_completion_rounds_are_before_the_clock_and_the_polices_answer_is_on_it() -> None:
    prm = replay_params(
        "    Registrera: {duration: 1h}\n"
        "    X: {probabilities: {X_Komplettering: 0.6, X_Komplett: 0.4}}\n"
        "    Komplettering: {delay: 5d}\n"
        "    Polis: {delay: 14d}",
        dates=DAYS, extra=DECISION + "  clock: {start: Komplett, stop: Beslut, deadline: 4mo, extension: "
                                     "4mo}\n")
    r = run(LOOP_MODEL, prm, seed=3)
    rounds = {c.case: 0 for c in r.cases}
    for a in r.activities:
        if a.element == "Komplettering":
            rounds[a.case] += 1
    assert len(r.cases) == 13 and len(set(rounds.values())) > 1  # some cases went round, some did not
    for c in r.cases:
        # by hand: each round is 1 h of registering and 5 days waiting for the applicant, then the last
        # registration (1 h); the clock then runs 14 days for the police and 1 h for the decision
        # (two officers, cases two days apart: nobody queues)
        assert c.complete - c.arrival == pytest.approx(rounds[c.case] * (1 + 120) + 1, abs=1e-9)
        assert c.decision - c.complete == pytest.approx(14 * 24 + 1, abs=1e-9)
    f = figures(r)
    assert f["complete_to_decision_max_days"] == pytest.approx(14 + 1 / 24, abs=1e-9)
    assert f["within_deadline_share"] == 1.0
    mean_rounds = sum(rounds.values()) / 13
    assert f["submission_to_decision_mean_days"] == pytest.approx(
        (mean_rounds * 121 + 1 + 14 * 24 + 1) / 24, abs=1e-9)


# Komplett at arrival, the police's answer, Fattat: the decision. The deadline is 949.65 h; a decision
# that many hours after the complete application is on time (the deadline's last instant). (It was
# written 1.3mo, which is refused now: a deadline in months is counted in whole calendar months.)
EDGE_MODEL = proc([start("S"), throw("Komplett"), task("Polis"), throw("Fattat"), end("E")],
                  "S>Komplett Komplett>Polis Polis>Fattat Fattat>E")


@pytest.mark.parametrize("answer, on_time", [("949.65h", 1), ("950.65h", 0)])
def test_a_decision_on_the_deadline_is_on_time_in_every_output(answer: str, on_time: int) -> None:
    prm = replay_params(f"    Polis: {{delay: {answer}}}", dates="[2025-01-06]",
                        extra="  clock: {start: Komplett, stop: Fattat, deadline: 949.65h, extension: 1mo}\n")
    kept = run(EDGE_MODEL, prm)
    (case,) = kept.cases
    assert case.complete == 0.0 and case.decision == (prm.clock.deadline if on_time else 950.65)
    summary_only = run(EDGE_MODEL, prm, keep_records=False)
    (row,) = case_rows_of("edge", kept, prm)
    within = row[CASE_COLUMNS.index("within_deadline")]
    assert figures(kept)["within_deadline_share"] == on_time
    assert figures(summary_only)["within_deadline_share"] == on_time
    assert within == on_time  # cases.csv: the same test on the same hours, not on days times 24


def test_without_a_clock_no_case_is_said_to_be_on_time_or_late_anywhere() -> None:
    prm = replay_params("    Polis: {delay: 2d}", dates="[2025-01-06]")
    kept = run(EDGE_MODEL, prm)
    (row,) = case_rows_of("edge", kept, prm)
    assert row[CASE_COLUMNS.index("within_deadline")] == ""
    assert math.isnan(figures(kept)["within_deadline_share"])
    assert math.isnan(figures(run(EDGE_MODEL, prm, keep_records=False))["within_deadline_share"])


# Komplett, then the investigation; in some cases the officer finds something missing after all and the
# applicant completes it (5 days) before Komplett is passed again: the clock keeps its first start.
AGAIN_MODEL = proc(
    [start("S"), throw("Komplett"), task("Utreda"), xor("X"), task("Komplettering"), throw("Fattat"),
     end("E")],
    "S>Komplett Komplett>Utreda Utreda>X X>Komplettering Komplettering>Komplett X>Fattat Fattat>E",
    {"Lane_A": ["Utreda"]})


def test_the_clock_keeps_its_first_start_when_the_case_passes_it_again() -> None:
    prm = replay_params(
        "    Utreda: {duration: 2h}\n"
        "    X: {probabilities: {X_Komplettering: 0.5, X_Fattat: 0.5}}\n"
        "    Komplettering: {delay: 5d}", dates=DAYS,
        extra="  clock: {start: Komplett, stop: Fattat, deadline: 4mo, extension: 4mo}\n")
    r = run(AGAIN_MODEL, prm, seed=5)
    rounds = {c.case: 0 for c in r.cases}
    for a in r.activities:
        if a.element == "Komplettering":
            rounds[a.case] += 1
    assert len(set(rounds.values())) > 1
    for c in r.cases:
        assert c.complete == c.arrival  # the first passage, at arrival
        assert c.decision - c.complete == pytest.approx(2 + rounds[c.case] * (120 + 2), abs=1e-9)


def test_four_calendar_months_are_120_to_123_days_and_121_75_on_average() -> None:
    # what docs/simulation.md says of the deadline: four calendar months from every day of four years (one
    # of them a leap year) are 120 to 123 days, the month's last day where the date is missing; their mean
    # is 121.75 days, the length words and charts name ("4 months")
    assert parse_duration("4mo") == 4 * 730.5
    spans = [((d + relativedelta(months=4)) - d).days
             for d in (dt.date(2025, 1, 1) + dt.timedelta(days=n) for n in range(4 * 365 + 1))]
    assert set(spans) == {120, 121, 122, 123}
    assert abs(sum(spans) / len(spans) - 121.75) < 0.01


# Four calendar months by hand (Alkoholförordningen 5 §; the month's last day where the date is missing):
# complete 3 November 2025 -> 3 March 2026 is 27 + 31 + 31 + 28 + 3 = 120 days; 3 July 2025 -> 3 November
# is 28 + 31 + 30 + 31 + 3 = 123 days; 31 October 2028 -> 28 February 2029 is 120 days; 31 October 2027 ->
# 29 February 2028 (a leap year) is 121 days. Every last day is a weekday (Monday 3 November, Tuesday 3 March,
# Wednesday 28 February, Tuesday 29 February): lagen (1930:173) 2 § moves none of them. Each case is
# complete on arrival (09:30) and decided after the police's answer: 121.5 days, 122 days, exactly 120 days,
# or 120 days and a minute.
MONTH_DATES = "[2025-07-03, 2025-11-03, 2027-10-31, 2028-10-31]"


@pytest.mark.parametrize("answer, on_time", [
    ("121.5d", [1, 0, 0, 0]),  # over 120 and 121 days but not 123: a fixed 121.75 days said all on time
    ("121d", [1, 0, 1, 0]),  # on the leap year's 121 days: on time there alone
    ("122d", [1, 0, 0, 0]),  # within July's 123 days alone: a fixed 121.75 days said all late
    ("120d", [1, 1, 1, 1]),  # on the last instant of the shortest four months: on time
    ("2880.0166667h", [1, 0, 1, 0]),  # a minute after it
])
def test_a_deadline_in_months_is_each_cases_own_four_calendar_months_in_every_output(
        answer: str, on_time: list[int]) -> None:
    prm = replay_params(f"    Polis: {{delay: {answer}}}", dates=MONTH_DATES, at="09:30",
                        extra="  clock: {start: Komplett, stop: Fattat, deadline: 4mo, extension: 4mo}\n")
    kept = run(EDGE_MODEL, prm)
    assert [c.complete % 24 for c in kept.cases] == [9.5] * 4
    rows = case_rows_of("months", kept, prm)
    assert [row[CASE_COLUMNS.index("within_deadline")] for row in rows] == on_time
    share = sum(on_time) / 4
    assert figures(kept)["within_deadline_share"] == share
    assert figures(run(EDGE_MODEL, prm, keep_records=False))["within_deadline_share"] == share
    # 4 + 4 months counted together from the start (8 calendar months: 242 to 245 days): every case is within
    assert figures(kept)["within_extended_deadline_share"] == 1.0


def test_the_deadline_and_its_extension_in_months_count_from_the_clocks_start() -> None:
    # complete 31 October 2025 at 09:30 (hour 0: 6 January 2025): 4 months to Saturday 28 February 2026 (120
    # days), which lagen (1930:173) 2 § moves to the end of Monday 2 March (122 days and 14.5 hours); 4 + 4 to
    # Tuesday 30 June 2026 09:30 (242 days; the 28 February's four months would end 28 June). In days the
    # deadline is counted by the day too: 120 days end on the same Saturday 28 February, so at the same end
    # of Monday 2 March; 120 days and 2 weeks on Saturday 14 March, so at the end of Monday 16 March (136 days
    # and 14.5 hours); from Monday 6 January 2025 00:00 the 120 days end at 00:00 on Tuesday 6 May, the last
    # day Monday 5 May, not moved. In hours it is a fixed length wherever the clock starts, on a Saturday too
    prm = replay_params(dates="[2025-01-06]",
                        extra="  clock: {start: S, stop: E, deadline: 4mo, extension: 4mo}\n")
    at = prm.datetime_to_hours(dt.datetime(2025, 10, 31, 9, 30))
    assert prm.clock.span(at, prm.start) == 122 * 24 + 14.5
    assert prm.clock.span(at, prm.start, extended=True) == 242 * 24
    days = replay_params(dates="[2025-01-06]",
                         extra="  clock: {start: S, stop: E, deadline: 120d, extension: 2w}\n")
    assert days.clock.span(at, days.start) == 122 * 24 + 14.5
    assert days.clock.span(0.0, days.start) == 120 * 24
    assert days.clock.span(at, days.start, extended=True) == 136 * 24 + 14.5
    hours = replay_params(dates="[2025-01-06]",
                          extra="  clock: {start: S, stop: E, deadline: 2880h, extension: 336h}\n")
    assert hours.clock.span(at, hours.start) == hours.clock.span(0.0, hours.start) == 120 * 24
    assert hours.clock.span(at, hours.start, extended=True) == 134 * 24
    # against dateutil's relativedelta over every day of four years, from 09:30, where the last day is a
    # weekday that is no holiday or eve; where it is not, the deadline ends at a midnight after it
    moved = 0
    for n in range(4 * 365 + 1):
        day = dt.date(2025, 1, 6) + dt.timedelta(days=n)
        end = day + relativedelta(months=4)
        span = prm.clock.span(prm.datetime_to_hours(day) + 9.5, prm.start)
        if end.weekday() < 5 and end not in holiday_dates("SE", end.year):
            assert span == (end - day).days * 24
        else:
            moved += 1
            assert span > (end - day).days * 24 and (span + 9.5) % 24 == 0
    assert 2 * 365 * 4 / 7 < moved < 4 * 365 * 3 / 7  # weekends (2 in 7) and a few holidays more


def test_part_of_a_month_is_refused_in_one_line_naming_the_key() -> None:
    with pytest.raises(InputError, match=r"simulation\.clock\.deadline: '1\.3mo' is not a whole number of "
                                         r"months: .*write whole months, or days \(40d\)"):
        replay_params(dates="[2025-01-06]", extra="  clock: {start: S, stop: E, deadline: 1.3mo}\n")


def test_a_deadline_in_years_is_twelve_calendar_months() -> None:
    # lagen (1930:173) counts years as it counts months, on the calendar: complete 29 February 2028 at 09:30
    # (hour 0: 6 January 2025) -> 28 February 2029 09:30, 365 days (a fixed 365.25 days ran to 15:30);
    # 1 March 2027 -> 1 March 2028, 366 days (29 February 2028 between); 1y + 4mo together: 16 months, to
    # 29 June 2029 (365 + 121 = 486 days)
    prm = replay_params(dates="[2025-01-06]", extra="  clock: {start: S, stop: E, deadline: 1y, extension: "
                                                    "4mo}\n")
    assert (prm.clock.deadline_months, prm.clock.deadline) == (12, 8766.0)  # words name its mean length
    leap = prm.datetime_to_hours(dt.datetime(2028, 2, 29, 9, 30))
    assert prm.clock.span(leap, prm.start) == 365 * 24
    assert prm.clock.span(prm.datetime_to_hours(dt.datetime(2027, 3, 1, 9, 30)), prm.start) == 366 * 24
    assert prm.clock.span(leap, prm.start, extended=True) == 486 * 24
    with pytest.raises(InputError,
                       match=r"simulation\.clock\.deadline: '0\.1y' is not a whole number of months"):
        replay_params(dates="[2025-01-06]", extra="  clock: {start: S, stop: E, deadline: 0.1y}\n")
