"""The share interval (:func:`scenarios.compare.share_interval`) checked against a known truth: replications
whose shares are binomial counts of a known probability ``p``, drawn with a fixed seed. A 95 % interval must
hold ``p`` in about 95 % of repeated experiments (coverage), near the ends of 0–1 too, where the Student-t
interval it replaced reached past them; its ends must stay within 0–1."""

from __future__ import annotations

import numpy as np
import pytest

from scenarios.compare import share_interval

TRIALS = 1000


@pytest.mark.parametrize(("p", "cases", "replications"), [
    (0.002, 300, 30),  # Helsingborg's extended-time share: about one case in 500
    (0.02, 300, 30),
    (0.5, 300, 30),
    (0.99, 300, 10),
    (0.1, 60, 10),
])
def test_the_share_interval_holds_the_true_share_in_about_95_per_cent_of_experiments(
        p: float, cases: int, replications: int) -> None:
    rng = np.random.default_rng(20261207)
    held = 0
    for _ in range(TRIALS):
        shares = rng.binomial(cases, p, size=replications) / cases
        _, low, high = share_interval(list(shares))
        assert 0.0 <= low <= high <= 1.0
        held += low <= p <= high
    # the binomial spread of a true 95 % coverage over 1000 trials is ±0.7 %: 0.93–0.97 is three of them
    assert 0.93 <= held / TRIALS <= 0.97
