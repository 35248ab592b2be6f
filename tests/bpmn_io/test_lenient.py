"""bpmn_io.lenient: what diff, compare and simulate make of a lenient read, and the notes they print."""

from __future__ import annotations

from bpmn_io import parse_bpmn
from bpmn_io.lenient import lenient_notes, without_broken_flows
from processes.validate import check

CROSSING = b"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <process id="P1">
    <startEvent id="S"/>
    <exclusiveGateway id="X" default="F_Out"/>
    <endEvent id="E"/>
    <sequenceFlow id="F1" sourceRef="S" targetRef="X"/>
    <sequenceFlow id="F2" sourceRef="X" targetRef="E"/>
    <sequenceFlow id="F_Out" sourceRef="X"
                  targetRef="B"/>
  </process>
  <process id="P2">
    <task id="B"/>
  </process>
</definitions>
"""


def test_a_flow_into_another_process_is_left_out_with_the_default_that_named_it() -> None:
    defs = parse_bpmn(CROSSING, source="c.bpmn", strict=False)
    repaired = without_broken_flows(defs)
    process = repaired.process("P1")
    assert list(process.flows) == ["F1", "F2"]
    assert process.nodes["X"].default == ""  # not a missing-ref for diff to refuse
    assert [p.code for p in check(repaired) if p.code == "missing-ref"] == []
    assert repaired.dropped_flows == (("F_Out", "targetRef 'B' is in process 'P2'"),)
    # the line where the flow's tag begins, though lxml counts the line where it ends (10)
    assert lenient_notes(repaired, "c.bpmn") == [
        "c.bpmn:9: read leniently: sequence flow 'F_Out': targetRef 'B' is in process 'P2'; left out"]
    assert lenient_notes(defs, "c.bpmn") == [
        "c.bpmn:9: read leniently: sequence flow 'F_Out': targetRef 'B' is in process 'P2'; kept as written"]
    assert without_broken_flows(repaired) is repaired  # nothing more to leave out


def test_validate_names_the_line_where_a_tag_written_over_several_lines_begins() -> None:
    """lxml's sourceline is the line where a start tag ENDS: ADONIS writes one attribute a line, and
    validate said line 11454 for a boundary event whose tag begins on 11451 (its id on 11452)."""
    data = CROSSING.replace(b'<endEvent id="E"/>', b'<endEvent id="E"/>\n    <task\n      id="Alone"\n      name="x"/>')
    problems = {p.element: p.line for p in check(parse_bpmn(data, source="c.bpmn", strict=False))}
    assert problems["Alone"] == 7 and problems["F_Out"] == 12
    assert data.split(b"\n")[6].strip() == b"<task"
