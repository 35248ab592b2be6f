"""Inside one place with several steps left over on both sides: the mutual best pair by label.

A *place* (tiers._places) is the pair of correspondences met first walking back from a step
left over and walking forward; where both ends are matched, the steps left over there lie
between the same matched anchors in both models. placed.py pairs a place of one against one,
runs.py and segments.py places whose runs they can align in order. A wider place — several
steps left over on each side, in no shape those passes align ("Completeness review" among four
steps of one model, "Verification of application completeness" among three of the other) —
is left to the uncertain tier. Here two of its steps are paired when

* they are of one family (task and task, event and event) and the pair is not rejected;
* each is the other's best by label similarity among the place's steps of the other model
  (the labels as the place passes read them: the English checking verbs related, related.py);
* that best is at least ``leftovers.RELATED`` (0.2), and ahead of each one's second best in
  the place by ``MARGIN`` (0.1).

Otherwise the steps stay for the uncertain tier. The pair is shown as such: ``how`` is
``placed``, its confidence the pair's combined score, and a note says why. One round: a pair
found here does not narrow the place for another.
"""

from __future__ import annotations

import numpy as np

from processes.diff.leftovers import RELATED
from processes.diff.matchtypes import Match, family, match_units, named
from processes.diff.placed import PLACED, _first_name
from processes.diff.tiers import Place, _places
from processes.diff.view import ModelView, display_name

__all__ = ["MARGIN", "place_best_pass"]

#: how far a pair's label must be ahead of each step's second best in the place
MARGIN = 0.1
#: the fewest steps left over on each side that make a place wide
SEVERAL = 2


def _wide(view: ModelView, units: dict[str, int]) -> dict[Place, list[str]]:
    """Places (both ends matched) -> their named steps left over, in the view's order."""
    out: dict[Place, list[str]] = {}
    for s, key in _places(view, units).items():
        if key[0] and key[1] and named(view.steps[s]):
            out.setdefault(key, []).append(s)
    return out


def _best(values: list[tuple[float, str]]) -> tuple[str, float, float] | None:
    """(partner, best, second best) of one step's labels in the place; None when the best is tied."""
    if not values:
        return None
    ranked = sorted(values, key=lambda v: -v[0])
    second = ranked[1][0] if len(ranked) > 1 else 0.0
    if len(ranked) > 1 and second == ranked[0][0]:
        return None
    return ranked[0][1], ranked[0][0], second


def place_best_pass(
    a: ModelView,
    b: ModelView,
    lab: np.ndarray,
    score: np.ndarray,
    matches: list[Match],
    banned: set[tuple[str, str]],
) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with each wide place's mutual best pairs added (module doc), a note per pair."""
    unit_a, unit_b = match_units(matches)
    wide_b = {k: v for k, v in _wide(b, unit_b).items() if len(v) >= SEVERAL}
    if not wide_b:
        return matches, ()
    wide_a = {k: v for k, v in _wide(a, unit_a).items() if len(v) >= SEVERAL and k in wide_b}
    if not wide_a:
        return matches, ()
    ia = {s: i for i, s in enumerate(a.steps)}
    ib = {s: j for j, s in enumerate(b.steps)}
    found: list[Match] = []
    notes: list[str] = []
    for key in sorted(wide_a, key=lambda k: ia[wide_a[k][0]]):
        xs, ys = wide_a[key], wide_b[key]

        def ok(x: str, y: str) -> bool:
            return family(a.steps[x]) == family(b.steps[y]) and (x, y) not in banned

        best_a = {x: _best([(float(lab[ia[x], ib[y]]), y) for y in ys if ok(x, y)]) for x in xs}
        best_b = {y: _best([(float(lab[ia[x], ib[y]]), x) for x in xs if ok(x, y)]) for y in ys}
        for x in xs:
            bx = best_a[x]
            if bx is None:
                continue
            y, here, second_x = bx
            by = best_b[y]
            if by is None or by[0] != x:
                continue
            if here < RELATED or here - second_x < MARGIN - 1e-9 or here - by[2] < MARGIN - 1e-9:
                continue
            i, j = ia[x], ib[y]
            m = Match((x,), (y,), round(float(score[i, j]), 3), round(here, 3), PLACED)
            found.append(m)
            before, after = _first_name(a, matches, key[0]), _first_name(a, matches, key[1])
            notes.append(
                f'"{display_name(a.steps[x])}" = "{display_name(b.steps[y])}": matched with lower confidence '
                f"({m.confidence:.2f}), each the other's clearest partner by label among the steps left over "
                f"between the same matched steps ({before} and {after}), labels {m.label:.2f} alike"
            )
    return matches + found, tuple(notes)
