"""A small directed graph for the flow of one process: what validation asks of networkx, without its import.

``import networkx`` loads every algorithm it has (about 0.3 CPU s here, half of a
``permitflow validate``). Checking a model needs a handful of questions about one
small directed graph: neighbours, edge data, reachability, strongly connected
components and immediate dominators. :class:`Digraph` answers them with the same
interface as ``networkx.DiGraph`` (``nodes[n]``, ``edges[u, v]``, ``edges(data=True)``,
``in_edges``, ``out_edges``, ``predecessors``, ...) and the same iteration order
(insertion order, as networkx keeps it), so code written against networkx reads the
same; :meth:`Digraph.to_networkx` gives the networkx graph where a caller needs
more (calibration).

>>> g = Digraph()
>>> g.add_edge("a", "b", kind="sequence"); g.add_edge("b", "a"); g.add_edge("b", "c")
>>> sorted(descendants(g, "a")), sorted(ancestors(g, "c")), g.edges["a", "b"]
(['b', 'c'], ['a', 'b'], {'kind': 'sequence'})
>>> [sorted(c) for c in strongly_connected_components(g)]
[['c'], ['a', 'b']]
>>> immediate_dominators(g, "a")
{'b': 'a', 'c': 'b'}
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Digraph",
    "descendants",
    "ancestors",
    "has_path",
    "shortest_path_lengths",
    "topological_sort",
    "strongly_connected_components",
    "closed_components",
    "immediate_dominators",
]

Node = Any  # any hashable value, as in networkx (flow graphs use element ids)


class _NodeView:
    __slots__ = ("_graph",)

    def __init__(self, graph: Digraph) -> None:
        self._graph = graph

    def __iter__(self) -> Iterator[Node]:
        return iter(self._graph._node)

    def __len__(self) -> int:
        return len(self._graph._node)

    def __contains__(self, node: object) -> bool:
        return node in self._graph._node

    def __getitem__(self, node: Node) -> dict[str, Any]:
        return self._graph._node[node]

    def __call__(self, data: bool = False) -> list[Any]:
        return list(self._graph._node.items()) if data else list(self._graph._node)


class _EdgeView:
    __slots__ = ("_graph",)

    def __init__(self, graph: Digraph) -> None:
        self._graph = graph

    def __iter__(self) -> Iterator[tuple[Node, Node]]:
        return ((u, v) for u, nbrs in self._graph._succ.items() for v in nbrs)

    def __len__(self) -> int:
        return sum(len(nbrs) for nbrs in self._graph._succ.values())

    def __contains__(self, edge: object) -> bool:
        if not isinstance(edge, tuple) or len(edge) != 2:
            return False
        return self._graph.has_edge(edge[0], edge[1])

    def __getitem__(self, edge: tuple[Node, Node]) -> dict[str, Any]:
        u, v = edge
        return self._graph._succ[u][v]

    def __call__(self, data: bool = False) -> list[Any]:
        succ = self._graph._succ
        if data:
            return [(u, v, d) for u, nbrs in succ.items() for v, d in nbrs.items()]
        return [(u, v) for u, nbrs in succ.items() for v in nbrs]


class Digraph:
    """Nodes and directed edges, each with a dict of attributes, kept in insertion order."""

    __slots__ = ("_node", "_succ", "_pred")

    def __init__(self, edges: Iterable[tuple[Node, Node]] = ()) -> None:
        self._node: dict[Node, dict[str, Any]] = {}
        self._succ: dict[Node, dict[Node, dict[str, Any]]] = {}
        self._pred: dict[Node, dict[Node, dict[str, Any]]] = {}
        self.add_edges_from(edges)

    @property
    def nodes(self) -> _NodeView:
        return _NodeView(self)

    @property
    def edges(self) -> _EdgeView:
        return _EdgeView(self)

    def __iter__(self) -> Iterator[Node]:
        return iter(self._node)

    def __len__(self) -> int:
        return len(self._node)

    def __contains__(self, node: object) -> bool:
        try:
            return node in self._node
        except TypeError:
            return False

    def add_node(self, node: Node, **attrs: Any) -> None:
        if node not in self._node:
            self._node[node] = {}
            self._succ[node] = {}
            self._pred[node] = {}
        self._node[node].update(attrs)

    def add_nodes_from(self, nodes: Iterable[Node]) -> None:
        for node in nodes:
            self.add_node(node)

    def add_edge(self, u: Node, v: Node, **attrs: Any) -> None:
        self.add_node(u)
        self.add_node(v)
        data = self._succ[u].get(v)
        if data is None:
            data = self._succ[u][v] = self._pred[v][u] = {}
        data.update(attrs)

    def add_edges_from(self, edges: Iterable[tuple[Node, Node]]) -> None:
        for u, v in edges:
            self.add_edge(u, v)

    def remove_edge(self, u: Node, v: Node) -> None:
        """Remove the edge u -> v (KeyError when there is none)."""
        del self._succ[u][v]
        del self._pred[v][u]

    def remove_edges_from(self, edges: Iterable[tuple[Node, Node]]) -> None:
        """Remove each edge of ``edges`` that the graph has (as networkx: missing ones are skipped)."""
        for u, v in edges:
            if self.has_edge(u, v):
                self.remove_edge(u, v)

    def copy(self) -> Digraph:
        """An independent copy (attribute dicts copied) built as networkx's ``copy()`` builds
        one: the nodes in order, then the edges in successor order (so a node's predecessors
        may come in another order than in this graph, as in networkx)."""
        new = Digraph()
        for node, attrs in self._node.items():
            new.add_node(node, **attrs)
        for u, nbrs in self._succ.items():
            for v, d in nbrs.items():
                new.add_edge(u, v, **d)
        return new

    def has_edge(self, u: Node, v: Node) -> bool:
        return u in self._succ and v in self._succ[u]

    def successors(self, node: Node) -> Iterator[Node]:
        return iter(self._succ[node])

    def predecessors(self, node: Node) -> Iterator[Node]:
        return iter(self._pred[node])

    def out_edges(self, node: Node, data: bool = False) -> list[Any]:
        nbrs = self._succ[node]
        return [(node, v, d) for v, d in nbrs.items()] if data else [(node, v) for v in nbrs]

    def in_edges(self, node: Node, data: bool = False) -> list[Any]:
        nbrs = self._pred[node]
        return [(u, node, d) for u, d in nbrs.items()] if data else [(u, node) for u in nbrs]

    def in_degree(self, node: Node) -> int:
        return len(self._pred[node])

    def out_degree(self, node: Node) -> int:
        return len(self._succ[node])

    def subgraph(self, nodes: Iterable[Node]) -> Digraph:
        """A copy holding ``nodes`` (those in the graph) and the edges among them, in this graph's order."""
        keep = {n for n in nodes if n in self}
        sub = Digraph()
        for node, attrs in self._node.items():
            if node in keep:
                sub.add_node(node, **attrs)
        for u, nbrs in self._succ.items():
            if u in keep:
                for v, d in nbrs.items():
                    if v in keep:
                        sub.add_edge(u, v, **d)
        return sub

    def to_networkx(self) -> nx.DiGraph:
        """The same graph as a ``networkx.DiGraph`` (imports networkx)."""
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_nodes_from(self._node.items())
        graph.add_edges_from((u, v, d) for u, nbrs in self._succ.items() for v, d in nbrs.items())
        return graph


def _reach(adjacency: dict[Node, dict[Node, Any]], source: Node) -> set[Node]:
    seen = {source}
    stack = [source]
    while stack:
        for nxt in adjacency[stack.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    seen.discard(source)
    return seen


def descendants(graph: Digraph, source: Node) -> set[Node]:
    """Every node a path from ``source`` reaches, ``source`` itself left out (as networkx does)."""
    return _reach(graph._succ, source)


def ancestors(graph: Digraph, target: Node) -> set[Node]:
    """Every node with a path to ``target`` (not ``target`` itself)."""
    return _reach(graph._pred, target)


def has_path(graph: Digraph, source: Node, target: Node) -> bool:
    """Whether a path leads from ``source`` to ``target`` (True when they are the same node)."""
    if source == target:
        return source in graph._node
    succ = graph._succ
    seen = {source}
    stack = [source]
    while stack:
        for nxt in succ[stack.pop()]:
            if nxt == target:
                return True
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def shortest_path_lengths(graph: Digraph, source: Node) -> dict[Node, int]:
    """Every node ``source`` reaches (itself included) -> the fewest edges on a path to it
    (breadth first; networkx's ``single_source_shortest_path_length``)."""
    succ = graph._succ
    dist = {source: 0}
    level = [source]
    depth = 0
    while level:
        depth += 1
        nxt_level = []
        for node in level:
            for nxt in succ[node]:
                if nxt not in dist:
                    dist[nxt] = depth
                    nxt_level.append(nxt)
        level = nxt_level
    return dist


def topological_sort(graph: Digraph) -> list[Node]:
    """The nodes in topological order, in networkx's order (``topological_sort``: generation
    by generation, each in the order its nodes became free). ValueError on a cycle."""
    indegree = {v: len(p) for v, p in graph._pred.items() if p}
    free = [v for v, p in graph._pred.items() if not p]
    order: list[Node] = []
    while free:
        generation, free = free, []
        for node in generation:
            for child in graph._succ[node]:
                indegree[child] -= 1
                if not indegree[child]:
                    free.append(child)
                    del indegree[child]
        order.extend(generation)
    if indegree:
        raise ValueError("the graph has a cycle: no topological order")
    return order


def strongly_connected_components(graph: Digraph) -> list[set[Node]]:
    """The strongly connected components (Tarjan's algorithm, without recursion)."""
    return [set(part) for part in closed_components(graph._node, graph._succ.__getitem__)]


def closed_components(roots: Iterable[Node], successors: Callable[[Node], Iterable[Node]]) -> Iterator[list[Node]]:
    """The strongly connected components of what ``roots`` reach along ``successors`` (Tarjan's
    algorithm, without recursion), each as soon as it is closed, its members in the order they leave
    the stack. A component comes after every component it reaches, so a caller may fold what each one
    reaches as they come (the generator goes on only when asked for the next).

    >>> nexts = {"a": ["b"], "b": ["a", "c"], "c": []}
    >>> list(closed_components(["a"], nexts.__getitem__))
    [['c'], ['b', 'a']]
    """
    index: dict[Node, int] = {}
    low: dict[Node, int] = {}
    on_stack: set[Node] = set()
    stack: list[Node] = []
    for root in roots:
        if root in index:
            continue
        work = [(root, iter(successors(root)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, nbrs = work[-1]
            for nxt in nbrs:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(successors(nxt))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    part = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        part.append(member)
                        if member == node:
                            break
                    yield part


def immediate_dominators(graph: Digraph, start: Node) -> dict[Node, Node]:
    """Each node reachable from ``start`` (``start`` left out, as networkx 3.6) -> its immediate dominator.

    Cooper, Harvey and Kennedy, "A simple, fast dominance algorithm" (2001): the
    dominator of a node is unique, so the answer is networkx's whatever the order.
    """
    order: list[Node] = []  # post-order of a depth-first search from start
    seen = {start}
    work = [(start, iter(graph._succ[start]))]
    while work:
        node, nbrs = work[-1]
        for nxt in nbrs:
            if nxt not in seen:
                seen.add(nxt)
                work.append((nxt, iter(graph._succ[nxt])))
                break
        else:
            work.pop()
            order.append(node)
    rank = {node: i for i, node in enumerate(order)}
    idom: dict[Node, Node] = {start: start}

    def meet(a: Node, b: Node) -> Node:
        while a != b:
            while rank[a] < rank[b]:
                a = idom[a]
            while rank[b] < rank[a]:
                b = idom[b]
        return a

    changed = True
    while changed:
        changed = False
        for node in reversed(order[:-1]):  # reverse post-order, start (last) left out
            preds = [p for p in graph._pred[node] if p in idom]
            new = preds[0]
            for p in preds[1:]:
                new = meet(p, new)
            if idom.get(node) != new:
                idom[node] = new
                changed = True
    del idom[start]
    return idom
