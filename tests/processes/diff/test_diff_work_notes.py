"""A label's note of the effort a step takes ("(2 h)", "(ingen arbetstid)") and a time told
after a dash ("– 10 dagar att svara") are not what the step does (worknotes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bpmn_io.loading import load_model
from processes.diff import diff_models
from processes.diff.itemprefix import bare_label, recurring_prefixes
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.worknotes import is_effort_note, tells_a_time, without_effort_notes


@pytest.mark.parametrize(
    "content",
    [
        "2 h",
        "0,5 h",
        "0,5 h per omgång",
        "2,5h",
        "1–2 tim",
        "en timme",
        "20 min",
        "ingen arbetstid",
        "tidsåtgång okänd",
        "Arbetstid 3 h",
    ],
)
def test_an_effort_note(content: str) -> None:
    assert is_effort_note(content)


@pytest.mark.parametrize(
    "content",
    [
        "5 st",
        "1",
        "75 % på varje del",
        "svarstid 14 dagar",
        "~14 d",
        "ca 3–4 v",
        "4 mån",
        "ring Polisen om inget kommit efter 3 veckor",
        "kunskapsprov, platsbesök, utredning",
        "mejl, post eller e-tjänst",
        "högst två omprov per ansökan",
        "hemtjänst",
        "minnesanteckning",
    ],
)
def test_not_an_effort_note(content: str) -> None:
    assert not is_effort_note(content)


@pytest.mark.parametrize(
    ("label", "bare"),
    [
        ("Kommunicering med sökande (1 h)", "Kommunicering med sökande"),
        ("Begäran om komplettering (0,5 h per omgång)", "Begäran om komplettering"),
        ("Komplettering inkommen (ingen arbetstid)", "Komplettering inkommen"),
        (
            "Kunskapsprov – bokning, provtillfälle och rättning (2 h)",
            "Kunskapsprov – bokning, provtillfälle och rättning",
        ),
        ("Beslut i socialnämnden, inkl. föredragning (0,5 h)", "Beslut i socialnämnden, inkl. föredragning"),
        ("Kommunicera med sökanden – 10 dagar att svara", "Kommunicera med sökanden"),
        ("Kommunicera sökanden – får yttra sig inom två veckor", "Kommunicera sökanden"),
        ("Tjänsteskrivelse till AU – sista dag ärenden ca 10 dgr före mötet?", "Tjänsteskrivelse till AU"),
    ],
)
def test_the_note_is_read_away(label: str, bare: str) -> None:
    assert without_effort_notes(label) == bare


@pytest.mark.parametrize(
    "label",
    [
        # one word would be left: it would meet every label with that word
        "Platsbesök (2 h)",
        # a deadline or a wait in brackets, a reminder, a list of the parts: not an effort note
        "Begäran om komplettering (svarstid 14 dagar)",
        "Alla remissvar inne (ring Polisen om inget kommit efter 3 veckor)",
        "Utreda ärendet (kunskapsprov, platsbesök, utredning)",
        "Auto: generera och skicka remisser (5 st)",
        # a dash tail with no time, or its time in its own brackets: it can be the work
        "Gör platsbesök – ta med planritningen och räkna sittplatserna",
        "status Komplett – starta handläggningstid (4 mån)",
        "bevakning förfallen – ta ställning (avskriv / pröva i befintligt skick)",
        # a one-word head before the dash: a heading
        "Kommunicering – sökande får yttra sig (2 v)",
        "Komplettering inkommen – diarieförs",
    ],
)
def test_the_label_stays_whole(label: str) -> None:
    assert without_effort_notes(label) == label


def test_a_time_after_a_dash_is_the_tails_own() -> None:
    assert tells_a_time("10 dagar att svara")
    assert tells_a_time("får yttra sig inom två veckor")
    assert not tells_a_time("starta handläggningstid (4 mån)")
    assert not tells_a_time("4-månadersfristen startar")
    assert not tells_a_time("ta med planritningen och räkna sittplatserna")


def test_the_bare_label_reads_notes_after_the_prefix() -> None:
    found = recurring_prefixes(["Auto: x", "Auto: y", "Auto: z (0,5 h)"])
    assert bare_label("Auto: skicka kvittens till sökande (0,5 h)", found) == "skicka kvittens till sökande"
    assert bare_label("Registrering, avgiftskontroll och fördelning (0,5 h)", frozenset()) == (
        "Registrering, avgiftskontroll och fördelning"
    )


def test_a_timed_label_has_the_terms_of_its_plain_label() -> None:
    labels = ["Kommunicering med sökande (1 h)", "Kommunicera med sökanden – 10 dagar att svara"]
    lex = Lexicon.build(builtin_synonyms(), labels, language="sv")
    assert lex.terms("Kommunicering med sökande (1 h)") == lex.terms("Kommunicering med sökande")
    assert lex.terms("Kommunicera med sökanden – 10 dagar att svara") == lex.terms("Kommunicera med sökanden")
    assert "1" not in lex.terms("Kommunicering med sökande (1 h)")


P89 = Path(__file__).resolve().parents[3] / "bench" / "matching" / "sv" / "p89"


def test_a_routine_with_tips_meets_a_timed_routine() -> None:
    # bench pair p89 (development since 2026-12-06 02:00 UTC): a controller timed each step of the
    # other's routine, "(1 h)", "(4 h)", "(ingen arbetstid)"; with the hours read as words these stay uncertain
    d = diff_models(load_model(P89 / "a.yaml"), load_model(P89 / "b.yaml"))
    pairs = {(x, y) for m in d.matches for x in m.a for y in m.b}
    assert ("bk_s12", "Activity_1kom0qb") in pairs  # Kommunicera med sökanden – 10 dagar att svara
    assert ("bk_s13", "Activity_0utr6fz") in pairs  # Skriv utredning och förslag till beslut i mallen
    assert ("bk_s11", "Activity_1pbs9xe") in pairs  # Gör platsbesök – … / Platsbesök inkl. restid (2,5 h)
