"""Single values of a profile read with their key path: mappings, numbers, dates, durations.

The building blocks of :mod:`bpmn_io.profile_schema` and :mod:`bpmn_io.profile_decision`:
every error is an ``InputError`` whose ``path`` is the full dotted key path
(``simulation.elements.Task_Review.duration.dist``), built with :func:`at`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from bpmn_io.yamlsrc import path_text
from processes.distributions import Distribution, distribution_from_data
from processes.durations import decimal_point, parse_duration
from processes.errors import InputError
from processes.numbers import number as number_said
from processes.rulewords import Said, rule_error, written

__all__ = [
    "KEYS",
    "RECORD_PATHS",
    "record_kind",
    "PROVENANCE_KEYS",
    "INTERVAL_KEY",
    "check_interval",
    "ANNOTATION_KEYS",
    "interval_hours",
    "provenance_text",
    "provenance_problem",
    "Path",
    "split_path",
    "at",
    "fail",
    "mapping",
    "number",
    "shown_value",
    "date",
    "clock_time",
    "duration",
    "dist",
    "optional_list",
    "strings",
    "named",
    "probability",
]

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
        "outcomes",
        "case_delays",
    ),
    "case_delays": ("correlation",),
    "calendar": ("hours", "holidays", "closed_dates", "closures"),
    "closure": ("from", "to", "capacity"),
    "pool": ("count", "fte", "calendar", "cost_per_hour", "lanes", "members", "name"),
    "member": ("calendar", "fte"),
    "arrivals": ("per_year", "seasonality", "dates", "at", "weekdays"),
    "element": ("duration", "delay", "probabilities", "conditions", "loop", "cardinality", "pool", "set",
                "share"),
    "loop": ("max", "again"),
    "attribute": ("values", "weights"),
    "decision": ("element", "delegation", "bodies", "after_meeting", "outcome_gateway"),
    "body": ("meetings", "agenda_cutoff", "pool", "duration"),
    "meetings": ("rrule", "dates", "at", "except_months", "except_dates"),
    "clock": ("start", "stop", "deadline", "extension", "extension_flow", "extension_rule"),
}

#: the mappings of the ``simulation:`` section by their full path (``*``: any name) -> their KEYS entry, so that
#: an override path can be checked against the keys a mapping may have, not only those a profile happens to give
RECORD_PATHS: dict[tuple[str, ...], str] = {
    ("simulation",): "simulation",
    ("simulation", "case_delays"): "case_delays",
    ("simulation", "calendars", "*"): "calendar",
    ("simulation", "pools", "*"): "pool",
    ("simulation", "pools", "*", "members", "*"): "member",
    ("simulation", "arrivals"): "arrivals",
    ("simulation", "elements", "*"): "element",
    ("simulation", "attributes", "*"): "attribute",
    ("simulation", "decision"): "decision",
    ("simulation", "decision", "bodies", "*"): "body",
    ("simulation", "clock"): "clock",
}


def record_kind(path: tuple[Any, ...]) -> str | None:
    """The :data:`KEYS` entry of the mapping at full key path ``path``, or ``None`` where the schema has none.

    >>> record_kind(("simulation", "pools", "officer")), record_kind(("simulation", "pools"))
    ('pool', None)
    """
    return next((kind for pattern, kind in RECORD_PATHS.items() if len(pattern) == len(path)
                 and all(p in ("*", part) for p, part in zip(pattern, path, strict=True))), None)


#: keys that document where a value comes from; allowed in every mapping
PROVENANCE_KEYS = ("source", "assumption", "note")
#: the key that gives, beside a ``source:``, the interval a fit reports for a value of its mapping:
#: ``interval: {per_year: [98.0, 128.1], what: 95 % exact Poisson}`` (:func:`check_interval`)
INTERVAL_KEY = "interval"
#: the keys that annotate a mapping's values rather than set one (the simulator reads none of them)
ANNOTATION_KEYS = (*PROVENANCE_KEYS, INTERVAL_KEY)
#: the languages a ``source:``/``assumption:``/``note:`` may be given in (``{en: ..., sv: ...}``)
PROVENANCE_LANGUAGES = ("en", "sv")


def provenance_text(value: Any, lang: str = "en") -> str:
    """A ``source:``, ``assumption:`` or ``note:`` in ``lang``: text as written, or of ``{en: ..., sv: ...}``
    the one in ``lang`` (the other when only that is given); ``""`` for none.

    >>> provenance_text("A1: assumed"), provenance_text({"en": "assumed", "sv": "antaget"}, "sv")
    ('A1: assumed', 'antaget')
    >>> provenance_text({"en": "assumed"}, "sv")
    'assumed'
    """
    if isinstance(value, Mapping):
        return str(value.get(lang) or next((value[k] for k in PROVENANCE_LANGUAGES if value.get(k)), ""))
    return "" if value is None else str(value)


def provenance_problem(value: Any) -> str | None:
    """Why a ``source:``/``assumption:``/``note:`` value is not text or ``{en: text, sv: text}`` (None when it is).

    >>> provenance_problem({"en": "x", "de": "y"})
    "{'en': 'x', 'de': 'y'} (expected text, or {en: text, sv: text})"
    """
    if not isinstance(value, Mapping):
        return None
    if value and not set(value) - set(PROVENANCE_LANGUAGES) \
            and all(isinstance(v, str) and v.strip() for v in value.values()):
        return None
    return f"{value!r} (expected text, or {{en: text, sv: text}})"

Path = tuple[Any, ...]

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def split_path(text: str) -> Path:
    """``'a.b[2].c'`` -> ``('a', 'b', 2, 'c')`` (the inverse of ``path_text``)."""
    return tuple(int(idx) if idx else name for name, idx in _PART.findall(text))


@contextmanager
def at(path: Path) -> Iterator[None]:
    """Prefix the (relative) path of an InputError raised inside with ``path``."""
    try:
        yield
    except InputError as err:
        if not getattr(err, "absolute", False):
            rel = split_path(err.path) if err.path else ()
            err.path = path_text(path + rel) or None
            err.absolute = True  # type: ignore[attr-defined]
        raise


def fail(path: Path, message: str) -> InputError:
    err = InputError(message, path=path_text(path) or None)
    err.absolute = True  # type: ignore[attr-defined]
    return err


def fail_rule(path: Path, rule: str, **values: Said) -> InputError:
    """:func:`fail` with a profile rule's message (:data:`processes.rulewords.RULES`), said in English and Swedish."""
    err = rule_error(rule, path=path_text(path) or None, **values)
    err.absolute = True  # type: ignore[attr-defined]
    return err


def mapping(
    value: Any, path: Path, allowed: tuple[str, ...], *, required: tuple[str, ...] = ()
) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise fail_rule(path, "not_mapping_keys", allowed=", ".join(allowed), value=written(value))
    for key in value:
        if key not in allowed and key not in ANNOTATION_KEYS:
            raise fail_rule(path + (key,), "unknown_key", key=repr(key), keys=", ".join(allowed + PROVENANCE_KEYS))
    for key in required:
        if key not in value:
            raise fail_rule(path, "missing_key", key=repr(key))
    if INTERVAL_KEY in value:
        check_interval(value, path)
    return value


def check_interval(value: Mapping[str, Any], path: Path) -> None:
    """``value``'s ``interval:``: ``what:`` (text: what the interval is) and, per key of ``value`` it annotates,
    ``[low, high]`` (two numbers or two durations, low not above high), or for a mapping value (a distribution,
    ``probabilities``) a mapping of its keys to such pairs (``{mean: [3.27h, 3.66h]}``, ``{Flow_A: [0.45, 0.55]}``)."""
    where = path + (INTERVAL_KEY,)
    given = value[INTERVAL_KEY]
    if not isinstance(given, Mapping):
        raise fail_rule(where, "interval_not_mapping", value=shown_value(given))
    what = given.get("what")
    if not isinstance(what, str) or not what.strip():
        raise fail_rule(where + ("what",), "interval_what", value=shown_value(what))
    keys = [k for k in value if k not in ANNOTATION_KEYS]
    for key, bounds in given.items():
        if key == "what":
            continue
        if key not in keys:
            raise fail_rule(where + (key,), "interval_key", key=repr(key), keys=", ".join(map(str, keys)) or "none")
        target = value[key]
        if isinstance(bounds, Mapping):
            inner = [k for k in target if k not in ANNOTATION_KEYS] if isinstance(target, Mapping) else []
            if isinstance(target, Mapping) and "dist" in target and "mean" not in inner:
                inner.append("mean")  # a distribution's mean, also of one that does not state it (empirical)
            for part, pair in bounds.items():
                if part not in inner:
                    raise fail_rule(where + (key, part), "interval_key", key=repr(part),
                                    keys=", ".join(map(str, inner)) or "none")
                interval_hours(pair, where + (key, part))
        else:
            interval_hours(bounds, where + (key,))


def interval_hours(pair: Any, path: Path = ()) -> tuple[float, float]:
    """``[low, high]`` of an ``interval:`` as two numbers (durations in hours).

    >>> interval_hours([98.0, 128.1]), interval_hours(["13.2d", "14.04d"])
    ((98.0, 128.1), (316.8, 336.96))
    """
    numbers = isinstance(pair, list) and len(pair) == 2 and all(
        isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in pair)
    durations = isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
    try:
        low, high = ((float(pair[0]), float(pair[1])) if numbers else
                     (parse_duration(pair[0]), parse_duration(pair[1])) if durations else (math.nan, math.nan))
    except InputError:
        low = high = math.nan
    if math.isnan(low) or math.isnan(high):
        raise fail_rule(path, "interval_pair", value=shown_value(pair))
    if low > high:
        raise fail_rule(path, "interval_order", value=shown_value(pair))
    return round(low, 9), round(high, 9)


#: the largest magnitude of any number in a profile (far beyond any count, fee or rate; keeps
#: every figure a finite float)
MAX_MAGNITUDE = 1e15


def number(value: Any, path: Path, *, minimum: float | None = None, whole: bool = False,
           maximum: float | None = None) -> Any:
    ok = not isinstance(value, bool) and isinstance(value, (int, float))
    if whole:  # an int of any size is whole; float(10**400) would overflow
        ok = ok and (isinstance(value, int) or float(value).is_integer())
    ok = ok and (isinstance(value, int) or math.isfinite(value))
    if decimal_point(value):
        raise fail_rule(path, "decimal_comma", value=shown_value(value), point=decimal_point(value) or "")
    if not ok or (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        what = ("a whole number", "ett heltal") if whole else ("a number", "ett tal")
        bound: Said = ""
        low, high = (None if b is None else (_bound(b, "en"), _bound(b, "sv")) for b in (minimum, maximum))
        if low is not None and high is not None:
            bound = (f" from {low[0]} to {high[0]}", f" från {low[1]} till {high[1]}")
        elif low is not None:
            bound = (f" >= {low[0]}", f" som är minst {low[1]}")
        elif high is not None:
            bound = (f" <= {high[0]}", f" som är högst {high[1]}")
        raise fail_rule(path, "not_number", value=shown_value(value), what=what, bound=bound)
    if abs(value) > MAX_MAGNITUDE:
        raise fail_rule(path, "too_large", value=shown_value(value), limit=f"{MAX_MAGNITUDE:g}")
    return int(value) if whole else float(value)


def _bound(limit: float, lang: str) -> str:
    """A limit as a reader of ``lang`` writes it: ``1,000,000`` / ``1 000 000``, not ``1e+06`` (``:g`` turns 7
    digits into an exponent), its thousands grouped as the option and scenario refusals group theirs."""
    return number_said(int(limit) if float(limit).is_integer() else float(limit), lang)


def shown_value(value: Any, limit: int = 40) -> str:
    """``repr(value)`` cut to ``limit`` characters (a 4,000-digit number stays one short line); a date or
    date-time as written (``2025-02-01``, not ``datetime.date(2025, 2, 1)``), a boolean too (``true``, not ``True``)."""
    if isinstance(value, dt.date):
        text = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    elif isinstance(value, bool) or value is None:
        text = written(value)  # YAML's true, not Python's True
    elif isinstance(value, int) and abs(value) > 10**limit:
        text = f"an integer of {len(str(abs(value)))} digits"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def date(value: Any, path: Path) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise fail_rule(path, "not_date", value=written(value))


def clock_time(text: Any, path: Path) -> float:
    if not isinstance(text, str):
        raise fail_rule(path, "time_unquoted", value=written(text))
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if match is None or int(match[2]) >= 60 or int(match[1]) > 24 or (int(match[1]) == 24 and int(match[2])):
        raise fail_rule(path, "not_time", value=written(text))
    return int(match[1]) + int(match[2]) / 60


def duration(value: Any, path: Path, *, work: bool = False) -> float:
    with at(path):
        return parse_duration(value, work=work)


def dist(value: Any, path: Path, *, work: bool) -> Distribution:
    with at(path):
        return distribution_from_data(value, work=work)


#: what a list holds (:func:`optional_list`'s ``of``) and what a mapping maps (:func:`named`'s ``what``), in Swedish
_LISTED_SV = {"dates": "datum", "months 1..12": "månader 1..12", "periods": "perioder"}
_MAPPING_SV = {"end event ids to outcomes": "sluthändelsers id och deras utfall",
               "attribute names to {values, weights}": "attributnamn och deras {values, weights}",
               "calendar names to calendars": "kalendernamn och deras kalendrar",
               "pool names to pools": "poolnamn och deras pooler",
               "BPMN element ids to parameters": "BPMN-elements id och deras parametrar",
               "fact names to facts": "faktanamn och deras fakta"}


def optional_list(m: Mapping[str, Any], key: str, path: Path, of: str) -> list[Any]:
    """``m[key]``, a list (empty when the key is absent or empty); anything else is refused as not a list ``of``."""
    value = m.get(key, []) or []
    if not isinstance(value, list):
        raise fail_rule(path + (key,), "not_list_of", value=written(value), of=(of, _LISTED_SV.get(of, of)))
    return value


def strings(value: Any, path: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail_rule(path, "not_names", value=written(value))
    return tuple(value)


def named(value: Any, path: Path, what: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise fail_rule(path, "not_mapping_of", value=written(value), what=(what, _MAPPING_SV.get(what, what)))
    return value


def probability(value: Any, path: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise fail_rule(path, "not_probability", value=written(value))
    return float(value)
