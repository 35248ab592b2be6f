"""What a goal seek asks and what it answers: the target, the request, each candidate as run and the result.

These are the plain values the search (:func:`scenarios.optimise.optimise`) takes and gives, and all that the
report (``report/goalseek.py``), the web page and the command line read of it; they hold no search logic, so
they are a module of their own below the search. A cost is compared to the öre (:func:`kr_to_ore`)
everywhere the search compares costs, so that rule lives here too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from processes.errors import InputError, PermitflowError
from processes.limits import MAX_SETTLE
from scenarios.compare import Estimate
from scenarios.levers import Candidate, Costs, Levers
from scenarios.study import Scenario

__all__ = ["SHARE_FIGURE", "TIME_FIGURE", "Target", "OptimiseRequest", "Evaluated", "OptimiseResult", "Cancelled",
           "Settled", "kr_to_ore", "look_spending", "time_key"]

SHARE_FIGURE = "within_deadline_share"
TIME_FIGURE = "complete_to_decision_mean_days"


class Cancelled(PermitflowError):
    """The caller's ``cancel()`` said stop; nothing was chosen."""

    exit_code = 130


@dataclass(frozen=True, slots=True)
class Target:
    """Exactly one of ``share`` (of decided cases within the deadline, in (0, 1]) or
    ``mean_days`` (mean days from a complete application to the decision, > 0)."""

    share: float | None = 0.95
    mean_days: float | None = None

    def __post_init__(self) -> None:
        if (self.share is None) == (self.mean_days is None):
            raise InputError("give one target: a share within the deadline or a mean time, not both")
        if self.share is not None and not (isinstance(self.share, (int, float)) and 0.0 < self.share <= 1.0):
            raise InputError(f"target share {self.share!r} is outside (0, 1] (e.g. 0.95 for 95%)")
        if self.mean_days is not None and not (isinstance(self.mean_days, (int, float))
                                               and math.isfinite(self.mean_days) and self.mean_days > 0):
            raise InputError(f"target mean {self.mean_days!r} days (expected a time > 0, e.g. 60d)")

    @property
    def figure(self) -> str:
        """The figure the target is about."""
        return SHARE_FIGURE if self.share is not None else TIME_FIGURE

    @property
    def text(self) -> str:
        """``at least 95% of decided cases within the deadline`` or ``mean at most 60 days``."""
        if self.share is not None:
            return f"at least {self.share * 100:g}% of decided cases within the deadline"
        return f"mean complete-to-decision time at most {_duration_words(float(self.mean_days or 0.0))}"

    def met(self, value: float) -> bool:
        """Whether ``value`` of :attr:`figure` meets the target (``nan``: no)."""
        if math.isnan(value):
            return False
        return value >= self.share if self.share is not None else value <= float(self.mean_days or 0.0)

    def worst(self, values: Sequence[float]) -> float:
        """The worst of several processes' values in one replication (``nan`` if any is)."""
        if not values or any(math.isnan(v) for v in values):
            return math.nan
        return min(values) if self.share is not None else max(values)

    def bad_end(self, est: Estimate) -> float:
        """The end of ``est``'s interval on the side that misses the target."""
        return est.low if self.share is not None else est.high

    def good_end(self, est: Estimate) -> float:
        """The other end."""
        return est.high if self.share is not None else est.low


@dataclass(frozen=True, slots=True)
class OptimiseRequest:
    """What to seek. ``base``: the scenario the levers change (:func:`base_scenario`);
    empty lever tuples take :func:`scenarios.levers.default_levers`; ``pool``: the
    levered pool; replications start at ``first_replications`` (>= 3) and grow to at
    most ``max_replications``. ``settle``: when no candidate ends sure, run the closest one this many fresh
    replications more (0: none) and judge it on those alone (:class:`Settled`)."""

    base: Scenario
    target: Target = field(default_factory=Target)
    officers: tuple[int, ...] = ()
    fte: tuple[float, ...] = ()
    levels: tuple[str, ...] = ()
    pool: str = "officer"
    costs: Costs = field(default_factory=Costs)
    first_replications: int = 5
    max_replications: int = 40
    screen_level: float = 0.99
    settle: int = 0

    @property
    def looks(self) -> int:
        """How many times the search may look at one candidate's interval: at ``first_replications`` and each
        doubling up to ``max_replications`` (3, 6, 12: 3). A share target's candidate stops as soon as it looks
        sure, so each look spends part of the level: :func:`look_spending`."""
        count, reps = 1, self.first_replications
        while reps < self.max_replications:
            reps, count = min(2 * reps, self.max_replications), count + 1
        return count

    def __post_init__(self) -> None:
        if not 3 <= self.first_replications <= self.max_replications:
            raise InputError(f"replications: first {self.first_replications!r}, most {self.max_replications!r} "
                             "(expected 3 <= first <= most)")
        if not 0 <= self.settle <= MOST_SETTLE or self.settle in (1, 2):
            raise InputError(f"replications to settle the closest candidate: {self.settle!r} (expected 0, or 3 to "
                             f"{MOST_SETTLE:,})")
        if not 0.5 <= self.screen_level < 1.0:
            raise InputError(f"screen level {self.screen_level!r} (expected 0.5 <= level < 1)")
        if len(self.base.points) != 1:
            raise InputError("a goal seek takes a scenario without sweep: (the levers are the sweep)",
                             file=self.base.source)


@dataclass(frozen=True, slots=True)
class Evaluated:
    """One candidate as far as the search ran it.

    ``target_value``: the 95 % estimate of the target's figure over the ``replications`` the
    search ran (worst process); for a mean-time target over as many fresh ones after them (replications
    ``replications + 1`` to ``2 * replications``, not those that decided when to stop); ``time``: the 95 % estimate of the mean days from complete to
    decision (worst process) over its first ``days_replications`` (the frontier's and the
    tie-break's figure; at most :attr:`OptimiseResult.frontier_replications`).
    ``status``: ``chosen``, ``feasible`` (its screening interval meets the target),
    ``infeasible`` (its screening interval misses it), ``dominated`` (not known,
    but it costs at least as much as a feasible one, so the search took it no further) or
    ``undecided`` (its interval still straddles the target at the most replications).
    ``days_replications``: how many replications ``time`` is over (0: ``replications``); more
    than ``replications`` when the candidate was run on for the frontier after the search.
    ``frontier``: on the cost-time frontier or not; ``None`` when that was not needed: the candidate costs
    more than one whose 95 % interval surely meets the target (the answer names nothing dearer), so it was not
    run on for the frontier, and over the replications it has its place is unsure.
    ``limit``: with several processes and a share target, the process whose cases (within the
    deadline, decided) set the bad end of ``target_value`` (:meth:`Run.limit`), else ``None``.
    """

    candidate: Candidate
    staff_cost: float
    decision_cost: float
    replications: int
    target_value: Estimate
    time: Estimate
    status: str
    frontier: bool | None  # None: not needed (dearer than a candidate that surely meets the target; place unsure)
    days_replications: int = 0
    limit: tuple[str, int, int] | None = None  # (process, within, decided): the one whose few cases set the bad end


    @property
    def days_reps(self) -> int:
        """The replications ``time`` is over."""
        return self.days_replications or self.replications

    @property
    def cost(self) -> float:
        """kr a year."""
        return self.staff_cost + self.decision_cost


#: the confidence the answer's "sure" holds with, taken together over every candidate tried
JOINT_LEVEL = 0.95
#: the most fresh replications a request may ask to settle the closest candidate with (the command line's bound too)
MOST_SETTLE = MAX_SETTLE
#: the chance the projected fresh replications settle the closest candidate, if its truth is what its runs showed
#: (the textbook's 80 % power: at 50 % the "settle it" runs would leave it unsure every other time)
SETTLE_POWER = 0.8


@dataclass(frozen=True, slots=True)
class Settled:
    """The closest candidate run ``replications`` fresh replications more, after the ``after`` its figures had
    been read from (so independent of the search that picked it), and judged on those alone: ``target_value``
    their 95 % interval, ``sure`` whether its bad end meets the target (95 % for this one claim: the fresh runs
    carry none of the choice's luck)."""

    candidate: Candidate
    after: int
    replications: int
    target_value: Estimate
    sure: bool


@dataclass(frozen=True, slots=True)
class OptimiseResult:
    """The search's outcome: every candidate run (grid order), the chosen one or ``None``, and
    whether it is sure to meet the target, the candidates taken together (``holds_at_bad_end``: Holm's
    step-down over every candidate's interval, :func:`scenarios.verdicts.jointly_sure`, so that whichever
    candidate is named sure meets the target with at least 95 % confidence; if not, ``safe`` is the cheapest
    candidate run so sure, or ``None``); ``ties``: the
    other candidates that cost the same as the chosen one and meet the target too, fastest first;
    ``today``: today's combination (``None`` when the levers cannot say it), ``today_run`` its run
    (``None`` when it is not among the candidates); ``frontier_replications``: the most replications
    any candidate got, which those whose place on the frontier stays unsure run on to, ``frontier_units``
    the work units run for the frontier."""

    target: Target
    processes: tuple[str, ...]
    pool: str
    seed: int
    levers: Levers
    evaluated: tuple[Evaluated, ...]
    chosen: Evaluated | None
    holds_at_bad_end: bool
    work_units: int
    safe: Evaluated | None = None  # when the chosen one is not sure: the cheapest sure one (all together)
    ties: tuple[Evaluated, ...] = ()  # as cheap as the chosen one and meeting the target too (slower or as fast)
    today: Candidate | None = None  # today's combination (None: the levers cannot say it)
    today_run: Evaluated | None = None  # today's combination as run (None: not among the candidates)
    frontier_replications: int = 0  # the most replications any candidate got (unsure ones run on to it)
    frontier_units: int = 0  # of the work units, those that ran candidates on for the frontier
    screen_level: float = 0.99  # the request's: the frontier's pairwise comparisons share it (Bonferroni)
    # when none is sure (no chosen sure one, no safe one): the closest (the chosen one, or the likeliest to meet it),
    # the chance it meets the target from what was seen, the fresh replications that would settle it four times in
    # five were it what its runs showed (None: none projected, ``not_projected`` says why,
    # :data:`scenarios.settle.NOT_PROJECTED`), and those run when the request asked (:attr:`OptimiseRequest.settle`)
    closest: Evaluated | None = None
    chance: float = math.nan
    to_settle: int | None = None
    not_projected: str = ""
    settled: Settled | None = None

    @property
    def frontier(self) -> tuple[Evaluated, ...]:
        """The cost-time frontier, cheapest first."""
        return tuple(sorted((e for e in self.evaluated if e.frontier),
                            key=lambda e: (kr_to_ore(e.cost), e.time.mean)))

    def to_json(self) -> dict[str, Any]:
        """Plain data (JSON-ready; ``nan`` as ``None``)."""
        def num(x: float) -> float | None:
            return None if math.isnan(x) else round(x, 6)

        def est(e: Estimate) -> dict[str, Any]:
            return {"mean": num(e.mean), "low": num(e.low), "high": num(e.high), "n": e.n}

        def row(e: Evaluated) -> dict[str, Any]:
            return {"label": e.candidate.label, "officers": e.candidate.officers, "fte": e.candidate.fte,
                    "level": e.candidate.level, "cost": round(e.cost, 2), "staff_cost": round(e.staff_cost, 2),
                    "decision_cost": round(e.decision_cost, 2), "replications": e.replications,
                    "target_figure": est(e.target_value), "complete_to_decision_mean_days": est(e.time),
                    "status": e.status, "frontier": e.frontier, "days_replications": e.days_reps,
                    "limit": None if e.limit is None else
                    {"process": e.limit[0], "within": e.limit[1], "decided": e.limit[2]}}

        return {
            "target": {"figure": self.target.figure, "share": self.target.share, "mean_days": self.target.mean_days,
                       "text": self.target.text},
            "processes": list(self.processes), "pool": self.pool, "seed": self.seed,
            "levers": {"officers": list(self.levers.officers), "fte": list(self.levers.fte),
                       "levels": list(self.levers.levels)},
            "chosen": row(self.chosen) if self.chosen else None,
            "holds_at_bad_end": self.holds_at_bad_end,
            "safe": row(self.safe) if self.safe else None,
            "sure": {"confidence": JOINT_LEVEL, "candidates": len(self.evaluated),
                     "rule": "Holm step-down over every candidate's interval: with m not yet sure, those "
                             "whose interval at 1 - 0.05/m meets the target at its bad end are sure"},
            "ties": [row(e) for e in self.ties],
            "today": (row(self.today_run) if self.today_run else None if self.today is None else
                      {"label": self.today.label, "officers": self.today.officers, "fte": self.today.fte,
                       "level": self.today.level, "status": "not a candidate"}),
            "work_units": self.work_units,
            "frontier_replications": self.frontier_replications,
            "frontier_work_units": self.frontier_units,
            "candidates": [row(e) for e in self.evaluated],
            "frontier": [e.candidate.label for e in self.frontier],
            "closest": None if self.closest is None else {
                **row(self.closest), "chance": num(self.chance), "replications_to_settle": self.to_settle,
                "settle_power": SETTLE_POWER, "not_projected": self.not_projected or None},
            "settled": None if self.settled is None else {
                "label": self.settled.candidate.label, "after": self.settled.after,
                "replications": self.settled.replications, "target_figure": est(self.settled.target_value),
                "sure": self.settled.sure},
        }


def look_spending(looks: int) -> float:
    """How much more a share target's "sure" asks of each look when a candidate may be looked at ``looks`` times
    and stops as soon as it looks sure: its interval at ``1 - 0.05 / (m * spending)`` for Holm's m. A two-sided
    interval errs on the bad side with half its 5 %, so a candidate at the target is called sure at one look with
    at most 0.05 / (2 m * spending); over its looks (Bonferroni: whatever their dependence) at most
    0.05 * looks / (2 m * spending) = 0.05 / m with ``looks / 2``, Holm's one-sided share at m, and so any wrongly
    sure at most 5 %, the answer's "95 % confidence". Up to two looks fit in the half the other tail leaves (1).

    >>> look_spending(1), look_spending(2), look_spending(3), look_spending(5)
    (1.0, 1.0, 1.5, 2.5)
    """
    return max(1.0, looks / 2.0)


def _duration_words(days: float) -> str:
    """A target time in plain days or hours: ``65 days``, ``2 hours``, ``1.5 days`` (not ``0.0833333 days``)."""
    if days < 1.0:
        hours = days * 24.0
        return f"{hours:.3g} hour{'' if math.isclose(hours, 1.0) else 's'}"
    return f"{round(days, 2):g} day{'' if math.isclose(days, 1.0) else 's'}"


def time_key(est: Estimate) -> float:
    return math.inf if math.isnan(est.mean) else est.mean


def kr_to_ore(cost: float) -> float:
    """A cost to the öre: 3 x 0.1 FTE and 1 x 0.3 FTE cost the same, not 1e-10 kr apart (ties go to the faster)."""
    return round(cost, 2)
