"""Calendar months on the run's calendar: the legal clock's deadline when it is written in months.

The law counts months on the calendar ("fyra månader från det att ansökan var fullständig",
Alkoholförordningen 5 §): from a given day to the same day of the month that many months on, or to
that month's last day when it has no such day (31 October + 4 months is 28 February, or the 29th in
a leap year), as ``dateutil.relativedelta`` and lagen (1930:173) om beräkning av lagstadgad tid
count. Four calendar months are 120 to 123 days, not a fixed 121.75.

A deadline written in days, weeks, months or years whose last day is a Saturday, Sunday or other public
holiday, midsommarafton, julafton or nyårsafton moves to the next weekday: the decision may be made to the end
of that day (the law's 2 §, the "söndagsregeln"; docs/simulation.md, "Decisions and the legal clock", says why
it applies to the authority's four months). One written in hours or minutes is not moved: it ends at an hour,
not on a day
(:data:`DAY_UNITS`; docs/simulation.md says why). The days are Sweden's (the ``holidays`` package's public and
de-facto Swedish days, which are the law's list), whatever calendars the run's pools keep: the law is Swedish.

>>> months_later(dt.date(2025, 10, 31), 4), months_later(dt.date(2024, 1, 31), 1)
(datetime.date(2026, 2, 28), datetime.date(2024, 2, 29))
>>> month_days(dt.date(2025, 11, 1), 24.0 * 3 + 9.5, 4)  # 4 November 09:30 -> 4 March: 120 days
120
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from functools import lru_cache

from processes.holidaystore import holiday_dates

__all__ = ["months_later", "month_days", "deadline_span", "law_closed", "by_day", "DAY_UNITS", "RULE_WORDS",
           "DAY_RULE_WORDS"]

#: the rule of a deadline in months, said after it in English and Swedish (the report's, the web page's and the
#: validation's words)
RULE_WORDS = ("in calendar months, to the same day of the month", "i kalendermånader, till samma dag i månaden")
#: the rule of a deadline in days or weeks, said after it likewise (lagen (1930:173) 2 §)
DAY_RULE_WORDS = ("a last day on a weekend, holiday or eve moved to the next weekday",
                  "en sista dag på en helg, helgdag eller afton flyttad till nästa vardag")


#: the written units of a deadline counted by the day (days, weeks, months, years), whose last day lagen
#: (1930:173) 2 § moves on when it closes; hours (``h``) and minutes (``m``) end at an instant and are not
#: moved, nor is a number without a written unit (hours)
DAY_UNITS = frozenset({"d", "w", "mo", "y"})


def by_day(*units: str | None) -> bool:
    """True when a deadline of parts written in ``units`` (None: a part not counted, or hours without a
    written unit) is counted by the day: some part in days, weeks, months or years (:data:`DAY_UNITS`), its
    end then a day's, which the law's 2 § moves off a closed day.

    >>> by_day("d"), by_day("w", None), by_day("h"), by_day(None), by_day("h", "mo")
    (True, True, False, False, True)
    """
    return any(unit in DAY_UNITS for unit in units)


def months_later(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` calendar months on: the same day of the month, or the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def month_days(start: dt.date, at: float, months: int) -> int:
    """Whole days from the day of simulation hour ``at`` (hour 0 is ``start`` at 00:00) to the same day
    ``months`` calendar months on: a deadline in months runs out that many days later at the same time of day
    (simulation hours are local wall-clock hours, 24 to a day)."""
    return _days_on(start, math.floor(at / 24.0), months)


def deadline_span(hours: float, months: int | None, start: dt.date, at: float, *,
                  daily: bool = False) -> float:
    """Hours from simulation hour ``at`` (hour 0 is ``start`` at 00:00) to the last instant of a deadline of
    ``months`` calendar months (a year is 12) and ``hours`` more: the one rule of "on time" for the simulation
    (:meth:`processes.params.LegalClock.span`) and for a case log (:mod:`calibrate.distances`), a decision that
    many hours after ``at`` or sooner being on time. ``daily``: the deadline was written in days or weeks
    (:func:`by_day`); one in months is counted by the day whatever ``daily`` says.

    A deadline counted by the day whose last day the law closes (:func:`law_closed`) runs to the end of the
    next day it keeps open; one in hours is ``hours`` from every start, not moved (docs/simulation.md says
    why).

    >>> deadline_span(0.0, 4, dt.date(2023, 10, 31), 9.0) / 24  # 31 October 2023 09:00 -> 29 February 2024 09:00
    121.0
    >>> deadline_span(2922.0, None, dt.date(2025, 6, 4), 9.0) / 24  # in hours: not moved
    121.75
    >>> deadline_span(0.0, 4, dt.date(2025, 6, 4), 9.0) / 24  # to Saturday 4 October: the end of Monday 6th
    124.625
    >>> deadline_span(28 * 24.0, None, dt.date(2025, 9, 7), 9.0, daily=True) / 24  # 28d to Sunday 5 October
    29.625
    """
    if not months and not daily:
        return hours
    span = hours + (24.0 * month_days(start, at, months) if months else 0.0)
    # the day of the deadline's last instant: one that ends at 00:00 has the day before as its last
    last = math.ceil((at + span - _EPS) / 24.0) - 1
    open_day = _open_on_or_after(start, last)
    return span if open_day == last else 24.0 * (open_day + 1) - at


def law_closed(day: dt.date) -> bool:
    """``day`` is one on which lagen (1930:173) 2 § lets a deadline's act wait for the next weekday: a Saturday,
    a Sunday, a public holiday (lagen (1989:253) om allmänna helgdagar), midsommarafton, julafton, nyårsafton.

    >>> [law_closed(dt.date(2025, 12, d)) for d in (23, 24, 27, 29)]
    [False, True, True, False]
    """
    return day.weekday() >= 5 or day in holiday_dates("SE", day.year)


_EPS = 1e-9  # hours: a float a hair past midnight is still the day before's end


@lru_cache(maxsize=8192)
def _open_on_or_after(start: dt.date, day: int) -> int:
    # the first day from ``day`` on (days after ``start``) the law keeps open; a run asks for few distinct days
    while law_closed(start + dt.timedelta(days=day)):
        day += 1
    return day


@lru_cache(maxsize=8192)
def _days_on(start: dt.date, day: int, months: int) -> int:
    # a run asks for the same few hundred days again and again (one per clock start): each is worked out once
    first = start + dt.timedelta(days=day)
    return (months_later(first, months) - first).days
