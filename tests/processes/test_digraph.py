"""processes.digraph answers as networkx does: same views, same order, same algorithms' results."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from processes.digraph import (
    Digraph,
    ancestors,
    descendants,
    has_path,
    immediate_dominators,
    shortest_path_lengths,
    strongly_connected_components,
    topological_sort,
)

edge_lists = st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=40)


def both(edges: list[tuple[int, int]]) -> tuple[Digraph, nx.DiGraph]:
    ours, theirs = Digraph(), nx.DiGraph()
    for i, (u, v) in enumerate(edges):
        ours.add_edge(u, v, id=f"f{i}")
        theirs.add_edge(u, v, id=f"f{i}")
    return ours, theirs


@settings(max_examples=200, deadline=None)
@given(edge_lists)
def test_views_and_order_match_networkx(edges: list[tuple[int, int]]) -> None:
    ours, theirs = both(edges)
    assert list(ours.nodes) == list(theirs.nodes) and list(ours) == list(theirs)
    assert list(ours.edges) == list(theirs.edges) and ours.edges(data=True) == list(theirs.edges(data=True))
    for n in theirs:
        assert ours.in_edges(n, data=True) == list(theirs.in_edges(n, data=True))
        assert ours.out_edges(n, data=True) == list(theirs.out_edges(n, data=True))
        assert list(ours.predecessors(n)) == list(theirs.predecessors(n))
        assert list(ours.successors(n)) == list(theirs.successors(n))
        assert (ours.in_degree(n), ours.out_degree(n)) == (theirs.in_degree(n), theirs.out_degree(n))
    keep = [n for n in theirs if n % 3]
    sub, nx_sub = ours.subgraph(keep), theirs.subgraph(keep)
    # networkx's subgraph view iterates its node set (hash order); ours keeps the graph's order
    assert list(sub.nodes) == [n for n in theirs if n in nx_sub]
    assert sorted(sub.edges(data=True), key=str) == sorted(nx_sub.edges(data=True), key=str)
    back = ours.to_networkx()
    assert list(back.edges(data=True)) == list(theirs.edges(data=True))


@settings(max_examples=300, deadline=None)
@given(edge_lists)
def test_algorithms_match_networkx(edges: list[tuple[int, int]]) -> None:
    ours, theirs = both(edges)
    for n in theirs:
        assert descendants(ours, n) == nx.descendants(theirs, n)
        assert ancestors(ours, n) == nx.ancestors(theirs, n)
        assert immediate_dominators(ours, n) == nx.immediate_dominators(theirs, n)
    assert sorted(map(sorted, strongly_connected_components(ours))) == sorted(
        map(sorted, nx.strongly_connected_components(theirs)))


def test_attributes_are_updated_like_networkx() -> None:
    g = Digraph()
    g.add_node("a", kind="Task")
    g.add_edge("a", "b", kind="sequence", id="f1")
    g.add_edge("a", "b", id="f2")
    g.add_node("a", name="A")
    assert g.nodes["a"] == {"kind": "Task", "name": "A"}
    assert g.edges["a", "b"] == {"kind": "sequence", "id": "f2"}
    assert ("a", "b") in g.edges and ("b", "a") not in g.edges and "c" not in g and len(g.edges) == 1


@settings(max_examples=200, deadline=None)
@given(edge_lists)
def test_paths_and_topological_order_match_networkx(edges: list[tuple[int, int]]) -> None:
    ours, theirs = both(edges)
    for n in theirs:
        assert shortest_path_lengths(ours, n) == nx.single_source_shortest_path_length(theirs, n)
        for m in theirs:
            assert has_path(ours, n, m) == nx.has_path(theirs, n, m)
    # the acyclic part (edges forward only) sorts in networkx's very order
    dag, nx_dag = both([(u, v) for u, v in edges if u < v])
    assert topological_sort(dag) == list(nx.topological_sort(nx_dag))
    if not nx.is_directed_acyclic_graph(theirs):
        with pytest.raises(ValueError, match="cycle"):
            topological_sort(ours)


@settings(max_examples=200, deadline=None)
@given(edge_lists, st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=10))
def test_copy_and_removal_match_networkx(edges: list[tuple[int, int]], gone: list[tuple[int, int]]) -> None:
    ours, theirs = both(edges)
    ours, theirs = ours.copy(), theirs.copy()
    ours.remove_edges_from(gone)
    theirs.remove_edges_from(gone)
    assert list(ours.nodes) == list(theirs.nodes)
    assert ours.edges(data=True) == list(theirs.edges(data=True))
    for n in theirs:
        assert list(ours.predecessors(n)) == list(theirs.predecessors(n))
        assert list(ours.successors(n)) == list(theirs.successors(n))


def test_a_copy_is_independent_and_removing_a_missing_edge_fails() -> None:
    g = Digraph([("a", "b")])
    g.add_node("a", kind="Task")
    c = g.copy()
    c.remove_edge("a", "b")
    c.nodes["a"]["kind"] = "Event"
    assert g.has_edge("a", "b") and not c.has_edge("a", "b") and g.nodes["a"] == {"kind": "Task"}
    with pytest.raises(KeyError):
        c.remove_edge("a", "b")
    assert has_path(g, "a", "a") and not has_path(g, "b", "a") and not has_path(g, "z", "z")
