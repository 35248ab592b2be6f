"""The English phrase group for what an office asks an applicant to complete (synonyms.yaml):
"the missing documents" = "Further information", read only as the two words side by side."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon

_LABELS = [
    "You send us the missing documents",
    "Further information received",
    "Request additional details",
    "Hold a further hearing",
    "Information requested",
    "Email applicant - missing info",
]


def _terms(label: str) -> tuple[str, ...]:
    return Lexicon.build(builtin_synonyms(), _LABELS, language="en").terms(label, "en")


def test_the_missing_documents_are_the_further_information() -> None:
    # e4: the applicant's guide and the officer's procedure name the same papers
    assert _terms("You send us the missing documents") == ("=missinginformation", "send", "us", "you")
    assert _terms("Further information received") == ("=missinginformation", "receiv")
    assert _terms("Request additional details") == ("=missinginformation", "request")


def test_the_words_alone_read_as_before() -> None:
    # "further" before another noun, the noun first, and a noun outside the list are not the group
    assert _terms("Hold a further hearing") == ("further", "hear", "hold")
    assert _terms("Information requested") == ("inform", "request")
    assert _terms("Email applicant - missing info") == ("applic", "email", "info", "miss")


def test_swedish_labels_do_not_hold_the_phrases() -> None:
    lex = Lexicon.build(builtin_synonyms(), ["Begär in kompletterande information"], language="sv")
    assert "=missinginformation" not in lex.terms("Begär in kompletterande information", "sv")
    assert not any(
        " " not in m and m in {"missing", "further", "outstanding", "additional", "requested"}
        for m in builtin_synonyms().members()
    )


def _between_check_and_decision(label: str) -> object:
    nodes = [
        ("S", "start", "Application lodged"),
        ("R", "userTask", "Check the application"),
        ("X", "userTask", label),
        ("D", "userTask", "Decide on the licence"),
        ("E", "end", "Licence issued"),
    ]
    return model(nodes, chain="S R X D E")


def test_the_office_and_the_guide_pair_the_papers_in_the_same_place() -> None:
    office = _between_check_and_decision("Further information received")
    guide = _between_check_and_decision("You send us the missing documents")
    d = diff_models(office, guide, language="en")
    assert [(m.a, m.b) for m in d.matches if m.a == ("X",)] == [(("X",), ("X",))]
    assert not d.uncertain


def test_a_further_hearing_is_left_a_question() -> None:
    # the weak case: "further" before "hearing" is not the group; the place alone does not pair them
    office = _between_check_and_decision("Hold a further hearing")
    guide = _between_check_and_decision("You send us the missing documents")
    d = diff_models(office, guide, language="en")
    assert not [m for m in d.matches if m.a == ("X",)]
    assert sorted((u.side, u.step) for u in d.uncertain) == [("a", "X"), ("b", "X")]
