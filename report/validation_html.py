"""A validation as a self-contained HTML page: the distances, and the real and simulated logs overlaid.

Three plots (matplotlib SVG, inline, no script, no network): the cycle-time
distributions, arrivals per week, and the twenty most frequent activities. The
same validation gives the same bytes (SVG ids salted, no date in the metadata).
Each figure is said in English and in Swedish as Swedish writes it (:mod:`processes.numbers`: "1 239,5",
"98 %"), to the same digits, as the command line's text does (:mod:`calibrate.validation_text`).
"""

from __future__ import annotations

import html
import io
from collections import Counter
from typing import Any

import numpy as np

from calibrate import distances as dist
from calibrate.validate import Validation
from calibrate.validation_text import METRIC_WORDS, median_words, open_at_end_words
from report.numbers import machine, number, percent

__all__ = ["validation_html"]

_REAL, _SIM = "#1f4e79", "#d9822b"


def _both(value: float | None) -> str:
    """A table's figure as the English writes it (as Python does) and, after " / ", as the Swedish does; once
    where the two are the same ("12"), nothing for a missing one.

    >>> _both(1239.1847), _both(-0.004), _both(12), _both(None)
    ('1239.1847 / 1\xa0239,1847', '-0.004 / \u22120,004', '12', '')
    """
    if value is None:
        return ""
    english = str(value)
    swedish = machine(english, "sv")
    return english if swedish == english else f"{english} / {swedish}"


def _svg(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def _plots(real: dist.CaseLog, sims: list[dist.CaseLog], use_start: bool) -> list[tuple[str, str]]:
    import matplotlib

    matplotlib.use("Agg", force=True)
    matplotlib.rcParams["svg.hashsalt"] = "permitflow-validation"
    import matplotlib.pyplot as plt

    out = []
    real_days = dist.cycle_days(real, use_start=use_start)
    sim_days = np.concatenate([dist.cycle_days(s, use_start=use_start) for s in sims])
    fig, ax = plt.subplots(figsize=(7, 3))
    top = float(max(np.percentile(real_days, 99), np.percentile(sim_days, 99), 1.0))
    bins = [float(b) for b in np.linspace(0, top, 40)]
    ax.hist(real_days, bins=bins, density=True, alpha=0.55, color=_REAL, label="log (held out) / loggen")
    ax.hist(sim_days, bins=bins, density=True, alpha=0.55, color=_SIM, label="simulated / simulerad")
    ax.set_xlabel("cycle time, days / genomloppstid, dagar")
    ax.legend()
    out.append(("Cycle time / Genomloppstid", _svg(fig)))

    def weekly(log: dist.CaseLog) -> np.ndarray:
        return log.case_spans(use_start)[0] / (7 * 86400.0)

    first = float(min(weekly(real).min(), min(weekly(s).min() for s in sims)))
    last = float(max(weekly(real).max(), max(weekly(s).max() for s in sims)))
    edges = np.arange(np.floor(first), np.ceil(last) + 1.0)
    if edges.size < 2:
        edges = np.array([np.floor(first), np.floor(first) + 1.0])
    fig, ax = plt.subplots(figsize=(7, 3))
    ax.stairs(np.histogram(weekly(real), edges)[0], edges - edges[0], color=_REAL, label="log / loggen")
    ax.stairs(np.mean([np.histogram(weekly(s), edges)[0] for s in sims], axis=0), edges - edges[0], color=_SIM,
              label="simulated (mean) / simulerad (medel)")
    ax.set_xlabel("week of the held-out period / vecka")
    ax.set_ylabel("arrivals / ankomster")
    ax.legend()
    out.append(("Arrivals per week / Ankomster per vecka", _svg(fig)))

    counts_real = Counter(real.label)
    counts_sim: Counter[str] = Counter()
    for s in sims:
        counts_sim.update(s.label)
    labels = [k for k, _ in (counts_real + counts_sim).most_common(20)]
    fig, ax = plt.subplots(figsize=(7, 0.3 * len(labels) + 1))
    y = np.arange(len(labels))
    ax.barh(y - 0.2, [counts_real[k] for k in labels], 0.4, color=_REAL, label="log / loggen")
    ax.barh(y + 0.2, [counts_sim[k] / len(sims) for k in labels], 0.4, color=_SIM,
            label="simulated (mean) / simulerad (medel)")
    ax.set_yticks(y, [k[:40] for k in labels], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("events / händelser")
    ax.legend()
    out.append(("Activity frequencies / Aktivitetsfrekvenser", _svg(fig)))
    return out


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
        log = (f"<p>Log / Logg: <code>{esc(str(st['log']))}</code>, {number(st['log_cases'], 'en', 0)} cases / "
               f"{number(st['log_cases'], 'sv', 0)} ärenden, {esc(str(st['log_period']))}.</p>\n")
    setup = log + (
        f"<p>The model was calibrated on the first {st['training_cases']} cases ({esc(str(st['training_period']))}), "
        f"then simulated {st['replications']} times over the held-out period from {esc(str(st['simulated_from']))} "
        f"(arrivals for {esc(str(st['simulated_horizon']).removesuffix('d'))} days, seed {st['seed']}) and compared with the last "
        f"{st['heldout_cases']} cases, which it had not seen ({esc(str(st['heldout_period']))}); compared on "
        f"{times_en}" + ("" if deadline is None else f"; legal deadline {number(deadline, 'en')} days") + ".<br>\n"
        f"Modellen kalibrerades på de första {st['training_cases']} ärendena, simulerades {st['replications']} "
        f"gånger över den undanhållna perioden och jämfördes med de sista {st['heldout_cases']} ärendena, som den "
        f"inte hade sett; jämfört på {times_sv}" + ("" if deadline is None else f"; lagstadgad tid {number(deadline, 'sv')} dagar")
        + ".</p>")
    emds = [v for p in validation.per_replication if (v := p.get("cycle_time_emd_hours")) is not None]
    spread_en = spread_sv = ""
    if len(emds) > 1:
        spread_en = (f" Between the {len(emds)} simulated runs alone the cycle-time EMD went from {number(min(emds), 'en', 0)} to "
                     f"{number(max(emds), 'en', 0)} hours: a difference between two models smaller than that may be chance.")
        spread_sv = (f" Bara mellan de {len(emds)} simulerade körningarna varierade genomloppstidens EMD från "
                     f"{number(min(emds), 'sv', 0)} till {number(max(emds), 'sv', 0)} timmar: en mindre skillnad mellan två modeller kan vara slump.")
    share = st.get("log_events_of_model_steps")
    if share is not None:  # as the command line says it (calibrate.validation_text)
        setup += (
            f"\n<p>The model has the activities of {share:.0%} of the log's events: the others cannot appear in a "
            "simulation of it, so the activity and 3-gram measures over the whole log count them as differences; the "
            "rows marked \u201cthe model's steps only\u201d leave them out and compare the steps the model has.<br>\n"
            f"{percent(share, 'sv')} av loggens händelser är aktiviteter som modellen har: de andra kan inte förekomma i en "
            "simulering av modellen, så aktivitets- och 3-grammåtten över hela loggen räknar dem som skillnader; raderna "
            "märkta \u201dbara modellens steg\u201d lämnar dem utanför och jämför de steg modellen har.</p>")
    if (recent := open_at_end_words(st)) is not None:
        setup += f"\n<p>{esc(recent[0])}.<br>\n{esc(recent[1])}.</p>"
    guess_en = "" if start else " Start times were estimated, so waiting and working cannot be told apart."
    guess_sv = "" if start else " Starttiderna är uppskattade, så väntan och arbete går inte att skilja åt."
    holds = (
        f"<p>These figures compare {st['replications']} simulated runs with one held-out period of "
        f"{st['heldout_cases']} cases.{spread_en} They say how well the model calibrated on the earlier cases "
        f"reproduced the period just after them, not that it will hold after a change in the rules, the staff "
        f"or the number of applications; smaller is closer, and there is no fixed limit for good enough: judge "
        f"the cycle-time percentiles against the deadline and the plots.{guess_en}<br>\n"
        f"Siffrorna jämför {st['replications']} simulerade körningar med en undanhållen period med "
        f"{st['heldout_cases']} ärenden.{spread_sv} De säger hur väl modellen, kalibrerad på de tidigare ärendena, "
        f"återgav perioden strax efter, inte att den håller efter en ändring i regler, bemanning eller antal "
        f"ansökningar; mindre är närmare, och det finns ingen fast gräns för tillräckligt bra: bedöm "
        f"genomloppstidens percentiler mot tidsfristen och diagrammen.{guess_sv}</p>")
    return setup, holds


def validation_html(validation: Validation, real: dist.CaseLog, sims: list[dist.CaseLog], *, title: str) -> str:
    """The page (UTF-8 text)."""
    esc = html.escape
    use_start = validation.setup["timestamps"].startswith("start")
    rows = "".join(
        f"<tr><td>{esc(METRIC_WORDS.get(k, k))}</td><td><code>{esc(k)}</code></td><td>{_both(v)}</td></tr>"
        for k, v in validation.metrics.items())
    pct = "".join(
        f"<tr><td>{p}</td><td>{_both(validation.real['cycle_days'][p])}</td>"
        f"<td>{_both(validation.simulated['cycle_days'][p])}</td></tr>"
        for p in validation.real["cycle_days"])
    setup, holds = _setup_words(validation)
    figures = "".join(f"<h2>{esc(name)}</h2>\n<figure>{svg}</figure>\n" for name, svg in _plots(real, sims, use_start))
    within = ""
    if (log := validation.real.get("within_deadline")) is not None:
        simulated = validation.simulated["within_deadline"]
        within = (f"<p>Within the legal deadline: log {log:.1%}, simulated {simulated:.1%}<br>\n"
                  f"Inom lagstadgad tid: logg {percent(log, 'sv', 1)}, simulerad {percent(simulated, 'sv', 1)}</p>")
    if (median := median_words(validation.real)) is not None:
        within += f"\n<p>{esc(median[0][0].upper() + median[0][1:])}.<br>\n{esc(median[1][0].upper() + median[1][1:])}.</p>"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:1em auto}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:2px 8px}}figure{{margin:0}}svg{{max-width:100%;height:auto}}</style></head>
<body><h1>{esc(title)}</h1>
<p>How far the simulated held-out period is from the real one (Chapela-Campa et al. 2023; smaller is closer) /
Hur långt den simulerade perioden ligger från den verkliga (mindre är närmare).</p>
{setup}
<table><tr><th>measure / mått</th><th>key (JSON) / nyckel</th><th>value / värde</th></tr>{rows}</table>
<h2>Cycle time percentiles, days / Genomloppstid, percentiler, dagar</h2>
<table><tr><th>percentile / percentil</th><th>log / loggen</th><th>simulated / simulerad</th></tr>{pct}</table>
{within}
<h2>How far this holds / Hur långt det håller</h2>
{holds}
{figures}</body></html>
"""
