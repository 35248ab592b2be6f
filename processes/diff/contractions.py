"""English office contractions read as the participle they stand for: "rec'd", "chk'd".

An inspector's checklist writes "Police report rec'd", "Docs chk'd", "DLC decision rec'd";
the other model writes "Certificate received" and "Check application". Read as they stand,
"rec" and "chk" are terms no other label has (and "d" is a word of its own).

``read_contractions`` replaces, in an English label, each *contraction* (letters, an
apostrophe and "d": "rec'd", "chk'd", "sign'd") by the one word it stands for:

* the words that **fit** it end in "ed" (the "'d" keeps that ending), begin with its first
  letter and hold its other letters in order before that ending ("rec" in r-e-c-eiv-ed);
* first the words of the labels compared that fit (``Lexicon.label_words``); when none
  does, the participles of a fixed list of clerical verbs that fit (``CLERICAL``);
* the fitting words must read as one word (one set of terms: "received" and "receive" are
  one word, "received" and "recorded" are two); otherwise the contraction stays as written.

A base form written in the labels ("Record objection") is not a participle and does not
fit; it would make "rec'd" ambiguous without saying anything of it.

>>> from processes.diff.synonyms import builtin_synonyms
>>> from processes.diff.text import Lexicon
>>> lex = Lexicon.build(builtin_synonyms(), ["Police report rec'd", "Certificate received",
...     "Record objection"], language="en")
>>> read_contractions(lex, "Police report rec'd")
'Police report received'
>>> read_contractions(lex, "Docs chk'd")
'Docs checked'
>>> read_contractions(lex, "Form req'd")
"Form req'd"
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from processes.diff.text import Lexicon

__all__ = ["CLERICAL", "read_contractions"]

# "rec'd", "chk’d": letters, an apostrophe, "d", then no letter
_CONTRACTION = re.compile(r"(?<![^\W\d_])([^\W\d_]{2,})['’][dD](?![^\W\d_])")

#: past participles of the clerical verbs an office contracts; fixed before the first
#: benchmark run (bench/RESULTS-matching.md, branch many42), read only when no word of
#: the labels fits
CLERICAL = (
    "received", "checked", "requested", "required", "signed", "approved", "processed", "forwarded",
    "filed", "recorded", "issued", "completed", "confirmed", "reviewed", "verified", "assessed",
    "updated", "logged", "noted", "notified", "registered", "submitted", "returned", "accepted",
    "refused", "declined", "granted", "sighted", "acknowledged", "inspected", "scheduled",
    "rejected", "attached", "copied", "emailed", "posted", "scanned", "stamped",
)  # fmt: skip


def _fits(kept: str, word: str) -> bool:
    if not word.endswith("ed") or word[0] != kept[0] or len(word) <= len(kept):
        return False
    rest = iter(word[1:-2])
    return all(ch in rest for ch in kept[1:])


def _one_reading(lex: Lexicon, words: Iterable[str]) -> str | None:
    found = sorted(set(words))
    if not found or len({lex.terms(w, "en") for w in found}) != 1:
        return None
    return min(found, key=lambda w: (len(w), w))


def reading(lex: Lexicon, kept: str) -> str | None:
    """The one word the contraction with letters ``kept`` ("rec" of "rec'd") stands for, or None.

    >>> from processes.diff.synonyms import builtin_synonyms
    >>> from processes.diff.text import Lexicon
    >>> lex = Lexicon.build(builtin_synonyms(), ["Certificate received"], language="en")
    >>> reading(lex, "rec"), reading(lex, "sign"), reading(lex, "req")
    ('received', 'signed', None)
    """
    kept = kept.casefold()
    own = [w for w in lex.label_words if _fits(kept, w)]
    if own:
        return _one_reading(lex, own)
    return _one_reading(lex, (w for w in CLERICAL if _fits(kept, w)))


def read_contractions(lex: Lexicon, name: str) -> str:
    """``name`` (an English label) with each contraction it writes read (module doc)."""
    if "'" not in name and "’" not in name:
        return name

    def replace(m: re.Match[str]) -> str:
        return reading(lex, m.group(1)) or m.group(0)

    return _CONTRACTION.sub(replace, name)
