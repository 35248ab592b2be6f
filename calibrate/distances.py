"""How far a simulated log is from a real one: the measures of Chapela-Campa et al. (2023).

"Can I trust my simulation model? Measuring the quality of business process
simulation models" (BPM 2023) compares a simulated log with the real one it should
reproduce by distances between distributions. The definitions here follow the
reference implementation (PyPI ``log-distance-measures``, Apache-2.0), which
``bench/simod_side_by_side.py`` runs beside these for a check:

- **cycle time** — each case's time from its first to its last timestamp, in
  hourly bins counted from the shortest of both logs; Wasserstein (EMD) between
  the two samples of bins, so the unit is hours;
- **arrivals** — each case's first timestamp, in hours from the first arrival
  of either log; Wasserstein, hours;
- **absolute / relative event distribution** — every event's timestamp in hours
  from the first of either log (absolute) or from its case's first (relative);
  Wasserstein, hours;
- **activity frequencies** — the sum of absolute differences of the counts per
  activity over the sum of both logs' counts (0: the same, 1: disjoint), and the
  same on shares (``relative``, the total variation distance);
- **3-gram** — the same on the counts of every three activities in a row within a
  case (case start and end padded), 0 to 1.

Pure: the logs come in as :class:`CaseLog` (columns), numbers go out. When either
log has no start times, only completion times are used for both (a fair
comparison: the same definition on both sides).

>>> real = CaseLog.of([("a", "X", 0, 3600), ("a", "Y", 3600, 7200)])
>>> cycle_time_emd(real, real), ngram_distance(real, real, 3)
(0.0, 0.0)
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.stats import wasserstein_distance

from processes.calendarmonths import by_day, deadline_span

__all__ = ["CaseLog", "cycle_time_emd", "arrival_emd", "event_emd", "activity_frequency_distance",
           "ngram_distance", "cycle_days", "deadline_days", "case_deadline_days", "within_share", "HOUR"]

HOUR = 3600.0


@dataclass(frozen=True, slots=True)
class CaseLog:
    """A log as columns, rows sorted by case then time: case codes, activity labels, start and end seconds.

    ``start`` is nan where the log has none.
    """

    case: np.ndarray
    label: tuple[str, ...]
    start: np.ndarray
    end: np.ndarray

    @classmethod
    def of(cls, rows: Iterable[tuple[str, str, float, float]]) -> CaseLog:
        """From ``(case, label, start, end)`` rows in any order (seconds; ``start`` may be nan)."""
        listed = sorted(rows, key=lambda r: (str(r[0]), r[3], r[2] if not math.isnan(r[2]) else r[3]))
        codes: dict[str, int] = {}
        case = np.array([codes.setdefault(str(r[0]), len(codes)) for r in listed], dtype=np.int64)
        return cls(case, tuple(r[1] for r in listed), np.array([r[2] for r in listed], dtype=float),
                   np.array([r[3] for r in listed], dtype=float))

    @property
    def has_start(self) -> bool:
        return bool(self.end.size) and not bool(np.isnan(self.start).any())

    def bounds(self) -> np.ndarray:
        """Row index where each case begins, plus the end."""
        change = np.flatnonzero(np.diff(self.case)) + 1
        return np.concatenate(([0], change, [self.case.size]))

    def times(self, use_start: bool) -> np.ndarray:
        return self.start if use_start else self.end

    def case_spans(self, use_start: bool) -> tuple[np.ndarray, np.ndarray]:
        """(first, last) timestamp of each case (seconds)."""
        b = self.bounds()
        first_col = np.fmin(self.times(use_start), self.end)
        first = np.minimum.reduceat(first_col, b[:-1]) if self.end.size else np.array([])
        last = np.maximum.reduceat(self.end, b[:-1]) if self.end.size else np.array([])
        return first, last


def _use_start(a: CaseLog, b: CaseLog) -> bool:
    return a.has_start and b.has_start


def _emd(x: np.ndarray, y: np.ndarray) -> float:
    if not x.size or not y.size:
        return math.nan
    return float(wasserstein_distance(x, y))


def cycle_time_emd(real: CaseLog, sim: CaseLog) -> float:
    """Wasserstein distance between the cycle times in hourly bins (hours)."""
    use = _use_start(real, sim)
    (f1, l1), (f2, l2) = real.case_spans(use), sim.case_spans(use)
    c1, c2 = (l1 - f1) / HOUR, (l2 - f2) / HOUR
    if not c1.size or not c2.size:
        return math.nan
    low = min(c1.min(), c2.min())
    return _emd(np.floor(c1 - low), np.floor(c2 - low))


def arrival_emd(real: CaseLog, sim: CaseLog) -> float:
    """Wasserstein distance between the case arrivals in hourly bins from the first (hours)."""
    use = _use_start(real, sim)
    a1, a2 = real.case_spans(use)[0], sim.case_spans(use)[0]
    if not a1.size or not a2.size:
        return math.nan
    origin = math.floor(min(a1.min(), a2.min()) / HOUR) * HOUR
    return _emd(np.floor((a1 - origin) / HOUR), np.floor((a2 - origin) / HOUR))


def _event_times(log: CaseLog, use: bool) -> np.ndarray:
    return np.concatenate((log.start, log.end)) if use else log.end


def event_emd(real: CaseLog, sim: CaseLog, *, relative: bool) -> float:
    """Wasserstein distance between all event timestamps in hourly bins (hours): from the first
    timestamp of either log (absolute event distribution) or from each case's start (relative)."""
    use = _use_start(real, sim)
    if relative:
        def offsets(log: CaseLog) -> np.ndarray:
            first = log.case_spans(use)[0][np.searchsorted(log.bounds()[1:], np.arange(log.end.size), side="right")]
            return np.floor((_event_times(log, use) - np.tile(first, 2 if use else 1)) / HOUR)

        return _emd(offsets(real), offsets(sim))
    t1, t2 = _event_times(real, use), _event_times(sim, use)
    if not t1.size or not t2.size:
        return math.nan
    origin = math.floor(min(t1.min(), t2.min()) / HOUR) * HOUR
    return _emd(np.floor((t1 - origin) / HOUR), np.floor((t2 - origin) / HOUR))


def _histogram_distance(h1: Counter[Any], h2: Counter[Any], *, relative: bool) -> float:
    n1, n2 = sum(h1.values()), sum(h2.values())
    if not n1 or not n2:
        return math.nan
    keys = set(h1) | set(h2)
    if relative:
        return 0.5 * sum(abs(h1[k] / n1 - h2[k] / n2) for k in keys)
    return sum(abs(h1[k] - h2[k]) for k in keys) / (n1 + n2)


def activity_frequency_distance(real: CaseLog, sim: CaseLog, *, relative: bool = False) -> float:
    """Distance between the activity counts (0 equal .. 1 disjoint); ``relative``: between their shares."""
    return _histogram_distance(Counter(real.label), Counter(sim.label), relative=relative)


def _ngrams(log: CaseLog, n: int) -> Counter[tuple[str, ...]]:
    out: Counter[tuple[str, ...]] = Counter()
    b = log.bounds()
    pad = ("",) * (n - 1)
    for i in range(b.size - 1):
        trace = pad + log.label[b[i]:b[i + 1]] + pad
        out.update(trace[j:j + n] for j in range(len(trace) - n + 1))
    return out


def ngram_distance(real: CaseLog, sim: CaseLog, n: int = 3) -> float:
    """The n-gram distance (0 equal .. 1 disjoint): counts of n activities in a row, as the reference does."""
    return _histogram_distance(_ngrams(real, n), _ngrams(sim, n), relative=False)


def cycle_days(log: CaseLog, *, use_start: bool) -> np.ndarray:
    """Each case's cycle time in days."""
    first, last = log.case_spans(use_start)
    return (last - first) / 86400.0


def deadline_days(log: CaseLog, *, use_start: bool, days: float, months: int | None = None,
                  unit: str | None = None) -> np.ndarray:
    """Each case's deadline in days from its first timestamp (:func:`case_deadline_days`), beside
    :func:`cycle_days`."""
    return case_deadline_days(log.case_spans(use_start)[0], days, months, unit)


#: 00:00 of the day wall-clock seconds count from (:func:`bpmn_io.caselog.wall_seconds`): a case's date
_WALL_DAY = dt.date(1970, 1, 1)


def case_deadline_days(first: np.ndarray, deadline_days: float, months: int | None = None,
                       unit: str | None = None) -> np.ndarray:
    """Each case's deadline in days from its start ``first`` (wall-clock seconds): ``deadline_days`` from every
    start, or, for a deadline of ``months`` calendar months, to the same day of the month that many months on at
    the same time of day (the month's last day when it has none); a deadline counted by the day (in months, or
    written in ``unit`` days or weeks) whose last day is a Saturday, Sunday, holiday or eve runs to the end of
    the next weekday (lagen (1930:173) 2 §), by the simulation's one rule
    (:func:`processes.calendarmonths.deadline_span`): 120 to 123 days for 4 months before a move. One in hours
    (``unit`` ``h``, or None) is ``deadline_days`` from every start.

    >>> from bpmn_io.caselog import wall_seconds
    >>> july_3, oct_31 = (wall_seconds(dt.datetime(y, m, d, 9)) for y, m, d in ((2025, 7, 3), (2023, 10, 31)))
    >>> case_deadline_days(np.array([july_3, oct_31]), 121.75, 4).tolist()  # to 3 November, 29 February
    [123.0, 121.0]
    >>> case_deadline_days(np.array([july_3]), 30.0, None, "d").tolist()  # 2 August a Saturday: to Monday 4th
    [32.625]
    """
    daily = by_day(unit)
    if not months and not daily:
        return np.full(np.shape(first), deadline_days)
    hours = 0.0 if months else deadline_days * 24.0
    return np.array([deadline_span(hours, months, _WALL_DAY, t / HOUR, daily=daily) / 24.0
                     for t in np.ravel(first)], float)


def within_share(days: np.ndarray, deadline_days: float | np.ndarray | None) -> float | None:
    """Share of cases whose cycle time is at most ``deadline_days`` (one for all, or each case's own:
    :func:`case_deadline_days`; None: no deadline)."""
    if deadline_days is None or not days.size:
        return None
    return float(np.mean(days <= deadline_days + 1e-9))
