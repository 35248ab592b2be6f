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
"""

from __future__ import annotations

from collections.abc import Iterable

from processes.diff.matchtypes import Match, PassInput, Uncertain, family
from processes.diff.view import display_name

__all__ = ["SOLE", "sole_pairs"]

#: the ``how`` of a pair found here
SOLE = "sole"


def _only_candidate(uncertain: Iterable[Uncertain]) -> dict[tuple[str, str], str]:
    """(side, step) -> the one step of the other model it is asked about, for the steps asked
    about with exactly one candidate of one step."""
    return {
        (u.side, u.step): u.candidates[0].ids[0]
        for u in uncertain
        if len(u.candidates) == 1 and len(u.candidates[0].ids) == 1
    }


def sole_pairs(
    given: PassInput, uncertain: Iterable[Uncertain], held: Iterable[tuple[str, str]] = ()
) -> tuple[list[Match], tuple[str, ...]]:
    """The pairs of steps each other's only candidate in ``uncertain`` whose labels are alike
    (module doc), in A's order, and one note per pair; none for a step of a ``held`` pair, none
    unless both models are Swedish."""
    if given.langs != ("sv", "sv"):
        return [], ()
    only = _only_candidate(uncertain)
    kept_a = {x for x, _ in held}
    kept_b = {y for _, y in held}
    row = {s: i for i, s in enumerate(given.a.steps)}
    col = {s: j for j, s in enumerate(given.b.steps)}
    found: list[Match] = []
    notes: list[str] = []
    for x in given.a.steps:
        y = only.get(("a", x))
        if y is None or only.get(("b", y)) != x or x in kept_a or y in kept_b or (x, y) in given.banned:
            continue
        if family(given.a.steps[x]) != family(given.b.steps[y]):
            continue  # a task and an event are one step only when their labels say so clearly (matching.py)
        i, j = row[x], col[y]
        label = float(given.lab[i, j])
        if label < given.options.uncertain:
            continue
        m = Match((x,), (y,), round(float(given.score[i, j]), 3), round(label, 3), SOLE)
        found.append(m)
        notes.append(
            f'"{display_name(given.a.steps[x])}" = "{display_name(given.b.steps[y])}": matched with lower confidence '
            f"({m.confidence:.2f}), each the other's only candidate, labels {m.label:.2f} alike"
        )
    return found, tuple(notes)
