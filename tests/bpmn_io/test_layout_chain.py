"""A large container is laid out as chained blocks: every node once, left to right, no overlap."""

from __future__ import annotations

import itertools

import pytest

from bpmn_io import layout_chain
from bpmn_io.dot import LayoutRun, LayoutSession, layout_session
from bpmn_io.layout import add_layout
from bpmn_io.layout_chain import chain_blocks, flow_order
from processes.model import (
    Bounds,
    Definitions,
    Event,
    FrozenMap,
    Gateway,
    Lane,
    LaneSet,
    Process,
    SequenceFlow,
    Task,
)


def chain_model(blocks: int) -> Definitions:
    """start, then ``blocks`` times (a task, a parallel block of two tasks), end; three lanes."""
    nodes: dict[str, object] = {"S": Event(id="S", name="Ansökan", position="start")}
    flows: list[tuple[str, str]] = []
    last = "S"
    for k in range(blocks):
        names = [f"T{k}", f"P{k}s", f"A{k}", f"B{k}", f"P{k}j"]
        nodes[names[0]] = Task(id=names[0], name=f"Granska {k}")
        nodes[names[1]] = Gateway(id=names[1], gateway_kind="parallel")
        nodes[names[2]] = Task(id=names[2], name=f"Remiss {k}")
        nodes[names[3]] = Task(id=names[3], name=f"Yttrande {k}")
        nodes[names[4]] = Gateway(id=names[4], gateway_kind="parallel")
        flows += [(last, names[0]), (names[0], names[1]), (names[1], names[2]), (names[1], names[3]),
                  (names[2], names[4]), (names[3], names[4])]
        last = names[4]
    nodes["E"] = Event(id="E", position="end")
    flows.append((last, "E"))
    ids = list(nodes)
    lanes = tuple(Lane(id=f"L{i}", name=f"Lane {i}", flow_node_refs=tuple(ids[i::3])) for i in range(3))
    process = Process(
        id="P", nodes=FrozenMap(nodes),  # type: ignore[arg-type]
        flows=FrozenMap({f"F{i}": SequenceFlow(id=f"F{i}", source=a, target=b) for i, (a, b) in enumerate(flows)}),
        lane_sets=(LaneSet(id="LS", lanes=lanes),),
    )
    return Definitions(processes=(process,))


def test_a_small_container_is_one_block_in_the_given_order() -> None:
    assert chain_blocks(["b", "a"], [("a", "b")], limit=2) == [["b", "a"]]


def test_flow_order_keeps_a_branch_together_and_sets_loops_aside() -> None:
    links = [("x", "s"), ("s", "a1"), ("a1", "a2"), ("s", "c1"), ("c1", "c2"), ("a2", "j"), ("c2", "j"),
             ("j", "s")]
    order = flow_order(["j", "c2", "a2", "c1", "a1", "s", "x"], links)
    assert order == ["x", "s", "c1", "c2", "a1", "a2", "j"]


def test_blocks_are_cut_where_one_flow_crosses_never_inside_a_parallel_block() -> None:
    model = chain_model(12)  # 62 nodes, 5 per repeat
    process = model.processes[0]
    links = [(f.source, f.target) for f in process.flows.values()]
    blocks = chain_blocks(list(process.nodes), links, limit=20, size=10)
    assert sorted(itertools.chain.from_iterable(blocks)) == sorted(process.nodes)
    assert len(blocks) > 3 and all(10 <= len(b) for b in blocks)
    for block in blocks[:-1]:
        leaving = [(a, b) for a, b in links if a in block and b not in block]
        assert len(leaving) == 1, leaving
        assert not block[-1].startswith(("P", "A", "B")) or block[-1].endswith("j"), block[-1]


def _intersects(a: Bounds, b: Bounds) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height


def test_a_chained_layout_keeps_nodes_apart_in_their_lanes_and_flows_left_to_right(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout_chain, "CHAIN_NODES", 20)
    monkeypatch.setattr(layout_chain, "BLOCK_NODES", 10)
    model = chain_model(12)
    with layout_session() as session:
        laid = add_layout(model)
    assert len(session.runs) > 3 and {run.blocks for run in session.runs} == {len(session.runs)}
    assert sum(run.nodes for run in session.runs) == len(model.processes[0].nodes)
    shapes = {s.element: s.bounds for s in laid.diagrams[0].plane.shapes}
    process = model.processes[0]
    for a, b in itertools.combinations(process.nodes, 2):
        assert not _intersects(shapes[a], shapes[b]), (a, b)
    for lane in process.lanes():
        band = shapes[lane.id]
        for node in lane.flow_node_refs:
            box = shapes[node]
            assert band.y <= box.y and box.y + box.height <= band.y + band.height, (lane.id, node)
    step = [shapes[f"T{k}"].x for k in range(12)]
    assert step == sorted(step) and shapes["S"].x < step[0] < step[-1] < shapes["E"].x


def test_the_summary_names_a_chain_once() -> None:
    session = LayoutSession(runs=[
        LayoutRun("graphviz-pure", "/v/graphviz-pure", 40, 0.5),
        *(LayoutRun("graphviz-pure", "/v/graphviz-pure", 300, 0.25, blocks=3) for _ in range(3)),
    ])
    assert session.summary() == [
        "graphviz-pure (/v/graphviz-pure), 40 nodes, 0.5 s",
        "graphviz-pure (/v/graphviz-pure), 900 nodes in 3 chained blocks (a large graph, "
        "bpmn_io/layout_chain.py), 0.8 s",
    ]


def test_a_model_over_the_limit_converts_renders_and_diffs_through_the_command_line(tmp_path) -> None:
    """A smoke test at the smallest size that is chained (602 nodes); the 20,000-task runs are
    bench/bench_large.py."""
    from click.testing import CliRunner

    from bpmn_io.writer import to_bpmn_bytes
    from cli import cli

    model = chain_model(120)  # 602 nodes
    assert len(model.processes[0].nodes) > layout_chain.CHAIN_NODES
    (tmp_path / "plain.bpmn").write_bytes(to_bpmn_bytes(model))
    runner = CliRunner()
    done = runner.invoke(cli, ["convert", str(tmp_path / "plain.bpmn"), str(tmp_path / "laid.bpmn"), "--verbose"])
    assert done.exit_code == 0, done.output
    assert "chained blocks" in done.stderr
    assert (tmp_path / "laid.bpmn").read_text(encoding="utf-8").count("<bpmndi:BPMNShape") == 602 + 1 + 3  # nodes, pool, lanes
    done = runner.invoke(cli, ["render", str(tmp_path / "plain.bpmn"), "-o", str(tmp_path / "m.svg")])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "m.svg").read_text(encoding="utf-8").startswith("<svg")
    done = runner.invoke(cli, ["diff", str(tmp_path / "plain.bpmn"), str(tmp_path / "laid.bpmn"),
                               "--output-language", "en"])
    assert done.exit_code == 0, done.output
    assert "differences: 0" in done.output
