"""The compact YAML authoring form of one process, read into the model.

A process developer who does not use a modelling tool writes the process as a
list of steps; :func:`parse_authoring` turns it into a
:class:`processes.model.Definitions` (no diagram: ``bpmn_io.layout.add_layout``
draws one), :func:`to_authoring` (in :mod:`bpmn_io.authoring_write`) writes a
model back in this form. The format, in short (README.md has the full example)::

    process: {id: Serveringstillstand, name: Stadigvarande serveringstillstånd}
    pool: {id: Pool_Kommun, name: Kommunen}          # optional
    external: {Pool_Sokande: Sökande}                # optional black-box pools
    lanes: {Lane_Handlaggare: Handläggare}           # id: name
    messages: {Msg_Komplettering: Komplettering}     # id: name, for message events
    steps:
      - {id: Start, event: start, name: Ansökan inkommen, lane: Lane_Handlaggare}
      - {id: Granska, task: user, name: Granska ansökan, lane: Lane_Handlaggare}
      - id: Komplett
        gateway: exclusive
        name: Komplett?
        default: ja
        branches: {ja: Beslut, nej: Begar}
      - {id: Begar, task: user, name: Begär komplettering, lane: Lane_Handlaggare, next: Granska}
      - {id: Beslut, task: user, name: Beslut, lane: Lane_Handlaggare}
      - {id: Slut, event: end, name: Klart, lane: Lane_Handlaggare}
    message_flows:                                   # optional
      - {id: MF_Ansokan, from: Pool_Sokande, to: Start, name: Ansökan}

Rules: a step flows to the step below it unless it says ``next:`` (a target
id, ``{to:, id:, name:, condition:}``, or a list of those; ``[]`` for none)
or ``branches:`` (gateways: ``{label: target}`` or a list of targets), or it
is an end event; nothing flows into a start event by default. Flow ids are
``Flow_<from>_<to>`` unless given. Events: ``event: start|end|catch|throw``
with ``trigger:`` (none, timer, message, signal, error, escalation,
conditional, terminate, link, compensation); ``timer: P14D`` (an ISO 8601
duration) implies ``trigger: timer``, ``{date: ...}`` / ``{cycle: ...}``
are the other timer kinds; ``ref:`` names a message (from ``messages:``)
of a message event; ``link:`` a link name. Boundary events sit under
their host step: ``boundary: [{id:, timer: P30D, interrupting: false,
next: Paminn}]``. A parallel block ``{id: R, parallel: [[steps...], [steps...]],
join: {id: R_Join}}`` is a parallel split ``R``, its branches (each a list of
steps that fall through to the join) and the join (default id ``<id>_Join``),
which falls through to the step after the block; ``to_authoring`` writes the
same model back as plain gateways. Task types: task, user, manual, service, script,
business-rule, send, receive. Gateways: exclusive, parallel, inclusive,
event-based.

A name may be given per language beside the drawn one, for the pages and the
report (``name`` stays the name in the drawing's language, which diff and compare
match on): ``names: {en: Register the application}`` on a step, a boundary event,
a parallel block or its join, ``process:``, ``pool:``, a flow (``{to:, names:}``,
a branch's ``{label: {to:, names: {en: "Yes"}}}``) and a message flow; a lane or
an external pool is then written ``Lane_R: {name: Registrator, names: {en: Registry}}``.
Languages: en, sv.

Every error names the file, the line, the key path and what is allowed. The value checks are
:mod:`bpmn_io.authoring_values`'s, the sequence flows :mod:`bpmn_io.authoring_flows`'s; this module reads
the steps, events, lanes and pools.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from processes.errors import UTF16_BOMS, InputError, not_utf8
from processes.model import (
    Collaboration,
    Definitions,
    Documentation,
    Event,
    EventDefinition,
    Expression,
    FrozenMap,
    Gateway,
    Lane,
    LaneSet,
    MessageFlow,
    Participant,
    Process,
    RootElement,
    Task,
)

from .authoring_flows import AuthoringFlows, FlowSpec
from .authoring_format import (
    BLOCK_KEYS,
    BOUNDARY_KEYS,
    EVENT_KEYWORDS,
    GATEWAY_KEYWORDS,
    ISO_DURATION,
    REF_TRIGGERS,
    STEP_KEYS,
    TASK_KEYWORDS,
    TOP_KEYS,
    TRIGGER_KEYWORDS,
)
from .authoring_values import show
from .namespaces import BPMN, q
from .userfile import read_user_file
from .yamlsrc import load_yaml

__all__ = ["parse_authoring", "read_authoring", "MAX_AUTHORING_BYTES"]

MAX_AUTHORING_BYTES = 5 * 1024 * 1024


def read_authoring(path: str | Path) -> Definitions:
    """Read a YAML authoring file (see the module docstring for the format)."""
    data = read_user_file(path, what="authoring file", max_bytes=MAX_AUTHORING_BYTES)
    return parse_authoring(data, source=str(path))


def parse_authoring(text: str | bytes, *, source: str) -> Definitions:
    """Parse the YAML authoring form into a model; ``source`` names it in errors."""
    if isinstance(text, bytes) and text[:2] in UTF16_BOMS:
        raise not_utf8(text, source)
    if isinstance(text, bytes) and b"\0" in text[:4096]:
        raise InputError("not a YAML text file (it contains NUL bytes)", file=source)
    try:
        doc = load_yaml(text, source=source,
                        aliases="in an authoring file (expected plain values; write each step out)")
    except yaml.YAMLError as err:  # raised before parsing starts, e.g. a control character
        mark = getattr(err, "problem_mark", None)
        detail = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise InputError(f"invalid YAML: {detail}", file=source,
                         line=mark.line + 1 if mark is not None else None) from None
    return _Build(doc, source).definitions()


class _Build(AuthoringFlows):
    """Turns one loaded document into a model; every check names file, line and key path."""

    # -- the document
    def definitions(self) -> Definitions:
        top = self.mapping(self.doc.data, (), TOP_KEYS)
        for key in ("process", "steps"):
            if key not in top:
                raise self.error((), f"missing key {key!r} (an authoring file needs process and steps)")
        head = self.mapping(top["process"], ("process",), ("id", "name", "names", "executable"))
        pid = self.ident(head.get("id"), ("process", "id"))
        pname = self.text(head.get("name"), ("process", "name"))
        pnames = self.lang_names(head.get("names"), ("process", "names"), pid)
        executable = head.get("executable")
        if executable is not None and not isinstance(executable, bool):
            raise self.error(("process", "executable"), f"expected true or false, got {show(executable)}")
        named_lanes = self.named(top.get("lanes"), ("lanes",))
        lanes = {lid: name for lid, (name, _names) in named_lanes.items()}
        messages = self.names(top.get("messages"), ("messages",))
        steps = top["steps"]
        if not isinstance(steps, list) or not steps:
            raise self.error(("steps",), f"expected a list of steps, got {show(steps)}")
        nodes: dict[str, Any] = {}
        specs: list[tuple[str, list[FlowSpec], str]] = []  # (source, flows, default)
        lane_of: dict[str, str] = {}
        self.walk(steps, ("steps",), None, pid, lanes, messages, nodes, specs, lane_of)
        flows = self.flows(nodes, specs)
        nodes = self.defaults(nodes, specs, flows)
        process = Process(
            id=pid, name=pname, names=pnames, is_executable=executable, nodes=FrozenMap(nodes), flows=FrozenMap(flows),
            lane_sets=(LaneSet(id=f"LaneSet_{pid}", lanes=tuple(
                Lane(id=lid, name=lname, names=lnames, flow_node_refs=tuple(n for n in nodes if lane_of.get(n) == lid))
                for lid, (lname, lnames) in named_lanes.items())),) if lanes else (),
        )
        collabs = self.collaboration(top, pid, pname, nodes)
        roots = tuple(_message_root(mid, mname) for mid, mname in messages.items())
        lines = {element_id: line for element_id, at in self.ids.items() if (line := self.doc.line(at))}
        return Definitions(id=f"Definitions_{pid}", target_namespace=f"urn:permitflow:{pid}",
                           processes=(process,), collaborations=collabs, root_elements=roots,
                           source_lines=FrozenMap(lines))

    def walk(self, steps: list, path: tuple[Any, ...], after: str | None, *ctx: Any) -> None:
        """Read a list of steps; each falls through to the next, the last to ``after``."""
        entries = [raw.get("id") if isinstance(raw, dict) else None for raw in steps]
        for i, raw in enumerate(steps):
            nxt = entries[i + 1] if i + 1 < len(steps) else after
            if isinstance(raw, dict) and "parallel" in raw:
                self.block(raw, path + (i,), nxt, *ctx)
            else:
                self.step(raw, path + (i,), *ctx)
                self.following[raw["id"]] = nxt

    def block(self, raw: dict, path: tuple[Any, ...], after: str | None, pid: str, lanes: dict[str, str],
              messages: dict[str, str], nodes: dict[str, Any], specs: list, lane_of: dict[str, str]) -> None:
        """A parallel block: a split gateway, its branches (lists of steps) and the join."""
        block = self.mapping(raw, path, BLOCK_KEYS)
        split = self.ident(block.get("id"), path + ("id",))
        join_spec = self.mapping(block.get("join") or {}, path + ("join",), ("id", "name", "names", "lane"))
        join = self.ident(join_spec.get("id", f"{split}_Join"), path + ("join", "id"))
        branches = block["parallel"]
        if not isinstance(branches, list) or len(branches) < 2 or not all(isinstance(b, list) for b in branches):
            raise self.error(path + ("parallel",), "expected a list of at least two branches, each a list of steps "
                                                   "([] for an empty branch)", element=split)
        lane = block.get("lane")
        gateways = {}
        for gid, spec, gpath in ((split, block, path), (join, join_spec, path + ("join",))):
            name = self.text(spec.get("name"), gpath + ("name",))
            docs = self.docs(spec.get("doc"), gpath + ("doc",)) if spec is block else ()
            gateways[gid] = Gateway(id=gid, name=name, names=self.lang_names(spec.get("names"), gpath + ("names",), gid),
                                    parent=pid, documentation=docs, gateway_kind="parallel")
            glane = spec.get("lane", lane)
            if glane is not None:
                lane_of[gid] = self.choice(glane, gpath + ("lane",), tuple(lanes) or ("(no lanes declared)",))
        nodes[split] = gateways[split]
        firsts = [str(b[0].get("id")) if b and isinstance(b[0], dict) else join for b in branches]
        specs.append((split, [FlowSpec(t, "", "", None, path + ("parallel", k)) for k, t in enumerate(firsts)], None))
        for k, branch in enumerate(branches):
            self.walk(branch, path + ("parallel", k), join, pid, lanes, messages, nodes, specs, lane_of)
        nodes[join] = gateways[join]
        specs.append((join, None, None))
        self.following[join] = after

    def step(self, raw: Any, path: tuple[Any, ...], pid: str, lanes: dict[str, str], messages: dict[str, str],
             nodes: dict[str, Any], specs: list, lane_of: dict[str, str]) -> None:
        step = self.mapping(raw, path, STEP_KEYS)
        sid = self.ident(step.get("id"), path + ("id",))
        kinds = [k for k in ("task", "gateway", "event") if k in step]
        if len(kinds) != 1:
            raise self.error(path, f"a step is exactly one of task, gateway or event (found {', '.join(kinds) or 'none'})",
                             element=sid)
        common: dict[str, Any] = dict(id=sid, name=self.text(step.get("name"), path + ("name",)), parent=pid,
                      documentation=self.docs(step.get("doc"), path + ("doc",)),
                      names=self.lang_names(step.get("names"), path + ("names",), sid))
        if "lane" in step:
            lane = self.choice(step["lane"], path + ("lane",), tuple(lanes) or ("(no lanes declared)",))
            lane_of[sid] = lane
        kind = kinds[0]
        for key, owner in (("boundary", "task"), ("branches", "gateway"), ("trigger", "event"), ("timer", "event"),
                           ("ref", "event"), ("link", "event"), ("condition", "event")):
            if key in step and kind != owner:
                raise self.error(path + (key,), f"{key!r} belongs on {_a(owner)} step, not {_a(kind)} step",
                                 element=sid)
        if kind == "task":
            ttype = self.choice(step["task"], path + ("task",), TASK_KEYWORDS)
            nodes[sid] = Task(task_type=TASK_KEYWORDS[ttype], **common)
        elif kind == "gateway":
            gkind = self.choice(step["gateway"], path + ("gateway",), GATEWAY_KEYWORDS)
            nodes[sid] = Gateway(gateway_kind=GATEWAY_KEYWORDS[gkind], **common)
        else:
            position = EVENT_KEYWORDS[self.choice(step["event"], path + ("event",), EVENT_KEYWORDS)]
            nodes[sid] = Event(position=position, definitions=self.triggers(step, path, sid, messages), **common)
        outgoing = self.outgoing(step, path, sid, kind)
        specs.append((sid, outgoing, step.get("default")))
        for j, braw in enumerate(step.get("boundary") or []):
            self.boundary(braw, path + ("boundary", j), pid, sid, messages, nodes, specs, lane_of)
        if "boundary" in step and not isinstance(step["boundary"], list):
            raise self.error(path + ("boundary",), f"expected a list of boundary events, got {show(step['boundary'])}")

    def boundary(self, raw: Any, path: tuple[Any, ...], pid: str, host: str, messages: dict[str, str],
                 nodes: dict[str, Any], specs: list, lane_of: dict[str, str]) -> None:
        spec = self.mapping(raw, path, BOUNDARY_KEYS)
        bid = self.ident(spec.get("id"), path + ("id",))
        interrupting = spec.get("interrupting", True)
        if not isinstance(interrupting, bool):
            raise self.error(path + ("interrupting",), f"expected true or false, got {show(interrupting)}", element=bid)
        definitions = self.triggers(spec, path, bid, messages)
        if not definitions:
            raise self.error(path, "a boundary event needs a trigger (timer, message, signal, error, escalation, "
                                   "conditional or compensation)", element=bid)
        nodes[bid] = Event(id=bid, name=self.text(spec.get("name"), path + ("name",)), parent=pid,
                           names=self.lang_names(spec.get("names"), path + ("names",), bid),
                           documentation=self.docs(spec.get("doc"), path + ("doc",)), position="boundary",
                           attached_to=host, cancel_activity=interrupting, definitions=definitions)
        if host in lane_of:
            lane_of[bid] = lane_of[host]
        specs.append((bid, self.outgoing(spec, path, bid, "boundary"), None))

    def docs(self, value: Any, path: tuple[Any, ...]) -> tuple[Documentation, ...]:
        text = self.text(value, path)
        return (Documentation(text=text),) if text else ()

    def triggers(self, step: dict, path: tuple[Any, ...], sid: str, messages: dict[str, str]) -> tuple[EventDefinition, ...]:
        trigger = self.choice(step.get("trigger", "timer" if "timer" in step else "none"), path + ("trigger",),
                              TRIGGER_KEYWORDS)
        for key, needs in (("timer", "timer"), ("ref", tuple(REF_TRIGGERS)), ("link", "link"),
                           ("condition", "conditional")):
            if key in step and trigger not in (needs if isinstance(needs, tuple) else (needs,)):
                raise self.error(path + (key,), f"{key!r} does not fit trigger {trigger!r}", element=sid)
        if trigger == "none":
            return ()
        if trigger == "timer":
            kind, expr = self.timer(step.get("timer"), path + ("timer",), sid)
            return (EventDefinition(kind="timer", timer_kind=kind,
                                    timer=Expression(text=expr, xsi_type="tFormalExpression")),)
        if trigger in REF_TRIGGERS:
            ref = self.text(step.get("ref"), path + ("ref",))
            if trigger == "message" and ref and ref not in messages:
                raise self.error(path + ("ref",), f"unknown message {ref!r} (expected one of "
                                                  f"{', '.join(messages) or 'the ids under messages:'})", element=sid)
            return (EventDefinition(kind=trigger, ref=ref),)
        if trigger == "link":
            return (EventDefinition(kind="link", link_name=self.text(step.get("link"), path + ("link",), required=True)),)
        if trigger == "conditional":
            cond = self.text(step.get("condition"), path + ("condition",), required=True)
            return (EventDefinition(kind="conditional", condition=Expression(text=cond, xsi_type="tFormalExpression")),)
        return (EventDefinition(kind=trigger),)

    def timer(self, value: Any, path: tuple[Any, ...], sid: str) -> tuple[str, str]:
        if isinstance(value, str):
            if not ISO_DURATION.fullmatch(value):
                raise self.error(path, f"bad duration {value!r} (expected an ISO 8601 duration such as P14D, "
                                       f"PT4H or P1M, or {{date: ...}} / {{cycle: ...}})", element=sid)
            return "timeDuration", value
        if isinstance(value, dict) and len(value) == 1:
            key = next(iter(value))
            kinds = {"duration": "timeDuration", "date": "timeDate", "cycle": "timeCycle"}
            self.choice(key, path + (key,), kinds)
            raw = value[key]
            text = raw.isoformat() if hasattr(raw, "isoformat") else self.text(raw, path + (key,), required=True)
            return kinds[key], text
        raise self.error(path, f"expected an ISO 8601 duration (P14D) or one of {{duration|date|cycle: ...}}, "
                               f"got {show(value)}", element=sid)
    def collaboration(self, top: dict, pid: str, pname: str, nodes: dict[str, Any]) -> tuple[Collaboration, ...]:
        if not any(k in top for k in ("pool", "external", "message_flows")):
            return ()
        pool = self.mapping(top.get("pool") or {"id": f"Pool_{pid}"}, ("pool",), ("id", "name", "names"))
        pool_id = self.ident(pool.get("id"), ("pool", "id"))
        parts = [Participant(id=pool_id, name=self.text(pool.get("name"), ("pool", "name")) or pname, process_ref=pid,
                             names=self.lang_names(pool.get("names"), ("pool", "names"), pool_id))]
        parts += [Participant(id=k, name=v, names=vn) for k, (v, vn) in self.named(top.get("external"), ("external",)).items()]
        known = {p.id for p in parts} | set(nodes)
        mflows: dict[str, MessageFlow] = {}
        raw = top.get("message_flows") or []
        if not isinstance(raw, list):
            raise self.error(("message_flows",), f"expected a list, got {show(raw)}")
        for i, item in enumerate(raw):
            path = ("message_flows", i)
            spec = self.mapping(item, path, ("id", "from", "to", "name", "names"))
            mid = self.ident(spec.get("id"), path + ("id",))
            ends = []
            for key in ("from", "to"):
                ref = self.text(spec.get(key), path + (key,), required=True)
                if ref not in known:
                    raise self.error(path + (key,), f"unknown {ref!r} (expected a pool or a step id)", element=mid)
                ends.append(ref)
            mflows[mid] = MessageFlow(id=mid, source=ends[0], target=ends[1], name=self.text(spec.get("name"), path + ("name",)),
                                      names=self.lang_names(spec.get("names"), path + ("names",), mid))
        return (Collaboration(id=f"Collaboration_{pid}", participants=tuple(parts), message_flows=FrozenMap(mflows)),)


def _message_root(message_id: str, name: str) -> RootElement:
    from lxml import etree  # only for a file with messages: lxml costs some 30 ms to load

    from .fragments import fragment

    el = etree.Element(q(BPMN, "message"), nsmap={"bpmn": BPMN})
    el.set("id", message_id)
    if name:
        el.set("name", name)
    return RootElement(tag="message", id=message_id, name=name, xml=fragment(el))


def _a(noun: str) -> str:
    """``noun`` with its indefinite article: 'a task', 'an event'."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"
