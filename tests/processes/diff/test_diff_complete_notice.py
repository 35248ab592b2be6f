"""The decision sent is not the notice that the application is complete (completenotice.py;
bench/RESULTS-matching.md "Branch many81", sv-r21 p77 and sv-r8 p25)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.completenotice import completeness_bans, completeness_label
from processes.diff.view import build_view

_SENT = "Skicka ut beslutet"
_NOTICE = "Meddela sökanden att ansökan är komplett"


def _sends_only_the_decision(label: str = _SENT) -> object:
    nodes = [
        ("S", "start", "Ansökan kommer in"), ("K", "userTask", "Kolla att allt är med"),
        ("D", "userTask", "Kommunstyrelsen beslutar"), ("X", "sendTask", label), ("E", "end", "Klart"),
    ]  # fmt: skip
    return model(nodes, chain="S K D X E")


def _tells_the_applicant_it_is_complete(notice: str = _NOTICE) -> object:
    nodes = [
        ("S", "start", "Ansökan skickad"), ("K", "userTask", "Kontrollera att ansökan är fullständig"),
        ("N", "sendTask", notice), ("U", "userTask", "Utredning och förslag till beslut"),
        ("D", "userTask", "Beslut i arbetsutskottet"), ("E", "end", "Ärendet avslutat"),
    ]  # fmt: skip
    return model(nodes, chain="S K N U D E")


def _partners(d: object, step: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(m.a, m.b) for m in d.matches if step in m.a + m.b]


def _asked(d: object, side: str, step: str) -> list[tuple[str, ...]]:
    return [c.ids for u in d.uncertain if (u.side, u.step) == (side, step) for c in u.candidates]


def test_the_completeness_words() -> None:
    assert [
        completeness_label(n)
        for n in (_NOTICE, "Bekräftelse på fullständig ansökan", "Skicka brev om komplettering",
                  "Kompletthetskontroll", _SENT, "Expediering av beslut till sökanden", "Kopia till Länsstyrelsen")
    ] == [True, True, True, True, False, False, False]  # fmt: skip


def test_a_decision_sent_and_a_completeness_step_are_banned_both_ways() -> None:
    a, b = build_view(_sends_only_the_decision()), build_view(_tells_the_applicant_it_is_complete())
    # the check naming fullständig is an activity naming the completeness too
    assert completeness_bans(a, b, ("sv", "sv")) == {("X", "N"), ("X", "K")}
    assert completeness_bans(b, a, ("sv", "sv")) == {("N", "X"), ("K", "X")}
    # Swedish only
    assert completeness_bans(a, b, ("en", "en")) == set()


def test_the_decision_sent_is_not_paired_with_the_completeness_notice() -> None:
    # without the rule the leftover pass pairs them ("delge ut" contained in the notice: label 0.7)
    d = diff_models(_sends_only_the_decision(), _tells_the_applicant_it_is_complete())
    assert _partners(d, "X") == []
    assert _partners(d, "N") == []
    assert _asked(d, "a", "X") == []
    # read from the other side: the same
    d2 = diff_models(_tells_the_applicant_it_is_complete(), _sends_only_the_decision())
    assert _partners(d2, "X") == []


def test_a_decision_sent_with_its_receiver_and_a_confirmation_of_completeness() -> None:
    # p25's shape: "Expediering av beslut till sökanden" against "Bekräfta till sökanden att ansökan är
    # fullständig" (label 0.60, both in the message family once the decision document is dropped)
    d = diff_models(
        _sends_only_the_decision("Expediering av beslut till sökanden"),
        _tells_the_applicant_it_is_complete("Bekräfta till sökanden att ansökan är fullständig"),
    )
    assert _partners(d, "X") == []
    assert _asked(d, "a", "X") == []


def test_a_notice_of_the_decision_naming_no_completeness_still_pairs() -> None:
    # weak case, as before the rule: the other model's decision letter is the decision sent
    d = diff_models(
        _sends_only_the_decision(), _tells_the_applicant_it_is_complete("Skicka beslutet till sökanden")
    )
    assert _partners(d, "X") == [(("X",), ("N",))]
