"""Who speaks in a label is not the work: the applicant's and the office's voice.

A municipality's web page tells the applicant what happens: "Du får läsa och kommentera
utredningen", "Vi ber dig komplettera", "Du får beslutet med posten". A case officer's model
says "Kommunicering", "Begär komplettering", "Skicka beslutet till sökanden". Three general
constructions of written Swedish carry the work in another word than the first verb:

* **"får" + infinitive** (permission, "may"): the work is the infinitive; a party as the
  subject (subjects.PARTIES: "Du", "Vi", "Sökanden") goes with the auxiliary, a named
  body stays ("Polisen får yttra sig" is Polisen's answer);
* **"be" + someone + infinitive** ("ber dig komplettera", "ber sökanden svara"): a request,
  read as "begär" + the infinitive ("begär komplettera");
* **the addressee receiving a document** ("Du får beslutet", "Sökanden får
  tillståndsbeviset"): the document sent to the applicant, read as "skicka … till
  sökanden" (dispatch.as_dispatch then reads a decision sent as the message family).

>>> as_active("Du får läsa och kommentera utredningen", "sv")
'läsa och kommentera utredningen'
>>> as_active("Polisen får yttra sig", "sv")
'Polisen yttra sig'
>>> as_active("Vi ber dig komplettera", "sv")
'begär komplettera'
>>> as_active("Du får beslutet med posten", "sv")
'skicka beslutet med posten till sökanden'
>>> as_active("Sökanden får beslutet", "sv")
'skicka beslutet till sökanden'
>>> as_active("Du får en bekräftelse", "sv")
'skicka en bekräftelse till sökanden'
>>> as_active("Nämnden får ärendet", "sv")
'Nämnden får ärendet'

Labels in other languages and labels that do not start with such a sentence stay whole.
"""

from __future__ import annotations

from processes.diff.language import is_stopword
from processes.diff.subjects import PARTIES

__all__ = ["ADDRESSEES", "as_active", "infinitive"]

#: the applicant, as the one a step is for
ADDRESSEES = frozenset("du ni sökanden sökande".split())
#: "får" and its past: permission before an infinitive, receiving before a noun
_GETS = frozenset("får fick".split())
#: "be" (ask someone to do something)
_ASK = frozenset("be ber bad".split())
#: the object of "be": whom the office asks
_ASKED = frozenset("dig er sökanden sökande honom henne dem".split())
_VOWELS = frozenset("aeiouyåäö")


def infinitive(word: str) -> bool:
    """A Swedish infinitive: ends in -a after a consonant, at least three letters, and is
    not a stop word ("läsa", "yttra", "komplettera", "svara")."""
    return (
        len(word) >= 3
        and word.isalpha()
        and word.endswith("a")
        and word[-2] not in _VOWELS
        and not is_stopword(word, "sv")
    )


def as_active(name: str, lang: str) -> str:
    """``name`` with the work put first (module doc), else unchanged."""
    if lang != "sv" or not name:
        return name
    words = name.split()
    bare = [w.casefold().strip(".,;:()\"'") for w in words]
    if len(words) >= 3 and bare[1] in _GETS:
        if infinitive(bare[2]):
            return " ".join(words[2:] if bare[0] in PARTIES else [words[0], *words[2:]])
        if bare[0] in ADDRESSEES:
            return " ".join(["skicka", *words[2:], "till", "sökanden"])
        return name
    at = 1 if len(words) >= 2 and bare[0] in PARTIES else 0
    if len(words) >= at + 3 and bare[at] in _ASK and bare[at + 1] in _ASKED and infinitive(bare[at + 2]):
        return " ".join(["begär", *words[at + 2 :]])
    return name
