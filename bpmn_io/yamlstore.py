"""Parsed YAML documents kept between runs as plain JSON, so a start-up need not parse them again.

``permitflow library`` reads ten profiles of 20-40 kB; parsing them (and remembering the
line of every key) is most of what the command costs. What :func:`bpmn_io.yamlsrc.load_yaml`
makes of a text depends only on that text, whether aliases are allowed, and the code of the
loader, so the result is kept under the hash of those in the user's cache folder
(:mod:`processes.cachestore`, kind ``yaml``) and read back when the same text comes again.
The folder keeps the :data:`MAX_ENTRIES` most recently written entries.

An entry is two lines: a header ``{"format", "key", "sha256"}`` and the document as JSON.
``key`` is the SHA-256 of the text, the alias rule and the loader's own source (yamlsrc, yamlparse,
yamlpath and the safety scan), so an edited file or another version of permitflow misses;
``sha256`` is that of the second line, so a damaged or hand-edited entry misses too. A miss
parses the text as if there were no store (with every check and error) and rewrites the
entry. JSON holds the data as the loader gives it (str, int, float, bool, None, lists,
mappings); dates and mappings whose keys are not text are tagged objects; a document with
anything else is not kept. Nothing in an entry is executed.

The YAML *text* a resolved profile is written as (what each work unit of a simulation carries,
:func:`scenarios.execute.point_inputs`) is kept the same way (:func:`recall_dump`,
:func:`keep_dump`): under the hash of the data's ``repr`` (types included: ``3``, ``3.0`` and
``"3"`` differ), the dumper's source and PyYAML's own ``__init__.py`` (its version), so a
run that finds it needs neither PyYAML nor its pure-Python emitter.

>>> doc = encode_doc({"a": [1, dt.date(2025, 1, 2)], 3: None}, {("a",): 1, (3,): 2})
>>> decode_doc(doc)
({'a': [1, datetime.date(2025, 1, 2)], 3: None}, {('a',): 1, (3,): 2})
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from processes.cachestore import cache_folder, keep_entry, recall_entry

__all__ = ["FORMAT", "DUMP_FORMAT", "MAX_ENTRIES", "recall", "keep", "recall_dump", "keep_dump",
           "encode_doc", "decode_doc"]

FORMAT = "permitflow-yaml/1"
DUMP_FORMAT = "permitflow-yaml-text/1"
#: entries kept; writing one more removes the oldest quarter (a user editing a profile makes one per save)
MAX_ENTRIES = 400
_DATE = "\x00date"
_ITEMS = "\x00items"
_LOADER_FILES = (*(Path(__file__).with_name(f"yaml{part}.py") for part in ("src", "parse", "path")),
                 Path(__file__).parent.parent / "processes" / "yamlscan.py")
_loader_digest: list[bytes] = []
_dumper_digest: list[bytes] = []


class _NotKept(Exception):
    """A value JSON cannot hold as the loader made it."""


def _loader_code() -> bytes:
    """The loader's identity: a hash of its source files (read once per process)."""
    if not _loader_digest:
        digest = hashlib.sha256(FORMAT.encode())
        for path in _LOADER_FILES:
            digest.update(path.read_bytes())
        _loader_digest.append(digest.digest())
    return _loader_digest[0]


def _dumper_code() -> bytes:
    """The dumper's identity: the loader's files (the dumper lives beside it) and PyYAML's version,
    found without importing PyYAML (its ``__init__.py`` states the version)."""
    if not _dumper_digest:
        from importlib.util import find_spec

        spec = find_spec("yaml")
        if spec is None or spec.origin is None:
            raise OSError("PyYAML not found")
        digest = hashlib.sha256(DUMP_FORMAT.encode() + _loader_code())
        digest.update(Path(spec.origin).read_bytes())
        _dumper_digest.append(digest.digest())
    return _dumper_digest[0]


def _encode(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if kind is list:
        return [_encode(v) for v in value]
    if kind is dict:
        if all(type(k) is str and not k.startswith("\x00") for k in value):
            return {k: _encode(v) for k, v in value.items()}
        return {_ITEMS: [[_encode(k), _encode(v)] for k, v in value.items()]}
    if kind is dt.date:
        return {_DATE: value.isoformat()}
    raise _NotKept(kind.__name__)


def _decode(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if _DATE in obj:
            return dt.date.fromisoformat(obj[_DATE])
        if _ITEMS in obj:
            return {k: v for k, v in obj[_ITEMS]}
    return obj


def encode_doc(data: Any, lines: dict[tuple[Any, ...], int]) -> str:
    """The JSON text of a document's ``data`` and ``lines`` (:class:`_NotKept` if it cannot be kept)."""
    paths = [[[_encode(p) for p in path], line] for path, line in lines.items()]
    return json.dumps({"data": _encode(data), "lines": paths}, ensure_ascii=False, separators=(",", ":"))


def decode_doc(text: str) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """``(data, lines)`` of :func:`encode_doc`'s text; ``ValueError`` when it has another shape."""
    doc = json.loads(text, object_hook=_decode)
    if not isinstance(doc, dict) or set(doc) != {"data", "lines"} or not isinstance(doc["lines"], list):
        raise ValueError("not a kept YAML document")
    lines: dict[tuple[Any, ...], int] = {}
    for item in doc["lines"]:
        path, line = item
        if not isinstance(path, list) or type(line) is not int:
            raise ValueError("not a line table")
        lines[tuple(path)] = line
    return doc["data"], lines


def _place(text: str, aliases: str | None) -> tuple[Path, str] | None:
    """The entry's file and key for ``text``, or ``None`` when it is not kept. Short texts are kept
    too: one parses about as fast as its entry is read, but parsing it needs PyYAML imported (tens of
    ms), and a small model's profile may be the only YAML of a run."""
    folder = cache_folder("yaml")
    if folder is None:
        return None
    try:
        loader = _loader_code()
    except OSError:
        return None
    key = hashlib.sha256(loader + repr(aliases).encode() + b"\x00" + text.encode("utf-8", "surrogatepass")).hexdigest()
    return folder / f"{key[:40]}.json", key


def recall(text: str, aliases: str | None) -> tuple[Any, dict[tuple[Any, ...], int]] | None:
    """``(data, lines)`` an earlier run kept for exactly this text, or ``None``."""
    return recall_entry(_place(text, aliases), FORMAT, decode_doc)


def keep(text: str, aliases: str | None, data: Any, lines: dict[tuple[Any, ...], int]) -> None:
    """Keep what the loader made of ``text`` for the next run (quietly not, when it cannot be kept)."""
    keep_entry(_place(text, aliases), FORMAT, lambda: _doc_body(data, lines), MAX_ENTRIES)


def _doc_body(data: Any, lines: dict[tuple[Any, ...], int]) -> str | None:
    try:
        return encode_doc(data, lines)
    except (_NotKept, RecursionError, ValueError):
        return None


def _dump_place(shown: str) -> tuple[Path, str] | None:
    """The entry's file and key for the text of data whose ``repr`` is ``shown``, or ``None``."""
    folder = cache_folder("yaml")
    if folder is None:
        return None
    try:
        dumper = _dumper_code()
    except (OSError, ImportError, ValueError):
        return None
    key = hashlib.sha256(dumper + shown.encode("utf-8", "surrogatepass")).hexdigest()
    return folder / f"{key[:40]}.json", key


def recall_dump(shown: str) -> str | None:
    """The YAML text an earlier run's :func:`bpmn_io.yamlsrc.dump_yaml` made of data whose ``repr``
    is ``shown`` (:func:`keep_dump`), or ``None``."""
    return recall_entry(_dump_place(shown), DUMP_FORMAT, _dump_text)


def _dump_text(body: str) -> str | None:
    text = json.loads(body)
    return text if type(text) is str else None


def keep_dump(shown: str, text: str) -> None:
    """Keep ``text``, the YAML of data whose ``repr`` is ``shown``, for the next run (a short one
    too: making it again needs PyYAML and its emitter imported)."""
    keep_entry(_dump_place(shown), DUMP_FORMAT, lambda: json.dumps(text, ensure_ascii=False), MAX_ENTRIES)
