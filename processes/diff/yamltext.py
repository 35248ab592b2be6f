"""YAML text of the user files the diff reads (synonyms, match decisions), parsed safely.

Safe YAML without aliases (an alias bomb can make a small file expand into
millions of values) and without deep nesting (at most 50 levels), with errors that name
the file and line, and the line of every entry for later messages; and a short
``shown()`` of a bad value for error messages, so that one error stays one line.
"""

from __future__ import annotations

from typing import Any

import yaml

from processes.errors import InputError

__all__ = ["load_user_yaml", "load_user_yaml_lines", "shown"]

_MAX_DEPTH = 50


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: large lists parse fast


def _scan(data: str | bytes, source: str) -> None:
    """Refuse aliases and deep nesting from the event stream, before any node is built."""
    depth = 0
    for event in yaml.parse(data, Loader=_LOADER):  # noqa: S506 - a SafeLoader
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, yaml.AliasEvent):
            raise InputError("not valid YAML: aliases (*name) are not allowed in this file", file=source, line=line)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > _MAX_DEPTH:
                raise InputError(
                    f"not valid YAML here: nested deeper than {_MAX_DEPTH} levels (expected a flat list of entries)",
                    file=source,
                    line=line,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def load_user_yaml_lines(data: str | bytes, *, source: str) -> tuple[Any, dict[str, int]]:
    """(plain data, key path -> 1-based line of every node) of YAML ``data``; InputError
    with file and line when it is not valid YAML, has aliases or is nested too deep."""
    try:
        _scan(data, source)
        root = yaml.compose(data, Loader=_LOADER)  # noqa: S506 - a SafeLoader
        doc = yaml.SafeLoader("").construct_document(root) if root is not None else None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(
            f"not valid YAML: {getattr(err, 'problem', None) or err}",
            file=source,
            line=mark.line + 1 if mark else None,
        ) from None
    return doc, _lines(root)


def load_user_yaml(data: str | bytes, *, source: str) -> Any:
    """The plain data of YAML ``data`` (see ``load_user_yaml_lines``)."""
    return load_user_yaml_lines(data, source=source)[0]


def _lines(root: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    stack: list[tuple[Any, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
        if node is None:
            continue
        if path:
            out[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = str(key.value)
                stack.append((value, f"{path}.{name}" if path else name))
        elif isinstance(node, yaml.SequenceNode):
            for i, value in enumerate(node.value):
                stack.append((value, f"{path}[{i}]"))
    return out


def shown(value: Any, limit: int = 80) -> str:
    """``repr(value)``, cut to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
