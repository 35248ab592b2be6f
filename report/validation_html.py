"""A validation as a self-contained HTML page: the distances, and the real and simulated logs overlaid.

Three plots (matplotlib SVG, inline, no script, no network): the cycle-time
distributions, arrivals per week (whole weeks on its axis), and the twenty most frequent
activities (each step by the name its model gives it in the chart's language, its id only
when it has none), each drawn once per language (its words, and its tick labels as the language writes numbers:
:func:`report.plots.number_axis`, "0,5" in Swedish). The same validation gives the same
bytes (SVG ids salted, no date in the metadata). Each figure is said in English and in
Swedish as Swedish writes it (:mod:`processes.numbers`: "1 239,5", "98 %"), to the same
digits, as the command line's text does (:mod:`calibrate.validation_text`). Every
English and Swedish text, and each language's chart, carries its ``lang`` (the page is
``lang="en"``), so that a screen reader reads the Swedish as Swedish and a browser
hyphenates it so.
"""

from __future__ import annotations

import html
import io
from collections import Counter
from collections.abc import Mapping
from typing import Any

import numpy as np

from calibrate import distances as dist
from calibrate.validate import Validation
from calibrate.validation_text import (
    IN_POINTS,
    METRIC_WORDS,
    deadline_words,
    difference_words,
    median_words,
    open_at_end_words,
    within_words,
)
from processes.model import Definitions
from processes.shownnames import name_in
from report.numbers import POINTS, number, percent
from report.numbers import share as share_of
from report.plots import number_axis

__all__ = ["validation_html", "activity_plot", "svg"]

_REAL, _SIM = "#1f4e79", "#d9822b"
_LANGUAGES = ("en", "sv")
_NEW_LINE = "<br>\n"  # between a paragraph's English and its Swedish

#: the plots' words, per language
_PLOT_WORDS = {
    "en": {"held out": "log (held out)", "log": "log", "simulated": "simulated", "mean": "simulated (mean)",
           "cycle": "cycle time, days", "week": "week of the held-out period", "arrivals": "arrivals",
           "events": "events", "share": "share of the cases in each bar"},
    "sv": {"held out": "loggen (undantagna ärenden)", "log": "loggen", "simulated": "simulerad",
           "mean": "simulerad (medel)", "cycle": "genomloppstid, dagar", "week": "vecka av de undantagna ärendenas period",
           "arrivals": "ankomster", "events": "händelser", "share": "andel av ärendena i varje stapel"},
}
_PLOT_TITLES = (("Cycle time", "Genomloppstid"), ("Arrivals per week", "Ankomster per vecka"),
                ("Activity frequencies", "Aktivitetsfrekvenser"))


def _said(english: str, swedish: str, between: str = " / ") -> str:
    """English and Swedish HTML (escaped already), each marked with its language, ``between`` them.

    >>> _said("log", "logg")
    '<span lang="en">log</span> / <span lang="sv">logg</span>'
    """
    return f'<span lang="en">{english}</span>{between}<span lang="sv">{swedish}</span>'


def _both(english: str, swedish: str) -> str:
    """A table's figure as the English writes it and, after " / ", as the Swedish does; once where the two are
    the same ("12").

    >>> _both("12", "12"), _both("-0.004", "\u22120,004")
    ('12', '<span lang="en">-0.004</span> / <span lang="sv">\u22120,004</span>')
    """
    return english if english == swedish else _said(english, swedish)


def _value(key: str, value: float | None) -> str:
    """A table's value in both languages as the text says it (a share's difference in percentage points, its
    unit in the row's label), nothing for a missing one."""
    if value is None:
        return ""
    return _both(*(difference_words(key, value, lang, unit=False) for lang in _LANGUAGES))


def _measure(key: str) -> str:
    """A table row's measure in words in both languages, with the unit of one in percentage points."""
    if key not in METRIC_WORDS:  # a measure without words yet: its key
        return html.escape(key)
    words = METRIC_WORDS[key].split(" / ")
    if key in IN_POINTS:
        words = [f"{w} ({POINTS[lang]})" for w, lang in zip(words, _LANGUAGES, strict=True)]
    return _said(*(html.escape(w) for w in words))


def svg(fig: Any, lang: str, axes: str = "xy") -> str:
    """``fig`` as inline SVG, the tick labels of its ``axes`` as ``lang`` writes numbers."""
    for ax in fig.axes:
        for name in axes:
            number_axis(getattr(ax, f"{name}axis"), lang)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    _pyplot().close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def step_names(model: Definitions) -> dict[str, dict[str, str]]:
    """Language -> element id -> the name ``model`` gives the element in that language (its ``names:``
    entry, else its drawn name), for each element that has a name.

    >>> from processes.model import Definitions, Process, Task, FrozenMap
    >>> named = Task(id="Task_Granska", name="Granska", names=FrozenMap({"en": "Review"}))
    >>> step_names(Definitions(processes=(Process(id="P", nodes=FrozenMap({"Task_Granska": named})),)))
    {'en': {'Task_Granska': 'Review'}, 'sv': {'Task_Granska': 'Granska'}}
    """
    nodes = [node for process in model.processes for node in process.nodes.values()]
    return {lang: {node.id: said for node in nodes if (said := " ".join(name_in(node, lang).split()))}
            for lang in _LANGUAGES}


def _plots(real: dist.CaseLog, sims: list[dist.CaseLog], use_start: bool,
           names: Mapping[str, Mapping[str, str]]) -> list[tuple[str, str, str]]:
    """The three plots, each as (its title in both languages, the English SVG, the Swedish SVG); ``names``:
    language -> a log label (an element id) -> the step's name the activity chart shows instead."""
    real_days = dist.cycle_days(real, use_start=use_start)
    sim_days = np.concatenate([dist.cycle_days(s, use_start=use_start) for s in sims])
    top = float(max(np.percentile(real_days, 99), np.percentile(sim_days, 99), 1.0))
    bins = [float(b) for b in np.linspace(0, top, 40)]

    def weekly(log: dist.CaseLog) -> np.ndarray:
        return log.case_spans(use_start)[0] / (7 * 86400.0)

    first = float(min(weekly(real).min(), min(weekly(s).min() for s in sims)))
    last = float(max(weekly(real).max(), max(weekly(s).max() for s in sims)))
    edges = np.arange(np.floor(first), np.ceil(last) + 1.0)
    if edges.size < 2:
        edges = np.array([np.floor(first), np.floor(first) + 1.0])
    weeks = (edges - edges[0], np.histogram(weekly(real), edges)[0],
             np.mean([np.histogram(weekly(s), edges)[0] for s in sims], axis=0))
    counts_real = Counter(real.label)
    counts_sim: Counter[str] = Counter()
    for s in sims:
        counts_sim.update(s.label)
    labels = [k for k, _ in (counts_real + counts_sim).most_common(20)]
    activities = (labels, [counts_real[k] for k in labels], [counts_sim[k] / len(sims) for k in labels])
    drawn = [[_cycle_plot(real_days, sim_days, bins, lang), _weeks_plot(*weeks, lang),
              activity_plot([names.get(lang, {}).get(k, k) for k in labels], *activities[1:], lang)]
             for lang in _LANGUAGES]
    return [(_said(*title), en, sv) for title, en, sv in zip(_PLOT_TITLES, *drawn, strict=True)]


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    matplotlib.rcParams["svg.hashsalt"] = "permitflow-validation"
    import matplotlib.pyplot as plt

    return plt


def _cycle_plot(real_days: np.ndarray, sim_days: np.ndarray, bins: list[float], lang: str) -> str:
    words = _PLOT_WORDS[lang]
    fig, ax = _pyplot().subplots(figsize=(7, 3))
    # each bar the share of its cases, in per cent: a density's "0.02" (per day) had no unit a manager could read,
    # and no label (found by QA)
    for days, colour, label in ((real_days, _REAL, words["held out"]), (sim_days, _SIM, words["simulated"])):
        ax.hist(days, bins=bins, weights=np.full(len(days), 1.0 / max(len(days), 1)), alpha=0.55, color=colour,
                label=label)
    ax.set_xlabel(words["cycle"])
    ax.set_ylabel(words["share"])
    number_axis(ax.yaxis, lang, percent=True)
    ax.legend()
    return svg(fig, lang, axes="x")


def _weeks_plot(edges: np.ndarray, real: np.ndarray, simulated: np.ndarray, lang: str) -> str:
    words = _PLOT_WORDS[lang]
    fig, ax = _pyplot().subplots(figsize=(7, 3))
    from matplotlib.ticker import MaxNLocator  # loaded with pyplot, not with the page's module
    ax.stairs(real, edges, color=_REAL, label=words["log"])
    ax.stairs(simulated, edges, color=_SIM, label=words["mean"])
    ax.set_xlabel(words["week"])
    ax.set_ylabel(words["arrivals"])
    for axis in (ax.xaxis, ax.yaxis):  # weeks and arrivals are counted whole: no "0.2" weeks on a short period
        axis.set_major_locator(MaxNLocator(integer=True))
    ax.legend()
    return svg(fig, lang)


def activity_plot(labels: list[str], real: list[int], simulated: list[float], lang: str) -> str:
    words = _PLOT_WORDS[lang]
    fig, ax = _pyplot().subplots(figsize=(7, 0.3 * len(labels) + 1))
    y = np.arange(len(labels))
    ax.barh(y - 0.2, real, 0.4, color=_REAL, label=words["log"])
    ax.barh(y + 0.2, simulated, 0.4, color=_SIM, label=words["mean"])
    ax.set_yticks(y, [k if len(k) <= 40 else k[:39] + "…" for k in labels], fontsize=7)  # a long name cut, said so
    ax.invert_yaxis()
    ax.set_xlabel(words["events"])
    # above the bars, not over them: with twenty steps "best" found no free corner and hid the last bars
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=2, frameon=False)
    return svg(fig, lang, axes="x")


def _paragraph(english: str, swedish: str) -> str:
    """A paragraph in English and, on a line of its own, in Swedish (HTML escaped already), each marked."""
    return f"<p>{_said(english, swedish, _NEW_LINE)}</p>"


def _setup_words(validation: Validation) -> tuple[str, str]:
    """What was compared, and how far the comparison holds, as paragraphs in English and Swedish."""
    esc = html.escape
    st = validation.setup
    start = st["timestamps"].startswith("start")
    times_en = "start and completion times" if start else "completion times only (the log has no start times)"
    times_sv = "start- och sluttider" if start else "bara sluttider (loggen har inga starttider)"
    deadline = st.get("deadline_days")
    log = ""
    if st.get("log"):  # the log it was checked against (a setup written before it was said has none)
        log = (f"<p>{_said('Log', 'Logg')}: <code>{esc(str(st['log']))}</code>, "
               f"{_said(number(st['log_cases'], 'en', 0) + ' cases', number(st['log_cases'], 'sv', 0) + ' ärenden')}, "
               f"{esc(str(st['log_period']))}.</p>\n")
    # counts grouped as each language writes them ("25,051", "25 051"), the deadline in its own unit
    # ("4 months")
    train_en, train_sv = (number(st["training_cases"], lang) for lang in ("en", "sv"))
    held_en, held_sv = (number(st["heldout_cases"], lang) for lang in ("en", "sv"))
    due_en, due_sv = ("", "") if deadline is None else deadline_words(deadline, st.get("deadline_months"),
                                                                      st.get("deadline_unit"))
    setup = log + _paragraph(
        f"The model was calibrated on the first {train_en} cases ({esc(str(st['training_period']))}), "
        f"then simulated {st['replications']} times over the held-out period from {esc(str(st['simulated_from']))} "
        f"(arrivals for {esc(str(st['simulated_horizon']).removesuffix('d'))} days, seed {st['seed']}) and compared with the last "
        f"{held_en} cases, which it had not seen ({esc(str(st['heldout_period']))}); compared on "
        f"{times_en}" + ("" if deadline is None else f"; deadline {due_en}") + ".",
        f"Modellen kalibrerades på de första {train_sv} ärendena, simulerades {st['replications']} "
        f"gånger över de undantagna ärendenas period och jämfördes med de sista {held_sv} ärendena, som den "
        f"inte hade sett; jämfört på {times_sv}" + ("" if deadline is None else f"; tidsfrist {due_sv}")
        + ".")
    emds = [v for p in validation.per_replication if (v := p.get("cycle_time_emd_hours")) is not None]
    spread_en = spread_sv = ""
    if len(emds) > 1:
        spread_en = (f" Between the {len(emds)} simulated runs alone the cycle-time EMD went from {number(min(emds), 'en', 0)} to "
                     f"{number(max(emds), 'en', 0)} hours: a difference between two models smaller than that may be chance.")
        spread_sv = (f" Bara mellan de {len(emds)} simulerade körningarna varierade genomloppstidens EMD från "
                     f"{number(min(emds), 'sv', 0)} till {number(max(emds), 'sv', 0)} timmar: en mindre skillnad mellan två modeller kan vara slump.")
    share = st.get("log_events_of_model_steps")
    if share is not None:  # as the command line says it (calibrate.validation_text)
        setup += "\n" + _paragraph(
            f"The model has the activities of {share_of(share, 'en')} of the log's events: the others cannot appear in a "
            "simulation of it, so the activity and 3-gram measures over the whole log count them as differences; the "
            "rows marked \u201cthe model's steps only\u201d leave them out and compare the steps the model has.",
            f"{share_of(share, 'sv')} av loggens händelser är aktiviteter som modellen har: de andra kan inte förekomma i en "
            "simulering av modellen, så aktivitets- och 3-grammåtten över hela loggen räknar dem som skillnader; raderna "
            "märkta \u201dbara modellens steg\u201d lämnar dem utanför och jämför de steg modellen har.")
    if (recent := open_at_end_words(st)) is not None:
        setup += "\n" + _paragraph(f"{esc(recent[0])}.", f"{esc(recent[1])}.")
    guess_en = "" if start else " Start times were estimated, so waiting and working cannot be told apart."
    guess_sv = "" if start else " Starttiderna är uppskattade, så väntan och arbete går inte att skilja åt."
    holds = _paragraph(
        f"These figures compare {st['replications']} simulated runs with one held-out period of "
        f"{held_en} cases.{spread_en} They say how well the model calibrated on the earlier cases "
        f"reproduced the period just after them, not that it will hold after a change in the rules, the staff "
        f"or the number of applications; smaller is closer, and there is no fixed limit for good enough: judge "
        f"the cycle-time percentiles against the deadline and the plots.{guess_en}",
        f"Siffrorna jämför {st['replications']} simulerade körningar med en undanhållen period med "
        f"{held_sv} ärenden.{spread_sv} De säger hur väl modellen, kalibrerad på de tidigare ärendena, "
        f"återgav perioden strax efter, inte att den håller efter en ändring i regler, bemanning eller antal "
        f"ansökningar; mindre är närmare, och det finns ingen fast gräns för tillräckligt bra: bedöm "
        f"genomloppstidens percentiler mot tidsfristen och diagrammen.{guess_sv}")
    return setup, holds


def validation_html(validation: Validation, real: dist.CaseLog, sims: list[dist.CaseLog], *, name: str,
                    model: Definitions | None = None) -> str:
    """The page (UTF-8 text), titled "Validation / Validering: ``name``"; ``model``: the validated model, whose
    names for its steps the activity chart shows (without it, or for an unnamed step: the log's labels, ids)."""
    esc = html.escape
    use_start = validation.setup["timestamps"].startswith("start")
    rows = "".join(f"<tr><td>{_measure(k)}</td><td><code>{esc(k)}</code></td><td>{_value(k, v)}</td></tr>"
                   for k, v in validation.metrics.items())
    pct = "".join(
        f"<tr><td>{p}</td><td>{_value(p, validation.real['cycle_days'][p])}</td>"
        f"<td>{_value(p, validation.simulated['cycle_days'][p])}</td></tr>"
        for p in validation.real["cycle_days"])
    setup, holds = _setup_words(validation)
    figures = "".join(f'<h2>{title}</h2>\n<figure lang="en">{en}</figure>\n<figure lang="sv">{sv}</figure>\n'
                      for title, en, sv in _plots(real, sims, use_start, step_names(model) if model else {}))
    within = ""
    if (log := validation.real.get("within_deadline")) is not None:
        simulated = validation.simulated["within_deadline"]
        en, sv = (w[0].upper() + w[1:] for w in within_words(validation.setup["deadline_days"],
                                                             validation.setup.get("deadline_months"),
                                                             validation.setup.get("deadline_unit")))
        within = _paragraph(f"{en}: log {percent(log, 'en', 1)}, simulated {percent(simulated, 'en', 1)}",
                            f"{sv}: logg {percent(log, 'sv', 1)}, simulerad {percent(simulated, 'sv', 1)}")
    if (median := median_words(validation.real)) is not None:
        within += "\n" + _paragraph(*(esc(m[0].upper() + m[1:] + ".") for m in median))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Validation / Validering: {esc(name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em}}
table{{border-collapse:collapse;display:block;max-width:100%;overflow-x:auto}}code{{overflow-wrap:anywhere}}
td,th{{border:1px solid #ccc;padding:2px 8px}}figure{{margin:0}}svg{{max-width:100%;height:auto}}</style></head>
<body><main><h1>{_said("Validation", "Validering")}: {esc(name)}</h1>
{_paragraph("How far the simulated held-out period is from the real one (Chapela-Campa et al. 2023; smaller is closer).",
            "Hur långt den simulerade perioden ligger från den verkliga (mindre är närmare).")}
{setup}
<table><tr><th>{_said("measure", "mått")}</th><th>{_said("key (JSON)", "nyckel")}</th><th>{_said("value", "värde")}</th></tr>{rows}</table>
<h2>{_said("Cycle time percentiles, days", "Genomloppstid, percentiler, dagar")}</h2>
<table><tr><th>{_said("percentile", "percentil")}</th><th>{_said("log", "loggen")}</th><th>{_said("simulated", "simulerad")}</th></tr>{pct}</table>
{within}
<h2>{_said("How far this holds", "Hur långt det håller")}</h2>
{holds}
{figures}</main></body></html>
"""
