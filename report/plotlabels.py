"""How the report's charts say things in the reader's language: their own words (axis titles, the
deadline's line, shared staff), a process by its municipality's name, a sweep point in words, and an
axis's numbers as the language writes them (0,5 in Swedish, a minus sign, per cent).

Its own module: every chart of :mod:`report.plots` labels itself so, and the validation page's charts
(:mod:`report.validation_html`) write their axes the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from report import numbers

__all__ = ["number_axis", "percent_digits", "WORDS", "point_label", "town_name"]


#: the plots' own words; a plot's labels name municipalities, scenarios, staff and settings in words
#: (:mod:`report.words`), never by their code names
WORDS = {
    "en": {"months": "4 months", "submission": "days from application to decision",
           "utilisation": "share of working time in use (95% interval)", "shared": "shared staff"},
    "sv": {"months": "4 månader", "submission": "dagar från ansökan till beslut",
           "utilisation": "andel av arbetstiden som används (95\u00a0% intervall)", "shared": "gemensam personal"},
}


def town_name(member: str, towns: Mapping[str, str], lang: str) -> str:
    """A process as its municipality's name (``shared officer``: the staff the processes share)."""
    if member in towns:
        return towns[member]
    if member.startswith("shared "):
        return WORDS[lang]["shared"]
    return member


def point_label(label: str, lang: str, towns: Mapping[str, str] | None = None) -> str:
    """A sweep point's label in words, for after a scenario's (``""`` for no point); ``towns``: process -> name."""
    from report.words import point_words

    return f" ({point_words(label, lang, towns)})" if label else ""


def number_axis(axis: Any, lang: str, *, percent: bool = False) -> None:
    """Tick labels as the language writes numbers (0,5 in Swedish); ``percent``: a share as per cent, with
    the decimals that tell the ticks apart (found by QA, qawalk: utilisations of 1–4 % read "0% 0% 1% 2% 2%
    2% 3% 4% 4%", ticks 0.5 % apart in whole per cent)."""
    from matplotlib.ticker import Formatter

    class Said(Formatter):
        digits = 0  # a share's decimals, from all the axis' ticks at once (format_ticks)

        def __call__(self, value: float, pos: int | None = None) -> str:
            # a chart's minus is a minus sign in either language
            text = (numbers.percent(value, lang, self.digits) if percent
                    else numbers.number(round(value, 9), lang))
            return text.replace("-", "\u2212")

        def format_ticks(self, values: Any) -> list[str]:
            self.digits = percent_digits(list(values))
            return [self(value, i) for i, value in enumerate(values)]

    axis.set_major_formatter(Said())


def percent_digits(shares: Sequence[float]) -> int:
    """The fewest decimals (up to 3) that write ``shares`` as per cent each differently.

    >>> percent_digits([0.0, 0.005, 0.01, 0.015]), percent_digits([0.0, 0.25, 0.5]), percent_digits([])
    (1, 0, 0)
    """
    digits = 0
    while digits < 3 and len({round(100 * s, digits) for s in shares}) < len(set(shares)):
        digits += 1
    return digits
