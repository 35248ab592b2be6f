"""A run's process diagrams (with the first points' waiting badges) are drawn while its other units run
(report.build.EarlyPlots, report.diagrams.diagram_svgs) and taken by the report when the model and badges
are the same: serial work off the end of the run (goal 7 of issue 16), the same report bytes. So are its
assumption tables (report.assumptionsection.early_assumptions) and each point's figures tables
(report.figuretables.EarlyTables, once the point and its baseline are both summarised), made again when made
of other inputs.

The first points' plots go to the workers before that work: it runs inside the call that tells the run a
chunk is back, while no next chunk can go out; with the plots already queued, the workers draw them
meanwhile instead of waiting."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import report.assumptionsection
import report.diagrams
import report.figuretables
import report.html
from processes.model import Definitions
from report.diagrams import diagram_svgs, report_diagrams
from report.processnames import parsed_processes

FIXTURES = Path(__file__).resolve().parents[1] / "scenarios" / "fixtures"


def _sweep_plan(folder: Path, replications: int) -> Any:
    """The plan of a scenario of the mini model swept over two points, its files in ``folder``."""
    from scenarios.loader import read_any
    from scenarios.road import prepare

    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "s.yaml").write_text(
        f"name: s\nbase: {{bpmn: mini.bpmn, profile: mini.yaml}}\nreplications: {replications}\nhorizon: 8w\n"
        "sweep:\n  simulation.pools.officer.count: [1, 2]\n", encoding="utf-8")
    return prepare(read_any([folder / "s.yaml"]))


def test_the_diagrams_drawn_during_the_run_are_the_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from report.build import EarlyPlots, write_run
    from scenarios.road import execute

    plan = _sweep_plan(tmp_path, 3)
    write_run(tmp_path / "here", execute(plan), diff_section=lambda names: "")
    drawn: list[str] = []
    inner = report.diagrams.diagram_svg

    def counted(defs: Any, badges: dict[str, str]) -> str:
        drawn.append(defs.processes[0].id)
        return inner(defs, badges)

    monkeypatch.setattr(report.diagrams, "diagram_svg", counted)
    tables: list[int] = []  # the assumption tables, made with the first points too (early_assumptions)
    made = report.assumptionsection.assumption_tables

    def made_here(*args: Any, **kwargs: Any) -> Any:
        tables.append(1)
        return made(*args, **kwargs)

    monkeypatch.setattr(report.assumptionsection, "assumption_tables", made_here)
    figures: list[str] = []  # each point's figures tables (EarlyTables)
    inner_tables = report.figuretables.point_tables

    def point_tables(point: Any, *args: Any) -> Any:
        figures.append(point["label"])
        return inner_tables(point, *args)

    # made during the run by EarlyTables (report.figuretables), or for the report by render_report (report.html)
    monkeypatch.setattr(report.figuretables, "point_tables", point_tables)
    monkeypatch.setattr(report.html, "point_tables", point_tables)
    with ProcessPoolExecutor(2) as pool:
        early = EarlyPlots(tmp_path / "pool", plan.study)
        early.executor = pool
        batch = execute(plan, executor=pool, workers=2, chunk=1, point_done=early.point,
                        point_compared=early.compared)
        assert len(drawn) == 1 and early.diagrams is not None and set(early.diagrams) == {"mini"}
        assert len(tables) == 1 and early.assumptions is not None
        assert early.tables is not None and set(early.tables.made) == {("s", 0), ("s", 1)}
        write_run(tmp_path / "pool", batch, executor=pool, diff_section=lambda names: "", early=early)
    assert len(drawn) == 1 and len(tables) == 1  # neither made again for the report
    assert len(figures) == 2  # each point's figures tables once, during the run
    for name in ("report.html", "summary.json"):
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "pool" / name).read_bytes(), name


def test_a_diagram_drawn_with_other_badges_is_drawn_again() -> None:
    text = (FIXTURES / "mini.bpmn").read_text(encoding="utf-8")
    parsed = parsed_processes({"mini": text})
    defs = parsed["mini"]
    assert isinstance(defs, Definitions)
    element = next(iter(defs.processes[0].nodes))
    figures = {f"mini/wait_days.{element}": {"mean": 3.0, "ci": [2.0, 4.0]}}
    waits: dict[str, Any] = {"scenarios": [{"name": "s", "members": ["mini"], "points": [{"figures": figures}]}]}
    doc: dict[str, Any] = {"scenarios": [{"name": "s", "members": ["mini"], "points": [{"figures": {}}]}]}
    early = diagram_svgs(waits, parsed)
    fresh = report_diagrams(doc, {"mini": text}, parsed)[0]["svg"]
    assert early["mini"][2] != fresh  # the badge it drew is not in this document
    assert report_diagrams(doc, {"mini": text}, parsed, drawn=early)[0]["svg"] == fresh
    same = {"mini": (defs, early["mini"][1], "kept")}
    assert report_diagrams(waits, {"mini": text}, parsed, drawn=same)[0]["svg"] == "kept"
    other = parsed_processes({"mini": text})  # the same text parsed again: another model object
    assert report_diagrams(waits, {"mini": text}, other, drawn=same)[0]["svg"] == early["mini"][2]


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
    from scenarios.road import execute

    plan = _sweep_plan(tmp_path, 2)
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


def test_assumption_tables_made_of_other_inputs_are_made_again() -> None:
    from bpmn_io.yamlsrc import load_yaml
    from report.assumptionsection import drawn_assumption_tables, early_assumptions
    from report.processnames import parsed_processes

    text = (FIXTURES / "mini.bpmn").read_text(encoding="utf-8")
    profile = load_yaml((FIXTURES / "mini.yaml").read_bytes(), source="mini.yaml").data
    doc: dict[str, Any] = {"scenarios": [{"name": "s", "members": ["mini"], "settings": {"horizon": "8w"},
                                          "points": []}]}
    drawn = early_assumptions(doc, {"mini": text}, {"mini": profile}, parsed_processes({"mini": text}))
    chosen, names, runs, tables = drawn
    assert drawn_assumption_tables(chosen, names, None, runs, drawn) is tables
    # an equal profile, another object
    fresh = drawn_assumption_tables({"mini": dict(profile)}, names, None, runs, drawn)
    assert fresh is not tables and fresh == tables
    # other run settings
    assert drawn_assumption_tables(chosen, names, None, {"mini": {"horizon": "1y"}}, drawn) != tables
    # an uncertainty run's
    assert drawn_assumption_tables(chosen, names, {"points": 8}, runs, drawn) is not tables


def test_figures_tables_made_of_other_inputs_are_made_again(tmp_path: Path) -> None:
    import copy
    from collections import defaultdict

    from report.build import write_run
    from report.html import EarlyTables, render_report
    from report.results import read_processes, read_profiles
    from report.summarycheck import read_summary_file
    from scenarios.road import execute

    out = tmp_path / "out"
    write_run(out, execute(_sweep_plan(tmp_path, 2)), diff_section=lambda names: "")
    doc = read_summary_file(out / "summary.json")
    processes, profiles = read_processes(out), read_profiles(out)
    made = EarlyTables(doc, processes, profiles, parsed_processes(processes))
    for i, point in enumerate(doc["scenarios"][0]["points"]):
        made.add("s", i, point)
        made.made["s", i] = (*made.made["s", i][:2], f"KEPT-{i}")  # to tell a table taken from one made again
    assert "s" in made.members and len(made.made) == 2

    def render(doc: Any, profiles: Any) -> str:
        return render_report(doc, (), processes, profiles=profiles, diff_section=lambda names: "",
                             plots_drawn=lambda: defaultdict(lambda: None), drawn_tables=made.drawn)

    assert "KEPT-0" in (html := render(doc, profiles)) and "KEPT-1" in html
    other = copy.deepcopy(doc)
    figure = next(iter(other["scenarios"][0]["points"][1]["figures"].values()))
    figure["mean"] = 987.25  # the second point's figures differ: its tables made again
    assert "KEPT-0" in (html := render(other, profiles)) and "KEPT-1" not in html and "987.25" in html
    renamed = copy.deepcopy(profiles)
    renamed["mini"]["municipality"] = "Elsewhere"  # another town's name: every table made again
    assert "KEPT" not in (html := render(doc, renamed)) and "Elsewhere" in html
