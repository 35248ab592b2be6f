"""A sibling the one step does not name is left out of its group (unnamed.py; the group pass;
bench/RESULTS-matching.md "Branch many17")."""

from __future__ import annotations

from diffbuilders import linear, model

from processes.diff import diff_models
from processes.diff.core import lexicon_for, prepare
from processes.diff.unnamed import unnamed_siblings


def _block(labels: list[str]) -> object:
    """start -> Registrera ansökan -> parallel block (one step each) -> Fatta beslut -> end."""
    nodes = [("S", "start", ""), ("R", "userTask", "Registrera ansökan"), ("G1", "and", ""), ("G2", "and", "")]
    nodes += [(f"B{i}", "userTask", label) for i, label in enumerate(labels)]
    nodes += [("D", "userTask", "Fatta beslut"), ("E", "end", "")]
    flows = [("G1", f"B{i}") for i in range(len(labels))] + [(f"B{i}", "G2") for i in range(len(labels))]
    return model(nodes, flows + [("G2", "D"), ("D", "E")], chain="S R G1")


def _left_out(one: str, parts: list[str]) -> frozenset[int]:
    ca, cb = prepare(linear([one]), "A"), prepare(linear(parts), "B")
    return unnamed_siblings(lexicon_for((ca, cb)), one, parts, ("sv", "sv"))


def test_the_sibling_whose_own_words_the_step_does_not_say_is_left_out() -> None:
    one = "Skicka remisser till polisen, Skatteverket, Kronofogden och räddningstjänsten"
    parts = ["Remiss polisen", "Remiss räddningstjänsten", "Remiss miljö och livsmedel", "Kolla skulder hos Kronofogden"]
    assert _left_out(one, parts) == frozenset({2})


def test_no_sibling_is_left_out_unless_two_others_are_named() -> None:
    parts = ["Remiss polisen", "Remiss räddningstjänsten", "Remiss miljö och livsmedel"]
    assert _left_out("Skicka remiss till polisen", parts) == frozenset()  # one of them, not the block
    assert _left_out("Skicka remisserna", parts) == frozenset()  # their common part only
    assert _left_out("Skicka remisser till polisen, räddningstjänsten och miljö", parts) == frozenset()


def test_a_remiss_to_two_bodies_pairs_with_their_two_remisses_not_the_third() -> None:
    a = _block(["Remiss polisen", "Remiss räddningstjänsten", "Remiss miljö och livsmedel"])
    b = linear(["Registrera ansökan", "Skicka remisser till polisen och räddningstjänsten", "Fatta beslut"])
    d = diff_models(a, b)
    assert [(m.a, m.b, m.how) for m in d.matches if m.how == "grouped"] == [(("B0", "B1"), ("T1",), "grouped")]
    assert [(x.kind, x.a) for x in d.differences if x.kind.startswith("only")] == [("only_in_a", ("B2",))]


def test_a_remiss_to_one_body_stays_one_to_one() -> None:
    a = _block(["Remiss polisen", "Remiss räddningstjänsten", "Remiss miljö och livsmedel"])
    b = linear(["Registrera ansökan", "Skicka remiss till polisen", "Fatta beslut"])
    d = diff_models(a, b)
    assert (("B0",), ("T1",)) in [(m.a, m.b) for m in d.matches]
    assert not [m for m in d.matches if m.how == "grouped"]
