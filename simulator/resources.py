"""Work calendars and resource pools: when work gets done.

Time is in hours since simulation start (``SimParams.start`` at 00:00). A
:class:`WorkCalendar` turns a :class:`processes.params.CalendarSpec` into the
open intervals of one pool member, and answers, with a bisect over
precomputed intervals:

- ``finish(t, work)``: the instant ``work`` hours of work started at ``t`` are
  done, counting only open hours (pausing over nights, weekends, holidays,
  closures);
- ``next_open(t)``, ``is_open(t)``, ``open_hours(t0, t1)``.

Intervals are built a year at a time, as far as queries reach, so a calendar
has no end; the answers do not depend on the order of queries.

**Holidays.** ``holidays: SE`` closes Swedish public holidays and the de-facto
holidays midsommarafton, julafton and nyårsafton (``holidays`` categories
``public`` + ``de_facto``). Older versions of the package listed every Sunday
as a Swedish holiday; we ask for ``include_sundays=False`` and, independently,
Sundays are only open if the weekly hours say so.

**FTE and reduced staff (the model).** A pool has ``count`` members. Each member
works a share ``s = fte × capacity`` of every open day: the first ``s`` of that
day's opening hours (a 0.6 FTE officer on 08:00-16:30 works 08:00-13:06). In a
closure with ``capacity: 0.5`` the share halves; ``capacity: 0`` closes. So the
member-hours a pool offers in any period are exactly ``count × fte × capacity ×
open hours``, the pool's simpy capacity is ``count`` at all times, and a member
may start a task in the morning and finish it the next morning. Where
closures overlap, the smallest capacity applies.

**Differentiated members.** A pool may name its people (``ResourcePool.members``),
each with their own calendar and FTE (a person working Monday to Wednesday only);
then the engine hands work to the free person who would finish it first
(:class:`simulator.workplace.PoolAtWork`), and the pool's member-hours are the sum
of theirs.

>>> import datetime as dt
>>> from processes.params import CalendarSpec
>>> spec = CalendarSpec("office", (((8.0, 16.0),),) * 5 + ((), ()))
>>> cal = WorkCalendar(spec, dt.date(2025, 1, 6))      # a Monday
>>> cal.finish(15.0, 3.0)                             # Mon 15:00 + 3 h -> Tue 10:00
34.0
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Generator, Sequence
from dataclasses import replace
from typing import Any

from processes.errors import SimulationError
from processes.frozenclass import frozen_dataclass
from processes.holidaystore import holiday_dates, package_holiday_dates  # noqa: F401  (their home before)
from processes.params import CalendarSpec, PoolMember, ResourcePool, SimParams

__all__ = ["holiday_dates", "WorkCalendar", "PoolSchedule", "pool_schedules", "work_in_calendar", "merged_pool"]

_CHUNK_DAYS = 366
_MAX_SEARCH_YEARS = 60
_EPS = 1e-9  # hours (3.6 microseconds)
class _Tape:
    """The open intervals of one (calendar, start, share), built as far as any query reached.

    Every :class:`WorkCalendar` of the same (spec, start, share) in a process shares one tape:
    the intervals are a pure function of those three, and building them (holidays, closures,
    a year of days at a time) costs more than a short run's simulation. Only ever appended to,
    under its lock; a query reads only the part built before it (``days``).
    """

    __slots__ = ("starts", "ends", "cum_end", "days", "lock")

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.ends: list[float] = []
        self.cum_end: list[float] = []  # open hours from 0 to the end of each interval
        self.days = 0  # days built so far
        self.lock = threading.Lock()


_TAPES: dict[tuple[CalendarSpec, dt.date, float], _Tape] = {}
_MAX_TAPES = 256  # distinct calendars kept in a process (a sweep over many calendars starts afresh)


def _tape(spec: CalendarSpec, start: dt.date, share: float) -> _Tape:
    key = (spec, start, share)
    found = _TAPES.get(key)
    if found is None:
        if len(_TAPES) >= _MAX_TAPES:
            _TAPES.clear()
        found = _TAPES[key] = _Tape()
    return found


class WorkCalendar:
    """The open hours of one member of a pool, from ``start`` on, as sorted intervals.

    ``share`` (0..1] is the member's FTE: the first ``share`` of each day's open
    hours. Behaves as an immutable value; it builds intervals as queries reach
    further into the future, on a tape shared with every calendar of the same
    spec, start and share.
    """

    __slots__ = ("spec", "start", "share", "_starts", "_ends", "_cum_end", "_tape")

    def __init__(self, spec: CalendarSpec, start: dt.date, *, share: float = 1.0) -> None:
        if not 0.0 < share <= 1.0:
            raise SimulationError(f"calendar {spec.name!r}: work share {share!r} must be in (0, 1]")
        self.spec = spec
        self.start = start
        self.share = share
        self._tape = _tape(spec, start, share)
        self._starts = self._tape.starts
        self._ends = self._tape.ends
        self._cum_end = self._tape.cum_end

    @property
    def _days(self) -> int:
        return self._tape.days

    # -- building ------------------------------------------------------------------------------

    def day_intervals(self, day: dt.date) -> tuple[tuple[float, float], ...]:
        """Open (from, to) hours of the day for this member on ``day``."""
        spec = self.spec
        if day in spec.closed_dates:
            return ()
        if spec.holidays is not None and day in holiday_dates(spec.holidays, day.year):
            return ()
        intervals = spec.week[day.weekday()]
        share = self.share * min((c.capacity for c in spec.closures if c.covers(day)), default=1.0)
        if share >= 1.0 or not intervals:
            return intervals
        budget = share * sum(b - a for a, b in intervals)
        out = []
        for a, b in intervals:
            if budget <= 0:
                break
            take = min(b - a, budget)
            out.append((a, a + take))
            budget -= take
        return tuple(out)

    def _extend(self) -> None:
        tape = self._tape
        with tape.lock:
            days = tape.days
            total = tape.cum_end[-1] if tape.cum_end else 0.0
            # every interval stays as it was appended, also one that ends at midnight where the next
            # begins (they are not merged): an interval queries have read never changes, so an answer
            # does not depend on how far the shared tape had been built when it was asked (merging a
            # new year's first interval into the last one changed open_before/finish in the last bits
            # between a fresh process and a worker that ran a longer unit first), and a query in
            # another thread never sees an interval whose end is updated before its cumulative hours
            for offset in range(days, days + _CHUNK_DAYS):
                base = offset * 24.0
                for a, b in self.day_intervals(self.start + dt.timedelta(days=offset)):
                    total += b - a
                    tape.starts.append(base + a)
                    tape.ends.append(base + b)
                    tape.cum_end.append(total)
            tape.days = days + _CHUNK_DAYS

    def _ensure_time(self, t: float) -> None:
        while self._tape.days * 24.0 <= t:
            self._extend()

    def _never_open(self, t: float) -> SimulationError:
        return SimulationError(
            f"calendar {self.spec.name!r} has no open hour within {_MAX_SEARCH_YEARS} years after hour {t:g}"
        )

    # -- queries -------------------------------------------------------------------------------

    def open_before(self, t: float) -> float:
        """Open hours in [0, t)."""
        if t <= 0:
            return 0.0
        self._ensure_time(t)
        i = bisect_right(self._starts, t) - 1
        if i < 0:
            return 0.0
        return self._cum_end[i] - (self._ends[i] - min(t, self._ends[i]))

    def open_hours(self, t0: float, t1: float) -> float:
        """Open hours between ``t0`` and ``t1`` (0 if ``t1 <= t0``)."""
        return max(0.0, self.open_before(t1) - self.open_before(t0))

    def is_open(self, t: float) -> bool:
        """True if the member works at instant ``t`` (interval starts included, ends not)."""
        self._ensure_time(t)
        i = bisect_right(self._starts, t) - 1
        return i >= 0 and t < self._ends[i]

    def next_open(self, t: float) -> float:
        """``t`` if open, else the start of the next open interval."""
        self._ensure_time(t)
        i = bisect_right(self._starts, t) - 1
        if i >= 0 and t < self._ends[i]:
            return t
        while i + 1 >= len(self._starts):
            if self._days * 24.0 > t + _MAX_SEARCH_YEARS * 8766.0:
                raise self._never_open(t)
            self._extend()
        return self._starts[i + 1]

    def finish(self, t: float, work: float) -> float:
        """The instant ``work`` open hours after ``t`` are done.

        ``work == 0`` finishes at ``t``; work that ends exactly at closing time
        finishes then (not at the next opening).
        """
        if work < 0 or not math.isfinite(work):
            raise SimulationError(
                f"work of {work!r} hours cannot be scheduled (expected a finite number >= 0)"
            )
        if work == 0:
            return t
        target = self.open_before(t) + work
        while not self._cum_end or self._cum_end[-1] < target:
            if self._days * 24.0 > t + _MAX_SEARCH_YEARS * 8766.0:
                raise self._never_open(t)
            self._extend()
        # a target within _EPS of an interval's end finishes there, not at the next opening (float sums)
        j = bisect_left(self._cum_end, target - _EPS)
        begin = self._cum_end[j] - (self._ends[j] - self._starts[j])
        return min(self._ends[j], max(self._starts[j], self._starts[j] + (target - begin)))

    def span(self, t: float, work: float) -> tuple[float, float]:
        """``(next_open(t), finish(t, work))``, with one lookup of ``t`` instead of three: when
        ``work`` hours begun at ``t`` really start and when they are done (a step's hot path)."""
        if self._tape.days * 24.0 <= t:
            self._ensure_time(t)
        starts, ends = self._starts, self._ends
        i = bisect_right(starts, t) - 1
        if i >= 0 and t < ends[i]:
            start = t
        else:
            while i + 1 >= len(starts):
                if self._days * 24.0 > t + _MAX_SEARCH_YEARS * 8766.0:
                    raise self._never_open(t)
                self._extend()
            start = starts[i + 1]
        if not 0.0 < work < math.inf:  # negative, zero, infinite or nan
            return start, self.finish(t, work)  # the error, or ``t`` itself
        # as open_before(t) + work, from the lookup above (intervals are only appended after t's day)
        if t <= 0 or i < 0:
            target = work
        else:
            end_i = ends[i]
            target = self._cum_end[i] - (end_i - (t if t < end_i else end_i)) + work
        cum_end = self._cum_end
        while not cum_end or cum_end[-1] < target:
            if self._days * 24.0 > t + _MAX_SEARCH_YEARS * 8766.0:
                raise self._never_open(t)
            self._extend()
        j = bisect_left(cum_end, target - _EPS)
        start_j, end_j = starts[j], ends[j]
        begin = cum_end[j] - (end_j - start_j)
        done = start_j + (target - begin)
        # min(end_j, max(start_j, done)), as comparisons (the same float)
        if done < start_j:
            done = start_j
        return start, (end_j if end_j < done else done)

    def work_until(self, t0: float, t1: float) -> float:
        """Hours of work a member gets done between ``t0`` and ``t1`` (same as ``open_hours``)."""
        return self.open_hours(t0, t1)


@frozen_dataclass
class PoolSchedule:
    """A pool as the engine uses it: ``count`` members, each on ``calendar``.

    The member count is constant (FTE and closures live in the calendar), so a
    simpy ``Resource(env, capacity=count)`` models the pool.
    """

    name: str
    count: int
    calendar: WorkCalendar
    cost_per_hour: float
    members: tuple[tuple[str, WorkCalendar], ...] = ()  # differentiated: each person and their calendar

    def capacity_hours(self, t0: float, t1: float) -> float:
        """Member-hours the pool offers between ``t0`` and ``t1``."""
        if self.members:
            return sum(cal.open_hours(t0, t1) for _name, cal in self.members)
        return self.count * self.calendar.open_hours(t0, t1)

    def members_at(self, t: float) -> int:
        """Members working at instant ``t`` (all or none when they share one calendar)."""
        if self.members:
            return sum(1 for _name, cal in self.members if cal.is_open(t))
        return self.count if self.calendar.is_open(t) else 0

    def mean_share(self) -> float:
        """The pool's mean FTE."""
        if self.members:
            return sum(cal.share for _name, cal in self.members) / len(self.members)
        return self.calendar.share


def pool_schedules(params: SimParams) -> dict[str, PoolSchedule]:
    """One :class:`PoolSchedule` per pool of ``params``, with its member calendar (or each member's)."""
    return {
        name: PoolSchedule(
            name=name,
            count=pool.count,
            calendar=WorkCalendar(params.calendars[pool.calendar], params.start, share=pool.fte),
            cost_per_hour=pool.cost_per_hour,
            members=tuple((m.name, WorkCalendar(params.calendars[m.calendar], params.start, share=m.fte))
                          for m in pool.members),
        )
        for name, pool in params.pools.items()
    }


def work_in_calendar(env: Any, calendar: WorkCalendar, hours: float) -> Generator[Any, Any, float]:
    """A simpy sub-process: spend ``hours`` of work inside ``calendar`` from ``env.now``.

    Use with ``yield from`` while holding a pool member; returns the finish time.
    """
    end = calendar.finish(env.now, hours)
    if end > env.now:
        yield env.timeout(end - env.now)
    return end


def merged_pool(pools: Sequence[ResourcePool]) -> ResourcePool:
    """One pool standing for ``pools`` (``processes.params.ResourcePool``) joined into a unit."""
    first = pools[0]
    count = sum(p.count for p in pools)
    fte = sum(p.count * p.fte for p in pools) / count
    cost = sum(p.count * p.cost_per_hour for p in pools) / count
    lanes = tuple(dict.fromkeys(lane for p in pools for lane in p.lanes))
    members: tuple[PoolMember, ...] = ()
    if any(p.members for p in pools):  # people by name; a pool without names gives its members numbers
        members = tuple(m for i, p in enumerate(pools) for m in (
            p.members or tuple(PoolMember(f"{p.name}-{i + 1}.{k + 1}", p.calendar, p.fte) for k in range(p.count))))
    return replace(first, count=count, fte=fte, cost_per_hour=cost, lanes=lanes, members=members)
