"""The domain synonym list: groups of words or phrases that mean the same in a label.

Format (YAML, see ``synonyms.yaml`` beside this module)::

    schema_version: 1
    groups:
      - [yttrande, remissvar, svar på remiss]
      - [nämnd, socialnämnd]

The first member names the group. Single words are compared by their root
(language.word_root: one inflected form is enough); phrases are replaced as a whole. An optional
``ignore: [serveringstillstånd]`` lists words that carry no meaning in the labels of
this domain (the object every step is about). Merging a user's list with the built-in
one unions groups that share a member, and the ignore lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from processes.diff.language import word_root
from processes.diff.yamltext import load_user_yaml_lines, refuse_unknown_keys, shown
from processes.errors import InputError

__all__ = ["Synonyms", "parse_synonyms", "builtin_synonyms"]

_ENDINGS = frozenset({"", "s", "et", "en", "ets", "ens", "er", "ar", "or", "erna", "arna", "orna", "na"})
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o"})
#: the keys a synonym list may have, in the order an error lists them
_KEYS = ("schema_version", "groups", "ignore")


def _norm(text: str) -> str:
    # the same normalisation as text.normalise (text imports this module, not the reverse)
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold().replace("_", " ")).split())


@dataclass(frozen=True, slots=True)
class Synonyms:
    """Synonym groups, each a tuple of normalised members; the first names the group.

    Single words are compared by their root in the language of the label
    (language.word_root), so one inflected form is enough; phrases are replaced whole.
    Lookups go through indexes built once per list and language, so a label costs time in
    proportion to its words, whatever the size of the list.
    """

    groups: tuple[tuple[str, ...], ...] = ()
    ignore: tuple[str, ...] = ()  # words that carry no meaning in this domain's labels
    # indexes built once per list (a private cache, not part of the value: hashing a list of
    # 100,000 words for every look-up would cost more than the look-up)
    _cache: dict[object, object] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def ignores(self, word: str, lang: str = "sv") -> bool:
        """Whether ``word`` is on the ``ignore`` list: by root, or as a listed word plus
        an inflection ending (Snowball leaves "tillståndet" whole)."""
        if not self.ignore:
            return False
        if word_root(word, lang, False) in _ignore_index(self, lang):
            return True
        listed = _ignore_words(self)
        return any(word[:cut] in listed and word[cut:] in _ENDINGS for cut in range(len(word), len(word) - 5, -1))

    def members(self) -> tuple[str, ...]:
        """Every member of every group."""
        return tuple(m for g in self.groups for m in g)

    def canonical_word(self, word: str, lang: str = "sv", lemmatise: bool = False) -> str | None:
        """The group name of a single ``word`` (compared by root, then by the root of its
        lemma when ``lemmatise``; then with å/ä/ö folded), or None."""
        if not self.groups:
            return None
        index = _word_index(self, lang)
        roots = [word_root(word, lang, False)]
        if lemmatise:
            roots.append(word_root(word, lang, True))
        if lang == "sv" and len(word) > 5 and word.endswith("s") and not word.endswith("ss"):
            roots.append(word_root(word[:-1], lang, False))  # the genitive: "sökandens" is "sökanden"'s
        if lang == "sv" and len(word) > 6 and word.endswith("erar"):
            roots.append(word_root(word[:-1], lang, False))  # the present tense: "expedierar" is "expediera"
        if lang == "sv" and len(word) > 6 and word.endswith("na"):
            roots.append(word_root(word[:-2], lang, False))  # the definite plural: "yttrandena"
        for root in roots:
            found = index.get(root)
            if found is not None:
                return found
        for root in roots:
            found = index.get("~" + root.translate(_FOLD))
            if found is not None:
                return found
        return None

    def phrases(self) -> tuple[tuple[str, str], ...]:
        """(phrase, group name) for multi-word members, longest phrase first."""
        return tuple(sorted(((m, g[0]) for g in self.groups for m in g if " " in m), key=lambda p: (-len(p[0]), p[0])))

    def replace_phrases(self, text: str, lang: str = "sv") -> str:
        """``text`` (normalised) with every multi-word member replaced by ``=<group name>``,
        longest phrase first, words compared by root ("skicka beslutet" is the member
        "skicka beslut"), each phrase looked up by its first word."""
        index = _phrase_index(self, lang)
        if not index:
            return text
        words = text.split()
        roots = [word_root(w, lang, False) for w in words]
        out: list[str] = []
        i = 0
        while i < len(words):
            for phrase, canon in index.get(roots[i], ()):
                n = len(phrase)
                if tuple(roots[i : i + n]) == phrase:
                    out.append("=" + canon)
                    i += n
                    break
            else:
                out.append(words[i])
                i += 1
        return " ".join(out)

    def merged(self, other: Synonyms) -> Synonyms:
        """The union of both lists; groups sharing a member (or a root) become one."""
        return Synonyms(
            _union_groups(self.groups + other.groups), tuple(dict.fromkeys(self.ignore + other.ignore))
        )


def _union_groups(groups: Iterable[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """Groups sharing a member key become one (union-find over keys: near-linear), in the
    order their first group came, members in first-seen order."""
    groups = list(groups)
    parent = list(range(len(groups)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, group in enumerate(groups):
        for m in group:
            k = _key(m)
            j = owner.setdefault(k, i)
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    merged: dict[int, dict[str, None]] = {}
    for i, group in enumerate(groups):
        target = merged.setdefault(find(i), {})
        for m in group:
            target.setdefault(m, None)
    return tuple(tuple(members) for members in merged.values())


def _key(member: str) -> str:
    return member if " " in member else word_root(member, "sv", False)


def _cached(syn: Synonyms, key: tuple[str, ...], build: Callable[[], object]) -> object:
    found = syn._cache.get(key)
    if found is None:
        found = syn._cache[key] = build()
    return found


def _word_index(syn: Synonyms, lang: str) -> dict[str, str]:
    return _cached(syn, ("words", lang), lambda: _build_word_index(syn, lang))  # type: ignore[return-value]


def _build_word_index(syn: Synonyms, lang: str) -> dict[str, str]:
    # members are indexed by their plain root (a list may hold 100,000 words: no lemma
    # look-ups); a label word is looked up by its plain root and by its lemma's root
    index: dict[str, str] = {}
    for group in syn.groups:
        for m in group:
            if " " not in m:
                index.setdefault(word_root(m, lang, False), group[0])
    for group in syn.groups:  # the folded fallback, under its own prefix so it never shadows a root
        for m in group:
            if " " not in m:
                index.setdefault("~" + word_root(m, lang, False).translate(_FOLD), group[0])
    return index


def _ignore_index(syn: Synonyms, lang: str) -> frozenset[str]:
    return _cached(syn, ("ignore", lang), lambda: frozenset(word_root(w, lang, False) for w in syn.ignore))  # type: ignore[return-value]


def _ignore_words(syn: Synonyms) -> frozenset[str]:
    return _cached(syn, ("ignored",), lambda: frozenset(syn.ignore))  # type: ignore[return-value]


def _phrase_index(syn: Synonyms, lang: str) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    return _cached(syn, ("phrases", lang), lambda: _build_phrase_index(syn, lang))  # type: ignore[return-value]


def _build_phrase_index(syn: Synonyms, lang: str) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for group in syn.groups:
        for m in group:
            if " " in m:
                words = tuple(word_root(w, lang, False) for w in m.split())
                by_first.setdefault(words[0], []).append((words, group[0]))
    return {k: tuple(sorted(v, key=lambda p: (-len(p[0]), p[0]))) for k, v in by_first.items()}


def parse_synonyms(data: str | bytes, *, source: str = "<synonyms>") -> Synonyms:
    """Read a synonym list (the YAML format above); errors name the file and entry."""
    doc: Any
    doc, lines = load_user_yaml_lines(data, source=source)
    if isinstance(doc, dict) and "groups" not in doc:
        refuse_unknown_keys(doc, _KEYS, lines, source)  # "grups:" is named with its line, not "no groups"
    if not isinstance(doc, dict) or not isinstance(doc.get("groups"), list):
        raise InputError(
            "expected a mapping with a list under 'groups' (e.g. groups: [[yttrande, remissvar]])",
            file=source,
            line=lines.get("groups"),
        )
    version = doc.get("schema_version", 1)
    if version != 1:
        raise InputError(
            f"schema_version {version!r} is not supported (expected 1)", file=source, line=lines.get("schema_version")
        )
    groups: list[tuple[str, ...]] = []
    for i, group in enumerate(doc["groups"]):
        if isinstance(group, list) and len(group) >= 2:
            for k, m in enumerate(group):
                if not (isinstance(m, str) and m.strip()):
                    raise InputError(
                        f"{shown(m)} is not a word or phrase (expected text, e.g. [expediera, skicka ut]; "
                        "quote a number or a date: '12')",
                        file=source,
                        line=lines.get(f"groups[{i}][{k}]") or lines.get(f"groups[{i}]"),
                        path=f"groups[{i}][{k}]",
                    )
        if (
            not isinstance(group, list)
            or len(group) < 2
            or not all(isinstance(m, str) and m.strip() for m in group)
        ):
            raise InputError(
                f"group {shown(group)} must be a list of at least two words or phrases",
                file=source,
                line=lines.get(f"groups[{i}]"),
                path=f"groups[{i}]",
            )
        groups.append(tuple(dict.fromkeys(_norm(m) for m in group)))
    ignore = doc.get("ignore", [])
    if not isinstance(ignore, list) or not all(
        isinstance(w, str) and len(_norm(w).split()) == 1 for w in ignore
    ):
        raise InputError(
            f"ignore must be a list of single words, got {shown(ignore)}",
            file=source,
            line=lines.get("ignore"),
            path="ignore",
        )
    refuse_unknown_keys(doc, _KEYS, lines, source)
    return Synonyms(_union_groups(groups), tuple(dict.fromkeys(_norm(w) for w in ignore)))


@lru_cache(maxsize=1)
def builtin_synonyms() -> Synonyms:
    """The synonym list shipped with permitflow (package data ``synonyms.yaml``)."""
    text = resources.files("processes.diff").joinpath("synonyms.yaml").read_text(encoding="utf-8")
    return parse_synonyms(text, source="processes/diff/synonyms.yaml")
