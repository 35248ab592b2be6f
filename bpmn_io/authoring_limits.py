"""What a model holds that the YAML authoring form cannot: refused (:func:`inexpressible`) or left out
and named for ``convert`` to say (:func:`left_out`).

:func:`~bpmn_io.authoring_write.to_authoring` refuses a model with one error listing every reason
(subprocesses, loops, complex gateways, events with several triggers, nested lanes, flows to elements
that are not steps ...); what a user wrote as elements of its own and the form leaves out (vendor
extensions, documentation, an ``ioSpecification``, root elements other than messages) is named by
:func:`left_out`. Its own module because it walks the whole model to judge it, and writes nothing: the
writer (:mod:`bpmn_io.authoring_write`) turns what passes into the document.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from processes.errors import InputError
from processes.mainprocess import process_named
from processes.model import Definitions, Event, FlowNode, Gateway, Process, Task

from .authoring_format import GATEWAY_WORD

__all__ = ["left_out", "the_process", "inexpressible"]


def left_out(defs: Definitions) -> tuple[str, ...]:
    """What ``to_authoring(defs)`` leaves out that the file holds as elements of its own, one phrase each:
    vendor extensions and foreign attributes (by the elements that carry them), documentation with text other
    than a step's first (by the elements that carry it), each process's ``ioSpecification``, and root
    elements other than the messages the form keeps (``itemDefinition``, ``signal``, ...)."""
    found: dict[str, None] = {}  # in document order, each element once
    drawn_anew = dataclasses.replace(defs, diagrams=())  # the diagram is drawn anew
    _carriers(drawn_anew, "", found, _carries_opaque, ("opaque",))
    carriers = list(found)
    out = []
    if carriers:
        out.append(f"vendor extensions or attributes on {len(carriers)} element{'s' * (len(carriers) != 1)} "
                   f"({_first(carriers)})")
    documented: dict[str, None] = {}
    _carriers(drawn_anew, "", documented, _loses_documentation, ("documentation", "opaque"))
    if documented:
        shown = list(documented)
        out.append(f"documentation of {len(shown)} element{'s' * (len(shown) != 1)} ({_first(shown)})")
    out += [f"the ioSpecification of process '{p.id}'" for p in defs.processes if p.io_specification]
    others = [f"{r.tag} '{r.id}'" for r in defs.root_elements if r.tag != "message"]
    if others:
        out.append(f"{len(others)} root element{'s' * (len(others) != 1)} other than messages ({_first(others)})")
    return tuple(out)


def _first(items: list[str], shown: int = 3) -> str:
    return ", ".join(items[:shown]) + (f" and {len(items) - shown} more" if len(items) > shown else "")


def _carries_opaque(value: Any) -> bool:
    """Whether a model object has an opaque part (vendor extensions or foreign attributes)."""
    return bool(getattr(value, "opaque", None))


def _loses_documentation(value: Any) -> bool:
    """Whether a model object has documentation the form does not keep: all of it, but a step's (or
    boundary event's) first (its ``doc:``)."""
    docs = getattr(value, "documentation", ())
    # an empty <documentation/> (Bizagi writes one on the definitions and the process) holds nothing to lose
    return isinstance(docs, tuple) and any(d.text.strip() for d in docs[isinstance(value, FlowNode):])


def _carriers(
    value: Any, owner: str, out: dict[str, None], carries: Callable[[Any], bool], skipped: tuple[str, ...]
) -> None:
    """Add the id (or the nearest enclosing id) of each model object in ``value`` that ``carries(obj)``,
    looking into every field but ``skipped``."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        owner = str(getattr(value, "id", "") or owner)
        if carries(value):
            out[f"'{owner}'" if owner else "the definitions"] = None
        for f in dataclasses.fields(value):
            if f.name not in skipped:
                _carriers(getattr(value, f.name), owner, out, carries, skipped)
    elif isinstance(value, (tuple, list)):
        for item in value:
            _carriers(item, owner, out, carries, skipped)
    elif hasattr(value, "values") and callable(value.values) and not isinstance(value, str):
        for item in value.values():
            _carriers(item, owner, out, carries, skipped)


def the_process(defs: Definitions, source: str | None) -> Process:
    with_steps = [p for p in defs.processes if p.nodes]
    if len(with_steps) != 1:
        named = ", ".join(process_named(defs, p) for p in with_steps) or "none"
        raise InputError(f"the YAML authoring form holds exactly one process with steps, this model has "
                         f"{len(with_steps)} ({named})", file=source)
    return with_steps[0]


def inexpressible(defs: Definitions, process: Process) -> list[str]:
    out = []
    for node in process.nodes.values():
        what = f"{node.kind} '{node.id}'"
        if isinstance(node, Task):
            if node.loop is not None:
                out.append(f"{what} has loop/multi-instance characteristics")
            if node.is_for_compensation:
                out.append(f"{what} is a compensation handler")
            if node.script:
                out.append(f"{what} has a script body")
        elif isinstance(node, Gateway):
            if node.gateway_kind not in GATEWAY_WORD:
                out.append(f"{what} is a {node.gateway_kind} gateway")
            if node.instantiate:
                out.append(f"{what} instantiates the process")
        elif isinstance(node, Event):
            if len(node.definitions) > 1:
                out.append(f"{what} has {len(node.definitions)} triggers")
            for d in node.definitions:
                if d.ref and d.kind != "message":
                    out.append(f"{what} refers to {d.kind} '{d.ref}'")
                if d.kind == "timer" and (d.timer is None or not d.timer.text):
                    out.append(f"{what} is a timer without a time")
            if node.position == "boundary":
                host = process.nodes.get(node.attached_to)
                if not isinstance(host, Task):
                    out.append(f"{what} is attached to '{node.attached_to}', which is not a task")
                if not node.definitions:
                    out.append(f"{what} is a boundary event without a trigger")
        else:
            out.append(f"{what} (the form has tasks, gateways and events only)")
    for flow in process.flows.values():  # kept as written by a lenient read: the form's `to:` names a step
        for end, ref in (("sourceRef", flow.source), ("targetRef", flow.target)):
            if ref not in process.nodes:
                out.append(f"sequence flow '{flow.id}' has {end} '{ref}', which is not a step of process "
                           f"'{process.id}'")
    if process.artifacts:
        out.append(f"{len(process.artifacts)} artifact(s) such as '{next(iter(process.artifacts))}'")
    if len(process.lane_sets) > 1:
        out.append(f"{len(process.lane_sets)} lane sets")
    if any(lane.child_lane_set is not None for lane in process.lanes()):
        out.append("nested lanes")
    if len(defs.collaborations) > 1:
        out.append(f"{len(defs.collaborations)} collaborations")
    pools = {p.id for p in defs.participants()}
    for mflow in defs.message_flows():
        for ref in (mflow.source, mflow.target):
            if ref not in pools and ref not in process.nodes:
                out.append(f"message flow '{mflow.id}' connects '{ref}' in another process")
    for c in defs.collaborations:
        if c.artifacts:
            out.append(f"{len(c.artifacts)} artifact(s) in collaboration '{c.id}'")
    return out
