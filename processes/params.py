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

from processes.calendarmonths import by_day, deadline_span
from processes.conditions import Condition
from processes.distributions import Distribution
from processes.durations import duration_said
from processes.frozenclass import frozen_dataclass
from processes.frozenmap import FrozenMap
from processes.rulewords import NONE_DEFINED, rule_error, written

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
            raise rule_error("closure_capacity", path="capacity", value=written(self.capacity))
        if not self.yearly and self.last < self.first:
            raise rule_error("closure_order", path="to", last=str(self.last), first=str(self.first))

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
            raise rule_error("week_days", path="hours", name=repr(self.name), count=str(len(self.week)))
        for day, intervals in zip(WEEKDAYS, self.week, strict=True):
            last = 0.0
            for start, end in intervals:
                if not (0.0 <= start < end <= 24.0) or start < last:
                    raise rule_error("opening_hours_order", path=f"hours.{day}", start=f"{start:g}", end=f"{end:g}",
                                     day=day)
                last = end
        if self.weekly_hours() <= 0:
            raise rule_error("never_open", path="hours", name=repr(self.name))

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
            raise rule_error("member_fte", path="fte", name=repr(self.name), value=written(self.fte))


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
            raise rule_error("pool_count", path="count", name=repr(self.name), value=written(self.count))
        if self.members and len(self.members) != self.count:
            n = len(self.members)
            fix = (("to add a person give members.NAME: {} beside the count",
                    "lägg till en person med members.NAMN: {} bredvid count") if n < self.count
                   else (f"give count: {n}", f"ange count: {n}"))
            raise rule_error("pool_members", path="count", name=repr(self.name), count=str(self.count),
                             members=(f"{n} member{'s' * (n != 1)}", f"{n} {'medlem' if n == 1 else 'medlemmar'}"),
                             names=", ".join(m.name for m in self.members), fix=fix)
        if len({m.name for m in self.members}) != len(self.members):
            raise rule_error("pool_member_twice", path="members", name=repr(self.name))
        if not 0.0 < self.fte <= 1.0:
            raise rule_error("pool_fte", path="fte", name=repr(self.name), value=written(self.fte))
        if not self.cost_per_hour >= 0:
            raise rule_error("pool_cost", path="cost_per_hour", name=repr(self.name), value=written(self.cost_per_hour))


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
            raise rule_error("meetings_need_short", path="meetings")
        if any(not 1 <= m <= 12 for m in self.except_months):
            raise rule_error("except_months", path="except_months", value=written(list(self.except_months)))
        if not 0.0 <= self.at_hour < 24.0:
            raise rule_error("meeting_hour", path="at", value=written(self.at_hour))


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
            raise rule_error("delegation_level", level=repr(self.level), levels=", ".join(DELEGATION_LEVELS))
        if (self.meetings is None) == (self.pool is None):
            raise rule_error("body_needs", level=repr(self.level))
        if self.agenda_cutoff < 0:
            raise rule_error("agenda_cutoff", path="agenda_cutoff", value=written(self.agenda_cutoff))


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
                raise rule_error("delegation_level", path=where, level=repr(level), levels=", ".join(DELEGATION_LEVELS))
            if level not in self.bodies:
                raise rule_error("delegation_no_body", path=where, level=repr(level),
                                 levels=", ".join(self.bodies) or NONE_DEFINED)
        if self.by_outcome:
            if set(self.by_outcome) != set(DECIDED_OUTCOMES):
                raise rule_error("by_outcome_names", path="delegation", names=", ".join(self.by_outcome),
                                 outcomes=(" and ".join(DECIDED_OUTCOMES), " och ".join(DECIDED_OUTCOMES)))
            if self.by_outcome["grant"] != self.delegation:
                raise rule_error("by_outcome_grant", path="delegation")
            if not self.outcome_gateway:
                raise rule_error("by_outcome_gateway", path="outcome_gateway")

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

    ``deadline_months`` / ``extension_months``: the deadline / extension was written in whole months
    (``4mo``) or years (``1y``: 12 months), which the law counts on the calendar: each case's deadline is
    then its own (:meth:`span`), and ``deadline`` / ``extension`` are only their mean lengths (730.5 h a
    month), which words and charts name.

    ``deadline_unit`` / ``extension_unit``: the unit each was written in (``d``, ``w``, ``mo``, ``y``, ``h``,
    ``m``; None: hours, a number without a written unit). A deadline with a part in days, weeks, months or
    years is counted by the day, and its last day on a weekend, holiday or eve moves on (lagen (1930:173) 2 §,
    :meth:`span`); one in hours is not moved.
    """

    start: str
    stop: str
    deadline: float
    extension: float | None = None
    extension_flow: str | None = None
    extension_rule: str = "projected"
    deadline_months: int | None = None
    extension_months: int | None = None
    deadline_unit: str | None = None
    extension_unit: str | None = None

    def __post_init__(self) -> None:
        if not self.deadline > 0:
            raise rule_error("deadline", path="deadline", value=written(self.deadline))
        if self.start == self.stop:
            raise rule_error("clock_same", path="stop", value=written(self.start))
        if self.extension_rule not in EXTENSION_RULES:
            raise rule_error("extension_rule", path="extension_rule", value=written(self.extension_rule),
                             rules=", ".join(EXTENSION_RULES))
        if self.extension_flow is not None and not (self.extension or 0.0) > 0:
            raise rule_error("extension_flow", path="extension", value=written(self.extension_flow))

    @property
    def extended_deadline(self) -> float:
        """The deadline after the one extension (hours; its mean length when written in months)."""
        return self.deadline + (self.extension or 0.0)

    def span(self, complete: float, start: dt.date, *, extended: bool = False) -> float:
        """Hours from a clock started at simulation hour ``complete`` (hour 0 is ``start`` at 00:00) to the
        last instant of its deadline; ``extended``: of its deadline after the one extension. The one rule of
        "over the deadline" (the figures, cases.csv, the extension's choice): a decision ``span`` hours or
        less after ``complete`` is on time. A part in months (or years, 12 months each) ends on the same day
        of the month that many calendar months on (the month's last day when it has none), at the same time of
        day (:func:`processes.calendarmonths.deadline_span`, which a case log's shares use too); the deadline and
        extension in months count together from the clock's start (4 + 4 months: 8 calendar months); a part
        in days, weeks or hours is that many hours. A deadline with a part in days, weeks, months or years
        whose last day is a Saturday, Sunday, holiday or eve runs to the end of the next weekday (lagen
        (1930:173) 2 §); one in hours alone is not moved."""
        months = (self.deadline_months or 0) + ((self.extension_months or 0) if extended else 0)
        hours = self.deadline if self.deadline_months is None else 0.0
        if extended and self.extension_months is None:
            hours += self.extension or 0.0
        daily = by_day(self.deadline_unit, self.extension_unit if extended else None)
        return deadline_span(hours, months, start, complete, daily=daily)


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
