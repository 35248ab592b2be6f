"""A decision sent: the message word and the document differ, the receiver decides (dispatch.py)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.core import lexicon_for, prepare
from processes.diff.dispatch import as_dispatch
from processes.diff.matching import pair_scores


def test_a_sent_decision_reads_as_the_message_family() -> None:
    assert as_dispatch("Skicka kopia av beslutet till Länsstyrelsen", "sv") == "delge till Länsstyrelsen"
    assert as_dispatch("Beslutskopia till Polismyndigheten", "sv") == "delge till Polismyndigheten"
    assert as_dispatch("Beslutsmeddelande", "sv") == "delge"
    # a protocol extract is sent, and stays: it is also the committee's document
    assert as_dispatch("Expediera protokollsutdraget till Storsjö", "sv") == "delge protokollsutdraget till Storsjö"
    # no decision sent: a remiss, a proposal, the decision itself, another language
    for label in ("Skicka remiss till Polisen", "Skicka förslag till beslut till nämnden", "Nämnden beslutar"):
        assert as_dispatch(label, "sv") == label
    assert as_dispatch("Send copy of decision", "en") == "Send copy of decision"


def _with(label_a: str, label_b: str) -> object:
    a = model(
        [("S", "start", "Ansökan inkommer"), ("T1", "userTask", "Besluta om tillstånd"),
         ("T2", "sendTask", label_a), ("E", "end", "Klart")],
        chain="S T1 T2 E",
    )
    b = model(
        [("S", "start", "Ny ansökan"), ("U1", "userTask", "Nämndens beslut"),
         ("U2", "sendTask", label_b), ("E", "end", "Slut")],
        chain="S U1 U2 E",
    )
    return a, b


def test_a_copy_of_the_decision_to_a_body_is_the_notice_to_that_body() -> None:
    a, b = _with("Skicka kopia av beslutet till Länsstyrelsen", "Underrättelse till Länsstyrelsen")
    ca, cb = prepare(a, "A"), prepare(b, "B")
    _, lab = pair_scores(ca.view, cb.view, lexicon_for((ca, cb)), lang_a="sv", lang_b="sv")
    assert float(lab[2, 2]) >= 0.9  # 0.58 when "kopia" and "beslutet" were read word by word
    # and a dispatch no longer shares the decision's word with the decision
    assert float(lab[1, 2]) == 0.0 and float(lab[2, 1]) == 0.0
    d = diff_models(a, b)
    assert ("T2",) in [m.a for m in d.matches if m.b == ("U2",)]


def test_a_case_sent_on_is_the_hand_over() -> None:
    a = model(
        [("S", "start", "Ansökan inkommer"), ("T1", "userTask", "Kontaktcenter skickar ärendet vidare till handläggaren"),
         ("E", "end", "Klart")],
        chain="S T1 E",
    )
    b = model(
        [("S", "start", "Ny ansökan"), ("U1", "userTask", "Överlämning av ansökan till handläggaren"),
         ("E", "end", "Slut")],
        chain="S U1 E",
    )
    ca, cb = prepare(a, "A"), prepare(b, "B")
    _, lab = pair_scores(ca.view, cb.view, lexicon_for((ca, cb)), lang_a="sv", lang_b="sv")
    assert float(lab[1, 1]) >= 0.9  # "skickar … vidare" and "Överlämning" shared no term before
