"""Work a drawer drew apart is not paired across (workapart.py; bench/RESULTS-matching.md "Branch many102":
p69, p88, p90 false pairs; p30, p63, p90 "the others"; p57, p58, p66 the decision arriving)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import ModelDiff, diff_models
from processes.diff.core import lexicon_for, prepare
from processes.diff.deciding import decision_arrives
from processes.diff.matching import pair_scores
from processes.diff.matchtypes import Match, PassInput
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import build_view
from processes.diff.workapart import (
    check,
    intake,
    names_the_others,
    notice,
    others_pass,
    review,
    work_apart_bans,
)
from processes.model import Definitions


def _partners(d: ModelDiff, step: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(m.a, m.b) for m in d.matches if step in m.a + m.b]


def _lex(*labels: str) -> Lexicon:
    return Lexicon.build(builtin_synonyms(), list(labels))


def test_the_readings() -> None:
    assert notice("Besked om fullständig ansökan") and notice(
        "Bekräfta till sökanden att ansökan är fullständig"
    )
    assert not notice("Begär komplettering av ansökan") and not notice("Kontrollera att ansökan är komplett")
    assert check("Fullständighetskontroll") and check("Kolla att allt är med i ansökan")
    assert not check("Meddela sökanden att ansökan är komplett")
    assert intake("Skapa ärende och diarieför") and intake("Ankomststämpla ansökan")
    assert review("Granska ansökan och begära komplettering vid behov")
    # a step doing both is neither: the drawer drew them together
    assert not intake("Diarieför och granska ansökan") and not review("Diarieför och granska ansökan")
    assert names_the_others("Remisser till övriga remissinstanser") and names_the_others(
        "Övriga remissvar inne"
    )
    assert not names_the_others("Andra provtillfället") and not names_the_others("Skicka remiss till polisen")
    assert decision_arrives("Vi fick beslutet och tillståndsbeviset med posten", "sv")
    assert not decision_arrives("Nämndbeslut om serveringstillstånd", "sv")
    assert not decision_arrives("Beslutet kommer på posten", "en")


def _office(notice_label: str = "Besked om fullständig ansökan", *, own_check: bool = True) -> Definitions:
    nodes = [("S", "start", "Ansökan inkommen")]
    if own_check:
        nodes.append(("K", "userTask", "Fullständighetskontroll"))
    nodes += [("N", "sendTask", notice_label), ("U", "userTask", "Utredning"), ("E", "end", "Klart")]
    return model(nodes, chain=" ".join(n[0] for n in nodes))


def _other(check_label: str = "Kolla att allt är med i ansökan") -> Definitions:
    nodes = [("S", "start", "Ansökan inkommen"), ("K", "userTask", check_label), ("U", "userTask", "Utredning"),
             ("E", "end", "Klart")]  # fmt: skip
    return model(nodes, chain="S K U E")


def test_a_notice_of_completeness_is_banned_with_the_other_check_when_its_model_checks_apart() -> None:
    a, b = build_view(_office()), build_view(_other())
    assert ("N", "K") in work_apart_bans(a, b, _lex(), ("sv", "sv"))
    assert ("K", "N") in work_apart_bans(b, a, _lex(), ("sv", "sv"))
    assert work_apart_bans(a, b, _lex(), ("en", "en")) == set()
    # p90's shape end to end: the notice is not joined to the check's correspondence
    d = diff_models(_office(), _other())
    assert (("K",), ("K",)) in _partners(d, "K")
    assert all("N" not in m_a for m_a, _ in _partners(d, "K"))


def test_weak_a_notice_whose_model_draws_no_check_is_not_banned() -> None:
    a, b = build_view(_office(own_check=False)), build_view(_other())
    assert ("N", "K") not in work_apart_bans(a, b, _lex(), ("sv", "sv"))


def _intake_and_review(first: str, second: str) -> Definitions:
    nodes = [("S", "start", "Ansökan inkommen"), ("I", "userTask", first), ("R", "userTask", second),
             ("E", "end", "Klart")]  # fmt: skip
    return model(nodes, chain="S I R E")


def test_intake_is_not_review_when_both_models_draw_both() -> None:
    # p88: "Gå igenom ansökan och bilagor" = "Skanna ansökan och bilagor" (mutual pass, label 0.74) on main
    a = build_view(_intake_and_review("Skapa ärende och diarieför", "Gå igenom ansökan och bilagor"))
    b = build_view(
        _intake_and_review("Skanna ansökan och bilagor", "Granska ansökan och begära komplettering")
    )
    bans = work_apart_bans(a, b, _lex(), ("sv", "sv"))
    assert ("R", "I") in bans and ("I", "R") in bans
    assert ("I", "I") not in bans and ("R", "R") not in bans


def test_weak_a_model_that_draws_intake_and_review_as_one_step_bans_nothing() -> None:
    a = build_view(_intake_and_review("Ta emot ansökan", "Diarieför och granska ansökan"))
    b = build_view(_intake_and_review("Skanna ansökan och bilagor", "Granska ansökan"))
    assert work_apart_bans(a, b, _lex(), ("sv", "sv")) == set()


def _remisses(second: str, answer: str) -> Definitions:
    nodes = [
        ("S", "start", "Ansökan inkommen"), ("P", "sendTask", "Remiss till Polismyndigheten"),
        ("Q", "sendTask", second), ("Y", "message", answer), ("D", "userTask", "Beslut i nämnden"),
        ("E", "end", "Klart"),
    ]  # fmt: skip
    return model(nodes, chain="S P Q Y D E")


def test_the_others_are_not_the_body_named_beside_and_are_paired_with_the_bodies_not_named() -> None:
    a = _remisses("Remisser till övriga remissinstanser", "Övriga remissvar inne")
    b = _remisses("Skicka remisser till Skatteverket, räddningstjänsten och miljö", "Svar från Skatteverket")
    bans = work_apart_bans(build_view(a), build_view(b), _lex(), ("sv", "sv"))
    assert ("Q", "P") in bans  # the remiss to the others is not the other model's remiss to the police
    d = diff_models(a, b)
    assert (("P",), ("P",)) in _partners(d, "P")
    assert (("Q",), ("Q",)) in _partners(d, "Q")
    # the pass itself, with only the police's remisses paired: the others' remiss and the remiss naming
    # the bodies not named beside it are paired; without the anchor nothing is
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    given = PassInput(ca.view, cb.view, lex, ("sv", "sv"), lab, score)
    anchor = Match(("P",), ("P",), 0.9, 0.9)
    assert [(m.a, m.b) for m in others_pass(given, [anchor])] == [(("P",), ("P",)), (("Q",), ("Q",))]
    assert others_pass(given, []) == []
    # read from B's side the same way: the others are in A, the pair is (A's, B's)
    assert [(m.a, m.b) for m in others_pass(given, [anchor])][1] == (("Q",), ("Q",))


def test_weak_the_others_answer_is_not_banned_by_the_sending_that_names_them() -> None:
    # p39, p62: the others' answers are named by the model's sending to the others, a step of another family
    a = build_view(_remisses("Remiss till Skatteverket och räddningstjänsten", "Övriga remissyttranden"))
    b = build_view(_remisses("Remiss till Skatteverket", "Yttrande från räddningstjänsten"))
    assert ("Y", "Y") not in work_apart_bans(a, b, _lex(), ("sv", "sv"))


def _office_sends(*notices: str) -> Definitions:
    nodes = [("S", "start", "Ansökan inkommen"), ("D", "userTask", "Nämndbeslut om serveringstillstånd"),
             ("X", "sendTask", "Expediering av beslut till sökanden")]  # fmt: skip
    nodes += [(f"N{k}", "sendTask", n) for k, n in enumerate(notices)]
    nodes.append(("E", "end", "Klart"))
    return model(nodes, chain=" ".join(n[0] for n in nodes))


def _guide_receives(arrival: str = "Beslutet kommer på posten") -> Definitions:
    nodes = [("S", "start", "Du vill servera alkohol"), ("A", "userTask", "Du skickar in ansökan"),
             ("K", "userTask", "Nämnden beslutar"), ("R", "userTask", arrival), ("E", "end", "Klart")]  # fmt: skip
    return model(nodes, chain="S A K R E")


def test_the_decision_arriving_pairs_with_the_decision_sent_to_the_applicant() -> None:
    # p57: on main the decision pass pairs "Nämndbeslut …" with "Beslutet kommer på posten"
    d = diff_models(_office_sends("Underrättelse om beslut till Polismyndigheten"), _guide_receives())
    assert _partners(d, "R") == [(("X",), ("R",))]
    assert _partners(d, "D") == [(("D",), ("K",))]


def test_weak_an_end_event_of_receiving_is_not_paired_by_the_arrival_pass() -> None:
    guide = model(
        [
            ("S", "start", "Du vill servera alkohol"),
            ("A", "userTask", "Du skickar in ansökan"),
            ("E", "end", "Du har fått beslut om avslag"),
        ],  # fmt: skip
        chain="S A E",
    )
    d = diff_models(_office_sends(), guide)
    assert all(m.how != "auto" or "E" not in m.b or "X" not in m.a for m in d.matches)
