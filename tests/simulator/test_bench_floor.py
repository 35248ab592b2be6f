"""The engine benchmark's floors (bench/mm1_simpy.py): the variant that feeds the engine's
summary runs the same customers as the plain floor, only keeping more figures."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from mm1_simpy import mm1, mm1_summary  # noqa: E402


def test_floor_with_summary_is_the_same_queue() -> None:
    plain = mm1(1500, seed=3)
    summary = mm1_summary(1500, seed=3)
    count, wait, work, _elapsed = summary.steps["Task_Serve"]  # type: ignore[attr-defined]
    assert count == 1500 and summary.cases == 1500  # type: ignore[attr-defined]
    assert wait / count == plain["mean_wait"]  # the same waits, added in the same order
    assert work > 0 and summary.s2d.count == 1500  # type: ignore[attr-defined]
