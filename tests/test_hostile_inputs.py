"""Hostile input to every reader, through the command line: deep nesting, alias bombs, huge
numbers, named pipes, standard input, damaged results folders.

Each refusal: exit code 2, exactly one line on stderr naming the file, no traceback, nothing
written. Each test is small (the 20,000-task models are bench/bench_large.py, not tests).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bpmn_io.yamlsrc import load_yaml
from cli import cli
from processes.textsafe import csv_cell, markdown_cell

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = Path(__file__).resolve().parent / "scenarios" / "fixtures"
BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"

DEEP = "[" * 3000 + "]" * 3000
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefg", "bcdefgh", strict=True))
BOMB_FLOW = "{" + ", ".join(line.strip() for line in BOMB.splitlines()) + "}"
HUGE = "1" + "0" * 400


def refused(result: Result, *fragments: str, code: int = 2) -> str:
    """The one error line of ``result``, checked: exit ``code``, no traceback, every fragment in it."""
    lines = result.stderr.splitlines()
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert len(lines) == 1 and lines[0].startswith("permitflow: error: "), lines
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder; a test asserts what is in it afterwards."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# --------------------------------------------------------------------------- YAML readers


YAML_READERS = {
    # reader: (file name, command given the file)
    "authoring": ("model.yaml", lambda f: ["convert", f, "out.bpmn"]),
    "profile": ("profile.yaml", lambda f: ["simulate", str(MINI / "mini.bpmn"), "--profile", f, "-q"]),
    "scenario": ("scenario.yaml", lambda f: ["run", f, "-o", "out"]),
    "synonyms": ("synonyms.yaml", lambda f: ["diff", "helsingborg", "astorp", "--synonyms", f, "-o", "out.txt"]),
    "matches": ("matches.yaml", lambda f: ["diff", "helsingborg", "astorp", "--matches", f, "-o", "out.txt"]),
}


@pytest.mark.parametrize("reader", list(YAML_READERS))
def test_deep_nesting_is_one_line_naming_the_file(here: Path, reader: str) -> None:
    name, command = YAML_READERS[reader]
    (here / name).write_text(f"key: {DEEP}\n", encoding="utf-8")
    refused(invoke(*command(name)), f"{name}:1: YAML nested deeper than 50 levels")
    assert _files(here) == [name]


@pytest.mark.parametrize("reader", list(YAML_READERS))
def test_an_alias_bomb_is_refused(here: Path, reader: str) -> None:
    name, command = YAML_READERS[reader]
    (here / name).write_text(BOMB, encoding="utf-8")
    line = refused(invoke(*command(name)), f"{name}:")
    assert "alias" in line
    assert _files(here) == [name]


PYTHON_TAGS = ["!!python/object/apply:os.system", "!!python/object/new:dict", "!!python/name:os.system"]


@pytest.mark.parametrize("reader", [r for r in YAML_READERS if r not in ("synonyms", "matches")])
@pytest.mark.parametrize("tag", PYTHON_TAGS)
def test_a_python_tag_is_refused_not_dropped(here: Path, reader: str, tag: str) -> None:
    name, command = YAML_READERS[reader]
    value = "x" if tag.startswith("!!python/name") else "[x]"
    (here / name).write_text(f"key: {tag} {value}\n", encoding="utf-8")
    refused(invoke(*command(name)), f"{name}:1: key: YAML tag '{tag}' is not allowed")
    assert _files(here) == [name]


def test_a_python_tag_on_an_otherwise_valid_scenario_is_refused(here: Path) -> None:
    # the tag used to be dropped and its list read as the value: this scenario ran Helsingborg
    (here / "s.yaml").write_text("name: s\nbase: !!python/object/apply:os.system [helsingborg]\n"
                                 "replications: 1\ncases: 5\n", encoding="utf-8")
    refused(invoke("run", "s.yaml", "-o", "out"), "s.yaml:2: base: YAML tag '!!python/object/apply:os.system'")
    assert _files(here) == ["s.yaml"]


def test_a_study_naming_a_deep_scenario_names_the_scenario_file(here: Path) -> None:
    (here / "deep.yaml").write_text(f"name: deep\nbase: helsingborg\nset: {DEEP}\n", encoding="utf-8")
    (here / "study.yaml").write_text("study: s\nscenarios: [deep.yaml]\n", encoding="utf-8")
    refused(invoke("run", "study.yaml", "-o", "out"), "deep.yaml:3: YAML nested deeper than 50 levels")
    assert _files(here) == ["deep.yaml", "study.yaml"]


@pytest.mark.parametrize("value, fragment", [
    (DEEP, "--set: decision.delegation: YAML nested deeper than 50 levels"),
    (BOMB_FLOW, "more than 100000 values once aliases are expanded"),
    ("[unclosed", "--set: decision.delegation: invalid YAML"),
])
def test_set_values_are_read_with_the_same_limits(here: Path, value: str, fragment: str) -> None:
    refused(invoke("simulate", "helsingborg", "-q", "--set", f"decision.delegation={value}"), fragment)
    assert _files(here) == []


def test_many_written_values_are_not_taken_for_an_alias_bomb() -> None:
    text = "steps:\n" + "".join(f"  - {{id: T{i}, task: user, name: Step {i}, lane: L}}\n" for i in range(30_000))
    doc = load_yaml(text, source="big.yaml")  # 150,000 values written out, none from an alias
    # the independent source: the steps the text was written from, every one read back as written
    written = [{"id": f"T{i}", "task": "user", "name": f"Step {i}", "lane": "L"} for i in range(30_000)]
    assert doc.data == {"steps": written}


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize("args, fragment", [
    (["--set", f"pools.officer.count={HUGE}"], "an integer of 401 digits is too large"),
    (["--set", "arrivals.per_year=1e400"], "inf is not a number >= 0"),
    (["--set", "start=9999-06-01"], "the start year must be from 1900 to 2200"),
    (["--years", "1000000"], "(expected a number above 0 and at most 100, e.g. 1 or 0.5)"),
    (["--cases", "99999999999999"], "--cases: '99999999999999' is not a number of applications (expected a whole "
                                    "number from 1 to 1,000,000, e.g. 500)"),
    (["--replications", "99999999999999999999"], "(expected a whole number from 1 to 10,000, e.g. 10)"),
    (["--seed", "99999999999999999999999"], "(expected a whole number from 0 to 9,223,372,036,854,775,807, e.g. 2025)"),
])
def test_numbers_out_of_range_say_the_allowed_range(here: Path, args: list[str], fragment: str) -> None:
    refused(invoke("simulate", str(MINI / "mini.bpmn"), "--profile", str(MINI / "mini.yaml"), "-q", *args), fragment)
    assert _files(here) == []


def test_a_huge_sweep_is_refused_before_it_is_planned(here: Path) -> None:
    values = "[" + ", ".join(str(i) for i in range(1, 101)) + "]"
    keys = ("arrivals.per_year", "pools.officer.count", "pools.officer.fte", "pools.registry.count")
    (here / "sweep.yaml").write_text("name: s\nbase: helsingborg\nsweep:\n" + "".join(
        f"  helsingborg.simulation.{k}: {values}\n" for k in keys), encoding="utf-8")
    refused(invoke("run", "sweep.yaml", "-o", "out"), "sweep.yaml:4: sweep: 100,000,000 points",
            "the limit is 10,000)")
    assert _files(here) == ["sweep.yaml"]


def test_a_run_over_the_work_unit_limit_needs_force_and_then_shows_progress(
        here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scenarios.road

    monkeypatch.setattr(scenarios.road, "MAX_WORK_UNITS", 2)
    args = ["simulate", str(MINI / "mini.bpmn"), "--profile", str(MINI / "mini.yaml"), "--cases", "3",
            "--replications", "3", "--workers", "1"]
    refused(invoke(*args), "the run plans 3 work units", "the limit is 2", "--force")
    forced = invoke(*args, "--force")
    assert forced.exit_code == 0, forced.output
    assert "permitflow: progress: 3 of 3 work units" in forced.stderr.splitlines()
    quiet = invoke(*args, "--force", "-q")  # -q: no progress bar, nor these lines (since branch qaprof)
    assert quiet.exit_code == 0, quiet.output
    assert not [line for line in quiet.stderr.splitlines() if "progress:" in line]


def test_cases_that_can_never_finish_are_refused_naming_the_gateway(here: Path) -> None:
    never = "elements.Gw_Komplett.probabilities={Flow_Komplett_Ja: 0.0, Flow_Komplett_Nej: 1.0}"
    refused(invoke("simulate", str(MINI / "mini.bpmn"), "--profile", str(MINI / "mini.yaml"), "-q", "--set", never),
            "element 'Gw_Komplett': cases can never finish", "'Flow_Komplett_Ja'")


# --------------------------------------------------------------------------- named pipes and standard input


PIPE_READERS = {
    "bpmn": ("model.bpmn", lambda f: ["validate", f]),
    "authoring": ("model.yaml", lambda f: ["validate", f]),
    "no extension": ("model", lambda f: ["validate", f]),
    "profile": ("profile.yaml", lambda f: ["simulate", str(MINI / "mini.bpmn"), "--profile", f]),
    "scenario": ("scenario.yaml", lambda f: ["run", f, "-o", "out"]),
    "synonyms": ("synonyms.yaml", lambda f: ["diff", "helsingborg", "astorp", "--synonyms", f]),
    "matches": ("matches.yaml", lambda f: ["diff", "helsingborg", "astorp", "--matches", f]),
    "csv log": ("log.csv", lambda f: ["log", "inspect", f]),
    "xes log": ("log.xes", lambda f: ["log", "inspect", f]),
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
@pytest.mark.parametrize("reader", list(PIPE_READERS))
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(here: Path, reader: str) -> None:
    name, command = PIPE_READERS[reader]
    os.mkfifo(here / name)
    refused(invoke(*command(name)), f"{name}: is a named pipe (FIFO)")
    assert _files(here) == [name]


@pytest.mark.parametrize("source", [FIXTURES / "simple.bpmn", Path(__file__).resolve().parents[1] / "examples" /
                                    "permit.yaml"])
def test_standard_input_is_read_once_and_its_format_told_from_the_bytes(source: Path) -> None:
    exe = [sys.executable, "-c", "import sys; from cli import main; sys.exit(main())"]
    with source.open("rb") as stdin:
        proc = subprocess.run([*exe, "validate", "/dev/stdin"], stdin=stdin, capture_output=True, text=True,
                              timeout=120, cwd=Path(__file__).resolve().parents[1])
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.startswith("/dev/stdin: ")


# --------------------------------------------------------------------------- results folders


@pytest.mark.parametrize("content, fragment", [
    (b"{bad", "summary.json:1: not valid JSON"),
    (b"[]", "summary.json: expected a JSON object with 'scenarios', not list"),
    (b'{"scenarios": 5}', "summary.json: scenarios: expected a list, not int"),
    (b'{"scenarios": [{"name": "a", "members": []}]}', "scenarios[0].points: missing key 'points'"),
    (b'{"scenarios": [{"name": "a", "members": ["x"], "points": [{"label": "", "failures": [], "comparison": null,'
     b' "figures": {"x/cases": {"mean": "many", "ci": [], "replications": []}}}]}]}',
     "scenarios[0].points[0].figures.x/cases.mean: expected a number or null, not str"),
    (b"\xff\xfe{}", "summary.json: not UTF-8 text"),
])
def test_report_on_a_damaged_results_folder_names_the_file(here: Path, content: bytes, fragment: str) -> None:
    (here / "results").mkdir()
    (here / "results" / "summary.json").write_bytes(content)
    refused(invoke("report", "results"), fragment)
    assert _files(here) == ["results", "results/summary.json"]


# --------------------------------------------------------------------------- what others open


def test_csv_cells_a_spreadsheet_would_run_get_a_leading_quote() -> None:
    import datetime as dt

    from simulator.eventlog import to_csv
    from simulator.records import ActivityRecord, SimResult

    assert [csv_cell(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "ok", -1, 2.5)] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "ok", -1, 2.5]
    result = SimResult(None, 10.0, activities=(ActivityRecord(0, "T", "=HYPERLINK(\"x\")", "officer", 1.0, 2.0, 3.5),))
    row = to_csv(result, dt.date(2025, 1, 1)).splitlines()[1]
    assert row.startswith("0,\"'=HYPERLINK(\"\"x\"\")\",T,")


def test_markdown_escapes_html_in_labels(here: Path) -> None:
    for side in ("a", "b"):
        (here / f"{side}.yaml").write_text(
            "process: {id: P, name: P}\nsteps:\n  - {id: S, event: start}\n"
            f"  - {{id: T, task: user, name: '<img src=x onerror=alert({side})>'}}\n  - {{id: E, event: end}}\n",
            encoding="utf-8")
    result = invoke("diff", "a.yaml", "b.yaml", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "<img" not in result.stdout and "&lt;img src=x onerror=alert(a)&gt;" in result.stdout
    assert markdown_cell("a|b<c>&") == "a\\|b&lt;c&gt;&amp;"


def test_figures_in_json_are_never_infinity_or_nan() -> None:
    from report.results import num

    assert [num(float("inf")), num(float("-inf")), num(float("nan")), num(2.0)] == [None, None, None, 2.0]
    assert json.dumps([num(float("inf"))], allow_nan=False) == "[null]"


def test_lenient_validate_reports_a_repeated_id_with_its_documented_code() -> None:
    path = FIXTURES / "duplicate_ids.bpmn"
    result = invoke("validate", "--lenient", str(path))
    assert result.exit_code == 1
    assert f"{path}:6: error duplicate-id T_dup2: id 'T' is used more than once" in result.stdout


def test_an_element_with_very_many_attributes_is_refused_at_once(here: Path) -> None:
    """lxml reads an element's attribute values in time that grows with their square: 300,000 on one
    task kept a reader (and the web app's upload check) busy for hours. Refused in one line, naming
    the element; a model whose elements have a few each is read as before."""
    many = " ".join(f'a{i}="x"' for i in range(5000))
    (here / "many.bpmn").write_text(
        f'<definitions xmlns="{BPMN_NS}" id="d" targetNamespace="x">\n<process id="p">\n'
        f'<task id="T1" {many}/></process></definitions>', encoding="utf-8")
    refused(invoke("convert", "many.bpmn", "out.yaml"),
            "many.bpmn:3: element 'T1': 5,001 attributes on one task, more than permitflow reads (200")
    assert _files(here) == ["many.bpmn"]
    few = " ".join(f'a{i}="x"' for i in range(150))  # many '=' in the file, but no element over the limit
    (here / "few.bpmn").write_text(
        f'<definitions xmlns="{BPMN_NS}" id="d" targetNamespace="x">\n<process id="p">\n'
        + "".join(f'<task id="T{k}" {few}/>' for k in range(4)) + '</process></definitions>', encoding="utf-8")
    read = invoke("validate", "few.bpmn")  # read: its problems are the model's (no start event), exit 1
    assert read.exit_code == 1 and "attributes on one" not in read.output and "Traceback" not in read.output
