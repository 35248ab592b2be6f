"""Leftover runs of one length whose steps agree in kind, in order: a structural prior.

runs.py and segments.py pair the steps left over between the same matched steps when labels
say which goes with which. Where two models draw a stretch with the same number of steps, and
the steps are of the same kind position by position (task with task, a message event with a
message event, a timer with a timer; the same lane family where both have lanes), the shape
itself says something even when the words do not (bench/RESULTS-matching.md, "Branch many6",
what to try next: the long-run places whose gold labels are only 0–0.2 alike).

``same_shape_places`` finds each *place* (tiers._places, both ends matched) where each model's
named steps left over (start and end events aside) form a run — each the direct successor of
the one before — of the same length, two to ``leftovers.WIDE_MAX`` (20) steps, agreeing in kind
in order (``shape_kind``) and in lane family (``lanes_agree``: two lanes are of one family when a
match already made pairs a step of one with a step of the other).

* **uncertain** (``shape_candidates``): in such a place, two steps at the same position whose
  best labels in the other run are both under ``leftovers.RELATED`` (labels give nothing clear)
  are candidates of each other, reason ``SAME_SHAPE`` ("same place, same
  shape"); the uncertain tier (tiers.py) lists it, so the step is not claimed only in its model
  on the strength of labels that say nothing.
* **matched** (``shape_pass``): in such a place of at most ``segments.SEGMENT_CAP`` (6) steps a
  side, the runs are paired in order when the labels agree too: every in-order pair at least
  ``RELATED`` alike, and the in-order assignment's sum of labels ahead of every other assignment
  of the two runs (any permutation) by ``runs.RUN_MARGIN`` (0.05). ``how`` ``run``, confidence
  the pair's combined score, and a note.
"""

from __future__ import annotations

from itertools import permutations

import numpy as np

from processes.diff.leftovers import RELATED, WIDE_MAX
from processes.diff.matchtypes import Match, family, match_units
from processes.diff.runs import RUN, RUN_MARGIN, _first_name, _leftovers_by_place
from processes.diff.segments import SEGMENT_CAP, _chain
from processes.diff.tiers import SAME_SHAPE, Place
from processes.diff.view import ModelView, Step, display_name

__all__ = [
    "SAME_SHAPE",
    "shape_kind",
    "lanes_agree",
    "same_shape_places",
    "shape_candidates",
    "shape_pass",
]

def shape_kind(step: Step) -> tuple[str, str]:
    """What a step is, for comparing shapes: ("task", "") for an activity, ("event", detail)
    for an event (position and trigger), ("event", "waiting") for a task that waits."""
    if step.kind == "event":
        return ("event", step.detail)
    return ("task", "") if family(step) == "activity" else ("event", "waiting")


def _lane_pairs(a: ModelView, b: ModelView, matches: list[Match]) -> set[tuple[str, str]]:
    """(lane of A, lane of B) for every pair of steps held by one match, both in a lane."""
    out: set[tuple[str, str]] = set()
    for m in matches:
        for x in m.a:
            for y in m.b:
                if x in a.steps and y in b.steps and a.steps[x].performer and b.steps[y].performer:
                    out.add((a.steps[x].performer, b.steps[y].performer))
    return out


def lanes_agree(x: Step, y: Step, lane_pairs: set[tuple[str, str]]) -> bool:
    """True when either step has no lane, or a match already pairs a step of x's lane with
    one of y's (the two lanes are of one family)."""
    return not x.performer or not y.performer or (x.performer, y.performer) in lane_pairs


def same_shape_places(
    a: ModelView, b: ModelView, matches: list[Match]
) -> list[tuple[Place, tuple[str, ...], tuple[str, ...]]]:
    """The places with runs of one length and shape (module doc): (place, A's run, B's run),
    in the order of A's steps."""
    unit_a, unit_b = match_units(matches)
    members_b = _leftovers_by_place(b, unit_b)
    if not members_b:
        return []
    members_a = _leftovers_by_place(a, unit_a)
    order = {s: i for i, s in enumerate(a.steps)}
    lane_pairs: set[tuple[str, str]] | None = None
    out = []
    for key, xs in members_a.items():
        ys = members_b.get(key)
        if ys is None or len(xs) != len(ys) or not 2 <= len(xs) <= WIDE_MAX:
            continue
        run_a, run_b = _chain(a, xs), _chain(b, ys)
        if run_a is None or run_b is None:
            continue
        if any(shape_kind(a.steps[x]) != shape_kind(b.steps[y]) for x, y in zip(run_a, run_b, strict=True)):
            continue
        if lane_pairs is None:
            lane_pairs = _lane_pairs(a, b, matches)
        if all(lanes_agree(a.steps[x], b.steps[y], lane_pairs) for x, y in zip(run_a, run_b, strict=True)):
            out.append((key, run_a, run_b))
    return sorted(out, key=lambda p: order[p[1][0]])


def shape_candidates(a: ModelView, b: ModelView, lab: np.ndarray, matches: list[Match]) -> frozenset[tuple[str, str]]:
    """(step of A, step of B) pairs at the same position of runs of one shape (module doc)
    where neither has a label at least ``RELATED`` alike in the other run."""
    ia = {s: i for i, s in enumerate(a.steps)}
    ib = {s: j for j, s in enumerate(b.steps)}
    out: set[tuple[str, str]] = set()
    for _key, run_a, run_b in same_shape_places(a, b, matches):
        grid = lab[np.ix_([ia[x] for x in run_a], [ib[y] for y in run_b])]
        for p, (x, y) in enumerate(zip(run_a, run_b, strict=True)):
            if grid[p, :].max() < RELATED and grid[:, p].max() < RELATED:
                out.add((x, y))
    return frozenset(out)


def shape_pass(
    a: ModelView,
    b: ModelView,
    lab: np.ndarray,
    score: np.ndarray,
    matches: list[Match],
    banned: set[tuple[str, str]],
) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with runs of one shape paired in order where their labels agree (module
    doc), and a note per pair."""
    ia = {s: i for i, s in enumerate(a.steps)}
    ib = {s: j for j, s in enumerate(b.steps)}
    found: list[Match] = []
    notes: list[str] = []
    for key, run_a, run_b in same_shape_places(a, b, matches):
        n = len(run_a)
        if n > SEGMENT_CAP or any((x, y) in banned for x, y in zip(run_a, run_b, strict=True)):
            continue
        grid = lab[np.ix_([ia[x] for x in run_a], [ib[y] for y in run_b])]
        if any(grid[p, p] < RELATED for p in range(n)):
            continue
        in_order = float(np.trace(grid))
        rest = max(sum(float(grid[p, q]) for p, q in enumerate(way)) for way in permutations(range(n)) if way != tuple(range(n)))
        if in_order - rest < RUN_MARGIN:
            continue
        before, after = _first_name(a, matches, key[0]), _first_name(a, matches, key[1])
        for x, y in zip(run_a, run_b, strict=True):
            i, j = ia[x], ib[y]
            m = Match((x,), (y,), round(float(score[i, j]), 3), round(float(lab[i, j]), 3), RUN)
            found.append(m)
            notes.append(
                f'"{display_name(a.steps[x])}" = "{display_name(b.steps[y])}": matched with lower confidence '
                f"({m.confidence:.2f}), the {n} steps left over between the same matched steps ({before} and "
                f"{after}) in each model, of the same kinds in the same order, paired in order, labels "
                f"{m.label:.2f} alike"
            )
    return matches + found, tuple(notes)
