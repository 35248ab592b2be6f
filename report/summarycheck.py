"""A results folder's files as ``permitflow report`` reads them: checked, each problem one line.

``summary.json`` may come from anywhere (a folder mailed by a colleague, a
half-copied one, one edited by hand): :func:`read_summary_file` refuses what is
not JSON, not UTF-8, or not shaped as ``permitflow run`` writes it, naming the
file and the key path, before any HTML is rendered.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bpmn_io.userfile import read_user_file
from processes.errors import InputError

__all__ = ["read_summary_file", "read_cases_file", "MAX_SUMMARY_BYTES"]

#: the largest summary.json or cases.csv a report reads
MAX_SUMMARY_BYTES = 512 * 1024 * 1024

_Check = Callable[[Any], bool]


def _number(value: Any) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _list_of(check: _Check) -> _Check:
    return lambda value: isinstance(value, list) and all(check(v) for v in value)


_FIGURE = {"mean": _number, "ci": _list_of(_number), "replications": _list_of(_number)}
_POINT = {"label": lambda v: isinstance(v, str), "failures": lambda v: isinstance(v, list),
          "figures": lambda v: isinstance(v, dict), "comparison": lambda v: v is None or isinstance(v, dict)}
_FAILURE = {"scenario": lambda v: isinstance(v, str), "message": lambda v: isinstance(v, str)}
_SCENARIO = {"name": lambda v: isinstance(v, str), "members": _list_of(lambda v: isinstance(v, str)),
             "points": lambda v: isinstance(v, list)}


def read_summary_file(path: Path) -> dict[str, Any]:
    """The checked document of ``summary.json`` at ``path``."""
    source = str(path)
    data = read_user_file(path, what="summary.json", max_bytes=MAX_SUMMARY_BYTES)
    try:
        doc = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 text ({err.reason} at byte {err.start})", file=source) from None
    except json.JSONDecodeError as err:
        raise InputError(f"not valid JSON: {err.msg} (column {err.colno}); expected the summary.json "
                         "that permitflow run writes", file=source, line=err.lineno) from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply", file=source) from None
    if not isinstance(doc, dict):
        raise InputError(f"expected a JSON object with 'scenarios', not {type(doc).__name__}", file=source)
    _expect(doc, "scenarios", lambda v: isinstance(v, list), "a list", source, "")
    for i, scenario in enumerate(doc["scenarios"]):
        where = f"scenarios[{i}]"
        _object(scenario, where, source)
        for key, check in _SCENARIO.items():
            _expect(scenario, key, check, _WHAT[key], source, where)
        for j, point in enumerate(scenario["points"]):
            at = f"{where}.points[{j}]"
            _object(point, at, source)
            for key, check in _POINT.items():
                _expect(point, key, check, _WHAT[key], source, at)
            for name, figure in point["figures"].items():
                _object(figure, f"{at}.figures.{name}", source)
                for key, check in _FIGURE.items():
                    _expect(figure, key, check, _WHAT[key], source, f"{at}.figures.{name}")
    for key in ("compare", "failures"):
        if not isinstance(doc.get(key) or [], list):
            raise InputError("expected a list", file=source, path=key)
    for i, failure in enumerate(doc.get("failures") or []):
        _object(failure, f"failures[{i}]", source)
        for key, check in _FAILURE.items():
            _expect(failure, key, check, _WHAT[key], source, f"failures[{i}]")
        # "point", the failed sweep point's index, came later: a summary.json without it reads
        if "point" in failure and not _index(failure["point"]):
            raise InputError(f"expected {_WHAT['point']}, not {type(failure['point']).__name__}", file=source,
                             path=f"failures[{i}].point")
    return doc


def _index(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


_WHAT = {"name": "a text", "label": "a text", "scenario": "a text", "message": "a text",
         "point": "a sweep point's index (0, 1, ...)", "members": "a list of texts", "points": "a list",
         "failures": "a list", "figures": "an object", "comparison": "an object or null",
         "mean": "a number or null", "ci": "a list of numbers", "replications": "a list of numbers"}


def _object(value: Any, where: str, source: str) -> None:
    if not isinstance(value, dict):
        raise InputError(f"expected an object, not {type(value).__name__}", file=source, path=where)


def _expect(doc: dict[str, Any], key: str, check: _Check, what: str, source: str, where: str) -> None:
    path = f"{where}.{key}" if where else key
    if key not in doc:
        raise InputError(f"missing key '{key}' (expected {what})", file=source, path=path)
    if not check(doc[key]):
        raise InputError(f"expected {what}, not {type(doc[key]).__name__}", file=source, path=path)


def read_cases_file(path: Path) -> list[dict[str, str]]:
    """The rows of ``cases.csv`` at ``path`` (empty when there is none)."""
    if not path.exists():
        return []
    data = read_user_file(path, what="cases.csv", max_bytes=MAX_SUMMARY_BYTES)
    try:
        return list(csv.DictReader(data.decode("utf-8").splitlines()))
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 text ({err.reason} at byte {err.start})", file=str(path)) from None
    except csv.Error as err:
        raise InputError(f"not a valid CSV file: {err}", file=str(path)) from None
