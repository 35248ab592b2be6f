"""Plain records a simulation run emits; every figure is a pure function of them.

Times are simulation hours from ``SimParams.start`` (00:00 local). ``nan`` marks a
time that did not happen (a case rejected before submission completed, or still
open when the run stopped).

The records made once per case and per step (:class:`CaseRecord`,
:class:`ActivityRecord`, :class:`ResourceInterval`) are named tuples: as immutable
as the frozen dataclasses of the rest, read the same way (by field name), and
made about ten times faster (a frozen dataclass sets each field through
``object.__setattr__``; a run with records makes one to three per step).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from processes.frozenclass import frozen_dataclass

__all__ = [
    "CaseRecord",
    "ActivityRecord",
    "ResourceInterval",
    "PoolRecord",
    "MeetingRecord",
    "SimResult",
]

NAN = float("nan")


class CaseRecord(NamedTuple):
    """One case: arrival (= submission), the legal clock's start (complete) and
    stop (decision), when its last token finished, and how it ended.

    ``outcome`` is the id of the end event that finished the case (the last one
    reached; a terminate end event wins), or ``"open"`` when the run stopped first;
    ``simulation.outcomes`` says what it means (grant, refusal, withdrawal,
    dismissal). ``extended``: the legal clock's one extension was taken.
    """

    case: int
    arrival: float
    complete: float = NAN
    decision: float = NAN
    end: float = NAN
    outcome: str = "open"
    extended: bool = False

    @property
    def submission(self) -> float:
        """The applicant's submission: the case's arrival."""
        return self.arrival


class ActivityRecord(NamedTuple):
    """One execution of an activity (task, subprocess, catch event, decision).

    ``enable``: the token arrived; ``start``: work (or the wait) began, after any
    queue for a pool member or a meeting; ``end``: it finished (or was cancelled,
    then ``cancelled`` is true). ``resource`` is the pool name, the deciding
    body for a decision at a meeting, or ``""``. ``work`` is the work hours spent
    (0 for pure delays); ``end - start - work`` is time paused outside the calendar.
    ``member``: the person who did it, when the pool names its people (else ``""``).
    """

    case: int
    element: str
    name: str
    resource: str
    enable: float
    start: float
    end: float
    work: float = 0.0
    cancelled: bool = False
    member: str = ""


class ResourceInterval(NamedTuple):
    """A pool member held by a case from ``start`` to ``end`` (pauses included)."""

    pool: str
    case: int
    element: str
    start: float
    end: float
    work: float


@frozen_dataclass
class PoolRecord:
    """A pool's size and its member-hours available in the observed period."""

    pool: str
    count: int
    fte: float
    available_hours: float
    cost_per_hour: float


@frozen_dataclass
class MeetingRecord:
    """A meeting of a deciding body and the cases decided on its agenda."""

    body: str
    time: float
    cases: tuple[int, ...]


@frozen_dataclass
class SimResult:
    """What :func:`simulator.engine.simulate` returns.

    With ``keep_records=False`` the record tuples are empty and ``summary`` (a
    :class:`simulator.stats.Summary`, built by streaming accumulators) carries
    the figures; with records the figures come from the records
    (:func:`simulator.stats.figures`) and ``summary`` carries only the run's
    settings (deadline, extension, outcomes, window), its accumulators empty.
    """

    seed_entropy: Any
    horizon: float  # end of the observation window (hours)
    warmup: float = 0.0  # start of the observation window (hours)
    cases: tuple[CaseRecord, ...] = ()
    activities: tuple[ActivityRecord, ...] = ()
    intervals: tuple[ResourceInterval, ...] = ()
    pools: tuple[PoolRecord, ...] = ()
    meetings: tuple[MeetingRecord, ...] = ()
    summary: Any = None
    events: int = 0  # nodes executed by finished cases (a measure of work for benchmarks)
