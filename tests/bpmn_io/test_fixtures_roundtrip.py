"""The reader and writer over the project's own fixtures (tests/fixtures/**/*.bpmn), no ../shared.

Every fixture reads, writes BPMN that the OMG XSD accepts (one pinned exception), reads
back to an equal model and writes the same bytes again. Together the fixtures hold every
construct of the model: a field of :mod:`processes.model` that no fixture sets, or a task
type, gateway kind, subprocess kind or event trigger that none has, fails
``test_the_fixtures_set_every_field_of_the_model`` / ``test_the_fixtures_hold_every_kind``.
tests/fixtures/README.md says which fixture covers what.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from bpmnschema import BPSIM_XSI_TYPE, schema
from lxml import etree
from moddle import warnings_of
from shared import ROOT

import processes.model as model
from bpmn_io import parse_bpmn, read_bpmn, to_bpmn_bytes
from bpmn_io.namespaces import BPMN, KEPT
from processes.errors import InputError

FIXTURES = ROOT / "tests" / "fixtures"
FILES = sorted(p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*.bpmn"))

# inputs the reader refuses by default, with the start of its message; strict=False reads them
REFUSED = {
    "cross_process.bpmn": "sequenceFlow targetRef 'E2' is in process 'P2'",
    "dangling_ref.bpmn": "sequenceFlow targetRef 'Ghost' does not exist",
    "duplicate_ids.bpmn": "duplicate id 'T' (first used at line 5)",
}
# sources the XSD refuses: what tools write where the XSD does not allow it (exported valid)
INVALID_SOURCES = {"bpmn/kept_aside.bpmn", "bpmn/bpsim.bpmn", "duplicate_ids.bpmn"}
# the export's XSD errors: jBPM-style BPSim keeps its xsi:type, which no loaded schema defines
XSD_EXPECTED = {"bpmn/bpsim.bpmn": {BPSIM_XSI_TYPE}}


def _read(name: str) -> model.Definitions:
    return read_bpmn(FIXTURES / name, strict=name not in REFUSED)


@pytest.fixture(scope="module")
def exported() -> dict[str, tuple[model.Definitions, bytes]]:
    """Every fixture read once and written once."""
    out = {}
    for name in FILES:
        defs = _read(name)
        out[name] = (defs, to_bpmn_bytes(defs))
    return out


@pytest.mark.parametrize("name", FILES)
def test_export_is_schema_valid_lossless_and_idempotent(name: str, exported) -> None:
    defs, data = exported[name]
    xsd = schema()
    valid = xsd.validate(etree.fromstring(data))
    assert {e.message for e in xsd.error_log} == XSD_EXPECTED.get(name, set())
    assert valid == (name not in XSD_EXPECTED)
    again = parse_bpmn(data, source=name, strict=name not in REFUSED)
    assert again == defs
    assert to_bpmn_bytes(again) == data


@pytest.mark.parametrize("name", FILES)
def test_the_sources_are_schema_valid_but_for_the_tool_quirks_they_show(name: str) -> None:
    xsd = schema()
    assert xsd.validate(etree.parse(str(FIXTURES / name))) == (name not in INVALID_SOURCES), xsd.error_log


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_refused_fixture_is_refused_with_file_line_and_element(name: str) -> None:
    with pytest.raises(InputError) as err:
        read_bpmn(FIXTURES / name)
    assert REFUSED[name] in str(err.value)
    assert err.value.line is not None and err.value.element


def test_what_the_xsd_forbids_goes_into_the_kept_wrapper(exported) -> None:
    _, data = exported["bpmn/kept_aside.bpmn"]
    root = etree.fromstring(data)
    wrapper = root.find(f"{{{BPMN}}}relationship/{{{BPMN}}}extensionElements/{{{KEPT}}}kept")
    assert wrapper is not None
    kept = [etree.QName(el).localname for el in wrapper]
    assert kept == ["extensionElements", "processSimulationInfo", "documentation", "BPMNEdge"]
    loop_counters = root.findall(f".//{{{BPMN}}}extensionElements/{{{KEPT}}}kept/{{{BPMN}}}LoopCounter")
    assert [c.getparent().getparent().getparent().tag for c in loop_counters] == [
        f"{{{BPMN}}}standardLoopCharacteristics", f"{{{BPMN}}}multiInstanceLoopCharacteristics"]
    task = root.find(f".//{{{BPMN}}}task[@id='Task_Remiss']")
    assert task.find(f"{{{BPMN}}}dataInputAssociation") is None
    assert task.find(f"{{{BPMN}}}extensionElements/{{{KEPT}}}kept/{{{KEPT}}}dataInputAssociation") is not None
    user = root.find(f".//{{{BPMN}}}userTask")
    assert [etree.QName(el).localname for el in user][:3] == ["documentation", "incoming", "outgoing"]


def test_generated_ids_are_stable_and_written(exported) -> None:
    defs, data = exported["bpmn/definitions.bpmn"]
    process = defs.process()
    assert set(process.flows) == {"Process_Document_flow_Start_Call_Granska", "Process_Document_flow_Call_Granska_End"}
    assert "Process_Document_task_1" in process.nodes
    assert b'id="Process_Document_task_1"' in data


def test_iso_8859_1_is_read_from_the_bytes_and_written_as_utf_8(exported) -> None:
    defs, data = exported["bpmn/latin1.bpmn"]
    assert b'encoding="ISO-8859-1"' in (FIXTURES / "bpmn/latin1.bpmn").read_bytes()[:60]
    assert defs.process().name == "Åstorp, Ängelholm och Höganäs"
    assert defs.process().nodes["Task_Avgift"].script == "avgift = antal > 3 && stor ? 12000 : 9600;"
    assert "Åstorp".encode() in data and data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


# --------------------------------------------------------------------------- coverage of the model

# Fields no XSD-valid document can set (the XSD gives the element no place for it)
NO_VALID_PLACE = {
    ("Diagram", "opaque"): "BPMNDiagram takes no foreign attributes and no children beyond plane and styles",
}
NOT_READ = {
    ("Definitions", "dropped_flows"): "what diff and simulate leave out of a lenient read (bpmn_io.lenient), "
                                      "never what a file says",
    ("Definitions", "moved_boundary_events"): "where a lenient read placed a boundary event written apart from its "
                                              "host (bpmn_io.lenient; tests/bpmn_io/test_lenient.py), not a field "
                                              "a file writes",
    ("Definitions", "plain_cancel_ends"): "what simulate --lenient reads as a plain end event (a cancel end outside "
                                          "a transaction: bpmn_io.lenient.plain_cancel_ends), never what a file says",
}


def _declaring_class(cls: type, field_name: str) -> str:
    return next(c.__name__ for c in cls.__mro__ if field_name in getattr(c, "__annotations__", {}))


def _default(field: dataclasses.Field) -> Any:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return dataclasses.MISSING


def _objects(value: Any) -> Iterator[Any]:
    """Every model object in ``value``, depth first."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield value
        for field in dataclasses.fields(value):
            yield from _objects(getattr(value, field.name))
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _objects(item)
    elif isinstance(value, tuple):
        for item in value:
            yield from _objects(item)


def _all_objects(exported) -> list[Any]:
    return [obj for defs, _ in exported.values() for obj in _objects(defs)]


def test_the_fixtures_set_every_field_of_the_model(exported) -> None:
    classes = [getattr(model, name) for name in model.__all__]
    wanted = {(_declaring_class(cls, f.name), f.name) for cls in classes
              if isinstance(cls, type) and dataclasses.is_dataclass(cls) for f in dataclasses.fields(cls)}
    seen = set()
    for obj in _all_objects(exported):
        for field in dataclasses.fields(obj):
            default = _default(field)
            if default is dataclasses.MISSING or getattr(obj, field.name) != default:
                seen.add((_declaring_class(type(obj), field.name), field.name))
    assert sorted(wanted - seen - set(NO_VALID_PLACE) - set(NOT_READ)) == []
    assert not seen & (set(NO_VALID_PLACE) | set(NOT_READ))


# the triggers BPMN 2.0 allows at each position (spec tables 10.84-10.93), all read and written
EVENT_KINDS = {
    "start": {"none", "message", "timer", "signal", "conditional", "error", "escalation", "compensation",
              "multiple", "parallel_multiple"},
    "intermediate_catch": {"message", "timer", "signal", "conditional", "link", "multiple", "parallel_multiple"},
    "intermediate_throw": {"none", "message", "signal", "escalation", "compensation", "link", "multiple"},
    "boundary": {"message", "timer", "signal", "conditional", "error", "escalation", "compensation", "cancel",
                 "multiple", "parallel_multiple"},
    "end": {"none", "message", "signal", "error", "escalation", "compensation", "cancel", "terminate", "multiple"},
}


def _kinds(objects: list[Any], cls: type, attribute: str) -> set[Any]:
    return {getattr(o, attribute) for o in objects if isinstance(o, cls)}


def test_the_fixtures_hold_every_kind(exported) -> None:
    objects = _all_objects(exported)
    events = [o for o in objects if isinstance(o, model.Event)]
    assert {(e.position, e.trigger) for e in events} == {(p, t) for p, ts in EVENT_KINDS.items() for t in ts}
    assert set().union(*EVENT_KINDS.values()) == set(model.TRIGGERS)
    assert _kinds(objects, model.Task, "task_type") == set(model.TASK_TYPES)
    assert _kinds(objects, model.Gateway, "gateway_kind") == set(model.GATEWAY_KINDS)
    assert _kinds(objects, model.Gateway, "direction") == {"Unspecified", "Converging", "Diverging", "Mixed"}
    assert _kinds(objects, model.Gateway, "event_gateway_type") == {"", "Exclusive", "Parallel"}
    assert _kinds(objects, model.SubProcess, "variant") == {"subProcess", "adHocSubProcess", "transaction"}
    assert _kinds(objects, model.SubProcess, "triggered_by_event") == {True, False}
    assert _kinds(objects, model.EventDefinition, "timer_kind") == {"", "timeDate", "timeDuration", "timeCycle"}
    assert _kinds(objects, model.Association, "direction") == {"", "None", "One", "Both"}
    assert _kinds(objects, model.DataAssociation, "direction") == {"input", "output"}
    assert _kinds(objects, model.MultiInstance, "is_sequential") == {True, False}
    assert _kinds(objects, model.Expression, "xsi_type") == {"", "tFormalExpression"}
    assert _kinds(objects, model.Edge, "message_visible_kind") == {"", "initiating", "non_initiating"}
    assert {type(o).__name__ for o in objects if isinstance(o, (*model.Activity.__args__, model.Gateway))} >= {
        "Task", "SubProcess", "CallActivity", "Gateway"}
    loops = {(type(o).__name__, type(o.loop).__name__) for o in objects
             if isinstance(o, (model.Task, model.SubProcess, model.CallActivity)) and o.loop is not None}
    assert {kind for _, kind in loops} == {"StandardLoop", "MultiInstance"}
    assert {owner for owner, _ in loops} == {"Task", "SubProcess", "CallActivity"}
    nested = [lane for o in objects if isinstance(o, model.Lane) for lane in [o] if lane.child_lane_set]
    assert nested and any(not p.process_ref for p in objects if isinstance(p, model.Participant))
    assert any(len(defs.diagrams) > 1 for defs, _ in exported.values())  # a drill-down plane
    assert {
        (o.is_expanded, o.is_horizontal, o.is_marker_visible, o.is_message_visible)
        for o in objects if isinstance(o, model.Shape)
    } >= {(True, None, None, None), (False, None, None, None), (None, True, None, None),
          (None, None, True, None), (None, None, None, True), (None, None, None, False)}


def test_the_readme_names_every_fixture() -> None:
    text = (FIXTURES / "README.md").read_text(encoding="utf-8")
    assert [name for name in FILES if f"`{name}`" not in text] == []


# --------------------------------------------------------------------------- bpmn-moddle

# bpmn-moddle's warnings on an export, each inherent in the source (which gives it too):
# read leniently, the flow to the missing 'Ghost' stays where its start lists it as outgoing
MODDLE_EXPECTED = {"dangling_ref.bpmn": ["unresolved reference <Ghost>"]}


@pytest.mark.node
def test_bpmn_moddle_imports_every_export_without_unexpected_warnings(exported, tmp_path: Path) -> None:
    ours, sources = warnings_of({name: data for name, (_, data) in exported.items()}, tmp_path,
                                {name: FIXTURES / name for name in MODDLE_EXPECTED})
    assert len(ours) == len(FILES)
    assert {name: w for name, w in ours.items() if w} == MODDLE_EXPECTED
    assert sources == MODDLE_EXPECTED
