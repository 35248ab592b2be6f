"""Shipped scenarios and studies by name: `permitflow run e-service` from any folder, as from an installed wheel.

A name is the stem of a file in the package's scenarios/ folder; a file at the path given always wins;
a shipped file is named scenarios/<file> in results however it was reached, so by name and by path a
run writes the same folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from processes.errors import InputError
from scenarios.loader import bundled_study, read_any, read_study
from scenarios.shipped import resolve_file, shipped_files, shipped_names, shipped_root, shown_source

ROOT = Path(__file__).resolve().parent.parent
QUICK = ["--replications", "2", "--workers", "1"]


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _files(folder: Path) -> dict[str, bytes]:
    """Every file of a results folder (the lock too: empty once the run ends)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_names_are_the_stems_of_the_shipped_files() -> None:
    assert shipped_names() == sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))
    assert {"e-service", "status-quo", "one-more-officer", "familjen-helsingborg-study"} <= set(shipped_names())
    assert "assumption-ranges" not in shipped_names()  # scenarios/data/ is not a scenario


def test_by_name_from_a_folder_without_scenarios_and_by_path_write_byte_identical_folders(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    by_path = run("run", "scenarios/e-service.yaml", "-o", str(tmp_path / "by-path"), *QUICK)
    assert by_path.exit_code == 0, by_path.output
    by_absolute = run("run", str(ROOT / "scenarios" / "e-service.yaml"), "-o", str(tmp_path / "by-absolute"), *QUICK)
    assert by_absolute.exit_code == 0, by_absolute.output
    elsewhere = tmp_path / "elsewhere"  # as a user of the installed wheel: no scenarios/ folder here
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    by_name = run("run", "e-service", "-o", str(tmp_path / "by-name"), *QUICK)
    assert by_name.exit_code == 0, by_name.output
    assert by_name.output == by_path.output.replace("by-path", "by-name")
    doc = json.loads((tmp_path / "by-name" / "summary.json").read_text(encoding="utf-8"))
    # the baseline beside the shipped file is found and run first, named by its path inside permitflow
    assert [(s["name"], s["source"]) for s in doc["scenarios"]] == [
        ("status-quo", "scenarios/status-quo.yaml"), ("e-service", "scenarios/e-service.yaml")]
    named = _files(tmp_path / "by-name")
    assert "summary.json" in named and "report.html" in named
    assert _files(tmp_path / "by-path") == named
    assert _files(tmp_path / "by-absolute") == named


def test_an_unknown_name_is_one_line_exit_2_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("run", "e-servce", "-o", "out")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("permitflow: error: e-servce: no such file, nor a shipped scenario or study "
                               "of that name (did you mean 'e-service'?) (expected a scenario or study file, "
                               "or one of angelholm-area-alone, ")
    assert all(name in lines[0] for name in shipped_names())
    assert list(tmp_path.iterdir()) == []  # no out/, no results/
    result = run("run", "status-quo", "nowhere/e-service.yaml")  # a path is never a name
    assert result.exit_code == 2
    assert result.stderr.startswith("permitflow: error: nowhere/e-service.yaml: no such file")
    assert list(tmp_path.iterdir()) == []


def test_a_file_at_the_path_given_wins_over_the_shipped_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    mine = (shipped_root() / "one-fewer-officer.yaml").read_text(encoding="utf-8")
    mine = mine.replace("name: one-fewer-officer", "name: my-e-service").replace("baseline: status-quo", "")
    Path("e-service").write_text(mine, encoding="utf-8")  # a file called like the shipped scenario
    assert resolve_file("e-service") == Path("e-service")
    result = run("run", "e-service", "-o", "out", *QUICK)
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert [(s["name"], s["source"]) for s in doc["scenarios"]] == [("my-e-service", "e-service")]
    # a file called e-service.yaml is not the name e-service: the shipped file runs
    Path("e-service").rename("e-service.yaml")
    assert resolve_file("e-service") == shipped_root() / "e-service.yaml"


def test_a_folder_of_the_name_does_not_hide_the_shipped_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("status-quo").mkdir()  # e.g. the results of `permitflow run status-quo -o status-quo`
    assert resolve_file("status-quo") == shipped_root() / "status-quo.yaml"
    Path("mine").mkdir()
    with pytest.raises(InputError, match=r"^mine: is a folder \(expected a scenario or study file, or one of "):
        resolve_file("mine")


def test_a_shipped_study_by_name_reads_its_scenarios_from_beside_it(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    study = read_any([resolve_file("familjen-helsingborg-study")])
    assert study.name == "familjen-helsingborg"
    assert study.source == "scenarios/familjen-helsingborg-study.yaml"
    assert len(study.scenarios) == 10
    assert all(s.source == f"scenarios/{s.name}.yaml" for s in study.scenarios)
    # and for --uncertainty, which plans over the same study
    from scenarios.uncertainty import plan_uncertainty

    assert plan_uncertainty(read_any([resolve_file("delegated-to-officer")]), points=2, seed=1).study.scenarios


def test_a_local_scenarios_folder_is_not_the_shipped_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a project with its own scenarios/ (a copy, changed): its files keep their paths, and the
    # baseline is the one beside them, not the shipped one
    monkeypatch.chdir(tmp_path)
    Path("scenarios").mkdir()
    for name in ("status-quo", "one-fewer-officer"):
        text = (shipped_root() / f"{name}.yaml").read_text(encoding="utf-8")
        Path("scenarios", f"{name}.yaml").write_text(text.replace("seed: 2025", "seed: 7"), encoding="utf-8")
    assert shown_source(Path("scenarios/one-fewer-officer.yaml")) == "scenarios/one-fewer-officer.yaml"
    study = read_any([Path("scenarios/one-fewer-officer.yaml")])
    assert [(s.name, s.seed) for s in study.scenarios] == [("status-quo", 7), ("one-fewer-officer", 7)]
    assert shown_source(tmp_path / "scenarios" / "status-quo.yaml") == str(tmp_path / "scenarios" / "status-quo.yaml")


def test_library_lists_the_shipped_scenarios_with_their_questions() -> None:
    result = run("library")
    assert result.exit_code == 0, result.output
    listing = result.stdout.split("Scenarios and studies: permitflow run NAME", 1)[1]
    lines = listing.splitlines()
    for name in shipped_names():
        assert any(line.startswith(name + " ") for line in lines), name
    e_service = next(line for line in lines if line.startswith("e-service "))
    assert "What if an e-service that checks attachments" in e_service
    study = next(line for line in lines if line.startswith("familjen-helsingborg-study "))
    assert "Serving permits in Familjen Helsingborg" in study
    assert "(a study: 10 scenarios)" in " ".join(listing.split())
    alone = run("library", "scenarios")
    assert alone.exit_code == 0
    assert alone.stdout.strip().endswith(listing.strip())  # the same table alone


def test_every_shipped_question_and_title_is_asked_in_both_languages() -> None:
    """Found by the words review: the Swedish report asked the shipped scenarios' questions in English."""
    study = read_study(bundled_study())
    assert study.title_sv == "Serveringstillstånd i Familjen Helsingborg: nuläget och vad som händer om …"
    for scenario in study.scenarios:
        assert scenario.question and scenario.question_sv, scenario.name
    by_name = {s.name: s for s in study.scenarios}
    assert by_name["one-fewer-officer"].question_sv == \
        "Vad händer om Helsingborg hade en handläggare färre för nya tillstånd (1 i stället för 2)?"


def test_library_scenarios_as_json() -> None:
    result = run("library", "scenarios", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [r["name"] for r in rows] == shipped_names()
    by_name = {r["name"]: r for r in rows}
    assert by_name["one-fewer-officer"] == {
        "name": "one-fewer-officer", "kind": "scenario", "scenarios": 1,
        "question": "What if Helsingborg had one case officer fewer on new permits (1 instead of 2)?"}
    assert by_name["familjen-helsingborg-study"]["kind"] == "study"
    assert by_name["familjen-helsingborg-study"]["scenarios"] == 10
    assert [f.name for f in shipped_files() if f.kind == "study"] == ["familjen-helsingborg-study"]


def test_run_help_says_a_name_works_and_a_file_wins() -> None:
    text = " ".join(run("run", "--help").stdout.split())
    assert "[FILE|NAME]..." in text
    assert "A file at the path given always wins" in text
    assert "permitflow run e-service -o out" in text
