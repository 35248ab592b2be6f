"""A run's report made from memory (report.build.write_run): the same bytes as writing the results
and rendering the report from the files, whatever executor draws the plots."""

from __future__ import annotations

import csv
import dataclasses
import math
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import report.build
from report.build import write_report, write_run
from report.casesfile import CASE_HEADER, PLOTTED_CASE_COLUMNS, csv_bytes, first_point_cases
from report.results import write_results

FIXTURES = Path(__file__).resolve().parents[1] / "scenarios" / "fixtures"
FILES = ("summary.json", "summary.csv", "cases.csv", "report.html", ".permitflow-results",
         "processes/mini.bpmn", "profiles/mini.yaml")


def sweep_batch(tmp_path: Path) -> Any:
    """Two replications of the small fixture process at two officer counts, run here."""
    from scenarios.loader import read_any
    from scenarios.road import run_study

    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "s.yaml").write_text(
        "name: s\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 2\nhorizon: 8w\n"
        "sweep:\n  simulation.pools.officer.count: [1, 2]\n", encoding="utf-8")
    return run_study(read_any([tmp_path / "s.yaml"]))


def no_diff(names: Any) -> str:
    return ""


def from_files(folder: Path, batch: Any) -> None:
    write_results(folder, batch)
    write_report(folder, diff_section=no_diff)


def test_the_report_from_memory_is_the_report_from_the_files(tmp_path: Path) -> None:
    batch = sweep_batch(tmp_path)
    from_files(tmp_path / "files", batch)
    write_run(tmp_path / "here", batch, diff_section=no_diff)
    with ProcessPoolExecutor(2) as pool:
        write_run(tmp_path / "pool", batch, executor=pool, csv_executor=pool, diff_section=no_diff)
    for name in FILES:
        want = (tmp_path / "files" / name).read_bytes()
        assert (tmp_path / "here" / name).read_bytes() == want, name
        assert (tmp_path / "pool" / name).read_bytes() == want, name
    assert b"data:image/png;base64," in (tmp_path / "here" / "report.html").read_bytes()


def test_a_text_that_might_not_come_back_the_same_reads_the_files(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    batch = sweep_batch(tmp_path)
    from_files(tmp_path / "files", batch)
    monkeypatch.setattr(report.build, "first_point_cases", lambda _batch, **_known: None)
    write_run(tmp_path / "fallback", batch, diff_section=no_diff)
    for name in FILES:
        assert (tmp_path / "fallback" / name).read_bytes() == (tmp_path / "files" / name).read_bytes(), name


def test_a_process_of_the_users_beside_the_results_is_drawn_as_from_the_files(tmp_path: Path) -> None:
    # processes/ holds a file no run wrote (it stays): the report draws it, from memory as from the files
    batch = sweep_batch(tmp_path)
    for where in ("files", "here", "pool"):
        write_results(tmp_path / where, batch)
        shutil.copy(FIXTURES / "mini.bpmn", tmp_path / where / "processes" / "users.bpmn")
    write_report(tmp_path / "files", diff_section=no_diff)
    write_run(tmp_path / "here", batch, diff_section=no_diff)
    with ProcessPoolExecutor(2) as pool:
        write_run(tmp_path / "pool", batch, executor=pool, csv_executor=pool, diff_section=no_diff)
    want = (tmp_path / "files" / "report.html").read_bytes()
    assert b"users" in want
    for where in ("here", "pool"):
        assert (tmp_path / where / "report.html").read_bytes() == want, where
        assert (tmp_path / where / "processes" / "users.bpmn").is_file()


def not_read_back(folder: Path) -> Any:
    raise AssertionError(f"{folder}: read back, not made from memory")


def test_a_process_an_earlier_run_wrote_is_removed_and_not_drawn(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from report.folder import replace_outputs

    batch = sweep_batch(tmp_path)
    for where in ("files", "here"):  # an earlier run wrote processes/gone.bpmn, this one does not
        replace_outputs(tmp_path / where, {"processes/gone.bpmn": (FIXTURES / "mini.bpmn").read_bytes()})
    from_files(tmp_path / "files", batch)
    monkeypatch.setattr(report.build, "read_processes", not_read_back)
    write_run(tmp_path / "here", batch, diff_section=no_diff)
    for name in FILES:
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "files" / name).read_bytes(), name
    assert not (tmp_path / "here" / "processes" / "gone.bpmn").exists()
    assert b"gone" not in (tmp_path / "here" / "report.html").read_bytes()


def test_a_process_with_windows_line_ends_is_drawn_as_read_back(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from scenarios.loader import read_any
    from scenarios.road import run_study

    text = (FIXTURES / "mini.bpmn").read_text(encoding="utf-8")
    (tmp_path / "mini.bpmn").write_bytes(text.replace("\n", "\r\n").replace("<bpmn:", "\r<bpmn:", 1).encode("utf-8"))
    shutil.copy(FIXTURES / "mini.yaml", tmp_path / "mini.yaml")
    (tmp_path / "s.yaml").write_text("name: s\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 2\n"
                                     "horizon: 8w\n", encoding="utf-8")
    batch = run_study(read_any([tmp_path / "s.yaml"]))
    from_files(tmp_path / "files", batch)
    monkeypatch.setattr(report.build, "read_processes", not_read_back)
    write_run(tmp_path / "here", batch, diff_section=no_diff)
    assert b"\r\n" in (tmp_path / "here" / "processes" / "mini.bpmn").read_bytes()
    for name in FILES:
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "files" / name).read_bytes(), name


def test_the_first_points_rows_are_taken_again_only_from_the_same_points(tmp_path: Path) -> None:
    from report.casesfile import first_cases

    batch = sweep_batch(tmp_path)
    firsts = SimpleNamespace(points=batch.points[:1])
    known = first_cases(firsts)  # type: ignore[arg-type]
    assert known is not None and known[0] == batch.points[:1]
    assert first_point_cases(batch, known=known) is known[1]  # the same point objects: the rows as they were
    assert first_point_cases(batch) == known[1]
    # the points made again (as a run's are once compared with their baselines): the same row objects
    assert first_point_cases(dataclasses.replace(batch, points=tuple(map(dataclasses.replace, batch.points))),
                             known=known) is known[1]
    copied = [dataclasses.replace(p, cases=tuple((*row[:-1], row[-1]) for row in p.cases)) for p in batch.points]
    again = first_point_cases(dataclasses.replace(batch, points=tuple(copied)), known=known)
    assert again == known[1] and again is not known[1]  # other row objects: made again
    # the whole run's texts are checked, whatever is known
    bad = SimpleNamespace(points=[*batch.points, SimpleNamespace(
        scenario=SimpleNamespace(name="s"), summary=SimpleNamespace(label="x\ny"), cases=())])
    assert first_point_cases(bad, known=known) is None  # type: ignore[arg-type]


_TEXT = st.text(alphabet=st.sampled_from(list("ab ,;\"'=+-@\t\r\n\x85\u2028\x0b\x00é1.")), max_size=5)
_CELL = st.one_of(st.floats(allow_nan=True), st.integers(-5, 5), st.booleans(), st.none(), _TEXT)
_ROW = st.tuples(*[_CELL] * (len(CASE_HEADER) - 2))


def _as_read(batch: Any) -> list[dict[str, str]]:
    """The rows of the cases.csv of ``batch`` as report.summarycheck.read_cases_file reads them, of
    each scenario's first point (the filter of the plots' jobs)."""
    rows = [[p.scenario.name, p.summary.label, *row] for p in batch.points for row in p.cases]
    text = csv_bytes(CASE_HEADER, rows).decode("utf-8")
    first: dict[str, str] = {}
    kept = []
    for row in csv.DictReader(text.splitlines()):
        if first.setdefault(row["scenario"], row["point"]) == row["point"]:
            kept.append({name: row[name] for name in PLOTTED_CASE_COLUMNS})
    return kept


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["s", "t", "=u"]), st.one_of(_TEXT, st.sampled_from(["", "n=1", "n=2"])),
                          st.lists(_ROW, max_size=3)), max_size=5))
def test_case_rows_from_memory_are_the_rows_read_back(points: list[tuple[str, str, list[tuple[Any, ...]]]]) -> None:
    batch = SimpleNamespace(points=[
        SimpleNamespace(scenario=SimpleNamespace(name=name), summary=SimpleNamespace(label=label), cases=rows)
        for name, label, rows in points])
    got = first_point_cases(batch)  # type: ignore[arg-type]
    plain = all(not set(v) & set("\r\n\x85\u2028\x0b\x00") for _n, label, rows in points
                for v in [label, *(c for row in rows for c in row if isinstance(c, str))])
    if plain:
        assert got is not None
    if got is not None:
        assert got == _as_read(batch)


def test_a_nan_and_a_formula_come_back_as_the_file_has_them() -> None:
    batch = SimpleNamespace(points=[SimpleNamespace(
        scenario=SimpleNamespace(name="s"), summary=SimpleNamespace(label="-1"),
        cases=[(0, "p", 1, 0, 1.5, math.nan, None, 0.1, 2.0, True, "=grant"),
               (1, "=q", 2, True, 1.0, 2.0, 3.0, math.nan, None, False, "grant")])])
    row, other = first_point_cases(batch)  # type: ignore[arg-type, misc]
    assert other == {"scenario": "s", "point": "'-1", "process": "'=q", "warmup": "True",
                     "submission_to_decision_days": "", "complete_to_decision_days": "",
                     "within_deadline": "False"}
    assert row == {"scenario": "s", "point": "'-1", "process": "p", "warmup": "0",
                   "submission_to_decision_days": "0.1", "complete_to_decision_days": "2.0",
                   "within_deadline": "True"}
