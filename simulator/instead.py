"""What to draw instead of an element the engine does not simulate: the nearest thing it does.

Each refusal of :mod:`simulator.tables` says what is wrong and then, after a colon, what a process
developer can draw in its place (a timer, message or error boundary event, a gateway, a task ...).

>>> boundary("escalation", interrupting=False)
'draw a non-interrupting message boundary event instead, with a `delay:` in params (when the escalation comes)'
"""

from __future__ import annotations

from processes import model as m
from processes.stepnames import step_said

__all__ = ["boundary", "catch", "throw", "event_subprocess", "COMPENSATION"]

#: what to draw for compensation where the engine cannot run it
COMPENSATION = "leave it out, or draw the undoing as ordinary tasks on the path that needs it"


def boundary(trigger: str, *, interrupting: bool) -> str:
    """For a boundary event of ``trigger``."""
    non = "" if interrupting else "non-interrupting "
    if trigger == "escalation":
        if interrupting:
            return ("draw an error boundary event instead (caught from an error end event inside the subprocess), "
                    "or a message boundary event with a `delay:` in params (when the escalation comes)")
        return f"draw a {non}message boundary event instead, with a `delay:` in params (when the escalation comes)"
    if trigger == "conditional":
        return (f"draw a {non}timer boundary event (when the condition comes true) or a {non}message boundary "
                "event with a `delay:` in params instead")
    if trigger == "signal":
        return (f"draw a {non}message boundary event instead, with a `delay:` in params (when the signal comes)")
    if trigger == "compensation":
        return COMPENSATION
    if trigger == "cancel":
        return ("attach it to a transaction (a cancel end event inside cancels it), or draw an error boundary event "
                "instead, on an embedded subprocess ending in an error end event")
    if trigger in ("multiple", "parallel_multiple"):
        return "draw one boundary event per trigger instead (timer, message or error)"
    return f"draw a {non}timer, message or error boundary event instead"


def catch(trigger: str) -> str:
    """For an intermediate catch event of ``trigger``."""
    if trigger == "conditional":
        return ("draw a timer catch event (when the condition comes true) or a message catch event with a "
                "`delay:` in params instead")
    if trigger == "signal":
        return "draw a message catch event instead, with a `delay:` in params (when the signal comes)"
    if trigger == "multiple":
        return "draw an event-based gateway to one timer or message catch event per trigger instead"
    if trigger == "parallel_multiple":
        return "draw a parallel gateway to one timer or message catch event per trigger, and a join, instead"
    return "draw a timer catch event or a message catch event with a `delay:` in params instead"


def throw(trigger: str, position: str) -> str:
    """For an intermediate throw or end event of ``trigger``."""
    if trigger == "compensation":
        return COMPENSATION
    if trigger == "cancel":
        return ("draw it inside a transaction (with a cancel boundary event on it, the way out), or draw an error "
                "end event instead, and an error boundary event on the subprocess (`simulate --lenient` reads it "
                "as an end event without a trigger)")
    what = "end event" if position == "end" else "intermediate throw event"
    return f"draw a {what} without a trigger (or a message one) instead"


def event_subprocess(process: m.Process, sub: m.SubProcess) -> str:
    """For an event subprocess :mod:`simulator.eventpasses` cannot arm: why this one (not one start event, a
    non-interrupting error start, or a start event of a trigger it has no way to wait for), and what to draw.
    A compensation start is a handler, the other triggers are armed there, so they never come here."""
    starts = [n for n in process.children(sub.id) if isinstance(n, m.Event) and n.position == "start"]
    container = process.nodes.get(sub.parent)
    host = (f"subprocess {step_said(container.id, container.name)}" if isinstance(container, m.SubProcess)
            else "an embedded subprocess drawn around the steps it watches")
    refused, steps = "this event subprocess is not simulated", "leading to its steps"
    if len(starts) != 1:
        return (f"{refused} (it has {len(starts)} start events, not one): instead, draw a timer, message or error "
                f"boundary event on {host}, {steps}")
    start = starts[0]
    non = "" if start.is_interrupting else "non-interrupting "
    said = f"{refused} (its start event '{start.id}' is a {non}{start.trigger} start event"
    if start.trigger == "error" and not start.is_interrupting:
        return (f"{said}, which BPMN does not allow: an error start event always interrupts): make it interrupting, "
                f"or draw an error boundary event on {host} (caught from an error end event inside), {steps}")
    return f"{said}): instead, draw a {non}timer, message or error boundary event on {host}, {steps}"
