"""YAML text of the user files the diff reads (synonyms, match decisions), parsed safely.

Safe YAML without aliases (an alias bomb can make a small file expand into
millions of values), with errors that name the file and line; and a short
``shown()`` of a bad value for error messages, so that one error stays one line.
"""

from __future__ import annotations

from typing import Any

import yaml

from processes.errors import InputError

__all__ = ["load_user_yaml", "shown", "node_lines"]

_MAX_DEPTH = 50


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases (``*name``) before building anything."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in this file", event.start_mark
            )
        return super().compose_node(parent, index)


def load_user_yaml(data: str | bytes, *, source: str) -> Any:
    """The plain data of YAML ``data``; InputError with file and line when it is not valid YAML."""
    try:
        return yaml.load(data, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(
            f"not valid YAML: {getattr(err, 'problem', None) or err}",
            file=source,
            line=mark.line + 1 if mark else None,
        ) from None


def node_lines(data: str | bytes) -> dict[str, int]:
    """Key path -> 1-based line of every node of valid YAML ``data`` ("confirm[2].b" -> 7),
    for messages that name where an entry is; {} when it cannot be composed."""
    try:
        root = yaml.compose(data, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError:
        return {}
    out: dict[str, int] = {}
    stack: list[tuple[Any, str, int]] = [(root, "", 0)]
    while stack:
        node, path, depth = stack.pop()
        if node is None or depth > _MAX_DEPTH:
            continue
        if path:
            out[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = str(key.value)
                stack.append((value, f"{path}.{name}" if path else name, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            for i, value in enumerate(node.value):
                stack.append((value, f"{path}[{i}]", depth + 1))
    return out


def shown(value: Any, limit: int = 80) -> str:
    """``repr(value)``, cut to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
