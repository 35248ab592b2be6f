"""Which activities of a case log are a timer's firing, not someone's work.

A timer fires at an instant and no one does it. A log with start times shows the instant: every row of the
activity starts when it ends (permitflow's own ``Timer_Paminnelse``), and its name says timer
(:func:`timer_activities`). A completion-only log (one timestamp a row, the usual export) cannot show an
instant, so there the evidence is the timing instead (:func:`completion_only_timers`): no row names anyone for
the activity, it comes right after one and the same activity of its case in nearly every row, and after a
calendar delay that barely varies — what a reminder sent 14 days after the request leaves in a log, and what
people's work (or an answer from outside, which comes when it comes) does not. The rule is stated in
:data:`TIMER_ROWS`, :data:`TIMER_AFTER`, :data:`TIMER_SPREAD` and :data:`TIMER_LEAST`, not fitted to a log;
each activity it finds is said in a note with its evidence, never silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bpmn_io.caselog import LogTable, names_someone
from processes.numbers import number, share

__all__ = ["timer_activities", "TimerEvidence", "completion_only_timers", "TIMER_ROWS", "TIMER_AFTER",
           "TIMER_SPREAD", "TIMER_LEAST"]

#: words that name a timer's firing (a reminder's timer, "Svarstiden ute", a deadline passed), in the activity's
#: name or the element the log names for it
_TIMER_WORDS = re.compile(r"timer|tid(en)? (är )?ute|tiden gick ut|svarstid|time ?out|timed out|expired|deadline",
                          re.IGNORECASE)

#: a completion-only log's timer: at least this many rows (fewer could be near-constant by chance) ...
TIMER_ROWS = 10
#: ... at least this share of them right after one and the same activity of their case (the timer's start) ...
TIMER_AFTER = 0.9
#: ... after delays whose middle 80 % (10th to 90th percentile) lie within this share of their median ...
TIMER_SPREAD = 0.1
#: ... of at least this many seconds (an hour: a step logged right after another is a system's, not a wait)
TIMER_LEAST = 3600.0
_DAY = 86400.0


def timer_activities(table: LogTable) -> tuple[str, ...]:
    """The activities that are a timer's firing as a log with start times shows it.

    A timer fires at an instant: the log shows one where every row of an activity has a start time equal to
    its end (what a boundary or catch event's firing leaves in a log with start times, such as permitflow's own
    ``Timer_Paminnelse``) and its name, or the element the log names for it, says timer (:data:`_TIMER_WORDS`).
    A completion-only log cannot show an instant: see :func:`completion_only_timers`."""
    out = []
    for code, name in enumerate(table.activities):
        rows = np.flatnonzero(table.activity == code)
        if not rows.size or np.isnan(table.start[rows]).any() or (table.start[rows] != table.end[rows]).any():
            continue
        elements = {table.elements[e] for e in table.element[rows]}
        if not any(_TIMER_WORDS.search(text) for text in (name, *elements)):
            continue
        out.append(name)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class TimerEvidence:
    """Why a completion-only log's activity is read as a timer's firing: its rows, how many come right after
    ``after`` and the 10th, 50th and 90th percentile of those delays (seconds)."""

    activity: str
    after: str
    rows: int
    following: int
    delays: tuple[float, float, float]

    def note(self) -> str:
        """The note that says so, in English and Swedish."""
        low, mid, high = (d / _DAY for d in self.delays)
        part = share(self.following / self.rows, "en")
        days = f"{number(low, 'en', 1)}–{number(high, 'en', 1)} days"
        dagar = f"{number(low, 'sv', 1)}–{number(high, 'sv', 1)} dagar"
        of_en = f"{number(self.following, 'en')} of its {number(self.rows, 'en')} rows"
        av_sv = f"{number(self.following, 'sv')} av {number(self.rows, 'sv')} rader"
        return (f"{self.activity!r} read as a timer's firing, not a task: the log has one timestamp a row, "
                f"so no instant shows, but no row names anyone for it and {of_en} ({part}) come right after "
                f"{self.after!r}, 10–90 % of them {days} later (median {number(mid, 'en', 1)} days); it "
                f"becomes a timer event waiting that long (på svenska: {self.activity!r} läses som en "
                f"timer, inte en uppgift: ingen är namngiven, {av_sv} kommer direkt efter {self.after!r}, "
                f"10–90 % av dem {dagar} senare)")


def completion_only_timers(table: LogTable) -> tuple[TimerEvidence, ...]:
    """The activities of ``table`` with no start time in any row that are a timer's firing by their timing.

    An activity is one when: no row of it names anyone (:data:`bpmn_io.caselog.NO_ONE`); it has
    :data:`TIMER_ROWS` rows or more; :data:`TIMER_AFTER` or more of them come right after one and the same
    activity of their case (the row before it in the case's order); and the delays from that row's completion
    lie, from their 10th to their 90th percentile, within :data:`TIMER_SPREAD` of their median, which is
    :data:`TIMER_LEAST` or more."""
    if not table.n_events:
        return ()
    named = names_someone(table.resources)[table.resource]
    same_case = np.r_[False, table.case[1:] == table.case[:-1]]
    before = np.r_[-1, table.activity[:-1]]
    waited = np.r_[np.nan, np.diff(table.end)]
    out = []
    for code, name in enumerate(table.activities):
        rows = np.flatnonzero(table.activity == code)
        if rows.size < TIMER_ROWS or named[rows].any() or not np.isnan(table.start[rows]).all():
            continue
        after = before[rows][same_case[rows]]
        if not after.size:
            continue
        top = int(np.bincount(after).argmax())
        hit = rows[same_case[rows] & (before[rows] == top)]
        if hit.size < TIMER_AFTER * rows.size:
            continue
        low, mid, high = (float(x) for x in np.percentile(waited[hit], (10, 50, 90)))
        if mid < TIMER_LEAST or low < (1 - TIMER_SPREAD) * mid or high > (1 + TIMER_SPREAD) * mid:
            continue
        out.append(TimerEvidence(name, table.activities[top], int(rows.size), int(hit.size), (low, mid, high)))
    return tuple(out)
