"""permitflow convert --to prosimos / --from bpsim|qbp|prosimos through the command line."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bpmntext import bpmn_text
from click.testing import CliRunner
from shared import INTEROP

from bpmn_io.profile import read_profile
from cli import cli

ROOT = Path(__file__).resolve().parents[1]
ODD = INTEROP / "odd"
MM1 = ROOT / "tests/fixtures/sim/mm1.bpmn"
MM1_PROFILE = ROOT / "tests/fixtures/sim/mm1.yaml"


def _to_fill_in(tmp_path: Path, bpmn: str, model_name: str, profile_name: str) -> tuple[Path, Path, str]:
    """``bpmn`` written as ``model_name`` and converted to a profile to fill in, ``profile_name``:
    (the model, the profile, what the command said); the conversion must succeed."""
    model = tmp_path / model_name
    model.write_text(bpmn, encoding="utf-8")
    out = tmp_path / profile_name
    r = run("convert", str(model), str(out), "--to", "profile")
    assert r.exit_code == 0, r.output
    return model, out, r.output


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_to_prosimos_and_back_gives_the_same_parameters(tmp_path) -> None:
    out = tmp_path / "mm1.json"
    r = run("convert", str(MM1), str(out), "--to", "prosimos", "--profile", str(MM1_PROFILE))
    assert r.exit_code == 0, r.output
    doc = json.loads(out.read_text())
    assert doc["task_resource_distribution"][0]["task_id"] == "Task_Serve"
    back = tmp_path / "profile.yaml"
    r = run("convert", str(out), str(back), "--from", "prosimos", "--model", str(MM1))
    assert r.exit_code == 0, r.output
    again = read_profile(back).simulation
    assert again.elements["Task_Serve"].duration == read_profile(MM1_PROFILE).simulation.elements["Task_Serve"].duration


def test_library_model_to_prosimos_warns_per_feature_on_stderr(tmp_path) -> None:
    out = tmp_path / "h.json"
    r = run("convert", "helsingborg", str(out), "--to", "prosimos")
    assert r.exit_code == 0
    assert "permitflow: warning: calendar 'office': holidays (SE) cannot be expressed in Prosimos" in r.stderr
    assert out.is_file()


@pytest.mark.interop
def test_from_bpsim_and_qbp_write_valid_profiles(tmp_path) -> None:
    for fmt, src in (("bpsim", ODD / "jbpm-designer/simulationProcess.bpmn2"),
                     ("qbp", ODD / "simod/PurchasingExampleQBP.bpmn")):
        out = tmp_path / f"{fmt}.yaml"
        r = run("convert", str(src), str(out), "--from", fmt)
        assert r.exit_code == 0, r.output
    # read from the files by hand: jBPM's task _9A4A7D58, UniformDistribution min 3 max 7 (baseTimeUnit min) with
    # ResourceParameters Quantity 2.0, and no InterTriggerTimer; QBP's resources, each its totalAmount
    bpsim = read_profile(tmp_path / "bpsim.yaml")
    task = "_9A4A7D58-3DDC-4A8E-A63F-189101D0C7CD"
    assert bpsim.raw["simulation"]["elements"][task]["duration"] == {"dist": "uniform", "low": "3m", "high": "7m"}
    assert {pool: p.count for pool, p in bpsim.simulation.pools.items()} == {f"pool_{task}": 2}
    assert bpsim.simulation.arrivals.per_year == 0
    qbp = read_profile(tmp_path / "qbp.yaml").simulation
    assert {pool: p.count for pool, p in qbp.pools.items()} == {
        "QBP_DEFAULT_RESOURCE": 20, "qbp_22560896-b640-4f80-b705-ddce146a47ce": 14,
        "qbp_1be1130b-07dc-4d4c-8b51-23a905ae3518": 5, "qbp_382b1bb6-2db4-43fe-b3a9-659307c23a1e": 3,
        "qbp_bec8870b-b717-48ee-aefe-2ebf56292288": 3, "qbp_b5bbf705-b3ec-49dd-83f4-cbdc5294289d": 2}


def test_a_file_without_the_format_is_one_error_and_no_output(tmp_path) -> None:
    out = tmp_path / "x.yaml"
    r = run("convert", str(MM1), str(out), "--from", "qbp")
    assert r.exit_code == 2
    assert "no qbp:processSimulationInfo found" in r.output
    assert list(tmp_path.iterdir()) == []


def test_prosimos_needs_the_model_and_json(tmp_path) -> None:
    bad = tmp_path / "p.json"
    bad.write_text("{not json")
    r = run("convert", str(bad), str(tmp_path / "o.yaml"), "--from", "prosimos", "--model", str(MM1))
    assert r.exit_code == 2 and "not JSON" in r.output
    r = run("convert", str(bad), str(tmp_path / "o.yaml"), "--from", "prosimos")
    assert r.exit_code == 2 and "--from prosimos needs --model" in r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json"]


PEER_PYTHON = ROOT / "bench/.venv-prosimos/bin/python"
JBPM_PROFILE = (ROOT / "tests/fixtures/sim/jbpm_profile.yaml").read_text(encoding="utf-8")
PEER_RUN = """
import random, sys
import numpy
from prosimos.simulation_engine import run_simulation
random.seed(7); numpy.random.seed(7)
run_simulation(sys.argv[1], sys.argv[2], 25, stat_out_path=None, log_out_path=sys.argv[3],
               starting_at="2025-01-06T00:00:00.000000+00:00")
"""


def test_to_prosimos_writes_the_bpmn_prosimos_reads(tmp_path) -> None:
    out, bpmn = tmp_path / "h.json", tmp_path / "h.bpmn"
    r = run("convert", "helsingborg", str(out), "--to", "prosimos", "--bpmn", str(bpmn))
    assert r.exit_code == 0, r.output
    text = bpmn.read_text(encoding="utf-8")
    assert "userTask" not in text and "sendTask" not in text and "intermediateThrowEvent" not in text
    assert 'id="Task_Registrera_Ansokan"' in text
    r = run("convert", "helsingborg", str(tmp_path / "h.bpmn2"), "--bpmn", str(tmp_path / "x.bpmn"))
    assert r.exit_code == 2 and "--bpmn goes with --to prosimos" in r.output
    r = run("convert", str(MM1), str(tmp_path / "q.yaml"), "--from", "qbp", "--scenario", "x")
    assert r.exit_code == 2 and "--scenario goes with --from bpsim" in r.output


@pytest.mark.slow
@pytest.mark.skipif(not PEER_PYTHON.exists(), reason="Prosimos is not installed in bench/.venv-prosimos "
                    "(make peer, or make test, creates it)")
@pytest.mark.parametrize("model, activity", [("helsingborg", "Diarieför ansökan"),
                                             pytest.param("jbpm", "SubProcess", marks=pytest.mark.interop)])
def test_prosimos_itself_runs_an_export(tmp_path, model, activity) -> None:
    out, bpmn, log = tmp_path / "p.json", tmp_path / "p.bpmn", tmp_path / "log.csv"
    args = ["convert", model, str(out), "--to", "prosimos", "--bpmn", str(bpmn)]
    if model == "jbpm":
        (tmp_path / "jbpm.yaml").write_text(JBPM_PROFILE, encoding="utf-8")  # 2 staff 24/7, 1 case an hour
        args[1:2] = [str(ODD / "jbpm-designer/simulationProcess.bpmn2")]
        args += ["--profile", str(tmp_path / "jbpm.yaml")]
    assert run(*args).exit_code == 0
    done = subprocess.run([str(PEER_PYTHON), "-c", PEER_RUN, str(bpmn), str(out), str(log)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    with log.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["case_id"] for r in rows} == {str(i) for i in range(25)}
    assert activity in {r["activity"] for r in rows}


def test_library_round_trip_through_prosimos_files(tmp_path) -> None:
    from bpmn_io.library import load_entry

    out, back = tmp_path / "h.json", tmp_path / "h.yaml"
    assert run("convert", "helsingborg", str(out), "--to", "prosimos").exit_code == 0
    r = run("convert", str(out), str(back), "--from", "prosimos", "--model", "helsingborg")
    assert r.exit_code == 0, r.output
    again = read_profile(back).simulation
    original = load_entry("helsingborg").profile.simulation
    assert {n: p.count for n, p in again.pools.items()} == {n: p.count for n, p in original.pools.items()}
    assert again.elements["Task_Utredning"].duration == original.elements["Task_Utredning"].duration
    assert dict(again.elements["Gw_Komplett"].probabilities) == pytest.approx(
        dict(original.elements["Gw_Komplett"].probabilities))


@pytest.mark.interop
def test_imported_qbp_profile_simulates(tmp_path) -> None:
    src = ODD / "simod/PurchasingExampleQBP.bpmn"
    out = tmp_path / "q.yaml"
    assert run("convert", str(src), str(out), "--from", "qbp").exit_code == 0
    r = run("simulate", str(src), "--profile", str(out), "--cases", "20", "-q", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["figures"]["cases"]["mean"] == 20


@pytest.mark.interop
def test_from_bpsim_scenario_option(tmp_path) -> None:
    src = ODD / "jbpm-designer/simulationProcess.bpmn2"
    r = run("convert", str(src), str(tmp_path / "a.yaml"), "--from", "bpsim", "--scenario", "Simulationscenario")
    assert r.exit_code == 0, r.output
    r = run("convert", str(src), str(tmp_path / "b.yaml"), "--from", "bpsim", "--scenario", "nope")
    assert r.exit_code == 2 and "no BPSim scenario 'nope' (expected one of default)" in r.output


def test_to_profile_gives_the_same_bytes_in_any_year_and_starts_where_asked(tmp_path) -> None:
    """Found by the words review: the profile started on 1 January of the current year, so the same model
    gave another profile each year. It starts on the library profiles' 2025-01-01 unless --start says."""
    model = tmp_path / "permit.yaml"
    model.write_bytes((ROOT / "examples" / "permit.yaml").read_bytes())
    first, second, later = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    assert run("convert", str(model), str(first), "--to", "profile").exit_code == 0
    assert run("convert", str(model), str(second), "--to", "profile").exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    assert read_profile(first).simulation.start == dt.date(2025, 1, 1)  # type: ignore[union-attr]
    r = run("convert", str(model), str(later), "--to", "profile", "--start", "2027-03-01")
    assert r.exit_code == 0, r.output
    assert read_profile(later).simulation.start == dt.date(2027, 3, 1)  # type: ignore[union-attr]
    assert first.read_bytes().replace(b"start: 2025-01-01", b"start: 2027-03-01") == later.read_bytes()
    wrong = run("convert", str(model), str(tmp_path / "d.bpmn"), "--start", "2027-03-01")
    assert wrong.exit_code == 2 and "--start goes with --to profile" in wrong.output


def test_to_profile_writes_a_profile_to_fill_in_that_simulates_as_written(tmp_path) -> None:
    """Found by the QA journey (2026-12-06): a process developer with a model of their own (a modelling
    tool's ids, Activity_1regans) had to write profile.yaml by hand from docs/profile.md, key by key;
    `simulate` said only 'no profile beside the model'. `convert MODEL OUT --to profile` writes one keyed by
    the model's ids with placeholder values."""
    model = tmp_path / "permit.yaml"
    model.write_bytes((ROOT / "examples" / "permit.yaml").read_bytes())
    out = tmp_path / "profile.yaml"
    alone = run("simulate", str(model))
    assert alone.exit_code == 2 and f"`permitflow convert {model} {out} --to profile` writes one" in alone.output
    r = run("convert", str(model), str(out), "--to", "profile")
    assert r.exit_code == 0, r.output
    assert "taken as the decision step" in r.output and "no legal clock" in r.output  # stderr, said
    # a step is named as every command's messages name one: its name, then its id
    assert (f"permitflow: {out}: Besluta (Task_Beslut) in lane Nämnd (Lane_Namnd) taken as the decision step"
            in r.output)
    profile = read_profile(out)
    sim = profile.simulation
    assert sim is not None and sim.decision is not None and sim.decision.element == "Task_Beslut"  # in lane Nämnd
    assert sim.clock is None
    assert sim.elements["Task_Granska"].duration is not None  # work for the lane's pool
    assert sim.elements["Event_Polisen"].delay is not None  # a message catch: the other party's time
    assert sorted(sim.elements["Gw_Komplett"].probabilities.values()) == [0.5, 0.5]
    assert [p.name for p in sim.pools.values()] == ["officer"] and sim.pools["officer"].lanes == ("Lane_Handlaggare",)
    assert "Granska ansökan" in out.read_text(encoding="utf-8")  # each step's name as its note
    shown = run("simulate", str(model), "--profile", str(out), "-r", "2", "--workers", "1", "--format", "json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["figures"]["cases_decided"]["mean"] > 0
    before = out.read_bytes()
    again = run("convert", str(model), str(out), "--to", "profile")
    assert again.exit_code == 2 and "exists" in again.output and out.read_bytes() == before


OWN_MODEL = """process: {id: Tillfalligt, name: Tillfälligt serveringstillstånd}
lanes: {Lane_H: Handläggare, Lane_C: Enhetschef}
steps:
  - {id: Start, event: start, name: Ansökan inkommen, lane: Lane_H}
  - {id: Task_Utreda, task: user, name: Utred ansökan, lane: Lane_H}
  - {id: Task_Beslut, task: user, name: Besluta, lane: Lane_C}
  - {id: End, event: end, name: Beslut meddelat, lane: Lane_C}
"""


def test_the_notes_say_where_the_clock_and_a_decision_go(tmp_path) -> None:
    """Found by QA (qawalk): "add clock: {start: ..., stop: ..., deadline: 4mo}" did not say where, and a clock
    written at the profile's top was refused (unknown key 'clock'); the notes say under simulation:, and a
    clock put there as they say gives the shares within the deadline."""
    import yaml

    model = tmp_path / "own.yaml"
    model.write_text(OWN_MODEL, encoding="utf-8")
    out = tmp_path / "profile.yaml"
    r = run("convert", str(model), str(out), "--to", "profile")
    assert r.exit_code == 0, r.output
    assert "add decision: under simulation:" in r.output
    assert "add clock: {start: ..., stop: ..., deadline: 4mo} under simulation: for the share" in r.output
    raw = yaml.safe_load(out.read_text(encoding="utf-8"))
    raw["simulation"]["clock"] = {"start": "Start", "stop": "End", "deadline": "4mo"}
    out.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    shown = run("simulate", str(model), "-r", "2", "--workers", "1", "--format", "json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["figures"]["within_deadline_share"]["mean"] == 1.0


POOLS_ONLY = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <collaboration id="C"><participant id="Sokande" name="Sökande"/></collaboration>
</definitions>
"""


def test_simulate_of_a_file_without_a_process_says_so_in_one_line(tmp_path) -> None:
    """A BPMN file with no process element (black-box pools only; bpmn-moddle's namespace-prefix-collision
    fixture has a diagram alone) ended in a traceback, KeyError: 'no process in definitions'."""
    model = tmp_path / "pools.bpmn"
    model.write_text(POOLS_ONLY, encoding="utf-8")
    profile = tmp_path / "profile.yaml"
    profile.write_text((ROOT / "tests/fixtures/sim/mm1.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("simulate", str(model), "--profile", str(profile), "-r", "2", "--workers", "1")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"permitflow: error: {model}: no process to simulate (the file holds no process element; expected one "
        "with a start event, its steps and flows)")


def test_to_profile_of_a_file_without_a_process_writes_nothing(tmp_path) -> None:
    """It wrote a profile of nothing ('0 task(s) ..., 0 pool(s) of one person (none): replace them'),
    exit 0, for a file that simulate then refused."""
    model = tmp_path / "pools.bpmn"
    model.write_text(POOLS_ONLY, encoding="utf-8")
    profile = tmp_path / "profile.yaml"
    result = run("convert", str(model), str(profile), "--to", "profile")
    assert result.exit_code == 2
    assert result.output == (
        f"permitflow: error: {model}: no process to simulate (the file holds no process element; expected one "
        "with a start event, its steps and flows); no profile written\n")
    assert not profile.exists()


# (two top-level start events were refused here until they were simulated: tests/test_cli_event_semantics.py)
COMPLEX = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <process id="P">
    <startEvent id="S"/><task id="T" name="Granska"/><endEvent id="E"/>
    <complexGateway id="C"/>
    <sequenceFlow id="F1" sourceRef="S" targetRef="C"/><sequenceFlow id="F2" sourceRef="C" targetRef="T"/>
    <sequenceFlow id="F3" sourceRef="T" targetRef="E"/>
  </process>
</definitions>
"""
COMPLEX_SAID = ("process 'P' cannot be simulated: 1 element(s) not executable: 'C': complex gateways are not "
                "simulated: draw an inclusive gateway instead (`probabilities:` over its flows, or flow sets joined "
                "by '+')\n")


def test_to_profile_of_a_model_that_cannot_be_simulated_names_the_file(tmp_path) -> None:
    """The line named the process and its elements but not the file (MIWG A.3.0, B.2.0, C.6.0 ...), then
    not the line of the first element it names, as simulate without a profile does."""
    model = tmp_path / "complex.bpmn"
    model.write_text(COMPLEX, encoding="utf-8")
    profile = tmp_path / "profile.yaml"
    result = run("convert", str(model), str(profile), "--to", "profile")
    assert result.exit_code == 2  # bad input, as simulate says it (it was 1)
    assert result.output == f"permitflow: error: {model}:5: {COMPLEX_SAID}"
    assert not profile.exists()


def test_simulate_without_a_profile_of_a_model_that_cannot_be_simulated_says_why_at_once(tmp_path) -> None:
    """simulate said 'no profile beside the model ... `convert --to profile` writes one', and only that
    command then said the model cannot be simulated, whatever its profile (34 interop files)."""
    model = tmp_path / "complex.bpmn"
    model.write_text(COMPLEX, encoding="utf-8")
    result = run("simulate", str(model), "--cases", "10")
    assert result.exit_code == 2
    assert result.output == f"permitflow: error: {model}:5: {COMPLEX_SAID}"
    assert not (tmp_path / "profile.yaml").exists()
    pools = tmp_path / "pools.bpmn"
    pools.write_text(POOLS_ONLY, encoding="utf-8")
    result = run("simulate", str(pools), "--cases", "10")
    assert result.exit_code == 2
    assert result.output == (
        f"permitflow: error: {pools}: no process to simulate (the file holds no process element; expected one "
        "with a start event, its steps and flows)\n")


SIGNAL = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <signal id="Sig" name="Beslut fattat"/>
  <process id="P">
    <startEvent id="S"/><task id="T" name="Granska"/><endEvent id="E"/>
    <intermediateCatchEvent id="B"><signalEventDefinition signalRef="Sig"/><timerEventDefinition/>
      </intermediateCatchEvent>
    <sequenceFlow id="F1" sourceRef="S" targetRef="T"/><sequenceFlow id="F2" sourceRef="T" targetRef="B"/>
    <sequenceFlow id="F3" sourceRef="B" targetRef="E"/>
  </process>
</definitions>
"""


@pytest.mark.parametrize("command", ["convert --to profile", "simulate", "simulate --profile"])
def test_a_model_the_simulator_cannot_run_is_bad_input_exit_2_for_every_command(tmp_path, command: str) -> None:
    """convert --to profile exited 1 and simulate 2 for the same refusal; DESIGN.md: 0 ok, 1 failed,
    2 bad input/usage. The profile given to simulate is one convert wrote for the model without the
    signal-or-timer catch event, its flows joined (the refusal is then at the profile's line of the element, as
    before). (A signal catch event alone was refused here until it was simulated as a wait.)"""
    model = tmp_path / "m.bpmn"
    model.write_text(SIGNAL, encoding="utf-8")
    profile = tmp_path / "p.yaml"
    if command == "convert --to profile":
        result = run("convert", str(model), str(profile), "--to", "profile")
    elif command == "simulate":
        result = run("simulate", str(model), "--cases", "5", "-q")
    else:
        plain = tmp_path / "plain.bpmn"
        plain.write_text(SIGNAL.replace('<intermediateCatchEvent id="B">', "<!-- ")
                         .replace("</intermediateCatchEvent>", " -->").replace('targetRef="B"', 'targetRef="E"')
                         .replace('<sequenceFlow id="F3" sourceRef="B" targetRef="E"/>', ""), encoding="utf-8")
        assert run("convert", str(plain), str(profile), "--to", "profile").exit_code == 0
        result = run("simulate", str(model), "--profile", str(profile), "--cases", "5", "-q", "--workers", "1")
    assert result.exit_code == 2, result.output
    assert ("cannot be simulated: 1 element(s) not executable: 'B': multiple intermediate catch event is not "
            "simulated: draw an event-based gateway to one timer or message catch event per trigger instead"
            ) in result.stderr
    assert (f"permitflow: error: {profile if command == 'simulate --profile' else model}:") in result.stderr
    assert "Traceback" not in result.output
    assert command != "convert --to profile" or not profile.exists()


MULTI_CALL = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <process id="P">
    <startEvent id="S"/>
    <callActivity id="C" name="Begär handling" calledElement="other"><multiInstanceLoopCharacteristics/></callActivity>
    <endEvent id="E"/>
    <sequenceFlow id="F1" sourceRef="S" targetRef="C"/><sequenceFlow id="F2" sourceRef="C" targetRef="E"/>
  </process>
</definitions>
"""


def test_a_multi_instance_call_activity_without_a_count_gets_one_in_the_profile_to_fill_in(tmp_path) -> None:
    """A task or subprocess marked multi-instance without a count got `cardinality: 2`, a call activity
    (MIWG C.9.2, Camunda's inputCollection) none: convert --to profile refused to write the profile
    that would give it ("give `cardinality:` in the element's params"), and simulate said the model
    cannot be simulated."""
    model = tmp_path / "call.bpmn"
    model.write_text(MULTI_CALL, encoding="utf-8")
    alone = run("simulate", str(model))
    assert alone.exit_code == 2 and "--to profile` writes one to fill in" in alone.output
    out = tmp_path / "profile.yaml"
    r = run("convert", str(model), str(out), "--to", "profile")
    assert r.exit_code == 0, r.output
    assert read_profile(out).simulation.elements["C"].cardinality == 2  # type: ignore[union-attr]
    shown = run("simulate", str(model), "--cases", "10", "-r", "1", "--workers", "1", "--format", "json")
    assert shown.exit_code == 0, shown.output


CALL = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <process id="P">
    <laneSet id="LS"><lane id="L1" name="Handläggare"><flowNodeRef>S</flowNodeRef><flowNodeRef>T</flowNodeRef>
      </lane><lane id="L2" name="Registrator"><flowNodeRef>C</flowNodeRef></lane></laneSet>
    <startEvent id="S"/><task id="T" name="Granska"/>
    <callActivity id="C" name="Diarieför" calledElement="other"/><endEvent id="E"/>
    <sequenceFlow id="F1" sourceRef="S" targetRef="T"/><sequenceFlow id="F2" sourceRef="T" targetRef="C"/>
    <sequenceFlow id="F3" sourceRef="C" targetRef="E"/>
  </process>
</definitions>
"""


def test_a_call_activity_gets_a_work_time_to_fill_in_as_a_task_does(tmp_path) -> None:
    """It got no entry, so a call activity took no time at all when simulated (MIWG C.9.2, C.8.0 ...)."""
    model, out, said = _to_fill_in(tmp_path, CALL, "call.bpmn", "profile.yaml")
    # no "0 wait(s)": only what the model has, in the singular or plural (found by QA, qawords)
    assert (f"permitflow: {out}: placeholders to replace: 1 hour of work for 1 task and 1 call activity (the "
            "process called as one step), 2 pools of one person (officer, registrator)\n") in said
    sim = read_profile(out).simulation
    assert sim is not None and sim.elements["C"].duration == sim.elements["T"].duration
    assert sim.pools["registrator"].lanes == ("L2",)  # its lane has a pool to do the work
    shown = run("simulate", str(model), "--cases", "5", "-r", "1", "--workers", "1", "--format", "json")
    assert shown.exit_code == 0, shown.output


#: a collapsed subprocess its tool wrote with nothing inside (isExpanded="false", no flow node in it)
EMPTY = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x"
    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC">
  <process id="P">
    <startEvent id="S"/>
    <subProcess id="Sub" name="Handläggning"/>
    <endEvent id="E"/>
    <sequenceFlow id="F1" sourceRef="S" targetRef="Sub"/><sequenceFlow id="F2" sourceRef="Sub" targetRef="E"/>
  </process>
  <bpmndi:BPMNDiagram id="Di"><bpmndi:BPMNPlane id="Pl" bpmnElement="P">
    <bpmndi:BPMNShape id="S_di" bpmnElement="S"><dc:Bounds x="0" y="22" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Sub_di" bpmnElement="Sub" isExpanded="false"><dc:Bounds x="80" y="0" width="100" height="80"/>
    </bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="E_di" bpmnElement="E"><dc:Bounds x="220" y="22" width="36" height="36"/></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</definitions>
"""


def test_an_empty_collapsed_subprocess_gets_a_work_time_to_fill_in_said_in_a_comment(tmp_path) -> None:
    """It was refused: 'draw it as a task instead' (19 interop files); a call activity already got 1 hour."""
    _model, out, said = _to_fill_in(tmp_path, EMPTY, "m.bpmn", "profile.yaml")
    assert (f"permitflow: {out}: placeholders to replace: 1 hour of work for 1 empty subprocess (nothing "
            "drawn inside: one step), 1 pool of one person (officer)\n") in said
    sim = read_profile(out).simulation
    assert sim is not None and sim.elements["Sub"].duration is not None and sim.elements["Sub"].pool == "officer"
    text = out.read_text(encoding="utf-8")
    assert ("    # Handläggning (Sub): a subprocess with nothing drawn inside (its tool kept it collapsed):\n"
            "    # simulated as one step of work, as a call activity is; its 1h is a placeholder for the work of\n"
            "    # the steps it stands for\n"
            "    Sub:\n      duration: 1h\n") in text


def test_an_empty_collapsed_subprocess_simulates_as_one_step_of_exactly_its_work_time(tmp_path) -> None:
    """By hand: the case comes on Friday 7 March 2025 at 14:00; 5 hours of work on office hours (Fri to
    15:00, Mon from 08:00, lunch 12-13) are Fri 14-15 and Mon 08-12: done Monday 10 March 12:00, 70 hours
    (2 days 22 h) from submission. One note says how it was simulated, at the model's line of the element."""
    model = tmp_path / "m.bpmn"
    model.write_text(EMPTY, encoding="utf-8")
    profile = tmp_path / "p.yaml"
    profile.write_text("""municipality: One step
simulation:
  start: 2025-03-03
  horizon: 1y
  calendars:
    office:
      hours: {mon: "08:00-12:00, 13:00-16:30", tue: "08:00-12:00, 13:00-16:30", wed: "08:00-12:00, 13:00-16:30",
              thu: "08:00-12:00, 13:00-16:30", fri: "08:00-12:00, 13:00-15:00"}
  pools:
    officer: {count: 1, calendar: office, lanes: []}
  arrivals: {dates: [2025-03-07 14:00:00]}
  elements:
    Sub: {duration: 5h, pool: officer}
""", encoding="utf-8")
    log = tmp_path / "log.csv"
    r = run("simulate", str(model), "--profile", str(profile), "-r", "1", "-q", "--workers", "1", "--format", "json",
            "--eventlog", str(log))
    assert r.exit_code == 0, r.output
    rows = [(row["activity"], row["resource"], row["start"], row["end"])
            for row in csv.DictReader(log.open(encoding="utf-8"))]
    assert rows == [("Handläggning", "officer", "2025-03-07T14:00:00", "2025-03-10T12:00:00")]
    figures = {k: v["mean"] for k, v in json.loads(r.stdout)["figures"].items()}
    assert figures["work_hours.Sub"] == 5.0
    assert figures["submission_to_decision_mean_days"] == pytest.approx(70 / 24, abs=1e-12)
    assert r.stderr == (f"note: {model}:6: Handläggning (Sub): a subprocess with nothing drawn inside (its tool kept "
                        "it collapsed): simulated as one step of work, as a call activity is; its `duration:` from "
                        f"{profile}:13\n")


@pytest.mark.interop
@pytest.mark.parametrize("name", ["miwg/reference/C.3.0.bpmn", "miwg/adonis-17.0/B.1.0-export.bpmn",
                                  "odd/bpmn-js/collapsed-sub-process.bpmn"])
def test_an_interop_file_refused_only_for_an_empty_subprocess_simulates(tmp_path, name: str) -> None:
    """Their one refusal was 'an embedded subprocess needs exactly one start event, found 0 ... draw it as a task'."""
    model = tmp_path / Path(name).name
    shutil.copy(INTEROP / name, model)
    out = tmp_path / "p.yaml"
    r = run("convert", str(model), str(out), "--to", "profile")
    assert r.exit_code == 0, r.output
    shown = run("simulate", str(model), "--profile", str(out), "--years", "0.3", "-r", "2", "--workers", "1")
    assert shown.exit_code == 0, shown.output
    assert shown.stderr.count("a subprocess with nothing drawn inside") == 1


CONDITIONAL = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <process id="P">
    <startEvent id="S"/>
    <intermediateCatchEvent id="C" name="Ansökan komplett"><conditionalEventDefinition><condition/>
      </conditionalEventDefinition></intermediateCatchEvent>
    <task id="T" name="Granska"/>
    <boundaryEvent id="B" name="Återkallad" attachedToRef="T"><conditionalEventDefinition><condition/>
      </conditionalEventDefinition></boundaryEvent>
    <endEvent id="E"/><endEvent id="E2"/>
    <sequenceFlow id="F1" sourceRef="S" targetRef="C"/><sequenceFlow id="F2" sourceRef="C" targetRef="T"/>
    <sequenceFlow id="F3" sourceRef="T" targetRef="E"/><sequenceFlow id="F4" sourceRef="B" targetRef="E2"/>
  </process>
</definitions>
"""


def test_conditional_events_get_a_wait_to_fill_in_and_a_note_when_simulated(tmp_path) -> None:
    """They were refused ('conditional ... event is not simulated: draw a timer ... instead'; MIWG B.2.0)."""
    model, out, said = _to_fill_in(tmp_path, CONDITIONAL, "m.bpmn", "p.yaml")
    assert (f"permitflow: {out}: placeholders to replace: 1 hour of work for 1 task, 2 weeks for 2 "
            "conditional events (the time until the condition comes true)") in said
    sim = read_profile(out).simulation
    assert sim is not None and sim.elements["C"].delay is not None and sim.elements["B"].delay is not None
    text = out.read_text(encoding="utf-8")
    assert ("    # Ansökan komplett (C): a conditional catch event: simulated as a wait of its `delay:`, the time\n"
            "    # until its condition comes true (the model does not say when), as a message catch event waits\n"
            "    # for its message; its 2w is a placeholder\n    C:\n      delay: 2w\n") in text
    shown = run("simulate", str(model), "--profile", str(out), "--years", "0.3", "-r", "1", "--workers", "1", "-q")
    assert shown.exit_code == 0, shown.output
    lines = shown.stderr.splitlines()
    assert [line.split(": ", 2)[:2] for line in lines] == [["note", f"{model}:5"], ["note", f"{model}:8"]]
    assert lines[1].endswith("Återkallad (B): a conditional boundary event: simulated as firing its `delay:` after "
                             "its activity starts, when its condition comes true (the model does not say when), as "
                             f"a message boundary event fires when its message comes; its `delay:` from {out}:"
                             f"{text.splitlines().index('    B:') + 2}")


@pytest.mark.interop
def test_miwg_a3_simulates_its_escalation_boundary_on_the_empty_subprocess_after_its_delay(tmp_path) -> None:
    """It was refused twice: the collapsed subprocess drawn empty, and the interrupting escalation boundary event
    on it ('not simulated: draw an error boundary event instead ...'); 10 MIWG A.3.0 files."""
    model = tmp_path / "A.3.0.bpmn"
    shutil.copy(INTEROP / "miwg/reference/A.3.0.bpmn", model)
    out = tmp_path / "p.yaml"
    r = run("convert", str(model), str(out), "--to", "profile")
    assert r.exit_code == 0, r.output
    assert "1 escalation boundary event (when the escalation comes)" in r.output
    shown = run("simulate", str(model), "--profile", str(out), "--years", "0.3", "-r", "2", "--workers", "1")
    assert shown.exit_code == 0, shown.output
    assert [line.split(": ")[1] for line in shown.stderr.splitlines()] == [f"{model}:11", f"{model}:19"]
    assert ("Boundary Intermediate Event Interrupting Escalation (_178e16eb-4c9e-4ea0-9644-7c5fb2b71825): an "
            "escalation boundary event on a step whose inside is not in the file: simulated as firing its "
            "`delay:` after its activity starts") in shown.stderr


@pytest.mark.interop
def test_miwg_c6_converts_and_simulates_its_compensation(tmp_path) -> None:
    """The event subprocess was refused, its compensation start event too, and then the event subprocess
    again: 'an embedded subprocess needs exactly one start event, found 0' (it has one); then all of its
    compensation (8 elements). It simulates now, the compensation as BPMN runs it (simulator.eventrun)."""
    model = tmp_path / "C.6.0.bpmn"
    shutil.copy(INTEROP / "miwg/reference/C.6.0.bpmn", model)
    out = tmp_path / "p.yaml"
    result = run("convert", str(model), str(out), "--to", "profile")
    assert result.exit_code == 0, result.output
    shown = run("simulate", str(model), "--profile", str(out), "--years", "0.3", "-r", "2", "--workers", "1", "-q")
    assert shown.exit_code == 0, shown.output


RACE = bpmn_text("""    <startEvent id="S"/>
    <task id="A" name="Begär komplettering"/>
    <eventBasedGateway id="G"/>
    <intermediateCatchEvent id="M" name="Komplettering inkommen"><messageEventDefinition/></intermediateCatchEvent>
    <intermediateCatchEvent id="T" name="Svarstiden ute"><timerEventDefinition>TIMER</timerEventDefinition></intermediateCatchEvent>
    <endEvent id="EM"/>
    <endEvent id="ET"/>
""", "f1:S>A f2:A>G f3:G>T f4:G>M f5:M>EM f6:T>ET")


@pytest.mark.parametrize("timer, mean", [("<timeDuration>P3D</timeDuration>", "3d"), ("", "2w")])
def test_a_message_racing_a_timer_gets_a_placeholder_that_does_not_tie_with_it(tmp_path, timer: str, mean: str) -> None:
    """Both were 2 weeks (the timer, drawn first, always won: MIWG C.1.0's 'Invoice review needed' never ran).
    The timer keeps its own timeDuration (else the 2-week placeholder); the message gets an exponential time with
    that mean, so the timer fires first in e^-1 of the cases: of 200 cases a Binomial(200, 0.368) count, sd 6.8;
    40 to 107 is about 5 sd either side."""
    from bpmn_io.reader import read_bpmn
    from simulator.engine import simulate

    model, out, _said = _to_fill_in(tmp_path, RACE.replace("TIMER", timer), "m.bpmn", "p.yaml")
    text = out.read_text(encoding="utf-8")
    assert (f"it races the other catches of G: an exponential time with the mean of timer Svarstiden ute (T) ({mean}), "
            "so that it does not tie with it") in " ".join(line.strip(" #") for line in text.splitlines())
    sim = read_profile(out).simulation
    assert sim is not None
    assert f"    M:\n      delay:\n        dist: exponential\n        mean: {mean}\n" in text
    assert ("T" in sim.elements) == (mean == "2w")  # a timer with its own time gets no placeholder
    result = simulate(read_bpmn(model).process(), sim, seed=1, cases=200)
    timer_won = sum(c.outcome == "ET" for c in result.cases)
    assert sum(c.outcome == "EM" for c in result.cases) + timer_won == 200
    assert 40 <= timer_won <= 107
