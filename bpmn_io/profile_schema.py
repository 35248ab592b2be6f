"""The ``simulation:`` and ``facts:`` sections of profile.yaml, read into processes.params.

Pure: plain data in (as loaded by ``bpmn_io.yamlsrc``), frozen dataclasses out.
Every error is an ``InputError`` whose ``path`` is the full dotted key path
(``simulation.elements.Task_Review.duration.dist``); ``bpmn_io.profile`` adds
file and line. docs/profile.md documents every key.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import holidays as holidays_pkg
from dateutil.rrule import rrulestr

from bpmn_io.yamlsrc import path_text
from processes.conditions import Condition, parse_condition
from processes.distributions import Distribution, distribution_from_data
from processes.durations import parse_duration
from processes.errors import InputError
from processes.model import FrozenMap
from processes.params import (
    DELEGATION_LEVELS,
    WEEKDAYS,
    Arrivals,
    CalendarSpec,
    CaseAttribute,
    Closure,
    Decision,
    DecisionBody,
    ElementParams,
    Fact,
    LegalClock,
    MeetingSchedule,
    ResourcePool,
    SimParams,
)

__all__ = ["split_path", "simparams_from_data", "facts_from_data", "PROVENANCE_KEYS", "KEYS"]

#: the keys each mapping of the ``simulation:`` section accepts (besides PROVENANCE_KEYS)
KEYS: dict[str, tuple[str, ...]] = {
    "simulation": (
        "start",
        "horizon",
        "cases",
        "warmup",
        "calendars",
        "pools",
        "arrivals",
        "elements",
        "decision",
        "clock",
        "attributes",
    ),
    "calendar": ("hours", "holidays", "closed_dates", "closures"),
    "closure": ("from", "to", "capacity"),
    "pool": ("count", "fte", "calendar", "cost_per_hour", "lanes"),
    "arrivals": ("per_year", "seasonality", "dates", "at"),
    "element": ("duration", "delay", "probabilities", "conditions", "loop", "cardinality", "pool"),
    "loop": ("max", "again"),
    "attribute": ("values", "weights"),
    "decision": ("element", "delegation", "bodies", "after_meeting"),
    "body": ("meetings", "agenda_cutoff", "pool", "duration"),
    "meetings": ("rrule", "dates", "at", "except_months", "except_dates"),
    "clock": ("start", "stop", "deadline", "extension"),
}

#: keys that document where a value comes from; allowed in every mapping
PROVENANCE_KEYS = ("source", "assumption", "note")
Path = tuple[Any, ...]

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def split_path(text: str) -> Path:
    """``'a.b[2].c'`` -> ``('a', 'b', 2, 'c')`` (the inverse of ``path_text``)."""
    return tuple(int(idx) if idx else name for name, idx in _PART.findall(text))


@contextmanager
def _at(path: Path) -> Iterator[None]:
    """Prefix the (relative) path of an InputError raised inside with ``path``."""
    try:
        yield
    except InputError as err:
        if not getattr(err, "absolute", False):
            rel = split_path(err.path) if err.path else ()
            err.path = path_text(path + rel) or None
            err.absolute = True  # type: ignore[attr-defined]
        raise


def _fail(path: Path, message: str) -> InputError:
    err = InputError(message, path=path_text(path) or None)
    err.absolute = True  # type: ignore[attr-defined]
    return err


def _mapping(
    value: Any, path: Path, allowed: tuple[str, ...], *, required: tuple[str, ...] = ()
) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(path, f"expected a mapping with keys {', '.join(allowed)}, got {value!r}")
    for key in value:
        if key not in allowed and key not in PROVENANCE_KEYS:
            raise _fail(
                path + (key,), f"unknown key {key!r} (expected one of {', '.join(allowed + PROVENANCE_KEYS)})"
            )
    for key in required:
        if key not in value:
            raise _fail(path, f"missing key {key!r}")
    return value


def _number(value: Any, path: Path, *, minimum: float | None = None, whole: bool = False) -> Any:
    ok = not isinstance(value, bool) and isinstance(value, (int, float))
    if whole:
        ok = ok and float(value).is_integer()
    if not ok or (minimum is not None and value < minimum):
        what = "a whole number" if whole else "a number"
        bound = f" >= {minimum:g}" if minimum is not None else ""
        raise _fail(path, f"{value!r} is not {what}{bound}")
    return int(value) if whole else float(value)


def _date(value: Any, path: Path) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _fail(path, f"{value!r} is not a date (expected YYYY-MM-DD)")


def _clock_time(text: Any, path: Path) -> float:
    if not isinstance(text, str):
        raise _fail(path, f"{text!r} is not a time of day (expected 'HH:MM' in quotes, 00:00-24:00)")
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if match is None or int(match[2]) >= 60 or int(match[1]) > 24 or (int(match[1]) == 24 and int(match[2])):
        raise _fail(path, f"{text!r} is not a time of day (expected HH:MM, 00:00-24:00)")
    return int(match[1]) + int(match[2]) / 60


def _duration(value: Any, path: Path, *, work: bool = False) -> float:
    with _at(path):
        return parse_duration(value, work=work)


def _dist(value: Any, path: Path, *, work: bool) -> Distribution:
    with _at(path):
        return distribution_from_data(value, work=work)


def _optional_list(m: Mapping[str, Any], key: str, path: Path, of: str) -> list[Any]:
    """``m[key]``, a list (empty when the key is absent or empty); anything else is refused as not a list ``of``."""
    value = m.get(key, []) or []
    if not isinstance(value, list):
        raise _fail(path + (key,), f"{value!r} is not a list of {of}")
    return value


def _strings(value: Any, path: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, f"{value!r} is not a list of names")
    return tuple(value)


# --- calendars ------------------------------------------------------------------------------------


def _day_hours(value: Any, path: Path) -> tuple[tuple[float, float], ...]:
    if value is None or value == "closed":
        return ()
    parts = value if isinstance(value, list) else str(value).split(",") if isinstance(value, str) else None
    if parts is None:
        raise _fail(
            path,
            f"{value!r} is not opening hours (expected e.g. '08:00-16:30' or '08:00-12:00, 13:00-16:00')",
        )
    out = []
    for part in parts:
        if not isinstance(part, str) or part.count("-") != 1:
            raise _fail(path, f"{part!r} is not an interval (expected HH:MM-HH:MM)")
        start, end = part.split("-")
        out.append((_clock_time(start, path), _clock_time(end, path)))
    return tuple(out)


def _month_day_or_date(value: Any, path: Path) -> tuple[dt.date, bool]:
    if isinstance(value, str) and re.fullmatch(r"\d{2}-\d{2}", value.strip()):
        try:
            return dt.date(2000, int(value[:2]), int(value[3:5])), True
        except ValueError:
            raise _fail(path, f"{value!r} is not a month and day (expected MM-DD, e.g. 07-01)") from None
    try:
        return _date(value, path), False
    except InputError:
        raise _fail(
            path, f"{value!r} is not a date (expected MM-DD every year, or YYYY-MM-DD once)"
        ) from None


def _closure(value: Any, path: Path) -> Closure:
    m = _mapping(value, path, KEYS["closure"], required=("from", "to"))
    first, yearly1 = _month_day_or_date(m["from"], path + ("from",))
    last, yearly2 = _month_day_or_date(m["to"], path + ("to",))
    if yearly1 != yearly2:
        raise _fail(path + ("to",), "from and to must both be MM-DD (every year) or both YYYY-MM-DD (once)")
    capacity = _number(m.get("capacity", 0.0), path + ("capacity",))
    with _at(path):
        return Closure(first, last, capacity, yearly1)


def calendar_from_data(name: str, value: Any, path: Path) -> CalendarSpec:
    """One ``calendars.<name>`` entry."""
    m = _mapping(value, path, KEYS["calendar"], required=("hours",))
    hours = m["hours"]
    if not isinstance(hours, Mapping):
        raise _fail(
            path + ("hours",),
            f"{hours!r} is not a mapping of weekday to hours (expected keys {', '.join(WEEKDAYS)})",
        )
    for day in hours:
        if day not in WEEKDAYS:
            raise _fail(
                path + ("hours", day), f"unknown weekday {day!r} (expected one of {', '.join(WEEKDAYS)})"
            )
    week = tuple(_day_hours(hours.get(day), path + ("hours", day)) for day in WEEKDAYS)
    country = m.get("holidays")
    if country in ("none", "None"):
        country = None
    if country is not None:
        supported = holidays_pkg.list_supported_countries()
        if not isinstance(country, str) or country not in supported:
            raise _fail(
                path + ("holidays",),
                f"unknown holiday country {country!r} (expected a code such as SE, or none)",
            )
    closed = _optional_list(m, "closed_dates", path, "dates")
    closures = _optional_list(m, "closures", path, "periods")
    with _at(path):
        return CalendarSpec(
            name=name,
            week=week,
            holidays=country,
            closed_dates=tuple(_date(d, path + ("closed_dates", i)) for i, d in enumerate(closed)),
            closures=tuple(_closure(c, path + ("closures", i)) for i, c in enumerate(closures)),
        )


# --- pools, arrivals, elements ---------------------------------------------------------------------


def pool_from_data(name: str, value: Any, path: Path) -> ResourcePool:
    """One ``pools.<name>`` entry."""
    m = _mapping(value, path, KEYS["pool"], required=("count",))
    with _at(path):
        return ResourcePool(
            name=name,
            count=_number(m["count"], path + ("count",), minimum=1, whole=True),
            fte=_number(m.get("fte", 1.0), path + ("fte",)),
            calendar=str(m.get("calendar", "office")),
            cost_per_hour=_number(m.get("cost_per_hour", 0.0), path + ("cost_per_hour",), minimum=0),
            lanes=_strings(m.get("lanes", []), path + ("lanes",)),
        )


def arrivals_from_data(value: Any, path: Path) -> Arrivals:
    """The ``arrivals`` entry: ``per_year`` (+ ``seasonality``) or ``dates``."""
    m = _mapping(value, path, KEYS["arrivals"])
    if ("per_year" in m) == ("dates" in m):
        raise _fail(path, "arrivals need exactly one of per_year (Poisson) or dates (replayed)")
    at = _clock_time(m["at"], path + ("at",)) if "at" in m else 9.0
    if "dates" in m:
        if not isinstance(m["dates"], list) or not m["dates"]:
            raise _fail(path + ("dates",), f"{m['dates']!r} is not a non-empty list of dates")
        dates = tuple(
            sorted(
                (
                    d
                    if isinstance(d, dt.datetime)
                    else dt.datetime.combine(_date(d, path + ("dates", i)), dt.time())
                    + dt.timedelta(hours=at)
                )
                for i, d in enumerate(m["dates"])
            )
        )
        return Arrivals(dates=dates, at_hour=at)
    season = m.get("seasonality", [1.0] * 12)
    if not isinstance(season, list) or len(season) != 12:
        raise _fail(path + ("seasonality",), f"{season!r} is not 12 monthly weights (January first)")
    weights = tuple(_number(w, path + ("seasonality", i), minimum=0) for i, w in enumerate(season))
    with _at(path):
        return Arrivals(
            per_year=_number(m["per_year"], path + ("per_year",), minimum=0), seasonality=weights, at_hour=at
        )


def element_from_data(eid: str, value: Any, path: Path) -> ElementParams:
    """One ``elements.<id>`` entry."""
    m = _mapping(value, path, KEYS["element"])
    probs: dict[str, float] = {}
    if "probabilities" in m:
        raw = m["probabilities"]
        if not isinstance(raw, Mapping) or not raw:
            raise _fail(
                path + ("probabilities",), f"{raw!r} is not a mapping of sequence flow id to probability"
            )
        probs = {str(k): _number(v, path + ("probabilities", k), minimum=0) for k, v in raw.items()}
    loop_max = loop_again = None
    if "loop" in m:
        loop = _mapping(m["loop"], path + ("loop",), KEYS["loop"], required=("max",))
        loop_max = _number(loop["max"], path + ("loop", "max"), minimum=1, whole=True)
        if "again" in loop:
            loop_again = _probability(loop["again"], path + ("loop", "again"))
    conditions: dict[str, Condition] = {}
    if "conditions" in m:
        raw = m["conditions"]
        if not isinstance(raw, Mapping) or not raw:
            raise _fail(path + ("conditions",), f"{raw!r} is not a mapping of sequence flow id to condition")
        for k, v in raw.items():
            with _at(path + ("conditions", k)):
                conditions[str(k)] = parse_condition(v)
    cardinality = _cardinality(m["cardinality"], path + ("cardinality",)) if "cardinality" in m else None
    with _at(path):
        return ElementParams(
            id=eid,
            duration=_dist(m["duration"], path + ("duration",), work=True) if "duration" in m else None,
            delay=_dist(m["delay"], path + ("delay",), work=False) if "delay" in m else None,
            probabilities=FrozenMap(probs),
            loop_max=loop_max,
            pool=str(m["pool"]) if "pool" in m else None,
            conditions=FrozenMap(conditions),
            loop_again=loop_again,
            cardinality=cardinality,
        )


def _probability(value: Any, path: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise _fail(path, f"{value!r} is not a probability (expected a number from 0 to 1)")
    return float(value)


def _cardinality(value: Any, path: Path) -> int | Distribution:
    """A whole number >= 0, or a distribution of plain numbers (no units): the instance count."""
    if not isinstance(value, Mapping):
        return _number(value, path, minimum=0, whole=True)  # type: ignore[no-any-return]
    if "unit" in value:
        raise _fail(path + ("unit",), "a cardinality is a count: give plain numbers, no unit")
    for key, v in value.items():
        items = v if key in ("values", "weights") and isinstance(v, list) else [v]
        if key != "dist" and any(isinstance(x, bool) or not isinstance(x, (int, float)) for x in items):
            raise _fail(path + (key,), f"{v!r} is not a number (a cardinality distribution takes plain numbers)")
    dist = _dist({**value, "unit": "h"}, path, work=False)  # 1 "h" = 1 instance
    if dist.kind == "empirical" and any(x < 0 for x in dist.values):
        raise _fail(path + ("values",), "instance counts must be >= 0")
    return dist


def attributes_from_data(value: Any, path: Path) -> FrozenMap[str, CaseAttribute]:
    """The ``attributes:`` section: name -> {values: [...], weights: [...]} drawn per case."""
    out = {}
    for name, raw in _named(value, path, "attribute names to {values, weights}").items():
        p = path + (name,)
        a = _mapping(raw, p, KEYS["attribute"], required=("values",))
        values = a["values"]
        if not isinstance(values, list) or not values or any(
            not isinstance(v, (str, int, float)) for v in values
        ):
            raise _fail(p + ("values",), f"{values!r} is not a non-empty list of numbers, texts or true/false")
        weights = a.get("weights", [1] * len(values))
        if not isinstance(weights, list) or len(weights) != len(values):
            raise _fail(p + ("weights",), f"{weights!r} is not a list of {len(values)} numbers, one per value")
        ws = [_number(w, p + ("weights", i), minimum=0) for i, w in enumerate(weights)]
        if sum(ws) <= 0:
            raise _fail(p + ("weights",), f"{weights!r} must have a positive sum")
        with _at(p):
            out[str(name)] = CaseAttribute(str(name), tuple(values), tuple(w / sum(ws) for w in ws))
    return FrozenMap(out)


# --- decision --------------------------------------------------------------------------------------


def _meetings(value: Any, path: Path, start: dt.date) -> MeetingSchedule:
    m = _mapping(value, path, KEYS["meetings"])
    rule = m.get("rrule")
    if rule is not None:
        if not isinstance(rule, str):
            raise _fail(path + ("rrule",), f"{rule!r} is not an iCalendar RRULE text")
        try:
            rrulestr(rule, dtstart=dt.datetime.combine(start, dt.time()))
        except (ValueError, TypeError) as err:
            raise _fail(
                path + ("rrule",),
                f"invalid RRULE {rule!r}: {err} (expected e.g. 'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3')",
            ) from None
    dates = _optional_list(m, "dates", path, "dates")
    months = _optional_list(m, "except_months", path, "months 1..12")
    excepts = _optional_list(m, "except_dates", path, "dates")
    with _at(path):
        return MeetingSchedule(
            rrule=rule,
            dates=tuple(sorted(_date(d, path + ("dates", i)) for i, d in enumerate(dates))),
            at_hour=_clock_time(m["at"], path + ("at",)) if "at" in m else 13.0,
            except_months=tuple(
                _number(x, path + ("except_months", i), minimum=1, whole=True) for i, x in enumerate(months)
            ),
            except_dates=tuple(_date(d, path + ("except_dates", i)) for i, d in enumerate(excepts)),
        )


def decision_from_data(value: Any, path: Path, start: dt.date) -> Decision:
    """The ``decision`` entry."""
    m = _mapping(value, path, KEYS["decision"], required=("element", "delegation", "bodies"))
    bodies_raw = m["bodies"]
    if not isinstance(bodies_raw, Mapping) or not bodies_raw:
        raise _fail(path + ("bodies",), f"{bodies_raw!r} is not a mapping of delegation level to body")
    bodies = {}
    for level, raw in bodies_raw.items():
        p = path + ("bodies", level)
        if level not in DELEGATION_LEVELS:
            raise _fail(
                p, f"unknown delegation level {level!r} (expected one of {', '.join(DELEGATION_LEVELS)})"
            )
        b = _mapping(raw, p, KEYS["body"])
        with _at(p):
            bodies[level] = DecisionBody(
                level=level,
                meetings=_meetings(b["meetings"], p + ("meetings",), start) if "meetings" in b else None,
                agenda_cutoff=_duration(b.get("agenda_cutoff", "0h"), p + ("agenda_cutoff",)),
                pool=str(b["pool"]) if "pool" in b else None,
                duration=_dist(b["duration"], p + ("duration",), work=True) if "duration" in b else None,
            )
    with _at(path):
        return Decision(
            element=str(m["element"]),
            delegation=str(m["delegation"]),
            bodies=FrozenMap(bodies),
            after_meeting=_dist(m["after_meeting"], path + ("after_meeting",), work=False)
            if "after_meeting" in m
            else None,
        )


def clock_from_data(value: Any, path: Path) -> LegalClock:
    """The ``clock`` entry."""
    m = _mapping(value, path, KEYS["clock"], required=("start", "stop", "deadline"))
    ext = m.get("extension")
    return LegalClock(
        start=str(m["start"]),
        stop=str(m["stop"]),
        deadline=_duration(m["deadline"], path + ("deadline",)),
        extension=_duration(ext, path + ("extension",)) if ext is not None else None,
    )


# --- the whole section -----------------------------------------------------------------------------


def _named(value: Any, path: Path, what: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise _fail(path, f"{value!r} is not a mapping of {what}")
    return value


def simparams_from_data(value: Any, path: Path = ("simulation",)) -> SimParams:
    """``SimParams`` from the plain data of the ``simulation:`` section."""
    m = _mapping(value, path, KEYS["simulation"], required=("start", "arrivals"))
    start = _date(m["start"], path + ("start",))
    if "horizon" in m and "cases" in m:
        raise _fail(path + ("cases",), "give horizon or cases, not both")
    if "horizon" not in m and "cases" not in m:
        raise _fail(path, "missing key 'horizon' or 'cases' (how long to simulate)")
    cal_raw = _named(m.get("calendars"), path + ("calendars",), "calendar names to calendars")
    pool_raw = _named(m.get("pools"), path + ("pools",), "pool names to pools")
    el_raw = _named(m.get("elements"), path + ("elements",), "BPMN element ids to parameters")
    with _at(path):
        return SimParams(
            start=start,
            horizon=_duration(m["horizon"], path + ("horizon",)) if "horizon" in m else None,
            cases=_number(m["cases"], path + ("cases",), minimum=1, whole=True) if "cases" in m else None,
            warmup=_duration(m.get("warmup", "0h"), path + ("warmup",)),
            calendars=FrozenMap(
                {str(k): calendar_from_data(str(k), v, path + ("calendars", k)) for k, v in cal_raw.items()}
            ),
            pools=FrozenMap(
                {str(k): pool_from_data(str(k), v, path + ("pools", k)) for k, v in pool_raw.items()}
            ),
            arrivals=arrivals_from_data(m["arrivals"], path + ("arrivals",)),
            elements=FrozenMap(
                {str(k): element_from_data(str(k), v, path + ("elements", k)) for k, v in el_raw.items()}
            ),
            decision=decision_from_data(m["decision"], path + ("decision",), start)
            if m.get("decision") is not None
            else None,
            clock=clock_from_data(m["clock"], path + ("clock",)) if m.get("clock") is not None else None,
            attributes=attributes_from_data(m["attributes"], path + ("attributes",))
            if m.get("attributes") is not None
            else FrozenMap(),
        )


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, Mapping):
        return FrozenMap({k: _freeze(v) for k, v in value.items()})
    return value


def facts_from_data(value: Any, path: Path = ("facts",)) -> FrozenMap[str, Fact]:
    """The ``facts:`` section: each fact a mapping with ``value`` (may be ``unknown``)."""
    facts = {}
    for name, raw in _named(value, path, "fact names to facts").items():
        p = path + (name,)
        if not isinstance(raw, Mapping) or "value" not in raw:
            raise _fail(
                p, f"{raw!r} is not a fact (expected a mapping with value: and source: or assumption:)"
            )
        known = ("value", "unit", "source", "assumption", "note")
        facts[str(name)] = Fact(
            value=_freeze(raw["value"]),
            unit=raw.get("unit"),
            source=raw.get("source"),
            assumption=raw.get("assumption"),
            note=raw.get("note"),
            extra=FrozenMap({k: _freeze(v) for k, v in raw.items() if k not in known}),
        )
    return FrozenMap(facts)
