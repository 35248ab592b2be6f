"""The Map commands through CliRunner: validate, show, convert."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "permit.yaml"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_validate_clean_file_exits_0() -> None:
    result = run("validate", str(FIXTURES / "simple.bpmn"))
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"{FIXTURES / 'simple.bpmn'}: ok\n", "")


def test_validate_error_exits_1_with_one_line_per_problem() -> None:
    path = FIXTURES / "deadlock.bpmn"
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}:8: error xor-split-and-join J: parallel join 'J' waits for all its inputs, but exclusive split 'X' "
        f"sends one token down one branch (branch 'F2' reaches 'F4'; branch 'F3' reaches 'F5'): the join deadlocks "
        "(expected a parallel split, or an exclusive join)\n"
    )


def test_validate_warning_only_exits_0() -> None:
    path = FIXTURES / "warning_only.bpmn"
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert result.stdout == (f"{path}:5: warning trivial-gateway G: exclusive gateway 'G' has one incoming and one "
                             f"outgoing flow; it does nothing (expected two or more flows in or out, or no gateway)\n")


def test_validate_several_files_bad_input_wins(tmp_path: Path) -> None:
    missing = tmp_path / "missing.bpmn"
    result = run("validate", str(FIXTURES / "deadlock.bpmn"), str(missing), str(EXAMPLE))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"permitflow: error: {missing}: no such file (expected a .bpmn or .yaml model")
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout.splitlines()[-1] == f"{EXAMPLE}: ok"


def test_validate_json() -> None:
    result = run("validate", "--format", "json", str(FIXTURES / "warning_only.bpmn"))
    assert json.loads(result.stdout) == [{"file": str(FIXTURES / "warning_only.bpmn"), "problems": [
        {"code": "trivial-gateway", "severity": "warning", "element": "G", "line": 5,
         "message": "exclusive gateway 'G' has one incoming and one outgoing flow; it does nothing "
                    "(expected two or more flows in or out, or no gateway)"}]}]


def test_show_text_and_json() -> None:
    path = FIXTURES / "simple.bpmn"
    text = run("show", str(path))
    assert text.exit_code == 0
    assert text.stdout == (
        "process P — Enkel\n"
        "  elements (3):\n"
        "    S  startEvent  Ansökan inkommen\n"
        "    T  userTask  Granska ansökan\n"
        "    E  endEvent  Klart\n"
        "  flows (2):\n"
        "    F1: Ansökan inkommen (S) -> Granska ansökan (T)\n"
        "    F2: Granska ansökan (T) -> Klart (E)\n"
        "problems (0):\n"
    )
    data = json.loads(run("show", "--format", "json", str(path)).stdout)
    assert [e["id"] for e in data["processes"][0]["elements"]] == ["S", "T", "E"]
    assert data["problems"] == []


BROKEN_LABELS = """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
  <collaboration id="C"><participant id="Pool" name="Kommunen&#10;Åstorp" processRef="P"/></collaboration>
  <process id="P" name="Servering-&#10;stillstånd">
    <laneSet id="LS"><lane id="L" name="Hand-&#10;läggare"><flowNodeRef>S</flowNodeRef></lane></laneSet>
    <startEvent id="S" name="Ansökan&#10;inkommen"/>
    <exclusiveGateway id="G" name="Gateway&#13;&#10;(Split Flow)"/>
    <sequenceFlow id="F" sourceRef="S" targetRef="G" name="ja,&#10;komplett"/>
  </process>
</definitions>
"""


def test_show_prints_a_name_with_line_breaks_on_its_one_line(tmp_path: Path) -> None:
    """Tools break long labels (Signavio, the MIWG references: 'Gateway&#10;(Split Flow)'); show broke its rows there."""
    path = tmp_path / "labels.bpmn"
    path.write_text(BROKEN_LABELS, encoding="utf-8")
    result = run("show", str(path))
    assert result.stdout.splitlines()[:9] == [
        "process P — Servering- stillstånd",
        "  lanes:",
        "    L: Hand- läggare (1 element)",
        "  elements (2):",
        "    S  startEvent  Ansökan inkommen  [L]",
        "    G  exclusiveGateway  Gateway (Split Flow)",
        "  flows (1):",
        "    F: Ansökan inkommen (S) -> Gateway (Split Flow) (G)  [ja, komplett]",
        "pools:",
    ]
    assert result.stdout.splitlines()[9] == "  Pool: Kommunen Åstorp"
    data = json.loads(run("show", "--format", "json", str(path)).stdout)  # JSON keeps the names as written
    assert data["processes"][0]["elements"][1]["name"] == "Gateway\r\n(Split Flow)"


KINDS = """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
  <message id="Msg"/>
  <process id="P">
    <startEvent id="S"><messageEventDefinition messageRef="Msg"/></startEvent>
    <eventBasedGateway id="G"/>
    <intermediateCatchEvent id="W"><timerEventDefinition/></intermediateCatchEvent>
    <subProcess id="Sub"><startEvent id="S2"/></subProcess>
    <transaction id="Tx"/>
    <callActivity id="C" calledElement="Other"/>
    <serviceTask id="T"/>
    <boundaryEvent id="B" attachedToRef="T" cancelActivity="false"><timerEventDefinition/></boundaryEvent>
    <dataObject id="D"/>
    <endEvent id="E"/>
  </process>
</definitions>
"""


def test_show_json_gives_each_element_its_bpmn_name_and_an_events_trigger_apart(tmp_path: Path) -> None:
    """The kinds came in four styles: userTask, exclusiveGateway, 'start event (message)', SubProcess."""
    path = tmp_path / "kinds.bpmn"
    path.write_text(KINDS, encoding="utf-8")
    data = json.loads(run("show", "--format", "json", str(path)).stdout)
    assert [(e["id"], e["kind"], e.get("trigger", "-")) for e in data["processes"][0]["elements"]] == [
        ("S", "startEvent", "message"), ("G", "eventBasedGateway", "-"), ("W", "intermediateCatchEvent", "timer"),
        ("Sub", "subProcess", "-"), ("S2", "startEvent", "none"), ("Tx", "transaction", "-"),
        ("C", "callActivity", "-"), ("T", "serviceTask", "-"), ("B", "boundaryEvent", "timer"),
        ("D", "dataObject", "-"), ("E", "endEvent", "none")]
    assert list(data["processes"][0]["elements"][0]) == ["id", "kind", "trigger", "name", "lane", "parent"]
    text = run("show", str(path)).stdout
    assert "    S  startEvent (message)\n" in text and "    Sub  subProcess\n" in text


def test_show_yaml_model_with_lanes_and_pools_exits_1_on_errors() -> None:
    result = run("show", str(FIXTURES / "deadlock.bpmn"))
    assert result.exit_code == 1
    assert f"  {FIXTURES / 'deadlock.bpmn'}:8: error xor-split-and-join J:" in result.stdout
    lanes = run("show", str(EXAMPLE))
    assert lanes.exit_code == 0
    assert "    Lane_Namnd: Nämnd (2 elements)\n" in lanes.stdout
    assert "  Pool_Sokande: Sökande  (external)\n" in lanes.stdout


def test_convert_bpmn_to_yaml(tmp_path: Path) -> None:
    out = tmp_path / "simple.yaml"
    result = run("convert", str(FIXTURES / "simple.bpmn"), str(out))
    assert (result.exit_code, result.stderr) == (0, "")
    assert out.read_text(encoding="utf-8") == (
        "process: {id: P, name: Enkel}\n"
        "steps:\n"
        "  - {id: S, event: start, name: Ansökan inkommen, next: {to: T, id: F1}}\n"
        "  - {id: T, task: user, name: Granska ansökan, next: {to: E, id: F2}}\n"
        "  - {id: E, event: end, name: Klart}\n"
    )
    assert sorted(os.listdir(tmp_path)) == ["simple.yaml"]


def test_convert_yaml_to_bpmn_adds_a_diagram(tmp_path: Path) -> None:
    pytest.importorskip("bpmn_io.writer")
    from bpmn_io.reader import read_bpmn
    from processes.validate import check

    out = tmp_path / "permit.bpmn"
    result = run("convert", str(EXAMPLE), str(out))
    assert (result.exit_code, result.stderr) == (0, "")
    defs = read_bpmn(out)
    plane, process = defs.diagrams[0].plane, defs.process()
    # one shape for each flow node and, read by hand from examples/permit.yaml, its pool, the two external pools
    # and its two lanes; one edge for each sequence flow and its two message flows (it checked has_di() alone)
    assert sorted(s.element for s in plane.shapes) == sorted([*process.nodes, "Pool_Kommun", "Pool_Sokande",
                                                              "Pool_Polisen", "Lane_Handlaggare", "Lane_Namnd"])
    assert sorted(e.element for e in plane.edges) == sorted([*process.flows, "MF_Ansokan", "MF_Remiss"])
    assert [p for p in check(defs) if p.severity == "error"] == []
    back = tmp_path / "back.yaml"
    assert run("convert", str(out), str(back)).exit_code == 0
    assert run("convert", str(back), str(tmp_path / "again.bpmn")).exit_code == 0


def test_convert_unknown_extension_is_a_usage_error(tmp_path: Path) -> None:
    result = run("convert", str(FIXTURES / "simple.bpmn"), str(tmp_path / "out.txt"))
    assert result.exit_code == 2
    assert "unknown extension (expected .bpmn, .bpmn2, .xml, .yaml or .yml)" in result.stderr
    assert os.listdir(tmp_path) == []


def test_convert_inexpressible_model_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "sub.bpmn"
    src.write_text(
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x"><process id="P">'
        '<startEvent id="S"/><subProcess id="Sub"/><endEvent id="E"/>'
        '<sequenceFlow id="F1" sourceRef="S" targetRef="Sub"/><sequenceFlow id="F2" sourceRef="Sub" targetRef="E"/>'
        "</process></definitions>", encoding="utf-8")
    result = run("convert", str(src), str(tmp_path / "out.yaml"))
    assert result.exit_code == 2
    assert result.stderr == (f"permitflow: error: {src}: cannot be written as YAML authoring form: SubProcess 'Sub' "
                             f"(the form has tasks, gateways and events only)\n")
    assert sorted(os.listdir(tmp_path)) == ["sub.bpmn"]


#: what Visual Paradigm writes: its own elements in the BPMN namespace inside extensionElements, an empty
#: process ioSpecification; and an itemDefinition nothing uses
VENDOR = """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x"
    xmlns:vp="http://www.visual-paradigm.com/bpmn/vpspecificcontent">
  <itemDefinition id="Item_Unused" structureRef="string"/>
  <process id="P" isExecutable="false">
    <extensionElements><vp:Extensions><Model id="M1" name="XOR"><VpId Value="abc"/></Model></vp:Extensions></extensionElements>
    <ioSpecification><inputSet/><outputSet/></ioSpecification>
    <startEvent id="S"/><task id="T" name="Granska"/><endEvent id="E"/>
    <sequenceFlow id="F1" sourceRef="S" targetRef="T"/><sequenceFlow id="F2" sourceRef="T" targetRef="E"/>
  </process>
</definitions>
"""


def test_convert_keeps_vendor_elements_in_bpmn_and_names_what_yaml_leaves_out(tmp_path: Path) -> None:
    """BPMN -> YAML dropped them without a word (BPMN -> BPMN keeps them)."""
    src = tmp_path / "vp.bpmn"
    src.write_text(VENDOR, encoding="utf-8")
    same = tmp_path / "same.bpmn"
    result = run("convert", str(src), str(same))
    assert (result.exit_code, result.stderr) == (0, "")
    text = same.read_text(encoding="utf-8")
    for kept in ('id="Item_Unused"', '<Model xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="M1"',
                 "<bpmn:ioSpecification", "<bpmn:inputSet"):
        assert kept in text, kept
    out = tmp_path / "vp.yaml"
    result = run("convert", str(src), str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"permitflow: warning: {src}: not kept in {out} (the YAML form has no place for them): vendor extensions "
        "or attributes on 1 element ('P'); the ioSpecification of process 'P'; 1 root element other than messages "
        "(itemDefinition 'Item_Unused')\n")
    back = tmp_path / "back.bpmn"
    result = run("convert", str(out), str(back))  # nothing more is lost on the way back
    assert (result.exit_code, result.stderr) == (0, "")
    assert "Item_Unused" not in back.read_text(encoding="utf-8")


DOCUMENTED = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <bpmn:process id="P" isExecutable="false">
    <bpmn:documentation>Processen för serveringstillstånd</bpmn:documentation>
    <bpmn:laneSet id="LS">
      <bpmn:lane id="L"><bpmn:documentation>Handläggarna</bpmn:documentation>
        <bpmn:flowNodeRef>S</bpmn:flowNodeRef><bpmn:flowNodeRef>T</bpmn:flowNodeRef><bpmn:flowNodeRef>E</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="S"/>
    <bpmn:task id="T" name="Granska"><bpmn:documentation>Läs ansökan.</bpmn:documentation></bpmn:task>
    <bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T"/>
    <bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E"><bpmn:documentation>När allt är läst</bpmn:documentation>
    </bpmn:sequenceFlow>
  </bpmn:process>
</bpmn:definitions>
"""


def _documentation_left_out(tmp_path: Path, stem: str, bpmn: str) -> tuple[Path, str]:
    """The YAML ``convert`` writes of ``bpmn`` and what its warning says is left out, after "documentation of "."""
    src, out = tmp_path / f"{stem}.bpmn", tmp_path / f"{stem}.yaml"
    src.write_text(bpmn, encoding="utf-8")
    result = run("convert", str(src), str(out))
    assert result.exit_code == 0, result.stderr
    start = f"permitflow: warning: {src}: not kept in {out} (the YAML form has no place for them): documentation of "
    assert result.stderr.startswith(start), result.stderr
    return out, result.stderr.removeprefix(start)


def test_convert_to_yaml_names_the_documentation_it_leaves_out(tmp_path: Path) -> None:
    """A process's, a lane's and a flow's documentation were dropped without a word (a step's first is `doc:`)."""
    out, said = _documentation_left_out(tmp_path, "doc", DOCUMENTED)
    assert said == "3 elements ('P', 'F2', 'L')\n"
    assert "doc: Läs ansökan." in out.read_text(encoding="utf-8")
    back = tmp_path / "back.bpmn"
    result = run("convert", str(out), str(back))  # the step's documentation comes back, nothing more is said
    assert (result.exit_code, result.stderr) == (0, "")
    assert "<bpmn:documentation>Läs ansökan.</bpmn:documentation>" in back.read_text(encoding="utf-8")


def test_convert_to_yaml_does_not_say_an_empty_documentation_is_lost(tmp_path: Path) -> None:
    """Found by QA on Bizagi's A.1.0: "documentation of 2 elements" for two empty <documentation/> elements."""
    _out, said = _documentation_left_out(tmp_path, "empty", DOCUMENTED.replace(
        ">Processen för serveringstillstånd<", "><").replace(
        "<bpmn:documentation>Handläggarna</bpmn:documentation>", "<bpmn:documentation/>"))
    assert said == "1 element ('F2')\n"


@pytest.mark.parametrize("command", ["validate", "show", "convert"])
def test_help_has_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout and f"permitflow {command} " in result.stdout


@pytest.mark.node
def test_converted_example_is_accepted_by_bpmn_moddle(tmp_path: Path) -> None:
    import shutil
    import subprocess

    js = Path(__file__).resolve().parent / "js"
    if shutil.which("node") is None or not (js / "node_modules" / "bpmn-moddle").exists():
        pytest.skip("node or bpmn-moddle is not installed (make node-deps)")
    out = tmp_path / "permit.bpmn"
    assert run("convert", str(EXAMPLE), str(out)).exit_code == 0
    proc = subprocess.run(["node", str(js / "check_moddle.mjs"), str(out)], capture_output=True, text=True,
                          timeout=120, cwd=js)
    assert json.loads(proc.stdout) == {str(out): []}


def test_validate_help_lists_every_problem_code() -> None:
    from processes.validate import CODES

    text = run("validate", "--help").stdout
    assert [code for code in CODES if code not in text] == []


def test_validate_lenient_reports_a_dangling_flow_as_a_problem() -> None:
    fixture = Path(__file__).resolve().parent / "fixtures" / "dangling_ref.bpmn"
    strict = CliRunner().invoke(cli, ["validate", str(fixture)])
    assert strict.exit_code == 2 and "sequenceFlow targetRef 'Ghost' does not exist" in strict.stderr
    lenient = CliRunner().invoke(cli, ["validate", "--lenient", str(fixture)])
    assert lenient.exit_code == 1
    assert lenient.output == (f"{fixture}:7: error missing-ref F_Ghost: sequence flow targetRef 'Ghost' does not exist "
                              "(expected the id of a flow node in process 'P')\n")


def test_render_refuses_an_output_that_is_not_svg(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["render", "helsingborg", "-o", str(tmp_path / "h.png")])
    assert result.exit_code == 2 and "expected a file name ending in .svg" in result.output
    assert list(tmp_path.iterdir()) == []


def test_render_of_a_file_with_several_diagrams_says_which_it_drew(tmp_path: Path) -> None:
    # found by QA: an export whose first diagram is a called activity's (3 shapes) drew that one silently
    model = FIXTURES / "bpmn" / "subprocesses.bpmn"
    first = run("render", str(model), "-o", str(tmp_path / "a.svg"))
    assert first.exit_code == 0, first.output
    assert first.stderr == (f"note: {model} has 2 diagrams (0: 12 shapes, 1: 3 shapes); drew diagram 0, "
                            "--diagram K draws another\n")
    chosen = run("render", str(model), "-o", str(tmp_path / "b.svg"), "--diagram", "1")
    assert (chosen.exit_code, chosen.stderr) == (0, "")  # asked for: nothing to say
    one = run("render", str(FIXTURES / "simple.bpmn"), "-o", str(tmp_path / "c.svg"))
    assert (one.exit_code, one.stderr) == (0, "")


GLOBAL_TASK_TWIN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <bpmn:globalTask id="P" name="Kallad"/>
  <bpmn:process id="P" isExecutable="false">
    <bpmn:startEvent id="S"/>
    <bpmn:callActivity id="C" calledElement="P"/>
    <bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="C"/>
    <bpmn:sequenceFlow id="F2" sourceRef="C" targetRef="E"/>
  </bpmn:process>
</bpmn:definitions>
"""


def test_a_file_written_from_a_lenient_read_validates_without_the_duplicate_it_no_longer_has(tmp_path: Path) -> None:
    """validate took any id '<id>_dup<n>' beside '<id>' for a renamed repeat: the file `convert --lenient`
    wrote of a Signavio roundtrip (a globalTask with its process's id; every id unique afterwards, XSD-valid)
    was an error 'id 'P' is used more than once', exit 1."""
    src = tmp_path / "twin.bpmn"
    src.write_text(GLOBAL_TASK_TWIN, encoding="utf-8")
    lenient = run("validate", "--lenient", str(src))  # the lenient read still says what it renamed
    assert lenient.exit_code == 1
    assert lenient.stdout.startswith(f"{src}:3: error duplicate-id P_dup2: id 'P' is used more than once in the file")
    out = tmp_path / "fixed.bpmn"
    assert run("convert", "--lenient", str(src), str(out)).exit_code == 0
    assert 'id="P_dup2"' in out.read_text(encoding="utf-8")
    result = run("validate", str(out))
    assert (result.exit_code, result.stdout) == (0, f"{out}: ok\n")


def test_convert_lenient_to_yaml_refuses_a_flow_to_a_missing_element(tmp_path: Path) -> None:
    """A lenient read keeps a flow to an element that is not there (Signavio's exports); written as YAML
    it became `to: Nowhere`, exit 0, and permitflow then refused its own file ('unknown step')."""
    src = tmp_path / "dangling.bpmn"
    src.write_text(DOCUMENTED.replace('sourceRef="T" targetRef="E"', 'sourceRef="T" targetRef="Nowhere"'),
                   encoding="utf-8")
    out = tmp_path / "dangling.yaml"
    result = run("convert", "--lenient", str(src), str(out))
    assert result.exit_code == 2
    assert result.stderr == (
        f"permitflow: error: {src}: cannot be written as YAML authoring form: sequence flow 'F2' has targetRef "
        "'Nowhere', which is not a step of process 'P'\n")
    assert not out.exists()
    assert run("convert", "--lenient", str(src), str(tmp_path / "kept.bpmn")).exit_code == 0  # BPMN keeps it


def test_a_problem_of_a_yaml_model_names_the_line_of_its_step(tmp_path: Path) -> None:
    """validate's problem lines named no line (qa23: every problem line says file, line, element id,
    what is wrong and what was expected); the authoring form knows the line of every id it reads."""
    model = tmp_path / "g.yaml"
    model.write_text("process: {id: P, name: Test}\nsteps:\n  - {id: S, event: start}\n  - {id: G, gateway: exclusive}\n"
                     "  - {id: A, task: user, name: Granska}\n  - {id: E, event: end}\n", encoding="utf-8")
    result = run("validate", str(model))
    assert (result.exit_code, result.stdout) == (0, f"{model}:4: warning trivial-gateway G: exclusive gateway 'G' has "
                                                    "one incoming and one outgoing flow; it does nothing (expected two "
                                                    "or more flows in or out, or no gateway)\n")
