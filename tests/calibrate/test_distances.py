"""The log distances on logs small enough to work out by hand, checked against scipy's Wasserstein.

log-distance-measures (the reference implementation) pins pandas < 3, which pm4py's pandas here
conflicts with, so it is not a test dependency; bench/simod_side_by_side.py runs it beside ours
in Simod's environment. These cases follow its definitions (hourly bins, padded 3-grams).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import wasserstein_distance

from calibrate import distances as dist

H = 3600.0
NAN = math.nan


def log(rows):
    return dist.CaseLog.of(rows)


REAL = log([("1", "A", 0, 1 * H), ("1", "B", 1 * H, 3 * H),      # cycle 3 h, arrives at 0
            ("2", "A", 5 * H, 6 * H), ("2", "C", 6 * H, 10 * H)])  # cycle 5 h, arrives at 5 h
SIM = log([("x", "A", 2 * H, 3 * H), ("x", "B", 3 * H, 9 * H),      # cycle 7 h, arrives at 2 h
           ("y", "A", 4 * H, 5 * H), ("y", "B", 5 * H, 7 * H)])    # cycle 3 h, arrives at 4 h


def test_cycle_time_emd_is_wasserstein_of_hourly_bins() -> None:
    # cycle times {3, 5} vs {7, 3} h; bins from the shortest (3): {0, 2} vs {4, 0}: move 2 -> 4, half the mass
    assert dist.cycle_time_emd(REAL, SIM) == pytest.approx(1.0)
    assert dist.cycle_time_emd(REAL, SIM) == pytest.approx(wasserstein_distance([0, 2], [4, 0]))


def test_arrival_emd() -> None:
    # arrivals {0, 5} vs {2, 4} h from hour 0: (2 + 1) / 2
    assert dist.arrival_emd(REAL, SIM) == pytest.approx(1.5)


def test_event_distributions() -> None:
    starts_ends_real = [0, 1, 5, 6, 1, 3, 6, 10]
    starts_ends_sim = [2, 3, 4, 5, 3, 9, 5, 7]
    assert dist.event_emd(REAL, SIM, relative=False) == pytest.approx(
        wasserstein_distance(starts_ends_real, starts_ends_sim))
    rel_real = [0, 1, 0, 1, 1, 3, 1, 5]
    rel_sim = [0, 1, 0, 1, 1, 7, 1, 3]
    assert dist.event_emd(REAL, SIM, relative=True) == pytest.approx(wasserstein_distance(rel_real, rel_sim))


def test_activity_frequencies() -> None:
    # counts A2 B1 C1 vs A2 B2: |0| + |1-2| + |1-0| = 2 over 8 events
    assert dist.activity_frequency_distance(REAL, SIM) == pytest.approx(0.25)
    # shares .5 .25 .25 vs .5 .5 0: (0 + .25 + .25) / 2
    assert dist.activity_frequency_distance(REAL, SIM, relative=True) == pytest.approx(0.25)


def test_three_grams() -> None:
    # case traces padded with two blanks: _ _ A B _ _ gives 4 grams (__A, _AB, AB_, B__) per case;
    # real: __A x2, _AB, AB_, B__, _AC, AC_, C__; sim: __A x2, _AB x2, AB_ x2, B__ x2
    # differences: _AB 1, AB_ 1, B__ 1, _AC 1, AC_ 1, C__ 1 = 6 over 16
    assert dist.ngram_distance(REAL, SIM, 3) == pytest.approx(6 / 16)


def test_equal_logs_are_at_distance_zero() -> None:
    assert dist.cycle_time_emd(REAL, REAL) == 0.0
    assert dist.activity_frequency_distance(REAL, REAL) == 0.0
    assert dist.ngram_distance(REAL, REAL) == 0.0


def test_completion_only_log_uses_completion_times_on_both_sides() -> None:
    real = log([("1", "A", NAN, 1 * H), ("1", "B", NAN, 3 * H)])  # first to last completion: 2 h
    sim = log([("x", "A", 0, 1 * H), ("x", "B", 1 * H, 4 * H)])   # from the first completion too: 3 h
    assert dist.cycle_days(real, use_start=False) == pytest.approx([2 / 24])
    assert dist.cycle_time_emd(real, sim) == pytest.approx(1.0)


def test_within_share() -> None:
    assert dist.within_share(np.array([10.0, 50.0, 60.0, 90.0]), 56.0) == 0.5
    assert dist.within_share(np.array([1.0]), None) is None
