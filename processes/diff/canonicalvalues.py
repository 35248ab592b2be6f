"""Profile values and timers in one form, so that equal things compare equal: element parameters
(a fixed distribution is its value, a duration in its shortest exact unit), a nested entry
flattened to ``dotted.path -> text`` without its provenance keys, what an entry rests on
(sourced, assumed), timers (P2W == P14D) and the values of one time parameter in one unit.

Its own module as it is the comparison's notion of sameness for values, with no words: step
differences (differences.py), fact differences (factdiff.py) and the N-way table (nway.py)
all read values through it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from processes.durations import (
    CALENDAR_UNITS,
    exact_to_thousandths,
    format_duration,
    is_duration_text,
    parse_duration,
)
from processes.errors import PermitflowError

__all__ = [
    "PROVENANCE_KEYS",
    "alike_shapes",
    "canonical_params",
    "canonical_timer",
    "flatten",
    "in_one_unit",
    "provenance_basis",
    "value_text",
]


#: keys that document a value rather than being one; never compared (``interval:``, what calibrate writes beside a
#: fitted value, says how sure the fit is, not what the value is)
PROVENANCE_KEYS = frozenset({"source", "sources", "assumption", "note", "notes", "read", "date", "interval"})


def in_one_unit(key: str, values: Iterable[str]) -> tuple[str, ...]:
    """The values of one flattened time parameter (``delay.mean``, ``duration.value`` ...) in one unit:
    the one a person picks for the largest (minutes under an hour, hours under two days, days above;
    hours for work time, which has no days), or a larger one all of them are already written in
    (``2w`` and ``3w``), or a smaller one when only that one reads every value to 3 decimals (``15.5m`` and
    ``120m``, not ``0.258333h`` and ``2h``); else exact to 6 decimals; ``""`` (not set) stays;
    values that are not all durations, or that would read alike in one unit, stay as they are.

    >>> in_one_unit("delay.mean", ("506.88h", "30384m")), in_one_unit("delay.mean", ("2w", "3w"))
    (('21.12d', '21.1d'), ('2w', '3w'))
    >>> in_one_unit("duration.mean", ("90m", "2h")), in_one_unit("delay.dist", ("gamma", "1h"))
    (('1.5h', '2h'), ('gamma', '1h'))
    >>> in_one_unit("duration.mean", ("15.5m", "2h"))
    ('15.5m', '120m')
    """
    values = tuple(values)
    items = [v.split(", ") for v in values if v]  # a list (an empirical distribution's) is flattened so
    if key.split(".", 1)[0] not in _TIME_KEYS or not items or not all(is_duration_text(t) for i in items for t in i):
        return values
    try:
        hours = [[parse_duration(t) for t in i] for i in items]
    except PermitflowError:
        return values
    largest = max(max(h) for h in hours)
    unit = "m" if largest < 1 else "h" if largest < 48 or key.startswith("duration") else "d"
    units = {_unit_of(t) for i in items for t in i}
    if len(units) == 1 and CALENDAR_UNITS[next(iter(units))] >= CALENDAR_UNITS[unit]:
        return values
    # a smaller unit when that one reads every value exactly and this one does not ("15.5m" and "120m",
    # not "0.258333h" and "2h")
    for smaller in ("d", "h", "m")[("d", "h", "m").index(unit):]:
        if all(exact_to_thousandths(x / CALENDAR_UNITS[smaller]) for h in hours for x in h):
            unit = smaller
            break
    texts = iter(", ".join(_in_unit(x, unit) for x in h) for h in hours)
    out = tuple(next(texts) if v else v for v in values)
    return out if len(set(out)) == len(set(values)) else values


def _unit_of(text: str) -> str:
    return text.strip().lstrip("0123456789. ")


def _in_unit(hours: float, unit: str) -> str:
    number = f"{round(hours / CALENDAR_UNITS[unit], 6):.6f}".rstrip("0").rstrip(".")
    return f"{number}{unit}"


def provenance_basis(entry: Any) -> str:
    """What a profile entry (a fact, an element's parameters) rests on: ``sourced``,
    ``assumed``, ``sourced and assumed`` or ``""`` (no source and no assumption given).

    >>> provenance_basis({"value": 11700, "source": "https://..."}), provenance_basis({"value": 3, "assumption": "A1"})
    ('sourced', 'assumed')
    """
    if not isinstance(entry, Mapping):
        return ""
    sourced, assumed = (bool(str(entry.get(key) or "").strip()) for key in ("source", "assumption"))
    return {(True, True): "sourced and assumed", (True, False): "sourced", (False, True): "assumed"}.get(
        (sourced, assumed), "")


_TIME_KEYS = frozenset({"duration", "delay"})


def canonical_params(params: Any) -> Any:
    """Element parameters with equivalent forms written one way, so they compare equal:
    a fixed distribution is its value (``{dist: fixed, value: 15m}`` = ``duration: 15m``)
    and every duration text is written in its shortest exact unit (``0.25h`` = ``15m``,
    ``7d`` = ``1w``). Values that are not durations stay as written.

    >>> canonical_params({"duration": "0.25h"}) == canonical_params({"duration": {"dist": "fixed", "value": "15m"}})
    True
    """
    if not isinstance(params, Mapping):
        return params
    out: dict[str, Any] = {}
    for key, value in params.items():
        if str(key) in _TIME_KEYS:
            if isinstance(value, Mapping):
                value = _empirical_summary(value)
                value = {k: _canonical_duration(v) for k, v in value.items()}
                if value.get("dist") == "fixed" and set(value) - PROVENANCE_KEYS <= {"dist", "value"}:
                    value = value.get("value", value)
            else:
                value = _canonical_duration(value)
        out[key] = value
    return out


def _empirical_summary(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """An empirical distribution as its mean and standard deviation in place of its values: a calibrated
    profile's fifty quantiles were listed value by value, and against a fitted family its mean was "not set"."""
    values = value.get("values")
    if value.get("dist") != "empirical" or not isinstance(values, list) or not values:
        return value
    try:
        hours = [parse_duration(v) for v in values]
    except (PermitflowError, TypeError, ValueError):
        return value
    mean = sum(hours) / len(hours)
    sd = (sum((h - mean) ** 2 for h in hours) / len(hours)) ** 0.5
    out = {k: v for k, v in value.items() if k != "values"}
    return {**out, "mean": format_duration(float(f"{mean:.4g}")), "sd": format_duration(float(f"{sd:.4g}"))}


def _canonical_duration(value: Any) -> Any:
    return _canonical_duration_text(value) if isinstance(value, str) else _canonical(value)


@lru_cache(maxsize=4096)
def _canonical_duration_text(value: str) -> Any:
    # an N-way comparison asks for the same few texts in every pair: parse each once
    return _canonical(value)


def _canonical(value: Any) -> Any:
    if not is_duration_text(value):
        return value
    try:
        return format_duration(parse_duration(value))
    except PermitflowError:
        return value


def alike_shapes(a: Mapping[str, str], b: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Two steps' flattened parameters with a time one side writes as a value (``duration: 1h``) and the other as
    a distribution (``duration.dist``, ``.mean`` ...) both as distributions, the value as a fixed one: else the
    value side read "duration is not set" beside "1h" on the line above "duration.dist is lognormal" (found by QA,
    qawalk, Landskrona's registration against a model of one's own).

    >>> alike_shapes({"duration": "1h"}, {"duration.dist": "lognormal", "duration.mean": "30m"})[0]
    {'duration.dist': 'fixed', 'duration.value': '1h'}
    >>> alike_shapes({"duration": "1h"}, {"duration": "2h"})
    ({'duration': '1h'}, {'duration': '2h'})
    """
    out = (dict(a), dict(b))
    for head in _TIME_KEYS:
        for one, other in (out, out[::-1]):
            if head in one and any(k.startswith(head + ".") for k in other):
                one[f"{head}.dist"], one[f"{head}.value"] = "fixed", one.pop(head)
    return out


def flatten(value: Any, prefix: str = "") -> dict[str, str]:
    """Leaves of a nested mapping as ``dotted.path -> text``; provenance keys dropped.

    >>> flatten({"duration": {"dist": "fixed", "value": "3h"}, "assumption": "guess"})
    {'duration.dist': 'fixed', 'duration.value': '3h'}
    >>> flatten({"per_year": 112.3, "interval": {"what": "95 % exact Poisson", "per_year": [98.0, 128.1]}})
    {'per_year': '112.3'}
    """
    out: dict[str, str] = {}
    if isinstance(value, Mapping):
        for k, v in value.items():
            if str(k) in PROVENANCE_KEYS:
                continue
            out.update(flatten(v, f"{prefix}.{k}" if prefix else str(k)))
    elif isinstance(value, (list, tuple)):
        out[prefix] = ", ".join(value_text(v) for v in value)
    else:
        out[prefix] = value_text(value)
    return out


def value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {value_text(v)}" for k, v in value.items() if str(k) not in PROVENANCE_KEYS)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(value_text(v) for v in value) + "]"
    if value is None:
        return "none"
    return str(value)


_ISO = re.compile(
    r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)


def canonical_timer(timer: str) -> str:
    """A timer text in a form where equal durations compare equal (P2W == P14D == P14DT0H).

    Years and months stay as they are (calendar lengths vary); weeks, days, hours,
    minutes and seconds become seconds. Texts that are not ISO 8601 durations are
    compared as written (white space removed). A timer with no expression (an empty
    ``<timeDate/>``, or none) says nothing about time: it is "", as no timer is.

    >>> canonical_timer("timeDuration=P2W") == canonical_timer("timeDuration=P14D")
    True
    >>> canonical_timer("timeDate=") == canonical_timer("timer=") == ""
    True
    """
    return _canonical_timer(timer)


@lru_cache(maxsize=4096)
def _canonical_timer(timer: str) -> str:
    # asked for every matched step of every pair of an N-way comparison: each text once
    parts = []
    for part in timer.split(";"):
        kind, _, expr = part.strip().partition("=")
        if not expr.strip():
            continue
        match = _ISO.match(expr.strip().upper())
        if match and any(match.groups()):
            y, mo, w, d, h, mi, s = (float(g) if g else 0.0 for g in match.groups())
            seconds = (((w * 7 + d) * 24 + h) * 60 + mi) * 60 + s
            parts.append(f"{kind}={y:g}Y{mo:g}M{seconds:g}S")
        else:
            parts.append(f"{kind}={''.join(expr.split())}")
    return ";".join(parts) if timer else ""
