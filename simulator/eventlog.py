"""Records -> event logs for process-mining tools: CSV text and XES 2.0 XML.

Pure functions of a :class:`simulator.records.SimResult` (its activity records;
run with ``keep_records=True``). Simulation hours become local date-times from
``start`` (``SimParams.start``, 00:00).

CSV: one row per activity execution, columns ``case_id, activity, element,
resource, enable, start, end`` (ISO 8601 date-times, seconds).

XES: one trace per case (``concept:name`` = case id), two events per activity
execution with ``lifecycle:transition`` ``start`` and ``complete``,
``concept:name`` (the activity's name, or its id if unnamed),
``org:resource`` (the person when the pool names its people, else the pool),
``time:timestamp`` (ISO 8601 with offset ``+00:00``: the
simulation has no time zone, so local times are written as UTC) and
``permitflow:element`` (the BPMN element id).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from processes.textsafe import csv_row
from simulator.records import ActivityRecord, SimResult

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["to_csv", "to_xes"]

_XES_NS = "http://www.xes-standard.org/"


def _when(start: dt.date, hours: float) -> dt.datetime:
    return dt.datetime.combine(start, dt.time()) + dt.timedelta(hours=hours)


def _iso(start: dt.date, hours: float) -> str:
    return _when(start, hours).replace(microsecond=0).isoformat()


def _sub(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    # lxml only when an event log is written (after the first call, found in sys.modules)
    from lxml.etree import SubElement

    return SubElement(parent, f"{{{_XES_NS}}}{tag}", attrs or {})


def _label(a: ActivityRecord) -> str:
    return a.name or a.element


def _ordered(result: SimResult) -> Iterable[ActivityRecord]:
    return sorted(result.activities, key=lambda a: (a.case, a.start, a.end, a.element))


def to_csv(result: SimResult, start: dt.date) -> str:
    """The activity records of ``result`` as CSV text (a header and one row each).

    >>> from simulator.records import SimResult, ActivityRecord
    >>> r = SimResult(None, 10.0, activities=(ActivityRecord(0, "T", "Granska", "officer", 1.0, 2.0, 3.5),))
    >>> print(to_csv(r, dt.date(2025, 1, 1)).splitlines()[1])
    0,Granska,T,officer,2025-01-01T01:00:00,2025-01-01T02:00:00,2025-01-01T03:30:00
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["case_id", "activity", "element", "resource", "enable", "start", "end"])
    for a in _ordered(result):
        writer.writerow(csv_row([a.case, _label(a), a.element, a.member or a.resource,  # no formulas for spreadsheets
                                 _iso(start, a.enable), _iso(start, a.start), _iso(start, a.end)]))
    return out.getvalue()


def to_xes(result: SimResult, start: dt.date) -> bytes:
    """The activity records of ``result`` as an XES 2.0 document (UTF-8 bytes)."""
    from lxml import etree

    log = etree.Element(f"{{{_XES_NS}}}log", {"xes.version": "2.0", "xes.features": "nested-attributes"},
                        nsmap={None: _XES_NS})
    for name, prefix, uri in (
        ("Concept", "concept", "http://www.xes-standard.org/concept.xesext"),
        ("Lifecycle", "lifecycle", "http://www.xes-standard.org/lifecycle.xesext"),
        ("Organizational", "org", "http://www.xes-standard.org/org.xesext"),
        ("Time", "time", "http://www.xes-standard.org/time.xesext"),
    ):
        _sub(log, "extension", {"name": name, "prefix": prefix, "uri": uri})
    for scope, keys in (("trace", ("concept:name",)), ("event", ("concept:name", "lifecycle:transition", "org:resource"))):
        glob = _sub(log, "global", {"scope": scope})
        for key in keys:
            _sub(glob, "string", {"key": key, "value": "UNKNOWN"})
    traces: dict[int, etree._Element] = {}
    for a in _ordered(result):
        trace = traces.get(a.case)
        if trace is None:
            trace = traces[a.case] = _sub(log, "trace")
            _sub(trace, "string", {"key": "concept:name", "value": str(a.case)})
        for transition, hours in (("start", a.start), ("complete", a.end)):
            event = _sub(trace, "event")
            _sub(event, "string", {"key": "concept:name", "value": _label(a)})
            _sub(event, "string", {"key": "lifecycle:transition", "value": transition})
            _sub(event, "string", {"key": "org:resource", "value": a.member or a.resource or "none"})
            _sub(event, "string", {"key": "permitflow:element", "value": a.element})
            _sub(event, "date", {"key": "time:timestamp",
                                             "value": _when(start, hours).isoformat(timespec="milliseconds") + "+00:00"})
    return etree.tostring(log, xml_declaration=True, encoding="UTF-8", pretty_print=True)
