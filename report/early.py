"""A run's result files in parts, made while its other work units still run.

``summary.json``, ``summary.csv`` and ``cases.csv`` are, point by point, the same text
whatever else the run holds: a point's entry in ``summary.json`` (:func:`report.results.point_entry`)
at its place in the document, its rows of each CSV file. :class:`EarlyParts` makes them for each
scenario point as soon as the point is final (its units back, its comparison with its baseline
made: :class:`scenarios.batch.Assembly`'s ``final``), in the run's own process while the
workers simulate, so that after the last unit :func:`report.build.write_run` only joins them.

The parts are used only where the run's results hold the very point they were made from (the
same summary and comparison objects, equal case rows), every point has its part, and the
document holds the very entries made here; otherwise nothing of them is used and the files
are made as without them. Either way the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from processes.frozenclass import frozen_dataclass
from report.jsontext import json_part, json_text
from report.results import (
    CASE_HEADER,
    SUMMARY_COLUMNS,
    case_lines,
    csv_lines,
    point_entry,
    summary_point_lines,
)
from scenarios.batch import BatchResults, PointResults

__all__ = ["EarlyParts", "POINT_LEVEL"]

#: the depth of a point's entry in summary.json's document: doc, "scenarios", a scenario, "points", the entry
POINT_LEVEL = 4


@frozen_dataclass
class _Part:
    """One final point and its parts of the three files."""

    point: PointResults
    entry: dict[str, Any]
    text: str | None  # the entry's text at POINT_LEVEL (None: json.dumps decides, at the end)
    read_back: Any  # json.loads of ``text``: the entry as reading summary.json gives it back
    summary_lines: bytes
    case_lines: bytes


class EarlyParts:
    """Each final scenario point's parts of ``summary.json``, ``summary.csv`` and ``cases.csv``
    (:meth:`point`), and the files joined from them (:meth:`files`) when they are the run's."""

    def __init__(self) -> None:
        self._parts: dict[tuple[str, int], _Part] = {}

    def point(self, point: PointResults) -> None:
        """``point`` is final (with its comparison, as the run's results will hold it): make its parts."""
        entry = point_entry(point)
        text = json_part(entry, POINT_LEVEL)
        scenario = point.scenario
        self._parts[(scenario.name, point.index)] = _Part(
            point=point, entry=entry, text=text, read_back=json.loads(text) if text is not None else None,
            summary_lines=summary_point_lines(scenario.name, scenario.baseline, entry),
            case_lines=case_lines(point),
        )

    def _matching(self, batch: BatchResults) -> list[_Part] | None:
        """The part of every point of ``batch`` in its order, each made from that very point; else ``None``."""
        found = []
        for p in batch.points:
            part = self._parts.get((p.scenario.name, p.index))
            if part is None:
                return None
            made = part.point
            if not (made.scenario is p.scenario and made.summary is p.summary and made.comparison is p.comparison
                    and made.cases == p.cases and made.eventlogs == p.eventlogs):
                return None
            found.append(part)
        return found

    def entries(self, batch: BatchResults) -> dict[tuple[str, int], dict[str, Any]] | None:
        """The entries made here for :func:`report.results.results_document` (``entries=``), or
        ``None`` when they are not all ``batch``'s."""
        parts = self._matching(batch)
        if parts is None:
            return None
        return {(part.point.scenario.name, part.point.index): part.entry for part in parts}

    def files(self, batch: BatchResults, doc: dict[str, Any]) -> tuple[dict[str, bytes], Any] | None:
        """``summary.json``, ``summary.csv`` and ``cases.csv`` of ``batch`` and its document ``doc``
        (made with :meth:`entries`), and ``summary.json`` as reading it gives it back; ``None``:
        not from these parts (make them as without them)."""
        parts = self._matching(batch)
        if parts is None:
            return None
        by_id = {id(part.entry): part for part in parts}
        placed = [[by_id.get(id(entry)) for entry in s["points"]] for s in doc["scenarios"]]
        if sum(len(row) for row in placed) != len(parts) or any(
                part is None or part.text is None for row in placed for part in row):
            return None
        known = {id(part.entry): (POINT_LEVEL, part.text) for row in placed for part in row if part is not None
                 and part.text is not None}
        text = json_text(doc, known)
        # what reading the file back gives: the document without its points' entries, then each
        # entry as read back from its own text (a JSON object reads the same wherever it stands)
        bare = {**doc, "scenarios": [{**s, "points": []} for s in doc["scenarios"]]}
        read_back = json.loads(json_text(bare))
        for s, row in zip(read_back["scenarios"], placed, strict=True):
            s["points"] = [part.read_back for part in row if part is not None]
        for part in parts:  # each read-back entry is handed out once
            del self._parts[(part.point.scenario.name, part.point.index)]
        files = {
            "summary.json": (text + "\n").encode("utf-8"),
            "summary.csv": csv_lines((SUMMARY_COLUMNS,)) + b"".join(part.summary_lines for row in placed
                                                                  for part in row if part is not None),
            "cases.csv": csv_lines((CASE_HEADER,)) + b"".join(part.case_lines for part in parts),
        }
        return files, read_back
