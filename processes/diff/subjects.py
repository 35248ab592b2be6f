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
"""

from __future__ import annotations

__all__ = ["PARTIES", "without_party_subject"]

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
