"""A bracketed legal reference, a question to oneself and a phase or work-item prefix are not
what a step does (asides.py, itemprefix.py): "Beslut på delegation (6 kap. 37 § KL,
delegationsordningen)", "Remiss SKV, KFM (bygg ibland?)", "Tilldelad uppgift: granska ansökan"."""

from __future__ import annotations

import pytest

from processes.diff.asides import is_aside, without_asides
from processes.diff.itemprefix import bare_label, recurring_prefixes
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon


@pytest.mark.parametrize(
    ("label", "bare"),
    [
        ("Beslut på delegation (6 kap. 37 § KL, delegationsordningen)", "Beslut på delegation"),
        (
            "Godkänt kunskapsprov, högst tre provtillfällen (8 kap. 12 § AL, FoHMFS 2014:7)",
            "Godkänt kunskapsprov, högst tre provtillfällen",
        ),
        ("Beslut om avvisning av ansökan (20 § FL)", "Beslut om avvisning av ansökan"),
        ("Kommunicera utredningen med sökanden (FL 25 §)", "Kommunicera utredningen med sökanden"),
        ("Remiss SKV, KFM, räddn.tj., miljö (bygg ibland?)", "Remiss SKV, KFM, räddn.tj., miljö"),
        (
            "Kolla att avg. är betald (Agresso?) – annars börjar vi inte",
            "Kolla att avg. är betald – annars börjar vi inte",
        ),
        ("Kommunicera m. sökande (FL), 1 v att svara?", "Kommunicera m. sökande (FL)"),
        ("Tjänsteskrivelse till AU – sista dag ärenden ca 10 dgr före mötet?", "Tjänsteskrivelse till AU"),
    ],
)
def test_a_legal_reference_or_a_question_is_read_away(label: str, bare: str) -> None:
    assert without_asides(label) == bare


@pytest.mark.parametrize(
    "label",
    [
        # a bracket that lists the parts of the work, or says who or how: the work
        "Förvaltningen utreder ansökan (kompletteringar, polisens yttrande, kunskapsprov, platsbesök)",
        "Utredning: lämplighetsprövning (vandel, ekonomi)",
        "Beslut (oftast på delegation)",
        "Kommunicera m. sökande (FL)",
        # a time note has neither sign (many90 measured cutting those: no gain)
        "Yttrande polisen (ca 3–4 v)",
        # a "§" outside a bracket is the citation reading's (citations.py); a formula stays
        "Kunskapsprov enligt 8 kap. 12 § alkohollagen",
        "Score bachelors grade by §7(1)(a) * 51",
        # a label that is a question, and a question with nothing before it
        "Komplett?",
        "(Agresso?)",
        "Platsbesök – ja eller nej",
    ],
)
def test_what_is_not_an_aside_stays(label: str) -> None:
    assert without_asides(label) == label


def test_an_aside_is_a_section_sign_or_a_question_mark() -> None:
    assert [
        is_aside(p) for p in ("8 kap. 11 § AL", " bygg ibland? ", "mallen i W:", "svarstid 14 dagar")
    ] == [
        True,
        True,
        False,
        False,
    ]


PHASES = [
    "Initiering: registrering och kontroll av inbetald avgift",
    "Beredning: remittering till polis, Skatteverket och Kronofogden",
    "Beredning: kontroll av ansökans fullständighet",
    "Utredning: platsbesök på serveringsstället",
    "Beslutsfattande: beslut i individutskottet",
    "Remisser: Polisen, Skatteverket, Kronofogden",
]


def test_a_two_word_prefix_counts_when_it_begins_three_labels() -> None:
    found = recurring_prefixes(
        [
            "Tilldelad uppgift: granska ansökan",
            "Tilldelad uppgift: kunskapsprov",
            "Tilldelad uppgift: Tillsynsbesök",
            "Status ändrad: Komplett",
        ]
    )
    assert found == frozenset({"Tilldelad uppgift:"})
    assert bare_label("Tilldelad uppgift: granska ansökan", found) == "granska ansökan"
    # three words before a colon is a sentence, not a prefix
    assert recurring_prefixes(["Vi gör så: a", "Vi gör så: b", "Vi gör så: c"]) == frozenset()


def test_phase_prefixes_followed_by_lower_case_count_together() -> None:
    found = recurring_prefixes(PHASES)
    # five labels begin with a prefix and a word in lower case; "Remisser:" is followed by a name
    assert found == frozenset({"Initiering:", "Beredning:", "Utredning:", "Beslutsfattande:"})
    assert bare_label("Beslutsfattande: beslut i individutskottet", found) == "beslut i individutskottet"
    assert bare_label("Remisser: Polisen, Skatteverket, Kronofogden", found) == (
        "Remisser: Polisen, Skatteverket, Kronofogden"
    )
    # two such labels are not a habit
    assert recurring_prefixes(PHASES[:2] + PHASES[5:]) == frozenset()


def test_the_terms_of_a_cited_step_are_those_of_its_work() -> None:
    labels = ["Beslut på delegation (6 kap. 37 § KL, delegationsordningen)", "Beslut på delegation", *PHASES]
    lex = Lexicon.build(builtin_synonyms(), labels, language="sv")
    assert lex.terms(labels[0]) == lex.terms(labels[1])
    assert lex.terms("Utredning: platsbesök på serveringsstället") == lex.terms(
        "platsbesök på serveringsstället"
    )
