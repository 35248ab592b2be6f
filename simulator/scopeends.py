"""How a scope ends: end events, thrown errors, cancellation, and a scope's last token.

A mixin of the engine's run (:class:`simulator.replication.Run`), as :mod:`simulator.joins` is. Its own
module because it is the other side of the token's loop: what happens when a token has nowhere to go
(an end event, an error end event caught by the scope's error event subprocess or by a boundary event
around it, a terminate end event), and when the last token of a scope goes (the case ends, or the
subprocess instance reports its end), or waits at a join no token can reach any more (a stuck case:
:mod:`simulator.stuck` says why).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from simulator import tokens as T
from simulator.simpyimport import simpy
from simulator.state import Scope

__all__ = ["ScopeEnds"]


class ScopeEnds:
    """End events and the end of a scope's tokens, for the run."""

    env: simpy.Environment
    nodes: tuple[T.CompiledNode, ...]
    compiled: T.CompiledProcess
    recorder: Any
    events: int
    stuck: dict[int, tuple[str, ...]]
    starved: dict[int, tuple[int, ...]]

    interrupt: Callable[[Scope, int], None]  # provided by the run (simulator.eventrun)
    recheck_inclusive: Callable[[Scope, int], None]  # provided by the run (simulator.joins)

    def reach_end(self, scope: Scope, node: T.CompiledNode) -> None:
        if node.kind != T.ACTIVITY and not node.triggered:  # (an event subprocess: no end)
            if scope.parent is None:
                scope.case.outcome = node.id
            elif scope.parent.parent is None and self.nodes[scope.node].triggered and \
                    self.nodes[scope.node].interrupting:  # the end of an interrupting event subprocess ends the case
                scope.case.outcome = node.id
        if node.error and node.error_ref != T.CANCELLED:
            catcher = self.error_catcher(scope, node.error_ref)
            if catcher >= 0:  # an error event subprocess of the scope catches it and takes the scope over
                self.interrupt(scope, catcher)
                return
        if node.error and scope.parent is not None:
            scope.error = node.error_ref or node.id
            scope.thrower = node.id
            self.cancel(scope, keep_self=True)
        elif node.kind == T.TERMINATE:
            if scope.parent is None:
                scope.case.outcome = node.id
            self.cancel(scope, keep_self=True)

    def error_catcher(self, scope: Scope, thrown: str) -> int:
        """The error event subprocess of ``scope`` that catches the error ``thrown`` there, or -1."""
        if scope.cancelled:  # (already interrupted)
            return -1
        watch = self.compiled.watch if scope.parent is None else self.nodes[scope.node].watch
        for n in watch:
            esp = self.nodes[n]
            if esp.error and esp.error_ref in ("", thrown):
                return n
        return -1

    def cancel(self, scope: Scope, keep_self: bool = False) -> None:
        """Cancel every token of ``scope`` (and of subprocesses inside it)."""
        scope.cancelled = True
        if scope.joins:
            scope.joins.clear()
        me = self.env.active_process
        for proc in list((scope.procs or {}).values()):
            if proc is me and keep_self:
                continue
            if proc.is_alive and proc is not me:
                proc.interrupt("cancel")

    def token_gone(self, scope: Scope, tid: int) -> None:
        scope.active -= 1
        if scope.track:
            scope.positions.pop(tid, None)  # type: ignore[union-attr]
            if scope.joins and scope.active > 0:
                self.recheck_inclusive(scope, -1)
        if scope.active:
            return
        if scope.joins:
            self.recheck_inclusive(scope, -1)
            if scope.active:
                return
            waiting = self.waiting_joins(scope)
            if waiting:
                self.stuck[scope.case.id] = waiting
                return
        if scope.parent is None:
            case = scope.case
            case.end = self.env.now
            self.events += case.steps
            self.recorder.case_done(case)
        else:
            scope.done.succeed(scope.error)

    def waiting_joins(self, scope: Scope) -> tuple[str, ...]:
        """The joins of ``scope`` that hold a token (a method of its own: :meth:`token_gone`, which runs once
        per token, makes no closure cell for this generator expression)."""
        waiting = tuple(sorted((self.nodes[j].id, j) for j, c in scope.joins.items() if any(c)))  # type: ignore[union-attr]
        for _, j in waiting:  # the first stuck case says which flows each join still waits by
            if j not in self.starved:
                counts = scope.joins[j]  # type: ignore[index]
                self.starved[j] = tuple(fi for fi, c in zip(self.nodes[j].in_flows, counts, strict=True) if c == 0)
        return tuple(join for join, _ in waiting)
