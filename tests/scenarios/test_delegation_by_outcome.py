"""Scenarios set the decision level by outcome (officers grant, the committee refuses) as well as one level."""

from __future__ import annotations

from pathlib import Path

import pytest

from processes.errors import InputError
from scenarios.loader import read_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def test_the_shipped_scenario_lets_officers_grant_and_the_committee_refuse():
    scenario = read_scenario(SCENARIOS / "grants-delegated-to-officer.yaml")
    for member in scenario.points[0].members:
        decision = member.profile["simulation"]["decision"]
        assert decision["delegation"] == {"grant": "officer", "refusal": "committee"}
        assert decision["outcome_gateway"] == "Gw_Beslut"


def test_the_shipped_scenario_does_not_call_its_delegation_order_common_without_a_source():
    """The domain brief (§5) shows no municipality that lets officers grant and the committee refuse."""
    scenario = read_scenario(SCENARIOS / "grants-delegated-to-officer.yaml")
    assert "common delegation order" not in scenario.question
    assert "assumed" in scenario.question


@pytest.mark.parametrize("value,expected", [
    ("{grant: officer, refusal: mayor}",
     "set: simulation.decision.delegation={'grant': 'officer', 'refusal': 'mayor'}: "
     "unknown delegation level 'mayor' (expected one of officer, manager, chair, working_committee, "
     "committee)"),
    ("{grant: officer}", "missing key 'refusal' (a delegation by outcome names a level for both grant and refusal)"),
    ("{grant: officer, withdrawal: committee}", "unknown outcome 'withdrawal' (expected grant and refusal"),
])
def test_a_bad_delegation_by_outcome_is_one_precise_line(tmp_path: Path, value: str, expected: str):
    path = tmp_path / "bad.yaml"
    path.write_text(f"name: bad\nbase: helsingborg\nset:\n  simulation.decision.delegation: {value}\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_scenario(path)
    text = str(err.value)
    assert text.startswith(f"{path}:4: ") and expected in text
    assert "\n" not in text


def test_one_outcome_can_be_set_on_its_own_once_the_order_is_by_outcome(tmp_path: Path):
    path = tmp_path / "refusals.yaml"
    path.write_text("name: refusals\nbase: helsingborg\nset:\n"
                    "  simulation.decision.delegation: {grant: officer, refusal: committee}\n"
                    "  simulation.decision.delegation.refusal: working_committee\n", encoding="utf-8")
    (member,) = read_scenario(path).points[0].members
    assert member.profile["simulation"]["decision"]["delegation"] == {"grant": "officer",
                                                                      "refusal": "working_committee"}


@pytest.mark.parametrize("line,expected", [
    ("simulation.steps.Task_X.duration: 2h",
     "set: simulation.steps.Task_X.duration='2h': unknown key 'steps' in simulation (expected one of start,"),
    ("simulation.arrivals.seasonality.15: 2",
     "set: simulation.arrivals.seasonality.15=2: simulation.arrivals.seasonality is a list of 12 items "
     "(expected an index 0..11, got 15)"),
])
def test_a_path_that_leads_nowhere_is_said_once_as_the_file_writes_it(tmp_path: Path, line: str, expected: str):
    # found by the lead after qanumbers: a value the profile refused read "set: path=value: reason", a path
    # leading nowhere still "set: override simulation.steps…=…: …" (the word and the path said the old way)
    path = tmp_path / "bad.yaml"
    path.write_text(f"name: bad\nbase: helsingborg\nset:\n  {line}\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_scenario(path)
    assert str(err.value).startswith(f"{path}:4: {expected}")
    assert "override" not in str(err.value)
