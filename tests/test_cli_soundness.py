"""A parallel join that waits for a path that runs only in some cases, through the commands: validate
warns of it, simulate and run say it once before the run and, when the run stops, which flow no token
came by."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from shared import INTEROP

from cli import cli

ROOT = Path(__file__).resolve().parents[1]
# a parallel join waits for the path of a non-interrupting timer that never fires before its task ends
MODEL = (Path(__file__).parent / "fixtures" / "sim" / "stuck_join.yaml").read_text(encoding="utf-8")
SAID = ("parallel join Båda klara (J) waits for a token by 'Flow_R_J', which comes only from the path of "
        "non-interrupting timer boundary event Två veckor (B) on Granska ansökan (T): cases where that event does "
        "not happen wait here forever (expected an exclusive or inclusive merge where that path meets the others)")


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_validate_warns_of_the_join_at_its_line(tmp_path: Path) -> None:
    model = tmp_path / "model.yaml"
    model.write_text(MODEL, encoding="utf-8")
    result = run("validate", str(model))
    assert (result.exit_code, result.stdout) == (0, f"{model}:11: warning optional-path-join J: {SAID}\n")


def test_simulate_says_it_before_the_run_and_names_the_flow_that_never_came(tmp_path: Path) -> None:
    model, profile = tmp_path / "model.yaml", tmp_path / "profile.yaml"
    model.write_text(MODEL, encoding="utf-8")
    assert run("convert", str(model), str(profile), "--to", "profile").exit_code == 0
    # the timer (2 weeks) never fires before the review (1 hour) ends: every case waits at J
    result = run("simulate", str(model), "--profile", str(profile), "--cases", "5", "-r", "1", "--workers", "1",
                 "-q")
    assert result.exit_code == 1
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert notes == [f"note: {model}:11: {SAID}; such a case stops the run (permitflow validate warns of it)"]
    # when the run stops: the same, as the model's deadlock (it said which flow no token came by, from which step)
    assert result.stderr.rstrip().endswith(f"5 case(s) cannot finish, a deadlock in the model: {SAID} (cases 0, 1, 2, "
                                           "3, 4)")


def test_run_says_it_before_the_run_too(tmp_path: Path) -> None:
    (tmp_path / "model.yaml").write_text(MODEL, encoding="utf-8")
    assert run("convert", str(tmp_path / "model.yaml"), str(tmp_path / "profile.yaml"), "--to", "profile").exit_code == 0
    scenario = tmp_path / "s.yaml"
    scenario.write_text("name: s\nbase: {bpmn: model.yaml, profile: profile.yaml}\ncases: 5\nreplications: 1\n",
                        encoding="utf-8")
    result = run("run", str(scenario), "-o", str(tmp_path / "out"), "-q", "--workers", "1")
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("note:")] == [
        f"note: {tmp_path / 'model.yaml'}:11: {SAID}; such a case stops the run (permitflow validate warns of it)"]
    assert f"5 case(s) cannot finish, a deadlock in the model: {SAID} (cases 0, 1, 2, 3, 4)" in result.stderr


def test_no_library_or_example_model_is_warned_of() -> None:
    models = sorted(ROOT.glob("processes/library/*/process.*")) + sorted(ROOT.glob("examples/**/*.yaml"))
    models = [m for m in models if m.suffix in (".bpmn", ".yaml")]
    result = run("validate", "--format", "json", *map(str, models))
    assert len(models) > 10 and "optional-path-join" not in result.stdout


B20 = ["adonis-17.0/B.2.0-export", "bizagi-modeler-2.8.0.8/B.2.0-roundtrip", "reference/B.2.0",
       "bpmn-io-camunda-modeler-18.6.1/B.2.0-roundtrip", "sap-signavio-process-manager-19.9.0/B.2.0-export",
       "sap-signavio-process-manager-19.9.0/B.2.0-roundtrip", "visual-paradigm-11.1/B.2.0-roundtrip"]


LEFT = ["miwg/cardanit-4.9.1/C.6.0-export", "odd/bpmn-js/collapsed-sub-process"]


@pytest.mark.interop
def test_of_the_interop_corpus_the_b20_models_and_two_boundary_paths_that_lead_away_are_warned_of() -> None:
    """MIWG B.2.0 joins a non-interrupting conditional boundary event's path at Parallel Gateway 2 (camunda's
    export draws it otherwise), and Task 32's interrupting signal boundary event leads away from Parallel
    Gateway 7 to an end of its own; Cardanit's C.6.0 export and bpmn-js's collapsed-sub-process lead error
    boundary events away from a parallel join the same way. No other file of the corpus is warned of."""
    files = sorted(p for p in INTEROP.rglob("*") if p.suffix in (".bpmn", ".bpmn2", ".xml") and "xsd" not in p.parts)
    result = run("validate", "--lenient", *map(str, files))
    lines = [line for line in result.stdout.splitlines() if " optional-path-join " in line]
    warned = sorted({line.split(":")[0] for line in lines})
    assert warned == sorted([str(INTEROP / "miwg" / f"{name}.bpmn") for name in B20]
                            + [str(INTEROP / f"{name}.bpmn") for name in LEFT])
    left = [line for line in lines if "when it ends normally" in line]
    assert sorted({line.split(":")[0] for line in left}) == warned
    assert all("Parallel Gateway 2" in line for line in lines if line not in left)
    assert all("Parallel Gateway 7" in line and "signal boundary event" in line for line in left if "B.2.0" in line)
