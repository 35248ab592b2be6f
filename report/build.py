"""Write a results folder's ``report.html`` (after a run, or again with ``permitflow report DIR``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Mapping, Sequence
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bpmn_io.yamlsrc import load_yaml
from processes.errors import InputError
from report import plots
from report.folder import only_listed, replace_outputs, write_last
from report.jsontext import json_plain
from report.plots import PlotJob
from report.results import (
    FirstCases,
    first_cases,
    first_point_cases,
    member_files,
    read_processes,
    read_profiles,
    read_uncertainty,
    result_files,
    results_document,
    start_texts,
)
from report.summarycheck import read_cases_file, read_summary_file
from scenarios.batch import BatchResults, PointResults
from scenarios.study import Study

if TYPE_CHECKING:
    from report.html import DrawnAssumptions, EarlyTables, Grouped

__all__ = ["write_report", "write_run", "library_diff_section", "EarlyPlots"]

# report.html (jinja2, the template's words, the BPMN reader and SVG) is imported where a report is
# made, not with this module: `permitflow run` imports this module before it reads the study, and what
# it loads then is serial work while the second core idles (goal 7 of issue 16); the report's modules
# load later, in the parent while the workers run (EarlyPlots) or for the report itself.


def library_diff_section(names: Sequence[str]) -> str:
    """The comparison of library municipalities ``names`` (report.diff_html, embedded)."""
    from report.embed import library_comparison_section

    return library_comparison_section(names)


def write_report(folder: str | Path, *, diff_section: Callable[[Sequence[str]], str] | None = None,
                 executor: Executor | None = None) -> Path:
    """Render ``folder/report.html`` from ``summary.json``, ``cases.csv`` and ``processes/``.

    ``executor``: the run's worker pool, which draws the plots meanwhile (the same bytes)."""
    from report.html import render_report

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
    write_last(folder, {"report.html": html.encode("utf-8")})  # and the manifest sealed with its hash
    return target


def _plotted(doc: dict[str, Any], *, plain: bool = False) -> dict[str, Any]:
    """What the plots read of ``summary.json``'s document, as reading the file gives it back (a JSON
    round trip of that part: the same text as in the file, so the same values; ``plain``: the
    document comes back as it is (:func:`report.jsontext.json_plain`), so the part is taken as it is)."""
    part = {"scenarios": [
        {"name": s["name"], "members": s["members"], "sweep": s["sweep"], "points": [
            {"label": p["label"], "values": p["values"],
             "figures": {name: {"mean": est["mean"], "ci": est["ci"]} for name, est in p["figures"].items()}}
            for p in s["points"]]}
        for s in doc["scenarios"]]}
    if plain:
        return part
    loaded: dict[str, Any] = json.loads(json.dumps(part, ensure_ascii=False, allow_nan=False, default=str))
    return loaded


def _as_read(folder: Path, members: dict[str, bytes], profiles: dict[str, Any],
             ) -> tuple[dict[str, str], dict[str, Any]] | None:
    """:func:`report.results.read_processes` and :func:`report.results.read_profiles` of ``folder``
    as they will give them once :func:`report.folder.replace_outputs` has written ``members``
    (``profiles``: their documents by name, :func:`_profiles`); ``None`` when ``processes/`` or
    ``profiles/`` holds a file that the last run did not write (it stays, and the report draws it)."""
    if not (only_listed(folder, "processes") and only_listed(folder, "profiles")):
        return None
    names = sorted(members)  # the readers' order: by file name
    # read_text's universal newlines: \r\n and \r read as \n
    processes = {name[len("processes/"):-len(".bpmn")]: members[name].decode("utf-8").replace("\r\n", "\n")
                 .replace("\r", "\n") for name in names if name.startswith("processes/")}
    return processes, {name[len("profiles/"):-len(".yaml")]: profiles[name[len("profiles/"):-len(".yaml")]]
                       for name in names if name.startswith("profiles/")}


def _profiles(folder: Path, members: dict[str, bytes]) -> dict[str, Any]:
    """The profile documents of ``members`` (:func:`report.results.member_files`) as ``profiles/``
    gives them back (by name)."""
    return {name[len("profiles/"):-len(".yaml")]: load_yaml(data, source=str(folder / name)).data
            for name, data in members.items() if name.startswith("profiles/")}


class EarlyPlots:
    """The report's plots sent to a run's workers while its last units still run: the four plots
    of every scenario's first sweep point once those points are all summarised, and a scenario's
    sweep plot once its points are (and the first points have given the municipalities' names); :func:`write_run` (``early=``) takes each one whose job is
    the same as the one it makes (the same inputs, so the same PNG) and draws only the others.

    With the first points, this process also makes (while the workers run) what the report needs
    of the study alone: the member files (:func:`report.results.member_files`), their profiles,
    each process parsed and the report's template compiled; and each process's diagram with the
    first points' waiting badges (:func:`report.html.diagram_svgs`), which the report takes when
    its badges are the same. Then each point's figures tables as soon as the point and its baseline
    point are both summarised (:meth:`compared`, :class:`report.html.EarlyTables`), which the report
    takes when made of the same inputs.

    :meth:`point` is :func:`scenarios.road.execute`'s ``point_done``. Nothing here changes the
    results folder: what is not the same is made again, and a fault here only leaves the work
    to :func:`write_run`."""

    def __init__(self, folder: str | Path, batch_study: Study) -> None:
        self.folder, self.study = Path(folder), batch_study
        self.executor: Executor | None = None
        self.started: dict[Hashable, tuple[PlotJob, Future[str | None]]] = {}
        self.members: dict[str, bytes] | None = None
        self.profiles: dict[str, Any] | None = None
        self.parsed: dict[str, tuple[str, Any]] | None = None
        #: each process's diagram drawn with the first points (report.html.diagram_svgs)
        self.diagrams: dict[str, Any] | None = None
        #: the assumption tables made with the first points (report.html.early_assumptions)
        self.assumptions: DrawnAssumptions | None = None
        #: the figures tables made point by point (report.html.EarlyTables), from the first points on
        self.tables: EarlyTables | None = None
        #: points compared before the first points were all here (their tables wait for the profiles)
        self._compared: list[PointResults] = []
        #: the first points' case rows (:func:`report.results.first_cases`), taken again by write_run
        self.cases: FirstCases | None = None
        #: those rows grouped as the plots draw them (:func:`report.html.grouped_cases`)
        self.grouped: Grouped | None = None
        self._points: dict[tuple[str, int], PointResults] = {}
        self._firsts = False
        #: scenarios whose sweep is all here, waiting for the municipalities' names (the profiles)
        self._swept: list[Any] = []

    def point(self, point: PointResults) -> None:
        """``point`` is summarised: send the plots whose points are all here now."""
        if self.executor is None:
            return
        try:
            self._point(point)
        except Exception:  # noqa: BLE001 - nothing early then: write_run makes it all, as without
            self.executor = None
            self.started.clear()
            self.members = self.profiles = self.parsed = self.cases = self.diagrams = self.grouped = None
            self.assumptions = self.tables = None

    def compared(self, point: PointResults) -> None:
        """``point`` is summarised with its comparison (:func:`scenarios.road.execute`'s ``point_compared``):
        its figures tables are made now, or with the first points if they are not all here yet."""
        if self.executor is None:
            return
        self._compared.append(point)
        if self.tables is not None:
            self._tables()

    def _tables(self) -> None:
        from report.results import point_entry

        assert self.tables is not None
        try:
            while self._compared:
                point = self._compared.pop(0)
                self.tables.add(point.scenario.name, point.index, point_entry(point))
        except Exception:  # noqa: BLE001 - the report makes them, as without
            self.tables = None
            self._compared.clear()

    def _point(self, point: PointResults) -> None:
        from report.html import (
            EarlyTables,
            diagram_svgs,
            early_assumptions,
            grouped_cases,
            parsed_processes,
            plot_jobs,
            report_template,
            sweep_jobs,
            town_names,
        )

        assert self.executor is not None
        self._points[(point.scenario.name, point.index)] = point
        jobs: dict[Hashable, PlotJob | None] = {}
        with_points = [s for s in self.study.scenarios if s.points]
        if not self._firsts and all((s.name, 0) in self._points for s in with_points):
            self._firsts = True
            firsts = BatchResults(self.study, tuple(self._points[(s.name, 0)] for s in with_points), ())
            # every scenario with points is here: the member files are those of the whole run
            members = member_files(firsts)
            profiles = _profiles(self.folder, members)
            found = first_cases(firsts)
            first_doc = results_document(firsts)
            plotted = _plotted(first_doc)
            if found is not None:
                self.grouped = grouped_cases(found[1])
                # sent before the study's own work below (about a third of a CPU second here): the run's
                # loop that would send the workers their next chunks waits for this call, and the plots
                # keep them busy meanwhile
                self._send(plot_jobs(plotted, found[1], profiles, sweeps=False, grouped=self.grouped))
            texts = {name[len("processes/"):-len(".bpmn")]: data.decode("utf-8")
                     for name, data in members.items() if name.startswith("processes/")}
            read = parsed_processes(texts)
            self.parsed = {name: (text, read[name]) for name, text in texts.items()}
            # the diagrams' badges are the first points' waits: drawn now, taken when the same
            self.diagrams = diagram_svgs(plotted, read)
            self.assumptions = early_assumptions(first_doc, texts, profiles, read)
            report_template()
            self.members, self.profiles, self.cases = members, profiles, found
            self.tables = EarlyTables(first_doc, texts, profiles, read)
        scenario = point.scenario
        if scenario.sweep and len(scenario.points) >= 2 and all(
                (scenario.name, p) in self._points for p in range(len(scenario.points))):
            self._swept.append(scenario)
        while self.profiles is not None and self._swept:  # the plots name the municipalities
            scenario = self._swept.pop(0)
            k = self.study.scenarios.index(scenario)
            mine = BatchResults(self.study, tuple(self._points[(scenario.name, p)]
                                                  for p in range(len(scenario.points))), ())
            part = _plotted(results_document(mine))["scenarios"][k]
            jobs.update(sweep_jobs(part, k, town_names({"scenarios": [part]}, self.profiles)))
        self._send(jobs)
        if self.tables is not None and self._compared:
            self._tables()

    def _send(self, jobs: Mapping[Hashable, PlotJob | None]) -> None:
        assert self.executor is not None
        for key, job in jobs.items():
            if job is not None:
                self.started[key] = (job, self.executor.submit(plots.draw_plot, job))


def write_run(folder: str | Path, batch: BatchResults, *, uncertainty: dict[str, Any] | None = None,
              executor: Executor | None = None, csv_executor: Executor | None = None,
              diff_section: Callable[[Sequence[str]], str] | None = None,
              early: EarlyPlots | None = None) -> Path:
    """A run's results folder: :func:`report.results.write_results` and then :func:`write_report`,
    the same bytes, with the report's inputs taken from memory instead of the files just written.

    The plots go to ``executor`` (the run's worker pool) before anything is written, so they
    are drawn while this process makes the rest; ``csv_executor`` makes the texts of the result
    files (:func:`report.results.start_texts`) while this process renders the report. The
    report reads the document itself when reading ``summary.json`` back would give the same
    (:func:`report.jsontext.json_plain`), and ``processes/`` and ``profiles/`` from memory when
    the folder will hold nothing else (:func:`report.folder.only_listed`); otherwise the files
    are written first and read back, as ``permitflow report`` reads them.
    ``early``: the plots sent while the run's units ran (:class:`EarlyPlots`); those that are
    the same are not drawn again.
    """
    from report.html import render_report, start_plots

    folder = Path(folder)
    doc = results_document(batch, uncertainty)
    texts = start_texts(batch, doc, csv_executor) if csv_executor is not None else None
    members = early.members if early is not None and early.members is not None else member_files(batch)
    plain = json_plain(doc)
    cases = first_point_cases(batch, known=early.cases if early is not None else None)
    drawn = None
    profiles: dict[str, Any] = {}
    if cases is not None:
        profiles = early.profiles if early is not None and early.profiles is not None else _profiles(folder, members)
        # the rows grouped while the run ran, when they are the very rows taken again
        grouped = early.grouped if early is not None and early.cases is not None and cases is early.cases[1] else None
        drawn = start_plots(_plotted(doc, plain=plain), cases, profiles, executor,
                            early.started if early is not None else None, grouped)
    parsed = early.parsed if early is not None else None
    diagrams = early.diagrams if early is not None else None
    assumptions = early.assumptions if early is not None else None
    tables = early.tables.drawn if early is not None and early.tables is not None else None
    section = diff_section if diff_section is not None else library_diff_section
    html = None
    read = _as_read(folder, members, profiles) if drawn is not None and plain and uncertainty is None else None
    if read is not None:
        try:  # while the workers make the files' texts
            html = render_report(doc, (), read[0], diff_section=section, profiles=read[1], executor=executor,
                                 plots_drawn=drawn, parsed=parsed, drawn_diagrams=diagrams,
                                 drawn_assumptions=assumptions, drawn_tables=tables)
        except Exception:  # noqa: BLE001 - made again once the files are written, and its error raised there
            html = None
    files = result_files(batch, doc, uncertainty=uncertainty, started=texts, made=members)
    target = folder / "report.html"
    if drawn is not None and html is not None:  # renamed with the files: a Ctrl-C leaves no report of another run
        replace_outputs(folder, {**files, "report.html": html.encode("utf-8")})
        return target
    replace_outputs(folder, files)
    if drawn is None:  # a text that might not come back the same from cases.csv: the plots from the files
        return write_report(folder, diff_section=diff_section, executor=executor)
    if html is None:
        summary = doc if plain else json.loads(files["summary.json"].decode("utf-8"))  # what read_summary_file gives
        loaded = json.loads(files["uncertainty.json"].decode("utf-8")) if "uncertainty.json" in files else None
        html = render_report(summary, (), read_processes(folder), diff_section=section,
                             profiles=read_profiles(folder), uncertainty=loaded if "uncertainty" in summary else None,
                             executor=executor, plots_drawn=drawn, parsed=parsed, drawn_diagrams=diagrams,
                             drawn_assumptions=assumptions, drawn_tables=tables)
    write_last(folder, {"report.html": html.encode("utf-8")})  # and the manifest sealed with its hash
    return target
