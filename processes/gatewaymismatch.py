"""The two gateway-mismatch checks of one scope (:func:`processes.validate.check`'s
``xor-split-and-join`` and ``and-split-xor-join``): which branches of a split reach which inputs of a
join, on the scope's flow graph (the rules are in :mod:`processes.validate`'s docstring).

Its own module because these are graph searches with their own bounds (:func:`_fences` keeps them
near-linear on large models), apart from the scope's simple checks (:mod:`processes.scopechecks`).
"""

from __future__ import annotations

from collections.abc import Iterator

from processes.digraph import Digraph, immediate_dominators, strongly_connected_components
from processes.graph import branch_inputs, input_feeders, upstream
from processes.model import Gateway, Process
from processes.problems import Problem

__all__ = ["xor_split_and_join", "and_split_xor_join"]


def _sequence_degree(graph: Digraph, node: str) -> tuple[int, int]:
    ins = sum(1 for _, _, d in graph.in_edges(node, data=True) if d["kind"] == "sequence")
    outs = sum(1 for _, _, d in graph.out_edges(node, data=True) if d["kind"] == "sequence")
    return ins, outs


def _gateways(nodes: list, kinds: tuple[str, ...]) -> list[Gateway]:
    return [n for n in nodes if isinstance(n, Gateway) and n.gateway_kind in kinds]


def xor_split_and_join(process: Process, graph: Digraph, nodes: list, live: list) -> Iterator[Problem]:
    """``xor-split-and-join``: the parallel joins among ``nodes`` that a split of ``live`` (the nodes a start
    reaches) deadlocks."""
    splits = [g for g in _gateways(live, ("exclusive", "eventBased")) if _sequence_degree(graph, g.id)[1] >= 2]
    fence = _fences(graph)
    for join in _gateways(nodes, ("parallel",)):
        if _sequence_degree(graph, join.id)[0] < 2:
            continue
        # only the region between the join and its dominator can deadlock it (see _fences)
        wall = {fence[join.id]} if join.id in fence else set()
        feeders = upstream(graph, join.id, wall | {join.id}) | wall
        by_input = input_feeders(graph, join.id, stop=wall)
        for split in splits:
            if split.id == join.id or split.id not in feeders:
                continue
            reaching = {}
            for _, first, data in graph.out_edges(split.id, data=True):
                if data["kind"] != "sequence":
                    continue
                if first == join.id:
                    found = frozenset({graph.edges[split.id, join.id]["id"]})
                else:
                    found = frozenset(flow for flow, sources in by_input.items() if first in sources)
                if found:
                    reaching[data["id"]] = found
            if len(set(reaching.values())) > 1:
                detail = "; ".join(f"branch '{b}' reaches {_names(r)}" for b, r in reaching.items())
                yield Problem("xor-split-and-join", "error", join.id,
                              f"parallel join '{join.id}' waits for all its inputs, but {split.gateway_kind} split "
                              f"'{split.id}' sends one token down one branch ({detail}): the join deadlocks (expected a "
                              "parallel split, or an exclusive join)")


def and_split_xor_join(process: Process, graph: Digraph, nodes: list, live: list) -> Iterator[Problem]:
    """``and-split-xor-join``: the exclusive joins among ``nodes`` that branches of a parallel split of
    ``live`` reach unsynchronised."""
    sync = [g.id for g in _gateways(nodes, ("parallel", "inclusive", "complex")) if _sequence_degree(graph, g.id)[0] >= 2]
    splits = [g for g in _gateways(live, ("parallel",)) if _sequence_degree(graph, g.id)[1] >= 2]
    for join in _gateways(nodes, ("exclusive",)):
        if _sequence_degree(graph, join.id)[0] < 2:
            continue
        unsynchronised = set().union(*input_feeders(graph, join.id, stop=sync).values()) | {join.id}
        # a split with fewer than two branches into the unsynchronised region is passed over below;
        # one with any branch there is an ancestor of the join (no whole-graph ancestor search per join)
        near = {p for n in unsynchronised for p in graph.predecessors(n)}
        for split in splits:
            if split.id == join.id or split.id not in near:
                continue
            # blocking the split itself only removes paths: fewer than two branches here means none below
            if sum(1 for _, first, d in graph.out_edges(split.id, data=True)
                   if d["kind"] == "sequence" and first in unsynchronised) < 2:
                continue
            stop = [s for s in sync if s != split.id] + [split.id]
            reaching = {b: r for b, r in branch_inputs(graph, split.id, join.id, stop=stop).items() if r}
            if len(reaching) > 1:
                detail = "; ".join(f"branch '{b}' reaches {_names(r)}" for b, r in reaching.items())
                yield Problem("and-split-xor-join", "error", join.id,
                              f"exclusive join '{join.id}' passes on every token, but {len(reaching)} branches of "
                              f"parallel split '{split.id}' arrive there unsynchronised ({detail}): what follows runs "
                              f"more than once (expected a parallel join)")


def _fences(graph: Digraph) -> dict[str, str]:
    """Node -> its immediate dominator, where that dominator lies on no cycle.

    Every path from a start to node J passes its dominator D; when D is on no cycle,
    no split beyond D can reach J other than through D, so every branch of such a split
    reaches the same inputs of J, and searches for what feeds J may stop at D (D itself
    still a candidate split). This keeps validation near-linear on large models.
    """
    root = object()
    rooted = Digraph(graph.edges)
    rooted.add_nodes_from(graph.nodes)
    rooted.add_edges_from((root, n) for n in graph.nodes if graph.in_degree(n) == 0)
    if rooted.out_degree(root) == 0:
        return {}
    cyclic = {n for part in strongly_connected_components(graph) if len(part) > 1 for n in part}
    cyclic |= {n for n in graph.nodes if graph.has_edge(n, n)}
    dominators = immediate_dominators(rooted, root)
    return {n: d for n, d in dominators.items() if n is not root and d is not root and d != n and d not in cyclic}


def _names(flows: frozenset[str]) -> str:
    return ", ".join(f"'{f}'" for f in sorted(flows))
