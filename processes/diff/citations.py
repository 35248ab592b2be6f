"""A reference to the law is not the work a step does.

A lawyer draws "Kommunicering enligt 25 § förvaltningslagen" and "Kunskapsprov enligt 8 kap.
12 § alkohollagen"; a case officer draws "Kommunicera de negativa uppgifterna med sökanden"
and "Sökanden skriver kunskapsprovet". Read word by word, the citation's numbers and the
law's name are terms the other label lacks (a number even counts as what tells "Kunskapsprov
1" from "Kunskapsprov 2"), so half of the lawyer's label speaks of where the duty is written,
not of the work. ``without_citations`` leaves out of a label every reference built around a
section sign that a word leads into (enligt, i, jfr, jämlikt, med stöd av; under, per,
pursuant to, according to) or that names its law (a word ending in -lagen, -lag,
-förordningen, -balken, or an upper-case abbreviation): "enligt 8 kap. 12 § alkohollagen",
"(25 § FL)", "jfr 9 kap. 2 § AL", "enligt § 5". A bare section sign inside a formula
("Score bachelors grade by §7(1)(a) * 51", university admission's scoring steps) tells
steps apart and stays; a label that is nothing but a citation is left whole.

>>> without_citations("Kommunicering enligt 25 § förvaltningslagen")
'Kommunicering'
>>> without_citations("Kunskapsprov enligt 8 kap. 12 § alkohollagen")
'Kunskapsprov'
>>> without_citations("Prövning av olägenheter (8 kap. 17 § AL)")
'Prövning av olägenheter'
>>> without_citations("Kunskapsprov 2")
'Kunskapsprov 2'
>>> without_citations("Score bachelors grade by §7(1)(a) * 51")
'Score bachelors grade by §7(1)(a) * 51'
"""

from __future__ import annotations

import re

__all__ = ["without_citations"]

_LEAD = r"(?:enligt|i|jfr\.?|jämlikt|med\s+stöd\s+av|under|per|pursuant\s+to|according\s+to)\s+"
_CHAPTER = r"(?:\d+\s*(?:kap\.?|kapitlet|ch\.?|chapter)\s*)?"
_SECTION = r"(?:§+\s*\d+\s*[a-z]?|\d+\s*[a-z]?\s*§+)"
_PART = r"(?:\s*(?:\d+\s*(?:st\.?|stycket|p\.?|punkten))|\s*(?:första|andra|tredje)\s+stycket)*"
_LAW = r"\s+(?:\w*(?:lagen|lag|förordningen|förordning|balken|act|code)|(?-i:[A-ZÅÄÖ]{2,5})\b)"
_CORE = _CHAPTER + _SECTION + _PART
#: a reference: led in by a word ("enligt …") or naming its law ("… alkohollagen", "… AL"), or both;
#: a bare section sign inside a formula ("Score grade by §7(1)(a) * 51") tells steps apart and stays
_CITATION = re.compile(
    r"\(?\s*(?:" + _LEAD + _CORE + r"(?:" + _LAW + r")?|" + _CORE + _LAW + r")\s*\)?", re.IGNORECASE
)


def without_citations(name: str) -> str:
    """``name`` without references to the law (module doc)."""
    if "§" not in name:
        return name
    kept = " ".join(_CITATION.sub(" ", name).split()).strip(" ,;:-–")
    return kept if any(ch.isalpha() for ch in kept) else name
