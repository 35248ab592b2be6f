"""The committee's meeting drawn in detail is the decision drawn as one step.

A chair introducing new members draws how a case goes through the meeting: "Handläggaren
föredrar ärendet", "Frågor och överläggning", "Propositionsordning och votering (ev.
reservation)", then "Utskottet beslutar"; an officer draws "Beslut i socialnämndens
arbetsutskott" alone. The presentation, the deliberation and the vote are how a committee
takes its decision, so they are the other model's one decision step, as the decision itself
is (deciding.py pairs the decision steps). Their words share nothing with "Beslut", and left
to themselves they are claimed "only" in the detailed model.

A procedure step (Swedish labels; :func:`is_procedure_step`) has a word of a committee's
handling of a case at its meeting (``PROCEDURE_STEMS``, ``PROCEDURE_WORDS``) and is not itself
a decision step. A decision on delegation (:func:`on_delegation`: "Delegationsbeslut",
"Ordföranden beslutar på delegation") is taken alone, without a meeting, so the procedure goes
only with the committees' decisions. :func:`procedure_pass`: where model x's committee decision
d is in a correspondence whose other side holds decision steps only, the other model draws no
procedure step, and the procedure steps reached backwards from d through procedure steps only
are left over, those steps join d, against the other side's committee decisions; decisions on
delegation there leave the correspondence (the matcher keeps each step in one).

>>> [is_procedure_step(x, "sv") for x in ("Handläggaren föredrar ärendet", "Frågor och överläggning",
...                                       "Propositionsordning och votering (ev. reservation)")]
[True, True, True]
>>> [is_procedure_step(x, "sv") for x in ("Utskottet beslutar", "Skriv tjänsteskrivelse", "Yrke och ålder")]
[False, False, False]
>>> [on_delegation(x) for x in ("Delegationsbeslut av socialnämndens ordförande", "Beslut i nämnden")]
[True, False]
"""

from __future__ import annotations

from functools import lru_cache

from processes.diff.deciding import decision_steps, is_decision
from processes.diff.decisionwords import label_words
from processes.diff.matchtypes import ACTIVITIES, Match, PassInput, ids_on, named
from processes.diff.subjects import without_party_subject
from processes.diff.view import ModelView

__all__ = ["PROCEDURE_STEMS", "PROCEDURE_WORDS", "is_procedure_step", "on_delegation", "procedure_pass"]

#: word stems of a committee's handling of a case at its meeting: the presentation, the
#: deliberation, the motions, the proposition order and the vote, a reservation, an adjournment
PROCEDURE_STEMS = (
    "föredra", "dragning", "presenter", "presentation", "överlägg", "voter", "omröstning", "proposition",
    "reservation", "reserver", "debatt", "ajourner", "beslutsgång",
)
#: whole words of the motions ("yrke", a trade, shares their stem)
PROCEDURE_WORDS = frozenset({"yrkande", "yrkanden", "yrkar", "yrka"})


@lru_cache(maxsize=65536)
def is_procedure_step(label: str, lang: str) -> bool:
    """Whether ``label`` (a step's name) is a step of a committee's meeting procedure."""
    if lang != "sv":
        return False
    bare = without_party_subject(label, lang)
    if is_decision(bare, lang):
        return False
    for word in label_words(bare):
        for part in word.split("-"):
            if part in PROCEDURE_WORDS or part.startswith(PROCEDURE_STEMS):
                return True
    return False


def on_delegation(label: str) -> bool:
    """Whether a decision step's ``label`` says it is taken alone: on delegation or by the chair."""
    return any("delegat" in w or w.startswith("ordf") for w in label_words(label))


def _procedure_before(view: ModelView, decision: str, lang: str) -> list[str]:
    """The procedure steps reached backwards from ``decision`` through procedure steps only."""
    found: list[str] = []
    seen = {decision}
    todo = [decision]
    while todo:
        for p in view.predecessors(todo.pop()):
            if p in seen:
                continue
            seen.add(p)
            step = view.steps[p]
            if step.kind in ACTIVITIES and named(step) and is_procedure_step(named(step), lang):
                found.append(p)
                todo.append(p)
    return sorted(found, key=list(view.steps).index)


def _has_procedure(view: ModelView, lang: str) -> bool:
    return any(st.kind in ACTIVITIES and named(st) and is_procedure_step(named(st), lang) for st in view.steps.values())


def procedure_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """The procedure steps before a committee's decision join its correspondence (module doc)."""
    for side, other in (("a", "b"), ("b", "a")):
        matches = _join(given, matches, side, other)
    return matches


def _join(given: PassInput, matches: list[Match], side: str, other: str) -> list[Match]:
    x_view, y_view = (given.a, given.b) if side == "a" else (given.b, given.a)
    x_lang, y_lang = given.langs if side == "a" else given.langs[::-1]
    if x_lang != "sv" or y_lang != "sv" or _has_procedure(y_view, y_lang):
        return matches
    y_decisions = set(decision_steps(y_view, y_lang))
    taken = {s for m in matches for s in ids_on(m, side)}
    for d in decision_steps(x_view, x_lang):
        if on_delegation(named(x_view.steps[d])):
            continue
        held = [m for m in matches if d in ids_on(m, side)]
        if len(held) != 1 or held[0].how == "confirmed":
            continue
        m = held[0]
        ys = ids_on(m, other)
        if not set(ys) <= y_decisions:
            continue
        steps = _procedure_before(x_view, d, x_lang)
        if not steps or taken & set(steps) or any(_banned(given, side, p, y) for p in steps for y in ys):
            continue
        committees = tuple(y for y in ys if not on_delegation(named(y_view.steps[y])))
        if not committees:
            continue
        xs = tuple(s for s in x_view.steps if s in set(ids_on(m, side)) | set(steps))
        joined = Match(xs, committees, m.confidence, m.label, "grouped") if side == "a" else Match(
            committees, xs, m.confidence, m.label, "grouped"
        )
        matches = [n for n in matches if n is not m] + [joined]
        taken |= set(steps)
    return matches


def _banned(given: PassInput, side: str, x: str, y: str) -> bool:
    return ((x, y) if side == "a" else (y, x)) in given.banned
