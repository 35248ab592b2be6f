"""The settling runs' count (:mod:`scenarios.samplesize`, :func:`scenarios.settle.settle_projection`) checked
against what it claims, each from something it does not use itself: the textbook sample-size formula (computed
here with the standard library's normal), the noncentral t distribution's exact power, the exact
(Clopper-Pearson) interval case by case, and seeded simulation of the runs it projects.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pytest
from scipy.stats import binom, nct
from scipy.stats import t as student

from scenarios.candidate_run import Run, clopper_pearson
from scenarios.compare import estimate
from scenarios.goal import JOINT_LEVEL, MOST_SETTLE, Target
from scenarios.samplesize import clear_chance, replications_for_cases, replications_to_clear
from scenarios.settle import Projection, settle_projection

MEAN = Target(share=None, mean_days=60.0)


@pytest.mark.parametrize(("sigma", "delta", "level", "power"),
                         [(10.0, 5.0, 0.95, 0.8), (3.0, 1.0, 0.99, 0.9), (1.0, 0.1, 0.95, 0.5), (8.0, 8.0, 0.95, 0.8)])
def test_with_a_known_sigma_the_count_is_the_textbook_sample_size(sigma: float, delta: float, level: float,
                                                                  power: float) -> None:
    # n = ((z_(1-a/2) + z_power) * sigma / delta)**2, rounded up: 10 at 5 days off with sigma 10 gives 31.4 -> 32
    z = NormalDist()
    textbook = math.ceil(((z.inv_cdf((1 + level) / 2) + z.inv_cdf(power)) * sigma / delta) ** 2)
    assert replications_to_clear(sigma, delta, level, power, known=True, most=10**6) == max(2, textbook)


def test_the_hand_computed_case() -> None:
    assert replications_to_clear(10.0, 5.0, 0.95, 0.8, known=True, most=2000) == 32  # (1.960 + 0.842)**2 * 4


@pytest.mark.parametrize(("sigma", "delta", "level", "power"),
                         [(10.0, 5.0, 0.95, 0.8), (3.0, 1.0, 0.99, 0.9), (6.455, 2.5, 0.95, 0.8), (1.0, 1.0, 0.95, 0.8)])
def test_with_a_spread_from_the_runs_the_count_has_the_t_intervals_power(sigma: float, delta: float, level: float,
                                                                         power: float) -> None:
    # the exact chance that the Student-t interval's bad end clears the target: the noncentral t's tail; the
    # quantile formula is an approximation of it, within half a percentage point here
    n = replications_to_clear(sigma, delta, level, power, most=10**6)
    assert n is not None

    def exact(k: int) -> float:
        return float(nct.sf(student.ppf((1 + level) / 2, k - 1), k - 1, delta * math.sqrt(k) / sigma))

    assert exact(n) >= power - 0.005 and exact(n - 1) < power + 0.005


def test_projected_runs_of_normal_data_settle_it_as_often_as_promised() -> None:
    rng = np.random.default_rng(7)
    sigma, truth = 10.0, 55.0  # five days under a 60-day target
    n = replications_to_clear(sigma, 60.0 - truth, JOINT_LEVEL, 0.8, most=MOST_SETTLE)
    assert n is not None
    tries = 2000
    settled = sum(MEAN.met(MEAN.bad_end(estimate(list(truth + rng.normal(0.0, sigma, n)))))
                  for _ in range(tries))
    # the exact power is 0.80-0.81 (test above); Binomial(2000, 0.8)'s sd is 0.9 points: 4 of them either side
    assert abs(settled / tries - 0.8) < 0.04


@pytest.mark.parametrize("cases", [1, 10, 30, 72, 73, 150, 400])
@pytest.mark.parametrize("target", [0.5, 0.9, 0.95])
def test_the_cases_chance_counts_the_exact_intervals_that_clear_the_target(cases: int, target: float) -> None:
    clearing = [k for k in range(cases + 1) if clopper_pearson(k, cases, level=0.95)[0] >= target]
    expected = binom.sf(clearing[0] - 1, cases, 0.97) if clearing else 0.0
    assert float(clear_chance(cases, 0.97, target, 0.95)) == pytest.approx(expected, abs=1e-12)


def test_cases_that_vary_from_run_to_run_ask_for_more_runs_than_their_average() -> None:
    # every case within: 72 cases clear 95 % (0.95**72 <= 0.025); at 8 a run, 9 runs on average, but the count
    # varies (Poisson), so 80 % of the time takes more; known only from 6 runs, more still
    sure_average = replications_for_cases(8.0, 10**9, 1.0, 0.95, 0.95, 0.8, most=2000)
    assert sure_average is not None and sure_average > math.ceil(72 / 8)
    assert (replications_for_cases(8.0, 6, 1.0, 0.95, 0.95, 0.8, most=2000) or 0) > sure_average
    rng = np.random.default_rng(11)
    reached = int(np.sum(rng.poisson(8.0 * sure_average, 4000) >= 72)) / 4000
    assert 0.8 <= reached < 0.8 + 0.1  # not far above 80 % either: the count is the fewest that reaches it


def test_no_number_is_projected_for_a_figure_on_the_target_and_the_reason_is_said() -> None:
    def run(values: list[float]) -> Run:
        return Run(values, estimate(values), None)

    assert settle_projection(run([58.0, 62.0, 59.0, 61.0]), MEAN, JOINT_LEVEL) == Projection(None, "on the target")
    assert settle_projection(run([61.0, 63.0, 62.0]), MEAN, JOINT_LEVEL) == Projection(None, "misses")
    assert settle_projection(run([50.0, math.nan, math.nan]), MEAN, JOINT_LEVEL) == Projection(None, "few runs")
    assert settle_projection(run([40.0, 79.8, 45.0, 74.6]), MEAN, JOINT_LEVEL) == Projection(None, "beyond")
    with pytest.raises(ValueError, match="a number or a reason"):
        Projection(None)
    # a share whose process decided every case within the deadline: its cases' exact interval sets the count
    share = Target(share=0.95)
    every = Run([1.0] * 6, estimate([1.0]), ((16, 16),))
    projection = settle_projection(every, share, JOINT_LEVEL)
    assert projection.replications == replications_for_cases(16 / 6, 6, 1.0, 0.95, JOINT_LEVEL, 0.8, most=MOST_SETTLE)
    on = Run([1.0, 0.9, 0.95, 0.95], estimate([1.0]), ((19, 20),))
    assert settle_projection(on, share, JOINT_LEVEL) == Projection(None, "on the target")
