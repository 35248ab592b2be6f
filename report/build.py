"""Write a results folder's ``report.html`` (after a run, or again with ``permitflow report DIR``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

from bpmn_io.yamlsrc import load_yaml
from processes.errors import InputError
from report.folder import replace_outputs
from report.html import plot_jobs, render_report, start_plots
from report.plots import PlotJob, draw_plot, sweep_job
from report.results import (
    first_point_cases,
    member_files,
    read_processes,
    read_profiles,
    read_uncertainty,
    result_files,
    results_document,
    start_csv_texts,
    write_bytes_atomic,
)
from report.summarycheck import read_cases_file, read_summary_file
from scenarios.batch import BatchResults, PointResults
from scenarios.study import Study

__all__ = ["write_report", "write_run", "library_diff_section", "EarlyPlots"]


def library_diff_section(names: Sequence[str]) -> str:
    """The comparison of library municipalities ``names`` (report.diff_html, embedded)."""
    from report.embed import library_comparison_section

    return library_comparison_section(names)


def write_report(folder: str | Path, *, diff_section: Callable[[Sequence[str]], str] | None = None,
                 executor: Executor | None = None) -> Path:
    """Render ``folder/report.html`` from ``summary.json``, ``cases.csv`` and ``processes/``.

    ``executor``: the run's worker pool, which draws the plots meanwhile (the same bytes)."""
    folder = Path(folder)
    if not (folder / "summary.json").is_file():
        raise InputError(f"{folder}: not a results folder (no summary.json; run `permitflow run` first)")
    summary = folder / "summary.json"
    doc = read_summary_file(summary)
    cases = read_cases_file(folder / "cases.csv")
    try:
        processes = read_processes(folder)
    except UnicodeDecodeError as err:
        raise InputError(f"{folder / 'processes'}: a file is not UTF-8 text ({err.reason})") from None
    try:
        uncertainty = read_uncertainty(folder, doc)
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise InputError(f"not the uncertainty.json that permitflow run --uncertainty writes ({err})",
                         file=str(folder / "uncertainty.json")) from None
    profiles = read_profiles(folder)  # YAML read with the checked reader: its errors name the file
    try:
        html = render_report(doc, cases, processes,
                             diff_section=diff_section if diff_section is not None else library_diff_section,
                             profiles=profiles, uncertainty=uncertainty, executor=executor)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as err:
        # a shape the checks above do not know (hand-edited values deeper down): one line, not a traceback
        what = f"missing key {err}" if isinstance(err, KeyError) else str(err).splitlines()[0]
        raise InputError(f"unexpected content ({what}); expected the summary.json that permitflow run writes",
                         file=str(summary)) from None
    target = folder / "report.html"
    write_bytes_atomic(target, html.encode("utf-8"))
    return target


def _plotted(doc: dict[str, Any]) -> dict[str, Any]:
    """What the plots read of ``summary.json``'s document, as reading the file gives it back (a JSON
    round trip of that part: the same text as in the file, so the same values)."""
    part = {"scenarios": [
        {"name": s["name"], "members": s["members"], "sweep": s["sweep"], "points": [
            {"label": p["label"], "values": p["values"],
             "figures": {name: {"mean": est["mean"], "ci": est["ci"]} for name, est in p["figures"].items()}}
            for p in s["points"]]}
        for s in doc["scenarios"]]}
    loaded: dict[str, Any] = json.loads(json.dumps(part, ensure_ascii=False, allow_nan=False, default=str))
    return loaded


def _profiles(folder: Path, batch: BatchResults) -> dict[str, Any]:
    """The profile documents of ``batch``'s processes as ``profiles/`` gives them back (by name)."""
    return {name[len("profiles/"):-len(".yaml")]: load_yaml(data, source=str(folder / name)).data
            for name, data in member_files(batch).items() if name.startswith("profiles/")}


class EarlyPlots:
    """The report's plots sent to a run's workers while its last units still run: the four plots
    of every scenario's first sweep point once those points are all summarised, and a scenario's
    sweep plot once its points are; :func:`write_run` (``early=``) takes each one whose job is
    the same as the one it makes (the same inputs, so the same PNG) and draws only the others.

    :meth:`point` is :func:`scenarios.road.execute`'s ``point_done``. Nothing here changes the
    results folder: a plot that is not needed or not the same is simply not used."""

    def __init__(self, folder: str | Path, batch_study: Study) -> None:
        self.folder, self.study = Path(folder), batch_study
        self.executor: Executor | None = None
        self.started: dict[Hashable, tuple[PlotJob, Future[str | None]]] = {}
        self._points: dict[tuple[str, int], PointResults] = {}
        self._firsts = False

    def point(self, point: PointResults) -> None:
        """``point`` is summarised: send the plots whose points are all here now."""
        if self.executor is None:
            return
        self._points[(point.scenario.name, point.index)] = point
        jobs: dict[Hashable, PlotJob | None] = {}
        with_points = [s for s in self.study.scenarios if s.points]
        if not self._firsts and all((s.name, 0) in self._points for s in with_points):
            self._firsts = True
            firsts = BatchResults(self.study, tuple(self._points[(s.name, 0)] for s in with_points), ())
            cases = first_point_cases(firsts)
            if cases is not None:
                jobs.update(plot_jobs(_plotted(results_document(firsts)), cases, _profiles(self.folder, firsts),
                                      sweeps=False))
        scenario = point.scenario
        if scenario.sweep and len(scenario.points) >= 2 and all(
                (scenario.name, p) in self._points for p in range(len(scenario.points))):
            k = self.study.scenarios.index(scenario)
            mine = BatchResults(self.study, tuple(self._points[(scenario.name, p)]
                                                  for p in range(len(scenario.points))), ())
            jobs[("sweep", k)] = sweep_job(_plotted(results_document(mine))["scenarios"][k])
        for key, job in jobs.items():
            if job is not None:
                self.started[key] = (job, self.executor.submit(draw_plot, job))


def write_run(folder: str | Path, batch: BatchResults, *, uncertainty: dict[str, Any] | None = None,
              executor: Executor | None = None, csv_executor: Executor | None = None,
              diff_section: Callable[[Sequence[str]], str] | None = None,
              early: EarlyPlots | None = None) -> Path:
    """A run's results folder: :func:`report.results.write_results` and then :func:`write_report`,
    the same bytes, with the report's inputs taken from memory instead of the files just written.

    The plots go to ``executor`` (the run's worker pool) before anything is written, so they
    are drawn while this process makes summary.json; ``csv_executor`` makes the CSV texts
    (:func:`report.results.result_files`). ``processes/`` and ``profiles/`` are read back (a
    few small files; the report draws whatever the folder holds, as ``permitflow report``).
    ``early``: the plots sent while the run's units ran (:class:`EarlyPlots`); those that are
    the same are not drawn again.
    """
    folder = Path(folder)
    doc = results_document(batch, uncertainty)
    # the CSV texts go first: this process asks for them once summary.json is made, and then
    # renders the report while the workers draw the plots (sent after them it waited for every plot)
    csv_texts = start_csv_texts(batch, doc, csv_executor) if csv_executor is not None else None
    cases = first_point_cases(batch)
    drawn = None
    if cases is not None:
        drawn = start_plots(_plotted(doc), cases, _profiles(folder, batch), executor,
                            early.started if early is not None else None)
    files = result_files(batch, doc, uncertainty=uncertainty, started=csv_texts)
    replace_outputs(folder, files)
    if drawn is None:  # a text that might not come back the same from cases.csv: the plots from the files
        return write_report(folder, diff_section=diff_section, executor=executor)
    summary = json.loads(files["summary.json"].decode("utf-8"))  # what read_summary_file gives back
    loaded = json.loads(files["uncertainty.json"].decode("utf-8")) if "uncertainty.json" in files else None
    html = render_report(summary, (), read_processes(folder),
                         diff_section=diff_section if diff_section is not None else library_diff_section,
                         profiles=read_profiles(folder), uncertainty=loaded if "uncertainty" in summary else None,
                         executor=executor, plots_drawn=drawn)
    target = folder / "report.html"
    write_bytes_atomic(target, html.encode("utf-8"))
    return target
