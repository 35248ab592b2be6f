"""The group pass does not pair a step naming one part of the knowledge test with a group
naming only other parts (testparts.group_apart_in_test; bench/RESULTS-matching.md "Branch many30")."""

from __future__ import annotations

from diffbuilders import linear, model

from processes.diff.core import lexicon_for, prepare
from processes.diff.groups import group_pass
from processes.diff.matching import pair_scores
from processes.diff.matchtypes import PassInput


def _block(labels: list[str]) -> object:
    """start -> Registrera ansökan -> parallel block (one step each) -> Fatta beslut -> end."""
    nodes = [("S", "start", ""), ("R", "userTask", "Registrera ansökan"), ("G1", "and", ""), ("G2", "and", "")]
    nodes += [(f"B{i}", "userTask", label) for i, label in enumerate(labels)]
    nodes += [("D", "userTask", "Fatta beslut"), ("E", "end", "")]
    flows = [("G1", f"B{i}") for i in range(len(labels))] + [(f"B{i}", "G2") for i in range(len(labels))]
    return model(nodes, flows + [("G2", "D"), ("D", "E")], chain="S R G1")


def _grouped(one: str, block: list[str]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The correspondences the group pass alone makes from nothing, T1 = ``one``."""
    ca, cb = prepare(linear(["Registrera ansökan", one, "Fatta beslut"]), "A"), prepare(_block(block), "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    return [(m.a, m.b) for m in group_pass(PassInput(ca.view, cb.view, lex, ("sv", "sv"), lab, score), [])]


def test_a_booking_is_not_grouped_with_the_sittings_of_the_test() -> None:
    # "Boka" names the booking; both siblings name taking the test, none the booking
    assert _grouped("Boka kunskapsprov i alkohollagen och tobakslagen",
                    ["Kunskapsprov i alkohollagen skrivs", "Kunskapsprov i tobakslagen skrivs"]) == []
    assert _grouped("Rätta kunskapsprov i alkohollagen och tobakslagen",
                    ["Boka kunskapsprov i alkohollagen", "Boka kunskapsprov i tobakslagen"]) == []


def test_the_same_part_or_the_whole_test_is_still_grouped() -> None:
    # the weak cases: the siblings name the booking too, or the one step names the whole test
    # (no part) -- the group pass pairs them as before
    assert _grouped("Boka kunskapsprov i alkohollagen och tobakslagen",
                    ["Kunskapsprov i alkohollagen bokas", "Kunskapsprov i tobakslagen bokas"]) == [(("T1",), ("B0", "B1"))]
    assert _grouped("Kunskapsprov i alkohollagen och tobakslagen",
                    ["Kunskapsprov i alkohollagen skrivs", "Kunskapsprov i tobakslagen skrivs"]) == [(("T1",), ("B0", "B1"))]
