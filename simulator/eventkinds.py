"""What each BPMN event compiles to: its kind code, and what the engine needs to run it or why it cannot.

A mixin of the compilation pass (:class:`simulator.tables._Builder`). An event is read by its position
(start, intermediate catch or throw, end, boundary) and its trigger: a timer's ISO 8601 duration, date
or cycle; a message, signal or conditional catch's ``delay:``; error, cancel, escalation and
compensation throws and catches, and what they name; and for each trigger the engine does not
simulate, a refusal that says what to draw instead (:mod:`simulator.instead`). Its own module: the
events are most of BPMN's vocabulary and most of the refusals, apart from the pass that assembles
the tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from processes import model as m
from processes.errors import SimulationError
from processes.params import ElementParams, SimParams
from simulator import instead
from simulator.tokens import (
    CANCELLED,
    END,
    MESSAGE,
    PASS,
    START,
    TERMINATE,
    TIMER,
    Timer,
    parse_iso_duration,
)

__all__ = ["EventKinds"]

_CYCLE = re.compile(r"^R(?P<n>\d*)/(?P<d>P.+)$")


def _timer(node: m.Event, start: datetime | date | None, *, allow_cycle: bool) -> Timer:
    definition = node.definitions[0]
    text = definition.timer.text.strip() if definition.timer is not None else ""
    if definition.timer_kind == "timeDuration":
        return Timer(after=parse_iso_duration(text))
    if definition.timer_kind == "timeDate":
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)
        except ValueError:
            raise SimulationError(f"timeDate {text!r} is not an ISO 8601 date-time", element=node.id) from None
        origin = start if isinstance(start, datetime) else datetime.combine(start or date(1970, 1, 1), datetime.min.time())
        return Timer(at=(when - origin).total_seconds() / 3600.0)
    if definition.timer_kind == "timeCycle" and allow_cycle:
        match = _CYCLE.match(text)
        if match is None:
            raise SimulationError(f"timeCycle {text!r} (expected R[n]/duration, e.g. R/P14D)", element=node.id)
        n = int(match.group("n")) if match.group("n") else -1
        return Timer(after=parse_iso_duration(match.group("d")), repeat=(n - 1 if n > 0 else -1))
    raise SimulationError(
        f"timer {definition.timer_kind or 'without a value'} {text!r} cannot be simulated here "
        "(expected timeDuration or timeDate; timeCycle only on a non-interrupting boundary event)",
        element=node.id,
    )


_UNSUPPORTED_TRIGGERS = ("multiple", "parallel_multiple")
#: what the `delay:` of a catch event of each trigger the engine waits for is (a conditional one: the time until
#: its condition comes true, which the model cannot compute: :mod:`processes.standins`), and of a boundary event
_WAITED_FOR = {"message": "the sender's response time", "conditional": "the time until its condition comes true",
               "signal": "when the signal comes"}
_COMES = {"message": "when the message comes", "conditional": "when its condition comes true",
          "escalation": "when the escalation comes", "signal": "when the signal comes"}


class EventKinds:
    """Events, for the compilation pass: their kinds, timers and refusals."""

    process: m.Process
    params: SimParams
    black_box_escalations: frozenset[str]
    black_box_errors: frozenset[str]

    problem: Callable[[str, str], None]  # provided by the pass

    def event_kind(self, n: m.Event, f: dict[str, Any], index: dict[str, int], ep: ElementParams | None) -> int:
        trigger = n.trigger
        if n.position == "start":  # a start event inside a subprocess: any trigger is refused here, once
            container = self.process.nodes.get(n.parent)
            if isinstance(container, m.SubProcess) and container.triggered_by_event:
                return START  # its event subprocess's refusal says its trigger and what to draw instead
            if f["scope"] != -1 and trigger != "none":
                self.problem(n.id, f"a start event inside a subprocess must have no trigger, not {trigger}: draw "
                                   "it without one (a timer or message catch event after it, if the subprocess "
                                   "waits)")
            return START
        if trigger in _UNSUPPORTED_TRIGGERS or (trigger == "cancel" and (
                n.position not in ("end", "boundary") or not self.in_transaction(n))) or (
                trigger == "compensation" and n.position == "intermediate_catch"):
            said = f"{trigger} {n.position.replace('_', ' ')} event is not simulated" + (
                " outside a transaction (BPMN defines cancel only for one)" if trigger == "cancel" else "")
            if n.position == "boundary":
                self.problem(n.id, f"{said}: {instead.boundary(trigger, interrupting=n.cancel_activity)}")
            elif n.position == "intermediate_catch":
                self.problem(n.id, f"{said}: {instead.catch(trigger)}")
            else:
                self.problem(n.id, f"{said}: {instead.throw(trigger, n.position)}")
            return PASS
        if n.position == "end":
            if trigger == "terminate":
                return TERMINATE
            if trigger == "error":
                f["error"] = True
                f["error_ref"] = n.definitions[0].ref
            elif trigger == "cancel":  # ends its transaction, compensates it, leaves by its cancel boundary event
                f["error"] = f["compensate"] = True
                f["error_ref"] = CANCELLED
            elif trigger == "compensation":
                self.compensation_throw(n, f, index)
            elif trigger == "escalation":  # throws its escalation to the scopes around (simulator.eventrun)
                f["escalates"] = True
                f["error_ref"] = n.definitions[0].ref
            return END
        if n.position == "intermediate_throw":
            if trigger == "compensation":
                self.compensation_throw(n, f, index)
            elif trigger == "escalation":
                f["escalates"] = True
                f["error_ref"] = n.definitions[0].ref
            return PASS
        if n.position == "intermediate_catch":
            if trigger == "link":
                return PASS
            if trigger == "timer":
                if ep is not None and ep.delay is not None:
                    f["delay"] = ep.delay
                else:
                    f["timer"] = self.timer(n, allow_cycle=False)
                return TIMER
            if trigger in ("message", "conditional", "signal"):  # a wait for the message, the signal, or the condition
                if ep is None or ep.delay is None:
                    self.problem(n.id, f"{trigger} catch event needs a `delay:` "
                                       f"({_WAITED_FOR[trigger]}) in params")
                else:
                    f["delay"] = ep.delay
                return MESSAGE
            self.problem(n.id, f"{trigger} intermediate catch event is not simulated: {instead.catch(trigger)}")
            return PASS
        # boundary
        f["host"] = index.get(n.attached_to, -1)
        f["interrupting"] = n.cancel_activity
        if trigger == "timer":
            if ep is not None and ep.delay is not None:
                f["delay"] = ep.delay
            else:
                f["timer"] = self.timer(n, allow_cycle=not n.cancel_activity)
        elif trigger in ("message", "conditional", "signal") or (
                trigger == "escalation" and n.id in self.black_box_escalations):
            if ep is None or ep.delay is None:
                self.problem(n.id, f"{trigger} boundary event needs a `delay:` ({_COMES[trigger]}) in params")
            else:
                f["delay"] = ep.delay
        elif trigger == "escalation" and isinstance(self.process.nodes.get(n.attached_to), m.SubProcess):
            f["catches_escalation"] = True  # on a subprocess with steps: caught from a throw inside
            f["error_ref"] = n.definitions[0].ref
        elif trigger == "error":
            f["error"] = True
            f["error_ref"] = n.definitions[0].ref
            f["interrupting"] = True
            if n.id in self.black_box_errors and ep is not None and ep.share is not None:
                f["fail_share"] = ep.share  # (simulator.eventpasses.black_box_failures)
        elif trigger == "cancel":  # on a transaction (else refused above): caught from its cancel end event
            f["error"] = f["interrupting"] = True
            f["error_ref"] = CANCELLED
        elif trigger == "compensation":  # not an interruption: its activity's handler (simulator.eventpasses)
            f["compensation_boundary"] = True
        else:
            self.problem(n.id, f"{trigger} boundary event is not simulated: "
                               f"{instead.boundary(trigger, interrupting=n.cancel_activity)}")
        return PASS

    def in_transaction(self, n: m.Event) -> bool:
        """A cancel end event directly inside a transaction, or a cancel boundary event on one."""
        container = self.process.nodes.get(n.attached_to if n.position == "boundary" else n.parent)
        return isinstance(container, m.SubProcess) and container.variant == "transaction"

    def compensation_throw(self, n: m.Event, f: dict[str, Any], index: dict[str, int]) -> None:
        """A compensation throw or end event: the activity it names (activityRef), else every one of its scope."""
        f["compensate"] = True
        ref = n.definitions[0].activity_ref
        if ref and ref not in index:
            self.problem(n.id, f"compensation event names activity {ref!r}, which is not in the process")
        elif ref:
            f["compensate_ref"] = index[ref]

    def timer(self, n: m.Event, *, allow_cycle: bool) -> Timer | None:
        start = self.params.start
        try:
            return _timer(n, start, allow_cycle=allow_cycle)
        except SimulationError as err:
            self.problem(n.id, err.message)
            return None
