"""Streaming XES reader (IEEE 1849 XES, plain or gzip): one trace in memory at a time.

The document is fed in 1 MB chunks to the hardened pull parser of
``bpmn_io.xmlsafe`` (no entities, no DTD, no network, libxml2's size limits),
after its prolog was checked for a DOCTYPE with entities or an external DTD.
Each finished ``<event>`` is read and cleared; at the end of each ``<trace>``
its events become :class:`~bpmn_io.caselog.LogRecord` s and the trace is
dropped, so memory stays bounded by the largest trace whatever the log's size.

Lifecycle: an event with ``lifecycle:transition`` ``start`` opens an
activity instance, the next ``complete`` of the same activity in the trace
closes it (first in, first out); a ``start`` that no ``complete`` closes is an
activity still in progress at the export (a record with ``end`` nan, as a CSV
row with a start and no end); an event without a transition is a
completion; other transitions (``schedule``, ``assign``, ``suspend`` ...) are
counted and left out. A trace's instances are taken in time order; listed in the file by their first
event, a trace whose instances go back in time is counted in a note (``bpmn_io.logorder``).

An event repeated exactly in its trace is dropped, and so is a trace written twice: the case id and the events of
an earlier trace (:mod:`bpmn_io.logrepeats`, one note per log each). A trace with an earlier one's case id and
other events is read as more of that case, as a CSV case whose rows are in two blocks.
"""

from __future__ import annotations

import datetime as dt
import gzip
import math
import os
import re
import zlib
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from bpmn_io.caselog import (
    GUESS,
    LOG_YEARS,
    LogColumns,
    LogRecord,
    LogStream,
    instant_seconds,
    open_bytes,
    outside_log_years,
    wall_seconds,
)
from bpmn_io.csvdates import misread_by_python, offset_label, offsets_note
from bpmn_io.logorder import FileOrder
from bpmn_io.logrepeats import RowRepeats
from bpmn_io.sourcelines import SHORT_LINES as _SHORT_LINES  # a log of a million lines is mostly past it
from bpmn_io.xmlfaults import fault_said, tag_at
from bpmn_io.xmlkind import cut_off, not_expected, root_kind, sniffed
from bpmn_io.xmlsafe import mismatch_said, refuse_doctype, refuse_wide_declaration, safe_pull_parser
from bpmn_io.xmltext import refuse_utf8_declared_8bit, unknown_encoding
from processes.errors import InputError
from processes.wording import counted

__all__ = ["XES_NS", "open_xes", "CHUNK", "located"]

XES_NS = "http://www.xes-standard.org/"
CHUNK = 1 << 20
_TRACE = {"trace", f"{{{XES_NS}}}trace"}
_EVENT = {"event", f"{{{XES_NS}}}event"}
_LOG = {"log", f"{{{XES_NS}}}log"}
_NAN = math.nan


def _keys(columns: LogColumns) -> dict[str, str]:
    return {
        "case": columns.case or "concept:name",
        "activity": columns.activity or "concept:name",
        "timestamp": columns.timestamp or "time:timestamp",
        "resource": columns.resource or "org:resource",
        "element": columns.element or "permitflow:element",
    }


def open_xes(path: str | Path, columns: LogColumns = GUESS) -> LogStream:
    """Open an XES log for streaming; its records are read as they are iterated."""
    source = str(path)
    keys = _keys(columns)
    fh = open_bytes(path)
    notes: list[str] = []
    stream = LogStream(source, "xes", iter(()), dict(keys), (), notes)
    stream.records = _records(fh, source, keys, notes, stream.mapping)
    return stream


def _read(fh: BinaryIO, source: str, events: int) -> bytes:
    try:
        return fh.read(CHUNK)
    except (EOFError, gzip.BadGzipFile, zlib.error) as err:
        raise InputError(f"the compressed data is damaged or ends early after {events} events "
                         f"(truncated .gz?): {err}", file=source) from None


def _chunks(fh: BinaryIO, source: str, counter: list[int]) -> Iterator[bytes]:
    head = _read(fh, source, 0)
    if not head.strip():
        raise InputError("the log is empty (expected XES: <log> with <trace> and <event> elements)", file=source)
    if (kind := sniffed(head[:4096])) is not None:  # a PDF, a zip archive, a failed download's HTML page
        raise not_expected(*kind, "xes", source)
    refuse_wide_declaration(head, source)
    refuse_utf8_declared_8bit(head, source)
    refuse_doctype(head, source, what="an XES log")
    yield head
    while True:
        chunk = _read(fh, source, counter[0])
        if not chunk:
            return
        yield chunk




def located(err: InputError, source: str, tag: bytes, ordinal: int) -> InputError:
    """``err``, at the line where the ``ordinal``-th ``tag`` element's start tag begins when lxml could not
    know it (:data:`_SHORT_LINES`): found by reading the file again, only on the way to this error."""
    err.line = _true_line(err.line, source, tag, ordinal)
    return err


def _true_line(line: int | None, source: str, tag: bytes, ordinal: int, *,
               always: bool = False) -> int | None:
    """The line where the ``ordinal``-th ``tag`` element's start tag begins, for lxml's ``line`` of it:
    found by reading the file again when lxml could not know it (:data:`_SHORT_LINES`) or when ``always``
    (lxml gives the line where a start tag ends: a root's, its namespaces one a line, ends lines later), else
    ``line``."""
    if not (line and (always or line >= _SHORT_LINES) and os.path.isfile(source)):
        return line
    start = re.compile(rb"<(?:[\w.-]+:)?" + re.escape(tag) + rb"[\s/>]")
    seen, before, tail = 0, 0, b""  # before: the newlines ahead of tail
    with open_bytes(source) as fh:
        while True:
            chunk = fh.read(CHUNK)
            data = tail + chunk
            limit = len(data) - 64 if chunk else len(data)  # a tag cut at the chunk's end: in the next one
            for match in start.finditer(data):
                if match.start() >= limit:
                    break
                seen += 1
                if seen == ordinal:
                    return before + data.count(b"\n", 0, match.start()) + 1
            if not chunk:
                return line
            cut = max(0, limit)
            before += data.count(b"\n", 0, cut)
            tail = data[cut:]


#: an element open in the pull parser: (its tag as the file writes it, the line of its start tag, its number
#: among the elements of its name: trace 2, event 5)
_Open = tuple[str, int | None, int]


def _written(el: etree._Element) -> str:
    local = etree.QName(el).localname
    return f"{el.prefix}:{local}" if el.prefix else local


def _where(opened: list[_Open]) -> str:
    """Where the innermost of the ``opened`` elements is, as the person knows it: "event 5, in trace 2"."""
    names = {tag.rpartition(":")[2]: number for tag, _, number in opened}
    if "event" in names:
        return f"event {names['event']}" + (f", in trace {names['trace']}" if "trace" in names else "")
    return f"trace {names['trace']}" if "trace" in names else ""


def _opening(el: etree._Element, events: int, traces: int) -> _Open:
    """``el`` whose start tag was read after ``events`` events and ``traces`` traces ended."""
    number = events + 1 if el.tag in _EVENT else traces + 1 if el.tag in _TRACE else 1
    return _written(el), el.sourceline, number


def _drain(parser: etree.XMLPullParser, opened: list[_Open], events: int, traces: int) -> None:
    """``opened`` brought up to what ``parser`` read before it stopped at a fault (its events not yet
    taken)."""
    for kind, el in parser.read_events():
        if kind == "start":
            opened.append(_opening(el, events, traces))
        else:
            opened.pop()
            events += el.tag in _EVENT
            traces += el.tag in _TRACE


def _syntax(err: etree.XMLSyntaxError, source: str, at_end: bool, opened: list[_Open],
            last_line: int = 0) -> InputError:
    """The one line for a log lxml refused with ``err`` (``at_end``: when told the file had ended) while the
    elements ``opened`` were open: a file that ends inside an element said as a cut, naming the element as
    the file writes it and as the person knows it (event 5, in trace 2), at the file's last line
    (``last_line``: where the text fed ends; a fault said on closing before it is no cut); another fault in
    permitflow's words (:mod:`bpmn_io.xmlfaults`), its element as the file writes it."""
    msg = (err.msg or str(err)).strip()
    line = err.lineno if err.lineno and err.lineno > 0 else None
    if (encoding := re.search(r"Unsupported encoding:? ([^\s,]+)", msg)) is not None:
        return unknown_encoding(encoding[1], source)
    # a fault before the last line that the push parser said only when told the end had come (an '&' in a
    # text, a '<' in a value) is no cut
    if (at_end and not (line and last_line and line < last_line)) or "Premature end" in msg:
        if not opened:
            return InputError(cut_off(None, None, None), file=source, line=line)
        tag, opened_at, number = opened[-1]
        innermost = _true_line(opened_at, source, tag.rpartition(":")[2].encode(), number)
        return InputError(cut_off(tag, innermost, opened[0][0], _where(opened)), file=source, line=line)
    msg = re.sub(r",? line \d+, column \d+$", "", msg)
    if (said := mismatch_said(msg, b"", line)) == msg:
        element = tag_at(_line_start(source, line, err.position[1])) or (opened[-1][0] if opened else None)
        said = fault_said(msg, element) or msg
    msg = said
    where = _where(opened)
    return InputError(f"not well-formed XML: {msg}" + (f" ({where})" if where else ""), file=source,
                      line=line)


def _line_start(source: str, line: int | None, column: int) -> bytes:
    """The file at ``source`` up to libxml2's ``line`` and ``column``, its last 4 kB before that line with
    it (a start tag written over several lines), read again: the fault's element is said as the file writes
    it (:func:`bpmn_io.xmlfaults.tag_at`); b"" when not to be had. Read in chunks: a log written on one line
    is never held whole."""
    if not line or not os.path.isfile(source):
        return b""
    before, newlines = b"", 0
    with open_bytes(source) as fh:
        while chunk := fh.read(CHUNK):
            if newlines + chunk.count(b"\n") < line - 1:
                newlines += chunk.count(b"\n")
                before = (before + chunk)[-4096:]
                continue
            at = -1
            for _ in range(line - 1 - newlines):
                at = chunk.index(b"\n", at + 1)
            rest = chunk[at + 1:]
            if len(rest) < column:
                rest += fh.read(column)
            return (before + chunk[:at + 1])[-4096:] + rest[:max(0, column - 1)]
    return b""


def _records(fh: BinaryIO, source: str, keys: dict[str, str], notes: list[str],
             mapping: dict[str, str | None]) -> Iterator[LogRecord]:
    parser = safe_pull_parser(tuple(_TRACE | _EVENT | _LOG), events=("start", "end"))
    opened: list[_Open] = []  # the log, trace and event open, to say where a cut or a fault is
    seen = {"resource": False, "element": False}  # the optional attributes some event has
    counter = [0]  # events read so far
    pending: list[tuple] = []
    stats = {"other": 0, "open": 0, "traces": 0}
    order = FileOrder()
    stamps: dict[str, tuple[float, float]] = {}
    offsets: set[str] = set()  # the UTC offsets seen (a few: enough to tell UTC from summer time)
    repeats = RowRepeats("event")  # an event repeated exactly in its trace: dropped
    last_line = 1  # the line the text fed so far ends on
    try:
        for chunk in _chunks(fh, source, counter):
            last_line += chunk.count(b"\n")
            try:
                parser.feed(chunk)
            except etree.XMLSyntaxError as err:
                _drain(parser, opened, counter[0], stats["traces"])  # where the fault is
                raise _syntax(err, source, False, opened) from None
            for kind, el in parser.read_events():
                if kind == "start":
                    opened.append(_opening(el, counter[0], stats["traces"]))
                    continue
                opened.pop()
                if el.tag in _EVENT:
                    counter[0] += 1
                    # the event as written, every attribute and nested one in its order: what makes a row the same
                    if not repeats.fresh(etree.tostring(el, with_tail=False), counter[0], el.sourceline):
                        el.clear()
                        continue
                    try:
                        event = _event_fields(el, keys, counter[0], source, stamps, offsets)
                    except InputError as err:
                        raise located(err, source, b"event", counter[0]) from None
                    seen["resource"] = seen["resource"] or bool(event[3])
                    seen["element"] = seen["element"] or bool(event[4])
                    pending.append(event)
                    el.clear()
                elif el.tag in _TRACE:
                    stats["traces"] += 1
                    try:
                        case = _case_id(el, keys, source, stats["traces"])
                    except InputError as err:
                        raise located(err, source, b"trace", stats["traces"]) from None
                    # a trace written twice under one case id (its events the same): dropped whole
                    if repeats.trace_fresh(case, stats["traces"], el.sourceline):
                        yield from _trace_records(case, pending, stats, order)
                    pending = []
                    repeats.forget()
                    _drop(el, source, stats["traces"])
        try:
            root = parser.close()
        except etree.XMLSyntaxError as err:
            raise _syntax(err, source, True, opened, last_line) from None
        if root is not None and root.tag not in _LOG:
            raise _not_a_log(root, source)
    finally:
        fh.close()
    for role, found in seen.items():
        if not found:  # the mapping names only what the log has (a CSV's columns are known from its header)
            mapping[role] = None
    said = offsets_note(offsets)
    if said:
        notes.append(f"timestamps read as ISO 8601; {said}")
    # the notes' lines, as an error's: the file is read again for a first dropped event or trace past 65535
    repeats.first_line = _true_line(repeats.first_line, source, b"event", repeats.first)
    if repeats.first_trace is not None:
        number, case, line = repeats.first_trace
        repeats.first_trace = (number, case, _true_line(line, source, b"trace", number))
    for dropped in (repeats.note(), repeats.trace_note()):
        if dropped is not None:
            notes.append(dropped)
    if pending:
        notes.append(f"{counted(len(pending), 'event')} outside any <trace> {'was' if len(pending) == 1 else 'were'} left out")
    if stats["other"]:
        notes.append(f"{counted(stats['other'], 'event')} with other lifecycle transitions (schedule, assign, ...) left out")
    if stats["open"]:
        n, first = stats["open"], stats["first_open"]
        notes.append(f"{counted(n, 'start event')} without a matching complete (the first: event {first}): read as "
                     "activities still in progress when the log was exported, each fitted as longer than it had run "
                     f"by then (right-censored); på svenska: {counted(n, 'starthändelse', 'starthändelser')} utan "
                     f"matchande complete (den första: händelse {first}) läses som aktiviteter som pågick när loggen "
                     "exporterades")
    back = order.note("event", "activity instance")
    if back:
        notes.append(back)


def _drop(trace: etree._Element, source: str, number: int) -> None:
    """Free a finished trace (the ``number``-th) and everything before it (the parser keeps building the
    tree)."""
    root = trace.getparent()
    if root is not None and root.tag not in _LOG:
        if root.getparent() is None:
            raise _not_a_log(root, source)
        wrapper = etree.QName(root).localname
        raise InputError(f"not an XES log: trace {number} is inside <{wrapper}> (expected each <trace> "
                         "directly in <log>)", file=source,
                         line=_true_line(trace.sourceline, source, b"trace", number))
    trace.clear()
    if root is not None:
        while trace.getprevious() is not None:
            del root[0]


def _not_a_log(root: etree._Element, source: str) -> InputError:
    """The refusal of a document whose root is not ``<log>``, at the line of the root's start tag: the first
    of its name in the file (a comment before it that writes one would be taken for it). A BPMN model, a
    Petri net or a web page is said as what it is."""
    qn = etree.QName(root)
    line = _true_line(root.sourceline, source, qn.localname.encode(), 1, always=True)
    kind = root_kind(qn.namespace, qn.localname)
    if kind is not None:
        return not_expected(kind, root.findtext(".//{*}title") or "", "xes", source, line)
    return InputError(f"not an XES log: the root element is <{_written(root)}> (expected <log>)", file=source,
                      line=line)


def _keyed(el: etree._Element, key: str) -> etree._Element | None:
    """``el``'s attribute of ``key`` as the file writes it (``<date key="time:timestamp" .../>``), or None."""
    return next((child for child in el if child.get("key") == key), None)


def _no(key: str, written: etree._Element | None) -> str:
    """What an event or trace lacks: "no time:timestamp", or its attribute that has no value (a tool that
    wrote the key and left the value out was said to have no attribute of that key at all; the line said is
    its)."""
    if written is None:
        return f"no {key}"
    return f"a {key} without a value, <{_written(written)} key=\"{key}\">"


def _timestamp(text: str | None, key: str, number: int, line: int | None, source: str,
               stamps: dict[str, tuple[float, float]], offsets: set[str],
               written: etree._Element | None = None) -> tuple[float, float]:
    """(wall-clock seconds, UTC seconds or nan without an offset) of an event's timestamp (``written``: its
    attribute element, where the event has one)."""
    if text is None:
        raise InputError(f"event {number} has {_no(key, written)} (expected <date key=\"{key}\" "
                         "value=\"2014-04-11T09:30:00+02:00\"/>)", file=source,
                         line=written.sourceline if written is not None else line)
    hit = stamps.get(text)
    if hit is not None:
        return hit
    try:
        if misread_by_python(text):  # "T13.05" would read as 13:00:00.05
            raise ValueError(text)
        when = dt.datetime.fromisoformat(text)
        if when.tzinfo is not None and len(offsets) < 3:
            offsets.add(offset_label(text, when))
        value = wall_seconds(when), instant_seconds(when)
    except ValueError:
        raise InputError(f"event {number}: {key} {text[:60]!r} is not an ISO 8601 date-time "
                         "(expected e.g. 2014-04-11T09:30:00+02:00)", file=source, line=line) from None
    if when.year not in LOG_YEARS:
        raise InputError(f"event {number}: {key} {text[:60]!r}: {outside_log_years(when)}", file=source,
                         line=line)
    if len(stamps) > 200_000:
        stamps.clear()
    stamps[text] = value
    return value


def _event_fields(el: etree._Element, keys: dict[str, str], number: int, source: str,
                  stamps: dict[str, tuple[float, float]], offsets: set[str]) -> tuple:
    found = {child.get("key"): child.get("value") for child in el}
    line = el.sourceline
    activity = found.get(keys["activity"])
    if not activity:
        written = _keyed(el, keys["activity"])
        raise InputError(f"event {number} has {_no(keys['activity'], written)} (the activity; give "
                         "--activity KEY for another attribute)", file=source,
                         line=written.sourceline if written is not None else line)
    key = keys["timestamp"]
    when = _timestamp(found.get(key), key, number, line, source, stamps, offsets,
                      _keyed(el, key) if found.get(key) is None else None)
    transition = (found.get("lifecycle:transition") or "complete").lower()
    return (activity, transition, when[0], found.get(keys["resource"]) or "", found.get(keys["element"]) or "", number,
            when[1])


def _case_id(trace: etree._Element, keys: dict[str, str], source: str, number: int) -> str:
    """The case id of ``trace`` (the ``number``-th), its attribute ``keys["case"]``."""
    written = next((child for child in trace if child.tag not in _EVENT and child.get("key") == keys["case"]),
                   None)
    if written is not None and written.get("value"):
        return str(written.get("value"))
    raise InputError(f"trace {number} has {_no(keys['case'], written)} (the case id; give --case KEY for "
                     "another trace attribute)", file=source,
                     line=written.sourceline if written is not None else trace.sourceline)


def _trace_records(case: str, events: list[tuple], stats: dict[str, int], order: FileOrder) -> Iterator[LogRecord]:
    # by time (the instant when every event gives its offset: October's repeated hour); stable, so file order
    # breaks ties
    by_instant = all(e[6] == e[6] for e in events)
    events.sort(key=(lambda e: e[6]) if by_instant else (lambda e: e[2]))
    starts: dict[str, deque[tuple[float, float, int, str, str]]] = {}
    out = []
    listed = []  # where each instance's first event is in the file (its file order, for the note on order)
    for activity, transition, when, resource, element, number, at in events:
        if transition == "start":
            starts.setdefault(activity, deque()).append((when, at, number, resource, element))
        elif transition == "complete":
            opened = starts.get(activity)
            began, start_at, opened_at = opened.popleft()[:3] if opened else (_NAN, _NAN, number)
            if began > when and start_at <= at:  # 02:50+02:00 to 02:10+01:00: 20 minutes, as they passed
                began = when - (at - start_at)
            out.append(LogRecord(case, activity, began, when, resource, element, number, at, start_at))
            listed.append(min(opened_at, number))
        else:
            stats["other"] += 1
    # a start no complete follows: an activity still in progress when the log was exported (end nan), fitted as
    # right-censored like a CSV row with a start and no end; it has no completion to be ordered by
    running = sorted((LogRecord(case, activity, began, _NAN, resource, element, number, _NAN, start_at)
                      for activity, opened in starts.items()
                      for began, start_at, number, resource, element in opened), key=lambda r: r.where)
    if running:
        stats["open"] += len(running)
        stats["first_open"] = stats.get("first_open") or running[0].where
    for first_event, rec in sorted(zip(listed, out, strict=True), key=lambda pair: pair[0]):
        order.seen(rec._replace(where=first_event))
    order.forget(case)
    out.sort(key=(lambda r: (r.at, r.where)) if by_instant else (lambda r: (r.end, r.where)))
    yield from out
    yield from running
