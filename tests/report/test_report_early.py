"""report.early.EarlyParts: the result files joined from each point's parts, made as the point is
final while the other units still run, are the files made at the end (the same bytes, the same
summary.json read back), and parts of other results are never used."""

from __future__ import annotations

import json
import random
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from report.early import POINT_LEVEL, EarlyParts
from report.jsontext import json_part, json_text
from report.results import result_files, results_document
from scenarios.batch import Assembly, PointResults, assemble
from scenarios.execute import plan
from scenarios.loader import read_any
from simulator.runner import Failure, run_replications

FIXTURES = Path(__file__).resolve().parents[1] / "scenarios" / "fixtures"
MINI = "base: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 3\nhorizon: 8w\n"


@pytest.fixture(scope="module")
def finished(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, list[Any], list[Any]]:
    """A baseline, a scenario against it and a two-point sweep against it, every unit run here."""
    folder = tmp_path_factory.mktemp("early")
    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "base.yaml").write_text("name: base\n" + MINI, encoding="utf-8")
    (folder / "officer.yaml").write_text(
        "name: officer\n" + MINI + "set:\n  simulation.decision.delegation: officer\nbaseline: base\n", encoding="utf-8")
    (folder / "sweep.yaml").write_text(
        "name: '=sweep'\n" + MINI + "sweep:\n  simulation.pools.officer.count: [1, 2]\nbaseline: base\n",
        encoding="utf-8")
    study = read_any([folder / "base.yaml", folder / "officer.yaml", folder / "sweep.yaml"])
    planned = plan(study, version="test")
    outcomes = run_replications([job for _, job in planned])
    return study, [uid for uid, _ in planned], outcomes


def arrive(study: Any, ids: list[Any], outcomes: list[Any], seed: int, parts: EarlyParts,
           finals: list[PointResults] | None = None) -> Any:
    """Every unit back in chunks of two, in an order the seed shuffles; the results."""
    def final(point: PointResults) -> None:
        parts.point(point)
        if finals is not None:
            finals.append(point)

    assembly = Assembly(study, ids, final=final)
    order = list(range(len(ids)))
    random.Random(seed).shuffle(order)
    for start in range(0, len(order), 2):
        chunk = order[start:start + 2]
        assembly.arrived(chunk, [outcomes[i] for i in chunk])
    return assembly.finish(outcomes)


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_the_files_joined_from_parts_are_the_files_made_at_the_end(finished, seed: int) -> None:
    study, ids, outcomes = finished
    outcomes = list(outcomes)
    outcomes[seed] = Failure("SimulationError", "it broke")  # a failed unit: no rows, a figure less
    parts = EarlyParts()
    batch = arrive(study, ids, outcomes, seed, parts)
    assert batch == assemble(study, ids, outcomes)
    made = result_files(batch, results_document(batch))
    doc = results_document(batch, entries=parts.entries(batch))
    joined = parts.files(batch, doc)
    assert joined is not None
    files, read_back = joined
    assert files == {name: made[name] for name in ("summary.json", "summary.csv", "cases.csv")}
    assert read_back == json.loads(made["summary.json"].decode("utf-8"))


def test_every_point_is_final_once_as_the_results_hold_it(finished) -> None:
    study, ids, outcomes = finished
    finals: list[PointResults] = []
    batch = arrive(study, ids, outcomes, 7, EarlyParts(), finals)
    assert sorted(finals, key=batch.points.index) == list(batch.points)
    assert [p.comparison is not None for p in batch.points] == [False, True, True, True]


def test_a_point_waits_for_its_baseline_before_it_is_final(finished) -> None:
    study, ids, outcomes = finished
    finals: list[tuple[str, int]] = []
    assembly = Assembly(study, ids, final=lambda p: finals.append((p.scenario.name, p.index)))
    officer = [i for i, uid in enumerate(ids) if uid.scenario == "officer"]
    base = [i for i, uid in enumerate(ids) if uid.scenario == "base"]
    assembly.arrived(officer, [outcomes[i] for i in officer])
    assert finals == []
    assembly.arrived(base, [outcomes[i] for i in base])
    assert finals == [("base", 0), ("officer", 0)]


def test_parts_of_other_results_are_not_used(finished) -> None:
    study, ids, outcomes = finished
    parts = EarlyParts()
    arrive(study, ids, outcomes, 0, parts)
    other = assemble(study, ids, outcomes)  # equal results, but not the points the parts were made from
    assert parts.entries(other) is None
    assert parts.files(other, results_document(other)) is None


def test_without_every_points_part_nothing_is_joined(finished) -> None:
    study, ids, outcomes = finished
    parts = EarlyParts()
    assembly = Assembly(study, ids, final=parts.point)
    some = [i for i, uid in enumerate(ids) if uid.scenario == "base"]
    assembly.arrived(some, [outcomes[i] for i in some])  # the rest comes only at the end (a cache)
    batch = assembly.finish(outcomes)
    assert parts.entries(batch) is None
    assert parts.files(batch, results_document(batch)) is None


def test_a_part_made_earlier_is_taken_where_its_object_stands_at_its_level() -> None:
    inner = {"x": [1.5, 2.0], "y": "é"}
    doc = {"a": [{"b": [inner]}], "c": inner}
    text = json_part(inner, 4)
    assert text is not None
    assert json_text(doc, {id(inner): (4, text)}) == json_text(doc)
    marked = json_text(doc, {id(inner): (4, "MADE")})
    assert marked.count("MADE") == 1  # at level 4 only; where it stands at level 1 it is written again
    assert json_text(doc, {id(inner): (2, "MADE")}) == json_text(doc)


def test_a_value_json_dumps_must_decide_has_no_part() -> None:
    assert json_part({"a": float("nan")}, POINT_LEVEL) is None
    assert json_part({"a": (1, 2)}, 0) == json_text({"a": (1, 2)})


def test_a_run_with_parts_writes_the_same_folder(tmp_path: Path, finished) -> None:
    from report.build import EarlyPlots, write_run

    study, ids, outcomes = finished
    here = assemble(study, ids, outcomes)
    write_run(tmp_path / "here", here, diff_section=lambda names: "")
    with ProcessPoolExecutor(2) as pool:
        early = EarlyPlots(tmp_path / "pool", study)
        early.executor = pool
        assembly = Assembly(study, ids, done=early.point, final=early.final)
        for i in range(len(ids)):
            assembly.arrived([i], [outcomes[i]])
        batch = assembly.finish(outcomes)
        assert early.parts is not None and early.parts.entries(batch) is not None
        write_run(tmp_path / "pool", batch, executor=pool, csv_executor=pool, diff_section=lambda names: "",
                  early=early)
    for name in ("summary.json", "summary.csv", "cases.csv", "report.html", ".permitflow-results"):
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "pool" / name).read_bytes(), name
