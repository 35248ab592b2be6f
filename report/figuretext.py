"""The figures of one simulated process as a plain-text table: ``permitflow simulate``'s output.

Two forms. :func:`words_table`, for a person: each figure in the report's words
(:func:`report.words.figure_words`, ``report/labels.yaml``) with the step's, staff group's or
outcome's name, under four headings (the whole case, each step, each staff group and committee,
the outcomes), numbers written as the language writes them (:mod:`report.numbers`), shares in per
cent. :func:`keys_table`, for a script that reads the lines: each figure by its key, as
``--format json`` and the data files name it, numbers with a decimal point.

>>> figure_number(18749.6), figure_number(float("nan")), figure_unit("wait_days.Task_A")
('18750', '-', 'days')
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from processes.params import OUTCOMES
from report.deadlines import deadline_said
from report.numbers import MISSING, machine, number, share
from report.words import figure_words, in_count, in_kronor, in_per_cent, labels

__all__ = [
    "figure_unit",
    "figure_number",
    "keys_table",
    "unpriced_figures",
    "unpriced_entries",
    "NO_PRICE",
    "words_table",
    "STEP_FIGURES",
    "BODY_FIGURES",
    "OUTCOME_FIGURES",
]

#: the figures of one step, in the order a row of the table in words gives them (the rest of a key is its id)
STEP_FIGURES = ("elapsed_days.", "wait_days.", "work_hours.")
#: the figures of one staff group or decision body (the rest of a key is its name)
BODY_FIGURES = (
    "utilisation.",
    "queue_length.",
    "wait_days_pool.",
    "meetings.",
    "agenda_max.",
    "committee_backlog.",
)
#: the figures of one outcome (the rest of a key is the outcome)
OUTCOME_FIGURES = ("outcome_share.", "outcome_days.")

#: the table's own words: its four headings, its columns and its notes
_SAID = {
    "en": {
        "case": "Whole case",
        "steps": "Per step",
        "bodies": "Per staff group and committee",
        "outcomes": "Outcomes",
        "mean": "mean",
        "interval": "95% interval",
        "one": "(1 replication)",
        "same": "(all alike)",
        "same_note": "(all alike): every replication gave this same value, so there is no interval",
        "no_value": f"{MISSING} no value: no case to measure (or an infinite cost or rate)",
        "one_note": "(1 replication): only one replication measured it (no case of it in the others), too few "
        "for an interval",
        "cut_note": "* the 95% interval reached below zero, where the mean cannot be (too few replications): it "
        "is cut there",
        "no_clock": f"{MISSING} the shares within a deadline: no deadline to count against (the profile has no "
        "clock:; add clock: {start: ..., stop: ..., deadline: 4mo} under simulation:, docs/profile.md)",
        "no_price": f"{MISSING} the cost: the work has no price (no staff group that does it has cost_per_hour: in the "
        "profile, kronor per hour; docs/profile.md)",
    },
    "sv": {
        "case": "Hela ärendet",
        "steps": "Per steg",
        "bodies": "Per personalgrupp och nämnd",
        "outcomes": "Utfall",
        "mean": "medel",
        "interval": "95\u00a0% intervall",
        "one": "(1 upprepning)",
        "same": "(alla lika)",
        "same_note": "(alla lika): varje upprepning gav samma värde, så det finns inget intervall",
        "no_value": f"{MISSING} inget värde: inget ärende att mäta (eller en oändlig kostnad eller takt)",
        "one_note": "(1 upprepning): bara en upprepning mätte det (inget sådant ärende i de andra), för få för "
        "ett intervall",
        "cut_note": "* 95\u00a0%-intervallet nådde under noll, där medelvärdet inte kan ligga (för få upprepningar): "
        "det är avskuret där",
        "no_clock": f"{MISSING} andelarna inom en tidsfrist: ingen tidsfrist att räkna mot (profilen har ingen "
        "clock:; lägg till clock: {start: ..., stop: ..., deadline: 4mo} under simulation:, docs/profile.md)",
        "no_price": f"{MISSING} kostnaden: arbetet har inget pris (ingen personalgrupp som gör det har cost_per_hour: i "
        "profilen, kronor per timme; docs/profile.md)",
    },
}
#: the narrowest the words column is wrapped to when the table must fit a terminal
_MIN_WORDS = 30


def figure_unit(key: str) -> str:
    """The unit of a figure of the table by keys, by its name (docs/simulation.md): it printed
    ``cost_per_case 18750`` and ``fee 11700`` without saying kronor.

    >>> [figure_unit(k) for k in ("cost_per_case", "wait_days.Task_A", "work_hours.Task_A", "utilisation.officer",
    ...                          "outcome_share.grant", "cost_share_of_fee", "queue_length.officer", "meetings.committee")]
    ['kr', 'days', 'hours', 'share', 'share', 'fees', 'cases', 'meetings']
    """
    if key in ("cost_per_case", "fee"):
        return "kr"
    if key == "cost_share_of_fee":
        return "fees"
    if key.endswith("_share") or key.startswith(("outcome_share.", "utilisation.")):
        return "share"
    if key.endswith("_days") or key.startswith(
        ("elapsed_days.", "wait_days.", "outcome_days.", "wait_days_pool.")
    ):
        return "days"
    if key.startswith("work_hours."):
        return "hours"
    if key.startswith("cases") or key.startswith(("queue_length.", "committee_backlog.", "agenda_max.")):
        return "cases"
    if key.startswith("meetings."):
        return "meetings"
    return ""


def figure_number(value: float, digits: int = 4) -> str:
    """A figure for a table to read: 4 (``digits``) significant digits as a plain decimal (``18750``,
    ``0.00001``; it
    said ``1.875e+04`` and ``1e-05``), ``0`` for zero of either sign, ``-`` for no finite value (it said ``nan``).

    >>> [figure_number(v) for v in (18749.6, 1e-05, 0.30000000000000004, -0.0, float("nan"), 66.0612)]
    ['18750', '0.00001', '0.3', '0', '-', '66.06']
    """
    if not math.isfinite(value):
        return "-"
    rounded = float(f"{value:.{digits}g}")
    if rounded == 0:
        return "0"
    import numpy as np

    return str(np.format_float_positional(rounded, trim="-"))


def _no_interval(est: Any) -> bool:
    """Whether ``est`` has a mean but no interval: only one replication measured it."""
    return est.low != est.low and math.isfinite(est.mean)


#: the figures that price the work (cost_per_hour of the staff group doing it)
_COST_FIGURES = ("cost_per_case", "cost_share_of_fee")


def unpriced_figures(table: Mapping[str, Any]) -> list[str]:
    """The cost figures of ``table`` that are 0 in every replication although the steps took work: the staff
    groups doing it have no ``cost_per_hour`` (0 kr, the default; ``convert --to profile`` writes none), so
    "0 kronor" says nothing about the work's cost (found by QA: a profile to fill in printed "cost of work per
    case (kronor) 0 (all alike)" beside an hour of work per case).

    >>> from types import SimpleNamespace as Est
    >>> unpriced_figures({"cost_per_case": Est(mean=0.0, high=0.0), "work_hours.T": Est(mean=1.0, high=1.0)})
    ['cost_per_case']
    >>> unpriced_figures({"cost_per_case": Est(mean=0.0, high=0.0), "work_hours.T": Est(mean=0.0, high=0.0)})
    []
    """
    worked = any(key.startswith("work_hours.") and est.mean > 0 for key, est in table.items())
    return [
        key
        for key in _COST_FIGURES
        if worked and key in table and table[key].mean == 0 and table[key].high == 0
    ]


def unpriced_entries(figures: Mapping[str, Mapping[str, Any]]) -> set[str]:
    """The cost figures of a summary document's point (``"<process>/<figure>"`` -> ``{"mean", "ci", ...}``,
    :func:`report.results.point_entry`) that :func:`unpriced_figures` finds without a price, each process's by
    its own figures: the report's tables and glossary say so as ``simulate`` does (found by QA: a model
    imported with ``convert --to profile`` read "cost of work per case 0 — the same in every run").

    >>> sorted(unpriced_entries({"a/cost_per_case": {"mean": 0.0, "ci": [0.0, 0.0]},
    ...                          "a/work_hours.T": {"mean": 1.0, "ci": [1.0, 1.0]},
    ...                          "b/cost_per_case": {"mean": 0.0, "ci": [None, None]},
    ...                          "b/work_hours.T": {"mean": 2.0, "ci": [None, None]}}))
    ['a/cost_per_case', 'b/cost_per_case']
    """
    tables: dict[str, dict[str, Any]] = {}
    for name, est in figures.items():
        member, _, key = name.partition("/")
        mean = math.nan if est.get("mean") is None else est["mean"]
        high = est["ci"][1] if est.get("ci") and est["ci"][1] is not None else mean  # one replication: no interval
        tables.setdefault(member, {})[key] = _Estimate(mean, high)
    return {f"{member}/{key}" for member, table in tables.items() for key in unpriced_figures(table)}


class _Estimate:
    """The two values :func:`unpriced_figures` reads of an estimate."""

    __slots__ = ("mean", "high")

    def __init__(self, mean: float, high: float) -> None:
        self.mean, self.high = mean, high


#: what a report says in place of an unpriced cost's interval, and in its glossary (plain words, no profile keys)
NO_PRICE = {
    "en": {
        "cell": "no price: the profile gives the work no hourly cost",
        "glossary": "Where the profile gives the staff doing the work no hourly cost, the work has no price and the "
        "figure reads –, not 0.",
    },
    "sv": {
        "cell": "inget pris: profilen ger inte arbetet någon timkostnad",
        "glossary": "Där profilen inte ger personalen som gör arbetet någon timkostnad har arbetet inget pris och "
        "måttet visas som –, inte 0.",
    },
}


def keys_table(
    table: Mapping[str, Any], *, unclocked: Sequence[str] = (), unpriced: Sequence[str] = ()
) -> str:
    """The figures of ``table`` (key -> estimate: mean, low, high, cut) by their keys in key order, one line each
    with the mean, the unit (:func:`figure_unit`) and the 95 % interval, then a note on what ``-``,
    ``(1 replication)`` and ``*`` mean where a line shows one; ``unclocked``: the shares within a deadline a
    profile without a clock has no value for (a note says so, not "no case to measure"); ``unpriced``: the cost
    figures that are 0 for want of a price (:func:`unpriced_figures`; a note says so, the value stays 0)."""
    width = max((len(k) for k in table), default=10)
    lines = [f"{'figure':<{width}}  {'mean':>12} {'unit':<9} {'95% CI':>25}"]
    for key, est in table.items():
        if _no_interval(est):
            ci = "(1 replication)"
        else:
            ci = (
                ""
                if est.low != est.low
                else (f"[{figure_number(est.low)}, {figure_number(est.high)}]" + ("*" if est.cut else ""))
            )
        lines.append(f"{key:<{width}}  {figure_number(est.mean):>12} {figure_unit(key):<9} {ci:>25}")
    lines += _notes(
        table,
        "en",
        "- no value: no case to measure (or an infinite cost or rate)",
        "* the 95% interval reached below zero, where the mean cannot be (too few replications): it is cut there",
        unclocked=unclocked,
        no_clock=f"- {', '.join(unclocked)}: no deadline to count against (the profile has no clock:; add "
        "clock: {start: ..., stop: ..., deadline: 4mo} under simulation:, docs/profile.md)",
        unpriced=unpriced,
        no_price=unpriced_note(unpriced),
    )
    return "\n".join(lines) + "\n"


def unpriced_note(unpriced: Sequence[str]) -> str:
    """The note of the table by keys and of ``simulate --format json`` on ``unpriced`` cost figures."""
    if not unpriced:
        return ""
    return (
        f"{', '.join(unpriced)}: 0 because the work has no price (no staff group that does it has "
        "cost_per_hour: in the profile, kronor per hour; docs/profile.md)"
    )


def _notes(table: Mapping[str, Any], lang: str, no_value: str, cut: str, *, unclocked: Sequence[str] = (),
           no_clock: str = "", unpriced: Sequence[str] = (), no_price: str = "", words: bool = False) -> list[str]:
    """The notes under a table: what a missing value, ``(1 replication)``, ``*`` and (``words``: the table in
    words) ``(all alike)`` mean, where a line shows one; the shares ``unclocked`` (a profile without a clock) get
    ``no_clock`` (default: the language's) instead, the cost figures ``unpriced`` ``no_price``."""
    notes = []
    if any(not math.isfinite(est.mean) for key, est in table.items() if key not in unclocked):
        notes.append(no_value)
    if unclocked:
        notes.append(no_clock or str(_SAID[lang]["no_clock"]))
    if unpriced:
        notes.append(no_price or str(_SAID[lang]["no_price"]))
    if any(_no_interval(est) for est in table.values()):
        notes.append(_SAID[lang]["one_note"])
    if words and any(_all_alike(est) for key, est in table.items() if key not in unpriced):
        notes.append(_SAID[lang]["same_note"])
    if any(est.cut for est in table.values()):
        notes.append(cut)
    return notes


def _value(figure: str, value: float, lang: str, end: bool = False, decimals: int | None = None) -> str:
    """One number of the table in words, as ``lang`` writes it: a share in per cent by the report's rule
    (:func:`report.numbers.share`; ``end``: an interval's end), kronor and a count of cases whole (the report's
    tables), the rest with ``decimals`` (its row's: :func:`row_decimals`), else 3 significant digits."""
    if not math.isfinite(value):
        return MISSING
    if in_per_cent(figure):
        return share(value, lang, end=end)
    if in_kronor(figure) or in_count(figure):
        return number(value, lang, 0)
    if decimals is not None and value == 0:
        return "0"  # an interval cut at zero, a figure exactly zero: "0", not "0,00"
    if decimals is not None:
        return number(0.0 if round(value, decimals) == 0 else value, lang, decimals)  # never "-0,00"
    return machine(figure_number(value, 3), lang)


def row_decimals(est: Any) -> int | None:
    """The decimals of one row's mean and interval, one rule for the three (found by QA, qawords:
    "0,0003642 – 0,02438" beside "0,01042"): two significant digits of the interval's width, so that its
    ends read apart and no digit is shown that the interval says is noise; a row without an interval: three
    significant digits of its mean (None: as few as that needs, "0,25", not "0,250"). At most 6 decimals (a
    millionth of a day or hour is below anything measured).

    >>> Est = type("Est", (), {})
    >>> def est(mean, low, high):
    ...     e = Est(); e.mean, e.low, e.high = mean, low, high; return e
    >>> row_decimals(est(0.012, 0.0003642, 0.02438)), row_decimals(est(84.48, 72.39, 96.57))
    (3, 0)
    >>> row_decimals(est(0.01042, float("nan"), float("nan"))), row_decimals(est(0.0, 0.0, 0.0))
    (None, 0)
    """
    width = est.high - est.low if math.isfinite(est.low) and math.isfinite(est.high) else 0.0
    if width > 0:
        return min(6, max(0, 1 - math.floor(math.log10(width))))
    if math.isfinite(est.mean) and est.mean != 0:
        return None
    return 0


def _all_alike(est: Any) -> bool:
    """Whether every replication gave ``est`` the same value: its interval is that value (it printed "11 – 11")."""
    return math.isfinite(est.mean) and est.low == est.low and math.isclose(est.low, est.high, rel_tol=1e-9,
                                                                            abs_tol=1e-9)


def _interval(figure: str, est: Any, lang: str) -> str:
    if _no_interval(est):
        return str(_SAID[lang]["one"])
    if est.low != est.low:
        return ""
    if _all_alike(est):
        return str(_SAID[lang]["same"])
    low, high = (_value(figure, v, lang, True, row_decimals(est)) for v in (est.low, est.high))
    return f"{low} – {high}" + ("*" if est.cut else "")


def _grouped(table: Mapping[str, Any], order: Sequence[str]) -> dict[str, list[str]]:
    """The keys of ``table`` under each heading, in the table's order (``order``: the element ids in the
    model's order, which the steps follow)."""
    figures = list(labels()["figures"])
    place = {element: i for i, element in enumerate(order)}
    groups: dict[str, list[str]] = {"case": [], "steps": [], "bodies": [], "outcomes": []}
    bodies: list[str] = []
    for key in sorted(table):
        prefix = next(
            (p for p in (*STEP_FIGURES, *BODY_FIGURES, *OUTCOME_FIGURES) if key.startswith(p)), None
        )
        if prefix in STEP_FIGURES:
            groups["steps"].append(key)
        elif prefix in BODY_FIGURES:
            groups["bodies"].append(key)
            name = key[len(prefix) :]
            if name not in bodies:
                bodies.append(name)
        elif prefix in OUTCOME_FIGURES:
            groups["outcomes"].append(key)
        else:
            groups["case"].append(key)

    def split(key: str, prefixes: tuple[str, ...]) -> tuple[str, int]:
        prefix = next(p for p in prefixes if key.startswith(p))
        return key[len(prefix) :], prefixes.index(prefix)

    groups["case"].sort(key=lambda k: (figures.index(k) if k in figures else len(figures), k))
    groups["steps"].sort(
        key=lambda k: (place.get(split(k, STEP_FIGURES)[0], len(place)), split(k, STEP_FIGURES))
    )
    # staff groups (their utilisation first) before decision bodies (their meetings first), each in key order
    first = {
        name: min(split(k, BODY_FIGURES)[1] for k in groups["bodies"] if split(k, BODY_FIGURES)[0] == name)
        for name in bodies
    }
    groups["bodies"].sort(
        key=lambda k: (
            first[split(k, BODY_FIGURES)[0]],
            bodies.index(split(k, BODY_FIGURES)[0]),
            split(k, BODY_FIGURES)[1],
        )
    )
    outcomes = list(OUTCOMES)
    groups["outcomes"].sort(
        key=lambda k: (
            outcomes.index(split(k, OUTCOME_FIGURES)[0])
            if split(k, OUTCOME_FIGURES)[0] in outcomes
            else len(outcomes),
            split(k, OUTCOME_FIGURES),
        )
    )
    return groups


def words_table(
    table: Mapping[str, Any],
    lang: str,
    *,
    steps: Mapping[str, str],
    order: Sequence[str] = (),
    clock: tuple[float | None, float | None] | None = None,
    total: int | None = None,
    unclocked: Sequence[str] = (),
    unpriced: Sequence[str] = (),
) -> str:
    """The figures of ``table`` (key -> estimate: mean, low, high, cut) in ``lang``'s words, one line each under
    the heading of what it measures, with its mean and 95 % interval, then what ``–``, ``(1 replication)`` and
    ``*`` mean where a line shows one.

    ``steps``: element id -> the step's name in ``lang`` (:func:`report.stepwords.step_words`); ``order``: the
    model's element ids in its order, which the steps follow; ``clock``: the profile's (deadline, extension) in
    hours, which a share within the deadline names (:func:`report.deadlines.deadline_said`; None: the words as
    written); ``total``: the widest the table may be (a terminal's width): longer words wrap; ``unclocked``: the
    shares within a deadline that a profile without a clock has no value for (one note says so); ``unpriced``: the
    cost figures that are 0 for want of a price (:func:`unpriced_figures`): shown as missing, one note says why.

    >>> from types import SimpleNamespace as Est
    >>> print(words_table({"wait_days.T": Est(mean=0.5, low=0.1, high=0.9, cut="")}, "en", steps={"T": "Decide"}))
    Per step                   mean  95% interval
      days waiting at: Decide  0.50   0.10 – 0.90
    <BLANKLINE>
    """
    said = _SAID[lang]
    groups = {
        heading: [
            (
                key,
                _words(key, lang, steps, clock),
                MISSING if key in unpriced
                else _value(key, table[key].mean, lang, decimals=row_decimals(table[key])),
                "" if key in unpriced else _interval(key, table[key], lang),
            )
            for key in keys
        ]
        for heading, keys in _grouped(table, order).items()
        if keys
    }
    rows = [row for group in groups.values() for row in group]
    means = max([len(said["mean"]), *(len(r[2]) for r in rows)])
    intervals = max([len(said["interval"]), *(len(r[3]) for r in rows)])
    words = max([*(len(said[h]) - 2 for h in groups), *(len(r[1]) for r in rows)])
    if total is not None:
        words = max(_MIN_WORDS, min(words, total - 2 - means - 2 - intervals - 2))
    lines: list[str] = []
    for heading, group in groups.items():
        if lines:
            lines.append("")
        title = said[heading]
        lines.append(
            f"{title:<{words + 2}}  {said['mean']:>{means}}  {said['interval']:>{intervals}}"
            if len(lines) == 0
            else title
        )
        for _key, text, mean, interval in group:
            wrapped = textwrap.wrap(text, words, subsequent_indent="  ") or [""]
            lines += [f"  {part}" for part in wrapped[:-1]]
            lines.append(f"  {wrapped[-1]:<{words}}  {mean:>{means}}  {interval:>{intervals}}".rstrip())
    notes = _notes(table, lang, said["no_value"], said["cut_note"], unclocked=unclocked, unpriced=unpriced,
                   words=True)
    return "\n".join(lines + ([""] if notes else []) + notes) + "\n"


def _words(
    key: str, lang: str, steps: Mapping[str, str], clock: tuple[float | None, float | None] | None
) -> str:
    """Figure ``key`` in words, naming ``clock``'s deadline."""
    text = figure_words(key, lang, steps)
    return text if clock is None else deadline_said(text, lang, *clock)
