"""scenarios.execute + scenarios.batch: work units on the real engine, CRN, paired comparisons."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest

from processes.errors import InputError
from scenarios.batch import PointFailure, assemble
from scenarios.compare import estimate, paired_differences, summarise_point
from scenarios.execute import CASE_COLUMNS, UnitResult, plan, run_unit
from scenarios.loader import read_any
from scenarios.road import prepare
from scenarios.settings import Origin
from simulator.runner import Failure, run_replications


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


MINI = "base: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 3\nhorizon: 16w\n"


@pytest.fixture
def study(workdir: Path):
    write(workdir, "base.yaml", "name: base\n" + MINI)
    write(workdir, "officer.yaml", "name: officer\n" + MINI + "set:\n  simulation.decision.delegation: officer\nbaseline: base\n")
    return read_any([workdir / "base.yaml", workdir / "officer.yaml"])


def test_the_plan_has_one_job_per_scenario_point_and_replication(study) -> None:
    planned = plan(study, version="test")
    assert [(u.scenario, u.point, u.replication) for u, _ in planned] == [
        ("base", 0, 0), ("base", 0, 1), ("base", 0, 2), ("officer", 0, 0), ("officer", 0, 1), ("officer", 0, 2),
    ]
    keys = [job.key for _, job in planned]
    assert len(set(keys)) == 6
    assert [job.key for _, job in plan(study, version="test")] == keys  # stable
    assert [job.key for _, job in plan(study, version="other")] != keys  # the code version is part of the key


def test_a_unit_is_deterministic_and_uses_common_random_numbers(study) -> None:
    planned = plan(study, version="test")
    base0, officer0 = planned[0][1].payload, planned[3][1].payload
    a, b = run_unit(base0), run_unit(base0)
    assert isinstance(a, UnitResult) and a == b
    assert len(a.cases[0]) == len(CASE_COLUMNS)
    other = run_unit(officer0)
    # replication 0 of both scenarios sees the same applicants: same submission times
    assert [row[3] for row in a.cases] == [row[3] for row in other.cases]
    figures = dict(a.figures)
    assert figures["mini/cases"] > 0
    assert dict(other.figures)["mini/submission_to_decision_mean_days"] < figures["mini/submission_to_decision_mean_days"]


def test_assemble_pairs_each_scenario_with_its_baseline(study) -> None:
    planned = plan(study, version="test")
    outcomes = run_replications([job for _, job in planned])
    batch = assemble(study, [uid for uid, _ in planned], outcomes)
    assert batch.failures == ()
    base, officer = batch.points
    assert base.comparison is None
    diffs = {d.figure: d for d in officer.comparison.differences}
    d = diffs["mini/submission_to_decision_mean_days"]
    per_rep = tuple(
        x - y for x, y in zip(officer.summary.figures["mini/submission_to_decision_mean_days"].values,
                              base.summary.figures["mini/submission_to_decision_mean_days"].values, strict=True)
    )
    assert d.values == per_rep
    assert d.mean < 0 and d.high < 0 and d.significant
    assert diffs["mini/cases"].values == (0.0, 0.0, 0.0)  # same arrivals in every replication
    assert all(row[0] in (0, 1, 2) for row in officer.cases)


def test_a_failed_unit_is_reported_for_its_scenario(study) -> None:
    planned = plan(study, version="test")
    outcomes = run_replications([job for _, job in planned])
    outcomes[4] = Failure("SimulationError", "it broke")
    batch = assemble(study, [uid for uid, _ in planned], outcomes)
    assert batch.failures == (PointFailure("officer", 0, "it broke"),)
    assert batch.failed_scenarios == ("officer",)
    est = batch.points[1].summary.figures["mini/cases"]
    assert math.isnan(est.values[1]) and est.n == 2


def test_baselines_must_exist_and_be_pairable(study) -> None:
    prepare(study)
    base, officer = study.scenarios
    with pytest.raises(InputError, match="baseline: 'nobody' is not a scenario of this run"):
        prepare(dataclasses.replace(study, scenarios=(base, dataclasses.replace(officer, baseline="nobody"))))
    with pytest.raises(InputError, match="replications 5 here .test. but 3 in the baseline .*paired differences need"):
        prepare(dataclasses.replace(study, scenarios=(base, officer.with_replications(5, Origin("test")))))


def test_estimates_and_paired_differences_by_hand() -> None:
    est = estimate([1.0, 2.0, 3.0, float("nan")])
    assert (est.mean, est.n) == (2.0, 3)
    # t(0.975, 2) = 4.302652...; sd = 1; half width = 4.302652 / sqrt(3)
    assert est.high - est.mean == pytest.approx(4.302652729749464 / math.sqrt(3))
    a = summarise_point("a", "", (), [{"x": 10.0}, {"x": 12.0}, {"x": 11.0}])
    b = summarise_point("b", "", (), [{"x": 9.0}, {"x": 10.0}, {"x": 10.5}])
    (diff,) = paired_differences(a, b).differences
    assert diff.values == (1.0, 2.0, 0.5)
    assert diff.mean == pytest.approx(7 / 6)
    assert diff.significant is (diff.low > 0)


def test_a_joint_unit_reports_the_whole_shared_pools_utilisation(workdir: Path) -> None:
    path = write(workdir, "joint.yaml", (
        "name: joint\nreplications: 2\nhorizon: 16w\n"
        "base:\n  - {bpmn: mini.bpmn, profile: mini.yaml, name: north}\n"
        "  - {bpmn: mini.bpmn, profile: mini.yaml, name: south}\n"
        "shared_pools:\n  officer: {members: [north, south]}\n"
    ))
    study = read_any([path])
    figures = dict(run_unit(plan(study, version="test")[0][1].payload).figures)
    whole = figures["shared officer/utilisation.officer"]
    assert whole == pytest.approx(figures["north/utilisation.officer"] + figures["south/utilisation.officer"])
    assert 0 < whole < 1


def test_a_scenario_with_cases_simulates_that_many_applications(workdir: Path) -> None:
    path = write(workdir, "count.yaml", "name: count\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\n"
                 "replications: 2\ncases: 12\nwarmup: 0d\n")
    planned = plan(read_any([path]), version="test")
    for _uid, job in planned:
        result = run_unit(job.payload)
        assert dict(result.figures)["mini/cases"] == 12.0 and len(result.cases) == 12


def test_code_version_hashes_what_pathlib_rglob_finds_in_its_order(tmp_path: Path) -> None:
    # code_version lists the sources with os.scandir: the same files, names and order as the
    # pathlib definition it replaced, so kept results and parsed models keep their keys
    import hashlib

    from processes import cachestore
    from scenarios import execute

    def by_pathlib(root: Path, package: str) -> list[tuple[str, ...]]:
        return [p.relative_to(root).parts for p in sorted((root / package).rglob("*.py"))
                if "__pycache__" not in p.parts]

    for sub in ("b", "a/z", "a/__pycache__", "A", "a.b"):
        (tmp_path / "pkg" / sub).mkdir(parents=True)
    for name in ("b/x.py", "a/z/y.py", "a/__pycache__/c.py", "A/q.py", "a.b/r.py", "top.py", "a/notes.txt", "_u.py"):
        (tmp_path / "pkg" / name).write_text(name)
    assert cachestore.source_files(str(tmp_path), "pkg") == by_pathlib(tmp_path, "pkg")
    root = Path(execute.__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for package in ("processes", "simulator", "bpmn_io", "scenarios"):
        assert cachestore.source_files(str(root), package) == by_pathlib(root, package)
        for parts in by_pathlib(root, package):
            digest.update(str(Path(*parts)).encode())
            digest.update((root / Path(*parts)).read_bytes())
    assert execute.code_version() == digest.hexdigest()[:16]
