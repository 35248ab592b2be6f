"""A bracket or dash-led tail that only says when or how long is not what a step does
(timenotes.py): "Begär komplettering (svarsfrist 14 dgr)", "Yttrande – svarstid 2 v"."""

from __future__ import annotations

import pytest

from processes.diff.itemprefix import bare_label
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.timenotes import is_time_expression, without_time_notes


@pytest.mark.parametrize(
    "text",
    ["svarsfrist 14 dgr", "2 v", "ca 1 vecka", "3–4 v", "mål: inom 3 veckor från MP2", "mål: inom 5 arbetsdagar",
     "överklagande 3 v", "svarstid 2 v", "upp till 3 v", "mål: samma arbetsdag", "c:a 14d", "4 mån"],
)
def test_a_time_expression_has_only_time_words_and_a_measure(text: str) -> None:
    assert is_time_expression(text)


@pytest.mark.parametrize(
    "text",
    ["kunskapsprov m.m.", "oftast på delegation", "brukar ta 3–4 veckor", "5 st", "mål", "svarstid",
     "MP2", "e-signering", ""],
)
def test_anything_else_or_no_measure_is_not(text: str) -> None:
    assert not is_time_expression(text)


def test_notes_are_cut_where_two_terms_remain() -> None:
    assert without_time_notes("Begär komplettering (svarsfrist 14 dgr)") == "Begär komplettering"
    assert without_time_notes("Väntar på polisens yttrande (3–4 v)") == "Väntar på polisens yttrande"
    assert without_time_notes("Yttrande från polisen – svarstid 2 v") == "Yttrande från polisen"
    assert without_time_notes("A6 Ansökan komplett – handläggningstid (4 mån) börjar löpa") == (
        "A6 Ansökan komplett – handläggningstid börjar löpa"
    )
    # a one-term remainder, a bracket that names work, a dash tail that is work: kept whole
    assert without_time_notes("Kunskapsprov (mål: inom 3 veckor från MP2)") == "Kunskapsprov (mål: inom 3 veckor från MP2)"
    assert without_time_notes("Utredning (kunskapsprov m.m.)") == "Utredning (kunskapsprov m.m.)"
    assert without_time_notes("Beslut (oftast på delegation)") == "Beslut (oftast på delegation)"
    assert without_time_notes("Platsbesök – fyll i protokoll") == "Platsbesök – fyll i protokoll"
    assert without_time_notes("Beslut (2 v)") == "Beslut (2 v)"


def test_terms_are_read_without_the_notes() -> None:
    labels = ["Remiss till Polismyndigheten (svarstid 3 veckor)", "Remiss till polisen"]
    lex = Lexicon.build(builtin_synonyms(), labels, language="sv")
    assert bare_label(labels[0], frozenset()) == "Remiss till Polismyndigheten"
    assert lex.terms(labels[0]) == lex.terms("Remiss till Polismyndigheten")
    assert not {"svarstid", "veckor", "vecka"} & {t.lstrip("=") for t in lex.terms(labels[0])}
