"""The sequence flows of a YAML authoring file: declared (``next:``, ``branches:``), implied (a step flows
to the step below it) and the ``default:`` flow of a gateway or task.

:class:`AuthoringFlows` adds them to the value checks of :class:`~bpmn_io.authoring_values.AuthoringValues`;
the authoring reader (:mod:`bpmn_io.authoring`) builds on it. Its own module because the flows are read
after every step is known (a flow may name a step further down) and by rules of their own: generated
ids (:func:`~bpmn_io.authoring_format.flow_id`), no flow into a start event or out of an end event, no
boundary event as a target.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from processes.model import Event, Expression, FrozenMap, Gateway, SequenceFlow, Task

from .authoring_format import FLOW_KEYS, flow_id
from .authoring_values import AuthoringValues, show

__all__ = ["AuthoringFlows", "FlowSpec"]


@dataclass(frozen=True, slots=True)
class FlowSpec:
    """A flow as a step declares it: its target, its id (empty: generated), its name or label, its
    condition, and where the file writes it."""

    target: str
    id: str
    name: str
    condition: str | None  # None: no condition; "": a conditional flow whose expression is empty
    path: tuple[Any, ...]
    names: FrozenMap[str, str] = FrozenMap()


class AuthoringFlows(AuthoringValues):
    """The outgoing flows of each step as declared or implied, and the default flows."""

    def outgoing(self, step: dict, path: tuple[Any, ...], sid: str, kind: str) -> list[FlowSpec] | None:
        """The declared outgoing flows, or None to fall through to the next step."""
        if "branches" in step and "next" in step:
            raise self.error(path, "give either next or branches, not both", element=sid)
        if "branches" in step:
            raw = step["branches"]
            bpath = path + ("branches",)
            if isinstance(raw, dict):
                return [self.flow(v, bpath + (k,), sid, label=self.text(k, bpath + (k,))) for k, v in raw.items()]
            if isinstance(raw, list):
                return [self.flow(v, bpath + (i,), sid) for i, v in enumerate(raw)]
            raise self.error(bpath, f"expected {{label: target}} or a list of targets, got {show(raw)}", element=sid)
        if "next" in step:
            raw = step["next"]
            if isinstance(raw, list):
                return [self.flow(v, path + ("next", i), sid) for i, v in enumerate(raw)]
            return [self.flow(raw, path + ("next",), sid)]
        if kind == "boundary":
            return []
        return None

    def flow(self, raw: Any, path: tuple[Any, ...], sid: str, label: str = "") -> FlowSpec:
        if isinstance(raw, str):
            return FlowSpec(raw, "", label, None, path)
        spec = self.mapping(raw, path, FLOW_KEYS if not label else ("to", "id", "names", "condition"))
        if "to" not in spec:
            raise self.error(path, "missing key 'to' (the id of the target step)", element=sid)
        fid = self.ident(spec["id"], path + ("id",)) if "id" in spec else ""
        return FlowSpec(self.text(spec["to"], path + ("to",), required=True), fid,
                         label or self.text(spec.get("name"), path + ("name",)),
                         None if spec.get("condition") is None else self.text(spec["condition"], path + ("condition",)),
                         path, self.lang_names(spec.get("names"), path + ("names",), fid or sid))

    def flows(self, nodes: dict[str, Any], specs: list) -> dict[str, SequenceFlow]:
        following = self.following
        taken = set(self.ids)
        out: dict[str, SequenceFlow] = {}
        for source, declared, _default in specs:
            node = nodes[source]
            if declared is None:
                nxt = following.get(source)
                if nxt is None or (isinstance(node, Event) and node.position == "end"):
                    continue
                if isinstance(nodes[nxt], Event) and nodes[nxt].position == "start":
                    continue
                declared = [FlowSpec(nxt, "", "", None, ())]
            for spec in declared:
                target = nodes.get(spec.target)
                if target is None or (isinstance(target, Event) and target.position == "boundary"):
                    raise self.error(spec.path, f"unknown step {spec.target!r} (expected the id of a step; "
                                                f"boundary events cannot be targets)", element=source)
                fid = spec.id or flow_id(source, spec.target, taken)
                taken.add(fid)
                cond = None if spec.condition is None else Expression(text=spec.condition, xsi_type="tFormalExpression")
                out[fid] = SequenceFlow(id=fid, source=source, target=spec.target, name=spec.name, names=spec.names,
                                        parent=node.parent, condition=cond)
        return out

    def defaults(self, nodes: dict[str, Any], specs: list, flows: dict[str, SequenceFlow]) -> dict[str, Any]:
        out = dict(nodes)
        for source, _declared, default in specs:
            if default is None:
                continue
            path = self.ids[source][:-1] + ("default",) if self.ids[source][-1] == "id" else self.ids[source]
            mine = [f for f in flows.values() if f.source == source]
            match = ([f for f in mine if f.name == default] or [f for f in mine if f.id == default]
                     or [f for f in mine if f.target == default])
            if len(match) != 1:
                allowed = sorted({f.name for f in mine if f.name} | {f.target for f in mine})
                raise self.error(path, f"default {show(default)} names no single outgoing flow (expected a branch "
                                       f"label or target: {', '.join(allowed) or 'none'})", element=source)
            if isinstance(out[source], (Gateway, Task)):
                out[source] = replace(out[source], default=match[0].id)
            else:
                raise self.error(path, "only gateways and tasks have a default flow", element=source)
        return out
