"""Cases that cannot finish, said in plain words: a loop without end, and tokens stuck at joins.

A mixin of the engine's run (:class:`simulator.replication.Run`). A case that executes more than
``max_steps`` nodes stops the run at once, naming the loop it takes (:meth:`StuckCases.runaway`); cases
whose tokens all wait at joins that can no longer fire are reported at the end of the run
(:meth:`StuckCases.stuck_error`), as the model's deadlock when the model says why (a choice whose
branches reach different inputs of a parallel join, a path that runs only in some cases), else by the
flows no token came by. Its own module: it reads the model (validation, soundness, step names) only to
explain a failure, never while the run goes well.
"""

from __future__ import annotations

from collections import Counter

from processes.errors import SimulationError
from processes.model import Definitions, Process
from processes.soundness import said_per_join, waiting_joins
from processes.stepnames import step_said
from processes.validate import check
from simulator import tokens as T
from simulator.state import Case

__all__ = ["StuckCases"]


class StuckCases:
    """Runaway loops and stuck cases, for the run."""

    nodes: tuple[T.CompiledNode, ...]
    compiled: T.CompiledProcess
    process: Process | None
    max_steps: int
    stuck: dict[int, tuple[str, ...]]
    starved: dict[int, tuple[int, ...]]

    def runaway(self, case: Case, node: T.CompiledNode) -> None:
        if case.trail is None:
            case.trail = []
        case.trail.append(node.id)
        if len(case.trail) < 4 * len(self.nodes):
            return
        loop = [e for e, _ in Counter(case.trail).most_common()]
        raise SimulationError(
            f"case {case.id} executed more than {self.max_steps} steps: it loops without end through "
            f"{', '.join(repr(e) for e in loop)} (check the probabilities of the gateways on that loop)",
            element=loop[0],
        )


    def stuck_error(self) -> SimulationError:
        joins = Counter(j for waiting in self.stuck.values() for j in waiting)
        cases = sorted(self.stuck)
        shown = ", ".join(str(c) for c in cases[:10]) + (f" and {len(cases) - 10} more" if len(cases) > 10 else "")
        deadlock = self.deadlock_said(list(joins))
        if deadlock:  # the model's own deadlock: said in plain words, the join and the choice named
            return SimulationError(f"{len(cases)} case(s) cannot finish, a deadlock in the model: {deadlock} "
                                   f"(cases {shown}){self.dead_ends_said()}", element=next(iter(joins)))
        return SimulationError(
            f"{len(cases)} case(s) cannot finish: tokens wait at join(s) "
            f"{', '.join(repr(j) for j in joins)} that no other token can reach (cases {shown})"
            f"{self.starved_said()}{self.dead_ends_said()}",
            element=next(iter(joins)),
        )

    def dead_ends_said(self) -> str:
        """``; the way on stops at X, ...``: the elements of the model with no outgoing flow from which no path
        reaches an end (validate's ``dead-end``: a gateway; an activity there ends its path, BPMN's implicit end).
        A token that comes to one ends its path there, and a join after it waits for it for ever: in the model
        discover made of Helsingborg's log cut at day 100 the stuck joins were named, not the gateway where the
        tokens they waited for had ended."""
        if self.process is None:
            return ""
        leaving = {f.source for f in self.process.flows.values()}
        dead = [p.element for p in check(Definitions(processes=(self.process,)))
                if p.code == "dead-end" and p.element not in leaving]
        if not dead:
            return ""
        return (f"; the way on stops at {', '.join(repr(d) for d in dead)}: no outgoing flow, no path to an end "
                "(validate: dead-end), so a token there ends its path and a join after it waits for it for ever")

    def deadlock_said(self, joins: list[str]) -> str:
        """Why the parallel ``joins`` wait, when the model says it of each, one clause a join (else ``""``):
        a choice whose branches reach different inputs of the join (validate's ``xor-split-and-join``), or a
        path that runs only in some cases, one branch of a choice or a boundary event's
        (:mod:`processes.soundness`, validate's ``optional-path-join``)."""
        if self.process is None:
            return ""
        said = {p.element: p.message for p in check(Definitions(processes=(self.process,)))
                if p.code == "xor-split-and-join" and p.element in joins}
        waits = [w for w in waiting_joins(self.process) if w.join in joins and w.join not in said]
        said.update(said_per_join(self.process, waits))
        return "; ".join(said[j] for j in joins) if set(said) == set(joins) else ""

    def starved_said(self) -> str:
        """``; no token came to JOIN by 'flow' from STEP``, per stuck join: the path that did not come."""
        source = {fi: nd for nd in self.nodes for fi in nd.out}
        said = []
        for j, flows in self.starved.items():
            join = self.nodes[j]
            came = ", ".join(f"'{self.compiled.flow_ids[fi]}' from {step_said(source[fi].id, source[fi].name)}"
                             if fi in source else f"'{self.compiled.flow_ids[fi]}'" for fi in flows)
            if came:
                said.append(f"no token came to {step_said(join.id, join.name)} by {came}")
        return f"; {'; '.join(said)}" if said else ""
