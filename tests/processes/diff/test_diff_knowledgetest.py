"""The knowledge test's own sub-steps a step's label names (knowledgetest.py, knowledgetest.yaml)."""

from __future__ import annotations

import pytest

from processes.diff.knowledgetest import (
    builtin_knowledge_test,
    in_knowledge_test,
    knowledge_test_steps,
    parse_knowledge_test,
)
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.errors import InputError


def steps(labels: list[str], language: str) -> list[list[str]]:
    lex = Lexicon.build(builtin_synonyms(), labels, language=language)
    return [sorted(knowledge_test_steps(lex, x)) for x in labels]


def test_the_sub_steps_are_in_the_order_a_test_passes() -> None:
    kt = builtin_knowledge_test()
    assert kt.names == ("book", "take", "grade", "result", "retest")
    assert kt.rank("book") < kt.rank("take") < kt.rank("grade") < kt.rank("result") < kt.rank("retest")


def test_swedish_labels_name_their_sub_step_in_any_register() -> None:
    labels = ["Kallelse till prov skickas", "Sökanden skriver provet", "Kunskapsprov genomförs",
              "Rättning av kunskapsprov", "Underkänt prov", "Omprov", "Provbokning",
              "Kunskapsprovsresultat registreras"]
    assert steps(labels, "sv") == [["book"], ["take"], ["take"], ["grade"], ["result"], ["retest"], ["book"],
                                   ["result"]]


def test_english_labels_name_their_sub_step() -> None:
    labels = ["Schedule exam", "Applicant sits the test", "Mark test", "Notify test result", "Resit test"]
    assert steps(labels, "en") == [["book"], ["take"], ["grade"], ["result"], ["retest"]]


def test_a_phrase_outranks_the_word_inside_it_and_two_sub_steps_are_both_named() -> None:
    # "meddela provtid" is booking, not the "meddela" of a result; "skriva ut provet" prints
    # the paper (booking), not "skriva provet" (taking it); booking a retest is both
    labels = ["Meddela provtid", "Skriva ut provet", "Meddela provresultat", "Boka omprov"]
    assert steps(labels, "sv") == [["book"], ["book"], ["result"], ["book", "retest"]]


def test_the_test_as_a_whole_and_steps_outside_it_name_no_sub_step() -> None:
    # the weak cases: the whole test, booking a site visit, a notice, a reconsideration
    # ("omprövning" is not "omprov"), and an English test purchase (follow-up)
    labels = ["Kunskapsprov", "Boka platsbesök", "Meddela beslut", "Ansökan om omprövning"]
    assert steps(labels, "sv") == [[], [], [], []]
    assert steps(["Test purchase", "Book site visit"], "en") == [[], []]
    lex = Lexicon.build(builtin_synonyms(), ["Test purchase", "Knowledge test"], language="en")
    assert [in_knowledge_test(lex, x) for x in ("Test purchase", "Knowledge test")] == [False, True]


def test_every_sub_step_has_words_in_both_languages() -> None:
    kt = builtin_knowledge_test()
    for lang in ("sv", "en"):
        assert {s for s, _ in kt.words_of(lang)} == set(kt.names)
        assert kt.test_words(lang)


def test_a_malformed_list_names_the_entry() -> None:
    with pytest.raises(InputError, match="unknown key 'fr'") as err:
        parse_knowledge_test({"test": {"sv": ["prov"]}, "steps": [{"name": "book", "sv": ["boka"]}, {"name": "x", "fr": []}]},
                             source="k.yaml")
    assert err.value.path == "steps[1]" and err.value.file == "k.yaml"
    with pytest.raises(InputError, match="expected a list of words") as err:
        parse_knowledge_test({"test": {"en": "test"}, "steps": []}, source="k.yaml")
    assert err.value.path == "test.en"
    with pytest.raises(InputError, match="named twice"):
        parse_knowledge_test({"test": {}, "steps": [{"name": "book"}, {"name": "book"}]})
