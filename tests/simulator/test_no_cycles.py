"""A finished case leaves no reference cycle behind: its objects are freed by reference
counting when its last token ends, so the cyclic garbage collector has nothing to do per case
(it used to find a Case and its Scope, which pointed at each other, for every case)."""

from __future__ import annotations

import gc
from collections import Counter
from pathlib import Path

import pytest

from bpmn_io.library import load_entry
from bpmn_io.profile import apply_overrides, profile_from_data, read_profile
from bpmn_io.reader import read_bpmn
from simulator.engine import simulate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sim"


def cyclic_garbage(run: object) -> Counter[str]:
    """Types of the objects only the cycle collector frees after ``run()``."""
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        result = run()  # type: ignore[operator]
        del result
        gc.collect()
        return Counter(type(o).__name__ for o in gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()


@pytest.mark.parametrize("keep", [False, True])
def test_mm1_cases_leave_no_cycles(keep: bool) -> None:
    process = read_bpmn(FIXTURES / "mm1.bpmn").process()
    raw = apply_overrides(read_profile(FIXTURES / "mm1.yaml").raw, {"simulation.cases": 400})
    params = profile_from_data(raw).simulation
    garbage = cyclic_garbage(lambda: simulate(process, params, seed=3, keep_records=keep))
    assert garbage["Case"] == 0 and garbage["Scope"] == 0, garbage
    # what is left is the run's own few objects (environment, pools), not a number per case
    assert sum(garbage.values()) < 100, garbage


def test_permit_cases_leave_no_cycles() -> None:
    entry = load_entry("helsingborg")
    raw = entry.profile.raw
    data = {**raw, "simulation": {k: v for k, v in raw["simulation"].items() if k != "horizon"}}
    data["simulation"]["cases"] = 60
    params = profile_from_data(data).simulation
    process = entry.definitions.process()
    garbage = cyclic_garbage(lambda: simulate(process, params, seed=5, keep_records=False))
    assert garbage["Case"] == 0 and garbage["Scope"] == 0, garbage
