"""A last look before a step is claimed "only in one model".

The uncertain tier (tiers.py) leaves a step without a candidate when nothing it reads ties the step
to the other model; the diff then says, as certain, that the step is only in its model. Two shapes
of such claims are questions all the same (bench/RESULTS-matching.md, "Branch many96"):

* **The decision, when the other model draws none the reader recognises.** A permit process has one
  decision, whoever takes it. The tier asks a decision step (deciding.py) about the other model's
  decision steps; where the other model has none that :func:`deciding.is_decision` reads ("Beslutsfattande:
  beslut i individutskottet", a stage heading first; "Nämnden sa ja", everyday words), its steps that
  name the decision stage (stages.py) are asked about instead, matched or not.
* **Two claims that mirror each other.** A step of each model left over beside the same matched step
  (their places share one bound: tiers.step_places), of one kind and type (two send tasks, two message
  events), each the other's closest step left over there by combined score, and *both* without a
  candidate: the diff would say "only in A: Räkning på behandlingsavgiften sänds" and "only in B: Fakt.
  avg." side by side. Each becomes the other's candidate.

Runs after every pass and after the sole-candidate pairs (solecandidates.py), so it adds questions
only: no pair is made or undone. A pair the rules keep apart (``PassInput.banned``) is never offered.
"""

from __future__ import annotations

import numpy as np

from processes.diff.deciding import decision_steps
from processes.diff.matchtypes import (
    MAX_CANDIDATES,
    Candidate,
    Match,
    PassInput,
    Uncertain,
    families,
    ids_on,
    in_model_order,
)
from processes.diff.stages import stage_of
from processes.diff.tiers import step_places
from processes.diff.view import ModelView, display_name

__all__ = ["last_look", "DECISION_REASON", "MIRROR_REASON"]

DECISION_REASON = "the decision: the other model draws no step read as the decision; this one names its stage"
MIRROR_REASON = "both would be only in their model: left over beside the same matched step, of one kind, each the other's closest"

#: a place: the correspondences met first walking back from a step, and walking forward
_Place = tuple[frozenset[int], frozenset[int]]


def last_look(
    given: PassInput, matches: list[Match], uncertain: tuple[Uncertain, ...]
) -> tuple[Uncertain, ...]:
    """``uncertain`` with questions for the steps it leaves without a candidate that the module doc's
    two clauses ask about; unchanged when there are none."""
    asked = {(u.side, u.step) for u in uncertain}
    matched = {"a": {s for m in matches for s in m.a}, "b": {s for m in matches for s in m.b}}
    claims = {
        side: [s for s in view.steps if s not in matched[side] and (side, s) not in asked]
        for side, view in (("a", given.a), ("b", given.b))
    }
    if not claims["a"] and not claims["b"]:
        return uncertain
    added: dict[tuple[str, str], list[Candidate]] = {}
    for side, read in (("a", given), ("b", given.swapped())):
        for x_id, found in _decision_questions(read, claims[side]).items():
            added.setdefault((side, x_id), []).extend(found)
    for (x_id, y_id), candidate_ab, candidate_ba in _mirrored(given, matches, claims["a"], claims["b"]):
        added.setdefault(("a", x_id), []).append(candidate_ab)
        added.setdefault(("b", y_id), []).append(candidate_ba)
    if not added:
        return uncertain
    new = [Uncertain(side, step, tuple(found[:MAX_CANDIDATES])) for (side, step), found in added.items()]
    return in_model_order(given, (*uncertain, *new))


def _decision_questions(given: PassInput, claimed: list[str]) -> dict[str, list[Candidate]]:
    """Clause 1, read from ``given.a``'s side: its decision steps among ``claimed`` -> the other
    model's steps of the decision stage, best first (module doc); none when the other model has a
    decision step of its own (the tier asks about those)."""
    one, other, lang = given.a, given.b, given.langs
    deciding = set(decision_steps(one, lang[0])).intersection(claimed)
    if not deciding or decision_steps(other, lang[1]):
        return {}
    staged = [
        y_id
        for y_id, y in other.steps.items()
        if y.name and stage_of(given.lex, y.name, lang[1]) == "decision"
    ]
    if not staged:
        return {}
    row = {s: i for i, s in enumerate(one.steps)}
    col = {s: j for j, s in enumerate(other.steps)}
    score, lab = given.tier_score, given.lab
    out: dict[str, list[Candidate]] = {}
    for x_id in claimed:
        if x_id not in deciding:
            continue
        kins = families(one.steps[x_id])
        i = row[x_id]
        ys = [
            y
            for y in staged
            if (x_id, y) not in given.banned and not kins.isdisjoint(families(other.steps[y]))
        ]
        ys.sort(key=lambda y: (-float(score[i, col[y]]), col[y]))
        found = [
            Candidate(
                (y,), round(float(score[i, col[y]]), 3), round(float(lab[i, col[y]]), 3), (DECISION_REASON,)
            )
            for y in ys[:MAX_CANDIDATES]
        ]
        if found:
            out[x_id] = found
    return out


def _mirrored(
    given: PassInput, matches: list[Match], claimed_a: list[str], claimed_b: list[str]
) -> list[tuple[tuple[str, str], Candidate, Candidate]]:
    """Clause 2: the pairs (A step, B step) of mirrored claims, each with the candidate it gets."""
    if not claimed_a or not claimed_b:
        return []
    a, b = given.a, given.b
    units_a = {s: k for k, m in enumerate(matches) for s in ids_on(m, "a")}
    units_b = {s: k for k, m in enumerate(matches) for s in ids_on(m, "b")}
    places_a, places_b = step_places(a, units_a), step_places(b, units_b)
    row = {s: i for i, s in enumerate(a.steps)}
    col = {s: j for j, s in enumerate(b.steps)}
    score = given.tier_score
    only_b = set(claimed_b)
    out = []
    for x_id in claimed_a:
        y_id = _closest(x_id, a, places_a, b, places_b, score[row[x_id], :], col)
        if y_id is None or y_id not in only_b or (x_id, y_id) in given.banned:
            continue
        x, y = a.steps[x_id], b.steps[y_id]
        if (x.kind, x.detail) != (y.kind, y.detail):
            continue
        back = _closest(y_id, b, places_b, a, places_a, score[:, col[y_id]], row)
        if back != x_id:
            continue
        i, j = row[x_id], col[y_id]
        s, label = round(float(score[i, j]), 3), round(float(given.lab[i, j]), 3)
        out.append(
            (
                (x_id, y_id),
                Candidate((y_id,), s, label, (_mirror_reason(a, places_a[x_id], matches),)),
                Candidate((x_id,), s, label, (_mirror_reason(b, places_b[y_id], matches, "b"),)),
            )
        )
    return out


def _closest(
    step: str,
    view: ModelView,
    places: dict[str, _Place],
    other: ModelView,
    other_places: dict[str, _Place],
    scores: np.ndarray,
    index: dict[str, int],
) -> str | None:
    """The other model's unmatched step of ``step``'s family whose place shares a bound with
    ``step``'s and whose combined score with it (``scores[index[other step id]]``) is highest and
    above 0; ties go to the first in the other model's order."""
    here = places[step]
    kins = families(view.steps[step])
    best: str | None = None
    best_score = 0.0
    for y_id, there in other_places.items():
        if kins.isdisjoint(families(other.steps[y_id])):
            continue
        if not (here[0] & there[0]) and not (here[1] & there[1]):
            continue
        value = float(scores[index[y_id]])
        if value > best_score:
            best, best_score = y_id, value
    return best


def _mirror_reason(view: ModelView, place: _Place, matches: list[Match], side: str = "a") -> str:
    """The mirror reason, naming a matched step the step stands beside."""
    names = sorted(
        display_name(view.steps[s])
        for k in (*place[0], *place[1])
        for s in ids_on(matches[k], side)
        if s in view.steps
    )
    return f"{MIRROR_REASON} ({names[0]})" if names else MIRROR_REASON
