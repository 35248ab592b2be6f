"""English checking verbs as related words, only between steps left over in the same place
(processes/diff/related.py)."""

from __future__ import annotations

from diffbuilders import linear

from processes.diff import diff_models
from processes.diff.related import is_checking

_AROUND = ["Receive the application", "Hold the hearing", "Issue the licence"]


def _pair(step_a: str, step_b: str):
    return (
        linear([_AROUND[0], step_a, *_AROUND[1:]], prefix="A"),
        linear([_AROUND[0], step_b, *_AROUND[1:]], prefix="B"),
    )


def _found(d) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    return [(m.a, m.b, m.how) for m in d.matches if m.a[0] not in ("S", "A0", "A2", "A3", "E")]


def test_checking_words_are_recognised_in_their_verb_and_noun_forms() -> None:
    assert [is_checking(n) for n in ("Review the plan", "Verification of completeness", "Assessment", "Pay the fee")] == [
        True,
        True,
        True,
        False,
    ]


def test_a_check_and_other_work_in_the_same_place_stay_unpaired() -> None:
    d = diff_models(*_pair("Review the floor plan", "Collect the fee"))
    assert _found(d) == []
    assert {u.step for u in d.uncertain} == {"A1", "B1"}


def test_two_checks_in_different_places_are_not_paired() -> None:
    # the relation never counts across the model: one check before the hearing, one after
    a = linear(["Receive the application", "Review the floor plan", "Hold the hearing", "Issue the licence"], prefix="A")
    b = linear(["Receive the application", "Hold the hearing", "Verify the drawings", "Issue the licence"], prefix="B")
    d = diff_models(a, b)
    assert not [m for m in d.matches if "A1" in m.a or "B2" in m.b]
