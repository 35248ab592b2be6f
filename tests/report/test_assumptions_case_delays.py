"""The report's Assumptions table lists ``simulation.case_delays`` (found by QA: a calibrated profile's
correlation of a case's delays, with its source, changed every simulated case and was not in the table)."""

from __future__ import annotations

import copy

from report.assumptions import assumption_tables
from scenarios.bases import library_base


def test_the_assumptions_table_lists_a_calibrated_case_delays_correlation_with_its_source() -> None:
    profile = copy.deepcopy(dict(library_base("helsingborg", source="test", line=None).profile))
    profile["simulation"] = dict(profile["simulation"])
    profile["simulation"]["case_delays"] = {"correlation": 0.35, "source": "log cases.csv (2000 cases)",
                                            "note": "correlation of the normal scores"}
    (table,) = assumption_tables({"helsingborg": profile}, {"en": {}, "sv": {}}, None)
    rows = [r for r in table["rows"] if r["path"].startswith("simulation.case_delays")]
    assert [(r["path"], r["value"], r["basis"], r["why"]) for r in rows] == [
        ("simulation.case_delays.correlation", {"en": "0.35", "sv": "0,35"}, "source", "log cases.csv (2000 cases)")]
    assert rows[0]["words"]["sv"] == "hur starkt ett ärendes väntetider följs åt (korrelation)"
    (plain,) = assumption_tables({"helsingborg": dict(library_base("helsingborg", source="test", line=None).profile)},
                                 {"en": {}, "sv": {}}, None)
    assert not [r for r in plain["rows"] if "case_delays" in r["path"]]  # none without the key
