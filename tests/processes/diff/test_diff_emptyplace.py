"""A step alone in a stretch the other model leaves empty (emptyplace.py, tiers.py): with no other
candidate, it is asked "may be part of" the correspondences around it when its label shares a word
with theirs or names a stage their labels name; a step with neither stays only in its model, and a
place where the other model has a step left over is not this rule's."""

from __future__ import annotations

from diffbuilders import candidates, model, only

from processes.diff import diff_models
from processes.diff.emptyplace import empty_in_other


def _pair(review: str, *, a_extra: str = ""):
    steps = [("S", "start", ""), ("A0", "userTask", "Ta emot ansökan")]
    chain = "S A0"
    if a_extra:
        steps.append(("AX", "userTask", a_extra))
        chain += " AX"
    steps += [
        ("A1", "userTask", "Utredning och förslag till beslut"),
        ("A2", "userTask", "Nämnden beslutar"),
        ("E", "end", ""),
    ]
    a = model(steps, chain=chain + " A1 A2 E")
    b = model(
        [
            ("S", "start", ""),
            ("B0", "userTask", "Ta emot ansökan"),
            ("B1", "userTask", review),
            ("B2", "manualTask", "Platsbesök på serveringsstället"),
            ("B3", "userTask", "Skriva utredning med förslag till beslut"),
            ("B4", "userTask", "Nämnden beslutar"),
            ("E", "end", ""),
        ],
        chain="S B0 B1 B2 B3 B4 E",
    )
    return diff_models(a, b)


def test_a_place_is_empty_only_when_bounded_and_nothing_of_the_other_model_stands_there() -> None:
    here = (frozenset({0}), frozenset({1}))
    assert empty_in_other(here, {"y": (frozenset({1}), frozenset({2}))})
    assert not empty_in_other(here, {"y": (frozenset({0}), frozenset({1, 2}))})
    assert not empty_in_other((frozenset(), frozenset({1})), {})


def test_a_review_of_conduct_two_steps_before_the_investigation_is_asked_about_it() -> None:
    # sv-r20 p73's shape: the review names the investigation's stage, the site visit stands between
    d = _pair("Vandelsprövning av sökanden")
    assert ("A1",) in [m.a for m in d.matches if m.b == ("B3",)]
    (c,) = candidates(d, "b", "B1")
    assert c.ids == ("A1",)
    assert c.reasons == (
        "may be part of Skriva utredning med förslag till beslut ↔ Utredning och förslag till beslut "
        "(nothing left over in its place in the other model; the same stage: investigation)",
    )
    assert "b:B1" not in only(d)


def test_a_step_with_no_word_or_stage_of_theirs_stays_only() -> None:
    d = _pair("Beställa kaffe till mötet")
    assert candidates(d, "b", "B1") == []
    assert "b:B1" in only(d)


def test_a_step_left_over_in_the_other_model_makes_the_place_not_empty() -> None:
    d = _pair("Beställa kaffe till mötet", a_extra="Arkivera handlingar")
    assert not any("nothing left over" in r for c in candidates(d, "b", "B1") for r in c.reasons)
