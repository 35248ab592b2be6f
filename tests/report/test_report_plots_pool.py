"""The report's plots drawn in a pool of worker processes: every plot goes there, the HTML is the same."""

from __future__ import annotations

import shutil
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from cli import cli
from report import plots
from report.build import write_report
from report.results import write_results

FIXTURES = Path(__file__).resolve().parents[1] / "scenarios" / "fixtures"


class Counting(Executor):
    """Passes work on to ``inner`` and keeps what was submitted."""

    def __init__(self, inner: Executor) -> None:
        self.inner = inner
        self.submitted: list[Any] = []

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted.append((fn, *args))
        return self.inner.submit(fn, *args, **kwargs)


def test_plots_drawn_in_worker_processes_give_the_same_report(tmp_path: Path) -> None:
    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "s.yaml").write_text(
        "name: s\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 2\nhorizon: 8w\n"
        "sweep:\n  simulation.pools.officer.count: [1, 2]\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "s.yaml"), "-o", str(out), "--workers", "1"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    here = (out / "report.html").read_bytes()
    with ProcessPoolExecutor(2) as pool:
        counting = Counting(pool)
        write_report(out, executor=counting)
    assert (out / "report.html").read_bytes() == here
    # deadline, utilisation, processing times and the sweep, each in English and Swedish: all drawn by the workers
    assert [fn for fn, *_ in counting.submitted] == [plots.draw_plot] * 8
    drawers = [job[0].__name__ for _fn, job in counting.submitted]
    assert drawers == ["_draw_deadline", "_draw_deadline", "_bars", "_bars", "_draw_processing_times",
                       "_draw_processing_times", "draw_sweep", "draw_sweep"]
    assert b"data:image/png;base64," in here


def test_draw_all_without_an_executor_draws_when_asked() -> None:
    job = plots.utilisation_job({"scenarios": [{"name": "s", "points": [{"label": "", "figures": {
        "m/utilisation.officer": {"mean": 0.5, "ci": [0.4, 0.6]}}}]}]})
    assert job is not None
    drawn = plots.draw_all({"u": job, "none": None})
    got = drawn()
    assert got["none"] is None
    assert got["u"] is not None and got["u"].startswith("data:image/png;base64,")


def mini_batch(tmp_path: Path) -> Any:
    """Two replications of the small fixture process, run here."""
    from scenarios.loader import read_any
    from scenarios.road import run_study

    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "s.yaml").write_text(
        "name: s\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 2\nhorizon: 8w\n", encoding="utf-8")
    return run_study(read_any([tmp_path / "s.yaml"]))


def test_the_csv_files_written_by_a_worker_are_the_same(tmp_path: Path) -> None:
    batch = mini_batch(tmp_path)
    write_results(tmp_path / "here", batch)
    with ProcessPoolExecutor(2) as pool:
        counting = Counting(pool)
        write_results(tmp_path / "pool", batch, executor=counting)
    assert len(counting.submitted) == 2
    for name in ("summary.json", "summary.csv", "cases.csv", ".permitflow-results"):
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "pool" / name).read_bytes(), name
    assert (tmp_path / "pool" / "cases.csv").read_text(encoding="utf-8").count("\n") > 2


class Lost(Executor):
    """Every submitted task fails as when its worker process died."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        from concurrent.futures.process import BrokenProcessPool

        future: Future[Any] = Future()
        future.set_exception(BrokenProcessPool("a worker died"))
        return future


def test_a_lost_worker_draws_and_writes_here_instead(tmp_path: Path) -> None:
    batch = mini_batch(tmp_path)
    for where, executor in (("here", None), ("lost", Lost())):
        write_results(tmp_path / where, batch, executor=executor)
        write_report(tmp_path / where, executor=executor, diff_section=lambda names: "")
    for name in ("summary.csv", "cases.csv", "report.html"):
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "lost" / name).read_bytes(), name


def test_a_run_sends_its_result_texts_before_the_plots_and_writes_the_same_folder(tmp_path: Path) -> None:
    from report.build import write_run
    from report.casesfile import cases_csv_bytes
    from report.results import summary_texts

    batch = mini_batch(tmp_path)
    write_run(tmp_path / "here", batch, diff_section=lambda names: "")
    with ProcessPoolExecutor(2) as pool:
        counting = Counting(pool)
        write_run(tmp_path / "pool", batch, executor=counting, csv_executor=counting, diff_section=lambda names: "")
    # the result files' texts first, in two tasks (summary.json with summary.csv, then cases.csv), then every plot
    assert [fn for fn, *_ in counting.submitted] == [summary_texts, cases_csv_bytes] + [plots.draw_plot] * 6
    for name in ("summary.json", "summary.csv", "cases.csv", "report.html", ".permitflow-results"):
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "pool" / name).read_bytes(), name


def test_plots_sent_while_the_units_run_are_used_and_give_the_same_folder(tmp_path: Path) -> None:
    from report.build import EarlyPlots, write_run
    from scenarios.loader import read_any
    from scenarios.road import execute, prepare

    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "s.yaml").write_text(
        "name: s\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 3\nhorizon: 8w\n"
        "sweep:\n  simulation.pools.officer.count: [1, 2]\n", encoding="utf-8")
    (tmp_path / "t.yaml").write_text(
        "name: t\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 3\nhorizon: 8w\n"
        "set:\n  simulation.decision.delegation: officer\n",
        encoding="utf-8")
    plan = prepare(read_any([tmp_path / "s.yaml", tmp_path / "t.yaml"]))
    write_run(tmp_path / "here", execute(plan), diff_section=lambda names: "")
    with ProcessPoolExecutor(2) as pool:
        counting = Counting(pool)
        early = EarlyPlots(tmp_path / "pool", plan.study)
        early.executor = counting
        batch = execute(plan, executor=counting, workers=2, chunk=1, point_done=early.point)
        drawn_early = [fn for fn, *_ in counting.submitted].count(plots.draw_plot)
        write_run(tmp_path / "pool", batch, executor=counting, diff_section=lambda names: "", early=early)
    # the four plots of the first points and the sweep went out during the run; none is drawn again
    assert drawn_early == 8 and set(early.started) == {
        *(f"{plot}.{lang}" for plot in ("deadline", "utilisation", "times") for lang in ("en", "sv")),
        ("sweep", 0, "en"), ("sweep", 0, "sv")}
    assert [fn for fn, *_ in counting.submitted].count(plots.draw_plot) == 8
    for name in ("summary.json", "summary.csv", "cases.csv", "report.html", ".permitflow-results"):
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "pool" / name).read_bytes(), name


def test_a_plot_sent_early_that_is_not_the_same_is_drawn_again() -> None:
    job = plots.utilisation_job({"scenarios": [{"name": "s", "points": [{"label": "", "figures": {
        "m/utilisation.officer": {"mean": 0.5, "ci": [0.4, 0.6]}}}]}]})
    other = plots.utilisation_job({"scenarios": [{"name": "s", "points": [{"label": "", "figures": {
        "m/utilisation.officer": {"mean": 0.7, "ci": [0.4, 0.8]}}}]}]})
    assert job is not None and other is not None
    stale: Future[str | None] = Future()
    stale.set_result("not this one")
    kept: Future[str | None] = Future()
    kept.set_result("drawn early")
    got = plots.draw_all({"u": job, "v": job}, None, {"u": (other, stale), "v": (job, kept)})()
    assert got["v"] == "drawn early"
    assert got["u"] == plots.draw_plot(job) != "not this one"
