"""Joins and loop caps: when a parallel or inclusive join fires, and where a capped loop may go.

A mixin of the engine's run (:class:`simulator.replication.Run`). An inclusive join
fires when no live token of its scope can still reach one of its empty incoming
flows without passing through it (the reachability sets are precomputed per
incoming flow by :mod:`simulator.tables`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from simulator import tokens as T
from simulator.state import Case, Scope

__all__ = ["JoinRouting"]


class JoinRouting:
    """Join bookkeeping per scope, and loop caps per case."""

    nodes: tuple[T.CompiledNode, ...]
    route_draws: list[Any]

    spawn: Callable[[Scope, int, int, bool], None]  # provided by the run

    def arrive_at_join(self, scope: Scope, node: T.CompiledNode, via: int) -> bool:
        """Count a token arriving at a join; True if it fires now (this token goes on)."""
        if scope.joins is None:
            scope.joins = {}
        counts = scope.joins.get(node.index)
        if counts is None:
            counts = scope.joins[node.index] = [0] * len(node.in_flows)
        counts[node.in_flows.index(via)] += 1
        if node.kind == T.PARALLEL:
            if min(counts) == 0:
                return False
            for i in range(len(counts)):
                counts[i] -= 1
        else:
            if not self.inclusive_ready(scope, node, counts, exclude=node.index):
                return False
            for i in range(len(counts)):
                if counts[i]:
                    counts[i] -= 1
        if not any(counts):
            del scope.joins[node.index]
        return True

    def inclusive_ready(self, scope: Scope, node: T.CompiledNode, counts: list[int], exclude: int) -> bool:
        """No live token of the scope can still reach an empty incoming flow."""
        positions = set(scope.positions.values()) if scope.positions else set()
        positions.discard(exclude)
        for j, waiting in (scope.joins or {}).items():
            if j != node.index and any(waiting):
                positions.add(j)
        for i, c in enumerate(counts):
            if c == 0 and not positions.isdisjoint(node.reach[i]):
                return False
        return True

    def recheck_inclusive(self, scope: Scope, moved_to: int) -> None:
        """A token moved: an inclusive join waiting for it may now fire."""
        for j in list(scope.joins or ()):
            if j == moved_to:
                continue  # the token arriving there is counted by arrive_at_join
            nd = self.nodes[j]
            counts = scope.joins.get(j)  # type: ignore[union-attr]
            if nd.kind != T.INCLUSIVE or not counts or not any(counts):
                continue
            if self.inclusive_ready(scope, nd, counts, exclude=j):
                for i in range(len(counts)):
                    if counts[i]:
                        counts[i] -= 1
                if not any(counts):
                    del scope.joins[j]  # type: ignore[union-attr]
                self.spawn(scope, j, -1, True)

    def respect_caps(self, case: Case, node: T.CompiledNode, pos: int) -> int:
        """Do not send a case back into a loop whose capped element is used up."""
        visits = case.visits or {}

        def used_up(p: int) -> bool:
            return any(visits.get(c, 0) >= cap for c, cap in node.caps[p])

        if not used_up(pos):
            return pos
        open_ = [p for p in range(len(node.out)) if not used_up(p)]
        if not open_:
            return pos
        weights = [node.cumulative[p] - (node.cumulative[p - 1] if p else 0.0) for p in open_]
        total = sum(weights)
        if total <= 0:
            return open_[0]
        u = next(self.route_draws[node.index]) * total  # type: ignore[arg-type]
        for p, w in zip(open_, weights, strict=True):
            u -= w
            if u < 0:
                return p
        return open_[-1]
