"""A missing file, or a folder, named where a command reads a file (LOG, --profile, --mapping, --matches)
and a file or a missing folder named as a results FOLDER: one line in the form of every other refusal, exit 2.
click said 'Error: Invalid value for 'LOG': File '...' is a directory.' instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

_LOG = "a case log: .xes, .xes.gz or .csv"


@pytest.mark.parametrize("command", [["calibrate", "helsingborg", "{arg}", "-o", "{out}"],
                                     ["discover", "{arg}", "-o", "{out}"],
                                     ["log", "inspect", "{arg}"]])
@pytest.mark.parametrize("missing", [False, True])
def test_a_folder_or_missing_file_as_log_is_one_line(tmp_path: Path, command: list[str],
                                                     missing: bool) -> None:
    arg = tmp_path / "nowhere.csv" if missing else tmp_path
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(cli, [a.format(arg=arg, out=out) for a in command])
    assert result.exit_code == 2, result.output
    what = "no such file" if missing else "is a directory"
    assert result.stderr == f"permitflow: error: {arg}: {what} (expected {_LOG})\n"
    assert not out.exists()


def test_a_folder_as_profile_or_a_missing_mapping_is_one_line(tmp_path: Path) -> None:
    log = tmp_path / "cases.csv"
    log.write_text("case,activity,timestamp\nA,Registrera,2025-01-02T10:00:00\n", encoding="utf-8")
    out = str(tmp_path / "out.yaml")
    runner = CliRunner()
    result = runner.invoke(cli, ["calibrate", "helsingborg", str(log), "-o", out, "--profile", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"permitflow: error: {tmp_path}: is a directory (expected a profile.yaml)\n"
    result = runner.invoke(cli, ["calibrate", "helsingborg", str(log), "-o", out, "--mapping",
                                 str(tmp_path / "m.yaml")])
    assert result.exit_code == 2
    assert result.stderr == (f"permitflow: error: {tmp_path / 'm.yaml'}: no such file (expected a YAML "
                             "mapping of log activities)\n")
    result = runner.invoke(cli, ["diff", "helsingborg", "astorp", "--matches", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == (f"permitflow: error: {tmp_path}: is a directory (expected a YAML file of "
                             "confirmed and rejected pairs)\n")


@pytest.mark.parametrize("command", ["report", "cache"])
def test_a_file_or_missing_folder_as_results_folder_is_one_line(tmp_path: Path, command: str) -> None:
    file = tmp_path / "report.html"
    file.write_text("<p>", encoding="utf-8")
    result = CliRunner().invoke(cli, [command, str(file)])
    assert result.exit_code == 2
    assert result.stderr == f"permitflow: error: {file}: is a file (expected a results folder)\n"
    result = CliRunner().invoke(cli, [command, str(tmp_path / "gone")])
    assert result.exit_code == 2
    assert result.stderr == (f"permitflow: error: {tmp_path / 'gone'}: no such folder (expected a results "
                             "folder)\n")


@pytest.mark.parametrize("args, expected", [
    (["render", "helsingborg", "-o", "{dir}"], "an .svg file to write"),
    (["simulate", "helsingborg", "--replications", "1", "--eventlog", "{dir}"],
     "a log file to write, .csv or .xes"),
    (["simulate", "helsingborg", "--replications", "1", "--profile", "{dir}"], "a profile.yaml"),
    (["calibrate", "helsingborg", "{log}", "-o", "{dir}"], "a profile.yaml to write"),
    (["discover", "{log}", "-o", "{dir}"], "a .bpmn file to write"),
])
def test_a_folder_where_a_file_is_written_or_read_is_one_line(tmp_path: Path, args: list[str],
                                                              expected: str) -> None:
    log = tmp_path / "cases.csv"
    log.write_text("case,activity,timestamp\nA,Registrera,2025-01-02T10:00:00\n", encoding="utf-8")
    result = CliRunner().invoke(cli, [a.format(dir=tmp_path, log=log) for a in args])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"permitflow: error: {tmp_path}: is a directory (expected {expected})\n"


def test_a_file_as_the_results_folder_to_write_is_one_line(tmp_path: Path) -> None:
    file = tmp_path / "results"
    file.write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "-o", str(file)])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"permitflow: error: {file}: is a file (expected a results folder)\n"


@pytest.mark.parametrize("command", [["simulate"], ["validate"], ["render", "-o", "x.svg"],
                                     ["diff", "astorp"]])
@pytest.mark.parametrize(("given", "near"), [("Helsingborg", "helsingborg"), ("Åstorp", "astorp"),
                                              ("helsingborgg", "helsingborg")])
def test_a_name_near_a_library_name_says_which(command: list[str], given: str, near: str, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by QA (qafresh): a newcomer types the municipality as it is written ("Åstorp", "Helsingborg");
    the refusal listed ten names without saying the near one. A path or a file name gets no guess."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, [*command, given])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(
        f"permitflow: error: {given}: no such file (did you mean '{near}'?) (expected ")
    assert result.stderr.count("\n") == 1
    result = CliRunner().invoke(cli, [*command, f"{given}.bpmn"])
    assert f"{given}.bpmn: no such file (expected " in result.stderr
