"""The rows of a CSV case log as read and checked, their times still text.

Each row is checked where it is read, with one clear line naming the file and the line: too few or too
many fields (a broken quote, an unquoted decimal comma), a quote that swallowed the rows below it, an
empty case id or activity; a guessed time-of-day column whose values are no times of day is dropped.
Its own module because these are the file's syntax: the dates, the order of the cases and the notes are
:mod:`bpmn_io.csvlog`'s.
"""

from __future__ import annotations

import csv
import re
import zlib
from collections.abc import Iterator
from typing import NamedTuple, TextIO

from bpmn_io.csvtext import DecodedLines, damaged
from bpmn_io.logrepeats import RowRepeats
from processes.errors import InputError

__all__ = ["RawRow", "raw_rows"]

_TIME_OF_DAY = re.compile(r"^(?:kl\.?\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?(?:\s*[AaPpFfEe]\.?[Mm]\.?)?"
                          r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}|(?i:CEST|CET|UTC|GMT)))?$")
#: a date that has its time already ("2026-12-06 13.05", "6 dec. 2026 kl. 13.05"), not one whose spaces are the
#: date's own ("mån 7 dec. 2026", "mån 07.12.2026")
_HAS_TIME = re.compile(r"[\sT](?:kl\.?\s*)?\d{1,2}(?::\d{2}|\.\d{2}(?:\.\d{2})?(?:\s|$))")

class RawRow(NamedTuple):
    """A row as read, its times still text (read once the log's date form is known)."""

    case: str
    activity: str
    start: str
    end: str
    resource: str
    element: str
    line: int


def _rows_inside(row: list[str], delimiter: str, width: int) -> bool:
    """True if a value of ``row`` spans lines of which one, after its first, has a row's fields: rows that an
    unclosed quote took in (a note written over several lines in one quoted value has none)."""
    return any(part.count(delimiter) >= width - 1 for field in row if "\n" in field
               for part in field.splitlines()[1:])


def raw_rows(fh: TextIO | DecodedLines, source: str, header: list[str], delimiter: str,
              mapping: dict[str, str | None], repeats: RowRepeats, above: int = 0, given_time: bool = False,
              given_stamp: bool = False) -> Iterator[RawRow]:
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
        yield RawRow(case, activity, row[index["start"]].strip() if "start" in index else "",
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
            raise damaged(err, source) from None
        yield row
