"""Run-time state of a simulation: cases, scopes (process or subprocess instances), cancellable bodies.

Plain mutable objects with ``__slots__``, private to the engine; the records a
run returns are in :mod:`simulator.records`.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["Case", "Scope", "Box"]


class Case:
    __slots__ = ("id", "arrival", "complete", "decision", "end", "outcome", "steps", "visits", "trail",
                 "attrs", "extended", "preset", "factor")

    def __init__(self, case_id: int, arrival: float) -> None:
        self.id = case_id
        self.arrival = arrival
        self.complete = math.nan
        self.decision = math.nan
        self.end = math.nan
        self.outcome = "open"
        self.steps = 0
        self.visits: dict[int, int] | None = None
        self.trail: list[str] | None = None
        self.attrs: dict[str, object] = {}  # case attributes drawn at arrival (read by conditions)
        self.extended = False  # the legal clock's one extension was taken (with its notice to the applicant)
        self.preset: dict[int, int] | None = None  # gateway index -> position in its ``out`` chosen ahead
        self.factor = 0.0  # the case's normal score shared by its delays (simulation.case_delays; else unused)


class Scope:
    """One instance of the process, or of an embedded subprocess."""

    __slots__ = ("case", "parent", "node", "active", "positions", "joins", "procs", "done", "error",
                 "thrower", "cancelled", "track", "compensable")

    def __init__(self, case: Case, parent: Scope | None, node: int, track: bool, done: Any) -> None:
        self.case = case
        self.parent = parent
        self.node = node
        self.active = 0
        self.track = track
        # created on first use: most scopes never need them
        self.positions: dict[int, int] | None = {} if track else None
        self.joins: dict[int, list[int]] | None = None
        self.procs: dict[int, Any] | None = None
        self.done = done
        self.error: str | None = None
        self.thrower = ""  # the error end event whose error ``error`` is (the case's outcome if none catches it)
        self.cancelled = False
        # (activity, handler, what it left to undo inside) of each activity completed with a compensation
        # handler, in the order they completed (simulator.eventrun); created on first use
        self.compensable: list[Any] | None = None


class Box:
    """A body process (activity under boundary events or a multi-instance) and
    whether it was cancelled before it started."""

    __slots__ = ("proc", "started", "cancelled")

    def __init__(self) -> None:
        self.proc: Any = None
        self.started = False
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True
        if self.started and self.proc.is_alive:
            self.proc.interrupt("cancel")
