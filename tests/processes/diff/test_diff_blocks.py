"""Block pass: one step standing for a few steps between the same matched steps."""

from __future__ import annotations

from diffbuilders import linear, model

from processes.diff import diff_models
from processes.diff.attach import attach_pass
from processes.diff.blocks import block_pass
from processes.diff.core import lexicon_for, prepare
from processes.diff.groups import BLOCK_MIN_LABEL
from processes.diff.matching import pair_scores
from processes.diff.matchtypes import Match, PassInput

_A = [("S", "start", "Ansökan inkommer"), ("T1", "userTask", "Registrera ansökan"),
      ("T2", "userTask", "Inhämta yttranden från remissinstanser"), ("T3", "userTask", "Fatta beslut"),
      ("E", "end", "Klart")]


def _b(middle: list[tuple[str, str]]) -> object:
    nodes = [("S", "start", "Ansökan inkommer"), ("U1", "userTask", "Registrera ansökan")]
    nodes += [(nid, "userTask", label) for nid, label in middle]
    nodes += [("U9", "userTask", "Fatta beslut"), ("E", "end", "Klart")]
    return model(nodes, chain=" ".join(["S", "U1", *(nid for nid, _ in middle), "U9", "E"]))


def _pass(b: object, matches: list[Match]) -> list[Match]:
    a = model(_A, chain="S T1 T2 T3 E")
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    return block_pass(PassInput(ca.view, cb.view, lex, ("sv", "sv"), lab, score), list(matches))


_ANCHORS = [Match(("S",), ("S",), 1.0, 1.0), Match(("T1",), ("U1",), 1.0, 1.0), Match(("T3",), ("U9",), 1.0, 1.0),
            Match(("E",), ("E",), 1.0, 1.0)]


def test_one_step_between_the_same_matched_steps_stands_for_the_block() -> None:
    b = _b([("U2", "Skicka remiss till Polisen"), ("U3", "Skicka remiss till Skatteverket")])
    found = _pass(b, _ANCHORS)
    blocks = [m for m in found if m not in _ANCHORS]
    assert [(m.a, m.b, m.how) for m in blocks] == [(("T2",), ("U2", "U3"), "grouped")]
    assert blocks[0].label >= BLOCK_MIN_LABEL
    # and the whole diff finds it: the steps are not reported as only in one model
    diff = diff_models(model(_A, chain="S T1 T2 T3 E"), b)
    assert any(m.a == ("T2",) and set(m.b) == {"U2", "U3"} for m in diff.matches)
    assert not [d for d in diff.differences if d.kind in ("only_in_a", "only_in_b")]


def test_no_block_without_a_shared_word() -> None:
    b = _b([("U2", "Boka lokal"), ("U3", "Betala avgift")])
    assert _pass(b, _ANCHORS) == _ANCHORS


def test_no_block_when_both_sides_have_several_steps_or_the_block_is_large() -> None:
    a = model(_A[:2] + [("T2", "userTask", "Skicka remiss"), ("T4", "userTask", "Skicka påminnelse")] + _A[3:],
              chain="S T1 T2 T4 T3 E")
    b = _b([("U2", "Skicka remiss till Polisen"), ("U3", "Skicka remiss till Skatteverket")])
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    assert block_pass(PassInput(ca.view, cb.view, lex, ("sv", "sv"), lab, score), list(_ANCHORS)) == _ANCHORS
    many = _b([(f"U{k}", f"Skicka remiss till instans {k}") for k in range(2, 7)])
    assert _pass(many, _ANCHORS) == _ANCHORS


def test_a_rejected_pair_keeps_the_block_apart() -> None:
    b = _b([("U2", "Skicka remiss till Polisen"), ("U3", "Skicka remiss till Skatteverket")])
    a = model(_A, chain="S T1 T2 T3 E")
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    assert block_pass(PassInput(ca.view, cb.view, lex, ("sv", "sv"), lab, score, {("T2", "U3")}), list(_ANCHORS)) == _ANCHORS


def test_the_same_models_give_the_same_blocks() -> None:
    b = _b([("U2", "Skicka remiss till Polisen"), ("U3", "Skicka remiss till Skatteverket")])
    assert _pass(b, _ANCHORS) == _pass(b, _ANCHORS)


def test_no_block_when_only_the_start_and_end_events_are_matched_around_it() -> None:
    # the whole process between its start and end is not a place in it
    b = _b([("U2", "Skicka remiss till Polisen"), ("U3", "Skicka remiss till Skatteverket")])
    ends = [_ANCHORS[0], _ANCHORS[3]]
    a = model([_A[0], _A[2], _A[4]], chain="S T2 E")
    b_short = model([("S", "start", "Ansökan inkommer"), ("U2", "userTask", "Skicka remiss till Polisen"),
                     ("U3", "userTask", "Skicka remiss till Skatteverket"), ("E", "end", "Klart")], chain="S U2 U3 E")
    ca, cb = prepare(a, "A"), prepare(b_short, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    assert block_pass(PassInput(ca.view, cb.view, lex, ("sv", "sv"), lab, score), list(ends)) == ends
    # with a matched task before them, the same steps form a block
    assert [m.b for m in _pass(b, _ANCHORS) if m not in _ANCHORS] == [("U2", "U3")]


def _parallel(labels: list[str]) -> object:
    """start -> Registrera ansökan -> parallel branches (one step each) -> Fatta beslut -> end."""
    nodes = [("S", "start", ""), ("R", "userTask", "Registrera ansökan"), ("P1", "and", ""), ("P2", "and", "")]
    nodes += [(f"B{i}", "userTask", label) for i, label in enumerate(labels)]
    nodes += [("D", "userTask", "Fatta beslut"), ("E", "end", "")]
    flows = [("P1", f"B{i}") for i in range(len(labels))] + [(f"B{i}", "P2") for i in range(len(labels))]
    return model(nodes, flows + [("P2", "D"), ("D", "E")], chain="S R P1")


def _attach(a: object, b: object, matches: list[Match]) -> list[Match]:
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    return attach_pass(PassInput(ca.view, cb.view, lex, ("sv", "sv"), lab, score), list(matches))


_AROUND = [Match(("S",), ("S",), 1.0, 1.0), Match(("R",), ("T0",), 1.0, 1.0), Match(("D",), ("T2",), 1.0, 1.0),
           Match(("E",), ("E",), 1.0, 1.0)]


def test_a_branch_the_one_step_names_in_full_joins_its_siblings_correspondence() -> None:
    # one remiss naming several bodies against a per-body remiss beside a check of the others
    a = _parallel(["Polisremiss", "Kontroll hos Skatteverket och Kronofogden"])
    b = linear(["Registrera ansökan", "Remisser till polisen, Skatteverket och Kronofogden", "Fatta beslut"])
    found = _attach(a, b, [*_AROUND, Match(("B1",), ("T1",), 0.7, 0.7)])
    assert [(m.a, m.b, m.how) for m in found if m not in _AROUND] == [(("B0", "B1"), ("T1",), "grouped")]
    # and the whole diff: nothing is only in one model
    diff = diff_models(a, b)
    assert any(set(m.a) == {"B0", "B1"} and m.b == ("T1",) for m in diff.matches)
    assert not [d for d in diff.differences if d.kind in ("only_in_a", "only_in_b")]


def test_a_branch_that_only_rewords_its_sibling_or_says_more_does_not_join() -> None:
    b = linear(["Registrera ansökan", "Remisser till polisen, Skatteverket och Kronofogden", "Fatta beslut"])
    # "Polisremiss om brandskydd" says more than the one step; "Polisens remiss" only what
    # its matched sibling is not about, with nothing of the sibling in common
    for other in ("Polisremiss om brandskydd", "Begär in polisens remiss"):
        a = _parallel([other, "Kontroll hos Skatteverket och Kronofogden"])
        found = _attach(a, b, [*_AROUND, Match(("B1",), ("T1",), 0.7, 0.7)])
        assert Match(("B1",), ("T1",), 0.7, 0.7) in found, other


def _alternatives(labels: list[str]) -> object:
    """start -> Registrera ansökan -> exclusive branches (one step each) -> Arkivera ärendet -> end."""
    nodes = [("S", "start", ""), ("R", "userTask", "Registrera ansökan"), ("X1", "xor", ""), ("X2", "xor", "")]
    nodes += [(f"B{i}", "userTask", label) for i, label in enumerate(labels)]
    nodes += [("D", "userTask", "Arkivera ärendet"), ("E", "end", "")]
    flows = [("X1", f"B{i}") for i in range(len(labels))] + [(f"B{i}", "X2") for i in range(len(labels))]
    return model(nodes, flows + [("X2", "D"), ("D", "E")], chain="S R X1")


def test_another_way_of_doing_the_same_work_joins_the_correspondence() -> None:
    # a decision drawn as two alternatives against one decision step
    a = _alternatives(["Socialnämnden fattar beslut", "Enhetschefen beslutar på delegation"])
    b = linear(["Registrera ansökan", "Beslut", "Arkivera ärendet"])
    found = _attach(a, b, [*_AROUND, Match(("B0",), ("T1",), 0.8, 0.8)])
    assert [(m.a, m.b, m.how) for m in found if m not in _AROUND] == [(("B0", "B1"), ("T1",), "grouped")]


def test_a_branch_whose_sibling_the_one_step_names_alone_does_not_join() -> None:
    # the police's answer against the police's branch: the Skatteverket branch stays apart
    a = _alternatives(["Yttrande från polisen", "Yttrande från Skatteverket"])
    b = linear(["Registrera ansökan", "Polisens yttrande inkommer", "Arkivera ärendet"])
    kept = Match(("B0",), ("T1",), 0.8, 0.8)
    assert kept in _attach(a, b, [*_AROUND, kept])
    # ... but an event for all answers takes both
    b = linear(["Registrera ansökan", "Samtliga yttranden har kommit in", "Arkivera ärendet"])
    found = _attach(a, b, [*_AROUND, kept])
    assert [(m.a, m.b) for m in found if m not in _AROUND] == [(("B0", "B1"), ("T1",))]


def test_a_step_of_the_block_that_shares_no_word_with_the_one_step_stays_out() -> None:
    # "Hämtning av företagsuppgifter" is other work beside the remiss the one step names
    b = _b([("U2", "Hämtning av företagsuppgifter från Bolagsverket"), ("U3", "Skicka remiss till Skatteverket")])
    blocks = [m for m in _pass(b, _ANCHORS) if m not in _ANCHORS]
    assert [(m.a, m.b) for m in blocks] == [(("T2",), ("U3",))]
