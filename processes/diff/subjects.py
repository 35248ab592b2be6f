"""Who does a step, said as the subject of its sentence, is not the work the step is.

An officer describing her own work writes "Jag skickar remisser till polisen", a
registrar's model says "Remiss till polisen"; a step another party does is written
"Sökanden skriver kunskapsprovet" or "Kontaktcenter skannar ansökan". The subject of
such a sentence names who acts, not what is done; matching compares what is done
(matchtypes.what), so a Swedish label whose first word is a person or party
(``PARTIES``) followed by a finite verb loses that first word:

>>> without_party_subject("Jag skickar remisser till polisen", "sv")
'skickar remisser till polisen'
>>> without_party_subject("Sökanden har kompletterat", "sv")
'har kompletterat'
>>> without_party_subject("Sökanden får beslutet", "sv")
'Sökanden får beslutet'
>>> without_party_subject("Sökandens yttrande", "sv")
'Sökandens yttrande'

A finite verb is a word ending in -r (present tense: "skickar", "går", "gör") or an
auxiliary before a further word ("har kompletterat"); "Sökanden i ärendet" or
"Kontaktcenter" alone are left whole. Decision-making bodies (nämnden, utskottet) are
not in the list: which body decides is what tells a delegation decision from a committee
decision, and it stays part of the step.

English writes the performer as the subject the same way: "Our licensing inspector inspects
your premises", "The Licensing Committee hears you and the objectors", "We check your
application is complete". :func:`without_performer_subject` leaves who acts (We/You/I, or a
subject's determiner and role head: ``ROLES`` or a word of the step's lane) out of an English label:

>>> without_performer_subject("Our licensing inspector inspects your premises", "en")
'licensing inspects your premises'
>>> without_performer_subject("Licensing Committee hearing", "en")
'Licensing Committee hearing'
>>> without_performer_subject("Notify the police", "en")
'Notify the police'
"""

from __future__ import annotations

import re

from processes.diff.language import is_stopword

__all__ = ["PARTIES", "ROLES", "without_party_subject", "without_performer_subject"]

#: the speaker, the applicant and a municipality's front desk: as a sentence's subject they
#: say who acts, not what is done (general Swedish administrative language)
PARTIES = frozenset(
    "jag vi du ni man sökanden sökande kontaktcenter kontaktcentret kundtjänst kundtjänsten "
    "servicecenter servicecentret medborgarservice registraturen".split()
)
#: auxiliaries before the verb that carries the work: "Sökanden har kompletterat"
AUXILIARIES = frozenset("har hade ska skall kan måste".split())
#: verbs of receiving: their subject is who the work is for ("Sökanden får beslutet" is the
#: decision sent to the applicant), so it stays
RECEIVING = frozenset("får fick erhåller mottar".split())


def without_party_subject(name: str, lang: str) -> str:
    """``name`` without a person or party as its first word when a finite verb follows."""
    words = name.split()
    if lang != "sv" or len(words) < 2 or words[0].casefold() not in PARTIES:
        return name
    verb = words[1].casefold()
    if not verb.isalpha():
        return name
    if verb in AUXILIARIES:
        return " ".join(words[1:]) if len(words) >= 3 else name
    if verb in RECEIVING:
        return name
    return " ".join(words[1:]) if verb.endswith("r") and len(verb) >= 3 else name


#: English staff roles, bodies and parties: the head of a subject that says who acts
#: (general English administrative language; a plural by a final "s" counts too)
ROLES = frozenset(
    "officer inspector committee subcommittee board council clerk manager applicant police staff team "
    "panel tribunal authority department registrar secretary chair chairperson licensee owner objector "
    "commissioner assessor planner agent solicitor".split()
)
#: the speaker and the reader as a subject: "We check …", "You lodge …"
_PERSONS = frozenset("we you i".split())
#: what opens a noun phrase subject: "Our licensing inspector", "The Licensing Committee"
_SUBJECT_DETERMINERS = frozenset("the a an our your their its his her my".split())
#: after a plural subject or We/You/I, a plain verb form is read as the verb only before one of these
_OBJECT_OPENERS = _SUBJECT_DETERMINERS | frozenset("you us them it this that these those all each every".split())
#: auxiliaries of a singular subject: "The Board has decided"
_EN_AUXILIARIES = frozenset("has is will can must may should".split())
#: heads read as plural without a final "s": "Police check the applicant"
_PLURAL_HEADS = frozenset("police staff".split())
#: verbs of receiving: their subject is who the work is for, so it stays
_EN_RECEIVING = frozenset("receive receives get gets".split())
#: at most this many words between the determiner and the head: "Our environmental health officers"
_MAX_MODIFIERS = 3


def without_performer_subject(name: str, lang: str, performer: str = "") -> str:
    """An English ``name`` without the subject that says who acts (module doc): We/You/I, or the
    determiner and head of a noun phrase headed by a role, body or party (``ROLES``, or a word
    of ``performer``, the step's lane), when a finite verb follows it. The head's modifiers stay:
    they say what the performer works on ("Our environmental health officers check …" is the
    other model's "Refer to Environmental Health"), as the lane's do (matchtypes.what).

    >>> without_performer_subject("The Licensing Committee hears you and the objectors", "en")
    'Licensing hears you and the objectors'
    >>> without_performer_subject("Police report rec'd (vetting)", "en")
    "Police report rec'd (vetting)"
    """
    words = name.split()
    if lang != "en" or len(words) < 2:
        return name
    bare = [w.casefold() for w in words]
    if bare[0] in _PERSONS:
        verb = bare[1]
        if verb.isalpha() and not is_stopword(verb, lang) and verb not in _EN_RECEIVING:
            return " ".join(words[1:])
        return name
    lane = {w for w in re.split(r"[^\w]+", performer.casefold()) if w.isalpha() and not is_stopword(w, lang)}
    start = 1 if bare[0] in _SUBJECT_DETERMINERS else 0
    for head in range(start, min(start + _MAX_MODIFIERS + 1, len(words) - 2)):
        word = bare[head]
        if not word.isalpha() or is_stopword(word, lang):
            return name
        if _is_role(word, lane) and _finite_after(bare, head):
            return " ".join(words[start:head] + words[head + 1 :])
    return name


def _is_role(word: str, lane: set[str]) -> bool:
    return word in ROLES or word.removesuffix("s") in ROLES or word in lane


def _finite_after(bare: list[str], head: int) -> bool:
    """Whether the word after the subject's head is a finite verb with something after it
    that is no past participle ("Committee papers circulated" is a noun phrase)."""
    verb, after = bare[head + 1], bare[head + 2]
    if not verb.isalpha() or is_stopword(verb, "en") or verb in _EN_RECEIVING:
        return False
    if after.endswith(("ed", "'d", "’d")) or not after[:1].isalnum():
        return False
    if verb in _EN_AUXILIARIES:
        return True
    plural = bare[head].endswith("s") or bare[head] in _PLURAL_HEADS
    if plural and after in _OBJECT_OPENERS:
        return True
    return (
        not plural
        and len(verb) >= 4
        and verb.endswith("s")
        and not verb.endswith(("ss", "us", "is"))
    )
