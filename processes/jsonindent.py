"""Indented JSON text, the bytes of ``json.dumps(obj, ensure_ascii=False, indent=2)``, faster.

Python's ``json`` has no C encoder for indented output: with ``indent`` it runs its pure-Python
generator, about 2.4 microseconds a value (``permitflow compare --format json`` of ten 50-step
models: 2.3 MB, 0.16 CPU s). :func:`dumps_indented` builds the same text by joining each
container's lines, with the C string escaper and each key's ``"key": `` made once per text:
about half the time (bench/RESULTS-diff.md "Branch cold3").

It handles exactly ``dict`` (``str`` keys), ``list``, ``tuple``, ``str``, ``int``, finite ``float``,
``bool`` and ``None``; a text with anything else (another key type, a subclass such as an enum,
NaN or an infinity, a circular reference) is handed whole to ``json.dumps`` with the same
arguments, so the result, or the error, is always the standard library's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from json.encoder import encode_basestring  # the C escaper where there is one (ensure_ascii=False)
from typing import Any

__all__ = ["dumps_indented"]

_float_repr = float.__repr__
_int_repr = int.__repr__


class _Other(Exception):
    """A value this writer leaves to ``json.dumps``."""


class _Keys(dict[Any, str]):
    """Each key's ``"key": ``, made the first time it is asked for; and the ids of the dicts
    ``shared`` by several places of the text with the texts made of them (by id and depth)."""

    shared: set[int]
    texts: dict[tuple[int, int], str]

    def __missing__(self, key: Any) -> str:
        if type(key) is not str:
            raise _Other
        text = self[key] = encode_basestring(key) + ": "
        return text


def _scalar(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return encode_basestring(value)  # type: ignore[no-any-return]
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return _int_repr(value)
    if kind is float:
        text = _float_repr(value)
        if text in ("nan", "inf", "-inf"):
            raise _Other
        return text
    raise _Other


def _container(value: Any, indent: str, keys: _Keys) -> str:
    kind = type(value)
    inner = indent + "  "
    parts = []
    if kind is dict:
        if not value:
            return "{}"
        if keys.shared and id(value) in keys.shared:
            # a dict the caller says occurs more than once: its text at this depth made once
            found = keys.texts.get((id(value), len(indent)))
            if found is None:
                keys.shared.discard(id(value))  # (not asked again while it is written)
                found = keys.texts[(id(value), len(indent))] = _container(value, indent, keys)
                keys.shared.add(id(value))
            return found
        for key, item in value.items():
            of = type(item)
            if of is str:
                parts.append(keys[key] + encode_basestring(item))
            elif of is dict or of is list or of is tuple:
                parts.append(keys[key] + _container(item, inner, keys))
            else:
                parts.append(keys[key] + _scalar(item))
        return "{\n" + inner + (",\n" + inner).join(parts) + "\n" + indent + "}"
    if not value:
        return "[]"
    for item in value:
        of = type(item)
        if of is str:
            parts.append(encode_basestring(item))
        elif of is dict or of is list or of is tuple:
            parts.append(_container(item, inner, keys))
        else:
            parts.append(_scalar(item))
    return "[\n" + inner + (",\n" + inner).join(parts) + "\n" + indent + "]"


def dumps_indented(obj: Any, *, shared: Iterable[Any] = ()) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2)``, byte for byte (module doc).

    ``shared``: dicts that occur in several places of ``obj`` (the same object; an N-way
    comparison's model in each of its pairs): each one's text is made once per depth. They
    must not change while this runs (nothing else may either)."""
    try:
        if type(obj) in (dict, list, tuple):
            keys = _Keys()
            keys.shared = {id(d) for d in shared if type(d) is dict}
            keys.texts = {}
            return _container(obj, "", keys)
        return _scalar(obj)
    except (_Other, RecursionError):
        return json.dumps(obj, ensure_ascii=False, indent=2)
