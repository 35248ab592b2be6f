"""The ``calendars:`` entries of a profile's ``simulation:`` section, read into processes.params.CalendarSpec.

Opening hours per weekday, a country's public holidays (checked against the codes the holidays package
knows, read from its registry without importing it: :func:`registry_literal`), closed dates and
closures (a period, or a yearly ``MM-DD`` one, at reduced capacity). Pure, as
:mod:`bpmn_io.profile_schema`, which reads the rest of the section; its own module because a calendar
is read the same wherever it is named (calibrate reads one on its own) and needs the holidays registry,
which nothing else of the profile does.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from typing import Any

from bpmn_io.profile_values import (
    KEYS,
    Path,
    at,
    clock_time,
    date,
    fail_rule,
    mapping,
    number,
    optional_list,
)
from processes.errors import InputError
from processes.holidaystore import stored_countries
from processes.params import WEEKDAYS, CalendarSpec, Closure
from processes.rulewords import written

__all__ = ["calendar_from_data", "registry_countries", "registry_literal"]


def _day_hours(value: Any, path: Path) -> tuple[tuple[float, float], ...]:
    if value is None or value == "closed":
        return ()
    parts = value if isinstance(value, list) else str(value).split(",") if isinstance(value, str) else None
    if parts is None:
        raise fail_rule(path, "not_opening_hours", value=written(value))
    out = []
    for part in parts:
        if not isinstance(part, str) or part.count("-") != 1:
            raise fail_rule(path, "not_interval", value=written(part))
        start, end = part.split("-")
        out.append((clock_time(start, path), clock_time(end, path)))
    return tuple(out)


def _month_day_or_date(value: Any, path: Path) -> tuple[dt.date, bool]:
    if isinstance(value, str) and re.fullmatch(r"\d{2}-\d{2}", value.strip()):
        try:
            return dt.date(2000, int(value[:2]), int(value[3:5])), True
        except ValueError:
            raise fail_rule(path, "not_month_day", value=written(value)) from None
    try:
        return date(value, path), False
    except InputError:
        raise fail_rule(path, "not_closure_date", value=written(value)) from None


def _closure(value: Any, path: Path) -> Closure:
    m = mapping(value, path, KEYS["closure"], required=("from", "to"))
    first, yearly1 = _month_day_or_date(m["from"], path + ("from",))
    last, yearly2 = _month_day_or_date(m["to"], path + ("to",))
    if yearly1 != yearly2:
        raise fail_rule(path + ("to",), "closure_kinds")
    capacity = number(m.get("capacity", 0.0), path + ("capacity",))
    with at(path):
        return Closure(first, last, capacity, yearly1)


def calendar_from_data(name: str, value: Any, path: Path) -> CalendarSpec:
    """One ``calendars.<name>`` entry."""
    m = mapping(value, path, KEYS["calendar"], required=("hours",))
    hours = m["hours"]
    if not isinstance(hours, Mapping):
        raise fail_rule(path + ("hours",), "not_hours_mapping", value=written(hours), days=", ".join(WEEKDAYS))
    for day in hours:
        if day not in WEEKDAYS:
            raise fail_rule(path + ("hours", day), "unknown_weekday", day=repr(day), days=", ".join(WEEKDAYS))
    week = tuple(_day_hours(hours.get(day), path + ("hours", day)) for day in WEEKDAYS)
    country = m.get("holidays")
    if country in ("none", "None"):
        country = None
    if country is not None:
        supported = _holiday_countries()
        if not isinstance(country, str) or country not in supported:
            raise fail_rule(path + ("holidays",), "unknown_holidays", value=written(country))
    closed = optional_list(m, "closed_dates", path, "dates")
    closures = optional_list(m, "closures", path, "periods")
    with at(path):
        return CalendarSpec(
            name=name,
            week=week,
            holidays=country,
            closed_dates=tuple(date(d, path + ("closed_dates", i)) for i, d in enumerate(closed)),
            closures=tuple(_closure(c, path + ("closures", i)) for i, c in enumerate(closures)),
        )


@functools.cache
def _holiday_countries() -> frozenset[str]:
    """The country codes (alpha-2 and alpha-3) the holidays package knows.

    Read from its registry (``holidays.list_supported_countries()`` imports all of its
    250 country modules) and kept by :mod:`processes.holidaystore`: importing the package
    at all costs a start-up more than reading a profile.
    """
    return stored_countries(registry_countries)


def registry_countries() -> frozenset[str]:
    countries = registry_literal()
    if countries is None:  # a registry written otherwise: the package's own (imports it)
        from holidays.registry import COUNTRIES

        countries = COUNTRIES
    return frozenset(code for names in countries.values() for code in names[1:] if len(code) <= 3 and code.isupper())


def registry_literal() -> dict[str, tuple[str, ...]] | None:
    """The holidays package's ``COUNTRIES`` table read as a literal from its ``registry.py``, without
    importing the package (``import holidays`` costs about 0.1 CPU s: a cold ``compare`` or
    ``simulate`` that only checks a calendar's country would pay it); ``None`` when it is not there
    as a plain dict literal of tuples of text."""
    import ast
    from importlib.util import find_spec
    from pathlib import Path

    try:
        spec = find_spec("holidays")
        if spec is None or not spec.origin:
            return None
        text = (Path(spec.origin).parent / "registry.py").read_text(encoding="utf-8")
        start = text.index("\nCOUNTRIES: RegistryDict = {") + len("\nCOUNTRIES: RegistryDict = ")
        table = ast.literal_eval(text[start : text.index("\n}\n", start) + 2])
    except (ImportError, OSError, UnicodeError, ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if not isinstance(table, dict) or not all(
        isinstance(names, tuple) and all(isinstance(n, str) for n in names) for names in table.values()
    ):
        return None
    return table
