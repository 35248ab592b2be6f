"""Tiny process models written as text, for graph and validation tests.

``build("S:start T:task E:end", "S>T T>E")`` gives a Definitions with one
process ``P``: nodes ``id:kind`` (``start``, ``end``, ``task``, ``xor``,
``and``, ``or``, ``event-gw``, ``catch``, ``throw``, ``sub``, ``eventsub``,
``boundary@Host``, ``comp@Host``), an optional ``/Scope`` suffix puts the node
inside subprocess ``Scope``; flows ``A>B`` get the id ``A_B``.
"""

from __future__ import annotations

from processes.model import (
    Definitions,
    Event,
    EventDefinition,
    FrozenMap,
    Gateway,
    Process,
    SequenceFlow,
    SubProcess,
    Task,
)

__all__ = ["build", "process"]

_GATEWAYS = {"xor": "exclusive", "and": "parallel", "or": "inclusive", "event-gw": "eventBased"}


def _node(spec: str):
    ident, _, kind = spec.partition(":")
    kind, _, scope = kind.partition("/")
    parent = scope or "P"
    if kind in ("start", "end"):
        return Event(id=ident, position=kind, parent=parent)
    if kind == "catch":
        return Event(id=ident, position="intermediate_catch", parent=parent,
                     definitions=(EventDefinition(kind="timer", timer_kind="timeDuration"),))
    if kind == "throw":
        return Event(id=ident, position="intermediate_throw", parent=parent)
    if kind == "task":
        return Task(id=ident, parent=parent)
    if kind == "sub":
        return SubProcess(id=ident, parent=parent)
    if kind == "eventsub":
        return SubProcess(id=ident, parent=parent, triggered_by_event=True)
    if kind in _GATEWAYS:
        return Gateway(id=ident, gateway_kind=_GATEWAYS[kind], parent=parent)
    if kind.startswith("boundary@"):
        return Event(id=ident, position="boundary", attached_to=kind.split("@", 1)[1], parent=parent,
                     definitions=(EventDefinition(kind="timer", timer_kind="timeDuration"),))
    if kind.startswith("comp@"):
        return Event(id=ident, position="boundary", attached_to=kind.split("@", 1)[1], parent=parent,
                     definitions=(EventDefinition(kind="compensation"),))
    raise ValueError(f"unknown tiny node kind {kind!r}")


def process(nodes: str, flows: str = "", *, pid: str = "P") -> Process:
    """One process from the tiny notation (see the module docstring)."""
    table = {}
    for spec in nodes.split():
        node = _node(spec)
        table[node.id] = node
    seq = {}
    for spec in flows.split():
        src, dst = spec.split(">")
        parent = getattr(table.get(src), "parent", pid)
        seq[f"{src}_{dst}"] = SequenceFlow(id=f"{src}_{dst}", source=src, target=dst, parent=parent)
    return Process(id=pid, nodes=FrozenMap(table), flows=FrozenMap(seq))


def build(nodes: str, flows: str = "") -> Definitions:
    """A Definitions holding one tiny process ``P``."""
    return Definitions(id="Definitions_1", processes=(process(nodes, flows),))
