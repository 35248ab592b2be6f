"""Numbers as a person reads them: one way per language, for every page, sentence and chart.

Swedish writes a decimal comma, groups thousands with a (non-breaking) space and
writes the minus sign as a minus; English writes a decimal point, groups with a
comma and writes a hyphen-minus — as the browser's ``toLocaleString`` does for
``sv-SE`` and ``en-GB`` (the what-if page's ``num()``), so the report, the page
and the command line write a number the same way (here in processes so that every layer can: calibrate's
validation text too). Per cent: Swedish puts a
(non-breaking) space before ``%`` ("95 %", Språkrådet), English none ("95%"). Data files (CSV, JSON, YAML,
event logs) keep machine numbers and never pass through here.

>>> number(1234.5, "sv", 1), number(1234.5, "en", 1)
('1\\xa0234,5', '1,234.5')
>>> number(-0.25, "sv"), number(0.25, "en"), number(-0.0001, "en", 2)
('−0,25', '0.25', '0.00')
>>> percent(0.955, "sv", 1), percent(0.95, "en")
('95,5\\xa0%', '95%')
>>> days(36.8, "en"), days(-0.42, "sv"), days(None, "sv")
('37', '−0,4', '–')
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["SEPARATORS", "PERCENT", "POINTS", "SHARE_RULE", "number", "percent", "share", "points", "days", "days_said", "kronor", "machine"]

#: per language: the decimal sign, the thousands separator, the minus sign
SEPARATORS = {"en": (".", ",", "-"), "sv": (",", "\u00a0", "\u2212")}
#: per language: what follows a number of per cent (Swedish writes a non-breaking space before "%", English none)
PERCENT = {"en": "%", "sv": "\u00a0%"}
#: per language: the unit of a change in a share said in per cent (a change from 80 % to 82 % is 2 percentage
#: points, not 2 %)
POINTS = {"en": "percentage points", "sv": "procentenheter"}
#: what a missing value (``None``, NaN) shows
MISSING = "–"
_NONZERO = frozenset("123456789")


def machine(text: str, lang: str) -> str:
    """A number written the machine's way (``-1234.5``, no grouping) as ``lang`` writes it."""
    point, group, minus = SEPARATORS[lang]
    sign = text.startswith("-")
    whole, dot, fraction = text.lstrip("-+").partition(".")
    if whole.isdigit() and len(whole) > 3:
        head = len(whole) % 3 or 3
        whole = whole[:head] + "".join(group + whole[i:i + 3] for i in range(head, len(whole), 3))
    said = whole + (point + fraction if dot else "")
    zero = _NONZERO.isdisjoint(whole + fraction)  # no digit but 0 (the report's tables ask this of every cell)
    return (minus if sign and not zero else "") + said  # never "-0.0"


def number(value: Any, lang: str, digits: int | None = None) -> str:
    """``value`` as ``lang`` writes it: ``digits`` decimals, or as few as it needs (``None``);
    ``–`` for ``None`` or NaN; any other value (a word) as it is.

    >>> number(2.0, "sv"), number(0.1 + 0.2, "sv"), number(1130855.4, "sv", 0), number(True, "en")
    ('2', '0,3', '1\\xa0130\\xa0855', 'True')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if digits is not None:
        text = f"{value:.{digits}f}"
    elif isinstance(value, int) or (math.isfinite(value) and value.is_integer() and abs(value) < 1e15):
        text = str(int(value))
    else:
        text = f"{value:.12g}"
        if "e" in text:  # a size :g writes with an exponent: plain decimals instead
            text = f"{value:.12f}".rstrip("0").rstrip(".")
    return machine(text, lang)


def percent(share: Any, lang: str, digits: int = 0, *, strict: bool = False) -> str:
    """A share (0–1) as per cent with ``digits`` decimals (:data:`PERCENT`: "95 %" in Swedish, "95%" in English). ``strict``: a
    share between 0 and 1 that would be written 0 % or 100 % gets the decimals (up to 3) that show it is
    neither — "99,8 % inom 4 månader", not "100 %" beside a chart of cases past the deadline.

    >>> percent(0.998, "sv"), percent(0.998, "sv", strict=True), percent(1.0, "en", strict=True)
    ('100\xa0%', '99,8\xa0%', '100%')
    >>> percent(0.0004, "en", strict=True), percent(0.9999, "en", strict=True)
    ('0.04%', '99.99%')

    Closer to 0 or 1 than the 3 decimals show, it says on which side (it said "100,000 %"):

    >>> percent(0.9999996, "sv", strict=True), percent(4e-7, "en", 1, strict=True)
    ('>\xa099,999\xa0%', '<\xa00.001%')
    """
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return MISSING
    if strict and 0 < share < 1:
        while digits < 3 and round(100 * share, digits) in (0, 100):
            digits += 1
        if round(100 * share, digits) in (0, 100):
            step = 10.0 ** -digits
            if share < 0.5:
                return f"<\u00a0{number(step, lang, digits)}{PERCENT[lang]}"
            return f">\u00a0{number(100 - step, lang, digits)}{PERCENT[lang]}"
    return f"{number(100 * share, lang, digits)}{PERCENT[lang]}"


#: how every page writes a share, said once (the report's explanation, the what-if page's note): :func:`share`
SHARE_RULE = {
    "en": "Shares are in whole per cent; below 1% and above 99% with one decimal, so that 100% means every case "
          "and 0% none.",
    "sv": "Andelar anges i hela procent; under 1\u00a0% och över 99\u00a0% med en decimal, så att 100\u00a0% betyder "
          "varje ärende och 0\u00a0% inget.",
}


def share(value: Any, lang: str, *, end: bool = False) -> str:
    """A share (0–1) in per cent by the one rule every table, sentence and chart follows (:data:`SHARE_RULE`):
    whole per cent, one decimal below 1 % and above 99 %; 0 % and 100 % only for none and all — a share that one
    decimal still rounds there reads "> 99,9 %" ("< 0,1 %"). ``end``: the end of an interval, a bound rather
    than a count of cases, rounds there ("99,5 – 100 %"). Found by QA: one table mixed "99 %", "0,6 %" and
    "99,997 %".

    >>> [share(v, "sv") for v in (0.76, 0.994, 0.998, 0.006, 0.0, 1.0, 0.9999, 0.0004, 0.99)]
    ['76\xa0%', '99,4\xa0%', '99,8\xa0%', '0,6\xa0%', '0\xa0%', '100\xa0%', '>\xa099,9\xa0%', '<\xa00,1\xa0%', '99\xa0%']
    >>> share(0.99997, "en", end=True), share(1.6, "en"), share(None, "en")
    ('100%', '160%', '–')
    """
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        return MISSING
    size = 100 * value
    digits = 1 if 0 < size < 1 or 99 < size < 100 else 0
    rounded = round(size, digits)
    if digits and rounded in (0, 100):
        if end:
            return f"{number(rounded, lang, 0)}{PERCENT[lang]}"
        return f"{'<' if rounded == 0 else '>'}\u00a0{number(0.1 if rounded == 0 else 99.9, lang, 1)}{PERCENT[lang]}"
    return f"{number(size, lang, digits)}{PERCENT[lang]}"


def points(change: Any, lang: str, digits: int = 1) -> str:
    """A change in a share (0–1) in percentage points, the number alone (:data:`POINTS` names the unit), with
    ``digits`` decimals; a change that is not zero never reads as zero: it gets the decimals (up to 4) that show
    it, and is "0" only when it is zero (a sure change of 0.0024 said "0,0").

    >>> points(0.0024, "sv"), points(-0.0016, "en"), points(0.00004, "en"), points(0.0, "sv"), points(-0.123, "sv")
    ('0,2', '-0.2', '0.004', '0', '−12,3')
    >>> points(1e-9, "en"), points(None, "en")
    ('0.0000', '–')
    """
    if change is None or (isinstance(change, float) and math.isnan(change)):
        return MISSING
    value = 100 * change
    if value == 0:
        return "0"
    while digits < 4 and round(value, digits) == 0:
        digits += 1
    return number(value, lang, digits)


def days(value: Any, lang: str) -> str:
    """Days for a sentence: whole days, one decimal below 1 (never ``-0.0``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    return number(value, lang, 1 if abs(value) < 1 else 0)


#: a number of days in a sentence, per language: (one, more than one)
_DAY_WORDS = {"en": ("day", "days"), "sv": ("dag", "dagar")}


def days_said(shown: str, lang: str) -> str:
    """A number of days already written for a sentence (:func:`number`, :func:`days`) with its unit, as people
    write it: no decimals of nothing ("1,0" is "1", "0,50" is "0,5") and one day in the singular (a sentence said
    "1.0 days"). A word or ``–`` keeps the plural.

    >>> days_said("1.0", "en"), days_said("1,0", "sv"), days_said("1,5", "sv"), days_said("37", "en")
    ('1 day', '1 dag', '1,5 dagar', '37 days')
    >>> days_said("0,50", "sv"), days_said("−1,0", "sv"), days_said("1\xa0000,0", "sv"), days_said("–", "en")
    ('0,5 dagar', '−1 dag', '1\xa0000 dagar', '– days')
    """
    point, _group, minus = SEPARATORS[lang]
    whole, dot, fraction = shown.partition(point)
    if dot and fraction.isdigit():
        fraction = fraction.rstrip("0")
        shown = whole + (point + fraction if fraction else "")
    one, many = _DAY_WORDS[lang]
    return f"{shown} {one if shown.removeprefix(minus).removeprefix('-') == '1' else many}"


def kronor(value: Any, lang: str) -> str:
    """An amount of kronor, whole (``1 130 855`` in Swedish, ``1,130,855`` in English)."""
    return number(value, lang, 0)
