"""Which cases a log shows ended: the last row of the case is an activity the log shows ending cases.

Used where an unanswered wait must be told apart from one still awaited:
:func:`calibrate.censoredwaits.open_at_export` (a case ended has no wait open at the export) and
:func:`calibrate.waitplace.enabled_waits` (a sending in a case ended without its answer is one the answer did
not follow; in a case in progress it is not yet known).
"""

from __future__ import annotations

import numpy as np

from bpmn_io.caselog import LogTable

__all__ = ["ENDING_SHARE", "ENDING_CASES", "case_endings", "ended_cases"]

#: an activity ends cases when it is the last row of at least this share of the cases it occurs in ...
ENDING_SHARE = 0.9
#: ... and of at least this many: a step that is last in at most half of its cases is last in 5 of 5 with
#: probability 1/32 or less, while an export can cut one case just after a rare step that does not end it
ENDING_CASES = 5


def case_endings(table: LogTable) -> np.ndarray:
    """Per activity code, whether the log shows it ending cases: it is the last row of its case in at least
    :data:`ENDING_SHARE` of the cases it occurs in, and in at least :data:`ENDING_CASES` of them (a
    withdrawal, a dismissal; not a step that an export cut a case or two just after, nor a rare one seen
    once)."""
    n = len(table.activities)
    bounds = table.case_bounds()
    case = np.repeat(np.arange(table.n_cases), np.diff(bounds))
    occurs = np.bincount(np.unique(case * n + table.activity) % n, minlength=n) if n else np.zeros(0, int)
    last = np.bincount(table.activity[bounds[1:] - 1], minlength=n) if table.n_cases else np.zeros(n, int)
    return (last >= ENDING_CASES) & (last >= ENDING_SHARE * occurs)


def ended_cases(table: LogTable) -> np.ndarray:
    """Per case, whether its last row is an activity the log shows ending cases (:func:`case_endings`), in
    the log ``table`` was filtered from where it was (:attr:`LogTable.ended`)."""
    if table.ended is not None:
        return np.array([c in table.ended for c in table.case_ids], bool)
    if not table.n_cases:
        return np.zeros(0, bool)
    return case_endings(table)[table.activity[table.case_bounds()[1:] - 1]]
