"""Executing activities: work, delays, subprocesses, loops, multi-instance, boundary events, races.

A mixin of the engine's run (:class:`simulator.replication.Run`): every method is a
simpy generator or a helper of one, and uses the run's environment, draw
iterators, workplace and recorder.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from simulator import tokens as T
from simulator.simpyimport import simpy
from simulator.state import Box, Scope

__all__ = ["ActivityExecution"]


class ActivityExecution:
    """Activities of a compiled process, as simpy sub-generators."""

    env: simpy.Environment
    timeout: Callable[[float], simpy.Event]  # env.timeout, made in one call (simulator.tokenprocess.timeouts)
    nodes: tuple[T.CompiledNode, ...]
    compiled: T.CompiledProcess
    delay_draws: list[Any]
    delay_quantiles: list[Any] | None  # with simulation.case_delays: each delay's z -> hours (simulator.casedelays)
    case_weights: tuple[float, float]  # (sqrt(rho), sqrt(1 - rho)) of the case factor and the element's own draw
    work_draws: list[Any]
    route_draws: list[Any]
    count_draws: list[Any]
    fail_draws: dict[int, Any]  # a black box with error boundary events of a share: its draw per completed run
    workplace: Any
    recorder: Any

    spawn: Callable[[Scope, int, int, bool], None]  # provided by the run

    cancel: Callable[..., None]  # provided by the run

    decision_level: Callable[[Any], str | None]  # provided by the run

    arm: Callable[[Scope, tuple[int, ...]], None]  # provided by the run (simulator.eventrun)

    register: Callable[[Scope, int, int, Any], None]  # provided by the run (simulator.eventrun)

    error_catcher: Callable[[Scope, str], int]  # provided by the run

    interrupt: Callable[[Scope, int], None]  # provided by the run (simulator.eventrun)

    def activity(self, scope: Scope, node: T.CompiledNode) -> Any:
        """Execute an activity with its loop, multi-instance and boundary events;
        return the node to route from (the activity, or a boundary event that
        interrupted it), or -1 when an error thrown inside goes on uncaught (:meth:`rethrow`)."""
        if not node.boundaries:
            error = yield from self.body(scope, node)
            return node.index if error is None else self.rethrow(scope, node, error)
        env = self.env
        box = Box()
        box.proc = env.process(self.boxed(scope, node, box))
        armed = []  # (time, boundary index, firings left)
        for b in node.boundaries:
            bn = self.nodes[b]
            if bn.error or bn.catches_escalation:  # (caught from a throw inside)
                continue
            if bn.timer is not None:
                armed.append((env.now + bn.timer.delay(env.now), b, bn.timer.repeat))
            else:
                armed.append((env.now + self.delay_of(scope.case, b), b, 0))
        try:
            while True:
                if not armed:
                    yield box.proc
                    break
                armed.sort()
                at, b, left = armed[0]
                yield box.proc | self.timeout(at - env.now)
                if not box.proc.is_alive:
                    break
                if env.now < at:
                    continue
                bn = self.nodes[b]
                armed.pop(0)
                self.recorder.boundary(scope.case, bn, env.now)
                if bn.interrupting:
                    box.cancel()
                    return b
                self.spawn(scope, b, -1, True)
                if left != 0 and bn.timer is not None:
                    armed.append((env.now + bn.timer.after, b, left - 1))
        except simpy.Interrupt:
            box.cancel()
            raise
        error = box.proc.value
        if error is None and node.fails:  # a black box: its run ends in an error in the share the profile gives
            u = next(self.fail_draws[node.index])
            for b, cumulative in node.fails:
                if u < cumulative:
                    self.recorder.boundary(scope.case, self.nodes[b], env.now)
                    return b
        if error is not None and error.startswith(T.ESCALATED):  # its interrupting escalation boundary event
            b = int(error[len(T.ESCALATED):])  # caught an escalation thrown inside (simulator.eventrun.escalate)
            self.recorder.boundary(scope.case, self.nodes[b], env.now)
            return b
        if error is not None:
            for b in node.boundaries:
                bn = self.nodes[b]
                # an error boundary event without a code catches every error, but not a transaction's cancel
                if bn.error and (bn.error_ref == error or (not bn.error_ref and error != T.CANCELLED)):
                    self.recorder.boundary(scope.case, bn, env.now)
                    return b
            return self.rethrow(scope, node, error)
        return node.index

    def rethrow(self, scope: Scope, node: T.CompiledNode, error: str) -> int:
        """The error ``error`` a subprocess ``node`` ended in, no error boundary event on it catching it, is
        thrown on in ``scope`` (BPMN 10.5.6: to the nearest enclosing scope that catches it): an error event
        subprocess of ``scope`` catching it takes the scope over, else the scope ends in that error (its
        other tokens cancelled) and its own activity's boundary events, then the scope around, catch it; at
        the top uncaught, the error end event that threw it is the case's outcome, as an error end event
        of the top level is. The token goes no further (-1). A transaction's cancel that no cancel boundary
        event on it catches goes no further either, and no higher (BPMN 10.5.6: only that event catches it and
        leads on; the transaction's outgoing flow is for its completion): the path ends there, the scope's
        other tokens go on, and at the top the cancel end event is the case's outcome (it was left by the
        outgoing flow, as if completed). An error of an event subprocess is not caught by its own scope's
        event subprocesses (it ends that scope, as an interrupting one's does:
        :meth:`simulator.eventrun.EventExecution.take_over`)."""
        if error == T.CANCELLED:
            if scope.parent is None:
                scope.case.outcome = scope.thrower
            return -1
        catcher = -1 if node.triggered else self.error_catcher(scope, error)
        if catcher >= 0:
            self.interrupt(scope, catcher)
        elif scope.parent is not None:
            scope.error = error
            self.cancel(scope, keep_self=True)
        else:
            scope.case.outcome = scope.thrower
        return -1

    def boxed(self, scope: Scope, node: T.CompiledNode, box: Box, instance: bool = False) -> Any:
        """``body`` (or, for one multi-instance, ``once``) as a process that can be cancelled."""
        if box.cancelled:
            return None
        box.started = True
        try:
            if instance:
                return (yield from self.once(scope, node))
            return (yield from self.body(scope, node))
        except simpy.Interrupt:
            return None

    def body(self, scope: Scope, node: T.CompiledNode) -> Any:
        """The activity's iterations: multi-instance, standard loop, or once.
        Returns an error code thrown inside (a subprocess's error end), or None."""
        if node.mi_cardinality is None and not node.loop_max:
            return (yield from self.once(scope, node))
        if node.mi_cardinality is not None:
            count = node.mi_cardinality if isinstance(node.mi_cardinality, int) else int(round(next(self.count_draws[node.index])))  # type: ignore[arg-type]
            if node.mi_sequential:
                for _ in range(count):
                    error = yield from self.once(scope, node)
                    if error is not None:
                        return error
                return None
            boxes = []
            for _ in range(count):
                box = Box()
                box.proc = self.env.process(self.boxed(scope, node, box, instance=True))
                boxes.append(box)
            try:
                yield self.env.all_of([box.proc for box in boxes])
            except simpy.Interrupt:
                for box in boxes:
                    box.cancel()
                raise
            for box in boxes:
                if box.proc.value is not None:
                    return box.proc.value
            return None
        iterations = 0
        while True:
            error = yield from self.once(scope, node)
            iterations += 1
            if error is not None or iterations >= node.loop_max:
                return error
            if node.loop_again >= 0 and next(self.route_draws[node.index]) >= node.loop_again:  # type: ignore[arg-type]
                return None

    def once(self, scope: Scope, node: T.CompiledNode) -> Any:
        """One execution of a task, call activity or embedded subprocess."""
        case = scope.case
        if node.visit_cap and case.visits is not None:
            case.visits[node.index] = case.visits.get(node.index, 0) + 1
        if node.kind == T.SUBPROCESS:
            return (yield from self.subprocess(scope, node))
        if node.decision:
            yield from self.workplace.decide(case, node, self.recorder, self.decision_level(case))
            return None
        if node.work is not None:
            yield from self.workplace.work(case, node, next(self.work_draws[node.index]), self.recorder)  # type: ignore[arg-type]
        if node.delay is not None:
            enable = self.env.now
            yield self.timeout(self.delay_of(case, node.index))
            self.recorder.waited(case, node, enable)
        elif node.work is None:
            self.recorder.waited(case, node, self.env.now)
        if node.handler >= 0:  # completed: its compensation handler may undo it later
            self.register(scope, node.index, node.handler, None)
        return None

    def subprocess(self, scope: Scope, node: T.CompiledNode, undoing: list[Any] | None = None) -> Any:
        """An instance of the subprocess ``node`` in ``scope``; ``undoing``: it is a compensation event
        subprocess, run with what the subprocess it undoes left to undo (its throws take from it)."""
        env = self.env
        child = Scope(scope.case, scope, node.index, node.index in self.compiled.has_inclusive_join, env.event())
        if undoing is not None:
            child.compensable = undoing
        enable = env.now
        self.spawn(child, node.first, -1, False)
        if node.watch:
            self.arm(child, node.watch)
        try:
            error = yield child.done
        except simpy.Interrupt:
            self.cancel(child)
            raise
        self.recorder.waited(scope.case, node, enable)
        if error is not None:
            scope.thrower = child.thrower  # (rethrow: the outcome of an error no scope catches)
        if error is None and undoing is None and (node.handler >= 0 or child.compensable):
            self.register(scope, node.index, node.handler, child.compensable)
        return error

    def delay_of(self, case: Any, index: int) -> float:
        """The next delay of node ``index`` in ``case``: its stream's next draw, or with
        ``simulation.case_delays`` that draw's normal score joined with the case's factor."""
        if self.delay_quantiles is None:
            return next(self.delay_draws[index])  # type: ignore[no-any-return]
        shared, own = self.case_weights
        return self.delay_quantiles[index](shared * case.factor + own * next(self.delay_draws[index]))  # type: ignore[no-any-return]

    def catch_delay(self, case: Any, node: T.CompiledNode) -> float:
        if node.timer is not None:
            return node.timer.delay(self.env.now)
        return self.delay_of(case, node.index)

    def race(self, scope: Scope, node: T.CompiledNode) -> Any:
        """Event-based gateway: every catch after it draws its time; the first wins."""
        best, winner = math.inf, -1
        for t in node.race:
            tn = self.nodes[t]
            delay = self.catch_delay(scope.case, tn) if tn.kind != T.ACTIVITY else self.delay_of(scope.case, t) if self.delay_draws[t] else 0.0
            if delay < best:
                best, winner = delay, t
        enable = self.env.now
        yield self.timeout(best)
        self.recorder.waited(scope.case, self.nodes[winner], enable)
        return winner
