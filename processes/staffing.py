"""Who works when: the work calendars (weekly opening hours, holidays, closures) and the resource
pools whose members work by them, as profile.yaml ``simulation: calendars:`` and ``pools:`` give them.

Its own module because staffing is one part of the parameters a manager changes on its own (one more
officer, a summer closure), each calendar and pool checked by itself (:class:`processes.params.SimParams`
then checks that every pool's calendar exists); :mod:`processes.params` re-exports every name here.
"""

from __future__ import annotations

import datetime as dt

from processes.frozenclass import frozen_dataclass
from processes.rulewords import rule_error, written

__all__ = ["WEEKDAYS", "Closure", "CalendarSpec", "PoolMember", "ResourcePool"]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

Interval = tuple[float, float]


@frozen_dataclass
class Closure:
    """A period of reduced staff or closure, both ends inclusive.

    ``yearly=True``: the period recurs every year and only month and day of
    ``first``/``last`` count (the year is a placeholder, 2000); it may wrap over
    New Year (``12-20`` .. ``01-06``). ``capacity``: the share of normal working
    time members work in the period, 0 (closed) .. 1.
    """

    first: dt.date
    last: dt.date
    capacity: float = 0.0
    yearly: bool = True

    def __post_init__(self) -> None:
        if not 0.0 <= self.capacity <= 1.0:
            raise rule_error("closure_capacity", path="capacity", value=written(self.capacity))
        if not self.yearly and self.last < self.first:
            raise rule_error("closure_order", path="to", last=str(self.last), first=str(self.first))

    def covers(self, day: dt.date) -> bool:
        """True if ``day`` falls in this period."""
        if not self.yearly:
            return self.first <= day <= self.last
        md = (day.month, day.day)
        lo, hi = (self.first.month, self.first.day), (self.last.month, self.last.day)
        return lo <= md <= hi if lo <= hi else (md >= lo or md <= hi)


@frozen_dataclass
class CalendarSpec:
    """A work calendar as data: weekly opening hours, holidays, closures.

    ``week`` has 7 entries (Monday first), each a tuple of ``(open, close)``
    hours of the day (``(8.0, 16.5)`` is 08:00-16:30). ``holidays`` is a country
    code for the ``holidays`` package (``"SE"``: public holidays plus the eves
    midsommarafton, julafton, nyårsafton) or ``None``; ``closed_dates`` extra
    closed days (klämdagar ...).
    """

    name: str
    week: tuple[tuple[Interval, ...], ...]
    holidays: str | None = None
    closed_dates: tuple[dt.date, ...] = ()
    closures: tuple[Closure, ...] = ()

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            raise rule_error("week_days", path="hours", name=repr(self.name), count=str(len(self.week)))
        for day, intervals in zip(WEEKDAYS, self.week, strict=True):
            last = 0.0
            for start, end in intervals:
                if not (0.0 <= start < end <= 24.0) or start < last:
                    raise rule_error("opening_hours_order", path=f"hours.{day}", start=f"{start:g}", end=f"{end:g}",
                                     day=day)
                last = end
        if self.weekly_hours() <= 0:
            raise rule_error("never_open", path="hours", name=repr(self.name))

    def weekly_hours(self) -> float:
        """Open hours in an ordinary week (no holidays or closures)."""
        return sum(end - start for day in self.week for start, end in day)


@frozen_dataclass
class PoolMember:
    """One named person of a pool with their own calendar and FTE (a differentiated resource)."""

    name: str
    calendar: str
    fte: float = 1.0

    def __post_init__(self) -> None:
        if not 0.0 < self.fte <= 1.0:
            raise rule_error("member_fte", path="fte", name=repr(self.name), value=written(self.fte))


@frozen_dataclass
class ResourcePool:
    """``count`` members of one role, each working ``fte`` of every open hour of ``calendar``.

    ``lanes`` are the BPMN lane ids (or names) whose tasks this pool performs.
    ``members``, when given, are the pool's people one by one, each with their own
    calendar and FTE (``count`` is then their number; ``fte`` and ``calendar``
    describe the pool as a whole).
    """

    name: str
    count: int
    fte: float = 1.0
    calendar: str = "office"
    cost_per_hour: float = 0.0
    lanes: tuple[str, ...] = ()
    members: tuple[PoolMember, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 1:
            raise rule_error("pool_count", path="count", name=repr(self.name), value=written(self.count))
        if self.members and len(self.members) != self.count:
            n = len(self.members)
            fix = (("to add a person give members.NAME: {} beside the count",
                    "lägg till en person med members.NAMN: {} bredvid count") if n < self.count
                   else (f"give count: {n}", f"ange count: {n}"))
            raise rule_error("pool_members", path="count", name=repr(self.name), count=str(self.count),
                             members=(f"{n} member{'s' * (n != 1)}", f"{n} {'medlem' if n == 1 else 'medlemmar'}"),
                             names=", ".join(m.name for m in self.members), fix=fix)
        if len({m.name for m in self.members}) != len(self.members):
            raise rule_error("pool_member_twice", path="members", name=repr(self.name))
        if not 0.0 < self.fte <= 1.0:
            raise rule_error("pool_fte", path="fte", name=repr(self.name), value=written(self.fte))
        if not self.cost_per_hour >= 0:
            raise rule_error("pool_cost", path="cost_per_hour", name=repr(self.name), value=written(self.cost_per_hour))
