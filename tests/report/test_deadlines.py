"""report.deadlines: a sentence written for the library's 4 months names the profile's deadline instead."""

from __future__ import annotations

from report.deadlines import LIBRARY_CLOCK, common_clock, deadline_said, duration_words, profile_clock
from simulator.glossary import describe


def test_durations_in_words() -> None:
    assert [duration_words(h, "en") for h in (2922.0, 730.5, 1344.0, 168.0, 1440.0, 36.0, 1.5)] == \
        ["4 months", "1 month", "8 weeks", "1 week", "60 days", "36 hours", "1.5 hours"]
    assert [duration_words(h, "sv") for h in (2922.0, 730.5, 1344.0, 24.0)] == ["4 månader", "1 månad", "8 veckor", "1 dag"]
    assert duration_words(1461.0, "sv", definite=True) == "2 månaderna"


def test_the_library_clock_leaves_every_sentence_as_it_is() -> None:
    for key in ("within_deadline_share", "within_extended_deadline_share", "within_legal_time_share",
                "extended_share", "complete_to_decision_mean_days"):
        for lang in ("en", "sv"):
            assert deadline_said(describe(key, lang), lang, *LIBRARY_CLOCK) == describe(key, lang)


def test_another_clock_names_its_deadline_and_extension_where_each_is_meant() -> None:
    two = (2 * 730.5, 1 * 730.5)  # 2 months, one extension of 1 month
    assert deadline_said(describe("extended_share", "en"), "en", *two).startswith(
        "Share whose handling time was extended (once, by at most 1 month, with a notice to the applicant before "
        "the 2 months ran out), ")
    assert deadline_said(describe("within_extended_deadline_share", "en"), "en", *two).startswith(
        "Share decided within 3 months (2 months and the one extension allowed)")
    assert deadline_said(describe("extended_share", "sv"), "sv", *two).startswith(
        "Andel vars handläggningstid förlängdes (en gång, med högst 1 månad, med besked till sökanden innan de 2 "
        "månaderna gått ut)")
    assert deadline_said("the 4-month deadline; mot fyramånadersgränsen", "en", *two) == \
        "the 2-month deadline; mot gränsen på 2 månader"
    # processes of different deadlines: "the deadline"
    assert deadline_said("Share decided within 4 months of a complete application", "en", None, None) == \
        "Share decided within the deadline of a complete application"


def test_the_clock_of_a_profile_and_of_several() -> None:
    assert profile_clock({"simulation": {"clock": {"start": "a", "stop": "b", "deadline": "2mo"}}}) == (1461.0, 0.0)
    assert profile_clock({"simulation": {}}) is None and profile_clock(None) is None
    assert common_clock({"a": (1461.0, 0.0), "b": None}) == (1461.0, 0.0)
    assert common_clock({"a": None}) == LIBRARY_CLOCK
    assert common_clock({"a": (1461.0, 0.0), "b": LIBRARY_CLOCK}) == (None, None)


def test_another_clock_is_not_put_in_the_law_and_every_length_follows_it() -> None:
    two = (2 * 730.5, 1 * 730.5)  # 2 months, one extension of 1 month
    # the law (Alkoholförordningen 5 §) says 4 months: another deadline is the profile's
    assert "(the deadline in the profile: 2 months)" in deadline_said(
        describe("complete_to_decision_mean_days", "en"), "en", *two)
    assert "(tidsfristen i profilen: 2 månader)" in deadline_said(
        describe("complete_to_decision_mean_days", "sv"), "sv", *two)
    assert "5 §" not in deadline_said(describe("complete_to_decision_mean_days", "sv"), "sv", None, None)
    # "4 months, or 8 when ...": the 8 is the deadline and its extension
    assert deadline_said(describe("within_legal_time_share", "en"), "en", *two).startswith(
        "Share decided within the time that applies to the case: 2 months, or 3 months when the time was extended "
        "with a notice before the 2 months ran out, ")
    assert deadline_said(describe("within_legal_time_share", "sv"), "sv", *two).startswith(
        "Andel som avgjordes inom den tid som gäller för ärendet: 2 månader, eller 3 månader när tiden förlängdes "
        "med ett besked innan de 2 månaderna gått ut, ")
    # different deadlines: "the deadline" once ("before the the deadline" before), Swedish "tidsfristen"
    generic = deadline_said(describe("extended_share", "en"), "en", None, None)
    assert "the the" not in generic and "before the deadline ran out" in generic
    assert deadline_said(describe("within_legal_time_share", "sv"), "sv", None, None).startswith(
        "Andel som avgjordes inom den tid som gäller för ärendet: tidsfristen, eller tidsfristen och förlängningen "
        "när tiden förlängdes med ett besked innan tidsfristen gått ut, ")
