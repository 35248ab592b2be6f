"""The engine against queueing theory: M/M/1 and M/M/c written as BPMN (tests/fixtures/sim/mm1.bpmn).

Each check states its tolerance as a multiple (4) of a standard error known in
advance or measured from independent replications, so a correct engine fails
with probability well under 1e-4 per check, and the seeds are fixed.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from bpmn_io.profile import apply_overrides, profile_from_data, read_profile
from bpmn_io.reader import read_bpmn
from simulator.engine import simulate
from simulator.stats import confidence_interval, figures, replicate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sim"
HOURS_PER_YEAR = 8760.0  # mm1.yaml weighs months by their days: a 365-day year


def mmc(count: int, rate_per_hour: float, cases: int):
    process = read_bpmn(FIXTURES / "mm1.bpmn").process()
    raw = read_profile(FIXTURES / "mm1.yaml").raw
    raw = apply_overrides(raw, {
        "simulation.pools.server.count": count,
        "simulation.arrivals.per_year": rate_per_hour * HOURS_PER_YEAR,
        "simulation.cases": cases,
    })
    return process, profile_from_data(raw).simulation


def erlang_c_wait(c: int, lam: float, mu: float) -> float:
    """Mean wait in queue Wq of M/M/c (Erlang C)."""
    a = lam / mu
    rho = a / c
    top = a**c / math.factorial(c) / (1 - rho)
    p_wait = top / (sum(a**k / math.factorial(k) for k in range(c)) + top)
    return p_wait / (c * mu - lam)


def test_mm1_waiting_time_and_utilisation_match_theory() -> None:
    # rho = 0.5, mu = 1/h: Wq = rho / (mu - lam) = 1 h, utilisation 0.5.
    n = 20_000
    process, params = mmc(1, 0.5, n)
    f = figures(simulate(process, params, seed=20251127, keep_records=False))
    rho = 0.5
    # Daley (1968): the mean of n successive M/M/1 waits has variance
    # rho (2 + 5 rho - 4 rho^2 + rho^3) / (mu^2 (1 - rho)^4) / n  (= 29/n h^2 here): SE 0.038 h.
    se_wait = math.sqrt(rho * (2 + 5 * rho - 4 * rho**2 + rho**3) / (1 - rho) ** 4 / n)
    assert abs(f["wait_days.Task_Serve"] * 24 - 1.0) < 4 * se_wait
    # Utilisation = offered work / time: a compound Poisson sum, variance 2 rho^2 / n for exponential work.
    se_util = math.sqrt(2 * rho**2 / n)
    assert abs(f["utilisation.server"] - rho) < 4 * se_util
    # Little's law ties the queue length to the wait: Lq = lam Wq.
    assert math.isclose(f["queue_length.server"], 0.5 * f["wait_days_pool.server"] * 24, rel_tol=0.02)


def test_mmc_waiting_time_matches_erlang_c() -> None:
    c, lam = 3, 2.1  # rho = 0.7
    theory = erlang_c_wait(c, lam, 1.0)  # 0.4509 h
    process, params = mmc(c, lam, 3000)
    runs = replicate(process, params, replications=8, seed=7)
    waits = [figures(r)["wait_days.Task_Serve"] * 24 for r in runs]
    mean, low, high = confidence_interval(waits)
    se = (high - mean) / 2.365  # t(0.975, 7)
    assert se < 0.1 * theory  # the check below is not vacuous
    assert abs(mean - theory) < 4 * se
    utilisation = np.mean([figures(r)["utilisation.server"] for r in runs])
    rho = lam / c
    assert abs(utilisation - rho) < 4 * math.sqrt(2 * rho**2 / (3000 * 8))  # offered work, as for M/M/1
