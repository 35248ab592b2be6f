"""Two steps placed between the same matched steps, each the only one left over there.

Structural evidence that does not depend on the words (bench/RESULTS-matching.md, "Branch
place5"): after every other pass, a *place* is the pair of correspondences met first walking
back from a step left over and walking forward (through steps left over only; tiers.py). Where
both models have exactly one step left over in the same place (both ends matched), the two are
paired when

* they are of one family (task and task, event and event),
* their labels are related, at least ``leftovers.RELATED`` (0.2; the uncertain tier's bar for
  two leftovers "labels related"), and
* each is the other's best by combined score among *all* the other model's steps of its
  family, matched or not (nothing in either model competes for them).

"Kompletteringsbegäran" / "Be sökanden att komplettera ansökan" (0.30), "Ärendeöppning" /
"Lägg upp ärendet och registrera det" (0.24), both between the same two matched steps. Without
the label bar the same kind of place holds as many wrong pairs as right ones on the
development sets (a step one model has and the other lacks, in the same slot as a different
step the other has and the first lacks); without the mutual-best condition university
admission gets a wrong pair.

The match is shown as such: ``how`` is ``placed``, its confidence is the pair's combined score
(below the match threshold: it is paired by its place, not by its words), and a note says why
("placed between the same matched steps"). One round: a pair found here gives no place to
another.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from processes.diff.leftovers import RELATED
from processes.diff.matchtypes import Match, PassInput, family, ids_on, match_units
from processes.diff.tiers import step_places
from processes.diff.view import ModelView, display_name

__all__ = ["PLACED", "placed_pass"]

#: the ``how`` of a pair found here
PLACED = "placed"


def _lone(view: ModelView, units: dict[str, int]) -> dict[tuple[frozenset[int], frozenset[int]], str]:
    """Places (both ends matched) with exactly one step left over: place -> that step."""
    places = step_places(view, units)
    count = Counter(places.values())
    return {key: s for s, key in places.items() if count[key] == 1 and key[0] and key[1]}


def placed_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with the placed pairs added (module doc), and one note per pair."""
    a, b, lab, score, banned = given.a, given.b, given.lab, given.score, given.banned
    unit_a, unit_b = match_units(matches)
    lone_b = _lone(b, unit_b)
    if not lone_b:
        return matches, ()
    lone_a = _lone(a, unit_a)
    shared = [(x, key) for key, x in lone_a.items() if key in lone_b]
    if not shared:
        return matches, ()
    order = {s: i for i, s in enumerate(a.steps)}
    ib = {s: j for j, s in enumerate(b.steps)}
    event_a = np.array([family(s) == "event" for s in a.steps.values()], dtype=bool)
    event_b = np.array([family(s) == "event" for s in b.steps.values()], dtype=bool)
    found: list[Match] = []
    notes: list[str] = []
    for x, key in sorted(shared, key=lambda item: order[item[0]]):
        y = lone_b[key]
        i, j = order[x], ib[y]
        if event_a[i] != event_b[j] or (x, y) in banned or float(lab[i, j]) < RELATED:
            continue
        here = float(score[i, j])
        if score[i, event_b == event_b[j]].max() > here or score[event_a == event_a[i], j].max() > here:
            continue
        m = Match((x,), (y,), round(here, 3), round(float(lab[i, j]), 3), PLACED)
        found.append(m)
        before = _first_name(a, matches, key[0])
        after = _first_name(a, matches, key[1])
        notes.append(
            f'"{display_name(a.steps[x])}" = "{display_name(b.steps[y])}": matched with lower confidence '
            f"({m.confidence:.2f}), placed between the same matched steps ({before} and {after}), the only "
            f"step left over there in each model, labels {m.label:.2f} alike"
        )
    return matches + found, tuple(notes)


def _first_name(view: ModelView, matches: list[Match], units: frozenset[int]) -> str:
    names = sorted(display_name(view.steps[s]) for k in units for s in ids_on(matches[k], "a") if s in view.steps)
    return f'"{names[0]}"' if names else "?"
