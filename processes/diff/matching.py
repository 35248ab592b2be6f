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

Start events (and end events) of the two models mark the same moment whatever they
are called: when their labels do not match, the pair is scored without the label
(type, role, position and neighbours, weighted as above), times 0.8, and needs no
minimum label similarity (a pair whose labels match scores higher, so labelled ends
pair first; among unlabelled ends, the lane and what leads to them decide).

**One-to-one**: the pairing maximises the total score
(``scipy.optimize.linear_sum_assignment``) among pairs with label >= ``min_label``
and score >= ``threshold``; assigned pairs below those are dropped.

**One-to-many** (a step split in two, or two merged): a second pass looks, for each
activity x, at chains of two or three consecutive activities of the other model
(each the only successor of the previous) that are unmatched or matched to x; when the
chain's pooled labels (``text.group_similarity``) match x's label at least ``min_label`` and better than x's
current partner by 0.1, the chain becomes x's match.

A name a tool writes by default ("End Event", "End Event_74", ``text.is_placeholder``)
counts as no name.

**Context pass** (steps left over): a tool may drop a label (an intermediate event
exported with ``name=""``), and two people may word one step too differently for the
label threshold ("Avgift inbetald" / "Betalning mottagen"). After the assignment, two
steps without a partner, of exactly the same kind and type, are paired when their
*context* agrees — the partners (by the matches found so far) of one's predecessors and
successors against those of the other, compared by Jaccard: at least 0.5 when either
has no name; exactly 1 (the same matched neighbours on every side) and label
similarity >= 0.3 when both are named. Confidence: 0.8 * (0.6 label + 0.1 type + 0.1
position + 0.1 context) / 0.9, without the label term (and its weight) when a name is
missing; so never above 0.8. Rounds repeat (at most 5) while pairs are
found, since a pair gives its neighbours context.

**User decisions** (decisions.py): confirmed pairs are fixed first (confidence 1.0);
rejected pairs are never proposed.

The confidence of an automatic pair is its combined score.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from processes.diff.decisions import Decision
from processes.diff.text import Lexicon, group_similarity, is_placeholder, label_similarity
from processes.diff.view import ModelView, Step

__all__ = ["Match", "MatchOptions", "DEFAULT_OPTIONS", "match_steps", "pair_scores"]

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


DEFAULT_OPTIONS = MatchOptions()


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


def _named(step: Step) -> str:
    """The step's name, or "" when it has none or only a tool's default ("End Event")."""
    return "" if is_placeholder(step.name) else step.name


def _label(lex: Lexicon, x: Step, y: Step) -> float:
    nx_, ny_ = _named(x), _named(y)
    if not nx_ and not ny_:
        return 1.0 if x.detail == y.detail else 0.0
    if not nx_ or not ny_:
        return 0.0
    return label_similarity(lex, nx_, ny_)


def _neighbour_matrix(lab: np.ndarray, a_adj: list[list[int]], b_adj: list[list[int]]) -> np.ndarray:
    """For every pair (x, y): how well x's neighbours (``a_adj[x]``) match y's by label —
    the mean over x's neighbours of their best label match among y's, averaged with the
    same from y's side; 1 when neither has neighbours, 0 when only one has."""
    n, m = lab.shape
    # best[u, y] = max over y's neighbours v of lab[u, v]; best_t[x, v] = max over x's neighbours u
    best = np.zeros((n, m))
    for y, vs in enumerate(b_adj):
        if vs:
            best[:, y] = lab[:, vs].max(axis=1)
    best_t = np.zeros((n, m))
    for x, us in enumerate(a_adj):
        if us:
            best_t[x, :] = lab[us, :].max(axis=0)
    mean_a = np.zeros((n, n))
    for x, us in enumerate(a_adj):
        if us:
            mean_a[x, us] = 1.0 / len(us)
    mean_b = np.zeros((m, m))
    for y, vs in enumerate(b_adj):
        if vs:
            mean_b[y, vs] = 1.0 / len(vs)
    score = (mean_a @ best + best_t @ mean_b.T) / 2
    has_a = np.array([bool(us) for us in a_adj], dtype=bool)[:, None]
    has_b = np.array([bool(vs) for vs in b_adj], dtype=bool)[None, :]
    return np.where(has_a & has_b, score, np.where(~has_a & ~has_b, 1.0, 0.0))


def _type_matrix(xs: list[Step], ys: list[Step]) -> np.ndarray:
    kinds = sorted({(s.kind, s.detail) for s in xs + ys})
    table = np.array(
        [[_type_score(Step("", "", k1, d1), Step("", "", k2, d2)) for k2, d2 in kinds] for k1, d1 in kinds]
    ).reshape(len(kinds), len(kinds))
    code = {k: i for i, k in enumerate(kinds)}
    ia = np.array([code[(s.kind, s.detail)] for s in xs], dtype=int)
    ib = np.array([code[(s.kind, s.detail)] for s in ys], dtype=int)
    return table[np.ix_(ia, ib)]


def pair_scores(
    a: ModelView, b: ModelView, lex: Lexicon, options: MatchOptions = DEFAULT_OPTIONS
) -> tuple[np.ndarray, np.ndarray]:
    """(combined score matrix, label similarity matrix), rows A steps, columns B steps,
    in the order of ``a.steps`` / ``b.steps``."""
    xs, ys = list(a.steps.values()), list(b.steps.values())
    lab = np.array([[_label(lex, x, y) for y in ys] for x in xs], dtype=float).reshape(len(xs), len(ys))
    performers_a = sorted({x.performer for x in xs})
    performers_b = sorted({y.performer for y in ys})
    roles = np.array(
        [[label_similarity(lex, pa, pb) if pa and pb else 0.5 for pb in performers_b] for pa in performers_a]
    ).reshape(len(performers_a), len(performers_b))
    ra = np.array([performers_a.index(x.performer) for x in xs], dtype=int)
    rb = np.array([performers_b.index(y.performer) for y in ys], dtype=int)
    pos_a = np.array([a.position[x.id] for x in xs])
    pos_b = np.array([b.position[y.id] for y in ys])
    ia = {x.id: i for i, x in enumerate(xs)}
    ib = {y.id: j for j, y in enumerate(ys)}
    neigh = (
        _neighbour_matrix(
            lab,
            [[ia[u] for u in a.predecessors(x.id)] for x in xs],
            [[ib[v] for v in b.predecessors(y.id)] for y in ys],
        )
        + _neighbour_matrix(
            lab,
            [[ia[u] for u in a.successors(x.id)] for x in xs],
            [[ib[v] for v in b.successors(y.id)] for y in ys],
        )
    ) / 2
    types = _type_matrix(xs, ys)
    place = 1.0 - np.abs(pos_a[:, None] - pos_b[None, :])
    total = options.w_label + options.w_type + options.w_role + options.w_position + options.w_neighbours
    score = (
        options.w_label * lab
        + options.w_type * types
        + options.w_role * roles[np.ix_(ra, rb)]
        + options.w_position * place
        + options.w_neighbours * neigh
    ) / total
    # a process's start events (and its end events) mark the same moment whatever they
    # are called: when their labels differ, everything but the label scores them, discounted
    weak = endpoint_pairs(xs, ys) & (lab < options.min_label)
    rest = options.w_type + options.w_role + options.w_position + options.w_neighbours
    by_place = (
        options.w_type * types
        + options.w_role * roles[np.ix_(ra, rb)]
        + options.w_position * place
        + options.w_neighbours * neigh
    ) / max(rest, 1e-12)
    score = np.where(weak, _ENDPOINT_DISCOUNT * by_place, score)
    return np.round(score, 6), lab


_ENDPOINT_DISCOUNT = 0.8


def endpoint_pairs(xs: list[Step], ys: list[Step]) -> np.ndarray:
    """Boolean matrix: both steps are start events, or both are end events."""
    pos_a = np.array([s.detail.split(":")[0] if s.kind == "event" else "" for s in xs], dtype=object)
    pos_b = np.array([s.detail.split(":")[0] if s.kind == "event" else "" for s in ys], dtype=object)
    same = pos_a[:, None] == pos_b[None, :]
    is_end = np.isin(pos_a, ["start", "end"])[:, None]
    return np.asarray(same & is_end, dtype=bool).reshape(len(xs), len(ys))


def match_steps(
    a: ModelView,
    b: ModelView,
    lex: Lexicon,
    *,
    options: MatchOptions = DEFAULT_OPTIONS,
    confirmed: tuple[Decision, ...] = (),
    rejected: tuple[Decision, ...] = (),
) -> tuple[Match, ...]:
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
    ends = endpoint_pairs(list(a.steps.values()), list(b.steps.values()))
    ok = ((lab >= options.min_label) | ends) & (score >= options.threshold)
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            if x in fixed_a or y in fixed_b or (x, y) in banned:
                ok[i, j] = False
    cost = np.where(ok, -score, 1.0)
    rows, cols = linear_sum_assignment(cost) if cost.size else ((), ())
    for i, j in zip(rows, cols, strict=True):
        if ok[i, j]:
            matches.append(
                Match((xs[i],), (ys[j],), round(float(score[i, j]), 3), round(float(lab[i, j]), 3))
            )
    matches = _context_pass(a, b, lex, matches, banned, options)
    matches = _group_pass(a, b, lex, matches, banned, options, swap=False)
    matches = _group_pass(b, a, lex, matches, banned, options, swap=True)
    order = {s: k for k, s in enumerate(xs)}
    return tuple(sorted(matches, key=lambda m: (min(order[s] for s in m.a), m.b)))


def _context(view: ModelView, step: str, unit: dict[str, int]) -> set[tuple[str, int]]:
    """The matched neighbours of ``step``: ("p", unit) per predecessor, ("s", unit) per successor."""
    return {("p", unit[u]) for u in view.predecessors(step) if u in unit} | {
        ("s", unit[v]) for v in view.successors(step) if v in unit
    }


_CONTEXT_MIN_LABEL = 0.3
_CONTEXT_ROUNDS = 5


def _context_pass(
    a: ModelView,
    b: ModelView,
    lex: Lexicon,
    matches: list[Match],
    banned: set[tuple[str, str]],
    options: MatchOptions,
) -> list[Match]:
    """Pair leftover steps by type and context (module doc), in rounds, so that a pair
    found gives context to its neighbours."""
    total = options.w_label + options.w_type + options.w_position + options.w_neighbours
    for _ in range(_CONTEXT_ROUNDS):
        unit_a = {s: k for k, m in enumerate(matches) for s in m.a}
        unit_b = {s: k for k, m in enumerate(matches) for s in m.b}
        free_b = [y for y in b.steps.values() if y.id not in unit_b]
        proposals = []
        for x in (x for x in a.steps.values() if x.id not in unit_a):
            cx = _context(a, x.id, unit_a)
            for y in free_b:
                if (x.kind, x.detail) != (y.kind, y.detail) or (x.id, y.id) in banned:
                    continue
                cy = _context(b, y.id, unit_b)
                if not cx & cy:
                    continue
                jaccard = len(cx & cy) / len(cx | cy)
                lab = _label(lex, x, y)
                if _named(x) and _named(y):
                    if jaccard < 1.0 or lab < _CONTEXT_MIN_LABEL:
                        continue
                elif jaccard < 0.5:
                    continue
                place = 1.0 - abs(a.position[x.id] - b.position[y.id])
                w_label = options.w_label if _named(x) and _named(y) else 0.0  # a missing name is no evidence
                score = (
                    w_label * lab
                    + options.w_type
                    + options.w_position * place
                    + options.w_neighbours * jaccard
                ) / (total - options.w_label + w_label)
                proposals.append((-score, x.id, y.id, lab))
        used: set[str] = set()
        added = 0
        for neg, x_id, y_id, lab in sorted(proposals):
            if x_id in used or y_id in used:
                continue
            used.update((x_id, y_id))
            matches.append(Match((x_id,), (y_id,), round(_ENDPOINT_DISCOUNT * -neg, 3), round(lab, 3)))
            added += 1
        if not added:
            break
    return matches


def _chains(view: ModelView, free: set[str]) -> list[tuple[str, ...]]:
    """Runs of 2-3 consecutive free activities (each the only successor of the previous)."""

    def only_next(s: str) -> str | None:
        succ = view.successors(s)
        if len(succ) == 1 and view.predecessors(succ[0]) == (s,) and succ[0] in free:
            return succ[0]
        return None

    chains: list[tuple[str, ...]] = []
    for s in sorted(free):
        run: tuple[str, ...] = (s,)
        nxt = only_next(s)
        while nxt is not None and len(run) < 3 and nxt not in run:
            run = run + (nxt,)
            chains.append(run)
            nxt = only_next(nxt)
    return chains


def _group_pass(
    one: ModelView,
    many: ModelView,
    lex: Lexicon,
    matches: list[Match],
    banned: set[tuple[str, str]],
    options: MatchOptions,
    *,
    swap: bool,
) -> list[Match]:
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
        free = {
            s
            for s, st in many.steps.items()
            if st.kind in _ACTIVITIES and st.name and (s not in taken or s in own)
        }
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
        a_ids, b_ids = (chain, (x_id,)) if swap else ((x_id,), chain)
        matches.append(Match(a_ids, b_ids, round(joined, 3), round(joined, 3), "grouped"))
        used.update(chain)
        used.add(x_id)
    return matches
