"""Which cases a log shows ended: the last row of the case is an activity the log shows ending cases.

Used where an unanswered wait must be told apart from one still awaited:
:func:`calibrate.censoredwaits.open_at_export` (a case ended has no wait open at the export) and
:func:`calibrate.waitplace.enabled_waits` (a sending in a case ended without its answer is one the answer did
not follow; in a case in progress it is not yet known). A log that shows no activity ending cases says so
(:func:`endings_notes`): no case then reads as ended by the log alone.
"""

from __future__ import annotations

import numpy as np

from bpmn_io.caselog import LogTable

__all__ = ["ENDING_SHARE", "ENDING_CASES", "CHANCE", "case_endings", "ended_cases", "endings_notes"]

#: an activity ends cases when it is the last row of at least this share of the cases it occurs in ...
ENDING_SHARE = 0.9
#: ... and of at least this many: a step that is last in at most half of its cases is last in 5 of 5 with
#: probability 1/32 or less, while an export can cut one case just after a rare step that does not end it
ENDING_CASES = 5
#: the chance that :data:`ENDING_CASES` allows a step that does not end cases of being the last row of each
CHANCE = 0.5 ** ENDING_CASES


def case_endings(table: LogTable) -> np.ndarray:
    """Per activity code, whether the log shows it ending cases: it is the last row of its case in at least
    :data:`ENDING_SHARE` of the cases it occurs in, and in at least :data:`ENDING_CASES` of them (a
    withdrawal, a dismissal; not a step that an export cut a case or two just after, nor a rare one seen
    once); or it is the last row of every case it occurs in, nothing after it in any, in as many cases as
    :func:`fewest` asks (fewer where the log shows its export cutting few cases just after a step)."""
    n = len(table.activities)
    if not table.n_cases:
        return np.zeros(n, bool)
    bounds = table.case_bounds()
    case = np.repeat(np.arange(table.n_cases), np.diff(bounds))
    occurs = np.bincount(np.unique(case * n + table.activity) % n, minlength=n)
    last = np.bincount(table.activity[bounds[1:] - 1], minlength=n)
    inner = np.ones(table.n_events, bool)
    inner[bounds[1:] - 1] = False
    followed = np.bincount(table.activity[inner], minlength=n) > 0  # a row comes after it in some case
    cut = float((last[followed] / occurs[followed]).max()) if followed.any() else 0.0
    return ((last >= ENDING_CASES) & (last >= ENDING_SHARE * occurs)) | (~followed & (last >= fewest(cut)))


def fewest(cut: float) -> int:
    """How many cases an activity that nothing ever follows must be the last row of to show it ending cases,
    when ``cut`` is the largest share of its cases that a step the log shows a case going on after is the last
    row of (the step the export caught most cases just after): the fewest k with ``cut ** k`` at most
    :data:`CHANCE`, and never more than :data:`ENDING_CASES`. A step that does not end cases, cut no more
    often than that one, is then the last row of each of k cases no likelier than a step last in half of its
    cases is in 5 of 5. A log cut early, half its cases or more in progress, asks for 5; one whose export
    caught few cases mid-way asks for fewer: a withdrawal seen in 4 cases, the last row of each, ends them
    where no step is the last row of more than 2 in 5 of its cases, and a step an export cut one case just
    after still ends nothing where one is the last row of more than 1 in 32 of its cases."""
    k = 1
    while k < ENDING_CASES and cut ** k > CHANCE:
        k += 1
    return k


def ended_cases(table: LogTable) -> np.ndarray:
    """Per case, whether its last row is an activity the log shows ending cases (:func:`case_endings`), in
    the log ``table`` was filtered from where it was (:attr:`LogTable.ended`)."""
    if table.ended is not None:
        return np.array([c in table.ended for c in table.case_ids], bool)
    if not table.n_cases:
        return np.zeros(0, bool)
    return case_endings(table)[table.activity[table.case_bounds()[1:] - 1]]


def endings_notes(table: LogTable) -> tuple[str, ...]:
    """What is assumed where no activity of the log shows cases ending (:func:`case_endings`): one line, in
    English and Swedish; none where one does (or the log has no case). No case then reads as ended by the log
    alone: a wait without its answer counts as open at the export unless the case's last row is the step that
    ends the most cases or one the model leads to an end (:func:`calibrate.censoredwaits.open_at_export`),
    and a sending as one its answer did not follow only where its case went on to a step that waits for the
    answer (:func:`calibrate.waitplace.enabled_waits`)."""
    if not table.n_cases or case_endings(table).any():
        return ()
    return ("no activity in the log shows cases ending (none is the last row of nearly all the cases it "
            "occurs in, in enough of them): a case is taken as still in progress at the export unless its "
            "last step ends it in the model or ends the most cases, a wait in it without its answer as still "
            "open, and an answer as one that may not come only where its case went on without it (på "
            "svenska: ingen aktivitet i loggen visar att ärenden avslutas (ingen är sista rad i nästan alla "
            "ärenden där den förekommer, i tillräckligt många): ett ärende antas pågå vid exporten om inte "
            "dess sista steg avslutar det i modellen eller avslutar flest ärenden, en väntan i det utan svar "
            "antas vara öppen, och ett svar räknas som ett som kanske inte kommer bara där ärendet gick "
            "vidare utan det)",)
