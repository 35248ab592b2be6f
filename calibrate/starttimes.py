"""Start times for logs that record only completions (the common case in case-management exports).

The estimate follows the start-time-estimator approach (Chapela-Campa and Dumas,
"Estimating activity start times in event logs"): an activity instance cannot
start before it was **enabled** (by default: the completion of the case's
previous event; ``calibrate`` passes the completion of the activity's
predecessor in the model instead) nor before its **resource was available**
(the same resource's previous completion, in any case). So::

    start = min(end, max(enabled, available))

An instance with neither (a case's first event by an unknown resource) gets
``start = end`` (no duration) and is counted as not estimated. The PyPI package
``start-time-estimator`` (Apache-2.0) implements the same rule over pandas but
pins ``pandas < 3`` and ``pix-framework < 0.11``, which conflict with pm4py's
pandas here; this is the rule in numpy, on the columns of a ``LogTable``.

>>> import numpy as np
>>> from bpmn_io.caselog import LogRecord, table_from_records
>>> nan = float("nan")
>>> t = table_from_records([LogRecord("a", "X", nan, 10.0, "r", "", 1), LogRecord("a", "Y", nan, 50.0, "r", "", 2),
...                         LogRecord("b", "X", nan, 30.0, "r", "", 3)], source="t")
>>> estimate_starts(t).start.tolist()     # b's X waits for r (free at 10); a's Y for r (free at 30)
[10.0, 30.0, 10.0]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bpmn_io.caselog import LogTable
from processes.numbers import number

__all__ = ["Starts", "estimate_starts", "previous_in_case", "spaced_starts"]


@dataclass(frozen=True, slots=True)
class Starts:
    """Start time of every row of a table; ``estimated`` marks rows whose start the log did not give."""

    start: np.ndarray
    estimated: np.ndarray
    unknown: int  # rows with no estimate (start = end)
    note: str


def previous_in_case(table: LogTable) -> np.ndarray:
    """The completion of the case's previous row (nan for a case's first row)."""
    prev = np.full(table.n_events, np.nan)
    if table.n_events > 1:
        same = table.case[1:] == table.case[:-1]
        prev[1:] = np.where(same, table.end[:-1], np.nan)
    return prev


def _resource_available(table: LogTable) -> np.ndarray:
    """The same resource's previous completion (any case) before each row; nan without one."""
    order = np.lexsort((table.where, table.end, table.resource))
    res, end = table.resource[order], table.end[order]
    avail_sorted = np.full(table.n_events, np.nan)
    if table.n_events > 1:
        same = (res[1:] == res[:-1]) & (res[1:] != 0)
        avail_sorted[1:] = np.where(same, end[:-1], np.nan)
    avail = np.empty_like(avail_sorted)
    avail[order] = avail_sorted
    return avail


def _guess(table: LogTable, enabled: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every row's estimated start, ``min(end, max(enabled, available))`` (its end when it has neither), and
    ``max(enabled, available)`` itself (nan: neither)."""
    both = np.fmax(enabled, _resource_available(table))  # fmax ignores a nan on one side
    return np.minimum(table.end, np.where(np.isnan(both), table.end, both)), both


def spaced_starts(table: LogTable, enabled: np.ndarray) -> np.ndarray:
    """Every row's start as a log of completions only gives it, its logged start ignored: the later of its
    ``enabled`` and its resource's previous completion (its end when it has neither). For a person whose rows
    are items kept open for days (:data:`calibrate.staff.OPEN_ITEM_HOURS`) the logged start says when an item
    landed, not when work began; the spacing of their completions is what shows their work."""
    return _guess(table, enabled)[0]


def estimate_starts(table: LogTable, enabled: np.ndarray | None = None) -> Starts:
    """Every row's start: the log's where it has one, else ``min(end, max(enabled, available))``."""
    known = ~np.isnan(table.start)
    if known.all():
        return Starts(table.start.copy(), np.zeros(table.n_events, bool), 0,
                      "start times from the log")
    enabled = previous_in_case(table) if enabled is None else enabled
    guess, both = _guess(table, enabled)
    start = np.where(known, table.start, guess)
    estimated = ~known
    unknown = int(np.count_nonzero(estimated & np.isnan(both)))
    note = (f"start times estimated for {number(int(estimated.sum()), 'en')} of {number(table.n_events, 'en')} "
            "activity instances "
            "(the later of: enabled by the previous step, the resource free after its previous completion); "
            f"{number(unknown, 'en')} without either start at their completion")
    return Starts(start, estimated, unknown, note)
