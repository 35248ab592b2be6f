"""Which process of a model a simulation runs, and what it leaves out.

A collaboration drawn in a modelling tool often holds several processes with steps, one per pool (MIWG
C.1.0: the team assistant's and the process engine's). The engine simulates one process, the first with
steps (:meth:`processes.model.Definitions.process`); the others' parts reach it only as the waits its
profile gives (a message event's ``delay:``). ``simulate``, ``run`` and ``convert --to profile`` say so
in one line, so that nobody reads the figures of the one process as those of the whole drawing.

>>> from processes import model as m
>>> steps = {"T": m.Task("T", name="Scan")}
>>> defs = m.Definitions("D", processes=(m.Process("A", nodes=steps), m.Process("B", name="Engine", nodes=steps)))
>>> left_out_note(defs)
"process A, the first of 2 processes with steps in this file; B 'Engine' is left out (to simulate it, draw it in a file of its own)"
"""

from __future__ import annotations

from processes import model as m

__all__ = ["left_out_processes", "left_out_note", "process_named"]


def left_out_processes(defs: m.Definitions) -> tuple[m.Process, ...]:
    """The processes with steps that a simulation of ``defs`` does not run (all but :meth:`Definitions.process`)."""
    with_steps = [p for p in defs.processes if p.nodes]
    if len(with_steps) < 2:
        return ()
    run = defs.process()
    return tuple(p for p in with_steps if p.id != run.id)


def process_named(defs: m.Definitions, process: m.Process) -> str:
    """A process's id and its name (or its pool's), as a reader finds it in the modelling tool: ``P 'Engine'``
    (``convert``'s refusal of a model with two pools names them so too: found by QA, qawords, ids only)."""
    pools = [part.name for part in defs.participants() if part.process_ref == process.id and part.name]
    name = process.name or (pools[0] if pools else "")
    return f"{process.id} {name!r}" if name else process.id


def left_out_note(defs: m.Definitions) -> str | None:
    """Which process a simulation runs and which it leaves out, in words to follow "simulates"; None when
    there is one."""
    others = left_out_processes(defs)
    if not others:
        return None
    verb = "is" if len(others) == 1 else "are"
    named = ", ".join(process_named(defs, p) for p in others)
    return (
        f"process {process_named(defs, defs.process())}, the first of {len(others) + 1} processes with "
        f"steps in this file; {named} {verb} left out (to simulate it, draw it in a file of its own)"
    )
