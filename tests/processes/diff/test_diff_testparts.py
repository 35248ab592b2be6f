"""A step of one part of the knowledge test does not join a correspondence of another part
(testparts.py; the attach pass; bench/RESULTS-matching.md "Branch many27")."""

from __future__ import annotations

from diffbuilders import linear

from processes.diff import diff_models

_A = ["Registrera ansökan", "Kunskapsprov", "Fatta beslut"]


def _diff(b: list[str]) -> tuple[list[tuple[tuple[str, ...], tuple[str, ...]]], list[tuple[str, str, list[tuple[str, ...]]]], list[str]]:
    d = diff_models(linear(_A), linear(b))
    matches = [(m.a, m.b) for m in d.matches]
    uncertain = [(u.side, u.step, [c.ids for c in u.candidates]) for u in d.uncertain]
    only = [x.kind for x in d.differences if x.kind.startswith("only")]
    return matches, uncertain, only


def test_grading_does_not_join_the_correspondence_of_taking_the_test_and_is_asked_about() -> None:
    # "Kunskapsprov" ~ "Sökanden skriver kunskapsprovet" (take); the grading beside it names
    # another part of the test: uncertain, the test its first candidate, never "only in B"
    matches, uncertain, only = _diff(["Registrera ansökan", "Sökanden skriver kunskapsprovet",
                                      "Handläggaren rättar provet", "Fatta beslut"])
    assert (("T1",), ("T1",)) in matches and not [m for m in matches if "T2" in m[1]]
    assert uncertain == [("b", "T2", [("T1",)])]
    assert only == []
    d = diff_models(linear(_A), linear(["Registrera ansökan", "Sökanden skriver kunskapsprovet",
                                        "Handläggaren rättar provet", "Fatta beslut"]))
    assert d.uncertain[0].candidates[0].reasons[-1] == (
        "best by label, but of another part of the knowledge test (grade / take)"
    )


def test_a_step_naming_the_same_part_or_the_whole_test_still_joins() -> None:
    # the weak cases: a retest written as taking a test again names "take" too, and the
    # whole test ("Kunskapsprov i alkohollagen") names no part: both join as before
    matches, uncertain, _ = _diff(["Registrera ansökan", "Sökanden skriver kunskapsprovet", "Sökanden skriver omprov",
                                   "Fatta beslut"])
    assert (("T1",), ("T1", "T2")) in matches and uncertain == []
    matches, uncertain, _ = _diff(["Registrera ansökan", "Kunskapsprov i alkohollagen", "Kunskapsprovet genomförs",
                                   "Fatta beslut"])
    assert (("T1",), ("T1", "T2")) in matches and uncertain == []
