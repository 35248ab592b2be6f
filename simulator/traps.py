"""Cases that can never finish, found before a run: a loop whose every way out has probability 0.

A run of such a model would keep every case open to the end of the horizon and
report figures of nothing (NaN), or, when the loop is fast in simulated time, be
stopped by the engine's runaway guard. :func:`trap` finds it from the model and
the profile alone: the steps that a case can reach from a start event, following
only flows a case can take (a flow whose probability is 0 is not), but from which
no end is reachable.

The check errs on the side of running: a flow decided by conditions, by the
decision's outcome or by the legal clock counts as takeable; a boundary event is a
way out of its host; every step inside a subprocess may leave through the
subprocess's own flows; a loop with a cap (``loop: {max: n}``) is left alone.
"""

from __future__ import annotations

from collections import defaultdict, deque

from processes import model as m
from processes.params import SimParams

__all__ = ["trap"]


def trap(process: m.Process, params: SimParams) -> tuple[str, str] | None:
    """``(element id, why)`` of a step cases reach but can never leave towards an end, or None."""
    decided = {params.decision.outcome_gateway} if params.decision is not None else set()
    nodes = process.nodes
    out: dict[str, list[str]] = defaultdict(list)
    closed: list[tuple[str, str]] = []  # (gateway, flow) taken with probability 0
    for flow in process.flows.values():
        ep = params.elements.get(flow.source)
        if ep is not None and ep.probabilities and flow.source not in decided:
            chance = sum(p for key, p in ep.probabilities.items() if flow.id in key.split("+"))
            if chance <= 0:
                closed.append((flow.source, flow.id))
                continue
        out[flow.source].append(flow.target)
    for node in nodes.values():
        if isinstance(node, m.Event) and node.position == "boundary" and node.attached_to:
            out[node.attached_to].append(node.id)
    for node in nodes.values():  # a step inside a subprocess may leave with the subprocess
        host = nodes.get(node.parent)
        while host is not None:
            out[node.id] += out.get(host.id, [])
            out[node.id].append(host.id)
            host = nodes.get(host.parent)
    starts = [n.id for n in nodes.values() if isinstance(n, m.Event) and n.position == "start"]
    reached = _reach(starts, out)
    back: dict[str, list[str]] = defaultdict(list)
    for source, targets in out.items():
        for target in targets:
            back[target].append(source)
    ends = [nid for nid in reached if not out.get(nid)]  # end events, implicit ends
    finishing = _reach(ends, back)
    stuck = [nid for nid in nodes if nid in reached and nid not in finishing]
    if not stuck or any(params.elements.get(nid) is not None and params.elements[nid].loop_max for nid in stuck):
        return None
    for gateway, flow_id in closed:
        if gateway in stuck:
            return gateway, (f"cases can never finish: every way from here to an end has probability 0 "
                             f"(flow {flow_id!r}; expected a probability above 0 on a flow that leaves the loop)")
    return stuck[0], "cases can never finish: no end event can be reached from here"


def _reach(seeds: list[str], edges: dict[str, list[str]]) -> set[str]:
    seen = set(seeds)
    queue = deque(seeds)
    while queue:
        for nxt in edges.get(queue.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen
