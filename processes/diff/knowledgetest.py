"""Which sub-step of the knowledge test a step is, read from its label.

The knowledge test is one stage of a permit case (stages.py), but people draw it at every
grain: "Kunskapsprov" alone; or "Boka kunskapsprov", "Genomför kunskapsprovet", "Rätta
provet", "Meddela resultat", "Omprov". The stage cannot tell "Boka kunskapsprov" from
"Meddela provresultat"; the test's own order can. ``knowledgetest.yaml`` beside this module
lists the words that say the test itself and its sub-steps in order (book < take < grade <
result < retest), in Swedish and English.

**Reading.** A label is read as plain roots (``text.normalise``, every word to its root as
the lexicon roots it, ``Lexicon.root``), *without* the synonym list, which makes "omprov",
"prov" and "skriva provet" one term, and without dropping stop words (a phrase such as "göra
om" needs its small word). A Swedish word that is not itself listed also counts as its two
parts when both are listed words ("provbokning" = prov + bokning, "kunskapsprovsresultat" =
kunskapsprov + resultat, with the linking -s-).

A label **is in the test** when it holds a word of the test (``test``) that is not part of
another stage's word or phrase in ``stages.yaml`` ("Test purchase" is follow-up, not the
test); another stage's word beside it does not take it out ("Meddela provresultat" is the
test's result, though "meddela" alone is a notice). A label in the test names a sub-step when it holds
every root of one of the sub-step's words or phrases; a phrase outranks a word or shorter
phrase inside it ("Meddela provtid" is booking, not the "meddela" of a result). A label may
name several sub-steps ("Boka omprov": book and retest); ``knowledge_test_steps`` returns them all.

**Numbered duplicates** (branch many33). A number or ordinal right after a word of the test
("Kunskapsprov 2", "Prov andra") is read by the list ("2": a retest) unless the same model has
the test with another number ("Kunskapsprov 1" beside it): then the two are numbered
duplicates, the project's rule, and ``knowledge_test_steps(..., numbered=True)`` reads the
label without the number (``number_after_test`` finds it).

>>> from processes.diff.synonyms import builtin_synonyms
>>> from processes.diff.text import Lexicon
>>> labels = ["Boka kunskapsprov", "Rätta provet", "Meddela provtid", "Kunskapsprov", "Boka platsbesök"]
>>> lex = Lexicon.build(builtin_synonyms(), labels, language="sv")
>>> [sorted(knowledge_test_steps(lex, x)) for x in labels]
[['book'], ['grade'], ['book'], [], []]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from processes.diff.stages import builtin_stages, named_word_lists, word_list
from processes.diff.text import Lexicon, normalise
from processes.diff.yamltext import load_package_yaml
from processes.errors import InputError

__all__ = [
    "KnowledgeTest", "parse_knowledge_test", "builtin_knowledge_test", "in_knowledge_test", "knowledge_test_steps",
    "number_after_test",
]

_LANGUAGES = ("sv", "en")
_STAGE = "knowledge test"  # the stage of stages.yaml the sub-steps belong to
_MIN_PART = 3  # the shortest part of a split Swedish compound
#: number words and ordinals that may follow a word of the test, as digits
_NUMBERS = {
    "sv": {"första": "1", "andra": "2", "tredje": "3", "fjärde": "4", "två": "2", "tre": "3", "fyra": "4"},
    "en": {"first": "1", "second": "2", "third": "3", "fourth": "4", "one": "1", "two": "2", "three": "3", "four": "4"},
}


@dataclass(frozen=True, slots=True)
class KnowledgeTest:
    """The test's sub-steps in order (``names``); per language (``sv``, ``en``) the words
    that say the test itself (``test``) and the (sub-step, word or phrase) pairs (``words``)."""

    names: tuple[str, ...]
    test: tuple[tuple[str, tuple[str, ...]], ...]
    words: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]

    def __post_init__(self) -> None:
        if len(set(self.names)) != len(self.names):
            raise InputError(f"knowledge test: a sub-step is named twice in {list(self.names)}")

    def test_words(self, language: str) -> tuple[str, ...]:
        """The words of ``language`` that say the test itself."""
        return dict(self.test).get(language, ())

    def words_of(self, language: str) -> tuple[tuple[str, str], ...]:
        """The (sub-step, word) pairs of ``language`` (none for a language not listed)."""
        return dict(self.words).get(language, ())

    def rank(self, name: str) -> int:
        """The place of sub-step ``name`` in the test's order (0 first)."""
        return self.names.index(name)


def parse_knowledge_test(data: Any, *, source: str = "<knowledge test>") -> KnowledgeTest:
    """The knowledge test from parsed YAML ``data`` (``knowledgetest.yaml``'s format);
    ``source`` names it in errors."""
    if not isinstance(data, dict) or not isinstance(data.get("test"), dict) or not isinstance(data.get("steps"), list):
        raise InputError("expected a mapping with a mapping 'test' and a list 'steps'", file=source)
    unknown = sorted(set(data["test"]) - set(_LANGUAGES))
    if unknown:
        raise InputError(f"unknown language {unknown[0]!r} (expected sv, en)", file=source, path="test")
    test = tuple((lang, word_list(data["test"].get(lang, []), source=source, where=f"test.{lang}")) for lang in _LANGUAGES)
    names, words = named_word_lists(data["steps"], source=source, key="steps", what="sub-step")
    return KnowledgeTest(names, test, words)


@lru_cache(maxsize=1)
def builtin_knowledge_test() -> KnowledgeTest:
    """The sub-steps of the serving-permit (Swedish) or personal licence (English) knowledge
    test, ``knowledgetest.yaml``."""
    text = resources.files("processes.diff").joinpath("knowledgetest.yaml").read_text(encoding="utf-8")
    return parse_knowledge_test(load_package_yaml(text), source="processes/diff/knowledgetest.yaml")


@dataclass(frozen=True, slots=True)
class _Index:
    test: tuple[frozenset[str], ...]  # the roots of each word of the test itself
    steps: tuple[tuple[frozenset[str], str], ...]  # (roots of a word or phrase, its sub-step)
    parts: frozenset[str]  # the roots a Swedish compound may split into
    elsewhere: tuple[frozenset[str], ...]  # another stage's words that hold a word of the test


def _roots(lex: Lexicon, text: str, lang: str) -> frozenset[str]:
    return frozenset(lex.root(w, lang) for w in normalise(text).split())


def _index(lex: Lexicon, kt: KnowledgeTest, lang: str) -> _Index:
    """The roots of the test's words as ``lex`` roots them; remembered in the lexicon's memo."""
    key = ("knowledge test", id(kt), lang)
    found = lex._memo.get(key)
    if isinstance(found, tuple) and found[0] is kt:
        return found[1]  # type: ignore[no-any-return]
    test = tuple(sorted({_roots(lex, w, lang) for w in kt.test_words(lang)}, key=sorted))
    steps = tuple(sorted({(_roots(lex, w, lang), s) for s, w in kt.words_of(lang)}, key=lambda p: (sorted(p[0]), p[1])))
    single = [rs for rs in test] + [rs for rs, _ in steps]
    parts = frozenset(r for rs in single if len(rs) == 1 for r in rs if len(r) >= _MIN_PART)
    elsewhere = tuple(
        sorted(
            {
                rs
                for stage, w in builtin_stages().words_of(lang)
                if stage != _STAGE and any(t <= (rs := _roots(lex, w, lang)) for t in test)
            },
            key=sorted,
        )
    )
    index = _Index(test, steps, parts, elsewhere)
    lex._memo[key] = (kt, index)
    return index


def _split(lex: Lexicon, word: str, parts: frozenset[str], lang: str) -> tuple[str, ...]:
    """The roots of ``word``'s two listed parts ("provbokning": prov, bokning), the longest
    head first; none when it does not split into two listed words."""
    for cut in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        tail_root = lex.root(tail, lang)
        if tail_root not in parts:
            continue
        for h in (head, head[:-1]) if head.endswith("s") and len(head) > _MIN_PART else (head,):
            if lex.root(h, lang) in parts:
                return (lex.root(h, lang), tail_root)
    return ()


def _label_roots(lex: Lexicon, label: str, lang: str, index: _Index) -> frozenset[str]:
    out: set[str] = set()
    for w in normalise(label).split():
        root = lex.root(w, lang)
        out.add(root)
        if lang == "sv" and len(w) >= 2 * _MIN_PART:
            out.update(_split(lex, w, index.parts, lang))
    return frozenset(out)


def in_knowledge_test(lex: Lexicon, label: str, language: str | None = None, kt: KnowledgeTest | None = None) -> bool:
    """Whether ``label`` is a step of the knowledge test (module doc)."""
    lang = language or lex.language
    kt = kt or builtin_knowledge_test()
    index = _index(lex, kt, lang)
    roots = _label_roots(lex, label, lang, index)
    return any(rs <= roots for rs in index.test) and not any(rs <= roots for rs in index.elsewhere)


def _numbered_at(lex: Lexicon, words: list[str], lang: str, index: _Index) -> tuple[int, str] | None:
    """The place in ``words`` of the first number or ordinal right after a word of the test,
    with the number as digits."""
    single = {next(iter(rs)) for rs in index.test if len(rs) == 1}
    for k in range(1, len(words)):
        w = words[k]
        number = str(int(w)) if w.isdigit() else _NUMBERS.get(lang, {}).get(w)
        if number is not None and lex.root(words[k - 1], lang) in single:
            return k, number
    return None


def number_after_test(lex: Lexicon, label: str, language: str | None = None, kt: KnowledgeTest | None = None) -> str | None:
    """The number or ordinal right after a word of the test in ``label``, as digits
    ("Kunskapsprov 2", "Prov andra": "2"); None without one.

    >>> from processes.diff.synonyms import builtin_synonyms
    >>> lex = Lexicon.build(builtin_synonyms(), ["Kunskapsprov 2", "Prov andra"], language="sv")
    >>> [number_after_test(lex, x) for x in ["Kunskapsprov 2", "Prov andra", "Kunskapsprov", "Försök 2"]]
    ['2', '2', None, None]
    """
    lang = language or lex.language
    found = _numbered_at(lex, normalise(label).split(), lang, _index(lex, kt or builtin_knowledge_test(), lang))
    return None if found is None else found[1]


def knowledge_test_steps(
    lex: Lexicon, label: str, language: str | None = None, kt: KnowledgeTest | None = None, *, numbered: bool = False
) -> frozenset[str]:
    """The sub-steps of the knowledge test ``label`` names (module doc); none when it is not
    in the test or names the test as a whole ("Kunskapsprov"). With ``numbered`` (the model
    has the test with another number) the number after the test's word is read as a
    numbered duplicate, not by the list."""
    lang = language or lex.language
    kt = kt or builtin_knowledge_test()
    key = ("knowledge test step", label, lang, id(kt), numbered)
    kept = lex._memo.get(key)
    if isinstance(kept, tuple) and kept[0] is kt:  # the object kept with its answer: an id is reused
        return kept[1]  # type: ignore[no-any-return]
    if numbered:
        words = normalise(label).split()
        at = _numbered_at(lex, words, lang, _index(lex, kt, lang))
        if at is not None:
            label = " ".join(words[: at[0]] + words[at[0] + 1 :])
    found: frozenset[str] = frozenset()
    if in_knowledge_test(lex, label, lang, kt):
        index = _index(lex, kt, lang)
        roots = _label_roots(lex, label, lang, index)
        named = [(rs, step) for rs, step in index.steps if rs <= roots]
        found = frozenset(step for rs, step in named if not any(rs < other for other, _ in named))
    lex._memo[key] = (kt, found)
    return found
