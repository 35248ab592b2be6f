"""Two steps left over that are each other's only candidate, their labels alike: one step.

After every pass the uncertain tier asks about each step left over with up to three candidates.
Where a step of A is asked about with one candidate only, a step of B, and that step is asked
about with one candidate only, the step of A, and their labels are at least
``MatchOptions.uncertain`` alike (the bar at which the tier calls two labels alike), nothing in
either model competes for either: the question has one answer. "Platsbesök med
livsmedelsinspektören (kök, registrering)" / "Besiktning av serveringsstället" (labels 0.49,
drawn in different places: one a branch of the remiss block, the other after it), "Begära kompl."
/ "Begär komplettering (svarsfrist 14 dgr)" (0.32), "Skicka remisser till Polisen och
Skatteverket" / "Remissförfarande" (0.36): on the development pairs every such pair is one step in
the gold lists, and half of those below the bar are not (bench/RESULTS-matching.md, "Branch
many81").

Swedish pairs only: on the English PMMC models such pairs are often two different steps (English
labels 0.3 alike share a general stem, "check", "send"; Swedish ones a term of the domain synonym
list). A pair the rules keep apart stays a question: a banned pair never is a candidate, and the start
events :func:`approaches.held_apart` asks about on purpose are left out (``held``). The pair's
``how`` is ``sole``, its confidence the combined score; a note says why. The two are of one family
(task and task, event and event): the tier also asks about a task and an event whose labels are
related, and those are one step only when their labels say so clearly (matching.py).

The same holds where the two have other candidates too but each is the other's *clear* first one:
x's first candidate is y alone, y's first is x alone, their labels at least ``uncertain`` alike,
and every other candidate of either is at most half as alike to it ("Skriva utredning och förslag
till beslut" / "Handläggaren skriver utredning och förslag till nämnden", labels 0.50, the next
candidate 0.20). Such a pair's ``how`` is ``clear``. On the development pairs 22 of 26 such pairs
were one step in the gold (bench/RESULTS-matching.md, "Branch many105").
"""

from __future__ import annotations

from collections.abc import Iterable

from processes.diff.matchtypes import Match, PassInput, Uncertain, family
from processes.diff.view import display_name

__all__ = ["CLEAR", "SOLE", "sole_pairs"]

#: the ``how`` of a pair found here: each the other's only candidate
SOLE = "sole"
#: the ``how`` of a pair found here: each the other's clear first candidate
CLEAR = "clear"
#: the first candidate is clearly ahead when every other one is at most this share as alike
AHEAD = 0.5


def _only_candidate(uncertain: Iterable[Uncertain]) -> dict[tuple[str, str], str]:
    """(side, step) -> the one step of the other model it is asked about, for the steps asked
    about with exactly one candidate of one step."""
    return {
        (u.side, u.step): u.candidates[0].ids[0]
        for u in uncertain
        if len(u.candidates) == 1 and len(u.candidates[0].ids) == 1
    }


def _first_candidates(uncertain: Iterable[Uncertain]) -> dict[tuple[str, str], tuple[str, float]]:
    """(side, step) -> (the one step of the other model its first candidate is, the highest label
    of its other candidates, 0 when none), for the steps whose first candidate is one step."""
    return {
        (u.side, u.step): (u.candidates[0].ids[0], max((c.label for c in u.candidates[1:]), default=0.0))
        for u in uncertain
        if u.candidates and len(u.candidates[0].ids) == 1
    }


def sole_pairs(
    given: PassInput, uncertain: Iterable[Uncertain], held: Iterable[tuple[str, str]] = ()
) -> tuple[list[Match], tuple[str, ...]]:
    """The pairs of steps each other's only (or clear first) candidate in ``uncertain`` whose
    labels are alike (module doc), in A's order, and one note per pair; none for a step of a
    ``held`` pair, none unless both models are Swedish."""
    if given.langs != ("sv", "sv"):
        return [], ()
    uncertain = tuple(uncertain)
    only = _only_candidate(uncertain)
    first = _first_candidates(uncertain)
    kept_a = {x for x, _ in held}
    kept_b = {y for _, y in held}
    row = {s: i for i, s in enumerate(given.a.steps)}
    col = {s: j for j, s in enumerate(given.b.steps)}
    found: list[Match] = []
    notes: list[str] = []
    for x in given.a.steps:
        y = only.get(("a", x), "")
        sole = bool(y) and only.get(("b", y)) == x
        next_a = next_b = 0.0
        if not sole:
            y, next_a = first.get(("a", x), ("", 0.0))
            back, next_b = first.get(("b", y), ("", 0.0))
            if not y or back != x:
                continue
        if x in kept_a or y in kept_b or (x, y) in given.banned:
            continue
        if family(given.a.steps[x]) != family(given.b.steps[y]):
            continue  # a task and an event are one step only when their labels say so clearly (matching.py)
        i, j = row[x], col[y]
        label = float(given.lab[i, j])
        if label < given.options.uncertain:
            continue
        if not sole and max(next_a, next_b) > AHEAD * label:
            continue  # another candidate comes near: the question stays
        m = Match((x,), (y,), round(float(given.score[i, j]), 3), round(label, 3), SOLE if sole else CLEAR)
        found.append(m)
        why = (
            "each the other's only candidate"
            if sole
            else f"each the other's clear first candidate (the next at most {max(next_a, next_b):.2f})"
        )
        notes.append(
            f'"{display_name(given.a.steps[x])}" = "{display_name(given.b.steps[y])}": matched with lower confidence '
            f"({m.confidence:.2f}), {why}, labels {m.label:.2f} alike"
        )
    return found, tuple(notes)
