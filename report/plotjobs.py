"""The report's plots as jobs (:data:`report.plots.PlotJob`), by key: the deadline charts, the
utilisation, the processing times and each scenario's sweep, in both languages, the costliest first.

Its own module: a run starts these jobs on its workers early (:func:`start_plots`), long before the
rest of the report is made; what each plot draws is :mod:`report.plots`'.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from concurrent.futures import Executor
from typing import Any

from bpmn_io.profile import pool_names
from report import plots
from report.deadlines import common_clock
from report.processnames import town_names
from report.runclocks import clocks_of
from report.words import LANGUAGES

__all__ = ["Grouped", "grouped_cases", "plot_jobs", "deadline_beyond", "sweep_jobs", "start_plots"]


#: the first points' case rows as the plots draw them: (late cases, processing times) (:func:`grouped_cases`)
Grouped = tuple[plots.CaseGroups, plots.CaseGroups]


def grouped_cases(cases: Iterable[Mapping[str, str]]) -> Grouped:
    """``cases`` grouped for the deadline charts and for the processing times (:func:`report.plots.case_groups`)."""
    cases = cases if isinstance(cases, list) else list(cases)
    return (plots.case_groups(cases, "complete_to_decision_days"),
            plots.case_groups(cases, "submission_to_decision_days"))


def plot_jobs(doc: Mapping[str, Any], cases: Iterable[Mapping[str, str]], profiles: Mapping[str, Any] | None,
              *, sweeps: bool = True, grouped: Grouped | None = None) -> dict[Hashable, plots.PlotJob | None]:
    """The report's plots as jobs (:data:`report.plots.PlotJob`), by key, the costliest first.

    ``doc`` need only hold what the plots read: each scenario's ``name``, ``members``,
    ``sweep`` and ``points`` (``label``, ``values``, ``figures`` with ``mean`` and ``ci``);
    ``cases``: the rows of ``cases.csv`` as read (only the first sweep point's are drawn).
    ``sweeps=False``: without each scenario's sweep plot (keys ``("sweep", k)``). ``grouped``:
    :func:`grouped_cases` of ``cases``, made earlier (a run groups its first points' rows while its
    other units run).
    """
    cases = list(cases)
    towns = town_names(doc, profiles or {})
    order = [s["name"] for s in doc["scenarios"]]
    clock = common_clock(clocks_of(doc, profiles))
    # the case rows grouped once for both languages (serial work at the end of a run)
    late, times = grouped if grouped is not None else grouped_cases(cases)
    # the costliest first: the two deadline charts draw every late case; each plot in both languages
    beyond = deadline_beyond(doc)
    jobs: dict[Hashable, plots.PlotJob | None] = {
        f"deadline.{lang}": plots.deadline_job(cases, order, towns[lang], lang, clock, grouped=late, beyond=beyond)
        for lang in LANGUAGES}
    members = {m for s in doc["scenarios"] for m in s["members"]}
    staff = {lang: {m: pool_names((profiles or {}).get(m), lang) for m in members} for lang in LANGUAGES}
    jobs.update({f"utilisation.{lang}": plots.utilisation_job(doc, towns[lang], lang, staff[lang])
                 for lang in LANGUAGES})
    jobs.update({f"times.{lang}": plots.processing_time_job(cases, order, towns[lang], lang, clock, grouped=times)
                 for lang in LANGUAGES})
    if sweeps:
        for k, s in enumerate(doc["scenarios"]):
            jobs.update(sweep_jobs(s, k, towns))
    return jobs


def deadline_beyond(doc: Mapping[str, Any]) -> dict[tuple[str, str], float]:
    """Per (scenario, process) of each scenario's first point, the share past the deadline as the tables and the
    answers say it: one minus the mean share within it (``within_deadline_share``), for the deadline chart.

    >>> shares = deadline_beyond({"scenarios": [{"name": "s", "points": [{"figures": {
    ...     "a/within_deadline_share": {"mean": 0.9985}, "a/cases": {"mean": 9.0}}}]}]})
    >>> {key: round(share, 4) for key, share in shares.items()}
    {('s', 'a'): 0.0015}
    """
    beyond = {}
    for s in doc["scenarios"]:
        for name, est in (s["points"][0]["figures"] if s["points"] else {}).items():
            member, _, figure = name.partition("/")
            if figure == "within_deadline_share" and isinstance(est.get("mean"), (int, float)):
                beyond[s["name"], member] = 1 - est["mean"]
    return beyond


def sweep_jobs(scenario: Mapping[str, Any], k: int,
               towns: Mapping[str, Mapping[str, str]]) -> dict[Hashable, plots.PlotJob | None]:
    """The sweep plot of ``scenario`` (the ``k``-th of its document) in each language, by key (``towns``:
    :func:`town_names`)."""
    return {("sweep", k, lang): plots.sweep_job(scenario, towns=towns[lang], lang=lang) for lang in LANGUAGES}


def start_plots(doc: Mapping[str, Any], cases: Iterable[Mapping[str, str]], profiles: Mapping[str, Any] | None,
                executor: Executor | None = None, started: plots.Started | None = None,
                grouped: Grouped | None = None) -> Callable[[], dict[Hashable, str | None]]:
    """Start drawing the report's plots (:func:`plot_jobs`, :func:`report.plots.draw_all`) and
    return what waits for them. ``started``: plots already on their way (the same bytes);
    ``grouped``: as :func:`plot_jobs` takes it."""
    return plots.draw_all(plot_jobs(doc, cases, profiles, grouped=grouped), executor, started)
