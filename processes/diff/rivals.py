"""A step left over that would join a correspondence, and a second home for it still free.

The attach pass (groups.attach_pass) lets a step x left over join the correspondence of
its best partner y by label. When a step of the other model that is in no correspondence
is nearly as alike x as y is, the label does not say which of the two x belongs with, and
a wrong join costs more than the pair: x's true partner then has no candidate x to be
asked about (p25: "Expediering av beslut till sökanden" joined "Besked till sökanden att
ansökan är komplett" at 0.608 while "Beslut och tillståndsbevis till sökanden", free, was
0.591 alike; bench/RESULTS-matching.md "Branch many17"). So x joins only when its label
with y beats its best free rival by ``RIVAL_MARGIN``; otherwise it stays left over, for
the later passes and the uncertain tier, which shows it with both candidates.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from collections.abc import Set as AbstractSet

import numpy as np

__all__ = ["RIVAL_MARGIN", "best_free_rival", "clear_of_free_rivals"]

#: how far a join's label must be ahead of the best label with a step still free (the
#: "clear best" margin of the place passes)
RIVAL_MARGIN = 0.1


def best_free_rival(
    row: np.ndarray,
    columns: np.ndarray,
    ids_other: Sequence[str],
    taken: Mapping[str, int] | Collection[str],
    x_id: str,
    banned: AbstractSet[tuple[str, str]],
) -> float:
    """The best of ``row`` (x's labels with the other model's steps) over ``columns`` (the
    other model's named steps of x's family) whose step is in no correspondence
    (``taken``) and may be paired with x (not in ``banned`` as (x, step)); 0 when none is.

    >>> best_free_rival(np.array([0.6, 0.5, 0.4]), np.array([0, 1, 2]), ["y1", "y2", "y3"], {"y1": 0}, "x", set())
    0.5
    """
    best = 0.0
    for j in columns.tolist():
        y_id = ids_other[j]
        if y_id in taken or (x_id, y_id) in banned:
            continue
        best = max(best, float(row[j]))
    return best


def clear_of_free_rivals(label: float, rival: float, margin: float | None = None) -> bool:
    """Whether a join at ``label`` is ahead of the best free rival (``rival``) by ``margin``
    (``RIVAL_MARGIN`` when not given).

    >>> clear_of_free_rivals(0.608, 0.591)
    False
    >>> clear_of_free_rivals(0.7, 0.0)
    True
    """
    return label - rival >= (RIVAL_MARGIN if margin is None else margin) - 1e-9
