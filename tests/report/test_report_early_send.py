"""The first points' plots go to the workers before the run's process makes the report's study-only
work (the processes parsed, their diagrams, the template: report.build.EarlyPlots). That work runs
inside the call that tells the run a chunk is back, while no next chunk can go out: with the plots
already queued, the workers draw them meanwhile instead of waiting (goal 7 of issue 16)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import report.html

FIXTURES = Path(__file__).resolve().parents[1] / "scenarios" / "fixtures"


class _Recording(Executor):
    """Takes the plot jobs without drawing them (their futures never finish): what was sent, in order."""

    def __init__(self) -> None:
        self.sent: list[Any] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.sent.append(args[0])
        return Future()


def test_the_first_points_plots_are_sent_before_the_processes_are_parsed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from report.build import EarlyPlots
    from scenarios.loader import read_any
    from scenarios.road import execute, prepare

    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "s.yaml").write_text(
        "name: s\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 2\nhorizon: 8w\n"
        "sweep:\n  simulation.pools.officer.count: [1, 2]\n", encoding="utf-8")
    plan = prepare(read_any([tmp_path / "s.yaml"]))
    plots = _Recording()
    sent_when_parsing: list[int] = []
    inner = report.html.parsed_processes

    def parsing(*args: Any, **kwargs: Any) -> Any:
        sent_when_parsing.append(len(plots.sent))
        return inner(*args, **kwargs)

    monkeypatch.setattr(report.html, "parsed_processes", parsing)
    early = EarlyPlots(tmp_path / "out", plan.study)
    early.executor = plots
    with ThreadPoolExecutor(1) as pool:
        execute(plan, executor=pool, workers=1, chunk=1, point_done=early.point)
    assert early.executor is plots and early.parsed is not None  # no fault dropped the early work
    firsts = [key for key in early.started if not (isinstance(key, tuple) and key[0] == "sweep")]
    sweeps = [key for key in early.started if key not in firsts]
    assert firsts and sweeps  # the first point's plots and, once both points were in, the sweep's
    assert sent_when_parsing == [len(firsts)]  # all of the first point's plots, and only those, were out
    assert plots.sent == [early.started[key][0] for key in [*firsts, *sweeps]]


def test_the_assumption_tables_made_during_the_run_are_the_reports(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Made with the first points, while the other units run, and taken by the report (not made again
    after the last unit): the same report bytes as a run that makes them at the end."""
    from report.build import EarlyPlots, write_run
    from scenarios.loader import read_any
    from scenarios.road import execute, prepare

    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "s.yaml").write_text(
        "name: s\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 2\nhorizon: 8w\n"
        "sweep:\n  simulation.pools.officer.count: [1, 2]\n", encoding="utf-8")
    plan = prepare(read_any([tmp_path / "s.yaml"]))
    write_run(tmp_path / "here", execute(plan), diff_section=lambda names: "")
    made: list[int] = []
    inner = report.html.assumption_tables

    def counted(*args: Any, **kwargs: Any) -> Any:
        made.append(1)
        return inner(*args, **kwargs)

    monkeypatch.setattr(report.html, "assumption_tables", counted)
    with ThreadPoolExecutor(2) as pool:
        early = EarlyPlots(tmp_path / "pool", plan.study)
        early.executor = pool
        batch = execute(plan, executor=pool, workers=2, chunk=1, point_done=early.point)
        assert len(made) == 1 and early.assumptions is not None
        write_run(tmp_path / "pool", batch, executor=pool, diff_section=lambda names: "", early=early)
    assert len(made) == 1  # not made again for the report
    for name in ("report.html", "summary.json"):
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "pool" / name).read_bytes(), name


def test_assumption_tables_made_of_other_inputs_are_made_again() -> None:
    from bpmn_io.yamlsrc import load_yaml
    from report.html import _assumption_tables, early_assumptions, parsed_processes

    text = (FIXTURES / "mini.bpmn").read_text(encoding="utf-8")
    profile = load_yaml((FIXTURES / "mini.yaml").read_bytes(), source="mini.yaml").data
    doc: dict[str, Any] = {"scenarios": [{"name": "s", "members": ["mini"], "settings": {"horizon": "8w"},
                                          "points": []}]}
    drawn = early_assumptions(doc, {"mini": text}, {"mini": profile}, parsed_processes({"mini": text}))
    chosen, names, runs, tables = drawn
    assert _assumption_tables(chosen, names, None, runs, drawn) is tables
    fresh = _assumption_tables({"mini": dict(profile)}, names, None, runs, drawn)  # an equal profile, another object
    assert fresh is not tables and fresh == tables
    assert _assumption_tables(chosen, names, None, {"mini": {"horizon": "1y"}}, drawn) != tables  # other run settings
    assert _assumption_tables(chosen, names, {"points": 8}, runs, drawn) is not tables  # an uncertainty run's
