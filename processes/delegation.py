"""The decision step: who decides at each delegation level (a body that meets, with its meeting
schedule and agenda cut-off, or a person of a pool) and which level decides which outcome, as
profile.yaml ``simulation: decision:`` gives them.

Its own module because the delegation order is the municipality's own rule set (delegationsordning),
checked on its own before the whole profile is (:class:`processes.params.SimParams` then checks that its
pools exist); :mod:`processes.params` re-exports every name here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field

from processes.distributions import Distribution
from processes.frozenclass import frozen_dataclass
from processes.frozenmap import FrozenMap
from processes.rulewords import NONE_DEFINED, rule_error, written

__all__ = ["DELEGATION_LEVELS", "DECIDED_OUTCOMES", "MeetingSchedule", "DecisionBody", "Decision"]

#: who decides, from the least to the most formal
DELEGATION_LEVELS = ("officer", "manager", "chair", "working_committee", "committee")
#: the outcomes decided on the merits at the decision step (delegation may differ between them)
DECIDED_OUTCOMES = ("grant", "refusal")


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
