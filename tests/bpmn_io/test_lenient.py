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


ELSEWHERE = b"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <collaboration id="C"><participant id="Pool" processRef="P1"/></collaboration>
  <process id="P1">
    <startEvent id="S"/>
    <subProcess id="Sub"><task id="T"/></subProcess>
    <endEvent id="E"/>
    <endEvent id="E2"/>
    <sequenceFlow id="F1" sourceRef="S" targetRef="Sub"/>
    <sequenceFlow id="F2" sourceRef="Sub" targetRef="E"/>
    <sequenceFlow id="F3" sourceRef="Timer" targetRef="E2"/>
  </process>
  <process id="P2">
    <boundaryEvent id="Timer" attachedToRef="Sub" cancelActivity="false"><timerEventDefinition/></boundaryEvent>
    <boundaryEvent id="Inner" attachedToRef="T"/>
  </process>
</definitions>
"""


def test_a_boundary_event_written_into_another_process_is_read_in_its_hosts() -> None:
    """Signavio's MIWG B.2.0 roundtrip writes eight boundary events into a process of their own, their
    hosts and outgoing flows in a pool's process: diff --lenient refused the file ("boundary event
    attachedToRef ... does not exist"). A boundary event sits on its host's border: it is moved there."""
    import pytest

    from processes.errors import InputError
    from processes.validate import missing_references

    with pytest.raises(InputError, match="sequenceFlow sourceRef 'Timer' is in process 'P2'"):
        parse_bpmn(ELSEWHERE, source="b.bpmn")
    defs = parse_bpmn(ELSEWHERE, source="b.bpmn", strict=False)
    p1, p2 = defs.process("P1"), defs.process("P2")
    assert list(p2.nodes) == []
    assert list(p1.nodes) == ["S", "Sub", "T", "E", "E2", "Timer", "Inner"]
    assert (p1.nodes["Timer"].parent, p1.nodes["Inner"].parent) == ("P1", "Sub")  # its host's scope
    assert defs.moved_boundary_events == (("Timer", "P2", "P1"), ("Inner", "P2", "P1"))
    assert without_broken_flows(defs) is defs and missing_references(defs) == []
    assert lenient_notes(defs, "b.bpmn") == [
        f"b.bpmn:{line}: read leniently: boundary event '{event}' is written in process 'P2', the activity it is "
        f"attached to in process 'P1'; read as part of 'P1'" for event, line in (("Timer", 14), ("Inner", 15))]
    # validate --lenient still says what the file holds
    assert [(p.code, p.element, p.line) for p in check(defs) if p.code == "boundary-host"] == [
        ("boundary-host", "Timer", 14), ("boundary-host", "Inner", 15)]


def test_a_boundary_event_its_own_process_flows_from_stays_and_validate_names_the_hosts_process() -> None:
    """Only a faithful repair: a sequence flow of the event's own process ties it there."""
    from processes.validate import missing_references

    data = ELSEWHERE.replace(b'<boundaryEvent id="Inner" attachedToRef="T"/>',
                             b'<boundaryEvent id="Inner" attachedToRef="T"/><endEvent id="E3"/>'
                             b'<sequenceFlow id="F4" sourceRef="Inner" targetRef="E3"/>')
    defs = parse_bpmn(data, source="b.bpmn", strict=False)
    assert defs.moved_boundary_events == (("Timer", "P2", "P1"),)
    assert [p.message for p in missing_references(defs)] == [
        "boundary event attachedToRef 'T' is in process 'P1', not in 'P2' (expected an activity of process 'P2': "
        "a boundary event belongs to its host's process; draw it on the activity's border in the same pool)"]
