"""Branch fits over an observed log: the shares of a diverging gateway's flows, counted by the steps that mark
each branch (:func:`fit_branching`) or by token replay (:func:`fit_branching_replayed`), with a percentile
bootstrap over cases (200 resamplings, seed 0) for their 95 % intervals.

Its own module because counting a gateway's passes from the steps on its branches is a concept of its own
(markers, a branch without one, when the rows before a gateway count its passes); :mod:`calibrate.fits`
re-exports its names, and its case-delay fit shares the resamplings' count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from calibrate.fitdist import resample_blocks
from calibrate.observe import Observed, through_unmapped
from processes.model import Gateway, Process

__all__ = ["BranchFit", "fit_branching", "branch_fit", "fit_branching_replayed", "RESAMPLES"]

RESAMPLES = 200


@dataclass(frozen=True, slots=True)
class BranchFit:
    gateway: str
    probabilities: dict[str, float]
    ci: dict[str, tuple[float, float]]
    n: int  # gateway passes observed
    markers: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def data(self) -> dict[str, Any]:
        return {"passes": self.n, "probabilities": self.probabilities,
                "ci": {k: list(v) for k, v in self.ci.items()}, "counted_by": self.markers}


def _rounded(probs: np.ndarray) -> list[float]:
    out = [round(float(p), 4) for p in probs]
    out[int(np.argmax(out))] += round(1.0 - sum(out), 4)
    return [round(p, 4) for p in out]


def fit_branching(process: Process, obs: Observed) -> dict[str, BranchFit]:
    """Probabilities of the outgoing flows of each diverging exclusive gateway the log can tell.

    A branch is counted by its *markers*: the first mapped elements on it that neither
    another branch of the gateway nor the start reaches without passing the gateway. At most one branch
    may lack markers; it gets the gateway's passes (the rows of its mapped predecessors)
    less the others.
    """
    mapped = set(obs.elements)
    counts = obs.counts()
    code = {e: i for i, e in enumerate(obs.elements)}
    out: dict[str, BranchFit] = {}
    for node in process.nodes.values():
        flows = process.outgoing(node.id)
        if not isinstance(node, Gateway) or node.gateway_kind != "exclusive" or len(flows) < 2:
            continue
        if node.id not in obs.graph:
            continue
        rest = obs.graph.copy()
        rest.remove_node(node.id)
        reach = {f.id: ({f.target} | nx.descendants(rest, f.target)) if f.target in rest else set() for f in flows}
        starts = [n for n in obs.graph if obs.graph.in_degree(n) == 0 and n != node.id]
        around = set(starts).union(*(nx.descendants(rest, n) for n in starts))  # reached without the gateway
        markers: dict[str, tuple[str, ...]] = {}
        for f in flows:
            first = {f.target} if f.target in mapped else through_unmapped(
                obs.graph, [f.target], mapped, blocked=frozenset({node.id}))
            others = set().union(*(reach[g.id] for g in flows if g.id != f.id))
            markers[f.id] = tuple(sorted(e for e in first if e not in others and e not in around))
        bare = [f.id for f in flows if not markers[f.id]]
        pre = sorted(through_unmapped(obs.graph, [node.id], mapped, reverse=True))
        if len(bare) > 1 or (bare and (not pre or not _passes_countable(process, obs.graph, node.id, mapped))):
            continue
        per_case = np.zeros((counts.shape[0], len(flows)))
        for j, f in enumerate(flows):
            if markers[f.id]:
                per_case[:, j] = counts[:, [code[e] for e in markers[f.id]]].sum(axis=1)
        if bare:
            j = [f.id for f in flows].index(bare[0])
            passes = counts[:, [code[e] for e in pre]].sum(axis=1)
            per_case[:, j] = np.clip(passes - per_case.sum(axis=1), 0, None)
            markers[bare[0]] = (f"passes ({', '.join(pre)}) less the other branches",)
        fit = branch_fit(node.id, [f.id for f in flows], per_case, markers)
        if fit is not None:
            out[node.id] = fit
    return out


def _passes_countable(process: Process, graph: nx.DiGraph, gateway: str, mapped: set[str]) -> bool:
    """True when each row of the steps before ``gateway`` is one pass of it: no other diverging
    gateway (only some of those rows reach this one) and no parallel join (one pass per joined
    branch) lies between them. A gateway reached only behind another decision keeps what the
    model's profile says: counting all rows before that decision as passes made, for example,
    half of Helsingborg's incomplete applications skip the supplement round and be dismissed."""
    seen: set[str] = set()
    todo = list(graph.predecessors(gateway))
    while todo:
        n = todo.pop()
        if n in seen or n in mapped:
            continue
        seen.add(n)
        node = process.nodes.get(n)
        if isinstance(node, Gateway) and (len(process.outgoing(n)) > 1 or (
                node.gateway_kind == "parallel" and len(process.incoming(n)) > 1)):
            return False
        todo.extend(graph.predecessors(n))
    return True


def branch_fit(gateway: str, flows: list[str], per_case: np.ndarray,
               markers: dict[str, tuple[str, ...]]) -> BranchFit | None:
    """Shares of ``flows`` from ``per_case`` (cases x flows: how often each case took each flow),
    with a percentile bootstrap over cases; ``None`` when no case passed the gateway."""
    total = per_case.sum(axis=0)
    if total.sum() < 1:
        return None
    probs = total / total.sum()
    rng = np.random.default_rng(0)
    boot = np.concatenate([per_case[idx].sum(axis=1)
                           for idx in resample_blocks(rng, per_case.shape[0], RESAMPLES)])
    boot = boot / np.clip(boot.sum(axis=1, keepdims=True), 1e-12, None)
    lo, hi = np.percentile(boot, [2.5, 97.5], axis=0)
    return BranchFit(gateway, dict(zip(flows, _rounded(probs), strict=True)),
                     {i: (round(float(a), 4), round(float(b), 4)) for i, a, b in zip(flows, lo, hi, strict=True)},
                     int(total.sum()), markers)


def fit_branching_replayed(process: Process, counts: dict[str, np.ndarray]) -> dict[str, BranchFit]:
    """Probabilities of each diverging gateway's flows from replayed counts
    (:func:`calibrate.replay.replay_counts`: per flow, how often each case took it)."""
    out: dict[str, BranchFit] = {}
    for node in process.nodes.values():
        flows = [f.id for f in process.outgoing(node.id)]
        if not isinstance(node, Gateway) or node.gateway_kind not in ("exclusive", "inclusive") or len(flows) < 2 \
                or not all(f in counts for f in flows):
            continue
        per_case = np.stack([counts[f] for f in flows], axis=1)
        fit = branch_fit(node.id, flows, per_case, {f: ("token replay",) for f in flows})
        if fit is not None:
            out[node.id] = fit
    return out
