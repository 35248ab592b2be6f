"""Elements the engine runs by an approximation because the file does not hold what they stand for.

A modelling tool that keeps a subprocess collapsed may write it with nothing inside: an embedded
``subProcess`` element with no flow node of its own (MIWG A.3.0, C.3.0, bpmn-js's "Ship Items
(todo)"). The steps it stands for are not in the file, so the engine cannot run them; it runs the
subprocess as one step of work instead, as it runs a call activity (the process it calls is not run
inside either): the element's ``duration:`` for the pool of its lane, its ``delay:``, its loop or
count, its boundary events, exactly as a task's. ``convert --to profile`` gives it a placeholder work
time.

A conditional catch or boundary event waits until its condition comes true (BPMN 2.0, 10.5): the
condition is on data the model does not change, so when it comes true is not in the file either. The
engine waits the event's ``delay:`` (required, as for a message event: the time until the condition
comes true), as it waits for a message; ``convert --to profile`` gives it a placeholder wait.

An escalation boundary event fires when a step inside its activity raises the escalation (BPMN 2.0,
10.5). On a step whose inside is not in the file (a task, a call activity, an empty subprocess: a
black box), when that is is not in the file either: the engine fires it its ``delay:`` after the
activity starts (required), interrupting or not, as it fires a message boundary event. One on a
subprocess with steps inside catches the escalations thrown there (:mod:`simulator.eventrun`), as an escalation
start event of an event subprocess does; one that no escalation throw of the file comes to waits its `delay:`.

A signal catch or boundary event waits for a signal thrown elsewhere (BPMN 2.0, 10.5.4), by any
process, any case: the engine does not follow a throw to its catches, so it waits the event's ``delay:``
(required: when the signal comes), as for a message. A non-interrupting event subprocess started by a
message, signal or conditional start event starts when that comes, which is not in the file either: its
start event's ``delay:`` after its scope (the case, or the subprocess instance) starts, in the ``share:``
of scope instances the profile gives (else in every one); a timer start event at its time. Several
top-level start events (each starts a case on its own trigger) share the arrivals: each case arrives at
one, by their ``share:`` (else in equal shares) (:mod:`simulator.eventpasses`).

A run says each such element once (:func:`stand_in_notes`), and the profile's comments say so above
its entry. An event subprocess, a transaction and an ad-hoc subprocess with nothing inside are not
stand-ins: they are refused as before (what they would do is not one step of work).

>>> from processes import model as m
>>> p = m.Process("P", nodes={"S": m.SubProcess("S", name="Ship items")})
>>> [s.id for s in empty_subprocesses(p)]
['S']
"""

from __future__ import annotations

from processes import model as m
from processes.params import SimParams
from processes.stepnames import step_said

__all__ = ["empty_subprocesses", "conditional_events", "black_box_escalations", "black_box_errors", "signal_catches", "armed_starts",
           "thrown_to",            "top_starts", "unused_compensations", "approximation", "stand_in_notes", "STAND_IN", "CONDITIONAL", "CONDITIONAL_BOUNDARY",
           "ESCALATION_BOUNDARY", "SIGNAL", "SIGNAL_BOUNDARY", "STARTS", "UNUSED",
           "ERROR_BOUNDARY", "ERROR_NEVER"]

#: what a run says of an empty subprocess (after the element): how it is simulated
STAND_IN = ("a subprocess with nothing drawn inside (its tool kept it collapsed): simulated as one step of work, as "
            "a call activity is")
#: what a run says of a conditional catch event and of a conditional boundary event (after the element)
CONDITIONAL = ("a conditional catch event: simulated as a wait of its `delay:`, the time until its condition comes "
               "true (the model does not say when), as a message catch event waits for its message")
CONDITIONAL_BOUNDARY = ("a conditional boundary event: simulated as firing its `delay:` after its activity starts, "
                        "when its condition comes true (the model does not say when), as a message boundary event "
                        "fires when its message comes")
#: what a run says of an escalation boundary event on a black box (after the element)
ESCALATION_BOUNDARY = ("an escalation boundary event on a step whose inside is not in the file: simulated as firing "
                       "its `delay:` after its activity starts, when the escalation comes (the model does not say "
                       "when), as a message boundary event fires when its message comes")

#: what a run says of a signal catch event and of a signal boundary event (after the element)
SIGNAL = ("a signal catch event: simulated as a wait of its `delay:`, until the signal comes (a throw is not "
          "followed to its catches), as a message catch event waits for its message")
SIGNAL_BOUNDARY = ("a signal boundary event: simulated as firing its `delay:` after its activity starts, when the "
                   "signal comes (a throw is not followed to its catches), as a message boundary event fires")
#: what a run says of the start event of a non-interrupting event subprocess, by its trigger (after the element)
ARMED = ("the start event of a non-interrupting event subprocess: its {trigger} comes its `delay:` after the "
         "{scope} starts{share}; the event subprocess then runs beside the {scope}, which ends when both are done")
#: what a run says of the start event of an interrupting event subprocess, by its trigger (after the element)
INTERRUPTS = ("the start event of an interrupting event subprocess: its {trigger} comes its `delay:` after the "
              "{scope} starts{share}; the event subprocess then ends the {scope}'s other work, and the {scope} ends "
              "when it ends")
#: what a run says of several top-level start events (after the first)
STARTS = ("one of {n} top-level start events ({ids}): each case arrives at one of them, {how}")
#: what a run says of an error boundary event on a black box, with a share and without one (after the element)
ERROR_BOUNDARY = ("an error boundary event on a step whose inside is not in the file: simulated as the step ending in "
                  "that error after its work, in the `share:` of its runs the profile gives (the model does not say "
                  "when the error is thrown)")
ERROR_NEVER = ("an error boundary event on a step whose inside is not in the file: never fires, as the profile gives "
               "it no `share:` (the share of the step's runs that end in that error)")
#: what a run says of a compensation activity nothing can start (after the element)
UNUSED = ("a compensation activity that no compensation boundary event is associated with: never run (BPMN runs "
          "one only to undo the activity whose compensation boundary event it is associated with)")

_NOT_CONTENT = (m.DataObject, m.DataObjectReference, m.DataStoreReference)
#: the start-event triggers of a non-interrupting event subprocess that wait a `delay:` (a timer has its time; an
#: escalation start that no escalation throw of the model comes to: thrown by a step whose inside is not in the file)
_WAITED_STARTS = ("message", "signal", "conditional", "escalation")
#: those of an interrupting one: also an error thrown by a step whose inside is not in the file
_INTERRUPTING_STARTS = (*_WAITED_STARTS, "error")
#: the triggers a throw in the model may start an event subprocess by, and the positions of those throws
_THROWN = {"error": ("end",), "escalation": ("end", "intermediate_throw")}


def empty_subprocesses(process: m.Process) -> tuple[m.SubProcess, ...]:
    """The embedded subprocesses of ``process`` with no flow node inside (a boundary event on one, a data
    object in one do not count), in model order; one pass over the nodes."""
    filled = {n.parent for n in process.nodes.values()
              if not isinstance(n, _NOT_CONTENT)
              and not (isinstance(n, m.Event) and n.position == "boundary" and n.attached_to == n.parent)}
    return tuple(n for n in process.nodes.values() if isinstance(n, m.SubProcess) and n.variant == "subProcess"
                 and not n.triggered_by_event and n.id not in filled)


def conditional_events(process: m.Process) -> tuple[m.Event, ...]:
    """The conditional intermediate catch and boundary events of ``process``, in model order."""
    return tuple(n for n in process.nodes.values() if isinstance(n, m.Event) and n.trigger == "conditional"
                 and n.position in ("intermediate_catch", "boundary"))


def black_box_errors(process: m.Process) -> tuple[m.Event, ...]:
    """The error boundary events of ``process`` on a task, a call activity or an empty subprocess (the end
    event that would throw the error is not in the file), in model order."""
    return _on_black_box(process, "error")


def black_box_escalations(process: m.Process) -> tuple[m.Event, ...]:
    """The escalation boundary events of ``process`` on a task, a call activity or an empty subprocess (the
    steps that would raise the escalation are not in the file), in model order."""
    return _on_black_box(process, "escalation")


def _on_black_box(process: m.Process, trigger: str) -> tuple[m.Event, ...]:
    empty = {s.id for s in empty_subprocesses(process)}
    return tuple(n for n in process.nodes.values()
                 if isinstance(n, m.Event) and n.position == "boundary" and n.trigger == trigger
                 and (isinstance(process.nodes.get(n.attached_to), (m.Task, m.CallActivity)) or n.attached_to in empty))


def signal_catches(process: m.Process) -> tuple[m.Event, ...]:
    """The signal intermediate catch and boundary events of ``process``, in model order."""
    return tuple(n for n in process.nodes.values() if isinstance(n, m.Event) and n.trigger == "signal"
                 and n.position in ("intermediate_catch", "boundary"))


def armed_starts(process: m.Process) -> tuple[m.Event, ...]:
    """The message, signal, conditional and escalation start events of the event subprocesses of ``process``,
    and the error start events of the interrupting ones (their trigger comes after a `delay:`; not an error or
    escalation start that a throw in its scope, or in a subprocess inside it, comes to), in model order."""
    by_event = {n.id: n for n in process.nodes.values() if isinstance(n, m.SubProcess) and n.triggered_by_event}
    return tuple(n for n in process.nodes.values()
                 if isinstance(n, m.Event) and n.position == "start" and n.parent in by_event
                 and n.trigger in (_INTERRUPTING_STARTS if n.is_interrupting else _WAITED_STARTS)
                 and not (n.trigger in _THROWN and _thrown_to(process, n, by_event[n.parent].parent)))


def _thrown_to(process: m.Process, start: m.Event, scope: str) -> bool:
    """Does an error end event (for an error start event ``start``), or an escalation throw or end event (for an
    escalation one), in ``scope`` or in a subprocess inside it that nothing on the way catches, throw what
    ``start`` catches?"""
    trigger, caught = start.trigger, start.definitions[0].ref
    return any(isinstance(n, m.Event) and n.trigger == trigger and n.position in _THROWN[trigger]
               and caught in ("", n.definitions[0].ref) and _comes_to(process, n, scope) for n in process.nodes.values())


def thrown_to(process: m.Process, start: m.Event) -> bool:
    """Does an error end event throw to the error start event ``start`` of an event subprocess (in its scope,
    or inside a subprocess there, uncaught on the way: BPMN 10.5.6)? Else only its ``delay:`` starts it. The
    same for an escalation start event and an escalation throw or end event."""
    return _thrown_to(process, start, process.nodes[start.parent].parent)


def _comes_to(process: m.Process, thrower: m.Event, scope: str) -> bool:
    """Does the error (or escalation) of ``thrower`` come up to ``scope`` (its own, or one around it), not caught
    on the way by an event subprocess of a scope it leaves or a boundary event on a subprocess it leaves (the
    simulator's ``rethrow`` and ``escalate``)? What an event subprocess throws, error or escalation, is not
    caught by the event subprocesses of its own scope: it never starts a sibling."""
    trigger, code = thrower.trigger, thrower.definitions[0].ref
    here, from_event = thrower.parent, False
    while here != scope:
        host = process.nodes.get(here)
        if not isinstance(host, m.SubProcess):
            return False  # past the top: ``scope`` is not around ``thrower``
        events = {n.id for n in process.nodes.values()
                  if isinstance(n, m.SubProcess) and n.triggered_by_event and n.parent == here}
        catches = [n for n in process.nodes.values() if isinstance(n, m.Event) and n.trigger == trigger
                   and _code_caught(n.definitions[0].ref, code)
                   and ((n.position == "boundary" and n.attached_to == here)
                        or (not from_event and n.position == "start" and n.parent in events
                            and (n.is_interrupting or trigger == "escalation")))]
        if catches:
            return False
        here, from_event = host.parent, host.triggered_by_event
    return not from_event  # (an error or escalation of an event subprocess of ``scope`` itself: not caught there)


def _code_caught(catch: str, thrown: str) -> bool:
    """An error catch with the error ``catch`` (``""``: any) catches the error ``thrown``."""
    return catch in ("", thrown)


def unused_compensations(process: m.Process) -> tuple[m.Node, ...]:
    """The compensation activities of ``process`` that no compensation boundary event is associated with (a
    tool that dropped the event kept them: Cardanit's MIWG C.6.0 roundtrip): BPMN never runs them."""
    events = {n.id for n in process.nodes.values()
              if isinstance(n, m.Event) and n.position == "boundary" and n.trigger == "compensation"}
    used = {a.target for a in process.artifacts.values() if isinstance(a, m.Association) and a.source in events}
    return tuple(n for n in process.nodes.values() if getattr(n, "is_for_compensation", False) and n.id not in used)


def top_starts(process: m.Process) -> tuple[m.Event, ...]:
    """The top-level start events of ``process`` when there are several (else none)."""
    tops = tuple(n for n in process.nodes.values() if isinstance(n, m.Event) and n.position == "start"
                 and n.parent not in process.nodes)
    return tops if len(tops) > 1 else ()


def approximation(node: m.Node, process: m.Process | None = None) -> str:
    """What a run says of ``node``: an empty subprocess, a conditional or signal event, an escalation boundary
    event on a black box, or the start event of a non-interrupting event subprocess (in ``process``; after
    the element)."""
    if isinstance(node, m.Event) and node.position == "start":
        inside = process is not None and isinstance(process.nodes.get(node.parent), m.SubProcess) and isinstance(
            process.nodes.get(process.nodes[node.parent].parent), m.SubProcess)
        return (INTERRUPTS if node.is_interrupting else ARMED).format(
            trigger=node.trigger, scope="subprocess" if inside else "case",
            share=", in the `share:` of cases the profile gives (else in every one)")
    if isinstance(node, m.Event) and node.trigger == "escalation":
        return ESCALATION_BOUNDARY
    if isinstance(node, m.Event) and node.trigger == "signal":
        return SIGNAL if node.position == "intermediate_catch" else SIGNAL_BOUNDARY
    if isinstance(node, m.Event):
        return CONDITIONAL if node.position == "intermediate_catch" else CONDITIONAL_BOUNDARY
    return STAND_IN


def stand_in_notes(process: m.Process, params: SimParams) -> list[tuple[str, str, str | None]]:
    """``(element id, message, key)`` for each empty subprocess, conditional or signal event, escalation
    boundary event on a black box and start event of a non-interrupting event subprocess of ``process``: what
    the run does with it, and the key of ``params`` its time comes from (``duration``, ``delay``), or ``""``
    when it has none (an empty subprocess then takes no time, as a task without either does); and for several
    top-level start events one of them, how cases are shared among them (its key ``None``: nothing to add)."""
    chosen = {n.id for n in (*empty_subprocesses(process), *conditional_events(process),
                             *black_box_escalations(process), *signal_catches(process), *armed_starts(process))}
    out: list[tuple[str, str, str | None]] = []
    tops = top_starts(process)
    if tops:
        given = [params.elements[t.id].share for t in tops if t.id in params.elements]
        how = ("by the `share:` the profile gives each" if given and None not in given
               else "in equal shares (the profile gives them no `share:`)")
        first = tops[0]
        out.append((first.id, f"{step_said(first.id, first.name)}: " + STARTS.format(
            n=len(tops), ids=", ".join(t.id for t in tops), how=how), None))
    out += [(n.id, f"{step_said(n.id, n.name)}: {UNUSED}", None) for n in unused_compensations(process)]
    for event in black_box_errors(process):
        ep = params.elements.get(event.id)
        shared = ep is not None and ep.share is not None
        out.append((event.id, f"{step_said(event.id, event.name)}: {ERROR_BOUNDARY if shared else ERROR_NEVER}",
                    "share" if shared else None))
    for node in process.nodes.values():
        if node.id not in chosen:
            continue
        ep = params.elements.get(node.id)
        key = "" if ep is None else "duration" if ep.duration is not None else "delay" if ep.delay is not None else ""
        out.append((node.id, f"{step_said(node.id, node.name)}: {approximation(node, process)}", key))
    return out
