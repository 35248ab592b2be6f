"""A free pool member taken without simpy's request/release events, and token processes
started at once and ended without an event, change nothing: the same records, event log
and figures with these fast paths on and off."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from bpmn_io.library import library_names, load_entry
from bpmn_io.profile import apply_overrides, profile_from_data, read_profile
from bpmn_io.reader import read_bpmn
from simulator import tokenprocess, workplace
from simulator.engine import simulate
from simulator.eventlog import to_csv
from simulator.stats import figures

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sim"


def both_ways(monkeypatch: pytest.MonkeyPatch, process: Any, params: Any, seed: int) -> tuple[Any, Any]:
    monkeypatch.setattr(workplace, "FREE_MEMBER_FAST_PATH", True)
    monkeypatch.setattr(tokenprocess, "QUIET_TOKENS", True)
    fast = simulate(process, params, seed=seed)
    monkeypatch.setattr(workplace, "FREE_MEMBER_FAST_PATH", False)
    monkeypatch.setattr(tokenprocess, "QUIET_TOKENS", False)
    slow = simulate(process, params, seed=seed)
    return fast, slow


def assert_same(fast: Any, slow: Any, start: Any) -> None:
    assert fast.cases == slow.cases
    assert fast.activities == slow.activities
    assert fast.intervals == slow.intervals
    assert fast.meetings == slow.meetings
    assert to_csv(fast, start) == to_csv(slow, start)
    assert figures(fast) == figures(slow)


@pytest.mark.parametrize("servers,per_year", [(1, 4380.0), (3, 3 * 7000.0)])
def test_mmc_is_unchanged(monkeypatch: pytest.MonkeyPatch, servers: int, per_year: float) -> None:
    process = read_bpmn(FIXTURES / "mm1.bpmn").process()
    raw = apply_overrides(read_profile(FIXTURES / "mm1.yaml").raw, {
        "simulation.pools.server.count": servers, "simulation.arrivals.per_year": per_year,
        "simulation.cases": 3000})
    params = profile_from_data(raw).simulation
    fast, slow = both_ways(monkeypatch, process, params, seed=4)
    assert_same(fast, slow, params.start)
    assert any(a.start > a.enable for a in fast.activities)  # some steps queued: both paths ran


@pytest.mark.parametrize("name", library_names())
def test_library_models_are_unchanged(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    entry = load_entry(name)
    raw = copy.deepcopy(entry.profile.raw)
    raw["simulation"].pop("horizon", None)
    raw["simulation"]["cases"] = 150
    params = profile_from_data(raw).simulation
    fast, slow = both_ways(monkeypatch, entry.definitions.process(), params, seed=7)
    assert_same(fast, slow, params.start)
