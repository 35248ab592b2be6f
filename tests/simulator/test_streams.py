"""Block draws of a stream are the distribution's own draws, one after another."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from processes.distributions import distribution_from_data
from simulator.streams import draws, uniforms

PROFILE_VALUES = [
    "3h",
    {"dist": "exponential", "mean": "2h"},
    {"dist": "exponential", "mean": 0, "unit": "h"},
    {"dist": "uniform", "low": "1h", "high": "4h"},
    {"dist": "triangular", "low": "1h", "mode": "2h", "high": "5h"},
    {"dist": "triangular", "low": "2h", "mode": "2h", "high": "2h"},
    {"dist": "normal", "mean": "1h", "sd": "2h"},  # a third of the draws are negative and drawn again
    {"dist": "normal", "mean": "1h", "sd": 0, "unit": "h"},
    {"dist": "lognormal", "mean": "3h", "sd": "2h"},
    {"dist": "gamma", "mean": "3h", "sd": "5h"},
    {"dist": "empirical", "values": ["1h", "2h", "8h"], "weights": [3, 1, 1]},
]


@pytest.mark.parametrize("data", PROFILE_VALUES, ids=lambda d: d if isinstance(d, str) else d["dist"])
def test_draws_are_samples_one_at_a_time(data: object) -> None:
    dist = distribution_from_data(data, work=True)
    one_by_one = np.random.default_rng(11)
    expected = [dist.sample(one_by_one) for _ in range(1500)]  # past several block sizes
    assert list(itertools.islice(draws(dist, np.random.default_rng(11)), 1500)) == expected


def test_uniforms_are_single_draws() -> None:
    rng = np.random.default_rng(3)
    expected = [float(rng.random()) for _ in range(700)]
    assert list(itertools.islice(uniforms(np.random.default_rng(3)), 700)) == expected
