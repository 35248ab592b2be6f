"""Writing models built in code: every construct the model holds survives a round trip."""

from __future__ import annotations

import pytest
from bpmnschema import schema
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from bpmn_io import parse_bpmn, to_bpmn_bytes
from processes.errors import ModelError
from processes.model import (
    Association,
    Bounds,
    CallActivity,
    Collaboration,
    DataAssociation,
    DataObject,
    DataObjectReference,
    Definitions,
    Diagram,
    Documentation,
    Edge,
    Event,
    EventDefinition,
    Expression,
    FrozenMap,
    Gateway,
    Label,
    Lane,
    LaneSet,
    MessageFlow,
    MultiInstance,
    Opaque,
    Participant,
    Plane,
    Point,
    Process,
    RootElement,
    SequenceFlow,
    Shape,
    StandardLoop,
    SubProcess,
    Task,
    TextAnnotation,
)

CAMUNDA = "http://camunda.org/schema/1.0/bpmn"
TIMER = Expression("P4M", xsi_type="tFormalExpression")


def rich_model() -> Definitions:
    nodes = [
        Event(id="Start", name="Ansökan inkommer", parent="P", position="start",
              definitions=(EventDefinition(kind="message", ref="Msg"),)),
        Task(id="Review", name="Granska", parent="P", task_type="userTask", default="F_ok",
             documentation=(Documentation("Handläggaren granskar"),),
             loop=MultiInstance(is_sequential=True, cardinality=Expression("3")),
             opaque=Opaque(attributes=((f"{{{CAMUNDA}}}assignee", "handläggare"),),
                           extension_elements=(f'<camunda:properties xmlns:camunda="{CAMUNDA}"></camunda:properties>',))),
        Event(id="Clock", name="4 månader", parent="P", position="boundary", attached_to="Review",
              cancel_activity=False, definitions=(EventDefinition(kind="timer", timer_kind="timeDuration", timer=TIMER),)),
        Gateway(id="Complete", name="Komplett?", parent="P", gateway_kind="exclusive", direction="Diverging",
                default="F_more"),
        SubProcess(id="Remiss", name="Remisser", parent="P", loop=StandardLoop(test_before=True, loop_maximum=3)),
        Task(id="Police", name="Polisen", parent="Remiss", task_type="sendTask", message_ref="Msg"),
        Event(id="Link", parent="Remiss", position="intermediate_throw",
              definitions=(EventDefinition(kind="link", link_name=""),)),
        CallActivity(id="Decide", name="Nämnden beslutar", parent="P", called_element="Committee"),
        Task(id="Calc", parent="P", task_type="scriptTask", script="fee = 12000", script_format="groovy",
             data_associations=(DataAssociation("input", sources=("Docs",), target="Calc_in"),
                                DataAssociation("output", target="DocsRef"))),
        DataObject(id="Docs", parent="P", is_collection=True),
        DataObjectReference(id="DocsRef", parent="P", data_object_ref="Docs", state="komplett"),
        Event(id="End", parent="P", position="end", definitions=(EventDefinition(kind="terminate"),)),
    ]
    flows = [
        SequenceFlow(id="F1", source="Start", target="Review", parent="P"),
        SequenceFlow(id="F_ok", source="Review", target="Complete", parent="P", name="klart"),
        SequenceFlow(id="F_more", source="Complete", target="Remiss", parent="P"),
        SequenceFlow(id="F_yes", source="Complete", target="Decide", parent="P",
                     condition=Expression("${complete}", language="juel", xsi_type="tFormalExpression")),
        SequenceFlow(id="F2", source="Decide", target="End", parent="P", is_immediate=True),
    ]
    lanes = LaneSet(id="LS", parent="P", lanes=(
        Lane(id="L_officer", name="Handläggare", flow_node_refs=("Start", "Review", "Clock", "Complete")),
        Lane(id="L_board", name="Nämnd", flow_node_refs=("Decide", "End"), child_lane_set=LaneSet(
            id="LS2", lanes=(Lane(id="L_chair", name="Ordförande", flow_node_refs=("Decide",)),))),
    ))
    process = Process(id="P", name="Serveringstillstånd", is_executable=False,
                      nodes=FrozenMap({n.id: n for n in nodes}), flows=FrozenMap({f.id: f for f in flows}),
                      artifacts=FrozenMap({"Note": TextAnnotation(id="Note", text="4 månaders handläggningstid", parent="P"),
                                           "A1": Association(id="A1", source="Note", target="Review", parent="P")}),
                      lane_sets=(lanes,))
    collaboration = Collaboration(id="C", participants=(
        Participant(id="Pool", name="Kommunen", process_ref="P", multiplicity_min=1, multiplicity_max=1),
        Participant(id="Applicant", name="Sökande")),
        message_flows=FrozenMap({"MF": MessageFlow(id="MF", source="Applicant", target="Start", message_ref="Msg")}))
    diagram = Diagram(id="D1", plane=Plane(id="Plane", element="C", shapes=(
        Shape(id="S_Review", element="Review", bounds=Bounds(100, 80, 100, 80),
              label=Label(bounds=Bounds(110, 170, 80, 14.5))),
        Shape(id="S_Pool", element="Pool", bounds=Bounds(0, 0, 900, 300), is_horizontal=True),
    ), edges=(Edge(id="E_F1", element="F1", waypoints=(Point(36, 120), Point(100, 120.25))),)))
    return Definitions(
        id="Defs", target_namespace="urn:permitflow:test", exporter="permitflow", namespaces=(("camunda", CAMUNDA),),
        processes=(process,), collaborations=(collaboration,),
        root_elements=(RootElement(tag="message", id="Msg", name="Ansökan", xml=(
            '<bpmn:message xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Msg" name="Ansökan">'
            "</bpmn:message>")),),
        diagrams=(diagram,), documentation=(Documentation("kept aside: definitions has no documentation"),),
    )


def test_a_rich_model_is_schema_valid_and_round_trips() -> None:
    defs = rich_model()
    data = to_bpmn_bytes(defs)
    xsd = schema()
    assert xsd.validate(etree.fromstring(data).getroottree()), xsd.error_log
    again = parse_bpmn(data, source="rich.bpmn")
    # the reader keeps the dataState element it read the state from
    kept = again.process().nodes["DocsRef"]
    assert kept.state == "komplett" and kept.opaque.children
    assert again.process().nodes["Review"] == defs.process().nodes["Review"]
    assert again.process().flows == defs.process().flows
    assert again.process().lane_sets == defs.process().lane_sets
    assert again.collaborations == defs.collaborations and again.diagrams == defs.diagrams
    assert again.documentation == defs.documentation and again.root_elements == defs.root_elements
    others = {k: v for k, v in defs.process().nodes.items() if k != "DocsRef"}
    assert {k: v for k, v in again.process().nodes.items() if k != "DocsRef"} == others
    assert to_bpmn_bytes(again) == to_bpmn_bytes(parse_bpmn(to_bpmn_bytes(again), source="x"))


def test_written_text_for_a_few_constructs() -> None:
    text = to_bpmn_bytes(rich_model()).decode()
    assert '<bpmn:linkEventDefinition name=""/>' in text
    assert ('<bpmn:participant id="Pool" name="Kommunen" processRef="P">\n'
            '      <bpmn:participantMultiplicity minimum="1" maximum="1"/>') in text
    assert '<dc:Bounds x="110" y="170" width="80" height="14.5"/>' in text
    assert '<di:waypoint x="100" y="120.25"/>' in text
    assert 'camunda:assignee="handläggare"' in text
    assert '<bpmn:relationship type="permitflow:kept">' in text  # the definitions' documentation
    assert text.index("<bpmn:collaboration") < text.index("<bpmn:process") < text.index("<bpmndi:BPMNDiagram")


def test_a_data_association_without_target_is_kept_aside_and_comes_back() -> None:
    task = Task(id="T", parent="P", data_associations=(DataAssociation("input", sources=("D",)),))
    defs = Definitions(target_namespace="urn:t", processes=(
        Process(id="P", nodes=FrozenMap({"T": task, "D": DataObject(id="D", parent="P")})),))
    data = to_bpmn_bytes(defs)
    assert b"<pfk:dataInputAssociation>" in data
    assert schema().validate(etree.fromstring(data).getroottree())
    assert parse_bpmn(data, source="x") == defs


def test_a_model_without_target_namespace_gets_one() -> None:
    data = to_bpmn_bytes(Definitions(processes=(Process(id="P"),)))
    assert b'targetNamespace="http://permitflow.invalid/bpmn"' in data


def test_text_xml_cannot_hold_is_a_model_error() -> None:
    defs = Definitions(target_namespace="urn:t", processes=(
        Process(id="P", nodes=FrozenMap({"T": Task(id="T", parent="P", name="bell\x07")})),))
    with pytest.raises(ModelError) as err:
        to_bpmn_bytes(defs)
    assert str(err.value).startswith("element 'T': attribute name 'bell\\x07' holds characters XML 1.0 cannot store")


names = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
                | st.sampled_from(["\n", "\t", "\r", "&", "<", ">", "]", '"', "'"]), max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(names, min_size=1, max_size=6), names, st.booleans())
def test_any_chain_of_tasks_round_trips(task_names, condition, formal) -> None:
    ids = [f"T{i}" for i in range(len(task_names))]
    nodes = {i: Task(id=i, name=n, parent="P", documentation=(Documentation(n),)) for i, n in zip(ids, task_names, strict=True)}
    flows = {f"F{k}": SequenceFlow(id=f"F{k}", source=a, target=b, parent="P", name=condition,
                                   condition=Expression(condition, xsi_type="tFormalExpression" if formal else ""))
             for k, (a, b) in enumerate(zip(ids[:-1], ids[1:], strict=True))}
    defs = Definitions(id="D", target_namespace="urn:t",
                       processes=(Process(id="P", name=condition, nodes=FrozenMap(nodes), flows=FrozenMap(flows)),))
    data = to_bpmn_bytes(defs)
    assert parse_bpmn(data, source="h.bpmn") == defs
    assert to_bpmn_bytes(parse_bpmn(data, source="h.bpmn")) == data
