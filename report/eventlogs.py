"""One event log for a whole batch, from the per-replication logs of :mod:`simulator.eventlog`.

Every work unit that asks for an event log returns, per process, the CSV text of
:func:`simulator.eventlog.to_csv` and the XES document of
:func:`simulator.eventlog.to_xes`. A results folder holds one ``eventlog.csv`` and
one ``eventlog.xes`` for the batch, so each case needs an id that is unique
across scenarios, sweep points, replications and processes::

    <scenario>|<point>|r<replication>|<process>|<case>

CSV: the columns of :func:`~simulator.eventlog.to_csv` (``case_id, activity,
element, resource, enable, start, end``) with that ``case_id``, preceded by
``scenario, point, replication, process, case`` (the case number within its run).
XES: the traces of every log under one ``<log>``, each named by that id and
carrying ``permitflow:scenario``, ``permitflow:point``, ``permitflow:replication``
and ``permitflow:process``. Pure: the same entries give the same bytes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from lxml import etree

from processes.textsafe import csv_row

__all__ = ["LogEntry", "case_id", "merged_csv", "merged_xes"]

#: (scenario, point label, replication, process, CSV text, XES bytes)
LogEntry = tuple[str, str, int, str, str, bytes]

_XES = "{http://www.xes-standard.org/}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)


def case_id(scenario: str, point: str, replication: int, process: str, case: str) -> str:
    """The batch-wide id of case ``case`` of ``process`` in one replication."""
    return f"{scenario}|{point}|r{replication}|{process}|{case}"


def merged_csv(entries: Iterable[LogEntry]) -> bytes:
    """One CSV event log (UTF-8) from the entries' ``to_csv`` texts."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header_written = False
    for scenario, point, replication, process, text, _xes in entries:
        reader = csv.reader(io.StringIO(text))
        header = next(reader, None)
        if header is None:
            continue
        if not header_written:
            writer.writerow(csv_row(["scenario", "point", "replication", "process", "case", *header]))
            header_written = True
        for row in reader:
            case = row[0]
            writer.writerow(csv_row([scenario, point, replication, process, case,
                                     case_id(scenario, point, replication, process, case), *row[1:]]))
    return out.getvalue().encode("utf-8")


def merged_xes(entries: Sequence[LogEntry]) -> bytes:
    """One XES 2.0 document with every entry's traces, renamed to batch-wide ids."""
    merged = None
    for scenario, point, replication, process, _text, xes in entries:
        log = etree.fromstring(xes, _PARSER)
        if merged is None:
            merged = etree.Element(log.tag, dict(log.attrib), nsmap=log.nsmap)
            for child in list(log):  # appending moves the element out of log
                if child.tag != f"{_XES}trace":
                    merged.append(child)
        for trace in log.findall(f"{_XES}trace"):
            name = trace.find(f"{_XES}string[@key='concept:name']")
            case = name.get("value", "") if name is not None else ""
            if name is not None:
                name.set("value", case_id(scenario, point, replication, process, case))
            position = list(trace).index(name) + 1 if name is not None else 0
            for key, value in (("permitflow:scenario", scenario), ("permitflow:point", point),
                               ("permitflow:replication", str(replication)), ("permitflow:process", process),
                               ("permitflow:case", case)):
                attribute = etree.Element(f"{_XES}string", {"key": key, "value": value})
                trace.insert(position, attribute)
                position += 1
            merged.append(trace)
    if merged is None:
        return b""
    return etree.tostring(merged, xml_declaration=True, encoding="UTF-8", pretty_print=True)
