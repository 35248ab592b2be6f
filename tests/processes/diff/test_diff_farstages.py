"""A pair across two distant stages of the case (farstages.py, stages.CASE_ORDER): a pair of tasks
whose labels name stages that are not neighbours in a case's order, below the strong label bar, is
taken out of the matched tier and its steps asked about each other; neighbouring stages, a stage
with no place in the order (fees) and a pair with strong label evidence stay matched.

The first test fails without the rule (checked by disabling it)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.stages import CASE_ORDER, builtin_stages, far_apart


def _pair(mine: str, theirs: str):
    a = model(
        [("S", "start", ""), ("A0", "userTask", "Open the file"), ("A1", "userTask", mine),
         ("A2", "userTask", "Committee decides"), ("E", "end", "")],
        chain="S A0 A1 A2 E",
    )
    b = model(
        [("S", "start", ""), ("B0", "userTask", "Open the file"), ("B1", "userTask", theirs),
         ("B2", "userTask", "Committee decides"), ("E", "end", "")],
        chain="S B0 B1 B2 E",
    )
    return diff_models(a, b)


def _pairs(d):
    return sorted((m.a, m.b) for m in d.matches)


def _asked(d, side, step):
    return [(c.ids, c.reasons[-1]) for u in d.uncertain if (u.side, u.step) == (side, step) for c in u.candidates]


def test_a_registration_and_a_draft_are_asked_about_not_matched() -> None:
    # intake and write-up, with completeness and the investigation between; "request" alone joins them
    d = _pair("Log the request", "Draft the request")
    assert (("A1",), ("B1",)) not in _pairs(d)
    why = "matched at 0.67, but the labels name stages far apart in a case: intake / write-up"
    assert _asked(d, "a", "A1") == [(("B1",), why)]
    assert _asked(d, "b", "B1") == [(("A1",), why)]
    assert not [x for x in d.differences if x.kind.startswith("only_in")]


def test_neighbouring_stages_stay_matched() -> None:
    # intake and completeness are neighbours: a step drawn at the border of the two
    d = _pair("Log the request", "Check the request is complete")
    assert (("A1",), ("B1",)) in _pairs(d)
    assert _asked(d, "a", "A1") == []


def test_a_stage_with_no_place_in_the_order_stays_matched() -> None:
    # a fee is paid at any point of a case: no distance to measure
    assert far_apart("intake", "fees") is False
    d = _pair("Log the request", "Pay the request fee")
    assert not any("far apart" in why for u in d.uncertain for c in u.candidates for why in c.reasons)


def test_the_order_places_only_stages_the_file_names() -> None:
    assert set(CASE_ORDER) <= set(builtin_stages().names)
    assert set(builtin_stages().names) - set(CASE_ORDER) == {"advice", "fees"}
    assert far_apart("intake", "decision") and not far_apart("decision", "notice")
