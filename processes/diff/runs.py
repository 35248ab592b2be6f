"""Two steps left over against two, in the same place: paired step for step.

Where a detailed and a coarse drawing agree on the steps around a stretch but name the
stretch's two steps in other words, every other pass leaves both pairs over: the labels are
too far apart for the one-to-one rules, and a place of two against two is not the single
step placed.py asks for. Deficiency loops are the common case: "Begär in saknade handlingar
med svarsdatum" then "Handlingarna har inkommit" against "Föreläggande om komplettering" then
"Sökanden har kompletterat" — a request and the answer's arrival, drawn between the same
completeness check on both sides.

After every other pass, ``run_pass`` takes each *place* (tiers.step_places: the correspondences
met first walking back and forward through steps left over) with both ends matched where each
model has exactly two named steps left over (start and end events aside) that form a run —
one the other's direct successor — and pairs them

* **in order** (first with first, second with second) or **crosswise**, whichever pairs
  steps of one family (task with task, event with event) in both cells; when both do, the
  one whose two labels are more alike in sum, ahead by at least ``RUN_MARGIN`` (otherwise the
  place is too unsure to split and the uncertain tier asks about it);
* only when one of the two cells' labels is related, at least ``leftovers.RELATED`` (0.2): a
  place of two steps with no shared meaning at all holds different work as often as the
  same work (bench/RESULTS-matching.md, "Branch place5"), and the structure alone is not
  enough.

Each pair is shown as such: ``how`` ``run``, its confidence the pair's combined score (below
the threshold: paired by its place), and a note ("… the two steps left over between the same
matched steps in each model, paired in order"). A rejected cell (``--matches``) stops the place.

**Two against three** (branch many5): where one model has a run of two left over in such a
place and the other a run of three, one of the two stands for two of the three — a coarse
model's "Utredning och beslut dokumenteras i ärendet" then "Beslutsmall genereras och beslutet
expedieras" against a detailed model's investigation, the committee's decision and the
dispatch (p52). The three are split in order, first one and then two or first two and then one
(the middle step goes with one neighbour or the other), and each way is scored by the sum of
the labels of every step of the three with the one it goes with. The way chosen must pair one
family in every cell, be in order, beat every other way — the other order-preserving split and
the two crosswise ones — by ``RUN_MARGIN``, and each of its two correspondences must hold a
related cell (at least ``RELATED``); otherwise nothing is paired and the uncertain tier asks. A
middle step whose label is unlike both leaves the two splits level: which side it belongs to
is a guess, so the place is left alone. The pair of one against two has confidence the lower
combined score of its cells and label the higher label.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from itertools import permutations

import numpy as np

from processes.diff.leftovers import RELATED
from processes.diff.matchtypes import Match, PassInput, family, ids_on, match_units, named, pair_confidence
from processes.diff.tiers import Place, step_places
from processes.diff.view import ModelView, Step, display_name

__all__ = ["RUN", "RUN_MARGIN", "run_pass", "first_name", "leftovers_by_place"]

#: the ``how`` of a pair found here
RUN = "run"
#: how much more alike (sum of the two cells' labels) one way of pairing must be than the other
RUN_MARGIN = 0.05


def _is_endpoint(step: Step) -> bool:
    return step.kind == "event" and step.detail.split(":")[0] in ("start", "end")


def leftovers_by_place(view: ModelView, units: dict[str, int]) -> dict[Place, list[str]]:
    """Places with both ends matched -> their named steps left over (start and end events aside)."""
    members: dict[Place, list[str]] = {}
    for s, key in step_places(view, units).items():
        step = view.steps[s]
        if key[0] and key[1] and named(step) and not _is_endpoint(step):
            members.setdefault(key, []).append(s)
    return members


def _pairs_of_two(members: dict[Place, list[str]], view: ModelView) -> dict[Place, tuple[str, str]]:
    """Places holding exactly two named steps left over that form a run:
    place -> the two, in the order of the run."""
    out: dict[Place, tuple[str, str]] = {}
    for key, two in members.items():
        if len(two) != 2:
            continue
        first, second = two
        if second in view.successors(first):
            out[key] = (first, second)
        elif first in view.successors(second):
            out[key] = (second, first)
    return out


def _runs_of_three(members: dict[Place, list[str]], view: ModelView) -> dict[Place, tuple[str, str, str]]:
    """Places holding exactly three named steps left over, each the direct successor of the
    one before: place -> the three, in the order of the run."""
    out: dict[Place, tuple[str, str, str]] = {}
    for key, three in members.items():
        if len(three) != 3:
            continue
        for first, second, third in permutations(three):
            if second in view.successors(first) and third in view.successors(second):
                out[key] = (first, second, third)
                break
    return out


def run_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with the runs of two paired step for step (module doc), and a note per pair."""
    a, b, lab, score, banned = given.a, given.b, given.lab, given.score, given.banned
    unit_a, unit_b = match_units(matches)
    members_b = leftovers_by_place(b, unit_b)
    runs_b = _pairs_of_two(members_b, b)
    threes_b = _runs_of_three(members_b, b)
    if not runs_b and not threes_b:
        return matches, ()
    members_a = leftovers_by_place(a, unit_a)
    runs_a = _pairs_of_two(members_a, a)
    threes_a = _runs_of_three(members_a, a)
    ia = {s: i for i, s in enumerate(a.steps)}
    ib = {s: j for j, s in enumerate(b.steps)}
    found: list[Match] = []
    notes: list[str] = []
    for key, (x1, x2) in sorted(runs_a.items(), key=lambda item: ia[item[1][0]]):
        if key not in runs_b:
            continue
        y1, y2 = runs_b[key]
        ways = {"in order": ((x1, y1), (x2, y2)), "crosswise": ((x1, y2), (x2, y1))}
        sums = {
            way: sum(float(lab[ia[x], ib[y]]) for x, y in cells)
            for way, cells in ways.items()
            if all(family(a.steps[x]) == family(b.steps[y]) and (x, y) not in banned for x, y in cells)
        }
        if not sums:
            continue
        way = max(sums, key=lambda w: (sums[w], w == "in order"))
        if len(sums) == 2 and sums[way] - min(sums.values()) < RUN_MARGIN:
            continue
        cells = ways[way]
        if max(float(lab[ia[x], ib[y]]) for x, y in cells) < RELATED:
            continue
        before, after = first_name(a, matches, key[0]), first_name(a, matches, key[1])
        for x, y in cells:
            i, j = ia[x], ib[y]
            m = Match((x,), (y,), round(float(score[i, j]), 3), round(float(lab[i, j]), 3), RUN)
            found.append(m)
            notes.append(
                f'"{display_name(a.steps[x])}" = "{display_name(b.steps[y])}": matched with lower confidence '
                f"({m.confidence:.2f}), the two steps left over between the same matched steps ({before} and "
                f"{after}) in each model, paired {way}, labels {m.label:.2f} alike"
            )
    places = [(key, two, threes_b[key], False) for key, two in runs_a.items() if key in threes_b]
    places += [(key, two, threes_a[key], True) for key, two in runs_b.items() if key in threes_a]
    for key, two, three, swapped in sorted(places, key=lambda p: ia[p[2][0] if p[3] else p[1][0]]):
        split = _two_against_three(a, b, lab, banned, ia, ib, two, three, swapped)
        if split is None:
            continue
        before, after = first_name(a, matches, key[0]), first_name(a, matches, key[1])
        for x, ys in split:
            grid = [(ia[y], ib[x]) if swapped else (ia[x], ib[y]) for y in ys]
            conf = min(pair_confidence(score, lab, i, j) for i, j in grid)
            label = max(float(lab[i, j]) for i, j in grid)
            sides = (ys, (x,)) if swapped else ((x,), ys)
            m = Match(sides[0], sides[1], round(conf, 3), round(label, 3), RUN)
            found.append(m)
            one = display_name((b if swapped else a).steps[x])
            many = " + ".join(f'"{display_name((a if swapped else b).steps[y])}"' for y in ys)
            left, right = (many, f'"{one}"') if swapped else (f'"{one}"', many)
            notes.append(
                f"{left} = {right}: matched with lower confidence ({m.confidence:.2f}), the steps left over "
                f"between the same matched steps ({before} and {after}), two in one model against three in "
                f"the other, split in order, best label {m.label:.2f}"
            )
    return matches + found, tuple(notes)


def _two_against_three(
    a: ModelView,
    b: ModelView,
    lab: np.ndarray,
    banned: AbstractSet[tuple[str, str]],
    ia: dict[str, int],
    ib: dict[str, int],
    two: tuple[str, str],
    three: tuple[str, str, str],
    swapped: bool,
) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """The in-order split of ``three`` over ``two`` (module doc), or None when unsure.

    ``two`` is of A and ``three`` of B, or the other way round when ``swapped``."""
    one_view, many_view = (b, a) if swapped else (a, b)

    def cell(x: str, y: str) -> tuple[float, bool]:
        i, j = (ia[y], ib[x]) if swapped else (ia[x], ib[y])
        pair = (y, x) if swapped else (x, y)
        return float(lab[i, j]), family(one_view.steps[x]) == family(many_view.steps[y]) and pair not in banned

    y1, y2, y3 = three
    x1, x2 = two
    ways = {
        ("in order", 1): ((x1, (y1,)), (x2, (y2, y3))),
        ("in order", 2): ((x1, (y1, y2)), (x2, (y3,))),
        ("crosswise", 1): ((x2, (y1,)), (x1, (y2, y3))),
        ("crosswise", 2): ((x2, (y1, y2)), (x1, (y3,))),
    }
    sums: dict[tuple[str, int], float] = {}
    for way, split in ways.items():
        read = [cell(x, y) for x, ys in split for y in ys]
        if all(ok for _label, ok in read):
            sums[way] = sum(label for label, _ok in read)
    if not sums:
        return None
    best = max(sums, key=lambda w: (sums[w], w[0] == "in order", -w[1]))
    if best[0] != "in order" or any(sums[best] - s < RUN_MARGIN for w, s in sums.items() if w != best):
        return None
    split = ways[best]
    if any(max(cell(x, y)[0] for y in ys) < RELATED for x, ys in split):
        return None
    return split


def first_name(view: ModelView, matches: list[Match], units: frozenset[int]) -> str:
    names = sorted(display_name(view.steps[s]) for k in units for s in ids_on(matches[k], "a") if s in view.steps)
    return f'"{names[0]}"' if names else "?"
