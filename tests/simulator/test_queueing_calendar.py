"""A queue that works only in office hours, against work conservation and Little's law.

No closed form gives the wait of a queue whose servers keep office hours while applications come
day and night, but two laws hold whatever the calendar: in a stable queue every hour of work that
arrives is done, so the utilisation over the window is the offered work over the member-hours open
in it (counted here by hand from the law's holidays, not from the engine's calendar); and the
time-average number waiting is the arrival rate times the mean wait (Little, sample-path).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from bpmn_io.profile import parse_profile
from bpmn_io.reader import read_bpmn
from simulator.runner import replicate
from simulator.stats import figures

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sim"
LAM = 0.2726  # applications per hour, day and night (2388 a year of 365 days)
PROFILE = f"""simulation:
  start: 2025-01-06
  horizon: 7504h
  warmup: 616h
  calendars:
    office:
      hours: {{mon: "08:00-16:00", tue: "08:00-16:00", wed: "08:00-16:00", thu: "08:00-16:00",
              fri: "08:00-16:00"}}
      holidays: SE
  pools:
    server: {{count: 2, calendar: office, cost_per_hour: 600, lanes: [Lane_Server]}}
  arrivals:
    per_year: {LAM * 8760}
    seasonality: [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  elements:
    Task_Serve: {{duration: {{dist: exponential, mean: 1h}}}}
"""
# The window runs from Friday 2025-01-31 16:00 (616 h after the start) to Friday 2025-11-14 16:00 (7504 h):
# 41 weeks, 205 weekdays, each end at a Friday's closing, when the week's work is nearly done (not after
# Christmas, when days of applications wait). Closed weekdays in it (Lag 1989:253 and the eves): 18 Apr,
# 21 Apr, 1 May, 29 May (Ascension), 6 Jun, 20 Jun (midsommarafton): 6. Open: 199 days of 8 h per member.
WINDOW_HOURS = 41 * 168.0
OPEN_MEMBER_HOURS = 2 * 199 * 8.0


def test_an_office_hours_queue_does_the_work_that_arrives_and_keeps_littles_law() -> None:
    process = read_bpmn(FIXTURES / "mm1.bpmn").process()
    params = parse_profile(PROFILE, source="office-queue.yaml").simulation
    reps = 10
    runs = [figures(r) for r in replicate(process, params, replications=reps, seed=11, keep_records=False)]
    offered = LAM * WINDOW_HOURS * 1.0  # hours of work arriving in the window (exponential, mean 1 h)
    rho = offered / OPEN_MEMBER_HOURS
    assert 0.55 < rho < 0.65  # the servers can keep up: about 60 % of the open hours
    # the work arriving in the window is a compound Poisson sum: variance lam T E[S^2] = 2 lam T h^2;
    # what is still queued at either end of the window (a Friday evening's few cases) is far below the
    # 4 standard errors allowed (about 4 %)
    se = math.sqrt(2 * offered) / OPEN_MEMBER_HOURS / math.sqrt(reps)
    utilisation = float(np.mean([f["utilisation.server"] for f in runs]))
    assert abs(utilisation - rho) < 4 * se
    for f in runs:
        # Little: waits overlapping the window, per hour of it, against arrivals per hour times the mean
        # wait; they differ only by the waits cut at the window's two ends (the few cases left waiting at
        # a Friday's closing wait the 64 h of the weekend: some hundreds of hours, against some 40,000
        # case-hours waited in the window, under 1 % at either end and of opposite signs)
        arrivals_per_hour = f["cases"] / WINDOW_HOURS
        assert math.isclose(f["queue_length.server"], arrivals_per_hour * f["wait_days_pool.server"] * 24,
                            rel_tol=0.02)
        # the office is closed 128 of the week's 168 hours: most cases wait for it to open
        assert f["wait_days_pool.server"] * 24 > 8.0
