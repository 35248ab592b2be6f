"""A case-log file opened by its name: XES (``bpmn_io.xeslog``) or CSV (``bpmn_io.csvlog``).

:func:`open_log` streams the records of the file at a path, :func:`read_log`
collects them into a :class:`bpmn_io.caselog.LogTable`. (The readers build on
``bpmn_io.caselog``; this module picks between them, so no reader imports it back.)
"""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np

from bpmn_io.caselog import GUESS, LogColumns, LogStream, LogTable, open_bytes, table_from_records
from bpmn_io.csvlog import open_csv
from bpmn_io.userfile import check_regular, is_stream_path
from bpmn_io.xeslog import open_xes
from bpmn_io.xmlkind import not_expected, sniffed_not_text
from processes.errors import InputError
from processes.numbers import number

__all__ = ["log_kind", "open_log", "read_log", "sniff_xes", "is_case_log"]


def log_kind(path: str | Path) -> str:
    """``"xes"`` or ``"csv"`` from the file name (``.xes``, ``.xes.gz``, ``.csv``, ``.csv.gz``)."""
    name = str(path).lower()
    name = name[:-3] if name.endswith(".gz") else name
    if name.endswith(".xes"):
        return "xes"
    if name.endswith((".csv", ".tsv", ".txt")):
        return "csv"
    if sniff_xes(path):
        return "xes"
    if (what := _not_text(path)) is not None:
        raise InputError(_SAVE_AS.format(what=what), file=str(path))
    if (kind := sniffed_not_text(_head(path))) is not None:  # a PDF, a failed download's HTML page, a model
        raise not_expected(*kind, "log", str(path))
    raise InputError(
        "unknown case-log format (expected a file ending in .xes, .xes.gz, .csv, .csv.gz, .tsv or .txt, or XES "
        "content)", file=str(path)
    )


#: files a municipality's export may be instead of text, by their first bytes
_BINARY = ((b"PK\x03\x04", "an Excel workbook (.xlsx) or another zip archive"),
           (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel workbook (.xls)"))
_SAVE_AS = ("{what}, not a case log permitflow reads (expected CSV or XES text): in Excel, save it as CSV "
            "(Save As: CSV UTF-8; Spara som: CSV UTF-8 (kommaavgränsad))")


def _head(path: str | Path) -> bytes:
    """The first 4 kB of the file at ``path`` (decompressed), or nothing where it cannot be read (the reader
    says what is wrong with it)."""
    try:
        with open_bytes(path) as fh:
            return fh.read(4096)
    except (OSError, EOFError, zlib.error):
        return b""


def _not_text(path: str | Path) -> str | None:
    """What the file at ``path`` is when its first bytes show it is no text log (a workbook, UTF-16 text
    without its byte-order mark), else ``None``."""
    head = _head(path)
    for magic, what in _BINARY:
        if head.startswith(magic):
            return what
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text with NUL bytes (UTF-16 without its byte-order mark?)"
    return None


def sniff_xes(path: str | Path) -> bool:
    """True if the file at ``path`` (plain or gzip) begins as an XES log: a ``<log`` root in the XES
    namespace or with ``xes.version`` within its first 4 kB."""
    try:
        with open_bytes(path) as fh:
            head = fh.read(4096)
    except (OSError, EOFError):
        return False
    return b"<log" in head and (b"xes-standard.org" in head or b"xes.version" in head)


def is_case_log(path: str | Path) -> bool:
    """True if ``path`` names a case log by its extension (.xes, .csv, plain or .gz) or its content (XES)."""
    name = str(path).lower()
    name = name[:-3] if name.endswith(".gz") else name
    if name.endswith((".xes", ".csv")):
        return True
    return not name.endswith((".bpmn", ".bpmn2", ".yaml", ".yml")) and Path(path).is_file() and sniff_xes(path)


def open_log(path: str | Path, columns: LogColumns = GUESS) -> LogStream:
    """Open the case log at ``path`` for streaming (nothing is read beyond the header yet)."""
    kind = log_kind(path)
    if not is_stream_path(path):
        check_regular(path, what="case log")  # a named pipe without a writer would wait forever
    if kind == "xes":
        if columns.start is not None or columns.date_format is not None or columns.time is not None:
            raise InputError("--start, --time and --date-format are for CSV logs (XES has lifecycle start events "
                             "and ISO 8601 timestamps)", file=str(path))
        return open_xes(path, columns)
    if not is_stream_path(path):
        if (what := _not_text(path)) is not None:
            raise InputError(_SAVE_AS.format(what=what), file=str(path), line=1)
        if (found := sniffed_not_text(_head(path))) is not None:  # a PDF, a failed download's HTML page
            raise not_expected(*found, "log", str(path))
    return open_csv(path, columns)


def read_log(path: str | Path, columns: LogColumns = GUESS) -> tuple[LogTable, LogStream]:
    """The whole log at ``path`` as a :class:`LogTable`, and the stream that read it (mapping, notes)."""
    stream = open_log(path, columns)
    table = table_from_records(stream.records, source=stream.source, place="line" if stream.kind == "csv" else "event")
    notes = [*stream.notes, *table.notes]
    bad = int(np.count_nonzero(table.start > table.end))
    if bad:
        i = int(np.argmax(table.start > table.end))
        raise InputError(f"an activity ends before it starts ({table.activities[table.activity[i]]!r} of case "
                         f"{table.case_ids[table.case[i]]!r}; {bad} such rows)",
                         file=stream.source, line=int(table.where[i]) if stream.kind == "csv" else None,
                         path=None if stream.kind == "csv" else f"event {int(table.where[i])}")
    notes += _repeat_notes(table, stream.kind)
    return LogTable(**{**{f: getattr(table, f) for f in table.__dataclass_fields__}, "notes": tuple(notes)}), stream


def _repeat_notes(table: LogTable, kind: str) -> list[str]:
    """Notes on rows that repeat another row's case, activity, time(s) and resource but differ in another column
    (an exact repeat the reader dropped already, :class:`bpmn_io.caselog.RowRepeats`) and on events of one case
    at the same time (taken in the file's order: the log cannot tell which came first)."""
    if table.n_events < 2:
        return []
    notes = []
    start = np.nan_to_num(table.start, nan=-np.inf)
    order = np.lexsort((table.where, table.resource, table.activity, start, table.end, table.case))
    cols = (table.case, table.end, start, table.activity, table.resource)
    repeat = np.logical_and.reduce([c[order][1:] == c[order][:-1] for c in cols])
    if repeat.any():
        first = int(table.where[order][1:][repeat].min())
        row, where = ("row", f"line {first}") if kind == "csv" else ("event", f"event {first}")
        other = "column" if kind == "csv" else "attribute"
        count = int(repeat.sum())
        if count == 1:  # "1 rows repeat ... (the first: ...)" (found by QA)
            notes.append(f"1 {row} repeats an earlier one's case, activity, time(s) and resource but differs in "
                         f"another {other} ({where}): both are counted")
        else:
            notes.append(f"{number(count, 'en')} {row}s repeat an earlier one's case, activity, time(s) and resource but differ in "
                         f"another {other} (the first: {where}): each is counted")
    tie = (table.case[1:] == table.case[:-1]) & (table.end[1:] == table.end[:-1])
    if tie.any():
        shared = np.zeros(table.n_events, bool)
        shared[1:] |= tie
        shared[:-1] |= tie
        notes.append(f"{number(int(shared.sum()), 'en')} of {number(table.n_events, 'en')} events share their completion time with another "
                     "event of their case: those are taken in the file's order (the log cannot tell which came first)")
    return notes
