"""How the report's tables write a figure: a number, a share in per cent or a change in percentage
points, in both languages at once (a span each where English and Swedish write it differently), with the
decimals its unit asks for, and the words of an interval the replications cannot give.

Its own module: the report's template filters (:mod:`report.html`), the figures tables
(:mod:`report.figuretables`) and the how-sure table (:mod:`report.howsure`) all write cells so, and none
of them needs the others to do it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from report.figuretext import NO_PRICE
from report.headline import SAME_IN_EVERY_RUN, one_value
from report.numbers import POINTS, SEPARATORS, number, points, share
from report.words import LANGUAGES, in_count, in_kronor, in_per_cent

__all__ = ["figure_digits", "Cells", "cell", "cell_text", "fmt", "points_cell", "share_cell", "figure_unit"]


def fmt(value: Any, digits: int = 2, lang: str = "en") -> str:
    """A figure for a table in ``lang``: ``digits`` decimals, more for a value that would round to
    zero (a difference of 0.004 in a share keeps two significant digits); never ``-0.00``. A column
    of days with one decimal keeps one, but an end that is not zero never reads "0,0": it gets the fewest
    decimals that show it (a wait's interval "0,04 – 1,7", not "0,0 – 1,7", which a reader takes for an
    interval that reaches zero; found by QA); only a zero reads "0,0".

    >>> [fmt(v) for v in (259.614, 0.2, 0.0042, -0.0000001, float("nan"), 1234.5)]
    ['259.61', '0.20', '0.0042', '0.00', '–', '1,234.50']
    >>> [fmt(v, lang="sv") for v in (259.614, -0.0042, 1234.5)]
    ['259,61', '−0,0042', '1\xa0234,50']
    >>> fmt(0.043, 1, "sv"), fmt(-0.04, 1, "sv"), fmt(2.04, 1, "sv"), fmt(0.0, 1, "sv"), fmt(0.0049, 1)
    ('0,04', '−0,04', '2,0', '0,0', '0.005')
    """
    if isinstance(value, float) and not math.isnan(value):
        size = abs(value)
        if digits >= 2 and 1e-6 <= size < 10.0 ** -digits:  # would show as 0.00: two significant digits
            digits = min(6, 1 - math.floor(math.log10(size)))
        elif digits == 1 and 1e-6 <= size < 0.05:  # would show as 0.0: the fewest decimals that show it
            digits = min(6, -math.floor(math.log10(size)))
        return number(value, lang, digits)
    return number(value, lang)


#: a number as English writes it (:func:`report.numbers.machine`) -> as Swedish does: the same digits
_EN_TO_SV = str.maketrans({en: sv for en, sv in zip(SEPARATORS["en"], SEPARATORS["sv"], strict=True)})


def cell(value: Any, digits: int = 2) -> Markup:
    """A table's figure in both languages (a span each where they write it differently).

    Formatted once: a number's Swedish text is its English one with the decimal sign, the
    thousands separator and the minus sign swapped (both come from one machine text), and a
    number's text holds nothing to escape. The template calls this for every cell of the
    figures tables (tens of thousands in the bundled study's report).

    >>> [str(cell(v)) for v in (1234.5, -0.0042, 12, None, "a<b")]
    ['<span class="en">1,234.50</span><span class="sv">1\xa0234,50</span>', \
'<span class="en">-0.0042</span><span class="sv">−0,0042</span>', '12', '–', 'a&lt;b']
    """
    en = fmt(value, digits, "en")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return Markup.escape(en)  # a word (or a missing value): the same in both languages
    sv = en.translate(_EN_TO_SV)
    if en == sv:
        return Markup(en)
    return Markup(f'<span class="en">{en}</span><span class="sv">{sv}</span>')


#: English's number text (thousands grouped with commas, as ``format``'s ``,`` writes them) -> Swedish's
_GROUPED_TO_SV = str.maketrans({",": "\u00a0", ".": ",", "-": "\u2212"})


def cell_text(value: Any) -> str:
    """:func:`cell` with two decimals, as text (the figures tables' every cell: their rows are written
    in Python, :func:`figure_tables`). A float or int is formatted by ``format`` alone (its ``,`` groups
    thousands as English does); the rest goes to :func:`cell`.

    >>> [cell_text(v) == str(cell(v)) for v in (1234567.891, -0.004, -0.0001, 0.0, -0.0, 7, -12, 0.5, None, "x")]
    [True, True, True, True, True, True, True, True, True, True]
    """
    kind = value.__class__
    if kind is float:
        size = abs(value)
        if size < 0.01 and size != 0.0 or size != size or size == math.inf:  # more digits, NaN, infinity
            return str(cell(value))
        en = f"{value:,.2f}"
        if en[0] == "-" and size < 0.005:  # "-0.00": never a minus before zero
            en = en[1:]
    elif kind is int:
        en = f"{value:,}"
    else:
        return str(cell(value))
    sv = en.translate(_GROUPED_TO_SV)
    return en if en == sv else f'<span class="en">{en}</span><span class="sv">{sv}</span>'


def share_cell(value: Any, end: bool = False) -> Markup:
    """A table's share (0–1) in per cent in both languages, as the sentences write it (:func:`report.numbers.share`:
    "99,8 %", never "100 %" when it is not; found by QA: the tables said "1,00" and "0,80" beside answers in per
    cent); ``end``: an interval's end.

    >>> str(share_cell(0.998)), str(share_cell(0.99997, True)), str(share_cell(None))
    ('<span class="en">99.8%</span><span class="sv">99,8\xa0%</span>', '<span class="en">100%</span><span class="sv">100\xa0%</span>', '–')
    """
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        return cell(value)
    return Markup(f'<span class="en">{share(value, "en", end=end)}</span>'
                  f'<span class="sv">{share(value, "sv", end=end)}</span>')


def points_cell(value: Any, unit: bool = False) -> Markup:
    """A change in a share in percentage points in both languages (``unit``: with the words "percentage points").

    >>> str(points_cell(-0.0016, True))
    '<span class="en">-0.2 percentage points</span><span class="sv">−0,2 procentenheter</span>'
    """
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        return cell(value)
    said = {lang: points(value, lang) + (f" {POINTS[lang]}" if unit else "") for lang in LANGUAGES}
    return Markup(f'<span class="en">{said["en"]}</span><span class="sv">{said["sv"]}</span>')


_DAYS = {"en": "days", "sv": "dagar"}


def figure_unit(figure: str) -> dict[str, str] | None:
    """The unit of ``figure``'s change in words by language (days, kronor), None for a count, share or ratio.

    >>> (figure_unit("hbg/complete_to_decision_p90_days")["sv"], figure_unit("hbg/cost_per_case")["en"],
    ...  figure_unit("hbg/cases"))
    ('dagar', 'kronor', None)
    """
    name = figure.partition("/")[2] or figure
    if name.endswith("_days") or name.startswith(("wait_days.", "elapsed_days.", "outcome_days.", "wait_days_pool.")):
        return _DAYS
    return {"en": "kronor", "sv": "kr"} if name in ("cost_per_case", "fee") else None


_TOO_FEW = {
    "one": Markup('<span class="en">too few replications for an interval: only one measured it</span>'
                  '<span class="sv">för få upprepningar för ett intervall: bara en mätte det</span>'),
    "below": Markup('<span class="en">too few replications: it would reach below zero</span>'
                    '<span class="sv">för få upprepningar: det skulle gå under noll</span>'),
    "above": Markup('<span class="en">too few replications: it would reach above 100%</span>'
                    '<span class="sv">för få upprepningar: det skulle gå över 100\u00a0%</span>'),
}


def _too_few(beyond: str) -> Markup:
    """The template's ``too_few`` macro: an interval the replications cannot give, in words."""
    return _TOO_FEW[beyond if beyond in ("one", "below") else "above"]


#: the interval cell of a cost the profile puts no price on (:func:`report.figuretext.unpriced_entries`)
_NO_PRICE_CELL = "".join(f'<span class="{lang}">{said["cell"]}</span>' for lang, said in NO_PRICE.items())


#: the interval of a figure every replication measured alike (a model of fixed times), as the sentences say it
_SAME = "".join(f'<span class="{lang}">{said}</span>' for lang, said in SAME_IN_EVERY_RUN.items())


def figure_digits(figure: str) -> int:
    """The decimals a table gives ``figure`` (with or without ``<process>/``): kronor and applications whole
    (:func:`report.words.in_kronor`, :func:`report.words.in_count`: "69,13 ansökningar"), days one decimal as the
    longest waits and the tornado give them (it said "73,97" days beside answers in whole days), the rest two.

    >>> [figure_digits(f) for f in ("h/cost_per_case", "h/cases", "h/complete_to_decision_mean_days",
    ...                             "wait_days.T", "work_hours.T", "queue_length.officer")]
    [0, 0, 1, 1, 2, 2]
    """
    if in_kronor(figure) or in_count(figure):
        return 0
    return 1 if figure_unit(figure) == _DAYS else 2


class Cells:
    """How a row's figures are written: a share in per cent and its change in percentage points
    (:func:`report.words.in_per_cent`), the rest with :func:`figure_digits`' decimals: the template's ``pct``,
    ``points`` and ``num`` filters, as text."""

    def __init__(self, figure: str) -> None:
        self.share = in_per_cent(figure)
        self.digits = figure_digits(figure)

    def value(self, value: Any, end: bool = False) -> str:
        if self.share:
            return str(share_cell(value, end))
        return cell_text(value) if self.digits == 2 else str(cell(value, self.digits))

    def change(self, value: Any, unit: bool = False) -> str:
        if self.share:
            return str(points_cell(value, unit))
        return self.value(value)

    def interval(self, row: Mapping[str, Any]) -> str:
        if row.get("unpriced"):
            return _NO_PRICE_CELL
        if row["mean"] is None:
            return "–"
        if row["beyond"]:
            return _too_few(row["beyond"])
        if one_value({"mean": row["mean"], "ci": (row["low"], row["high"])}):  # "17,00 – 17,00": the value once
            return _SAME
        return f"{self.value(row['low'], True)} – {self.value(row['high'], True)}"

    def change_interval(self, diff: Mapping[str, Any]) -> str:
        if diff["mean"] is None:
            return "–"
        if diff["ci"][0] is None:
            return _too_few("one")
        if one_value(diff):
            return _SAME
        return f"{self.change(diff['ci'][0])} – {self.change(diff['ci'][1], True)}"
