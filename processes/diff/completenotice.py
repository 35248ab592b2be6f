"""The decision sent is not the notice that the application is complete.

Two messages go to the applicant with the same family of words: early, that the application is
complete ("Meddela sökanden att ansökan är komplett", "Besked till sökanden att ansökan är
komplett", "Bekräftelse på fullständig ansökan"), and at the end, the decision ("Skicka ut
beslutet", "Expediering av beslut till sökanden"). dispatch.py reads the second as the message
family's word with the decision document dropped ("delge ut", "delge till sökanden"), and the
synonym list puts meddela, besked and bekräftelse in that family: the short label is contained in
the notice of completeness and scores 0.6–0.7 against it, while nothing tells the two apart. The
leftover pass paired "Skicka ut beslutet" with "Meddela sökanden att ansökan är komplett" (p77)
and the attach pass joined "Expediering av beslut till sökanden" to "Besked till sökanden att
ansökan är komplett" (p25; bench/RESULTS-matching.md, "Branch many81").

A *completeness label* has a word starting with "komplett" or "fullständig"; a *decision sent* is
an activity alternatives.is_dispatch reads as sending the decision whose label is not one.
:func:`completeness_bans` bans every pair of a decision sent of one model and an activity of the
other with a completeness label, as a rejected pair is banned: no pass pairs them and the
uncertain tier does not offer one for the other.

>>> completeness_label("Meddela sökanden att ansökan är komplett")
True
>>> completeness_label("Bekräftelse på fullständig ansökan")
True
>>> completeness_label("Expediering av beslut till sökanden")
False
"""

from __future__ import annotations

import re
from functools import lru_cache

from processes.diff.alternatives import is_dispatch
from processes.diff.matchtypes import ACTIVITIES, named
from processes.diff.view import ModelView

__all__ = ["COMPLETENESS_STEMS", "completeness_bans", "completeness_label"]

#: the beginnings of the words that name the application's completeness (komplett, komplettering,
#: kompletthetskontroll, fullständig, fullständighet, …)
COMPLETENESS_STEMS = ("komplett", "fullständig")
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)
def completeness_label(label: str) -> bool:
    """Whether a word of ``label`` names the application's completeness (module doc)."""
    return any(w.casefold().startswith(COMPLETENESS_STEMS) for w in _WORD.findall(label))


def _sent(view: ModelView, lang: str) -> list[str]:
    """The decisions sent of ``view``: dispatch steps whose label names no completeness."""
    return [s for s, st in view.steps.items() if is_dispatch(st, lang) and not completeness_label(named(st))]


def _completeness(view: ModelView) -> list[str]:
    return [
        s
        for s, st in view.steps.items()
        if st.kind in ACTIVITIES and named(st) and completeness_label(named(st))
    ]


def completeness_bans(a: ModelView, b: ModelView, lang: tuple[str, str]) -> set[tuple[str, str]]:
    """(A step, B step) pairs of a decision sent and a step naming the completeness, either way
    round (module doc); none unless both models are Swedish."""
    if lang != ("sv", "sv"):
        return set()
    out = {(x, y) for x in _sent(a, lang[0]) for y in _completeness(b)}
    out |= {(x, y) for x in _completeness(a) for y in _sent(b, lang[1])}
    return out
