"""The networkx views of processes.graph, on tiny models."""

from __future__ import annotations

from dataclasses import replace

from tinymodels import build, process

from processes.graph import (
    branch_inputs,
    containment_tree,
    dead_ends,
    entry_nodes,
    exit_nodes,
    flow_graph,
    input_feeders,
    message_graph,
    scopes,
    unreachable,
)
from processes.model import (
    Collaboration,
    DataObject,
    Event,
    EventDefinition,
    FrozenMap,
    MessageFlow,
    Participant,
)


def test_flow_graph_has_sequence_and_boundary_edges() -> None:
    p = process("S:start T:task E:end B:boundary@T R:task", "S>T T>E B>R R>E")
    graph = flow_graph(p)
    assert sorted((u, v, d["kind"]) for u, v, d in graph.edges(data=True)) == [
        ("B", "R", "sequence"), ("R", "E", "sequence"), ("S", "T", "sequence"),
        ("T", "B", "boundary"), ("T", "E", "sequence"),
    ]
    assert graph.nodes["T"] == {"kind": "Task", "name": "", "scope": "P"}
    assert graph.edges["S", "T"]["id"] == "S_T"


def test_flow_graph_leaves_out_data_objects_and_dangling_flows() -> None:
    p = process("S:start E:end", "S>E S>Ghost")
    p = replace(p, nodes=p.nodes.set("D", DataObject(id="D", parent="P")))
    assert sorted(flow_graph(p).nodes) == ["E", "S"]
    assert list(flow_graph(p).edges) == [("S", "E")]


def test_link_events_are_joined_by_name() -> None:
    link = (EventDefinition(kind="link", link_name="A"),)
    p = process("S:start T:task E:end", "S>T")
    p = replace(p, nodes=FrozenMap({
        **p.nodes,
        "Lt": Event(id="Lt", position="intermediate_throw", definitions=link, parent="P"),
        "Lc": Event(id="Lc", position="intermediate_catch", definitions=link, parent="P"),
    }), flows=p.flows.set("T_Lt", replace(p.flows["S_T"], id="T_Lt", source="T", target="Lt"))
              .set("Lc_E", replace(p.flows["S_T"], id="Lc_E", source="Lc", target="E")))
    assert flow_graph(p).edges["Lt", "Lc"]["kind"] == "link"
    assert unreachable(p, "P") == () and dead_ends(p, "P") == ()


def test_scopes_and_per_scope_graphs() -> None:
    p = process("S:start Sub:sub E:end S1:start/Sub T:task/Sub E1:end/Sub", "S>Sub Sub>E S1>T T>E1")
    assert scopes(p) == ("P", "Sub")
    assert sorted(flow_graph(p, "Sub").edges) == [("S1", "T"), ("T", "E1")]
    assert sorted(flow_graph(p, "P").nodes) == ["E", "S", "Sub"]
    assert sorted(containment_tree(p).edges) == [
        ("P", "E"), ("P", "S"), ("P", "Sub"), ("Sub", "E1"), ("Sub", "S1"), ("Sub", "T"),
    ]


def test_entries_and_exits_explicit_and_implicit() -> None:
    p = process("S:start T:task E:end", "S>T T>E")
    assert (entry_nodes(p, "P"), exit_nodes(p, "P")) == (("S",), ("E",))
    implicit = process("A:task B:task C:task", "A>B")
    assert (entry_nodes(implicit, "P"), exit_nodes(implicit, "P")) == (("A", "C"), ("B", "C"))


def test_branch_inputs_per_outgoing_flow() -> None:
    p = process("X:xor A:task B:task J:and", "X>A X>B A>J B>J X>J")
    graph = flow_graph(p)
    assert branch_inputs(graph, "X", "J") == {
        "X_A": frozenset({"A_J"}), "X_B": frozenset({"B_J"}), "X_J": frozenset({"X_J"}),
    }
    assert branch_inputs(graph, "X", "J", stop=["A"]) == {
        "X_A": frozenset(), "X_B": frozenset({"B_J"}), "X_J": frozenset({"X_J"}),
    }


def test_message_graph_keys_flows_by_id() -> None:
    defs = build("S:start E:end", "S>E")
    defs = replace(defs, collaborations=(Collaboration(
        id="C", participants=(Participant(id="Pool"),),
        message_flows=FrozenMap({"M1": MessageFlow(id="M1", source="Pool", target="S", name="Ansökan")}),
    ),))
    graph = message_graph(defs)
    assert list(graph.edges(keys=True, data=True)) == [("Pool", "S", "M1", {"name": "Ansökan"})]


def test_input_feeders_per_incoming_flow() -> None:
    p = process("S:start X:xor A:task B:task J:and", "S>X X>A X>B A>J B>J X>J")
    graph = flow_graph(p)
    assert input_feeders(graph, "J") == {
        "A_J": frozenset({"A", "X", "S"}), "B_J": frozenset({"B", "X", "S"}), "X_J": frozenset({"X", "S"}),
    }
    assert input_feeders(graph, "J", stop=["X"]) == {
        "A_J": frozenset({"A"}), "B_J": frozenset({"B"}), "X_J": frozenset(),
    }
