"""The only arrival left over in a place, on each side: one moment drawn twice.

An office draws the moment something reaches it as a receive task ("Wait for document upload")
or as a message catch event ("Outstanding documents received"); which one is the drawer's habit,
and the label may name the waiting, the thing or its arrival. Two such steps left over between
the same matched steps of two models, each the only arrival there, are the same moment — their
labels may share nothing the label measure reads (bench/RESULTS-matching.md, "Branch many98":
en-d1 e3, labels 0.00 alike).

In a pair of English models, after the handover pass, an *arrival* (:func:`is_arrival`) of A and
one of B, both left over, are paired when they stand in the same place (tiers.py: a
correspondence met first walking back from each, and one met first walking forward, through steps
left over only), each is the only arrival of its model that shares a place with the other (one
candidate each way: no choice is made between arrivals), and the pair is not ruled out. Start
events are no arrivals here (the start and approach rules pair them). The match's ``how`` is
``arrival``, its confidence the pair's combined score, and a note says why; the questions the new
pair takes from its neighbours are kept (matching.py, as after the perspective pass).
"""

from __future__ import annotations

from processes.diff.matchtypes import Match, PassInput, match_units
from processes.diff.tiers import Place, step_places
from processes.diff.view import ModelView, Step, display_name

__all__ = ["ARRIVAL", "arrival_pass", "is_arrival"]

#: the ``how`` of a pair found here
ARRIVAL = "arrival"

_CATCHES = frozenset(("intermediate_catch:message", "boundary:message"))


def is_arrival(step: Step) -> bool:
    """A named receive task or an intermediate or boundary message catch event.

    >>> is_arrival(Step("r", "Wait for document upload", "task", "receive"))
    True
    >>> is_arrival(Step("e", "Outstanding documents received", "event", "intermediate_catch:message"))
    True
    >>> is_arrival(Step("s", "Application received", "event", "start:message"))
    False
    """
    if not step.name:
        return False
    return (step.kind == "task" and step.detail == "receive") or (step.kind == "event" and step.detail in _CATCHES)


def arrival_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with the pairs of lone arrivals added (module doc), one note per pair."""
    if given.langs != ("en", "en"):
        return matches, ()
    unit_a, unit_b = match_units(matches)
    xs = _arrivals(given.a, unit_a)
    ys = _arrivals(given.b, unit_b)
    if not xs or not ys:
        return matches, ()
    places_a, places_b = step_places(given.a, unit_a), step_places(given.b, unit_b)
    near = {(x, y) for x in xs for y in ys if _same_place(places_a[x], places_b[y])}
    row = {s: i for i, s in enumerate(given.a.steps)}
    col = {s: j for j, s in enumerate(given.b.steps)}
    found: list[Match] = []
    notes: list[str] = []
    for x in xs:
        mine = [y for y in ys if (x, y) in near]
        if len(mine) != 1:
            continue
        y = mine[0]
        if [z for z in xs if (z, y) in near] != [x] or (x, y) in given.banned:
            continue
        i, j = row[x], col[y]
        m = Match((x,), (y,), round(float(given.score[i, j]), 3), round(float(given.lab[i, j]), 3), ARRIVAL)
        found.append(m)
        notes.append(
            f'"{display_name(given.a.steps[x])}" = "{display_name(given.b.steps[y])}": matched with lower confidence '
            f"({m.confidence:.2f}), the only arrival (a receive task or message event) left over in the same place "
            "in each model"
        )
    return matches + found, tuple(notes)


def _arrivals(view: ModelView, units: dict[str, int]) -> list[str]:
    return [s for s, st in view.steps.items() if s not in units and is_arrival(st)]


def _same_place(here: Place, there: Place) -> bool:
    return bool(here[0] & there[0]) and bool(here[1] & there[1])
