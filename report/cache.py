"""The per-work-unit cache of a results folder (``DIR/.cache``): plain data that cannot run code.

A results folder may come from someone else, so nothing in it is loaded in a way
that could execute code: each finished work unit is one JSON file,
``.cache/<key[:2]>/<key>.json``::

    {"format": "permitflow-unit/1", "key": "<the unit's key>", "sha256": "<of the result>",
     "result": {"figures": [[name, value], ...], "cases": [[cell, ...], ...],
                "eventlogs": [[process, csv text, xes as base64], ...]}}

On reading, the entry must name the key it was asked for, its ``sha256`` must be
the hash of its ``result`` and every value must have the expected shape and type;
anything else (a truncated file, another unit's entry, an old pickle, a hand-edited
value that breaks the hash) is treated as missing, so the unit is computed again and
its entry rewritten. The hash detects damage, not forgery: a results folder from
someone you do not trust can hold made-up figures, so run it with ``--refresh``.

JSON keeps every number as the program made it (floats round-trip exactly through
``repr``; ``NaN`` is kept), so a run resumed from the cache writes byte-identical files.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from bpmn_io.atomic import write_atomic
from processes.errors import OutputError
from scenarios.execute import UnitResult

__all__ = ["DirectoryCache", "FORMAT", "MAX_ENTRY_BYTES", "encode_unit", "decode_unit"]

FORMAT = "permitflow-unit/1"
#: a larger entry is not read (treated as missing): no work unit's figures, cases and logs come near it
MAX_ENTRY_BYTES = 1 << 30
_KEY = re.compile(r"[0-9a-f]{16,128}")


def _cell(value: Any) -> Any:
    """A case-table cell as JSON keeps it: text, a whole number or a float (numpy scalars made plain)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if hasattr(value, "item"):  # a numpy scalar
        return _cell(value.item())
    raise TypeError(f"a case cell of type {type(value).__name__} cannot be cached")


def encode_unit(result: UnitResult) -> dict[str, Any]:
    """``result`` as plain JSON data."""
    return {
        "figures": [[name, float(value)] for name, value in result.figures],
        "cases": [[_cell(v) for v in row] for row in result.cases],
        "eventlogs": [[process, csv_text, base64.b64encode(xes).decode("ascii")]
                      for process, csv_text, xes in result.eventlogs],
    }


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def decode_unit(data: Any) -> UnitResult | None:
    """The :class:`UnitResult` of :func:`encode_unit`'s data, or ``None`` when any part has the wrong shape."""
    if not isinstance(data, dict) or set(data) != {"figures", "cases", "eventlogs"}:
        return None
    figures, cases, logs = data["figures"], data["cases"], data["eventlogs"]
    if not (isinstance(figures, list) and isinstance(cases, list) and isinstance(logs, list)):
        return None
    if not all(isinstance(f, list) and len(f) == 2 and isinstance(f[0], str) and _is_number(f[1]) for f in figures):
        return None
    if not all(isinstance(row, list) and all(c is None or isinstance(c, str) or _is_number(c) for c in row)
               for row in cases):
        return None
    if not all(isinstance(log, list) and len(log) == 3 and all(isinstance(x, str) for x in log) for log in logs):
        return None
    try:
        eventlogs = tuple((p, text, base64.b64decode(xes, validate=True)) for p, text, xes in logs)
    except (binascii.Error, ValueError):
        return None
    return UnitResult(
        tuple((name, float(value)) for name, value in figures),
        tuple(tuple(row) for row in cases),
        eventlogs,
    )


def _digest(result: Any) -> str:
    text = json.dumps(result, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class DirectoryCache:
    """Finished work units as JSON files under ``folder`` (``DIR/.cache``); see the module text.

    A damaged, mismatched or foreign entry reads as missing (``None``): the unit runs again.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> UnitResult | None:
        """The stored result for ``key``, or ``None`` (missing, damaged or not this key's)."""
        if not _KEY.fullmatch(key):
            return None
        path = self._path(key)
        try:
            if path.is_symlink() or path.parent.is_symlink() or not path.is_file():
                return None
            if path.stat().st_size > MAX_ENTRY_BYTES:
                return None
            entry = json.loads(path.read_bytes())
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
            return None
        result = entry.get("result")
        if entry.get("sha256") != _digest(result):
            return None
        return decode_unit(result)

    def put(self, key: str, value: UnitResult) -> None:
        """Store ``value`` for ``key`` (all or nothing)."""
        if not _KEY.fullmatch(key):
            raise ValueError(f"a cache key is 16-128 lowercase hex digits, not {key!r}")
        if not isinstance(value, UnitResult):
            raise TypeError(f"the cache stores work unit results, not {type(value).__name__}")
        if self._path(key).parent.is_symlink():
            raise OutputError("a symbolic link inside the results folder: refused, a run writes only inside "
                              "its folder", file=str(self._path(key).parent))
        result = encode_unit(value)
        entry = {"format": FORMAT, "key": key, "sha256": _digest(result), "result": result}
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), allow_nan=True)
        write_atomic(self._path(key), data.encode("utf-8"))
