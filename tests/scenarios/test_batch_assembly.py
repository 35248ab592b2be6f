"""scenarios.batch.Assembly: points summarised as their units come back give assemble's results."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from scenarios.batch import Assembly, PointFailure, assemble
from scenarios.execute import plan
from scenarios.loader import read_any
from simulator.runner import Failure, run_replications

MINI = "base: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 3\nhorizon: 8w\n"


@pytest.fixture
def finished(workdir: Path):
    (workdir / "base.yaml").write_text("name: base\n" + MINI, encoding="utf-8")
    (workdir / "officer.yaml").write_text(
        "name: officer\n" + MINI + "set:\n  simulation.decision.delegation: officer\nbaseline: base\n", encoding="utf-8")
    study = read_any([workdir / "base.yaml", workdir / "officer.yaml"])
    planned = plan(study, version="test")
    outcomes = run_replications([job for _, job in planned])
    return study, [uid for uid, _ in planned], outcomes


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_any_arrival_order_and_any_share_arrived_give_assembles_results(finished, seed: int) -> None:
    study, ids, outcomes = finished
    outcomes = list(outcomes)
    outcomes[4] = Failure("SimulationError", "it broke")
    expected = assemble(study, ids, outcomes)
    order = list(range(len(ids)))
    random.Random(seed).shuffle(order)
    # some units come back in chunks while the run goes on; the rest (cached, say) only at the end
    came = order[: len(order) - seed]
    assembly = Assembly(study, ids)
    for start in range(0, len(came), 2):
        part = came[start:start + 2]
        assembly.arrived(part, [outcomes[i] for i in part])
    assert assembly.finish(outcomes) == expected
    assert expected.failures == (PointFailure("officer", 0, "it broke"),)


def test_the_baseline_comparison_is_made_once_both_points_are_back(finished) -> None:
    study, ids, outcomes = finished
    assembly = Assembly(study, ids)
    officer = [i for i, uid in enumerate(ids) if uid.scenario == "officer"]
    base = [i for i, uid in enumerate(ids) if uid.scenario == "base"]
    assembly.arrived(officer, [outcomes[i] for i in officer])
    assert assembly._compared == {}  # the baseline is not back yet
    assembly.arrived(base, [outcomes[i] for i in base])
    assert set(assembly._compared) == {("officer", 0)}
    assert assembly.finish(outcomes) == assemble(study, ids, outcomes)


def test_finish_wants_every_outcome(finished) -> None:
    study, ids, outcomes = finished
    with pytest.raises(ValueError, match="5 outcomes for 6 work units"):
        Assembly(study, ids).finish(outcomes[:5])


def test_each_point_summarised_early_is_told_as_finish_gives_it(finished) -> None:
    study, ids, outcomes = finished
    told = []
    assembly = Assembly(study, ids, done=told.append)
    for i in range(len(ids)):
        assembly.arrived([i], [outcomes[i]])
    batch = assembly.finish(outcomes)
    assert [(p.scenario.name, p.index) for p in told] == [("base", 0), ("officer", 0)]
    for early, final in zip(told, batch.points, strict=True):
        assert early.comparison is None  # told before the comparison; everything else the same
        assert (early.scenario, early.index, early.summary, early.cases, early.eventlogs) == (
            final.scenario, final.index, final.summary, final.cases, final.eventlogs)


def test_each_point_is_told_compared_once_its_baseline_is_back_as_finish_gives_it(finished) -> None:
    study, ids, outcomes = finished
    told = []
    assembly = Assembly(study, ids, compared=told.append)
    officer = [i for i, uid in enumerate(ids) if uid.scenario == "officer"]
    base = [i for i, uid in enumerate(ids) if uid.scenario == "base"]
    assembly.arrived(officer, [outcomes[i] for i in officer])
    assert told == []  # its baseline is not back yet
    assembly.arrived(base, [outcomes[i] for i in base])
    assert [(p.scenario.name, p.index) for p in told] == [("base", 0), ("officer", 0)]
    assert told[0].comparison is None and told[1].comparison is not None
    batch = assembly.finish(outcomes)
    assert all(early is final for early, final in zip(told, batch.points, strict=True))  # the very objects
    assert batch == assemble(study, ids, outcomes)
