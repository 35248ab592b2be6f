"""The legal handling-time clock: the deadline a decision must meet, its one extension, and the day
count of a deadline written in days, weeks, months or years (lagen (1930:173) 2 §), as profile.yaml
``simulation: clock:`` gives them.

Its own module because it is the law's rule, not the municipality's resources or order of work: what
"over the deadline" means for the figures, cases.csv and the extension's choice is decided here alone
(:meth:`LegalClock.span`); :mod:`processes.params` re-exports every name here.
"""

from __future__ import annotations

import datetime as dt

from processes.calendarmonths import by_day, deadline_span
from processes.frozenclass import frozen_dataclass
from processes.rulewords import rule_error, written

__all__ = ["EXTENSION_RULES", "LegalClock"]

#: how the legal clock's one extension is taken: by the projected decision date, or by the gateway's probabilities
EXTENSION_RULES = ("projected", "probabilities")


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
