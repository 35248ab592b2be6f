"""The report's section on how sure the answers are (a run with ``--uncertainty``): per scenario, each
figure's interval from the replications alone and from the assumptions' ranges too, the conclusions,
the tornado of the factors that move the headline figure most, and what was sampled or held fixed.

Its own module: one section of the page, read from ``uncertainty.json``, which no other part of the
report reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from report.bounds import impossible
from report.chance import Highlights
from report.failurewords import point_failure_words
from report.figuretables import figure_said
from report.headline import HEADLINE_FIGURE, one_value
from report.namemarks import NameMarks
from report.processnames import member_names
from report.runclocks import Clock
from report.tablecells import figure_digits, figure_unit
from report.words import LANGUAGES, member_words, scenario_words

#: what :mod:`report.html` puts in the section on its page
__all__ = ["how_sure", "how_sure_bases"]


def _tornado(drivers: Sequence[Mapping[str, Any]], factors: Mapping[str, Mapping[str, Any]],
             limit: int = 8) -> dict[str, Any] | None:
    """The tornado bars of one figure: the factors with the largest rank correlation, as shares of one scale."""
    bars = [d for d in drivers if d["low_quarter_mean"] is not None and d["high_quarter_mean"] is not None][:limit]
    if not bars:
        return None
    values = [v for d in bars for v in (d["low_quarter_mean"], d["high_quarter_mean"])]
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    rows = []
    for d in bars:
        a, b = sorted((d["low_quarter_mean"], d["high_quarter_mean"]))
        f = factors.get(d["factor"], {})
        rows.append({
            "factor": d["factor"], "words": f.get("words", {"en": d["factor"], "sv": d["factor"]}),
            "code": f.get("code", ""), "rho": d["spearman"], "src": d["src"],
            "low": d["low_quarter_mean"], "high": d["high_quarter_mean"],
            "left": round(100 * (a - lo) / span, 2), "width": round(max(100 * (b - a) / span, 0.5), 2),
        })
    return {"rows": rows, "low": lo, "high": hi}


def how_sure(uncertainty: Mapping[str, Any] | None, towns: Mapping[str, Mapping[str, str]],
             names: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None,
             marks: NameMarks | None = None, unpriced: Mapping[str, set[str]] | None = None,
             said: dict[tuple[str, str], dict[str, str]] | None = None,
             clocks: Mapping[str, Clock | None] | None = None,
             chance: Highlights | None = None) -> list[dict[str, Any]]:
    """Per scenario of an uncertainty run: each figure's two intervals, the conclusions, the tornado and its failed
    points in words (``towns``: :func:`town_names`; ``names``: :func:`step_names`, which a figure's and a
    failure's words use; ``marks``: the models' names in another language than the page's, :class:`NameMarks`;
    ``unpriced``: per scenario, the costs its run put no price on, :func:`report.figuretext.unpriced_entries`;
    ``said`` and ``clocks``: as :func:`_rows` takes them, the figures' words the figures tables made; ``chance``:
    the differences the report highlights, :func:`report.chance.highlights`: a conclusion holds for the report only
    where its change is highlighted, as the answers say it; ``None``: each interval's own verdict)."""
    if not uncertainty:
        return []
    marks = marks or NameMarks({})
    steps = {lang: (names or {}).get(lang, {}) for lang in LANGUAGES}
    said = {} if said is None else said
    factors = {f["name"]: f for f in uncertainty["factors"]}
    out = []
    for name, s in uncertainty["scenarios"].items():
        rows = []
        for figure, v in s["figures"].items():
            member = figure.partition("/")[0]
            concl = s["conclusions"].get(figure)
            # the point the uncertainty run varies is the scenario's first (its nominal run is that point's)
            kept = chance is None or chance.kept(name, 0, figure)
            words = figure_said(member, figure, steps, said, clocks or {})
            rows.append({
                "figure": figure, "town": {lang: member_words(member, towns[lang], lang) for lang in LANGUAGES},
                "words": words, "html": marks.both(words, (member,)),
                "noise": v["noise"], "both": v["noise_and_assumptions"], "conclusion": concl,
                # the change holds: the same way at every point, and unlikely to be chance among all compared;
                # "chance": its interval excludes zero but it is not highlighted
                "holds": bool(concl and concl["holds"] and kept),
                "chance": bool(concl and concl["nominal"]["significant"] and not kept),
                "beyond": impossible(figure, *v["noise"]["ci"], cut=v["noise"].get("cut"))
                or ("one" if v["noise"]["mean"] is not None and None in v["noise"]["ci"] else None),
                "unit": figure_unit(figure),  # the "holds" cell's "by at least 6 days" (it said "6,02" alone)
                "digits": figure_digits(figure),
                "unpriced": figure in (unpriced or {}).get(name, ()),  # "0 (the same at every point)" said nothing
                # "100 % (100 % – 100 %)": every replication alike, or every point's mean (found by QA, qareport3)
                "same": one_value(v["noise"]),
                "same_points": one_value({"mean": v["noise_and_assumptions"]["median"],
                                          "ci": (v["noise_and_assumptions"]["low"], v["noise_and_assumptions"]["high"])}),
            })
        tornados = []
        for member in s["members"]:
            key = f"{member}/{HEADLINE_FIGURE}"
            chart = _tornado(s["drivers"].get(key, []), factors)
            if chart is not None:
                for bar in chart["rows"]:  # a factor's words may name a body or staff group of the model's
                    bar["words"] = marks.both(bar["words"], (member,))
                tornados.append({"member": member, "town": {lang: towns[lang].get(member, member) for lang in LANGUAGES},
                                 "figure": key,
                                 "diff": bool(s["conclusions"]), **chart})
        out.append({"scenario": name, "title": {lang: scenario_words(name, lang) for lang in ("en", "sv")},
                    "baseline": s["baseline"], "rows": rows, "tornados": tornados,
                    "failures": [{"message": f, "words": marks.both(point_failure_words(f, uncertainty["points"], member_names(
                        names or {}, s["members"])), s["members"])} for f in s["failures"]]})
    return out


def how_sure_bases(uncertainty: Mapping[str, Any] | None,
                   towns: Mapping[str, Mapping[str, str]]) -> dict[str, list[str]]:
    """Per language, one sentence per municipality with a fitted or measured value: what was sampled over a
    fitted interval, what was held fixed as measured (:func:`scenarios.uncertainty.sampling_words`)."""
    from scenarios.uncertainty import sampling_words

    if not uncertainty:
        return {}
    said = {lang: sampling_words(uncertainty, lang, towns[lang]) for lang in LANGUAGES}
    return said if any(said.values()) else {}
