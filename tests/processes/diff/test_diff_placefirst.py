"""An uncertain step's clear best in its shared place comes first among its candidates
(processes/diff/placefirst.py)."""

from __future__ import annotations

import numpy as np
from diffbuilders import linear

from processes.diff.matchtypes import Candidate, Match, PassInput, Uncertain
from processes.diff.placefirst import PLACE_BEST_LABEL, PLACE_BEST_MARGIN, clear_best_first, clear_best_reason
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import build_view

_A = ["Receive application", "We check your application is complete", "We ask the police", "Decide"]
_B = ["Receive application", "Check lodgement for completeness", "Refer to police", "Refer to council", "Decide"]
_AROUND = [Match((x,), (y,), 1.0, 1.0) for x, y in (("S", "S"), ("A0", "B0"), ("A3", "B4"), ("E", "E"))]
_WHY = clear_best_reason('"Receive application"', '"Decide"')


def _first(cells: dict[tuple[str, str], float], questions: list[Uncertain]) -> tuple[Uncertain, ...]:
    """The rule over _A and _B with the first and last steps matched; ``cells``: label (score =
    label) of pairs of the steps between them, every other pair 0."""
    va, vb = build_view(linear(_A, prefix="A")), build_view(linear(_B, prefix="B"))
    ids_a, ids_b = list(va.steps), list(vb.steps)
    lab = np.zeros((len(ids_a), len(ids_b)))
    for (x, y), label in cells.items():
        lab[ids_a.index(x), ids_b.index(y)] = label
    names = [s.name for view in (va, vb) for s in view.steps.values()]
    lex = Lexicon.build(builtin_synonyms(), names, language="en")
    return clear_best_first(PassInput(va, vb, lex, ("en", "en"), lab, lab.copy()), _AROUND, questions)


def _ask(side: str, step: str, *others: str) -> Uncertain:
    return Uncertain(side, step, tuple(Candidate((o,), 0.4, 0.4, ("same place",)) for o in others))


def test_each_others_clear_best_moves_first_and_the_rest_keep_their_order() -> None:
    # two left over in A, three in B between the same matched steps; A1's question had B2 and B3 ahead of B1
    cells = {("A1", "B1"): 0.62, ("A1", "B2"): 0.36, ("A2", "B2"): 0.3, ("A2", "B3"): 0.3}
    asked = _first(cells, [_ask("a", "A1", "B2", "B3", "B1"), _ask("b", "B1", "A2")])
    assert [(u.side, u.step, [c.ids for c in u.candidates]) for u in asked] == [
        ("a", "A1", [("B1",), ("B2",), ("B3",)]),
        ("b", "B1", [("A1",), ("A2",)]),
    ]
    assert asked[0].candidates[0] == Candidate(("B1",), 0.4, 0.4, ("same place", _WHY))
    assert asked[1].candidates[0] == Candidate(("A1",), 0.62, 0.62, (_WHY,))


def test_a_step_without_a_question_is_given_none() -> None:
    cells = {("A1", "B1"): 0.62}
    asked = _first(cells, [_ask("a", "A2", "B3")])
    assert asked == (_ask("a", "A2", "B3"),)


def test_a_rival_within_the_margin_leaves_the_order_as_it_was() -> None:
    close = 0.62 - PLACE_BEST_MARGIN / 2
    questions = [_ask("a", "A1", "B2", "B1")]
    assert _first({("A1", "B1"): 0.62, ("A1", "B2"): close}, questions) == tuple(questions)


def test_labels_below_the_bar_leave_the_order_as_it_was() -> None:
    questions = [_ask("a", "A1", "B2", "B1")]
    assert _first({("A1", "B1"): PLACE_BEST_LABEL - 0.05}, questions) == tuple(questions)
