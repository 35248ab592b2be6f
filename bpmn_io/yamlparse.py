"""PyYAML behind :func:`bpmn_io.yamlsrc.load_yaml` and :func:`~bpmn_io.yamlsrc.dump_yaml`: the loader
with YAML-1.2-like scalars, the walk that records the line of every key, and the dumper.

Loaded only when a text has to be parsed (an earlier run's result is read from
:mod:`bpmn_io.yamlstore` without it) or data written as YAML.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise
from typing import Any

import yaml

from bpmn_io.yamlpath import MAX_VALUES, Path, path_text
from processes.errors import InputError
from processes.yamlscan import scan_yaml

__all__ = ["parse", "dump", "SafeYamlDumper", "SafeYamlLoader"]


class SafeYamlLoader(yaml.SafeLoader):
    """SafeLoader with YAML-1.2-like booleans and no sexagesimal numbers."""


SafeYamlLoader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
SafeYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
SafeYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0o[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)
SafeYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)"
        r"|\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)

if hasattr(yaml, "CSafeLoader"):

    class _FastLoader(yaml.CSafeLoader):  # type: ignore[name-defined,misc]
        """libyaml's scanner and parser (about 3x faster), with the same resolvers as ``SafeYamlLoader``."""

    _FastLoader.yaml_implicit_resolvers = SafeYamlLoader.yaml_implicit_resolvers
    _LOADERS: tuple[type, ...] = (_FastLoader, SafeYamlLoader)
else:  # pragma: no cover - PyYAML built without libyaml
    _LOADERS = (SafeYamlLoader,)


def parse(text: str, *, source: str | None, aliases: str | None) -> tuple[Any, dict[Path, int]]:
    """``(data, lines)`` of ``text`` (see :func:`bpmn_io.yamlsrc.load_yaml`, which asks here on a miss)."""
    scan_yaml(text, source=source, aliases=aliases)
    for attempt, loader_class in enumerate(_LOADERS):
        try:
            loader = loader_class(text)
        except yaml.reader.ReaderError as err:  # a control character: refused before parsing
            line: int | None = text.count("\n", 0, err.position) + 1
            raise InputError(
                f"invalid YAML: character #x{err.character:04x} is not allowed (expected printable text)",
                file=source, line=line,
            ) from None
        try:
            node = loader.get_single_node()
            walk = _Walk(loader, source, text)
            lines = walk.lines
            data = walk.build(node, ()) if node is not None else None
            break
        except yaml.YAMLError as err:
            if attempt + 1 < len(_LOADERS):
                continue  # the pure-Python parser words syntax errors better; ask it
            if isinstance(err, yaml.MarkedYAMLError):
                mark = err.problem_mark or err.context_mark
                line = mark.line + 1 if mark is not None else None
                problem = err.problem or err.context or "invalid YAML"
                if "'\\t'" in problem:  # an editor's tab: PyYAML says "found character '\t' that cannot start ..."
                    problem += " (YAML indents with spaces, not tabs: replace the tab by spaces)"
                raise InputError(f"invalid YAML: {problem}", file=source, line=line) from None
            raise InputError(f"invalid YAML: {err}", file=source) from None
        finally:
            loader.dispose()
    if node is not None:
        lines[()] = node.start_mark.line + 1
    return data, lines


_STR = "tag:yaml.org,2002:str"
# a Swedish decimal comma in a flow collection, "0,5" or "1,5h": digits, a comma and digits (and a unit)
_WHOLE = re.compile(r"[-+]?[0-9]+\Z")
_DECIMALS = re.compile(r"[0-9]+[a-z]*\Z")
_YAML_ORG = "tag:yaml.org,2002:"
# the tag a collection may carry: the one the resolver gives, written or not (``!!map``, ``!!seq``);
# any other (``!!python/object/apply:...``, ``!!set``) is refused, not silently dropped
_COLLECTION_TAGS: dict[type, str] = {yaml.MappingNode: _YAML_ORG + "map", yaml.SequenceNode: _YAML_ORG + "seq"}
_SCALAR_TAGS = frozenset(
    tag for tag in yaml.SafeLoader.yaml_constructors if tag is not None and tag.startswith(_YAML_ORG)
)


class _Walk:
    """State of one document walk: the line table, a value budget, the open nodes."""

    __slots__ = ("loader", "lines", "source", "text", "budget", "open", "built")

    def __init__(self, loader: SafeYamlLoader, source: str | None, text: str) -> None:
        self.loader = loader
        self.text = text
        self.lines: dict[Path, int] = {}
        self.source = source
        self.budget = MAX_VALUES
        self.open: set[int] = set()
        self.built: set[int] = set()

    def fail(self, message: str, node: yaml.Node, path: Path) -> InputError:
        return InputError(
            message, file=self.source, line=node.start_mark.line + 1, path=path_text(path) or None
        )

    def key(self, key_node: yaml.Node, path: Path) -> Any:
        key = self.scalar(key_node, path)
        if isinstance(key, (list, dict)):
            raise self.fail(f"a key must be a plain value, not {type(key).__name__}", key_node, path)
        return key.isoformat() if isinstance(key, dt.date) else key

    def build(self, node: yaml.Node, path: Path) -> Any:
        if id(node) in self.built:  # a copy made by an alias
            self.budget -= 1
        else:
            self.built.add(id(node))
        if self.budget < 0:
            raise self.fail(f"more than {MAX_VALUES} values once aliases are expanded", node, path)
        if id(node) in self.open:
            raise self.fail("an alias refers to a value that contains it (recursive data)", node, path)
        self.check_tag(node, path)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.flow_style:
            self.check_decimal_commas(node, path)
        if isinstance(node, yaml.MappingNode):
            self.open.add(id(node))
            seen: dict[Any, int] = {}
            keys: list[Any] | None = []  # the keys in order, while no merge key (``<<``) is among them
            for (
                key_node,
                _,
            ) in node.value:  # duplicates among the keys written here (merged keys may be overridden)
                if key_node.tag == "tag:yaml.org,2002:merge":
                    keys = None
                    continue
                key = self.key(key_node, path)
                if key in seen:
                    raise self.fail(f"duplicate key {key!r} (first on line {seen[key]})", key_node, path)
                seen[key] = key_node.start_mark.line + 1
                if keys is not None:
                    keys.append(key)
            out: dict[Any, Any] = {}
            if keys is None:  # merged pairs first, so the mapping's own keys win
                self.loader.flatten_mapping(node)
                for key_node, value_node in node.value:
                    key = self.key(key_node, path)
                    self.lines[path + (key,)] = key_node.start_mark.line + 1
                    out[key] = self.build(value_node, path + (key,))
            else:  # no merge key: flatten_mapping would change nothing (an "=" key was refused above)
                for key, (key_node, value_node) in zip(keys, node.value, strict=True):
                    inner = path + (key,)
                    self.lines[inner] = key_node.start_mark.line + 1
                    out[key] = self.build(value_node, inner)
            self.open.discard(id(node))
            return out
        if isinstance(node, yaml.SequenceNode):
            self.open.add(id(node))
            items = []
            for i, item in enumerate(node.value):
                self.lines[path + (i,)] = item.start_mark.line + 1
                items.append(self.build(item, path + (i,)))
            self.open.discard(id(node))
            return items
        return self.scalar(node, path)

    def check_decimal_commas(self, node: yaml.Node, path: Path) -> None:
        """Refuse a Swedish decimal comma that a flow collection split into two values: ``{fte: 0,5}`` (the
        value 0 and a key 5 without a value) or ``[1, 2,5, 3]`` (four items, where the other items are
        separated by a comma and a space). ``[1,2,3]``, written alike throughout, is a list."""
        if isinstance(node, yaml.MappingNode):
            pairs = node.value
            for (key_before, before), (key, value) in pairwise(pairs):
                if value.tag.endswith(":null") and value.start_mark.index == value.end_mark.index:
                    self.check_split(before, key, path + (self.key(key_before, path),), "the value {0} and a key {1}")
            return
        items = node.value
        gaps = [self.text[a.end_mark.index:b.start_mark.index] for a, b in pairwise(items)]
        if len(set(gaps)) > 1:  # "," beside ", ": the list is written with spaces, this comma has none
            for i, (before, after) in enumerate(pairwise(items)):
                self.check_split(before, after, path + (i,), "two items, {0} and {1}")

    def check_split(self, before: yaml.Node, after: yaml.Node, path: Path, reading: str) -> None:
        if not (isinstance(before, yaml.ScalarNode) and isinstance(after, yaml.ScalarNode)):
            return
        if before.style or after.style or self.text[before.end_mark.index:after.start_mark.index] != ",":
            return
        if _WHOLE.match(before.value) and _DECIMALS.match(after.value):
            written, read = f"{before.value},{after.value}", reading.format(before.value, after.value)
            raise self.fail(f"{written!r} reads as {read} here (expected a decimal point: "
                            f"{before.value}.{after.value})", before, path)

    def check_tag(self, node: yaml.Node, path: Path) -> None:
        allowed = _COLLECTION_TAGS.get(type(node))
        if node.tag == allowed or (allowed is None and node.tag in _SCALAR_TAGS):
            return
        tag = "!!" + node.tag[len(_YAML_ORG):] if node.tag.startswith(_YAML_ORG) else node.tag
        raise self.fail(
            f"YAML tag {tag!r} is not allowed (expected plain values: mappings, lists, text, numbers, dates)",
            node, path,
        )

    def scalar(self, node: yaml.Node, path: Path) -> Any:
        if node.tag == _STR and type(node) is yaml.ScalarNode:
            return node.value  # what the constructor gives for a string, without its lookups
        self.check_tag(node, path)
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError) as err:  # e.g. the date 2025-02-30
            raise self.fail(f"{node.value!r} is not a valid value: {err}", node, path) from None


def dump(data: Any) -> str:
    """The text of :func:`bpmn_io.yamlsrc.dump_yaml`."""
    return yaml.dump(
        data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )


class SafeYamlDumper(yaml.SafeDumper):
    """SafeDumper that quotes any string our loader would not read back as that string."""


def _represent_str(dumper: yaml.representer.SafeRepresenter, value: str) -> yaml.Node:
    node = dumper.represent_scalar("tag:yaml.org,2002:str", value)
    resolved = SafeYamlLoader.resolve(SafeYamlLoader, yaml.ScalarNode, value,  # type: ignore[arg-type]
                                      (True, False))
    if resolved != "tag:yaml.org,2002:str" or value in ("yes", "no", "on", "off", "Yes", "No", "On", "Off"):
        node.style = "'"
    return node


SafeYamlDumper.add_representer(str, _represent_str)

if hasattr(yaml, "CSafeDumper"):

    class _FastDumper(yaml.CSafeDumper):  # type: ignore[name-defined,misc]
        """libyaml's emitter (about 4x faster), with ``SafeYamlDumper``'s quoting: the same text for
        profiles; control characters and characters beyond U+FFFF in an equivalent form."""

    _FastDumper.add_representer(str, _represent_str)
    _DUMPER: type = _FastDumper
else:  # pragma: no cover - PyYAML built without libyaml
    _DUMPER = SafeYamlDumper
