"""Which activity of a case log is decided at meetings: a wait for the next sitting, not a pool of people.

A person does one case at a time, so two cases' rows of one activity never begin at the very same second when
people do them one after another. A committee does: at its meeting it takes every case on the agenda at once,
and its minutes give them all one time (permitflow's own logs write each meeting's decisions with the meeting's
start and the minutes' end). Read as people's work, such an activity is a pool as large as the longest agenda
("24 committee people at work at once") that works every week the meetings fell on, and the wait for the next
meeting, often the longest part of a case, is lost. Read as meetings, ``calibrate`` fits what the log shows of
them: the meeting days and their rule, the agenda cut-off and the lag to the minutes
(:func:`calibrate.fits.fit_meetings`).

The rule (:func:`meeting_activity`), stated in :data:`MEETING_ROWS`, :data:`MEETING_SHARE` and
:data:`MEETING_DAYS`, not fitted to a log: an activity with :data:`MEETING_ROWS` rows or more whose rows begin
(their logged start, else their completion) at a time of day other than midnight, :data:`MEETING_SHARE` or more of
them at the very instant another case's row of it begins, on :data:`MEETING_DAYS` days or more. A date without a
time (midnight) says nothing: every activity of a day shares it. The activity with the most such rows is the one;
its evidence is said in a note, never silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bpmn_io.caselog import LogTable, from_seconds
from processes.numbers import number, share

__all__ = ["MeetingEvidence", "meeting_activity", "MEETING_ROWS", "MEETING_SHARE", "MEETING_DAYS"]

#: at least this many rows (fewer could share an instant by chance) ...
MEETING_ROWS = 10
#: ... at least this share of them at an instant another case's row of the activity begins too (a meeting with
#: one case on its agenda leaves a row of its own, so not all) ...
MEETING_SHARE = 0.5
#: ... on at least this many days (one day's batch could be one day's catching up)
MEETING_DAYS = 3
_DAY = 86400.0


@dataclass(frozen=True, slots=True)
class MeetingEvidence:
    """Why an activity is read as decided at meetings: its rows, how many begin together with another case's
    row of it, on how many days, and the mean rows of such a day's sitting."""

    activity: str
    rows: int
    together: int
    sittings: int

    def note(self) -> str:
        """The note that says so, in English and Swedish."""
        part_en, part_sv = share(self.together / self.rows, "en"), share(self.together / self.rows, "sv")
        mean_en = number(self.together / self.sittings, "en", 1)
        mean_sv = number(self.together / self.sittings, "sv", 1)
        return (f"{self.activity!r} read as decided at meetings, not worked by a pool of people: {self.together} of "
                f"its {self.rows} rows ({part_en}) begin at the very instant another case's row of it begins, at "
                f"{self.sittings} sittings ({mean_en} cases each), as a committee takes its agenda at once and no "
                f"person does two cases at one time; calibrate fits its meeting days, agenda cut-off and lag to the "
                f"minutes (på svenska: {self.activity!r} läses som beslut vid sammanträden, inte som arbete av en "
                f"grupp personer: {self.together} av {self.rows} rader ({part_sv}) börjar i samma ögonblick som ett "
                f"annat ärendes rad, vid {self.sittings} sammanträden ({mean_sv} ärenden vart))")


def meeting_activity(table: LogTable) -> MeetingEvidence | None:
    """The activity of ``table`` decided at meetings by the rule of the module doc, or None."""
    if not table.n_events:
        return None
    begins = np.where(np.isnan(table.start), table.end, table.start)
    best: MeetingEvidence | None = None
    for code, name in enumerate(table.activities):
        rows = np.flatnonzero((table.activity == code) & (np.mod(begins, _DAY) != 0))
        if rows.size < MEETING_ROWS:
            continue
        instants, counts = np.unique(begins[rows], return_counts=True)
        cases = [np.unique(table.case[rows][begins[rows] == t]).size for t in instants[counts > 1]]
        shared = instants[counts > 1][np.array(cases, int) > 1] if cases else instants[:0]
        together = int(np.isin(begins[rows], shared).sum())
        days = {from_seconds(float(t)).date() for t in shared}
        if together < MEETING_SHARE * rows.size or len(days) < MEETING_DAYS:
            continue
        if best is None or together > best.together:
            best = MeetingEvidence(name, int(rows.size), together, int(shared.size))
    return best
