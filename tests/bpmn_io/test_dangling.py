"""Dangling optional references and drawings of nothing: set aside on export, restored on import."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import bpmnschema
import pytest
from lxml import etree

from bpmn_io import parse_bpmn, to_bpmn_bytes
from bpmn_io.namespaces import BPMN, KEPT, PREFIXES
from processes.errors import InputError

JS = Path(__file__).resolve().parents[1] / "js"
BPMNDI = PREFIXES["bpmndi"]

# Message_X, Cat_X, DS_X and Gone name nothing; the plane points at a process
# that is not there (as Bizagi's and a bpmn-moddle fixture's files do)
_DANGLING = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
    xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="D" targetNamespace="urn:t">
  <collaboration id="C">
    <participant id="PA" processRef="P"/>
    <participant id="PB"/>
    <messageFlow id="M" sourceRef="T" targetRef="PB" messageRef="Message_X"/>
  </collaboration>
  <process id="P">
    <startEvent id="E"><messageEventDefinition id="MED" messageRef="Message_X"/></startEvent>
    <task id="T"/>
    <dataStoreReference id="S" dataStoreRef="DS_X"/>
    <sequenceFlow id="F" sourceRef="E" targetRef="T"/>
    <group id="G" categoryValueRef="Cat_X"/>
  </process>
  <bpmndi:BPMNDiagram id="Dia">
    <bpmndi:BPMNPlane id="Pl" bpmnElement="Nowhere">
      <bpmndi:BPMNShape id="sE" bpmnElement="E"><dc:Bounds x="0" y="0" width="36" height="36"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="sGone" bpmnElement="Gone"><dc:Bounds x="0" y="90" width="36" height="36"/></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="sT" bpmnElement="T"><dc:Bounds x="100" y="0" width="100" height="80"/></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="eF" bpmnElement="F"><di:waypoint x="36" y="18"/><di:waypoint x="100" y="18"/></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</definitions>
"""


def _ref(name: str) -> str:
    return f"{{{KEPT}}}ref-{name}"


@pytest.fixture(scope="module")
def exported() -> tuple[object, bytes]:
    defs = parse_bpmn(_DANGLING.encode(), source="d.bpmn")
    return defs, to_bpmn_bytes(defs)


def test_dangling_optional_references_are_written_as_pfk_ref_attributes(exported) -> None:
    _, data = exported
    doc = etree.fromstring(data)
    assert doc.nsmap["pfk"] == KEPT  # declared once, on the root
    flow = doc.find(f".//{{{BPMN}}}messageFlow")
    assert flow.get("messageRef") is None and flow.get(_ref("messageRef")) == "Message_X"
    assert flow.get("sourceRef") == "T"  # resolving references stay as they are
    assert doc.find(f".//{{{BPMN}}}messageEventDefinition").get(_ref("messageRef")) == "Message_X"
    assert doc.find(f".//{{{BPMN}}}dataStoreReference").get(_ref("dataStoreRef")) == "DS_X"
    assert doc.find(f".//{{{BPMN}}}group").get(_ref("categoryValueRef")) == "Cat_X"
    plane = doc.find(f".//{{{BPMNDI}}}BPMNPlane")
    assert plane.get("bpmnElement") is None and plane.get(_ref("bpmnElement")) == "Nowhere"
    assert doc.find(f".//{{{BPMN}}}participant[@id='PA']").get("processRef") == "P"


def test_a_drawing_of_nothing_is_kept_aside_and_comes_back_in_place(exported) -> None:
    defs, data = exported
    doc = etree.fromstring(data)
    plane = doc.find(f".//{{{BPMNDI}}}BPMNPlane")
    assert [e.get("id") for e in plane] == ["sE", "sT", "eF"]
    kept = doc.find(f"{{{BPMN}}}relationship/{{{BPMN}}}extensionElements/{{{KEPT}}}kept/{{{BPMNDI}}}BPMNShape")
    assert kept is not None and kept.get("bpmnElement") == "Gone"
    assert (kept.get(f"{{{KEPT}}}diagram"), kept.get(f"{{{KEPT}}}position")) == ("0", "1")
    back = parse_bpmn(data, source="x")
    assert [s.id for s in back.diagrams[0].plane.shapes] == ["sE", "sGone", "sT"]


def test_set_aside_export_is_schema_valid_lossless_and_idempotent(exported) -> None:
    defs, data = exported
    schema = bpmnschema.schema()
    assert schema.validate(etree.fromstring(data)), [e.message for e in schema.error_log]
    back = parse_bpmn(data, source="x")
    assert back == defs
    assert back.collaborations[0].message_flows["M"].message_ref == "Message_X"
    assert to_bpmn_bytes(back) == data


def test_nothing_dangling_means_no_pfk_declaration() -> None:
    text = _DANGLING
    for old, new in (('messageRef="Message_X"', ""), ('dataStoreRef="DS_X"', ""), ('categoryValueRef="Cat_X"', ""),
                     ('bpmnElement="Nowhere"', 'bpmnElement="C"'), ('bpmnElement="Gone"', 'bpmnElement="S"')):
        text = text.replace(old, new)
    data = to_bpmn_bytes(parse_bpmn(text.encode(), source="ok.bpmn"))
    assert KEPT.encode() not in data


def test_a_kept_reference_the_writer_never_makes_is_an_input_error() -> None:
    # sourceRef is required: permitflow never sets it aside, so a file that does is not ours
    text = _DANGLING.replace('<messageFlow id="M" sourceRef="T"',
                             f'<messageFlow id="M" xmlns:pfk="{KEPT}" pfk:ref-sourceRef="T"')
    with pytest.raises(InputError, match="pfk:ref-sourceRef"):
        parse_bpmn(text.encode(), source="bad.bpmn")


@pytest.mark.node
def test_bpmn_moddle_imports_the_set_aside_export_without_warnings(exported, tmp_path) -> None:
    if shutil.which("node") is None or not (JS / "node_modules" / "bpmn-moddle").is_dir():
        pytest.skip("node and tests/js/node_modules (make node-deps) are needed for the bpmn-moddle check")
    _, data = exported
    ours, source = tmp_path / "ours.bpmn", tmp_path / "source.bpmn"
    ours.write_bytes(data)
    source.write_text(_DANGLING)
    run = subprocess.run(["node", "check_moddle.mjs", str(ours), str(source)], cwd=JS, capture_output=True,
                         text=True, timeout=60, check=True)
    result = json.loads(run.stdout)
    assert result[str(ours)] == []
    assert len(result[str(source)]) == 6  # four dangling references, the plane, the shape of Gone


# Signavio-like: the flow L and its drawing name elements the file does not hold
# (readable with strict=False only); K is fine
_LOST_ENDS = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
    xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="D" targetNamespace="urn:t">
  <process id="P">
    <startEvent id="E"/>
    <sequenceFlow id="L" sourceRef="Lost1" targetRef="Lost2"/>
    <endEvent id="X"/>
    <sequenceFlow id="K" sourceRef="E" targetRef="X"/>
  </process>
  <bpmndi:BPMNDiagram id="Dia">
    <bpmndi:BPMNPlane id="Pl" bpmnElement="P">
      <bpmndi:BPMNEdge id="eL" bpmnElement="L"><di:waypoint x="0" y="200"/><di:waypoint x="90" y="200"/></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="eK" bpmnElement="K"><di:waypoint x="36" y="18"/><di:waypoint x="100" y="18"/></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</definitions>
"""


def test_a_flow_whose_ends_name_nothing_is_kept_aside_with_its_drawing() -> None:
    defs = parse_bpmn(_LOST_ENDS.encode(), source="lost.bpmn", strict=False)
    data = to_bpmn_bytes(defs)
    doc = etree.fromstring(data)
    schema = bpmnschema.schema()
    assert schema.validate(doc), [e.message for e in schema.error_log]
    process = doc.find(f"{{{BPMN}}}process")
    assert [e.get("id") for e in process.iterchildren(f"{{{BPMN}}}sequenceFlow")] == ["K"]
    kept_flow = process.find(f"{{{BPMN}}}extensionElements/{{{KEPT}}}kept/{{{KEPT}}}sequenceFlow")
    assert kept_flow is not None and kept_flow.get("sourceRef") == "Lost1"
    assert [e.get("id") for e in doc.find(f".//{{{BPMNDI}}}BPMNPlane")] == ["eK"]
    back = parse_bpmn(data, source="x", strict=False)
    assert back == defs and back.process().flows["L"].source == "Lost1"
    assert [e.id for e in back.diagrams[0].plane.edges] == ["eL", "eK"]
    assert to_bpmn_bytes(back) == data


_INTERFACE = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:x="urn:x" id="D" targetNamespace="urn:t">
  <message id="In"/>
  <interface id="I" name="HR">
    <operation id="O1" name="send">
      <inMessageRef>In</inMessageRef>
      <outMessageRef>x:unspecified</outMessageRef>
    </operation>
    <operation id="O2" name="get"><inMessageRef>In</inMessageRef><outMessageRef>In</outMessageRef></operation>
  </interface>
  <process id="P"><startEvent id="E"/></process>
</definitions>
"""


def test_a_dangling_out_message_ref_element_becomes_attributes_and_comes_back_exactly() -> None:
    defs = parse_bpmn(_INTERFACE.encode(), source="i.bpmn")
    data = to_bpmn_bytes(defs)
    doc = etree.fromstring(data)
    schema = bpmnschema.schema()
    assert schema.validate(doc), [e.message for e in schema.error_log]
    o1, o2 = doc.iter(f"{{{BPMN}}}operation")
    assert o1.find(f"{{{BPMN}}}outMessageRef") is None
    assert o1.get(_ref("outMessageRef")) == "x:unspecified"
    assert o1.get(_ref("outMessageRef-at")) == "1:\n      "
    assert o2.find(f"{{{BPMN}}}outMessageRef").text == "In"  # resolves: left alone
    back = parse_bpmn(data, source="x")
    assert back == defs
    assert "<bpmn:outMessageRef>x:unspecified</bpmn:outMessageRef>\n    </bpmn:operation>" in back.root_elements[1].xml
    assert to_bpmn_bytes(back) == data


def test_a_bad_kept_element_position_is_an_input_error() -> None:
    text = _INTERFACE.replace('<operation id="O1" name="send">',
                              f'<operation id="O1" xmlns:pfk="{KEPT}" pfk:ref-outMessageRef="In" '
                              'pfk:ref-outMessageRef-at="9:">')
    with pytest.raises(InputError, match="ref-outMessageRef-at"):
        parse_bpmn(text.encode(), source="bad.bpmn")
