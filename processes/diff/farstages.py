"""A pair across two distant stages of the case: asked about, not claimed.

The matcher pairs two tasks on their combined score; where the labels say little (below the first
assignment's ``MatchOptions.strong_label``), a pair whose tasks name stages of the case that are not
neighbours in its order ("Registrera ansökan" against "Besluta i ärendet": intake and decision, with
completeness, the investigation and the write-up between) is more likely two different steps that
stand in the same place than one step drawn twice. Such a pair is taken out of the matched tier and
its two steps are asked about each other in the uncertain tier, with their other candidates.

Only tasks (a start or end event names the moment of a whole case, and a border event may name the
stage on either side of it), only a pair with both stages known and placed in ``stages.CASE_ORDER``
(advice and fees have no place there), never a pair a person confirmed and never a one-to-many.
(bench/RESULTS-matching.md, "Branch many25"; "Branch many18" measured every pair across two stages,
17 of 19 of them true pairs, most of them events or neighbouring stages.)

Reason: "matched at <score>, but the labels name stages far apart in a case: <stage> / <stage>".
"""

from __future__ import annotations

from processes.diff.matchtypes import Candidate, Match, PassInput, Uncertain, family
from processes.diff.stages import far_apart, stage_of
from processes.diff.tiers import MAX_CANDIDATES
from processes.diff.view import Step

__all__ = ["far_stage_pass", "far_stage_questions", "far_stage_reason"]


def far_stage_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], list[Match]]:
    """The matches kept, and the one-to-one pairs of tasks taken out (module doc)."""
    kept: list[Match] = []
    taken: list[Match] = []
    for m in matches:
        (taken if _stages_far(given, m) is not None else kept).append(m)
    return kept, taken


def far_stage_questions(
    given: PassInput, matches: list[Match], uncertain: tuple[Uncertain, ...], taken: list[Match]
) -> tuple[Uncertain, ...]:
    """``uncertain`` with each pair in ``taken`` whose two steps are still unmatched in ``matches``
    asked about each other: the partner a candidate of each (first among them when not already
    one), with the reason why; A's steps in A's order, then B's in B's order."""
    if not taken:
        return uncertain
    matched = {("a", s) for m in matches for s in m.a} | {("b", s) for m in matches for s in m.b}
    asked = {(u.side, u.step): u for u in uncertain}
    for m in taken:
        stages = _stages_far(given, m)
        x_id, y_id = m.a[0], m.b[0]
        if stages is None or ("a", x_id) in matched or ("b", y_id) in matched:
            continue
        reason = far_stage_reason(m.confidence, stages)
        for side, step, partner in (("a", x_id, y_id), ("b", y_id, x_id)):
            asked[(side, step)] = _with_partner(asked.get((side, step)), side, step, partner, m, reason)
    order = {("a", s): k for k, s in enumerate(given.a.steps)} | {("b", s): k for k, s in enumerate(given.b.steps)}
    return tuple(sorted(asked.values(), key=lambda u: (u.side, order[(u.side, u.step)])))


def far_stage_reason(confidence: float, stages: tuple[str, str]) -> str:
    return f"matched at {confidence:.2f}, but the labels name stages far apart in a case: {stages[0]} / {stages[1]}"


def _stages_far(given: PassInput, m: Match) -> tuple[str, str] | None:
    """The two stages of the one-to-one pair of tasks ``m`` when they are far apart and its
    label evidence is below the strong bar, else None."""
    if m.how == "confirmed" or len(m.a) != 1 or len(m.b) != 1 or m.label >= given.options.strong_label:
        return None
    x, y = given.a.steps.get(m.a[0]), given.b.steps.get(m.b[0])
    if x is None or y is None or not _task(x) or not _task(y):
        return None
    first = stage_of(given.lex, x.name, given.langs[0])
    second = stage_of(given.lex, y.name, given.langs[1])
    if first is None or second is None or not far_apart(first, second):
        return None
    return first, second


def _task(step: Step) -> bool:
    return step.kind == "task" and bool(step.name) and family(step) == "activity"


def _with_partner(
    found: Uncertain | None, side: str, step: str, partner: str, m: Match, reason: str
) -> Uncertain:
    """``found`` (or a new entry for ``step``) with ``partner`` among its candidates."""
    others = list(found.candidates) if found is not None else []
    mine = next((c for c in others if c.ids == (partner,)), None)
    if mine is not None:
        candidates = [Candidate(c.ids, c.score, c.label, (*c.reasons, reason)) if c is mine else c for c in others]
    else:
        candidates = [Candidate((partner,), m.confidence, m.label, (reason,)), *others][:MAX_CANDIDATES]
    return Uncertain(side, step, tuple(candidates))
