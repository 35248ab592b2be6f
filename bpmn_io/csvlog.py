"""Streaming CSV case-log reader: one row per event or activity instance, columns mapped by name.

The header names the columns; ``--case``, ``--activity``, ``--timestamp``,
``--start``, ``--resource`` (:class:`~bpmn_io.caselog.LogColumns`) say which
is which, and a column not given is guessed from common names in English and
Swedish (``case_id``, ``ärende``, ``activity``, ``aktivitet``, ``end``,
``timestamp``, ``datum``, ``resource``, ``handläggare`` ...); the guess is
stated to the user. The delimiter (``,`` ``;`` tab ``|``) is taken from the
header line, or from Excel's ``sep=;`` line above it. Timestamps are ISO 8601 unless ``date_format`` (``strptime``) is
given; a few common day-first forms (``31-12-2024 14:05``, ``31/12/2024``) are
recognised from the first row, and the rows are then read in that form with or without a time. Plain or gzip (``.csv.gz``), UTF-8 (with or
without BOM), or UTF-16 with its BOM (Excel's "Unicode text"); a line that is not UTF-8 is read as
Windows-1252 (Excel's "CSV (semicolon)" on a Swedish Windows saves that), and a note says so.
Rows are read one at a time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from bpmn_io.caselog import GUESS, LogColumns, LogRecord, LogStream, open_bytes, wall_seconds
from processes.errors import InputError

__all__ = ["GUESSES", "open_csv", "guess_columns"]

#: role -> header names recognised (compared lower-case, with spaces, '-' and '_' removed)
GUESSES: dict[str, tuple[str, ...]] = {
    "case": ("caseid", "case", "caseconceptname", "casenumber", "ärende", "ärendeid", "ärendenummer",
             "arende", "arendeid", "diarienummer", "dnr", "traceid"),
    "activity": ("activity", "activityname", "conceptname", "task", "taskname", "eventname", "aktivitet",
                 "händelse", "handelse", "åtgärd", "atgard", "moment", "steg"),
    "timestamp": ("end", "endtime", "endtimestamp", "complete", "completetimestamp", "completed",
                  "completetime", "timestamp", "timetimestamp", "time", "datetime", "date", "sluttid",
                  "klar", "datum", "tidpunkt"),
    "start": ("start", "starttime", "starttimestamp", "started", "starttid", "påbörjad"),
    "resource": ("resource", "orgresource", "user", "userid", "performer", "officer", "employee",
                 "handläggare", "handlaggare", "utförare", "resurs", "användare"),
    "element": ("element", "permitflowelement", "elementid"),
}
_REQUIRED = ("case", "activity", "timestamp")
_DAY_FIRST = ("%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M",
              "%d/%m/%Y", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d")
_OPTION = {"case": "--case", "activity": "--activity", "timestamp": "--timestamp", "start": "--start",
           "resource": "--resource", "element": "--element"}


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.strip().lower())


def guess_columns(header: list[str], columns: LogColumns, *, source: str) -> tuple[dict[str, str | None], tuple[str, ...]]:
    """(role -> column name, roles guessed) for ``header``; given names must exist."""
    by_norm: dict[str, str] = {}
    for name in header:
        by_norm.setdefault(_norm(name), name)
    mapping: dict[str, str | None] = {}
    guessed = []
    for role in ("case", "activity", "timestamp", "start", "resource", "element"):
        given = getattr(columns, role)
        if given is not None:
            if given not in header:
                raise InputError(f"{_OPTION[role]} {given!r}: no such column (the header has "
                                 f"{', '.join(repr(h) for h in header)})", file=source, line=1)
            mapping[role] = given
            continue
        taken = set(mapping.values())
        found = next((by_norm[g] for g in GUESSES[role] if g in by_norm and by_norm[g] not in taken), None)
        mapping[role] = found
        if found is not None:
            guessed.append(role)
    missing = [r for r in _REQUIRED if mapping[r] is None]
    if missing:
        raise InputError(
            f"no column for the {' and the '.join(missing)} (the header has {', '.join(repr(h) for h in header)}; "
            f"give {' '.join(_OPTION[r] + ' NAME' for r in missing)})", file=source, line=1)
    return mapping, tuple(guessed)


def _parser(sample: str, date_format: str | None) -> tuple[Callable[[str], dt.datetime], str]:
    """A timestamp parser fitting ``sample`` (the first row's value), and its description."""
    if date_format is not None:
        return (lambda text: dt.datetime.strptime(text, date_format)), date_format
    try:
        dt.datetime.fromisoformat(sample)
        return dt.datetime.fromisoformat, "ISO 8601"
    except ValueError:
        pass
    for fmt in _DAY_FIRST:
        try:
            dt.datetime.strptime(sample, fmt)
        except ValueError:
            continue
        return _day_first(fmt), fmt
    raise ValueError(sample)


def _day_first(fmt: str) -> Callable[[str], dt.datetime]:
    """A parser of ``fmt``'s date with or without a time: Excel writes a date-time cell of the
    General format as ``4/3/2025`` at midnight and ``4/3/2025 13:05`` otherwise."""
    date = fmt.split(" ")[0]
    forms = list(dict.fromkeys((fmt, f"{date} %H:%M", f"{date} %H:%M:%S", date)))

    def parse(text: str) -> dt.datetime:
        for form in forms:
            try:
                return dt.datetime.strptime(text, form)
            except ValueError:
                continue
        raise ValueError(text)

    return parse


class _Lines:
    """The lines of a CSV file as text: UTF-8 where a line is UTF-8, else Windows-1252.

    The bytes are split into lines as latin-1 (one character a byte, so ``\\n`` and
    ``\\r`` split as in the file whatever its encoding) and each line is decoded on
    its own: a Windows-1252 export (Excel's "CSV (semicolon)") reads as it was
    written, and ``fallback`` counts such lines for the note.
    """

    def __init__(self, raw: TextIO) -> None:
        self._raw = raw
        self.fallback = 0  # lines read as Windows-1252
        self.first_fallback = 0  # the first such line (1-based), 0: none
        self._line = 0

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
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
            return data.decode("latin-1")

    def readline(self) -> str:
        text = self._raw.readline()
        return self._decode(text) if text else text

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        return self._decode(next(self._raw))

    def close(self) -> None:
        self._raw.close()

    def note(self) -> str | None:
        """The note for the user when some lines were not UTF-8."""
        if not self.fallback:
            return None
        return (f"{self.fallback} line(s) not UTF-8, read as Windows-1252 (the first: line {self.first_fallback}); "
                "if names look wrong, save the log as UTF-8")


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
    mapping, guessed = guess_columns(header, columns, source=source)
    notes: list[str] = []
    stream = LogStream(source, "csv", iter(()), mapping, guessed, notes)
    stream.records = _rows(fh, source, header, delimiter, mapping, columns.date_format, notes, above)
    return stream


def _rows(fh: TextIO | _Lines, source: str, header: list[str], delimiter: str, mapping: dict[str, str | None],
          date_format: str | None, notes: list[str], above: int = 0) -> Iterator[LogRecord]:
    index = {role: header.index(name) for role, name in mapping.items() if name is not None}
    width = len(header)
    parse: Callable[[str], dt.datetime] | None = None
    expected = f"the format {date_format!r}" if date_format else "ISO 8601 such as 2024-03-01T09:30:00 (or give --date-format)"
    line = 1
    try:
        reader = csv.reader(fh, delimiter=delimiter)
        for row in _guarded(reader, source):
            line = reader.line_num + 1 + above  # the header (and a "sep=" line) read before the reader started
            if not any(field.strip() for field in row):  # a blank line, or Excel's ";;;" of a cleared row
                continue
            if len(row) < width:
                raise InputError(f"{len(row)} fields, the header has {width} (a missing delimiter or a "
                                 "broken quote?)", file=source, line=line)
            case, activity = row[index["case"]].strip(), row[index["activity"]].strip()
            if not case or not activity:
                what = "case id" if not case else "activity"
                raise InputError(f"empty {what} in column {mapping['case' if not case else 'activity']!r}",
                                 file=source, line=line)
            stamp = row[index["timestamp"]].strip()
            if parse is None:
                try:
                    parse, used = _parser(stamp, date_format)
                except ValueError:
                    raise _bad_time(stamp, mapping["timestamp"], expected, source, line) from None
                if date_format is None and used != "ISO 8601":
                    expected = f"the format {used!r}, with or without a time, as in the first row; or give --date-format"
                    used += " (with or without a time), from the first row"
                notes.append(f"timestamps read as {used}")
            end = _when(parse, stamp, mapping["timestamp"], expected, source, line)
            start = math.nan
            if "start" in index and row[index["start"]].strip():
                start = _when(parse, row[index["start"]].strip(), mapping["start"], expected, source, line)
            resource = row[index["resource"]].strip() if "resource" in index else ""
            element = row[index["element"]].strip() if "element" in index else ""
            yield LogRecord(case, activity, start, end, resource, element, line)
        said = fh.note() if isinstance(fh, _Lines) else None
        if said:
            notes.append(said)
    finally:
        fh.close()


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


def _bad_time(text: str, column: str | None, expected: str, source: str, line: int) -> InputError:
    return InputError(f"{text[:40]!r} in column {column!r} is not a timestamp (expected {expected})",
                      file=source, line=line)


def _when(parse: Callable[[str], dt.datetime], text: str, column: str | None, expected: str,
          source: str, line: int) -> float:
    try:
        return wall_seconds(parse(text))
    except ValueError:
        raise _bad_time(text, column, expected, source, line) from None
