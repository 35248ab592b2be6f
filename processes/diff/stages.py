"""The stage of a permit case a step belongs to, read from its label.

Two people drawing the same case draw its work at different grains: one draws "Registrera
ansökan" and "Fördela ärendet" as two steps, the other one "Diarieföring". Labels and
structure cannot tell a step left over because the other model drew its work inside a
neighbour from a step the other model truly lacks; the step's *stage* of the case can (work
is drawn inside a neighbour of the same stage, not across stages).

``stages.yaml`` beside this module names the stages (intake, completeness, referrals,
investigation, knowledge test, write-up, decision, notice, fees, follow-up, ...) and the
words and phrases of each language that say each one. A word is read as the diff's lexicon
reads a label (``text.Lexicon.terms``), so a stage word is a small set of terms; a label
names a stage when its terms hold all the terms of one of the stage's words.

**Several stages named.** A word inside a longer phrase that names another stage does not
count ("meddela beslut" is a notice, not a decision: the phrase's terms hold the decision
word's). When two stages are still named the step has **no** stage: "Skicka beslut och
faktura" is both a notice and a fee, and neither word order (Swedish "Beslut meddelas" puts
the notice last, "Meddela beslut" first) nor the first word tells which; a stage is only
used as evidence, and a wrong stage is worse evidence than none. A term set listed under two
stages is left out of both.

>>> from processes.diff.synonyms import builtin_synonyms
>>> from processes.diff.text import Lexicon
>>> lex = Lexicon.build(builtin_synonyms(), ["Diarieföring", "Meddela beslut", "Skicka beslut och faktura"])
>>> [stage_of(lex, x) for x in ("Diarieföring", "Meddela beslut", "Skicka beslut och faktura")]
['intake', 'notice', None]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from processes.diff.text import Lexicon
from processes.diff.yamltext import load_package_yaml
from processes.errors import InputError

__all__ = ["Stages", "parse_stages", "builtin_stages", "stage_of", "word_list", "named_word_lists"]

_LANGUAGES = ("sv", "en")


@dataclass(frozen=True, slots=True)
class Stages:
    """The stages of a case in order: ``names``, and per language (``sv``, ``en``) the
    (stage name, word or phrase) pairs that say each."""

    names: tuple[str, ...]
    words: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]

    def __post_init__(self) -> None:
        if len(set(self.names)) != len(self.names):
            raise InputError(f"stages: a stage is named twice in {list(self.names)}")

    def words_of(self, language: str) -> tuple[tuple[str, str], ...]:
        """The (stage, word) pairs of ``language`` (none for a language not listed)."""
        return dict(self.words).get(language, ())


def word_list(value: Any, *, source: str, where: str) -> tuple[str, ...]:
    """``value`` as a list of words or phrases (``where`` in ``source`` names it in errors)."""
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise InputError(f"expected a list of words, got {value!r}", file=source, path=where)
    return tuple(value)


def named_word_lists(
    entries: list[Any], *, source: str, key: str, what: str
) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[tuple[str, str], ...]], ...]]:
    """The names of ``entries`` (the YAML list ``key`` of ``source``, each a mapping with a
    ``name`` and a word list per language, ``what`` in errors) and per language the (name, word)
    pairs."""
    names: list[str] = []
    by_language: dict[str, list[tuple[str, str]]] = {lang: [] for lang in _LANGUAGES}
    for k, entry in enumerate(entries):
        where = f"{key}[{k}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"]:
            raise InputError(f"a {what} needs a 'name'", file=source, path=where)
        unknown = sorted(set(entry) - {"name", *_LANGUAGES})
        if unknown:
            raise InputError(f"unknown key {unknown[0]!r} (expected name, sv, en)", file=source, path=where)
        names.append(entry["name"])
        for lang in _LANGUAGES:
            words = word_list(entry.get(lang, []), source=source, where=f"{where}.{lang}")
            by_language[lang].extend((entry["name"], w) for w in words)
    return tuple(names), tuple((lang, tuple(ws)) for lang, ws in by_language.items())


def parse_stages(data: Any, *, source: str = "<stages>") -> Stages:
    """Stages from the parsed YAML ``data`` (``stages.yaml``'s format); ``source`` names it
    in errors."""
    if not isinstance(data, dict) or not isinstance(data.get("stages"), list):
        raise InputError("expected a mapping with a list 'stages'", file=source)
    return Stages(*named_word_lists(data["stages"], source=source, key="stages", what="stage"))


@lru_cache(maxsize=1)
def builtin_stages() -> Stages:
    """The stages of a serving-permit (Swedish) or licence (English) case, ``stages.yaml``."""
    text = resources.files("processes.diff").joinpath("stages.yaml").read_text(encoding="utf-8")
    return parse_stages(load_package_yaml(text), source="processes/diff/stages.yaml")


def _index(lex: Lexicon, stages: Stages, lang: str) -> tuple[tuple[frozenset[str], str], ...]:
    """(terms of a stage word, its stage) as ``lex`` reads the words, a term set listed
    under two stages left out; remembered in the lexicon's memo."""
    key = ("stages", id(stages), lang)
    found = lex._memo.get(key)
    if isinstance(found, tuple) and found[0] is stages:
        return found[1]  # type: ignore[no-any-return]
    claims: dict[frozenset[str], set[str]] = {}
    for stage, word in stages.words_of(lang):
        claims.setdefault(frozenset(lex.terms(word, lang)), set()).add(stage)
    index = tuple(sorted((terms, next(iter(named))) for terms, named in claims.items() if len(named) == 1 and terms))
    lex._memo[key] = (stages, index)
    return index


def stage_of(lex: Lexicon, label: str, language: str | None = None, stages: Stages | None = None) -> str | None:
    """The one stage ``label`` names (module doc), or None when it names none or several."""
    lang = language or lex.language
    stages = stages or builtin_stages()
    key = ("stage", label, lang, id(stages))
    kept = lex._memo.get(key)
    if isinstance(kept, tuple) and kept[0] is stages:  # the object kept with its answer: an id is reused
        return kept[1]  # type: ignore[no-any-return]
    terms = set(lex.terms(label, lang))
    named = [(ts, stage) for ts, stage in _index(lex, stages, lang) if ts <= terms]
    kept = {stage for ts, stage in named if not any(ts < other for other, _ in named)}
    found = next(iter(kept)) if len(kept) == 1 else None
    lex._memo[key] = (stages, found)
    return found
