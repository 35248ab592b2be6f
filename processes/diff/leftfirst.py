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

A matched rival whose reasons say the asked step may be part of its correspondence ("may be part of
X ↔ Y", leftovers.part_reason; "may be one more of the N steps matched to Y", siblings.group_reason)
may be the real partner, a one-to-many the diff drew as one-to-one: a left-over never passes it,
whatever the margin (bench/RESULTS-matching.md, "Branch many47": at a margin of 0.3 such a rival,
the gold partner, lost its first place on sv-r10).
"""

from __future__ import annotations

from collections.abc import Sequence

from processes.diff.matchtypes import Candidate, Match, PassInput, Uncertain, match_units
from processes.diff.tiers import step_places

__all__ = ["LEFT_FIRST_MARGIN", "PART_OF_REASONS", "left_over_first", "says_part_of"]

#: how far a matched rival's score may stand above a left-over it gives way to (fixed on the
#: development half: bench/RESULTS-matching.md, "Branch many46")
LEFT_FIRST_MARGIN = 0.2

#: how a candidate's reason begins when the asked step may be part of that candidate's correspondence
PART_OF_REASONS = ("may be part of ", "may be one more of ")


def says_part_of(candidate: Candidate) -> bool:
    """Whether one of ``candidate``'s reasons says the asked step may be part of its correspondence.

    >>> says_part_of(Candidate(("B2",), 0.5, 0.4, ("may be one more of the 2 steps matched to Svar",)))
    True
    >>> says_part_of(Candidate(("B2",), 0.5, 0.4, ("already matched to another step",)))
    False
    """
    return any(r.startswith(PART_OF_REASONS) for r in candidate.reasons)


def left_over_first(
    given: PassInput, matches: Sequence[Match], uncertain: Sequence[Uncertain], margin: float | None = None
) -> tuple[Uncertain, ...]:
    """``uncertain`` with each step's candidates left over in its place moved before the matched
    rivals directly ahead of them that score less than ``margin`` (default ``LEFT_FIRST_MARGIN``)
    above them and do not say part-of (``says_part_of``); the questions in their given order."""
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
        rival = [any(s in taken for s in c.ids) and not says_part_of(c) for c in u.candidates]
        order = _left_over_ahead(u.candidates, left, rival, bar)
        out.append(u if order == u.candidates else Uncertain(u.side, u.step, order))
    return tuple(out)


def _left_over_ahead(
    candidates: tuple[Candidate, ...], left: list[bool], rival: list[bool], bar: float
) -> tuple[Candidate, ...]:
    """``candidates`` with each left-over (``left``) moved, front to back, before each matched rival
    that may be passed (``rival``) directly ahead of it that scores less than ``bar`` above it; it
    stops behind any other candidate."""
    order = list(zip(candidates, left, rival, strict=True))
    for k in range(1, len(order)):
        if not order[k][1]:
            continue
        p = k
        while p > 0 and order[p - 1][2] and order[p - 1][0].score - order[p][0].score < bar:
            order[p - 1], order[p] = order[p], order[p - 1]
            p -= 1
    return tuple(c for c, _, _ in order)
