"""``permitflow log inspect``: what a case log holds, computed in one pass over its records.

Memory grows with the number of cases, activities and resources, never with
the number of events, so a log of millions of events is summarised as it
streams by.

>>> from bpmn_io.caselog import LogRecord
>>> rows = [LogRecord("a", "Registrera", float("nan"), 0.0, "r1", "", 2),
...         LogRecord("a", "Besluta", float("nan"), 86400.0 * 10, "r2", "", 3)]
>>> s = summarise(rows, source="x.csv")
>>> s.cases, s.events, s.throughput_days["p50"]
(1, 2, 10.0)
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from bpmn_io.caselog import LogRecord, from_seconds
from processes.numbers import number
from processes.wording import counted

__all__ = ["LogSummary", "summarise", "summary_text", "summary_data", "PERCENTILES"]

PERCENTILES = (10, 25, 50, 75, 90, 95)
_DAY = 86400.0


@dataclass(frozen=True, slots=True)
class LogSummary:
    """Counts and times of a case log (``throughput_days``: case first to last event, in days)."""

    source: str
    events: int
    cases: int
    first: dt.datetime
    last: dt.datetime
    activities: tuple[tuple[str, int], ...]
    resources: tuple[tuple[str, int], ...]
    arrivals_per_month: tuple[tuple[str, int], ...]
    throughput_days: dict[str, float]
    with_start: int
    notes: tuple[str, ...] = ()
    #: cases that arrived less than the median throughput time before the log's last event (open at an export?)
    recent_cases: int = 0
    #: cases of one event (their throughput time is 0)
    one_event_cases: int = 0
    #: activities started and not ended at the export (not among ``events``)
    in_progress: int = 0
    #: cases known only by such activities: arrivals (in ``arrivals_per_month``), not among ``cases``
    in_progress_cases: int = 0

    @property
    def completion_only(self) -> bool:
        return self.with_start == 0


def summarise(records: Iterable[LogRecord], *, source: str, notes: Iterable[str] = ()) -> LogSummary:
    """One pass over ``records``: the figures of ``permitflow log inspect``."""
    acts: Counter[str] = Counter()
    res: Counter[str] = Counter()
    span: dict[str, list[float]] = {}
    events = with_start = running = 0
    late = -np.inf  # the latest start of an activity still in progress: an event of the log too
    began: dict[str, float] = {}  # each case's first start of an activity still in progress
    for rec in records:
        if rec.end != rec.end:  # started and not ended at the export: no completed event (the reader's note says so)
            running += 1
            late = max(late, rec.start)
            began[rec.case] = min(began.get(rec.case, rec.start), rec.start)
            continue
        events += 1
        acts[rec.activity] += 1
        if rec.resource:
            res[rec.resource] += 1
        begin = rec.end
        if rec.start == rec.start:  # not nan
            with_start += 1
            begin = min(begin, rec.start)
        seen = span.get(rec.case)
        if seen is None:
            span[rec.case] = [begin, rec.end, 1]
        else:
            seen[2] += 1
            if begin < seen[0]:
                seen[0] = begin
            if rec.end > seen[1]:
                seen[1] = rec.end
    if not events:
        from processes.errors import InputError

        raise InputError("the log has no events (expected at least one case with a completed activity)",
                         file=source)
    firsts = np.fromiter((v[0] for v in span.values()), float, len(span))
    lasts = np.fromiter((v[1] for v in span.values()), float, len(span))
    # a case arrives at its first row, one still in progress included, and a case known only by such rows is an
    # arrival too, as calibrate's arrival rate and --validate's split count it (bpmn_io.caselog.LogTable.arrivals)
    arrived = [min(v[0], began.get(c, v[0])) for c, v in span.items()] + [t for c, t in began.items() if c not in span]
    # not strftime("%Y-%m"): it writes the year 1 as "1-01", which the month grid could not read (a traceback)
    months: Counter[str] = Counter(f"{d.year:04d}-{d.month:02d}" for d in map(from_seconds, arrived))
    days = (lasts - firsts) / _DAY
    through = {f"p{p}": float(np.percentile(days, p)) for p in PERCENTILES}
    through["mean"] = float(days.mean())
    recent = int(np.count_nonzero(firsts > lasts.max() - through["p50"] * _DAY)) if through["p50"] > 0 else 0
    return LogSummary(
        source=source,
        events=events,
        cases=len(span),
        first=from_seconds(float(firsts.min())),
        last=from_seconds(max(float(lasts.max()), late)),
        activities=tuple(sorted(acts.items(), key=lambda kv: (-kv[1], kv[0]))),
        resources=tuple(sorted(res.items(), key=lambda kv: (-kv[1], kv[0]))),
        arrivals_per_month=tuple(sorted(months.items())),
        throughput_days=through,
        with_start=with_start,
        notes=tuple(notes),
        recent_cases=recent,
        one_event_cases=sum(1 for v in span.values() if v[2] == 1),
        in_progress=running,
        in_progress_cases=len(arrived) - len(span),
    )


def _start_line(s: LogSummary) -> str:
    if s.completion_only:
        return ("completion times only (no start times): calibrate and discover estimate each start from the "
                "case's previous event and the resource's previous completion")
    if s.with_start < s.events:
        return (f"start times for {number(s.with_start, 'en')} of {number(s.events, 'en')} activity "
                "instances; the others are estimated")
    return "start and completion times for every activity instance"


def summary_data(s: LogSummary, mapping: dict[str, Any] | None = None) -> dict[str, Any]:
    """The summary as plain data (``--format json``)."""
    return {
        "log": s.source,
        "columns": mapping or {},
        "events": s.events,
        "cases": s.cases,
        "period": {"first": s.first.isoformat(), "last": s.last.isoformat()},
        "start_times": "none" if s.completion_only else ("all" if s.with_start == s.events else "some"),
        "activities": [{"name": n, "count": c} for n, c in s.activities],
        "resources": [{"name": n, "count": c} for n, c in s.resources],
        "arrivals_per_month": dict(s.arrivals_per_month),
        "throughput_days": {k: round(v, 3) for k, v in s.throughput_days.items()},
        "recent_cases": s.recent_cases,
        "one_event_cases": s.one_event_cases,
        "in_progress": s.in_progress,
        "in_progress_cases": s.in_progress_cases,
        "notes": list(s.notes),
    }


def summary_text(s: LogSummary, mapping_line: str = "", *, top: int = 25) -> str:
    """The summary for a person: counts, period, the busiest activities and resources."""
    lines = [f"log: {s.source}"]
    if mapping_line:
        lines.append(mapping_line)
    lines += [
        # thousands grouped as the text's English writes them (found by QA, qawords: "25051 events")
        f"{counted(s.cases, 'case', lang='en')}, {counted(s.events, 'event', lang='en')}, "
        f"{counted(len(s.activities), 'activity', 'activities', lang='en')}, "
        f"{counted(len(s.resources), 'resource', lang='en')}"
        + (f"; {counted(s.in_progress, 'activity', 'activities', lang='en')} started and still in progress at the "
           "export" if s.in_progress else ""),
        # not %Y: it writes the year 1 as '1'
        f"period: {s.first.isoformat(' ', 'minutes')} to {s.last.isoformat(' ', 'minutes')}",
        _start_line(s),
    ]
    t = s.throughput_days
    lines.append("throughput time (first to last event of a case), days: "
                 + ", ".join(f"{k} {number(t[k], 'en', 1)}" for k in [f"p{p}" for p in PERCENTILES] + ["mean"]))
    if s.recent_cases:
        lines.append(f"  {counted(s.recent_cases, 'case', lang='en')} arrived less than the median "
                     f"({number(t['p50'], 'en', 1)} days) before the log's last event ({s.last:%Y-%m-%d}): those still "
                     "open when the log was exported count with their time so far")
    if s.one_event_cases:
        lines.append(f"  {counted(s.one_event_cases, 'case', lang='en')} of one event: "
                     f"{'its' if s.one_event_cases == 1 else 'their'} throughput time is 0 days")
    lines.append("arrivals per month (cases by their first event"
                 + (f"; {counted(s.in_progress_cases, 'case', lang='en')} known only by activities still in progress "
                    "at the export counted at their first one's start" if s.in_progress_cases else "") + "):")
    lines += _month_grid(s.arrivals_per_month)
    shown = s.activities[:top]
    lines.append(f"activities ({len(s.activities)}, by count" + (f"; top {top}" if len(s.activities) > top else "")
                 + "):")
    width = max((len(n) for n, _ in shown), default=0)
    lines += [f"  {number(c, 'en'):>8}  {n}" if width > 60 else f"  {n:<{width}}  {number(c, 'en'):>8}"
              for n, c in shown]
    if s.resources:
        shown_r = s.resources[:top]
        lines.append(f"resources ({len(s.resources)}, by events" + (f"; top {top}" if len(s.resources) > top else "")
                     + "):")
        lines += [f"  {n:<20}  {number(c, 'en'):>8}" for n, c in shown_r]
    else:
        lines.append("resources: none in the log")
    lines += [f"note: {n}" for n in s.notes]
    return "\n".join(lines)


def _month_grid(months: tuple[tuple[str, int], ...]) -> list[str]:
    by_year: dict[str, dict[int, int]] = {}
    for key, count in months:
        by_year.setdefault(key[:4], {})[int(key[5:7])] = count
    out = ["  year " + "".join(f"{m:>5}" for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                                   "Oct", "Nov", "Dec")) + "  total"]
    for year in sorted(by_year):
        row = by_year[year]
        out.append(f"  {year} " + "".join(f"{row.get(m, 0):>5}" for m in range(1, 13)) + f"  {sum(row.values()):>5}")
    return out
