"""Swedish work days against the law's own list, not against the ``holidays`` package the engine asks.

The closed days are written out by hand from Lag (1989:253) om allmänna helgdagar (the public
holidays, Easter computed for the year) and the three eves a Swedish municipal office does not work
(midsommarafton, julafton, nyårsafton: the collective agreement's de facto holidays). Sweden moves no
holiday that falls on a weekend to a weekday: the Monday after such a weekend is worked.
A case that arrives on a holiday waits for the office; an external party's wait runs on through it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from simmodels import CLERK, SE_OFFICE, end, hour, proc, replay_params, run, start, task, trace

from processes.params import CalendarSpec
from simulator.resources import WorkCalendar
from simulator.stats import figures

WEEK_8_16 = (((8.0, 16.0),),) * 5 + ((), ())

# 2026 by hand: Easter Sunday is 5 April, so Good Friday 3 April, Easter Monday 6 April, Ascension
# (Easter + 39 days) Thursday 14 May; Pentecost (Easter + 49) is a Sunday; midsommarafton is the Friday
# between 19 and 25 June; National Day (6 June), All Saints' (31 October) and Annandag jul fall on Saturdays.
CLOSED_WEEKDAYS_2026 = {
    dt.date(2026, 1, 1),  # nyårsdagen
    dt.date(2026, 1, 6),  # trettondedag jul
    dt.date(2026, 4, 3),  # långfredagen
    dt.date(2026, 4, 6),  # annandag påsk
    dt.date(2026, 5, 1),  # första maj
    dt.date(2026, 5, 14),  # Kristi himmelsfärdsdag
    dt.date(2026, 6, 19),  # midsommarafton (de facto)
    dt.date(2026, 12, 24),  # julafton (de facto)
    dt.date(2026, 12, 25),  # juldagen
    dt.date(2026, 12, 31),  # nyårsafton (de facto)
}


def _office(start: dt.date) -> WorkCalendar:
    return WorkCalendar(CalendarSpec("office", WEEK_8_16, holidays="SE"), start)


def test_the_closed_weekdays_of_2026_are_the_laws_list_and_the_three_eves() -> None:
    start = dt.date(2026, 1, 1)
    cal = _office(start)
    closed, open_days = set(), 0
    for n in range(365):
        day = start + dt.timedelta(days=n)
        hours = cal.open_hours(n * 24.0, (n + 1) * 24.0)
        if day.weekday() >= 5:
            assert hours == 0.0, day
        elif hours == 0.0:
            closed.add(day)
        else:
            assert hours == 8.0, day
            open_days += 1
    assert closed == CLOSED_WEEKDAYS_2026
    assert open_days == 261 - 10  # 2026 has 261 weekdays (it starts on a Thursday)


def test_a_holiday_on_a_weekend_moves_to_no_weekday_in_a_later_year() -> None:
    # a calendar that starts in 2025 asked about Christmas 2027: 24 December is a Friday (closed),
    # 25 and 26 are the weekend, and Monday 27 December is an ordinary day in Sweden (no substitute)
    start = dt.date(2025, 1, 1)
    cal = _office(start)

    def day_hours(y: int, m: int, d: int) -> float:
        h = (dt.date(y, m, d) - start).days * 24.0
        return cal.open_hours(h, h + 24.0)

    assert day_hours(2027, 12, 23) == 8.0
    assert day_hours(2027, 12, 24) == 0.0
    assert day_hours(2027, 12, 27) == 8.0
    assert day_hours(2027, 12, 31) == 0.0  # nyårsafton, a Friday
    assert day_hours(2028, 1, 3) == 8.0  # nyårsdagen was the Saturday before
    assert day_hours(2028, 6, 6) == 0.0  # National Day on a Tuesday


def test_a_case_arriving_on_julafton_waits_for_the_office_while_the_police_answer_through_new_year() -> None:
    # Wed 24 Dec 2025 10:00 an application comes in by the e-service; the clerk is free but the office is
    # closed on 24, 25, 26 December and the weekend: registration (2 h) runs Mon 29 Dec 08:00-10:00. The
    # police's answer (3 days of calendar time) runs through nyårsafton and nyårsdagen: Thu 1 Jan 10:00.
    # The decision (1 h of work) waits for Friday 2 January 08:00 and ends 09:00.
    p = proc([start("S"), task("Reg"), task("Polis"), task("Beslut"), end("E")],
             "S>Reg Reg>Polis Polis>Beslut Beslut>E", {"Lane_C": ["Reg", "Beslut"]})
    prm = replay_params("    Reg: {duration: 2h}\n    Polis: {delay: 3d}\n    Beslut: {duration: 1h}",
                        dates="[2025-12-24]", at="10:00", calendars=SE_OFFICE, pools=CLERK)
    r = run(p, prm)
    arrived = hour(2025, 12, 24, 10)
    assert trace(r) == [
        ("Reg", arrived, hour(2025, 12, 29, 8), hour(2025, 12, 29, 10)),
        ("Polis", hour(2025, 12, 29, 10), hour(2025, 12, 29, 10), hour(2026, 1, 1, 10)),
        ("Beslut", hour(2026, 1, 1, 10), hour(2026, 1, 2, 8), hour(2026, 1, 2, 9)),
    ]
    f = figures(r)
    assert f["wait_days.Reg"] == pytest.approx((hour(2025, 12, 29, 8) - arrived) / 24, abs=1e-12)  # 4 d 22 h
    assert f["wait_days.Polis"] == 0.0  # an external party is no queue
    assert f["work_hours.Reg"] == 2.0 and f["work_hours.Beslut"] == 1.0
    assert f["submission_to_decision_mean_days"] == pytest.approx((hour(2026, 1, 2, 9) - arrived) / 24,
                                                                  abs=1e-12)
