"""Staffing from a log: who works in which lane, how many at once, and when each person works.

A pool's members are the resources of the rows of its lanes' tasks. When the log names
people, the count is the number of people with at least 1 % of the pool's rows; when it
names only the pool (permitflow's own logs write the pool name), the count is the most
activity instances of the pool in progress at one time — a lower bound that reaches the
true count whenever all members were busy at once.

**When people work** (per weekday): from the earliest time of day work was seen to start to
the latest it was seen to end, to the minute. Only times the log saw count: a logged start,
and a completion by someone (a row with a resource named); an estimated start (the later of
the step's enabling and its resource's previous completion) is not seen — it may be a
night-time e-service arrival or the end of yesterday's work — so a completion-only log's day
opens at its earliest completions (up to one step's length later than people began). Lone
outliers are left out (a time counts only when at
least 0.5 % of that weekday's times, and at least two, lie within 30 minutes inside it);
a weekday with under 5 % of the busiest weekday's work is closed. Computed per pool and,
when the log names people, per person (the differentiated calendars of the report).
Logs where a quarter or more of the timestamps carry no time of day (dates only) tell no
calendar; ``calibrate`` then fits each activity's elapsed time as a calendar delay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from calibrate.observe import HOUR, Observed

__all__ = ["Window", "PoolFit", "fit_window", "max_concurrent", "dates_only", "seen_times", "WEEKDAYS"]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY = 86400.0

Window = tuple[tuple[float, float] | None, ...]  # per weekday (open, close) hours, or None: closed


def dates_only(seconds: np.ndarray) -> bool:
    """True when a quarter or more of the timestamps are exactly midnight: many activities were logged
    with a date and no time, so neither working hours nor work time can be read from the log."""
    return bool(seconds.size) and float(np.mean(np.mod(seconds, _DAY) == 0)) >= 0.25


def fit_window(starts: np.ndarray, ends: np.ndarray) -> Window:
    """Working hours per weekday from work intervals (wall-clock seconds); see the module doc."""
    day_s = ((np.floor(starts / _DAY).astype(np.int64) + 3) % 7)  # 1970-01-01 was a Thursday
    day_e = ((np.floor(ends / _DAY).astype(np.int64) + 3) % 7)
    tod_s, tod_e = np.mod(starts, _DAY) / HOUR, np.mod(ends, _DAY) / HOUR
    busiest = max(int(np.count_nonzero(day_s == d)) + int(np.count_nonzero(day_e == d)) for d in range(7))
    out: list[tuple[float, float] | None] = []
    for d in range(7):
        s, e = tod_s[day_s == d], tod_e[day_e == d]
        if s.size + e.size < 0.05 * busiest or not s.size or not e.size:
            out.append(None)
            continue
        open_ = np.floor(_edge(s, first=True) * 60) / 60
        close = np.ceil(_edge(e, first=False) * 60) / 60
        out.append((float(open_), float(min(max(close, open_ + 0.25), 24.0))))
    return tuple(out)


def _edge(times: np.ndarray, *, first: bool) -> float:
    """The earliest (``first``) or latest time with company: enough other times within 30 minutes inside."""
    ordered = np.sort(times) if first else -np.sort(-times)
    need = max(2, int(np.ceil(0.005 * times.size)))
    if times.size < need:
        return float(ordered[0])
    for i, t in enumerate(ordered):
        near = ordered[i:i + need]
        if near.size >= need and abs(float(near[-1]) - float(t)) <= 0.5:
            return float(t)
    return float(ordered[0])


def hours_line(window: Window) -> str:
    """``mon 08:00-16:30, tue ...`` (open days only)."""
    return ", ".join(f"{d} {_clock(w[0])}-{_clock(w[1])}" for d, w in zip(WEEKDAYS, window, strict=True) if w)


def weekly_hours(window: Window) -> float:
    return sum(b - a for w in window if w for a, b in [w])


def max_concurrent(starts: np.ndarray, ends: np.ndarray) -> int:
    """The most intervals [start, end) open at one instant."""
    if not starts.size:
        return 0
    times = np.concatenate([starts, ends])
    steps = np.concatenate([np.ones(starts.size, np.int64), -np.ones(ends.size, np.int64)])
    order = np.lexsort((steps, times))  # an end before a start at the same instant
    return int(np.cumsum(steps[order]).max())


@dataclass(frozen=True, slots=True)
class PoolFit:
    pool: str
    lanes: tuple[str, ...]
    count: int
    how: str
    people: tuple[str, ...]
    window: Window | None
    per_person: dict[str, Window] = field(default_factory=dict)
    rows: int = 0

    def data(self) -> dict[str, Any]:
        def hours(w: Window | None) -> dict[str, str] | None:
            if w is None:
                return None
            return {d: (f"{_clock(x[0])}-{_clock(x[1])}" if x else "closed") for d, x in zip(WEEKDAYS, w, strict=True)}

        return {"pool": self.pool, "lanes": list(self.lanes), "count": self.count, "counted_by": self.how,
                "people": list(self.people), "activity_instances": self.rows, "hours": hours(self.window),
                "per_person_hours": {p: hours(w) for p, w in self.per_person.items()}}


def _clock(hours: float) -> str:
    minutes = int(round(hours * 60))
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def fit_pool(obs: Observed, pool: str, lanes: tuple[str, ...], rows: np.ndarray,
             lane_names: tuple[str, ...] = ()) -> PoolFit:
    """Count and working hours of one pool from the rows of its lanes' tasks.

    A pool whose one resource is named as the pool, or as its lane (a lane ``discover`` made for it), may be a
    role (permitflow's own logs write ``officer``), not a person: it counts the most instances in progress at
    once."""
    table = obs.table
    starts, ends = obs.starts.start[rows], table.end[rows]
    names = [table.resources[r] for r in table.resource[rows]]
    distinct = sorted({n for n in names if n})
    if not distinct or distinct == [pool] or len(distinct) == 1 and (distinct[0] in ("none", "")
                                                                     or distinct[0] in lane_names):
        count, how, people = max(1, max_concurrent(starts, ends)), "most instances in progress at once", ()
    else:
        seen = {n: names.count(n) for n in distinct}
        people = tuple(n for n in distinct if seen[n] >= 0.01 * len(names))
        count, how = len(people), "people with at least 1% of the pool's work"
    seen_starts, someone = seen_times(obs, rows)
    window = None if dates_only(ends) else fit_window(seen_starts[someone], ends[someone])
    per_person: dict[str, Window] = {}
    if window is not None and people:
        arr = np.array(names)
        for p in people:
            mine = arr == p
            if np.count_nonzero(mine) >= 20:
                per_person[p] = fit_window(seen_starts[mine], ends[mine])
    return PoolFit(pool, lanes, count, how, people, window, per_person, int(rows.size))


def seen_times(obs: Observed, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The start the log saw for each of ``rows`` (its logged start, else its completion: an estimated start
    was not seen), and which rows are someone's work (a resource is named; all rows when none is)."""
    table = obs.table
    seen_starts = np.where(obs.starts.estimated[rows], table.end[rows], obs.starts.start[rows])
    named = np.array([table.resources[r] not in _NOBODY for r in table.resource[rows]], bool)
    return seen_starts, (named if named.any() else np.ones(rows.size, bool))


_NOBODY = ("", "none")  # no resource: the CSV's empty cell, permitflow's XES writes "none"


def clock_text(hours: float) -> str:
    """``8.25`` -> ``'08:15'``."""
    return _clock(hours)
