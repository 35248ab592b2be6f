"""Calendar months on the run's calendar: the legal clock's deadline when it is written in months.

The law counts months on the calendar ("fyra månader från det att ansökan var fullständig",
Alkoholförordningen 5 §): from a given day to the same day of the month that many months on, or to
that month's last day when it has no such day (31 October + 4 months is 28 February, or the 29th in
a leap year), as ``dateutil.relativedelta`` and lagen (1930:173) om beräkning av lagstadgad tid
count. Four calendar months are 120 to 123 days, not a fixed 121.75.

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

__all__ = ["months_later", "month_days", "deadline_span", "RULE_WORDS"]

#: the rule of a deadline in months, said after it in English and Swedish (the report's, the web page's and the
#: validation's words)
RULE_WORDS = ("in calendar months, to the same day of the month", "i kalendermånader, till samma dag i månaden")


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


def deadline_span(hours: float, months: int | None, start: dt.date, at: float) -> float:
    """Hours from simulation hour ``at`` (hour 0 is ``start`` at 00:00) to the last instant of a deadline of
    ``months`` calendar months (a year is 12) and ``hours`` more: the one rule of "on time" for the simulation
    (:meth:`processes.params.LegalClock.span`) and for a case log (:mod:`calibrate.distances`), a decision that
    many hours after ``at`` or sooner being on time. Without months it is ``hours`` from every start.

    >>> deadline_span(0.0, 4, dt.date(2023, 10, 31), 9.0) / 24  # 31 October 2023 09:00 -> 29 February 2024 09:00
    121.0
    >>> deadline_span(2922.0, None, dt.date(2023, 10, 31), 9.0) / 24
    121.75
    """
    return hours + 24.0 * month_days(start, at, months) if months else hours


@lru_cache(maxsize=8192)
def _days_on(start: dt.date, day: int, months: int) -> int:
    # a run asks for the same few hundred days again and again (one per clock start): each is worked out once
    first = start + dt.timedelta(days=day)
    return (months_later(first, months) - first).days
