"""What the log shows about each model element: its rows, when each was enabled and started.

The model tells which earlier steps enable a step: its **mapped predecessors**, the
mapped elements from which it is reached through unmapped nodes only (gateways,
events the log does not record). A row's *enabled* time is the latest completion in
its case of one of those (falling back on the case's previous row); a completion-only
log gets its start times from :func:`calibrate.starttimes.estimate_starts` with these
enabled times.

What the log saw only in part (waits cut off by a timer or open at the export, work in progress) is
:mod:`calibrate.censoredwaits`, over what this module observes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import numpy as np

from bpmn_io.caselog import LogTable, from_seconds
from calibrate.endings import case_endings, ended_cases
from calibrate.mapping import ActivityMapping
from calibrate.starttimes import Starts, estimate_starts, previous_in_case
from processes.graph import flow_graph
from processes.model import Process

__all__ = ["Observed", "observe", "mapped_neighbours", "through_unmapped", "released", "HOUR", "case_endings",
           "ended_cases"]

HOUR = 3600.0


def through_unmapped(graph: nx.DiGraph, sources: Iterable[str], mapped: set[str], *, reverse: bool = False,
                     blocked: frozenset[str] = frozenset()) -> set[str]:
    """Mapped nodes reached from ``sources`` (not included) through unmapped nodes only, avoiding ``blocked``."""
    step = graph.predecessors if reverse else graph.successors
    seen: set[str] = set()
    found: set[str] = set()
    todo = [n for s in sources for n in step(s)]
    while todo:
        node = todo.pop()
        if node in seen or node in blocked:
            continue
        seen.add(node)
        if node in mapped:
            found.add(node)
        else:
            todo.extend(step(node))
    return found


def mapped_neighbours(graph: nx.DiGraph, mapped: set[str]) -> dict[str, set[str]]:
    """Each mapped element's mapped predecessors (see the module doc)."""
    return {e: through_unmapped(graph, [e], mapped, reverse=True) for e in mapped if e in graph}


@dataclass(frozen=True, slots=True)
class Observed:
    """The log table seen through the model: per row its element, enabled and start time.

    ``element`` is the row's index into ``elements`` (-1: unmapped); times are wall-clock
    seconds; ``origin`` is 00:00 of the log's first day (simulation hour 0 of a profile
    written from it).
    """

    table: LogTable
    elements: tuple[str, ...]
    element: np.ndarray
    enabled: np.ndarray
    starts: Starts
    graph: nx.DiGraph
    origin: float

    def rows(self, element_id: str) -> np.ndarray:
        """Indices of the rows of ``element_id``."""
        if element_id not in self.elements:
            return np.zeros(0, np.int64)
        return np.flatnonzero(self.element == self.elements.index(element_id))

    def hours(self, seconds: np.ndarray) -> np.ndarray:
        """Wall-clock seconds as hours since ``origin``."""
        return (np.asarray(seconds, float) - self.origin) / HOUR

    @property
    def origin_date(self) -> dt.date:
        return from_seconds(self.origin).date()

    def counts(self) -> np.ndarray:
        """Rows per case and element: an (n_cases, n_elements) matrix."""
        out = np.zeros((self.table.n_cases, len(self.elements)), np.int64)
        ok = self.element >= 0
        np.add.at(out, (self.table.case[ok], self.element[ok]), 1)
        return out


def observe(process: Process, table: LogTable, mapping: ActivityMapping) -> Observed:
    """Attach the model to the log: elements, enabled times (model-aware), start times."""
    elements = tuple(sorted({e for e in mapping.element.values() if e}))
    index = {e: i for i, e in enumerate(elements)}
    element = mapping.codes(table, index)
    graph = flow_graph(process).to_networkx()  # calibration asks networkx for more than the flow graph offers
    preds = mapped_neighbours(graph, set(elements))
    pred_codes = [np.array(sorted(index[p] for p in preds.get(e, ())), np.int64) for e in elements]
    enabled = previous_in_case(table)
    bounds = table.case_bounds()
    last = np.full(len(elements), np.nan)
    for c in range(table.n_cases):
        lo, hi = int(bounds[c]), int(bounds[c + 1])
        last[:] = np.nan
        for i in range(lo, hi):
            e = int(element[i])
            if e < 0:
                continue
            p = pred_codes[e]
            if p.size:
                seen = last[p]
                if not np.isnan(seen).all():
                    enabled[i] = np.nanmax(seen)
            last[e] = table.end[i]
    starts = estimate_starts(table, enabled)
    first = from_seconds(float(np.nanmin(starts.start))).date()
    origin = (dt.datetime.combine(first, dt.time()) - dt.datetime(1970, 1, 1)).total_seconds()
    return Observed(table, elements, element, enabled, starts, graph, origin)


def released(obs: Observed, begin: np.ndarray) -> np.ndarray:
    """When each row let its model successors go: its completion, or earlier when the log shows a successor
    overtaking it.

    The model makes a step's mapped successors (the mapped elements reached from it along sequence flows
    through unmapped nodes only, not through a boundary event it carries) wait for its completion. When the log
    shows a successor completing while the step was still open (after the step's ``begin``, before its
    completion), the successor did not wait, and a delay fitted to the full span would make the simulated case
    count the successor's span again after it. So the row is released where it and the successor, one after the
    other as the model has them, reach the time the log shows the case going on past the successor: that time
    less the successor's span (its ``begin`` to its completion), never before the successor's ``begin`` nor
    after the row's completion. The log shows that time by the earliest logged start of a row of the
    successor's own successors completing after it, or, when the log saw the successor start and no such row
    follows in the case, by the row's completion (the case was not past both before then). An estimated start
    is the enabling the model gives, which cannot show the case waiting for a step that is not its predecessor
    (a log of completions only, dates only): then the row is released where the successor began, as a log of
    calendar delays, each from the previous completion, counts the time after it in the next step. A referral
    answer that a discovered model places before a site visit the answer did not hold up thus keeps its
    completion where the next step began only after the answer came; rows no successor overtook keep theirs.
    """
    table = obs.table
    flows = obs.graph.copy()  # a boundary event's path may run while its host is open: not a successor
    flows.remove_edges_from([(a, b) for a, b, kind in obs.graph.edges(data="kind") if kind == "boundary"])
    mapped = set(obs.elements)
    n = len(obs.elements)
    is_succ = np.zeros((n + 1, n + 1), bool)  # [element, successor]; the last row and column: unmapped
    index = {e: i for i, e in enumerate(obs.elements)}
    for e in obs.elements:
        if e in flows:
            for s in through_unmapped(flows, [e], mapped):
                is_succ[index[e], index[s]] = True
    out = table.end.copy()
    bounds = table.case_bounds()
    code = np.where(obs.element >= 0, obs.element, n)
    for c in range(table.n_cases):
        lo, hi = int(bounds[c]), int(bounds[c + 1])
        if hi - lo < 2:
            continue
        ends, begins, codes = table.end[lo:hi], begin[lo:hi], code[lo:hi]
        # when the log shows the case going on past each row: the earliest logged start of a later successor
        # (inf: none follows); an estimated start is an enabling the model gave, which cannot tell (-inf)
        seen = np.where(obs.starts.estimated[lo:hi], -np.inf, begins)
        on = np.full(hi - lo, np.inf)
        for a in range(0, hi - lo, _BLOCK):  # rows x rows in blocks: a case of many rows stays small in memory
            b = min(a + _BLOCK, hi - lo)
            succ = is_succ[codes[a:b]][:, codes]  # [row, other row]: the other row's element succeeds this row's
            on[a:b] = np.where(succ & (ends[None, :] > ends[a:b, None]), seen[None, :], np.inf).min(axis=1)
        on[np.isinf(on) & obs.starts.estimated[lo:hi]] = -np.inf  # nothing after a row whose start the log did not see
        first = np.full(hi - lo, np.inf)
        for a in range(0, hi - lo, _BLOCK):
            b = min(a + _BLOCK, hi - lo)
            succ = is_succ[codes[a:b]][:, codes]
            inside = (ends[None, :] > begins[a:b, None]) & (ends[None, :] < ends[a:b, None])
            past = np.minimum(on[None, :], ends[a:b, None]) - (ends - begins)[None, :]
            first[a:b] = np.where(succ & inside, np.maximum(begins[None, :], past), np.inf).min(axis=1)
        out[lo:hi] = np.where(np.isfinite(first), np.minimum(ends, np.maximum(begins, first)), ends)
    return out


_BLOCK = 512
