"""Parsed processes kept between runs as plain JSON, so a simulation need not load the XML reader.

``permitflow simulate helsingborg`` parses a 100 kB BPMN file on every start: importing lxml
and the reader and parsing cost about 50 CPU ms of a command that should start in well
under a second. What :func:`bpmn_io.reader.parse_bpmn` makes of a text depends only on the
text, its source name and the code, so the parsed :class:`processes.model.Process` is kept
in the user's cache folder (:mod:`processes.cachestore`, kind ``model``) under the SHA-256 of
those (the code as :func:`scenarios.execute.code_version` hashes it: the reader and the model
classes are part of it) and built from the entry when the same text comes again.

An entry is two lines, as in :mod:`bpmn_io.yamlstore`: a header ``{"format", "key",
"sha256"}`` (``sha256`` of the second line, so a damaged or edited entry misses) and the
process as JSON. A model object is ``{"\\u0000c": class name, "v": [field values]}``, built
again by calling that class, which must be one of the model's dataclasses (nothing else is
ever looked up, nothing is executed); a ``FrozenMap`` is ``{"\\u0000m": [[key, value], ...]}``
in its order; a tuple is a JSON list. A process is only kept when what the entry gives back
equals it, so a miss costs a parse and never a different model.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

import processes.model as model
from processes.cachestore import UNREADABLE, cache_folder, keep_entry, recall_entry
from processes.errors import PermitflowError
from processes.frozenmap import FrozenMap

__all__ = ["FORMAT", "MAX_ENTRIES", "recall", "keep", "encode_process", "decode_process", "decode"]

FORMAT = "permitflow-process/1"
#: entries kept; writing one more removes the oldest quarter
MAX_ENTRIES = 200
_CLASS = "\x00c"
_MAP = "\x00m"

#: the classes an entry may name: the model's own dataclasses, by name
_CLASSES: dict[str, type] = {
    name: value for name, value in vars(model).items()
    if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == model.__name__
}
_FIELDS: dict[type, tuple[str, ...]] = {}


class _NotKept(Exception):
    """A value the entry format does not hold."""


def _field_names(kind: type) -> tuple[str, ...]:
    names = _FIELDS.get(kind)
    if names is None:
        fields = dataclasses.fields(kind)
        if any(not f.init for f in fields):
            raise _NotKept(kind.__name__)
        names = _FIELDS[kind] = tuple(f.name for f in fields)
    return names


def _encode(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if kind is tuple:
        return [_encode(v) for v in value]
    if kind is FrozenMap:
        return {_MAP: [[_encode(k), _encode(v)] for k, v in value.items()]}
    if _CLASSES.get(kind.__name__) is kind:
        return {_CLASS: kind.__name__, "v": [_encode(getattr(value, name)) for name in _field_names(kind)]}
    raise _NotKept(kind.__name__)


def decode(value: Any) -> Any:
    if type(value) is list:
        return tuple(decode(v) for v in value)
    if type(value) is dict:
        if set(value) == {_MAP}:
            return FrozenMap((decode(k), decode(v)) for k, v in value[_MAP])
        kind = _CLASSES.get(value.get(_CLASS))  # type: ignore[arg-type]
        if kind is None or set(value) != {_CLASS, "v"} or type(value["v"]) is not list:
            raise ValueError("not a kept model object")
        names = _field_names(kind)
        if len(names) != len(value["v"]):
            raise ValueError(f"{kind.__name__}: another number of fields")
        return kind(**{name: decode(v) for name, v in zip(names, value["v"], strict=True)})
    return value


def encode_process(process: model.Process) -> str:
    """The JSON text of ``process`` (:class:`_NotKept` when it holds anything else than model data)."""
    return json.dumps(_encode(process), ensure_ascii=False, separators=(",", ":"))


def decode_process(text: str) -> model.Process:
    """The process :func:`encode_process` wrote; ``ValueError`` (or ``TypeError``) for any other text."""
    process = decode(json.loads(text))
    if type(process) is not model.Process:
        raise ValueError("not a kept process")
    return process


def _place(bpmn: str, source: str, code: str) -> tuple[Path, str] | None:
    folder = cache_folder("model")
    if folder is None:
        return None
    digest = hashlib.sha256(f"{FORMAT}\x00{code}\x00{source}\x00".encode("utf-8", "surrogatepass"))
    digest.update(bpmn.encode("utf-8", "surrogatepass"))
    key = digest.hexdigest()
    return folder / f"{key[:40]}.json", key


def recall(bpmn: str, source: str, code: str) -> model.Process | None:
    """The process an earlier run parsed from exactly this text, source name and code, or ``None``."""
    return recall_entry(_place(bpmn, source, code), FORMAT, decode_process, (*UNREADABLE, PermitflowError))


def keep(bpmn: str, source: str, code: str, process: model.Process) -> None:
    """Keep ``process``, parsed from ``bpmn``, for the next run (quietly not, when it cannot be kept)."""
    keep_entry(_place(bpmn, source, code), FORMAT, lambda: _kept_body(process), MAX_ENTRIES)


def _kept_body(process: model.Process) -> str | None:
    """``process`` as an entry's body, or ``None`` when what the body gives back would differ."""
    try:
        body = encode_process(process)
        return body if decode_process(body) == process else None
    except (_NotKept, RecursionError, ValueError, TypeError, PermitflowError):
        return None
