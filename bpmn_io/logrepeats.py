"""Exact repeats in a case log, found as it streams: a CSV row, an XES event, a whole XES trace written twice.

An export may write a row twice; both readers ask :class:`RowRepeats` of each row as it streams by, so every
command that reads a log (``calibrate``, ``discover``, ``diff`` and ``compare`` of logs, ``log inspect``) counts
a doubled row once, with one note per log. Rows that differ in any column are both kept.

**CSV rows.** A row's 8-byte BLAKE2b digest is compared with those of the earlier rows of its case (two
different rows of a case share a digest with a chance of about n²/2⁶⁵ for a case of n rows). A CSV may
interleave cases and a repeat may come far below its twin, so no case can be forgotten; but most exports list a
case's rows together, so only the case being read (its *run*) is held in memory: when a row of another case
comes, the finished run's digests go to a temporary file, and the case keeps only where they are there. A case
that comes back (the log interleaves it) has its digests read back once and held in memory from then on. Memory:
one run's digests and a locator per case for a log that lists each case's rows together; as before (8 bytes a
row) for the cases a log interleaves. The file's reads: one per case that comes back.

**XES events** are compared exactly, as written (their bytes, in a set), with the events of their trace, held to
the trace's end (:meth:`RowRepeats.forget`). **XES traces**: an exporter may write a trace twice under one case
id; a trace whose case id and events (as written, in any order) are those of an earlier trace is dropped whole
(:meth:`RowRepeats.trace_fresh`), one 12-byte digest held per trace. A trace that has an earlier one's case id
and other events is kept: its events are read as more of that case, as a CSV case whose rows are in two blocks.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable
from typing import IO

__all__ = ["RowRepeats", "PACKED"]

#: rows of a case whose digests :class:`RowRepeats` packs in one buffer (more go to a set)
PACKED = 2048
_DIGEST = 8
#: an XES trace's digest (bytes; two distinct traces of a log of n share one with a chance of about n²/2⁹⁷), and
#: the buckets they are packed in (a trace's digest is looked for in its bucket only)
_TRACE = 12
_BUCKETS = 4096


class RowRepeats:
    """Drops rows that repeat an earlier row exactly (module doc).

    >>> r = RowRepeats("row")
    >>> [r.fresh(["A", "Granska", "2025-03-05"], 2, case="A"), r.fresh(["A", "Granska", "2025-03-05"], 3, case="A")]
    [True, False]
    >>> r.note()
    '1 row repeated an earlier row exactly, in every column (line 3): dropped, so it counts once'
    """

    __slots__ = (
        "unit",
        "case",
        "run",
        "cases",
        "spill",
        "events",
        "traces",
        "dropped",
        "first",
        "first_line",
        "traces_dropped",
        "first_trace",
    )

    def __init__(self, unit: str) -> None:
        self.unit = unit  # "row" (CSV) or "event" (XES)
        self.case: str | None = None  # the case whose rows are being read (CSV)
        self.run: bytearray | set[bytes] = bytearray()  # its rows' digests
        # per case read before: where its digests are in ``spill`` (an int), or, for a case the log came back to,
        # the digests themselves (held from then on); one dict, so a case costs one entry either way
        self.cases: dict[str, int | bytearray | set[bytes]] = {}
        self.spill: IO[bytes] | None = None
        self.events: set[bytes] = set()  # the events of the XES trace being read, as written
        # per XES trace kept, the digest of its case id and events, packed in buckets by its first bytes: 12 bytes a
        # trace (a set of bytes objects took about ten times that)
        self.traces = [bytearray() for _ in range(_BUCKETS)]
        self.dropped = 0
        self.first = 0  # the first dropped row's line (CSV) or event number (XES)
        self.first_line: int | None = None  # an XES event's line in the file
        self.traces_dropped = 0
        self.first_trace: tuple[int, str, int | None] | None = None  # (trace number, case id, line)

    def fresh(
        self, row: Iterable[str] | bytes, where: int, line: int | None = None, *, case: str = ""
    ) -> bool:
        """True for a ``row`` (its fields, or its bytes as written) not seen before in its ``case`` (remembered
        now); False for an exact repeat (counted as dropped)."""
        if isinstance(row, bytes):  # an XES event: compared whole (a set checks equality, not only a hash)
            events = self.events
            if row not in events:
                events.add(row)
                return True
            return self._dropped(where, line)
        digest = hashlib.blake2b(
            "\x1f".join(row).encode("utf-8", "surrogatepass"), digest_size=_DIGEST
        ).digest()
        if case != self.case:
            self._switch(case)
        held = self.run
        if isinstance(held, set):
            repeat = digest in held
            held.add(digest)
        else:
            at = held.find(digest)
            while at > 0 and at % _DIGEST:  # a match across two digests is none
                at = held.find(digest, at + 1)
            repeat = at >= 0
            if not repeat:
                held += digest
                if (
                    len(held) > _DIGEST * PACKED
                ):  # a case of many rows: a set, not a scan of them all per row
                    self.run = _unpacked(held)
                    if case in self.cases:
                        self.cases[case] = self.run
        if not repeat:
            return True
        return self._dropped(where, line)

    def _switch(self, case: str) -> None:
        """The rows of ``case`` come now: the finished run's digests go to the file (unless the case is held),
        and ``case``'s are taken from where they are (held, read back from the file, or none yet)."""
        if self.case is not None and self.case not in self.cases and self.run:
            if self.spill is None:
                self.spill = tempfile.TemporaryFile("w+b")
            data = bytes(self.run) if isinstance(self.run, bytearray) else b"".join(self.run)
            at = self.spill.seek(0, 2)
            self.spill.write(data)
            self.cases[self.case] = (at // _DIGEST) << 32 | len(data) // _DIGEST
        self.case = case
        run = self.cases.get(case)
        if isinstance(run, int):  # the log interleaves this case: its digests held from now on
            assert self.spill is not None
            self.spill.seek((run >> 32) * _DIGEST)
            data = self.spill.read((run & 0xFFFFFFFF) * _DIGEST)
            run = self.cases[case] = bytearray(data) if len(data) <= _DIGEST * PACKED else _unpacked(data)
        self.run = run if run is not None else bytearray()

    def _dropped(self, where: int, line: int | None) -> bool:
        if not self.dropped:
            self.first, self.first_line = where, line
        self.dropped += 1
        return False

    def trace_fresh(self, case: str, number: int, line: int | None) -> bool:
        """At the end of XES trace ``number`` of ``case``, its events read (:meth:`fresh`): True if no earlier
        trace had this case id and these events (remembered now), False for a trace written twice (dropped)."""
        digest = hashlib.blake2b(case.encode("utf-8", "surrogatepass"), digest_size=_TRACE)
        for event in sorted(self.events):  # as written, in any order: a set has none
            digest.update(b"\0" + event)
        key = digest.digest()
        bucket = self.traces[int.from_bytes(key[:2], "little") % _BUCKETS]
        at = bucket.find(key)
        while at > 0 and at % _TRACE:  # a match across two digests is none
            at = bucket.find(key, at + 1)
        if at < 0:
            bucket += key
            return True
        if not self.traces_dropped:
            self.first_trace = (number, case, line)
        self.traces_dropped += 1
        return False

    def forget(self) -> None:
        """Forget the events seen (an XES trace ended: its events cannot repeat in the next)."""
        self.events.clear()

    def close(self) -> None:
        """Drop the temporary file and what is held (the log was read)."""
        if self.spill is not None:
            self.spill.close()
            self.spill = None
        self.cases.clear()
        self.run = bytearray()

    def note(self) -> str | None:
        """The log's note on the rows dropped, None when none was."""
        if not self.dropped:
            return None
        if self.unit == "row":
            what, where = "row repeated an earlier row exactly, in every column", f"line {self.first}"
        else:
            what = "event repeated an earlier event of its trace exactly, in every attribute"
            where = f"event {self.first}" + (f", line {self.first_line}" if self.first_line else "")
        if self.dropped == 1:
            return f"1 {what} ({where}): dropped, so it counts once"
        what = what.replace(f"{self.unit} repeated", f"{self.unit}s repeated").replace(
            "its trace", "their trace"
        )
        return f"{self.dropped} {what} (the first: {where}): dropped, so each counts once"

    def trace_note(self) -> str | None:
        """The log's note on the XES traces dropped as written twice, None when none was."""
        if self.first_trace is None:
            return None
        number, case, line = self.first_trace
        where = f"trace {number}, case {case!r}" + (f", line {line}" if line else "")
        if self.traces_dropped == 1:
            return (
                f"1 trace repeated an earlier trace of its case id exactly, event for event ({where}): dropped, "
                "so the case counts once"
            )
        return (
            f"{self.traces_dropped} traces repeated an earlier trace of their case id exactly, event for event "
            f"(the first: {where}): dropped, so each case counts once"
        )


def _unpacked(data: bytes | bytearray) -> set[bytes]:
    return {bytes(data[i : i + _DIGEST]) for i in range(0, len(data), _DIGEST)}
