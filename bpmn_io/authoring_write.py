"""A model written back in the compact YAML authoring form (:mod:`bpmn_io.authoring`).

``to_authoring(defs)`` writes the one process of ``defs`` as steps, in flow
order (a reverse post-order walk from the start events), leaving out every
``next:`` that the step below already implies and every flow id that the
reader would generate. The text is deterministic, so
``to_authoring(parse_authoring(to_authoring(m)))`` is byte-identical to
``to_authoring(m)``.

What the form does not hold is refused with one :class:`InputError` that
lists every reason: subprocesses, call activities, data objects and stores,
artifacts, loops and multi-instance, compensation handlers, complex gateways,
events with several triggers or a signal/error/escalation reference, nested
lanes, more than one process with steps, a sequence flow to or from an element
that is not a step (kept by a lenient read). Left out without a word, as any
export to a simpler form would: the diagram (``convert`` draws a new one),
vendor extensions, ids of the definitions, collaboration and lane set,
documentation other than a step's first (``doc:``), and attributes the form has
no key for (a task's implementation or messageRef, a gateway's direction,
expression languages, ids of event definitions, a process's type and properties).
Of these, what a user wrote as elements of its own -- vendor extensions (also
those a tool writes in the BPMN namespace, as Visual Paradigm's ``Model``),
documentation (of the process, a lane, a pool, a flow, a message, or a step's
second), a process's ``ioSpecification`` and root elements other than messages
(``itemDefinition`` ...) -- is named by :func:`left_out`, for ``convert`` to say.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import yaml

from processes.errors import InputError
from processes.model import (
    Definitions,
    Event,
    EventDefinition,
    FlowNode,
    Gateway,
    Lane,
    Process,
    SequenceFlow,
    Task,
)

from .authoring_format import EVENT_KEYWORDS, GATEWAY_KEYWORDS, ISO_DURATION, TASK_KEYWORDS

__all__ = ["to_authoring", "left_out"]

_WIDTH = 110
_TASK_WORD = {v: k for k, v in TASK_KEYWORDS.items()}
_GATEWAY_WORD = {v: k for k, v in GATEWAY_KEYWORDS.items()}
_EVENT_WORD = {v: k for k, v in EVENT_KEYWORDS.items()}
_TIMER_WORD = {"timeDuration": "duration", "timeDate": "date", "timeCycle": "cycle"}


def to_authoring(defs: Definitions, *, source: str | None = None) -> str:
    """The YAML authoring text of the one process of ``defs``.

    Raises :class:`InputError` (naming ``source``) listing everything the
    form cannot express.
    """
    process = _the_process(defs, source)
    reasons = _inexpressible(defs, process)
    if reasons:
        shown = "; ".join(reasons[:8]) + (f"; and {len(reasons) - 8} more" if len(reasons) > 8 else "")
        raise InputError(f"cannot be written as YAML authoring form: {shown}", file=source)
    return _emit(_document(defs, process)) + "\n"


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


def _the_process(defs: Definitions, source: str | None) -> Process:
    with_steps = [p for p in defs.processes if p.nodes]
    if len(with_steps) != 1:
        raise InputError(f"the YAML authoring form holds exactly one process with steps, this model has "
                         f"{len(with_steps)} ({', '.join(p.id for p in with_steps) or 'none'})", file=source)
    return with_steps[0]


def _inexpressible(defs: Definitions, process: Process) -> list[str]:
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
            if node.gateway_kind not in _GATEWAY_WORD:
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


# --------------------------------------------------------------------------- order


class _Index:
    """Outgoing flows, boundary events and lanes of every node, found in one pass (a lookup per
    step over all flows or lanes made a 20,000-task model take minutes)."""

    def __init__(self, process: Process) -> None:
        self.outgoing: dict[str, list[SequenceFlow]] = {}
        for flow in process.flows.values():
            self.outgoing.setdefault(flow.source, []).append(flow)
        self.boundaries: dict[str, list[Event]] = {}
        for node in process.nodes.values():
            if isinstance(node, Event) and node.position == "boundary":
                self.boundaries.setdefault(node.attached_to, []).append(node)
        self.lane: dict[str, Lane] = {}
        for lane in process.lanes():  # depth-first: a nested lane comes after its parent and wins
            for ref in lane.flow_node_refs:
                self.lane[ref] = lane

    def flows_from(self, node_id: str) -> list[SequenceFlow]:
        return self.outgoing.get(node_id, [])


def _step_order(process: Process, index: _Index) -> list[str]:
    """Steps in reverse post-order from each start event, then from each node left over."""
    steps = [n.id for n in process.nodes.values() if not (isinstance(n, Event) and n.position == "boundary")]
    successors: dict[str, list[str]] = {s: [] for s in steps}
    for flow in process.flows.values():
        source = process.nodes.get(flow.source)
        if source is None or flow.target not in successors:
            continue
        owner = source.attached_to if isinstance(source, Event) and source.position == "boundary" else source.id
        if owner in successors and flow.target not in successors[owner]:
            successors[owner].append(flow.target)
    for host in successors:  # the host's own flows first, then its boundary events' flows
        own = [f.target for f in index.flows_from(host) if f.target in successors]
        successors[host] = list(dict.fromkeys(own)) + [t for t in successors[host] if t not in own]
    starts = [s for s in steps if _is_start(process.nodes[s])]
    seen: set[str] = set()
    order: list[str] = []
    for root in starts + steps:
        if root in seen:
            continue
        post: list[str] = []
        stack = [(root, iter(reversed(successors[root])))]
        seen.add(root)
        while stack:
            node, it = stack[-1]
            child = next(it, None)
            if child is None:
                post.append(node)
                stack.pop()
            elif child not in seen:
                seen.add(child)
                stack.append((child, iter(reversed(successors[child]))))
        order += reversed(post)
    return order


def _is_start(node: Any) -> bool:
    return isinstance(node, Event) and node.position == "start"


# --------------------------------------------------------------------------- the document as data


def _document(defs: Definitions, process: Process) -> dict[str, Any]:
    doc: dict[str, Any] = {"process": {"id": process.id}}
    if process.name:
        doc["process"]["name"] = process.name
    if process.names:
        doc["process"]["names"] = dict(process.names)
    if process.is_executable is not None:
        doc["process"]["executable"] = process.is_executable
    collab = defs.collaborations[0] if defs.collaborations else None
    if collab is not None:
        own = [p for p in collab.participants if p.process_ref == process.id]
        if own:
            doc["pool"] = {"id": own[0].id}
            if own[0].name and own[0].name != process.name:
                doc["pool"]["name"] = own[0].name
            if own[0].names:
                doc["pool"]["names"] = dict(own[0].names)
        others = {p.id: _named(p) for p in collab.participants if p not in own[:1]}
        if others:
            doc["external"] = others
    lanes = {lane.id: _named(lane) for lane in process.lanes()}
    if lanes:
        doc["lanes"] = lanes
    messages = {r.id: r.name for r in defs.root_elements if r.tag == "message"}
    if messages:
        doc["messages"] = messages
    index = _Index(process)
    order = _step_order(process, index)
    doc["steps"] = [_step(process, index, sid, order[i + 1] if i + 1 < len(order) else None)
                    for i, sid in enumerate(order)]
    if collab is not None and collab.message_flows:
        doc["message_flows"] = [
            {"id": m.id, "from": m.source, "to": m.target, **({"name": m.name} if m.name else {}),
             **({"names": dict(m.names)} if m.names else {})}
            for m in collab.message_flows.values()
        ]
    return doc


def _step(process: Process, index: _Index, sid: str, following: str | None) -> dict[str, Any]:
    node = process.nodes[sid]
    step: dict[str, Any] = {"id": sid}
    if isinstance(node, Task):
        step["task"] = _TASK_WORD[node.task_type]
    elif isinstance(node, Gateway):
        step["gateway"] = _GATEWAY_WORD[node.gateway_kind]
    elif isinstance(node, Event):
        step["event"] = _EVENT_WORD[node.position]
        step.update(_trigger(node))
    if node.name:
        step["name"] = node.name
    if node.names:
        step["names"] = dict(node.names)
    lane = index.lane.get(sid)
    if lane is not None:
        step["lane"] = lane.id
    if node.documentation:
        step["doc"] = node.documentation[0].text
    outgoing = index.flows_from(sid)
    default_flow = getattr(node, "default", "")
    if isinstance(node, Gateway) and len(outgoing) >= 2:
        labels = [f.name for f in outgoing]
        if all(labels) and len(set(labels)) == len(labels):
            step["branches"] = {f.name: _flow(f, with_name=False) for f in outgoing}
        else:
            step["branches"] = [_flow(f) for f in outgoing]
    elif not _falls_through(process, node, outgoing, following):
        if len(outgoing) == 1:
            step["next"] = _flow(outgoing[0])
        else:
            step["next"] = [_flow(f) for f in outgoing]
    if default_flow and default_flow in process.flows:
        chosen = process.flows[default_flow]
        if isinstance(step.get("branches"), dict):
            step["default"] = chosen.name
        elif sum(1 for f in outgoing if f.target == chosen.target) == 1:
            step["default"] = chosen.target
        else:
            step["default"] = chosen.id
    boundaries = index.boundaries.get(sid, [])
    if boundaries:
        step["boundary"] = [_boundary(index, b) for b in boundaries]
    return step


def _falls_through(process: Process, node: Any, outgoing: list[SequenceFlow], following: str | None) -> bool:
    """Whether the reader's default (flow to the step below) gives exactly ``outgoing``."""
    is_end = isinstance(node, Event) and node.position == "end"
    target = process.nodes.get(following) if following else None
    implied = following is not None and not is_end and not (isinstance(target, Event) and target.position == "start")
    if not implied:
        return not outgoing
    return (len(outgoing) == 1 and outgoing[0].target == following and not outgoing[0].name and not outgoing[0].names
            and outgoing[0].condition is None and outgoing[0].id == f"Flow_{node.id}_{following}")


def _named(element: Any) -> Any:
    """A lane's or an external pool's entry: its name, or ``{name:, names:}`` when it names itself per language."""
    return {"name": element.name, "names": dict(element.names)} if element.names else element.name


def _flow(flow: SequenceFlow, *, with_name: bool = True) -> str | dict[str, Any]:
    spec: dict[str, Any] = {"to": flow.target}
    if flow.id != f"Flow_{flow.source}_{flow.target}":
        spec["id"] = flow.id
    if with_name and flow.name:
        spec["name"] = flow.name
    if flow.names:
        spec["names"] = dict(flow.names)
    if flow.condition is not None:  # also an empty one: the flow stays conditional (its marker)
        spec["condition"] = flow.condition.text
    return flow.target if list(spec) == ["to"] else spec


def _trigger(event: Event) -> dict[str, Any]:
    if not event.definitions:
        return {}
    d: EventDefinition = event.definitions[0]
    if d.kind == "timer":
        text = d.timer.text if d.timer is not None else ""
        if d.timer_kind == "timeDuration" and ISO_DURATION.fullmatch(text):
            return {"timer": text}
        return {"timer": {_TIMER_WORD.get(d.timer_kind, "duration"): text}}
    out: dict[str, Any] = {"trigger": d.kind}
    if d.kind == "message" and d.ref:
        out["ref"] = d.ref
    if d.kind == "link":
        out["link"] = d.link_name
    if d.kind == "conditional" and d.condition is not None:
        out["condition"] = d.condition.text
    return out


def _boundary(index: _Index, event: Event) -> dict[str, Any]:
    out: dict[str, Any] = {"id": event.id, **_trigger(event)}
    if event.name:
        out["name"] = event.name
    if event.names:
        out["names"] = dict(event.names)
    if not event.cancel_activity:
        out["interrupting"] = False
    if event.documentation:
        out["doc"] = event.documentation[0].text
    outgoing = index.flows_from(event.id)
    if len(outgoing) == 1:
        out["next"] = _flow(outgoing[0])
    elif outgoing:
        out["next"] = [_flow(f) for f in outgoing]
    return out


# --------------------------------------------------------------------------- YAML text

_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}#:\n\r\t]*")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and _reads_back(text):
        return text
    return _quoted(text)


def _printable(ch: str) -> bool:
    """Characters YAML allows as they are inside a double-quoted scalar (no line breaks)."""
    code = ord(ch)
    return (0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000) and \
        code not in (0x2028, 0x2029, 0xFEFF)


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar; anything not printable as is becomes an escape."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif _printable(ch):
            out.append(ch)
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


@lru_cache(maxsize=4096)
def _reads_back(text: str) -> bool:
    """Whether ``text`` written plain loads back as the same string (not a bool, date, number ...).

    Parsed directly, not through :func:`bpmn_io.yamlsrc.load_yaml`'s user cache: a model of 20,000 steps asks this of
    every label, and each cached answer was a file written and a folder pruned (4,000 tasks took 69 CPU
    s to write as YAML, against 0.4 s for the BPMN)."""
    from .yamlparse import parse

    try:
        return parse(f"k: {text}\n", source="<scalar>", aliases=None)[0] == {"k": text}
    except (InputError, yaml.YAMLError):
        return False


def _is_flat(value: Any) -> bool:
    if isinstance(value, dict):
        return all(not isinstance(v, (dict, list)) or not v or (isinstance(v, dict) and _is_flat(v))
                   for v in value.values())
    if isinstance(value, list):
        return all(not isinstance(v, (dict, list)) for v in value)
    return True


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_scalar(k)}: {_inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return _scalar(value)


def _emit(value: Any, indent: int = 0) -> str:
    """Block YAML for ``value``; short flat mappings and lists go on one line."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            head = f"{pad}{_scalar(key)}:"
            if isinstance(item, (dict, list)) and not item:
                lines.append(f"{head} {'{}' if isinstance(item, dict) else '[]'}")
            elif isinstance(item, (dict, list)):
                one = f"{head} {_inline(item)}"
                if _is_flat(item) and len(one) <= _WIDTH and not (isinstance(item, dict) and len(item) > 6):
                    lines.append(one)
                else:
                    lines.append(head)
                    lines.append(_emit(item, indent + 2))
            else:
                lines.append(f"{head} {_scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            one = f"{pad}- {_inline(item)}"
            if not isinstance(item, (dict, list)) or (_is_flat(item) and len(one) <= _WIDTH):
                lines.append(one)
            else:
                body = _emit(item, indent + 2)
                lines.append(f"{pad}- {body[indent + 2:]}")
    return "\n".join(lines)
