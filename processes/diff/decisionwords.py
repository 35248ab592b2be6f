"""The head of a Swedish compound says what it names: "delegationsbeslut" is a decision.

Swedish compounds are right-headed: the last part is the thing, the parts before it say which
one. "Delegationsbeslut", "ordförandebeslut", "nämndbeslut" and "avslagsbeslut" are decisions
(taken on delegation, by the chair, by the committee; a refusal), and their first part is
evidence of who decides or what the outcome is. "Beslutsunderlag", "beslutsförslag",
"beslutskopia" have the decision only as a modifier: they name the material for, the proposal
of, a copy of a decision, not the decision.

A word is split by the diff's compound splitter (``text.Lexicon.split_compound``) against the synonym
list alone, so a step is a decision or not whatever model it is compared with; a word it
leaves whole that ends in a decision noun after a modifier it does not know ("rådsbeslut") is
still read head last. A compound written with a hyphen ("Ordf.-beslut", "AU-beslut") is one
word whose head follows the last hyphen.

>>> [str(decision_word(w)) for w in ("beslut", "delegationsbeslut", "ordf-beslut", "beslutsunderlag")]
['beslut', 'delegation|beslut', 'ordf|beslut', 'None']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon, normalise

__all__ = ["DECISION_NOUNS", "DecisionWord", "decision_word", "label_words"]

#: a decision as a noun: the head of a compound that names one
DECISION_NOUNS = frozenset({"beslut", "beslutet", "besluten"})
_MIN_PART = 3  # the splitter's shortest part
_MIN_COMPOUND = 2 * _MIN_PART


@dataclass(frozen=True, slots=True)
class DecisionWord:
    """A word that names a decision: its ``head`` (a decision noun) and the parts before it
    (``modifiers``: who decides, "delegation", "ordförande"; or the outcome, "avslag")."""

    modifiers: tuple[str, ...]
    head: str

    def __str__(self) -> str:
        return "|".join((*self.modifiers, self.head))


def label_words(label: str) -> list[str]:
    """``label`` normalised into words, a hyphenated compound kept as one word with its
    parts joined by "-" ("Ordf.-beslut (delegation)" -> ["ordf-beslut", "delegation"])."""
    out: list[str] = []
    for token in label.split():
        pieces = [normalise(p) for p in token.split("-")]
        pieces = [p for p in pieces if p]
        if len(pieces) > 1 and all(p.isalpha() for p in pieces):
            out.append("-".join(pieces))
        else:
            out.extend(normalise(token).split())
    return out


def decision_word(word: str) -> DecisionWord | None:
    """``word`` (normalised, Swedish; see :func:`label_words`) read as a decision when its
    head is a decision noun."""
    *hyphened, last = word.split("-")
    found = _split(last)
    if found[-1] not in DECISION_NOUNS:
        return None
    return DecisionWord(tuple(hyphened) + found[:-1], found[-1])


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    return Lexicon.build(builtin_synonyms(), [], language="sv")


@lru_cache(maxsize=65536)
def _split(word: str) -> tuple[str, ...]:
    """``word``'s parts, the head last (the word alone when it does not split)."""
    # remembered: a label is asked about once per pair it is compared in
    if word in DECISION_NOUNS or len(word) < _MIN_COMPOUND:
        return (word,)
    lex = _lexicon()
    parts = lex.split_compound(word, "sv")
    if parts is None:
        # a modifier the synonym list does not know ("råds|beslut"): the head is still last
        ends = [n for n in DECISION_NOUNS if word.endswith(n) and len(word) - len(n) >= _MIN_PART]
        return (word[: -len(ends[0])], ends[0]) if ends else (word,)
    head = parts[-1]
    modifiers = tuple(p[:-1] if p.endswith("s") and lex.knows(p[:-1], "sv") else p for p in parts[:-1])
    return (*modifiers, head)
