"""Text a tool wrote in the wrong encoding, read as it was meant: the labels the comparison matches by and
the names every command shows people (found by QA: diff showed "Rechnung klÃƒÂ¤ren" as written where the
comparison matched "Rechnung klären"; later render and show still drew and listed the garbled name while diff
repaired it).

- :func:`repair_mojibake`: one text; :mod:`processes.diff.view` reads every step's name through it.
- :func:`readable_names`: a whole model with every ``name`` repaired, what ``show`` and ``render`` read, so
  all commands give one reading. Ids and everything else stay as written; a file written back keeps its bytes
  only when nothing needed repair (the commands that write models do not call it).

A module of its own, light: the view of a model needs it, not the lexicon.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar

from processes.frozenmap import FrozenMap

__all__ = ["repair_mojibake", "readable_names"]

T = TypeVar("T")

_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as Windows-1252 (or Latin-1), up to three times, and a
    ``\\uXXXX`` escape a tool wrote as text (Visual Paradigm 11.1: "Rechnung kl\\u00e4ren").

    Only applied while the text shows the tell-tale "Ã"/"Â" and the bytes decode as UTF-8,
    so correct text (even with those letters) stays as it is; an escape only as a backslash, "u"
    and four hexadecimal digits.

    >>> repair_mojibake("Rechnung klÃƒÂ¤ren")
    'Rechnung klären'
    >>> repair_mojibake("Ärende")
    'Ärende'
    >>> repair_mojibake(r"Rechnung kl\\u00e4ren"), repair_mojibake(r"C:\\users") == r"C:\\users"
    ('Rechnung klären', True)
    """
    if "\\u" in text:
        text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    for _ in range(3):
        if "Ã" not in text and "Â" not in text:
            break
        for codec in ("cp1252", "latin-1"):
            try:
                text = text.encode(codec).decode("utf-8")
                break
            except UnicodeError:
                continue
        else:
            break
    return text


def readable_names(model: T) -> tuple[T, int]:
    """``model`` (any frozen dataclass of the model: Definitions, Process, ...) with every ``name`` and
    ``names`` entry repaired by :func:`repair_mojibake`, and how many names that changed.

    Unchanged parts are returned as they were (the same objects): a model without garbled names costs a walk.

    >>> from processes.model import Task
    >>> task, repaired = readable_names(Task(id="T", name="Rechnung klÃƒÂ¤ren"))
    >>> task.id, task.name, repaired
    ('T', 'Rechnung klären', 1)
    """
    repaired, count = _walk(model)
    return repaired, count


#: the fields that hold a name people read (``names``: the name per language; an event's link name)
_NAME_FIELDS = frozenset({"name", "names", "link_name"})


def _walk(value: Any, is_name: bool = False) -> tuple[Any, int]:
    """``value`` repaired where it is a name (text below a name field), and how many names changed; ids,
    references and serialized XML are never touched."""
    if isinstance(value, str):
        fixed = repair_mojibake(value) if is_name else value
        return fixed, int(fixed != value)
    if isinstance(value, tuple):
        parts = [_walk(v, is_name) for v in value]
        changed = sum(c for _, c in parts)
        return (tuple(v for v, _ in parts) if changed else value), changed
    if isinstance(value, FrozenMap):
        walked = {k: _walk(v, is_name) for k, v in value.items()}
        changed = sum(c for _, c in walked.values())
        return (FrozenMap({k: v for k, (v, _) in walked.items()}) if changed else value), changed
    if not is_dataclass(value) or isinstance(value, type):
        return value, 0
    changes: dict[str, Any] = {}
    count = 0
    for f in fields(value):
        if f.init:
            fixed, n = _walk(getattr(value, f.name), f.name in _NAME_FIELDS)
            if n:
                changes[f.name], count = fixed, count + n
    return (replace(value, **changes) if changes else value), count
