"""Bootstrap intervals of a large log drawn a block of resamplings at a time: the same numbers, bounded memory
(a million-row log's calibration peaked at 1.2 GB, most of it 200 resamplings of 200,000 cases held at once)."""

from __future__ import annotations

import tracemalloc

import numpy as np

from calibrate.fitdist import bootstrap_interval


def test_a_large_sample_is_resampled_in_blocks_with_the_same_interval() -> None:
    values = np.random.default_rng(7).lognormal(0.0, 1.0, 40_000)
    tracemalloc.start()
    try:
        got = bootstrap_interval(values, lambda a: a.std(axis=1, ddof=1), seed=3)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # all 200 x 40,000 indices, the values they pick and the sd's work at once: 192 MB (48 MB in blocks)
    assert peak < 64_000_000, peak
    idx = np.random.default_rng(3).integers(0, values.size, size=(200, values.size))
    low, high = np.percentile(values[idx].std(axis=1, ddof=1), [2.5, 97.5])
    assert got == (float(low), float(high))
