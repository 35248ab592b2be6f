"""Clipped words and acronyms read as the words of the models they stand for.

A lean workshop's post-its say "Kompl.-begäran", "Reg. + vidarebefordran", "Ordf.-beslut",
"Underrättelse Polis/FHM/LST", "Remiss SKV/Kronofogden", "Beslut AU"; the other model spells
the words out. Read as they stand, "kompl", "fhm" and "au" are terms no other label has.

``expand`` replaces, in a Swedish label, each abbreviation by the one word of the labels
compared (``Lexicon.label_words``: every word of both models' steps and lanes) it stands for:

* a **clipped word**: letters followed by "." or "-" that are not a word themselves, at least
  three: the words that begin with them ("kompl" -> "komplettering", "reg" -> "registreras");
* an **acronym**: two to five letters, all capitals or without a vowel ("FHM", "AU", "Rtj"),
  not a word: first the words whose compound parts have these initials
  ("folk|hälso|myndigheten" -> FHM, "arbets|utskottet" -> AU), failing those the words that
  begin with its first letter and contain its letters in order ("SKV" -> "skatteverket",
  "LST" -> "länsstyrelsen", "Rtj" -> "räddningstjänsten").

In an English label (office shorthand: "Grant under DA", "Chk PL register for DPS", "LSC
hearing") English forms compound words with spaces, so:

* an **acronym** in capitals, two to five letters, not a stop word: first the words a label
  defines it as ("Licensing Sub-Committee (LSC)"), failing those a run of consecutive
  content words of one label with these initials ("DA" -> "delegated authority", "DPS" ->
  "designated premises supervisor"); never letters spelt inside one word ("FBI" is no
  "fabric");
* a **clipped word without vowels**, three to five letters ("chk", "mgr"): the words that
  begin with its first letter and contain its letters in order ("chk" -> "check").

A hyphen does not mark an English clipped word ("Pre-issue", "Sub-Committee"). An English
acronym that the step's own lane writes ("LSC hearing" in the lane "Licensing Sub-Committee
(LSC)") stays as written: it says who does the step, and matchtypes drops such words.

An abbreviation is replaced only when its reading is unambiguous: the candidate words have
one set of terms (inflections of one word: "registrera", "registreras"), or one set of terms
has more than half of the candidate words; otherwise it stays as written. Nothing is read
from a hand list of pairs: the models' own words decide.

>>> from processes.diff.synonyms import builtin_synonyms
>>> from processes.diff.text import Lexicon
>>> lex = Lexicon.build(builtin_synonyms(), ["Kompl.-begäran", "Vi ber dig komplettera",
...     "Underrättelse Polis/FHM/LST", "Skicka kopia till Folkhälsomyndigheten och Länsstyrelsen"])
>>> expand(lex, "Kompl.-begäran", "sv")
'komplettera-begäran'
>>> expand(lex, "Underrättelse Polis/FHM/LST", "sv")
'Underrättelse Polis/folkhälsomyndigheten/länsstyrelsen'
>>> expand(lex, "Skicka kopia till Folkhälsomyndigheten", "sv")
'Skicka kopia till Folkhälsomyndigheten'
"""

from __future__ import annotations

import re
from collections import Counter

from processes.diff.language import is_stopword
from processes.diff.text import Lexicon

__all__ = ["expand"]

_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiouyåäöé")
_MIN_CLIPPED = 3


def _known(lex: Lexicon, word: str, lang: str) -> bool:
    """A word of the synonym list or a stop word (the token's own label puts every token in
    the vocabulary, so the vocabulary cannot tell)."""
    return is_stopword(word, lang) or lex.synonyms.canonical_word(word, lang, lex.lemmatise) is not None


def _subsequence(letters: str, word: str) -> bool:
    it = iter(word)
    return all(ch in it for ch in letters)


def _initials(lex: Lexicon, word: str, lang: str) -> str:
    parts = lex.split_compound(word, lang)
    return "".join(p[0] for p in parts) if parts else word[0]


def _reading(lex: Lexicon, words: list[str], lang: str, majority: bool = True) -> str | None:
    """The one word among ``words`` that they all (or, with ``majority``, more than half)
    read as, by terms."""
    if not words:
        return None
    by_terms = Counter(lex.terms(w, lang) for w in words)
    (terms, count), *rest = by_terms.most_common()
    if rest and (not majority or count * 2 <= len(words)):
        return None
    # the shortest spelling of that reading, then the first in alphabetical order
    return min((w for w in words if lex.terms(w, lang) == terms), key=lambda w: (len(w), w))


def _clipped(lex: Lexicon, prefix: str, lang: str) -> str | None:
    # the labels' words and the synonym list's: "kompl" is most often "komplettering"
    return _reading(lex, sorted(w for w in lex.words if w.startswith(prefix) and len(w) > len(prefix)), lang)


def _acronym(lex: Lexicon, letters: str, lang: str) -> str | None:
    defined = sorted({words for acronym, words in lex.defined if acronym == letters})
    if defined:
        return _reading(lex, defined, lang, majority=False)
    pool = sorted(w for w in lex.label_words if w[0] == letters[0] and len(w) >= len(letters) + 2)
    by_initials = [w for w in pool if _initials(lex, w, lang) == letters]
    if by_initials:
        return _reading(lex, by_initials, lang, majority=False)
    if len(letters) < 3:
        return None  # two letters in order are in too many words
    spelt = [w for w in pool if _subsequence(letters[1:], w[1:])]
    # an acronym names a body: the words the labels write with a capital first
    return _reading(lex, [w for w in spelt if w in lex.names] or spelt, lang, majority=False)


def _phrase(lex: Lexicon, letters: str, lang: str) -> str | None:
    """The one reading of the runs of consecutive content words whose initials are ``letters``."""
    n = len(letters)
    runs = sorted(
        {
            " ".join(seq[k : k + n])
            for seq in lex.sequences
            for k in range(len(seq) - n + 1)
            if "".join(w[0] for w in seq[k : k + n]) == letters
        }
    )
    return _reading(lex, runs, lang, majority=False)


def _english(lex: Lexicon, token: str, lang: str) -> str | None:
    low = token.casefold()
    if is_stopword(low, lang) or not 2 <= len(low) <= 5:
        return None
    if token.isupper():
        defined = sorted({words for acronym, words in lex.defined if acronym == low})
        if defined:
            return _reading(lex, defined, lang, majority=False)
        return _phrase(lex, low, lang)
    if len(low) >= _MIN_CLIPPED and _VOWELS.isdisjoint(low):
        pool = sorted(w for w in lex.label_words if w[0] == low[0] and len(w) > len(low) and _subsequence(low[1:], w[1:]))
        return _reading(lex, pool, lang, majority=False)
    return None


def expand(lex: Lexicon, name: str, lang: str, performer: str = "") -> str:
    """``name`` with its abbreviations spelt out (module doc); other languages unchanged.
    ``performer`` is the step's lane (English: its acronyms stay as written)."""
    if lang not in ("sv", "en") or not name or not lex.label_words:
        return name
    key = ("abbr", name, lang, performer if lang == "en" else "")
    found = lex._memo.get(key)
    if found is not None:
        return found  # type: ignore[return-value]
    out, last = [], 0
    for m in _WORD.finditer(name):
        token = m.group(0)
        low = token.casefold()
        after = name[m.end() : m.end() + 1]
        reading = None
        if lang == "en":
            reading = None if token in _WORD.findall(performer) else _english(lex, token, lang)
            if reading is not None:
                out.append(name[last : m.start()] + reading)
                last = m.end()
            continue
        clipped = after == "." or (after == "-" and name[m.end() + 1 : m.end() + 2].isalpha())
        if len(low) >= _MIN_CLIPPED and clipped and not _known(lex, low, lang):
            reading = _clipped(lex, low, lang)
        elif 2 <= len(low) <= 5 and (token.isupper() or _VOWELS.isdisjoint(low)) and not _known(lex, low, lang):
            reading = _acronym(lex, low, lang)
        if reading is not None:
            out.append(name[last : m.start()] + reading)
            last = m.end() + (1 if after == "." else 0)
    out.append(name[last:])
    found = lex._memo[key] = "".join(out)
    return found
