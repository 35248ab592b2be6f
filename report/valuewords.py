"""A parameter's value as a manager reads it, in English and Swedish (the assumptions table).

The profile keeps its code (an iCalendar RRULE, a distribution's name and parameters,
``fte: 0.5``, attribute weights); the report says what it means: "every month on the
third Tuesday", "usually about 3 days, from 1 day to 2 weeks", "half time", "none 80%".
:func:`value_words` knows the parameters of a profile's simulation section by their path
and returns ``None`` for any other value (the caller then shows it as it is).

>>> meeting_rule_words("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3", "en")
'every month on the third Tuesday'
>>> meeting_rule_words("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "sv")
'varannan vecka på tisdag'
>>> distribution_words({"dist": "triangular", "low": "1d", "mode": "3d", "high": "2w"}, "en")
'usually about 3 days, from 1 day to 2 weeks'
>>> fte_words(0.5, "sv"), fte_words(0.1, "en")
('halvtid', '10% of full time')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from processes.durations import parse_duration
from processes.wording import listed
from report.numbers import PERCENT
from report.words import delegation_words, duration_words, labels, number_words, word

__all__ = ["value_words", "meeting_rule_words", "distribution_words", "fte_words", "share_words"]

PROVENANCE = ("source", "assumption", "note", "interval")  # and a fit's interval: annotations

_DAYS = {"MO": ("Monday", "måndag"), "TU": ("Tuesday", "tisdag"), "WE": ("Wednesday", "onsdag"),
         "TH": ("Thursday", "torsdag"), "FR": ("Friday", "fredag"), "SA": ("Saturday", "lördag"),
         "SU": ("Sunday", "söndag")}
_HOURS_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MONTHS = {"en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December"),
           "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
                  "november", "december")}
#: "every ... week": the n-th, in each language
_EVERY = {"en": {1: "every", 2: "every second", 3: "every third", 4: "every fourth", 5: "every fifth",
                 6: "every sixth"},
          "sv": {1: "varje", 2: "varannan", 3: "var tredje", 4: "var fjärde", 5: "var femte", 6: "var sjätte"}}
_POSITION = {"en": {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"},
             "sv": {1: "första", 2: "andra", 3: "tredje", 4: "fjärde", 5: "femte", -1: "sista"}}
_PERIOD = {"en": {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"},
           "sv": {"DAILY": "dag", "WEEKLY": "vecka", "MONTHLY": "månad", "YEARLY": "år"}}
_FTE = {"en": {1.0: "full time", 0.75: "three-quarter time", 0.5: "half time", 0.25: "quarter time"},
        "sv": {1.0: "heltid", 0.75: "trekvartstid", 0.5: "halvtid", 0.25: "kvartstid"}}
#: the sentences of this module, each with its Swedish
_SAID: dict[str, dict[str, str]] = {
    "en": {"fixed": "{}", "exponential": "on average {mean}, often shorter, sometimes much longer",
           "uniform": "{low} to {high}, any length between as likely",
           "triangular": "usually about {mode}, from {low} to {high}",
           "spread": "about {mean} on average, give or take {sd}", "empirical": "one of {values}, as observed",
           "on": "{every} on {day}", "nth": "{every} on the {position} {day}", "monthday": "{every} on day {day}",
           "except": "not in {}", "cutoff": "cases due {} before the meeting", "dates": "on {}",
           "cost": "{} kronor an hour", "lanes": "works in: {}",
           "by": "by {}", "work": "{} of work", "per_year": "{} a year", "seasonality": "by month against the average: {}",
           "weekdays": "by weekday against the average day: {}",
           "holiday": "public holidays ({}) off",
           "closure": "{} to {} at {} of normal time", "closed": "{} to {} closed", "deadline": "decision within {}",
           "extension": "can be extended by {}", "no_extension": "cannot be extended",
           "case_delays": "a case that waits long at one party tends to wait long at the others too "
                          "(correlation {}; 0 would be no link)",
           "loop_max": "at most {} times", "loop_again": "again after each time: {}",
           "and": " and ", "or": " or "},
    "sv": {"fixed": "{}", "exponential": "i snitt {mean}, ofta kortare, ibland mycket längre",
           "uniform": "{low} till {high}, varje längd däremellan lika trolig",
           "triangular": "oftast omkring {mode}, från {low} till {high}",
           "spread": "omkring {mean} i snitt, plus minus {sd}", "empirical": "en av {values}, som observerat",
           "on": "{every} {period} på {day}", "nth": "{every} {period} {position} {day}en",
           "monthday": "{every} {period} den {day}", "except": "inte i {}", "cutoff": "ärenden senast {} före mötet",
           "dates": "den {}", "cost": "{} kr i timmen",
           "lanes": "arbetar i: {}", "by": "av {}", "work": "{} arbete", "per_year": "{} per år",
           "seasonality": "per månad mot snittet: {}", "weekdays": "per veckodag mot snittdagen: {}",
           "holiday": "lediga helgdagar ({})", "closure": "{} till {} med {} av normal tid", "closed": "{} till {} stängt",
           "deadline": "beslut inom {}", "extension": "kan förlängas med {}",
           "no_extension": "kan inte förlängas",
           "case_delays": "ett ärende som väntar länge hos en part väntar ofta länge hos de andra också "
                          "(korrelation {}; 0 vore inget samband)",
           "loop_max": "högst {} gånger",
           "loop_again": "en gång till efter varje: {}", "and": " och ", "or": " eller "},
}

#: a pool: one person, several people (how many, the share of full time)
_PEOPLE = {"en": ("1 person at {}", "{} people at {} each"), "sv": ("1 person på {}", "{} personer på {} var")}
#: a calendar's holidays by their code
_HOLIDAYS = {"en": {"SE": "Swedish public holidays off"}, "sv": {"SE": "lediga svenska helgdagar"}}


def _listed(items: list[str], lang: str, last: str = "and") -> str:
    return listed(items, _SAID[lang][last])


def share_words(value: Any, lang: str) -> str:
    """A share (0–1) as per cent: ``0.15`` -> ``15%``; Swedish ``12,5 %`` (a non-breaking space before ``%``)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return f"{number_words(round(100 * value, 2), lang)}{PERCENT[lang]}"


def fte_words(value: Any, lang: str) -> str:
    """A share of full time in words: ``half time``, ``heltid``, ``30 % of full time``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    named = _FTE[lang].get(float(value))
    return named or f"{share_words(value, lang)} {'of full time' if lang == 'en' else 'av heltid'}"


def _length(value: Any, lang: str) -> str:
    return duration_words(value, lang) if isinstance(value, str) else number_words(value, lang)


def _about(value: Any, lang: str) -> str:
    """A duration said "about" or "on average": to the precision the words fit (2–3 significant digits)."""
    return duration_words(value, lang, about=True) if isinstance(value, str) else _length(value, lang)


def distribution_words(spec: Mapping[str, Any], lang: str) -> str | None:
    """A duration's distribution (``{dist: lognormal, mean: 1.5h, sd: 45m}``) in words, or ``None``."""
    kind = spec.get("dist")
    said = _SAID[lang]
    given = {k: v for k, v in spec.items() if k not in PROVENANCE and k != "dist"}
    if kind == "fixed" and set(given) == {"value"}:
        return _length(given["value"], lang)
    if kind == "exponential" and set(given) == {"mean"}:  # "on average": said as "about" is (found by QA, qawords3)
        return said["exponential"].format(mean=_about(given["mean"], lang))
    if kind == "uniform" and set(given) == {"low", "high"}:
        return said["uniform"].format(**{k: _length(v, lang) for k, v in given.items()})
    if kind == "triangular" and set(given) == {"low", "mode", "high"}:
        return said["triangular"].format(**{k: _length(v, lang) for k, v in given.items()})
    if kind in ("normal", "lognormal", "gamma") and set(given) == {"mean", "sd"}:
        # "about": to the precision the word fits (a fitted profile's "6.085d" read "about 6.085 days")
        return said["spread"].format(**{k: _about(v, lang) for k, v in given.items()})
    if kind == "empirical" and set(given) == {"values"} and isinstance(given["values"], list):
        return said["empirical"].format(values=_listed([_length(v, lang) for v in given["values"]], lang, "or"))
    return None


def meeting_rule_words(rule: str, lang: str) -> str | None:
    """An iCalendar RRULE of meetings in words, or ``None`` for a rule these words do not cover."""
    try:
        parts = dict(part.split("=", 1) for part in rule.strip().split(";") if part)
    except ValueError:
        return None
    freq, interval = parts.pop("FREQ", ""), parts.pop("INTERVAL", "1")
    if freq not in _PERIOD[lang] or not interval.isdigit() or int(interval) not in _EVERY[lang]:
        return None
    period = _PERIOD[lang][freq]
    every = _EVERY[lang][int(interval)]
    if lang == "en":
        every = f"{every} {period}"
    if set(parts) == {"BYDAY"} and all(d in _DAYS for d in parts["BYDAY"].split(",")):
        days = [_DAYS[d][lang == "sv"] for d in parts["BYDAY"].split(",")]
        return _SAID[lang]["on"].format(every=every, period=period, day=_listed(days, lang))
    day, position = parts.get("BYDAY", ""), parts.get("BYSETPOS", "")
    if set(parts) == {"BYDAY"} and day[-2:] in _DAYS:  # 3TU, -1FR
        day, position = day[-2:], day[:-2]
    if set(parts) <= {"BYDAY", "BYSETPOS"} and day in _DAYS and position.lstrip("-").isdigit():
        nth = _POSITION[lang].get(int(position))
        if nth is not None:
            return _SAID[lang]["nth"].format(every=every, period=period, position=nth, day=_DAYS[day][lang == "sv"])
    if set(parts) == {"BYMONTHDAY"} and parts["BYMONTHDAY"].isdigit():
        return _SAID[lang]["monthday"].format(every=every, period=period, day=parts["BYMONTHDAY"])
    return None


def _month(month: Any, lang: str) -> str:
    return _MONTHS[lang][month - 1] if isinstance(month, int) and 1 <= month <= 12 else str(month)


def _date(text: Any, lang: str) -> str:
    """``07-31`` -> ``31 July`` / ``31 juli``; any other value as it is."""
    month, _, day = str(text).partition("-")
    if month.isdigit() and day.isdigit() and 1 <= int(month) <= 12:
        return f"{int(day)} {_MONTHS[lang][int(month) - 1]}"
    return str(text)


def _meetings(spec: Mapping[str, Any], lang: str) -> str | None:
    said, parts = _SAID[lang], []
    meetings = spec.get("meetings")
    if isinstance(meetings, Mapping):
        rule = meetings.get("rrule")
        if rule is not None:
            rule_said = meeting_rule_words(str(rule), lang)
            if rule_said is None:
                return None
            parts.append(rule_said)
        if isinstance(meetings.get("dates"), list):
            # the simulation takes a date-time's date (the meeting's hour is at:): not "2025-02-11 00:00:00"
            days = [str(d.date() if isinstance(d, dt.datetime) else d) for d in meetings["dates"]]
            parts.append(said["dates"].format(_listed(days, lang)))
        months = meetings.get("except_months")
        if isinstance(months, list) and months:
            parts.append(said["except"].format(_listed([_month(m, lang) for m in months], lang, "or")))
        if set(meetings) - {"rrule", "dates", "except_months"}:
            return None
    if "pool" in spec:
        parts.append(said["by"].format(word(str(spec["pool"]), lang)))
    if "duration" in spec:
        length = _value(spec["duration"], lang)
        if length is None:
            return None
        parts.append(said["work"].format(length))
    if "agenda_cutoff" in spec:
        parts.append(said["cutoff"].format(_length(spec["agenda_cutoff"], lang)))
    if set(spec) - {"meetings", "pool", "duration", "agenda_cutoff", *PROVENANCE} or not parts:
        return None
    return ", ".join(parts)


def _pool(spec: Mapping[str, Any], names: Mapping[str, str], lang: str) -> str | None:
    said = _SAID[lang]
    count, fte = spec.get("count", 1), fte_words(spec.get("fte", 1.0), lang)
    if set(spec) - {"count", "fte", "calendar", "cost_per_hour", "lanes", "name", *PROVENANCE} or not isinstance(count, int):
        return None
    one, many = _PEOPLE[lang]
    parts = [one.format(fte) if count == 1 else many.format(count, fte)]
    if "calendar" in spec:
        parts.append(word(str(spec["calendar"]), lang))
    if "cost_per_hour" in spec:
        parts.append(said["cost"].format(number_words(spec["cost_per_hour"], lang)))
    if isinstance(spec.get("lanes"), list) and spec["lanes"]:
        parts.append(said["lanes"].format(", ".join(names.get(str(lane), str(lane)) for lane in spec["lanes"])))
    return ", ".join(parts)


def _calendar(spec: Mapping[str, Any], lang: str) -> str | None:
    said, parts = _SAID[lang], []
    hours = spec.get("hours")
    if isinstance(hours, Mapping):
        if set(hours) - set(_HOURS_DAYS):
            return None
        runs: list[tuple[list[str], str]] = []
        for day in (d for d in _HOURS_DAYS if d in hours):
            span = str(hours[day]).replace("-", "–")
            if runs and runs[-1][1] == span and _HOURS_DAYS.index(day) == _HOURS_DAYS.index(runs[-1][0][-1]) + 1:
                runs[-1][0].append(day)
            else:
                runs.append(([day], span))
        for days, span in runs:
            first, last = (_DAYS[d[:2].upper()][lang == "sv"] for d in (days[0], days[-1]))
            named = first if len(days) == 1 else f"{first}–{last}"
            parts.append(f"{named} {span}")
        if parts:
            parts = [", ".join(parts)]
            parts[0] = parts[0][0].upper() + parts[0][1:]
    if "holidays" in spec:
        code = str(spec["holidays"])
        parts.append(_HOLIDAYS[lang].get(code) or said["holiday"].format(code))
    for closure in spec.get("closures") or []:
        if not isinstance(closure, Mapping) or set(closure) - {"from", "to", "capacity"}:
            return None
        start, end = _date(closure.get("from"), lang), _date(closure.get("to"), lang)
        capacity = closure.get("capacity", 0)
        parts.append(said["closure"].format(start, end, share_words(capacity, lang)) if capacity
                     else said["closed"].format(start, end))
    if set(spec) - {"hours", "holidays", "closures", *PROVENANCE} or not parts:
        return None
    return "; ".join(parts)


def _arrivals(spec: Mapping[str, Any], lang: str) -> str | None:
    # calibrate writes `weekdays` with every fit: without words for it a calibrated profile's arrivals were shown
    # raw ("per year: 120.4, weekdays: 2.866, 1.333, ...")
    if set(spec) - {"per_year", "seasonality", "weekdays", *PROVENANCE} or "per_year" not in spec:
        return None
    parts = [_SAID[lang]["per_year"].format(number_words(spec["per_year"], lang))]
    weights = spec.get("seasonality")
    if isinstance(weights, list) and len(weights) == 12 and len(set(weights)) > 1:
        months = ", ".join(f"{_MONTHS[lang][k][:3]} {number_words(w, lang)}" for k, w in enumerate(weights))
        parts.append(_SAID[lang]["seasonality"].format(months))
    days = spec.get("weekdays")
    if isinstance(days, list) and len(days) == 7:
        if len(set(days)) > 1:
            names = [names_en if lang == "en" else names_sv for names_en, names_sv in _DAYS.values()]
            parts.append(_SAID[lang]["weekdays"].format(
                ", ".join(f"{name[:3]} {number_words(w, lang)}" for name, w in zip(names, days, strict=True))))
    elif days is not None:
        return None
    return "; ".join(parts)


def _attribute(spec: Mapping[str, Any], lang: str) -> str | None:
    values, weights = spec.get("values"), spec.get("weights")
    if not isinstance(values, list) or not isinstance(weights, list) or len(values) != len(weights):
        return None
    total = sum(weights) or 1
    said = []
    for value, weight in zip(values, weights, strict=True):
        entry = labels()["attribute_values"].get(value) if isinstance(value, str) else None
        name = str(entry[lang]) if entry else str(value).replace("_", " ")
        said.append(f"{name} {share_words(weight / total, lang)}")
    return ", ".join(said)


def _value(value: Any, lang: str) -> str | None:
    """A duration: a distribution, or a length (``2w``)."""
    if isinstance(value, Mapping):
        return distribution_words(value, lang)
    if isinstance(value, str):
        return duration_words(value, lang)
    return None


def _clock(spec: Mapping[str, Any], lang: str) -> str | None:
    if set(spec) - {"deadline", "extension"}:
        return None
    said = [_SAID[lang]["deadline"].format(_length(spec["deadline"], lang))] if "deadline" in spec else []
    if "extension" in spec:  # an extension of 0 is none: not "can be extended by 0 days"
        none = spec["extension"] in (0, None) or (isinstance(spec["extension"], str)
                                                   and parse_duration(spec["extension"]) == 0)
        said.append(_SAID[lang]["no_extension"] if none else _SAID[lang]["extension"].format(
            _length(spec["extension"], lang)))
    return ", ".join(said)


def _case_delays(spec: Mapping[str, Any], lang: str) -> str | None:
    """``case_delays: {correlation: RHO}``: how strongly a case's delays move together, as a manager reads it."""
    given = {k: v for k, v in spec.items() if k not in PROVENANCE}
    rho = given.get("correlation")
    if set(given) != {"correlation"} or isinstance(rho, bool) or not isinstance(rho, (int, float)):
        return None
    return _SAID[lang]["case_delays"].format(number_words(rho, lang))


def _loop(spec: Mapping[str, Any], lang: str) -> str | None:
    given = {k: v for k, v in spec.items() if k not in PROVENANCE}
    if set(given) - {"max", "again"} or not given:
        return None
    parts = []
    if "max" in given:
        parts.append(_SAID[lang]["loop_max"].format(given["max"]))
    if "again" in given:
        parts.append(_SAID[lang]["loop_again"].format(share_words(given["again"], lang)))
    return ", ".join(parts)


def _shares(spec: Mapping[str, Any], names: Mapping[str, str], lang: str) -> str | None:
    given = {k: v for k, v in spec.items() if k not in PROVENANCE}
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in given.values()):
        return None
    return ", ".join(f"{names.get(str(k), str(k).replace('_', ' '))} {share_words(v, lang)}" for k, v in given.items())


#: the path of a parameter below ``simulation.`` (its first part, or ``elements.*.<key>``) -> its words
_BY_SECTION: dict[str, Callable[[Any, Mapping[str, str], str], str | None]] = {
    "calendars": lambda v, _n, lang: _calendar(v, lang) if isinstance(v, Mapping) else None,
    "pools": lambda v, n, lang: _pool(v, n, lang) if isinstance(v, Mapping) else None,
    "arrivals": lambda v, _n, lang: _arrivals(v, lang) if isinstance(v, Mapping) else None,
    "attributes": lambda v, _n, lang: _attribute(v, lang) if isinstance(v, Mapping) else None,
    "clock": lambda v, _n, lang: _clock(v, lang) if isinstance(v, Mapping) else None,
    "case_delays": lambda v, _n, lang: _case_delays(v, lang) if isinstance(v, Mapping) else None,
    "decision.bodies": lambda v, _n, lang: _meetings(v, lang) if isinstance(v, Mapping) else None,
    "decision.after_meeting": lambda v, _n, lang: _value(v, lang),
    "decision.delegation": lambda v, _n, lang: delegation_words(v, lang),
    "duration": lambda v, _n, lang: _value(v, lang),
    "delay": lambda v, _n, lang: _value(v, lang),
    "loop": lambda v, _n, lang: _loop(v, lang) if isinstance(v, Mapping) else None,
    "probabilities": lambda v, n, lang: _shares(v, n, lang) if isinstance(v, Mapping) else None,
    "share": lambda v, _n, lang: share_words(v, lang) if isinstance(v, (int, float)) and not isinstance(v, bool)
    else None,
}


def value_words(path: str, value: Any, names: Mapping[str, str], lang: str) -> str | None:
    """The value of the profile's parameter ``path`` (``simulation.pools.officer``) in words in ``lang``;
    ``names``: element id -> its name. ``None`` when these words do not cover it.

    >>> value_words("simulation.pools.officer", {"count": 2, "fte": 0.5, "cost_per_hour": 1160}, {}, "en")
    '2 people at half time each, 1,160 kronor an hour'
    >>> value_words("simulation.attributes.hinder", {"values": ["inga", "kvarstar"], "weights": [0.8, 0.2]}, {}, "sv")
    'inga 80\\xa0%, kvarstår 20\\xa0%'
    """
    rest = path.removeprefix("simulation.")
    parts = rest.split(".")
    if parts[0] == "elements" and len(parts) == 3:
        section = parts[2]
    elif parts[:2] == ["decision", "bodies"]:
        section = "decision.bodies"
    elif parts[0] == "decision":
        section = rest
    else:
        section = parts[0]
    said = _BY_SECTION.get(section)
    return said(value, names, lang) if said is not None else None
