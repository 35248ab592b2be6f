"""The how-sure table calls a change's conclusion held only where the report highlights the change, as the answers
do (found by QA: a conclusion read "yes" for a change whose table cell the report leaves plain)."""

from __future__ import annotations

from report.chance import Highlights
from report.howsure import how_sure

KEY = "hbg/complete_to_decision_mean_days"


def _uncertainty() -> dict:
    noise = {"mean": -0.5, "ci": [-0.9, -0.1]}
    conclusion = {"direction": "lower", "holds": True, "share_same_direction": 1.0, "points": 8, "at_least": 0.2,
                  "across": {"min": -1.4, "max": -0.2}, "nominal": {**noise, "significant": True}}
    return {"points": 8, "seed": 1, "factors": [], "scenarios": {"more-staff": {
        "baseline": "status-quo", "members": ["hbg"], "drivers": {}, "failures": [],
        "figures": {KEY: {"noise": noise, "noise_and_assumptions": {"median": -0.6, "low": -1.4, "high": -0.2}}},
        "conclusions": {KEY: conclusion}}}}


def test_a_conclusion_holds_in_the_report_only_where_its_change_is_highlighted() -> None:
    towns = {"en": {"hbg": "Helsingborg"}, "sv": {"hbg": "Helsingborg"}}
    kept = Highlights(20, 1, frozenset({("more-staff", 0, KEY)}))
    (row,) = how_sure(_uncertainty(), towns, chance=kept)[0]["rows"]
    assert (row["holds"], row["chance"]) == (True, False)
    plain = Highlights(20, 1, frozenset())
    (row,) = how_sure(_uncertainty(), towns, chance=plain)[0]["rows"]
    assert (row["holds"], row["chance"]) == (False, True)
    assert row["conclusion"]["holds"] is True  # uncertainty.json's own verdict, which the report reads, is kept
