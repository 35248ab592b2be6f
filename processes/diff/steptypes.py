"""The matcher's reading of two steps' kinds, as matrices over every pair (matching.py): the type
term of the score, which pairs are both start events or both end events, which pair an activity
with an event, and which pair a task that acts then waits with an event.

Its own module as these look only at each step's kind and type (never its label or place), and
the matcher and its passes ask them apart from the score.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from processes.diff.matchtypes import ACTIVITIES, families, family
from processes.diff.view import Step

__all__ = ["endpoint_pairs", "cross_family", "type_matrix", "lone_endpoints", "arrival_pairs", "type_score"]


def type_score(x: Step, y: Step) -> float:
    if x.kind in ACTIVITIES and y.kind in ACTIVITIES:
        return 1.0 if (x.kind, x.detail) == (y.kind, y.detail) else 0.8
    if x.kind == "event" and y.kind == "event":
        if x.detail == y.detail:
            return 1.0
        return 0.7 if x.detail.split(":")[0] == y.detail.split(":")[0] else 0.4
    return 0.2


def type_matrix(xs: list[Step], ys: list[Step]) -> np.ndarray:
    kinds = tuple(sorted({(s.kind, s.detail) for s in xs + ys}))
    table = _type_table(kinds)
    code = {k: i for i, k in enumerate(kinds)}
    ia = np.array([code[(s.kind, s.detail)] for s in xs], dtype=int)
    ib = np.array([code[(s.kind, s.detail)] for s in ys], dtype=int)
    return table[np.ix_(ia, ib)]


@lru_cache(maxsize=256)
def _type_table(kinds: tuple[tuple[str, str], ...]) -> np.ndarray:
    # remembered (read-only): an N-way run's pairs mostly draw from the same few kinds of step
    table = np.array(
        [[type_score(Step("", "", k1, d1), Step("", "", k2, d2)) for k2, d2 in kinds] for k1, d1 in kinds]
    ).reshape(len(kinds), len(kinds))
    table.setflags(write=False)
    return table


def endpoint_pairs(xs: list[Step], ys: list[Step]) -> np.ndarray:
    """Boolean matrix: both steps are start events, or both are end events."""
    # each step's end as a number (1 start, 2 end, 0 neither): equal and not 0
    code_a = np.array([_END_CODE.get(s.detail.split(":")[0], 0) if s.kind == "event" else 0 for s in xs], dtype=int)
    code_b = np.array([_END_CODE.get(s.detail.split(":")[0], 0) if s.kind == "event" else 0 for s in ys], dtype=int)
    same = code_a[:, None] == code_b[None, :]
    is_end = (code_a > 0)[:, None]
    return np.asarray(same & is_end, dtype=bool).reshape(len(xs), len(ys))


_END_CODE = {"start": 1, "end": 2}


def lone_endpoints(xs: list[Step], ys: list[Step]) -> list[tuple[int, int]]:
    """(row, column) of the start events when each model has exactly one, and the same
    for end events."""
    out = []
    for position in ("start", "end"):
        ia = [i for i, s in enumerate(xs) if s.kind == "event" and s.detail.split(":")[0] == position]
        ib = [j for j, s in enumerate(ys) if s.kind == "event" and s.detail.split(":")[0] == position]
        if len(ia) == 1 and len(ib) == 1:
            out.append((ia[0], ib[0]))
    return out


def cross_family(xs: list[Step], ys: list[Step]) -> np.ndarray:
    """Boolean matrix: one is an activity and the other an event."""
    fa = np.array([family(x) == "event" for x in xs], dtype=bool)
    fb = np.array([family(y) == "event" for y in ys], dtype=bool)
    return np.asarray(fa[:, None] != fb[None, :], dtype=bool).reshape(len(xs), len(ys))


def arrival_pairs(xs: list[Step], ys: list[Step]) -> np.ndarray | None:
    """Boolean matrix: one is a task that acts then waits (matchtypes.families) and the other an
    event; None when neither model has such a task."""
    both_a = np.array([len(families(x)) > 1 for x in xs], dtype=bool)
    both_b = np.array([len(families(y)) > 1 for y in ys], dtype=bool)
    if not both_a.any() and not both_b.any():
        return None
    event_a = np.array([family(x) == "event" for x in xs], dtype=bool)
    event_b = np.array([family(y) == "event" for y in ys], dtype=bool)
    cells = (both_a[:, None] & event_b[None, :]) | (event_a[:, None] & both_b[None, :])
    return np.asarray(cells, dtype=bool).reshape(len(xs), len(ys))
