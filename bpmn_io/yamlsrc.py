"""A small YAML loader that remembers the line of every key and item.

``load_yaml(text, source=...)`` returns a ``YamlDoc``: the plain data (dicts,
lists, str, int, float, bool, None, datetime.date) and ``line(path)``, the
1-based line of the deepest known key on a path, so that errors deep in a
document can say ``profile.yaml:41: simulation.pools.officer.count: ...``.

It reads a safe, less surprising subset of YAML 1.1 (closer to YAML 1.2):

- only ``true``/``false`` (any case) are booleans; ``yes``, ``no``, ``on``,
  ``off`` stay strings (``holidays: NO`` is Norway, not False);
- ``9:30`` is the string ``'9:30'``, not the base-60 integer 570, and ``017`` the
  string ``'017'``, not octal 15 (``0o17`` is octal);
- duplicate keys are an error (YAML silently keeps the last one);
- dates (``2025-01-01``) become ``datetime.date``.

>>> doc = load_yaml("a:\\n  b: 1\\n  c: [x, 9:30]\\n", source="t.yaml")
>>> doc.data
{'a': {'b': 1, 'c': ['x', '9:30']}}
>>> doc.line(("a", "c", 1))
3
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bpmn_io import yamlstore
from bpmn_io.yamlpath import MAX_VALUES, Path, path_text
from processes.collector import collector_paused
from processes.errors import not_utf8
from processes.frozenclass import frozen_dataclass

__all__ = ["MAX_VALUES", "YamlDoc", "load_yaml", "path_text", "dump_yaml"]


@frozen_dataclass
class YamlDoc:
    """Loaded YAML data with the line of every key (and list item) by path."""

    data: Any
    lines: dict[Path, int]
    source: str | None = None

    def line(self, path: Iterable[Any]) -> int | None:
        """The line of ``path``, or of its deepest ancestor that has one."""
        parts = tuple(path)
        while parts:
            if parts in self.lines:
                return self.lines[parts]
            parts = parts[:-1]
        return self.lines.get((), None)


def load_yaml(text: str | bytes, *, source: str | None = None, aliases: str | None = None) -> YamlDoc:
    """Parse ``text`` and record the line of every key; errors carry file and line.

    Nesting deeper than :data:`processes.yamlscan.MAX_DEPTH` is refused; so is any
    alias when ``aliases`` is given (the end of the message, e.g. ``"in an
    authoring file (expected ...)"``); otherwise aliases may expand to at most
    :data:`MAX_VALUES` values beyond those written.
    """
    if isinstance(text, bytes):
        raw = text
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:  # e.g. saved in Latin-1: name the line and the way out
            raise not_utf8(raw, source, err) from None
    kept = yamlstore.recall(text, aliases)
    if kept is not None:  # an earlier run read exactly this text (every check passed then)
        return YamlDoc(kept[0], kept[1], source)
    from bpmn_io.yamlparse import parse  # PyYAML only when no earlier run kept this text

    with collector_paused():  # the nodes, the data and the line table: many objects, no cycles
        data, lines = parse(text, source=source, aliases=aliases)
        yamlstore.keep(text, aliases, data, lines)
    return YamlDoc(data, lines, source)


def dump_yaml(data: Any) -> str:
    """YAML text for plain data, keys in their given order, readable block style.

    Strings that the loader would read as something else (``'true'``,
    ``'2025-01-01'``, ``'12'``) are quoted, so ``load_yaml(dump_yaml(x)).data == x``.
    """
    from bpmn_io.yamlparse import dump

    return dump(data)
