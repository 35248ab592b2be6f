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
"""

from __future__ import annotations

import csv
import io
import math
import re
import tempfile
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple, TextIO

from bpmn_io.caselog import GUESS, LogColumns, LogRecord, LogStream, open_bytes, wall_seconds
from bpmn_io.csvcodepage import Evidence, decode_windows
from bpmn_io.csvdates import Stamps
from bpmn_io.logorder import FileOrder
from bpmn_io.logrepeats import RowRepeats
from processes.errors import InputError

__all__ = ["GUESSES", "open_csv", "guess_columns"]

#: role -> header names recognised (compared lower-case, with spaces, '-' and '_' removed)
GUESSES: dict[str, tuple[str, ...]] = {
    # a diarium's bare "Ärende" is as often the matter ("Bygglov") as its number: named numbers first
    "case": ("caseid", "case", "caseconceptname", "casenumber", "ärendeid", "ärendenummer", "arendeid",
             "arendenummer", "diarienummer", "dnr", "ärende", "arende", "traceid"),
    "activity": ("activity", "activityname", "conceptname", "task", "taskname", "eventname", "aktivitet",
                 "händelse", "handelse", "åtgärd", "atgard", "moment", "steg"),
    "timestamp": ("end", "endtime", "endtimestamp", "complete", "completetimestamp", "completed",
                  "completetime", "timestamp", "timetimestamp", "time", "datetime", "date", "sluttid", "slut",
                  "klar", "datum", "tidpunkt"),
    "start": ("start", "starttime", "starttimestamp", "started", "starttid", "påbörjad"),
    "resource": ("resource", "orgresource", "user", "userid", "performer", "officer", "employee",
                 "handläggare", "handlaggare", "utförare", "resurs", "användare"),
    "element": ("element", "permitflowelement", "elementid"),
    # beside a date column ("Datum;Tid", "Datum;Tidpunkt"); a "Tidpunkt" alone is the timestamp
    "time": ("tid", "klockslag", "klocka", "kl", "timeofday", "tidpunkt"),
}
_REQUIRED = ("case", "activity", "timestamp")
# after the note that a case's rows go back in time, when the dates are numbers (day or month first)
_DATE_FORM_HINT = ("; if the export lists each case's events as they happened, check the date form above "
                   "(--date-format)")
_TIME_OF_DAY = re.compile(r"^(?:kl\.?\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?(?:\s*[AaPpFfEe]\.?[Mm]\.?)?"
                          r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}|(?i:CEST|CET|UTC|GMT)))?$")
#: a date that has its time already ("2026-12-06 13.05", "6 dec. 2026 kl. 13.05"), not one whose spaces are the
#: date's own ("mån 7 dec. 2026", "mån 07.12.2026")
_HAS_TIME = re.compile(r"[\sT](?:kl\.?\s*)?\d{1,2}(?::\d{2}|\.\d{2}(?:\.\d{2})?(?:\s|$))")
_OPTION = {"case": "--case", "activity": "--activity", "timestamp": "--timestamp", "start": "--start",
           "resource": "--resource", "element": "--element", "time": "--time"}


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.strip().lower())


def guess_columns(header: list[str], columns: LogColumns, *, source: str) -> tuple[dict[str, str | None], tuple[str, ...]]:
    """(role -> column name, roles guessed) for ``header``; given names must exist."""
    by_norm: dict[str, str] = {}
    for name in header:
        by_norm.setdefault(_norm(name), name)
    mapping: dict[str, str | None] = {}
    guessed = []
    for role in ("case", "activity", "timestamp", "start", "resource", "element", "time"):
        given = getattr(columns, role)
        if given is not None:
            if given not in header:
                raise InputError(f"{_OPTION[role]} {given!r}: no such column (the header has "
                                 f"{', '.join(repr(h) for h in header)})", file=source, line=1)
            mapping[role] = given
            continue
        taken = set(mapping.values())
        found = next((by_norm[g] for g in GUESSES[role] if g in by_norm and by_norm[g] not in taken), None)
        if found is not None or role != "time":  # a time-of-day column is named only when there is one
            mapping[role] = found
        if found is not None:
            guessed.append(role)
    missing = [r for r in _REQUIRED if mapping[r] is None]
    if missing:
        raise InputError(
            f"no column for the {' and the '.join(missing)} (the header has {', '.join(repr(h) for h in header)}; "
            f"give {' '.join(_OPTION[r] + ' NAME' for r in missing)})", file=source, line=1)
    return mapping, tuple(guessed)


def _other_fits(header: list[str], mapping: dict[str, str | None], guessed: tuple[str, ...]) -> list[str]:
    """A note for each guessed role another unused column would fit as well ("Aktivitet" taken, "Händelse"
    left): the guess is said, not made silently."""
    used = set(mapping.values())
    notes = []
    for role in guessed:
        if role == "time":
            continue
        names = {_norm(g) for g in GUESSES[role]}
        others = [h for h in header if h not in used and _norm(h) in names]
        if others:
            notes.append(f"column {mapping[role]!r} read as the {role} (guessed); {', '.join(map(repr, others))} "
                         f"would fit too: give {_OPTION[role]} NAME to read another")
    return notes


def _named_twice(header: list[str], mapping: dict[str, str | None]) -> list[str]:
    """A note for each column read whose name the header gives more than once ("Datum;Datum"): the first is read."""
    notes = []
    for role, name in mapping.items():
        at = [i + 1 for i, h in enumerate(header) if h == name]
        if len(at) > 1:
            notes.append(f"{len(at)} columns are named {name!r} (columns {', '.join(map(str, at))}): the first is read "
                         f"as the {role}; rename the others in the header, or remove them")
    return notes


class _Lines:
    """The lines of a CSV file as text: UTF-8 where a line is UTF-8, else Windows-1252 or DOS code page 850.

    The bytes are split into lines as latin-1 (one character a byte, so ``\\n`` and
    ``\\r`` split as in the file whatever its encoding) and each line is decoded on
    its own. At the first line that is not UTF-8 the lines after it are read ahead (up to
    ``_AHEAD`` characters) and their words weighed (:mod:`bpmn_io.csvcodepage`): code page 850
    (Excel's "CSV (MS-DOS)") when they all point to it, else Windows-1252 (Excel's "CSV
    (semicolon)"); ``fallback`` counts such lines for the note, which says which and why.
    """

    def __init__(self, raw: TextIO) -> None:
        self._raw = raw
        self.fallback = 0  # lines not UTF-8
        self.first_fallback = 0  # the first such line (1-based), 0: none
        self._line = 0
        self._ahead: deque[str] = deque()  # lines read ahead to choose the code page, not yet given
        self._error: BaseException | None = None  # met reading ahead: raised when the lines before it are given
        self._weighed = 0  # the lines up to this one were weighed before the choice
        self.evidence = Evidence()

    def _decode(self, text: str) -> str:
        self._line += 1
        if text.isascii():
            return text
        data = text.encode("latin-1")
        if self._line == 1 and data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        self.fallback += 1
        self.first_fallback = self.first_fallback or self._line
        if self.evidence.chosen is None:
            self._choose(data)
        elif self._line > self._weighed:
            self.evidence.weigh(data, self._line, late=True)
        return data.decode("cp850") if self.evidence.chosen == "cp850" else decode_windows(data)

    def _choose(self, data: bytes) -> None:
        """Weigh this line and those read ahead of it, and choose the code page."""
        self.evidence.weigh(data, self._line)
        size, line = 0, self._line
        while size < _AHEAD:
            try:
                text = self._raw.readline()
            except (EOFError, OSError, zlib.error) as err:  # a damaged .gz: said after the lines before it
                self._error = err
                break
            if not text:
                break
            self._ahead.append(text)
            size += len(text)
            line += 1
            if text.isascii():
                continue
            ahead = text.encode("latin-1")
            try:
                ahead.decode("utf-8")
            except UnicodeDecodeError:
                self.evidence.weigh(ahead, line)
        self._weighed = line
        self.evidence.choose()

    def _next_line(self) -> str:
        if self._ahead:
            return self._ahead.popleft()
        if self._error is not None:
            err, self._error = self._error, None
            raise err
        return self._raw.readline()

    def readline(self) -> str:
        text = self._next_line()
        return self._decode(text) if text else text

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        text = self._next_line()
        if not text:
            raise StopIteration
        return self._decode(text)

    def close(self) -> None:
        self._ahead.clear()
        self._raw.close()

    def note(self) -> str | None:
        """The note for the user when some lines were not UTF-8: the code page read, and why."""
        if not self.fallback:
            return None
        return self.evidence.note(self.fallback, self.first_fallback)


#: characters of the lines after the first that is not UTF-8 read ahead to choose its code page
_AHEAD = 1 << 18


def _text(path: str | Path) -> TextIO | _Lines:
    raw = open_bytes(path)
    try:  # a .gz's first block is decompressed here already: damaged or cut short, it fails here
        head = raw.peek(2)[:2]  # type: ignore[attr-defined]
    except (EOFError, OSError, zlib.error) as err:
        raw.close()
        raise _damaged(err, str(path)) from None
    if head in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its BOM
        return io.TextIOWrapper(raw, encoding="utf-16", newline="")  # type: ignore[arg-type]
    return _Lines(io.TextIOWrapper(raw, encoding="latin-1", newline=""))  # type: ignore[arg-type]


def open_csv(path: str | Path, columns: LogColumns = GUESS) -> LogStream:
    """Open a CSV log: read and map its header now, its rows as they are iterated."""
    source = str(path)
    fh = _text(path)
    try:
        first = fh.readline()
    except UnicodeDecodeError as err:
        fh.close()
        raise InputError(f"not {err.encoding.upper()} text ({err.reason} at byte {err.start} of the first block; "
                         "save the log as UTF-8)", file=source) from None
    except (EOFError, OSError, zlib.error) as err:
        fh.close()
        raise _damaged(err, source) from None
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
        said = fh.note() if isinstance(fh, _Lines) else None
        if said:  # a header misread ("H„ndelse"): the refusal says how its bytes were read
            raise InputError(f"{err.message}; {said}", file=source, line=1) from None
        raise
    notes: list[str] = _other_fits(header, mapping, guessed) + _named_twice(header, mapping)
    stream = LogStream(source, "csv", iter(()), mapping, guessed, notes)
    stream.records = _rows(fh, source, header, delimiter, mapping, columns.date_format, notes, above,
                           columns.time is not None, columns.timestamp is not None)
    return stream


class _Raw(NamedTuple):
    """A row as read, its times still text (read once the log's date form is known)."""

    case: str
    activity: str
    start: str
    end: str
    resource: str
    element: str
    line: int


def _rows(fh: TextIO | _Lines, source: str, header: list[str], delimiter: str, mapping: dict[str, str | None],
          date_format: str | None, notes: list[str], above: int = 0, given_time: bool = False,
          given_stamp: bool = False) -> Iterator[LogRecord]:
    stamps = Stamps(date_format, source)
    order = FileOrder()
    opened = _InProgress(order)  # rows with a start time and no end time: still in progress at the export
    repeats = RowRepeats("row")
    pending = _Waiting()  # rows read before one told day-first from month-first
    told = False
    try:
        for raw in _raw_rows(fh, source, header, delimiter, mapping, repeats, above, given_time, given_stamp):
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
        said = fh.note() if isinstance(fh, _Lines) else None
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
        self.rows: list[_Raw] = []
        self.spill: IO[str] | None = None
        self.writer: Any = None  # a csv.writer

    def append(self, raw: _Raw) -> None:
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

    def __iter__(self) -> Iterator[_Raw]:
        yield from self.rows
        if self.spill is not None:
            self.spill.flush()
            self.spill.seek(0)
            for case, activity, start, end, resource, element, line in csv.reader(self.spill):
                yield _Raw(case, activity, start, end, resource, element, int(line))

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


def _no_time(raw: _Raw, mapping: dict[str, str | None], source: str) -> InputError:
    """The refusal of a row with neither a start nor an end time: nothing tells when it happened."""
    start = f" nor a start time in column {mapping['start']!r}" if mapping.get("start") else ""
    return InputError(f"no end time in column {_end_column(mapping)!r}{start}: the row does not say when "
                      "its activity happened (expected an end time, or a start time for an activity still in "
                      "progress at the export)", file=source, line=raw.line)


def _record(raw: _Raw, stamps: Stamps, mapping: dict[str, str | None]) -> LogRecord:
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


def _other_order(rows: Iterable[_Raw], stamps: Stamps) -> str:
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


def _rows_inside(row: list[str], delimiter: str, width: int) -> bool:
    """True if a value of ``row`` spans lines of which one, after its first, has a row's fields: rows that an
    unclosed quote took in (a note written over several lines in one quoted value has none)."""
    return any(part.count(delimiter) >= width - 1 for field in row if "\n" in field
               for part in field.splitlines()[1:])


def _raw_rows(fh: TextIO | _Lines, source: str, header: list[str], delimiter: str,
              mapping: dict[str, str | None], repeats: RowRepeats, above: int = 0, given_time: bool = False,
              given_stamp: bool = False) -> Iterator[_Raw]:
    """The rows as read, each checked, an exact repeat of an earlier one (``repeats``) left out."""
    index = {role: header.index(name) for role, name in mapping.items() if name is not None}
    width = len(header)
    while width > 1 and not header[width - 1].strip():  # Excel's empty columns after the last named one
        width -= 1
    has = f"the header has {width}" if width == len(header) else f"the header names {width}"
    reader = csv.reader(fh, delimiter=delimiter)
    ended = 0  # the reader's line count at the end of the previous record
    for row in _guarded(reader, source):
        line = reader.line_num + 1 + above  # the header (and a "sep=" line) read before the reader started
        first, ended = ended + 2 + above, reader.line_num
        # a blank line, Excel's ";;;" of a cleared row, or the end-of-file mark (Ctrl-Z) old DOS tools write
        if not any(field.strip().strip("\x1a") for field in row):
            continue
        if line > first and _rows_inside(row, delimiter, width):
            # a stray quote: the value runs on over the lines below it, which are rows, to the next quote or
            # the end of the file (in a column not read, those rows were lost without a word)
            raise InputError(f"a quote opened on this line is not closed until line {line}: the rows between "
                             "are read as one value (a stray \"? quote a whole value and double any \" inside it)",
                             file=source, line=first)
        if len(row) < width:
            raise InputError(f"{len(row)} fields, {has} (a missing delimiter or a broken quote?)", file=source,
                             line=line)
        if len(row) > len(header) and any(field.strip() for field in row[len(header):]):
            # "13:05:00,123" unquoted in a comma-separated file: the fields after it moved one column on
            inside = "a decimal comma (13:05:00,123)" if delimiter == "," else f"a {delimiter!r}"
            raise InputError(f"{len(row)} fields, the header has {len(header)} (a value with {inside} and no quotes "
                             "around it? quote such values, or name every column in the header)", file=source,
                             line=line)
        case, activity = row[index["case"]].strip(), row[index["activity"]].strip()
        if not case or not activity:
            what = "case id" if not case else "activity"
            raise InputError(f"empty {what} in column {mapping['case' if not case else 'activity']!r}",
                             file=source, line=line)
        end = row[index["timestamp"]].strip()
        if "time" in index and row[index["time"]].strip():  # "Datum;Tid": the date, then the time of day
            clock = row[index["time"]].strip()
            if not given_time and (not _TIME_OF_DAY.match(clock) or _HAS_TIME.search(end)):
                # a guessed column whose first value is no time of day ("Tid" as time spent), or dates that
                # have their time already: not read, and the mapping line no longer names it; but one that
                # writes the date again with its time ("Datum;Tidpunkt": 2026-12-01;2026-12-01 08:15) is the
                # timestamp, and the date column is left
                if clock.startswith((f"{end} ", f"{end}T")) and not given_stamp:
                    index["timestamp"], mapping["timestamp"] = index["time"], mapping["time"]
                    end = clock
                del index["time"]
                del mapping["time"]
            else:
                given_time = True  # the first value decided: every row's time is read from here on
                end = f"{end} {clock}"
        if not repeats.fresh(row, line, case=case):
            continue
        yield _Raw(case, activity, row[index["start"]].strip() if "start" in index else "",
                   end, row[index["resource"]].strip() if "resource" in index else "",
                   row[index["element"]].strip() if "element" in index else "", line)


def _guarded(reader: Iterator[list[str]], source: str) -> Iterator[list[str]]:
    """The reader's rows, with its decoding and format errors as one clean line."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            line = getattr(reader, "line_num", 0) + 1
            raise InputError(f"not CSV: {err}", file=source, line=line) from None
        except UnicodeDecodeError as err:
            line = getattr(reader, "line_num", 0) + 2
            raise InputError(f"not {err.encoding.upper()} text ({err.reason} after line {line - 1}; save the log "
                             "as UTF-8)", file=source) from None
        except (EOFError, OSError, zlib.error) as err:
            raise _damaged(err, source) from None
        yield row


def _damaged(err: Exception, source: str) -> InputError:
    return InputError(f"the compressed data is damaged or ends early (truncated .gz?): {err}", file=source)
