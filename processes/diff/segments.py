"""Runs of any lengths left over between the same anchors: an order-preserving segmentation.

runs.py pairs a run of two steps left over against a run of two (in order or crosswise) and a
run of two against a run of three (split in order), where every step of both runs is paired.
Other shapes (two against four, three against three, five against two, …) are left to this
pass, and here a step of the longer run may also stay alone: a detailed model's stretch often
holds steps the coarse one does not draw at all (p38, sv-r11: "Skicka utredningen till sökanden
för synpunkter" and its answer, against a coarse model that goes straight to the committee's
papers).

``segment_pass`` takes each *place* (tiers.step_places, both ends matched) where each model's
named steps left over (start and end events aside) form a run — each step the direct
successor of the one before — of two to ``SEGMENT_CAP`` (6) steps, in a shape other than two
against two and two against three. Those two keep runs.py's rules rather than becoming special
cases of this one: its crosswise pairing of two against two is not order-preserving, it pairs
a cell of no related label when the families force it (p30), and it pairs every step of both
runs or none, where this pass lets steps of the longer run stay alone (its test of a middle
step unlike both would pair the two ends here). The two runs are read as a sequence alignment:
walking both in order, each step of the shorter run is paired with one step of the other, or
with a block of two or three consecutive steps of the other, or a block of two or three of its
own steps with one (one-to-many, as the diff already represents); steps of the longer run in
no segment stay alone. Every step of the shorter run (of both, when they are as long) must be
paired: where that run's steps are the coarse model's account of the stretch, each must find
its place in the detailed one; pairing only some of both runs leaves steps of both sides
between the new pairs and the anchors without candidates (p49, sv-r14: one related event pair
out of two against four made two steps of the four "only in B", one of them wrongly). A segment
counts

* a pair of one step with one: the two labels' similarity;
* one step with a block: the block's labels read together (labelsim.group_similarity, as
  groups.py reads one step drawn as several), so a block wins over its best member only
  when the pooled words say more;

and only when it is related (at least ``leftovers.RELATED``, 0.2), every cell pairs one family
(task with task, event with event), shares a word (label above 0) and is not rejected
(``--matches``). The segmentation with the largest sum is taken only when it is ahead of every
other such segmentation by ``runs.RUN_MARGIN`` (0.05) — a step moved to the neighbouring
segment, a block instead of a pair, pairing another way — or, when it is the only one, worth
at least that; otherwise the place is too unsure and the uncertain tier asks about its steps.
``how`` ``run``, confidence the lowest of the segment's cells (matchtypes.pair_confidence), label the
segment's value, and a note ("… among the steps left over between the same matched steps
(…), 5 in one model against 2 in the other, aligned in order").
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache

import numpy as np

from processes.diff.labelsim import group_similarity
from processes.diff.leftovers import RELATED
from processes.diff.matchtypes import Match, PassInput, family, match_units, pair_confidence, what
from processes.diff.runs import RUN, RUN_MARGIN, first_name, leftovers_by_place
from processes.diff.text import Lexicon
from processes.diff.tiers import Place
from processes.diff.view import ModelView, display_name

__all__ = ["SEGMENT_CAP", "BLOCK_LONGEST", "Segment", "best_segmentation", "segment_pass"]

#: the longest run of steps left over (each side) that this pass aligns
SEGMENT_CAP = 6
#: the largest block one step may stand for
BLOCK_LONGEST = 3


@dataclass(frozen=True, slots=True)
class Segment:
    """Positions ``a`` of the first run paired with positions ``b`` of the second (one of them
    a single position), worth ``value``."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    value: float


def best_segmentation(
    m: int, n: int, worth: dict[tuple[tuple[int, ...], tuple[int, ...]], float], cover: str
) -> tuple[tuple[Segment, ...], float] | None:
    """The order-preserving segmentation of runs of ``m`` and ``n`` steps with the largest sum
    of its segments' values in which every step of run ``cover`` ("a" the first, "b" the
    second, "both") is paired, and its lead over the next best such segmentation (over leaving the
    place alone, 0, when there is no other); None when there is none.

    ``worth`` maps the allowed segments (positions of the first run, positions of the second)
    to their values; a step of the other run in no segment stays alone (worth 0).

    >>> w = {((0,), (0,)): 0.4, ((1,), (2,)): 0.3, ((1,), (1, 2)): 0.2}
    >>> segs, lead = best_segmentation(2, 3, w, "a")
    >>> [(s.a, s.b) for s in segs], round(lead, 2)
    ([((0,), (0,)), ((1,), (2,))], 0.1)
    >>> segs, lead = best_segmentation(2, 3, w, "b")
    >>> [(s.a, s.b) for s in segs], round(lead, 2)
    ([((0,), (0,)), ((1,), (1, 2))], 0.6)
    >>> best_segmentation(2, 3, {((0,), (0,)): 0.4}, "a") is None
    True
    >>> best_segmentation(2, 2, {((0,), (0,)): 0.4, ((1,), (1,)): 0.3, ((0,), (1,)): 0.5}, "both")[1]
    0.7
    """
    starts: dict[tuple[int, int], list[Segment]] = {}
    for (xs, ys), value in worth.items():
        starts.setdefault((xs[0], ys[0]), []).append(Segment(xs, ys, value))

    @cache
    def top(i: int, j: int) -> tuple[tuple[float, tuple[Segment, ...]], ...]:
        # the two best suffixes from step i of the first run and j of the second; each
        # segmentation is built one way only: step i is alone, or starts a segment whose first
        # step of the second run is some j2 >= j (the steps j .. j2 - 1 left alone)
        if i >= m:
            return ((0.0, ()),) if cover == "a" or j >= n else ()
        found = list(top(i + 1, j)) if cover == "b" else []
        for j2 in range(j, n if cover == "a" else min(j + 1, n)):
            for seg in starts.get((i, j2), ()):
                for rest_value, rest in top(seg.a[-1] + 1, seg.b[-1] + 1):
                    found.append((seg.value + rest_value, (seg, *rest)))
        found.sort(key=lambda item: (-item[0], [(s.a, s.b) for s in item[1]]))
        return tuple(found[:2])

    ranked = top(0, 0)
    if not ranked:
        return None
    best_value, best = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    return best, best_value - runner_up


def _chain(view: ModelView, members: list[str]) -> tuple[str, ...] | None:
    """``members`` in the order of a run (each the direct successor of the one before), or
    None when they do not form one."""
    inside = set(members)
    firsts = [s for s in members if not any(p in inside for p in view.predecessors(s))]
    if len(firsts) != 1:
        return None
    order = [firsts[0]]
    while len(order) < len(members):
        nxt = [s for s in view.successors(order[-1]) if s in inside and s not in order]
        if len(nxt) != 1:
            return None
        order.append(nxt[0])
    return tuple(order)


def _runs_by_place(view: ModelView, units: dict[str, int]) -> dict[Place, tuple[str, ...]]:
    out: dict[Place, tuple[str, ...]] = {}
    for key, members in leftovers_by_place(view, units).items():
        if 2 <= len(members) <= SEGMENT_CAP:
            run = _chain(view, members)
            if run is not None:
                out[key] = run
    return out


def _worth(
    a: ModelView,
    b: ModelView,
    lex: Lexicon,
    langs: tuple[str, str],
    lab: np.ndarray,
    banned: AbstractSet[tuple[str, str]],
    run_a: tuple[str, ...],
    run_b: tuple[str, ...],
    ia: dict[str, int],
    ib: dict[str, int],
) -> dict[tuple[tuple[int, ...], tuple[int, ...]], float]:
    """The allowed segments of ``run_a`` against ``run_b`` (module doc) and their values."""

    def cell_ok(p: int, q: int) -> bool:
        x, y = run_a[p], run_b[q]
        return family(a.steps[x]) == family(b.steps[y]) and (x, y) not in banned and lab[ia[x], ib[y]] > 0.0

    worth: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}
    for p in range(len(run_a)):
        for q in range(len(run_b)):
            if cell_ok(p, q) and lab[ia[run_a[p]], ib[run_b[q]]] >= RELATED:
                worth[(p,), (q,)] = float(lab[ia[run_a[p]], ib[run_b[q]]])
            for k in range(2, BLOCK_LONGEST + 1):
                if q + k <= len(run_b) and all(cell_ok(p, q + r) for r in range(k)):
                    parts = [what(lex, b.steps[y], langs[1]) for y in run_b[q : q + k]]
                    value = group_similarity(lex, what(lex, a.steps[run_a[p]], langs[0]), parts, langs[0])
                    if value >= RELATED:
                        worth[(p,), tuple(range(q, q + k))] = value
                if p + k <= len(run_a) and all(cell_ok(p + r, q) for r in range(k)):
                    parts = [what(lex, a.steps[x], langs[0]) for x in run_a[p : p + k]]
                    value = group_similarity(lex, what(lex, b.steps[run_b[q]], langs[1]), parts, langs[1])
                    if value >= RELATED:
                        worth[tuple(range(p, p + k)), (q,)] = value
    return worth


def segment_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with the runs left over in the same place aligned in order (module doc), and
    a note per pair."""
    a, b, lex, langs = given.a, given.b, given.lex, given.langs
    lab, score, banned = given.lab, given.score, given.banned
    unit_a, unit_b = match_units(matches)
    runs_b = _runs_by_place(b, unit_b)
    if not runs_b:
        return matches, ()
    runs_a = _runs_by_place(a, unit_a)
    ia = {s: i for i, s in enumerate(a.steps)}
    ib = {s: j for j, s in enumerate(b.steps)}
    found: list[Match] = []
    notes: list[str] = []
    for key, run_a in sorted(runs_a.items(), key=lambda item: ia[item[1][0]]):
        run_b = runs_b.get(key)
        if run_b is None or sorted((len(run_a), len(run_b))) in ([2, 2], [2, 3]):  # runs.py's shapes
            continue
        worth = _worth(a, b, lex, langs, lab, banned, run_a, run_b, ia, ib)
        shorter = "a" if len(run_a) < len(run_b) else "b" if len(run_b) < len(run_a) else "both"
        chosen = best_segmentation(len(run_a), len(run_b), worth, shorter)
        if chosen is None or not chosen[0] or chosen[1] < RUN_MARGIN:
            continue
        before, after = first_name(a, matches, key[0]), first_name(a, matches, key[1])
        for seg in chosen[0]:
            xs, ys = tuple(run_a[p] for p in seg.a), tuple(run_b[q] for q in seg.b)
            conf = min(pair_confidence(score, lab, ia[x], ib[y]) for x in xs for y in ys)
            m = Match(xs, ys, round(conf, 3), round(seg.value, 3), RUN)
            found.append(m)
            left = " + ".join(f'"{display_name(a.steps[x])}"' for x in xs)
            right = " + ".join(f'"{display_name(b.steps[y])}"' for y in ys)
            notes.append(
                f"{left} = {right}: matched with lower confidence ({m.confidence:.2f}), among the steps left "
                f"over between the same matched steps ({before} and {after}), {len(run_a)} in one model against "
                f"{len(run_b)} in the other, aligned in order, labels {m.label:.2f} alike"
            )
    return matches + found, tuple(notes)
