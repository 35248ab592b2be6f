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

Those checks are :mod:`bpmn_io.authoring_limits`'s (``left_out`` stays importable from here), the YAML
text :mod:`bpmn_io.authoring_yaml`'s; this module orders the steps and builds the document.
"""

from __future__ import annotations

from typing import Any

from processes.errors import InputError
from processes.model import (
    Definitions,
    Event,
    EventDefinition,
    Gateway,
    Lane,
    Process,
    SequenceFlow,
    Task,
)

from .authoring_format import EVENT_KEYWORDS, GATEWAY_WORD, ISO_DURATION, TASK_KEYWORDS
from .authoring_limits import inexpressible, left_out, the_process
from .authoring_yaml import emit

__all__ = ["to_authoring", "left_out"]

_TASK_WORD = {v: k for k, v in TASK_KEYWORDS.items()}
_EVENT_WORD = {v: k for k, v in EVENT_KEYWORDS.items()}
_TIMER_WORD = {"timeDuration": "duration", "timeDate": "date", "timeCycle": "cycle"}


def to_authoring(defs: Definitions, *, source: str | None = None) -> str:
    """The YAML authoring text of the one process of ``defs``.

    Raises :class:`InputError` (naming ``source``) listing everything the
    form cannot express.
    """
    process = the_process(defs, source)
    reasons = inexpressible(defs, process)
    if reasons:
        shown = "; ".join(reasons[:8]) + (f"; and {len(reasons) - 8} more" if len(reasons) > 8 else "")
        raise InputError(f"cannot be written as YAML authoring form: {shown}", file=source)
    return emit(_document(defs, process)) + "\n"


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
        step["gateway"] = GATEWAY_WORD[node.gateway_kind]
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
