"""Matching very large models (thousands of steps): anchors first, every pair only among the rest.

Scoring every pair of two 20,000-step models would take 400 million cells per matrix. Above
``matching.DENSE_CELLS`` pairs the matcher therefore

1. pairs **anchors**: a step whose normalised name (and family: activity or event) occurs
   exactly once in each model is paired with its namesake (label similarity 1); then, in
   rounds, steps whose name *and* matched neighbours (the anchors before and after them)
   are unique on both sides — numbered duplicates and repeated names placed differently;
2. runs the full matcher (matching.py: every pair scored, assignment, context, groups,
   uncertain tier) on the steps left, when they are few enough (anchors give the context
   passes their neighbours);
3. otherwise pairs what is left by identical names in flow order and notes that the rest
   was not compared pair by pair.

Time and memory grow with the number of steps (hash joins and rounds over the steps), not
with their product, except in step 2 which is bounded by ``DENSE_CELLS``.
"""

from __future__ import annotations

from collections import defaultdict

from processes.diff import matching
from processes.diff.decisions import Decision
from processes.diff.matchtypes import Match, Matching, MatchOptions, family, match_units, named
from processes.diff.text import Lexicon, normalise
from processes.diff.view import ModelView
from processes.wording import counted

__all__ = ["match_large", "subview"]

_ROUNDS = 10


def subview(view: ModelView, keep: set[str]) -> ModelView:
    """``view`` with only the steps in ``keep``; neighbours (pred/succ) stay as they are, so
    matched steps outside still give context."""
    steps = {s: st for s, st in view.steps.items() if s in keep}
    return type(view)(
        view.name,
        type(view.steps)(steps),
        view.flow,
        view.step_edges,
        view.position,
        view.succ,
        view.pred,
    )


def _key(view: ModelView, step: str) -> tuple[str, str]:
    st = view.steps[step]
    return (normalise(named(st)), family(st))


def match_large(
    a: ModelView,
    b: ModelView,
    lex: Lexicon,
    options: MatchOptions,
    confirmed: tuple[Decision, ...],
    rejected: tuple[Decision, ...],
    lang_a: str | None,
    lang_b: str | None,
) -> Matching:
    """Anchors, then the full matcher on the rest (module doc)."""
    banned = {(x, y) for d in rejected for x in d.a for y in d.b}
    matches: list[Match] = []
    taken_a: set[str] = set()
    taken_b: set[str] = set()
    for d in confirmed:
        ids_a = tuple(i for i in d.a if i in a.steps)
        ids_b = tuple(i for i in d.b if i in b.steps)
        if ids_a and ids_b and not (taken_a & set(ids_a)) and not (taken_b & set(ids_b)):
            matches.append(Match(ids_a, ids_b, 1.0, 1.0, "confirmed"))
            taken_a.update(ids_a)
            taken_b.update(ids_b)
    unit_a: dict[str, int] = {}
    unit_b: dict[str, int] = {}

    def add(x: str, y: str) -> None:
        matches.append(Match((x,), (y,), 1.0, 1.0))
        taken_a.add(x)
        taken_b.add(y)

    def context(view: ModelView, step: str, unit: dict[str, int]) -> tuple[object, ...]:
        return (
            tuple(sorted(unit.get(u, -1) for u in view.predecessors(step))),
            tuple(sorted(unit.get(v, -1) for v in view.successors(step))),
        )

    for round_ in range(_ROUNDS):
        unit_a, unit_b = match_units(matches)
        by_a: dict[object, list[str]] = defaultdict(list)
        by_b: dict[object, list[str]] = defaultdict(list)
        for s in a.steps:
            if s not in taken_a and named(a.steps[s]):
                by_a[_key(a, s) if round_ == 0 else (_key(a, s), context(a, s, unit_a))].append(s)
        for s in b.steps:
            if s not in taken_b and named(b.steps[s]):
                by_b[_key(b, s) if round_ == 0 else (_key(b, s), context(b, s, unit_b))].append(s)
        found = 0
        for key, xs in by_a.items():
            ys = by_b.get(key, [])
            if len(xs) == 1 and len(ys) == 1 and (xs[0], ys[0]) not in banned:
                add(xs[0], ys[0])
                found += 1
        if not found and round_ > 0:
            break
    rest_a = {s for s in a.steps if s not in taken_a}
    rest_b = {s for s in b.steps if s not in taken_b}
    notes: tuple[str, ...] = ()
    if len(rest_a) * len(rest_b) > matching.DENSE_CELLS:
        # still too many: identical names in flow order; the rest is not compared pair by pair
        by_a_name: dict[tuple[str, str], list[str]] = defaultdict(list)
        by_b_name: dict[tuple[str, str], list[str]] = defaultdict(list)
        for s in sorted(rest_a, key=lambda s: (a.position[s], s)):
            by_a_name[_key(a, s)].append(s)
        for s in sorted(rest_b, key=lambda s: (b.position[s], s)):
            by_b_name[_key(b, s)].append(s)
        for key, xs in by_a_name.items():
            if not key[0]:
                continue
            for x, y in zip(xs, by_b_name.get(key, []), strict=False):
                if (x, y) not in banned:
                    add(x, y)
        left_a = len(rest_a - taken_a)
        left_b = len(rest_b - taken_b)
        notes = (
            f"the models are too large to compare every pair of steps ({len(a.steps)} x {len(b.steps)}): "
            f"steps were paired by identical names and matched neighbours; {counted(left_a, 'step')} of A and "
            f"{left_b} of B were not compared pair by pair (they are listed as only in their model)",
        )
        return Matching(tuple(matches), (), notes)
    return matching.match_dense(
        subview(a, rest_a), subview(b, rest_b), lex, options, (), rejected, lang_a, lang_b, matches, notes
    )
