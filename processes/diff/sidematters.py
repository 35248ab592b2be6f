"""A decision on a side matter of the case is not the decision on the application.

A permit case has one decision on the application, but a delegation order names many more
that share the word "beslut" with it and nothing else: extending the handling time, writing
the case off, dismissing it as not admissible, deferring it, approving the knowledge test,
allotting it to an officer, ordering a supplement, the fee. A model drawn from the delegation
order ("Beslut om förlängd handläggningstid (delegat – enhetschef)") has such a step beside
the permit decision, and the decision pass would group it with the other model's decision
("Socialnämnden beslutar"). :func:`decided_side_matter` reads the object such a step decides
on; deciding.decision_steps leaves the step out, and :func:`side_matter_bans` lets it pair only
with a step of the other model that names the same side matter.

The object is what follows a decision word or deciding verb and "om", "att", … ("Beslut om
förlängd handläggningstid", "Enhetschefen beslutar att avskriva ärendet"), what comes before
"beslutas" ("Förlängd handläggningstid beslutas"), or a decision compound's modifier
("Avskrivningsbeslut"); in English what follows "decision to", "decide on", … The lists
are fixed (bench/RESULTS-matching.md, "Branch many53").

>>> [decided_side_matter(x, "sv") for x in ("Beslut om förlängd handläggningstid (delegat – enhetschef)",
...                                          "Avskrivningsbeslut", "Besluta om serveringstillstånd")]
['handling time', 'write-off', None]
>>> decided_side_matter("Decision to extend the determination period", "en")
'handling time'
"""

from __future__ import annotations

import re
from functools import lru_cache

from processes.diff.decisionwords import decision_word, label_words
from processes.diff.matchtypes import ACTIVITIES, named
from processes.diff.subjects import without_party_subject
from processes.diff.text import normalise
from processes.diff.view import ModelView

__all__ = ["SIDE_MATTERS", "decided_side_matter", "names_side_matter", "side_matter_bans"]

#: side matter -> (Swedish stems, English stems); a word names the matter when it contains a stem
SIDE_MATTERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "handling time": (("handläggningstid", "förläng", "tidsfrist"), ("extend", "extension")),
    "write-off": (("avskriv", "nedlägg"), ("write-off", "writeoff")),
    "dismissal": (("avvis",), ("dismiss",)),
    "deferral": (("anstånd", "uppskov", "vilande"), ("defer", "postpone", "adjourn")),
    "knowledge test": (("kunskapsprov", "omprov", "provresultat"), ("test", "exam", "retest")),
    "allotment": (("fördela", "fördelning", "utse", "utser", "tilldela"), ("appoint", "assign", "allocate")),
    "supplement order": (("föreläggande", "förelägg", "komplettering"), ()),
    "fee": (("avgift", "fakturer"), ("fee", "invoice", "refund")),
}
#: whole words that name a matter (a stem would be too short: "prov" is in "provins")
_WORDS = {"knowledge test": frozenset({"prov", "provet"})}
#: two-word English phrases that name a matter
_PHRASES = {"write-off": ("write off", "written off")}

_MARKERS = {
    "sv": frozenset({"om", "att", "angående", "rörande", "gällande"}),
    "en": frozenset({"to", "on", "about", "regarding", "whether"}),
}
_ENDS = {
    "sv": frozenset({"och", "i", "efter", "för", "till", "enligt", "med", "inom", "av", "på"}),
    "en": frozenset({"and", "for", "after", "in", "by", "with", "within", "of"}),
}
_SKIPPED = {"sv": frozenset(), "en": frozenset({"the", "a", "an"})}
_SV_VERBS = frozenset({"besluta", "beslutar", "beslutat", "beslutade"})
_SV_LIGHT = frozenset({"fatta", "fattar", "ta", "tar"})
_SV_PASSIVE = frozenset({"beslutas", "beslutades", "beslutad"})
_EN_DECIDING = frozenset({"decision", "decisions", "decide", "decides", "decided"})
_OBJECT_WORDS = 3
_PARENTHESES = re.compile(r"\([^)]*\)")


def _matter_of(words: list[str], lang: str) -> str | None:
    """The first side matter one of ``words`` names, in the order of :data:`SIDE_MATTERS`."""
    for matter in SIDE_MATTERS:
        if _names(matter, words, " ".join(words), lang):
            return matter
    return None


def _names(matter: str, words: list[str], text: str, lang: str) -> bool:
    stems = SIDE_MATTERS[matter][0 if lang == "sv" else 1]
    if any(stem in w for w in words for stem in stems):
        return True
    if lang == "sv":
        return any(w in _WORDS.get(matter, ()) for w in words)
    return any(p in text for p in _PHRASES.get(matter, ()))


def _object(words: list[str], start: int, lang: str) -> list[str]:
    """The object's words from ``start``: at most three, up to the first ending word."""
    out: list[str] = []
    for w in words[start:]:
        if w in _ENDS[lang] or len(out) == _OBJECT_WORDS:
            break
        if w not in _SKIPPED[lang]:
            out.append(w)
    return out


@lru_cache(maxsize=65536)
def decided_side_matter(label: str, lang: str) -> str | None:
    """The side matter ``label`` (a step's name) decides on, or None (module doc)."""
    # remembered: an N-way run asks it of every step in each of the model's pairs
    if lang not in ("sv", "en"):
        return None
    text = _PARENTHESES.sub(" ", without_party_subject(label, lang) if lang == "sv" else label)
    words = label_words(text) if lang == "sv" else normalise(text).split()
    for k, w in enumerate(words):
        after = _deciding_ends(words, k, lang)
        if after is not None and after < len(words) and words[after] in _MARKERS[lang]:
            found = _matter_of(_object(words, after + 1, lang), lang)
            if found is not None:
                return found
        if lang == "sv":
            if w in _SV_PASSIVE and k > 0:
                found = _matter_of(words[max(0, k - _OBJECT_WORDS) : k], lang)
                if found is not None:
                    return found
            decision = decision_word(w)
            if decision is not None and decision.modifiers:
                found = _matter_of(list(decision.modifiers), lang)
                if found is not None:
                    return found
    return None


def _deciding_ends(words: list[str], k: int, lang: str) -> int | None:
    """Where the words after a decision word or deciding verb at ``k`` start, or None."""
    w = words[k]
    if lang == "en":
        return k + 1 if w in _EN_DECIDING else None
    if w in _SV_VERBS or decision_word(w) is not None:
        return k + 1
    if w in _SV_LIGHT and k + 1 < len(words) and decision_word(words[k + 1]) is not None:
        return k + 2
    return None


@lru_cache(maxsize=65536)
def names_side_matter(label: str, matter: str, lang: str) -> bool:
    """Whether ``label`` names ``matter`` anywhere (one of its stems, words or phrases)."""
    if lang not in ("sv", "en"):
        return False
    words = label_words(label) if lang == "sv" else normalise(label).split()
    return _names(matter, words, " ".join(words), lang)


def side_matter_bans(a: ModelView, b: ModelView, lang: tuple[str, str]) -> set[tuple[str, str]]:
    """(A step, B step) pairs where one is a side-matter decision and the other does not name
    that side matter: such a step pairs only with a step about the same matter."""
    out: set[tuple[str, str]] = set()
    for x, matter in _side_decisions(a, lang[0]):
        out |= {(x, y) for y, st in b.steps.items() if not names_side_matter(named(st), matter, lang[1])}
    for y, matter in _side_decisions(b, lang[1]):
        out |= {(x, y) for x, st in a.steps.items() if not names_side_matter(named(st), matter, lang[0])}
    return out


def _side_decisions(view: ModelView, lang: str) -> list[tuple[str, str]]:
    out = []
    for s, st in view.steps.items():
        if st.kind in ACTIVITIES and named(st):
            matter = decided_side_matter(named(st), lang)
            if matter is not None:
                out.append((s, matter))
    return out
