"""Summary pass: how a coarse label lists its parts — asides read away, a head before a dash said with every part,
a head before a listing bracket a part of its own (many99, rule 1)."""

from __future__ import annotations

import pytest
from diffbuilders import model

from processes.diff.core import lexicon_for, prepare
from processes.diff.matching import pair_scores
from processes.diff.matchtypes import Match, PassInput
from processes.diff.summary import coarse_parts, label_parts, summary_pass
from processes.model import Definitions


def test_a_decimal_comma_is_no_list_comma() -> None:
    assert label_parts("Registrering och fördelning 0,5 h") == ["Registrering", "fördelning 0,5 h"]
    assert label_parts("Polisen, Skatteverket") == ["Polisen", "Skatteverket"]


def test_a_bracket_that_lists_nothing_is_an_aside() -> None:
    assert coarse_parts("Registrering, avgiftskontroll och fördelning (0,5 h)") == (
        "",
        ["Registrering", "avgiftskontroll", "fördelning"],
        "",
    )
    assert coarse_parts("Komplettering inkommen (ingen arbetstid)") == ("", ["Komplettering inkommen"], "")
    # a label that is only an aside is read whole
    assert coarse_parts("(2 h)") == ("", ["(2 h)"], "")


def test_a_head_before_a_dash_is_said_with_every_part() -> None:
    assert coarse_parts("Kunskapsprov – bokning, provtillfälle och rättning (2 h)") == (
        "Kunskapsprov",
        ["bokning", "provtillfälle", "rättning"],
        "",
    )
    # a dash with no list after it, or a list before it, is read as before
    assert coarse_parts("Kommunicera med sökanden – 10 dagar att svara") == (
        "",
        ["Kommunicera med sökanden – 10 dagar att svara"],
        "",
    )
    assert coarse_parts("Remiss och yttrande – Polisen") == ("", ["Remiss", "yttrande – Polisen"], "")


def test_a_head_before_a_listing_bracket_is_a_part_of_its_own() -> None:
    assert coarse_parts("Utreda ärendet (kunskapsprov, platsbesök, utredning)") == (
        "",
        ["kunskapsprov", "platsbesök", "utredning"],
        "Utreda ärendet",
    )
    # a bracket that does not end the label is read as before
    assert coarse_parts("Utreda (prov, besök) och skriva") == ("", ["Utreda (prov", "besök)", "skriva"], "")


def _pass(a: Definitions, b: Definitions) -> list[Match]:
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    return summary_pass(PassInput(ca.view, cb.view, lex, ("sv", "sv"), lab, score), [])


def _test_models(
    coarse: str, finer: list[tuple[str, str]], chain: str = "", extra_b: tuple[tuple[str, str], ...] = ()
) -> tuple[Definitions, Definitions]:
    """A detailed model a (its finer steps in ``chain``'s order, or as listed) and a coarse model b."""
    a = model(
        [
            ("S", "start", "Ansökan inkommer"),
            ("T1", "userTask", "Diarieför ansökan"),
            *[(nid, "userTask", label) for nid, label in finer],
            ("T9", "userTask", "Fatta beslut"),
            ("E", "end", "Klart"),
        ],
        chain=chain or " ".join(["S", "T1", *(nid for nid, _ in finer), "T9", "E"]),
    )
    b = model(
        [
            ("S", "start", "Ny ansökan"),
            ("U1", "userTask", "Diarieföring"),
            ("U2", "userTask", coarse),
            *[(nid, "userTask", label) for nid, label in extra_b],
            ("U9", "userTask", "Beslut"),
            ("E", "end", "Slut"),
        ],
        chain=" ".join(["S", "U1", "U2", *(nid for nid, _ in extra_b), "U9", "E"]),
    )
    return a, b


@pytest.mark.parametrize(
    ("coarse", "finer", "expected"),
    [
        # "Boka lokal för platsbesök" books, but not the test: the head is said with every part
        (
            "Kunskapsprov – bokning, provtillfälle och rättning (2 h)",
            [
                ("T2", "Boka kunskapsprov"),
                ("T3", "Sökanden skriver kunskapsprovet – rätta direkt efteråt"),
                ("T4", "Boka lokal för platsbesök"),
            ],
            ("T2", "T3"),
        ),
        # the items of a listing bracket name the finer steps
        (
            "Utreda ärendet (kunskapsprov, platsbesök, utredning)",
            [
                ("T2", "Rätta kunskapsprovet"),
                ("T3", "Gör platsbesök på serveringsstället"),
                ("T4", "Skriv utredning"),
            ],
            ("T2", "T3", "T4"),
        ),
        # "Skicka remisser (Polisen, Skatteverket)": the remiss to each body, not "Polisen" as a part of its own
        (
            "Skicka remisser (Polisen, Skatteverket)",
            [
                ("T2", "Skicka remiss till Polisen"),
                ("T3", "Skicka remiss till Skatteverket"),
                ("T4", "Ring Polisen om svaret dröjer"),
            ],
            ("T2", "T3"),
        ),
    ],
    ids=["dash-head", "listing-bracket", "bracket-of-bodies"],
)
def test_a_coarse_labels_parts_name_the_finer_steps_that_say_them(
    coarse: str, finer: list[tuple[str, str]], expected: tuple[str, ...]
) -> None:
    a, b = _test_models(coarse, finer)
    assert [(m.a, m.b) for m in _pass(a, b)] == [(expected, ("U2",))]


_TEST = "Utreda ärendet (kunskapsprov, platsbesök)"
_FINER = [("T2", "Boka kunskapsprov med sökanden"), ("T3", "Rätta kunskapsprovet"), ("T4", "Gör platsbesök")]


def test_a_part_said_by_two_steps_next_to_each_other_names_both() -> None:
    a, b = _test_models(_TEST, _FINER, "S T1 T2 T3 T4 T9 E")
    assert [(m.a, m.b) for m in _pass(a, b)] == [(("T2", "T3", "T4"), ("U2",))]


def test_a_further_sayer_apart_from_the_parts_steps_is_not_named() -> None:
    # the booking drawn at the start, away from the test and the visit: only the most alike sayer is named
    a, b = _test_models(_TEST, _FINER, "S T2 T1 T3 T4 T9 E")
    found = [(m.a, m.b) for m in _pass(a, b)]
    assert len(found) == 1 and "T2" not in found[0][0] and set(found[0][0]) >= {"T4"}


def test_a_further_sayer_with_a_better_partner_in_the_coarse_model_is_not_named() -> None:
    # the coarse model draws the booking too, paired already with another step: the booking is that step's work
    a, b = _test_models(
        _TEST,
        [*_FINER, ("T5", "Kalla sökanden")],
        "S T1 T2 T3 T4 T5 T9 E",
        extra_b=(("U3", "Boka kunskapsprov med sökanden"),),
    )
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    given = PassInput(ca.view, cb.view, lex, ("sv", "sv"), lab, score)
    found = [(m.a, m.b) for m in summary_pass(given, [Match(("T5",), ("U3",), 0.5, 0.1)]) if "U2" in m.b]
    assert found == [(("T3", "T4"), ("U2",))]
    # without that step the booking is named beside the marking
    assert [(m.a, m.b) for m in _pass(*_test_models(_TEST, _FINER, "S T1 T2 T3 T4 T9 E"))] == [
        (("T2", "T3", "T4"), ("U2",))
    ]


def test_one_part_said_by_two_steps_is_no_summary() -> None:
    # "kunskapsprov" said by two steps next to each other, "platsbesök" by none: one part is not a list said
    a, b = _test_models(_TEST, _FINER[:2], "S T1 T2 T3 T9 E")
    assert not [m for m in _pass(a, b) if "U2" in m.b]
