"""The mutual and leftover passes: two steps left over that are each other's clear best
partner by label (split from groups.py: one rule, read twice — once against every step of the
other model, once against the steps still left over at the end; contained.py reads it too).
Their bars (``MUTUAL_SLACK``, ``MUTUAL_MARGIN``) are groups.py's, read there when they run.

**Mutual pass** (steps left over): two named steps without a partner, each the other's
best partner by label among *all* the other model's steps of its family (matched or not),
with every other candidate of either at least ``MUTUAL_MARGIN`` (0.2) less alike, a label
at least ``min_label`` alike and a combined score within ``MUTUAL_SLACK`` (0.1) of the
threshold, are paired: nothing else in either model competes for them, so the combined
score missing the threshold by a little (other neighbours, another position) does not make
them differences ("Sökanden gör kunskapsprovet" / "Kunskapsprov", drawn at different places). Its
confidence is its combined score, below the threshold.

**Leftover pass** (last, ``leftover_pass``): two named steps of one family still without
a partner after every other pass, each the other's best partner by label among the steps
*still left over*, every other leftover candidate of either at least ``MUTUAL_MARGIN`` less
alike, and a label at least ``labelsim.CONTAIN`` (one label said in full inside the
other's head: "Kunskapsprov" / "Sökanden skriver kunskapsprovet", "Platsbesök" /
"Genomför tillsynsbesök på restaurangen") are paired whatever their combined score: once
the other passes have placed everything else, nothing competes for them. Confidence: the
combined score.
"""

from __future__ import annotations

import numpy as np

from processes.diff import groups, labelsim
from processes.diff.matchtypes import Match, PassInput, family, ids_on, named
from processes.diff.view import ModelView

__all__ = ["mutual_pass", "leftover_pass", "clear_best", "families", "free_named"]


def families(view: ModelView) -> np.ndarray:
    return np.array([family(view.steps[s]) for s in view.steps], dtype=object)


def free_named(view: ModelView, matches: list[Match], side: str) -> np.ndarray:
    """Per step of ``view``, in its order: named and in none of ``matches`` on ``side`` ("a" or "b")."""
    taken = {s for m in matches for s in ids_on(m, side)}
    return np.array([s not in taken and bool(named(view.steps[s])) for s in view.steps], dtype=bool)


def clear_best(
    lab: np.ndarray, i: int, fam_a: np.ndarray, fam_b: np.ndarray, ok_a: np.ndarray, ok_b: np.ndarray, floor: float
) -> int | None:
    """The column of step ``i``'s best partner by label among the ``ok_b`` steps of its family, when
    that label is at least ``floor``, ``i`` is the partner's best among the ``ok_a`` steps too, and
    every rival of either is at least ``MUTUAL_MARGIN`` less alike; otherwise None."""
    row = np.where((fam_b == fam_a[i]) & ok_b, lab[i], -1.0)
    if not row.size:  # the other model has no steps (a collaboration of black-box pools)
        return None
    j = int(np.argmax(row))
    if row[j] < floor:
        return None
    col = np.where((fam_a == fam_b[j]) & ok_a, lab[:, j], -1.0)
    if int(np.argmax(col)) != i:
        return None
    if (
        np.count_nonzero(row > row[j] - groups.MUTUAL_MARGIN) > 1
        or np.count_nonzero(col > col[i] - groups.MUTUAL_MARGIN) > 1
    ):
        return None
    return j


def mutual_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """Two named steps left over that are each other's best partner by label among all
    the other model's steps of their family (module doc)."""
    a, b, lab = given.a, given.b, given.lab
    score_matrix, banned, options = given.score, given.banned, given.options
    unit_a = {s for m in matches for s in m.a}
    unit_b = {s for m in matches for s in m.b}
    ids_a, ids_b = list(a.steps), list(b.steps)
    fam_a, fam_b = families(a), families(b)
    named_a = np.array([bool(named(a.steps[s])) for s in ids_a], dtype=bool)
    named_b = np.array([bool(named(b.steps[s])) for s in ids_b], dtype=bool)
    out = list(matches)
    for i, x_id in enumerate(ids_a):
        if x_id in unit_a or not named_a[i]:
            continue
        j = clear_best(lab, i, fam_a, fam_b, named_a, named_b, options.min_label)
        if j is None or ids_b[j] in unit_b or (x_id, ids_b[j]) in banned:
            continue
        y_id = ids_b[j]
        if float(score_matrix[i, j]) < options.threshold - groups.MUTUAL_SLACK:
            continue
        out.append(Match((x_id,), (y_id,), round(float(score_matrix[i, j]), 3), round(float(lab[i, j]), 3), "auto"))
        unit_a.add(x_id)
        unit_b.add(y_id)
    return out


def leftover_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """The last pass: two named steps still left over, of one family, each the other's best
    partner by label among the steps still left over, every rival of either at least
    ``MUTUAL_MARGIN`` less alike, with a label at least ``CONTAIN`` (one said in full in the
    other: "Kunskapsprov" / "Sökanden skriver kunskapsprovet") (module doc)."""
    a, b, lab, score_matrix, banned = given.a, given.b, given.lab, given.score, given.banned
    ids_a, ids_b = list(a.steps), list(b.steps)
    free_a, free_b = free_named(a, matches, "a"), free_named(b, matches, "b")
    fam_a, fam_b = families(a), families(b)
    out = list(matches)
    found: list[tuple[int, int]] = []
    for i in (int(k) for k in np.flatnonzero(free_a)):
        j = clear_best(lab, i, fam_a, fam_b, free_a, free_b, labelsim.CONTAIN)
        if j is not None and (ids_a[i], ids_b[j]) not in banned:
            found.append((i, j))
    for i, j in found:
        out.append(
            Match((ids_a[i],), (ids_b[j],), round(float(score_matrix[i, j]), 3), round(float(lab[i, j]), 3), "auto")
        )
    return out
