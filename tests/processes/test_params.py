"""Durations, distributions and the parameter dataclasses (processes.params and friends)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from processes.distributions import Distribution, distribution_from_data, distribution_to_data
from processes.durations import format_duration, parse_duration
from processes.errors import InputError, PermitflowError
from processes.model import FrozenMap
from processes.params import (
    Arrivals,
    CalendarSpec,
    Closure,
    Decision,
    DecisionBody,
    ElementParams,
    LegalClock,
    MeetingSchedule,
    ResourcePool,
    SimParams,
)

WEEK_8_16 = (((8.0, 16.0),),) * 5 + ((), ())


# --- durations ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("30m", 0.5),
        ("4h", 4.0),
        ("3d", 72.0),
        ("2w", 336.0),
        ("4mo", 2922.0),
        ("1y", 8766.0),
        ("1.5h", 1.5),
        (".5d", 12.0),
    ],
)
def test_calendar_units_are_exact(text: str, hours: float) -> None:
    assert parse_duration(text) == hours


def test_a_year_is_twelve_months_and_365_25_days() -> None:
    assert parse_duration("12mo") == parse_duration("1y") == 365.25 * 24


def test_work_time_counts_hours_of_work_only() -> None:
    assert parse_duration("90m", work=True) == 1.5
    with pytest.raises(
        InputError, match=r"work duration '2d': unit 'd' is not allowed .* \(expected one of m, h"
    ):
        parse_duration("2d", work=True)


def test_a_plain_number_needs_a_unit() -> None:
    assert parse_duration(3, unit="d") == 72.0
    with pytest.raises(InputError, match=r"duration 3 has no unit"):
        parse_duration(3)
    with pytest.raises(InputError, match=r"unknown unit 'days'"):
        parse_duration(3, unit="days")


@pytest.mark.parametrize("bad", ["3 days", "h", "-2h", "", True, None, [1]])
def test_bad_durations_name_the_value(bad: object) -> None:
    """The value as the file wrote it: YAML's ``true`` and ``null``, not Python's ``True`` and ``None``."""
    with pytest.raises(InputError) as err:
        parse_duration(bad)
    shown = {True: "true", None: "null"}.get(bad, repr(bad)) if not isinstance(bad, list) else repr(bad)
    assert shown in str(err.value)
    assert isinstance(err.value, PermitflowError)


@pytest.mark.parametrize("hours", [0.0, 0.5, 4.0, 72.0, 336.0, 2922.0, 8766.0, 1.25, 100.0])
def test_format_duration_round_trips(hours: float) -> None:
    assert parse_duration(format_duration(hours)) == pytest.approx(hours, abs=1e-9)


def test_format_duration_is_the_shortest_unit() -> None:
    assert [format_duration(h) for h in (336.0, 72.0, 0.5, 2922.0)] == ["2w", "3d", "30m", "4mo"]


# --- distributions --------------------------------------------------------------------------------


def test_a_duration_text_is_a_fixed_distribution_that_draws_nothing() -> None:
    rng = np.random.default_rng(0)
    state = rng.bit_generator.state
    d = distribution_from_data("3h")
    assert d == Distribution.fixed(3.0)
    assert d.sample(rng) == 3.0 and d.mean() == 3.0
    assert rng.bit_generator.state == state


@pytest.mark.parametrize(
    ("data", "mean"),
    [
        ({"dist": "exponential", "mean": "2h"}, 2.0),
        ({"dist": "uniform", "low": "1h", "high": "3h"}, 2.0),
        ({"dist": "triangular", "low": "1h", "mode": "2h", "high": "6h"}, 3.0),
        ({"dist": "lognormal", "mean": "3h", "sd": "1h"}, 3.0),
        ({"dist": "gamma", "mean": "6h", "sd": "2h"}, 6.0),
        ({"dist": "gamma", "shape": 9, "scale": "40m"}, 6.0),
        ({"dist": "empirical", "values": ["1h", "2h", "4h"], "weights": [1, 2, 1]}, 2.25),
        (
            {"dist": "normal", "mean": 5, "sd": 1, "unit": "h"},
            5.0
            + 1.0
            * (math.exp(-12.5) / math.sqrt(2 * math.pi))
            / (1 - 0.5 * (1 + math.erf(-5 / math.sqrt(2)))),
        ),
    ],
)
def test_sample_means_match_the_exact_mean(data: dict, mean: float) -> None:
    d = distribution_from_data(data, work=True)
    assert d.mean() == pytest.approx(mean, rel=1e-12)
    rng = np.random.default_rng(42)
    draws = np.array([d.sample(rng) for _ in range(20000)])
    # 20000 draws: the standard error is sd/141; 5 standard errors keeps this deterministic test honest
    assert abs(draws.mean() - mean) < 5 * draws.std() / math.sqrt(len(draws)) + 1e-12
    assert draws.min() >= 0.0


def test_normal_is_truncated_at_zero_and_its_mean_is_the_truncated_mean() -> None:
    d = distribution_from_data({"dist": "normal", "mean": "1h", "sd": "1h"})
    rng = np.random.default_rng(7)
    draws = np.array([d.sample(rng) for _ in range(40000)])
    assert draws.min() >= 0.0
    assert d.mean() == pytest.approx(1.2875999709391783, rel=1e-9)  # 1 + phi(1)/Phi(1)
    assert abs(draws.mean() - d.mean()) < 5 * draws.std() / 200


def test_lognormal_is_parametrised_by_the_variable_not_its_log() -> None:
    d = distribution_from_data({"dist": "lognormal", "mean": "10h", "sd": "5h"})
    rng = np.random.default_rng(3)
    many = np.array([d.sample(rng) for _ in range(40000)])
    assert many.min() > 0
    # the sample sd of 40000 lognormal draws with cv 0.5 is within a few percent of 5h
    assert abs(many.std() - 5.0) < 0.25


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"dist": "lognorml", "mean": "1h"},
            r"unknown distribution 'lognorml' \(expected one of fixed, exponential, uniform",
        ),
        ({"mean": "1h"}, r"missing key 'dist'"),
        ({"dist": "uniform", "low": "1h"}, r"uniform needs low, high; missing 'high'"),
        ({"dist": "uniform", "low": "3h", "high": "1h"}, r"low '3h' > high '1h'"),
        ({"dist": "triangular", "low": "1h", "mode": "5h", "high": "4h"}, r"low <= mode <= high"),
        ({"dist": "fixed", "value": "1h", "sd": "1h"}, r"unknown key 'sd' for distribution fixed"),
        ({"dist": "normal", "mean": "0h", "sd": "1h"}, r"normal needs mean > 0"),
        ({"dist": "gamma", "mean": "2h", "sd": "0h"}, r"gamma needs sd > 0"),
        ({"dist": "empirical", "values": ["1h"], "weights": [1, 2]}, r"weights .* one per value"),
        ({"dist": "empirical", "values": []}, r"non-empty list"),
        ({"dist": "exponential", "mean": "1d"}, r"unit 'd' is not allowed for work time"),
    ],
)
def test_distribution_errors_name_the_value_and_what_is_allowed(data: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        distribution_from_data(data, work=True)


def test_distribution_error_paths_are_relative_to_the_mapping() -> None:
    with pytest.raises(InputError) as err:
        distribution_from_data({"dist": "uniform", "low": "1x", "high": "2h"})
    assert err.value.path == "low"


def test_distribution_to_data_round_trips() -> None:
    for data in (
        {"dist": "triangular", "low": "1h", "mode": "2h", "high": "6h"},
        {"dist": "gamma", "mean": "6h", "sd": "2h"},
        {"dist": "empirical", "values": ["1h", "2h"], "weights": [1, 3]},
    ):
        d = distribution_from_data(data)
        assert distribution_from_data(distribution_to_data(d)) == d


# --- dataclasses ----------------------------------------------------------------------------------


def test_calendar_weekly_hours_and_checks() -> None:
    assert CalendarSpec("office", WEEK_8_16).weekly_hours() == 40.0
    with pytest.raises(InputError, match=r"opening hours 16-8 on mon"):
        CalendarSpec("bad", (((16.0, 8.0),),) + ((),) * 6)
    with pytest.raises(InputError, match=r"never open"):
        CalendarSpec("bad", ((),) * 7)


def test_closure_covers_yearly_periods_also_over_new_year() -> None:
    july = Closure(dt.date(2000, 7, 1), dt.date(2000, 7, 31), 0.5)
    assert july.covers(dt.date(2031, 7, 15)) and not july.covers(dt.date(2031, 8, 1))
    winter = Closure(dt.date(2000, 12, 20), dt.date(2000, 1, 6), 0.0)
    assert winter.covers(dt.date(2025, 12, 31)) and winter.covers(dt.date(2026, 1, 6))
    assert not winter.covers(dt.date(2026, 1, 7))
    with pytest.raises(InputError, match=r"capacity 1.5 must be between 0 and 1"):
        Closure(dt.date(2000, 7, 1), dt.date(2000, 7, 31), 1.5)


def test_probabilities_must_sum_to_one_within_1e_9() -> None:
    ElementParams("G", probabilities=FrozenMap({"a": 0.1, "b": 0.2, "c": 0.7}))
    with pytest.raises(InputError, match=r"gateway 'G': .* sum 0.9999"):
        ElementParams("G", probabilities=FrozenMap({"a": 0.5, "b": 0.4999}))


def test_pool_and_arrivals_checks() -> None:
    with pytest.raises(InputError, match=r"fte 1.2 must be in \(0, 1\]"):
        ResourcePool("officer", 2, fte=1.2)
    with pytest.raises(InputError, match=r"exactly one of per_year or dates"):
        Arrivals()
    assert sum(Arrivals(per_year=40.0, seasonality=(2.0,) + (1.0,) * 11).monthly_expected()) == pytest.approx(
        40.0
    )


def test_decision_needs_a_body_for_its_delegation_level() -> None:
    body = DecisionBody("committee", meetings=MeetingSchedule(rrule="FREQ=MONTHLY"), agenda_cutoff=240.0)
    d = Decision("Task_Beslut", "committee", FrozenMap({"committee": body}))
    assert d.body is body
    with pytest.raises(
        InputError, match=r"delegation 'officer' has no decision body \(expected one of committee\)"
    ):
        Decision("Task_Beslut", "officer", FrozenMap({"committee": body}))
    with pytest.raises(InputError, match=r"either meetings .* or pool"):
        DecisionBody("officer")


def test_simparams_converts_times_and_finds_pools() -> None:
    cal = CalendarSpec("office", WEEK_8_16)
    pool = ResourcePool("officer", 2, calendar="office", lanes=("Lane_H",))
    p = SimParams(
        dt.date(2025, 1, 1), cases=5, calendars=FrozenMap({"office": cal}), pools=FrozenMap({"officer": pool})
    )
    assert p.hours_to_datetime(33.5) == dt.datetime(2025, 1, 2, 9, 30)
    assert p.datetime_to_hours(dt.date(2025, 1, 3)) == 48.0
    assert p.pool_for_lane("Lane_H") is pool and p.pool_for_lane("x") is None
    with pytest.raises(InputError, match=r"pool 'officer' uses calendar 'office'"):
        SimParams(dt.date(2025, 1, 1), cases=5, pools=FrozenMap({"officer": pool}))
    with pytest.raises(InputError, match=r"exactly one of horizon or cases"):
        SimParams(dt.date(2025, 1, 1))


@settings(max_examples=200, deadline=None)
@given(
    number=st.integers(min_value=0, max_value=10_000), unit=st.sampled_from(["m", "h", "d", "w", "mo", "y"])
)
def test_any_whole_duration_round_trips_through_text(number: int, unit: str) -> None:
    hours = parse_duration(f"{number}{unit}")
    assert parse_duration(format_duration(hours)) == pytest.approx(hours, rel=1e-12, abs=1e-9)


def test_warmup_must_be_shorter_than_the_horizon_and_the_clock_must_run() -> None:
    with pytest.raises(
        InputError, match=r"warmup of 100 hours must be shorter than the horizon of 100 hours: "
                          r"give a horizon longer than 100 hours, or a shorter warmup"
    ):
        SimParams(dt.date(2025, 1, 1), horizon=100.0, warmup=100.0)
    with pytest.raises(InputError, match=r"^warmup: warmup of -1 hours must be 0 or more$"):  # was a TypeError
        SimParams(dt.date(2025, 1, 1), cases=5, warmup=-1.0)
    with pytest.raises(InputError, match=r"deadline 0 hours must be > 0"):
        LegalClock("Event_Komplett", "Event_Beslut", 0)
    with pytest.raises(InputError, match=r"starts and stops at the same event 'E'"):
        LegalClock("E", "E", 2922.0)
