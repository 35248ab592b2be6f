"""Arrivals: seasonal Poisson by inversion of the monthly intensity, and replay."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from processes.errors import SimulationError
from processes.params import Arrivals
from simulator.arrivals import arrival_times, expected_count, replayed_times

START = dt.date(2025, 1, 1)
YEAR = 8760.0  # 2025 has 365 days
SEASON = (0.8, 0.8, 1.0, 1.3, 1.4, 1.2, 0.8, 0.8, 1.1, 1.0, 0.9, 0.9)
SEEDS = 400


def month_bounds(year: int, month: int) -> tuple[float, float]:
    origin = dt.datetime(2025, 1, 1)
    lo = dt.datetime(year, month, 1)
    hi = dt.datetime(year + (month == 12), month % 12 + 1, 1)
    return (lo - origin).total_seconds() / 3600, (hi - origin).total_seconds() / 3600


def one_year(seed: int, arrivals: Arrivals) -> list[float]:
    return list(arrival_times(arrivals, START, np.random.default_rng(seed), horizon=YEAR))


def test_yearly_count_is_poisson_with_mean_per_year() -> None:
    arrivals = Arrivals(per_year=40.0, seasonality=SEASON)
    counts = np.array([len(one_year(s, arrivals)) for s in range(SEEDS)])
    # each count is Poisson(40): the mean of 400 has sd sqrt(40/400) = 0.32; allow 4 sd
    assert abs(counts.mean() - 40.0) < 4 * math.sqrt(40.0 / SEEDS)
    # and its variance equals its mean: the sample variance of 400 Poisson(40) has sd ~ sqrt(2*40^2/399) = 2.8
    assert abs(counts.var(ddof=1) - 40.0) < 4 * 2.84


def test_monthly_counts_follow_the_seasonality() -> None:
    arrivals = Arrivals(per_year=120.0, seasonality=SEASON)
    per_month = np.zeros(12)
    for s in range(SEEDS):
        for t in one_year(s, arrivals):
            month = (dt.datetime(2025, 1, 1) + dt.timedelta(hours=t)).month
            per_month[month - 1] += 1
    for m, weight in enumerate(SEASON):
        expected = 120.0 * weight / sum(SEASON)
        # the mean monthly count over 400 seeds has sd sqrt(expected/400); allow 4 sd
        assert abs(per_month[m] / SEEDS - expected) < 4 * math.sqrt(expected / SEEDS), m + 1


def test_a_month_with_weight_zero_gets_no_arrivals() -> None:
    july_closed = Arrivals(per_year=60.0, seasonality=(1,) * 6 + (0,) + (1,) * 5)
    lo, hi = month_bounds(2025, 7)
    times = [t for s in range(50) for t in one_year(s, july_closed)]
    assert times and not any(lo <= t < hi for t in times)


def test_expected_count_integrates_the_monthly_rates() -> None:
    arrivals = Arrivals(per_year=40.0, seasonality=SEASON)
    assert expected_count(arrivals, START, 0.0, YEAR) == pytest.approx(40.0)
    lo, hi = month_bounds(2025, 5)
    assert expected_count(arrivals, START, lo, hi) == pytest.approx(40.0 * 1.4 / sum(SEASON))
    # from mid-January the rate is still January's whole-month rate
    mid = dt.date(2025, 1, 15)
    assert expected_count(arrivals, mid, 0.0, 17 * 24.0) == pytest.approx(40.0 * 0.8 / sum(SEASON) * 17 / 31)


def test_times_are_increasing_reproducible_and_one_draw_per_arrival() -> None:
    arrivals = Arrivals(per_year=40.0, seasonality=SEASON)
    a = list(arrival_times(arrivals, START, np.random.default_rng(5), cases=30))
    b = list(arrival_times(arrivals, START, np.random.default_rng(5), cases=60))
    assert len(a) == 30 and a == sorted(a) and a[0] > 0
    assert b[:30] == a  # common random numbers: more cases extend, never reshuffle, the arrivals
    # drawn in blocks, the values are those of one draw at a time, in order, whatever the block sizes
    assert list(arrival_times(arrivals, START, OneAtATime(5), cases=60)) == b


class OneAtATime:
    """A generator that serves a block of n exponential draws as n single draws."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)

    def exponential(self, scale: float, n: int) -> np.ndarray:
        return np.array([self.rng.exponential(scale) for _ in range(n)])


def test_bounds_by_horizon_and_cases() -> None:
    arrivals = Arrivals(per_year=400.0)
    times = list(arrival_times(arrivals, START, np.random.default_rng(2), horizon=24 * 30.0))
    assert times and max(times) < 24 * 30.0
    assert len(list(arrival_times(arrivals, START, np.random.default_rng(2), horizon=YEAR, cases=7))) == 7
    with pytest.raises(SimulationError, match=r"needs a horizon or a number of cases"):
        list(arrival_times(arrivals, START, np.random.default_rng(2)))
    with pytest.raises(SimulationError, match=r"cannot draw 5 cases: arrivals per_year is 0.0"):
        list(arrival_times(Arrivals(per_year=0.0), START, np.random.default_rng(2), cases=5))
    assert list(arrival_times(Arrivals(per_year=0.0), START, np.random.default_rng(2), horizon=YEAR)) == []


def test_replayed_dates_arrive_at_the_given_hour() -> None:
    arrivals = Arrivals(
        dates=(dt.date(2025, 1, 3), dt.date(2025, 1, 2), dt.datetime(2025, 1, 4, 14, 30)), at_hour=9.0
    )
    assert replayed_times(arrivals, START) == [33.0, 57.0, 86.5]
    assert list(arrival_times(arrivals, START, np.random.default_rng(0), cases=2)) == [33.0, 57.0]
    assert list(arrival_times(arrivals, START, np.random.default_rng(0), horizon=50.0)) == [33.0]
    with pytest.raises(
        SimulationError, match=r"replayed arrival 2024-12-31 is before the simulation start 2025-01-01"
    ):
        replayed_times(Arrivals(dates=(dt.date(2024, 12, 31),)), START)
