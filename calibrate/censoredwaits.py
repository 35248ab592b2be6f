"""The waits and work the log saw only in part, for a right-censored fit: the waits an interrupting boundary
timer cut off (:func:`timer_cut_offs`), the waits still open when the log was exported
(:func:`open_at_export`) and the rows started and not ended at the export (:func:`in_progress`).

Its own module because telling a wait still open from one over (what shows it over, what shows the case ended,
which steps surely start it) is a concept of its own over the observed log (:mod:`calibrate.observe`); the
durations (:mod:`calibrate.stepdurations`) fit with what it finds.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

from calibrate.endings import ended_cases
from calibrate.mapping import ActivityMapping
from calibrate.observe import HOUR, Observed, through_unmapped
from calibrate.waitplace import WAITED_SHARE, enabled_waits
from processes.model import Event, Gateway, Process

__all__ = ["CutOff", "timer_cut_offs", "OpenAtExport", "open_at_export", "in_progress"]

#: the end events that end a whole case, not only the path to them
_CASE_ENDS = ("terminate", "error", "cancel")


@dataclass(frozen=True, slots=True)
class CutOff:
    """The waits of one step that its interrupting boundary timers ended, as the log shows them."""

    timers: tuple[str, ...]  # the timers' element ids
    seen: bool  # the log has an activity that is one of these timers firing
    hours: np.ndarray  # per firing, how long the wait had run (calendar hours): it was longer
    unplaced: int  # firings with nothing before them in their case, left out


def timer_cut_offs(process: Process, obs: Observed, boundary: dict[str, str], element: str) -> CutOff | None:
    """Where an interrupting boundary timer of ``element`` fired (``boundary``: log activity -> the boundary
    event it is the firing of, :class:`calibrate.mapping.ActivityMapping`), ``element``'s wait was cut off
    there: it had run from its enabling — the latest completion in the case, before the firing, of one of its
    mapped predecessors, else the case's previous event — to the firing, counted in calendar hours as its
    completed waits are, and was longer than that. None when no timer is attached."""
    timers = sorted(n.id for n in process.nodes.values() if isinstance(n, Event) and n.position == "boundary"
                    and n.attached_to == element and n.cancel_activity and any(d.kind == "timer" for d in n.definitions))
    if not timers:
        return None
    table = obs.table
    codes = [i for i, a in enumerate(table.activities) if boundary.get(a) in timers]
    code = {x: i for i, x in enumerate(obs.elements)}
    before = [code[p] for p in through_unmapped(obs.graph, [element], set(obs.elements), reverse=True)]
    bounds = table.case_bounds()
    cut, unplaced = [], 0
    for i in np.flatnonzero(np.isin(table.activity, codes)):
        lo, at = int(bounds[table.case[i]]), float(table.end[i])
        ends = table.end[lo:i]
        enabling = ends[np.isin(obs.element[lo:i], before) & (ends <= at)]
        begin = enabling.max() if enabling.size else (ends.max() if ends.size else np.nan)
        if np.isfinite(begin) and at > begin:
            cut.append((at - begin) / HOUR)
        else:
            unplaced += 1
    return CutOff(tuple(timers), bool(codes), np.array(cut, float), unplaced)


@dataclass(frozen=True, slots=True)
class OpenAtExport:
    """The waits of one step still open when the log was exported, as the log shows them."""

    hours: np.ndarray  # per open wait, how long it had run at the export (calendar hours): it was longer
    enabled_by: tuple[str, ...]  # the steps whose completion starts the wait (no choice between them and it)
    logged: int = 0  # of them, rows the log shows started and not ended (in progress at the export)


def _next_mapped(graph: nx.DiGraph, node: str, mapped: set[str], ends: set[str]) -> tuple[set[str], bool]:
    """The mapped nodes that ``node``'s completion leads to through unmapped nodes only (not along its own
    boundary events: it completed), and whether an end event lies on the way (the case may end there), or an
    unmapped node without a flow out, which ends its path as an end event does (a discovered model's join
    where a part ends: a retest that may not come, a choice between it and that join, is no sure wait)."""
    found: set[str] = set()
    seen: set[str] = set()
    todo = [b for _, b, kind in graph.out_edges(node, data="kind") if kind != "boundary"]
    ended = False
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        ended = ended or n in ends or n not in mapped and not graph.out_degree(n)
        if n in mapped:
            found.add(n)
        else:
            todo.extend(graph.successors(n))
    return found, ended


def _surely_enables(process: Process, graph: nx.DiGraph, node: str, element: str, mapped: set[str],
                    ends: set[str]) -> bool:
    """Whether ``node``'s completion leads to ``element`` through unmapped nodes none of which is a choice or
    an end event: only parallel splits branch on the way (the request to the police sent beside the other
    referrals: its answer is awaited whatever the other branches do, a loop on one of them included). A
    branch that reaches ``element`` only through a mapped step (a round back to ``node`` itself: the request
    for a supplement sent again) is not on the way, and its choices do not matter."""
    toward = nx.ancestors(graph.subgraph(n for n in graph if n not in mapped or n == element), element)
    todo = [b for _, b, kind in graph.out_edges(node, data="kind") if kind != "boundary"]
    seen: set[str] = set()
    while todo:
        n = todo.pop()
        if n in seen or n in mapped or n not in toward:
            continue
        seen.add(n)
        out = [b for _, b, kind in graph.out_edges(n, data="kind") if kind == "sequence"]
        gateway = process.nodes.get(n)
        parallel = isinstance(gateway, Gateway) and gateway.gateway_kind == "parallel"
        if n in ends or len(out) > 1 and not parallel:
            return False
        todo.extend(out)
    return element in {b for n in (seen | {node}) for b in graph.successors(n)}


def _shown_enabling(obs: Observed, element: str) -> set[str]:
    """The elements whose completion the log shows starting ``element``'s wait: where an activity mapped onto
    ``element`` is an external wait by :func:`calibrate.waitplace.enabled_waits` (no row names anyone, every
    row has its start, 90 % of them begin at the instant one other activity of their case ends), its enabler's
    elements. A completion-only log shows none: there a step's "wait" is the time since its case's previous
    row, work of named people, and a case left unfinished for years (BPIC15_1) is no wait still running."""
    table = obs.table
    rows = obs.rows(element)
    if not rows.size or np.isnan(table.start[rows]).any():
        return set()
    mine = {table.activities[a] for a in np.unique(table.activity[rows])}
    found: set[str] = set()
    for wait in enabled_waits(table):
        if wait.activity in mine:
            theirs = obs.element[table.activity == table.activities.index(wait.enabler)]
            found |= {obs.elements[e] for e in np.unique(theirs) if e >= 0}
    return found


def _side_paths(process: Process, graph: nx.DiGraph) -> set[str]:
    """The nodes on the paths of non-interrupting boundary events (a reminder sent while its host waits): an end
    event there ends that path, not the case."""
    flows = graph.edge_subgraph([(a, b) for a, b, kind in graph.edges(data="kind") if kind != "boundary"])
    side: set[str] = set()
    for n in process.nodes.values():
        if isinstance(n, Event) and n.position == "boundary" and not n.cancel_activity and n.id in flows:
            side |= nx.descendants(flows, n.id) | {n.id}
    return side


def _beside(process: Process, graph: nx.DiGraph, element: str) -> set[str]:
    """The nodes on a parallel branch beside ``element``'s: reached from a parallel (or inclusive) split before it
    along another of its branches (one that does not lead to ``element``), short of the joins after ``element``.
    They may run while ``element`` waits (the knowledge test beside the supplement wait), so their completion does
    not show the wait over, though the graph may reach them after it too (through the join and a round that
    goes back before the split)."""

    def forks(node: str, way: str) -> bool:
        n = process.nodes.get(node)
        edges = graph.out_edges(node, data="kind") if way == "out" else graph.in_edges(node, data="kind")
        return (isinstance(n, Gateway) and n.gateway_kind in ("parallel", "inclusive")
                and sum(kind == "sequence" for *_, kind in edges) > 1)

    joins = {n for n in nx.descendants(graph, element) if forks(n, "in")}  # each waits for its branch
    found: set[str] = set()
    for split in (g for g in nx.ancestors(graph, element) if forks(g, "out")):
        for first, kind in ((b, k) for _, b, k in graph.out_edges(split, data="kind")):
            branch = _reach(graph, first, joins | {split}) if kind == "sequence" else set()
            if element not in branch:  # another branch than the one ``element`` is on
                found |= branch
    # but a step that leads, through no choice, to an end of the whole case (terminate, error, cancel: the
    # withdrawal) ends the wait too, wherever it runs
    ending = {n for n in found if isinstance(e := process.nodes.get(n), Event) and e.position == "end"
              and any(d.kind in _CASE_ENDS for d in e.definitions)}
    todo = [p for n in ending for p in graph.predecessors(n)]
    while todo:
        n = todo.pop()
        if n not in ending and n in found and graph.out_degree(n) == 1:
            ending.add(n)
            todo.extend(graph.predecessors(n))
    return found - ending


def _going_ahead(obs: Observed, element: str, steps: set[str]) -> set[str]:
    """The steps of ``steps`` that the log shows going on without ``element``'s wait: the first row of the step
    completing after a completed wait's begin, in its case, completes before the wait does, so that it waits for
    fewer than :data:`~calibrate.waitplace.WAITED_SHARE` of the waits it has one after (as the placing of waits
    reads it). Such a step does not show a
    wait over by completing: a discovered model may place a site visit after the referral answers it in fact
    runs beside (on a log cut at an export, the visit done while two answers were still awaited)."""
    table = obs.table
    rows = obs.rows(element)
    codes = [obs.elements.index(x) for x in sorted(steps) if x in obs.elements]
    if not rows.size or not codes:
        return set()
    begin = np.where(obs.starts.estimated[rows], obs.enabled[rows], obs.starts.start[rows])
    begin = np.where(np.isnan(begin), table.end[rows], begin)
    bounds = table.case_bounds()
    seen = np.zeros(len(obs.elements), np.int64)
    ahead = np.zeros(len(obs.elements), np.int64)
    for i, b in zip(rows, begin, strict=True):
        c = int(table.case[i])
        lo, hi = int(bounds[c]), int(bounds[c + 1])
        first = np.full(len(obs.elements) + 1, np.inf)
        later = np.flatnonzero(table.end[lo:hi] > b) + lo
        np.minimum.at(first, np.where(obs.element[later] >= 0, obs.element[later], len(obs.elements)),
                      table.end[later])
        first = first[:-1]
        seen += np.isfinite(first)
        ahead += first < table.end[i]
    return {obs.elements[k] for k in codes if seen[k] and seen[k] - ahead[k] < WAITED_SHARE * seen[k]}


def _reach(graph: nx.DiGraph, first: str, blocked: set[str]) -> set[str]:
    """``first`` and the nodes reached from it, short of ``blocked``."""
    found: set[str] = set()
    todo = [first]
    while todo:
        n = todo.pop()
        if n in found or n in blocked:
            continue
        found.add(n)
        todo.extend(graph.successors(n))
    return found


def in_progress(obs: Observed, mapping: ActivityMapping, element: str, *, not_by: Collection[str] = ()
                ) -> list[tuple[int, float]]:
    """(case code, start) of each row the log shows started and not ended (:attr:`LogTable.in_progress`) whose
    activity maps onto ``element``, but those whose resource is one of ``not_by``; the case code is -1 when
    the case has no completed row."""
    case = {c: i for i, c in enumerate(obs.table.case_ids)}
    return [(case.get(r.case, -1), r.start) for r in obs.table.in_progress
            if mapping.element.get(r.activity) == element and r.resource not in not_by]


def open_at_export(process: Process, obs: Observed, boundary: dict[str, str], element: str,
                   exported: float, running: Sequence[tuple[int, float]] = ()) -> OpenAtExport:
    """The waits of ``element`` (a step fitted as a calendar delay) that had begun and not ended at the
    ``exported`` instant (wall-clock seconds), each right-censored at ``exported`` minus its begin.

    ``running`` (:func:`in_progress`): the rows of ``element`` the log shows started and not ended; each is an
    open wait begun at its logged start, and its case is not looked at again (one wait, counted once).

    A wait is recognised as open in a case when the latest completion of a step that starts it — a mapped
    predecessor whose completion leads to ``element`` alone, through no choice and past no end event
    (*Begär komplettering* before *Invänta komplettering*), or to it and other steps through parallel splits
    only where the log shows it enabling the wait as an outside party's (:func:`_shown_enabling`: a referral
    sent before the split to the others) — is followed in the case by nothing that shows
    the wait over: no completion of ``element`` or of a step reached after it (its non-interrupting boundary
    events' paths run while it waits and do not count, nor do the steps on a parallel branch beside it, which the
    graph may reach after it too, through the join and a new round: :func:`_beside`), no firing of an interrupting timer on it; and the case
    did not end: its last event is not the log's end activity (the one activity that ends more cases than any
    other), nor a step that leads to an end event alone (off the paths of non-interrupting boundary events: a
    withdrawn application's last step ends it while its requests for opinions are unanswered; not a step on a
    branch beside the wait's, whose join waits for the wait too), nor an activity
    the log shows ending cases (:func:`ended_cases`), whether the model has it or not: the discovered model of
    a log leaves a rare withdrawal out, and would read the answers such a case never got as open for years.
    Its begin is that completion, as a completed wait's is its enabling. A case whose last row is long before
    the export and not an ending is still open: the log does not show it closed, and leaving it out would keep
    only the waits that ended (too short); the note's span shows how long the longest had run. A log may write
    an open wait as a row started and not ended (``running``) or, as a case system does for an answer still
    awaited, not at all: both are open."""
    mapped = set(obs.elements)
    ends = {n.id for n in process.nodes.values() if isinstance(n, Event) and n.position == "end"}
    graph = obs.graph
    before = through_unmapped(graph, [element], mapped, reverse=True)
    enablers = sorted(p for p in before if _next_mapped(graph, p, mapped, ends) == ({element}, False))
    # through parallel splits only where the log shows the enabling too: the model alone would read a
    # completion-only log's steps as waits open from their case's previous row, for years (BPIC15_1)
    beside = {p for p in before - set(enablers) if _surely_enables(process, graph, p, element, mapped, ends)}
    if beside:
        enablers = sorted({*enablers, *(beside & _shown_enabling(obs, element))})
    logged = [(exported - start) / HOUR for _, start in running if exported > start]
    if not enablers:
        return OpenAtExport(np.array(logged, float), tuple(enablers), len(logged))
    quiet = {b for _, b, kind in graph.out_edges(element, data="kind") if kind == "boundary"
             and not getattr(process.nodes.get(b), "cancel_activity", True)}
    after = nx.descendants(graph.subgraph(n for n in graph if n not in quiet), element) | {element}
    alongside = _beside(process, graph, element)
    after -= alongside  # reached after it through a join and a round, but run beside it
    after -= _going_ahead(obs, element, after - {element})
    code = {x: i for i, x in enumerate(obs.elements)}
    table = obs.table
    over_codes = np.zeros(len(obs.elements) + 1, bool)  # the last: unmapped
    over_codes[[code[x] for x in after if x in code]] = True
    enable_codes = np.zeros(len(obs.elements) + 1, bool)
    enable_codes[[code[x] for x in enablers]] = True
    timers = {bid for bid in boundary.values() if bid in graph and getattr(process.nodes.get(bid), "cancel_activity",
                                                                             False) and graph.has_edge(element, bid)}
    fired = np.array([boundary.get(a) in timers for a in table.activities], bool)
    ending = np.bincount(table.activity[table.case_bounds()[1:] - 1])
    top = np.flatnonzero(ending == ending.max())
    end_activity = int(top[0]) if top.size == 1 and ending.max() > 1 else -1  # one activity ends the most cases
    ended = ended_cases(table)
    finishes = np.zeros(len(obs.elements) + 1, bool)  # the step leads to an end event alone: the case ended
    side = _side_paths(process, graph)
    for x in obs.elements:  # one beside the wait reaches the end through a join that waits for the wait too
        finishes[code[x]] = (x not in side and x not in alongside
                             and _next_mapped(graph, x, mapped, ends) == (set(), True))
    element_code = np.where(obs.element >= 0, obs.element, len(obs.elements))
    bounds = table.case_bounds()
    hours = list(logged)
    shown_cases = {c for c, _ in running}
    for c in range(table.n_cases):
        lo, hi = int(bounds[c]), int(bounds[c + 1])
        last = int(table.activity[hi - 1])
        if c in shown_cases or last == end_activity or ended[c] or finishes[element_code[hi - 1]]:
            continue
        codes = element_code[lo:hi]
        began = np.flatnonzero(enable_codes[codes])
        if not began.size:
            continue
        i = int(began[-1])
        rest = slice(lo + i + 1, hi)
        if over_codes[codes[i + 1:]].any() or fired[table.activity[rest]].any():
            continue
        since = exported - float(table.end[lo + i])
        if since > 0:
            hours.append(since / HOUR)
    return OpenAtExport(np.array(hours, float), tuple(enablers), len(logged))
