"""The one pre-check of every YAML text a user gives: nesting depth and aliases.

``scan_yaml(text, source=...)`` walks the parser's event stream (libyaml's when
present) before any node is built, so that a document nested thousands of levels
deep is one clear error instead of a ``RecursionError``, and a file that must not
use aliases (``*name``) is refused before an alias bomb can expand. Both YAML
readers call it: :func:`bpmn_io.yamlsrc.load_yaml` (profiles, authoring files,
scenarios, studies, ``--set``) and :mod:`processes.diff.yamltext` (synonyms,
match decisions). A syntax error is left to the caller's parser, which words it
with its line.

>>> scan_yaml("a: [[1]]\\n", source="t.yaml")
>>> scan_yaml("a: " + "[" * 70 + "]" * 70, source="t.yaml")
Traceback (most recent call last):
processes.errors.InputError: t.yaml:1: YAML nested deeper than 50 levels (the limit of every input file)
"""

from __future__ import annotations

import yaml

from processes.errors import InputError

__all__ = ["MAX_DEPTH", "scan_yaml"]

#: collections inside collections a user file may nest (far more than any real profile, model or scenario)
MAX_DEPTH = 50

# libyaml when present (large files scan fast); then the pure-Python parser, whose scanner does
# not give up at libyaml's own depth limit before the first 50 levels have been seen
_LOADERS = (getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader)


def scan_yaml(text: str | bytes, *, source: str | None, aliases: str | None = None,
              max_depth: int = MAX_DEPTH) -> None:
    """Refuse ``text`` nested deeper than ``max_depth``, and any alias when ``aliases``
    is given (the rest of the message: why the file needs none, what to write instead)."""
    for loader in _LOADERS:
        try:
            _scan(text, loader, source, aliases, max_depth)
            return
        except yaml.YAMLError:
            continue  # the caller's parser reports the syntax error with its line


def _scan(text: str | bytes, loader: type, source: str | None, aliases: str | None, max_depth: int) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):  # noqa: S506 - a SafeLoader
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > max_depth:
                raise InputError(f"YAML nested deeper than {max_depth} levels (the limit of every input file)",
                                 file=source, line=_line(event))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif aliases is not None and isinstance(event, yaml.AliasEvent):
            raise InputError(f"YAML alias '*{event.anchor}' is not allowed {aliases}",
                             file=source, line=_line(event))


def _line(event: yaml.Event) -> int | None:
    return event.start_mark.line + 1 if event.start_mark is not None else None
