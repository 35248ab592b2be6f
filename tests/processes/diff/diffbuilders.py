"""Tiny builders for diff test models: nodes and flows written as tuples.

>>> d = model([("S", "start", ""), ("A", "task", "Granska"), ("E", "end", "")], chain="S A E")
>>> sorted(d.process().nodes)
['A', 'E', 'S']
"""

from __future__ import annotations

from processes.model import (
    Definitions,
    Event,
    EventDefinition,
    Expression,
    FrozenMap,
    Gateway,
    Lane,
    LaneSet,
    Process,
    SequenceFlow,
    StandardLoop,
    Task,
)

__all__ = ["model", "linear", "renamed"]

_GATEWAYS = {"xor": "exclusive", "and": "parallel", "or": "inclusive", "evt": "eventBased"}


def _node(spec: tuple) -> object:
    nid, kind, *rest = spec
    label = rest[0] if rest else ""
    extra = rest[1] if len(rest) > 1 else None
    if kind in _GATEWAYS:
        return Gateway(id=nid, name=label, gateway_kind=_GATEWAYS[kind])
    if kind == "start":
        return Event(id=nid, name=label, position="start")
    if kind == "end":
        return Event(id=nid, name=label, position="end")
    if kind == "timer":  # intermediate timer catch event; extra = ISO duration
        return Event(
            id=nid,
            name=label,
            position="intermediate_catch",
            definitions=(
                EventDefinition("timer", timer_kind="timeDuration", timer=Expression(extra or "P1D")),
            ),
        )
    if kind == "message":  # intermediate message catch event
        return Event(id=nid, name=label, position="intermediate_catch", definitions=(EventDefinition("message"),))
    if kind == "loop":
        return Task(id=nid, name=label, task_type="userTask", loop=StandardLoop(loop_maximum=extra))
    return Task(id=nid, name=label, task_type=kind)


def model(
    nodes: list[tuple],
    flows: list[tuple[str, str]] = (),
    *,
    chain: str = "",
    lanes: dict[str, list[str]] | None = None,
    pid: str = "P",
) -> Definitions:
    """A one-process model. ``chain="S A B E"`` adds flows S->A->B->E; ``flows`` adds more.

    Node kinds: task, userTask, serviceTask, ... (task types), start, end, timer, message, loop,
    xor, and, or, evt. ``lanes`` maps a lane NAME to the node ids in it.
    """
    ns = [_node(s) for s in nodes]
    pairs = list(flows)
    ids = chain.split()
    pairs += list(zip(ids, ids[1:], strict=False))
    fl = {
        f"F{i}_{a}_{b}": SequenceFlow(id=f"F{i}_{a}_{b}", source=a, target=b)
        for i, (a, b) in enumerate(pairs)
    }
    lane_sets = ()
    if lanes:
        lane_sets = (
            LaneSet(
                id=f"{pid}_ls",
                lanes=tuple(
                    Lane(id=f"{pid}_L{i}", name=name, flow_node_refs=tuple(refs))
                    for i, (name, refs) in enumerate(lanes.items())
                ),
            ),
        )
    proc = Process(id=pid, nodes=FrozenMap({n.id: n for n in ns}), flows=FrozenMap(fl), lane_sets=lane_sets)
    return Definitions(id="D", processes=(proc,))


def linear(labels: list[str], *, prefix: str = "T") -> Definitions:
    """start -> one task per label -> end."""
    nodes = (
        [("S", "start", "")]
        + [(f"{prefix}{i}", "task", lab) for i, lab in enumerate(labels)]
        + [("E", "end", "")]
    )
    return model(nodes, chain=" ".join(n[0] for n in nodes))


def renamed(defs: Definitions, *, prefix: str = "X_", labels: dict[str, str] | None = None) -> Definitions:
    """The same model with every id prefixed (flows, lanes too) and some labels replaced."""
    from dataclasses import replace

    labels = labels or {}
    proc = defs.process()
    new_nodes = {}
    for n in proc.nodes.values():
        extra = {}
        if getattr(n, "attached_to", ""):
            extra["attached_to"] = prefix + n.attached_to
        new_nodes[prefix + n.id] = replace(n, id=prefix + n.id, name=labels.get(n.name, n.name), **extra)
    new_flows = {
        prefix + f.id: replace(f, id=prefix + f.id, source=prefix + f.source, target=prefix + f.target)
        for f in proc.flows.values()
    }
    lane_sets = tuple(
        replace(
            ls,
            id=prefix + ls.id,
            lanes=tuple(
                replace(la, id=prefix + la.id, flow_node_refs=tuple(prefix + r for r in la.flow_node_refs))
                for la in ls.lanes
            ),
        )
        for ls in proc.lane_sets
    )
    return replace(
        defs,
        processes=(
            replace(
                proc,
                id=prefix + proc.id,
                nodes=FrozenMap(new_nodes),
                flows=FrozenMap(new_flows),
                lane_sets=lane_sets,
            ),
        ),
    )


def decision_model(label: str = "Beslut i socialnämnden") -> Definitions:
    """A permit process with one step ``label`` between the investigation and the letter."""
    nodes = [("S", "start", "Ansökan inkommer"), ("T1", "userTask", "Utredning"), ("T2", "userTask", label),
             ("T3", "sendTask", "Beslutsbrev till sökanden"), ("E", "end", "Klart")]
    return model(nodes, chain="S T1 T2 T3 E")


def decision_alternatives(*labels: str) -> Definitions:
    """A permit process whose decision is drawn as alternatives: one step per label (ids D0, D1, …)
    between two exclusive gateways."""
    nodes = [("S", "start", "Ny ansökan"), ("U1", "userTask", "Skriv utredning"), ("X1", "xor", "")]
    ids = [f"D{i}" for i in range(len(labels))]
    nodes += [(d, "userTask", lab) for d, lab in zip(ids, labels, strict=True)]
    nodes += [("X2", "xor", ""), ("U3", "sendTask", "Skicka beslutet till sökanden"), ("E", "end", "Slut")]
    flows = [("S", "U1"), ("U1", "X1"), *(("X1", d) for d in ids), *((d, "X2") for d in ids), ("X2", "U3"), ("U3", "E")]
    return model(nodes, flows)


def candidates(d, side, step):
    """The uncertain tier's candidates of ``step`` (of model ``side``) in the diff ``d``."""
    return [c for u in d.uncertain if (u.side, u.step) == (side, step) for c in u.candidates]


def only(d):
    """The diff ``d``'s steps only in one model, as ``a:id`` / ``b:id``."""
    return sorted(x.kind[-1] + ":" + (x.a or x.b)[0] for x in d.differences if x.kind.startswith("only_in"))


def remiss_and_answer_per_body(bodies: tuple[tuple[str, str, str], ...]) -> Definitions:
    """start -> Registrera ansökan -> parallel: one remiss and its answer per body -> Fatta beslut -> end.

    ``bodies``: (key, body, genitive) per body, e.g. ("P", "polisen", "Polisens"): steps RemP
    "Remiss till polisen" and YttP "Polisens yttrande" (a timer)."""
    nodes = [
        ("S", "start", ""),
        ("R", "userTask", "Registrera ansökan"),
        ("G1", "and", ""),
        ("G2", "and", ""),
    ]
    flows = []
    for key, body, genitive in bodies:
        nodes += [
            (f"Rem{key}", "sendTask", f"Remiss till {body}"),
            (f"Ytt{key}", "timer", f"{genitive} yttrande"),
        ]
        flows += [("G1", f"Rem{key}"), (f"Rem{key}", f"Ytt{key}"), (f"Ytt{key}", "G2")]
    nodes += [("D", "userTask", "Fatta beslut"), ("E", "end", "")]
    return model(nodes, flows + [("G2", "D"), ("D", "E")], chain="S R G1")


def correspondence(d, step: str, side: str = "a"):
    """The correspondence of the diff ``d`` that holds ``step`` of model ``side``, as (a ids, b ids,
    how), or None."""
    for m in d.matches:
        if step in (m.a if side == "a" else m.b):
            return m.a, m.b, m.how
    return None

