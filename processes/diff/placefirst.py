"""An uncertain step's first candidate: the step that is its clear best in their shared place.

Read within the place (between the same matched steps), two steps left over on each side can
stand out as each other's clear best by label: "We check your application is complete" /
"Check lodgement for completeness", 0.62 alike, every other step left over there at most 0.36.
Pairing them as matches added nine right pairs and no wrong one on the drawn rounds but cost
precision on university admission (bench/RESULTS-matching.md, "Branch many41"); as an order of
the uncertain tier's candidates it changes no pair (bench/RESULTS-matching.md, "Branch many44").

A *place* is read as the uncertain tier reads it (tiers._places): the correspondences met first
walking back and walking forward from an unmatched step, through unmatched steps only; both ends
must be matched and the place found in both models. Two named steps left over there, of one
family, are each other's clear best when each is the other's best by label among that place's
named left-overs of the family, their labels are at least ``PLACE_BEST_LABEL`` alike and every
rival of either there is at least ``PLACE_BEST_MARGIN`` less alike. When either step is uncertain,
the other becomes its first candidate (matchtypes.ask_first) with the reason "each other's clear
best between X and Y"; a step without a question gets none.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from processes.diff.matchtypes import (
    Candidate,
    Match,
    PassInput,
    Uncertain,
    ask_first,
    family,
    ids_on,
    in_model_order,
    match_units,
    named,
)
from processes.diff.tiers import _places
from processes.diff.view import ModelView, display_name

__all__ = ["PLACE_BEST_LABEL", "PLACE_BEST_MARGIN", "clear_best_first", "clear_best_reason"]

#: the least label similarity of the two steps (fixed on the development half: RESULTS "Branch many41")
PLACE_BEST_LABEL = 0.5
#: how much less alike every rival in the place must be
PLACE_BEST_MARGIN = 0.1

_Key = tuple[frozenset[int], frozenset[int]]


def clear_best_reason(before: str, after: str) -> str:
    return f"each other's clear best between {before} and {after}"


def _leftovers(view: ModelView, units: dict[str, int]) -> dict[_Key, list[str]]:
    """Places with both ends matched -> their named steps left over, in the model's order."""
    out: dict[_Key, list[str]] = defaultdict(list)
    for s, key in _places(view, units).items():
        if key[0] and key[1] and named(view.steps[s]):
            out[key].append(s)
    return out


def _clear_pairs(given: PassInput, xs: list[str], ys: list[str]) -> list[tuple[str, str]]:
    """The pairs (x, y) of ``xs`` x ``ys`` (one place's left-overs) that are each other's clear best."""
    a, b = given.a, given.b
    order_a = {s: i for i, s in enumerate(a.steps)}
    order_b = {s: j for j, s in enumerate(b.steps)}
    here = given.lab[np.ix_([order_a[x] for x in xs], [order_b[y] for y in ys])]
    fam_y = [family(b.steps[y]) for y in ys]
    same = np.array([[family(a.steps[x]) == fy for fy in fam_y] for x in xs], dtype=bool).reshape(len(xs), len(ys))
    alike = np.where(same, here, -1.0)
    found = []
    for p in range(len(xs)):
        q = int(np.argmax(alike[p]))
        best = float(alike[p, q])
        if best < PLACE_BEST_LABEL or int(np.argmax(alike[:, q])) != p:
            continue
        rivals_x = np.count_nonzero(alike[p] > best - PLACE_BEST_MARGIN) - 1
        rivals_y = np.count_nonzero(alike[:, q] > best - PLACE_BEST_MARGIN) - 1
        if rivals_x or rivals_y or (xs[p], ys[q]) in given.banned:
            continue
        found.append((xs[p], ys[q]))
    return found


def clear_best_first(
    given: PassInput, matches: Sequence[Match], uncertain: Sequence[Uncertain]
) -> tuple[Uncertain, ...]:
    """``uncertain`` with each step's clear best in its shared place (module doc) put first among
    its candidates; the questions in the tier's order (``in_model_order``)."""
    a, b = given.a, given.b
    unit_a, unit_b = match_units(matches)
    places_b = _leftovers(b, unit_b)
    if not places_b or not uncertain:
        return tuple(uncertain)
    places_a = _leftovers(a, unit_a)
    asking = {(u.side, u.step) for u in uncertain}
    ia = {s: i for i, s in enumerate(a.steps)}
    ib = {s: j for j, s in enumerate(b.steps)}
    questions = list(uncertain)
    for key in sorted((k for k in places_a if k in places_b), key=lambda k: ia[places_a[k][0]]):
        for x, y in _clear_pairs(given, places_a[key], places_b[key]):
            if ("a", x) not in asking and ("b", y) not in asking:
                continue
            i, j = ia[x], ib[y]
            score, label = round(float(given.score[i, j]), 3), round(float(given.lab[i, j]), 3)
            why = (clear_best_reason(_first_name(a, matches, key[0]), _first_name(a, matches, key[1])),)
            if ("a", x) in asking:
                ask_first(questions, "a", x, Candidate((y,), score, label, why))
            if ("b", y) in asking:
                ask_first(questions, "b", y, Candidate((x,), score, label, why))
    return in_model_order(given, questions)


def _first_name(view: ModelView, matches: Sequence[Match], units: frozenset[int]) -> str:
    names = sorted(display_name(view.steps[s]) for k in units for s in ids_on(matches[k], "a") if s in view.steps)
    return f'"{names[0]}"' if names else "?"
