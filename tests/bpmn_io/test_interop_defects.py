"""BPMN in and out: defects found by running 279 real files (issue 14, items 6, 7, 10, 11, 12).

Each test reads a small fixture written for permitflow (tests/bpmn_io/fixtures/) that
reproduces what a real file did, and checks the export against the BPMN 2.0 XSD and
bpmn-moddle (the parser of bpmn.io) where node is at hand.
"""

from __future__ import annotations

from pathlib import Path

import bpmnschema
import pytest
from click.testing import CliRunner
from lxml import etree
from moddle import warnings_of

from bpmn_io import bpmn_export, parse_bpmn, read_bpmn, to_bpmn_bytes, write_bpmn
from bpmn_io.layout import with_diagram
from bpmn_io.namespaces import BPMN, XSI
from cli import cli
from processes.model import Definitions, Process
from processes.validate import check

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return bpmnschema.schema()


def _valid(schema: etree.XMLSchema, data: bytes) -> list[str]:
    schema.validate(etree.fromstring(data))
    return [e.message for e in schema.error_log]


def _moddle(tmp_path: Path, **documents: bytes) -> dict[str, list[str]]:
    """bpmn-moddle's import warnings for each named document."""
    return warnings_of(documents, tmp_path)[0]


# --------------------------------------------------------------------------- item 6: QName values follow the prefixes


def test_an_xsi_type_follows_the_renamed_prefix(schema, tmp_path) -> None:
    source = (FIXTURES / "nested_lane_xsi_type.bpmn").read_bytes()
    defs = parse_bpmn(source, source="x")
    data = to_bpmn_bytes(defs)
    child_set = etree.fromstring(data).find(f".//{{{BPMN}}}childLaneSet")
    assert child_set.get(f"{{{XSI}}}type") == "bpmn:tLaneSet"
    assert _valid(schema, data) == []
    assert parse_bpmn(data, source="y") == defs
    warnings = _moddle(tmp_path, ours=data, source=source)
    assert warnings == {"ours": [], "source": []}  # before: "unknown type <bpmn2:tLaneSet>", the lane lost


def test_an_unprefixed_xsi_type_in_the_default_namespace_gets_the_bpmn_prefix(schema) -> None:
    source = (FIXTURES / "nested_lane_xsi_type.bpmn").read_text(encoding="utf-8")
    unprefixed = source.replace("bpmn2:", "").replace("xmlns:bpmn2=", "xmlns=").replace('"tLaneSet"', '"tLaneSet"')
    assert 'xsi:type="tLaneSet"' in unprefixed
    data = to_bpmn_bytes(parse_bpmn(unprefixed.encode(), source="x"))
    assert b'xsi:type="bpmn:tLaneSet"' in data and _valid(schema, data) == []


# --------------------------------------------------------------------------- item 7: an empty diagram is kept


def test_the_empty_diagram_of_an_empty_process_is_kept_on_convert(tmp_path) -> None:
    out = tmp_path / "out.bpmn"
    result = CliRunner().invoke(cli, ["convert", str(FIXTURES / "empty_process.bpmn"), str(out)])
    assert result.exit_code == 0, result.output
    diagram = etree.fromstring(out.read_bytes()).find("{*}BPMNDiagram")
    assert diagram is not None and diagram.get("id") == "BPMNDiagram_1"
    assert [(p.get("id"), p.get("bpmnElement")) for p in diagram] == [("BPMNPlane_1", "Process_1")]


def test_a_model_with_nothing_to_draw_gets_an_empty_plane_bpmn_io_can_open(tmp_path, schema) -> None:
    empty = Definitions(id="Definitions_1", processes=(Process(id="Process_1", name="Tom"),))
    data = to_bpmn_bytes(with_diagram(empty))
    defs = parse_bpmn(data, source="x")
    assert [(d.plane.element, d.plane.shapes) for d in defs.diagrams] == [("Process_1", ())]
    assert _valid(schema, data) == []
    assert _moddle(tmp_path, empty=data) == {"empty": []}
    kept = read_bpmn(FIXTURES / "empty_process.bpmn")
    assert with_diagram(kept) is kept  # its own empty diagram, ids and all


# --------------------------------------------------------------------------- item 10: read the way bpmn.io reads


def test_lowercase_gateway_direction_and_a_declaration_without_its_space_are_read(schema) -> None:
    defs = read_bpmn(FIXTURES / "pm4py_syntax.bpmn")
    nodes = defs.process().nodes
    assert (nodes["Split"].direction, nodes["Join"].direction) == ("Diverging", "Converging")
    data = to_bpmn_bytes(defs)
    assert b'gatewayDirection="Diverging"' in data and b'gatewayDirection="Converging"' in data
    assert _valid(schema, data) == []


def test_a_declaration_after_blank_lines_is_read_and_lines_keep_their_numbers() -> None:
    body = (FIXTURES / "pm4py_syntax.bpmn").read_bytes().replace(b'"1.0"encoding', b'"1.0" encoding')
    broken = b"\n\n" + body.replace(b'<task id="Refuse"', b'<task id="Grant"')
    with pytest.raises(Exception, match=r"x:12: element 'Grant': duplicate id 'Grant' \(first used at line 11\)"):
        parse_bpmn(broken, source="x")
    assert parse_bpmn(b"\n\n" + body, source="x").process().nodes["Split"].direction == "Diverging"


@pytest.mark.parametrize("command", ["convert", "render"])
def test_convert_and_render_take_lenient(command, tmp_path) -> None:
    source = str(Path(__file__).parents[1] / "fixtures" / "dangling_ref.bpmn")
    out = str(tmp_path / ("out.bpmn" if command == "convert" else "out.svg"))
    args = [command, source, out] if command == "convert" else [command, source, "-o", out]
    strict = CliRunner().invoke(cli, args)
    assert strict.exit_code == 2 and "does not exist" in strict.output
    assert not Path(out).exists()
    lenient = CliRunner().invoke(cli, [*args, "--lenient"])
    assert lenient.exit_code == 0, lenient.output
    assert Path(out).stat().st_size > 0


# --------------------------------------------------------------------------- item 11: ids tools refuse


RENAMED = (
    ("Order", "Order_definitions"),  # the definitions' id, also the process's: only the definitions change
    ("myStart{0}", "myStart_0_"),
    ("241", "_241"),
    ("7baa834e-c1eb-4f36-8dbd-54171909ed4a", "_7baa834e-c1eb-4f36-8dbd-54171909ed4a"),
    ("Granska_ansökan", "Granska_ansokan"),  # an XML id, but bpmn.io refuses it
    ("1_in", "_1_in"),
    ("241-_249", "_241-_249"),
    ("241_di", "_241_di"),
)


def test_ids_tools_refuse_are_made_valid_with_every_reference(schema, tmp_path) -> None:
    source = (FIXTURES / "invalid_ids.bpmn").read_bytes()
    defs = parse_bpmn(source, source="x")
    exported = bpmn_export(defs)
    assert exported.renamed_ids == RENAMED
    assert _valid(schema, exported.data) == []
    assert _moddle(tmp_path, ours=exported.data) == {"ours": []}  # the source gives nine warnings
    back = parse_bpmn(exported.data, source="y")
    process = back.process("Order")
    assert back.id == "Order_definitions"
    assert [(f.id, f.source, f.target) for f in process.flows.values()] == [
        ("F1", "myStart_0_", "_241"), ("_241-_249", "_241", "Granska_ansokan"), ("F3", "Granska_ansokan", "End")]
    assert process.nodes["_241"].default == "_241-_249"
    assert process.nodes["_241"].documentation[0].id == "_7baa834e-c1eb-4f36-8dbd-54171909ed4a"
    assert process.lanes()[0].flow_node_refs == ("myStart_0_", "_241", "Granska_ansokan", "End")
    review = process.nodes["Granska_ansokan"]
    assert review.data_associations[0].target == "_1_in" and 'id="_1_in"' in review.io_specification
    assert "<bpmn:dataInputRefs>_1_in</bpmn:dataInputRefs>" in review.io_specification
    shapes = {s.id: s.element for s in back.diagrams[0].plane.shapes}
    assert shapes["_241_di"] == "_241" and shapes["Review_di"] == "Granska_ansokan"
    assert b'elementRef="_241"' in exported.data  # BPSim parameters keep their element
    assert bpmn_export(back).renamed_ids == ()  # nothing left to repair


def test_validate_names_the_ids_an_export_renames() -> None:
    defs = read_bpmn(FIXTURES / "invalid_ids.bpmn")
    named = [p.element for p in check(defs) if p.code == "invalid-id"]
    assert named == [old for old, _ in RENAMED]


def test_write_bpmn_returns_the_renaming_and_convert_prints_it(tmp_path) -> None:
    defs = read_bpmn(FIXTURES / "invalid_ids.bpmn")
    assert write_bpmn(defs, tmp_path / "a.bpmn") == RENAMED
    result = CliRunner().invoke(cli, ["convert", str(FIXTURES / "invalid_ids.bpmn"), str(tmp_path / "b.bpmn")])
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if line.startswith("permitflow: warning:")]
    assert len(lines) == len(RENAMED)
    assert lines[2].endswith(f"id '241' is not a valid XML id (an id starts with a letter or '_' and holds only "
                             f"letters, digits, '_', '-' and '.'); written as '_241' in {tmp_path / 'b.bpmn'} "
                             "(references follow)")
    assert "'Order' is also the id of an element (the definitions' id is changed); written as " \
           "'Order_definitions'" in lines[0]
    assert (tmp_path / "b.bpmn").read_bytes() == (tmp_path / "a.bpmn").read_bytes()


def test_convert_reports_only_the_ids_the_file_holds_not_those_the_layout_made(tmp_path) -> None:
    source = tmp_path / "p.yaml"
    source.write_text("process: {id: P}\nsteps:\n  - {id: Start, event: start}\n"
                      "  - {id: Granska_ansökan, task: user}\n  - {id: Slut, event: end}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", str(source), str(tmp_path / "p.bpmn")])
    assert result.exit_code == 0
    renamed = [line.split(" id ", 1)[1].split(" ", 1)[0] for line in result.output.splitlines()
               if line.startswith("permitflow: warning:")]
    # the step and its two flows; not their shapes and edges (Granska_ansökan_di), which the layout named
    assert renamed == ["'Granska_ansökan'", "'Flow_Start_Granska_ansökan'", "'Flow_Granska_ansökan_Slut'"]
    assert b'id="Granska_ansokan_di"' in (tmp_path / "p.bpmn").read_bytes()


def test_a_file_with_valid_ids_is_written_exactly_as_before() -> None:
    defs = read_bpmn(FIXTURES / "nested_lane_xsi_type.bpmn")
    exported = bpmn_export(defs)
    assert exported.renamed_ids == () and exported.data == to_bpmn_bytes(defs)
    assert exported.data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions ')


# --------------------------------------------------------------------------- item 12: messages


def test_render_of_a_model_with_nothing_to_draw_names_the_file_and_says_why(tmp_path) -> None:
    source = FIXTURES / "empty_process.bpmn"
    out = tmp_path / "out.svg"
    result = CliRunner().invoke(cli, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 2
    assert result.output == (f"permitflow: error: {source}: nothing to draw: process 'Process_1' is empty "
                             "(no tasks, events, gateways or artifacts)\n")
    assert not out.exists()


# --------------------------------------------------------------------------- found in more real files

_EXTRA = f"""<definitions xmlns="{BPMN}" targetNamespace="t">
  <process id="P">
    <startEvent id="S"/>
    <ComplexGateway id="G" default="F2"/>
    <scriptTask id="T" scriptFormat="javascript"><script>
      var a = 1;
      <!-- var b = 2; -->
      var c = a;
    </script></scriptTask>
    <endEvent id="E"/>
    <sequenceFlow id="F1" sourceRef="S" targetRef="G"/>
    <sequenceFlow id="F2" sourceRef="G" targetRef="T"/>
    <sequenceFlow id="F3" sourceRef="T" targetRef="E"/>
  </process>
</definitions>""".encode()


def test_a_bpmn_type_name_as_tag_is_read_as_bpmn_io_reads_it() -> None:
    # a bpmn-js fixture writes <bpmn:ComplexGateway>; bpmn-moddle maps it to complexGateway
    defs = parse_bpmn(_EXTRA, source="x")
    gateway = defs.process().nodes["G"]
    assert (gateway.kind, gateway.gateway_kind, gateway.default) == ("Gateway", "complex", "F2")
    assert b"<bpmn:complexGateway " in to_bpmn_bytes(defs)


def test_comments_in_a_script_are_not_script_text_and_the_export_is_stable() -> None:
    # Flowable's tests comment out lines of a script; the script is still read as the task's script
    defs = parse_bpmn(_EXTRA, source="x")
    script = defs.process().nodes["T"].script
    assert "var a = 1;" in script and "var c = a;" in script and "var b" not in script
    data = to_bpmn_bytes(defs)
    assert parse_bpmn(data, source="y") == defs and to_bpmn_bytes(parse_bpmn(data, source="y")) == data
