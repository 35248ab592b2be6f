"""Figures over time, as pure functions of a run's records: queue length per pool and
the backlog of cases waiting for a decision body's meeting.

A record waits from ``enable`` to ``start`` (for a pool member, or for the meeting
whose agenda it made), so the number waiting at time t is the number of records of
that resource with ``enable <= t < start``. Needs a run with ``keep_records=True``.

>>> from simulator.records import ActivityRecord, SimResult
>>> r = SimResult(0, 48.0, activities=(ActivityRecord(0, "T", "T", "officer", 0.0, 30.0, 31.0),
...                                     ActivityRecord(1, "T", "T", "officer", 10.0, 10.0, 12.0)))
>>> waiting(r, "officer", [0.0, 24.0, 30.0])
(1, 1, 0)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from simulator.records import SimResult

__all__ = ["waiting", "daily_times", "queue_length_over_time", "backlog_over_time"]

DAY = 24.0


def waiting(result: SimResult, resource: str, times: Iterable[float]) -> tuple[int, ...]:
    """How many activity records of ``resource`` (a pool or a decision body) wait at each of ``times``."""
    rows = [(a.enable, a.start) for a in result.activities if a.resource == resource and a.start > a.enable]
    enable = np.sort(np.array([e for e, _ in rows], dtype=float))
    start = np.sort(np.array([s for _, s in rows], dtype=float))
    t = np.asarray(list(times), dtype=float)
    counts = np.searchsorted(enable, t, side="right") - np.searchsorted(start, t, side="right")
    return tuple(int(c) for c in counts)


def daily_times(result: SimResult, *, start: float = 0.0, end: float | None = None) -> tuple[float, ...]:
    """Midnight of every day from ``start`` to ``end`` (default: the last record's end)."""
    last = end if end is not None else max((a.end for a in result.activities), default=start)
    return tuple(float(h) for h in np.arange(start, last + 1e-9, DAY))


def queue_length_over_time(result: SimResult, pool: str, times: Sequence[float] | None = None
                           ) -> tuple[tuple[float, int], ...]:
    """(time in hours, tasks queued for a member of ``pool``) at ``times`` (default: each midnight)."""
    ts = tuple(times) if times is not None else daily_times(result)
    return tuple(zip(ts, waiting(result, pool, ts), strict=True))


def backlog_over_time(result: SimResult, body: str, times: Sequence[float] | None = None
                      ) -> tuple[tuple[float, int], ...]:
    """(time in hours, cases ready and waiting for a meeting of ``body``) at ``times`` (default: each midnight)."""
    ts = tuple(times) if times is not None else daily_times(result)
    return tuple(zip(ts, waiting(result, body, ts), strict=True))
