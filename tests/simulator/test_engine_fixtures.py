"""BPMN fixture files read with bpmn_io, simulated, and checked against hand computation."""

from __future__ import annotations

from pathlib import Path

from bpmn_io.profile import apply_overrides, profile_from_data, read_profile
from bpmn_io.reader import read_bpmn
from simulator.engine import simulate, simulate_many

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sim"
PROCESS = read_bpmn(FIXTURES / "remiss.bpmn").process()
RAW = read_profile(FIXTURES / "remiss.yaml").raw


def params(**overrides):
    return profile_from_data(apply_overrides(RAW, overrides)).simulation


def hour(day: int, at: float) -> float:
    """Hours from Monday 2025-01-06 00:00 to day ``day`` (0-based) at ``at``."""
    return day * 24.0 + at


def test_only_the_police_referral_then_the_committee() -> None:
    # Police answers Mon 2025-01-20 09:00 (day 14). Cut-off of the 2025-01-28 meeting is 2025-01-18 13:00:
    # missed -> meeting 2025-02-18 13:00 (day 43), decision the next day.
    r = simulate(PROCESS, params(), seed=1)
    case = r.cases[0]
    assert (case.complete, case.decision) == (hour(0, 9), hour(44, 13))
    beslut = next(a for a in r.activities if a.element == "Task_Beslut")
    assert (beslut.enable, beslut.start, beslut.resource) == (hour(14, 9), hour(43, 13), "committee")
    assert not any(a.element == "Task_Skatt" for a in r.activities)


def test_inclusive_join_waits_for_the_tax_agency_when_it_was_asked() -> None:
    # Both referrals: the join waits for the tax agency (day 35, Mon 2025-02-10 09:00); cut-off of
    # 2025-02-18 was 2025-02-08 13:00: missed -> meeting 2025-03-11 (day 64).
    r = simulate(PROCESS, params(**{"simulation.elements.Gw_Remiss.probabilities":
                                    {"Flow_Polis+Flow_Skatt": 1.0}}), seed=1)
    beslut = next(a for a in r.activities if a.element == "Task_Beslut")
    assert (beslut.enable, beslut.start) == (hour(35, 9), hour(64, 13))
    assert sum(1 for a in r.activities if a.element == "Task_Beslut") == 1


def test_delegation_to_the_officer_is_one_parameter() -> None:
    # The officer works 08-16 with Swedish holidays: ready Mon 2025-01-20 09:00, 2 h of work -> 11:00.
    r = simulate(PROCESS, params(**{"simulation.decision.delegation": "officer"}), seed=1)
    beslut = next(a for a in r.activities if a.element == "Task_Beslut")
    assert (beslut.start, beslut.end, beslut.resource) == (hour(14, 9), hour(14, 11), "officer")
    assert r.cases[0].decision == hour(14, 11)


def test_two_processes_sharing_a_pool_wait_for_each_other() -> None:
    officer = params(**{"simulation.decision.delegation": "officer"})
    alone = simulate_many([("a", PROCESS, officer, 1), ("b", PROCESS, officer, 2)], shared_pools={})
    served = simulate_many([("a", PROCESS, officer, 1), ("b", PROCESS, officer, 2)],
                           shared_pools={"officer": (("b",), "a")})
    # a's single officer serves b too: one decision at 09:00, the other after it, at 11:00-13:00
    starts = sorted(a.start for r in served.values() for a in r.activities if a.element == "Task_Beslut")
    assert starts == [hour(14, 9), hour(14, 11)]
    assert {a.start for r in alone.values() for a in r.activities if a.element == "Task_Beslut"} == {hour(14, 9)}
