"""A number after the knowledge test's word is a numbered duplicate, not a retest, when the same
model has the test with another number (knowledgetest.py, testparts.py; bench/RESULTS-matching.md
"Branch many33")."""

from __future__ import annotations

from diffbuilders import linear

from processes.diff import diff_models
from processes.diff.knowledgetest import knowledge_test_steps, number_after_test
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon

_A = ["Registrera ansökan", "Kunskapsprovet genomförs", "Fatta beslut"]


def test_the_reader_finds_the_number_and_reads_the_label_without_it_when_asked() -> None:
    labels = ["Kunskapsprov 2", "Prov andra", "Kunskapsprov", "Försök 2", "Test two"]
    lex = Lexicon.build(builtin_synonyms(), labels, language="sv")
    assert [number_after_test(lex, x) for x in labels[:4]] == ["2", "2", None, None]
    assert knowledge_test_steps(lex, "Kunskapsprov 2") == frozenset({"retest"})
    assert knowledge_test_steps(lex, "Kunskapsprov 2", numbered=True) == frozenset()
    en = Lexicon.build(builtin_synonyms(), labels, language="en")
    assert number_after_test(en, "Test two", "en") == "2"


def test_two_numbered_tests_of_one_model_join_the_test_of_the_other() -> None:
    # "Kunskapsprov 1" and "Kunskapsprov 2" beside each other are numbered duplicates of the
    # test, not a sitting and a retest: both join "Kunskapsprovet genomförs", nothing uncertain
    d = diff_models(linear(_A), linear(["Registrera ansökan", "Kunskapsprov 1", "Kunskapsprov 2", "Fatta beslut"]))
    assert (("T1",), ("T1", "T2")) in [(m.a, m.b) for m in d.matches]
    assert d.uncertain == () and not [x for x in d.differences if x.kind.startswith("only")]


def test_a_number_alone_in_its_model_is_read_as_the_list_says() -> None:
    # the weak case: no other numbered test in B, so "Kunskapsprov 2" is the retest, kept out
    # of the sitting's correspondence and asked about
    d = diff_models(linear(_A), linear(["Registrera ansökan", "Sökanden skriver kunskapsprovet", "Kunskapsprov 2",
                                         "Fatta beslut"]))
    assert (("T1",), ("T1",)) in [(m.a, m.b) for m in d.matches]
    assert [(u.side, u.step, u.candidates[0].reasons[-1]) for u in d.uncertain] == [
        ("b", "T2", "best by label, but of another part of the knowledge test (retest / take)")
    ]
