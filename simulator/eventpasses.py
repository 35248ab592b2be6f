"""Compilation passes for what BPMN starts by an event: several start events, event subprocesses, compensation.

Each works on the field dicts of :mod:`simulator.tables` (one per future
:class:`simulator.tokens.CompiledNode`) and reports problems through a
``problem(element_id, why)`` callback, as :mod:`simulator.graphpasses` does.

- **Several top-level start events** (BPMN 2.0, 10.5.2: each starts an instance on its own trigger): a
  case arrives at one of them, by the ``share:`` the profile gives each (all or none; they sum to 1),
  else in equal shares (:func:`top_starts`; a run says so, :mod:`processes.standins`).
- **A non-interrupting event subprocess** started by a timer, message, signal, conditional or escalation
  start event (10.3.5): armed when its scope (the case, or the subprocess instance) starts; its trigger
  comes its start event's timer or ``delay:`` later, in the ``share:`` of scope instances the profile gives
  (else in every one), and only while the scope still runs; it then runs beside the scope's tokens, and the
  scope ends when both are done (:func:`event_subprocess_kind`, :func:`watch_lists`). An escalation start
  event is also started by each escalation throw or end event of its scope that throws its escalation (or of
  a subprocess inside it, uncaught on the way: 10.5.6), and needs no ``delay:`` then; the thrower goes on.
- **An interrupting event subprocess** (10.3.5) is armed the same way, by a timer, message, signal,
  conditional, escalation or error start event (an escalation or error thrown by a step whose inside is not
  in the file: its ``delay:`` says when); an error start event is also started by an error end event of its
  scope that throws its error (or of a subprocess inside it, uncaught on the way), and needs no ``delay:`` then
  (:func:`error_throwers`), an escalation start event by an escalation throw or end event so. When it starts, the
  scope's other work ends, and the scope ends when the event subprocess does.
- **Compensation** (10.5.6): an activity with a compensation boundary event has the compensation
  activity associated with it as its handler, a subprocess the compensation event subprocess inside it
  (:func:`compensation_handlers`); the engine remembers each activity that completes with a handler
  and runs the handlers, last completed first, when a compensation throw or end event, or a cancel end
  event, is reached (:mod:`simulator.compensation`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from processes import model as m
from processes.params import SimParams
from processes.standins import thrown_to
from simulator import instead
from simulator.tokens import START, Timer

__all__ = [
    "event_subprocess_kind",
    "compensation_handlers",
    "black_box_failures",
    "watch_lists",
    "error_throwers",
    "top_starts",
    "ARMED_TRIGGERS",
    "INTERRUPTING_TRIGGERS",
]

Fields = list[dict[str, Any]]
Problem = Callable[[str, str], None]

#: the start-event triggers of a non-interrupting event subprocess the engine arms (a timer fires at its
#: time; the others come their `delay:` after the scope starts), or an escalation throw of the model starts
ARMED_TRIGGERS = ("timer", "message", "signal", "conditional", "escalation")
#: the start-event triggers of an interrupting event subprocess the engine arms: those, and an error (an error end
#: event of the model, or one thrown by a step inside the scope, which the file does not show: a black box, so
#: its `delay:` says when it comes, as for a message)
INTERRUPTING_TRIGGERS = (*ARMED_TRIGGERS, "error")


def event_subprocess_kind(
    process: m.Process,
    sub: m.SubProcess,
    f: dict[str, Any],
    params: SimParams,
    timer: Callable[[m.Event, bool], Timer | None],
) -> str:
    """Fill ``f`` for the event subprocess ``sub``: a compensation handler, or armed by its start event's
    trigger (its ``timer``, or the ``delay:`` and ``share:`` of the start event in ``params``).
    Returns why it is refused, or ``""``."""
    starts = [n for n in process.children(sub.id) if isinstance(n, m.Event) and n.position == "start"]
    if len(starts) != 1:
        return instead.event_subprocess(process, sub)
    start = starts[0]
    if start.trigger == "compensation":
        if not isinstance(process.nodes.get(sub.parent), m.SubProcess):
            return (
                "a compensation event subprocess at the process's top level is never started (nothing "
                "compensates the whole process): leave it out, or draw it inside the subprocess it undoes"
            )
        f["compensation_handler"] = True
        return ""
    if start.trigger not in (INTERRUPTING_TRIGGERS if start.is_interrupting else ARMED_TRIGGERS):
        return instead.event_subprocess(process, sub)
    ep = params.elements.get(start.id)
    within = "subprocess" if isinstance(process.nodes.get(sub.parent), m.SubProcess) else "case"
    if start.trigger == "error":  # caught from an error end event (of its scope or below), or after its `delay:`
        f["error"] = True
        f["error_ref"] = start.definitions[0].ref
    elif start.trigger == "escalation":  # caught from an escalation throw (of its scope or below), or its `delay:`
        f["catches_escalation"] = True
        f["error_ref"] = start.definitions[0].ref
    if ep is not None and ep.delay is not None:
        f["delay"] = ep.delay
    elif start.trigger == "error":
        f["awaits_throw"] = start.id  # (checked by error_throwers: an error end event must throw it)
    elif start.trigger == "escalation" and thrown_to(process, start):
        pass  # started only by the escalation throws that come to it (simulator.eventrun)
    elif start.trigger == "timer":  # a cycle R[n]/duration: it fires again while the scope runs, as it may
        f["timer"] = timer(start, not start.is_interrupting)  # (an interrupting one fires once: it ends the scope)
        if f["timer"] is not None and f["timer"].repeat < 0:  # its own instances would keep the scope running
            return (
                f"its timer start event '{start.id}' repeats without end (a cycle R/...): it would start the event "
                "subprocess again as long as the scope runs, which its own instances keep running; give the cycle "
                "a count (R3/P1D)"
            )
    else:
        return (
            f"its {start.trigger} start event '{start.id}' needs a `delay:` in params (when the "
            f"{start.trigger} comes after the {within} starts; `share:` the share of cases in which it comes)"
        )
    f["triggered"] = True
    f["share"] = ep.share if ep is not None and ep.share is not None else 1.0
    f["interrupting"] = start.is_interrupting
    return ""


def compensation_handlers(
    process: m.Process, fields: Fields, index: dict[str, int], problem: Problem
) -> None:
    """Each compensation boundary event's activity gets the compensation activity associated with the
    event as its ``handler`` (the event leaves its ``boundaries``: it never interrupts); each subprocess
    the compensation event subprocess inside it."""
    targets: dict[str, list[str]] = {}
    for artifact in process.artifacts.values():
        if isinstance(artifact, m.Association):
            targets.setdefault(artifact.source, []).append(artifact.target)
    for f in fields:
        if f.get("compensation_boundary"):
            host = fields[f["host"]] if f["host"] >= 0 else None
            handlers = [
                index[t]
                for t in targets.get(f["id"], ())
                if t in index and getattr(process.nodes[t], "is_for_compensation", False)
            ]
            if host is None:
                continue  # (an unknown host: said where boundaries are collected)
            if len(handlers) != 1:
                problem(
                    f["id"],
                    f"compensation boundary event is associated with {len(handlers)} compensation "
                    "activities (expected one, isForCompensation, drawn with an association from "
                    "the event)",
                )
                continue
            host["boundaries"] = tuple(b for b in host["boundaries"] if b != f["index"])
            host["handler"] = handlers[0]
        elif f.get("compensation_handler") and f["scope"] >= 0:
            fields[f["scope"]]["handler"] = f["index"]


def black_box_failures(fields: Fields, problem: Problem) -> None:
    """Each black box's ``fails``: its error boundary events with a ``share:`` and their cumulative shares
    (one draw per completed run of the step chooses one, or none)."""
    by_host: dict[int, list[dict[str, Any]]] = {}
    for f in fields:
        if "fail_share" in f and f["host"] >= 0:
            by_host.setdefault(f["host"], []).append(f)
    for host, events in by_host.items():
        total, fails = 0.0, []
        for f in events:
            total += f["fail_share"]
            fails.append((f["index"], total))
        if total > 1.0 + 1e-9:
            problem(
                fields[host]["id"],
                f"the `share:` of its error boundary events sum to {total!r} (expected at "
                f"most 1: {', '.join(f['id'] for f in events)})",
            )
        fields[host]["fails"] = tuple(fails)


def watch_lists(fields: Fields) -> tuple[int, ...]:
    """Each subprocess's ``watch``: the armed event subprocesses directly inside it; returns the top
    level's."""
    inside: dict[int, list[int]] = {}
    for f in fields:
        if f.get("triggered"):
            inside.setdefault(f["scope"], []).append(f["index"])
    for scope, subs in inside.items():
        if scope >= 0:
            fields[scope]["watch"] = tuple(subs)
    return tuple(inside.get(-1, ()))


def error_throwers(process: m.Process, fields: Fields, problem: Problem) -> None:
    """An error event subprocess without a `delay:` is started only by an error end event that throws its error
    (its start event names none: any error) in its scope, or in a subprocess inside it that nothing on the way
    catches (:func:`processes.standins.thrown_to`): refused when there is none, as it would never start."""
    for f in fields:
        start = f.get("awaits_throw")
        if start is None:
            continue
        if not thrown_to(process, process.nodes[start]):  # type: ignore[arg-type]  # (an error start event)
            within = "subprocess" if f["scope"] >= 0 else "case"
            problem(
                f["id"],
                f"its error start event '{start}' catches no error end event of its {within}: give it a `delay:` in "
                f"params (when a step inside throws the error, which the file does not show; `share:` the share of "
                f"{within} instances in which it comes)",
            )


def top_starts(
    fields: Fields, params: SimParams, problem: Problem, process_id: str
) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """The top-level start events and their cumulative shares: each one's ``share:``, or equal shares."""
    tops = [f for f in fields if f["kind"] == START and f["scope"] == -1]
    if len(tops) < 2:
        return tuple(f["index"] for f in tops), ()
    shares = [params.elements[f["id"]].share if f["id"] in params.elements else None for f in tops]
    given = [s for s in shares if s is not None]
    if not given:
        weights = [1.0 / len(tops)] * len(tops)
    elif len(given) != len(tops):
        problem(
            process_id,
            "give every top-level start event a `share:` or none (equal shares): "
            + ", ".join(f["id"] for f, s in zip(tops, shares, strict=True) if s is None)
            + " have none",
        )
        weights = [1.0 / len(tops)] * len(tops)
    else:
        total = math.fsum(given)
        if abs(total - 1.0) > 1e-9:
            problem(
                process_id,
                f"the `share:` of the top-level start events must sum to 1 (within 1e-9), "
                f"got {total!r} ({', '.join(f['id'] for f in tops)})",
            )
        weights = [s for s in shares if s is not None]
    cumulative, total = [], 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    cumulative[-1] = max(cumulative[-1], 1.0)  # rounding: the last start takes what is left
    return tuple(f["index"] for f in tops), tuple(cumulative)
