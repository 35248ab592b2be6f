"""A goal seek's candidates and figures in words, for its headline and its table (:mod:`report.goalseek`).

A candidate as a sentence says it (``2 officers at half time, decided by the committee``) and as the table
names it (:func:`candidate_label`), a yearly cost or that the work has no price (:func:`unpriced_costs`, one
rule for ``permitflow optimise`` and the page), an estimate with its interval, mean days and the
replications a figure is over; the pool's own name where the profiles give one (:func:`staff_names`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bpmn_io.profile import LANGUAGES, pool_names
from report.numbers import kronor, number, share
from report.valuewords import fte_words
from report.words import level_words
from scenarios.compare import Estimate
from scenarios.levers import Candidate
from scenarios.optimise import Evaluated, OptimiseResult

__all__ = ["NO_PRICE", "SHARE", "unpriced_costs", "yearly_words", "staff_names", "result_unpriced",
           "interval_words", "candidate_en", "candidate_sv", "candidate_label", "replications_words",
           "days_words", "day_digits"]


def _kr(x: float, lang: str = "en") -> str:
    return kronor(x, lang)


#: a yearly cost where the profiles put no price on the work (:func:`unpriced_costs`), on the command line and
#: the page
NO_PRICE = {"en": "no price on the work", "sv": "inget pris på arbetet"}


def unpriced_costs(costs: Iterable[float]) -> bool:
    """Whether every combination a search priced cost 0: the profiles give the staff no hourly cost and
    the decisions none (as ``convert --to profile`` writes one), so "0 kronor a year" and "the cheapest" say
    nothing of a cost (found by QA, qadev2; the rule :func:`report.figuretext.unpriced_figures` gives the
    report's figures).
    One rule for ``permitflow optimise`` and the page's goal seek (:func:`web.goalseek.unpriced`).

    >>> unpriced_costs([0.0, 0]), unpriced_costs([0.0, 12.5]), unpriced_costs([])
    (True, False, False)
    """
    said = list(costs)
    return bool(said) and all(cost == 0 for cost in said)


def yearly_words(cost: float, lang: str, free: bool) -> str:
    """``cost`` a year in words ("900,000 kronor a year", "900 000 kr per år"), or that the work has no
    price."""
    if free:
        return NO_PRICE[lang]
    return f"{_kr(cost)} kronor a year" if lang == "en" else f"{_kr(cost, 'sv')} kr per år"


def staff_names(profiles: Sequence[Any], pool: str) -> dict[str, str] | None:
    """``pool``'s name by language where every one of ``profiles`` names it alike (``name:``, as ``convert
    --to profile`` writes one after its lane), else ``None``: the library's case officers keep their words.

    >>> staff_names([{"simulation": {"pools": {"officer": {"name": "HR Department"}}}}], "officer")
    {'en': 'HR Department', 'sv': 'HR Department'}
    >>> staff_names([{"simulation": {"pools": {"officer": {"name": "HR"}}}}, {}], "officer") is None
    True
    """
    said = {lang: {pool_names(p, lang).get(pool) for p in profiles} for lang in LANGUAGES}
    if any(len(named) != 1 or None in named for named in said.values()):
        return None
    return {lang: str(next(iter(named))) for lang, named in said.items()}


def result_unpriced(result: OptimiseResult) -> bool:
    """:func:`unpriced_costs` of every run of ``result`` (today's too)."""
    runs = [*result.evaluated, *([result.today_run] if result.today_run is not None else [])]
    return unpriced_costs(e.cost for e in runs)


#: ``digits`` of :func:`interval_words` for a share: in per cent with one decimal
SHARE = -1


def interval_words(e: Estimate, digits: int, lang: str = "en") -> str:
    """``44.0 [38.3, 49.8]``; in Swedish ``44,0 [38,3; 49,8]`` (a comma would split a decimal). A share
    (``digits`` :data:`SHARE`) in per cent as everything else writes it, never 100 % or 0 % when it is neither:
    ``99.4% [97%, 100%]``, ``99,4 % [97 %; 100 %]`` (it said ``0.994 [0.969, 1.000]``), by the report's rule
    (:func:`report.numbers.share`)."""
    if math.isnan(e.mean):
        return "-"
    if digits != SHARE:
        digits = day_digits(e.mean, digits)

    def said(value: float, end: bool = True) -> str:
        return share(value, lang, end=end) if digits == SHARE else number(value, lang, digits)

    if math.isnan(e.low):
        return said(e.mean, False)
    between = ", " if lang == "en" else "; "
    return f"{said(e.mean, False)} [{said(e.low)}{between}{said(e.high)}]"


def candidate_en(c: Candidate, staff: Mapping[str, str] | None = None) -> str:
    """``2 officers at half time, decided by the committee``: the share of full time as the assumptions table says
    it (:func:`report.valuewords.fte_words`; it said "0.5 FTE", and "0,5 av heltid" in Swedish, the web page
    "50 %"); the level in the page's words (:func:`report.words.level_words`: "the case officer", as the
    Swedish "handläggaren"; it said "decided by the officer")."""
    level = f", decided by {level_words(c.level, 'en')}" if c.level else ""
    if staff:  # the pool's own name (:func:`staff_names`), as the page says it
        who = f"{'person' if c.officers == 1 else 'people'} in {staff['en']}"
        return f"{c.officers} {who} at {fte_words(c.fte, 'en')}{level}"
    return f"{c.officers} officer{'s' if c.officers != 1 else ''} at {fte_words(c.fte, 'en')}{level}"


def candidate_sv(c: Candidate, staff: Mapping[str, str] | None = None) -> str:
    level = f", beslut av {level_words(c.level, 'sv')}" if c.level else ""
    who = f"{'person' if c.officers == 1 else 'personer'} i {staff['sv']}" if staff else "handläggare"
    return f"{c.officers} {who} på {fte_words(c.fte, 'sv')}{level}"


def candidate_label(c: Candidate) -> str:
    """The table's short name of a candidate: ``2 × half time, working committee``, ``1 × quarter time, case
    officer`` (the JSON and CSV keep the numbers, and the JSON's ``label`` its ``2 × 0.5 FTE,
    working_committee``): the level in the sentences' words without their article (it said "officer")."""
    level = level_words(c.level, "en").removeprefix("the ") if c.level else ""
    return f"{c.officers} × {fte_words(c.fte, 'en')}" + (f", {level}" if level else "")


def replications_words(e: Evaluated, result: OptimiseResult, lang: str) -> str:
    """``12 replications``, or ``12 replications, 7 with decided cases`` when the figure's mean and
    interval are over fewer of them (a replication without a decided case has no share and no time)."""
    n, every = e.target_value.n, len(result.processes) > 1
    # a mean time's interval is over as many fresh replications as the search gave it (scenarios.optimise._confirmed)
    fresh = result.target.share is None
    if lang == "sv":
        text = f"{e.replications} {'nya upprepningar, inte de som sökningen stannade på' if fresh else 'upprepningar'}"
        return text if n == e.replications else \
            text + f", {n} med avgjorda ärenden" + (" i varje process" if every else "")
    text = f"{e.replications} {'fresh replications, not those the search stopped on' if fresh else 'replications'}"
    return text if n == e.replications else text + f", {n} with decided cases" + (" in every process" if every else "")


def days_words(e: Evaluated, lang: str = "en") -> str:
    """Mean days from complete to decision (worst process)."""
    return "-" if math.isnan(e.time.mean) else number(e.time.mean, lang, day_digits(e.time.mean))


def day_digits(days: float, digits: int = 1) -> int:
    """``digits`` decimals, or under a day the decimals that give two significant digits (a 2-hour target's
    candidates read "0.045 [0.040, 0.050]" days; they read "0.0 [0.0, 0.1]", and today's 0.084 "0.1").

    >>> day_digits(44.02), day_digits(0.0842), day_digits(0.5), day_digits(0.0)
    (1, 3, 2, 1)
    """
    if not math.isfinite(days) or days == 0 or abs(days) >= 1:
        return digits
    return max(digits, min(6, 1 - math.floor(math.log10(abs(days)))))
