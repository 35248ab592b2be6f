"""The plain values of a YAML authoring file checked, with the builder's state: mappings and their keys,
text, ids (each once), choices from a list, names per id and per language.

:class:`AuthoringValues` is the base of the authoring reader (:mod:`bpmn_io.authoring`): it holds the
loaded document, the ids seen and the steps each falls through to, and turns every wrong value into one
:class:`~processes.errors.InputError` naming the file, the line, the key path and what is allowed. Its
own module because these checks know nothing of steps, flows or events; :func:`show` says a wrong
value the same way in every message.
"""

from __future__ import annotations

from typing import Any

from processes.errors import InputError
from processes.model import FrozenMap
from processes.shownnames import language_problem

from .authoring_format import ID, NAMED_KEYS
from .yamlsrc import YamlDoc, path_text

__all__ = ["AuthoringValues", "show"]


class AuthoringValues:
    """One loaded document's plain values, checked; every check names file, line and key path."""

    def __init__(self, doc: YamlDoc, source: str) -> None:
        self.doc = doc
        self.source = source
        self.ids: dict[str, tuple[Any, ...]] = {}
        self.following: dict[str, str | None] = {}  # step id -> the step it falls through to

    # -- errors and plain values
    def error(self, path: tuple[Any, ...], message: str, element: str | None = None) -> InputError:
        return InputError(message, file=self.source, line=self.doc.line(path), path=path_text(path) or None,
                          element=element)

    def mapping(self, value: Any, path: tuple[Any, ...], allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(path, f"expected a mapping with keys {', '.join(allowed)}, got {show(value)}")
        for key in value:
            if key not in allowed:
                raise self.error(path + (key,), f"unknown key {key!r} (expected one of {', '.join(allowed)})")
        return value

    def text(self, value: Any, path: tuple[Any, ...], *, required: bool = False) -> str:
        if value is None:
            if required:
                raise self.error(path, "missing (expected text)")
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.error(path, f"expected text, got {show(value)}")
        return str(value)

    def ident(self, value: Any, path: tuple[Any, ...], *, new: bool = True) -> str:
        if not isinstance(value, str) or not ID.fullmatch(value):
            raise self.error(path, f"bad id {show(value)} (expected a letter or _ then letters, digits, _ . -)")
        if new:
            if value in self.ids:
                raise self.error(path, f"duplicate id {value!r} (first at {path_text(self.ids[value])}, line "
                                       f"{self.doc.line(self.ids[value])})", element=value)
            self.ids[value] = path
        return value

    def choice(self, value: Any, path: tuple[Any, ...], allowed: tuple[str, ...] | dict[str, str]) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise self.error(path, f"{show(value)} is not allowed (expected one of {', '.join(allowed)})")
        return value

    def names(self, value: Any, path: tuple[Any, ...]) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.error(path, f"expected a mapping of id: name, got {show(value)}")
        return {self.ident(k, path + (k,)): self.text(v, path + (k,)) for k, v in value.items()}

    def named(self, value: Any, path: tuple[Any, ...]) -> dict[str, tuple[str, FrozenMap[str, str]]]:
        """``id: name`` or ``id: {name:, names: {en:, sv:}}`` (lanes, external pools): id -> (name, names)."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.error(path, f"expected a mapping of id: name, got {show(value)}")
        out = {}
        for key, raw in value.items():
            eid = self.ident(key, path + (key,))
            if isinstance(raw, dict):
                spec = self.mapping(raw, path + (key,), NAMED_KEYS)
                out[eid] = (self.text(spec.get("name"), path + (key, "name")),
                            self.lang_names(spec.get("names"), path + (key, "names"), eid))
            else:
                out[eid] = (self.text(raw, path + (key,)), FrozenMap())
        return out

    def lang_names(self, value: Any, path: tuple[Any, ...], element: str | None) -> FrozenMap[str, str]:
        """``names: {en: ..., sv: ...}``: the name shown in each language (processes.shownnames)."""
        if value is None:
            return FrozenMap()
        if not isinstance(value, dict):
            raise self.error(path, f"expected a name per language (names: {{en: ..., sv: ...}}), got {show(value)}",
                             element=element)
        for lang, name in value.items():
            problem = language_problem(lang, name)
            if problem:
                raise self.error(path + (lang,), problem, element=element)
        return FrozenMap(value)


def show(value: Any) -> str:
    """A value as an error message says it: 'a mapping', 'an empty list', 'nothing', or its repr."""
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if value is None:
        return "nothing"
    return repr(value)
