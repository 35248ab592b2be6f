"""Figures as pure functions of records; streaming summaries; confidence intervals; replications."""

from __future__ import annotations

import math
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from bpmn_io.profile import apply_overrides, profile_from_data, read_profile
from bpmn_io.reader import read_bpmn
from simulator.engine import simulate
from simulator.runner import replicate
from simulator.stats import LogHistogram, confidence_interval, figures, linear_quantile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sim"


def mm1(cases: int):
    process = read_bpmn(FIXTURES / "mm1.bpmn").process()
    raw = apply_overrides(read_profile(FIXTURES / "mm1.yaml").raw, {"simulation.cases": cases})
    return process, profile_from_data(raw).simulation


def test_histogram_quantiles_are_within_the_documented_accuracy() -> None:
    xs = np.random.default_rng(3).exponential(1.0, 20_000)
    hist = LogHistogram()
    for x in xs:
        hist.add(float(x))
    for p in (0.5, 0.9, 0.95):
        # half a bin (0.25 %) plus the gap between neighbouring order statistics
        exact = float(np.quantile(xs, p))
        assert abs(hist.quantile(p) - exact) < 0.0026 * exact + 1e-3, p
    few = LogHistogram()
    for x in xs[:10]:
        few.add(float(x))
    assert few.quantile(0.9) == float(np.quantile(xs[:10], 0.9))  # exact while small


def test_summary_only_figures_agree_with_figures_from_records() -> None:
    process, params = mm1(3000)
    full = figures(simulate(process, params, seed=4, keep_records=True), fee=11700)
    lean = figures(simulate(process, params, seed=4, keep_records=False), fee=11700)
    assert full.keys() == lean.keys()
    for key, value in full.items():
        if key.endswith(("_median_days", "_p90_days", "_p95_days")):
            assert lean[key] == pytest.approx(value, rel=0.003), key  # histogram after 1000 cases
        else:
            assert lean[key] == pytest.approx(value, rel=1e-9, nan_ok=True), key
    assert full["cost_per_case"] == pytest.approx(600 * full["work_hours.Task_Serve"])
    assert full["cost_share_of_fee"] == pytest.approx(full["cost_per_case"] / 11700)


def test_summary_only_memory_does_not_grow_with_the_number_of_cases() -> None:
    def peak(cases: int) -> int:
        process, params = mm1(cases)
        tracemalloc.start()
        simulate(process, params, seed=1, keep_records=False)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(400), peak(4000)
    assert large < 1.5 * small + 100_000, (small, large)


def test_confidence_interval_is_student_t() -> None:
    mean, low, high = confidence_interval([1.0, 2.0, 3.0, 4.0], 0.95)
    half = 3.182446305284263 * math.sqrt(5 / 3 / 4)  # t(0.975, 3) * s / sqrt(n)
    assert (mean, low, high) == pytest.approx((2.5, 2.5 - half, 2.5 + half))
    assert math.isnan(confidence_interval([1.0])[1])


def test_replications_use_spawned_seed_sequences() -> None:
    process, params = mm1(50)
    runs = replicate(process, params, replications=3, seed=9, keep_records=True)
    again = simulate(process, params, seed=np.random.SeedSequence(9).spawn(3)[2])
    assert runs[2].cases == again.cases
    assert runs[0].cases != runs[1].cases


def test_a_horizon_run_observes_the_window_after_the_warmup() -> None:
    process = read_bpmn(FIXTURES / "mm1.bpmn").process()
    raw = read_profile(FIXTURES / "mm1.yaml").raw
    raw = {**raw, "simulation": {k: v for k, v in raw["simulation"].items() if k != "cases"}}
    params = profile_from_data(apply_overrides(raw, {"simulation.horizon": "26w", "simulation.warmup": "4w"})).simulation
    result = simulate(process, params, seed=3)
    assert result.warmup == 4 * 168 and result.horizon == 26 * 168
    assert all(c.arrival < 26 * 168 for c in result.cases)
    f = figures(result)
    assert f["cases"] == sum(1 for c in result.cases if c.arrival >= 4 * 168) < len(result.cases)
    assert abs(f["utilisation.server"] - 0.5) < 4 * math.sqrt(2 * 0.25 / f["cases"])


def test_the_t_quantile_table_is_scipys_stdtrit() -> None:
    from scipy.special import stdtrit

    from simulator.tquantile import T975, t_quantile

    assert T975 == tuple(float(stdtrit(df, 0.975)) for df in range(1, len(T975) + 1))
    assert t_quantile(0.975, 500) == float(stdtrit(500, 0.975))  # beyond the table: scipy, lazily
    assert t_quantile(0.995, 4) == float(stdtrit(4, 0.995))


def test_an_exact_summary_gives_the_figures_of_the_records_to_the_last_bit() -> None:
    """``keep_records=False, exact=True``: no record object, the very figures from the records (a
    case-count run, a horizon run with a warm-up, a library model with a deciding committee)."""
    from bpmn_io.library import load_entry

    entry = load_entry("helsingborg")
    runs = [mm1(2500), (read_bpmn(FIXTURES / "remiss.bpmn").process(), read_profile(FIXTURES / "remiss.yaml").simulation),
            (entry.definitions.process(), entry.profile.simulation)]
    for process, params in runs:
        for seed in (1, 7):
            kept = simulate(process, params, seed=seed)
            exact = simulate(process, params, seed=seed, keep_records=False, exact=True)
            assert exact.cases == () and exact.activities == ()
            assert repr(figures(exact, fee=11700)) == repr(figures(kept, fee=11700))
    lean = figures(simulate(*mm1(2500), seed=1, keep_records=False))  # the histogram after 1000 cases
    assert lean["submission_to_decision_p90_days"] != figures(simulate(*mm1(2500), seed=1))[
        "submission_to_decision_p90_days"]


def test_a_histogram_s_quantiles_follow_values_added_after_an_earlier_quantile() -> None:
    xs = [float(x) for x in np.random.default_rng(5).exponential(2.0, 700)]
    hist = LogHistogram(exact=True)
    for x in xs[:300]:
        hist.add(x)
    assert hist.quantile(0.9) == linear_quantile(xs[:300], 0.9)
    for x in xs[300:]:
        hist.add(x)
    assert [hist.quantile(p) for p in (0.5, 0.9, 0.95)] == [linear_quantile(xs, p) for p in (0.5, 0.9, 0.95)]
    hist.add(math.nan)
    assert math.isnan(hist.quantile(0.5))
