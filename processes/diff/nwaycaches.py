"""What an N-way comparison (nway.py) computes once for all its pairs: each model's whole relation
matrix, kept (``_KeptRelations``), the caches every pair reads, filled before the pairs are forked
(``warm_caches``), and the pairs that hold every model (``covering``).

Its own module as these only make the run faster: the comparison's results are the same with or
without them (the speed-path tests check that).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from itertools import combinations

import numpy as np

from processes.diff.core import Compared
from processes.diff.labelsim import head_terms, label_side, normalised
from processes.diff.matchtypes import family, what
from processes.diff.neighbours import adjacency
from processes.diff.relations import Profile
from processes.diff.text import Lexicon

__all__ = ["KEPT_RELATIONS_MAX", "with_kept_relations", "covering", "warm_caches"]


#: steps of a model up to which its whole relation matrix is kept (int8: 4 MB at 2,000)
KEPT_RELATIONS_MAX = 2_000


class _KeptRelations(Profile):
    """A profile that computes its whole relation matrix once and answers each later
    ``relation_rows`` by indexing it: an N-way run asks every model's relations again in each
    of its N - 1 pairs. The codes are the same, entry by entry, as the bit sets give them."""

    def relation_rows(self, rows: list[str], cols: list[str], index: np.ndarray | None = None) -> np.ndarray:
        """``index`` (the columns' bit positions) is not needed: the kept matrix is read by id."""
        kept = self.__dict__.get("kept")
        if kept is None:
            ids = list(self.bit)
            kept = self.__dict__["kept"] = ({s: i for i, s in enumerate(ids)}, Profile.relation_rows(self, ids, ids))
        at, full = kept
        return full[np.ix_([at[x] for x in rows], [at[y] for y in cols])]


def with_kept_relations(model: Compared) -> Compared:
    profile = model.profile
    if type(profile) is not Profile or len(profile.bit) > KEPT_RELATIONS_MAX:
        return model
    return replace(model, profile=_KeptRelations(**{f.name: getattr(profile, f.name) for f in fields(Profile)}))


def covering(n: int) -> list[int]:
    """Positions in ``combinations(range(n), 2)`` of pairs that hold every one of ``n`` models
    (n >= 2): (0, 1), (2, 3), ..., and (n - 2, n - 1) for an odd ``n``."""
    at = {pair: k for k, pair in enumerate(combinations(range(n), 2))}
    return sorted({at[(i, i + 1)] for i in range(0, n - 1, 2)} | ({at[(n - 2, n - 1)]} if n % 2 else set()))


def warm_caches(models: Sequence[Compared], lex: Lexicon) -> None:
    """Fill, before the pairs are forked, the caches every pair of every model reads: the
    terms, head and normalised form of each step's name and performer (in the lexicon's
    memo), each step's family, each model's kept relation matrix and neighbour lists, and what
    the label matrices make of its names and of its performers alone. A forked helper then
    inherits them instead of computing them again beside this process. Only remembers:
    the results are the same with or without it."""
    for m in models:
        names = []
        for step in m.view.steps.values():
            family(step)
            name = what(lex, step, m.language)
            names.append(name)
            head_terms(lex, name, lex.terms(name, m.language), m.language)
            normalised(lex, name)
            lex.terms(step.performer, m.language)
            normalised(lex, step.performer)
        side = label_side(lex, names, m.language)
        side.gathered(lex, m.language, False)
        side.gathered(lex, m.language, True)
        performers = sorted({step.performer for step in m.view.steps.values()})
        label_side(lex, performers, m.language).gathered(lex, m.language, False)
        if isinstance(m.profile, _KeptRelations):
            m.profile.relation_rows([], [])
        adjacency(lex, m.view, False)
        adjacency(lex, m.view, True)
