"""simulator.stats.linear_quantile gives numpy.quantile's default answer to the last bit."""

from __future__ import annotations

import math
import struct

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from simulator.stats import QUANTILES, linear_quantile


def bits(x: float) -> bytes:
    return struct.pack("<d", x)


def numpy_answer(values: list[float], p: float) -> float:
    with np.errstate(invalid="ignore"):  # inf - inf is nan for both
        return float(np.quantile(values, p))


FLOATS = st.floats(allow_nan=True, allow_infinity=True, width=64)
DURATIONS = st.floats(min_value=0.0, max_value=1e6, allow_nan=False, allow_infinity=False)
PS = st.one_of(st.sampled_from([p for _name, p in QUANTILES] + [0.0, 1.0, 0.25, 0.75, 0.999]),
               st.floats(min_value=0.0, max_value=1.0))


@settings(max_examples=300, deadline=None)
@given(st.lists(DURATIONS | st.sampled_from([0.0, -0.0, 1.0, 24.0]), min_size=1, max_size=80), PS)
@example([-0.0], 0.95)
@example([-0.0, -0.0], 0.5)
@example([1.0, 2.0], 1.0)
@example([3.0], 0.0)
def test_the_same_bits_as_numpy_for_durations(values: list[float], p: float) -> None:
    assert bits(linear_quantile(values, p)) == bits(numpy_answer(values, p))


@settings(max_examples=300, deadline=None)
@given(st.lists(FLOATS | st.integers(min_value=-(2**40), max_value=2**40), min_size=1, max_size=40), PS)
@example([math.inf, math.inf], 0.5)
@example([-math.inf, math.inf], 0.5)
@example([1.0, math.nan], 0.5)
def test_the_same_answer_as_numpy_for_any_numbers(values: list[float], p: float) -> None:
    ours, theirs = linear_quantile(values, p), numpy_answer(values, p)
    assert bits(ours) == bits(theirs) or (math.isnan(ours) and math.isnan(theirs))


def test_a_worked_example() -> None:
    # 10 values 1..10: the 0.9 quantile sits at index 8.1, between 9 and 10
    assert linear_quantile([float(v) for v in range(10, 0, -1)], 0.9) == 9.1
    assert linear_quantile([5.0], 0.5) == 5.0
