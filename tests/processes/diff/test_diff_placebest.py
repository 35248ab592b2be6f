"""Two steps left over in a wider place, each the other's clear best there (processes/diff/placebest.py)."""

from __future__ import annotations

import numpy as np
from diffbuilders import linear

from processes.diff.matchtypes import Match, PassInput
from processes.diff.placebest import (
    PLACE_BEST,
    PLACE_BEST_LABEL,
    PLACE_BEST_MARGIN,
    PLACE_BEST_WIDTH,
    place_best_pass,
)
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import build_view

_A = ["Receive application", "We check your application is complete", "We ask the police", "Decide"]
_B = ["Receive application", "Check lodgement for completeness", "Refer to police", "Refer to council", "Decide"]


def _run(
    cells: dict[tuple[str, str], float],
    scores: dict[tuple[str, str], float] | None = None,
    b_labels: list[str] | None = None,
):
    """The pass over _A and ``b_labels`` (default _B) with the first and last steps matched; ``cells``:
    label of pairs of the steps between them, every other pair 0; the combined score is the label
    unless ``scores`` says otherwise."""
    labels_b = _B if b_labels is None else b_labels
    va, vb = build_view(linear(_A, prefix="A")), build_view(linear(labels_b, prefix="B"))
    ids_a, ids_b = list(va.steps), list(vb.steps)
    last = f"B{len(labels_b) - 1}"
    around = [Match((x,), (y,), 1.0, 1.0) for x, y in (("S", "S"), ("A0", "B0"), ("A3", last), ("E", "E"))]
    lab = np.zeros((len(ids_a), len(ids_b)))
    for (x, y), label in cells.items():
        lab[ids_a.index(x), ids_b.index(y)] = label
    score = lab.copy()
    for (x, y), value in (scores or {}).items():
        score[ids_a.index(x), ids_b.index(y)] = value
    names = [s.name for view in (va, vb) for s in view.steps.values()]
    lex = Lexicon.build(builtin_synonyms(), names, language="en")
    found, notes = place_best_pass(PassInput(va, vb, lex, ("en", "en"), lab, score), list(around))
    return [(m.a, m.b, m.confidence, m.how) for m in found[len(around):]], notes


def test_each_others_clear_best_in_a_wide_place_are_paired_with_a_note() -> None:
    # two left over in A, three in B between the same matched steps: placed.py does not apply
    added, notes = _run({("A1", "B1"): 0.62, ("A1", "B2"): 0.36, ("A2", "B2"): 0.3, ("A2", "B3"): 0.3})
    assert added == [(("A1",), ("B1",), 0.62, PLACE_BEST)]
    (note,) = notes
    assert "each other's clear best between \"Receive application\" and \"Decide\"" in note
    assert '"We check your application is complete" = "Check lodgement for completeness"' in note


def test_a_rival_within_the_margin_leaves_the_pair_unmade() -> None:
    close = 0.62 - PLACE_BEST_MARGIN / 2
    added, notes = _run({("A1", "B1"): 0.62, ("A1", "B2"): close})
    assert (added, notes) == ([], ())


def test_labels_below_the_bar_are_not_paired_however_far_ahead() -> None:
    added, _ = _run({("A1", "B1"): PLACE_BEST_LABEL - 0.05})
    assert added == []


def test_a_pair_whose_combined_score_points_elsewhere_is_not_made() -> None:
    # clear best by label, but by combined score (structure as well) A1's best is B2
    added, notes = _run({("A1", "B1"): 0.62, ("A1", "B2"): 0.36}, scores={("A1", "B2"): 0.7})
    assert (added, notes) == ([], ())


def test_a_place_wider_than_the_bound_is_not_read() -> None:
    def with_rivals(n: int) -> list[str]:  # the clear partner and n rivals left over in B
        return ["Receive application", "Check lodgement for completeness", *[f"Refer to body {k}" for k in range(n)], "Decide"]

    at_bound, _ = _run({("A1", "B1"): 0.62}, b_labels=with_rivals(PLACE_BEST_WIDTH - 1))
    assert at_bound == [(("A1",), ("B1",), 0.62, PLACE_BEST)]
    added, notes = _run({("A1", "B1"): 0.62}, b_labels=with_rivals(PLACE_BEST_WIDTH))
    assert (added, notes) == ([], ())
