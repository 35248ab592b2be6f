"""A Prosimos parameter file read and its shape checked before :func:`prosimos_to_profile` walks it.

The importer reads each section it knows with ``.get`` on what it expects: a section of the wrong
type (``"resource_profiles": "x"``, a resource's ``"amount": "two"``) was an ``AttributeError`` or a
``ValueError`` traceback. Here each is one line naming the JSON path, what is there and what was expected.

>>> check_shape({"resource_profiles": [{"resource_list": [{"amount": "two"}]}]}, source="p.json")
Traceback (most recent call last):
...
processes.errors.InputError: p.json: resource_profiles[0].resource_list[0].amount: 'two' (expected a number)
"""

from __future__ import annotations

import json
import math
from typing import Any

from bpmn_io.simformats.common import WEEKDAY_NAMES, clock_or_nan
from processes.errors import InputError

__all__ = ["read_document", "check_shape"]

NUMBER, TEXT, CLOCK = "a number", "text", "a time of day such as 08:00 or 16:30:00"
WEEKDAY = f"a weekday, one of {', '.join(WEEKDAY_NAMES)}"  # 'FUNDAY' was a ValueError traceback
SHARE = "a probability, a number 0 or more"  # -1 made its gateway's sum negative: 'no probabilities', said
_DISTRIBUTION = {"distribution_name": TEXT}  # its distribution_params: checked by the importer, by position
_PERIODS = [{"from": WEEKDAY, "to": WEEKDAY, "beginTime": CLOCK, "endTime": CLOCK}]

#: the parts the importer reads: a dict is an object of these keys, a list of one item a list of such, a
#: word a leaf of that kind; keys not here are named in the importer's warnings, not read
SHAPE: dict[str, Any] = {
    "resource_calendars": [{"time_periods": _PERIODS}],
    "resource_profiles": [{"resource_list": [{"amount": NUMBER, "cost_per_hour": NUMBER, "calendar": TEXT}]}],
    "task_resource_distribution": [{"resources": [_DISTRIBUTION]}],
    "gateway_branching_probabilities": [{"probabilities": [{"value": SHARE}]}],
    "event_distribution": [_DISTRIBUTION],
    "arrival_time_distribution": _DISTRIBUTION,
    "arrival_time_calendar": _PERIODS,
}


def read_document(data: bytes, *, source: str) -> dict[str, Any]:
    """The JSON object of a Prosimos parameter file's bytes, or one line on what it is instead."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text ({err.reason} at byte {err.start}; save the file as UTF-8)",
                         file=source, line=line) from None
    if not text.strip():
        raise InputError("the file is empty (expected a Prosimos JSON document)", file=source)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"not JSON: {err.msg} at column {err.colno} (expected a Prosimos JSON document)",
                         file=source, line=err.lineno) from None
    except RecursionError:  # arrays nested thousands deep
        raise InputError("not a Prosimos document: JSON nested too deep", file=source) from None
    check_shape(doc, source=source)
    return doc  # type: ignore[no-any-return]


def check_shape(doc: Any, *, source: str) -> None:
    """Refuse the first value of ``doc`` whose type is not what :data:`SHAPE` says (``None``: absent)."""
    if not isinstance(doc, dict):
        raise InputError(f"a Prosimos document is a JSON object (expected keys {', '.join(SHAPE)}), "
                         f"got {_kind(doc)}", file=source)
    if not set(doc) & set(SHAPE):  # {} or another tool's JSON: a profile of nothing, no arrivals, no pools
        raise InputError(f"no Prosimos section in the document (expected at least one of {', '.join(SHAPE)})",
                         file=source)
    _check(doc, SHAPE, "", source)


def _check(value: Any, shape: Any, path: str, source: str) -> None:
    if value is None:
        return
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            raise InputError(f"{path}: {_kind(value)} (expected an object)", file=source)
        for key, inner in shape.items():
            if key in value:
                _check(value[key], inner, f"{path}.{key}" if path else key, source)
    elif isinstance(shape, list):
        if not isinstance(value, list):
            raise InputError(f"{path}: {_kind(value)} (expected a list)", file=source)
        for i, item in enumerate(value):
            _check(item, shape[0], f"{path}[{i}]", source)
    elif shape in (NUMBER, SHARE):
        number = math.nan if isinstance(value, bool) else _number(value)
        if not math.isfinite(number) or (shape == SHARE and number < 0):
            raise InputError(f"{path}: {value!r} (expected {shape})", file=source)
    elif (not isinstance(value, str) or (shape == CLOCK and not _clock(value))
          or (shape == WEEKDAY and value.strip().upper() not in WEEKDAY_NAMES)):
        raise InputError(f"{path}: {value!r} (expected {shape})", file=source)


def _number(value: Any) -> float:
    """``value`` as the importer reads it (``float()``: a number, or text of one as some exports write it),
    nan when it is none."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def _clock(text: str) -> bool:
    return not math.isnan(clock_or_nan(text))


def _kind(value: Any) -> str:
    """``value`` as the error says it: a short one as written, a long one by its JSON type."""
    if isinstance(value, (dict, list)):
        return f"{'an object' if isinstance(value, dict) else 'a list'} of {len(value)}"
    return repr(value)
