"""A label's final bracketed aside (a time target, a note) read away beside the whole label."""

from __future__ import annotations

from processes.diff.asides import core_of
from processes.diff.labelsim import CONTAIN, label_matrix
from processes.diff.matching import labels
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import Step


def test_only_a_final_round_bracket_after_a_word_is_an_aside() -> None:
    assert core_of("Kunskapsprov (mål: inom 3 veckor från MP2)") == "Kunskapsprov"
    assert core_of("Yttrande polisen (ca 3–4 v)") == "Yttrande polisen"
    assert core_of("Remiss (polis) skickas") == "Remiss (polis) skickas"
    assert core_of("Beslut (AU) (ev. ordf.)") == "Beslut (AU)"
    assert core_of("(mål: samma dag)") == "(mål: samma dag)"
    assert core_of("Platsbesök [alltid]") == "Platsbesök [alltid]"


def _steps(*names: str) -> list[Step]:
    return [Step(f"T{k}", name, "task", "user") for k, name in enumerate(names)]


def test_an_aside_no_longer_keeps_a_contained_label_below_the_floor() -> None:
    a, b = "Kunskapsprov (mål: inom 3 veckor från MP2)", "Du skriver kunskapsprovet hos oss"
    lex = Lexicon.build(builtin_synonyms(), [a, b], language="sv")
    whole = float(label_matrix(lex, [a], [b], contain=CONTAIN)[0, 0])
    read = float(labels(lex, _steps(a), _steps(b), "sv", "sv")[0, 0])
    assert whole < CONTAIN <= read


def test_a_bracket_that_names_what_the_step_covers_still_counts() -> None:
    # the whole label shares the listed steps; reading the bracket away must not lower it
    a = "Förvaltningen utreder ansökan (kompletteringar, polisens yttrande, kunskapsprov, platsbesök)"
    b = "Kunskapsprov"
    lex = Lexicon.build(builtin_synonyms(), [a, b], language="sv")
    whole = float(label_matrix(lex, [a], [b], contain=CONTAIN)[0, 0])
    read = float(labels(lex, _steps(a), _steps(b), "sv", "sv")[0, 0])
    assert read == whole > 0.0


def test_labels_without_asides_are_read_as_before() -> None:
    a, b = "Registrera ansökan", "Ansökan registreras"
    lex = Lexicon.build(builtin_synonyms(), [a, b], language="sv")
    assert (
        labels(lex, _steps(a), _steps(b), "sv", "sv")[0, 0]
        == label_matrix(lex, [a], [b], contain=CONTAIN)[0, 0]
    )
