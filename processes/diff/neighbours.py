"""The neighbours term of the matcher's score: how well the predecessors and successors of x match
those of y by label (mean of the best match per neighbour, both directions; matching.py).

Its own module as it is the one part of the score that reads the step graph: each model's neighbour
lists are made once per model and lexicon (an N-way run uses them in each of the model's N - 1
pairs: nwaycaches.py fills them before the pairs run) and turned into the pair matrix by array
operations only.
"""

from __future__ import annotations

import numpy as np

from processes.diff.text import Lexicon
from processes.diff.view import ModelView

__all__ = ["Adjacency", "adjacency", "neighbour_matrix"]


class Adjacency:
    """One model's neighbour lists (row -> rows of its predecessors, or of its successors) and
    what :func:`neighbour_matrix` makes of them: made once per model and lexicon
    (:func:`adjacency`), as an N-way run uses them in each of the model's N - 1 pairs."""

    __slots__ = ("lists", "index", "empty", "rows", "cols", "weight", "has")

    def __init__(self, lists: list[list[int]]) -> None:
        self.lists = lists
        width = max((len(vs) for vs in lists), default=0)
        # every list padded with its own first entry: the same maximum, in one gather
        self.index = (
            np.array([vs + [vs[0]] * (width - len(vs)) if vs else [0] * width for vs in lists], dtype=int)
            if width else None
        )
        self.empty = np.array([not vs for vs in lists], dtype=bool)
        # row x once per neighbour u, in order, with weight 1 / len(x's neighbours)
        self.rows = np.array([x for x, us in enumerate(lists) for _u in us], dtype=int)
        self.cols = np.array([u for us in lists for u in us], dtype=int)
        self.weight = np.array([1.0 / len(lists[x]) for x in self.rows.tolist()], dtype=float)
        self.has = ~self.empty


def adjacency(lex: Lexicon, view: ModelView, forward: bool) -> Adjacency:
    """``view``'s steps' successors (``forward``) or predecessors as :class:`Adjacency`,
    remembered in the lexicon's memo (the view kept with it, so its id is not reused)."""
    key = ("adjacency", id(view), forward)
    found = lex._memo.get(key)
    if found is None or found[0] is not view:  # type: ignore[index]
        index = {x: i for i, x in enumerate(view.steps)}
        near = view.successors if forward else view.predecessors
        found = lex._memo[key] = (view, Adjacency([[index[u] for u in near(x) if u in index] for x in view.steps]))
    return found[1]  # type: ignore[index,no-any-return]


def _best_of(lab: np.ndarray, adj: Adjacency) -> np.ndarray:
    """Column y: the largest of ``lab[:, v]`` over ``v`` in ``adj.lists[y]`` (0 when it is empty)."""
    n, m = lab.shape[0], len(adj.lists)
    if adj.index is None:
        return np.zeros((n, m))
    best = lab[:, adj.index].max(axis=2)
    best[:, adj.empty] = 0.0
    return np.asarray(best, dtype=float)


def neighbour_matrix(lab: np.ndarray, a_adj: Adjacency, b_adj: Adjacency) -> np.ndarray:
    """For every pair (x, y): how well x's neighbours (``a_adj.lists[x]``) match y's by label —
    the mean over x's neighbours of their best label match among y's, averaged with the
    same from y's side; 1 when neither has neighbours, 0 when only one has."""
    n, m = lab.shape
    best = _best_of(lab, b_adj)  # best[:, y]: each row's best among y's neighbours
    best_t = _best_of(lab.T, a_adj).T
    # left[x, :] += best[u, :] / len(x's neighbours) for each neighbour u of x, in that order
    # (np.add.at adds one term after the other, as a loop would: the same sums, bit for bit)
    left = np.zeros((n, m))
    if len(a_adj.rows):
        np.add.at(left, a_adj.rows, a_adj.weight[:, None] * best[a_adj.cols, :])
    right_t = np.zeros((m, n))
    if len(b_adj.rows):
        np.add.at(right_t, b_adj.rows, b_adj.weight[:, None] * best_t[:, b_adj.cols].T)
    score = (left + right_t.T) / 2
    has_a = a_adj.has[:, None]
    has_b = b_adj.has[None, :]
    return np.where(has_a & has_b, score, np.where(~has_a & ~has_b, 1.0, 0.0))
