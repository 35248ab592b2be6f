"""A step that passes the decision on is not the decision.

After the decision is taken, models draw what is done with it: "Systemet rapporterar beslutet
till Folkhälsomyndigheten", "Beslutet expedieras", "Delegationsbeslutet anmäls", "Registrera
beslutet i tillståndsregistret", "Beslutskopia till Länsstyrelsen". Such a step names the
decision, often in the same words as the other model's decision step ("Beslut i nämnden"), and
its label can outscore the step that takes it. When the forwarding step's own model has a step
that takes the decision (deciding.is_decision), the other model's decision is that step's
partner, not this one's: :func:`forwarding_bans` lists such pairs, which the matcher never makes
(they join ``banned``, as a rejected pair does, so no pass and no uncertain candidate uses them).

A forwarding step (Swedish labels; :func:`passes_on`) names the decision (a decision word,
decisionwords.py, or a word that starts with "beslut" and says what is done with it:
"beslutskopia", "beslutsexpediering") and a word of sending, reporting, registering or
announcing ("skickar", "rapporterar", "expedieras", "registrera", "anmäls", "delges",
"underrättelse", "kopia"); it is not itself a decision step.

>>> [passes_on(x, "sv") for x in ("Systemet rapporterar beslutet till Folkhälsomyndigheten",
...                               "Beslutet expedieras", "Delegationsbeslutet anmäls")]
[True, True, True]
>>> [passes_on(x, "sv") for x in ("Beslut i nämnden", "Skriv förslag till beslut", "Skicka remiss till polisen")]
[False, False, False]
"""

from __future__ import annotations

from functools import lru_cache

from processes.diff.deciding import decision_steps, is_decision
from processes.diff.decisionwords import decision_word, label_words
from processes.diff.matchtypes import ACTIVITIES, named
from processes.diff.subjects import without_party_subject
from processes.diff.view import ModelView

__all__ = ["PASSING_STEMS", "passes_on", "forwarding_bans"]

#: word stems of passing a decision on: sending, reporting, registering, announcing, copying
PASSING_STEMS = (
    "skick", "sänd", "rapporter", "expedi", "registrer", "diarief", "anmäl", "meddela", "delge", "delgiv",
    "underrätt", "tillställ", "kopi", "arkiver", "publicer",
)


def _passing(word: str) -> bool:
    return any(stem in word for stem in PASSING_STEMS)


@lru_cache(maxsize=65536)
def passes_on(label: str, lang: str) -> bool:
    """Whether ``label`` (a step's name) passes a decision on: it names the decision and a
    sending, reporting, registering or announcing of it, and is no decision itself."""
    # remembered: an N-way run asks it of every step in each of the model's pairs
    if lang != "sv":
        return False
    label = without_party_subject(label, lang)
    if is_decision(label, lang):
        return False
    words = label_words(label)
    names = any(decision_word(w) is not None or (w.startswith("beslut") and _passing(w)) for w in words)
    return names and any(_passing(w) for w in words)


def forwarding_bans(a: ModelView, b: ModelView, lang: tuple[str, str]) -> set[tuple[str, str]]:
    """(A step, B step) pairs of a step that passes the decision on and the other model's
    decision step, where the forwarding step's own model has a step that takes the decision."""
    dec_a, dec_b = decision_steps(a, lang[0]), decision_steps(b, lang[1])
    if not dec_a or not dec_b:
        return set()
    out = {(x, y) for x in _forwarding(a, lang[0]) for y in dec_b}
    out |= {(x, y) for y in _forwarding(b, lang[1]) for x in dec_a}
    return out


def _forwarding(view: ModelView, lang: str) -> list[str]:
    return [s for s, st in view.steps.items() if st.kind in ACTIVITIES and named(st) and passes_on(named(st), lang)]
