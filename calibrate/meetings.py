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

A system's batch job starts many cases at one instant too (a nightly run that sends every reminder due). It is not
a meeting (:func:`batch_jobs`, said in a note) when one of these holds: half or more of its rows are by a system
user (a name with one of :data:`SYSTEM_WORDS`: ``system``, ``batch``, ``robot`` ...); no row names anyone and each
row the log gives a start takes no time (an automatic step's instant; a committee's decision runs from its sitting
to its minutes); or its sittings fall on days a median of less than :data:`MEETING_GAP_DAYS` apart (it runs every
day, and no body sits every day).

**The sittings' hour in a log of completions only** (:func:`recorded_hour`). Such a log has each decision's
completion alone: when it was recorded, at the sitting or later, when the minutes were written. The instants at
which two cases or more of the decision end are the sittings' records; when :data:`SITTING_SHARE` or more of them
lie within :data:`SITTING_MINUTES` minutes of their median time of day, the body's decisions were recorded at one
hour (a body sits at one hour; minutes written a varying time after the sittings are not), and that median, to the
quarter hour, is the sittings' hour (at or before it: a record may come later the same day), and the records'
days are the sittings' days. Otherwise neither is in the log: records a varying time after the sittings fall on
other days (Helsingborg's committee sits on Tuesdays and its minutes come 2 days to a week later, so most records
fall on a weekend), and the profile's hour, days and lag to the minutes stay, and a note says why
(:attr:`calibrate.fits.MeetingFit.days_shown`). At least :data:`MEETING_DAYS` such instants are
needed; a midnight (a date without a time) says nothing; and instants a batch job's by the batch rule above
(a system user's, or a daily run's) are no sittings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from bpmn_io.caselog import LogTable, from_seconds, names_someone
from processes.numbers import number, share

__all__ = ["MeetingEvidence", "BatchJob", "meeting_activity", "batch_jobs", "MEETING_ROWS", "MEETING_SHARE",
           "MEETING_DAYS", "MEETING_GAP_DAYS", "SYSTEM_WORDS", "RecordedHour", "recorded_hour", "SITTING_SHARE",
           "SITTING_MINUTES"]

#: at least this many rows (fewer could share an instant by chance) ...
MEETING_ROWS = 10
#: ... at least this share of them at an instant another case's row of the activity begins too (a meeting with
#: one case on its agenda leaves a row of its own, so not all) ...
MEETING_SHARE = 0.5
#: ... on at least this many days (one day's batch could be one day's catching up)
MEETING_DAYS = 3
#: sittings a median of fewer days apart than this are a daily run, not a body's meetings
MEETING_GAP_DAYS = 2
#: words in a resource's name that say a system, not a person or a body, did the row (English and Swedish)
SYSTEM_WORDS = ("system", "batch", "auto", "automatic", "automatisk", "robot", "job", "jobb", "scheduler",
                "schemalagd", "cron", "integration", "daemon")
#: in a log of completions only, the sittings' hour is read when at least this share of the instants two cases'
#: decisions end at ...
SITTING_SHARE = 2 / 3
#: ... lie within this many minutes of their median time of day
SITTING_MINUTES = 30
_SYSTEM = re.compile(r"(?<![a-zåäö])(" + "|".join(SYSTEM_WORDS) + r")(?![a-zåäö])")
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
        counts = (self.together, self.rows, self.sittings)
        together_en, rows_en, sittings_en = (number(n, "en") for n in counts)
        together_sv, rows_sv, sittings_sv = (number(n, "sv") for n in counts)
        return (f"{self.activity!r} read as decided at meetings, not worked by a pool of people: "
                f"{together_en} of its {rows_en} rows ({part_en}) begin at the very instant another case's "
                f"row of it begins, at {sittings_en} sittings ({mean_en} cases each), as a committee takes "
                f"its agenda at once and no person does two cases at one time; calibrate fits its meeting "
                f"days, agenda cut-off and lag to the minutes (på svenska: {self.activity!r} läses som "
                f"beslut vid sammanträden, inte som arbete av en grupp personer: {together_sv} av {rows_sv} "
                f"rader ({part_sv}) börjar i samma ögonblick som ett annat ärendes rad, vid {sittings_sv} "
                f"sammanträden ({mean_sv} ärenden vart))")


@dataclass(frozen=True, slots=True)
class BatchJob:
    """An activity whose rows begin together in several cases that is a system's batch job, not a meeting: the
    evidence of :class:`MeetingEvidence` and why (English, Swedish)."""

    begun: MeetingEvidence
    why_en: str
    why_sv: str

    def note(self) -> str:
        """The note that says so, in English and Swedish."""
        b = self.begun
        return (f"{b.activity!r} read as a system's batch job, not as decided at meetings: {b.together} of its "
                f"{b.rows} rows begin at the very instant another case's row of it begins, but {self.why_en} "
                f"(på svenska: {b.activity!r} läses som en körning i ett system, inte som beslut vid sammanträden: "
                f"{self.why_sv})")


def meeting_activity(table: LogTable) -> MeetingEvidence | None:
    """The activity of ``table`` decided at meetings by the rule of the module doc, or None."""
    best: MeetingEvidence | None = None
    for found, _rows, _days in _begun_together(table):
        if _batch(table, found, _rows, _days) is None and (best is None or found.together > best.together):
            best = found
    return best


def batch_jobs(table: LogTable) -> tuple[BatchJob, ...]:
    """The activities of ``table`` whose rows begin together as a meeting's do that are batch jobs (module doc)."""
    return tuple(job for found, rows, days in _begun_together(table)
                 if (job := _batch(table, found, rows, days)) is not None)


def _begun_together(table: LogTable) -> Iterator[tuple[MeetingEvidence, np.ndarray, list[float]]]:
    """Each activity whose rows begin together in several cases by the module doc's rule, with its rows (a time
    of day) and its sittings' days (in days since 1970, in order)."""
    if not table.n_events:
        return
    begins = np.where(np.isnan(table.start), table.end, table.start)
    for code, name in enumerate(table.activities):
        rows = np.flatnonzero((table.activity == code) & (np.mod(begins, _DAY) != 0))
        if rows.size < MEETING_ROWS:
            continue
        instants, counts = np.unique(begins[rows], return_counts=True)
        cases = [np.unique(table.case[rows][begins[rows] == t]).size for t in instants[counts > 1]]
        shared = instants[counts > 1][np.array(cases, int) > 1] if cases else instants[:0]
        together = int(np.isin(begins[rows], shared).sum())
        days = sorted({from_seconds(float(t)).date().toordinal() for t in shared})
        if together < MEETING_SHARE * rows.size or len(days) < MEETING_DAYS:
            continue
        yield MeetingEvidence(name, int(rows.size), together, int(shared.size)), rows, [float(d) for d in days]


def _batch(table: LogTable, found: MeetingEvidence, rows: np.ndarray, days: list[float]) -> BatchJob | None:
    """Why ``found`` is a batch job (the module doc's three signs, the first that holds), or None: a meeting."""
    why = _why_batch(table, rows, days)
    return BatchJob(found, *why) if why else None


def _why_batch(table: LogTable, rows: np.ndarray, days: list[float]) -> tuple[str, str] | None:
    """Why ``rows`` begun together on ``days`` are a batch job (English, Swedish), or None."""
    names = [table.resources[r].strip().lower() for r in table.resource[rows]]
    system = sum(bool(_SYSTEM.search(n)) for n in names)
    if system >= 0.5 * rows.size:
        who = max({n for n in names if _SYSTEM.search(n)}, key=names.count)
        return (f"{system} of them are by the system user {who!r}",
                f"{system} av raderna är gjorda av systemanvändaren {who!r}")
    timed = rows[~np.isnan(table.start[rows])]
    if not names_someone(table.resources)[table.resource[rows]].any() and timed.size \
            and (table.end[timed] == table.start[timed]).all():
        return ("no row names anyone and each takes no time, as an automatic step's",
                "ingen rad anger någon och var och en tar ingen tid, som ett automatiskt stegs")
    gap = float(np.median(np.diff(days))) if len(days) > 1 else float("inf")
    if gap < MEETING_GAP_DAYS:
        return (f"it runs on days a median of {number(gap, 'en', 1)} days apart, and no body sits every day",
                f"den körs på dagar med i median {number(gap, 'sv', 1)} dagars mellanrum, och inget organ "
                f"sammanträder varje dag")
    return None


@dataclass(frozen=True, slots=True)
class RecordedHour:
    """What a log of completions only shows of the sittings' hour (module doc): ``instants`` where two cases'
    decisions end, ``near`` of them within :data:`SITTING_MINUTES` of their median time of day ``median`` (hours),
    and ``hour``, that median to the quarter hour, when those are enough and no batch job's (else None)."""

    instants: int
    near: int
    median: float | None
    hour: float | None
    #: why those instants are a system's batch job, not sittings ("" when they are not)
    batch: str = ""

    def said(self) -> str:
        """The words of the calibration text and the profile's note on it (English)."""
        clock = f"{int(round((self.median or 0.0) * 60)) // 60:02d}:{int(round((self.median or 0.0) * 60)) % 60:02d}"
        if self.batch:
            return (f"meeting hour not in the log (the profile's kept): the instants at which two cases or more "
                    f"were decided are a system's batch job, not sittings: {self.batch}")
        if self.hour is not None:
            return (f"meeting hour from the decisions' completions: {self.near} of the {self.instants} instants at "
                    f"which two cases or more were decided lie within {SITTING_MINUTES} minutes of {clock}, so the "
                    f"body's decisions were recorded at its sittings (the sitting at or before that time)")
        if self.instants < MEETING_DAYS:
            return (f"meeting hour not in the log (the profile's kept): {self.instants} instants at which two cases "
                    f"or more were decided, under {MEETING_DAYS}")
        return (f"meeting hour not in the log (the profile's kept): only {self.near} of the {self.instants} "
                f"instants at which two cases or more were decided lie within {SITTING_MINUTES} minutes of their "
                f"median time of day {clock}, so they are when the minutes were recorded, a varying time after the "
                f"sittings, and neither the sittings' hour nor their days")


def recorded_hour(table: LogTable, rows: np.ndarray) -> RecordedHour:
    """The sittings' hour a log of completions only shows (module doc) from the decision's ``rows`` of ``table``:
    none when the instants its cases' decisions share are a system's batch job (the batch rule, ``batch``)."""
    ends, cases = table.end[rows], table.case[rows]
    timed = np.mod(ends, _DAY) != 0
    instants, first = np.unique(ends[timed], return_inverse=True)
    shared = np.array([np.unique(cases[timed][first == i]).size > 1 for i in range(instants.size)], bool)
    tod = np.mod(instants[shared], _DAY) / 3600.0 if shared.size else np.zeros(0)
    if tod.size < MEETING_DAYS:
        return RecordedHour(int(tod.size), 0, float(np.median(tod)) if tod.size else None, None)
    median = float(np.median(tod))
    near = int(np.count_nonzero(np.abs(tod - median) <= SITTING_MINUTES / 60))
    days = sorted({from_seconds(float(t)).date().toordinal() for t in instants[shared]})
    batch = _why_batch(table, rows[timed][np.isin(ends[timed], instants[shared])], [float(d) for d in days])
    hour = round(median * 4) / 4 if near >= SITTING_SHARE * tod.size and batch is None else None
    return RecordedHour(int(tod.size), near, median, hour, batch[0] if batch else "")
