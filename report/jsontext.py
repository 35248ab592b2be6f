"""JSON text of a results document, the same characters as ``json.dumps(doc, indent=1, ...)``, faster.

``summary.json`` of the bundled study is about 7 MB, most of it lists of floats (each figure's
value per replication). With ``indent`` the standard library encodes in pure Python, one
generator step per value: about a second of CPU after the last work unit, while the run waits.
:func:`json_text` writes the same text with one ``join`` per list of plain floats and falls
back to :func:`json.dumps` itself for anything it does not know (another type, a non-text key,
a value JSON cannot hold), so errors and every unusual case stay exactly the standard ones.

>>> doc = {"a": [1.5, 2.0], "b": {"c": None, "d": "é"}, "e": [], "f": [True, 3]}
>>> json_text(doc) == json.dumps(doc, indent=1, ensure_ascii=False, allow_nan=False, default=str)
True

:func:`json_plain` says whether reading the text back gives the document itself (value for value,
type for type), so that a run's report can read the document it has instead of the file's text.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any

__all__ = ["json_text", "json_plain"]

_quote = json.encoder.encode_basestring  # the C escaper when available, as json.dumps uses with ensure_ascii=False
_float = float.__repr__
_int = int.__repr__


class _Unusual(Exception):
    """Something :func:`json.dumps` should decide (its ``default``, its errors)."""


def json_text(doc: Any) -> str:
    """``json.dumps(doc, indent=1, ensure_ascii=False, allow_nan=False, default=str)``, the same text."""
    try:
        return _text(doc, 0)
    except (_Unusual, RecursionError):
        return json.dumps(doc, indent=1, ensure_ascii=False, allow_nan=False, default=str)


def _finite(value: float) -> str:
    if not math.isfinite(value):
        raise _Unusual  # json.dumps raises its own error for it
    return _float(value)


#: exact types of the leaves and their text (a subclass goes the long way, as json.encoder treats it)
_LEAF: dict[type, Any] = {
    str: _quote,
    float: _finite,
    int: _int,
    bool: lambda v: "true" if v else "false",
    type(None): lambda _v: "null",
}


def _text(value: Any, level: int) -> str:
    leaf = _LEAF.get(type(value))
    if leaf is not None:
        return leaf(value)  # type: ignore[no-any-return]
    # the order of json.encoder's checks: text, null, booleans, integers, floats, lists, objects
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, int):  # bool is an exact type above; an int subclass writes as an int
        return _int(value)
    if isinstance(value, float):
        return _finite(value)
    if isinstance(value, (list, tuple)):
        return _list(value, level)
    if isinstance(value, dict):
        return _object(value, level)
    raise _Unusual  # json.dumps applies default=str


def _list(values: list[Any] | tuple[Any, ...], level: int) -> str:
    if not values:
        return "[]"
    inner = "\n" + " " * (level + 1)
    body: Iterable[str]
    if set(map(type, values)) == {float} and all(map(math.isfinite, values)):
        body = map(_float, values)
    else:
        body = (_text(v, level + 1) for v in values)
    return "[" + inner + ("," + inner).join(body) + "\n" + " " * level + "]"


def _object(mapping: dict[Any, Any], level: int) -> str:
    if not mapping:
        return "{}"
    inner = "\n" + " " * (level + 1)
    if not all(type(key) is str for key in mapping):
        raise _Unusual  # json.dumps turns numbers and booleans into text keys, refuses others
    body = (_quote(key) + ": " + _text(v, level + 1) for key, v in mapping.items())
    return "{" + inner + ("," + inner).join(body) + "\n" + " " * level + "}"


_NONE = type(None)
#: exact types of the leaves that JSON text gives back as they are (a float: when finite)
_PLAIN_LEAVES = frozenset({str, int, bool, _NONE})


def json_plain(doc: Any) -> bool:
    """Whether ``json.loads(json_text(doc))`` gives back ``doc`` itself: only dicts with text keys
    and lists (no tuples), text, integers, booleans, ``None`` and finite floats, each of its exact
    type (a subclass or anything else goes through ``default=str`` or changes type on the way).

    >>> json_plain({"a": [1.5, None, {"b": True}], "c": "é"}), json_plain({"a": (1, 2)}), json_plain([float("nan")])
    (True, False, False)
    """
    try:
        return _plain(doc)
    except RecursionError:
        return False


def _plain(value: Any) -> bool:
    kind = type(value)
    if kind is dict:
        return all(type(key) is str for key in value) and all(map(_plain, value.values()))
    if kind is list:
        kinds = set(map(type, value))
        if kinds <= {float, _NONE}:  # a figure's values per replication: checked in one pass
            return all(map(math.isfinite, value)) if _NONE not in kinds else all(
                v is None or math.isfinite(v) for v in value)
        return all(map(_plain, value))
    if kind is float:
        return math.isfinite(value)
    return kind in _PLAIN_LEAVES
