"""What a profile lets run but almost certainly does not mean: warnings, found before a run.

:func:`profile_warnings` reads the model and the profile alone and returns ``(key path under
``simulation``, message)`` for

- a legal clock whose ``start`` a decided case can go around: a path from the process's start
  to ``clock.stop`` that does not pass ``clock.start`` (the clock started at "Komplettering
  inkommen", reached only when a supplement was asked for). Such cases are decided with no
  time on the clock, and the clock figures cover only the others, so the mean from a complete
  application can exceed the mean from submission. It is a warning, not an error: a case that
  never starts the clock is allowed (docs/simulation.md: the clock figures are taken over the
  decided cases that started it), and the library's dismissals never reach the decision;
- a receive task with neither ``delay:`` nor ``duration:``: it takes no time (documented), so
  the wait for the other party is 0 days and a timer on its boundary never fires. A message
  catch event without a ``delay:`` is refused; a receive task is the same wait drawn as a task.

The search follows every flow a case can take (not a flow whose probability is 0), enters a
subprocess at its start events and leaves it by its own flows, reaches a boundary event
through its host, and passes a parallel join only when every flow into it is reached.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Mapping

from processes import model as m
from processes.params import SimParams
from processes.stepnames import step_said

__all__ = ["profile_warnings", "clock_bypass"]


def profile_warnings(process: m.Process, params: SimParams) -> list[tuple[str, str]]:
    """``(key path under simulation, message)`` for each thing the profile lets run but likely does not mean."""
    out: list[tuple[str, str]] = []
    clock = params.clock
    if clock is not None and clock.start in process.nodes and clock.stop in process.nodes:
        way = clock_bypass(process, params)
        if way is not None:
            at = f", from the choice {_named(process, way)}" if way != clock.stop else ""
            out.append(("clock.start", (
                f"the legal clock starts at {_named(process, clock.start)}, which a case can go around on its way "
                f"to clock.stop {_named(process, clock.stop)}{at}: such cases are decided with no time on the "
                "clock, and the clock figures cover only the others (expected an event every decided case "
                "passes, such as the one where the application is complete)")))
    for node in process.nodes.values():
        if not (isinstance(node, m.Task) and node.task_type == "receiveTask"):
            continue
        ep = params.elements.get(node.id)
        if ep is not None and (ep.delay is not None or ep.duration is not None):
            continue
        timers = [_named(process, b.id) for b in process.boundary_events(node.id) if b.trigger == "timer"]
        never = f", and its boundary timer {', '.join(timers)} never fires" if timers else ""
        out.append((f"elements.{node.id}", (
            f"receive task {_named(process, node.id)} has no `delay:`: it takes no time, so the wait for the "
            f"other party is 0 days{never} (expected a `delay:`, the other party's response time, as a message "
            "catch event must have)")))
    return out


def clock_bypass(process: m.Process, params: SimParams) -> str | None:
    """``clock.stop`` when a case can reach it from the process's start without passing ``clock.start``
    (or, better, the first choice, in model order, where such a way leaves the ways through the start);
    None when every way to the stop passes the start."""
    clock = params.clock
    if clock is None:
        return None
    out = _takeable(process, params)
    nodes = process.nodes
    starts = [n.id for n in nodes.values() if isinstance(n, m.Event) and n.position == "start"
              and n.parent == process.id]
    around = _reach(starts, out, nodes, avoid=clock.start)
    if clock.stop not in around:
        return None
    back: dict[str, list[str]] = defaultdict(list)
    for source, targets in out.items():
        for target in targets:
            back[target].append(source)
    to_stop = _reach([clock.stop], back, nodes, avoid=clock.start, joins=False)
    to_start = _reach([clock.start], back, nodes, avoid=None, joins=False)
    for nid, node in nodes.items():
        if nid in around and isinstance(node, m.Gateway):
            ahead = out.get(nid, [])
            if any(t in to_start for t in ahead) and any(t in to_stop and t not in to_start for t in ahead):
                return nid
    return clock.stop


def _named(process: m.Process, nid: str) -> str:
    return step_said(nid, getattr(process.nodes.get(nid), "name", ""))


def _takeable(process: m.Process, params: SimParams) -> dict[str, list[str]]:
    """Successors of each node along the flows a case can take; a subprocess is entered at its start
    events and left, by its own flows, from its end events and the steps with no flow out."""
    decided = {params.decision.outcome_gateway} if params.decision is not None else set()
    nodes = process.nodes
    out: dict[str, list[str]] = defaultdict(list)
    for flow in process.flows.values():
        ep = params.elements.get(flow.source)
        if ep is not None and ep.probabilities and flow.source not in decided:
            if sum(p for key, p in ep.probabilities.items() if flow.id in key.split("+")) <= 0:
                continue
        out[flow.source].append(flow.target)
    entries: dict[str, list[str]] = defaultdict(list)
    for node in nodes.values():
        if isinstance(node, m.Event) and node.position == "start" and isinstance(nodes.get(node.parent), m.SubProcess):
            entries[node.parent].append(node.id)
    leaving = {host: list(out.get(host, [])) for host in entries}
    for host, starts in entries.items():
        out[host] = list(starts)
    for node in nodes.values():
        if node.parent not in entries:
            continue
        is_end = isinstance(node, m.Event) and node.position == "end"
        implicit_end = not out.get(node.id) and isinstance(node, m.Task | m.SubProcess | m.CallActivity)
        if is_end or implicit_end:
            out[node.id] = out.get(node.id, []) + leaving[node.parent]
    for node in nodes.values():
        if isinstance(node, m.Event) and node.position == "boundary" and node.attached_to:
            out[node.attached_to].append(node.id)
    return out


def _reach(seeds: list[str], edges: dict[str, list[str]], nodes: Mapping[str, m.Node], *, avoid: str | None,
           joins: bool = True) -> set[str]:
    """Nodes reached from ``seeds`` never entering ``avoid``; with ``joins``, a parallel join only once
    every node with a flow into it is reached."""
    need: dict[str, set[str]] = defaultdict(set)
    if joins:
        for source, targets in edges.items():
            for target in targets:
                node = nodes.get(target)
                if isinstance(node, m.Gateway) and node.gateway_kind == "parallel":
                    need[target].add(source)
    seen = {s for s in seeds if s != avoid}
    queue = deque(seen)
    while queue:
        here = queue.popleft()
        for nxt in edges.get(here, ()):
            if nxt in seen or nxt == avoid or not need.get(nxt, set()) <= seen:
                continue
            seen.add(nxt)
            queue.append(nxt)
    return seen
