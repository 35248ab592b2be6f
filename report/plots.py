"""The report's plots as PNG data URIs (matplotlib, Agg backend, imported lazily).

Each function takes the plain summary document (``summary.json``) or case rows
and returns a ``data:image/png;base64,...`` string, or ``None`` when there is
nothing to draw. PNG metadata is left out so the same data gives the same bytes.

Drawing is most of a report's work (matplotlib: about a second a plot), so each plot
comes in two halves: a ``*_job`` function picks what the plot shows from the summary
or the case rows (cheap) and returns a :data:`PlotJob` — the drawing function and its
small, picklable inputs — and :func:`draw_plot` draws it, in this process or in a
worker of the run's pool (:func:`draw_all`). Either way the PNG bytes are the same.

The charts' words and axes in the reader's language are :mod:`report.plotlabels`'; the case rows grouped
as they draw them, :mod:`report.casegroups`'.
"""

from __future__ import annotations

import base64
import io
import math
import threading
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from concurrent.futures import Executor, Future
from typing import Any

from report import numbers
from report.casegroups import CaseGroups, case_groups
from report.deadlines import LIBRARY_CLOCK, deadline_said
from report.plotlabels import WORDS, number_axis, point_label, town_name

__all__ = [
    "PlotJob",
    "draw_plot",
    "draw_all",
    "Started",
    "warm_up",
    "processing_time_job",
    "deadline_job",
    "utilisation_job",
    "sweep_job",
    "MAIN_FIGURE",
    "DEADLINE_FIGURE",
    "DEADLINE_DAYS",
    "UTILISATION_PREFIX",
    "processing_time_plot",
    "deadline_plot",
    "utilisation_plot",
    "sweep_plot",
    # report.casegroups' and report.plotlabels', imported from here by the report and the validation page
    "case_groups",
    "CaseGroups",
    "number_axis",
    "draw_sweep",
    "png",
    "pyplot",
]

MAIN_FIGURE = "submission_to_decision_mean_days"
DEADLINE_FIGURE = "within_deadline_share"
UTILISATION_PREFIX = "utilisation."


def pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


#: a plot to draw: the drawing function (module level, so it pickles by name) and its inputs
PlotJob = tuple[Callable[..., str | None], tuple[Any, ...]]


#: pyplot is not thread-safe: a worker with several threads (Dask) draws one plot at a time
_DRAWING = threading.Lock()


def draw_plot(job: PlotJob | None) -> str | None:
    """The PNG data URI of ``job`` (``None`` for no job: nothing to draw)."""
    if job is None:
        return None
    draw, inputs = job
    with _DRAWING:
        return draw(*inputs)


#: plots already on their way: key -> (the job, its future) (:func:`draw_all`'s ``started``)
Started = Mapping[Hashable, tuple[PlotJob, Future[str | None]]]


def draw_all(jobs: Mapping[Hashable, PlotJob | None], executor: Executor | None = None,
             started: Started | None = None) -> Callable[[], dict[Hashable, str | None]]:
    """Start drawing ``jobs`` and return a function that waits for them: key -> PNG data URI.

    With an ``executor`` (the run's worker pool) every job is submitted at once, in the
    order given (costliest first is best), and this process is free for other work until
    it asks; without one they are drawn here when asked. ``started``: jobs submitted earlier
    (while a run's last units ran); one equal to the job of its key is not drawn again.
    """
    early = {key: started[key][1] for key, job in jobs.items()
             if job is not None and started and key in started and started[key][0] == job
             and not _failed(started[key][1])}
    if executor is None and not early:
        return lambda: {key: draw_plot(job) for key, job in jobs.items()}
    futures: dict[Hashable, Future[str | None]] = {}
    for key, job in jobs.items():
        if key in early:
            futures[key] = early[key]
        elif job is not None:
            futures[key] = executor.submit(draw_plot, job) if executor is not None else _here(job)
    return lambda: {key: _drawn(futures[key], jobs[key]) if key in futures else None for key in jobs}


def _failed(future: Future[str | None]) -> bool:
    """``future`` is done and gives no plot (cancelled, or it raised: a task that did not travel)."""
    return future.cancelled() or (future.done() and future.exception() is not None)


def _here(job: PlotJob) -> Future[str | None]:
    """``job`` drawn here, now, as a done future."""
    future: Future[str | None] = Future()
    future.set_result(draw_plot(job))
    return future


def _drawn(future: Future[str | None], job: PlotJob | None) -> str | None:
    try:
        return future.result()
    except Exception:  # noqa: BLE001 - a lost worker: drawn here (a fault of the plot itself is raised here again)
        return draw_plot(job)


def warm_up() -> None:
    """Import matplotlib and load its font in this process (a worker with nothing left to
    simulate), so the report's plots do not wait for it."""
    with _DRAWING:
        plt = pyplot()
        fig, ax = plt.subplots(figsize=(1, 1))
        ax.set_xlabel("0")
        fig.canvas.draw()
        plt.close(fig)


def png(fig: Any) -> str:
    plt = pyplot()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not math.isnan(value)


def processing_time_plot(cases: Iterable[Mapping[str, str]], order: Sequence[str],
                         towns: Mapping[str, str] | None = None, lang: str = "en") -> str | None:
    """Box plots of submission-to-decision days per scenario and process (first sweep
    point, cases that arrived after the warm-up and were decided), labelled in ``lang``."""
    return draw_plot(processing_time_job(cases, order, towns, lang))


def processing_time_job(cases: Iterable[Mapping[str, str]], order: Sequence[str],
                        towns: Mapping[str, str] | None = None, lang: str = "en",
                        clock: tuple[float | None, float | None] = LIBRARY_CLOCK,
                        *, grouped: CaseGroups | None = None) -> PlotJob | None:
    """What :func:`processing_time_plot` draws, as a :data:`PlotJob` (``None``: nothing); the dashed line is
    ``clock``'s deadline (the library's 4 months when the processes' deadlines differ). ``grouped``:
    :func:`case_groups` of ``cases`` and ``submission_to_decision_days``, made once for every language."""
    from report.words import scenario_words

    grouped = grouped if grouped is not None else case_groups(cases, "submission_to_decision_days")
    groups, first_point, _late = grouped
    rank = {name: i for i, name in enumerate(order)}
    keys = sorted(groups, key=lambda k: (rank.get(k[0], len(order)), k[1]))
    if not keys:
        return None
    labels = [f"{town_name(p, towns or {}, lang)} · {scenario_words(s, lang)}"
              f"{point_label(first_point[s], lang, towns)}" for s, p in keys]
    return _draw_processing_times, (labels, [groups[k] for k in keys], lang, clock)


def _draw_processing_times(labels: list[str], data: list[list[float]], lang: str = "en",
                           clock: tuple[float | None, float | None] = LIBRARY_CLOCK) -> str:
    words = WORDS[lang]
    if clock[0] is None:
        clock = LIBRARY_CLOCK
    line_at, line_words = 4 * 30.44, words["months"]  # the library's line, as it was always drawn
    if clock != LIBRARY_CLOCK:
        line_at, line_words = (clock[0] or LIBRARY_CLOCK[0]) / 24, deadline_said(words["months"], lang, *clock)
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(8, 0.42 * len(labels) + 1.2))
    try:
        ax.boxplot(data, orientation="horizontal", showfliers=False)
    except TypeError:  # matplotlib < 3.10
        ax.boxplot(data, vert=False, showfliers=False)
    ax.set_yticks(range(1, len(labels) + 1), labels, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(line_at, color="#b00", linestyle="--", linewidth=1, label=line_words)
    ax.set_xlabel(words["submission"])
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    return png(fig)


def _bar_rows(doc: Mapping[str, Any], figure_suffix: str, towns: Mapping[str, str], lang: str,
              staff: Mapping[str, Mapping[str, str]] | None = None) -> list[tuple[str, float, float, float]]:
    """(label, mean, low, high) of each ``<member>/<figure_suffix><pool>`` figure of every scenario's
    first point: the municipality, the scenario and the pool in words — its profile's ``name:`` where
    ``staff`` (process -> pool -> name) gives one, as the tables say it (found by QA, qawalk: the chart said
    "enhetschef" and "the case officers" where the table said "Enhetschef" and "Handläggare")."""
    from report.words import scenario_words, word

    rows = []
    for s in doc["scenarios"]:
        if not s["points"]:
            continue
        point = s["points"][0]
        for name, est in point["figures"].items():
            member, _, figure = name.partition("/")
            if figure.startswith(figure_suffix) and _finite(est["mean"]):
                scenario = f"{scenario_words(s['name'], lang)}{point_label(point['label'], lang, towns)}"
                pool = figure[len(figure_suffix):]
                said = (staff or {}).get(member, {}).get(pool) or word(pool, lang)
                label = f"{town_name(member, towns, lang)} · {scenario} · {said}"
                low, high = est["ci"]
                rows.append((label, est["mean"], low if _finite(low) else est["mean"], high if _finite(high) else est["mean"]))
    return rows


def _bars(rows: list[tuple[str, float, float, float]], xlabel: str, limit: float | None,
          lang: str | None = None) -> str | None:
    """Horizontal bars with their intervals; ``lang``: the values are shares, shown as per cent."""
    if not rows:
        return None
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(8, 0.36 * len(rows) + 1.2))
    ys = range(len(rows))
    means = [r[1] for r in rows]
    errors = [[max(r[1] - r[2], 0) for r in rows], [max(r[3] - r[1], 0) for r in rows]]
    ax.barh(list(ys), means, xerr=errors, color="#4a7ab5", ecolor="#333", capsize=3)
    ax.set_yticks(list(ys), [r[0] for r in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    if limit is not None:
        ax.set_xlim(0, limit)
    if lang is not None:
        number_axis(ax.xaxis, lang, percent=True)
    ax.grid(axis="x", alpha=0.3)
    return png(fig)


#: the legal deadline, 4 months (processes.durations: a month is 730.5 hours)
DEADLINE_DAYS = 4 * 730.5 / 24
_DEADLINE_WORDS = {
    "en": ("days from complete application to decision", "4 months", "beyond 4 months"),
    "sv": ("dagar från komplett ansökan till beslut", "4 månader", "efter 4 månader"),
}


def deadline_plot(cases: Iterable[Mapping[str, str]], order: Sequence[str], towns: Mapping[str, str],
                  lang: str = "en", clock: tuple[float | None, float | None] = LIBRARY_CLOCK) -> str | None:
    """The distribution of days from a complete application to the decision against the 4-month
    line, per scenario and municipality (first sweep point, decided cases after the warm-up): a box
    from the first to the third quartile, whiskers from 5 % to 95 %, every case beyond 4 months drawn
    as a point, and the share beyond 4 months written beside each row. ``clock``: the processes'
    (deadline, extension) in hours (:func:`report.deadlines.common_clock`): the line is drawn at that
    deadline and named so; processes of different deadlines are drawn against the library's 4 months."""
    return draw_plot(deadline_job(cases, order, towns, lang, clock))


def deadline_job(cases: Iterable[Mapping[str, str]], order: Sequence[str], towns: Mapping[str, str],
                 lang: str = "en", clock: tuple[float | None, float | None] = LIBRARY_CLOCK,
                 *, grouped: CaseGroups | None = None,
                 beyond: Mapping[tuple[str, str], float] | None = None) -> PlotJob | None:
    """What :func:`deadline_plot` draws, as a :data:`PlotJob` (``None``: nothing). ``grouped``:
    :func:`case_groups` of ``cases`` and ``complete_to_decision_days``, made once for every language.
    ``beyond``: per (scenario, process), the share past the deadline that the tables and the answers say (one
    minus the mean over the replications of the share within it), written beside its row; a row without one
    says the share of its drawn cases."""
    from report.words import scenario_words

    grouped = grouped if grouped is not None else case_groups(cases, "complete_to_decision_days")
    groups, first_point, late = grouped
    rank = {name: i for i, name in enumerate(order)}
    keys = sorted(groups, key=lambda k: (rank.get(k[0], len(order)), k[1]))
    if not keys:
        return None
    # a swept scenario's row names its sweep point, as the other charts' do (found by QA: it did not)
    labels = [f"{towns.get(p, p)} · {scenario_words(s, lang)}{point_label(first_point[s], lang, towns)}"
              for s, p in keys]
    shares = [(beyond or {}).get(k) for k in keys]
    flags = None if late is None else [late[k] for k in keys]
    return _draw_deadline, (labels, [groups[k] for k in keys], lang, clock, shares, flags)


def _draw_deadline(labels: list[str], data: list[list[float]], lang: str,
                   clock: tuple[float | None, float | None] = LIBRARY_CLOCK,
                   shares: Sequence[float | None] = (), late: Sequence[Sequence[bool]] | None = None) -> str:
    return png(deadline_figure(labels, data, lang, clock, shares, late))


def deadline_figure(labels: list[str], data: list[list[float]], lang: str,
                    clock: tuple[float | None, float | None] = LIBRARY_CLOCK,
                    shares: Sequence[float | None] = (), late: Sequence[Sequence[bool]] | None = None) -> Any:
    """The deadline chart's matplotlib figure (:func:`_draw_deadline` draws it as a PNG). ``shares``: per row,
    the share past the deadline to write beside it (``None`` or none given: the share of its drawn cases).
    ``late``: per row, whether each case was late by its own deadline (cases.csv's ``within_deadline``: a
    deadline in calendar months is 120-123 days, the dashed line its mean length); None: past the line."""
    if clock[0] is None:
        clock = LIBRARY_CLOCK
    axis, line, beyond = (deadline_said(w, lang, *clock) for w in _DEADLINE_WORDS[lang])
    limit = (clock[0] or LIBRARY_CLOCK[0]) / 24
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(labels) + 1.4))
    try:
        ax.boxplot(data, orientation="horizontal", whis=(5, 95), showfliers=False)
    except TypeError:  # matplotlib < 3.10
        ax.boxplot(data, vert=False, whis=(5, 95), showfliers=False)
    top = max(max(d) for d in data)
    for i, values in enumerate(data, start=1):
        flags = late[i - 1] if late is not None else [v > limit for v in values]
        past = [v for v, flag in zip(values, flags, strict=True) if flag]
        if past:
            ax.plot(past, [i] * len(past), "o", color="#b00", markersize=3, alpha=0.6)
        # the share the answers and the tables say (found by QA: Ängelholm's "99,9 % inom 4 månader" stood beside
        # "0,2 % efter 4 månader", the share of all its cases pooled, where the figures are means over replications);
        # a share that rounds to 0,0 % beside a red point is not none: strict (0,04 %)
        given = shares[i - 1] if i - 1 < len(shares) else None
        share = given if given is not None else len(past) / len(values)
        ax.text(max(top, limit) * 1.02, i, f"{numbers.share(share, lang)} {beyond}",
                va="center", fontsize=8)
    ax.set_yticks(range(1, len(labels) + 1), labels, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(limit, color="#b00", linestyle="--", linewidth=1.2, label=line)
    ax.set_xlim(0, max(top, limit) * 1.25)
    ax.set_xlabel(axis)
    # above the rows, at the right: inside the axes it covered the last row's share past the deadline (found by QA)
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    ax.grid(axis="x", alpha=0.3)
    return fig


def utilisation_plot(doc: Mapping[str, Any], towns: Mapping[str, str] | None = None, lang: str = "en",
                     staff: Mapping[str, Mapping[str, str]] | None = None) -> str | None:
    """Utilisation of each pool (officer, registry ...) per scenario and process, with 95 % CI; ``staff``:
    process -> pool -> its name in ``lang`` (:func:`bpmn_io.profile.pool_names`)."""
    return draw_plot(utilisation_job(doc, towns, lang, staff))


def utilisation_job(doc: Mapping[str, Any], towns: Mapping[str, str] | None = None, lang: str = "en",
                    staff: Mapping[str, Mapping[str, str]] | None = None) -> PlotJob | None:
    """What :func:`utilisation_plot` draws, as a :data:`PlotJob` (``None``: nothing)."""
    rows = _bar_rows(doc, UTILISATION_PREFIX, towns or {}, lang, staff)
    return (_bars, (rows, WORDS[lang]["utilisation"], None, lang)) if rows else None


def sweep_plot(scenario: Mapping[str, Any], figure: str = MAIN_FIGURE, towns: Mapping[str, str] | None = None,
               lang: str = "en") -> str | None:
    """``figure`` against the first swept parameter, with 95 % CI bars: one line per process
    and combination of the other swept parameters. Values that are not numbers (delegation
    levels, say) are placed in the order of the sweep. Labelled in ``lang``."""
    return draw_plot(sweep_job(scenario, figure, towns, lang))


def sweep_job(scenario: Mapping[str, Any], figure: str = MAIN_FIGURE, towns: Mapping[str, str] | None = None,
              lang: str = "en") -> PlotJob | None:
    """What :func:`sweep_plot` draws, as a :data:`PlotJob` (``None``: nothing)."""
    from report.words import figure_words, point_words, setting_words, word

    if not scenario["sweep"] or len(scenario["points"]) < 2:
        return None
    path = scenario["sweep"][0]["path"]
    values = list(scenario["sweep"][0]["values"])
    numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
    lines: dict[str, list[tuple[float, float, float, float]]] = {}
    for member in scenario["members"]:
        for point in scenario["points"]:
            est = point["figures"].get(f"{member}/{figure}")
            if est is None or not _finite(est["mean"]) or path not in point["values"]:
                continue
            x_value = point["values"][path]
            x = float(x_value) if numeric else float(values.index(x_value))
            others = ", ".join(point_words(f"{p}={_value_words(v, lang, word)}", lang, towns)
                               for p, v in point["values"].items() if p != path)
            town = town_name(member, towns or {}, lang)
            low, high = est["ci"]
            lines.setdefault(f"{town} ({others})" if others else town, []).append((
                x, est["mean"],
                est["mean"] - low if _finite(low) else 0.0,
                high - est["mean"] if _finite(high) else 0.0,
            ))
    if not lines:
        return None
    ticks = [_value_words(v, lang, word) for v in values]
    return draw_sweep, (lines, numeric, ticks, setting_words(path, lang, towns), figure_words(figure, lang), lang,
                        path.endswith(".fte"))


def _value_words(value: Any, lang: str, word: Callable[[str, str], str]) -> str:
    """A swept value as the page says it: a decision level in words (one per outcome too), a number as the language
    writes it."""
    if isinstance(value, str):
        return word(value, lang)
    if isinstance(value, Mapping):
        from report.words import delegation_words

        return delegation_words(value, lang) or str(value)
    return numbers.number(value, lang)


#: the most values tried that the sweep's chart marks each with a tick
_MOST_TICKS = 12


def draw_sweep(lines: dict[str, list[tuple[float, float, float, float]]], numeric: bool, values: list[str],
               setting: str, figure: str, lang: str = "en", share: bool = False) -> str:
    """``share``: the swept values are shares (of full time), their ticks in per cent."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(7, 3.6))
    for label, points in lines.items():
        points.sort()
        ax.errorbar([p[0] for p in points], [p[1] for p in points],
                    yerr=[[p[2] for p in points], [p[3] for p in points]], marker="o", capsize=3, label=label)
    if not numeric:
        ax.set_xticks(range(len(values)), values)
    else:
        # a tick at each value tried: officers swept over 1, 2 and 3 had ticks at "1,25" and "1,5" between them
        # (found by QA); a long sweep keeps the axis' own ticks (over 12 whole numbers, whole numbers too)
        tried = sorted({p[0] for points in lines.values() for p in points})
        if len(tried) <= _MOST_TICKS:
            ax.set_xticks(tried)
        number_axis(ax.xaxis, lang, percent=share)
    number_axis(ax.yaxis, lang)
    ax.set_xlabel(setting)
    ax.set_ylabel(figure)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return png(fig)
