"""Whole-graph passes of the compilation: subprocess starts, loop caps, inclusive joins, rule gateways.

Each pass works on the field dicts :mod:`simulator.tables` builds per node (one
dict per future :class:`simulator.tokens.CompiledNode`) and reports problems
through a ``problem(element_id, why)`` callback, so that every problem of a
model is named at once.

Loop caps (``loop: {max: n}`` on an element that a gateway loop runs through):
an outgoing flow of an exclusive gateway is closed for a case once the capped
element has run ``n`` times for it, when every way from that flow runs through
the element again. A flow with another way out (a later choice that can leave
the loop) stays open: the later gateway makes that choice. So in a supplement
loop "complete? -> no -> another round? -> yes -> request supplement", the cap on
the request closes "another round? yes" and leaves "complete? no" alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from processes.params import DECIDED_OUTCOMES, SimParams
from simulator.tokens import (
    END,
    EXCLUSIVE,
    INCLUSIVE,
    PASS,
    ROUTE_EXTENSION,
    ROUTE_OUTCOME,
    START,
    SUBPROCESS,
    TERMINATE,
)

__all__ = ["subprocess_starts", "gateway_caps", "inclusive_reach", "rule_gateways"]

Fields = list[dict[str, Any]]
Problem = Callable[[str, str], None]


def subprocess_starts(fields: Fields, problem: Problem) -> None:
    """Each embedded subprocess's one start event (``first``)."""
    attached = {b for f in fields for b in f["boundaries"]}  # a boundary event is on an activity, not in it
    for f in fields:
        if f["kind"] != SUBPROCESS or f.get("event_subprocess"):
            continue  # an event subprocess is refused as such (its start event said in that refusal)
        inside = [g for g in fields if g["scope"] == f["index"] and g["index"] not in attached]
        starts = [g["index"] for g in inside if g["kind"] == START]
        if len(starts) == 1:
            f["first"] = starts[0]
        elif not inside:
            problem(f["id"], "an embedded subprocess needs exactly one start event, found 0: it has nothing "
                             "inside (collapsed): draw it as a task instead (its work time then goes in the "
                             "profile), or draw its steps from a start event")
        elif not starts:
            problem(f["id"], "an embedded subprocess needs exactly one start event, found 0: add a start event "
                             "without a trigger before its first step")
        else:
            problem(f["id"], f"an embedded subprocess needs exactly one start event, found {len(starts)} ("
                             f"{', '.join(fields[i]['id'] for i in starts)}): keep one, and a parallel or "
                             "exclusive gateway after it for the ways in")


def gateway_caps(fields: Fields, flow_source: Sequence[int]) -> None:
    """Per outgoing flow of each exclusive gateway, the capped elements that close it when used up."""
    capped = [f["index"] for f in fields if f.get("visit_cap")]
    if not capped:
        return
    succ = [list(f["targets"]) + list(f["boundaries"]) for f in fields]
    exits = {f["index"] for f in fields if f["kind"] in (END, TERMINATE)}
    for f in fields:
        if f["kind"] != EXCLUSIVE or len(f["out"]) < 2:
            continue
        g = f["index"]
        back = _reaching(fields, flow_source, g, avoid=-1)  # nodes that can reach g
        caps = []
        for t in f["targets"]:
            ahead = _forward(succ, t, avoid=g)
            caps.append(tuple((c, fields[c]["visit_cap"]) for c in capped
                              if c in ahead and c in back and not _way_out(succ, t, g, c, exits)))
        if any(caps):
            f["caps"] = tuple(caps)


def inclusive_reach(fields: Fields, flow_source: Sequence[int]) -> None:
    """Per incoming flow of each inclusive join, the nodes that can still reach it."""
    for f in fields:
        if f["kind"] == INCLUSIVE and f.get("join"):
            f["reach"] = tuple(
                frozenset(_reaching(fields, flow_source, flow_source[fi], avoid=f["index"]))
                for fi in f["in_flows"])


def rule_gateways(fields: Fields, flow_ids: Sequence[str], index: dict[str, int], params: SimParams,
                  problem: Problem) -> tuple[int, tuple[str, ...]]:
    """Mark the gateways routed by a rule; return the outcome gateway's index and, per
    outgoing flow, the outcome (grant or refusal) its branch ends in.

    The outcome gateway (``decision.outcome_gateway``) is an exclusive gateway each
    of whose branches reaches end events of exactly one decided outcome (by
    ``simulation.outcomes``). The extension gateway is the source of
    ``clock.extension_flow``: an exclusive gateway with two outgoing flows; with
    ``extension_rule: projected`` the rule replaces its probabilities.
    """
    decision = params.decision
    clock = params.clock
    outcomes = dict(params.outcomes)
    for end in outcomes:
        if end in index and fields[index[end]]["kind"] not in (END, TERMINATE):
            problem(end, "simulation.outcomes names an element that is not an end event")
    gateway = -1
    kinds: tuple[str, ...] = ()
    name = decision.outcome_gateway if decision is not None else None
    if name is not None:
        if name not in index or fields[index[name]]["kind"] != EXCLUSIVE:
            problem(name, "decision.outcome_gateway must be an exclusive gateway of the process (the choice "
                          "after the decision between a grant and a refusal)")
        else:
            gateway = index[name]
            kinds = _branch_outcomes(fields, flow_ids, gateway, index, outcomes, problem)
            fields[gateway]["route"] = ROUTE_OUTCOME
    flow = clock.extension_flow if clock is not None else None
    if flow is not None and clock is not None:
        source = next((f for f in fields if any(flow_ids[fi] == flow for fi in f["out"])), None)
        if source is None or source["kind"] != EXCLUSIVE or len(source["out"]) != 2:
            problem(flow, "clock.extension_flow must be one of the two outgoing flows of an exclusive gateway "
                          "(the choice: extend the handling time, or not)")
        elif source.get("route"):
            problem(source["id"], "the extension gateway cannot also be the decision's outcome gateway")
        else:
            source["route"] = ROUTE_EXTENSION
            source["extension_pos"] = [flow_ids[fi] for fi in source["out"]].index(flow)
            if clock.extension_rule == "probabilities" and not source.get("cumulative"):
                problem(source["id"], "clock.extension_rule: probabilities needs `probabilities:` on this gateway")
    return gateway, kinds


def _branch_outcomes(fields: Fields, flow_ids: Sequence[str], gateway: int, index: dict[str, int],
                     outcomes: dict[str, str], problem: Problem) -> tuple[str, ...]:
    succ = [list(f["targets"]) + list(f["boundaries"]) for f in fields]
    ends = {index[e]: kind for e, kind in outcomes.items() if e in index and kind in DECIDED_OUTCOMES}
    kinds = []
    for fi, t in zip(fields[gateway]["out"], fields[gateway]["targets"], strict=True):
        found = {ends[n] for n in _forward(succ, t, avoid=gateway) if n in ends}
        if len(found) != 1:
            problem(fields[gateway]["id"],
                    f"flow {flow_ids[fi]} of the outcome gateway reaches end events of "
                    f"{' and '.join(sorted(found)) or 'no decided outcome'} (expected exactly one of "
                    f"{', '.join(DECIDED_OUTCOMES)} under simulation.outcomes)")
            kinds.append("")
        else:
            kinds.append(found.pop())
    return tuple(kinds)


def _way_out(succ: list[list[int]], t: int, gateway: int, capped: int, exits: set[int]) -> bool:
    """Whether a case can go from ``t`` to an end event without passing ``capped`` (or back through ``gateway``)."""
    return not _forward(succ, t, avoid=gateway, also=capped).isdisjoint(exits)


def _predecessors(fields: Fields, flow_source: Sequence[int]) -> list[list[int]]:
    pred: list[list[int]] = [[] for _ in fields]
    for f in fields:
        for fi in f["in_flows"]:
            pred[f["index"]].append(flow_source[fi])
        if f["kind"] == PASS and f.get("host", -1) >= 0:
            pred[f["index"]].append(f["host"])  # a boundary event is reached from its host
    return pred


def _reaching(fields: Fields, flow_source: Sequence[int], node: int, *, avoid: int) -> set[int]:
    """``node`` and every node that can reach it without passing through ``avoid``."""
    return _forward(_predecessors(fields, flow_source), node, avoid=avoid)


def _forward(succ: list[list[int]], node: int, *, avoid: int, also: int = -1) -> set[int]:
    """``node`` and every node reachable from it along ``succ`` without passing through
    ``avoid`` (nor ``also``; when ``node`` is ``also`` itself, nothing is reachable)."""
    if node == also:
        return set()
    seen = {node}
    stack = [node]
    while stack:
        for q in succ[stack.pop()]:
            if q not in seen and q != avoid and q != also:
                seen.add(q)
                stack.append(q)
    return seen
