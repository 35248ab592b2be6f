"""The authoring document (plain mappings, lists and scalars) written as block YAML text.

Deterministic, and short flat mappings and lists go on one line up to 110 characters; a scalar is written
plain only when it loads back as the same string (not a bool, date or number: :func:`_reads_back`), else
double-quoted with escapes. Its own module because it knows YAML's syntax and nothing of models:
:mod:`bpmn_io.authoring_write` builds the document it writes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

from processes.errors import InputError

__all__ = ["emit"]

_WIDTH = 110
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}#:\n\r\t]*")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and _reads_back(text):
        return text
    return _quoted(text)


def _printable(ch: str) -> bool:
    """Characters YAML allows as they are inside a double-quoted scalar (no line breaks)."""
    code = ord(ch)
    return (0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000) and \
        code not in (0x2028, 0x2029, 0xFEFF)


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar; anything not printable as is becomes an escape."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif _printable(ch):
            out.append(ch)
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


@lru_cache(maxsize=4096)
def _reads_back(text: str) -> bool:
    """Whether ``text`` written plain loads back as the same string (not a bool, date, number ...).

    Parsed directly, not through :func:`bpmn_io.yamlsrc.load_yaml`'s user cache: a model of 20,000 steps asks this of
    every label, and each cached answer was a file written and a folder pruned (4,000 tasks took 69 CPU
    s to write as YAML, against 0.4 s for the BPMN)."""
    from .yamlparse import parse

    try:
        return parse(f"k: {text}\n", source="<scalar>", aliases=None)[0] == {"k": text}
    except (InputError, yaml.YAMLError):
        return False


def _is_flat(value: Any) -> bool:
    if isinstance(value, dict):
        return all(not isinstance(v, (dict, list)) or not v or (isinstance(v, dict) and _is_flat(v))
                   for v in value.values())
    if isinstance(value, list):
        return all(not isinstance(v, (dict, list)) for v in value)
    return True


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_scalar(k)}: {_inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return _scalar(value)


def emit(value: Any, indent: int = 0) -> str:
    """Block YAML for ``value``; short flat mappings and lists go on one line."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            head = f"{pad}{_scalar(key)}:"
            if isinstance(item, (dict, list)) and not item:
                lines.append(f"{head} {'{}' if isinstance(item, dict) else '[]'}")
            elif isinstance(item, (dict, list)):
                one = f"{head} {_inline(item)}"
                if _is_flat(item) and len(one) <= _WIDTH and not (isinstance(item, dict) and len(item) > 6):
                    lines.append(one)
                else:
                    lines.append(head)
                    lines.append(emit(item, indent + 2))
            else:
                lines.append(f"{head} {_scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            one = f"{pad}- {_inline(item)}"
            if not isinstance(item, (dict, list)) or (_is_flat(item) and len(one) <= _WIDTH):
                lines.append(one)
            else:
                body = emit(item, indent + 2)
                lines.append(f"{pad}- {body[indent + 2:]}")
    return "\n".join(lines)
