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

Given ``float_texts``, :func:`json_text` leaves there the item texts of every list of floats and
nulls it wrote, under the list's ``id``, so that another text of the same document (``summary.csv``'s
values per replication) takes them instead of formatting every float again.

:func:`json_plain` says whether reading the text back gives the document itself (value for value,
type for type), so that a run's report can read the document it has instead of the file's text.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any

__all__ = ["json_text", "json_plain", "FloatTexts"]

_quote = json.encoder.encode_basestring  # the C escaper when available, as json.dumps uses with ensure_ascii=False
_float = float.__repr__
_NONE = type(None)
_int = int.__repr__


class _Unusual(Exception):
    """Something :func:`json.dumps` should decide (its ``default``, its errors)."""


#: the item texts of a document's lists of floats and nulls, ``;`` between them, by the list's ``id``
#: (:func:`json_text`)
FloatTexts = dict[int, str]


def json_text(doc: Any, *, float_texts: FloatTexts | None = None) -> str:
    """``json.dumps(doc, indent=1, ensure_ascii=False, allow_nan=False, default=str)``, the same text.

    ``float_texts``: filled with the texts of the items (``null`` for ``None``), ``;`` between them,
    of every list of finite floats and nulls in ``doc``, under ``id(list)``; valid while ``doc``
    lives unchanged.

    >>> texts: FloatTexts = {}
    >>> values = [0.5, None, 2.0]
    >>> json_text({"v": values}, float_texts=texts) == '{\\n "v": [\\n  0.5,\\n  null,\\n  2.0\\n ]\\n}'
    True
    >>> texts[id(values)]
    '0.5;null;2.0'
    """
    try:
        return _text(doc, 0, float_texts)
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


def _text(value: Any, level: int, float_texts: FloatTexts | None) -> str:
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
        return _list(value, level, float_texts)
    if isinstance(value, dict):
        return _object(value, level, float_texts)
    raise _Unusual  # json.dumps applies default=str


def _list(values: list[Any] | tuple[Any, ...], level: int, float_texts: FloatTexts | None) -> str:
    if not values:
        return "[]"
    inner = "\n" + " " * (level + 1)
    body: Iterable[str] = _float_items(values) or (_text(v, level + 1, float_texts) for v in values)
    if float_texts is not None and isinstance(body, list):
        float_texts[id(values)] = ";".join(body)  # one text per list: kept cheaply, ``;`` never in a float's
    return "[" + inner + ("," + inner).join(body) + "\n" + " " * level + "]"


def _float_items(values: list[Any] | tuple[Any, ...]) -> list[str] | None:
    """The item texts of a list of finite floats and nulls (a figure's values per replication), or
    ``None`` for any other list."""
    kinds = set(map(type, values))
    if kinds == {float}:
        return list(map(_float, values)) if all(map(math.isfinite, values)) else None
    if kinds == {float, _NONE} and all(v is None or math.isfinite(v) for v in values):
        return ["null" if v is None else _float(v) for v in values]
    return None


def _object(mapping: dict[Any, Any], level: int, float_texts: FloatTexts | None) -> str:
    if not mapping:
        return "{}"
    inner = "\n" + " " * (level + 1)
    if not all(type(key) is str for key in mapping):
        raise _Unusual  # json.dumps turns numbers and booleans into text keys, refuses others
    body = (_quote(key) + ": " + _text(v, level + 1, float_texts) for key, v in mapping.items())
    return "{" + inner + ("," + inner).join(body) + "\n" + " " * level + "}"


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
