"""check(): one tiny model per problem code, with the exact list of problems."""

from __future__ import annotations

from dataclasses import replace

import pytest
from shared import INTEROP, when_interop
from tinymodels import build, process

from processes.model import (
    Collaboration,
    Definitions,
    FrozenMap,
    Lane,
    LaneSet,
    MessageFlow,
    Opaque,
    Participant,
    SequenceFlow,
    Task,
)
from processes.validate import Problem, check, errors


def codes(defs: Definitions) -> list[tuple[str, str, str]]:
    return [(p.code, p.severity, p.element) for p in check(defs)]


def test_a_sound_process_has_no_problem() -> None:
    defs = build(
        "S:start T1:task X:xor T2:task A:and T3:task T4:task J:and E:end",
        "S>T1 T1>X X>T2 X>A T2>T1 A>T3 A>T4 T3>J T4>J J>E",
    )
    assert check(defs) == []


def test_no_start_and_no_end() -> None:
    assert codes(build("T:task", "")) == [
        ("no-start", "error", "P"),
        ("no-end", "error", "P"),
    ]


def test_no_end_message_names_the_process() -> None:
    [problem] = check(build("S:start T:task", "S>T"))
    assert problem == Problem("no-end", "error", "P", "process 'P' has no end event (expected one where its paths finish)")


def test_unreachable_node() -> None:
    assert codes(build("S:start T:task U:task E:end", "S>T T>E U>E")) == [("unreachable", "error", "U")]


def test_dead_end_node() -> None:
    assert codes(build("S:start X:xor T:task G:xor E:end", "S>X X>T X>G T>E")) == [("dead-end", "error", "G")]


def test_an_activity_without_outgoing_flow_is_an_implicit_end_not_a_dead_end() -> None:
    # BPMN: a path ends at an activity with no outgoing sequence flow, end events or not
    defs = build("S:start X:xor T:task D:task U:sub E:end", "S>X X>T X>D T>E X>U")
    assert codes(defs) == [("implicit-end", "warning", "D"), ("implicit-end", "warning", "U")]
    assert errors(check(defs)) == []
    assert check(defs)[0].message == ("'D' has no outgoing sequence flow: the path ends there "
                                      "(BPMN's implicit end; expected a flow to an end event, which says so)")


def test_what_leads_only_to_an_implicit_end_is_no_dead_end() -> None:
    assert codes(build("S:start X:xor A:task B:task E:end", "S>X X>A A>B X>E")) == [("implicit-end", "warning", "B")]


def test_gateways_and_intermediate_events_still_need_a_way_out() -> None:
    assert codes(build("S:start X:xor I:catch T:task E:end", "S>X X>T T>E X>I")) == [("dead-end", "error", "I")]


def test_a_loop_without_exit_is_a_dead_end_for_every_node_in_it() -> None:
    assert codes(build("S:start A:task B:task E:end U:task", "S>A A>B B>A U>E")) == [
        ("unreachable", "error", "E"),
        ("unreachable", "error", "U"),
        ("dead-end", "error", "S"),
        ("dead-end", "error", "A"),
        ("dead-end", "error", "B"),
    ]


def test_flow_to_a_missing_element() -> None:
    defs = build("S:start E:end", "S>E S>Ghost")
    assert check(defs) == [
        Problem("missing-ref", "error", "S_Ghost", "sequence flow targetRef 'Ghost' does not exist "
                "(expected the id of a flow node in process 'P')"),
    ]


def test_sequence_flow_into_another_process() -> None:
    p1 = process("S:start E:end", "S>E S>E2")
    p2 = process("S2:start E2:end", "S2>E2", pid="Q")
    p2 = replace(p2, nodes=FrozenMap({k: replace(v, parent="Q") for k, v in p2.nodes.items()}),
                 flows=FrozenMap({k: replace(v, parent="Q") for k, v in p2.flows.items()}))
    assert codes(Definitions(processes=(p1, p2))) == [("missing-ref", "error", "S_E2")]
    assert "is in process 'Q', not in 'P'" in check(Definitions(processes=(p1, p2)))[0].message


def test_lane_default_and_message_flow_references() -> None:
    defs = build("S:start X:xor E:end", "S>X X>E")
    proc = defs.processes[0]
    proc = replace(
        proc,
        nodes=proc.nodes.set("X", replace(proc.nodes["X"], default="S_X")),
        lane_sets=(LaneSet(id="LS", lanes=(Lane(id="L", flow_node_refs=("S", "Nope")),)),),
    )
    collab = Collaboration(
        id="C", participants=(Participant(id="Pool", process_ref="P"),),
        message_flows=FrozenMap({"M1": MessageFlow(id="M1", source="Outside", target="S")}),
    )
    assert codes(replace(defs, processes=(proc,), collaborations=(collab,))) == [
        ("missing-ref", "error", "L"),
        ("missing-ref", "error", "X"),
        ("trivial-gateway", "warning", "X"),
        ("missing-ref", "error", "M1"),
    ]


def test_duplicate_ids_across_tables() -> None:
    defs = build("S:start T:task E:end", "S>T T>E")
    proc = defs.processes[0]
    proc = replace(proc, flows=proc.flows.set("T", SequenceFlow(id="T", source="T", target="E", parent="P")))
    assert [p for p in check(replace(defs, processes=(proc,))) if p.code == "duplicate-id"] == [
        Problem("duplicate-id", "error", "T", "id 'T' is used 2 times (Task, sequence flow) (expected each id once)"),
    ]


def test_duplicate_process_and_node_id() -> None:
    assert codes(build("S:start P:task E:end", "S>P P>E")) == [("duplicate-id", "error", "P")]


def test_boundary_event_on_a_gateway() -> None:
    assert codes(build("S:start G:xor T:task E:end B:boundary@G", "S>G G>T T>E B>E")) == [
        ("boundary-host", "error", "B"),
        ("trivial-gateway", "warning", "G"),
    ]


def test_boundary_event_on_a_missing_host() -> None:
    assert codes(build("S:start E:end B:boundary@Ghost", "S>E B>E")) == [
        ("missing-ref", "error", "B"),
        ("unreachable", "error", "B"),
    ]


def test_boundary_event_starts_a_path() -> None:
    assert check(build("S:start T:task E:end B:boundary@T R:task", "S>T T>E B>R R>E")) == []


def test_compensation_boundary_and_handler_are_not_unreachable() -> None:
    defs = build("S:start T:task E:end C:comp@T", "S>T T>E")
    proc = defs.processes[0]
    proc = replace(proc, nodes=proc.nodes.set("H", Task(id="H", parent="P", is_for_compensation=True)))
    assert check(replace(defs, processes=(proc,))) == []


def test_exclusive_split_into_parallel_join_deadlocks() -> None:
    defs = build("S:start X:xor A:task B:task J:and E:end", "S>X X>A X>B A>J B>J J>E")
    [problem] = check(defs)
    assert (problem.code, problem.severity, problem.element) == ("xor-split-and-join", "error", "J")
    assert problem.message == (
        "parallel join 'J' waits for all its inputs, but exclusive split 'X' sends one token down one branch "
        "(branch 'X_A' reaches 'A_J'; branch 'X_B' reaches 'B_J'): the join deadlocks "
        "(expected a parallel split, or an exclusive join)"
    )


def test_exclusive_split_whose_branches_merge_before_the_parallel_split_is_fine() -> None:
    defs = build("S:start X:xor A:task B:task M:xor G:and C:task D:task J:and E:end",
                 "S>X X>A X>B A>M B>M M>G G>C G>D C>J D>J J>E")
    assert check(defs) == []


def test_exclusive_split_with_one_branch_skipping_a_parallel_split_deadlocks() -> None:
    defs = build("S:start X:xor G:and C:task D:task J:and E:end",
                 "S>X X>G X>C G>C G>D C>J D>J J>E")
    assert codes(defs) == [("xor-split-and-join", "error", "J")]


def test_early_exit_from_an_exclusive_split_is_not_a_deadlock() -> None:
    defs = build("S:start X:xor R:end G:and C:task D:task J:and E:end",
                 "S>X X>R X>G G>C G>D C>J D>J J>E")
    assert check(defs) == []


def test_an_early_exit_inside_a_parallel_block_is_a_warning() -> None:
    """X sits inside the block, its 'reject' branch ends the path, so J waits for ever on that case:
    xor-split-and-join ignores a branch that never reaches J; optional-path-join warns of it."""
    defs = build("S:start G:and A:task X:xor R:end B:task J:and E:end",
                 "S>G G>A G>B A>X X>R X>J B>J J>E")
    assert codes(defs) == [("optional-path-join", "warning", "J")]


def test_parallel_split_into_exclusive_join_lacks_synchronisation() -> None:
    defs = build("S:start G:and A:task B:task M:xor E:end", "S>G G>A G>B A>M B>M M>E")
    assert codes(defs) == [("and-split-xor-join", "error", "M")]


def test_parallel_block_inside_a_loop_is_synchronised() -> None:
    defs = build("S:start M:xor G:and A:task B:task J:and X:xor E:end",
                 "S>M M>G G>A G>B A>J B>J J>X X>E X>M")
    assert check(defs) == []


def test_trivial_gateway_is_a_warning() -> None:
    defs = build("S:start G:xor E:end", "S>G G>E")
    assert check(defs) == [
        Problem("trivial-gateway", "warning", "G",
                "exclusive gateway 'G' has one incoming and one outgoing flow; it does nothing "
                "(expected two or more flows in or out, or no gateway)"),
    ]
    assert errors(check(defs)) == []


def test_subprocess_is_its_own_scope() -> None:
    defs = build("S:start Sub:sub E:end S1:start/Sub T:task/Sub U:task/Sub E1:end/Sub",
                 "S>Sub Sub>E S1>T T>E1 U>E1")
    assert codes(defs) == [("unreachable", "error", "U")]


def test_subprocess_without_start_and_end_uses_implicit_start_and_end() -> None:
    defs = build("S:start Sub:sub E:end T:task/Sub U:task/Sub", "S>Sub Sub>E T>U")
    assert check(defs) == []


def test_subprocess_with_a_start_but_no_end() -> None:
    defs = build("S:start Sub:sub E:end S1:start/Sub T:task/Sub", "S>Sub Sub>E S1>T")
    assert codes(defs) == [("no-end", "error", "Sub")]


def test_event_subprocess_needs_its_own_start_and_is_not_unreachable() -> None:
    ok = build("S:start E:end Ev:eventsub S1:start/Ev T:task/Ev E1:end/Ev", "S>E S1>T T>E1")
    assert check(ok) == []
    bad = build("S:start E:end Ev:eventsub T:task/Ev E1:end/Ev", "S>E T>E1")
    assert codes(bad) == [("no-start", "error", "Ev")]


def test_flow_crossing_a_subprocess_border() -> None:
    defs = build("S:start Sub:sub E:end T:task/Sub", "S>Sub Sub>E S>T")
    assert codes(defs) == [("cross-scope", "error", "S_T")]


def test_problem_rejects_unknown_codes_and_severities() -> None:
    with pytest.raises(ValueError, match="severity 'fatal'"):
        Problem("no-start", "fatal", "P", "x")
    with pytest.raises(ValueError, match="problem code 'oops'"):
        Problem("oops", "error", "P", "x")


MIWG = INTEROP / "miwg" / "reference"
B20_JOIN = "_df7727a0-f509-45eb-bb89-85753f439576"
B20_GATEWAY_2 = "_397c783e-ad6a-4cf3-8266-9b41962c83bd"


@pytest.mark.interop
@pytest.mark.parametrize("name", when_interop(sorted(p.name for p in MIWG.glob("*.bpmn"))))
def test_miwg_reference_models(name: str) -> None:
    """No reference model has an unreachable node or a dead end. B.2.0, a catalogue of
    analytic-class elements rather than a runnable process, has one real gateway mismatch:
    its event-based gateway 3 sends one token towards one input of parallel gateway 7; and
    parallel gateway 2 waits for both branches of inclusive gateway 1 and for the path of a
    non-interrupting conditional boundary event (three warnings: cases without one wait there); and
    parallel gateway 7 waits for Task 32, which its interrupting signal boundary event leads away from,
    to an end of its own (a warning)."""
    from bpmn_io.reader import read_bpmn

    found = [(p.code, p.severity, p.element) for p in check(read_bpmn(MIWG / name))]
    expected = [("optional-path-join", "warning", B20_GATEWAY_2)] * 3 + [
        ("xor-split-and-join", "error", B20_JOIN), ("optional-path-join", "warning", B20_JOIN)] if name == "B.2.0.bpmn" else []
    assert found == expected


# --------------------------------------------------------------------------- property: the fast gateway checks


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from processes.graph import branch_inputs, flow_graph, unreachable  # noqa: E402


@st.composite
def gateway_models(draw: st.DrawFn) -> Definitions:
    kinds = draw(st.lists(st.sampled_from(["task", "xor", "and"]), min_size=2, max_size=9))
    ids = [f"N{i}" for i in range(len(kinds))]
    edges = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=16, unique=True))
    nodes = " ".join(f"{i}:{k}" for i, k in zip(ids, kinds, strict=True))
    return build("S:start E:end " + nodes, " ".join(["S>N0", f"N{len(ids) - 1}>E"] + [f"{a}>{b}" for a, b in edges]))


@settings(max_examples=150, deadline=None)
@given(gateway_models())
def test_gateway_checks_match_their_definition_by_branch(defs: Definitions) -> None:
    """check() uses one search per join input; the rule is stated per split branch, for the
    splits a token can reach (an unreachable split is reported as unreachable, not its joins:
    before, check() flagged some such joins and not others, 0.15 % of random models)."""
    proc = defs.processes[0]
    graph = flow_graph(proc, "P")
    gw = {n.id: n.gateway_kind for n in proc.nodes.values() if hasattr(n, "gateway_kind")}
    ins = {n: sum(1 for _, _, d in graph.in_edges(n, data=True) if d["kind"] == "sequence") for n in graph}
    outs = {n: sum(1 for _, _, d in graph.out_edges(n, data=True) if d["kind"] == "sequence") for n in graph}
    sync = [n for n, k in gw.items() if k == "parallel" and ins[n] >= 2]
    lost = set(unreachable(proc, "P"))  # a split no token reaches decides nothing
    expected = set()
    for join, kind in gw.items():
        if ins[join] < 2:
            continue
        for split, skind in gw.items():
            if split == join or outs[split] < 2 or split in lost:
                continue
            if kind == "parallel" and skind == "exclusive":
                sets = {r for r in branch_inputs(graph, split, join).values() if r}
                if len(sets) > 1:
                    expected.add(("xor-split-and-join", join))
            if kind == "exclusive" and skind == "parallel":
                stop = [s for s in sync if s != split] + [split]
                if sum(1 for r in branch_inputs(graph, split, join, stop=stop).values() if r) > 1:
                    expected.add(("and-split-xor-join", join))
    found = {(p.code, p.element) for p in check(defs) if p.code in ("xor-split-and-join", "and-split-xor-join")}
    assert found == expected


# --------------------------------------------------------------------------- ad hoc (issue 14, item 13)

_LOOSE_CONTENT = ("S:start A:sub S2:start/A X:task/A Y:task/A E2:end/A E:end", "S>A A>E S2>X X>E2")


def test_the_content_of_an_ad_hoc_subprocess_is_neither_unreachable_nor_a_dead_end() -> None:
    plain = build(*_LOOSE_CONTENT)
    assert codes(plain) == [("unreachable", "error", "Y"), ("implicit-end", "warning", "Y")]
    process = plain.process()
    ad_hoc = replace(process, nodes=process.nodes.set("A", replace(process.nodes["A"], variant="adHocSubProcess")))
    assert check(replace(plain, processes=(ad_hoc,))) == []


def test_a_jbpm_ad_hoc_process_is_not_checked_for_paths() -> None:
    # jBPM's case files: drools:adHoc="true" on the process, steps without flows run on demand
    plain = build("S:start T:task E:end U:task", "S>T T>E")
    assert codes(plain) == [("unreachable", "error", "U"), ("implicit-end", "warning", "U")]
    marked = replace(plain.process(), opaque=Opaque(attributes=(("{http://www.jboss.org/drools}adHoc", "true"),)))
    assert check(replace(plain, processes=(marked,))) == []


# --------------------------------------------------------------------------- ids tools refuse (item 11)


def test_ids_bpmn_tools_refuse_are_named() -> None:
    defs = build("myProcess{0}:start 241:task Granska_ansökan:task E:end",
                 "myProcess{0}>241 241>Granska_ansökan Granska_ansökan>E")
    defs = replace(defs, id="P")  # jBPM writes the process id on the definitions too
    found = [(p.code, p.severity, p.element) for p in check(defs)]
    assert found == [("invalid-id", "warning", "P")] + [
        ("invalid-id", "warning", i) for i in ("myProcess{0}", "241", "Granska_ansökan",  # then the flows
                                               "myProcess{0}_241", "241_Granska_ansökan", "Granska_ansökan_E")]
    messages = {p.element: p.message for p in check(defs)}
    assert messages["P"] == ("the definitions' id 'P' is also the id of an element (expected each id once in a "
                             "document; an export renames the definitions' id)")
    assert messages["241"].startswith("id '241' is not a valid XML id")
    assert messages["Granska_ansökan"].startswith("id 'Granska_ansökan' holds characters bpmn.io refuses in an id")


def _ids_walked(item: object) -> list[str]:
    """Every id of ``item`` as a plain walk of its fields finds them (the reference for ``idchecks.ids_in``)."""
    import dataclasses
    import html
    from collections.abc import Mapping

    from processes.idchecks import FRAGMENT_FIELDS, FRAGMENT_ID

    found: list[str] = []
    if dataclasses.is_dataclass(item):
        for f in dataclasses.fields(item):
            value = getattr(item, f.name)
            if f.name == "id" and isinstance(value, str):
                found += [value] if value else []
            elif f.name in FRAGMENT_FIELDS:
                for text in (value,) if isinstance(value, str) else value:
                    found += [html.unescape(m) for m in FRAGMENT_ID.findall(text)]
            elif f.name != "extension_elements":
                found += _ids_walked(value)
    elif isinstance(item, tuple):
        for value in item:
            found += _ids_walked(value)
    elif isinstance(item, Mapping):
        for value in item.values():
            found += _ids_walked(value)
    return found


def test_the_ids_of_a_document_are_found_in_field_order_as_a_plain_walk_finds_them() -> None:
    from pathlib import Path

    from bpmn_io.loading import load_model
    from processes.idchecks import ids_in

    root = Path(__file__).resolve().parents[2]
    files = sorted([*root.glob("processes/library/*/process.bpmn"), *root.glob("tests/fixtures/*.bpmn")])
    assert len(files) > 10
    for path in files:
        defs = load_model(str(path), strict=False)
        assert ids_in(defs) == _ids_walked(defs), path.name
    assert len(ids_in(load_model(str(root / "processes/library/helsingborg/process.bpmn")))) > 300


def test_a_split_no_token_reaches_is_unreachable_not_a_deadlock() -> None:
    # N1 (exclusive) and N2 are reached by no path from the start: no token makes N1's choice,
    # so the parallel join N0 is not reported for it (it was, before: some such joins were and
    # others not, the property test above found both kinds)
    defs = build("S:start N0:and N1:xor N2:and E:end", "S>N0 N2>E N1>N0 N1>N2 N2>N0")
    found = [(p.code, p.element) for p in check(defs)]
    assert ("unreachable", "N1") in found and ("unreachable", "N2") in found
    assert not [c for c, _ in found if c in ("xor-split-and-join", "and-split-xor-join")]
