"""Structural checks of a BPMN model: one ``check()`` -> a list of ``Problem``.

Every problem has a stable ``code`` (tools and tests rely on it), a severity
(``error``: the model is wrong or cannot run as drawn; ``warning``: legal but
probably not meant), the id of the element it is about, and a message naming
the rule and the actual values.

=====================  ========  ===================================================
code                   severity  rule
=====================  ========  ===================================================
``duplicate-id``       error     two elements of the document share an id
``missing-ref``        error     a flow, lane, boundary event, default or message
                                 flow names an element that is not there (or, for a
                                 sequence flow, one in another process)
``cross-scope``        error     a sequence flow crosses a subprocess border
``boundary-host``      error     a boundary event is attached to a non-activity
``no-start``           error     a process (or an event subprocess) without a start
                                 event; a subprocess with an end event but no start
``no-end``             error     a process without an end event; a subprocess with
                                 a start event but no end event
``unreachable``        error     no path from a start of its scope reaches the node
``dead-end``           error     no path from the node reaches an end of its scope
``xor-split-and-join`` error     an exclusive choice feeds a parallel join (deadlock)
``and-split-xor-join`` error     parallel branches meet at an exclusive join (lack
                                 of synchronisation: what follows runs twice)
``trivial-gateway``    warning   a gateway with one incoming and one outgoing flow
``implicit-end``       warning   an activity without an outgoing sequence flow in a
                                 scope that has end events: BPMN ends the path
                                 there (an end event says so explicitly)
``invalid-id``         warning   an id that is not an XML id (``myProcess{0}``,
                                 ``241``), that bpmn.io refuses (not ASCII), or a
                                 definitions id that an element repeats; an export
                                 renames it (references follow) and reports it
``optional-path-join`` warning   a parallel join waits for a path that runs only in
                                 some cases (a boundary event's, a branch of an
                                 exclusive, event-based or inclusive gateway, an
                                 activity's way on that its interrupting boundary
                                 event leads away from): cases without it wait
                                 there forever
                                 (:mod:`processes.soundness`)
=====================  ========  ===================================================

Scopes: the process and each embedded subprocess are checked on their own
(sequence flows stay inside one scope). A subprocess with neither start nor
end event uses BPMN's implicit start/end (nodes without incoming/outgoing
flows); an ad-hoc subprocess has no order and is not checked for paths, nor is
a process jBPM marks ad hoc (``drools:adHoc="true"``, its case files).
Event subprocesses and compensation handlers are started by events, not by
sequence flow, and are never "unreachable"; a boundary event is reached
through its host.

Gateway mismatches (the two checks are heuristics on the flow graph of one
scope, not a full soundness proof):

* ``xor-split-and-join`` — for every parallel join J (two or more incoming
  flows) and every exclusive or event-based split X of the same scope: for
  each outgoing branch of X, collect the incoming flows of J that a token
  leaving by that branch can arrive by (paths may loop, but never pass
  through J). If two branches reach J and their sets differ, one choice
  at X leaves some input of J without a token: J waits for ever. Branches
  that never reach J are ignored, so an early exit ("reject -> end") is not
  reported — which also means an exclusive split *inside* a parallel block
  whose one branch ends the path is a deadlock this rule does not see
  (``optional-path-join`` warns of it).
  A split that no path from a start reaches is left out of both rules (it
  is reported as ``unreachable``; no token ever makes its choice).
* ``and-split-xor-join`` — for every exclusive join M (two or more incoming
  flows) and every parallel split P of the same scope: if two or more
  branches of P reach M without passing a synchronising join (a parallel,
  inclusive or complex gateway with two or more incoming flows) or P again,
  two tokens arrive at M and everything after it runs twice. A branch that
  is synchronised by a join belonging to another parallel block still counts
  as synchronised (a rare case this rule misses).

Both rules see a DiGraph, so two sequence flows between the same pair of
nodes count as one.

The checks are written in modules by what they look at: :mod:`processes.idchecks` (the ids and
references of the whole document), :mod:`processes.scopechecks` (one scope) and
:mod:`processes.gatewaymismatch` (the two gateway rules above); this module runs them in document
order and gives the lines of the file.

>>> from processes.model import Definitions, Process
>>> check(Definitions(processes=(Process(id="P"),)))
[]
"""

from __future__ import annotations

from dataclasses import replace

from processes.graph import scopes
from processes.idchecks import duplicate_ids, invalid_ids, message_flow_refs, references
from processes.model import Definitions
from processes.problems import CODES, SEVERITIES, Problem
from processes.scopechecks import scope_problems

__all__ = ["Problem", "SEVERITIES", "CODES", "check", "errors", "missing_references"]


def check(defs: Definitions) -> list[Problem]:
    """Every structural problem of ``defs``, in document order (process by process)."""
    problems = list(duplicate_ids(defs))
    problems += invalid_ids(defs)
    for process in defs.processes:
        problems += references(defs, process)
        for scope in scopes(process):
            problems += scope_problems(process, scope)
    problems += message_flow_refs(defs)
    lines = defs.source_lines
    return [replace(p, line=lines[p.element]) if p.element in lines else p for p in problems]


def missing_references(defs: Definitions) -> list[Problem]:
    """The ``missing-ref`` problems of ``defs`` alone (a lane, message flow, default flow or boundary
    event naming an element that is not there), without the path checks: what diff and compare
    refuse a model for, as the reader refuses a sequence flow that names nothing."""
    problems = [p for process in defs.processes for p in references(defs, process)]
    problems += message_flow_refs(defs)
    return [p for p in problems if p.code == "missing-ref"]


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the problems of severity ``error``."""
    return [p for p in problems if p.severity == "error"]
