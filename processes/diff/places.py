"""Names of places, municipalities and systems are not what a step is.

Two municipalities draw the same hand-over with their own names: "Överlämna ärendet till
alkoholhandläggaren i Storsjö" against "Överlämnande av ärendet till Grannby kommun",
"Diarieföring i Norrfors diarium" against "Diarieför ansökan i Public 360". Read word by
word, each proper name is a term the other label lacks, rare and so weighty: half the terms
of the hand-over pair are names, and the pair scores 0.43. A name that only one municipality
uses says where or with which tool the work is done, not what it is.

``without_proper_names`` leaves out of a Swedish label every capitalised word after the
first that is not a word the synonym list knows ("Polisen", "Skatteverket",
"Kronofogden") and does not end like the name of a public body (-verket, -myndigheten,
-styrelsen, -tjänsten, -nämnden, -förvaltningen, -enheten, -kontoret, -förbundet, -inspektionen
…): a body receiving a remiss or a copy is what tells two such steps apart, a place is not.
A label written in title case (every word capitalised) is left whole, and so is a label
whose every content word would go.

>>> from processes.diff.synonyms import builtin_synonyms
>>> syn = builtin_synonyms()
>>> without_proper_names("Överlämna ärendet till alkoholhandläggaren i Storsjö", "sv", syn)
'Överlämna ärendet till alkoholhandläggaren i'
>>> without_proper_names("Remiss till Polisen och Länsstyrelsen", "sv", syn)
'Remiss till Polisen och Länsstyrelsen'
>>> without_proper_names("Diarieföring i Norrfors diarium", "sv", syn)
'Diarieföring i diarium'
"""

from __future__ import annotations

from processes.diff.language import is_stopword
from processes.diff.synonyms import Synonyms

__all__ = ["BODY_ENDINGS", "without_proper_names"]

#: how the names of Swedish public bodies end (with their genitive and definite forms)
BODY_ENDINGS = (
    "verk", "verket", "verkets", "myndighet", "myndigheten", "myndighetens", "styrelse", "styrelsen",
    "styrelsens", "tjänst", "tjänsten", "tjänstens", "nämnd", "nämnden", "nämndens", "förvaltning",
    "förvaltningen", "förvaltningens", "enhet", "enheten", "enhetens", "kontor", "kontoret", "kontorets",
    "förbund", "förbundet", "förbundets", "inspektion", "inspektionen", "inspektionens", "fogden",
    "fogdens", "polisen", "polisens", "kommun", "kommunen", "kommunens", "region", "regionen",
    "regionens", "rätt", "rätten", "rättens", "domstol", "domstolen", "domstolens", "utskott",
    "utskottet", "utskottets", "center", "centret", "centrum",
)


def _proper(word: str, lang: str, synonyms: Synonyms) -> bool:
    core = word.strip(".,;:()\"'")
    if not core or not core[0].isupper() or not core.isalpha():
        return False
    low = core.casefold()
    if low.endswith(BODY_ENDINGS) or synonyms.canonical_word(low, lang) is not None:
        return False
    return synonyms.canonical_word(low.removesuffix("s"), lang) is None


def without_proper_names(name: str, lang: str, synonyms: Synonyms) -> str:
    """``name`` without the proper names of places and systems (module doc)."""
    if lang != "sv" or not name:
        return name
    words = name.split()
    if len(words) < 2:
        return name
    rest = [w for w in words[1:] if w.strip(".,;:()\"'").isalpha()]
    if rest and all(w[0].isupper() for w in rest):
        return name  # title case: capitals say nothing
    drop = {i for i in range(1, len(words)) if _proper(words[i], lang, synonyms)}
    if not drop:
        return name
    kept = [w for i, w in enumerate(words) if i not in drop]
    if not any(w.isalpha() and not is_stopword(w.casefold(), lang) for w in kept):
        return name
    return " ".join(kept)
