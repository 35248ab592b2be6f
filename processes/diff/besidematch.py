"""A last look before a step is claimed only in its model: the correspondence right beside it.

A step left over without a candidate is reported as only in its model, as certain. Where it
stands right beside a correspondence (the correspondence is among those met first walking back
or forward from it, through unmatched steps only: ``tiers.step_places``) whose step in the other
model has a label at least ``MatchOptions.uncertain`` alike with its own, of one family, the
matcher may have kept a one-to-many one-to-one: "Skapa nytt ärende i diariet" right after the
pair "Registrera ansökan" ↔ "Ansökan registreras och kompletteras" (labels 0.33), "Boka
platsbesök" right before "Platsbesök" ↔ "Handläggaren åker ut och tittar på restaurangen"
(0.38). The tier asks about a step matched elsewhere only when the pair scores near that
match's confidence (the rival bar, tiers.py); this pass asks whatever the score, and only for a
step that would otherwise be claimed "only" — so it makes no pair, undoes none, and moves no
other question (bench/RESULTS-matching.md, "Branch many106").

Up to ``MAX_CANDIDATES`` candidates, best by the tier's score; a banned pair never is one.
Reason: "right beside its match X ↔ Y: may be part of it (labels 0.33 alike)".
"""

from __future__ import annotations

from processes.diff.matchtypes import MAX_CANDIDATES, Candidate, Match, PassInput, Uncertain, families, ids_on
from processes.diff.tiers import step_places

__all__ = ["beside_questions", "beside_reason"]


def beside_reason(partner: str, other: str, label: float) -> str:
    return f"right beside its match {partner} ↔ {other}: may be part of it (labels {label:.2f} alike)"


def beside_questions(
    given: PassInput, matches: list[Match], uncertain: tuple[Uncertain, ...]
) -> tuple[Uncertain, ...]:
    """``uncertain`` with a question added for every step left over without one that stands right
    beside a correspondence whose other step its label is like (module doc); the tier's order
    (A's steps in A's order, then B's in B's order) is kept."""
    asked = {(u.side, u.step) for u in uncertain}
    added: dict[tuple[str, str], Uncertain] = {}
    for side, view_given in (("a", given), ("b", given.swapped())):
        added.update(_side(view_given, matches, side, asked))
    if not added:
        return uncertain
    by_key = {(u.side, u.step): u for u in uncertain}
    by_key.update(added)
    order = [("a", s) for s in given.a.steps] + [("b", s) for s in given.b.steps]
    return tuple(by_key[key] for key in order if key in by_key)


def _side(
    given: PassInput, matches: list[Match], side: str, asked: set[tuple[str, str]]
) -> dict[tuple[str, str], Uncertain]:
    one, other, lab, score = given.a, given.b, given.lab, given.tier_score
    other_side = "b" if side == "a" else "a"
    units = {s: k for k, m in enumerate(matches) for s in ids_on(m, side)}
    places = step_places(one, units)
    row_of = {s: i for i, s in enumerate(one.steps)}
    col_of = {s: j for j, s in enumerate(other.steps)}
    out: dict[tuple[str, str], Uncertain] = {}
    for x_id, (back, forth) in places.items():
        if (side, x_id) in asked:
            continue
        x = one.steps[x_id]
        kins = families(x)
        i = row_of[x_id]
        found: list[tuple[float, int, Candidate]] = []
        for k in sorted(back | forth):
            mine = sorted(one.steps[s].name or s for s in ids_on(matches[k], side) if s in one.steps)
            partner = mine[0] if mine else "?"
            for y_id in ids_on(matches[k], other_side):
                j = col_of.get(y_id)
                if j is None or (x_id, y_id) in given.banned:
                    continue
                y = other.steps[y_id]
                label = float(lab[i, j])
                if label < given.options.uncertain or kins.isdisjoint(families(y)):
                    continue
                if any(c.ids == (y_id,) for _, _, c in found):
                    continue
                reason = beside_reason(partner, y.name or y_id, label)
                found.append(
                    (
                        -float(score[i, j]),
                        j,
                        Candidate((y_id,), round(float(score[i, j]), 3), round(label, 3), (reason,)),
                    )
                )
        if found:
            found.sort(key=lambda t: (t[0], t[1]))
            out[(side, x_id)] = Uncertain(side, x_id, tuple(c for _, _, c in found[:MAX_CANDIDATES]))
    return out
