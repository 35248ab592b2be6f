"""Sending a decision is one kind of work, whatever the message word and the document.

Swedish administrative language has a family of words for telling someone of a decision:
"Skicka kopia av beslutet till Länsstyrelsen", "Underrättelse till Länsstyrelsen",
"Expediering av beslut till sökanden", "Skicka beslutet med överklagandehänvisning till
sökanden", "Beslutskopia till Polismyndigheten", "Underrätta Polisen om beslutet",
"Skicka protokollsutdrag till sökanden". The message word (skicka, underrätta, meddela,
expediera, delge, informera, översända …) and the document (beslutet, en kopia av det, a
protocol extract) change from drawer to drawer; who receives it decides which step it is.
Read word by word, a copy of the decision says "beslut", which the decision itself says too,
and "skicka", which a remiss says: the dispatch scores low against "Underrättelse till X"
and shares a word with the decision.

``as_dispatch`` rewrites such a label: where a message word and a decision document occur
together, or a copy of the decision stands alone ("Beslutskopia till X", "Kopia av beslutet
till X"), the message word becomes "delge" (the synonym list's name of the message family)
and the document words go; the receivers and everything else stay:

>>> as_dispatch("Skicka kopia av beslutet till Länsstyrelsen", "sv")
'delge till Länsstyrelsen'
>>> as_dispatch("Beslutskopia till Polismyndigheten", "sv")
'delge till Polismyndigheten'
>>> as_dispatch("Underrätta Polisen och Länsstyrelsen om beslutet", "sv")
'delge Polisen och Länsstyrelsen om'
>>> as_dispatch("Beslutsmeddelande", "sv")
'delge'
>>> as_dispatch("Skicka remiss till Polisen", "sv")
'Skicka remiss till Polisen'
>>> as_dispatch("Skicka förslag till beslut till nämnden", "sv")
'Skicka förslag till beslut till nämnden'

A proposal ("förslag till beslut", "beslutsförslag") is the officer's report, not a
decision sent: labels naming one are left whole, as are labels in other languages.
"""

from __future__ import annotations

__all__ = ["MESSAGE_WORDS", "as_dispatch", "as_hand_over"]

#: verbs and nouns of sending or telling (general Swedish administrative language)
MESSAGE_WORDS = frozenset(
    "skicka skickar skickas skickat skickande utskick sänd sända sänder sänds översänd översända "
    "översänder översänds översändande tillställa tillställer tillställs expediera expedierar expedieras expediering expedieringen "
    "delge delger delges delgivning meddela meddelar meddelas meddelande underrätta underrättar "
    "underrättas underrättelse underrättelsen informera informerar informeras mejla mejlar "
    "posta postar".split()
)
#: a copy of a document
_COPY = frozenset("kopia kopian kopior kopiorna".split())
#: the committee's form of a decision: an extract of the minutes
_EXTRACT = frozenset("protokollsutdrag protokollsutdraget protokollsutdragen".split())
_CANONICAL = "delge"


def _bare(word: str) -> str:
    return word.casefold().strip(".,;:()\"'")


def _document(word: str) -> bool:
    """A decision (any compound with "beslut": "beslutet", "avslagsbeslut", "beslutskopia")
    or a protocol extract; not a proposal ("beslutsförslag")."""
    return ("beslut" in word and "förslag" not in word) or word in _EXTRACT


def _sent_decision(word: str) -> bool:
    """A compound naming the decision as sent: "beslutskopia", "beslutsmeddelande",
    "beslutsexpediering", "beslutsbrev", "beslutsbesked"."""
    rest = word.removeprefix("beslut").removeprefix("s")
    return word.startswith("beslut") and rest.startswith(("kopi", "meddel", "expedi", "brev", "besked", "underrätt", "utskick"))


def as_dispatch(name: str, lang: str) -> str:
    """``name`` read as a dispatch of a decision when it is one (module doc), else unchanged."""
    if lang != "sv" or not name:
        return name
    words = name.split()
    bare = [_bare(w) for w in words]
    if any("förslag" in w for w in bare):
        return name
    docs = [i for i, w in enumerate(bare) if _document(w)]
    if not docs:
        return name
    verbs = [i for i, w in enumerate(bare) if w in MESSAGE_WORDS]
    copies = [i for i, w in enumerate(bare) if w in _COPY or _sent_decision(w)]
    if verbs:
        head = verbs[0]
    elif copies:
        head = copies[0]
    else:
        return name
    # a protocol extract stays: it is also the committee's document ("Justerat protokollsutdrag")
    drop = {i for i in docs if bare[i] not in _EXTRACT} | set(copies)
    out = []
    for i, w in enumerate(words):
        if i == head:
            out.append(_CANONICAL)
        elif i in drop:
            continue
        elif bare[i] == "av" and i + 1 < len(words) and i + 1 in drop and i - 1 in drop | {head}:
            continue  # "kopia av beslutet"
        else:
            out.append(w)
    return " ".join(out)


#: verbs of sending on ("skickar ansökan vidare") and of leaving something with someone
_SEND = frozenset("skicka skickar skickas sänd sända sänder sänds".split())
_LEAVE = frozenset("lämna lämnar lämnas".split())
_HAND_OVER = "överlämna"


def as_hand_over(name: str, lang: str) -> str:
    """A case passed on to someone else reads as the hand-over it is: "skickar ansökan vidare
    till …" and "lämnar ärendet till …" say what "Överlämnande av ärendet till …" says (the
    synonym list's hand-over group: överlämna, översända, vidarebefordra …). "Lämna in" (the
    applicant handing in) is arrival and stays, and so does "skicka" without "vidare".

    >>> as_hand_over("Kontaktcenter skickar ärendet vidare till handläggaren", "sv")
    'Kontaktcenter överlämna ärendet till handläggaren'
    >>> as_hand_over("Lämna utredningen till socialnämnden", "sv")
    'överlämna utredningen till socialnämnden'
    >>> as_hand_over("Sökanden lämnar in ansökan", "sv")
    'Sökanden lämnar in ansökan'
    """
    if lang != "sv" or not name:
        return name
    words = name.split()
    bare = [_bare(w) for w in words]
    if "vidare" in bare:
        at = bare.index("vidare")
        verbs = [i for i in range(at) if bare[i] in _SEND]
        if verbs:
            return " ".join(_HAND_OVER if i == verbs[-1] else w for i, w in enumerate(words) if i != at)
    for i, w in enumerate(bare):
        if w in _LEAVE and "till" in bare[i + 1 :] and (i + 1 >= len(bare) or bare[i + 1] not in ("in", "över")):
            return " ".join(_HAND_OVER if k == i else x for k, x in enumerate(words))
    return name
