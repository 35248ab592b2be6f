"""Case logs (a municipality's case-management export) as data: records, columns, the log table.

A case log is read as a stream of :class:`LogRecord` — one per activity
instance: the case, the activity, when it completed (``end``), when it started
if the log says so (``start``, else ``nan``), who did it, and where in the
file it was (CSV line or XES event number). ``bpmn_io.xeslog`` and
``bpmn_io.csvlog`` produce the stream; :func:`bpmn_io.logfiles.open_log` picks the
reader by the file's name; :func:`bpmn_io.logfiles.read_log` collects it into a :class:`LogTable`, the
columnar form ``calibrate`` works on (numpy arrays of codes and times, about
30 bytes per activity instance).

Times are **local wall-clock seconds since 1970-01-01**: a timestamp written
with an offset (``2014-04-11T00:00:00+02:00``) keeps its local time
(00:00) and drops the offset, as a work calendar reads time. Daylight saving is
ignored, as in the simulator, except in the order of a case's events: where every
completion of a case carries its offset, the case's events are ordered by the
instant (``LogRecord.at``), so October's repeated hour keeps them in the order they
happened (an event the clock puts earlier than the one before it is counted on from
that one's clock by the time that passed, and a note says so); without offsets, two
events of a case in Sweden's repeated hour get a note that the log cannot tell which
came first.

>>> t = table_from_records([LogRecord("c1", "Granska", float("nan"), 3600.0, "anna", "", 2)], source="x.csv")
>>> t.n_cases, t.activities, t.has_start
(1, ('Granska',), False)
"""

from __future__ import annotations

import datetime as dt
import gzip
import math
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NamedTuple

import numpy as np

from bpmn_io.logrepeats import RowRepeats  # the readers' check for exact repeats, named here too
from processes.errors import InputError

__all__ = [
    "LOG_YEARS",
    "outside_log_years",
    "LogColumns",
    "GUESS",
    "LogRecord",
    "LogTable",
    "LogStream",
    "table_from_records",
    "wall_seconds",
    "instant_seconds",
    "from_seconds",
    "open_bytes",
    "RowRepeats",
    "NO_ONE",
    "names_someone",
]

_EPOCH = dt.datetime(1970, 1, 1)

#: resource values that name no one (compared lower-case): what an export, or permitflow's own log, writes where
#: nobody did it (a referral's answer, a timer)
NO_ONE = frozenset({"", "none", "null", "nan", "n/a", "-", "unknown"})


def names_someone(resources: tuple[str, ...]) -> np.ndarray:
    """Per resource name (a :class:`LogTable`'s ``resources``), whether it names someone (:data:`NO_ONE`)."""
    return np.array([r.strip().lower() not in NO_ONE for r in resources], bool)


#: the years a log's timestamp may name: 9999-12-31 and 1900-01-01 (SQL Server's default date, Excel's
#: first day) are what case systems write for "no date", and read as dates they stretched the log's period
#: over centuries (a calibrated arrival rate over 8,000 years is near nothing); up to 2300, as a simulation
#: may start in 2200 and run 100 years, and its event log be read back
LOG_YEARS = range(1901, 2301)


def outside_log_years(when: dt.datetime) -> str:
    """Why ``when`` is no date a case log holds (``""`` when it is one), for the readers' refusals."""
    if when.year in LOG_YEARS:
        return ""
    return (f"the year {when.year} is outside {LOG_YEARS[0]} to {LOG_YEARS[-1]} (expected the date the "
            "event happened; a case system's placeholder for no date, such as 9999-12-31? correct or remove "
            "the row)")


def wall_seconds(when: dt.datetime) -> float:
    """Local wall-clock seconds since 1970-01-01 (an offset is dropped, the local time kept)."""
    if when.tzinfo is not None:
        when = when.replace(tzinfo=None)
    return (when - _EPOCH).total_seconds()


def instant_seconds(when: dt.datetime) -> float:
    """UTC seconds since 1970-01-01 of a date-time with an offset; nan without one (the instant is not known)."""
    offset = when.utcoffset()
    if offset is None:
        return math.nan
    return wall_seconds(when) - offset.total_seconds()


def from_seconds(seconds: float) -> dt.datetime:
    """The local date-time of wall-clock ``seconds`` (the inverse of :func:`wall_seconds`)."""
    return _EPOCH + dt.timedelta(seconds=float(seconds))


def open_bytes(path: str | Path) -> BinaryIO:
    """The file at ``path`` as a binary stream, decompressed if it is gzip (by its magic bytes)."""
    raw = open(path, "rb")  # noqa: SIM115 - the caller's generator closes it
    if raw.peek(2)[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw


@dataclass(frozen=True, slots=True)
class LogColumns:
    """Which field of the file holds what (None: guess, or the XES standard key).

    For CSV these are column names; for XES attribute keys (``concept:name``,
    ``time:timestamp``, ``org:resource`` ... by default; ``activity="activityNameEN"``
    reads another attribute as the activity). ``date_format`` is a ``strptime``
    format for CSV timestamps, or ``day-first`` / ``month-first`` for dates such as
    ``4/3/2025`` (default: the form read from the rows, :mod:`bpmn_io.csvdates`).
    """

    case: str | None = None
    activity: str | None = None
    timestamp: str | None = None
    start: str | None = None
    resource: str | None = None
    element: str | None = None
    date_format: str | None = None
    time: str | None = None  # CSV: a column of the time of day, when the export splits date and time


#: no column given: guess CSV columns, use the standard XES keys
GUESS = LogColumns()


class LogRecord(NamedTuple):
    """One activity instance of a case log (times in wall-clock seconds; ``start`` nan if unknown)."""

    case: str
    activity: str
    start: float
    end: float
    resource: str
    element: str
    where: int  # CSV line, or XES event number (1-based)
    at: float = math.nan  # the completion's instant, UTC seconds, when its text gives the offset (else nan)
    start_at: float = math.nan  # the start's instant, the same way


@dataclass(slots=True)
class LogStream:
    """An opened log: its records (an iterator, read once) and what the reader decided.

    ``mapping`` says which field holds what (``{"case": "case_id", ...}``) and
    ``guessed`` which of those were guessed rather than given (an XES log's optional
    ``resource`` and ``element`` become ``None`` once read if no event has them); ``notes`` are
    lines for the user (ignored lifecycle transitions, starts without an end ...),
    filled in as the records are read.
    """

    source: str
    kind: str  # "xes" or "csv"
    records: Iterator[LogRecord]
    mapping: dict[str, str | None]
    guessed: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)

    def mapping_line(self) -> str:
        """One line stating the column mapping used, guesses marked."""
        parts = []
        for role, name in self.mapping.items():
            if name is None:
                continue
            parts.append(f"{role}={name}" + (" (guessed)" if role in self.guessed else ""))
        what = "columns" if self.kind == "csv" else "XES attributes"
        return f"{what}: " + ", ".join(parts)


@dataclass(frozen=True, slots=True)
class LogTable:
    """A whole case log in columns, sorted by case, then end time, then file order.

    ``case``, ``activity``, ``resource`` and ``element`` are int32 codes into the
    name tuples (resource and element code 0 is ``""``: not given); ``start``
    (nan where the log has none) and ``end`` are wall-clock seconds.
    """

    source: str
    case_ids: tuple[str, ...]
    activities: tuple[str, ...]
    resources: tuple[str, ...]
    elements: tuple[str, ...]
    case: np.ndarray
    activity: np.ndarray
    resource: np.ndarray
    element: np.ndarray
    start: np.ndarray
    end: np.ndarray
    where: np.ndarray
    notes: tuple[str, ...] = ()
    #: activities started and not ended when the log was exported (``end`` nan), as read, in file order; a case
    #: known only by such rows is not among ``case_ids``
    in_progress: tuple[LogRecord, ...] = ()
    #: the cases that the log this table was filtered from shows ended (its rows of rare activities left
    #: out, a withdrawal among them: ``calibrate.discover.filtered``); None: the table's own rows show it
    ended: frozenset[str] | None = None

    def last_seen(self) -> float:
        """The log's last event: its latest completion, or a later start of an activity still in progress."""
        late = max((r.start for r in self.in_progress), default=-math.inf)
        return max(float(self.end.max()), late)

    @property
    def n_events(self) -> int:
        return int(self.end.size)

    @property
    def n_cases(self) -> int:
        return len(self.case_ids)

    @property
    def has_start(self) -> bool:
        """True if every activity instance has a start time in the log."""
        return bool(self.n_events) and not bool(np.isnan(self.start).any())

    def case_bounds(self) -> np.ndarray:
        """Index where each case's rows begin, plus the end: case i is rows ``b[i]:b[i+1]``."""
        return np.searchsorted(self.case, np.arange(self.n_cases + 1), side="left")

    def arrivals(self) -> tuple[np.ndarray, dict[str, float]]:
        """Each case's arrival, and those of the cases known only by rows still in progress at the export.

        A case arrives at its first row: the start where the log gives one, else the completion. A row in progress
        (a start, no end) is one of its case's rows too, and can be its first; a case known only by such rows (not
        among ``case_ids``) arrived at its first one's start: (per case of ``case_ids``, {case id: arrival} of
        those). ``calibrate``'s arrival rate, ``log inspect``'s arrivals per month and ``--validate``'s split all
        count a case so."""
        given = np.where(np.isnan(self.start), self.end, self.start)
        known = np.fmin.reduceat(given, self.case_bounds()[:-1]) if self.n_cases else given[:0]
        index = {c: i for i, c in enumerate(self.case_ids)}
        running: dict[str, float] = {}
        for rec in self.in_progress:
            i = index.get(rec.case)
            if i is not None:
                known[i] = min(known[i], rec.start)
            else:
                running[rec.case] = min(running.get(rec.case, math.inf), rec.start)
        return known, running

    def period(self) -> tuple[dt.datetime, dt.datetime]:
        """The first and last timestamp of the log."""
        first = np.nanmin(np.where(np.isnan(self.start), self.end, self.start))
        return from_seconds(first), from_seconds(self.last_seen())

    def period_text(self) -> str:
        first, last = self.period()
        return f"{first.date()} to {last.date()}"


def _interned(names: dict[str, int]) -> tuple[str, ...]:
    out = [""] * len(names)
    for name, code in names.items():
        out[code] = name
    return tuple(out)


def table_from_records(records: Iterable[LogRecord], *, source: str, notes: Iterable[str] = (),
                       place: str = "line") -> LogTable:
    """Collect ``records`` into a :class:`LogTable` (cases numbered in order of their first event).

    A case's events are ordered by their instants where all its completions give one (``LogRecord.at``), else
    by the clock; notes on October's repeated hour are added (``place``: ``"line"`` or ``"event"``).
    """
    cases: dict[str, int] = {}
    acts: dict[str, int] = {}
    res: dict[str, int] = {"": 0}
    els: dict[str, int] = {"": 0}
    c, a, r, e = array("i"), array("i"), array("i"), array("i")
    s, t, w, u, v = array("d"), array("d"), array("q"), array("d"), array("d")
    running: list[LogRecord] = []
    for rec in records:
        if rec.end != rec.end:  # started, not ended at the export: kept aside, fitted as right-censored
            running.append(rec)
            continue
        c.append(cases.setdefault(rec.case, len(cases)))
        a.append(acts.setdefault(rec.activity, len(acts)))
        r.append(res.setdefault(rec.resource, len(res)))
        e.append(els.setdefault(rec.element, len(els)))
        s.append(rec.start)
        t.append(rec.end)
        w.append(rec.where)
        u.append(rec.at)
        v.append(rec.start_at)
    if not t:
        raise InputError("the log has no events (expected at least one case with a completed activity)",
                         file=source)
    case, end, where = np.frombuffer(c, np.int32), np.frombuffer(t, np.float64), np.frombuffer(w, np.int64)
    first_end = np.full(len(cases), np.inf)
    np.minimum.at(first_end, case, end)
    # cases numbered by their first event's time (ties: file order), so case 0 arrived first
    renumber = np.empty(len(cases), np.int32)
    renumber[np.lexsort((np.arange(len(cases)), first_end))] = np.arange(len(cases), dtype=np.int32)
    case_names = _interned(cases)
    ids = [""] * len(cases)
    for old, new in enumerate(renumber):
        ids[new] = case_names[old]
    new_case = renumber[case]
    at = np.frombuffer(u, np.float64)
    known = ~np.isnan(at)
    key = end
    if known.any():  # cases whose every completion gives its instant are ordered by the instants
        whole = np.bincount(case[~known], minlength=len(cases)) == 0
        key = np.where(whole[case], at, end)
    order = np.lexsort((where, key, new_case))
    sorted_case, sorted_end, sorted_where = new_case[order], end[order], where[order]
    sorted_start = np.frombuffer(s, np.float64)[order]
    said = [*_later_by_instant(sorted_case, sorted_start, sorted_end, at[order], np.frombuffer(v, np.float64)[order],
                               sorted_where, ids, place),
            *_repeated_hour(sorted_case, sorted_end, ~known[order], sorted_where, ids, place)]
    return LogTable(
        source=source,
        case_ids=tuple(ids),
        activities=_interned(acts),
        resources=_interned(res),
        elements=_interned(els),
        case=sorted_case,
        activity=np.frombuffer(a, np.int32)[order],
        resource=np.frombuffer(r, np.int32)[order],
        element=np.frombuffer(e, np.int32)[order],
        start=sorted_start,
        end=sorted_end,
        where=sorted_where,
        notes=(*notes, *said),
        in_progress=tuple(running),
    )


def _later_by_instant(case: np.ndarray, start: np.ndarray, end: np.ndarray, at: np.ndarray, start_at: np.ndarray,
                      where: np.ndarray, ids: list[str], place: str) -> list[str]:
    """Move on, in place, a completion the instants put after its case's previous one but the clock before it (the
    hour repeated when summer time ends: 02:10+01:00 after 02:40+02:00) to the previous one's clock time plus the
    time that passed (03:10), so a case's times never go back; its start (if the log gives one and its offset)
    keeps the time that passed before the completion. The note saying so, if any was moved."""
    same = case[1:] == case[:-1]
    back = np.flatnonzero(same & (end[1:] < end[:-1])) + 1
    if not back.size:
        return []
    moved: list[int] = []
    for i in back.tolist():
        j = i
        while j < end.size and case[j] == case[j - 1] and end[j] < end[j - 1]:
            end[j] = end[j - 1] + (at[j] - at[j - 1] if at[j] >= at[j - 1] else 0.0)
            if start[j] == start[j] and start_at[j] <= at[j]:  # both instants known: the duration as it passed
                start[j] = end[j] - (at[j] - start_at[j])
            moved.append(j)
            j += 1
    first = moved[0]
    n_cases = len({int(case[i]) for i in moved})
    return [f"{_events(len(moved))} of {n_cases} case(s) came after the case's previous event by their UTC offsets "
            f"but earlier by the clock, as in the hour repeated when summer time ends (the first: {place} "
            f"{int(where[first])} after {place} {int(where[first - 1])} of case {ids[case[first]]!r}): taken in the "
            "order of the instants, the time that passed counted on from the previous event's clock (02:10+01:00 "
            "after 02:40+02:00 reads 03:10)"]


def _events(n: int) -> str:
    return "1 event" if n == 1 else f"{n} events"


#: 1996 on: the EU's summer time ends on the last Sunday of October, and Swedish clocks go from 03:00 back to 02:00
_EU_RULE_FROM = dt.date(1996, 1, 1)
_DAY = 86400.0


def _repeated_hour(case: np.ndarray, end: np.ndarray, unknown: np.ndarray, where: np.ndarray, ids: list[str],
                   place: str) -> list[str]:
    """The note on cases with two or more completions without a UTC offset in 02:00-03:00 of the last Sunday of
    October, the hour Swedish clocks go through twice: the log cannot tell in which order they came."""
    day = np.floor_divide(end, _DAY)
    clock = end - day * _DAY
    hit = unknown & (clock >= 7200.0) & (clock < 10800.0) & ((day + 3) % 7 == 6)  # 1970-01-01 was a Thursday
    for i in np.flatnonzero(hit).tolist():
        date = _EPOCH.date() + dt.timedelta(days=int(day[i]))
        hit[i] = date.month == 10 and date.day >= 25 and date >= _EU_RULE_FROM
    if np.count_nonzero(hit) < 2:
        return []
    per_case = np.bincount(case[hit], minlength=len(ids))
    twice = per_case >= 2
    rows = np.flatnonzero(hit & twice[case])
    if not rows.size:
        return []
    first = rows[case[rows] == case[rows[0]]]
    date = from_seconds(float(end[first[0]])).date()
    seen = sorted(int(where[i]) for i in first)
    lines = " and ".join(str(n) for n in seen[:2]) + (" ..." if len(seen) > 2 else "")
    return [f"{_events(rows.size)} of {int(np.count_nonzero(twice))} case(s) fall in 02:00-03:00 on the day summer "
            f"time ends, the hour Swedish clocks go through twice, and carry no UTC offset: the log cannot tell "
            f"which of a case's events there came first, and they are taken in clock order (the first: case "
            f"{ids[case[first[0]]]!r} on {date}, {place}s {lines}); an export with offsets (+02:00, +01:00) is "
            "ordered as it happened"]
