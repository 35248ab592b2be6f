"""Whether a log lists each case's activity instances in time order, as read down the file.

A case whose rows go back in time is counted in a note: a misread date form shows so (day and month swapped
move rows by months), and where the events of a case share a time the file's order is all that orders them.
A row goes back when it started before a row above it in its case **and** ended before one: a log with start
and end times may list a case's activity instances by when they began (permitflow's own logs do, and a step
that runs beside a longer one ends before it) or by when they ended, and either is time order. A row without
a start is one instant, its completion, so a completion-only log is in order by its completions. Times are
compared by their instants where both give them (October's repeated hour), else by the clock.

>>> order = FileOrder()
>>> for rec in [LogRecord("c", "A", 0.0, 50.0, "", "", 2), LogRecord("c", "B", 10.0, 20.0, "", "", 3),
...             LogRecord("c", "C", 5.0, 8.0, "", "", 4)]:
...     _ = order.seen(rec)
>>> order.note("line", "row")
'1 of 1 cases list events out of time order in the file (1 row(s); the first: line 4, earlier than line 2 of its case): they are taken in time order'
"""

from __future__ import annotations

from bpmn_io.caselog import LogRecord

__all__ = ["FileOrder"]

_Time = tuple[float, float, int]  # (clock, instant or nan, where in the file)


class FileOrder:
    """Counts the cases whose activity instances go back in time down the file (the rule above)."""

    def __init__(self) -> None:
        self.latest_end: dict[str, _Time] = {}  # per case, the latest completion above, and the latest start
        self.latest_start: dict[str, _Time] = {}
        self.cases: set[str] = set()
        self.rows = 0
        self.first: tuple[int, int] | None = None

    def seen(self, rec: LogRecord) -> LogRecord:
        """Take ``rec``, the next of its case in the file's order, and return it."""
        ended = (rec.end, rec.at, rec.where)
        began = (rec.start, rec.start_at, rec.where) if rec.start == rec.start else ended
        last_end, last_start = self.latest_end.get(rec.case), self.latest_start.get(rec.case)
        if last_end is None or last_start is None:
            self.latest_end[rec.case], self.latest_start[rec.case] = ended, began
        elif _earlier(ended, last_end) and _earlier(began, last_start):
            self.rows += 1
            self.cases.add(rec.case)
            if self.first is None:
                self.first = (rec.where, last_end[2])
        else:
            if not _earlier(ended, last_end):
                self.latest_end[rec.case] = ended
            if not _earlier(began, last_start):
                self.latest_start[rec.case] = began
        return rec

    def note(self, place: str, row: str, hint: str = "") -> str | None:
        """The note, if a case went back in time: ``place`` names a position ("line"), ``row`` an instance."""
        if self.first is None:
            return None
        where, above = self.first
        return (f"{len(self.cases)} of {len(self.latest_end)} cases list events out of time order in the file "
                f"({self.rows} {row}(s); the first: {place} {where}, earlier than {place} {above} of its case): "
                f"they are taken in time order{hint}")


def _earlier(time: _Time, than: _Time) -> bool:
    if time[1] == time[1] and than[1] == than[1]:
        return time[1] < than[1]
    return time[0] < than[0]
