"""Words of a label in Swedish or English: stop words, lemmas, roots, language detection.

A label's content words are reduced to a *root* that inflected forms, and a verb and its
nominalisation, share:

1. **lemma** (when the optional extra ``permitflow[lemmas]`` is installed): ``simplemma``
   (it ships its dictionaries; nothing is downloaded) turns "registreras" into "registrera", "ansökningar" into "ansökan", "documents" into
   "document", "accepted" into "accept";
2. **derivation** (Swedish): the passive -s after a vowel is dropped; the verb suffix -era,
   the nouns -ering, -ation/-tion, -ning, -ing and the infinitive -a are cut when at least
   four letters stay, so
   "registrering" = "registrera" = "registr", "granskning" = "granska" = "gransk",
   "utredning" = "utreda" = "utred", "inspektion" = "inspektera" = "inspekt" (a finite form
   or participle of an -era verb first becomes the infinitive: "arkiverar" = "arkivera"); a noun in
   -else or -an is its verb ("underrättelse" = "underrätta", "begäran" = "begära");
   other words get the Snowball Swedish stem ("remisser" -> "remiss");
3. **stem** (English): the Snowball English (Porter 2) stem of the lemma, which already
   joins "evaluation" and "evaluate" ("evalu"), "rejection" and "rejected" ("reject").

``detect_language`` (:mod:`processes.labellanguage`, re-exported here) decides between Swedish
and English for a whole model: letters å/ä/ö and stop words of each language are counted; a
tie is Swedish, the language of the domain. Labels with neither (terse activity names) are
looked up in simplemma's dictionaries when it is installed (else typical word endings are counted).
A model whose words another language's dictionary knows and Swedish and English do not is
``"other"`` (``OTHER``): its words are their own roots (no lemma, no stem, no stop word), and none
of the Swedish or English rules of the diff apply to its labels.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import snowballstemmer

from processes.labellanguage import (
    DETECTED,
    LANGUAGES,
    OTHER,
    STOPWORDS,
    detect_language,
    stream_dictionaries,
)

__all__ = ["LANGUAGES", "OTHER", "DETECTED", "STOPWORDS", "detect_language", "word_root", "lemma",
           "is_stopword", "lemmatiser_available"]

_STEMMERS = {lang: snowballstemmer.stemmer(name) for lang, name in (("sv", "swedish"), ("en", "english"))}
_MIN_ROOT = 4


def is_stopword(word: str, lang: str) -> bool:
    """Whether ``word`` (case-folded) is a stop word of ``lang``."""
    return word in STOPWORDS[lang]


def lemmatiser_available() -> bool:
    """Whether simplemma (the optional extra ``permitflow[lemmas]``) is installed."""
    try:
        import simplemma  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=65536)
def lemma(word: str, lang: str) -> str:
    """The dictionary form of ``word`` by simplemma (the word itself when unknown, or when
    simplemma is not installed, or ``lang`` is ``other``)."""
    lemmatise = None if lang == OTHER else _lemmatiser()
    if lemmatise is None:
        return word
    found = lemmatise(word, lang)
    return found.casefold() if found else word


@lru_cache(maxsize=1)
def _lemmatiser() -> Callable[[str, str], str] | None:
    """simplemma's lemmatiser over the memory-frugal dictionaries the language detector reads
    (:func:`processes.labellanguage.stream_dictionaries`: each language read once for both, a few MB where
    simplemma's default builds a dict of tens of MB), None without simplemma."""
    factory = stream_dictionaries()
    if factory is None:
        return None
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory)).lemmatize


_SV_SUFFIXES = (("ering", 5), ("era", 3), ("ation", 5), ("tion", 3), ("ning", 4), ("ing", 3))
_SV_VERB_NOUNS = (("else", 4), ("an", 2))
_SV_ERA_FINITE = ("erande", "erar", "erade", "erat", "erad")
_SV_NOUN_SUFFIXES = (("ering", 5), ("ation", 5), ("tion", 3), ("ning", 4), ("ing", 3))


@lru_cache(maxsize=262144)
def word_root(word: str, lang: str, lemmatise: bool = False) -> str:
    """The root of one case-folded word (module doc).

    >>> [word_root(w, "sv", False) for w in ("registrering", "registrera", "granskning", "granska")]
    ['registr', 'registr', 'gransk', 'gransk']
    >>> [word_root(w, "en", False) for w in ("evaluation", "evaluate", "rejected", "rejection")]
    ['evalu', 'evalu', 'reject', 'reject']
    """
    if word.isdigit() or lang == OTHER:
        return word  # a language with no rules here: spelling alone (neither stemmer would fit it)
    base = lemma(word, lang) if lemmatise else word
    if lang == "en":
        return _STEMMERS["en"].stemWord(base)
    if len(base) >= 5 and base.endswith(("as", "es")) and not base.endswith("ss"):
        base = base[:-1]  # the passive -s: "registreras" is "registrera", "delges" is "delge"
    for ending in _SV_ERA_FINITE:
        # a finite form of an -era verb is that verb: "arkiverar" / "arkiverade" = "arkivera"
        if base.endswith(ending) and len(base) - len(ending) >= _MIN_ROOT:
            base = base[: -len(ending)] + "era"
            break
    for suffix, cut in _SV_VERB_NOUNS:
        # nouns made from a verb by -else and -an: "underrättelse" is "underrätta",
        # "begäran" is "begära"
        if base.endswith(suffix) and len(base) - cut >= _MIN_ROOT + 1:
            return word_root(base[:-cut] + "a", lang, False)
    for suffix, cut in _SV_SUFFIXES:
        if base.endswith(suffix) and len(base) - cut >= _MIN_ROOT:
            return base[:-cut]
    stem = _STEMMERS["sv"].stemWord(base)
    for suffix, cut in _SV_NOUN_SUFFIXES:
        # an inflected nominalisation: "kompletteringar" -> "komplettering" -> "komplett"
        if stem.endswith(suffix) and len(stem) - cut >= _MIN_ROOT:
            return stem[:-cut]
    if stem == base and base.endswith("a") and len(base) - 1 >= _MIN_ROOT:
        return base[:-1]  # an infinitive Snowball keeps whole ("granska" -> "gransk")
    return stem
