"""What a warm worker reuses gives what a fresh one computes: block draws, shared calendars, compiled tables."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pytest

from processes.distributions import Distribution
from processes.params import CalendarSpec
from simulator.resources import WorkCalendar
from simulator.streams import draws


@pytest.mark.parametrize("dist", [
    Distribution("triangular", (("low", 1.0), ("mode", 2.0), ("high", 6.0))),
    Distribution("triangular", (("low", 2.0), ("mode", 2.0), ("high", 2.0))),
    Distribution("lognormal", (("mean", 3.0), ("sd", 4.0))),
    Distribution("lognormal", (("mean", 3.0), ("sd", 0.0))),
    Distribution("normal", (("mean", 1.0), ("sd", 2.0))),  # about 31 % of raw draws are negative, drawn again
    Distribution("normal", (("mean", 5.0), ("sd", 0.0))),
], ids=lambda d: f"{d.kind}-{d.params[-1][1]:g}")
def test_block_draws_are_the_draws_of_sample_one_at_a_time(dist: Distribution) -> None:
    one_by_one = np.random.default_rng(7)
    expected = [dist.sample(one_by_one) for _ in range(600)]  # more than two blocks
    assert list(itertools.islice(draws(dist, np.random.default_rng(7)), 600)) == expected
    assert min(expected) >= 0


def test_a_calendar_alike_starts_from_the_intervals_built_before() -> None:
    spec = CalendarSpec("office", (((8.0, 12.0), (13.0, 16.5)),) * 5 + ((), ()), holidays="SE",
                        closed_dates=(dt.date(2025, 5, 2),))
    first = WorkCalendar(spec, dt.date(2025, 1, 1), share=0.6)
    answers = [first.finish(t, w) for t in (0.0, 500.0, 9000.0, 20000.0) for w in (0.5, 7.0, 100.0)]
    second = WorkCalendar(spec, dt.date(2025, 1, 1), share=0.6)  # the next replication in a warm worker
    assert second._days == first._days > 0
    assert [second.finish(t, w) for t in (20000.0, 9000.0, 500.0, 0.0) for w in (100.0, 7.0, 0.5)] == answers[::-1]
    other = WorkCalendar(spec, dt.date(2025, 1, 1), share=1.0)  # another share is another calendar
    assert other.finish(0.0, 7.0) < first.finish(0.0, 7.0)
