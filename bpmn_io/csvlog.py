"""Streaming CSV case-log reader: one row per event or activity instance, columns mapped by name.

The header names the columns; ``--case``, ``--activity``, ``--timestamp``,
``--start``, ``--resource`` (:class:`~bpmn_io.caselog.LogColumns`) say which
is which, and a column not given is guessed from common names in English and
Swedish (``case_id``, ``ärende``, ``activity``, ``aktivitet``, ``end``,
``timestamp``, ``datum``, ``resource``, ``handläggare`` ...); the guess is
stated to the user, and a note names another column that would fit the role too. The delimiter (``,`` ``;`` tab ``|``) is taken from the
header line, or from Excel's ``sep=;`` line above it. Timestamps: ISO 8601, day and month in numbers
(``4/3/2025``, ``04.03.2025``), the year first with ``/``, or a month's name (``4 mars 2025``), each with or
without a time (``13:05``, ``kl. 13.05``, ``1:05 PM``, ``1:05 em``) and a zone (``+01:00``, ``CET``), a weekday's
name before the date or not (``mån 7 dec 2026``); whether ``4/3/2025`` is day or month first is read
from the rows that show it (:mod:`bpmn_io.csvdates`), day first when none does, and the note says which;
``date_format`` gives a ``strptime`` format, or ``day-first`` / ``month-first``. A time of day in a column
of its own (``Datum;Tid``; ``--time``, guessed from ``tid``, ``klockslag``, ``tidpunkt`` when its first value is
a time of day) is joined to the date; a guessed ``Tidpunkt`` that writes the date again with its time is the
timestamp. A row with more filled fields than the header is refused (an unquoted ``13:05:00,123`` in a
comma-separated file would move the fields after it). Rows whose case goes back in
time down the file are counted in a note (a misread date form shows so). Plain or gzip (``.csv.gz``), UTF-8 (with or
without BOM), or UTF-16 with its BOM (Excel's "Unicode text"); a line that is not UTF-8 is read as
Windows-1252 (Excel's "CSV (semicolon)" on a Swedish Windows saves that), or as the DOS code page 850 (Excel's
"CSV (MS-DOS)", older case systems; 437 has the same Swedish letters) when the words' bytes show it
(:mod:`bpmn_io.csvcodepage`), and a note says which and why.
Rows are read one at a time; those before the first that tells day from month first wait for it (the first
2,000 in memory, the rest in a temporary file).

This module opens the log and turns its rows into records (dates, rows still in progress, the notes);
the header's columns are mapped by :mod:`bpmn_io.csvheader`, the bytes decoded by :mod:`bpmn_io.csvtext`
and the rows read and checked by :mod:`bpmn_io.csvrows`.
"""

from __future__ import annotations

import csv
import math
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, TextIO

from bpmn_io.caselog import GUESS, LogColumns, LogRecord, LogStream, wall_seconds
from bpmn_io.csvdates import Stamps
from bpmn_io.csvheader import GUESSES, guess_columns, named_twice, other_fits
from bpmn_io.csvrows import RawRow, raw_rows
from bpmn_io.csvtext import DecodedLines, damaged, open_text
from bpmn_io.logorder import FileOrder
from bpmn_io.logrepeats import RowRepeats
from processes.errors import InputError

__all__ = ["GUESSES", "open_csv", "guess_columns"]

# after the note that a case's rows go back in time, when the dates are numbers (day or month first)
_DATE_FORM_HINT = ("; if the export lists each case's events as they happened, check the date form above "
                   "(--date-format)")

def open_csv(path: str | Path, columns: LogColumns = GUESS) -> LogStream:
    """Open a CSV log: read and map its header now, its rows as they are iterated."""
    source = str(path)
    fh = open_text(path)
    try:
        first = fh.readline()
    except UnicodeDecodeError as err:
        fh.close()
        raise InputError(f"not {err.encoding.upper()} text ({err.reason} at byte {err.start} of the first block; "
                         "save the log as UTF-8)", file=source) from None
    except (EOFError, OSError, zlib.error) as err:
        fh.close()
        raise damaged(err, source) from None
    first = first.lstrip("\ufeff")  # a byte-order mark the decoder left (UTF-16 written with one twice)
    stated = first.rstrip("\r\n")
    above = 0  # lines above the header
    if len(stated) == 5 and stated.startswith("sep="):  # Excel's "sep=;" line naming the delimiter
        first, above = fh.readline(), 1
    if not first.strip():
        fh.close()
        raise InputError("the log is empty (expected a header line and one row per event)", file=source)
    delimiter = stated[4] if above else max(",;\t|", key=first.count)
    header = next(csv.reader([first], delimiter=delimiter))
    try:
        mapping, guessed = guess_columns(header, columns, source=source)
    except InputError as err:
        fh.close()
        said = fh.note() if isinstance(fh, DecodedLines) else None
        if said:  # a header misread ("H„ndelse"): the refusal says how its bytes were read
            raise InputError(f"{err.message}; {said}", file=source, line=1) from None
        raise
    notes: list[str] = other_fits(header, mapping, guessed) + named_twice(header, mapping)
    stream = LogStream(source, "csv", iter(()), mapping, guessed, notes)
    stream.records = _rows(fh, source, header, delimiter, mapping, columns.date_format, notes, above,
                           columns.time is not None, columns.timestamp is not None)
    return stream


def _rows(fh: TextIO | DecodedLines, source: str, header: list[str], delimiter: str,
          mapping: dict[str, str | None], date_format: str | None, notes: list[str], above: int = 0,
          given_time: bool = False, given_stamp: bool = False) -> Iterator[LogRecord]:
    stamps = Stamps(date_format, source)
    order = FileOrder()
    opened = _InProgress(order)  # rows with a start time and no end time: still in progress at the export
    repeats = RowRepeats("row")
    pending = _Waiting()  # rows read before one told day-first from month-first
    told = False
    try:
        for raw in raw_rows(fh, source, header, delimiter, mapping, repeats, above, given_time, given_stamp):
            if raw.end:  # an activity still in progress at the export has a start and no end
                stamps.see(raw.end, _end_column(mapping), raw.line)
            elif not raw.start:
                raise _no_time(raw, mapping, source)
            if raw.start:
                stamps.see(raw.start, mapping["start"], raw.line)
            if not stamps.decided:
                pending.append(raw)
                continue
            if not told:
                notes.insert(0, stamps.note())
                told = True
            if pending:
                for row in pending:
                    yield opened.seen(_record(row, stamps, mapping))
                pending.clear()
            yield opened.seen(_record(raw, stamps, mapping))
        if pending:  # no row told: day first
            stamps.settle()
            notes.insert(0, stamps.note(lambda: _other_order(pending, stamps)))
            told = True
            for row in pending:
                yield opened.seen(_record(row, stamps, mapping))
        if told and (stamps.swedish_time or stamps.offsets):
            notes[0] = stamps.note()  # what later rows showed (a Swedish time, UTC offsets)
        for said in (repeats.note(), opened.note(), order.note("line", "row", _DATE_FORM_HINT if stamps.family == "numeric" else "")):
            if said:
                notes.append(said)
        said = fh.note() if isinstance(fh, DecodedLines) else None
        if said:
            notes.append(said)
    finally:
        pending.clear()
        repeats.close()
        fh.close()


class _Waiting:
    """The rows read before one told day-first from month-first, in the order read: the first ``_KEEP`` in
    memory, the rest in a temporary file, so a log where no row tells is read in bounded memory."""

    def __init__(self) -> None:
        self.rows: list[RawRow] = []
        self.spill: IO[str] | None = None
        self.writer: Any = None  # a csv.writer

    def append(self, raw: RawRow) -> None:
        if len(self.rows) < _KEEP:
            self.rows.append(raw)
            return
        if self.spill is None:
            self.spill = tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogatepass", newline="")
            self.writer = csv.writer(self.spill)
        assert self.writer is not None
        self.writer.writerow(raw)

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __iter__(self) -> Iterator[RawRow]:
        yield from self.rows
        if self.spill is not None:
            self.spill.flush()
            self.spill.seek(0)
            for case, activity, start, end, resource, element, line in csv.reader(self.spill):
                yield RawRow(case, activity, start, end, resource, element, int(line))

    def clear(self) -> None:
        self.rows.clear()
        if self.spill is not None:
            self.spill.close()
            self.spill = self.writer = None


#: rows kept in memory while the date form is not known (more go to a temporary file)
_KEEP = 2000


def _end_column(mapping: dict[str, str | None]) -> str | None:
    """The completion time's column for a message: ``Datum + Tid`` when the time of day is a column of its own."""
    return f"{mapping['timestamp']} + {mapping['time']}" if mapping.get("time") else mapping["timestamp"]


class _InProgress:
    """Passes each record on to the file-order check (:class:`bpmn_io.logorder.FileOrder`), except an activity
    still in progress at the export (a start time, no end time: ``end`` nan), which it counts for one note."""

    def __init__(self, order: FileOrder) -> None:
        self.order = order
        self.count = 0
        self.first = 0  # the first such row's line

    def seen(self, rec: LogRecord) -> LogRecord:
        if rec.end == rec.end:
            return self.order.seen(rec)
        self.count += 1
        self.first = self.first or rec.where
        return rec

    def note(self) -> str | None:
        if not self.count:
            return None
        return (f"{_rows_text(self.count)} with a start time and no end time (the first on line {self.first}): read as "
                "activities still in progress when the log was exported, each fitted as longer than it had run by "
                "then (right-censored); på svenska: " + _rows_text(self.count, "sv") + " med starttid men utan "
                f"sluttid (den första på rad {self.first}) läses som aktiviteter som pågick när loggen exporterades")


def _rows_text(n: int, lang: str = "en") -> str:
    if lang == "sv":
        return "1 rad" if n == 1 else f"{n} rader"
    return "1 row" if n == 1 else f"{n} rows"


def _no_time(raw: RawRow, mapping: dict[str, str | None], source: str) -> InputError:
    """The refusal of a row with neither a start nor an end time: nothing tells when it happened."""
    start = f" nor a start time in column {mapping['start']!r}" if mapping.get("start") else ""
    return InputError(f"no end time in column {_end_column(mapping)!r}{start}: the row does not say when "
                      "its activity happened (expected an end time, or a start time for an activity still in "
                      "progress at the export)", file=source, line=raw.line)


def _record(raw: RawRow, stamps: Stamps, mapping: dict[str, str | None]) -> LogRecord:
    if not raw.end:  # started and not ended at the export
        start, began = stamps.moment(raw.start, mapping["start"], raw.line)
        return LogRecord(raw.case, raw.activity, start, math.nan, raw.resource, raw.element, raw.line, math.nan,
                         began)
    end, at = stamps.moment(raw.end, _end_column(mapping), raw.line)
    start = began = math.nan
    if raw.start:
        start, began = stamps.moment(raw.start, mapping["start"], raw.line)
        if start > end and began <= at:  # 02:50+02:00 to 02:10+01:00: 20 minutes across the repeated hour
            start = end - (at - began)  # taken as 01:50, the time that passed before the completion
    return LogRecord(raw.case, raw.activity, start, end, raw.resource, raw.element, raw.line, at, began)


def _other_order(rows: Iterable[RawRow], stamps: Stamps) -> str:
    """What reading ``rows`` month first would do to the order of their cases' events, if it differs."""
    day_first, month_first = _OutOfOrder(), _OutOfOrder()
    try:
        for r in (r for r in rows if r.end):  # a row still in progress has no end to order by
            day_first.seen(r.case, wall_seconds(stamps.read(r.end, "day")))
            month_first.seen(r.case, wall_seconds(stamps.read(r.end, "month")))
    except ValueError:
        return ""
    day, month = len(day_first.out), len(month_first.out)
    if day == month:
        return ""
    return (f"; read day first, {_cases(day)} go back in time down the file, read month first "
            f"{_cases(month) if month else 'none'}")


def _cases(n: int) -> str:
    return "1 case's events" if n == 1 else f"{n} cases' events"


class _OutOfOrder:
    """The cases whose events go back in time down the file, one time per case kept."""

    def __init__(self) -> None:
        self.last: dict[str, float] = {}
        self.out: set[str] = set()

    def seen(self, case: str, when: float) -> None:
        before = self.last.get(case)
        if before is not None and when < before:
            self.out.add(case)
        else:
            self.last[case] = when
