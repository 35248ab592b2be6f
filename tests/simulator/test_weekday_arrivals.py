"""Arrivals by weekday: a month's expected count shared among its days by their weekday's weight.

Tolerance, fixed before the run: 5,000 arrivals in a year with equal weight on Monday to Friday
give each of those days a share of 0.2 with a standard error sqrt(0.2 * 0.8 / 5000) = 0.0057;
0.025 is over 4 standard errors. Days of weight 0 get no arrival at all.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from processes.errors import InputError
from processes.params import Arrivals
from simulator.arrivals import arrival_times, expected_count

START = dt.date(2025, 1, 1)  # a Wednesday


def weekday_shares(arrivals: Arrivals, seed: int = 3) -> np.ndarray:
    times = list(arrival_times(arrivals, START, np.random.default_rng(seed), horizon=8760.0))
    days = [(START + dt.timedelta(hours=t)).weekday() for t in times]
    return np.bincount(days, minlength=7) / len(days)


def test_weekday_weights_are_reproduced() -> None:
    shares = weekday_shares(Arrivals(per_year=5000.0, weekdays=(1, 1, 1, 1, 1, 0, 0)))
    assert shares[5] == 0 and shares[6] == 0
    assert shares[:5] == pytest.approx([0.2] * 5, abs=0.025)


def test_unequal_weights() -> None:
    # Monday twice as busy as Tuesday-Friday: shares 2/6, 1/6 ... (SE at most 0.0067)
    shares = weekday_shares(Arrivals(per_year=5000.0, weekdays=(2, 1, 1, 1, 1, 0, 0)))
    assert shares[:5] == pytest.approx([2 / 6, 1 / 6, 1 / 6, 1 / 6, 1 / 6], abs=0.027)


def test_a_month_still_expects_its_share_of_the_year() -> None:
    weighted = Arrivals(per_year=1200.0, seasonality=(2,) + (1,) * 11, weekdays=(1, 1, 1, 0.5, 1, 0, 0))
    plain = Arrivals(per_year=1200.0, seasonality=(2,) + (1,) * 11)
    january = 31 * 24.0
    assert expected_count(weighted, START, 0.0, january) == pytest.approx(expected_count(plain, START, 0.0, january))
    assert expected_count(weighted, START, 0.0, 8760.0) == pytest.approx(1200.0)
    # a Saturday (weight 0) expects nothing; Wednesday 1 January expects January's 1200 * 2 / 13 over
    # its weighted days: January 2025 has 5 Wednesdays, Thursdays (0.5) and Fridays, 4 Mondays and Tuesdays
    assert expected_count(weighted, START, 3 * 24.0, 4 * 24.0) == 0.0
    assert expected_count(weighted, START, 0.0, 24.0) == pytest.approx(1200 * 2 / 13 / (4 + 4 + 5 + 2.5 + 5))


def test_without_weekdays_the_arrivals_are_unchanged() -> None:
    a = list(arrival_times(Arrivals(per_year=300.0), START, np.random.default_rng(1), horizon=2000.0))
    b = list(arrival_times(Arrivals(per_year=300.0, weekdays=None), START, np.random.default_rng(1), horizon=2000.0))
    assert a == b


def test_bad_weights_are_refused() -> None:
    with pytest.raises(InputError, match="7 weights"):
        Arrivals(per_year=10.0, weekdays=(1, 1, 1))
    with pytest.raises(InputError, match="7 weights"):
        Arrivals(per_year=10.0, weekdays=(0,) * 7)
