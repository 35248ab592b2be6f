"""Parallel joins that wait for the path of a boundary event: cases where the event does not happen
wait there forever.

A boundary event's outgoing path runs only in the cases where the event happens (a message
comes, a timer or condition fires before its activity ends). When every way to some incoming
flow of a parallel join passes through such an event, and another incoming flow of that join is
reached without it, a case where the event does not happen brings a token to the other flow and
none to that one: the join never fires and the case never finishes. In Petri-net terms (van der
Aalst's soundness: every case can complete) this is a deadlock; BPMN says the same of a parallel
gateway (it waits for a token on every incoming flow). An exclusive merge passes each token on,
and an inclusive merge waits only for tokens that can still come, so either of them joins such a
path soundly.

The search is per scope, on :func:`processes.graph.flow_graph` (a boundary event is reached
through its host): event B *holds back* incoming flow f of join J when B dominates f's source
(every path from a start of the scope to it passes B). An inclusive join is never reported (it
does not wait for what cannot come), nor a join whose every input the event holds back (the join
is then inside the event's path). An exclusive choice or an event-based gateway feeding a parallel
join is :mod:`processes.validate`'s ``xor-split-and-join``.

>>> from processes.model import FrozenMap, Process, Event, Task, Gateway, SequenceFlow
>>> nodes = {"S": Event(id="S", parent="P"), "T": Task(id="T", parent="P"),
...          "B": Event(id="B", position="boundary", attached_to="T", cancel_activity=False,
...                     parent="P", name="Reminder"),
...          "J": Gateway(id="J", gateway_kind="parallel", parent="P"),
...          "E": Event(id="E", position="end", parent="P")}
>>> flows = {f: SequenceFlow(id=f, source=s, target=t, parent="P")
...          for f, s, t in (("f1", "S", "T"), ("f2", "T", "J"), ("f3", "B", "J"), ("f4", "J", "E"))}
>>> p = Process(id="P", nodes=FrozenMap(nodes), flows=FrozenMap(flows))
>>> [(w.join, w.event, w.flows) for w in waiting_joins(p)]
[('J', 'B', ('f3',))]
"""

from __future__ import annotations

from dataclasses import dataclass

from processes.digraph import Digraph, immediate_dominators
from processes.graph import entry_nodes, flow_graph, scopes
from processes.model import Event, Gateway, Process
from processes.stepnames import step_said

__all__ = ["WaitingJoin", "waiting_joins", "scope_waiting_joins", "said"]


@dataclass(frozen=True, slots=True)
class WaitingJoin:
    """Parallel join ``join`` waits, by its incoming ``flows``, for the path of boundary ``event``
    (on activity ``host``, ``interrupting`` or not)."""

    join: str
    event: str
    host: str
    interrupting: bool
    flows: tuple[str, ...]


def waiting_joins(process: Process) -> list[WaitingJoin]:
    """Every :class:`WaitingJoin` of ``process``, scope by scope, in model order."""
    return [w for scope in scopes(process) for w in scope_waiting_joins(process, scope)]


def scope_waiting_joins(process: Process, scope: str, graph: Digraph | None = None) -> list[WaitingJoin]:
    """The :class:`WaitingJoin` of one scope (``graph``: its :func:`flow_graph`, when made already)."""
    if graph is None:
        graph = flow_graph(process, scope)
    events = [n for n in graph.nodes
              if isinstance(e := process.nodes[n], Event) and e.position == "boundary"
              and any(d["kind"] == "sequence" for _, _, d in graph.out_edges(n, data=True))]
    joins = [n for n in graph.nodes
             if isinstance(g := process.nodes[n], Gateway) and g.gateway_kind == "parallel"]
    if not events or not joins:
        return []
    root = object()
    rooted = Digraph(graph.edges)
    rooted.add_nodes_from(graph.nodes)
    rooted.add_edges_from((root, n) for n in entry_nodes(process, scope) if n in graph)
    if rooted.out_degree(root) == 0:
        return []
    idom = immediate_dominators(rooted, root)
    boundary = set(events)

    def holding(node: str) -> set[str]:
        """The boundary events that dominate ``node`` (``node`` itself included)."""
        found = set()
        while node in idom:
            if node in boundary:
                found.add(node)
            node = idom[node]
        return found

    out = []
    for join in joins:
        inputs = [(d["id"], src) for src, _, d in graph.in_edges(join, data=True) if d["kind"] == "sequence"]
        if len(inputs) < 2 or join not in idom:
            continue
        held = {flow: holding(src) for flow, src in inputs}
        for event in events:
            mine = tuple(flow for flow, by in held.items() if event in by)
            if mine and len(mine) < len(inputs):
                node = process.nodes[event]
                assert isinstance(node, Event)
                out.append(WaitingJoin(join, event, node.attached_to, node.cancel_activity, mine))
    return out


def said(process: Process, wait: WaitingJoin) -> str:
    """The finding in plain words: which join waits for which event's path, and what happens."""
    nodes = process.nodes
    join = step_said(wait.join, nodes[wait.join].name)
    event = step_said(wait.event, nodes[wait.event].name)
    host = step_said(wait.host, nodes[wait.host].name) if wait.host in nodes else wait.host
    kind = "" if wait.interrupting else "non-interrupting "
    node = nodes[wait.event]
    trigger = node.trigger if isinstance(node, Event) else "none"
    what = "" if trigger in ("none", "multiple", "parallel_multiple") else f"{trigger.replace('_', ' ')} "
    flows = ", ".join(f"'{f}'" for f in wait.flows)
    return (f"parallel join {join} waits for a token by {flows}, which comes only from the path of "
            f"{kind}{what}boundary event {event} on {host}: cases where that event does not happen wait here "
            "forever (expected an exclusive or inclusive merge where that path meets the others)")
