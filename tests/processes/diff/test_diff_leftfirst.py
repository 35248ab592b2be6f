"""An uncertain step's candidate left over in its own place comes before a matched rival of like
score (processes/diff/leftfirst.py)."""

from __future__ import annotations

import numpy as np
from diffbuilders import linear

from processes.diff.leftfirst import LEFT_FIRST_MARGIN, left_over_first
from processes.diff.matchtypes import Candidate, Match, PassInput, Uncertain
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import build_view

_A = ["Receive application", "Check the application", "Ask the police", "Decide"]
_B = ["Receive application", "Check lodgement", "Look at the file", "Refer to police", "Decide", "Archive"]
# A1 is left over between A0 and A2; B1 and B2 between B0 and B3, the same place; B3 is matched to A2;
# B5 is left over elsewhere (between B4 and the end)
_MATCHES = [Match((x,), (y,), 1.0, 1.0) for x, y in (("S", "S"), ("A0", "B0"), ("A2", "B3"), ("A3", "B4"), ("E", "E"))]


def _reorder(*candidates: tuple[str, float]) -> list[str]:
    """A1's question with ``candidates`` (id, score) in the given order, after the rule: its ids."""
    va, vb = build_view(linear(_A, prefix="A")), build_view(linear(_B, prefix="B"))
    lab = np.zeros((len(va.steps), len(vb.steps)))
    names = [s.name for view in (va, vb) for s in view.steps.values()]
    lex = Lexicon.build(builtin_synonyms(), names, language="en")
    asked = Uncertain("a", "A1", tuple(Candidate((y,), score, score, ("why",)) for y, score in candidates))
    other = Uncertain("b", "B5", (Candidate(("A1",), 0.3, 0.3, ("why",)),))
    out = left_over_first(PassInput(va, vb, lex, ("en", "en"), lab, lab.copy()), _MATCHES, [asked, other])
    assert out[1] == other  # a question with one candidate is left as it was
    assert {c.reasons for c in out[0].candidates} == {("why",)}
    return [c.ids[0] for c in out[0].candidates]


def test_left_overs_in_the_place_move_before_a_matched_rival_and_keep_their_order() -> None:
    assert _reorder(("B3", 0.5), ("B1", 0.4), ("B2", 0.35)) == ["B1", "B2", "B3"]


def test_a_rival_clearly_better_keeps_its_place() -> None:
    assert _reorder(("B3", 0.4 + LEFT_FIRST_MARGIN), ("B1", 0.4)) == ["B3", "B1"]
    # within the margin of the first left-over but not of the second: only the first moves
    assert _reorder(("B3", 0.55), ("B1", 0.4), ("B2", 0.3)) == ["B1", "B3", "B2"]


def test_a_left_over_of_another_place_does_not_move() -> None:
    assert _reorder(("B3", 0.5), ("B5", 0.45)) == ["B3", "B5"]
