"""A body named in a step of a lane that lists several bodies is what tells the steps apart.

matchtypes.what leaves out of a label the words that name the step's own performer ("Beslut
i socialnämnden" in the lane "Nämnden" is "Beslut"). When the lane lists several parties
("Polisen och andra myndigheter", "Polis, Skatteverket"), the body a step names picks one of
them: "Polisen lämnar sitt yttrande" and "Skatteverket lämnar yttrande" in that lane are two
answers, and another model draws them as "Yttrande Polis" and "Yttrande Skatteverket". So
the words stay when the lane is a list and they name only some of its parts.

>>> from processes.diff.synonyms import builtin_synonyms
>>> from processes.diff.text import Lexicon
>>> lex = Lexicon.build(builtin_synonyms(), ["Polisen och andra myndigheter", "Polisen lämnar sitt yttrande"])
>>> names_one_of(lex, "Polisen och andra myndigheter", ["Polisen"], "sv")
True
>>> names_one_of(lex, "Socialnämnden", ["socialnämnden"], "sv")
False
>>> names_one_of(lex, "Polisen och andra myndigheter", ["Polisen", "andra", "myndigheter"], "sv")
False
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from processes.diff.text import Lexicon

__all__ = ["names_one_of"]

#: what separates the parties a lane lists: "och", "samt", commas, slashes, "med flera"
_SEPARATORS = re.compile(r"\s*(?:,|/|\+|&|\bsamt\b|\boch\b|\bmed flera\b|\bm\.?\s?fl\.?)\s*", re.IGNORECASE)


def _parts(lex: Lexicon, performer: str, lang: str) -> list[set[str]]:
    """The terms of each party the lane lists (parts without terms left out)."""
    out = []
    for part in _SEPARATORS.split(performer):
        # a coordinated compound ("Miljö- och hälsoskyddsnämnden") is one body, not a list
        if part.endswith("-"):
            return []
        terms = set(lex.terms(part, lang)) if part.strip() else set()
        if terms:
            out.append(terms)
    return out


def names_one_of(lex: Lexicon, performer: str, words: Sequence[str], lang: str) -> bool:
    """Whether ``performer`` lists several parties and ``words`` (of a step's label, each a
    word of the performer) name some of them but not all."""
    if lang != "sv" or not words:
        return False
    parts = _parts(lex, performer, lang)
    if len(parts) < 2:
        return False
    named: set[str] = set()
    for w in words:
        named.update(lex.terms(w, lang))
    hit = [p for p in parts if p & named]
    return 0 < len(hit) < len(parts)
