"""Pure graph views of a process and the structural analysis built on them.

The flow graph is a :class:`processes.digraph.Digraph` (networkx's interface without
its import: validation is a start-up path); the containment tree and the message
graph are networkx graphs.

A *scope* is a container of flow nodes: the process itself or one embedded
subprocess (an event subprocess included). Sequence flows never cross a scope,
so reachability is a question asked per scope.

Views
-----
``flow_graph(process, scope=None)``
    a ``Digraph`` of flow nodes and the edges a token can take: sequence flows
    (``kind="sequence"``), the attachment of a boundary event to its host
    (``kind="boundary"``: the event can only fire while the host runs) and the
    jump from a throwing to a catching link event of the same name
    (``kind="link"``).
``containment_tree(process)``
    a tree: process -> subprocesses -> children (``kind`` on every node).
``message_graph(defs)``
    a ``MultiDiGraph`` of the message flows between pools and nodes.

Analysis
--------
``entry_nodes`` / ``exit_nodes`` say where paths of a scope begin and end
(``implicit_ends``: activities without a way out in a scope that has end events),
``unreachable`` and ``dead_ends`` use them, and ``branch_inputs`` is the
reachability question behind the gateway-mismatch checks of
:mod:`processes.validate`.

>>> from processes.model import FrozenMap, Process, Event, Task, SequenceFlow
>>> p = Process(id="P",
...     nodes=FrozenMap({"S": Event(id="S", parent="P"), "T": Task(id="T", parent="P"),
...                      "E": Event(id="E", position="end", parent="P")}),
...     flows=FrozenMap({"f1": SequenceFlow(id="f1", source="S", target="T", parent="P"),
...                      "f2": SequenceFlow(id="f2", source="T", target="E", parent="P")}))
>>> sorted(flow_graph(p).edges())
[('S', 'T'), ('T', 'E')]
>>> unreachable(p, "P"), dead_ends(p, "P")
((), ())
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from processes.digraph import Digraph, ancestors, descendants
from processes.model import (
    CallActivity,
    Definitions,
    Event,
    Gateway,
    Node,
    Process,
    SubProcess,
    Task,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "upstream",
    "FLOW_NODE_TYPES",
    "is_flow_node",
    "scope_of",
    "scopes",
    "scope_nodes",
    "flow_graph",
    "containment_tree",
    "message_graph",
    "entry_nodes",
    "exit_nodes",
    "implicit_ends",
    "unreachable",
    "dead_ends",
    "branch_inputs",
    "input_feeders",
]

FLOW_NODE_TYPES = (Task, SubProcess, CallActivity, Gateway, Event)
"""Node types that take part in sequence flow (data objects and stores do not)."""


def is_flow_node(node: object) -> bool:
    """True for tasks, subprocesses, call activities, gateways and events."""
    return isinstance(node, FLOW_NODE_TYPES)


def scope_of(process: Process, node: Node) -> str:
    """The id of the scope that holds ``node`` (a missing parent means the process)."""
    return node.parent or process.id


def scopes(process: Process) -> tuple[str, ...]:
    """The process id, then every embedded subprocess id, in model order."""
    return (process.id,) + tuple(n.id for n in process.nodes.values() if isinstance(n, SubProcess))


def scope_nodes(process: Process, scope: str) -> tuple[Node, ...]:
    """The flow nodes directly inside ``scope``, in model order."""
    return tuple(n for n in process.nodes.values() if is_flow_node(n) and scope_of(process, n) == scope)


def _is_compensation_handler(node: Node) -> bool:
    return bool(getattr(node, "is_for_compensation", False))


def _is_event_subprocess(node: Node) -> bool:
    return isinstance(node, SubProcess) and node.triggered_by_event


def _is_link(node: Node, position: str) -> bool:
    return isinstance(node, Event) and node.position == position and node.trigger == "link"


def _link_key(event: Event) -> str:
    return event.definitions[0].link_name if event.definitions else ""


def flow_graph(process: Process, scope: str | None = None) -> Digraph:
    """The token-flow graph of ``process`` (whole process, or one ``scope``).

    Nodes carry ``kind`` (class name), ``name`` and ``scope``; edges carry
    ``kind`` (``sequence``, ``boundary`` or ``link``) and, for sequence flows,
    the flow ``id``. Flows whose source or target is not a flow node of the
    process (a dangling reference) are left out: :mod:`processes.validate`
    reports them.
    """
    graph = Digraph()
    for node in process.nodes.values():
        if not is_flow_node(node):
            continue
        where = scope_of(process, node)
        if scope is not None and where != scope:
            continue
        graph.add_node(node.id, kind=node.kind, name=node.name, scope=where)
    for flow in process.flows.values():
        if flow.source in graph and flow.target in graph:
            graph.add_edge(flow.source, flow.target, kind="sequence", id=flow.id)
    for node_id in list(graph.nodes):
        node = process.nodes[node_id]
        if isinstance(node, Event) and node.position == "boundary" and node.attached_to in graph:
            graph.add_edge(node.attached_to, node_id, kind="boundary", id="")
    catches: dict[tuple[str, str], list[str]] = {}
    for node_id in graph.nodes:
        node = process.nodes[node_id]
        if isinstance(node, Event) and _is_link(node, "intermediate_catch"):
            catches.setdefault((scope_of(process, node), _link_key(node)), []).append(node_id)
    for node_id in list(graph.nodes):
        node = process.nodes[node_id]
        if isinstance(node, Event) and _is_link(node, "intermediate_throw"):
            target = node.definitions[0].link_target
            names = [target] if target in graph else catches.get((scope_of(process, node), _link_key(node)), [])
            for catch in names:
                graph.add_edge(node_id, catch, kind="link", id="")
    return graph


def containment_tree(process: Process) -> nx.DiGraph:
    """A tree from the process through its subprocesses to every flow node."""
    import networkx as nx  # not on the way of validation (see processes.digraph)

    tree = nx.DiGraph()
    tree.add_node(process.id, kind="Process", name=process.name)
    for node in process.nodes.values():
        tree.add_node(node.id, kind=node.kind, name=node.name)
    for node in process.nodes.values():
        parent = scope_of(process, node)
        if parent in tree and parent != node.id:
            tree.add_edge(parent, node.id)
    return tree


def message_graph(defs: Definitions) -> nx.MultiDiGraph:
    """Message flows between pools and flow nodes, keyed by message-flow id."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for flow in defs.message_flows():
        graph.add_edge(flow.source, flow.target, key=flow.id, name=flow.name)
    return graph


# --------------------------------------------------------------------------- entries and exits


def _ignored(node: Node) -> bool:
    """Nodes outside ordinary sequence flow: compensation handlers, event subprocesses."""
    return _is_compensation_handler(node) or _is_event_subprocess(node)


def entry_nodes(process: Process, scope: str) -> tuple[str, ...]:
    """Where paths of ``scope`` begin.

    Start events; a receive task or event-based gateway that instantiates; and
    when the scope has no start event at all, every node without an incoming
    sequence flow (BPMN's implicit start). Boundary events are not entries of
    their own: they are reached through their host (see :func:`flow_graph`).
    """
    nodes = [n for n in scope_nodes(process, scope) if not _ignored(n)]
    starts = [n.id for n in nodes if isinstance(n, Event) and n.position == "start"]
    starts += [n.id for n in nodes if isinstance(n, (Task, Gateway)) and n.instantiate]
    if any(isinstance(n, Event) and n.position == "start" for n in nodes):
        return tuple(starts)
    graph = flow_graph(process, scope)
    implicit = [
        n.id for n in nodes
        if graph.in_degree(n.id) == 0 and not (isinstance(n, Event) and n.position == "boundary")
        and not _is_link(n, "intermediate_catch")
    ]
    return tuple(dict.fromkeys(starts + implicit))


def _no_way_out(graph: Digraph, node: Node) -> bool:
    return not any(d.get("kind") != "boundary" for _, _, d in graph.out_edges(node.id, data=True))


def exit_nodes(process: Process, scope: str) -> tuple[str, ...]:
    """Where paths of ``scope`` end: its end events and its :func:`implicit_ends`, or,
    when it has no end event, every node without an outgoing sequence flow
    (BPMN's implicit end)."""
    nodes = [n for n in scope_nodes(process, scope) if not _ignored(n)]
    ends = tuple(n.id for n in nodes if isinstance(n, Event) and n.position == "end")
    if ends:
        return ends + implicit_ends(process, scope)
    graph = flow_graph(process, scope)
    return tuple(n.id for n in nodes if _no_way_out(graph, n) and not _is_link(n, "intermediate_throw"))


def implicit_ends(process: Process, scope: str) -> tuple[str, ...]:
    """Activities of a scope that has end events but that have no outgoing sequence
    flow: BPMN ends the path there (an implicit end), in model order.

    Gateways and intermediate events must have a way out, so they are not
    implicit ends; nodes of a scope without any end event are all such ends
    (see :func:`exit_nodes`).
    """
    nodes = [n for n in scope_nodes(process, scope) if not _ignored(n)]
    if not any(isinstance(n, Event) and n.position == "end" for n in nodes):
        return ()
    graph = flow_graph(process, scope)
    return tuple(n.id for n in nodes if isinstance(n, (Task, SubProcess, CallActivity)) and _no_way_out(graph, n))


def _descendants(graph: Digraph, sources: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    for source in sources:
        if source in graph and source not in seen:
            seen |= descendants(graph, source) | {source}
    return seen


def unreachable(process: Process, scope: str) -> tuple[str, ...]:
    """Flow nodes of ``scope`` that no path from an entry node reaches, in model order.

    Compensation handlers and event subprocesses are started by events, not
    by sequence flow, and are never reported.
    """
    graph = flow_graph(process, scope)
    reached = _descendants(graph, entry_nodes(process, scope))
    return tuple(
        n.id for n in scope_nodes(process, scope)
        if n.id not in reached and not _ignored(n) and not _compensation_boundary(n)
    )


def _compensation_boundary(node: Node) -> bool:
    return isinstance(node, Event) and node.position == "boundary" and node.trigger == "compensation"


def dead_ends(process: Process, scope: str) -> tuple[str, ...]:
    """Flow nodes of ``scope`` from which no path leads to an exit node, in model order.

    A compensation boundary event (linked to its handler by an association,
    not a sequence flow) is not reported.
    """
    graph = flow_graph(process, scope)
    reaching = set(exit_nodes(process, scope))
    for end in list(reaching):
        reaching |= ancestors(graph, end)
    return tuple(
        n.id for n in scope_nodes(process, scope)
        if n.id not in reaching and not _ignored(n) and not _compensation_boundary(n)
    )


def input_feeders(graph: Digraph, join: str, *, stop: Iterable[str] = ()) -> dict[str, frozenset[str]]:
    """For each incoming sequence flow of ``join``: the nodes from which a token can
    arrive by it without passing through ``join`` or a node in ``stop``.

    The source of the flow is included (unless it is in ``stop``). This is the
    per-join form of :func:`branch_inputs`: a branch of a split whose first node
    is in the set for flow ``f`` reaches the join by ``f``; one graph search per
    input instead of one per split and branch.
    """
    blocked = set(stop) | {join}
    out: dict[str, frozenset[str]] = {}
    for src in graph.predecessors(join):
        data = graph.edges[src, join]
        if data["kind"] != "sequence":
            continue
        out[data["id"]] = frozenset(upstream(graph, src, blocked)) if src not in blocked else frozenset()
    return out


def upstream(graph: Digraph, start: str, blocked: set[str]) -> set[str]:
    """``start`` and every node with a path to it that avoids ``blocked``."""
    seen = {start}
    stack = [start]
    while stack:
        for pred in graph.predecessors(stack.pop()):
            if pred not in seen and pred not in blocked:
                seen.add(pred)
                stack.append(pred)
    return seen


def branch_inputs(graph: Digraph, split: str, join: str, *, stop: Iterable[str] = ()) -> dict[str, frozenset[str]]:
    """For each outgoing sequence flow of ``split``: the incoming flows of ``join``
    a token leaving by that flow can arrive by.

    Paths never pass through ``join`` itself (what happens after the join does
    not feed it again this round) nor through any node in ``stop`` (put
    ``split`` there to forbid loops back through it). The result
    is keyed by the outgoing flow id, in graph order; values are sets of
    incoming flow ids of ``join``.
    """
    blocked = set(stop) | {join}
    inputs = {graph.edges[u, join]["id"]: u for u in graph.predecessors(join) if graph.edges[u, join]["kind"] == "sequence"}
    sub = graph.subgraph(n for n in graph.nodes if n not in blocked)
    out: dict[str, frozenset[str]] = {}
    for _, first, data in graph.out_edges(split, data=True):
        if data.get("kind") != "sequence":
            continue
        if first == join:
            reached = {split}
        elif first in blocked:
            reached = set()
        else:
            reached = descendants(sub, first) | {first}
        out[data["id"]] = frozenset(flow for flow, src in inputs.items() if src in reached)
    return out
