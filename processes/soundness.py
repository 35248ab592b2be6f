"""Parallel joins that wait for a path that runs only in some cases: cases without it wait there forever.

Some paths run only in some cases: the path of a boundary event (only when the event happens: a
message comes, a timer or condition fires before its activity ends), a branch of an exclusive or
event-based gateway (only when it is chosen), a branch of an inclusive gateway (only when its
condition holds). When every way to some incoming flow of a parallel join passes through such a
path, and another incoming flow of that join is reached without it, a case without that path
brings a token to the other flow and none to that one: the join never fires and the case never
finishes. In Petri-net terms (van der Aalst's soundness: every case can complete) this is a
deadlock; BPMN says the same of a parallel gateway (it waits for a token on every incoming flow).
An exclusive merge passes each token on, and an inclusive merge waits only for tokens that can
still come, so either of them joins such a path soundly.

The other way round, an activity's own way on runs only in some cases too: when an interrupting
boundary event on it fires, the case leaves the activity by that event's path instead. When that
path never comes to a parallel join the activity's way on feeds (Cardanit's MIWG C.6.0 export:
Cancel Flight and Cancel Hotel after error boundary events lead nowhere) and the join has inputs
reached without the activity, the join waits forever in those cases (``leaves``). Not reported: a
boundary event's path that can end the scope (an error, terminate or cancel end event), a
compensation boundary event (it interrupts nothing).

The search is per scope, on :func:`processes.graph.flow_graph` (a boundary event is reached
through its host; each branch of a split is a node of its own): a path *holds back* incoming
flow f of join J when its first element dominates f's source (every path from a start of the
scope to it passes there). Not reported: an inclusive join (it does not wait for what cannot
come); a join whose every input the path holds back (the join is then inside that path); a
branch of an exclusive or event-based gateway when no other branch of it can reach an end
without that branch or the join (a loop that comes back round to it, or the classic choice
between two inputs of the join, which :mod:`processes.validate` reports as
``xor-split-and-join``). Whether an inclusive gateway's conditions can all hold at once is not
decided: each of its branches counts as one that may be left out.

>>> from processes.model import FrozenMap, Process, Event, Task, Gateway, SequenceFlow
>>> nodes = {"S": Event(id="S", parent="P"), "T": Task(id="T", parent="P"),
...          "B": Event(id="B", position="boundary", attached_to="T", cancel_activity=False,
...                     parent="P", name="Reminder"),
...          "J": Gateway(id="J", gateway_kind="parallel", parent="P"),
...          "E": Event(id="E", position="end", parent="P")}
>>> flows = {f: SequenceFlow(id=f, source=s, target=t, parent="P")
...          for f, s, t in (("f1", "S", "T"), ("f2", "T", "J"), ("f3", "B", "J"), ("f4", "J", "E"))}
>>> p = Process(id="P", nodes=FrozenMap(nodes), flows=FrozenMap(flows))
>>> [(w.join, w.origin, w.flows) for w in waiting_joins(p)]
[('J', 'B', ('f3',))]
"""

from __future__ import annotations

from dataclasses import dataclass

from processes.digraph import Digraph, descendants, immediate_dominators
from processes.graph import entry_nodes, exit_nodes, flow_graph, scopes
from processes.model import Event, Gateway, Process
from processes.stepnames import step_said

__all__ = ["WaitingJoin", "waiting_joins", "scope_waiting_joins", "said", "said_per_join"]


@dataclass(frozen=True, slots=True)
class WaitingJoin:
    """Parallel join ``join`` waits, by its incoming ``flows``, for a path that runs only in some cases:
    the path of boundary event ``origin`` (``branch`` empty), or the branch ``branch`` (an outgoing
    flow) of split gateway ``origin``; with ``leaves``, the way on of the activity the interrupting
    boundary event ``origin`` is on, which a case leaves when that event fires (its path never comes
    to the join)."""

    join: str
    origin: str
    branch: str
    flows: tuple[str, ...]
    leaves: bool = False


def waiting_joins(process: Process) -> list[WaitingJoin]:
    """Every :class:`WaitingJoin` of ``process``, scope by scope, in model order."""
    return [w for scope in scopes(process) for w in scope_waiting_joins(process, scope)]


def _optional(process: Process, graph: Digraph, node: str) -> bool:
    """A boundary event with a path, or a split whose branches do not all run: exclusive, event-based, inclusive."""
    n = process.nodes[node]
    outs = sum(1 for _, _, d in graph.out_edges(node, data=True) if d["kind"] == "sequence")
    if isinstance(n, Event):
        return n.position == "boundary" and outs > 0
    return isinstance(n, Gateway) and n.gateway_kind in _SPLITS and outs >= 2


_SPLITS = ("exclusive", "eventBased", "inclusive")


def scope_waiting_joins(process: Process, scope: str, graph: Digraph | None = None) -> list[WaitingJoin]:
    """The :class:`WaitingJoin` of one scope (``graph``: its :func:`flow_graph`, when made already)."""
    if graph is None:
        graph = flow_graph(process, scope)
    origins = [n for n in graph.nodes if _optional(process, graph, n)]
    joins = [n for n in graph.nodes
             if isinstance(g := process.nodes[n], Gateway) and g.gateway_kind == "parallel"
             and sum(1 for _, _, d in graph.in_edges(n, data=True) if d["kind"] == "sequence") >= 2]
    # (a compensation boundary event interrupts nothing: its handler runs after the activity completed)
    interrupting = [n for n in graph.nodes if isinstance(b := process.nodes[n], Event) and b.position == "boundary"
                    and b.cancel_activity and b.trigger != "compensation" and b.attached_to in graph]
    if not (origins or interrupting) or not joins:
        return []
    # each branch of a split becomes a node of its own (its flow id), so that it can dominate
    rooted = Digraph()
    rooted.add_nodes_from(graph.nodes)
    branch_of: dict[tuple[str, str], str] = {}
    for u, v, d in graph.edges(data=True):
        if d["kind"] == "sequence" and isinstance(process.nodes[u], Gateway) and u in origins:
            branch_of[u, v] = d["id"]
            rooted.add_edge(u, ("branch", d["id"]))
            rooted.add_edge(("branch", d["id"]), v)
        else:
            rooted.add_edge(u, v)
    root = ("root",)
    rooted.add_edges_from((root, n) for n in entry_nodes(process, scope) if n in graph)
    if rooted.out_degree(root) == 0:
        return []
    idom = immediate_dominators(rooted, root)
    paths = {n: (n, "") for n in origins if isinstance(process.nodes[n], Event)}
    paths.update({("branch", f): (u, f) for (u, _), f in branch_of.items()})

    def chain(node: object, stop: object) -> list[object]:
        """What dominates ``node`` (``node`` itself included), below ``stop``."""
        found = []
        while node in idom and node != stop:
            found.append(node)
            node = idom[node]
        return found

    def holding(node: object, stop: object) -> list[object]:
        """The boundary events and split branches that dominate ``node`` (``node`` itself included), below
        ``stop``, the join's immediate dominator: what lies above it dominates every input of the join."""
        return [n for n in chain(node, stop) if n in paths]

    out = []
    for join in joins:
        if join not in idom:
            continue
        inputs = [(d["id"], ("branch", branch_of[src, join]) if (src, join) in branch_of else src)
                  for src, _, d in graph.in_edges(join, data=True) if d["kind"] == "sequence"]
        held = {flow: holding(tail, idom[join]) for flow, tail in inputs}
        for path in dict.fromkeys(p for by in held.values() for p in by):
            mine = tuple(flow for flow, by in held.items() if path in by)
            if len(mine) == len(inputs):
                continue  # the join is inside that path
            origin, branch = paths[path]
            if branch and not _others_can_end(process, graph, scope, origin, branch, join):
                continue
            out.append(WaitingJoin(join, origin, branch, mine))
        out += _left_joins(process, graph, interrupting, join, {flow: chain(tail, idom[join]) for flow, tail in inputs})
    return out


def _left_joins(process: Process, graph: Digraph, boundaries: list[str], join: str,
                chains: dict[str, list[object]]) -> list[WaitingJoin]:
    """The :class:`WaitingJoin` (``leaves``) of ``join``: an interrupting boundary event among ``boundaries``
    whose host every way to some, not all, of the join's inputs passes (``chains``: input flow -> what
    dominates its source, below the join's immediate dominator), whose path never comes to the join and
    cannot end the scope."""
    out = []
    for event in boundaries:
        host = process.nodes[event].attached_to  # type: ignore[union-attr]  # (an Event: scope_waiting_joins)
        mine = tuple(flow for flow, above in chains.items() if host in above)
        if not mine or len(mine) == len(chains):
            continue
        after = descendants(graph, event)
        if join in after or any(isinstance(n := process.nodes[a], Event) and n.position == "end"
                                and n.trigger in _SCOPE_ENDS for a in after):
            continue
        out.append(WaitingJoin(join, event, "", mine, leaves=True))
    return out


_SCOPE_ENDS = ("terminate", "error", "cancel")

def _others_can_end(process: Process, graph: Digraph, scope: str, split: str, branch: str, join: str) -> bool:
    """Another branch of ``split`` can finish the case without ``branch`` and without ``join``: the path
    it starts does not come back round to ``branch`` (a loop). Always true of an inclusive split (each
    branch may be left out alone)."""
    node = process.nodes[split]
    if isinstance(node, Gateway) and node.gateway_kind == "inclusive":
        return True
    ends = set(exit_nodes(process, scope))
    sub = Digraph()
    sub.add_nodes_from(n for n in graph.nodes if n != join)
    sub.add_edges_from((u, v) for u, v, d in graph.edges(data=True)
                       if join not in (u, v) and not (u == split and d.get("id") == branch))
    for _, first, d in graph.out_edges(split, data=True):
        if d["kind"] != "sequence" or d["id"] == branch or first == join:
            continue
        if first in ends or not ends.isdisjoint(descendants(sub, first)):
            return True
    return False


def said(process: Process, wait: WaitingJoin) -> str:
    """The finding in plain words: which join waits for which path, and what happens."""
    path, unless = _path(process, wait)
    flows = ", ".join(f"'{f}'" for f in wait.flows)
    return (f"parallel join {_join(process, wait)} waits for a token by {flows}, which comes only from {path}: "
            f"cases where {unless} wait here forever ({_expected([wait], 'that path meets')})")


def said_per_join(process: Process, waits: list[WaitingJoin]) -> list[tuple[str, str]]:
    """``(join id, line)``: the findings of each join in one line (:func:`said` when it has one)."""
    by_join: dict[str, list[WaitingJoin]] = {}
    for wait in waits:
        by_join.setdefault(wait.join, []).append(wait)
    out = []
    for join, mine in by_join.items():
        if len(mine) == 1:
            out.append((join, said(process, mine[0])))
            continue
        paths = "; ".join(f"{_path(process, w)[0]} (by {', '.join(repr(f) for f in w.flows)})" for w in mine)
        out.append((join, f"parallel join {_join(process, mine[0])} waits for tokens that come only from paths that "
                          f"run in some cases: {paths}: cases without one of them wait here forever "
                          f"({_expected(mine, 'those paths meet')})"))
    return out


def _expected(waits: list[WaitingJoin], meet: str) -> str:
    """What the model was expected to draw instead, for the kinds of ``waits``."""
    merge = f"an exclusive or inclusive merge where {meet} the others"
    kinds = {w.leaves for w in waits}
    which = "the boundary event's path" if sum(w.leaves for w in waits) == 1 else "each boundary event's path"
    left = f"{which} to come to the join too (by an exclusive merge) or to end the scope"
    return "expected " + (left if kinds == {True} else merge if kinds == {False} else f"{merge}, or {left}")


def _join(process: Process, wait: WaitingJoin) -> str:
    return step_said(wait.join, process.nodes[wait.join].name)


def _path(process: Process, wait: WaitingJoin) -> tuple[str, str]:
    """The path waited for (its first element), and when it does not run."""
    nodes = process.nodes
    origin = nodes[wait.origin]
    first = step_said(wait.origin, origin.name)
    if isinstance(origin, Event) and wait.leaves:
        host = step_said(origin.attached_to, nodes[origin.attached_to].name)
        return (f"{host} when it ends normally (its {_trigger(origin)}boundary event {first} leads by a path that "
                f"never comes to the join)", "that event fires")
    if isinstance(origin, Event):
        host = step_said(origin.attached_to, nodes[origin.attached_to].name) if origin.attached_to in nodes \
            else origin.attached_to
        kind = "" if origin.cancel_activity else "non-interrupting "
        return f"the path of {kind}{_trigger(origin)}boundary event {first} on {host}", "that event does not happen"
    kind = {"exclusive": "exclusive", "eventBased": "event-based", "inclusive": "inclusive"}.get(
        getattr(origin, "gateway_kind", ""), "")
    return f"branch '{wait.branch}' of {kind} gateway {first}", "that branch is not taken"


def _trigger(event: Event) -> str:
    """``"error "``, ``"timer "``: an event's trigger before a noun (``""`` for none or several)."""
    trigger = event.trigger
    return "" if trigger in ("none", "multiple", "parallel_multiple") else f"{trigger.replace('_', ' ')} "
