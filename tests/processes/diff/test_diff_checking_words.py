"""The checking verbs of English labels are one piece of work, as the Swedish list's granska group
(synonyms.yaml): "Completeness review" = "Verification of application completeness"."""

from __future__ import annotations

import pytest
from diffbuilders import model

from processes.diff import diff_models
from processes.diff.labelsim import label_similarity
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon


def _lex(*labels: str) -> Lexicon:
    return Lexicon.build(builtin_synonyms(), labels, language="en")


@pytest.mark.parametrize(
    "a,b",
    [
        ("Completeness review", "Verification of completeness"),
        ("Validate the form", "Check the form"),
        ("Assessment of the premises plan", "Examine the premises plan"),
    ],
)
def test_checking_words_are_one_word(a: str, b: str) -> None:
    assert label_similarity(_lex(a, b), a, b) == 1.0


def test_one_group_in_both_languages() -> None:
    lex = _lex("Granska ansökan", "Review the application")
    assert lex.terms("Granska ansökan", "sv") == ("=ansökan", "=granska")
    assert lex.terms("Review the application", "en") == ("=granska", "applic")


def test_what_is_checked_still_tells_steps_apart() -> None:
    # the checking verb is one term of three on each side
    lex = _lex("Review the hearing minutes", "Check the fee payment")
    assert label_similarity(lex, "Review the hearing minutes", "Check the fee payment") == pytest.approx(1 / 3, abs=1e-6)


def _office(steps: dict[str, str], chain: str) -> object:
    nodes = [("S", "start", "Application received"), *((k, "userTask", v) for k, v in steps.items()),
             ("E", "end", "Licence issued")]
    return model(nodes, chain=chain)


_CLERK = _office({"C": "Completeness review", "F": "Take the licence fee", "D": "Decide on the licence"}, "S C F D E")


def test_a_review_and_a_verification_of_one_thing_pair() -> None:
    # drawn in another order, with a step more: the words must say it
    other = {"V": "Verification of application completeness", "G": "Receive the fee", "H": "Hold a hearing",
             "D": "Decide on the licence"}
    d = diff_models(_CLERK, _office(other, "S G V H D E"))
    assert (("C",), ("V",)) in {(m.a, m.b) for m in d.matches}
    # the weak case: a check of something else is not the review, though both check: not paired
    other["V"] = "Check the fire safety certificate"
    d = diff_models(_CLERK, _office(other, "S G V H D E"))
    assert not [m for m in d.matches if "C" in m.a or "V" in m.b]
