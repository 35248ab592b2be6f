"""The block pass and the preparation pass make no join between steps that name different
parts of the knowledge test (testparts.py; bench/RESULTS-matching.md "Branch many33")."""

from __future__ import annotations

from diffbuilders import model

from processes.diff.core import lexicon_for, prepare
from processes.diff.groups import block_pass
from processes.diff.matching import pair_scores
from processes.diff.matchtypes import Match, PassInput
from processes.diff.testparts import Apart

_ANCHORS = [Match(("S",), ("S",), 1.0, 1.0), Match(("T1",), ("U1",), 1.0, 1.0), Match(("T3",), ("U9",), 1.0, 1.0),
            Match(("E",), ("E",), 1.0, 1.0)]


def _blocks(one: str, block: list[str]) -> tuple[list[Match], list[tuple[Apart, str]]]:
    a = model([("S", "start", "Ansökan inkommer"), ("T1", "userTask", "Registrera ansökan"), ("T2", "userTask", one),
               ("T3", "userTask", "Fatta beslut"), ("E", "end", "Klart")], chain="S T1 T2 T3 E")
    ids = [f"U{k}" for k in range(2, 2 + len(block))]
    b = model([("S", "start", "Ansökan inkommer"), ("U1", "userTask", "Registrera ansökan")]
              + [(u, "userTask", label) for u, label in zip(ids, block, strict=True)]
              + [("U9", "userTask", "Fatta beslut"), ("E", "end", "Klart")], chain=" ".join(["S", "U1", *ids, "U9", "E"]))
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    apart: list[tuple[Apart, str]] = []
    found = block_pass(PassInput(ca.view, cb.view, lex, ("sv", "sv"), lab, score), list(_ANCHORS), apart)
    return [m for m in found if m not in _ANCHORS], apart


def test_a_grading_is_not_made_one_block_with_the_booking_and_the_sitting() -> None:
    # "Rätta kunskapsprovet" (grade) against "Boka kunskapsprov" and "Kunskapsprovet genomförs"
    # (book, take): no block; the grading is kept for the uncertain tier with the block's best step
    blocks, apart = _blocks("Rätta kunskapsprovet", ["Boka kunskapsprov", "Kunskapsprovet genomförs"])
    assert blocks == []
    assert [(where, reason) for where, reason in apart] == [
        (("a", "T2", apart[0][0][2]), "best by label, but of another part of the knowledge test (grade / book+take)")
    ]
    assert apart[0][0][2] in ("U2", "U3")


def test_a_block_that_names_the_same_part_or_the_whole_test_is_still_made() -> None:
    # the weak cases: the block names grading too, or the one step names the whole test
    blocks, apart = _blocks("Rätta kunskapsprovet", ["Kunskapsprovet genomförs", "Kunskapsprovet rättas"])
    assert [(m.a, m.b) for m in blocks] == [(("T2",), ("U2", "U3"))] and apart == []
    blocks, apart = _blocks("Kunskapsprov", ["Boka kunskapsprov", "Kunskapsprovet genomförs"])
    assert [(m.a, m.b) for m in blocks] == [(("T2",), ("U2", "U3"))] and apart == []
