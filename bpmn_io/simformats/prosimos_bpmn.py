"""The BPMN file Prosimos can read, and what each flow node becomes there.

Prosimos 2.1 reads only these children of a ``process``: ``task``,
``startEvent``, ``endEvent``, ``exclusiveGateway``, ``parallelGateway``,
``inclusiveGateway``, ``eventBasedGateway``, ``intermediateCatchEvent`` and
``sequenceFlow`` (simulation_properties_parser.parse_simulation_model). Any
other element that a sequence flow reaches (a ``userTask``, ``sendTask``,
``subProcess``, ``intermediateThrowEvent`` ...) stops its run with a
``KeyError``. So the model handed to Prosimos is rewritten:

===================================== =========================================
permitflow model                      Prosimos BPMN
===================================== =========================================
task of any type, call activity       ``task`` (markers and loops dropped)
embedded subprocess                   one ``task`` (its inside is not simulated)
intermediate throw event              ``task`` taking no time
boundary event and its flows          removed (Prosimos has no boundary events)
several end events                    one (unreachable ones removed, the rest
                                      merged; Prosimos allows one end event)
other process than the simulated one  removed
===================================== =========================================

:func:`prosimos_roles` says what each node of the simulated process becomes;
the JSON exporter uses the same answer, so every ``task`` of the BPMN has a
``task_resource_distribution`` entry and every catch event an
``event_distribution`` entry.
"""

from __future__ import annotations

from lxml import etree

from bpmn_io.writer import to_bpmn_bytes
from processes.model import CallActivity, Definitions, Event, Process, SubProcess, Task

__all__ = ["prosimos_bpmn", "prosimos_roles", "READ_BY_PROSIMOS"]

_MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
_DI = "http://www.omg.org/spec/BPMN/20100524/DI"
_M = f"{{{_MODEL}}}"

#: the flow-node tags Prosimos 2.1 reads
READ_BY_PROSIMOS = frozenset({
    "task", "startEvent", "endEvent", "exclusiveGateway", "parallelGateway", "inclusiveGateway",
    "eventBasedGateway", "intermediateCatchEvent",
})


def prosimos_roles(process: Process) -> dict[str, str]:
    """Node id -> ``task``, ``event`` (intermediate catch), ``keep`` or ``drop``, for the top level of ``process``.

    Nodes inside subprocesses are not listed (the subprocess becomes one task).
    """
    roles: dict[str, str] = {}
    for node in process.nodes.values():
        if node.parent != process.id:
            continue
        if isinstance(node, (Task, CallActivity, SubProcess)):
            roles[node.id] = "task"
        elif isinstance(node, Event):
            if node.position == "intermediate_throw":
                roles[node.id] = "task"
            elif node.position == "intermediate_catch":
                roles[node.id] = "event"
            elif node.position == "boundary":
                roles[node.id] = "drop"
            else:
                roles[node.id] = "keep"
        else:
            roles[node.id] = "keep"
    return roles


def prosimos_bpmn(defs: Definitions) -> tuple[bytes, tuple[str, ...]]:
    """BPMN bytes of ``defs`` rewritten so that Prosimos can run them, and one warning per change it loses."""
    process = defs.process()
    roles = prosimos_roles(process)
    root = etree.fromstring(to_bpmn_bytes(defs))
    warnings: list[str] = []
    removed: set[str] = set()
    for proc in root.findall(f"{_M}process"):
        if proc.get("id") != process.id:
            if any(etree.QName(c).localname in READ_BY_PROSIMOS for c in proc):
                warnings.append(f"process {proc.get('id')!r}: only process {process.id!r} is simulated; "
                                "removed from the Prosimos BPMN")
            removed |= {str(el.get("id")) for el in proc.iter() if el.get("id")}
            root.remove(proc)
            continue
        for child in list(proc):
            tag = etree.QName(child).localname
            cid = str(child.get("id", ""))
            role = roles.get(cid)
            if role == "drop":
                removed.add(cid)
                proc.remove(child)
            elif role == "task" and tag != "task":
                if tag in ("subProcess", "transaction", "adHocSubProcess"):
                    removed |= {str(el.get("id")) for el in child.iter() if el.get("id") and el is not child}
                _as_plain_task(child)
            elif role in ("keep", "event") and tag not in READ_BY_PROSIMOS:
                warnings.append(f"{tag} {cid!r}: Prosimos cannot read this element; the run will fail if a case "
                                "reaches it")
        kept = {str(c.get("id")) for c in proc if etree.QName(c).localname in READ_BY_PROSIMOS}
        for flow in proc.findall(f"{_M}sequenceFlow"):
            if flow.get("sourceRef") not in kept or flow.get("targetRef") not in kept:
                removed.add(str(flow.get("id")))
                proc.remove(flow)
        _one_end_event(proc, removed, warnings)
        for ref in list(proc.iter(f"{_M}flowNodeRef", f"{_M}incoming", f"{_M}outgoing")):
            if (ref.text or "").strip() in removed:
                ref.getparent().remove(ref)
    for di in list(root.iter(f"{{{_DI}}}BPMNShape", f"{{{_DI}}}BPMNEdge")):
        if di.get("bpmnElement") in removed:
            di.getparent().remove(di)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True), tuple(warnings)


def _one_end_event(proc: etree._Element, removed: set[str], warnings: list[str]) -> None:
    """Prosimos 2.1 refuses a model with several end events: unreachable ones go, the rest become the first.

    The flows into the others are redirected to the first; Prosimos joins them
    with an inclusive gateway, so a case ends when its last token does, as in BPMN.
    """
    targets = {f.get("targetRef") for f in proc.findall(f"{_M}sequenceFlow")}
    ends = proc.findall(f"{_M}endEvent")
    for end in ends:
        if end.get("id") not in targets and len(ends) > 1:
            removed.add(str(end.get("id")))
            proc.remove(end)
    ends = proc.findall(f"{_M}endEvent")
    if len(ends) < 2:
        return
    keep, others = ends[0], ends[1:]
    names = {str(e.get("id")) for e in others}
    for flow in proc.findall(f"{_M}sequenceFlow"):
        if flow.get("targetRef") in names:
            flow.set("targetRef", str(keep.get("id")))
            incoming = etree.SubElement(keep, f"{_M}incoming")
            incoming.text = flow.get("id")
    for end in others:
        removed.add(str(end.get("id")))
        proc.remove(end)
    warnings.append(f"end events {', '.join(sorted(names))}: merged into {keep.get('id')!r} (Prosimos allows one end "
                    "event; what they throw (error, terminate, message) is lost)")


def _as_plain_task(el: etree._Element) -> None:
    """Turn ``el`` into a ``task`` with only its id, name and incoming/outgoing flows."""
    keep = {k: v for k, v in el.attrib.items() if k in ("id", "name")}
    flows = [c for c in el if etree.QName(c).localname in ("incoming", "outgoing")]
    for c in list(el):
        el.remove(c)
    el.attrib.clear()
    el.attrib.update(keep)
    el.tag = f"{_M}task"
    el.extend(flows)
