"""Staffing from a log: who works in which lane, how many at once, and when each person works.

A pool's members are the resources of the rows of its lanes' tasks. When the log names
people, the count is the number of people with at least 1 % of the pool's rows, each person
counted once (:func:`home_pools`): in the pool where they did most of their work, of those
where they have that 1 % (one pool's count was the people who did 1 % of its rows, so a person
working in two pools counted in both, and the simulation had them twice); when it
names only the pool (permitflow's own logs write the pool name), the count is the most
activity instances of the pool in progress at one time — a lower bound that reaches the
true count whenever all members were busy at once. A name the log shows at work on several
cases at once is counted so too (a role or a team). **Open items are not work at once**
(:func:`most_at_once`): in a case system a clerk keeps several cases "started" for days, and
the started/completed rows bracket calendar time, not hands-on work. A name (or a role) whose
rows with a logged start are open a median of :data:`OPEN_ITEM_HOURS` hours or more (longer
than a working day) is read so: its rows show no one at work at once, and it counts as one
person (a clerk with five cases open is one clerk). Otherwise its rows are hands-on work, and
the most of them open at one instant count, leaving out rows open that long or longer (an
item kept open, or work that ran over a night): permitflow's own logs' ``officer``, whose
rows are hours of work, counts the two officers who did them. The note says which was read.

**When people work** (per weekday): from the earliest time of day work was seen to start to
the latest it was seen to end, to the minute. Only times the log saw count: a logged start (not
an item's kept open: it landed then, no one was seen at work on it; ``PoolFit.open_items``),
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
from processes.numbers import number

__all__ = ["Window", "PoolFit", "fit_window", "max_concurrent", "dates_only", "seen_times", "WEEKDAYS", "home_pools",
           "SOME_WORK", "ONCE", "with_some_work",
           "counted_people", "OPEN_ITEM_HOURS", "hands_on", "AtOnce", "most_at_once"]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: a person named in the log is one of a pool's people when they did at least this share of its rows
SOME_WORK = 0.01
#: how a pool of named people is counted (the rule, as the profile's note and calibrate's text say it)
ONCE = ("people with at least 1% of the pool's work, each counted once: in the pool where they did most of "
        "their work (most rows; a tie: the pool first by name)")
_DAY = 86400.0
#: a row open this many hours or longer (more than a working day) is an item open in the case system, not
#: hands-on work: it counts in no one's work at once (:func:`hands_on`)
OPEN_ITEM_HOURS = 8.0

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


def hands_on(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Which rows may be hands-on work: open under :data:`OPEN_ITEM_HOURS` from their (logged or estimated)
    start to their completion. A longer row is an item kept open in the case system while its person did other
    work (or work that ran over a night), so its overlap with other rows says nothing of how many people did them."""
    return np.asarray(ends - starts < OPEN_ITEM_HOURS * HOUR, bool)


@dataclass(frozen=True, slots=True)
class AtOnce:
    """What one name's rows (or a role's) show of work at once: ``most`` cases at one instant among its rows of
    hands-on length, ``left`` rows open longer left out; or, when ``median_hours`` (its rows with a logged start
    open a median of that long) is :data:`OPEN_ITEM_HOURS` or more, open items that show no one at work at once
    (``most`` 1)."""

    most: int
    left: int = 0
    median_hours: float | None = None

    @property
    def open_items(self) -> bool:
        return self.median_hours is not None and self.median_hours >= OPEN_ITEM_HOURS


def most_at_once(starts: np.ndarray, ends: np.ndarray, estimated: np.ndarray) -> AtOnce:
    """The most of ``starts``-``ends`` (one name's rows, or a role's) the log shows at work at once (module doc).
    Rows whose start is ``estimated`` never overlap their resource's previous completion; only logged starts show
    how long a row was open."""
    logged = ~estimated
    median = float(np.median(ends[logged] - starts[logged])) / HOUR if logged.any() else None
    if median is not None and median >= OPEN_ITEM_HOURS:
        return AtOnce(1, 0, median)
    work = hands_on(starts, ends)
    return AtOnce(max(1, max_concurrent(starts[work], ends[work])), int(np.count_nonzero(~work & logged)), median)


def open_items_said(found: dict[str, AtOnce]) -> str:
    """The pool note's words on the names (or the pool, for a role) whose rows are open items ("" when none)."""
    items = {who: f.median_hours or 0.0 for who, f in found.items() if f.open_items}
    if not items:
        return ""
    lo, hi = (number(h / 24, "en", 1) for h in (min(items.values()), max(items.values())))
    names = ", ".join(list(items)[:12]) + (" ..." if len(items) > 12 else "")
    return (f"{names} counted as one{' each' if len(items) > 1 else ''}: the rows are open a median of "
            f"{lo if lo == hi else f'{lo} to {hi}'} days from the logged start to the completion, "
            f"{number(OPEN_ITEM_HOURS, 'en', 0)} hours or longer, so they are items kept open in the case system, "
            f"not hands-on work, and their overlap shows no one at work on several cases at once")


def left_out_said(who: str, found: AtOnce) -> str:
    """The pool note's words on the rows of hands-on ``who`` left out of its work at once ("" when none counted)."""
    if found.open_items or found.most < 2 or not found.left:
        return ""
    return (f"{found.left} rows open {number(OPEN_ITEM_HOURS, 'en', 0)} hours or longer (an item kept open, or "
            f"work past a working day) left out of {who}'s work at once")


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
    #: people with 1 % of this pool's rows counted in another pool, where they did more: person -> that pool
    elsewhere: dict[str, str] = field(default_factory=dict)
    #: the names (a role's, for a pool of one) whose rows are items kept open (:attr:`AtOnce.open_items`) ->
    #: the median hours those rows are open: their logged starts show no work beginning, only an item landing
    open_items: dict[str, float] = field(default_factory=dict)

    def data(self) -> dict[str, Any]:
        def hours(w: Window | None) -> dict[str, str] | None:
            if w is None:
                return None
            return {d: (f"{_clock(x[0])}-{_clock(x[1])}" if x else "closed") for d, x in zip(WEEKDAYS, w, strict=True)}

        return {"pool": self.pool, "lanes": list(self.lanes), "count": self.count, "counted_by": self.how,
                "people": list(self.people), "activity_instances": self.rows, "hours": hours(self.window),
                "per_person_hours": {p: hours(w) for p, w in self.per_person.items()},
                "counted_elsewhere": dict(self.elsewhere)}


def _clock(hours: float) -> str:
    minutes = int(round(hours * 60))
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _is_role(pool: str, names: list[str], lane_names: tuple[str, ...]) -> bool:
    """Whether a pool's rows name no person but a role: no one, or one name that is the pool's or its lane's
    (permitflow's own logs write ``officer``; a lane ``discover`` made for it is named so)."""
    distinct = sorted({n for n in names if n})
    return not distinct or distinct == [pool] or len(distinct) == 1 and (distinct[0] in ("none", "")
                                                                         or distinct[0] in lane_names)


def with_some_work(names: list[str]) -> dict[str, int]:
    """The people with :data:`SOME_WORK` of ``names`` (a pool's rows' resources), with their rows."""
    seen: dict[str, int] = {}
    for n in names:
        if n:
            seen[n] = seen.get(n, 0) + 1
    return {n: k for n, k in sorted(seen.items()) if k >= SOME_WORK * len(names)}


def home_pools(names_by_pool: dict[str, list[str]], lane_names: dict[str, tuple[str, ...]] | None = None
               ) -> dict[str, str]:
    """Each person's one pool: of the pools where they did :data:`SOME_WORK` of the rows (``names_by_pool``: a
    pool's rows' resources), the one where they did the most rows; a tie goes to the pool first by name. Pools
    that name a role rather than people (:func:`_is_role`) count no one this way and are left out.

    >>> home_pools({"a": ["anna"] * 3 + ["bo"], "b": ["anna"] * 5 + ["bo"] * 9})
    {'anna': 'b', 'bo': 'b'}
    """
    best: dict[str, tuple[int, str]] = {}
    for pool in sorted(names_by_pool):
        names = names_by_pool[pool]
        if _is_role(pool, names, (lane_names or {}).get(pool, ())):
            continue
        for person, rows in with_some_work(names).items():
            if person not in best or rows > best[person][0]:
                best[person] = (rows, pool)
    return {person: pool for person, (_, pool) in best.items()}


def counted_people(pool: str, names: list[str], home: dict[str, str] | None
                   ) -> tuple[tuple[str, ...], dict[str, str], str]:
    """(the people a pool of named people counts, those with its 1 % counted in another pool -> that pool, how it
    counted) from its rows' resources ``names`` and each person's ``home`` pool (:func:`home_pools`). A pool all
    of whose people count elsewhere keeps the one who did most of its rows: a pool needs someone to do its work."""
    qualified = with_some_work(names)
    elsewhere = {n: home[n] for n in qualified if home is not None and home.get(n, pool) != pool}
    people = tuple(n for n in qualified if n not in elsewhere)
    how = ONCE
    if not people and qualified:  # everyone here works more elsewhere: the one who did most of this pool's rows
        people = (max(qualified, key=lambda n: (qualified[n], n)),)
        how += f"; {people[0]} counted here too, as everyone here did more of their work in another pool"
    return people, elsewhere, how


def fit_pool(obs: Observed, pool: str, lanes: tuple[str, ...], rows: np.ndarray,
             lane_names: tuple[str, ...] = (), home: dict[str, str] | None = None) -> PoolFit:
    """Count and working hours of one pool from the rows of its lanes' tasks.

    A pool whose one resource is named as the pool, or as its lane (a lane ``discover`` made for it), may be a
    role (permitflow's own logs write ``officer``), not a person: it counts the most instances in progress at
    once. ``home`` (:func:`home_pools`): each person's one pool; one whose home is another pool is not counted
    here, except that a pool all of whose people count elsewhere keeps the one who did most of its rows (a pool
    needs someone to do its work; the note says so)."""
    table = obs.table
    starts, ends = obs.starts.start[rows], table.end[rows]
    names = [table.resources[r] for r in table.resource[rows]]
    elsewhere: dict[str, str] = {}
    people: tuple[str, ...] = ()
    teams: dict[str, int] = {}
    estimated = obs.starts.estimated[rows]
    said: list[str] = []
    items: dict[str, float] = {}
    if _is_role(pool, names, lane_names):
        found = most_at_once(starts, ends, estimated)
        count, how = found.most, "most instances in progress at once"
        said += [open_items_said({"the pool": found}), left_out_said("the pool", found)]
        items = {n: found.median_hours or 0.0 for n in sorted(set(names))} if found.open_items else {}
    else:
        people, elsewhere, how = counted_people(pool, names, home)
        arr = np.array(names)
        each = {p: most_at_once(starts[arr == p], ends[arr == p], estimated[arr == p]) for p in people}
        teams = {p: found.most for p, found in each.items() if found.most > 1}
        count = len(people) + sum(k - 1 for k in teams.values())
        if teams:
            how += "; " + ", ".join(f"{p} counted as {k}" for p, k in teams.items()) + (
                ": the log shows that name at work on that many cases at once, which no one person is (a role or a "
                "team, counted as a pool of one name is)")
        said += [open_items_said(each), *(left_out_said(p, found) for p, found in each.items())]
        items = {p: found.median_hours or 0.0 for p, found in each.items() if found.open_items}
    how += "".join(f"; {words}" for words in said if words)
    seen_starts, someone = seen_times(obs, rows)
    # an item kept open was not seen being worked on when it was opened: its completion is the time seen
    seen_starts = np.where(np.isin(np.array(names, dtype=object), list(items)), ends, seen_starts)
    window = None if dates_only(ends) else fit_window(seen_starts[someone], ends[someone])
    per_person: dict[str, Window] = {}
    if window is not None and people:
        arr = np.array(names)
        for p in people:
            if p in teams:  # a role's rows are several people's: no one person's hours
                continue
            mine = arr == p
            if np.count_nonzero(mine) >= 20:
                per_person[p] = fit_window(seen_starts[mine], ends[mine])
    return PoolFit(pool, lanes, count, how, people, window, per_person, int(rows.size), elsewhere, items)


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
