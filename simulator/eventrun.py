"""Running what BPMN starts by an event: armed event subprocesses, escalations, compensation, a transaction's cancel.

A mixin of the engine's run (:class:`simulator.replication.Run`), as :mod:`simulator.activities` is; what is
compiled for it, and why, is in :mod:`simulator.eventpasses`.

- :meth:`EventExecution.arm`: when a scope starts (a case arrives, a subprocess instance begins), each
  non-interrupting event subprocess inside it gets a watcher: in the ``share`` of scope instances its
  trigger comes (one uniform draw of its own stream), its timer or ``delay:`` later; if the scope still
  runs then, a token starts the event subprocess in it, beside the scope's other tokens (so the scope
  ends when both are done). The watcher is no token: a scope that ends first is not held open by it.
- :meth:`EventExecution.interrupt`: an interrupting event subprocess whose trigger comes (or, for an error
  start event, an error end event of the scope that throws its error) cancels the scope's other tokens and
  watchers, and runs in their place; the scope ends when it ends (at the top level, at its end event: the
  case's outcome).
- :meth:`EventExecution.register`: an activity with a compensation handler that completes is remembered
  in its scope (a subprocess with what its own steps left to undo, too).
- :meth:`EventExecution.compensate`: a compensation throw or end event runs the handlers of the completed
  activities of its scope (or of the one its ``activityRef`` names), the last completed first, one after
  the other, and goes on when they are done (BPMN's waitForCompletion). A subprocess's handler is its
  compensation event subprocess, run with what the subprocess left to undo; a subprocess without one
  undoes its own completed steps (BPMN's default compensation). A cancel end event first cancels the
  other tokens of its transaction, then compensates all of it; the transaction then ends with the
  cancel that only its cancel boundary event catches (:data:`simulator.tokens.CANCELLED`; without one
  the path ends there: :meth:`simulator.activities.ActivityExecution.rethrow`).
- :meth:`EventExecution.escalate`: an escalation throw or end event throws its escalation to the nearest
  escalation event subprocess or escalation boundary event of the scopes around it; a non-interrupting
  one runs beside, and the thrower goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from simulator import tokens as T
from simulator.simpyimport import simpy
from simulator.state import Scope

__all__ = ["EventExecution"]

#: one completed activity to undo: (its node, its handler or -1, what it left to undo inside or None)
Undo = tuple[int, int, "list[Any] | None"]


class EventExecution:
    """Armed event subprocesses and compensation, as simpy sub-generators of the run."""

    env: simpy.Environment
    timeout: Callable[[float], simpy.Event]
    nodes: tuple[T.CompiledNode, ...]
    route_draws: list[Any]
    spawn: Callable[[Scope, int, int, bool], None]  # provided by the run
    cancel: Callable[..., None]  # provided by the run
    delay_of: Callable[[Any, int], float]  # provided by the run
    body: Callable[[Scope, T.CompiledNode], Any]  # provided by the run
    subprocess: Callable[..., Any]  # provided by the run
    next_token: int  # provided by the run
    token_gone: Callable[[Scope, int], None]  # provided by the run
    compiled: T.CompiledProcess  # provided by the run
    recorder: Any  # provided by the run

    def arm(self, scope: Scope, watch: tuple[int, ...]) -> None:
        """A watcher for each event subprocess of ``watch``, armed as ``scope`` starts."""
        for n in watch:
            node = self.nodes[n]
            if node.timer is None and node.delay is None:
                continue  # an error event subprocess that only an error end event of the scope starts
            if node.share < 1.0 and next(self.route_draws[n]) >= node.share:
                continue  # its trigger does not come in this case
            after = node.timer.delay(self.env.now) if node.timer is not None else self.delay_of(scope.case, n)
            self.env.process(self.watcher(scope, n, after))

    def watcher(self, scope: Scope, n: int, after: float) -> Any:
        timer = self.nodes[n].timer
        left = timer.repeat if timer is not None else 0  # a timer cycle's further firings (-1: without end)
        while True:
            yield self.timeout(after)
            if scope.active <= 0 or scope.cancelled:  # the scope has ended (or was interrupted): no trigger now
                return
            if self.nodes[n].interrupting:
                self.interrupt(scope, n)
                return
            self.spawn(scope, n, -1, False)  # the event subprocess starts in the scope, beside its tokens
            if left == 0 or timer is None:
                return
            left -= 1
            after = timer.after

    def interrupt(self, scope: Scope, n: int) -> None:
        """The interrupting event subprocess ``n`` starts in ``scope``: every other token of the scope ends (and
        the subprocesses inside it, and its other event subprocesses: their triggers no longer come), and the
        event subprocess runs in their place; the scope ends when it ends."""
        self.cancel(scope, keep_self=True)
        scope.active += 1  # held at once: the tokens cancelled now must not end the scope before it starts
        self.env.process(self.take_over(scope, n))

    def take_over(self, scope: Scope, n: int) -> Any:
        """Run the interrupting event subprocess ``n`` as the last token of ``scope`` (its ``active`` counted
        by :meth:`interrupt`). An error its end throws is the scope's; at the top level its end event is the
        case's outcome (set by the run's ``reach_end``)."""
        tid = self.next_token
        self.next_token += 1
        if scope.procs is None:
            scope.procs = {}
        scope.procs[tid] = self.env.active_process  # a cancel of the scope from outside ends it too
        try:
            error = yield from self.body(scope, self.nodes[n])
            if error is not None:
                scope.error = error
        except simpy.Interrupt:
            pass
        finally:
            scope.procs.pop(tid, None)
            self.token_gone(scope, tid)

    def escalate(self, scope: Scope, node: T.CompiledNode) -> bool:
        """The escalation throw or end event ``node`` reached in ``scope`` throws its escalation to the nearest
        scope that catches it (BPMN 10.5.6): an escalation event subprocess of ``scope`` (its escalationRef, or
        none), else an escalation boundary event on ``scope``'s subprocess, then the scope around, and so on (what
        an event subprocess throws is not caught by its own scope's event subprocesses). A non-interrupting
        event subprocess starts beside the scope's tokens, a non-interrupting boundary event's path beside its
        activity, and the thrower goes on (False). An interrupting one ends the scope's other work and runs in
        its place, an interrupting boundary event ends its subprocess and the activity leaves by it; the thrower
        ends (True). Nothing catches it: no effect (an escalation is not an error)."""
        code, here, from_event = node.error_ref, scope, False
        while True:
            if not from_event and not here.cancelled:  # (interrupted: its event subprocesses no longer start)
                watch = self.compiled.watch if here.parent is None else self.nodes[here.node].watch
                for n in watch:
                    esp = self.nodes[n]
                    if esp.catches_escalation and esp.error_ref in ("", code):
                        if esp.interrupting:
                            self.interrupt(here, n)
                            return True
                        self.spawn(here, n, -1, False)
                        return False
            if here.parent is None:
                return False
            host = self.nodes[here.node]
            for b in host.boundaries:
                bn = self.nodes[b]
                if bn.catches_escalation and bn.error_ref in ("", code):
                    if bn.interrupting:  # the subprocess ends in it: its activity leaves by ``b``
                        if here.error is None:  # (not already ending in an error)
                            here.error = f"{T.ESCALATED}{b}"
                            self.cancel(here, keep_self=True)
                        return True
                    self.recorder.boundary(here.case, bn, self.env.now)
                    self.spawn(here.parent, b, -1, True)
                    return False
            from_event, here = host.triggered, here.parent

    def register(self, scope: Scope, activity: int, handler: int, inner: list[Undo] | None) -> None:
        """``activity`` completed in ``scope`` with ``handler`` (or, -1, with ``inner`` to undo)."""
        if scope.compensable is None:
            scope.compensable = []
        scope.compensable.append((activity, handler, inner))

    def compensate(self, scope: Scope, node: T.CompiledNode) -> Any:
        """The compensation throw, compensation end or cancel end event ``node`` reached in ``scope``."""
        if node.error_ref == T.CANCELLED:
            self.cancel(scope, keep_self=True)  # the transaction's other tokens end first
        done = scope.compensable
        if not done:
            return
        chosen = [u for u in done if node.compensate_ref < 0 or u[0] == node.compensate_ref]
        for u in chosen:
            done.remove(u)
        for _activity, handler, inner in reversed(chosen):
            yield from self.undo(scope, handler, inner)

    def undo(self, scope: Scope, handler: int, inner: list[Undo] | None) -> Any:
        """Run one completed activity's handler, or undo its inside."""
        if handler >= 0:
            h = self.nodes[handler]
            if h.kind == T.SUBPROCESS:  # a compensation event subprocess: its throws undo ``inner``
                yield from self.subprocess(scope, h, inner)
            else:
                yield from self.body(scope, h)
            return
        while inner:
            _activity, deeper, below = inner.pop()
            yield from self.undo(scope, deeper, below)
