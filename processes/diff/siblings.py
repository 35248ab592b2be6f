"""One more of a group: a further reason to ask about a step left over (used by tiers.py).

A one-to-many correspondence the matcher found (groups.py and the passes after it: one step of
the other model against two or more of this one, all of one kind and type) says that the other
model draws as one step what this model draws as several alike steps: "Samtliga remissvar har
kommit in" against "Yttrande från Polisen inkommer" and "Yttrande från räddningstjänsten
inkommer". A step left over of that same kind and type whose label is at least the uncertain bar
alike with the one step may be one more of them ("Svar från Skatteverket och Kronofogden", p21 in
bench/RESULTS-matching.md, "Branch many16"): it is a candidate whatever the rival margin, which
would compare it with the whole group's confidence. Reason: "may be one more of the N steps
matched to Y".
"""

from __future__ import annotations

import numpy as np

from processes.diff.matchtypes import Match, ids_on
from processes.diff.view import ModelView, Step

__all__ = ["one_more_of_a_group", "group_reason"]


def one_more_of_a_group(
    x: Step,
    row: np.ndarray,
    bar: float,
    matches: list[Match],
    one: ModelView,
    side: str,
    col: dict[str, int],
) -> dict[int, int]:
    """Columns (``col``) of the other model's steps matched alone to two or more steps of ``x``'s
    model (``one``, on ``side``), every one of the same kind and type as ``x``, whose label
    similarity with ``x`` (``row``) is at least ``bar``: column -> how many steps the group has."""
    other_side = "b" if side == "a" else "a"
    found: dict[int, int] = {}
    for m in matches:
        many, single = ids_on(m, side), ids_on(m, other_side)
        if len(many) < 2 or len(single) != 1 or single[0] not in col or float(row[col[single[0]]]) < bar:
            continue
        steps = [one.steps.get(s) for s in many]
        if all(s is not None and (s.kind, s.detail) == (x.kind, x.detail) for s in steps):
            found[col[single[0]]] = len(many)
    return found


def group_reason(count: int, other: str) -> str:
    return f"may be one more of the {count} steps matched to {other}"
