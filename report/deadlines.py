"""The deadline a sentence names: the profile's, in words ("4 months", "60 days", "2 månader").

The report's and the web page's sentences were written for the library's clock, 4 months with
one extension of 4 months (Alkoholförordningen 5 §). :func:`deadline_said` rewrites such a
sentence for another clock; for the library's it returns the sentence unchanged, so library
outputs stay byte-identical.

>>> duration_words(2922.0, "en"), duration_words(2922.0, "sv"), duration_words(60 * 24.0, "en")
('4 months', '4 månader', '60 days')
>>> deadline_said("Share decided within 4 months.", "en", 2 * 730.5, 2 * 730.5)
'Share decided within 2 months.'
>>> deadline_said("Inom 4 månader: 80 %.", "sv", *LIBRARY_CLOCK)
'Inom 4 månader: 80 %.'
>>> deadline_said("Within 4 months.", "en", ClockHours(1461 * 24.0, "d"), ClockHours(0.0, "d"))
'Within 1461 days.'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from processes.calendarmonths import DAY_RULE_WORDS, RULE_WORDS, by_day
from processes.durations import parse_duration, written_unit
from processes.numbers import number

__all__ = ["LIBRARY_CLOCK", "ClockHours", "duration_words", "deadline_said", "profile_clock", "common_clock",
           "calendar_rule"]



class ClockHours(float):
    """Hours of a profile's deadline or extension that keep the unit the profile wrote (``"mo"``, ``"d"``, ...):
    the words say it in that unit, so ``1461d`` is "1461 days", not the 48 months its hours divide into, and
    ``121.75d`` is not the library's ``4mo``. Equal to a plain float of the same hours; to another
    ``ClockHours`` only in the same unit (a year is 12 months: ``"y"`` is kept as ``"mo"``)."""

    unit: str | None

    def __new__(cls, hours: float, unit: str | None = None) -> ClockHours:
        made = super().__new__(cls, hours)
        object.__setattr__(made, "unit", "mo" if unit == "y" else unit)
        return made

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"ClockHours is immutable: cannot set {name}")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ClockHours) and other.unit != self.unit:
            return False
        return float.__eq__(self, other) is True

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = float.__hash__

    def __reduce__(self) -> tuple[Any, ...]:
        return ClockHours, (float(self), self.unit)


#: the library's deadline and extension, in hours (4 months each: a month is 730.5 hours)
LIBRARY_CLOCK = (ClockHours(2922.0, "mo"), ClockHours(2922.0, "mo"))

#: a written unit -> the unit its words are said in (minutes are said in hours)
_SAID_IN = {"mo": "month", "w": "week", "d": "day", "h": "hour", "m": "hour"}

_UNITS = {  # hours per unit, (singular, plural, definite plural) per language, largest first
    "en": ((730.5, "month", "months", "months"), (168.0, "week", "weeks", "weeks"), (24.0, "day", "days", "days"),
           (1.0, "hour", "hours", "hours")),
    "sv": ((730.5, "månad", "månader", "månaderna"), (168.0, "vecka", "veckor", "veckorna"),
           (24.0, "dag", "dagar", "dagarna"), (1.0, "timme", "timmar", "timmarna")),
}


def _parts(hours: float, lang: str, unit: str | None = None) -> tuple[str, str, str, str]:
    """(number, singular, plural, definite plural) in ``unit`` (a written one, :data:`_SAID_IN`), or, without
    one, of the largest unit that gives a whole number."""
    said = _SAID_IN.get(unit or "")
    for (_, english, _, _), (size, one, many, the_many) in zip(_UNITS["en"], _UNITS[lang], strict=True):
        if english == said:
            count = hours / size
            whole = abs(count - round(count)) < 1e-9
            return (str(round(count)) if whole else number(count, lang)), one, many, the_many
    for size, one, many, the_many in _UNITS[lang]:
        count = hours / size
        if count >= 1 and abs(count - round(count)) < 1e-9:
            return str(round(count)), one, many, the_many
    # as every page writes a number ("1\u00a0000,5"): it said "1.23457e+06 hours" and "1000,5 timmar"
    return number(hours, lang), "hour", *(("hours", "hours") if lang == "en" else ("timmar", "timmarna"))


def duration_words(hours: float, lang: str, *, definite: bool = False, unit: str | None = None) -> str:
    """``hours`` as a person says them: "4 months", "1 week", "60 days" ("de 60 dagarna": ``definite``), in the
    ``unit`` they were written in (default: that of :class:`ClockHours`, else the largest whole one)."""
    number, one, many, the_many = _parts(hours, lang, unit or getattr(hours, "unit", None))
    if definite:
        return f"{number} {the_many}"
    return f"{number} {one if number == '1' else many}"


def _adjective(hours: float) -> str:
    number, one, _many, _the = _parts(hours, "en", getattr(hours, "unit", None))
    return f"{number}-{one}"


def deadline_said(text: str, lang: str, deadline: float | None, extension: float | None) -> str:
    """``text``, written for the library's clock, naming ``deadline`` (hours) and ``extension`` instead.

    ``deadline`` None: the processes of the sentence have different deadlines, and it says "the
    deadline". The library's clock, or a text that names none: ``text`` as it is.
    """
    if (deadline, extension) == LIBRARY_CLOCK:
        return text
    if deadline is None:
        words = _GENERIC[lang]
    else:
        # written in months (or, for hours of no written unit, whole months of 730.5 h, as "4mo" reads), each
        # case's deadline is its own calendar date; the words follow the unit the profile wrote
        written = getattr(deadline, "unit", None)
        months = written == "mo" if written else _parts(deadline, "en")[1] == "month"
        # in days or weeks: counted by the day, a closed last day moved on (said where the months' rule is)
        rule = _RULE if months else _DAY_RULE if by_day(written) else {"en": "", "sv": ""}
        if not extension:  # no extension: a limit of 0 is no limit to name, and "8 when extended" never happens
            text = _NO_EXTENSION_PHRASES.sub(lambda m: _NO_EXTENSION[m.group(0)], text)
        extra = extension or 0.0
        # deadline and extension together in their one unit (in different units: the largest whole one)
        same = getattr(extension, "unit", written) == written if extension else True
        both: float = ClockHours(deadline + extra, written if same else None)
        words = {
            # the law says 4 months: another deadline is the profile's, not the law's
            "Alkoholförordningen 5 §: 4 months": f"the deadline in the profile: {duration_words(deadline, 'en')}",
            "alkoholförordningen 5 §: 4 månader": f"tidsfristen i profilen: {duration_words(deadline, 'sv')}",
            "or 8 when": f"or {duration_words(both, 'en')} when",
            "eller 8 när": f"eller {duration_words(both, 'sv')} när",
            "by at most 4 months": f"by at most {duration_words(extra, 'en')}",
            "med högst 4 månader": f"med högst {duration_words(extra, 'sv')}",
            "8 months": duration_words(both, "en"),
            "8 månader": duration_words(both, "sv"),
            "4-month": _adjective(deadline),
            "de 4 månaderna": f"de {duration_words(deadline, 'sv', definite=True)}",
            "fyramånadersgränsen": f"gränsen på {duration_words(deadline, 'sv')}",
            _CALENDAR["en"]: duration_words(deadline, "en") + rule["en"],
            _CALENDAR["sv"]: duration_words(deadline, "sv") + rule["sv"],
            "the 4 months": f"the {duration_words(deadline, 'en')}",
            "4 months": duration_words(deadline, "en"),
            "4 månader": duration_words(deadline, "sv"),
        }
    return _PHRASES.sub(lambda m: words.get(m.group(0), m.group(0)), text)


# a clock without an extension: the sentences about one say that the profile allows none (before the
# phrases below name the deadline)
_NO_EXTENSION = {
    "(once, by at most 4 months, with a notice to the applicant before the 4 months ran out)":
        "(the profile allows no extension)",
    "(en gång, med högst 4 månader, med besked till sökanden innan de 4 månaderna gått ut)":
        "(profilen tillåter ingen förlängning)",
    "within 8 months (4 months and the one extension allowed)": "within 4 months (the profile allows no extension)",
    # the figure's label (report/labels.yaml): said as the deadline alone, it read as a second "share decided
    # within 4 months" row under the first in simulate's table and the report's (found by QA, qawalk)
    "share decided within 8 months": "share decided within 4 months (the profile allows no extension)",
    "andel beslutade inom 8 månader": "andel beslutade inom 4 månader (profilen tillåter ingen förlängning)",
    "inom 8 månader (4 månader och den enda förlängning som är tillåten)":
        "inom 4 månader (profilen tillåter ingen förlängning)",
    "4 months, or 8 when the time was extended with a notice before the 4 months ran out":
        "4 months (the profile allows no extension)",
    "4 månader, eller 8 när tiden förlängdes med ett besked innan de 4 månaderna gått ut":
        "4 månader (profilen tillåter ingen förlängning)",
}
_NO_EXTENSION_PHRASES = re.compile("|".join(re.escape(p) for p in _NO_EXTENSION))
#: the deadline in months said with its rule (Alkoholförordningen 5 §, lagen om beräkning av lagstadgad tid)
_RULE = {"en": f" ({RULE_WORDS[0]})", "sv": f" ({RULE_WORDS[1]})"}
_DAY_RULE = {"en": f" ({DAY_RULE_WORDS[0]})", "sv": f" ({DAY_RULE_WORDS[1]})"}
_CALENDAR = {"en": "4 months" + _RULE["en"], "sv": "4 månader" + _RULE["sv"]}
# Swedish says "tidsfristen", as the rest of the app does for the legal deadline
_GENERIC = {
    "en": {_CALENDAR["en"]: "the deadline",
           "Alkoholförordningen 5 §: 4 months": "the deadline in each profile",
           "or 8 when": "or the deadline and its extension when", "by at most 4 months": "by at most the extension",
           "8 months": "the deadline and its extension", "4-month": "legal", "the 4 months": "the deadline",
           "4 months": "the deadline"},
    "sv": {_CALENDAR["sv"]: "tidsfristen",
           "alkoholförordningen 5 §: 4 månader": "tidsfristen i varje profil",
           "eller 8 när": "eller tidsfristen och förlängningen när", "med högst 4 månader": "med högst förlängningen",
           "8 månader": "tidsfristen och förlängningen", "de 4 månaderna": "tidsfristen",
           "fyramånadersgränsen": "tidsfristen", "4 månader": "tidsfristen"},
}
# longest first where one phrase holds another ("the 4 months" before "4 months")
_PHRASES = re.compile("|".join(re.escape(p) for p in (
    _CALENDAR["en"], _CALENDAR["sv"],
    "Alkoholförordningen 5 §: 4 months", "alkoholförordningen 5 §: 4 månader", "or 8 when", "eller 8 när",
    "by at most 4 months", "med högst 4 månader", "8 months", "8 månader", "4-month", "de 4 månaderna",
    "fyramånadersgränsen", "the 4 months", "4 months", "4 månader")))


#: a closed last day moved on (lagen (1930:173) 2 §), as the rule's sentences say it; the law's three eves in
#: each language's own words (the English page said "midsommarafton, julafton or nyårsafton")
_CLOSED = {"en": "a last day on a Saturday, Sunday, public holiday, Midsummer Eve, Christmas Eve or New Year's "
                 "Eve moves to the end of the next weekday",
           "sv": "infaller sista dagen på en lördag, söndag, allmän helgdag, midsommarafton, julafton eller "
                 "nyårsafton flyttas den till slutet av nästa vardag"}


def calendar_rule(months: int | None, written: float | None = None) -> dict[str, str] | None:
    """How a deadline of ``months`` calendar months is counted, a sentence per language; or, without months,
    one ``written`` in days or weeks (a :class:`ClockHours` of that unit); None: a deadline in hours, a fixed
    length: nothing to explain.

    >>> print(calendar_rule(4)["en"])
    The deadline is counted in calendar months: 4 months from the day the application was complete, to \
the same day of the month (the last day of a shorter month), 120 to 123 days; a last day on a Saturday, \
Sunday, public holiday, Midsummer Eve, Christmas Eve or New Year's Eve moves to the end of the next \
weekday; the line is drawn at their mean length.
    >>> calendar_rule(None, ClockHours(28 * 24.0, "d"))["sv"]
    'Tidsgränsen räknas i dagar: 28 dagar från dagen då ansökan blev komplett; infaller sista dagen på en \
lördag, söndag, allmän helgdag, midsommarafton, julafton eller nyårsafton flyttas den till slutet av nästa \
vardag.'
    >>> calendar_rule(None, ClockHours(672.0, "h")) is None
    True
    """
    if not months:
        unit = getattr(written, "unit", None)
        if written is None or not by_day(unit):
            return None
        counted = {"d": ("days", "dagar"), "w": ("weeks", "veckor")}.get(unit or "", ("days", "dagar"))
        amount = {lang: duration_words(written, lang) for lang in ("en", "sv")}
        return {"en": f"The deadline is counted in {counted[0]}: {amount['en']} from the day the application "
                      f"was complete; {_CLOSED['en']}.",
                "sv": f"Tidsgränsen räknas i {counted[1]}: {amount['sv']} från dagen då ansökan blev "
                      f"komplett; {_CLOSED['sv']}."}
    said = {lang: duration_words(months * 730.5, lang) for lang in ("en", "sv")}
    four = months == 4  # the law's four months: their span in days, said
    en = (f"The deadline is counted in calendar months: {said['en']} from the day the application was "
          "complete, to the same day of the month (the last day of a shorter month)"
          + (", 120 to 123 days" if four else "") + f"; {_CLOSED['en']}; the line is drawn at their mean "
          "length.")
    sv = (f"Tidsgränsen räknas i kalendermånader: {said['sv']} från dagen då ansökan blev komplett, "
          "till samma dag i månaden (den sista dagen i en kortare månad)"
          + (", 120 till 123 dagar" if four else "") + f"; {_CLOSED['sv']}; linjen står vid deras längd i "
          "genomsnitt.")
    return {"en": en, "sv": sv}


def profile_clock(profile: Mapping[str, Any] | None) -> tuple[float, float] | None:
    """(deadline, extension) in hours of a profile document's ``simulation.clock``; None without one."""
    simulation = (profile or {}).get("simulation") or {}
    clock = simulation.get("clock") if isinstance(simulation, Mapping) else None
    if not isinstance(clock, Mapping) or clock.get("deadline") is None:
        return None
    extension = clock.get("extension")
    deadline = ClockHours(parse_duration(str(clock["deadline"])), written_unit(str(clock["deadline"])))
    if extension is None:
        return deadline, ClockHours(0.0, deadline.unit)
    return deadline, ClockHours(parse_duration(str(extension)), written_unit(str(extension)))


def common_clock(clocks: Mapping[str, tuple[float | None, float | None] | None]) -> tuple[float | None, float | None]:
    """The one (deadline, extension) of the processes that have a clock (the library's when none has
    one); ``(None, None)`` when they differ."""
    found = {c for c in clocks.values() if c is not None}
    if not found:
        return LIBRARY_CLOCK
    if len(found) == 1:
        return next(iter(found))
    return None, None
