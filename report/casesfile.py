"""``cases.csv`` of a results folder: its header and rows (one per simulated case), the CSV writer it
shares with ``summary.csv``, and the rows of each scenario's first sweep point as the file would read
back, made from the batch without the file (the rows the report's plots draw).

Its own module: the file's rows are made apart from the summary (on a worker, :mod:`report.results`),
and its first points' rows early, while a run's other units run (:mod:`report.build`).
"""

from __future__ import annotations

import csv
import io
import math
import operator
from collections.abc import Iterable, Iterator
from typing import Any

from processes.textsafe import csv_cell, csv_row
from scenarios.batch import BatchResults, PointResults
from scenarios.execute import CASE_COLUMNS

__all__ = ["PointCases", "PLOTTED_CASE_COLUMNS", "FirstCases", "first_point_cases", "first_cases",
           "CASE_HEADER", "case_rows", "cases_csv_bytes", "csv_bytes", "point_cases"]


def csv_bytes(header: Iterable[str], rows: Iterable[Iterable[Any]], *, delimiter: str = ",",
              decimal: str = ".", bom: bool = False) -> bytes:
    """A CSV file's bytes (UTF-8); ``delimiter`` between cells, ``decimal`` the decimal mark of a float cell
    (each float as ``repr`` writes it), ``bom``: a byte-order mark first, by which Excel reads it as UTF-8."""
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(csv_row(header))
    for row in rows:  # cells a spreadsheet would run as formulas get a leading ' (OWASP)
        cells = csv_row("" if isinstance(v, float) and math.isnan(v) else v for v in row)
        if decimal != ".":  # after csv_row: a number is no formula, whatever sign it has
            cells = [repr(v).replace(".", decimal) if isinstance(v, float) else v for v in cells]
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")


CASE_HEADER = ("scenario", "point", "replication", *CASE_COLUMNS)


#: each point's case rows with its scenario's name and its label: cases.csv's rows, not yet written out
PointCases = list[tuple[str, str, tuple[tuple[Any, ...], ...]]]


def case_rows(batch: BatchResults) -> Iterator[list[Any]]:
    return ([p.scenario.name, p.summary.label, *row] for p in batch.points for row in p.cases)


def point_cases(batch: BatchResults) -> PointCases:
    return [(p.scenario.name, p.summary.label, p.cases) for p in batch.points]


def cases_csv_bytes(points: PointCases) -> bytes:
    """cases.csv's bytes for the rows of :func:`point_cases` (those of :func:`case_rows`)."""
    return csv_bytes(CASE_HEADER,
                     ([scenario, label, *row] for scenario, label, rows in points for row in rows))


#: characters after which ``cases.csv`` as read (:func:`report.summarycheck.read_cases_file` splits
#: the text into lines) may not give back the text written: line breaks of any kind, NUL
_NOT_ROUND_TRIP = frozenset("\n\r\x00\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _cell_as_read(value: Any) -> str:
    """One cell of a case row as ``cases.csv`` read back gives it: :func:`csv_bytes`'s rules (NaN empty,
    formula text quoted), then the csv module's (``None`` empty, a float by ``repr``, others by ``str``)."""
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    if value is None:
        return ""
    value = csv_cell(value)
    return value if isinstance(value, str) else str(value)


#: the columns of ``cases.csv`` the report's plots read (report.plots)
PLOTTED_CASE_COLUMNS = ("scenario", "point", "process", "warmup", "submission_to_decision_days",
                        "complete_to_decision_days", "within_deadline")


def _same_rows(a: PointResults, b: PointResults) -> bool:
    """``a`` and ``b`` give the same rows to :func:`first_point_cases`: the same names and the same row objects."""
    return (a.scenario.name == b.scenario.name and a.summary.label == b.summary.label
            and len(a.cases) == len(b.cases) and all(map(operator.is_, a.cases, b.cases)))


#: the rows of :func:`first_point_cases` and the points they are of (:func:`first_cases`)
FirstCases = tuple[tuple[PointResults, ...], list[dict[str, str]]]


def first_point_cases(batch: BatchResults, *, known: FirstCases | None = None) -> list[dict[str, str]] | None:
    """The rows of ``cases.csv`` as :func:`report.summarycheck.read_cases_file` gives them back, of
    each scenario's first sweep point with cases (the rows the report's plots draw; their order kept),
    with the columns the plots read (:data:`PLOTTED_CASE_COLUMNS`), made from ``batch`` without the
    file; ``None`` when any text of the file holds a character that might not come back the same
    (a line break of any kind, NUL): then read the file. ``known``: as :func:`first_cases`."""
    found = first_cases(batch, known=known)
    return None if found is None else found[1]


def first_cases(batch: BatchResults, *, known: FirstCases | None = None) -> FirstCases | None:
    """:func:`first_point_cases` with the points its rows are of. ``known``: what an earlier call
    gave (for a run's first points, while its other units ran): when its points have the same
    scenario names, labels and the very same case rows (the same objects, tuples: the same
    cells), its rows are taken as they are."""
    width = len(CASE_HEADER) - 2  # a row of a point: replication, *CASE_COLUMNS
    if any(len(row) != width for p in batch.points for row in p.cases):
        return None
    texts = {v for p in batch.points for row in p.cases for v in row if v.__class__ is str}
    texts.update(name for p in batch.points for name in (p.scenario.name, p.summary.label))
    if any(not _NOT_ROUND_TRIP.isdisjoint(text) for text in texts):
        return None
    first: dict[str, str] = {}
    chosen: list[tuple[PointResults, str, str]] = []
    cell = _cell_as_read
    for p in batch.points:
        if not p.cases:
            continue
        scenario, point = cell(p.scenario.name), cell(p.summary.label)
        if first.setdefault(scenario, point) == point:
            chosen.append((p, scenario, point))
    points = tuple(p for p, _scenario, _point in chosen)
    if known is not None and len(known[0]) == len(points) and all(map(_same_rows, known[0], points)):
        return known
    at = [CASE_HEADER.index(name) - 2 for name in PLOTTED_CASE_COLUMNS[2:]]
    rows: list[dict[str, str]] = []
    for p, scenario, point in chosen:
        rows += [{"scenario": scenario, "point": point, "process": cell(row[at[0]]), "warmup": cell(row[at[1]]),
                  "submission_to_decision_days": cell(row[at[2]]),
                  "complete_to_decision_days": cell(row[at[3]]), "within_deadline": cell(row[at[4]])}
                 for row in p.cases]
    return points, rows
