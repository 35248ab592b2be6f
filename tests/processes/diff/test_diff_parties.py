"""Work addressed to different parties is not the same work (parties.py; bench/RESULTS-matching.md
"Branch many110"): the QA journey's reminder to the police against Helsingborg's reminder to the applicant."""

from __future__ import annotations

from pathlib import Path

import pytest

from bpmn_io.loading import load_model
from processes.diff import diff_models, parse_decisions
from processes.diff.parties import addressees, party_bans
from processes.diff.tiers import PARTIES_REASON
from processes.diff.view import build_view
from processes.model import Definitions

MODELS = Path(__file__).parent / "parties"


def _own() -> Definitions:
    return load_model(MODELS / "own.yaml")


def _helsingborg() -> Definitions:
    return load_model(MODELS / "helsingborg.yaml")


@pytest.mark.parametrize(
    ("label", "lang", "parties"),
    [
        ("Påminn Polisen", "sv", {"police"}),
        ("Påminnelse till sökanden", "sv", {"applicant"}),
        ("Skicka remiss till Polismyndigheten", "sv", {"police"}),
        ("Begär yttrande från räddningstjänsten", "sv", {"fire service"}),
        ("Begär komplettering från sökanden", "sv", {"applicant"}),
        ("Informera Polisen", "sv", {"police"}),
        ("Remiss till Länsstyrelsen", "sv", {"county board"}),
        ("Kopia till skatteverket", "sv", {"tax agency"}),
        ("Remiss till Miljö- och hälsoskyddsnämnden", "sv", {"environment office"}),
        ("Ärendet till socialnämnden", "sv", {"committee"}),
        ("Polisremiss skickas", "sv", {"police"}),  # a compound's modifier is no subject
        ("Polisens yttrande inkommer", "sv", {"police"}),  # a body's genitive: whose answer
        ("Sökanden informeras om beslutet", "sv", {"applicant"}),  # a passive: the one addressed
        ("Sökanden får beslutet", "sv", {"applicant"}),  # receiving
        ("Hörande av sökanden", "sv", {"applicant"}),  # "av" after a noun: the one heard
        ("Remind the police", "en", {"police"}),
        ("Remind the applicant", "en", {"applicant"}),
        ("The applicant is notified", "en", {"applicant"}),
    ],
)
def test_the_addressees_a_label_names(label: str, lang: str, parties: set[str]) -> None:
    assert addressees(label, lang) == frozenset(parties)


@pytest.mark.parametrize(
    ("label", "lang"),
    [
        ("Sökanden kompletterar ansökan", "sv"),  # the subject acts
        ("Skatteverket och Kronofogden svarar", "sv"),  # a coordinated subject
        ("Nämnden beslutar", "sv"),
        ("Beslut fattas av nämnden", "sv"),  # the agent of a passive
        ("Granska sökandens ekonomi", "sv"),  # the applicant's: what is examined
        ("Registrera ansökan", "sv"),
        ("Applicant submits the form", "en"),
        ("Decision made by the committee", "en"),
    ],
)
def test_the_one_who_acts_is_not_addressed(label: str, lang: str) -> None:
    assert addressees(label, lang) == frozenset()


@pytest.mark.parametrize(
    "label",
    [
        "Skicka remiss till remissinstanserna",
        "Remiss till Polisen och övriga myndigheter",
        "Skicka remisser till alla",
        "Remiss till polisen m.fl.",
        "Expediera beslutet och underrätta Polismyndigheten, Länsstyrelsen och Folkhälsomyndigheten",
    ],
)
def test_a_general_referral_word_or_a_long_list_is_open(label: str) -> None:
    assert addressees(label, "sv") is None


def test_the_reminders_are_banned_both_ways_and_shared_parties_are_not() -> None:
    a, b = build_view(_own()), build_view(_helsingborg())
    bans = party_bans(a, b, ("sv", "sv"))
    assert ("o_remind", "h_remind") in bans
    assert ("o_remind", "h_ask") in bans  # the police against the applicant
    # both name the police: the remisses, the answers
    assert ("o_remiss", "h_remiss") not in bans
    assert ("o_answer", "h_answer") not in bans
    assert ("o_remind", "h_remiss") not in bans
    # steps naming no party are never banned
    assert not {p for p in bans if "o_reg" in p or "h_decide" in p}
    assert {(y, x) for x, y in party_bans(b, a, ("sv", "sv"))} == bans


def test_the_reminder_to_the_police_is_not_paired_with_the_reminder_to_the_applicant() -> None:
    d = diff_models(_own(), _helsingborg())
    pairs = {(m.a, m.b) for m in d.matches}
    assert (("o_remind",), ("h_remind",)) not in pairs
    assert not [m for m in d.matches if "o_remind" in m.a or "h_remind" in m.b]
    # the work both models do for the police still pairs
    assert (("o_remiss",), ("h_remiss",)) in pairs
    assert (("o_answer",), ("h_answer",)) in pairs
    # no control-flow difference made of the two reminders
    assert not [x for x in d.differences if x.kind == "order" and ("o_remind" in x.a or "h_remind" in x.b)]
    # still asked, with the reason: the person reading the diff may confirm them
    asked = {(u.side, u.step): u.candidates for u in d.uncertain}
    (candidate,) = asked[("a", "o_remind")]
    assert candidate.ids == ("h_remind",)
    assert PARTIES_REASON in candidate.reasons
    assert PARTIES_REASON == "addressed to different parties"
    (back,) = asked[("b", "h_remind")]
    assert back.ids == ("o_remind",) and PARTIES_REASON in back.reasons


def test_a_confirmed_pair_stands() -> None:
    decisions = parse_decisions(b"confirm:\n  - {a: o_remind, b: h_remind}\n", source="m.yaml")
    d = diff_models(_own(), _helsingborg(), decisions=decisions)
    assert [m.how for m in d.matches if m.a == ("o_remind",)] == ["confirmed"]
