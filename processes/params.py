"""Simulation parameters as data: what profile.yaml ``simulation:`` says, checked.

Every time is in HOURS as a float: calendar (elapsed) hours for delays,
cut-offs, horizon and deadlines; work hours for task durations. Simulation time
0 is ``SimParams.start`` at 00:00 local time. The YAML form and its parser live
in ``bpmn_io.profile``; the calendar arithmetic in ``simulator.resources``, the
meeting dates in ``simulator.decisions``, the arrival process in
``simulator.arrivals``. This module is pure data with local checks.

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
from processes.distributions import Distribution
from processes.errors import InputError
from processes.frozenclass import frozen_dataclass
from processes.frozenmap import FrozenMap

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

#: who decides, from the least to the most formal
DELEGATION_LEVELS = ("officer", "manager", "chair", "working_committee", "committee")
#: how a case can end: a permit granted, refused, the application withdrawn by the applicant, or dismissed
#: (avvisad) without a decision on the merits because it stayed incomplete
OUTCOMES = ("grant", "refusal", "withdrawal", "dismissal")
#: the outcomes decided on the merits at the decision step (delegation may differ between them)
DECIDED_OUTCOMES = ("grant", "refusal")
#: how the legal clock's one extension is taken: by the projected decision date, or by the gateway's probabilities
EXTENSION_RULES = ("projected", "probabilities")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

Interval = tuple[float, float]


@frozen_dataclass
class Closure:
    """A period of reduced staff or closure, both ends inclusive.

    ``yearly=True``: the period recurs every year and only month and day of
    ``first``/``last`` count (the year is a placeholder, 2000); it may wrap over
    New Year (``12-20`` .. ``01-06``). ``capacity``: the share of normal working
    time members work in the period, 0 (closed) .. 1.
    """

    first: dt.date
    last: dt.date
    capacity: float = 0.0
    yearly: bool = True

    def __post_init__(self) -> None:
        if not 0.0 <= self.capacity <= 1.0:
            raise InputError(f"closure capacity {self.capacity!r} must be between 0 and 1", path="capacity")
        if not self.yearly and self.last < self.first:
            raise InputError(f"closure ends {self.last} before it starts {self.first}", path="to")

    def covers(self, day: dt.date) -> bool:
        """True if ``day`` falls in this period."""
        if not self.yearly:
            return self.first <= day <= self.last
        md = (day.month, day.day)
        lo, hi = (self.first.month, self.first.day), (self.last.month, self.last.day)
        return lo <= md <= hi if lo <= hi else (md >= lo or md <= hi)


@frozen_dataclass
class CalendarSpec:
    """A work calendar as data: weekly opening hours, holidays, closures.

    ``week`` has 7 entries (Monday first), each a tuple of ``(open, close)``
    hours of the day (``(8.0, 16.5)`` is 08:00-16:30). ``holidays`` is a country
    code for the ``holidays`` package (``"SE"``: public holidays plus the eves
    midsommarafton, julafton, nyårsafton) or ``None``; ``closed_dates`` extra
    closed days (klämdagar ...).
    """

    name: str
    week: tuple[tuple[Interval, ...], ...]
    holidays: str | None = None
    closed_dates: tuple[dt.date, ...] = ()
    closures: tuple[Closure, ...] = ()

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            raise InputError(f"calendar {self.name!r}: week needs 7 days, got {len(self.week)}", path="hours")
        for day, intervals in zip(WEEKDAYS, self.week, strict=True):
            last = 0.0
            for start, end in intervals:
                if not (0.0 <= start < end <= 24.0) or start < last:
                    raise InputError(
                        f"opening hours {start:g}-{end:g} on {day} must be increasing, inside 00:00-24:00 and not overlap",
                        path=f"hours.{day}",
                    )
                last = end
        if self.weekly_hours() <= 0:
            raise InputError(
                f"calendar {self.name!r} is never open (expected opening hours on some day)", path="hours"
            )

    def weekly_hours(self) -> float:
        """Open hours in an ordinary week (no holidays or closures)."""
        return sum(end - start for day in self.week for start, end in day)


@frozen_dataclass
class PoolMember:
    """One named person of a pool with their own calendar and FTE (a differentiated resource)."""

    name: str
    calendar: str
    fte: float = 1.0

    def __post_init__(self) -> None:
        if not 0.0 < self.fte <= 1.0:
            raise InputError(f"member {self.name!r}: fte {self.fte!r} must be in (0, 1]", path="fte")


@frozen_dataclass
class ResourcePool:
    """``count`` members of one role, each working ``fte`` of every open hour of ``calendar``.

    ``lanes`` are the BPMN lane ids (or names) whose tasks this pool performs.
    ``members``, when given, are the pool's people one by one, each with their own
    calendar and FTE (``count`` is then their number; ``fte`` and ``calendar``
    describe the pool as a whole).
    """

    name: str
    count: int
    fte: float = 1.0
    calendar: str = "office"
    cost_per_hour: float = 0.0
    lanes: tuple[str, ...] = ()
    members: tuple[PoolMember, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 1:
            raise InputError(
                f"pool {self.name!r}: count {self.count!r} must be a whole number >= 1", path="count"
            )
        if self.members and len(self.members) != self.count:
            raise InputError(
                f"pool {self.name!r}: count {self.count} but {len(self.members)} members (expected equal)",
                path="count",
            )
        if len({m.name for m in self.members}) != len(self.members):
            raise InputError(f"pool {self.name!r}: a member is named twice", path="members")
        if not 0.0 < self.fte <= 1.0:
            raise InputError(f"pool {self.name!r}: fte {self.fte!r} must be in (0, 1]", path="fte")
        if not self.cost_per_hour >= 0:
            raise InputError(
                f"pool {self.name!r}: cost_per_hour {self.cost_per_hour!r} must be >= 0", path="cost_per_hour"
            )


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
            raise InputError("arrivals need exactly one of per_year or dates")
        if self.per_year is not None and not (math.isfinite(self.per_year) and self.per_year >= 0):
            raise InputError(f"per_year {self.per_year!r} must be a number >= 0", path="per_year")
        if (
            len(self.seasonality) != 12
            or any(not w >= 0 for w in self.seasonality)
            or sum(self.seasonality) <= 0
        ):
            raise InputError(
                f"seasonality {list(self.seasonality)!r} must be 12 weights >= 0 with a positive sum",
                path="seasonality",
            )
        if self.weekdays is not None and (
            len(self.weekdays) != 7 or any(not w >= 0 for w in self.weekdays) or sum(self.weekdays) <= 0
        ):
            raise InputError(
                f"weekdays {list(self.weekdays)!r} must be 7 weights >= 0 (Monday first) with a positive sum",
                path="weekdays",
            )

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
    later gateway's ``conditions`` can read, e.g. "three knowledge tests failed").
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

    def __post_init__(self) -> None:
        if self.probabilities:
            total = math.fsum(self.probabilities.values())
            if any(not 0.0 <= p <= 1.0 for p in self.probabilities.values()) or abs(total - 1.0) > 1e-9:
                raise InputError(
                    f"gateway {self.id!r}: probabilities must each be in [0, 1] and sum to 1 "
                    f"(within 1e-9), got sum {total!r}",
                    path="probabilities",
                )
        if self.loop_max is not None and (isinstance(self.loop_max, bool) or self.loop_max < 1):
            raise InputError(f"loop max {self.loop_max!r} must be a whole number >= 1", path="loop.max")
        if self.probabilities and self.conditions:
            raise InputError(f"gateway {self.id!r}: give probabilities or conditions, not both", path="conditions")
        if self.loop_again is not None and not 0.0 <= self.loop_again <= 1.0:
            raise InputError(f"loop again {self.loop_again!r} must be a probability in [0, 1]", path="loop.again")
        if isinstance(self.cardinality, bool) or (isinstance(self.cardinality, int) and self.cardinality < 0):
            raise InputError(f"cardinality {self.cardinality!r} must be a whole number >= 0 or a distribution",
                             path="cardinality")


@frozen_dataclass
class CaseAttribute:
    """A case attribute drawn once per case at arrival: ``values`` with ``weights``
    (normalised to sum 1). Exclusive-gateway ``conditions`` read it."""

    name: str
    values: tuple[Any, ...]
    weights: tuple[float, ...]

    def __post_init__(self) -> None:
        if not self.values or len(self.weights) != len(self.values):
            raise InputError(f"attribute {self.name!r} needs values and one weight per value", path="weights")
        if any(not w >= 0 for w in self.weights) or abs(math.fsum(self.weights) - 1.0) > 1e-9:
            raise InputError(f"attribute {self.name!r}: weights must be >= 0 and sum to 1", path="weights")


@frozen_dataclass
class MeetingSchedule:
    """When a decision body meets.

    ``rrule``: an iCalendar RRULE (``FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3``), its
    DTSTART the simulation start unless the text gives one; ``dates``: explicit
    meeting dates (used with or instead of the rule). ``at_hour``: the hour of
    the day meetings start. ``except_months`` (1..12) and ``except_dates`` are
    breaks: no meeting then (e.g. July).
    """

    rrule: str | None = None
    dates: tuple[dt.date, ...] = ()
    at_hour: float = 13.0
    except_months: tuple[int, ...] = ()
    except_dates: tuple[dt.date, ...] = ()

    def __post_init__(self) -> None:
        if self.rrule is None and not self.dates:
            raise InputError("meetings need an rrule or a list of dates", path="meetings")
        if any(not 1 <= m <= 12 for m in self.except_months):
            raise InputError(
                f"except_months {list(self.except_months)!r} must be months 1..12", path="except_months"
            )
        if not 0.0 <= self.at_hour < 24.0:
            raise InputError(f"meeting hour {self.at_hour!r} must be within the day", path="at")


@frozen_dataclass
class DecisionBody:
    """Who decides at one delegation level.

    A body that meets (committee, working committee, chair) has ``meetings``
    and ``agenda_cutoff`` (calendar hours: a meeting at time m takes cases ready
    by m - cutoff). A person (officer, manager) has ``pool`` and ``duration``
    (work time).
    """

    level: str
    meetings: MeetingSchedule | None = None
    agenda_cutoff: float = 0.0
    pool: str | None = None
    duration: Distribution | None = None

    def __post_init__(self) -> None:
        if self.level not in DELEGATION_LEVELS:
            raise InputError(
                f"unknown delegation level {self.level!r} (expected one of {', '.join(DELEGATION_LEVELS)})"
            )
        if (self.meetings is None) == (self.pool is None):
            raise InputError(
                f"decision body {self.level!r} needs either meetings (a body that meets) or pool (a person)"
            )
        if self.agenda_cutoff < 0:
            raise InputError(f"agenda_cutoff {self.agenda_cutoff!r} must be >= 0", path="agenda_cutoff")


@frozen_dataclass
class Decision:
    """The decision step ``element``, decided at ``delegation`` level by ``bodies[delegation]``.

    ``by_outcome``: a delegation order that differs by outcome (``{"grant":
    "officer", "refusal": "committee"}``: officers may grant, refusals go to the
    committee); ``delegation`` is then the level of grants. Which outcome a case
    gets is decided by ``outcome_gateway``, the exclusive gateway after the
    decision whose branches end in a grant and a refusal (the officer's proposal,
    known before the decision). ``after_meeting``: calendar time from the meeting
    to the decision taking effect (minutes checked, applicant notified).
    """

    element: str
    delegation: str
    bodies: FrozenMap[str, DecisionBody]
    after_meeting: Distribution | None = None
    by_outcome: FrozenMap[str, str] = field(default_factory=FrozenMap)
    outcome_gateway: str | None = None

    def __post_init__(self) -> None:
        levels = [(f"delegation.{k}", v) for k, v in self.by_outcome.items()] or [("delegation", self.delegation)]
        for where, level in levels:
            if level not in DELEGATION_LEVELS:
                raise InputError(
                    f"unknown delegation level {level!r} (expected one of {', '.join(DELEGATION_LEVELS)})",
                    path=where,
                )
            if level not in self.bodies:
                raise InputError(
                    f"delegation {level!r} has no decision body (expected one of {', '.join(self.bodies) or 'none defined'})",
                    path=where,
                )
        if self.by_outcome:
            if set(self.by_outcome) != set(DECIDED_OUTCOMES):
                raise InputError(
                    f"delegation by outcome names {', '.join(self.by_outcome)} (expected exactly "
                    f"{' and '.join(DECIDED_OUTCOMES)}, e.g. {{grant: officer, refusal: committee}})",
                    path="delegation",
                )
            if self.by_outcome["grant"] != self.delegation:
                raise InputError("with delegation by outcome, delegation is the level of grants", path="delegation")
            if not self.outcome_gateway:
                raise InputError(
                    "delegation by outcome needs outcome_gateway: the exclusive gateway after the decision "
                    "whose branches end in a grant and a refusal",
                    path="outcome_gateway",
                )

    @property
    def body(self) -> DecisionBody:
        """The body that decides at the current delegation level (of grants, when it differs by outcome)."""
        return self.bodies[self.delegation]

    def level_for(self, outcome: str | None) -> str:
        """The level that decides ``outcome`` (``grant``, ``refusal``; ``None``: the default level)."""
        return self.by_outcome.get(outcome, self.delegation) if outcome is not None else self.delegation

    def levels(self) -> tuple[str, ...]:
        """Every level that decides some outcome, without repeats, in the order of ``DELEGATION_LEVELS``."""
        used = {self.delegation, *self.by_outcome.values()}
        return tuple(level for level in DELEGATION_LEVELS if level in used)


@frozen_dataclass
class LegalClock:
    """The legal handling-time clock: runs from event ``start`` to event ``stop``.

    ``deadline`` and ``extension`` (one extension allowed) in calendar hours.
    ``extension_flow``: the sequence flow into the extension step (a decision to
    extend, with its notice to the applicant); a case that takes it has its
    deadline extended by ``extension``. The flow leaves an exclusive gateway with
    two outgoing flows, routed by ``extension_rule``: ``projected`` (the
    extension is taken when the decision, projected from the deciding body's next
    meeting, would fall after the deadline) or ``probabilities`` (the gateway's
    own probabilities). Either way it is taken at most once, and only while the
    deadline has not passed: the notice must reach the applicant before the time
    runs out (Alkoholförordningen 5 §).
    """

    start: str
    stop: str
    deadline: float
    extension: float | None = None
    extension_flow: str | None = None
    extension_rule: str = "projected"

    def __post_init__(self) -> None:
        if not self.deadline > 0:
            raise InputError(f"deadline {self.deadline!r} hours must be > 0", path="deadline")
        if self.start == self.stop:
            raise InputError(f"the clock starts and stops at the same event {self.start!r}", path="stop")
        if self.extension_rule not in EXTENSION_RULES:
            raise InputError(
                f"unknown extension rule {self.extension_rule!r} (expected one of {', '.join(EXTENSION_RULES)})",
                path="extension_rule",
            )
        if self.extension_flow is not None and not (self.extension or 0.0) > 0:
            raise InputError(
                f"extension_flow {self.extension_flow!r} needs an extension longer than 0 (e.g. extension: 4mo)",
                path="extension",
            )

    @property
    def extended_deadline(self) -> float:
        """The deadline after the one extension (hours)."""
        return self.deadline + (self.extension or 0.0)


@frozen_dataclass
class Fact:
    """One mapping fact: a value (possibly ``'unknown'``) with where it comes from."""

    value: Any
    unit: str | None = None
    source: str | None = None
    assumption: str | None = None
    note: str | None = None
    extra: FrozenMap[str, Any] = field(default_factory=FrozenMap)


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
            raise InputError(f"case_delays correlation {rho!r} must be a number from 0 up to (not including) 1",
                             path="case_delays.correlation")
        if (self.horizon is None) == (self.cases is None):
            raise InputError("simulation needs exactly one of horizon or cases", path="horizon")
        if self.horizon is not None and self.horizon <= 0:
            raise InputError(f"horizon {self.horizon!r} must be > 0", path="horizon")
        if self.cases is not None and (isinstance(self.cases, bool) or self.cases < 1):
            raise InputError(f"cases {self.cases!r} must be a whole number >= 1", path="cases")
        listed = len(self.arrivals.dates)
        if self.cases is not None and listed and self.cases > listed:
            # a replayed list cannot give more applications than it holds (as a Poisson rate of 0 cannot)
            raise InputError(
                f"{self.cases} cases asked for, but arrivals.dates lists {listed} date{'s' * (listed != 1)} "
                f"(expected cases at most {listed}, or a horizon)",
                path="cases",
            )
        if self.warmup < 0 or (self.horizon is not None and self.warmup >= self.horizon):
            raise InputError(
                f"warmup of {self.warmup:g} h must be >= 0 and shorter than the horizon of {self.horizon:g} h",
                path="warmup",
            )
        for name, pool in self.pools.items():
            if pool.calendar not in self.calendars:
                raise InputError(
                    f"pool {name!r} uses calendar {pool.calendar!r} (expected one of {', '.join(self.calendars) or 'none defined'})",
                    path=f"pools.{name}.calendar",
                )
            for member in pool.members:
                if member.calendar not in self.calendars:
                    raise InputError(
                        f"member {member.name!r} of pool {name!r} uses calendar {member.calendar!r} "
                        f"(expected one of {', '.join(self.calendars)})",
                        path=f"pools.{name}.members.{member.name}.calendar",
                    )
        if self.decision is not None:
            for level, body in self.decision.bodies.items():
                if body.pool is not None and body.pool not in self.pools:
                    raise InputError(
                        f"decision body {level!r} uses pool {body.pool!r} (expected one of {', '.join(self.pools) or 'none defined'})",
                        path=f"decision.bodies.{level}.pool",
                    )
        for eid, el in self.elements.items():
            if el.pool is not None and el.pool not in self.pools:
                raise InputError(
                    f"element uses pool {el.pool!r} (expected one of {', '.join(self.pools) or 'none defined'})",
                    path=f"elements.{eid}.pool",
                )
            for flow, cond in el.conditions.items():
                unknown = [a for a in cond.attributes() if a not in self.attributes]
                if unknown:
                    raise InputError(
                        f"condition {cond.text!r} reads attribute {unknown[0]!r} (expected one of "
                        f"{', '.join(self.attributes) or 'none defined: declare it under simulation.attributes'})",
                        path=f"elements.{eid}.conditions.{flow}",
                    )
            for name in el.sets:
                if name not in self.attributes:
                    raise InputError(
                        f"set: attribute {name!r} is not declared (expected one of "
                        f"{', '.join(self.attributes) or 'none defined'}; declare it with its initial value "
                        "under simulation.attributes)",
                        path=f"elements.{eid}.set.{name}",
                    )
        for end, outcome in self.outcomes.items():
            if outcome not in OUTCOMES:
                raise InputError(
                    f"unknown outcome {outcome!r} (expected one of {', '.join(OUTCOMES)})", path=f"outcomes.{end}"
                )
        if self.decision is not None and self.decision.by_outcome:
            missing = [o for o in DECIDED_OUTCOMES if o not in self.outcomes.values()]
            if missing:
                raise InputError(
                    f"delegation by outcome needs an end event for {' and '.join(missing)} under "
                    "simulation.outcomes (end event id: outcome)",
                    path="decision.delegation",
                )

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
