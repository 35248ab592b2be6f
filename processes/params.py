"""Simulation parameters as data: what profile.yaml ``simulation:`` says, checked.

Every time is in HOURS as a float: calendar (elapsed) hours for delays,
cut-offs, horizon and deadlines; work hours for task durations. Simulation time
0 is ``SimParams.start`` at 00:00 local time. The YAML form and its parser live
in ``bpmn_io.profile``; the calendar arithmetic in ``simulator.resources``, the
meeting dates in ``simulator.decisions``, the arrival process in
``simulator.arrivals``. This module is pure data with local checks.

It holds the whole (:class:`SimParams`, which checks that its parts fit together), the arrivals,
the parameters of each element and the case attributes; the parts a profile gives on their own
are in modules of their own: :mod:`processes.staffing` (calendars and pools),
:mod:`processes.delegation` (the decision step) and :mod:`processes.legalclock` (the legal
clock). Every name of theirs is importable from here.

>>> cal = CalendarSpec(name="office", week=(((8.0, 16.0),),) * 5 + ((), ()))
>>> cal.weekly_hours()
40.0
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import field
from typing import Any

from processes.conditions import Condition
from processes.delegation import DECIDED_OUTCOMES, DELEGATION_LEVELS, Decision, DecisionBody, MeetingSchedule
from processes.distributions import Distribution
from processes.durations import duration_said
from processes.frozenclass import frozen_dataclass
from processes.frozenmap import FrozenMap
from processes.legalclock import EXTENSION_RULES, LegalClock
from processes.rulewords import NONE_DEFINED, rule_error, written
from processes.staffing import WEEKDAYS, CalendarSpec, Closure, PoolMember, ResourcePool

__all__ = [
    "DELEGATION_LEVELS",
    "OUTCOMES",
    "DECIDED_OUTCOMES",
    "EXTENSION_RULES",
    "WEEKDAYS",
    "Closure",
    "CalendarSpec",
    "ResourcePool",
    "PoolMember",
    "Arrivals",
    "ElementParams",
    "CaseAttribute",
    "MeetingSchedule",
    "DecisionBody",
    "Decision",
    "LegalClock",
    "Fact",
    "SimParams",
    "Distribution",
]

#: how a case can end: a permit granted, refused, the application withdrawn by the applicant, or dismissed
#: (avvisad) without a decision on the merits because it stayed incomplete
OUTCOMES = ("grant", "refusal", "withdrawal", "dismissal")


@frozen_dataclass
class Arrivals:
    """Applications arriving: a seasonal Poisson process, or a replayed list.

    Poisson: ``per_year`` expected applications a year; month m (1..12) of any
    year expects ``per_year * seasonality[m-1] / sum(seasonality)``, spread
    evenly over that month, or, with ``weekdays`` (7 weights, Monday first),
    over its days in proportion to their weekday's weight (evenly within a day).
    Replay: ``dates`` (sorted), each one arrival at ``at_hour`` of that day.
    """

    per_year: float | None = None
    seasonality: tuple[float, ...] = (1.0,) * 12
    dates: tuple[dt.date | dt.datetime, ...] = ()
    at_hour: float = 9.0
    weekdays: tuple[float, ...] | None = None

    def __post_init__(self) -> None:
        if (self.per_year is None) == (not self.dates):
            raise rule_error("arrivals_one_of")
        if self.per_year is not None and not (math.isfinite(self.per_year) and self.per_year >= 0):
            raise rule_error("per_year", path="per_year", value=written(self.per_year))
        if (
            len(self.seasonality) != 12
            or any(not w >= 0 for w in self.seasonality)
            or sum(self.seasonality) <= 0
        ):
            raise rule_error("seasonality", path="seasonality", value=written(list(self.seasonality)))
        if self.weekdays is not None and (
            len(self.weekdays) != 7 or any(not w >= 0 for w in self.weekdays) or sum(self.weekdays) <= 0
        ):
            raise rule_error("weekdays", path="weekdays", value=written(list(self.weekdays)))

    def monthly_expected(self) -> tuple[float, ...]:
        """Expected arrivals in each calendar month (Poisson form)."""
        total = sum(self.seasonality)
        return tuple((self.per_year or 0.0) * w / total for w in self.seasonality)


@frozen_dataclass
class ElementParams:
    """What the simulation needs about one BPMN element (keyed by its id).

    ``duration``: work time done by a member of ``pool`` (default: the pool of
    the element's lane). ``delay``: calendar time that passes with no pool
    (applicant, police, tax agency). ``probabilities``: outgoing sequence flow id
    -> probability, for a diverging gateway; sums to 1. ``conditions``:
    outgoing sequence flow id -> condition over case attributes, for an
    exclusive gateway (the first flow, in model order, whose condition holds is
    taken, else the gateway's default flow). ``loop_max``: most repetitions of
    a loop; ``loop_again``: for a standard loop, the probability of another
    iteration after each one (capped by ``loop_max``). ``cardinality``: the
    number of instances of a multi-instance activity, a whole number or a
    distribution drawn per activation (rounded to a whole number). ``sets``:
    case attribute -> value, set when a case passes the element (a mark that a
    later gateway's ``conditions`` can read, e.g. "three knowledge tests failed"). ``share``: on a start event,
    the share of cases that start there (one of several top-level start events), or in which the trigger of
    an event subprocess's start event comes (:mod:`processes.triggers`).
    """

    id: str
    duration: Distribution | None = None
    delay: Distribution | None = None
    probabilities: FrozenMap[str, float] = field(default_factory=FrozenMap)
    loop_max: int | None = None
    pool: str | None = None
    conditions: FrozenMap[str, Condition] = field(default_factory=FrozenMap)
    loop_again: float | None = None
    cardinality: int | Distribution | None = None
    sets: FrozenMap[str, Any] = field(default_factory=FrozenMap)
    share: float | None = None

    def __post_init__(self) -> None:
        if self.probabilities:
            total = math.fsum(self.probabilities.values())
            if any(not 0.0 <= p <= 1.0 for p in self.probabilities.values()) or abs(total - 1.0) > 1e-9:
                raise rule_error("gateway_probabilities", path="probabilities", id=repr(self.id), total=repr(total))
        if self.loop_max is not None and (isinstance(self.loop_max, bool) or self.loop_max < 1):
            raise rule_error("loop_max", path="loop.max", value=written(self.loop_max))
        if self.probabilities and self.conditions:
            raise rule_error("gateway_both", path="conditions", id=repr(self.id))
        if self.loop_again is not None and not 0.0 <= self.loop_again <= 1.0:
            raise rule_error("loop_again", path="loop.again", value=written(self.loop_again))
        if isinstance(self.cardinality, bool) or (isinstance(self.cardinality, int) and self.cardinality < 0):
            raise rule_error("cardinality", path="cardinality", value=written(self.cardinality))
        if self.share is not None and not 0.0 <= self.share <= 1.0:
            raise rule_error("share", path="share", value=written(self.share))


@frozen_dataclass
class CaseAttribute:
    """A case attribute drawn once per case at arrival: ``values`` with ``weights``
    (normalised to sum 1). Exclusive-gateway ``conditions`` read it."""

    name: str
    values: tuple[Any, ...]
    weights: tuple[float, ...]

    def __post_init__(self) -> None:
        if not self.values or len(self.weights) != len(self.values):
            raise rule_error("attribute_needs", path="weights", name=repr(self.name))
        if any(not w >= 0 for w in self.weights) or abs(math.fsum(self.weights) - 1.0) > 1e-9:
            raise rule_error("attribute_sum", path="weights", name=repr(self.name))


@frozen_dataclass
class Fact:
    """One mapping fact: a value (possibly ``'unknown'``) with where it comes from.

    ``source`` and ``assumption`` are in English (a profile's ``{en: ..., sv: ...}`` text, or its one text);
    ``source_sv`` and ``assumption_sv`` are the Swedish of the same (``None``: the profile writes none)."""

    value: Any
    unit: str | None = None
    source: str | None = None
    assumption: str | None = None
    note: str | None = None
    extra: FrozenMap[str, Any] = field(default_factory=FrozenMap)
    source_sv: str | None = None
    assumption_sv: str | None = None


@frozen_dataclass
class SimParams:
    """All simulation parameters of one municipality's process.

    Exactly one of ``horizon`` (calendar hours of arrivals) and ``cases`` (number
    of applications) bounds a run; ``warmup`` hours at the start are excluded
    from statistics. ``outcomes``: end event id -> how a case that ends there
    ends (one of ``OUTCOMES``); figures count each outcome's share and time.
    """

    start: dt.date
    horizon: float | None = None
    cases: int | None = None
    warmup: float = 0.0
    calendars: FrozenMap[str, CalendarSpec] = field(default_factory=FrozenMap)
    pools: FrozenMap[str, ResourcePool] = field(default_factory=FrozenMap)
    arrivals: Arrivals = field(default_factory=lambda: Arrivals(per_year=0.0))
    elements: FrozenMap[str, ElementParams] = field(default_factory=FrozenMap)
    decision: Decision | None = None
    clock: LegalClock | None = None
    attributes: FrozenMap[str, CaseAttribute] = field(default_factory=FrozenMap)
    outcomes: FrozenMap[str, str] = field(default_factory=FrozenMap)
    #: how strongly a case's calendar delays move together: the correlation of their normal
    #: scores (a Gaussian copula over one factor per case; 0, the default, draws them independently)
    delay_correlation: float = 0.0

    def __post_init__(self) -> None:
        rho = self.delay_correlation
        if isinstance(rho, bool) or not isinstance(rho, (int, float)) or not 0 <= rho < 1:
            raise rule_error("case_delays", path="case_delays.correlation", value=written(rho))
        if (self.horizon is None) == (self.cases is None):
            raise rule_error("horizon_one_of", path="horizon")
        if self.horizon is not None and self.horizon <= 0:
            raise rule_error("horizon_positive", path="horizon", value=written(self.horizon))
        if self.cases is not None and (isinstance(self.cases, bool) or self.cases < 1):
            raise rule_error("cases_whole", path="cases", value=written(self.cases))
        listed = len(self.arrivals.dates)
        if self.cases is not None and listed and self.cases > listed:
            # a replayed list cannot give more applications than it holds (as a Poisson rate of 0 cannot)
            raise rule_error("cases_dates", path="cases", cases=str(self.cases), listed=str(listed),
                             dates=(f"date{'s' * (listed != 1)}", "datum"))
        # in the units they were written in ("8 weeks", "0.01 years"), not "1344 h" and "87.66 h"
        if self.warmup < 0:
            raise rule_error("warmup_negative", path="warmup", warmup=duration_said(self.warmup))
        if self.horizon is not None and self.warmup >= self.horizon:
            raise rule_error("warmup", path="warmup", warmup=duration_said(self.warmup),
                             horizon=duration_said(self.horizon))
        for name, pool in self.pools.items():
            if pool.calendar not in self.calendars:
                raise rule_error("pool_calendar", path=f"pools.{name}.calendar", name=repr(name),
                                 calendar=repr(pool.calendar), calendars=", ".join(self.calendars) or NONE_DEFINED)
            for member in pool.members:
                if member.calendar not in self.calendars:
                    raise rule_error("member_calendar", path=f"pools.{name}.members.{member.name}.calendar",
                                     member=repr(member.name), name=repr(name), calendar=repr(member.calendar),
                                     calendars=", ".join(self.calendars))
        if self.decision is not None:
            for level, body in self.decision.bodies.items():
                if body.pool is not None and body.pool not in self.pools:
                    raise rule_error("body_pool", path=f"decision.bodies.{level}.pool", level=repr(level),
                                     pool=repr(body.pool), pools=", ".join(self.pools) or NONE_DEFINED)
        for eid, el in self.elements.items():
            if el.pool is not None and el.pool not in self.pools:
                raise rule_error("element_pool", path=f"elements.{eid}.pool", pool=repr(el.pool),
                                 pools=", ".join(self.pools) or NONE_DEFINED)
            for flow, cond in el.conditions.items():
                unknown = [a for a in cond.attributes() if a not in self.attributes]
                if unknown:
                    raise rule_error("condition_attribute", path=f"elements.{eid}.conditions.{flow}",
                                     text=repr(cond.text), name=repr(unknown[0]),
                                     names=", ".join(self.attributes) or (
                                         "none defined: declare it under simulation.attributes",
                                         "inga angivna: deklarera det under simulation.attributes"))
            for name in el.sets:
                if name not in self.attributes:
                    raise rule_error(
                        "set_attribute", name=repr(name), names=", ".join(self.attributes) or NONE_DEFINED,
                        path=f"elements.{eid}.set.{name}",
                    )
        for end, outcome in self.outcomes.items():
            if outcome not in OUTCOMES:
                raise rule_error("unknown_outcome", path=f"outcomes.{end}", value=written(outcome),
                                 outcomes=", ".join(OUTCOMES))
        if self.decision is not None and self.decision.by_outcome:
            missing = [o for o in DECIDED_OUTCOMES if o not in self.outcomes.values()]
            if missing:
                raise rule_error("by_outcome_ends", path="decision.delegation",
                                 outcomes=(" and ".join(missing), " och ".join(missing)))

    def outcome_of(self, end_event: str) -> str | None:
        """The outcome a case ending at ``end_event`` has, or ``None`` when the profile does not say."""
        return self.outcomes.get(end_event)

    def pool_for_lane(self, lane: str) -> ResourcePool | None:
        """The pool whose ``lanes`` list ``lane`` (an id or a name), or ``None``."""
        for pool in self.pools.values():
            if lane in pool.lanes:
                return pool
        return None

    def hours_to_datetime(self, t: float) -> dt.datetime:
        """The local date and time of simulation time ``t`` hours."""
        return dt.datetime.combine(self.start, dt.time()) + dt.timedelta(hours=t)

    def datetime_to_hours(self, when: dt.date | dt.datetime) -> float:
        """Simulation time in hours of a date (00:00) or a date and time."""
        if not isinstance(when, dt.datetime):
            when = dt.datetime.combine(when, dt.time())
        return (when - dt.datetime.combine(self.start, dt.time())).total_seconds() / 3600.0
