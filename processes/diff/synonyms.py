"""The domain synonym list: groups of words or phrases that mean the same in a label.

Format (YAML, see ``synonyms.yaml`` beside this module)::

    schema_version: 1
    groups:
      - [yttrande, remissvar, svar på remiss]
      - [nämnd, socialnämnd]

The first member names the group. Single words are compared by their Snowball stem
(one inflected form is enough); phrases are replaced as a whole. An optional
``ignore: [serveringstillstånd]`` lists words that carry no meaning in the labels of
this domain (the object every step is about). Merging a user's list with the built-in
one unions groups that share a member, and the ignore lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import snowballstemmer

from processes.diff.yamltext import load_user_yaml, shown
from processes.errors import InputError

__all__ = ["Synonyms", "parse_synonyms", "builtin_synonyms"]

_STEMMER = snowballstemmer.stemmer("swedish")
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o"})
_ENDINGS = frozenset({"", "s", "et", "en", "ets", "ens", "er", "ar", "or", "erna", "arna", "orna", "na"})


def _norm(text: str) -> str:
    # the same normalisation as text.normalise (text imports this module, not the reverse)
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold().replace("_", " ")).split())


@dataclass(frozen=True, slots=True)
class Synonyms:
    """Synonym groups, each a tuple of normalised members; the first names the group."""

    groups: tuple[tuple[str, ...], ...] = ()
    ignore: tuple[str, ...] = ()  # words that carry no meaning in this domain's labels

    def ignores(self, word: str) -> bool:
        """Whether ``word`` is on the ``ignore`` list: by stem, or as a listed word plus
        an inflection ending (Snowball leaves "tillståndet" whole)."""
        if _STEMMER.stemWord(word) in _ignore_index(self):
            return True
        return any(word.startswith(w) and word[len(w) :] in _ENDINGS for w in self.ignore)

    def members(self) -> tuple[str, ...]:
        """Every member of every group."""
        return tuple(m for g in self.groups for m in g)

    def canonical_word(self, word: str) -> str | None:
        """The group name of a single ``word`` (compared by stem; then with å/ä/ö folded), or None."""
        index = _word_index(self)
        stem = _STEMMER.stemWord(word)
        found = index.get(stem)
        return found if found is not None else index.get("~" + stem.translate(_FOLD))

    def phrases(self) -> tuple[tuple[str, str], ...]:
        """(phrase, group name) for multi-word members, longest phrase first."""
        return _phrase_index(self)

    def merged(self, other: Synonyms) -> Synonyms:
        """The union of both lists; groups sharing a member (or a stem) become one."""
        return Synonyms(
            _union_groups(self.groups + other.groups), tuple(dict.fromkeys(self.ignore + other.ignore))
        )


def _union_groups(groups: Iterable[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    merged: list[list[str]] = []
    for group in groups:
        keys = {_key(m) for m in group}
        hits = [g for g in merged if keys & {_key(m) for m in g}]
        target: list[str] = []
        for g in hits:
            merged.remove(g)
            target.extend(m for m in g if m not in target)
        target.extend(m for m in group if m not in target)
        merged.append(target)
    return tuple(tuple(g) for g in merged)


def _key(member: str) -> str:
    return member if " " in member else _STEMMER.stemWord(member)


@lru_cache(maxsize=64)
def _word_index(syn: Synonyms) -> dict[str, str]:
    index: dict[str, str] = {}
    for group in syn.groups:
        for m in group:
            if " " not in m:
                index.setdefault(_STEMMER.stemWord(m), group[0])
    for group in syn.groups:  # the folded fallback, under its own prefix so it never shadows a stem
        for m in group:
            if " " not in m:
                index.setdefault("~" + _STEMMER.stemWord(m).translate(_FOLD), group[0])
    return index


@lru_cache(maxsize=64)
def _ignore_index(syn: Synonyms) -> frozenset[str]:
    return frozenset(_STEMMER.stemWord(w) for w in syn.ignore)


@lru_cache(maxsize=64)
def _phrase_index(syn: Synonyms) -> tuple[tuple[str, str], ...]:
    pairs = [(m, g[0]) for g in syn.groups for m in g if " " in m]
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


def parse_synonyms(data: str | bytes, *, source: str = "<synonyms>") -> Synonyms:
    """Read a synonym list (the YAML format above); errors name the file and entry."""
    doc: Any = load_user_yaml(data, source=source)
    if not isinstance(doc, dict) or not isinstance(doc.get("groups"), list):
        raise InputError(
            "expected a mapping with a list under 'groups' (e.g. groups: [[yttrande, remissvar]])",
            file=source,
        )
    version = doc.get("schema_version", 1)
    if version != 1:
        raise InputError(f"schema_version {version!r} is not supported (expected 1)", file=source)
    groups: list[tuple[str, ...]] = []
    for i, group in enumerate(doc["groups"]):
        if (
            not isinstance(group, list)
            or len(group) < 2
            or not all(isinstance(m, str) and m.strip() for m in group)
        ):
            raise InputError(
                f"group {shown(group)} must be a list of at least two words or phrases",
                file=source,
                path=f"groups[{i}]",
            )
        groups.append(tuple(dict.fromkeys(_norm(m) for m in group)))
    ignore = doc.get("ignore", [])
    if not isinstance(ignore, list) or not all(
        isinstance(w, str) and len(_norm(w).split()) == 1 for w in ignore
    ):
        raise InputError(f"ignore must be a list of single words, got {shown(ignore)}", file=source, path="ignore")
    unknown = sorted(set(doc) - {"schema_version", "groups", "ignore"})
    if unknown:
        raise InputError(f"unknown key {unknown[0]!r} (expected schema_version, groups, ignore)", file=source)
    return Synonyms(_union_groups(groups), tuple(dict.fromkeys(_norm(w) for w in ignore)))


@lru_cache(maxsize=1)
def builtin_synonyms() -> Synonyms:
    """The synonym list shipped with permitflow (package data ``synonyms.yaml``)."""
    text = resources.files("processes.diff").joinpath("synonyms.yaml").read_text(encoding="utf-8")
    return parse_synonyms(text, source="processes/diff/synonyms.yaml")
