"""Hostile and broken input through the command line: one clear line, a non-zero exit,
no traceback, quickly, and no output file (not even a temporary one) left behind."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES.parent / "scenarios" / "fixtures"
BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"


def _big(path: Path) -> None:
    with path.open("wb") as fh:
        fh.write(f'<definitions xmlns="{BPMN_NS}" targetNamespace="x"><process id="P"><documentation>'.encode())
        chunk = b"a" * (1024 * 1024)
        for _ in range(50):
            fh.write(chunk)
        fh.write(b"</documentation></process></definitions>")


CASES: dict[str, tuple[bytes | None, str]] = {
    # name: (content, or None for a fixture / generated file; expected fragment of the error line)
    "not_xml": (b"hello world, not xml",
                "the file is text that is not XML (it starts 'hello world, not xml'), not a BPMN model"),
    "empty": (b"", "document is empty"),
    "binary_junk": (bytes(range(256)) * 40, "not well-formed XML"),
    "truncated": ((FIXTURES / "simple.bpmn").read_bytes()[:300],
                  "the file ends before <bpmn:process> opened at line 3 is closed (the file looks cut off"),
    "not_bpmn": (b"<html><body/></html>", "the file is an HTML web page, not a BPMN model"),
    "bpmn_1x": (b'<definitions xmlns="http://schema.omg.org/spec/BPMN/2.0"><process id="P"/></definitions>',
                "this is a pre-final BPMN 2.0 draft"),
    "external_entity": (
        b'<?xml version="1.0"?>\n<!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        + f'<definitions xmlns="{BPMN_NS}" targetNamespace="x"><process id="P" name="&xxe;"/></definitions>'.encode(),
        "DOCTYPE declares entities"),
    "billion_laughs": (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
        + f'<definitions xmlns="{BPMN_NS}" targetNamespace="x"><process id="P" name="&lol3;"/></definitions>'.encode(),
        "DOCTYPE declares entities"),
    "external_dtd": (
        b'<?xml version="1.0"?>\n<!DOCTYPE definitions SYSTEM "http://127.0.0.1:9/evil.dtd">\n'
        + f'<definitions xmlns="{BPMN_NS}" targetNamespace="x"><process id="P"/></definitions>'.encode(),
        "refers to an external DTD"),
    "fifty_megabytes": (None, "larger than the limit"),
    "dangling_ref": ((FIXTURES / "dangling_ref.bpmn").read_bytes(), "element 'F_Ghost': sequenceFlow targetRef 'Ghost' does not exist"),
    "duplicate_ids": ((FIXTURES / "duplicate_ids.bpmn").read_bytes(), "element 'T': duplicate id 'T'"),
    "cross_process": ((FIXTURES / "cross_process.bpmn").read_bytes(), "a sequence flow cannot cross processes"),
}


def _write_case(tmp_path: Path, name: str) -> Path:
    content, _ = CASES[name]
    path = tmp_path / "in" / f"{name}.bpmn"
    path.parent.mkdir()
    if content is None:
        _big(path)
    else:
        path.write_bytes(content)
    return path


def _commands(path: Path, out_dir: Path) -> list[list[str]]:
    cmds = [["validate", str(path)], ["show", str(path)], ["convert", str(path), str(out_dir / "out.yaml")],
            ["convert", str(path), str(out_dir / "out.bpmn")]]
    if "render" in cli.commands:
        cmds.append(["render", str(path), "-o", str(out_dir / "out.svg")])
    return cmds


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_gives_one_line_and_no_output(tmp_path: Path, name: str) -> None:
    path = _write_case(tmp_path, name)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    fragment = CASES[name][1]
    for args in _commands(path, out_dir):
        result = CliRunner().invoke(cli, args)
        lines = result.stderr.splitlines()
        assert result.exit_code == 2, (args, result.output)
        assert len(lines) == 1 and lines[0].startswith("permitflow: error: ") and fragment in lines[0], (args, lines)
        assert str(path) in lines[0]
        assert "Traceback" not in result.output
        assert sorted(os.listdir(out_dir)) == [], args


def test_bad_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("process: {id: P}\nsteps:\n  - {id: S, event: start, next: Nowhere}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", str(path), str(tmp_path / "out.bpmn")])
    assert result.exit_code == 2
    assert result.stderr == (f"permitflow: error: {path}:3: element 'S': steps[0].next: unknown step 'Nowhere' "
                             f"(expected the id of a step; boundary events cannot be targets)\n")
    assert sorted(os.listdir(tmp_path)) == ["bad.yaml"]


def test_installed_command_prints_no_traceback(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "permitflow"
    if not exe.exists():
        pytest.skip("the permitflow console script is not installed in this environment")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for name in ("billion_laughs", "truncated", "binary_junk"):
        sub = tmp_path / name
        sub.mkdir()
        path = _write_case(sub, name)
        proc = subprocess.run([str(exe), "convert", str(path), str(out_dir / "x.yaml")], capture_output=True,
                              text=True, timeout=60)
        assert proc.returncode == 2
        assert "Traceback" not in proc.stderr
        assert len(proc.stderr.splitlines()) == 1 and CASES[name][1] in proc.stderr
        assert os.listdir(out_dir) == []


YAML_BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefg", "bcdefgh", strict=True))

YAML_CASES = {
    "alias_bomb": (YAML_BOMB.encode(), "bad.yaml:2: YAML alias '*a' is not allowed"),
    "binary": (bytes(range(256)) * 4, "not a YAML text file"),
    "not_a_mapping": (b"just some words\n", "expected a mapping with keys process"),
    "latin1": ("process: {id: P, name: Ansökan}\n".encode("latin-1"), "not UTF-8"),
    "syntax": (b"process: {id: P\nsteps: [\n", "invalid YAML"),
    "control_character": (b'process: {id: P, name: "a\x08"}\nsteps: [{id: S, event: start}]\n',
                          "invalid YAML: character #x0008 is not allowed"),
}


@pytest.mark.parametrize("name", list(YAML_CASES))
def test_bad_yaml_gives_one_line_and_no_output(tmp_path: Path, name: str) -> None:
    content, fragment = YAML_CASES[name]
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for args in _commands(path, out_dir):
        result = CliRunner().invoke(cli, args)
        lines = result.stderr.splitlines()
        assert result.exit_code == 2, (args, result.output)
        assert len(lines) == 1 and fragment in lines[0] and str(path) in lines[0], (args, lines)
        assert os.listdir(out_dir) == []


@pytest.mark.parametrize("out_name", ["out.yaml", "out.bpmn", "out.svg", "log.csv"])
def test_an_output_path_through_a_file_names_that_file(tmp_path: Path, out_name: str) -> None:
    # mkdir's own words were "cannot write: File exists", naming neither the file nor the fix
    model = tmp_path / "simple.bpmn"
    model.write_bytes((FIXTURES / "simple.bpmn").read_bytes())
    out = tmp_path / "simple.bpmn" / "sub" / out_name
    args = {"out.svg": ["render", str(model), "-o", str(out)],
            "log.csv": ["simulate", str(MINI / "mini.bpmn"), "--profile", str(MINI / "mini.yaml"), "--cases", "5",
                        "-r", "1", "--workers", "1", "-q", "--eventlog", str(out)]}.get(out_name,
                                                                                    ["convert", str(model), str(out)])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert result.stderr == f"permitflow: error: {out}: cannot write: {str(model)!r} is a file, not a folder\n"
    assert sorted(os.listdir(tmp_path)) == ["simple.bpmn"]


LOGS = FIXTURES / "logs"


@pytest.mark.parametrize("command", ["calibrate", "discover"])
@pytest.mark.parametrize("extra, fragment", [
    (["--validation-html", "v.html"], "Error: --validation-html only goes with --validate"),
    (["--deadline", "8w"], "Error: --deadline only goes with --validate"),
    (["--replications", "3", "--seed", "4"], "Error: --replications, --seed only go with --validate"),
    (["--validate", "--deadline", "soon"], "Error: Invalid value for --deadline: duration 'soon' is not a number"),
    (["--validate", "--deadline", "0d"], "Error: Invalid value for --deadline: '0d' (expected a duration above zero"),
    # a deadline in months is each case's own date (the same day of the month): a part of a month has no length
    (["--validate", "--deadline", "1.5mo"], "Error: Invalid value for --deadline: '1.5mo' is not a whole number of "
                                            "months"),
    # the page was written over whatever it named: the profile of -o, or the log itself
    (["--validate", "--validation-html", "p.yaml"], "Error: Invalid value for --validation-html: 'p.yaml' "
                                                    "(expected an .html file)"),
])
def test_validation_options_without_validate_or_a_bad_deadline_are_usage_errors(
        tmp_path: Path, command: str, extra: list[str], fragment: str) -> None:
    # they were ignored (exit 0, no page written), and a bad --deadline was found only after the work
    # and named no option
    out = str(tmp_path / ("p.yaml" if command == "calibrate" else "d.bpmn"))
    model = [str(LOGS / "tiny.yaml")] if command == "calibrate" else []
    result = CliRunner().invoke(cli, [command, *model, str(LOGS / "tiny_cases.csv"), "-o", out, *extra])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1].startswith(fragment), result.stderr
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("command", ["calibrate", "discover"])
def test_validation_page_is_never_the_log(tmp_path: Path, command: str) -> None:
    log = tmp_path / "cases.html"  # a log under any name is read by its content
    log.write_bytes((LOGS / "tiny_cases.csv").read_bytes())
    out = str(tmp_path / ("p.yaml" if command == "calibrate" else "d.bpmn"))
    model = [str(LOGS / "tiny.yaml")] if command == "calibrate" else []
    result = CliRunner().invoke(cli, [command, *model, str(log), "-o", out, "--validate",
                                      "--validation-html", str(log)])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [f"Error: Invalid value for --validation-html: '{log}' is the log itself "
                                          f"(expected another file) (see 'permitflow {command} --help')"], result.stderr
    assert os.listdir(tmp_path) == ["cases.html"] and log.read_bytes() == (LOGS / "tiny_cases.csv").read_bytes()


@pytest.mark.parametrize("command", ["calibrate", "discover"])
def test_validate_on_too_few_cases_is_one_line_and_writes_nothing(tmp_path: Path, command: str) -> None:
    # a log of three cases with --validate ended in a traceback (ValueError from split_by_start)
    log = tmp_path / "few.csv"
    log.write_bytes("\ufeffÄrende;Aktivitet;Datum\r\n".encode() + b"".join(
        f"C{i};Registrera;2024-03-0{i} 14:30\r\n".encode() for i in (1, 2, 3)))
    out = str(tmp_path / ("p.yaml" if command == "calibrate" else "d.bpmn"))
    model = [str(LOGS / "tiny.yaml")] if command == "calibrate" else []
    result = CliRunner().invoke(cli, [command, *model, str(log), "-o", out, "--validate"])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        f"permitflow: error: {log}: 3 cases in the log, too few to hold some out for --validate "
        "(expected at least 4 cases)"], result.stderr
    assert os.listdir(tmp_path) == ["few.csv"]


@pytest.mark.parametrize("option", ["-o", "--csv"])
@pytest.mark.parametrize("where", ["through_a_file", "read_only"])
def test_optimise_checks_its_output_paths_before_the_search(tmp_path: Path, option: str, where: str) -> None:
    # the path was found unwritable only after the whole search; the scheduler here cannot be
    # reached, so the output line (not the connect timeout) shows the check comes first
    import shutil
    import subprocess

    import dask

    blocker = tmp_path / "seek.json"
    if where == "through_a_file":
        blocker.write_text("mine\n", encoding="utf-8")
        out, why = blocker / "sub" / "x.out", f"{str(blocker)!r} is a file, not a folder"
    else:
        blocker.mkdir()
        out, why = blocker / "x.out", "Operation not permitted" if os.geteuid() == 0 else "Permission denied"
        if os.geteuid() == 0:  # root ignores modes
            if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(blocker)]).returncode != 0:
                pytest.skip("running as root without chattr +i: cannot make a folder read-only")
        else:
            blocker.chmod(0o555)
    try:
        with dask.config.set({"distributed.comm.timeouts.connect": "0.2s"}):
            result = CliRunner().invoke(cli, ["optimise", "helsingborg", "-q", option, str(out),
                                              "--dask", "tcp://127.0.0.1:1"])
        left = sorted(p.name for p in tmp_path.rglob("*"))
    finally:
        if where == "read_only":
            if os.geteuid() == 0:
                subprocess.run(["chattr", "-i", str(blocker)], check=True)
            else:
                blocker.chmod(0o755)
    assert result.exit_code == 1, result.output
    assert result.stderr == f"permitflow: error: {out}: cannot write: {why}\n"
    assert left == ["seek.json"]


@pytest.mark.parametrize("out_name", ["process.yaml", "./process.yaml", "linked.yml"])
def test_convert_refuses_to_write_yaml_over_its_own_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          out_name: str) -> None:
    # it overwrote the input with the YAML written from the model: its comments were gone
    monkeypatch.chdir(tmp_path)
    library = FIXTURES.parent.parent / "processes" / "library" / "helsingborg" / "process.yaml"
    original = library.read_bytes()
    assert b"# " in original
    Path("process.yaml").write_bytes(original)
    os.link("process.yaml", "linked.yml")
    result = CliRunner().invoke(cli, ["convert", "process.yaml", out_name])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"permitflow: error: {out_name}: the output is the input file: written as YAML it "
                             "would lose its comments; write to another file\n")
    assert Path("process.yaml").read_bytes() == original
    assert sorted(os.listdir(tmp_path)) == ["linked.yml", "process.yaml"]


def test_convert_writes_a_bpmn_model_over_itself(tmp_path: Path) -> None:
    # allowed: the same model, written again (with a diagram)
    model = tmp_path / "simple.bpmn"
    model.write_bytes((FIXTURES / "simple.bpmn").read_bytes())
    result = CliRunner().invoke(cli, ["convert", str(model), str(model)])
    assert result.exit_code == 0, result.output
    assert b"BPMNDiagram" in model.read_bytes() and os.listdir(tmp_path) == ["simple.bpmn"]


@pytest.mark.parametrize("overwritten", ["process.yaml", "profile.yaml"])
def test_convert_to_prosimos_refuses_a_bpmn_out_that_is_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 overwritten: str) -> None:
    # --bpmn wrote Prosimos' simplified BPMN over the model (or the profile) it was converting
    monkeypatch.chdir(tmp_path)
    library = FIXTURES.parent.parent / "processes" / "library" / "helsingborg"
    for name in ("process.yaml", "profile.yaml"):
        Path(name).write_bytes((library / name).read_bytes())
    before = {name: Path(name).read_bytes() for name in ("process.yaml", "profile.yaml")}
    result = CliRunner().invoke(cli, ["convert", "process.yaml", "p.json", "--to", "prosimos",
                                      "--profile", "profile.yaml", "--bpmn", overwritten])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"permitflow: error: {overwritten}: --bpmn is an input file: the simplified BPMN "
                             "Prosimos reads would replace it; write to another file\n")
    assert {name: Path(name).read_bytes() for name in before} == before
    assert sorted(os.listdir(tmp_path)) == ["process.yaml", "profile.yaml"]


@pytest.mark.parametrize(("content", "says"), [
    (b"", "document is empty"), (b'<?xml version="1.0"?><definitions', "the file ends before its first")])
def test_simulate_names_a_broken_model_before_its_missing_profile(tmp_path: Path, content: bytes, says: str) -> None:
    # an empty or truncated model with no profile beside it was reported as "no profile beside the model"
    model = tmp_path / "m.bpmn"
    model.write_bytes(content)
    result = CliRunner().invoke(cli, ["simulate", str(model)])
    assert result.exit_code == 2, result.output
    assert says in result.stderr and "profile" not in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize("module, shown", [
    ("uvicorn", "uvicorn"), ("starlette", "starlette"), ("python_multipart", "python-multipart")])
def test_serve_without_the_web_extra_is_one_line_naming_the_extra_before_any_address(
        monkeypatch: pytest.MonkeyPatch, module: str, shown: str) -> None:
    # it printed "permitflow serve: open http://127.0.0.1:8765/" and then a ModuleNotFoundError traceback
    monkeypatch.setitem(sys.modules, module, None)  # as if that part of the extra were not installed
    if module == "python_multipart":
        monkeypatch.setitem(sys.modules, "multipart", None)  # the older name starlette also accepts
    with socket.socket() as taken:  # were the check late, the run stops at the port instead of serving
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = CliRunner().invoke(cli, ["serve", "--port", str(taken.getsockname()[1])])
    assert result.exit_code == 2
    assert result.output == (f"permitflow: error: permitflow serve needs the web extra ({shown} is missing): "
                             "in the permitflow folder: .venv/bin/pip install -e '.[web]'\n")


def test_discover_without_the_logs_extra_is_one_line_naming_the_extra(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # it was a ModuleNotFoundError traceback: pandas (which pm4py brings) was imported before pm4py was asked for
    for module in ("pm4py", "pandas"):
        monkeypatch.setitem(sys.modules, module, None)  # as if the extra were not installed
    result = CliRunner().invoke(cli, ["discover", str(LOGS / "tiny_cases.csv"), "-o", str(tmp_path / "d.bpmn")])
    assert result.exit_code == 2, result.output
    assert result.output == ("permitflow: error: discovering a model needs pm4py: in the permitflow folder: "
                             ".venv/bin/pip install -e '.[logs]'\n")
    assert os.listdir(tmp_path) == []
