"""Which cases a log shows ended: the last row of the case is an activity the log shows ending cases.

Used where an unanswered wait must be told apart from one still awaited:
:func:`calibrate.censoredwaits.open_at_export` (a case ended has no wait open at the export) and
:func:`calibrate.waitplace.enabled_waits` (a sending in a case ended without its answer is one the answer did
not follow; in a case in progress it is not yet known). A log that shows no activity ending cases says so
(:func:`endings_notes`): no case then reads as ended by the log alone. A withdrawal whose name says so ends its
case however rare it is (:data:`WITHDRAWAL_WORDS`), and a note says which.
"""

from __future__ import annotations

import re

import numpy as np

from bpmn_io.caselog import LogTable
from processes.numbers import number

__all__ = ["ENDING_SHARE", "ENDING_CASES", "CHANCE", "WITHDRAWAL_WORDS", "case_endings", "named_withdrawals",
           "ended_cases", "endings_notes"]

#: an activity ends cases when it is the last row of at least this share of the cases it occurs in ...
ENDING_SHARE = 0.9
#: ... and of at least this many: a step that is last in at most half of its cases is last in 5 of 5 with
#: probability 1/32 or less, while an export can cut one case just after a rare step that does not end it
ENDING_CASES = 5
#: the chance that :data:`ENDING_CASES` allows a step that does not end cases of being the last row of each
CHANCE = 0.5 ** ENDING_CASES
#: words that name a case withdrawn or written off, in Swedish and English (*Skriv av ärendet (ansökan
#: återkallad)*, *Application withdrawn*, *Ärendet avskrivet*): :func:`named_withdrawals`
WITHDRAWAL_WORDS = re.compile(r"återkall|withdr[ae]w|skriv(s|a|es)? av\b|avskriv|written off|write[- ]?off",
                              re.IGNORECASE)


def case_endings(table: LogTable) -> np.ndarray:
    """Per activity code, whether the log shows it ending cases: it is the last row of its case in at least
    :data:`ENDING_SHARE` of the cases it occurs in, and in at least :data:`ENDING_CASES` of them (a
    withdrawal, a dismissal; not a step that an export cut a case or two just after, nor a rare one seen
    once); or it is the last row of every case it occurs in, nothing after it in any, in as many cases as
    :func:`fewest` asks (fewer where the log shows its export cutting few cases just after a step), or in one
    case or more where its name says the case was withdrawn (:func:`named_withdrawals`)."""
    counted, named = _endings(table)
    return counted | named


def named_withdrawals(table: LogTable) -> np.ndarray:
    """Per activity code, whether it ends cases by its name alone: nothing follows it in any case, and its name
    says the case was withdrawn or written off (:data:`WITHDRAWAL_WORDS`), while its cases are too few for the
    count of :func:`case_endings` to show it. A log cut early holds few withdrawals (3 on Helsingborg's day
    120, where 5 are asked), and a case withdrawn before the export is closed, not one whose waits are still
    awaited."""
    counted, named = _endings(table)
    return named & ~counted


def _endings(table: LogTable) -> tuple[np.ndarray, np.ndarray]:
    """Per activity code: whether the count of :func:`case_endings` shows it ending cases, and whether it is the
    last row of a case, nothing after it in any, with a name that says withdrawn (:data:`WITHDRAWAL_WORDS`)."""
    n = len(table.activities)
    if not table.n_cases:
        return np.zeros(n, bool), np.zeros(n, bool)
    bounds = table.case_bounds()
    case = np.repeat(np.arange(table.n_cases), np.diff(bounds))
    occurs = np.bincount(np.unique(case * n + table.activity) % n, minlength=n)
    last = np.bincount(table.activity[bounds[1:] - 1], minlength=n)
    inner = np.ones(table.n_events, bool)
    inner[bounds[1:] - 1] = False
    followed = np.bincount(table.activity[inner], minlength=n) > 0  # a row comes after it in some case
    cut = float((last[followed] / occurs[followed]).max()) if followed.any() else 0.0
    counted = ((last >= ENDING_CASES) & (last >= ENDING_SHARE * occurs)) | (~followed & (last >= fewest(cut)))
    said = np.array([bool(WITHDRAWAL_WORDS.search(name)) for name in table.activities], bool)
    return counted, ~followed & (last > 0) & said


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
    answer (:func:`calibrate.waitplace.enabled_waits`). Where an activity ends cases by its name alone
    (:func:`named_withdrawals`), one line each says so."""
    if not table.n_cases:
        return ()
    if case_endings(table).any():
        return tuple(_named_said(table, int(code)) for code in np.flatnonzero(named_withdrawals(table)))
    return ("no activity in the log shows cases ending (none is the last row of nearly all the cases it "
            "occurs in, in enough of them): a case is taken as still in progress at the export unless its "
            "last step ends it in the model or ends the most cases, a wait in it without its answer as still "
            "open, and an answer as one that may not come only where its case went on without it (på "
            "svenska: ingen aktivitet i loggen visar att ärenden avslutas (ingen är sista rad i nästan alla "
            "ärenden där den förekommer, i tillräckligt många): ett ärende antas pågå vid exporten om inte "
            "dess sista steg avslutar det i modellen eller avslutar flest ärenden, en väntan i det utan svar "
            "antas vara öppen, och ett svar räknas som ett som kanske inte kommer bara där ärendet gick "
            "vidare utan det)",)


def _named_said(table: LogTable, code: int) -> str:
    """The note on activity ``code``, read as ending its cases by its name alone, in English and Swedish."""
    name = table.activities[code]
    cases = int(np.count_nonzero(table.activity[table.case_bounds()[1:] - 1] == code))
    return (f"{name!r} read as ending its cases by its name, which says withdrawn or written off (the last row "
            f"of {number(cases, 'en')} case{'s' if cases != 1 else ''}, nothing after it in any: too few for "
            "the log to show it otherwise): such a case is closed, and a wait in it without its answer not "
            f"open at the export (på svenska: {name!r} tolkas som att det avslutar sina ärenden efter namnet, "
            f"som säger återkallat eller avskrivet (sista rad i {number(cases, 'sv')} "
            f"{'ärenden' if cases != 1 else 'ärende'}, inget efter den i något: för få för att loggen ska visa "
            "det på annat sätt): ett sådant ärende är avslutat, och en väntan i det utan svar inte öppen vid "
            "exporten)")
