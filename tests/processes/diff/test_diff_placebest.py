"""Two steps left over in a wider place, each the other's clear best there (processes/diff/placebest.py)."""

from __future__ import annotations

import numpy as np
from diffbuilders import linear

from processes.diff.matchtypes import Match, PassInput
from processes.diff.placebest import PLACE_BEST, PLACE_BEST_LABEL, PLACE_BEST_MARGIN, place_best_pass
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import build_view

_A = ["Receive application", "We check your application is complete", "We ask the police", "Decide"]
_B = ["Receive application", "Check lodgement for completeness", "Refer to police", "Refer to council", "Decide"]


def _run(cells: dict[tuple[str, str], float]):
    """The pass over _A and _B with the first and last steps matched; ``cells``: label (score = label)
    of pairs of the steps between them, every other pair 0."""
    va, vb = build_view(linear(_A, prefix="A")), build_view(linear(_B, prefix="B"))
    ids_a, ids_b = list(va.steps), list(vb.steps)
    around = [Match((x,), (y,), 1.0, 1.0) for x, y in (("S", "S"), ("A0", "B0"), ("A3", "B4"), ("E", "E"))]
    lab = np.zeros((len(ids_a), len(ids_b)))
    for (x, y), label in cells.items():
        lab[ids_a.index(x), ids_b.index(y)] = label
    names = [s.name for view in (va, vb) for s in view.steps.values()]
    lex = Lexicon.build(builtin_synonyms(), names, language="en")
    found, notes = place_best_pass(PassInput(va, vb, lex, ("en", "en"), lab, lab.copy()), list(around))
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
