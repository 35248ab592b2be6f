"""What tripped a process developer on a first afternoon with permitflow (QA, branch qauser), through the
command line: each test names the slip and the answer the tool now gives."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bpmn_io.profile import read_profile
from bpmn_io.yamlsrc import load_yaml
from cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sim"


def _model(tmp_path: Path, profile: str | None = None) -> Path:
    shutil.copy(FIXTURES / "mm1.bpmn", tmp_path / "process.bpmn")
    text = (FIXTURES / "mm1.yaml").read_text(encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(profile(text) if callable(profile) else text, encoding="utf-8")
    return tmp_path / "process.bpmn"


def _simulate(tmp_path: Path, edit, *more: str):  # type: ignore[no-untyped-def]
    model = _model(tmp_path, edit)
    return CliRunner().invoke(cli, ["simulate", str(model), "--cases", "20", "-r", "2", "-q", *more])


def test_a_swedish_decimal_comma_inside_braces_is_named_not_read_as_a_key(tmp_path: Path) -> None:
    """`{count: 1, fte: 0,5, ...}` is the value 0 and a key 5 to YAML; it said "officer[5]: unknown key 5"
    (and in `probabilities: {F: 0,3, ...}` "probabilities[3]: None is not a number >= 0")."""
    result = _simulate(tmp_path, lambda t: t.replace("server: {count: 1,", "server: {count: 1, fte: 0,5,"))
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        f"permitflow: error: {tmp_path / 'profile.yaml'}:14: simulation.pools.server.fte: '0,5' reads as the "
        "value 0 and a key 5 here (expected a decimal point: 0.5)"
    )


def test_a_swedish_decimal_comma_in_a_sweep_list_is_refused_not_run_as_two_points(tmp_path: Path) -> None:
    """`count: [1, 2,5, 3]` ran four sweep points (1, 2, 5, 3) without a word."""
    model = _model(tmp_path)
    scenario = tmp_path / "more.yaml"
    scenario.write_text(
        f"name: more\nbase: {{bpmn: {model}, profile: {tmp_path / 'profile.yaml'}, name: mm1}}\n"
        "sweep:\n  pools.server.count: [1, 2,5, 3]\nreplications: 2\ncases: 20\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["run", str(scenario), "-o", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        f"permitflow: error: {scenario}:4: sweep.pools.server.count[1]: '2,5' reads as two items, 2 and 5 here "
        "(expected a decimal point: 2.5)"
    )
    assert not (tmp_path / "out").exists()


def test_a_list_written_without_spaces_throughout_is_still_a_list() -> None:
    doc = load_yaml("weights: [1,2,1]\nmixed: [1, 2, 3]\npairs: {a: 1,b: 2}\n", source="t.yaml")
    assert doc.data == {"weights": [1, 2, 1], "mixed": [1, 2, 3], "pairs": {"a": 1, "b": 2}}


def test_a_decimal_comma_on_its_own_line_or_in_set_says_so(tmp_path: Path) -> None:
    """`per_year: 4380,5` said "'4380,5' is not a number >= 0", `1,5h` "is not a number with a unit"."""
    result = _simulate(tmp_path, lambda t: t.replace("per_year: 4380", "per_year: 4380,5"))
    assert result.exit_code == 2
    assert (
        result.output.strip()
        .splitlines()[-1]
        .endswith(
            "profile.yaml:16: simulation.arrivals.per_year: '4380,5' has a decimal comma (expected a decimal point: 4380.5)"
        )
    )
    result = _simulate(tmp_path, None, "--set", "elements.Task_Serve.duration=1,5h")
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        "permitflow: error: --set: override simulation.elements.Task_Serve.duration='1,5h' gives an invalid "
        "profile: '1,5h' has a decimal comma (expected a decimal point: '1.5h')"
    )


def test_a_profile_without_a_clock_says_why_the_deadline_shares_have_no_value(tmp_path: Path) -> None:
    """A profile of one's own without `clock:` printed "within_deadline_share - share" and "- no value: no case
    to measure", though every case was measured: there is no deadline to count against."""
    result = _simulate(tmp_path, None, "--keys")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[:2] for line in lines if line.startswith("within_")] == [
        ["within_deadline_share", "-"],
        ["within_extended_deadline_share", "-"],
        ["within_legal_time_share", "-"],
    ]
    assert "- no value: no case to measure (or an infinite cost or rate)" not in lines
    note = (
        "within_deadline_share, within_extended_deadline_share, within_legal_time_share: no deadline to count "
        "against (the profile has no clock:; add clock: {start: ..., stop: ..., deadline: 4mo} under simulation:, docs/profile.md)"
    )
    assert f"- {note}" in lines
    words = _simulate(tmp_path, None, "--language", "en").output.splitlines()  # the table in words says it too
    assert "– no value: no case to measure (or an infinite cost or rate)" not in words
    assert (
        "– the shares within a deadline: no deadline to count against (the profile has no clock:; add "
        "clock: {start: ..., stop: ..., deadline: 4mo} under simulation:, docs/profile.md)"
    ) in words
    data = _simulate(tmp_path, None, "--format", "json")
    assert note in json.loads(data.output)["notes"]


def test_the_table_ends_saying_over_how_many_replications_and_what_period(tmp_path: Path) -> None:
    """Found by QA (qawalk): the table gave means and 95 % intervals and never said over how many replications,
    of what period, after what warm-up; its last line says so, in the table's language."""
    english = _simulate(tmp_path, None, "--language", "en")
    assert english.exit_code == 0, english.output
    assert english.output.splitlines()[-1].startswith(
        "2 replications, random seed 2025: applications simulated 20"), english.output
    swedish = _simulate(tmp_path, None, "--language", "sv", "--seed", "7")
    assert swedish.output.splitlines()[-1].startswith("2 upprepningar, slumpfrö 7: simulerade ansökningar 20")
    keys = _simulate(tmp_path, None, "--keys").output  # a script's table stays as it was
    assert "random seed" not in keys


TWO_POOLS = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <collaboration id="C">
    <participant id="Pool_A" name="Team-Assistant" processRef="P_A"/>
    <participant id="Pool_B" name="Process Engine" processRef="P_B"/>
  </collaboration>
  <process id="P_A">
    <startEvent id="S_A"/><task id="T_A" name="Scan invoice"/><endEvent id="E_A"/>
    <sequenceFlow id="F1" sourceRef="S_A" targetRef="T_A"/><sequenceFlow id="F2" sourceRef="T_A" targetRef="E_A"/>
  </process>
  <process id="P_B">
    <startEvent id="S_B"/><task id="T_B" name="Approve invoice"/><endEvent id="E_B"/>
    <sequenceFlow id="F3" sourceRef="S_B" targetRef="T_B"/><sequenceFlow id="F4" sourceRef="T_B" targetRef="E_B"/>
  </process>
</definitions>
"""


def test_a_model_of_two_pools_with_steps_says_which_one_is_simulated(tmp_path: Path) -> None:
    """MIWG C.1.0 from Camunda or Signavio holds two processes with steps; `convert --to profile` and `simulate`
    took the first (the team assistant's, not the process engine's) without a word."""
    model = tmp_path / "invoice.bpmn"
    model.write_text(TWO_POOLS, encoding="utf-8")
    said = (
        "process P_A 'Team-Assistant', the first of 2 processes with steps in this file; P_B 'Process Engine' is "
        "left out (to simulate it, draw it in a file of its own)"
    )
    made = CliRunner().invoke(cli, ["convert", str(model), str(tmp_path / "profile.yaml"), "--to", "profile"])
    assert made.exit_code == 0, made.output
    assert f"permitflow: {tmp_path / 'profile.yaml'}: the profile is for {said}" in made.output.splitlines()
    run = CliRunner().invoke(cli, ["simulate", str(model), "--cases", "5", "-r", "2", "-q"])
    assert run.exit_code == 0, run.output
    assert f"note: {model}: simulates {said}" in run.output.splitlines()
    assert "Scan invoice" in run.output and "Approve invoice" not in run.output  # the table in words names its steps
    keys = CliRunner().invoke(cli, ["simulate", str(model), "--cases", "5", "-r", "2", "-q", "--keys"])
    assert "work_hours.T_A" in keys.output and "T_B" not in keys.output


def test_a_tab_indented_profile_is_told_to_indent_with_spaces(tmp_path: Path) -> None:
    """An editor's tab said only "found character '\\t' that cannot start any token"."""
    result = _simulate(tmp_path, lambda t: t.replace("\n  start: 2025-01-06", "\n\tstart: 2025-01-06"))
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        f"permitflow: error: {tmp_path / 'profile.yaml'}:6: invalid YAML: found character '\\t' that cannot start "
        "any token (YAML indents with spaces, not tabs: replace the tab by spaces)"
    )


ANSWER_MODEL = """process: {id: P, name: Ärende}
lanes: {Lane_H: Handläggare}
messages: {Msg_Svar: Svar}
steps:
  - {id: Start, event: start, name: Ansökan inkommen, lane: Lane_H}
  - {id: Task_Registrera, task: user, name: Registrera, lane: Lane_H}
  - {id: Event_Svar, event: catch, trigger: message, ref: Msg_Svar, name: Svar inkommet, lane: Lane_H}
  - {id: Task_Besluta, task: user, name: Besluta, lane: Lane_H}
  - {id: End, event: end, name: Klart, lane: Lane_H}
"""


def _calibrated_answers(tmp_path: Path) -> tuple[Path, str]:
    """A log where 58 of 60 answers come at once and 2 after 20 days (mean 16 h), calibrated: (profile, output)."""
    (tmp_path / "model.yaml").write_text(ANSWER_MODEL, encoding="utf-8")
    rows = ["Ärende;Aktivitet;Tidpunkt;Handläggare"]
    for case in range(60):
        day = dt.datetime(2025, 1, 7, 9) + dt.timedelta(days=case)
        answer = day + dt.timedelta(days=20 if case in (10, 40) else 0)
        for activity, when in (
            ("Registrera", day),
            ("Svar inkommet", answer),
            ("Besluta", answer + dt.timedelta(hours=1)),
        ):
            rows.append(f"C{case};{activity};{when:%Y-%m-%d %H:%M};anna")
    (tmp_path / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "profile.yaml"
    result = CliRunner().invoke(
        cli, ["calibrate", str(tmp_path / "model.yaml"), str(tmp_path / "log.csv"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "delay Svar inkommet (Event_Svar): empirical mean 16 h [0, 40], n=60" in result.output.splitlines()
    return out, result.output


def test_a_calibrated_wait_that_keeps_its_zeros_does_not_say_they_were_left_out(tmp_path: Path) -> None:
    """BPIC15_1's 01_HOOFD_010 note said "the observed values (1193 of 1199 are 0); n=1199; 1193 zero durations
    left out" of a distribution that keeps them."""
    out, _ = _calibrated_answers(tmp_path)
    note = load_yaml(out.read_text(encoding="utf-8")).data["simulation"]["elements"]["Event_Svar"]["note"]
    assert note.startswith(
        "calendar time from enabled to completion: the observed values (58 of 60 are 0); n=60; mean 16 h"
    )
    assert "left out" not in note


def test_a_calibrated_wait_that_is_mostly_zero_keeps_its_mean_in_the_profile(tmp_path: Path) -> None:
    """BPIC15_1: calibrate said "delay 01_HOOFD_010: empirical mean 16.4 h" and wrote 50 values all 0m (the
    quantiles at the fiftieths' middles miss a tail of 6 in 1199)."""
    out, _ = _calibrated_answers(tmp_path)
    wait = read_profile(out).simulation.elements["Event_Svar"]  # type: ignore[union-attr]
    assert wait.delay.mean() == pytest.approx(
        16.0, abs=0.01
    )  # 2 x 480 h / 60; the values are written to 0.1 m


@pytest.mark.parametrize(("args", "said"), [
    (["simulate", "e-service"], "e-service: no such file or library model; it is a shipped scenario: "
                                "permitflow run e-service runs it\n"),
    (["run", "helsingborg"], "helsingborg: no such file, nor a shipped scenario or study of that name (it is "
                             "a library model: permitflow simulate runs it) (expected a scenario or study "),
    (["run", "{model}"], "{model}: is a process model, not a scenario or study file (permitflow simulate "
                         "runs a model; a scenario names it under base:)\n"),
])
def test_a_scenario_given_to_simulate_or_a_model_given_to_run_says_which_command_takes_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], said: str) -> None:
    """Found by QA (qafresh): ``simulate e-service`` said only "no such file", ``run helsingborg`` listed the
    scenarios, ``run process.bpmn`` said "a scenario file is a mapping (name:, base:, set: ...)"."""
    monkeypatch.chdir(tmp_path)
    model = str(_model(tmp_path))
    given = [a.format(model=model) for a in args] + ["-o", "out"] * (args[0] == "run")
    result = CliRunner().invoke(cli, given)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("permitflow: error: " + said.format(model=model))
    assert result.stderr.count("\n") == 1 and not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", ["profile", "scenario", "model"])
def test_a_yaml_file_saved_as_utf16_is_named_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 kind: str) -> None:
    """Found by QA (qafresh): a YAML file saved as Notepad's "Unicode" (UTF-16 with its byte-order mark) was
    "not UTF-8 text (invalid start byte at byte 0)" as a scenario and "not a YAML text file (it contains NUL
    bytes)" as a model: now one line that says what it is and what to do, nothing written."""
    monkeypatch.chdir(tmp_path)
    model = _model(tmp_path)
    if kind == "profile":
        utf16, args = tmp_path / "profile.yaml", ["simulate", str(model)]
    elif kind == "scenario":
        (tmp_path / "s.yaml").write_text("name: s\nbase: {bpmn: process.bpmn, profile: profile.yaml}\n",
                                         encoding="utf-16")
        utf16, args = tmp_path / "s.yaml", ["run", "s.yaml", "-o", "out"]
    else:
        shutil.copy(Path(__file__).resolve().parents[1] / "examples" / "permit.yaml", tmp_path / "m.yaml")
        utf16, args = tmp_path / "m.yaml", ["convert", "m.yaml", "out.bpmn"]
    utf16.write_text(utf16.read_text(encoding="utf-8" if kind != "scenario" else "utf-16"), encoding="utf-16")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("permitflow: error: ") and result.stderr.count("\n") == 1
    assert result.stderr.endswith(f"{utf16.name}: UTF-16 text, not UTF-8 (as Notepad's 'Unicode' saves it; "
                                  "save the file as UTF-8)\n")
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.bpmn").exists()
