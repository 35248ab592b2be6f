"""Label normalisation and the terms of a label, in Swedish or English.

Two people drawing the same permit process write "Polisremiss" and "Remiss till
polisen", "Registrering av ansökan" and "Ansökan registreras", "Yttrande" and
"Remissvar". A label is turned into a bag of comparable *terms*:

1. **normalise**: text double-encoded by a tool on its way (UTF-8 read as Windows-1252,
   "klÃ¤ren", even twice: "klÃƒÂ¤ren") is repaired first; then case-folded, punctuation
   and runs of white space become one space; å, ä and ö are kept (``normalise``).
2. **phrases**: multi-word synonyms ("svar på remiss") are replaced by their group's
   canonical term before the words are split.
3. **stop words** of the label's language (language.py), single letters and the synonym
   list's ``ignore`` words are dropped unless nothing else is left; a number glued to a
   word by a tool ("completeness2") is dropped; a number standing alone stays a term, and
   ordinals become numbers ("Första kunskapsprovet" = "Kunskapsprov 1"), so numbered
   duplicates ("Kunskapsprov 1", "Kunskapsprov 2") are alike but told apart by their number
   (Swedish "andra" is left alone: it also means "other").
4. **roots**: every word becomes its root (language.word_root: lemma, then the
   derivation of Swedish nominalisations or the Snowball English stem), so
   "Registrering av ansökan" = "Registrera ansökan" = "Ansökan registreras"; a root in a
   synonym group becomes the group's canonical term ``=name``.
5. **compounds** (Swedish): a word that is neither a synonym nor itself split-free is
   split into two or three parts when every part is a word (or root) of the
   *vocabulary* — all words of the labels compared plus the synonym list — trying the
   linking morpheme ("fogemorfem") -s- at each joint: "polisremiss" -> polis + remiss,
   "kunskapsprov" -> kunskap + prov when both occur. Parts are at least three letters;
   the split with the fewest parts wins, ties go to the longer first part. Failing that, a
   head or a modifier from the synonym list splits the word ("vandels|prövning",
   "remiss|förfarande").

How two terms and two labels are compared is in labelsim.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from processes.diff.itemprefix import bare_label, recurring_prefixes
from processes.diff.language import STOPWORDS as LANGUAGE_STOPWORDS
from processes.diff.language import detect_language, word_root
from processes.diff.synonyms import Synonyms
from processes.diff.thesaurus import NO_THESAURUS, Thesaurus
from processes.mojibake import repair_mojibake

__all__ = [
    "normalise",
    "repair_mojibake",
    "is_placeholder",
    "fold",
    "STOPWORDS",
    "Lexicon",
    "DEFINITION",
    "NON_WORD",
    "definitions",
    "proper_names",
]

STOPWORDS = LANGUAGE_STOPWORDS["sv"]
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "æ": "a", "ø": "o"})
NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_MIN_PART = 3
_HEAD = 5  # the shortest modifier and head of a compound split by its head alone


def normalise(label: str) -> str:
    """Repair double-encoded text, case-fold, turn punctuation/underscores into spaces,
    collapse white space.

    >>> normalise("  Remiss till  Polisen! (obligatorisk)")
    'remiss till polisen obligatorisk'
    >>> normalise("Rechnung klÃ¤ren")
    'rechnung klären'
    """
    return " ".join(NON_WORD.sub(" ", repair_mojibake(label).casefold().replace("_", " ")).split())


_PLACEHOLDERS = frozenset(
    {
        "start event",
        "end event",
        "intermediate event",
        "intermediate event boundary",
        "intermediate event sequence flow",
        "boundary event",
        "event",
        "task",
        "activity",
        "sub process",
        "subprocess",
        "gateway",
    }
)
_TOOL_SUFFIX = re.compile(r"_\d+$")
# the words of BPMN's element types: a tool's numbered default ("Error Boundary Event_149") is made of them
_TYPE_WORDS = frozenset(
    "start end intermediate boundary catch throw event none message timer error escalation cancel compensation "
    "conditional link signal terminate multiple parallel non interrupting task user service send receive manual "
    "script business rule abstract activity call sub process subprocess gateway exclusive inclusive complex "
    "based".split())
# and one of them names what kind of element it is: "MESSAGE_2" alone is a name (a message, in PMMC's Potsdam)
_KIND_WORDS = frozenset({"event", "task", "gateway", "activity", "subprocess", "process"})


@lru_cache(maxsize=65536)
def is_placeholder(label: str) -> bool:
    """True for a name a modelling tool writes by default, which says nothing about the
    step: "End Event" (ADONIS), "End Event_74" (Cardanit), "Intermediate Event
    (boundary)", "Intermediate Event (sequence flow)" (ADONIS), "Task", and a type's name with
    a tool's number glued on by an underscore ("Error Boundary Event_149", Cardanit). A numbered
    label written as such ("End Event 2") is a real name, and so is a type's name without the
    tool's number ("Boundary Intermediate Event Interrupting Error", the MIWG reference's).

    >>> [is_placeholder(x) for x in ("End Event", "End Event_74", "End Event 2", "Beslut")]
    [True, True, False, False]
    >>> [is_placeholder(x) for x in ("Error Boundary Event_149", "Intermediate Event (sequence flow)",
    ...                              "Error Boundary Event", "Review Event_2", "MESSAGE_2")]
    [True, True, False, False, False]
    """
    bare = label.strip()
    stem = _TOOL_SUFFIX.sub("", bare)
    words = normalise(stem)
    if words in _PLACEHOLDERS:
        return True
    said = set(words.split())
    return stem != bare and said <= _TYPE_WORDS and bool(said & _KIND_WORDS)


def fold(text: str) -> str:
    """Fold å/ä/ö (and a few other diacritics) to plain letters: the fallback comparison.

    >>> fold("nämnd för överklagande")
    'namnd for overklagande'
    """
    return text.translate(_FOLD)




_GLUED_NUMBER = re.compile(r"(?<=[^\W\d_])\d+$")
# ordinals count as their numbers: "Första kunskapsprovet" = "Kunskapsprov 1"
_ORDINALS = {
    "första": "1", "tredje": "3", "fjärde": "4", "femte": "5",
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5",
}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Synonyms, thesaurus and the vocabulary for compound splitting; turns labels into terms.

    Build one per comparison with :meth:`build` from every label of the models
    compared, so that a compound in one model splits against words of the other.
    ``language`` is the default language of labels (``sv`` or ``en``); a caller that
    knows a model's own language passes it to :meth:`terms`.
    """

    synonyms: Synonyms
    words: frozenset[str]
    roots: frozenset[str]
    language: str = "sv"
    thesaurus: Thesaurus = NO_THESAURUS
    lemmatise: bool = False
    # memo of terms and label similarities: a private cache, not part of the value
    _memo: dict[object, object] = field(default_factory=dict, compare=False, hash=False, repr=False)
    #: the words of the labels compared (not the synonym list): what an abbreviation may
    #: stand for (abbreviations.py)
    label_words: frozenset[str] = frozenset()
    #: acronyms the labels define, "Arbetsutskott (AU)": (acronym, the words it stands for)
    defined: tuple[tuple[str, str], ...] = ()
    #: words written with a capital after a label's first word: the names of bodies
    names: frozenset[str] = frozenset()
    #: English labels: the content words of each distinct label in order, where an acronym
    #: looks for the phrase it stands for ("DA" = "delegated authority", abbreviations.py)
    sequences: tuple[tuple[str, ...], ...] = ()
    #: the item codes' letters and colon prefixes that begin several labels compared ("A" of
    #: "A1 …", "A2 …"; "Auto:"): not part of what a step does (itemprefix.py)
    prefixes: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls,
        synonyms: Synonyms,
        labels: Iterable[str],
        *,
        language: str = "auto",
        thesaurus: Thesaurus = NO_THESAURUS,
        lemmatise: bool = False,
    ) -> Lexicon:
        """A lexicon whose vocabulary is every word of ``labels`` and of ``synonyms``;
        ``language="auto"`` detects it from the labels (language.detect_language)."""
        labels = list(labels)
        lang = detect_language(labels) if language == "auto" else language
        stop = LANGUAGE_STOPWORDS[lang]
        label_words: set[str] = set()
        for label in dict.fromkeys(labels):  # (each distinct label once: a set of words)
            label_words.update(w for w in normalise(label).split() if w not in stop and not w.isdigit())
        member_words = {w for phrase in synonyms.members() for w in phrase.split() if w not in stop}
        label_words = {w for w in label_words if len(w) >= _MIN_PART}
        member_words = {w for w in member_words if len(w) >= _MIN_PART}
        # label words by their full root; synonym members (a list may be long) by their plain root
        roots = {word_root(w, lang, lemmatise) for w in label_words}
        roots |= {word_root(w, lang, False) for w in member_words}
        return cls(
            synonyms, frozenset(label_words | member_words), frozenset(roots), lang, thesaurus, lemmatise,
            label_words=frozenset(label_words), defined=definitions(labels), names=proper_names(labels),
            sequences=_sequences(labels, stop) if lang == "en" else (),
            prefixes=recurring_prefixes(labels),
        )

    def terms(self, label: str, language: str | None = None) -> tuple[str, ...]:
        """The sorted bag of comparable terms of ``label`` (see the module doc).

        Synonym groups appear as ``=<canonical>`` so they never fuzzy-match a plain word.
        """
        lang = language or self.language
        key = ("t", label, lang)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = _terms(self, label, lang)
        return found  # type: ignore[return-value]

    def root(self, word: str, language: str | None = None) -> str:
        return word_root(word, language or self.language, self.lemmatise)

    def knows(self, part: str, lang: str) -> bool:
        """Whether ``part`` is a word of either model, has the root of one, or is in the synonym list."""
        return (
            part in self.words
            or self.root(part, lang) in self.roots
            or self.synonyms.canonical_word(part, lang, self.lemmatise) is not None
        )

    def split_compound(self, word: str, lang: str) -> tuple[str, ...] | None:
        """Split ``word`` into known parts (fewest parts, longest first part), or None."""
        return self._split(word, lang)

    # -- helpers
    def _split(self, word: str, lang: str, depth: int = 0) -> tuple[str, ...] | None:
        best: tuple[str, ...] | None = None
        for cut in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            heads = [head]
            if head.endswith("s") and len(head) - 1 >= _MIN_PART:
                heads.append(head[:-1])  # fogemorfem -s-: "kunskaps|prov"
            for h in heads:
                if not self.knows(h, lang):
                    continue
                if self.knows(tail, lang):
                    return (h, tail)
                if depth == 0 and best is None:
                    rest = self._split(tail, lang, depth + 1)
                    if rest is not None:
                        best = (h, *rest)
        if best is None and depth == 0:
            # compounds are right-headed: a head from the domain list after a modifier of at
            # least _HEAD letters still splits ("vandels|prövning" is a kind of "prövning")
            for cut in range(_HEAD, len(word) - _HEAD + 1):
                head, tail = word[:cut], word[cut:]
                if self.synonyms.canonical_word(tail, lang, self.lemmatise) is not None:
                    return (head[:-1] if head.endswith("s") and len(head) > _HEAD else head, tail)
            # ... and so does a modifier from the domain list before a head, both of at least
            # _HEAD letters ("remiss|förfarande", "ärende|systemet"; not "registr|ator"), the
            # longest such modifier first
            for cut in range(len(word) - _HEAD, _HEAD - 1, -1):
                head, tail = word[:cut], word[cut:]
                if self.synonyms.canonical_word(head, lang, self.lemmatise) is None:
                    continue
                if head.endswith("s") and self.synonyms.canonical_word(head[:-1], lang, self.lemmatise) is not None:
                    continue  # a genitive-looking modifier: the shorter cut decides where the -s- goes
                if tail.startswith("s") and self.knows(tail[1:], lang) and not self.knows(tail, lang):
                    tail = tail[1:]  # fogemorfem -s-, when the vocabulary knows the head without it
                return (head, tail)
        return best

    def _term(self, word: str, lang: str) -> str:
        canon = self.synonyms.canonical_word(word, lang, self.lemmatise)
        if canon is not None:
            return "=" + canon
        return self.root(word, lang)


#: "Arbetsutskott (AU)", "Socialnämnden (SN)", "Folkhälsomyndigheten (FHM)": words, then an
#: acronym in brackets that begins with the first word's first letter
DEFINITION = re.compile(r"((?:[^\W\d_]+[ -]){0,3}[^\W\d_]+)\s*\(([A-ZÅÄÖ]{2,5})\)")


def definitions(labels: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """The acronyms ``labels`` define (``DEFINITION``): (acronym, the words it stands for,
    from the last word that starts with the acronym's first letter), case-folded, sorted."""
    found: set[tuple[str, str]] = set()
    for label in dict.fromkeys(labels):  # (a performer's name comes once per step: searched once)
        if "(" not in label:
            continue  # (no definition without its bracket: the pattern's search tries every word otherwise)
        for m in DEFINITION.finditer(label):
            acronym, words = m.group(2).casefold(), m.group(1).casefold().replace("-", " ").split()
            starts = [k for k, w in enumerate(words) if w[0] == acronym[0]]
            if starts:
                found.add((acronym, " ".join(words[starts[-1] :])))
    return tuple(sorted(found))


def _sequences(labels: Iterable[str], stop: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    """The runs of content words (letters only, stop words left out) of each distinct label,
    in order; a word in capitals ends a run (an acronym is not the words it stands for)."""
    found: set[tuple[str, ...]] = set()
    for label in dict.fromkeys(labels):
        run: list[str] = []
        for word in NON_WORD.sub(" ", repair_mojibake(label).replace("_", " ")).split():
            if len(word) >= 2 and word.isupper():
                found.add(tuple(run))
                run = []
            elif word.isalpha() and word.casefold() not in stop:
                run.append(word.casefold())
        found.add(tuple(run))
    return tuple(sorted(seq for seq in found if len(seq) >= 2))


def proper_names(labels: Iterable[str]) -> frozenset[str]:
    """The words (case-folded) that ``labels`` write with a capital letter, not as a label's
    first word: "Skatteverket" in "Vi frågar Polisen, Skatteverket och räddningstjänsten"."""
    out: set[str] = set()
    for label in dict.fromkeys(labels):  # (each distinct label once: a set of words)
        words = NON_WORD.sub(" ", label).split()
        out.update(w.casefold() for w in words[1:] if w[:1].isupper() and w[1:].islower())
    return frozenset(out)


#: Swedish verb particles: "hämta in" is "inhämta", "skicka ut" is "utskicka" (utskick)
_PARTICLES = frozenset({"in", "ut", "upp"})


def _join_particles(words: list[str], lex: Lexicon) -> str:
    """A verb and its particle written as the compound verb ("hämta in yttranden" ->
    "inhämta yttranden") when the vocabulary (the labels compared, the synonym list) has
    that compound, so the particle verb meets its compound and noun forms; otherwise the
    particle is a stop word ("Skicka ut remisser" = "Skicka remisser")."""
    out: list[str] = []
    for w in words:
        prev = out[-1] if out else ""
        if w in _PARTICLES and prev.isalpha() and prev not in LANGUAGE_STOPWORDS["sv"] and (
            w + prev in lex.words or lex.root(w + prev, "sv") in lex.roots
        ):
            out[-1] = w + prev
        else:
            out.append(w)
    return " ".join(out)


def _terms(lex: Lexicon, label: str, lang: str) -> tuple[str, ...]:
    text = normalise(bare_label(label, lex.prefixes))
    words = [_ORDINALS.get(w, w) for w in (_GLUED_NUMBER.sub("", w) or w for w in text.split())]
    text = lex.synonyms.replace_phrases(" ".join(words), lang)
    if lang == "sv":
        joined = _join_particles(text.split(), lex)
        if joined != text:
            text = lex.synonyms.replace_phrases(joined, lang)
    words = text.split()
    stop = LANGUAGE_STOPWORDS[lang]
    content = [
        w
        for w in words
        if w not in stop and not (len(w) == 1 and w.isalpha()) and not lex.synonyms.ignores(w, lang)
    ] or words
    out: list[str] = []
    for w in content:
        if w.startswith("="):
            out.append(w)
            continue
        if lang == "sv" and lex.synonyms.canonical_word(w, lang, lex.lemmatise) is None and len(w) >= 2 * _MIN_PART:
            parts = lex.split_compound(w, lang)
            if parts is not None:
                out.extend(lex._term(p, lang) for p in parts)
                continue
        out.append(lex._term(w, lang))
    return tuple(sorted(out))
