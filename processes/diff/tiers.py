"""The uncertain tier: steps without a partner that still have candidates, and why.

A step of A left unmatched gets as candidates the steps of B of the same family whose
label is at least ``MatchOptions.uncertain`` alike, or that have the same matched
neighbours (context) — a step of B already matched elsewhere only when this pair scores
within 0.1 of that match's confidence (a rival worth a look, e.g. a merge); the best three
by combined score are kept, each with its
reasons in plain words ("labels share: remiss, polis", "same neighbours: Diarieföring",
"matched to another step"). The same for B against A. A step with no candidate is only in
its model.
"""

from __future__ import annotations

import numpy as np

from processes.diff.matchtypes import Candidate, Match, MatchOptions, Uncertain, family, ids_on, named
from processes.diff.text import Lexicon
from processes.diff.view import ModelView

__all__ = ["uncertain_steps", "MAX_CANDIDATES"]

MAX_CANDIDATES = 3
_RIVAL_MARGIN = 0.1


def uncertain_steps(
    a: ModelView,
    b: ModelView,
    lex: Lexicon,
    score: np.ndarray,
    lab: np.ndarray,
    matches: list[Match],
    banned: set[tuple[str, str]],
    options: MatchOptions,
    lang_a: str,
    lang_b: str,
) -> tuple[Uncertain, ...]:
    """Every unmatched step with candidates, A's in A's order, then B's in B's order."""
    out = list(_side(a, b, lex, score, lab, matches, banned, options, "a", (lang_a, lang_b)))
    out += _side(b, a, lex, score.T, lab.T, matches, {(y, x) for x, y in banned}, options, "b", (lang_b, lang_a))
    return tuple(out)


def _side(
    one: ModelView,
    other: ModelView,
    lex: Lexicon,
    score: np.ndarray,
    lab: np.ndarray,
    matches: list[Match],
    banned: set[tuple[str, str]],
    options: MatchOptions,
    side: str,
    lang: tuple[str, str],
) -> list[Uncertain]:
    other_side = "b" if side == "a" else "a"
    matched_one = {s for m in matches for s in ids_on(m, side)}
    unit_one = {s: k for k, m in enumerate(matches) for s in ids_on(m, side)}
    unit_other = {s: k for k, m in enumerate(matches) for s in ids_on(m, other_side)}
    matched_other = set(unit_other)
    confidence = {s: m.confidence for m in matches for s in ids_on(m, other_side)}
    ids_other = list(other.steps)
    out = []
    for i, (x_id, x) in enumerate(one.steps.items()):
        if x_id in matched_one:
            continue
        near = {("p", unit_one[u]) for u in one.predecessors(x_id) if u in unit_one}
        near |= {("s", unit_one[v]) for v in one.successors(x_id) if v in unit_one}
        found = []
        for j in np.argsort(-score[i], kind="stable"):
            y_id = ids_other[int(j)]
            y = other.steps[y_id]
            if (x_id, y_id) in banned or family(x) != family(y):
                continue
            label = float(lab[i, j])
            theirs_near = {("p", unit_other[u]) for u in other.predecessors(y_id) if u in unit_other}
            theirs_near |= {("s", unit_other[v]) for v in other.successors(y_id) if v in unit_other}
            shared = near & theirs_near
            if label < options.uncertain and not shared:
                continue
            if label < options.uncertain and named(x) and named(y) and label == 0.0 and len(shared) < 2:
                continue  # nothing in common but one neighbour: no candidate
            if y_id in matched_other and float(score[i, j]) < confidence[y_id] - _RIVAL_MARGIN:
                continue  # matched elsewhere, and clearly better there: no reason to question it
            reasons = _reasons(lex, x.name, y.name, label, shared, matches, y_id in matched_other, lang)
            found.append(Candidate((y_id,), round(float(score[i, j]), 3), round(label, 3), reasons))
            if len(found) == MAX_CANDIDATES:
                break
        if found:
            out.append(Uncertain(side, x_id, tuple(found)))
    return out


def _reasons(
    lex: Lexicon,
    x: str,
    y: str,
    label: float,
    shared: set[tuple[str, int]],
    matches: list[Match],
    taken: bool,
    lang: tuple[str, str],
) -> tuple[str, ...]:
    reasons = []
    if x and y:
        common = sorted(set(lex.terms(x, lang[0])) & set(lex.terms(y, lang[1])))
        words = ", ".join(t.lstrip("=") for t in common)
        reasons.append(f"labels {label:.2f} alike" + (f" (share: {words})" if words else ""))
    else:
        reasons.append("a name is missing")
    if shared:
        before = sum(1 for k, _ in shared if k == "p")
        after = len(shared) - before
        parts = []
        if before:
            parts.append(f"{before} matched step(s) before")
        if after:
            parts.append(f"{after} after")
        reasons.append("same neighbours: " + " and ".join(parts))
    if taken:
        reasons.append("already matched to another step")
    return tuple(reasons)

