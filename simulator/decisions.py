"""Decision bodies that meet: meeting dates, agenda cut-off, batches.

A committee (nämnd), working committee (arbetsutskott) or chair decides at
meetings. A case ready for decision at time r (hours since simulation start)
is decided at the first meeting m whose agenda it made: ``m - cutoff >= r``.
Every case on one agenda is decided at that meeting (a batch).

Meetings come from an iCalendar RRULE (DTSTART = simulation start at the
meeting hour, unless the rule text gives one) and/or explicit dates; breaks
(``except_months``, ``except_dates``) remove meetings. A rule's meeting on a day
the office is closed by the run's calendar (``holidays``: Swedish public holidays
and the three eves for ``SE``) does not take place: the chair who meets every
Monday does not meet on Easter Monday. An explicit date is held even then (a body
that really meets on a holiday lists it). Meetings are generated lazily as far as
queries reach, so a body never "runs out" of meetings while its rule continues.

>>> import datetime as dt
>>> from processes.params import MeetingSchedule
>>> cal = MeetingCalendar(MeetingSchedule(rrule="FREQ=WEEKLY;BYDAY=MO", at_hour=13.0), dt.date(2025, 1, 1), cutoff=24.0)
>>> cal.next_meeting(0.0)        # Wed 2025-01-01 00:00 -> Mon 2025-01-06 13:00
133.0
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from itertools import islice

from processes.errors import SimulationError
from processes.params import DecisionBody, MeetingSchedule, SimParams
from simulator.resources import holiday_dates

__all__ = ["MeetingCalendar", "meeting_calendar", "run_holidays", "agendas"]

_BATCH = 64


class MeetingCalendar:
    """The meeting instants of one decision body, and which meeting takes a case.

    ``cutoff`` is the agenda cut-off in calendar hours. Behaves as an immutable
    value (meetings are cached as queries reach further).
    """

    __slots__ = (
        "schedule",
        "start",
        "cutoff",
        "holidays",
        "_origin",
        "_rule",
        "_meetings",
        "_explicit",
        "_exhausted",
        "_horizon",
        "_lock",
    )

    def __init__(self, schedule: MeetingSchedule, start: dt.date, *, cutoff: float = 0.0,
                 holidays: tuple[str, ...] = ()) -> None:
        if cutoff < 0 or not math.isfinite(cutoff):
            raise SimulationError(f"agenda cut-off {cutoff!r} hours must be >= 0")
        self.schedule = schedule
        self.start = start
        self.cutoff = cutoff
        #: the countries (``holidays`` package codes) whose closed days cancel a rule's meeting
        self.holidays = holidays
        self._lock = threading.Lock()
        self._origin = dt.datetime.combine(start, dt.time())
        first = self._origin + dt.timedelta(hours=schedule.at_hour)
        self._rule: Iterator[dt.datetime] | None = None
        if schedule.rrule is not None:
            from dateutil.rrule import rrulestr  # here: a model without meeting rules never needs dateutil

            try:
                self._rule = iter(rrulestr(schedule.rrule, dtstart=first))
            except (ValueError, TypeError) as err:
                raise SimulationError(f"invalid meeting RRULE {schedule.rrule!r}: {err}") from None
        self._explicit = sorted(
            self._hours(dt.datetime.combine(d, dt.time()) + dt.timedelta(hours=schedule.at_hour))
            for d in schedule.dates
            if self._allowed(d)
        )
        self._meetings: list[float] = []
        self._horizon = -math.inf  # explicit dates up to here are merged in
        self._exhausted = self._rule is None
        if self._exhausted:
            self._meetings = [t for t in self._explicit if t >= 0]

    def _hours(self, when: dt.datetime) -> float:
        return (when.replace(tzinfo=None) - self._origin).total_seconds() / 3600.0

    def _allowed(self, day: dt.date) -> bool:
        return day.month not in self.schedule.except_months and day not in self.schedule.except_dates

    def _closed(self, day: dt.date) -> bool:
        """The office is closed on ``day`` (a public holiday or eve of the run's calendar): no rule's
        meeting then."""
        return any(day in holiday_dates(country, day.year) for country in self.holidays)

    def _extend(self) -> None:
        batch = list(islice(self._rule, _BATCH)) if self._rule is not None else []
        new = [self._hours(m) for m in batch if self._allowed(m.date()) and not self._closed(m.date())]
        if len(batch) < _BATCH:
            self._exhausted = True
            horizon = math.inf
        else:
            horizon = self._hours(batch[-1])
        new += [t for t in self._explicit if self._horizon < t <= horizon]
        self._horizon = horizon
        self._meetings = sorted(set(self._meetings) | {t for t in new if t >= 0})

    def _reach(self, t: float) -> None:
        """Generate meetings until one lies at or after ``t`` (or none are left). Runs in several
        threads may share a calendar: the rule is walked under a lock, and ``_meetings`` is only
        ever replaced by a longer list."""
        if self._exhausted or (self._meetings and self._meetings[-1] >= t):
            return
        with self._lock:
            while not self._exhausted and (not self._meetings or self._meetings[-1] < t):
                self._extend()

    def next_meeting(self, ready_at: float) -> float:
        """The first meeting whose agenda a case ready at ``ready_at`` makes (``m - cutoff >= ready_at``).

        Raises ``SimulationError`` if the body never meets again.
        """
        target = ready_at + self.cutoff
        self._reach(target)
        meetings = self._meetings
        i = bisect_left(meetings, target)
        if i == len(meetings):
            raise SimulationError(
                f"no meeting after hour {target:g} (the schedule has no more dates; "
                "expected an rrule without an end or more dates)"
            )
        return meetings[i]

    def meetings_between(self, t0: float, t1: float) -> list[float]:
        """Meeting instants in [t0, t1)."""
        self._reach(t1)
        meetings = self._meetings
        return meetings[bisect_left(meetings, t0) : bisect_left(meetings, t1)]

    def meeting_datetime(self, t: float) -> dt.datetime:
        """The local date and time of meeting instant ``t``."""
        return self._origin + dt.timedelta(hours=t)

    def agenda_cutoff_for(self, meeting: float) -> float:
        """The instant by which a case must be ready to be on the agenda of ``meeting``."""
        return meeting - self.cutoff

    def meetings_per_year(self, year: int) -> int:
        """How many meetings fall in calendar ``year`` (a summary for reports)."""
        lo = self._hours(dt.datetime(year, 1, 1))
        hi = self._hours(dt.datetime(year + 1, 1, 1))
        self._reach(hi)
        return bisect_right(self._meetings, hi - 1e-9) - bisect_left(self._meetings, lo)


#: meeting calendars by (schedule, start, cut-off, holidays): a pure function of the four, shared by the runs
#: of a process (parsing the rule and walking it cost more than a municipality's year of decisions)
_CALENDARS: dict[tuple[MeetingSchedule, dt.date, float, tuple[str, ...]], MeetingCalendar] = {}
_MAX_CALENDARS = 256


def run_holidays(params: SimParams) -> tuple[str, ...]:
    """The holiday countries of the run's calendars (``SE`` in the library): their closed days have no
    rule's meeting."""
    return tuple(sorted({spec.holidays for spec in params.calendars.values() if spec.holidays is not None}))


def meeting_calendar(body: DecisionBody, start: dt.date,
                     holidays: tuple[str, ...] = ()) -> MeetingCalendar | None:
    """The meeting calendar of ``body``, or ``None`` for a person (officer, manager); ``holidays``: the
    countries whose closed days cancel a rule's meeting (:func:`run_holidays`). Calendars of the same
    schedule, start, cut-off and holidays are one object (it behaves as an immutable value)."""
    if body.meetings is None:
        return None
    key = (body.meetings, start, body.agenda_cutoff, holidays)
    found = _CALENDARS.get(key)
    if found is None:
        found = MeetingCalendar(body.meetings, start, cutoff=body.agenda_cutoff, holidays=holidays)
        if len(_CALENDARS) >= _MAX_CALENDARS:
            _CALENDARS.clear()
        _CALENDARS[key] = found
    return found


def agendas(calendar: MeetingCalendar, ready_times: Iterable[float]) -> dict[float, list[int]]:
    """Batch cases by meeting: meeting instant -> indices of the cases decided there.

    >>> import datetime as dt
    >>> from processes.params import MeetingSchedule
    >>> cal = MeetingCalendar(MeetingSchedule(dates=(dt.date(2025, 1, 10), dt.date(2025, 1, 20)), at_hour=0.0),
    ...                       dt.date(2025, 1, 1), cutoff=48.0)
    >>> agendas(cal, [0.0, 200.0, 100.0])
    {216.0: [0, 2], 456.0: [1]}
    """
    out: dict[float, list[int]] = {}
    for i, ready in enumerate(ready_times):
        out.setdefault(calendar.next_meeting(ready), []).append(i)
    return dict(sorted(out.items()))
