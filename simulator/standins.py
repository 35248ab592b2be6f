"""Elements the engine runs as one step of work because the file does not hold what they stand for.

A modelling tool that keeps a subprocess collapsed may write it with nothing inside: an embedded
``subProcess`` element with no flow node of its own (MIWG A.3.0, C.3.0, bpmn-js's "Ship Items
(todo)"). The steps it stands for are not in the file, so the engine cannot run them; it runs the
subprocess as one step of work instead, as it runs a call activity (the process it calls is not run
inside either): the element's ``duration:`` for the pool of its lane, its ``delay:``, its loop or
count, its boundary events, exactly as a task's. ``convert --to profile`` gives it a placeholder work
time, and a run says each such element once (:func:`stand_in_notes`).

An event subprocess, a transaction and an ad-hoc subprocess with nothing inside are not stand-ins:
they are refused as before (what they would do is not one step of work).

>>> from processes import model as m
>>> p = m.Process("P", nodes={"S": m.SubProcess("S", name="Ship items")})
>>> [s.id for s in empty_subprocesses(p)]
['S']
"""

from __future__ import annotations

from processes import model as m
from processes.params import SimParams
from processes.stepnames import step_said

__all__ = ["empty_subprocesses", "stand_in_notes", "STAND_IN"]

#: what a run says of an empty subprocess (after the element): how it is simulated
STAND_IN = ("a subprocess with nothing drawn inside (its tool kept it collapsed): simulated as one step of work, as "
            "a call activity is")

_NOT_CONTENT = (m.DataObject, m.DataObjectReference, m.DataStoreReference)


def empty_subprocesses(process: m.Process) -> tuple[m.SubProcess, ...]:
    """The embedded subprocesses of ``process`` with no flow node inside (a boundary event on one, a data
    object in one do not count), in model order; one pass over the nodes."""
    filled = {n.parent for n in process.nodes.values()
              if not isinstance(n, _NOT_CONTENT)
              and not (isinstance(n, m.Event) and n.position == "boundary" and n.attached_to == n.parent)}
    return tuple(n for n in process.nodes.values() if isinstance(n, m.SubProcess) and n.variant == "subProcess"
                 and not n.triggered_by_event and n.id not in filled)


def stand_in_notes(process: m.Process, params: SimParams) -> list[tuple[str, str, str]]:
    """``(element id, message, key)`` for each empty subprocess of ``process``: what the run does with it, and
    the key of ``params`` its time comes from (``duration``, ``delay``), or ``""`` when it has none (then
    it takes no time, as a task without either does)."""
    out = []
    for sub in empty_subprocesses(process):
        ep = params.elements.get(sub.id)
        key = "" if ep is None else "duration" if ep.duration is not None else "delay" if ep.delay is not None else ""
        out.append((sub.id, f"{step_said(sub.id, sub.name)}: {STAND_IN}", key))
    return out
