"""Two steps left over against two, in the same place: paired step for step.

Where a detailed and a coarse drawing agree on the steps around a stretch but name the
stretch's two steps in other words, every other pass leaves both pairs over: the labels are
too far apart for the one-to-one rules, and a place of two against two is not the single
step placed.py asks for. Deficiency loops are the common case: "Begär in saknade handlingar
med svarsdatum" then "Handlingarna har inkommit" against "Föreläggande om komplettering" then
"Sökanden har kompletterat" — a request and the answer's arrival, drawn between the same
completeness check on both sides.

After every other pass, ``run_pass`` takes each *place* (tiers._places: the correspondences
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
"""

from __future__ import annotations

import numpy as np

from processes.diff.leftovers import RELATED
from processes.diff.matchtypes import Match, family, ids_on, match_units, named
from processes.diff.tiers import Place, _places
from processes.diff.view import ModelView, Step, display_name

__all__ = ["RUN", "RUN_MARGIN", "run_pass"]

#: the ``how`` of a pair found here
RUN = "run"
#: how much more alike (sum of the two cells' labels) one way of pairing must be than the other
RUN_MARGIN = 0.05


def _is_endpoint(step: Step) -> bool:
    return step.kind == "event" and step.detail.split(":")[0] in ("start", "end")


def _pairs_of_two(view: ModelView, units: dict[str, int]) -> dict[Place, tuple[str, str]]:
    """Places (both ends matched) holding exactly two named steps left over that form a run:
    place -> the two, in the order of the run."""
    members: dict[Place, list[str]] = {}
    for s, key in _places(view, units).items():
        step = view.steps[s]
        if key[0] and key[1] and named(step) and not _is_endpoint(step):
            members.setdefault(key, []).append(s)
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


def run_pass(
    a: ModelView,
    b: ModelView,
    lab: np.ndarray,
    score: np.ndarray,
    matches: list[Match],
    banned: set[tuple[str, str]],
) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with the runs of two paired step for step (module doc), and a note per pair."""
    unit_a, unit_b = match_units(matches)
    runs_b = _pairs_of_two(b, unit_b)
    if not runs_b:
        return matches, ()
    runs_a = _pairs_of_two(a, unit_a)
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
        before, after = _first_name(a, matches, key[0]), _first_name(a, matches, key[1])
        for x, y in cells:
            i, j = ia[x], ib[y]
            m = Match((x,), (y,), round(float(score[i, j]), 3), round(float(lab[i, j]), 3), RUN)
            found.append(m)
            notes.append(
                f'"{display_name(a.steps[x])}" = "{display_name(b.steps[y])}": matched with lower confidence '
                f"({m.confidence:.2f}), the two steps left over between the same matched steps ({before} and "
                f"{after}) in each model, paired {way}, labels {m.label:.2f} alike"
            )
    return matches + found, tuple(notes)


def _first_name(view: ModelView, matches: list[Match], units: frozenset[int]) -> str:
    names = sorted(display_name(view.steps[s]) for k in units for s in ids_on(matches[k], "a") if s in view.steps)
    return f'"{names[0]}"' if names else "?"
