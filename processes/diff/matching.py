"""Pair the steps of two models by content, not by id.

Each candidate pair (x of A, y of B) gets a combined score in [0, 1]::

    score = 0.60 * label + 0.10 * type + 0.10 * role + 0.10 * position + 0.10 * neighbours

* **label**: ``text.label_similarity`` (Swedish-aware, synonyms, compounds). Two
  unnamed steps of the same kind (e.g. unnamed start events) count as label 1.
* **type**: 1 same kind and type; activities of different kinds/types 0.8; events:
  same position 0.7 (different trigger), otherwise 0.4; activity vs event 0.2.
* **role**: label similarity of the performers (lane names); 0.5 when either is unknown.
* **position**: 1 - |normalised distance from start of x - that of y|.
* **neighbours**: how well the predecessors and successors (gateways skipped) of x
  match those of y by label (mean of the best match per neighbour, both directions).

**One-to-one**: the pairing maximises the total score
(``scipy.optimize.linear_sum_assignment``) among pairs with label >= ``min_label``
and score >= ``threshold``; assigned pairs below those are dropped.

**One-to-many** (a step split in two, or two merged): a second pass looks, for each
activity x, at chains of two or three consecutive activities of the other model
(each the only successor of the previous) that are unmatched or matched to x; when the
chain's pooled labels (``text.group_similarity``) match x's label at least ``min_label`` and better than x's
current partner by 0.1, the chain becomes x's match.

**User decisions** (decisions.py): confirmed pairs are fixed first (confidence 1.0);
rejected pairs are never proposed.

The confidence of an automatic pair is its combined score.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from processes.diff.decisions import Decision
from processes.diff.text import Lexicon, group_similarity, label_similarity
from processes.diff.view import ModelView, Step

__all__ = ["Match", "MatchOptions", "match_steps", "pair_scores"]

_ACTIVITIES = ("task", "subProcess", "callActivity")


@dataclass(frozen=True, slots=True)
class MatchOptions:
    """Thresholds and weights of the matcher (see the module doc)."""

    threshold: float = 0.6
    min_label: float = 0.6
    w_label: float = 0.6
    w_type: float = 0.1
    w_role: float = 0.1
    w_position: float = 0.1
    w_neighbours: float = 0.1
    split_gain: float = 0.1

    def __post_init__(self) -> None:
        for name in ("threshold", "min_label"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} {value} is outside [0, 1]")


@dataclass(frozen=True, slots=True)
class Match:
    """Steps of A paired with steps of B (one each, or one with several).

    ``how``: ``auto`` (found), ``confirmed`` (user file), ``grouped`` (second pass:
    split/merge). ``label`` is the label similarity of the (concatenated) labels.
    """

    a: tuple[str, ...]
    b: tuple[str, ...]
    confidence: float
    label: float
    how: str = "auto"


def _type_score(x: Step, y: Step) -> float:
    if x.kind in _ACTIVITIES and y.kind in _ACTIVITIES:
        return 1.0 if (x.kind, x.detail) == (y.kind, y.detail) else 0.8
    if x.kind == "event" and y.kind == "event":
        if x.detail == y.detail:
            return 1.0
        return 0.7 if x.detail.split(":")[0] == y.detail.split(":")[0] else 0.4
    return 0.2


def _label(lex: Lexicon, x: Step, y: Step) -> float:
    if not x.name and not y.name:
        return 1.0 if x.detail == y.detail else 0.0
    if not x.name or not y.name:
        return 0.0
    return label_similarity(lex, x.name, y.name)


def _neighbour_score(labels: dict[tuple[str, str], float], xs: tuple[str, ...], ys: tuple[str, ...]) -> float:
    if not xs and not ys:
        return 1.0
    if not xs or not ys:
        return 0.0
    fwd = sum(max(labels[(x, y)] for y in ys) for x in xs) / len(xs)
    back = sum(max(labels[(x, y)] for x in xs) for y in ys) / len(ys)
    return (fwd + back) / 2


def pair_scores(a: ModelView, b: ModelView, lex: Lexicon,
                options: MatchOptions = MatchOptions()) -> tuple[np.ndarray, np.ndarray]:
    """(combined score matrix, label similarity matrix), rows A steps, columns B steps,
    in the order of ``a.steps`` / ``b.steps``."""
    xs, ys = list(a.steps.values()), list(b.steps.values())
    labels = {(x.id, y.id): _label(lex, x, y) for x in xs for y in ys}
    lab = np.array([[labels[(x.id, y.id)] for y in ys] for x in xs], dtype=float).reshape(len(xs), len(ys))
    score = np.zeros_like(lab)
    role_cache: dict[tuple[str, str], float] = {}
    a_pre = {x.id: a.predecessors(x.id) for x in xs}
    a_suc = {x.id: a.successors(x.id) for x in xs}
    b_pre = {y.id: b.predecessors(y.id) for y in ys}
    b_suc = {y.id: b.successors(y.id) for y in ys}
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            key = (x.performer, y.performer)
            if key not in role_cache:
                role_cache[key] = label_similarity(lex, *key) if all(key) else 0.5
            neigh = (_neighbour_score(labels, a_pre[x.id], b_pre[y.id])
                     + _neighbour_score(labels, a_suc[x.id], b_suc[y.id])) / 2
            score[i, j] = (options.w_label * lab[i, j] + options.w_type * _type_score(x, y)
                           + options.w_role * role_cache[key]
                           + options.w_position * (1.0 - abs(a.position[x.id] - b.position[y.id]))
                           + options.w_neighbours * neigh)
    total = options.w_label + options.w_type + options.w_role + options.w_position + options.w_neighbours
    return np.round(score / total, 6), lab


def match_steps(a: ModelView, b: ModelView, lex: Lexicon, *, options: MatchOptions = MatchOptions(),
                confirmed: tuple[Decision, ...] = (), rejected: tuple[Decision, ...] = ()) -> tuple[Match, ...]:
    """The matches between the steps of ``a`` and ``b`` (see the module doc), ordered
    by the first A step's position in ``a.steps``."""
    xs, ys = list(a.steps), list(b.steps)
    score, lab = pair_scores(a, b, lex, options)
    matches: list[Match] = []
    fixed_a: set[str] = set()
    fixed_b: set[str] = set()
    for d in confirmed:
        ids_a = tuple(i for i in d.a if i in a.steps)
        ids_b = tuple(i for i in d.b if i in b.steps)
        if not ids_a or not ids_b or fixed_a & set(ids_a) or fixed_b & set(ids_b):
            continue
        if len(ids_a) == 1 and len(ids_b) == 1:
            lab_ab = _label(lex, a.steps[ids_a[0]], b.steps[ids_b[0]])
        elif len(ids_a) == 1:
            lab_ab = group_similarity(lex, a.steps[ids_a[0]].name, [b.steps[i].name for i in ids_b])
        else:
            lab_ab = group_similarity(lex, b.steps[ids_b[0]].name, [a.steps[i].name for i in ids_a])
        matches.append(Match(ids_a, ids_b, 1.0, round(lab_ab, 3), "confirmed"))
        fixed_a.update(ids_a)
        fixed_b.update(ids_b)
    banned = {(x, y) for d in rejected for x in d.a for y in d.b}
    ok = (lab >= options.min_label) & (score >= options.threshold)
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            if x in fixed_a or y in fixed_b or (x, y) in banned:
                ok[i, j] = False
    cost = np.where(ok, -score, 1.0)
    rows, cols = linear_sum_assignment(cost) if cost.size else ((), ())
    for i, j in zip(rows, cols):
        if ok[i, j]:
            matches.append(Match((xs[i],), (ys[j],), round(float(score[i, j]), 3), round(float(lab[i, j]), 3)))
    matches = _group_pass(a, b, lex, matches, banned, options, swap=False)
    matches = _group_pass(b, a, lex, matches, banned, options, swap=True)
    order = {s: k for k, s in enumerate(xs)}
    return tuple(sorted(matches, key=lambda m: (min(order[s] for s in m.a), m.b)))


def _chains(view: ModelView, free: set[str]) -> list[tuple[str, ...]]:
    """Runs of 2-3 consecutive free activities (each the only successor of the previous)."""
    def only_next(s: str) -> str | None:
        succ = view.successors(s)
        if len(succ) == 1 and view.predecessors(succ[0]) == (s,) and succ[0] in free:
            return succ[0]
        return None

    chains = []
    for s in sorted(free):
        run = (s,)
        nxt = only_next(s)
        while nxt is not None and len(run) < 3 and nxt not in run:
            run = run + (nxt,)
            chains.append(run)
            nxt = only_next(nxt)
    return chains


def _group_pass(one: ModelView, many: ModelView, lex: Lexicon, matches: list[Match],
                banned: set[tuple[str, str]], options: MatchOptions, *, swap: bool) -> list[Match]:
    side_one = (lambda m: m.b) if swap else (lambda m: m.a)
    side_many = (lambda m: m.a) if swap else (lambda m: m.b)
    partner = {side_one(m)[0]: m for m in matches if len(side_one(m)) == 1 and len(side_many(m)) == 1}
    taken = {s for m in matches for s in side_many(m)}
    proposals = []
    for x_id, x in one.steps.items():
        if x.kind not in _ACTIVITIES or not x.name:
            continue
        current = partner.get(x_id)
        if current is not None and current.how == "confirmed":
            continue
        if current is None and any(x_id in side_one(m) for m in matches):
            continue
        own = set(side_many(current)) if current else set()
        free = {s for s, st in many.steps.items()
                if st.kind in _ACTIVITIES and st.name and (s not in taken or s in own)}
        base = current.label if current else 0.0
        for chain in _chains(many, free):
            if own and not own <= set(chain):
                continue
            if any(((c, x_id) if swap else (x_id, c)) in banned for c in chain):
                continue
            if any(label_similarity(lex, x.name, many.steps[c].name) == 0.0 for c in chain):
                continue
            joined = group_similarity(lex, x.name, [many.steps[c].name for c in chain])
            if joined >= options.min_label and joined >= base + options.split_gain:
                proposals.append((joined, x_id, chain, current))
    used: set[str] = set()
    for joined, x_id, chain, current in sorted(proposals, key=lambda p: (-p[0], p[1], p[2])):
        if used & set(chain) or x_id in used:
            continue
        if any(set(chain) & set(side_many(m)) for m in matches if m is not current):
            continue
        if current is not None:
            matches.remove(current)
        a_ids, b_ids = ((chain, (x_id,)) if swap else ((x_id,), chain))
        matches.append(Match(a_ids, b_ids, round(joined, 3), round(joined, 3), "grouped"))
        used.update(chain)
        used.add(x_id)
    return matches
