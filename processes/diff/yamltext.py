"""YAML text of the user files the diff reads (synonyms, match decisions), parsed safely.

Safe YAML without aliases (an alias bomb can make a small file expand into
millions of values) and without deep nesting (see :mod:`processes.yamlscan`), with errors that name
the file and line, and the line of every entry for later messages; and a short
``shown()`` of a bad value for error messages, so that one error stays one line.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from processes.errors import InputError, not_utf8
from processes.yamlscan import scan_yaml

__all__ = ["load_user_yaml", "load_user_yaml_lines", "load_package_yaml", "refuse_unknown_keys", "shown"]

_UNKNOWN_TAG = re.compile(r"could not determine a constructor for the tag '([^']+)'")
_YAML_ORG = "tag:yaml.org,2002:"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: large lists parse fast


def load_user_yaml_lines(data: str | bytes, *, source: str) -> tuple[Any, dict[str, int]]:
    """(plain data, key path -> 1-based line of every node) of YAML ``data``; InputError
    with file and line when it is not UTF-8, not valid YAML, has aliases or is nested too deep."""
    if isinstance(data, bytes):
        raw = data
        try:
            data = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:  # e.g. saved in Latin-1: PyYAML would say "position N"
            raise not_utf8(raw, source, err) from None
    try:
        scan_yaml(data, source=source, aliases="in this file (expected plain values; write each entry out)")
        root = yaml.compose(data, Loader=_LOADER)  # noqa: S506 - a SafeLoader
        doc = yaml.SafeLoader("").construct_document(root) if root is not None else None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(_said(str(getattr(err, "problem", None) or err)), file=source,
                         line=mark.line + 1 if mark else None) from None
    return doc, _lines(root, source)


def _said(problem: str) -> str:
    """PyYAML's ``problem`` in one line; a tag such as ``!!python/object/apply`` as every other input file
    says it (it read "not valid YAML: could not determine a constructor for the tag
    'tag:yaml.org,2002:...'")."""
    tag = _UNKNOWN_TAG.search(problem)
    if tag is None:
        return f"not valid YAML: {problem}"
    name = "!!" + tag[1].removeprefix(_YAML_ORG) if tag[1].startswith(_YAML_ORG) else tag[1]
    return f"YAML tag {name!r} is not allowed (expected plain values: mappings, lists, text, numbers, dates)"


def load_package_yaml(text: str) -> Any:
    """The plain data of a YAML file shipped with permitflow (stages, the knowledge test): what
    ``yaml.safe_load`` gives, parsed by libyaml when present (the same resolvers and constructors;
    PyYAML's pure-Python scanner took some 40 ms of every diff's start-up for ``stages.yaml``)."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a SafeLoader


def load_user_yaml(data: str | bytes, *, source: str) -> Any:
    """The plain data of YAML ``data`` (see ``load_user_yaml_lines``)."""
    return load_user_yaml_lines(data, source=source)[0]


def _lines(root: Any, source: str) -> dict[str, int]:
    """Key path -> line of every node; InputError for a key given twice in one mapping (YAML would
    keep the last silently)."""
    out: dict[str, int] = {}
    # a mapping's value is placed on its key's line ("grups:" above its list is line 2, not 3)
    stack: list[tuple[Any, str, int]] = [(root, "", 0)]
    while stack:
        node, path, key_line = stack.pop()
        if node is None:
            continue
        if path:
            out[path] = key_line or node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                name = str(key.value)
                line = key.start_mark.line + 1
                if name in first:
                    raise InputError(
                        f"duplicate key {name!r} (first on line {first[name]})",
                        file=source,
                        line=line,
                    )
                first[name] = line
                stack.append((value, f"{path}.{name}" if path else name, line))
        elif isinstance(node, yaml.SequenceNode):
            for i, value in enumerate(node.value):
                stack.append((value, f"{path}[{i}]", 0))
    return out


def shown(value: Any, limit: int = 80) -> str:
    """``repr(value)``, cut to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def refuse_unknown_keys(doc: dict[Any, Any], known: tuple[str, ...], lines: dict[str, int], source: str) -> None:
    """An ``InputError`` at the line of the first key of ``doc`` (in sorted order) that is not one of
    ``known``: ``unknown key 'grups' (expected schema_version, groups, ignore)``."""
    unknown = sorted(set(doc) - set(known), key=str)
    if unknown:
        raise InputError(
            f"unknown key {unknown[0]!r} (expected {', '.join(known)})",
            file=source,
            line=lines.get(str(unknown[0])),
        )
