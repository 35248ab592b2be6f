"""What happens at the run's end, by hand: a case that arrived before the horizon is followed to its end
(its time is not cut at the horizon, which would make long cases look short), while the staff figures
cover the window up to the horizon only; a case still open 20 years after the last arrival is counted
open and undecided and left out of the times, in the run that keeps records and the one that keeps none.
"""

from __future__ import annotations

import math

import pytest
from simmodels import ALWAYS_OPEN, end, params, proc, run, start, task

from simulator.replication import DRAIN_HOURS
from simulator.stats import figures

MODEL = proc([start("S"), task("T"), task("Polis"), end("E")], "S>T T>Polis Polis>E", {"Lane_A": ["T"]})


def horizon_params(answer: str):
    # one case on Sunday 2025-01-12 10:00, 6 days 10 hours into a 7-day horizon: 1 h of an officer's work,
    # then the police's answer in calendar time
    return params(f"""  start: 2025-01-06
  horizon: 7d
  calendars:{ALWAYS_OPEN}
  pools:
    officer: {{count: 2, calendar: always, cost_per_hour: 500, lanes: [Lane_A]}}
  arrivals:
    dates: [2025-01-12]
    at: "10:00"
  elements:
    T: {{duration: 1h}}
    Polis: {{delay: {answer}}}
""")


@pytest.mark.parametrize("keep", [True, False])
def test_a_case_under_way_at_the_horizon_is_followed_to_its_end(keep: bool) -> None:
    r = run(MODEL, horizon_params("30d"), keep_records=keep)
    f = figures(r)
    assert f["cases"] == 1 and f["cases_open"] == 0 and f["cases_decided"] == 1
    # 1 h of work and 30 days of waiting for the police, 23 days of them after the horizon
    assert f["submission_to_decision_mean_days"] == pytest.approx(30 + 1 / 24, abs=1e-12)
    assert f["elapsed_days.Polis"] == 30.0
    # the staff's figures are over the window, 0 to the horizon: 1 h of work in 2 members x 168 h
    assert f["utilisation.officer"] == pytest.approx(1 / (2 * 168), abs=1e-15)


@pytest.mark.parametrize("keep", [True, False])
def test_a_case_open_twenty_years_after_the_last_arrival_is_counted_open_and_out_of_the_times(
        keep: bool) -> None:
    assert DRAIN_HOURS == 20 * 8766.0  # 20 years of 365.25 days, as docs/simulation.md says
    r = run(MODEL, horizon_params("21y"), keep_records=keep)
    f = figures(r)
    assert f["cases"] == 1 and f["cases_open"] == 1 and f["cases_undecided"] == 1 and f["cases_decided"] == 0
    assert math.isnan(f["submission_to_decision_mean_days"])
    assert f["utilisation.officer"] == pytest.approx(1 / (2 * 168), abs=1e-15)
    if keep:
        (case,) = r.cases
        assert case.outcome == "open" and math.isnan(case.end) and math.isnan(case.decision)
