"""--lenient on diff, compare and simulate, as on convert; the refusal's hint names it only where it exists.

Found by QA (qa23-lenient): five Signavio MIWG files could be validated and converted with
--lenient but not diffed, compared or simulated: those commands had no --lenient, and their
refusal said "a lenient read renames the repeats", an option they did not have.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from shared import INTEROP

from cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HINT = "--lenient reads it anyway (see --help)"
SIGNAVIO = INTEROP / "miwg" / "sap-signavio-process-manager-19.9.0"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def defective_model(folder: Path) -> Path:
    """The M/M/1 model with a flow to nothing (line 19) and an id used twice (line 20), and its profile."""
    text = (FIXTURES / "sim" / "mm1.bpmn").read_text(encoding="utf-8")
    flow = '<bpmn:sequenceFlow id="F2" sourceRef="Task_Serve" targetRef="End"/>'
    text = text.replace(flow, flow + '\n    <bpmn:sequenceFlow id="F_Ghost" sourceRef="Task_Serve" targetRef="Ghost"/>'
                        '\n    <bpmn:textAnnotation id="F1"/>')
    path = folder / "process.bpmn"
    path.write_text(text, encoding="utf-8")
    shutil.copy(FIXTURES / "sim" / "mm1.yaml", folder / "profile.yaml")
    return path


def notes_of(model: Path, what: str) -> str:
    return (f"note: {model}:20: read leniently: id 'F1' is used more than once; this repeat is read as 'F1_dup2'\n"
            f"note: {model}:19: read leniently: sequence flow 'F_Ghost': targetRef 'Ghost' is not in the file; "
            f"{what}\n")


def test_diff_lenient_leaves_a_flow_to_nothing_out_and_says_so(tmp_path: Path) -> None:
    model = defective_model(tmp_path)
    strict = run("diff", str(model), str(FIXTURES / "sim" / "mm1.bpmn"))
    assert strict.exit_code == 2
    assert strict.stderr == (f"permitflow: error: {model}:20: element 'F1': duplicate id 'F1' (first used at line 17) "
                             f"(expected each id once); {HINT}\n")
    lenient = run("diff", "--lenient", str(model), str(FIXTURES / "sim" / "mm1.bpmn"))
    assert lenient.exit_code == 0, lenient.output
    assert lenient.stderr == notes_of(model, "left out")
    assert "matched: 3 pairs" in lenient.stdout and "differences: 0" in lenient.stdout


def test_diff_lenient_says_what_it_repaired_in_its_output_too(tmp_path: Path) -> None:
    """Found by QA (qadev): the repairs were said on stderr only, so a JSON or HTML diff passed on listed
    control-flow differences (Signavio's B.1.0 export against the reference: two flows left out made steps "run in
    parallel") without a word that the model was read with flows left out."""
    model = defective_model(tmp_path)
    other = str(FIXTURES / "sim" / "mm1.bpmn")
    repairs = [line.removeprefix("note: ") for line in notes_of(model, "left out").splitlines()]
    data = json.loads(run("diff", "--lenient", str(model), other, "--format", "json").stdout)
    assert [n for n in data["notes"] if "read leniently" in n] == repairs
    text = run("diff", "--lenient", str(model), other)
    assert [line for line in text.stdout.splitlines() if "read leniently" in line] == [f"note: {r}" for r in repairs]
    assert text.stderr == notes_of(model, "left out")  # stderr as before
    page = tmp_path / "diff.html"
    assert run("diff", "--lenient", str(model), other, "--format", "html", "-o", str(page)).exit_code == 0
    shown = re.findall(r'<p class="note">note: ([^<]*read leniently[^<]*)</p>', page.read_text(encoding="utf-8"))
    assert [html.unescape(n) for n in shown] == repairs
    # a model read strictly has no such note
    assert not any("read leniently" in n for n in json.loads(run("diff", other, other, "--format", "json").stdout)["notes"])


def test_compare_lenient_notes_each_file_once(tmp_path: Path) -> None:
    model = defective_model(tmp_path)
    args = [str(model), str(FIXTURES / "sim" / "mm1.bpmn"), str(model)]
    strict = run("compare", *args)
    assert strict.exit_code == 2 and strict.stderr.endswith(f"; {HINT}\n")
    lenient = run("compare", "--lenient", "--workers", "1", *args)
    assert lenient.exit_code == 0, lenient.output
    assert lenient.stderr == notes_of(model, "left out")


def test_compare_lenient_says_what_it_repaired_in_its_output_too(tmp_path: Path) -> None:
    """Found by QA (qadev2): compare said its repairs on stderr only, and the comparison had no notes, so its JSON,
    Markdown or HTML passed on listed variations of a model read with a flow left out without a word of it."""
    model = defective_model(tmp_path)
    args = ["compare", "--lenient", "--workers", "1", str(model), str(FIXTURES / "sim" / "mm1.bpmn"), str(model)]
    repairs = [line.removeprefix("note: ") for line in notes_of(model, "left out").splitlines()]
    data = json.loads(run(*args, "--format", "json").stdout)
    assert data["notes"] == repairs  # each file's once, as on stderr
    text = run(*args)
    assert text.stdout.splitlines()[-len(repairs):] == [f"note: {r}" for r in repairs]
    assert text.stderr == notes_of(model, "left out")  # stderr as before
    markdown = run(*args, "--format", "markdown").stdout
    unescaped = re.sub(r"\\(.)", r"\1", markdown)  # as Markdown shows it (a path's "_" may be escaped)
    assert unescaped.endswith("## Notes\n\n" + "".join(f"- {r}\n" for r in repairs))
    page = tmp_path / "compare.html"
    assert run(*args, "--format", "html", "-o", str(page)).exit_code == 0
    shown = re.findall(r'<p class="note">note: ([^<]*)</p>', page.read_text(encoding="utf-8"))
    assert [html.unescape(n) for n in shown] == repairs
    # models read strictly: no notes
    strict = json.loads(run("compare", "--workers", "1", str(FIXTURES / "sim" / "mm1.bpmn"),
                            str(FIXTURES / "sim" / "mm1.bpmn"), "--format", "json").stdout)
    assert strict["notes"] == []


def test_simulate_lenient_runs_the_model_without_the_flow_to_nothing(tmp_path: Path) -> None:
    model = defective_model(tmp_path)
    strict = run("simulate", str(model), "--cases", "50", "-r", "2", "--workers", "1")
    assert strict.exit_code == 2 and strict.stderr.endswith(f"; {HINT}\n")
    lenient = run("simulate", "--lenient", str(model), "--cases", "50", "-r", "2", "--workers", "1")
    assert lenient.exit_code == 0, lenient.output
    assert lenient.stderr == notes_of(model, "left out")
    assert lenient.stdout.splitlines()[1].split()[:6] == ["applications", "in", "the", "simulated", "period", "50"]
    # the profile the hint names is written by a command that reads the file
    (tmp_path / "profile.yaml").unlink()
    bare = run("simulate", "--lenient", str(model), "--cases", "50")
    assert bare.exit_code == 2
    assert f"`permitflow convert --lenient {model} {tmp_path / 'profile.yaml'} --to profile` writes one" in bare.stderr


def case_log(path: Path) -> str:
    """Ten cases of the M/M/1 model's one task."""
    rows = ["case,activity,timestamp"] + [f"{k},Serve,2025-01-06T{8 + k:02d}:30:00" for k in range(10)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def test_diff_and_compare_of_logs_read_their_model_leniently_and_name_it(tmp_path: Path) -> None:
    """diff/compare LOG LOG --model FILE --lenient read FILE strictly: refused with the very error --lenient
    is for, and a hint to give it; the notes would have named the log, not FILE."""
    model = defective_model(tmp_path)
    a, b = case_log(tmp_path / "a.csv"), case_log(tmp_path / "b.csv")
    read = "note: a.csv: timestamps read as ISO 8601\nnote: b.csv: timestamps read as ISO 8601\n"
    strict = run("diff", a, b, "--model", str(model))
    assert strict.exit_code == 2 and strict.stderr.endswith(f"(expected each id once); {HINT}\n")
    lenient = run("diff", "--lenient", a, b, "--model", str(model))
    assert lenient.exit_code == 0, lenient.output
    assert lenient.stderr == read + notes_of(model, "left out")  # the model's notes once, naming it
    assert "matched: 3 pairs" in lenient.stdout and "differences: 0" in lenient.stdout
    # the model given as an argument too: still once
    lenient = run("compare", "--lenient", "--workers", "1", a, b, str(model), "--model", str(model))
    assert lenient.exit_code == 0, lenient.output
    assert lenient.stderr == read + notes_of(model, "left out")


def test_convert_lenient_says_what_it_repaired_and_kept(tmp_path: Path) -> None:
    model = defective_model(tmp_path)
    result = run("convert", "--lenient", str(model), str(tmp_path / "out.bpmn"))
    assert result.exit_code == 0, result.output
    assert result.stderr == notes_of(model, "kept as written")


def test_a_command_without_lenient_does_not_name_it(tmp_path: Path) -> None:
    defective_model(tmp_path)
    scenario = tmp_path / "s.yaml"
    scenario.write_text("name: s\nbase: {bpmn: process.bpmn, profile: profile.yaml}\ncases: 50\n", encoding="utf-8")
    result = run("run", str(scenario), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "duplicate id 'F1' (first used at line 17) (expected each id once)" in result.stderr
    assert "--lenient" not in result.stderr


def test_validate_names_lenient_in_its_refusal(tmp_path: Path) -> None:
    model = defective_model(tmp_path)
    result = run("validate", "--format", "json", str(model))
    assert result.exit_code == 2
    assert result.stderr.endswith(f"(expected each id once); {HINT}\n")
    assert f"{HINT}\"" in result.stdout


@pytest.mark.interop
@pytest.mark.parametrize("name", ["B.1.0-export", "B.1.0-roundtrip", "B.2.0-export", "C.5.0-roundtrip.1"])
def test_four_of_the_five_signavio_files_diff_with_themselves_leniently(name: str) -> None:
    path = str(SIGNAVIO / f"{name}.bpmn")
    assert run("diff", path, path).exit_code == 2
    result = run("diff", "--lenient", path, path)
    assert result.exit_code == 0, result.output
    assert "differences: 0" in result.stdout and "the same steps 1.000" in result.stdout
    assert result.stderr and all(line.startswith(f"note: {path}:") for line in result.stderr.splitlines())


@pytest.mark.interop
def test_the_fifth_diffs_with_its_boundary_events_read_in_their_hosts_process() -> None:
    """B.2.0-roundtrip writes eight boundary events into a process of their own, their hosts and
    outgoing flows in pool 'WFP-6-2' (the MIWG reference has them there): diff --lenient refused it
    ("boundary event attachedToRef ... does not exist"). Now each is read in its host's process,
    one note each, and the file diffs with itself as the other four do."""
    path = str(SIGNAVIO / "B.2.0-roundtrip.bpmn")
    result = run("diff", "--lenient", path, path)
    assert result.exit_code == 0, result.output
    assert "differences: 0" in result.stdout and "the same steps 1.000" in result.stdout
    moved = [line for line in result.stderr.splitlines() if "boundary event" in line]
    assert len(moved) == 8 and all(line.startswith(f"note: {path}:") for line in result.stderr.splitlines())
    assert moved[0] == (f"note: {path}:1158: read leniently: boundary event '_5a6baa94-303a-4750-bde2-e1cd6edace37' "
                        "is written in process 'Process_ba16239e-181e-4b9f-bc5b-0bb2ee973450', the activity it is "
                        "attached to in process 'WFP-6-2'; read as part of 'WFP-6-2'")


def test_a_slow_layout_names_layout_timeout_only_where_the_command_has_it() -> None:
    """diff --format html and simulate lay out a model without diagram too, but have no --layout-timeout:
    Graphviz's time limit said "expected: a larger --layout-timeout" there as well."""
    from clicommands.output import option_hint
    from processes.errors import PermitflowError

    err = PermitflowError("Graphviz (dot) did not finish").with_option("layout_timeout", "a larger --layout-timeout")
    hints = {name: option_hint(err, cli.commands[name])
             for name in ("convert", "render", "diff", "simulate")}
    assert hints == {"convert": "; a larger --layout-timeout", "render": "; a larger --layout-timeout",
                     "diff": "", "simulate": ""}


def test_convert_lenient_to_prosimos_reads_the_model_leniently(tmp_path: Path) -> None:
    """--to prosimos read the model strictly once more before its lenient read: refused with the very
    error --lenient is for, and no hint (the option had been given)."""
    import json

    model = defective_model(tmp_path)
    out = tmp_path / "prosimos.json"
    result = run("convert", "--lenient", str(model), str(out), "--to", "prosimos")
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith(notes_of(model, "left out"))  # Prosimos cannot follow it either
    assert json.loads(out.read_text(encoding="utf-8")) and "Ghost" not in out.read_text(encoding="utf-8")
