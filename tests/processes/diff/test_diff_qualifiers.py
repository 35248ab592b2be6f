"""A label's main content, its words outside parentheses (processes/diff/qualifiers.py).
The clear case fails without the rule; the weak cases show where the full labels decide."""

from __future__ import annotations

from diffbuilders import linear

from processes.diff import diff_models
from processes.diff.core import lexicon_for, prepare
from processes.diff.labelsim import CONTAIN, label_matrix
from processes.diff.qualifiers import main_content, main_content_matrix

_CHECK = "Kompletthetskontroll (bilagor + avgift betald)"
_REVIEW = "Kompletthetsgranskning (handlingar, PBI, finansiering)"
_FEE = "Kolla att ansökningsavgiften är betald"


def _lexicon(labels_a: list[str], labels_b: list[str]):
    return lexicon_for(
        (prepare(linear(labels_a, prefix="A"), "A"), prepare(linear(labels_b, prefix="B"), "B"))
    )


def test_main_content_drops_every_parenthesis_innermost_first() -> None:
    assert main_content(_CHECK) == "Kompletthetskontroll"
    assert main_content("Utredning (kunskapsprov (digitalt) m.m.) klar") == "Utredning klar"
    assert main_content("Beslut i AU") == "Beslut i AU"
    assert main_content("(bilagor)") == ""


def test_two_labels_alike_outside_their_parentheses_score_as_their_main_contents() -> None:
    a, b = [_CHECK, "Beslut fattas"], [_FEE, _REVIEW, "Beslut fattas"]
    lex = _lexicon(a, b)
    full = label_matrix(lex, a, b, lang_a="sv", lang_b="sv", contain=CONTAIN)
    mains = main_content_matrix(lex, a, b, lang_a="sv", lang_b="sv")
    assert mains is not None
    assert full[0, 1] < 0.5  # the two parentheses weigh as much as the words before them
    assert mains[0, 1] == 1.0  # "Kompletthetskontroll" / "Kompletthetsgranskning"
    assert mains[0, 0] < full[0, 0]  # the fee is said in the check's parenthesis: the full labels decide
    assert mains[1, 2] == 0.0  # neither label has a parenthesis: not read


def test_no_parenthesis_or_not_swedish_reads_nothing() -> None:
    lex = _lexicon(["Granska ansökan"], ["Kontrollera ansökan"])
    assert (
        main_content_matrix(lex, ["Granska ansökan"], ["Kontrollera ansökan"], lang_a="sv", lang_b="sv")
        is None
    )
    en = ["Check the application (attachments, fee)"], ["Review the application (documents)"]
    assert main_content_matrix(lex, *en, lang_a="en", lang_b="en") is None


def test_steps_told_apart_by_their_parentheses_keep_their_full_labels() -> None:
    # "Beslut (bifall)" and "Beslut (avslag)": one main content, two steps; the parentheses decide
    a, b = ["Beslut (bifall)", "Beslut (avslag)"], ["Beslut om avslag", "Beslut (oftast på delegation)"]
    lex = _lexicon(a, b)
    # a's rows barred; b's qualified label meets only barred rows: nothing is read
    assert main_content_matrix(lex, a, b, lang_a="sv", lang_b="sv") is None
    # ... while a qualified decision alone in its model is read by its main content
    a, b = ["Beslut i nämnden"], ["Remiss till polisen", "Beslut (oftast på delegation)"]
    mains = main_content_matrix(_lexicon(a, b), a, b, lang_a="sv", lang_b="sv")
    assert mains is not None and mains[0, 1] > 0.0 and mains[0, 0] == 0.0


def test_a_check_drawn_as_two_steps_becomes_one_correspondence() -> None:
    # p76's shape: the check names the fee in its parenthesis, the other model checks the fee
    # and then the completeness. On main the check pairs with the fee check alone and the
    # completeness review is a question; read by its main content it is the check's partner,
    # and the fee check beside it joins
    a = linear(["Ansökan tas emot", _CHECK, "Remiss till polisen", "Beslut fattas"], prefix="A")
    b = linear(["Ansökan tas emot", _FEE, _REVIEW, "Remiss till polisen", "Beslut fattas"], prefix="B")
    d = diff_models(a, b)
    (check,) = [m for m in d.matches if m.a == ("A1",)]
    assert check.b == ("B1", "B2")
    assert check.how == "grouped"
    assert not d.uncertain
    assert not [x for x in d.differences if x.kind.startswith("only_in")]
