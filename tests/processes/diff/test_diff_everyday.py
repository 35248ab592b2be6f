"""The applicant's guide says the office's acts in everyday words (everyday.py): asking bodies is a
remiss, telling the applicant what is missing is the supplement request, the answers coming back are
the answers in, "hur du överklagar" is the appeal notice — and the applicant's own sending in, an
indirect question or a question put to the applicant are none of these."""

from __future__ import annotations

from diffbuilders import linear

from processes.diff import diff_models
from processes.diff.everyday import as_office
from processes.diff.labelsim import label_similarity
from processes.diff.matchtypes import what
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import Step

REQUEST = "begär komplettering från sökanden"


def _what(label: str, *others: str) -> str:
    lex = Lexicon.build(builtin_synonyms(), [label, *others])
    return what(lex, Step("T", label, "task", "task"), "sv")


def test_asking_bodies_is_a_remiss() -> None:
    assert as_office("Vi frågar Polisen och andra myndigheter om deras synpunkter", "sv") == (
        "remiss till Polisen och andra myndigheter"
    )
    assert as_office("Fråga miljö om livsmedelsregistreringen", "sv") == "remiss till miljö"
    assert as_office("De frågade polisen och brandkåren om oss", "sv") == "remiss till polisen och brandkåren"


def test_no_remiss_when_the_applicant_is_asked_or_the_question_is_indirect_or_deep_in_the_label() -> None:
    for label in (
        "Vi frågar dig om serveringstiderna",
        "Fråga sökanden om öppettiderna",
        "Handläggaren ringde och frågade var pengarna kom ifrån",  # not at the head
        "Vi frågar vad du har tänkt servera",  # an indirect question
        "Pröva i befintligt skick (eller fråga B)",
    ):
        assert as_office(label, "sv") == label


def test_telling_the_applicant_what_is_missing_is_the_supplement_request() -> None:
    assert as_office("Vi skickar ett brev om vad som saknas", "sv") == REQUEST
    assert as_office("Vi mejlar dig och säger vad som fattas", "sv") == REQUEST
    assert as_office("Mejl om det som saknas", "sv") == REQUEST
    assert as_office("Handläggaren skriver till sökande om vad som saknas", "sv") == REQUEST


def test_the_applicant_sending_in_what_is_missing_is_no_request() -> None:
    for label in (
        "Du skickar in det som saknas",
        "Sökanden lämnar in det som fattades",
        "Du kommer in med det som saknas",
        "Det som saknas",  # no telling verb, no message
    ):
        assert as_office(label, "sv") == label


def test_answers_coming_back_and_two_phrases() -> None:
    assert as_office("Svaren kommer tillbaka", "sv") == "svar inkomna"
    assert as_office("Svaren har kommit tillbaka (ca 3 veckor)", "sv") == "svar inkomna (ca 3 veckor)"
    assert (
        as_office("Vi skickar beslutet och hur du överklagar", "sv")
        == "Vi skickar beslutet och besvärshänvisning"
    )
    assert as_office("Skicka avslagsbeslut med hur man kan överklaga beslutet", "sv") == (
        "Skicka avslagsbeslut med besvärshänvisning"
    )
    assert as_office("läsa och säga vad du tycker", "sv") == "läsa och tycka till"
    assert as_office("Svaren kommer tillbaka", "en") == "Svaren kommer tillbaka"
    assert as_office("Du skriver kunskapsprovet hos oss", "sv") == "Du skriver kunskapsprovet hos oss"


def test_the_matcher_reads_the_act_and_labels_meet() -> None:
    assert _what("Vi skickar ett brev om vad som saknas") == REQUEST
    a, b = "Vi skickar ett brev om vad som saknas", "Begära komplettering med svarsfrist"
    lex = Lexicon.build(builtin_synonyms(), [a, b])
    assert label_similarity(lex, _what(a, b), b) >= 0.5 > 0.1 > label_similarity(lex, a, b)
    a, b = "Vi frågar Polisen och andra myndigheter om deras synpunkter", "Skicka remisser (Polismyndigheten)"
    lex = Lexicon.build(builtin_synonyms(), [a, b])
    assert label_similarity(lex, _what(a, b), b) >= 0.5 > 0.3 > label_similarity(lex, a, b)


def test_a_guide_pairs_with_the_officers_procedure() -> None:
    # p80's shape: the guide's request and remiss left as questions on main, paired now
    a = linear(
        [
            "Vi registrerar din ansökan",
            "Vi skickar ett brev om vad som saknas",
            "Du skickar in det som saknas",
            "Vi frågar Polisen och andra myndigheter om deras synpunkter",
            "Nämnden beslutar",
            "Vi skickar beslutet och hur du överklagar",
        ],
        prefix="A",
    )
    b = linear(
        [
            "Diarieföra ansökan",
            "Begära komplettering med svarsfrist",
            "Komplettering inkommen",
            "Skicka remisser (Polismyndigheten obligatorisk)",
            "Beslut i nämnden",
            "Expediera beslut med besvärshänvisning till sökanden",
        ],
        prefix="B",
    )
    pairs = {(m.a, m.b) for m in diff_models(a, b).matches}
    assert (("A1",), ("B1",)) in pairs  # the request
    assert (("A3",), ("B3",)) in pairs  # the remiss
    assert (("A5",), ("B5",)) in pairs  # the decision sent with the appeal notice
