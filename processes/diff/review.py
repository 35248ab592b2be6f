"""The first review of an application in everyday words, read as the review.

A case officer writes "Granska ansökan" or "Kontroll av ansökan"; an officer drawing her own
day writes "Första genomläsning: bilagor, betalning", "Kontroll av bilagor" or "Granska
ansökan och hämta in det som saknas". The synonym group of checking (``granska``) already
holds "gå igenom", "läsa igenom", "kolla" and "genomgång"; three general facts of the language
are not words of a group:

* **the noun of "läsa igenom" is "genomläsning"** (as "genomgång" is the noun of "gå
  igenom"): its forms are written "läsa igenom";
* **the attachments are part of the application**: a check whose object is the attachments
  ("bilagor") and that names no word of the application is a check of the application: the
  first attachment word is read as "ansökans bilagor";
* **getting in what is missing is asking for it**: "hämta in" / "ta in" / "inhämta" directly
  followed by the missing thing (requests.py's words: "det som saknas", "saknade handlingar",
  "komplettering…") is written "begära in"; "Hämta in yttranden" (a remiss) stays.

>>> as_review("Första genomläsning: bilagor, betalning", "sv")
'Första läsa igenom: ansökans bilagor, betalning'
>>> as_review("Kontroll av bilagor", "sv")
'Kontroll av ansökans bilagor'
>>> as_review("Gå igenom ansökan och bilagor", "sv")
'Gå igenom ansökan och bilagor'
>>> as_review("Granska ansökan och hämta in det som saknas", "sv")
'Granska ansökan och begära in det som saknas'
>>> as_review("Hämta in yttranden från polisen", "sv")
'Hämta in yttranden från polisen'

Labels in other languages, and labels that fit none of the readings, stay whole.
"""

from __future__ import annotations

from processes.diff.requests import missing_thing

__all__ = ["as_review", "attachments_as_application", "getting_in_as_request", "reading_through"]

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
#: verbs of getting something in, with their particle ("hämta in", "ta in")
_GETTING = frozenset("hämta hämtar ta tar".split())
_GETTING_IN = frozenset("inhämta inhämtar".split())


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
    for word, b in zip(words, bare):
        if b in _READ_THROUGH:
            # keep what surrounds the word ("genomläsning:" -> "läsa igenom:")
            start = word.casefold().index(b)
            out.append(word[:start] + "läsa igenom" + word[start + len(b) :])
        else:
            out.append(word)
    return " ".join(out)


def _checking_at(bare: list[str], i: int) -> bool:
    word = bare[i]
    if word in _CHECKING or word.endswith(("granskning", "kontroll")):
        return True
    return word in _THROUGH_VERBS and i + 1 < len(bare) and bare[i + 1] == "igenom"


def attachments_as_application(name: str, lang: str) -> str:
    """``name`` with "ansökans" before its first attachment word when it checks the
    attachments and names no word of the application (module doc), else unchanged.

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
    check = next((i for i in range(len(bare)) if _checking_at(bare, i)), None)
    if check is None:
        return name
    attached = next((i for i in range(check + 1, len(bare)) if bare[i] in _ATTACHMENTS), None)
    if attached is None:
        return name
    word = words[attached]
    # an opening bracket stays before the inserted word: "(bilagor" -> "(ansökans bilagor"
    lead = len(word) - len(word.lstrip(_PUNCT))
    return " ".join([*words[:attached], word[:lead] + "ansökans", word[lead:], *words[attached + 1 :]])


def getting_in_as_request(name: str, lang: str) -> str:
    """``name`` with "hämta in"/"ta in"/"inhämta" written "begära in" when the missing thing
    follows directly (module doc), else unchanged.

    >>> getting_in_as_request("Inhämta saknade handlingar", "sv")
    'begära in saknade handlingar'
    """
    if lang != "sv" or not name:
        return name
    words = name.split()
    bare = _bare(words)
    for i, b in enumerate(bare):
        if b in _GETTING and i + 1 < len(bare) and bare[i + 1] == "in":
            after = i + 2
        elif b in _GETTING_IN:
            after = i + 1
        else:
            continue
        if missing_thing(bare, after) is not None:
            return " ".join([*words[:i], "begära", "in", *words[after:]])
    return name


def as_review(name: str, lang: str) -> str:
    """``name`` read through the three readings of the module doc, in order."""
    return getting_in_as_request(attachments_as_application(reading_through(name, lang), lang), lang)
