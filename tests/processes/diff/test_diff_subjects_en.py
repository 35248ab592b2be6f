"""An English label's performer named as its subject is not the work (subjects.without_performer_subject):
"We check your application is complete", "Our licensing inspector inspects your premises"."""

from __future__ import annotations

from processes.diff.matchtypes import what
from processes.diff.subjects import without_performer_subject
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import Step


def _what(label: str, lane: str = "") -> str:
    lex = Lexicon.build(builtin_synonyms(), [label], language="en")
    return what(lex, Step("T", label, "task", "task", lane), "en")


def test_the_speaker_or_reader_as_subject_is_left_out() -> None:
    assert without_performer_subject("We check your application is complete", "en") == (
        "check your application is complete"
    )
    assert without_performer_subject("You pay the annual licence fee", "en") == "pay the annual licence fee"
    # a verb of receiving keeps its subject: the work is for the reader
    assert without_performer_subject("You receive the decision", "en") == "You receive the decision"


def test_a_role_as_subject_before_a_finite_verb_loses_its_head_and_determiner() -> None:
    assert without_performer_subject("The Licensing Committee hears you and the objectors", "en") == (
        "Licensing hears you and the objectors"
    )
    assert without_performer_subject("Board gives notice to neighbours", "en") == "gives notice to neighbours"
    # a plural head takes the plain verb form before its object
    assert without_performer_subject(
        "Our environmental health officers check your food business registration", "en"
    ) == "environmental health check your food business registration"
    # a word of the step's own lane is a role too
    assert without_performer_subject("The team books the hearing room", "en", "Licensing team") == (
        "books the hearing room"
    )


def test_a_noun_phrase_or_a_role_as_object_stays_whole() -> None:
    for label in (
        "Licensing Committee hearing",  # no verb
        "Notify the police",  # the role is the object
        "Police report rec'd (vetting)",  # "report" is no verb before a participle
        "Committee papers circulated",
        "The applicant receives the decision",  # receiving
        "Email applicant - missing info",
    ):
        assert without_performer_subject(label, "en") == label


def test_only_english_labels_are_read() -> None:
    assert without_performer_subject("We check your application is complete", "sv") == (
        "We check your application is complete"
    )


def test_what_a_step_is_leaves_the_subject_out() -> None:
    assert _what("We check your application is complete", "Council licensing team") == (
        "check your application is complete"
    )
    # the weak case: a subject whose verb cannot be told from a noun stays whole
    assert _what("Police report received", "Licensing officer") == "Police report received"
