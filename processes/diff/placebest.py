"""Two steps left over in the same place, each the other's clear best there.

Where several steps are left over on each side between the same matched steps, placed.py
(exactly one on each side) and runs.py / segments.py (runs the same shape, aligned in order)
do not apply; the clear-best passes of groups.py compare a step with every step of the other
model, where a rival anywhere spoils it. Read within the place only, a pair can stand out:
"We check your application is complete" / "Check lodgement for completeness", labels 0.62
alike, every other step left over there at most 0.36 (bench/RESULTS-matching.md, "Branch
many41"). Read so alone, it also paired words that merely overlap in wide places (22 steps
against 6 left over, on the drawn English rounds) and on university admission; so the place
must be narrow and the two must be each other's best by combined score too, structure as well
as words (bench/RESULTS-matching.md, "Branch many49").

A *place* is read as placed.py and the uncertain tier read it (tiers.step_places): the
correspondences met first walking back and walking forward from an unmatched step, through
unmatched steps only; both ends must be matched. In a place both models share, two named
steps left over there, of one family, are paired when each is the other's best by label among
that place's named left-overs of the family, their labels are at least ``PLACE_BEST_LABEL``
alike and every rival of either there is at least ``PLACE_BEST_MARGIN`` less alike; each is
also the other's strict best there by combined score, and the place holds at most
``PLACE_BEST_WIDTH`` named left-over steps on each side (all families counted). ``how`` is
``place-best``; the confidence is the pair's combined score; a note says why.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from processes.diff.matchtypes import Match, PassInput, family, ids_on, match_units, named
from processes.diff.tiers import Place, step_places
from processes.diff.view import ModelView, display_name

__all__ = ["PLACE_BEST", "PLACE_BEST_LABEL", "PLACE_BEST_MARGIN", "PLACE_BEST_WIDTH", "place_best_pass"]

#: the ``how`` of a pair found here
PLACE_BEST = "place-best"
#: the least label similarity of a pair (L, M and W fixed on the development half: RESULTS "Branch many49")
PLACE_BEST_LABEL = 0.3
#: how much less alike every rival in the place must be
PLACE_BEST_MARGIN = 0.1
#: the most named left-over steps the place may hold on each side
PLACE_BEST_WIDTH = 8



def _leftovers(view: ModelView, units: dict[str, int]) -> dict[Place, list[str]]:
    """Places with both ends matched -> their named steps left over, in the model's order."""
    out: dict[Place, list[str]] = defaultdict(list)
    for s, key in step_places(view, units).items():
        if key[0] and key[1] and named(view.steps[s]):
            out[key].append(s)
    return out


def _clear_pairs(
    given: PassInput, xs: list[str], ys: list[str], label: float, margin: float
) -> list[tuple[str, str]]:
    """The pairs (x, y) of ``xs`` x ``ys`` (one place's left-overs) that are each other's clear best."""
    a, b, lab = given.a, given.b, given.lab
    order_a = {s: i for i, s in enumerate(a.steps)}
    order_b = {s: j for j, s in enumerate(b.steps)}
    rows = [order_a[x] for x in xs]
    cols = [order_b[y] for y in ys]
    here = lab[np.ix_(rows, cols)]
    combined = given.score[np.ix_(rows, cols)]
    fam_x = [family(a.steps[x]) for x in xs]
    fam_y = [family(b.steps[y]) for y in ys]
    same = np.array([[fx == fy for fy in fam_y] for fx in fam_x], dtype=bool).reshape(len(xs), len(ys))
    alike = np.where(same, here, -1.0)
    found = []
    for p in range(len(xs)):
        q = int(np.argmax(alike[p]))
        best = float(alike[p, q])
        if best < label or int(np.argmax(alike[:, q])) != p:
            continue
        if np.count_nonzero(alike[p] > best - margin) > 1 or np.count_nonzero(alike[:, q] > best - margin) > 1:
            continue
        if (xs[p], ys[q]) in given.banned or not _mutual_best(np.where(same, combined, -np.inf), p, q):
            continue
        found.append((xs[p], ys[q]))
    return found


def _mutual_best(values: np.ndarray, p: int, q: int) -> bool:
    """Whether column ``q`` is row ``p``'s strict best in ``values`` and row ``p`` column ``q``'s."""
    v = values[p, q]
    return bool(np.count_nonzero(values[p] >= v) == 1 and np.count_nonzero(values[:, q] >= v) == 1)


def _one_round(
    given: PassInput, matches: list[Match], label: float, margin: float, width: int
) -> tuple[list[Match], list[str]]:
    a, b = given.a, given.b
    unit_a, unit_b = match_units(matches)
    places_b = _leftovers(b, unit_b)
    if not places_b:
        return [], []
    places_a = _leftovers(a, unit_a)
    ia = {s: i for i, s in enumerate(a.steps)}
    ib = {s: j for j, s in enumerate(b.steps)}
    found: list[Match] = []
    notes: list[str] = []
    shared = sorted((key for key in places_a if key in places_b), key=lambda k: ia[places_a[k][0]])
    for key in shared:
        if len(places_a[key]) > width or len(places_b[key]) > width:
            continue  # a wide place: words that merely overlap stand out there (module doc)
        for x, y in _clear_pairs(given, places_a[key], places_b[key], label, margin):
            i, j = ia[x], ib[y]
            m = Match((x,), (y,), round(float(given.score[i, j]), 3), round(float(given.lab[i, j]), 3), PLACE_BEST)
            found.append(m)
            notes.append(
                f'"{display_name(a.steps[x])}" = "{display_name(b.steps[y])}": matched with lower confidence '
                f"({m.confidence:.2f}), each other's clear best between {_first_name(a, matches, key[0])} and "
                f"{_first_name(a, matches, key[1])}, labels {m.label:.2f} alike"
            )
    return found, notes


def place_best_pass(
    given: PassInput,
    matches: list[Match],
    *,
    label: float | None = None,
    margin: float | None = None,
    width: int | None = None,
) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with the place-best pairs added (module doc), and one note per pair (one
    round: the places are read once); ``label``, ``margin`` and ``width`` default to
    ``PLACE_BEST_LABEL``, ``PLACE_BEST_MARGIN`` and ``PLACE_BEST_WIDTH``."""
    label = PLACE_BEST_LABEL if label is None else label
    margin = PLACE_BEST_MARGIN if margin is None else margin
    width = PLACE_BEST_WIDTH if width is None else width
    found, notes = _one_round(given, matches, label, margin, width)
    return matches + found, tuple(notes)


def _first_name(view: ModelView, matches: list[Match], units: frozenset[int]) -> str:
    names = sorted(display_name(view.steps[s]) for k in units for s in ids_on(matches[k], "a") if s in view.steps)
    return f'"{names[0]}"' if names else "?"
