"""A case still open when the run ends is recorded once: Python closing its token's generator afterwards
(when it collects the run) does not record it again. It raised KeyError in the token's ``finally``, printed as
"Exception ignored in: <generator object _Run.token>" tracebacks, 55 under one `discover --validate` of a
Swedish export whose discovered model left cases open (found by QA, 2026-12-07)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from bpmn_io.profile import apply_overrides, profile_from_data, read_profile
from bpmn_io.reader import read_bpmn
from simulator.engine import simulate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sim"


@pytest.mark.parametrize("keep_records, exact", [(True, False), (False, False), (False, True)])
def test_a_case_open_at_the_end_is_not_recorded_again_when_its_generator_is_closed(
        monkeypatch: pytest.MonkeyPatch, keep_records: bool, exact: bool) -> None:
    caught: list[BaseException | None] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: caught.append(unraisable.exc_value))
    process = read_bpmn(FIXTURES / "mm1.bpmn").process()
    # three applications, each served for 30 years: all three are still open when the run's 20 years of
    # draining are over
    raw = apply_overrides(read_profile(FIXTURES / "mm1.yaml").raw, {
        "simulation.cases": 3, "simulation.elements.Task_Serve.duration": {"dist": "fixed",
                                                                           "value": "263000h"}})
    result = simulate(process, profile_from_data(raw).simulation, seed=1, keep_records=keep_records,
                      exact=exact)
    if keep_records:
        assert len(result.cases) == 3
    del result
    gc.collect()
    assert caught == []
