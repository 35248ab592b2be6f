"""Swedish-aware label normalisation and label similarity.

Two people drawing the same permit process write "Polisremiss" and "Remiss till
polisen", "Skicka remisser" and "Skickar remiss", "Yttrande" and "Remissvar". A label
is turned into a bag of comparable *terms* in five steps:

1. **normalise**: text double-encoded by a tool on its way (UTF-8 read as Windows-1252,
   "klÃ¤ren", even twice: "klÃƒÂ¤ren") is repaired first; then case-folded, punctuation
   and runs of white space become one space; å, ä and ö are kept (``normalise``).
2. **phrases**: multi-word synonyms ("svar på remiss") are replaced by their group's
   canonical term before the words are split.
3. **stop words** (till, av, på, om, och, the particles in/ut, ...) and the synonym
   list's ``ignore`` words are dropped unless nothing else is left.
4. **stems**: every word is stemmed with the Snowball Swedish stemmer, so inflections
   meet ("remisser", "remissen" -> "remiss"; "skickar", "skicka" -> "skick"); a stem in
   a synonym group becomes the group's canonical term.
5. **compounds**: a word that is neither a synonym nor itself split-free is split into
   two or three parts when every part is a word (or stem) of the *vocabulary* — all
   words of both models' labels plus the synonym list — trying the linking morpheme
   ("fogemorfem") -s- at each joint: "polisremiss" -> polis + remiss,
   "kunskapsprov" -> kunskap + prov when both occur. Parts are at least three letters;
   the split with the fewest parts wins, ties go to the longer first part. Splitting
   against the vocabulary (not a dictionary) keeps it cheap and avoids nonsense splits
   of words that never occur separately.

Terms are compared exactly, then with å/ä/ö folded to a/a/o (0.95), then by
``rapidfuzz`` character ratio (counted when >= 0.8). The label similarity is the soft
Dice coefficient of the two term bags (each term paired with its best partner, greedily,
best pairs first): ``2 * sum(pair scores) / (|A| + |B|)``, in [0, 1].
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz

from processes.diff.synonyms import Synonyms

__all__ = [
    "normalise",
    "repair_mojibake",
    "is_placeholder",
    "fold",
    "STOPWORDS",
    "Lexicon",
    "label_similarity",
    "group_similarity",
    "term_similarity",
    "soft_dice",
]

STOPWORDS = frozenset(
    "till av på om och i med från en ett den det de att som för efter inför vid hos eller in ut "
    "samt är blir ska skall kan får sin sitt sina dess nya ny över under".split()
)
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "æ": "a", "ø": "o"})
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_MIN_PART = 3


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as Windows-1252 (or Latin-1), up to three times.

    Only applied while the text shows the tell-tale "Ã"/"Â" and the bytes decode as UTF-8,
    so correct text (even with those letters) stays as it is.

    >>> repair_mojibake("Rechnung klÃƒÂ¤ren")
    'Rechnung klären'
    >>> repair_mojibake("Ärende")
    'Ärende'
    """
    for _ in range(3):
        if "Ã" not in text and "Â" not in text:
            break
        for codec in ("cp1252", "latin-1"):
            try:
                text = text.encode(codec).decode("utf-8")
                break
            except UnicodeError:
                continue
        else:
            break
    return text


def normalise(label: str) -> str:
    """Repair double-encoded text, case-fold, turn punctuation/underscores into spaces,
    collapse white space.

    >>> normalise("  Remiss till  Polisen! (obligatorisk)")
    'remiss till polisen obligatorisk'
    >>> normalise("Rechnung klÃ¤ren")
    'rechnung klären'
    """
    return " ".join(_NON_WORD.sub(" ", repair_mojibake(label).casefold().replace("_", " ")).split())


_PLACEHOLDERS = frozenset(
    {
        "start event",
        "end event",
        "intermediate event",
        "intermediate event boundary",
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


@lru_cache(maxsize=65536)
def is_placeholder(label: str) -> bool:
    """True for a name a modelling tool writes by default, which says nothing about the
    step: "End Event" (ADONIS), "End Event_74" (Cardanit), "Intermediate Event
    (boundary)", "Task". A numbered label written as such ("End Event 2") is a real name.

    >>> [is_placeholder(x) for x in ("End Event", "End Event_74", "End Event 2", "Beslut")]
    [True, True, False, False]
    """
    return normalise(_TOOL_SUFFIX.sub("", label.strip())) in _PLACEHOLDERS


def fold(text: str) -> str:
    """Fold å/ä/ö (and a few other diacritics) to plain letters: the fallback comparison.

    >>> fold("nämnd för överklagande")
    'namnd for overklagande'
    """
    return text.translate(_FOLD)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


_STEMMER = snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=262144)
def term_similarity(a: str, b: str) -> float:
    """Similarity of two terms: 1 equal, 0.95 equal after folding, else the character
    ratio when it is at least 0.8, else 0."""
    if a == b:
        return 1.0
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return 0.95
    if a.startswith("=") or b.startswith("="):
        return 0.0  # synonym groups are only ever equal or different
    r = fuzz.ratio(fa, fb) / 100.0
    return r if r >= 0.8 else 0.0


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Synonyms plus the vocabulary used to split compounds; turns labels into terms.

    Build one per comparison with :meth:`build` from every label of the models
    compared, so that a compound in one model splits against words of the other.
    """

    synonyms: Synonyms
    words: frozenset[str]
    stems: frozenset[str]
    # memo of terms and label similarities: a private cache, not part of the value
    _memo: dict[object, object] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def build(cls, synonyms: Synonyms, labels: Iterable[str]) -> Lexicon:
        """A lexicon whose vocabulary is every word of ``labels`` and of ``synonyms``."""
        words: set[str] = set()
        for label in labels:
            words.update(w for w in normalise(label).split() if w not in STOPWORDS and not w.isdigit())
        for phrase in synonyms.members():
            words.update(w for w in phrase.split() if w not in STOPWORDS)
        words = {w for w in words if len(w) >= _MIN_PART}
        return cls(synonyms, frozenset(words), frozenset(_stem(w) for w in words))

    def terms(self, label: str) -> tuple[str, ...]:
        """The sorted bag of comparable terms of ``label`` (see the module doc).

        Synonym groups appear as ``=<canonical>`` so they never fuzzy-match a plain word.
        """
        key = ("t", label)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = _terms(self, label)
        return found  # type: ignore[return-value]

    # -- helpers
    def _known(self, part: str) -> bool:
        return (
            part in self.words or _stem(part) in self.stems or self.synonyms.canonical_word(part) is not None
        )

    def _split(self, word: str, depth: int = 0) -> tuple[str, ...] | None:
        """Split ``word`` into known parts (fewest parts, longest first part), or None."""
        best: tuple[str, ...] | None = None
        for cut in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            heads = [head]
            if head.endswith("s") and len(head) - 1 >= _MIN_PART:
                heads.append(head[:-1])  # fogemorfem -s-: "kunskaps|prov"
            for h in heads:
                if not self._known(h):
                    continue
                if self._known(tail):
                    return (h, tail)
                if depth == 0 and best is None:
                    rest = self._split(tail, depth + 1)
                    if rest is not None:
                        best = (h, *rest)
        return best

    def _term(self, word: str) -> str:
        canon = self.synonyms.canonical_word(word)
        if canon is not None:
            return "=" + canon
        return _stem(word)


def _terms(lex: Lexicon, label: str) -> tuple[str, ...]:
    text = f" {normalise(label)} "
    for phrase, canon in lex.synonyms.phrases():
        if f" {phrase} " in text:
            text = text.replace(f" {phrase} ", f" ={canon} ")
    words = text.split()
    content = [w for w in words if w not in STOPWORDS and not lex.synonyms.ignores(w)] or words
    out: list[str] = []
    for w in content:
        if w.startswith("="):
            out.append(w)
            continue
        if lex.synonyms.canonical_word(w) is None and len(w) >= 2 * _MIN_PART:
            parts = lex._split(w)
            if parts is not None:
                out.extend(lex._term(p) for p in parts)
                continue
        out.append(lex._term(w))
    return tuple(sorted(out))


def soft_dice(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Soft Dice coefficient of two term bags (greedy best-pair matching)."""
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    scored = sorted(
        ((term_similarity(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)),
        reverse=True,
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    total = 0.0
    for s, i, j in scored:
        if s <= 0.0:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        total += s
    return 2.0 * total / (len(a) + len(b))


def label_similarity(lex: Lexicon, a: str, b: str) -> float:
    """Similarity of two labels in [0, 1] (soft Dice of their terms).

    >>> from processes.diff.synonyms import builtin_synonyms
    >>> lex = Lexicon.build(builtin_synonyms(), ["Polisremiss", "Remiss till polisen"])
    >>> label_similarity(lex, "Polisremiss", "Remiss till polisen")
    1.0
    """
    key = ("s", a, b)
    found = lex._memo.get(key)
    if found is None:
        found = 1.0 if normalise(a) == normalise(b) else round(soft_dice(lex.terms(a), lex.terms(b)), 6)
        lex._memo[key] = found
    return found  # type: ignore[return-value]


def group_similarity(lex: Lexicon, label: str, parts: Iterable[str]) -> float:
    """Similarity of ``label`` to several labels read together (a step split in two).

    The parts' terms are pooled as a *set* ("Skriv utredning" + "Skriv beslutsförslag"
    gives skriv, utredning, beslutsförslag), so a word repeated in each part is not
    counted against the single label; the label's own terms are taken as a set too.
    """
    pooled = tuple(sorted({t for p in parts for t in lex.terms(p)}))
    return round(soft_dice(tuple(sorted(set(lex.terms(label)))), pooled), 6)
