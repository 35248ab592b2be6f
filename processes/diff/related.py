"""English checking verbs as related words, counted only between two steps in the same place.

"check", "verify", "validate", "review", "examine", "assess" and "evaluate" (and their nouns:
"verification", "validation", "assessment", …) name the same kind of work in a process model —
looking at something to see whether it holds — but not always the same step: "Review referral
results" and "Check the fee" are both checks. As full synonyms (the Swedish list's ``granska``
group) they join checks across a whole model and pair the wrong ones (bench/RESULTS-matching.md,
"Branch many7": university admission F1 0.741 -> 0.667). So here they are *related*, and only
where the structure has already narrowed the question:

* a cell counts only when both steps are left over in the same *place* (tiers._places: the
  correspondences met first walking back and forward), both ends of it matched — two steps
  between the same matched anchors;
* both labels (English) use a checking word; the cell's label similarity is then raised
  ``RELATED_SHARE`` (half) of the way from what it is to what it would be were the checking words
  one word, and its combined score by the same amount times the label's weight.

The raised matrices go to the place passes only (placed.py, runs.py, segments.py), which pair
steps of one place: the relation can decide how a place's steps pair, never create a pair
across the model.
"""

from __future__ import annotations

import re

import numpy as np

from processes.diff import labelsim
from processes.diff.labelsim import label_matrix
from processes.diff.matchtypes import Match, MatchOptions, family, match_units, named, what
from processes.diff.text import Lexicon
from processes.diff.tiers import Place, _places
from processes.diff.view import ModelView

__all__ = ["CHECKING", "RELATED_SHARE", "is_checking", "place_related"]

#: the English checking verbs and their nouns ("Chk" is spelt out by abbreviations.py first)
CHECKING = re.compile(r"\b(?:check\w*|verif\w*|validat\w*|review\w*|examin\w*|assess\w*|evaluat\w*)\b")
#: how far a related cell moves from its own label similarity towards the synonym reading
RELATED_SHARE = 0.5
_COMMON = "check"


def is_checking(name: str) -> bool:
    """Whether an (English) label uses a checking word.

    >>> is_checking("Verification of application completeness"), is_checking("Pay the fee")
    (True, False)
    """
    return CHECKING.search(name.casefold()) is not None


def _as_check(name: str) -> str:
    return CHECKING.sub(_COMMON, name.casefold())


def place_related(
    a: ModelView,
    b: ModelView,
    lex: Lexicon,
    langs: tuple[str, str],
    lab: np.ndarray,
    score: np.ndarray,
    matches: list[Match],
    options: MatchOptions,
) -> tuple[np.ndarray, np.ndarray]:
    """(label, score) matrices with the cells of two checking steps left over in the same place
    raised (module doc); the inputs themselves when no cell is (and never changed in place)."""
    if langs != ("en", "en"):
        return lab, score
    unit_a, unit_b = match_units(matches)
    in_b: dict[Place, list[str]] = {}
    for y, key in _places(b, unit_b).items():
        if key[0] and key[1] and named(b.steps[y]) and is_checking(what(lex, b.steps[y], "en")):
            in_b.setdefault(key, []).append(y)
    if not in_b:
        return lab, score
    ia = {s: i for i, s in enumerate(a.steps)}
    ib = {s: j for j, s in enumerate(b.steps)}
    raised_lab, raised_score = lab, score
    o = options
    for x, key in _places(a, unit_a).items():
        if key not in in_b or not named(a.steps[x]):
            continue
        name_a = what(lex, a.steps[x], "en")
        if not is_checking(name_a):
            continue
        for y in in_b[key]:
            i, j = ia[x], ib[y]
            if family(a.steps[x]) != family(b.steps[y]):
                continue
            name_b = what(lex, b.steps[y], "en")
            joined = float(
                label_matrix(lex, [_as_check(name_a)], [_as_check(name_b)], lang_a="en", lang_b="en",
                             contain=labelsim.CONTAIN).ravel()[0]
            )
            here = float(lab[i, j])
            if joined <= here:
                continue
            if raised_lab is lab:
                raised_lab, raised_score = lab.copy(), score.copy()
            new = here + RELATED_SHARE * (joined - here)
            role = o.w_role if a.steps[x].performer and b.steps[y].performer else 0.0
            total = o.w_label + o.w_type + role + o.w_position + o.w_neighbours
            raised_lab[i, j] = new
            raised_score[i, j] = round(float(score[i, j]) + o.w_label * (new - here) / total, 6)
    return raised_lab, raised_score
