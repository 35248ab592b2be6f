"""The first review of an application in everyday words (review.py): "genomläsning" is the noun
of "läsa igenom", and a check of the attachments is a check of the application — but not when the
attachments are in a clause about completeness, behind another object, or beside the application
itself."""

from __future__ import annotations

from diffbuilders import linear

from processes.diff import diff_models
from processes.diff.matchtypes import what
from processes.diff.review import as_review, attachments_as_application, reading_through
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import Step


def _terms(label: str) -> tuple[str, ...]:
    lex = Lexicon.build(builtin_synonyms(), [label])
    return lex.terms(what(lex, Step("T", label, "task", "task"), "sv"), "sv")


def test_the_noun_of_reading_through_is_reading_through() -> None:
    assert (
        reading_through("Första genomläsning: bilagor, betalning", "sv")
        == "Första läsa igenom: bilagor, betalning"
    )
    assert reading_through("Genomläsningen klar", "sv") == "läsa igenom klar"
    assert reading_through("Ansökan genomläses", "sv") == "Ansökan läsa igenom"
    assert "=granska" in _terms("Genomläsning av ansökan")
    assert "=granska" not in _terms("Genomföra kunskapsprov")


def test_a_check_whose_object_is_the_attachments_checks_the_application() -> None:
    assert attachments_as_application("Kontroll av bilagor", "sv") == "Kontroll av ansökans bilagor"
    assert (
        attachments_as_application("Kontrollera bilagor mot checklistan (hyresavtal, meny)", "sv")
        == "Kontrollera ansökans bilagor mot checklistan (hyresavtal, meny)"
    )
    assert (
        attachments_as_application("Kompletthetskontroll (bilagor, PBI, finansiering)", "sv")
        == "Kompletthetskontroll (ansökans bilagor, PBI, finansiering)"
    )
    assert attachments_as_application("Gå igenom bilagorna", "sv") == "Gå igenom ansökans bilagorna"
    assert (
        as_review("Första genomläsning: bilagor, betalning", "sv")
        == "Första läsa igenom: ansökans bilagor, betalning"
    )
    assert {"=ansökan", "=granska"} <= set(_terms("Första genomläsning: bilagor, betalning"))


def test_attachments_that_are_not_the_checks_object_stay() -> None:
    for label in (
        "Granska att alla bilagor finns",  # completeness: "alla bilagor" is the group komplett
        "Gå igenom checklistan för bilagor och diarieför ärendet",  # the object is the checklist
        "Granska ansökan och bilagor",  # the application is named
        "Gå igenom blankett, bilagor och inbetalning",
        "Bilagor inkomna",  # no check
        "Begär in saknade bilagor",
    ):
        assert attachments_as_application(label, "sv") == label
    assert as_review("Kontroll av bilagor", "en") == "Kontroll av bilagor"
    assert "=komplett" in _terms("Granska att alla bilagor finns")


def test_reading_through_the_attachments_pairs_with_the_review() -> None:
    # p79's shape: on main's code "Första genomläsning" has no word in common with "Granska
    # ansökan" and stays a question, while the arrival pairs with the review by its place
    a = linear(
        [
            "Ansökan kommer in i e-tjänsten",
            "Första genomläsning: bilagor, betalning",
            "Remiss till polisen",
            "Kunskapsprov",
            "Beslut",
        ],
        prefix="A",
    )
    b = linear(
        [
            "Granska ansökan",
            "Boka provtillfälle",
            "Remisser ut",
            "Kunskapsprov i stadshuset",
            "Beslut i utskottet",
        ],
        prefix="B",
    )
    diff = diff_models(a, b)
    pairs = {(m.a, m.b) for m in diff.matches}
    assert (("A1",), ("B0",)) in pairs
    assert (("A0",), ("B0",)) not in pairs
    assert "A1" not in {u.step for u in diff.uncertain}


def test_a_check_of_the_attachments_pairs_with_the_completeness_review() -> None:
    # p29's shape: on main's code the attachment check is a question between the register lookup
    # and the completeness review
    a = linear(
        [
            "Diarieför ansökan",
            "Kontrollera bilagor mot checklistan (hyresavtal, finansiering, planritning, meny)",
            "Begär komplettering",
            "Skicka remisser",
            "Beslut",
        ],
        prefix="A",
    )
    b = linear(
        [
            "Registrera ärendet",
            "Hämta uppgifter från Bolagsverket",
            "Granska ansökans fullständighet",
            "Begär komplettering",
            "Remiss till polisen",
            "Beslut i nämnden",
        ],
        prefix="B",
    )
    diff = diff_models(a, b)
    assert (("A1",), ("B2",)) in {(m.a, m.b) for m in diff.matches}
    assert not diff.uncertain
