"""Two steps left over in the same place whose labels mean the same: paired by label meaning.

The earlier passes read labels by their words (roots, synonyms, compounds, the domain lexicon);
two drawers who say the same thing in other words ("Skriv utredning" / "Prövning av
lämplighet", "Create case" / "Application recorded in licensing register") share none, and the
steps stay left over (bench/RESULTS-matching.md: on new drawings "what is missing there is word
meaning"). With ``MatchOptions.meaning`` (``--meaning``), after every other pass, the steps
still left over are read by meaning (meaning.py: multilingual-e5-small):

* a *place* is the pair of correspondences met first walking back from a step left over and
  walking forward, through steps left over only (tiers.py); two steps are in the same place when
  both sets are the same, and not both empty;
* within a place, the left-over steps of one kind are compared with the other model's of that
  kind: task with task (activities), event with event, start with start, end with end;
* a pair is made when each step is the other's best by meaning among them, ahead of the second
  best of either (the next step of the other model in that place and kind, for both of them) by
  at least ``MARGIN``; where a side has no second step there, the second best is the best by
  meaning among every other step of that kind in the other model, matched or not (nothing
  anywhere in it says the same as clearly). E5's cosines crowd into 0.75–1.0, so what counts is
  the margin, not the cosine.

A place with more than ``leftovers.WIDE_MAX`` steps left over on either side is a stretch the
models do not share, not a place: nothing there is embedded (speed: a 1,000-step model is never
embedded whole). Only the steps a place offers are embedded, and for a lone pair the other steps
of its kind, at most ``LONE_MAX`` of them (a larger model keeps its lone pairs to the other
passes).

The match is shown as such: ``how`` is ``meaning``, its confidence is the pair's combined score
(it is paired by meaning, not by its words), and a note says why ("labels mean the same (meaning
0.91, next 0.86)"). One round: a pair found here gives no place to another.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from processes.diff import meaning
from processes.diff.leftovers import WIDE_MAX, endpoint_position
from processes.diff.matchtypes import Match, PassInput, family, match_units, named
from processes.diff.tiers import Place, _places
from processes.diff.view import ModelView, Step, display_name

__all__ = ["LONE_MAX", "MARGIN", "MEANING", "kind_of", "meaning_pass"]

#: the ``how`` of a pair found here
MEANING = "meaning"
#: how far ahead by meaning of the second best a pair must be (fixed on p1–p39: 0.01–0.04 each
#: add a wrong pair there that takes a step's gold partner, 0.045–0.055 one right pair only)
MARGIN = 0.05
#: a lone pair of a place is compared with the other steps of its kind only up to this many
LONE_MAX = 200


def kind_of(step: Step) -> str:
    """``start``, ``end``, ``event`` or ``activity``: what a step may be paired with here."""
    return endpoint_position(step) or family(step)


def _groups(view: ModelView, places: dict[str, Place]) -> dict[tuple[Place, str], list[str]]:
    """The named steps left over, by (place, kind), in model order."""
    out: dict[tuple[Place, str], list[str]] = defaultdict(list)
    for s in view.steps:
        here = places.get(s)
        if here is None or not (here[0] or here[1]) or not named(view.steps[s]):
            continue
        out[(here, kind_of(view.steps[s]))].append(s)
    return out


def _of_kind(view: ModelView, kind: str) -> list[str]:
    return [s for s, step in view.steps.items() if named(step) and kind_of(step) == kind]


def _next_elsewhere(view: ModelView, kind: str, label: str, partner: str) -> float | None:
    """The best meaning of ``label`` among ``view``'s other named steps of ``kind`` (not
    ``partner``); ``None`` when there are more than ``LONE_MAX`` or none."""
    others = [s for s in _of_kind(view, kind) if s != partner]
    if not others or len(others) > LONE_MAX:
        return None
    return float(meaning.similarity([label], [named(view.steps[s]) for s in others]).max())


def meaning_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with the pairs by meaning added (module doc), and one note per pair."""
    if not given.options.meaning or not meaning.available():
        return matches, ()
    a, b = given.a, given.b
    unit_a, unit_b = match_units(matches)
    groups_b = _groups(b, _places(b, unit_b))
    if not groups_b:
        return matches, ()
    groups_a = _groups(a, _places(a, unit_a))
    ia = {s: i for i, s in enumerate(a.steps)}
    ib = {s: j for j, s in enumerate(b.steps)}
    found: list[Match] = []
    notes: list[str] = []
    for key in sorted(set(groups_a) & set(groups_b), key=lambda k: ia[groups_a[k][0]]):
        xs, ys = groups_a[key], groups_b[key]
        if len(xs) > WIDE_MAX or len(ys) > WIDE_MAX:
            continue
        names_a = [named(a.steps[x]) for x in xs]
        names_b = [named(b.steps[y]) for y in ys]
        sim = meaning.similarity(names_a, names_b)
        for r, x in enumerate(xs):
            c = int(np.argmax(sim[r]))
            if int(np.argmax(sim[:, c])) != r:
                continue
            y = ys[c]
            if (x, y) in given.banned:
                continue
            here = float(sim[r, c])
            rivals = [float(v) for k, v in enumerate(sim[r]) if k != c]
            rivals += [float(v) for k, v in enumerate(sim[:, c]) if k != r]
            if len(ys) == 1:
                seen = _next_elsewhere(b, key[1], names_a[r], y)
                if seen is None:
                    continue
                rivals.append(seen)
            if len(xs) == 1:
                seen = _next_elsewhere(a, key[1], names_b[c], x)
                if seen is None:
                    continue
                rivals.append(seen)
            second = max(rivals)
            if here - second < MARGIN:
                continue
            i, j = ia[x], ib[y]
            m = Match((x,), (y,), round(float(given.score[i, j]), 3), round(float(given.lab[i, j]), 3), MEANING)
            found.append(m)
            notes.append(
                f'"{display_name(a.steps[x])}" = "{display_name(b.steps[y])}": matched with lower confidence '
                f"({m.confidence:.2f}), labels mean the same (meaning {here:.2f}, next {second:.2f}), "
                f"left over between the same matched steps"
            )
    return matches + found, tuple(notes)
