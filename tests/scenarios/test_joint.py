"""simulator.joint: several processes in one environment sharing pools (joint unit, handled-by)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bpmn_io.profile import read_profile
from bpmn_io.reader import read_bpmn
from processes.errors import SimulationError
from processes.model import FrozenMap
from simulator.engine import simulate
from simulator.joint import member_seed, merged_pool, simulate_joint

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def mini():
    process = read_bpmn(FIXTURES / "mini.bpmn").process()
    params = read_profile(FIXTURES / "mini.yaml").simulation
    busy = dataclasses.replace(params, arrivals=dataclasses.replace(params.arrivals, per_year=120.0))
    return process, busy


def max_overlap(intervals) -> int:
    events = sorted([(i.start, 1) for i in intervals] + [(i.end, -1) for i in intervals], key=lambda e: (e[0], e[1]))
    level = peak = 0
    for _t, step in events:
        level += step
        peak = max(peak, level)
    return peak


def officer_intervals(results):
    return [i for r in results.values() for i in r.intervals if i.pool == "officer" and i.end > i.start]


def test_without_sharing_each_member_is_its_own_simulation(mini) -> None:
    process, params = mini
    joint = simulate_joint([("north", process, params), ("south", process, params)], seed=5)
    alone = simulate(process, params, seed=member_seed(5, "south"))
    assert joint["south"].cases == alone.cases
    assert joint["north"].cases != joint["south"].cases  # members draw their own streams


def test_a_joint_unit_merges_the_pools_and_keeps_each_members_arrivals(mini) -> None:
    process, params = mini
    members = [("north", process, params), ("south", process, params)]
    joint = simulate_joint(members, seed=5, shared_pools={"officer": (("north", "south"), None)})
    again = simulate_joint(members, seed=5, shared_pools={"officer": (("north", "south"), None)})
    assert joint["north"].cases == again["north"].cases
    alone = simulate_joint(members, seed=5)
    for name in ("north", "south"):
        assert [c.arrival for c in joint[name].cases] == [c.arrival for c in alone[name].cases]
    # two officers (1 + 1) now serve both members' cases: never more than two at a time
    assert max_overlap(officer_intervals(joint)) <= 2
    assert {p.count for r in joint.values() for p in r.pools if p.pool == "officer"} == {2}


def test_a_provider_pool_serves_the_other_members_cases(mini) -> None:
    process, params = mini
    members = [("north", process, params), ("south", process, params)]
    alone = simulate_joint(members, seed=8)
    handled = simulate_joint(members, seed=8, shared_pools={"officer": (("north", "south"), "north")})
    assert max_overlap(officer_intervals(alone)) == 2  # two separate officers do overlap
    assert max_overlap(officer_intervals(handled)) == 1  # north's one officer does everything
    def officer_wait(results) -> float:
        return sum(a.start - a.enable for r in results.values() for a in r.activities if a.resource == "officer")

    assert officer_wait(handled) > officer_wait(alone)


def test_merged_pool_adds_counts_and_weights_fte_and_cost(mini) -> None:
    _process, params = mini
    officer = params.pools["officer"]
    a = dataclasses.replace(officer, count=2, fte=0.5, cost_per_hour=600.0, lanes=("L1",))
    b = dataclasses.replace(officer, count=1, fte=1.0, cost_per_hour=900.0, lanes=("L1", "L2"))
    m = merged_pool([a, b])
    assert (m.count, m.fte, m.cost_per_hour, m.lanes) == (3, pytest.approx(2 / 3), pytest.approx(700.0), ("L1", "L2"))


def test_shared_pools_must_name_members_and_pools(mini) -> None:
    process, params = mini
    with pytest.raises(SimulationError, match="no member named 'east'"):
        simulate_joint([("north", process, params), ("south", process, params)], seed=1,
                       shared_pools={"officer": (("north", "east"), None)})
    other = dataclasses.replace(params, pools=FrozenMap({k: v for k, v in params.pools.items() if k != "registry"}))
    with pytest.raises(SimulationError, match="'south' has no such pool"):
        simulate_joint([("north", process, params), ("south", process, other)], seed=1,
                       shared_pools={"registry": (("north", "south"), None)})


def test_a_member_that_fails_alone_is_named(mini) -> None:
    from bpmn_io.profile import apply_overrides, parse_profile
    from bpmn_io.yamlsrc import dump_yaml, load_yaml

    process, params = mini
    raw = load_yaml((FIXTURES / "mini.yaml").read_bytes(), source="mini.yaml").data
    broken = apply_overrides(raw, {"simulation.decision.bodies.committee.meetings": {"dates": ["2025-01-21"]}})
    bad = parse_profile(dump_yaml(broken), source="broken.yaml").simulation
    with pytest.raises(SimulationError) as err:
        simulate_joint([("north", process, params), ("south", process, bad)], seed=5)
    assert err.value.message.startswith("south: ") and "no meeting after" in err.value.message
