"""Proper names of places and systems are left out of what a step is (places.py)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff.core import lexicon_for, prepare
from processes.diff.matching import pair_scores
from processes.diff.places import without_proper_names
from processes.diff.synonyms import builtin_synonyms


def test_place_names_go_bodies_stay() -> None:
    syn = builtin_synonyms()
    assert without_proper_names("Överlämnande av ärendet till Grannby kommun", "sv", syn) == (
        "Överlämnande av ärendet till kommun"
    )
    for label in (
        "Remiss till Polisen, Skatteverket och Länsstyrelsen",  # bodies: the synonym list, -styrelsen
        "Yttrande från Miljöförbundet",  # -förbundet
        "Storsjö",  # nothing would remain
        "Skicka Remiss Till Polisen",  # title case
    ):
        assert without_proper_names(label, "sv", syn) == label
    assert without_proper_names("Hand over to Grannby", "en", syn) == "Hand over to Grannby"


def test_a_hand_over_to_two_different_municipalities_is_alike() -> None:
    a = model(
        [("S", "start", "Ansökan inkommer"), ("T1", "userTask", "Överlämna ärendet till alkoholhandläggaren i Storsjö"),
         ("E", "end", "Klart")],
        chain="S T1 E",
    )
    b = model(
        [("S", "start", "Ny ansökan"), ("U1", "userTask", "Överlämnande av ärendet till Grannby kommun"),
         ("E", "end", "Slut")],
        chain="S U1 E",
    )
    ca, cb = prepare(a, "A"), prepare(b, "B")
    _, lab = pair_scores(ca.view, cb.view, lexicon_for((ca, cb)), lang_a="sv", lang_b="sv")
    assert float(lab[1, 1]) >= 0.55  # 0.43 with "Storsjö" and "Grannby" as terms
