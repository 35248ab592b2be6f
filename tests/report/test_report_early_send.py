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
