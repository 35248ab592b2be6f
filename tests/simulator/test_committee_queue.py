"""A committee that meets every week, against theory. Applications come day and night as a Poisson
stream, so the moment a case is ready is uniform over the week; with an agenda cut-off c it waits for
the first meeting at least c later: a wait uniform on [c, c + 1 week), mean c + 84 h, independent from
case to case. The committee's backlog (cases waiting for a meeting, averaged over time) is then, by
Little's law, the rate of cases times that mean wait.
"""

from __future__ import annotations

import math

from simmodels import end, params, proc, run, start, task

from simulator.stats import figures

MODEL = proc([start("S"), task("Beslut"), end("E")], "S>Beslut Beslut>E")
LAM = 0.05  # cases an hour (438 a year of 365 days, the months weighted by their days)
# Monday 2025-01-06 00:00 is hour 0; the window runs from the meeting of Monday 3 February 13:00 (685 h) to
# that of Monday 5 January 2026 13:00 (8749 h): 48 weeks, each end just after a meeting, when few wait
PROFILE = f"""  start: 2025-01-06
  horizon: 8749h
  warmup: 685h
  arrivals:
    per_year: {LAM * 8760}
    seasonality: [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  decision:
    element: Beslut
    delegation: committee
    bodies:
      committee: {{meetings: {{rrule: "FREQ=WEEKLY;BYDAY=MO", at: "13:00"}}, agenda_cutoff: 1d}}
"""
WEEK, CUTOFF, WINDOW = 168.0, 24.0, 48 * 168.0


def test_a_weekly_committee_keeps_cases_a_cut_off_plus_half_a_week_and_littles_law() -> None:
    f = figures(run(MODEL, params(PROFILE), seed=8, keep_records=False))
    n = f["cases"]
    assert 300 < n < 500  # about 0.05 x 8064 = 403
    wait = f["wait_days.Beslut"] * 24
    # the mean of n uniform waits on [24, 192) h: 108 h, standard error (168 / sqrt 12) / sqrt n
    assert abs(wait - (CUTOFF + WEEK / 2)) < 4 * WEEK / math.sqrt(12 * n)
    assert f["meetings.committee"] >= 48
    # Little: the time-average backlog in the window against cases per hour times the mean wait; they differ
    # by the waits cut at the window's ends, where only the cases ready in the day before a meeting (1.2 on
    # average) wait across it, each up to a week: 0.4 % of the some 43,000 case-hours waited in the window
    assert math.isclose(f["committee_backlog.committee"], n / WINDOW * wait, rel_tol=0.03)
