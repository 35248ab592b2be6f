"""parse_bpmn / read_bpmn: the whole interop corpus imports, and facts read by hand hold."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from bpmn_corpus import INTEROP, TOOL_DEFECTS, corpus_files, corpus_params, is_strict, rel

from bpmn_io import parse_bpmn, read_bpmn
from processes.errors import InputError
from processes.model import Definitions, Event, Gateway, RootElement, SubProcess, Task

FILES = corpus_files()


@pytest.mark.interop
def test_the_corpus_has_all_143_files() -> None:
    assert len(FILES) == 143
    assert {p.suffix for p in FILES} == {".bpmn", ".bpmn2", ".xml"}


@pytest.mark.interop
@pytest.mark.parametrize("path", corpus_params(), ids=rel)
def test_every_corpus_file_imports(path) -> None:
    defs = read_bpmn(path, strict=is_strict(path))
    assert isinstance(defs, Definitions)
    assert defs.processes or defs.collaborations or defs.diagrams


@pytest.mark.interop
@pytest.mark.parametrize("name", sorted(TOOL_DEFECTS))
def test_broken_tool_output_is_refused_in_strict_mode(name) -> None:
    with pytest.raises(InputError) as err:
        read_bpmn(INTEROP / name)
    assert TOOL_DEFECTS[name] in str(err.value)
    assert err.value.line is not None and err.value.element
    assert "(expected " in str(err.value)  # one line says what is wrong and what was expected


@pytest.mark.interop
def test_lenient_import_renames_a_repeated_id_on_the_opaque_element() -> None:
    defs = read_bpmn(INTEROP / "miwg/sap-signavio-process-manager-19.9.0/B.1.0-roundtrip.bpmn", strict=False)
    process_id = "Process_ba16239e-181e-4b9f-bc5b-0bb2ee973450"
    assert process_id in {p.id for p in defs.processes}
    renamed = [r for r in defs.root_elements if r.id.startswith(process_id)]
    assert [(r.tag, r.id) for r in renamed] == [("globalTask", f"{process_id}_dup2")]
    assert f'id="{process_id}_dup2"' in renamed[0].xml


@pytest.mark.interop
def test_lenient_import_reads_a_boundary_event_in_its_hosts_process_so_its_flow_joins_two_nodes() -> None:
    """The flow from the boundary event crossed processes as written: Signavio wrote the event into
    a process of its own, apart from its host and its flow (a cross-process flow kept as written:
    tests/bpmn_io/test_lenient.py)."""
    name = "miwg/sap-signavio-process-manager-19.9.0/B.2.0-roundtrip.bpmn"
    process = read_bpmn(INTEROP / name, strict=False).process("WFP-6-2")
    flow = process.flows["_aa88dfff-5242-4699-b722-a593e54537ce"]
    assert flow.source == "_209105e0-96fc-4278-8451-3b2a1dd18ec9" and flow.source in process.nodes
    assert process.nodes[flow.source].attached_to in process.nodes


def facts(defs: Definitions) -> dict[str, object]:
    """Counts over every process of a document (nested subprocess content included)."""
    nodes = [n for p in defs.processes for n in p.nodes.values()]
    return {
        "tasks": Counter(n.task_type for n in nodes if isinstance(n, Task)),
        "gateways": Counter(n.gateway_kind for n in nodes if isinstance(n, Gateway)),
        "events": Counter(n.position for n in nodes if isinstance(n, Event)),
        "subprocesses": sum(isinstance(n, SubProcess) for n in nodes),
        "flows": sum(len(p.flows) for p in defs.processes),
        "lanes": sum(len(p.lanes()) for p in defs.processes),
        "pools": len(defs.participants()),
        "black_box_pools": sum(not p.process_ref for p in defs.participants()),
        "message_flows": len(defs.message_flows()),
        "processes": len(defs.processes),
    }


# Facts read by hand from the XML (grep and eyes), cross-checked against MANIFEST.md.
HAND_FACTS = {
    "miwg/reference/A.1.0.bpmn": {
        "tasks": {"task": 3}, "gateways": {}, "events": {"start": 1, "end": 1}, "flows": 4, "lanes": 0, "pools": 0},
    "miwg/reference/A.2.0.bpmn": {
        "tasks": {"task": 4}, "gateways": {"exclusive": 2}, "events": {"start": 1, "end": 1}, "flows": 9},
    "miwg/reference/A.3.0.bpmn": {
        "tasks": {"task": 4}, "subprocesses": 1, "events": {"start": 1, "end": 2, "boundary": 2}},
    "miwg/reference/A.4.0.bpmn": {"pools": 1, "lanes": 2, "message_flows": 2, "processes": 2, "subprocesses": 2},
    "miwg/reference/C.9.1.bpmn": {
        "tasks": {"userTask": 1, "sendTask": 2, "receiveTask": 1},
        "events": {"start": 1, "end": 3, "boundary": 2}, "flows": 7, "pools": 1},
    "odd/zeebe-bpmn-moddle/zeebe-properties.bpmn": {
        "tasks": {"serviceTask": 1}, "gateways": {"exclusive": 2}, "flows": 6,
        "events": {"start": 1, "end": 1, "intermediate_catch": 1}},
    "odd/camunda-bpm-platform/EventBasedGatewayTest.testCatchSignalAndMessageAndTimer.bpmn20.xml": {
        "tasks": {"userTask": 3}, "gateways": {"eventBased": 1}, "flows": 10,
        "events": {"start": 1, "end": 1, "intermediate_catch": 3}},
    "odd/simod/PurchasingExampleQBP.bpmn": {
        "tasks": {"task": 23}, "gateways": {"exclusive": 6}, "flows": 33, "events": {"start": 1, "end": 1}},
    "odd/bpmn-moddle/signavio-complex-no-extensions.bpmn": {
        "pools": 17, "black_box_pools": 8, "message_flows": 29, "processes": 9, "lanes": 9,
        "gateways": {"exclusive": 17, "parallel": 3, "eventBased": 3}},
    "odd/bpmn-moddle/bizagi-nested-ns-definition.bpmn": {
        "pools": 2, "processes": 2, "tasks": {"task": 1}, "flows": 2, "events": {"start": 1, "end": 1}},
    "odd/jbpm-designer/simulationProcess.bpmn2": {"subprocesses": 1, "events": {"boundary": 1}},
}


@pytest.mark.interop
@pytest.mark.parametrize("name", sorted(HAND_FACTS))
def test_counts_read_by_hand(name) -> None:
    got = facts(read_bpmn(INTEROP / name))
    for key, expected in HAND_FACTS[name].items():
        value = dict(got[key]) if isinstance(got[key], Counter) else got[key]
        if isinstance(expected, dict) and key == "events":
            value = {k: v for k, v in value.items() if k in expected}  # type: ignore[union-attr]
        assert value == expected, key


@pytest.mark.interop
def test_named_elements_of_reference_c91() -> None:
    process = read_bpmn(INTEROP / "miwg/reference/C.9.1.bpmn").process()
    daily, week = process.nodes["BoundaryEvent_1"], process.nodes["BoundaryEvent_2"]
    assert (daily.name, daily.position, daily.attached_to) == ("daily", "boundary", "ReceiveTask_WaitForDocument")
    assert daily.cancel_activity is False and week.cancel_activity is True
    assert daily.trigger == "timer"
    assert (daily.definitions[0].timer_kind, daily.definitions[0].timer.text) == ("timeCycle", "R6/P1D")
    assert (week.definitions[0].timer_kind, week.definitions[0].timer.text) == ("timeDuration", "P7D")
    assert process.boundary_events("ReceiveTask_WaitForDocument") == (daily, week)


@pytest.mark.interop
def test_boundary_events_of_reference_a30() -> None:
    process = read_bpmn(INTEROP / "miwg/reference/A.3.0.bpmn").process()
    host = "_1ae31d1b-2559-4f78-a3ec-47986a49db48"
    assert process.nodes[host].name == "Collapsed\nSub-Process"
    message = process.nodes["_428dcbf5-8e5e-48e0-9c0c-d93003fa8c82"]
    escalation = process.nodes["_178e16eb-4c9e-4ea0-9644-7c5fb2b71825"]
    assert (message.attached_to, message.cancel_activity, message.trigger) == (host, False, "message")
    assert (escalation.attached_to, escalation.cancel_activity, escalation.trigger) == (host, True, "escalation")


@pytest.mark.interop
def test_default_and_conditional_flows_of_reference_a21() -> None:
    process = read_bpmn(INTEROP / "miwg/reference/A.2.1.bpmn").process()
    split = process.nodes["_To9ZyjOCEeSknpIVFCxNIQ"]
    assert isinstance(split, Gateway) and split.default == "_To9Z6jOCEeSknpIVFCxNIQ"
    assert split.name == "Gateway\r\n(Split Flow)"
    assert process.nodes["_To9ZtjOCEeSknpIVFCxNIQ"].default == "Bpmn_SequenceFlow_edepQQbbEealeL5I4Yl3Dw"
    conditional = [f for f in process.flows.values() if f.condition is not None]
    assert len(conditional) == 5
    assert {f.condition.xsi_type for f in conditional} == {"tFormalExpression"}
    assert sorted(f.condition.text for f in conditional) == ["", "", "", "", "true"]


@pytest.mark.interop
def test_zeebe_default_flow_timer_and_extensions() -> None:
    defs = read_bpmn(INTEROP / "odd/zeebe-bpmn-moddle/zeebe-properties.bpmn")
    process = defs.process()
    assert process.nodes["fork"].default == "Flow_0829k0f"
    timer = process.nodes["timer"].definitions[0]
    assert (timer.kind, timer.timer_kind, timer.timer.text) == ("timer", "timeDuration", "PT15S")
    assert process.nodes["task"].kind == "Task" and process.nodes["task"].task_type == "serviceTask"
    assert any("zeebe:properties" in x for x in process.nodes["task"].opaque.extension_elements)
    assert ("modeler", "http://camunda.org/schema/modeler/1.0") in defs.namespaces


@pytest.mark.interop
def test_flows_without_ids_get_stable_generated_ids() -> None:
    path = INTEROP / "odd/camunda-bpm-platform/EventBasedGatewayTest.testCatchSignalAndMessageAndTimer.bpmn20.xml"
    process = read_bpmn(path).process()
    assert "catchSignal_flow_gw1_timerEvent" in process.flows
    assert process.flows["catchSignal_flow_gw1_timerEvent"].target == "timerEvent"
    assert list(read_bpmn(path).process().flows) == list(process.flows)
    timer = process.nodes["timerEvent"].definitions[0]
    assert (timer.timer_kind, timer.timer.text) == ("timeDuration", "PT0S")
    assert process.nodes["task1"].opaque.attributes == (("{http://camunda.org/schema/1.0/bpmn}assignee", "kermit"),)


@pytest.mark.interop
def test_simulation_blocks_survive() -> None:
    qbp = read_bpmn(INTEROP / "odd/simod/PurchasingExampleQBP.bpmn")
    assert len(qbp.opaque.children) == 1
    assert qbp.opaque.children[0].startswith("<qbp:processSimulationInfo")
    bpsim = read_bpmn(INTEROP / "odd/jbpm-designer/simulationProcess.bpmn2")
    assert len(bpsim.relationships) == 1 and 'type="BPSimData"' in bpsim.relationships[0]
    assert "bpsim:Scenario" in bpsim.relationships[0]
    boundary = next(n for n in bpsim.process().nodes.values() if isinstance(n, Event) and n.position == "boundary")
    assert boundary.attached_to == "_DCDFF235-4009-4852-A79C-828415B9565B"
    assert boundary.trigger == "error"


@pytest.mark.interop
def test_prefix_variants_and_di_bound_to_bpmndi() -> None:
    # A.2.1 binds di: to BPMNDI (not DD DI) and BPMN to model:; matching is by URI
    defs = read_bpmn(INTEROP / "miwg/reference/A.2.1.bpmn")
    assert len(defs.diagrams[0].plane.shapes) == 8 and len(defs.diagrams[0].plane.edges) == 11
    collision = read_bpmn(INTEROP / "odd/bpmn-moddle/namespace-prefix-collision.bpmn")
    plane = collision.diagrams[0].plane
    assert (len(plane.shapes), len(plane.edges)) == (1, 1) and len(plane.edges[0].waypoints) >= 2


@pytest.mark.interop
def test_visual_paradigm_unprefixed_vendor_children_are_kept() -> None:
    defs = read_bpmn(INTEROP / "miwg/visual-paradigm-11.1/A.1.0-roundtrip.bpmn")
    kept = {n.name: re.findall(r'<VpId Value="([^"]+)"', "".join(n.opaque.extension_elements))
            for n in defs.process().nodes.values()}
    # read from the file by hand (lines 249-334): each flow node's extensionElements hold one VpId, the tasks'
    # a vp:bounds beside it
    assert kept == {"Start Event": ["IOwwRlKAUACmJCvx"], "Task 1": ["QuwwRlKAUACmJCvy"], "Task 2": ["IuwwRlKAUACmJCvz"],
                    "Task 3": ["YuwwRlKAUACmJCv0"], "End Event": ["EuwwRlKAUACmJCv1"]}
    bounds = [x for n in defs.process().nodes.values() for x in n.opaque.extension_elements if "vp:bounds" in x]
    assert [re.search(r'x="(\d+)"', x)[1] for x in bounds] == ["258", "390", "522"]


@pytest.mark.interop
def test_yaoqiang_root_level_event_definitions_are_root_elements() -> None:
    defs = read_bpmn(INTEROP / "odd/bpmn-moddle/yaoqiang-event-definitions.bpmn")
    timers = [r.id for r in defs.root_elements if r.tag == "timerEventDefinition"]
    assert timers == ["ID_UserTaskTimeout2", "ID_UserTaskTimeout3"]
    # line 154 comments out an eventDefinitionRef; the inline timer below it is the definition
    owner = next(n for n in defs.process().nodes.values()
                 if isinstance(n, Event) and any(d.id == "ID_UserTaskTimeout" for d in n.definitions))
    assert (owner.position, owner.cancel_activity, len(owner.definitions)) == ("boundary", False, 1)


def test_event_definition_ref_resolves_to_a_root_definition() -> None:
    defs = parse_bpmn(
        b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">'
        b'<timerEventDefinition id="TD"><timeDuration>P2W</timeDuration></timerEventDefinition>'
        b'<process id="P"><intermediateCatchEvent id="E"><eventDefinitionRef>TD</eventDefinitionRef>'
        b'</intermediateCatchEvent></process></definitions>', source="ref.bpmn")
    event = defs.process().nodes["E"]
    assert event.trigger == "timer"
    assert (event.definitions[0].by_reference, event.definitions[0].ref) == (True, "TD")
    assert isinstance(defs.element("TD"), RootElement)


@pytest.mark.interop
def test_iso_8859_1_reference_reads_from_bytes() -> None:
    data = (INTEROP / "miwg/reference/B.1.0.bpmn").read_bytes()
    assert b'encoding="ISO-8859-1"' in data[:100]
    defs = parse_bpmn(data, source="B.1.0.bpmn")
    assert defs.processes and defs.diagrams


def test_a_minimal_document() -> None:
    defs = parse_bpmn(
        b'<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">'
        b'<bpmn:process id="P"><bpmn:startEvent id="S"/><bpmn:userTask id="T" name="Pr\xc3\xb6va"/>'
        b'<bpmn:sequenceFlow id="F" sourceRef="S" targetRef="T"/></bpmn:process></bpmn:definitions>',
        source="mini.bpmn",
    )
    process = defs.process()
    assert list(process.nodes) == ["S", "T"] and process.nodes["T"].name == "Pröva"
    assert process.outgoing("S") == (process.flows["F"],)
    assert process.nodes["T"].parent == "P"


def test_a_name_per_language_is_read_and_one_in_another_language_kept_as_written() -> None:
    from bpmn_io import to_bpmn_bytes

    data = (b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:pfn="urn:permitflow:names" '
            b'targetNamespace="x"><process id="P"><task id="T" name="Granska"><extensionElements>'
            b'<pfn:name xml:lang="en">Review</pfn:name><pfn:name xml:lang="de">Pr\xc3\xbcfen</pfn:name>'
            b'</extensionElements></task></process></definitions>')
    task = parse_bpmn(data, source="n.bpmn").process().nodes["T"]
    assert (task.name, task.names) == ("Granska", {"en": "Review"})
    assert len(task.opaque.extension_elements) == 1 and 'xml:lang="de"' in task.opaque.extension_elements[0]
    again = parse_bpmn(to_bpmn_bytes(parse_bpmn(data, source="n.bpmn")), source="again.bpmn")
    assert again.process().nodes["T"] == task
