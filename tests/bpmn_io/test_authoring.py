"""The YAML authoring form: reading, errors with file/line/path, writing back, stability."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from shared import INTEROP

from bpmn_io.authoring import parse_authoring, read_authoring
from bpmn_io.authoring_write import to_authoring
from processes.errors import InputError
from processes.model import (
    Collaboration,
    Definitions,
    Event,
    FrozenMap,
    Participant,
    Process,
    SubProcess,
    Task,
)
from processes.validate import check

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "permit.yaml"

SMALL = """\
process: {id: P, name: Liten}
lanes: {L1: Handläggare, L2: Nämnd}
steps:
  - {id: S, event: start, name: Ansökan, lane: L1}
  - {id: T, task: user, name: Granska, lane: L1}
  - id: G
    gateway: exclusive
    name: Komplett?
    lane: L1
    default: ja
    branches:
      ja: B
      nej: {to: K, condition: "${!komplett}"}
  - id: K
    task: send
    name: Begär komplettering
    lane: L1
    next: T
    boundary:
      - {id: Tm, timer: P14D, interrupting: false, next: R}
  - {id: R, task: user, name: Påminn, lane: L1, next: E}
  - {id: B, task: user, name: Besluta, lane: L2}
  - {id: E, event: end, lane: L2}
"""


def test_small_document_builds_the_expected_flows() -> None:
    defs = parse_authoring(SMALL, source="small.yaml")
    p = defs.process()
    assert [(f.id, f.source, f.target, f.name) for f in p.flows.values()] == [
        ("Flow_S_T", "S", "T", ""),
        ("Flow_T_G", "T", "G", ""),
        ("Flow_G_B", "G", "B", "ja"),
        ("Flow_G_K", "G", "K", "nej"),
        ("Flow_K_T", "K", "T", ""),
        ("Flow_Tm_R", "Tm", "R", ""),
        ("Flow_R_E", "R", "E", ""),
        ("Flow_B_E", "B", "E", ""),
    ]
    assert p.nodes["G"].default == "Flow_G_B"
    assert p.flows["Flow_G_K"].condition.text == "${!komplett}"
    timer = p.nodes["Tm"]
    assert isinstance(timer, Event)
    assert (timer.position, timer.attached_to, timer.cancel_activity, timer.definitions[0].timer.text) == (
        "boundary", "K", False, "P14D")
    assert [(lane.id, lane.flow_node_refs) for lane in p.lanes()] == [
        ("L1", ("S", "T", "G", "K", "Tm", "R")), ("L2", ("B", "E")),
    ]
    assert p.nodes["T"].task_type == "userTask"
    assert check(defs) == []


def test_round_trip_is_stable() -> None:
    first = to_authoring(parse_authoring(SMALL, source="small.yaml"))
    second = to_authoring(parse_authoring(first, source="first.yaml"))
    assert second == first
    assert parse_authoring(first, source="first.yaml") == parse_authoring(SMALL, source="small.yaml")


def test_example_converts_and_validates_without_errors() -> None:
    defs = read_authoring(EXAMPLE)
    assert [p for p in check(defs) if p.severity == "error"] == []
    text = to_authoring(defs)
    assert to_authoring(parse_authoring(text, source="again.yaml")) == text
    assert {p.id for p in defs.participants()} == {"Pool_Kommun", "Pool_Sokande", "Pool_Polisen"}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("process: {id: P}\nsteps:\n  - {id: S, event: start}\n  - {id: T, task: usr}\n",
         "x.yaml:4: steps[1].task: 'usr' is not allowed (expected one of task, user, manual, service, script, "
         "business-rule, send, receive)"),
        ("process: {id: P}\nsteps:\n  - {id: S, event: start, colour: red}\n",
         "x.yaml:3: steps[0].colour: unknown key 'colour' (expected one of id, name, names, lane, doc, next, task, gateway, "
         "event, branches, default, boundary, trigger, timer, ref, link, condition)"),
        ("process: {id: P}\nsteps:\n  - {id: S, event: start, next: Nowhere}\n",
         "x.yaml:3: element 'S': steps[0].next: unknown step 'Nowhere' (expected the id of a step; boundary events "
         "cannot be targets)"),
        ("process: {id: P}\nsteps:\n  - {id: S, event: start}\n  - {id: S, event: end}\n",
         "x.yaml:4: element 'S': steps[1].id: duplicate id 'S' (first at steps[0].id, line 3)"),
        ("process: {id: P}\nsteps:\n  - {id: S, event: catch, timer: 14 days}\n",
         "x.yaml:3: element 'S': steps[0].timer: bad duration '14 days' (expected an ISO 8601 duration such as "
         "P14D, PT4H or P1M, or {date: ...} / {cycle: ...})"),
        ("process: {id: P}\nsteps:\n  - {id: S, task: user, event: start}\n",
         "x.yaml:3: element 'S': steps[0]: a step is exactly one of task, gateway or event (found task, event)"),
        ("process: {id: P}\nsteps: [\n", "x.yaml:3: invalid YAML: expected the node content, but found '<stream end>'"),
        ("steps: []\n", "x.yaml:1: missing key 'process' (an authoring file needs process and steps)"),
        ("process: {id: P}\nsteps: []\n", "x.yaml:2: steps: expected a list of steps, got an empty list"),
        ("process: {id: P}\nsteps:\n  - {id: T, task: user, boundary: {}}\n",
         "x.yaml:3: steps[0].boundary: expected a list of boundary events, got an empty mapping"),
        ("process: {id: P}\nsteps:\n  - {id: S, event: start, boundary: []}\n",
         "x.yaml:3: element 'S': steps[0].boundary: 'boundary' belongs on a task step, not an event step"),
        ("process: {id: P}\nsteps:\n  - {id: T, task: user, timer: P1D}\n",
         "x.yaml:3: element 'T': steps[0].timer: 'timer' belongs on an event step, not a task step"),
    ],
)
def test_errors_name_file_line_path_and_what_is_allowed(text: str, expected: str) -> None:
    with pytest.raises(InputError) as info:
        parse_authoring(text, source="x.yaml")
    assert str(info.value).replace('"', "'") == expected.replace('"', "'")


def test_a_file_saved_as_latin1_is_refused_with_its_line_and_the_way_out(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("process: {id: P}\nsteps:\n  - {id: S, event: start, name: Ansökan}\n".encode("latin-1"))
    with pytest.raises(InputError) as info:
        read_authoring(path)
    assert str(info.value) == (f"{path}:3: not UTF-8 text (invalid start byte at byte 59; "
                               "save the file as UTF-8)")


def test_to_authoring_says_what_cannot_be_expressed() -> None:
    p = Process(id="P", nodes=FrozenMap({
        "S": Event(id="S", parent="P"), "Sub": SubProcess(id="Sub", parent="P"),
        "T": Task(id="T", parent="P", is_for_compensation=True),
    }))
    with pytest.raises(InputError) as info:
        to_authoring(Definitions(processes=(p,)), source="in.bpmn")
    assert str(info.value) == (
        "in.bpmn: cannot be written as YAML authoring form: SubProcess 'Sub' (the form has tasks, gateways and "
        "events only); Task 'T' is a compensation handler"
    )


def test_to_authoring_refuses_two_processes_with_steps() -> None:
    a = Process(id="A", nodes=FrozenMap({"S": Event(id="S", parent="A")}))
    b = Process(id="B", nodes=FrozenMap({"S2": Event(id="S2", parent="B")}))
    with pytest.raises(InputError, match=r"exactly one process with steps, this model has 2 \(A, B\)"):
        to_authoring(Definitions(processes=(a, b)))


def test_the_refusal_of_two_pools_names_each_process_by_its_name_or_its_pools() -> None:
    """Found by QA (qawords): "this model has 2 (P1, P2)", ids a person does not see in the modelling tool."""
    a = Process(id="P1", name="Handläggning", nodes=FrozenMap({"S": Event(id="S", parent="P1")}))
    b = Process(id="P2", nodes=FrozenMap({"S2": Event(id="S2", parent="P2")}))
    pools = Collaboration(id="C", participants=(Participant(id="Pool_A", name="Kommunen", process_ref="P1"),
                                                Participant(id="Pool_B", name="Sökanden", process_ref="P2")))
    with pytest.raises(InputError) as info:
        to_authoring(Definitions(processes=(a, b), collaborations=(pools,)))
    assert str(info.value).endswith("this model has 2 (P1 'Handläggning', P2 'Sökanden')")


def test_strings_that_yaml_would_misread_are_quoted() -> None:
    text = "process: {id: P, name: 'true'}\nsteps:\n  - {id: S, event: start, name: '2025-01-01'}\n" \
           "  - {id: E, event: end, name: 'a: b, c'}\n"
    out = to_authoring(parse_authoring(text, source="q.yaml"))
    again = parse_authoring(out, source="out.yaml").process()
    assert (again.name, again.nodes["S"].name, again.nodes["E"].name) == ("true", "2025-01-01", "a: b, c")


def test_writing_yaml_leaves_the_user_cache_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Writing a model as YAML checks each label reads back as itself; those checks are parsed directly,
    # not kept as cache entries (one file written and the folder pruned per label made a 4,000-task
    # model take minutes). Only the whole document read back below is kept.
    monkeypatch.setenv("PERMITFLOW_CACHE", str(tmp_path))
    labels = "\n".join(f"  - {{id: T{i}, task: user, name: Steg {i} av ärendet}}" for i in range(30))
    text = to_authoring(parse_authoring(f"process: {{id: P, name: P}}\nsteps:\n{labels}\n", source="many.yaml"))
    assert "name: Steg 29 av ärendet" in text
    kept = sorted(p.name for p in tmp_path.rglob("*.json"))
    assert len(kept) <= 1, kept


@pytest.mark.interop
def test_bpmn_reference_model_to_yaml_is_stable() -> None:
    from bpmn_io.reader import read_bpmn

    ref = INTEROP / "miwg" / "reference" / "A.2.0.bpmn"
    first = to_authoring(read_bpmn(ref))
    assert to_authoring(parse_authoring(first, source="a20.yaml")) == first
    assert len(parse_authoring(first, source="a20.yaml").process().nodes) == len(read_bpmn(ref).process().nodes)


BLOCK = """\
process: {id: P}
steps:
  - {id: S, event: start}
  - id: R
    name: Remisser
    parallel:
      - - {id: A, task: send}
        - {id: A2, event: catch, trigger: message}
      - - {id: B, task: send}
      - []
  - {id: E, event: end}
"""


def test_parallel_block_expands_to_split_branches_and_join() -> None:
    p = parse_authoring(BLOCK, source="block.yaml").process()
    assert list(p.nodes) == ["S", "R", "A", "A2", "B", "R_Join", "E"]
    assert (p.nodes["R"].gateway_kind, p.nodes["R"].name, p.nodes["R_Join"].gateway_kind) == (
        "parallel", "Remisser", "parallel")
    assert [(f.source, f.target) for f in p.flows.values()] == [
        ("S", "R"), ("R", "A"), ("R", "B"), ("R", "R_Join"), ("A", "A2"), ("A2", "R_Join"), ("B", "R_Join"),
        ("R_Join", "E"),
    ]


def test_parallel_block_round_trips_through_the_flat_form() -> None:
    defs = parse_authoring(BLOCK, source="block.yaml")
    flat = to_authoring(defs)
    again = parse_authoring(flat, source="flat.yaml")
    assert (again.process().nodes, again.process().flows) == (defs.process().nodes, defs.process().flows)
    assert to_authoring(again) == flat


def test_parallel_block_needs_two_branches() -> None:
    text = "process: {id: P}\nsteps:\n  - {id: S, event: start}\n  - {id: R, parallel: [[]]}\n"
    with pytest.raises(InputError) as info:
        parse_authoring(text, source="b.yaml")
    assert str(info.value) == ("b.yaml:4: element 'R': steps[1].parallel: expected a list of at least two branches, "
                               "each a list of steps ([] for an empty branch)")


def test_readme_example_is_the_shipped_example() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Writing a process in YAML"):]
    block = section[section.index("```yaml\n") + len("```yaml\n"):]
    block = block[:block.index("```")]
    from_readme = parse_authoring(block, source="README.md")
    assert from_readme == read_authoring(EXAMPLE)


# --------------------------------------------------------------------------- property: any model the form holds


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from processes.model import (  # noqa: E402
    EventDefinition,
    Expression,
    Gateway,
    Lane,
    LaneSet,
    SequenceFlow,
)

_labels = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufeff"), max_size=12)
_KINDS = ("task", "userTask", "sendTask", "exclusive", "parallel", "start", "end", "catch_timer", "throw")


@st.composite
def models(draw: st.DrawFn) -> Definitions:
    n = draw(st.integers(min_value=1, max_value=7))
    ids = [f"N{i}" for i in range(n)]
    lanes = draw(st.sampled_from([(), ("L1",), ("L1", "L2")]))
    nodes = {}
    lane_of = {}
    for node_id in ids:
        kind = draw(st.sampled_from(_KINDS))
        name = draw(_labels)
        if kind in ("task", "userTask", "sendTask"):
            nodes[node_id] = Task(id=node_id, name=name, parent="P", task_type=kind)
        elif kind in ("exclusive", "parallel"):
            nodes[node_id] = Gateway(id=node_id, name=name, parent="P", gateway_kind=kind)
        elif kind == "catch_timer":
            timer = Expression(text=draw(st.sampled_from(["P14D", "PT4H", "${frist}"])), xsi_type="tFormalExpression")
            nodes[node_id] = Event(id=node_id, name=name, parent="P", position="intermediate_catch",
                                   definitions=(EventDefinition(kind="timer", timer_kind="timeDuration", timer=timer),))
        else:
            position = {"start": "start", "end": "end", "throw": "intermediate_throw"}[kind]
            nodes[node_id] = Event(id=node_id, name=name, parent="P", position=position)
        if lanes:
            lane_of[node_id] = draw(st.sampled_from(lanes))
    pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=10))
    flows = {}
    for k, (src, dst) in enumerate(pairs):
        fid = draw(st.sampled_from([f"Flow_{src}_{dst}", f"F{k}"]))
        if fid in flows:
            continue
        cond = draw(st.sampled_from([None, "${ok}"]))
        flows[fid] = SequenceFlow(id=fid, source=src, target=dst, parent="P", name=draw(_labels),
                                  condition=Expression(text=cond, xsi_type="tFormalExpression") if cond else None)
    for node_id, node in list(nodes.items()):
        mine = [f for f in flows.values() if f.source == node_id]
        if isinstance(node, Gateway) and len(mine) >= 2 and draw(st.booleans()):
            nodes[node_id] = replace(node, default=draw(st.sampled_from(mine)).id)
    lane_sets = (LaneSet(id="LaneSet_P", lanes=tuple(
        Lane(id=lane, name=f"Lane {lane}", flow_node_refs=tuple(i for i in ids if lane_of.get(i) == lane))
        for lane in lanes)),) if lanes else ()
    return Definitions(id="Definitions_P", target_namespace="urn:permitflow:P", processes=(Process(
        id="P", name=draw(_labels), nodes=FrozenMap(nodes), flows=FrozenMap(flows), lane_sets=lane_sets),))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models())
def test_any_model_the_form_holds_round_trips(defs: Definitions) -> None:
    text = to_authoring(defs)
    back = parse_authoring(text, source="prop.yaml")
    p, q = defs.process(), back.process()
    assert (q.name, dict(q.nodes), dict(q.flows)) == (p.name, dict(p.nodes), dict(p.flows))
    assert {lane.id: set(lane.flow_node_refs) for lane in q.lanes()} == {
        lane.id: set(lane.flow_node_refs) for lane in p.lanes()}
    assert to_authoring(back) == text


EMPTY_CONDITION = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="D" targetNamespace="x">
  <bpmn:process id="P" isExecutable="false">
    <bpmn:startEvent id="S"/>
    <bpmn:task id="T" name="Granska" default="F2"/>
    <bpmn:task id="U" name="Komplettera"/>
    <bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="T"/>
    <bpmn:sequenceFlow id="F1" name="brister" sourceRef="T" targetRef="U">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"/>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E"/>
    <bpmn:sequenceFlow id="F3" sourceRef="U" targetRef="E"/>
  </bpmn:process>
</bpmn:definitions>
"""


def test_a_conditional_flow_with_an_empty_expression_stays_conditional() -> None:
    """bpmn.io writes a conditional flow out of a task (the mini-diamond) with an empty
    conditionExpression (MIWG A.2.1): BPMN -> YAML -> BPMN made it a plain flow, without a word."""
    from bpmn_io.reader import parse_bpmn

    text = to_authoring(parse_bpmn(EMPTY_CONDITION.encode(), source="a21.bpmn"))
    assert '{to: U, id: F1, name: brister, condition: ""}' in text
    back = parse_authoring(text, source="a21.yaml").process()
    assert back.flows["F1"].condition is not None and back.flows["F1"].condition.text == ""
    assert back.flows["F2"].condition is None and back.flows["F0"].condition is None
    assert to_authoring(parse_authoring(text, source="a21.yaml")) == text


NAMED = """\
process: {id: P, name: Tillstånd, names: {en: Permit}}
pool: {id: Pool, name: Kommunen, names: {en: The municipality}}
external: {Sok: {name: Sökande, names: {en: Applicant}}}
lanes: {L: {name: Registrator, names: {en: Registrar}}, L2: Nämnd}
steps:
  - {id: S, event: start, name: Ansökan inkommen, names: {en: Application received}, lane: L}
  - {id: G, gateway: exclusive, name: Komplett?, names: {en: Complete?}, lane: L, branches: {Ja: {to: E, names: {en: "Yes"}}, Nej: E2}}
  - id: T
    task: receive
    name: Invänta
    names: {en: Wait}
    lane: L2
    boundary:
      - {id: B, timer: P14D, name: Två veckor, names: {en: Two weeks}, next: E2}
  - {id: E, event: end, name: Klart, names: {sv: Klart, en: Done}}
  - {id: E2, event: end}
message_flows:
  - {id: MF, from: Sok, to: S, name: Ansökan, names: {en: Application}}
"""


def test_a_name_per_language_sits_beside_the_drawn_name_and_round_trips_through_bpmn() -> None:
    from bpmn_io import parse_bpmn, to_bpmn_bytes
    from bpmn_io.layout import add_layout
    from processes.shownnames import name_in

    defs = parse_authoring(NAMED, source="n.yaml")
    p = defs.process()
    assert (p.nodes["S"].name, p.nodes["S"].names) == ("Ansökan inkommen", {"en": "Application received"})
    assert [name_in(p.nodes["S"], lang) for lang in ("en", "sv")] == ["Application received", "Ansökan inkommen"]
    assert [(lane.name, dict(lane.names)) for lane in p.lanes()] == [("Registrator", {"en": "Registrar"}), ("Nämnd", {})]
    assert {f.name: dict(f.names) for f in p.outgoing("G")} == {"Ja": {"en": "Yes"}, "Nej": {}}
    assert (p.names, p.nodes["B"].names) == ({"en": "Permit"}, {"en": "Two weeks"})
    assert [dict(x.names) for x in defs.participants()] == [{"en": "The municipality"}, {"en": "Applicant"}]
    assert defs.message_flows()[0].names == {"en": "Application"}
    # YAML -> BPMN -> YAML: the same text, the same model
    text = to_authoring(defs)
    data = to_bpmn_bytes(add_layout(defs))
    assert b'<pfn:name xml:lang="en">Application received</pfn:name>' in data
    again = parse_bpmn(data, source="n.bpmn")
    assert to_authoring(again) == text
    assert parse_authoring(text, source="again.yaml") == defs
    assert to_bpmn_bytes(again) == data


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("{de: Antrag}", "x.yaml:3: element 'S': steps[0].names.de: unknown language 'de' (expected one of en, sv)"),
        ("{en: [a]}", "x.yaml:3: element 'S': steps[0].names.en: ['a'] is not a name (expected text)"),
        ("{en: 3}", "x.yaml:3: element 'S': steps[0].names.en: 3 is not a name (expected text)"),
        ("Antrag", "x.yaml:3: element 'S': steps[0].names: expected a name per language (names: {en: ..., sv: ...}), "
                   "got 'Antrag'"),
    ],
)
def test_a_bad_name_per_language_is_one_line_with_file_line_and_element(names: str, expected: str) -> None:
    with pytest.raises(InputError) as info:
        parse_authoring(f"process: {{id: P}}\nsteps:\n  - {{id: S, event: start, names: {names}}}\n", source="x.yaml")
    assert str(info.value) == expected


def test_a_bad_name_per_language_of_a_lane_or_a_branch_names_its_line_and_element() -> None:
    with pytest.raises(InputError, match=r"^x.yaml:2: element 'L': lanes.L.names.fr: unknown language 'fr'"):
        parse_authoring("process: {id: P}\nlanes: {L: {name: R, names: {fr: X}}}\nsteps:\n  - {id: S, event: start}\n",
                        source="x.yaml")
    with pytest.raises(InputError, match=r"^x.yaml:4: element 'G': steps\[1\].branches.Ja.names.en: True is not a name"):
        parse_authoring("process: {id: P}\nsteps:\n  - {id: S, event: start}\n"
                        "  - {id: G, gateway: exclusive, branches: {Ja: {to: E, names: {en: true}}, Nej: E}}\n"
                        "  - {id: E, event: end}\n", source="x.yaml")
