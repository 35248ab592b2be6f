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

The cache grows with every run of other scenarios, sweeps or code versions (the key holds
them all), so a run whose units all finished records their keys in ``.cache/last-run``
(:func:`record_run`), and :func:`prune` removes the entries it did not use: those of earlier runs
and code versions. An entry written or read after that record (by a run stopped half-way since)
is kept too, as the record was made before it; :func:`cache_usage` counts both. Prune only while
holding the folder's lock (:func:`report.folder.locked`): no run is using the cache then.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bpmn_io.atomic import write_atomic
from processes.errors import OutputError
from scenarios.execute import UnitResult

__all__ = ["DirectoryCache", "FORMAT", "MAX_ENTRY_BYTES", "RUN_RECORD", "CacheUsage", "encode_unit", "decode_unit",
           "record_run", "cache_usage", "prune"]

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
        try:  # read by this run: newer than the last run's record, so not pruned (a read-only folder: as it was)
            os.utime(path)
        except OSError:
            pass
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


#: the keys of the last run whose units all finished, in ``.cache/``
RUN_RECORD = "last-run"  # JSON, but not named *.json: a count of the entries (`find -name "*.json"`) stays true
_RUN_FORMAT = "permitflow-cache-run/1"
_ENTRY = re.compile(r"([0-9a-f]{16,128})\.json")


def record_run(folder: Path, keys: Iterable[str]) -> None:
    """Record ``keys`` (every work unit of a run that finished them all) in ``folder`` (``DIR/.cache``)."""
    doc = {"format": _RUN_FORMAT, "keys": sorted(set(keys))}
    write_atomic(Path(folder) / RUN_RECORD, json.dumps(doc, indent=0).encode("utf-8"))


def _recorded(folder: Path) -> tuple[frozenset[str], int] | None:
    """The keys of :data:`RUN_RECORD` and when it was written (ns), or ``None`` (none, or damaged)."""
    path = folder / RUN_RECORD
    try:
        if path.is_symlink():
            return None
        doc = json.loads(path.read_bytes())
        written = path.stat().st_mtime_ns
    except (OSError, ValueError, RecursionError):
        return None
    keys = doc.get("keys") if isinstance(doc, dict) and doc.get("format") == _RUN_FORMAT else None
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        return None
    return frozenset(keys), written


def _entries(folder: Path) -> list[tuple[Path, str, os.stat_result]]:
    """Every entry file of the cache ``folder``: (path, key, its stat); nothing else, nothing through a link."""
    found: list[tuple[Path, str, os.stat_result]] = []
    if not folder.is_dir() or folder.is_symlink():
        return found
    for sub in sorted(folder.iterdir()):
        if len(sub.name) != 2 or sub.is_symlink() or not sub.is_dir():
            continue
        for entry in sorted(sub.iterdir()):
            match = _ENTRY.fullmatch(entry.name)
            if match and match.group(1).startswith(sub.name) and not entry.is_symlink() and entry.is_file():
                found.append((entry, match.group(1), entry.stat()))
    return found


@dataclass(frozen=True, slots=True)
class CacheUsage:
    """The entries of a cache and their bytes; ``kept``: those :func:`prune` keeps (used by the last recorded
    run, or written or read since); ``recorded``: whether a run is recorded (without one, prune keeps all)."""

    entries: int
    size: int
    kept: int
    kept_size: int
    recorded: bool

    @property
    def stale(self) -> int:
        """The entries :func:`prune` removes."""
        return self.entries - self.kept

    @property
    def stale_size(self) -> int:
        """Their bytes."""
        return self.size - self.kept_size


def _kept(entries: list[tuple[Path, str, os.stat_result]], record: tuple[frozenset[str], int] | None) -> list[bool]:
    if record is None:
        return [True] * len(entries)
    keys, written = record
    return [key in keys or stat.st_mtime_ns > written for _path, key, stat in entries]


def cache_usage(folder: Path) -> CacheUsage:
    """How many entries the cache ``folder`` holds, their bytes, and how many of them :func:`prune` keeps."""
    folder = Path(folder)
    entries = _entries(folder)
    record = _recorded(folder)
    kept = _kept(entries, record)
    return CacheUsage(len(entries), sum(st.st_size for _p, _k, st in entries), sum(kept),
                      sum(st.st_size for (_p, _k, st), keep in zip(entries, kept, strict=True) if keep),
                      record is not None)


def prune(folder: Path, *, everything: bool = False) -> CacheUsage:
    """Remove the entries of the cache ``folder`` that :func:`cache_usage` does not count as kept (all of them
    and the record: ``everything``); what it held before. Only while holding the results folder's lock."""
    folder = Path(folder)
    before = cache_usage(folder)
    entries = _entries(folder)
    kept = [False] * len(entries) if everything else _kept(entries, _recorded(folder))
    for (path, _key, _stat), keep in zip(entries, kept, strict=True):
        if not keep:
            path.unlink(missing_ok=True)
    if everything:
        (folder / RUN_RECORD).unlink(missing_ok=True)
    for sub in {path.parent for path, _k, _s in entries}:
        try:
            sub.rmdir()  # when empty
        except OSError:
            pass
    return before
