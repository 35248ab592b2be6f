"""The choices a case's circumstances make, and the legal clock's marks.

A mixin of the engine's run (:class:`simulator.replication.Run`). An exclusive gateway chooses by its
conditions over the case's attributes or by its probabilities, within loop caps
(:meth:`RuledChoices.free_choice`); the outcome gateway's choice is made ahead, at the decision, when
the deciding level depends on it (:meth:`RuledChoices.planned_outcome`); the legal clock's extension
gateway extends the handling time by its rule (:meth:`RuledChoices.extension_choice`); and the clock's
start and stop steps mark the case (:meth:`RuledChoices.mark`). Its own module: these are the rules of
the permit process (delegation, the clock, its extension), not the token's routing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from processes.errors import SimulationError
from processes.params import SimParams
from simulator import tokens as T
from simulator.simpyimport import simpy
from simulator.state import Case

__all__ = ["RuledChoices"]


class RuledChoices:
    """Gateway choices by condition, outcome and the legal clock, for the run."""

    env: simpy.Environment
    nodes: tuple[T.CompiledNode, ...]
    compiled: T.CompiledProcess
    params: SimParams
    workplace: Any
    route_draws: list[Any]
    mark_complete: int
    mark_decision: int

    respect_caps: Callable[[Case, T.CompiledNode, int], int]  # provided by the run (simulator.joins)

    def free_choice(self, case: Case, node: T.CompiledNode) -> int:
        """An exclusive gateway's own choice: by condition or probability, within loop caps."""
        if node.conditions:
            pos = self.by_condition(case, node)
        else:
            pos = T.choose_exclusive(node, next(self.route_draws[node.index]))  # type: ignore[arg-type]
        if node.caps and case.visits is not None:
            pos = self.respect_caps(case, node, pos)
        return pos

    def ruled_route(self, case: Case, node: T.CompiledNode) -> int:
        """The outcome gateway (its choice made ahead, at the decision, when it was needed
        there) or the legal clock's extension gateway."""
        if node.route == T.ROUTE_OUTCOME:
            if case.preset is not None and node.index in case.preset:
                return case.preset.pop(node.index)
            return self.free_choice(case, node)
        return self.extension_choice(case, node)

    def planned_outcome(self, case: Case) -> str | None:
        """The decided outcome (grant or refusal) the case is heading for: the outcome
        gateway's choice, made now (the officer's proposal) and kept for when the case gets there."""
        g = self.compiled.outcome_gateway
        if g < 0:
            return None
        if case.preset is None:
            case.preset = {}
        if g not in case.preset:
            case.preset[g] = self.free_choice(case, self.nodes[g])
        return self.compiled.outcome_kinds[case.preset[g]] or None

    def decision_level(self, case: Case) -> str | None:
        """Who decides this case: the delegation level, by its outcome when the delegation order says so."""
        decision = self.params.decision
        if decision is None:
            return None
        return decision.level_for(self.planned_outcome(case)) if decision.by_outcome else decision.delegation

    def extension_choice(self, case: Case, node: T.CompiledNode) -> int:
        """Extend the handling time (once, with a notice before the deadline) or not.

        ``projected``: extend when the decision, projected from the deciding body's next
        meeting, would come after the deadline; ``probabilities``: the gateway's own
        draw. Either way only while the clock runs and has not run out.
        """
        clock = self.params.clock
        pos = node.extension_pos
        if clock is None:  # an extension gateway is compiled only for a clock's extension_flow
            return 1 - pos
        drawn = -1 if clock.extension_rule == "projected" else T.choose_exclusive(
            node, next(self.route_draws[node.index]))  # type: ignore[arg-type]
        now = self.env.now
        if case.extended or math.isnan(case.complete) or not math.isnan(case.decision):
            return 1 - pos
        due = case.complete + clock.span(case.complete, self.params.start)
        if not now < due:
            return 1 - pos
        if drawn < 0:
            take = self.workplace.projected_decision(self.decision_level(case), now) > due
        else:
            take = drawn == pos
        if take:
            case.extended = True
            return pos
        return 1 - pos

    def mark(self, case: Case, n: int) -> None:
        if n == self.mark_complete and math.isnan(case.complete):
            case.complete = self.env.now
        if n == self.mark_decision and math.isnan(case.decision):
            case.decision = self.env.now

    def by_condition(self, case: Case, node: T.CompiledNode) -> int:
        pos = T.choose_by_condition(node, case.attrs)
        if pos < 0:
            raise SimulationError(
                f"case {case.id} has attributes {dict(case.attrs)!r}: no condition of this gateway holds and it "
                "has no default flow (add a default flow or a condition that covers these values)",
                element=node.id,
            )
        return pos
