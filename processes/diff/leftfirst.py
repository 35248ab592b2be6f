"""An uncertain step's candidates: one left over in its own place before a matched rival of like score.

The uncertain tier lists a step's candidates by combined score. A step of the other model that is
already matched to another step can come first while a step left over in the same place, unmatched
like the asked step, follows a little below it (bench/RESULTS-matching.md, "Branch many44": of the
development half's 18 asked steps whose gold partner is a candidate but not first, a rival "already
matched to another step" is first in four). The matched rival is a question about a match the diff
already made; the left-over beside the step is the pair that would remove two "only" claims.

A *place* is read as the uncertain tier reads it (tiers.step_places) on the final matches: the
correspondences met first walking back and walking forward from an unmatched step, through
unmatched steps only; both ends must be non-empty. A candidate is *left over in the step's place*
when it is one unmatched step of the other model with the same place; a *matched rival* when one of
its steps is matched. Front to back, a left-over moves before each matched rival directly ahead of
it whose score is less than ``LEFT_FIRST_MARGIN`` above its own. Nothing enters or leaves, the
reasons are unchanged, and the questions keep their order (bench/RESULTS-matching.md, "Branch many46").
"""

from __future__ import annotations

from collections.abc import Sequence

from processes.diff.matchtypes import Candidate, Match, PassInput, Uncertain, match_units
from processes.diff.tiers import step_places

__all__ = ["LEFT_FIRST_MARGIN", "left_over_first"]

#: how far a matched rival's score may stand above a left-over it gives way to (fixed on the
#: development half: bench/RESULTS-matching.md, "Branch many46")
LEFT_FIRST_MARGIN = 0.2


def left_over_first(
    given: PassInput, matches: Sequence[Match], uncertain: Sequence[Uncertain], margin: float | None = None
) -> tuple[Uncertain, ...]:
    """``uncertain`` with each step's candidates left over in its place moved before the matched
    rivals directly ahead of them that score less than ``margin`` (default ``LEFT_FIRST_MARGIN``)
    above them; the questions in their given order."""
    if not uncertain:
        return tuple(uncertain)
    bar = LEFT_FIRST_MARGIN if margin is None else margin
    unit_a, unit_b = match_units(matches)
    units = {"a": unit_a, "b": unit_b}
    places = {"a": step_places(given.a, unit_a), "b": step_places(given.b, unit_b)}
    out = []
    for u in uncertain:
        other = "b" if u.side == "a" else "a"
        here = places[u.side].get(u.step)
        if here is None or not here[0] or not here[1] or len(u.candidates) < 2:
            out.append(u)
            continue
        taken, there = units[other], places[other]
        left = [len(c.ids) == 1 and c.ids[0] not in taken and there.get(c.ids[0]) == here for c in u.candidates]
        rival = [any(s in taken for s in c.ids) for c in u.candidates]
        order = _left_over_ahead(u.candidates, left, rival, bar)
        out.append(u if order == u.candidates else Uncertain(u.side, u.step, order))
    return tuple(out)


def _left_over_ahead(
    candidates: tuple[Candidate, ...], left: list[bool], rival: list[bool], bar: float
) -> tuple[Candidate, ...]:
    """``candidates`` with each left-over (``left``) moved, front to back, before each matched rival
    (``rival``) directly ahead of it that scores less than ``bar`` above it."""
    order = list(zip(candidates, left, rival, strict=True))
    for k in range(1, len(order)):
        if not order[k][1]:
            continue
        p = k
        while p > 0 and order[p - 1][2] and order[p - 1][0].score - order[p][0].score < bar:
            order[p - 1], order[p] = order[p], order[p - 1]
            p -= 1
    return tuple(c for c, _, _ in order)
