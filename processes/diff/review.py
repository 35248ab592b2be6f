"""The first review of an application in everyday words, read as the review.

A case officer writes "Granska ansökan" or "Kontroll av ansökan"; an officer drawing her own
day writes "Första genomläsning: bilagor, betalning" or "Kontroll av bilagor". The synonym
group of checking (``granska``) already holds "gå igenom", "läsa igenom", "kolla" and
"genomgång"; two general facts of the language are not words of a group:

* **the noun of "läsa igenom" is "genomläsning"** (as "genomgång" is the noun of "gå
  igenom"): its forms are written "läsa igenom";
* **the attachments are part of the application**: a check whose object begins with the
  attachments ("Kontroll av bilagor", "Kontrollera bilagor mot checklistan") in a label that
  names no word of the application is a check of the application: that attachment word is
  read as "ansökans bilagor". Attachments in a clause about completeness ("Granska att alla
  bilagor finns", the group ``komplett``) or behind another object ("Gå igenom checklistan
  för bilagor") are not the check's object: the label stays.

>>> as_review("Första genomläsning: bilagor, betalning", "sv")
'Första läsa igenom: ansökans bilagor, betalning'
>>> as_review("Kontroll av bilagor", "sv")
'Kontroll av ansökans bilagor'
>>> as_review("Gå igenom ansökan och bilagor", "sv")
'Gå igenom ansökan och bilagor'
>>> as_review("Granska att alla bilagor finns", "sv")
'Granska att alla bilagor finns'

Labels in other languages, and labels that fit none of the readings, stay whole.
"""

from __future__ import annotations

__all__ = ["as_review", "attachments_as_application", "reading_through"]

_PUNCT = ".,;:()\"'+?"
#: the forms of "genomläsa" and its noun, the "läsa igenom" of the synonym group
_READ_THROUGH = frozenset(
    "genomläsning genomläsningen genomläsningar genomläsa genomläser genomläses genomläst genomlästa".split()
)
#: words of checking, one word
_CHECKING = frozenset(
    "granska granskar granskas granskning granskningen kontrollera kontrollerar kontrolleras kontroll "
    "kontrollen kolla kollar kollas genomgång genomgången".split()
)
#: verbs that check when "igenom" follows ("gå igenom", "läsa igenom")
_THROUGH_VERBS = frozenset("gå går gås läsa läser läses titta tittar".split())
_ATTACHMENTS = frozenset("bilaga bilagan bilagor bilagorna".split())
#: words naming the application itself (or its papers as a whole)
_APPLICATION = frozenset(
    "ansökan ansökans ansökningen blankett blanketten handling handlingen handlingar handlingarna "
    "ansökningshandlingar ansökningshandlingarna".split()
)


def _bare(words: list[str]) -> list[str]:
    return [w.casefold().strip(_PUNCT) for w in words]


def reading_through(name: str, lang: str) -> str:
    """``name`` with each form of "genomläsning" written "läsa igenom" (Swedish only).

    >>> reading_through("Genomläsning av ansökan", "sv")
    'läsa igenom av ansökan'
    """
    if lang != "sv" or not name:
        return name
    words = name.split()
    bare = _bare(words)
    if not any(b in _READ_THROUGH for b in bare):
        return name
    out = []
    for word, b in zip(words, bare, strict=True):
        if b in _READ_THROUGH:
            # keep what surrounds the word ("genomläsning:" -> "läsa igenom:")
            start = word.casefold().index(b)
            out.append(word[:start] + "läsa igenom" + word[start + len(b) :])
        else:
            out.append(word)
    return " ".join(out)


def _object_at(bare: list[str], i: int) -> int | None:
    """Where the object of a checking word at ``i`` begins (after "igenom" for the particle
    verbs, after one "av"), else None when ``i`` is no checking word."""
    word = bare[i]
    if word in _CHECKING or word.endswith(("granskning", "kontroll")):
        at = i + 1
    elif word in _THROUGH_VERBS and i + 1 < len(bare) and bare[i + 1] == "igenom":
        at = i + 2
    else:
        return None
    return at + 1 if at < len(bare) and bare[at] == "av" else at


def attachments_as_application(name: str, lang: str) -> str:
    """``name`` with "ansökans" before the attachment word that begins a check's object when
    the label names no word of the application (module doc), else unchanged.

    >>> attachments_as_application("Kontrollera bilagor mot checklistan", "sv")
    'Kontrollera ansökans bilagor mot checklistan'
    >>> attachments_as_application("Bilagor inkomna", "sv")
    'Bilagor inkomna'
    """
    if lang != "sv" or not name:
        return name
    words = name.split()
    bare = _bare(words)
    if any(b in _APPLICATION or b.startswith("ansöknings") for b in bare):
        return name
    objects = (_object_at(bare, i) for i in range(len(bare)))
    attached = next(
        (at for at in objects if at is not None and at < len(bare) and bare[at] in _ATTACHMENTS), None
    )
    if attached is None:
        return name
    word = words[attached]
    # an opening bracket stays before the inserted word: "(bilagor" -> "(ansökans bilagor"
    lead = len(word) - len(word.lstrip(_PUNCT))
    return " ".join([*words[:attached], word[:lead] + "ansökans", word[lead:], *words[attached + 1 :]])


def as_review(name: str, lang: str) -> str:
    """``name`` read through the two readings of the module doc, in order."""
    return attachments_as_application(reading_through(name, lang), lang)
