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
subprocess with steps inside stays refused (the engine does not follow an escalation thrown there).

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

__all__ = ["empty_subprocesses", "conditional_events", "black_box_escalations", "approximation", "stand_in_notes",
           "STAND_IN", "CONDITIONAL", "CONDITIONAL_BOUNDARY", "ESCALATION_BOUNDARY"]

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

_NOT_CONTENT = (m.DataObject, m.DataObjectReference, m.DataStoreReference)


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


def black_box_escalations(process: m.Process) -> tuple[m.Event, ...]:
    """The escalation boundary events of ``process`` on a task, a call activity or an empty subprocess (the
    steps that would raise the escalation are not in the file), in model order."""
    empty = {s.id for s in empty_subprocesses(process)}
    return tuple(n for n in process.nodes.values()
                 if isinstance(n, m.Event) and n.position == "boundary" and n.trigger == "escalation"
                 and (isinstance(process.nodes.get(n.attached_to), (m.Task, m.CallActivity)) or n.attached_to in empty))


def approximation(node: m.Node) -> str:
    """What a run says of ``node``: an empty subprocess, a conditional event, or an escalation boundary event
    on a black box (after the element)."""
    if isinstance(node, m.Event) and node.trigger == "escalation":
        return ESCALATION_BOUNDARY
    if isinstance(node, m.Event):
        return CONDITIONAL if node.position == "intermediate_catch" else CONDITIONAL_BOUNDARY
    return STAND_IN


def stand_in_notes(process: m.Process, params: SimParams) -> list[tuple[str, str, str]]:
    """``(element id, message, key)`` for each empty subprocess, conditional event and escalation boundary
    event on a black box of ``process``: what the
    run does with it, and the key of ``params`` its time comes from (``duration``, ``delay``), or ``""`` when
    it has none (an empty subprocess then takes no time, as a task without either does)."""
    chosen = {n.id for n in (*empty_subprocesses(process), *conditional_events(process),
                             *black_box_escalations(process))}
    out = []
    for node in process.nodes.values():
        if node.id not in chosen:
            continue
        ep = params.elements.get(node.id)
        key = "" if ep is None else "duration" if ep.duration is not None else "delay" if ep.delay is not None else ""
        out.append((node.id, f"{step_said(node.id, node.name)}: {approximation(node)}", key))
    return out
