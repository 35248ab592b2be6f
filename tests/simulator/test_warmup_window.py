"""The warm-up by hand: a case that arrives in it is left out of every case figure, but the work its
officer does after it is in the staff's figures, and a later case that queues behind it waits its full
wait; the window's utilisation counts only the hours inside it.
"""

from __future__ import annotations

import pytest
from simmodels import ALWAYS_OPEN, end, params, proc, run, start, task

from simulator.stats import figures

MODEL = proc([start("S"), task("T"), end("E")], "S>T T>E", {"Lane_A": ["T"]})
# hour 0 = Monday 2025-01-06 00:00: case 0 at 00:00 with 10 h of work, in the 5 h warm-up; case 1 at 06:00
# with 10 h, queued behind it until 10:00 and served 10:00-20:00. The horizon, 24 h, closes the window.
PROFILE = f"""  start: 2025-01-06
  horizon: 24h
  warmup: 5h
  calendars:{ALWAYS_OPEN}
  pools:
    officer: {{count: 1, calendar: always, cost_per_hour: 500, lanes: [Lane_A]}}
  arrivals:
    dates: [2025-01-06 00:00, 2025-01-06 06:00]
  elements:
    T: {{duration: 10h}}
"""


@pytest.mark.parametrize("keep", [True, False])
def test_a_warm_up_case_is_out_of_the_case_figures_and_its_later_work_is_in_the_window(keep: bool) -> None:
    f = figures(run(MODEL, params(PROFILE), keep_records=keep))
    assert f["cases"] == 1
    assert f["submission_to_decision_mean_days"] == pytest.approx(14 / 24, abs=1e-12)  # 4 h queued, 10 h work
    assert f["wait_days.T"] == pytest.approx(4 / 24, abs=1e-12)
    # the window is 05:00-24:00 (19 h): busy 05:00-20:00 (5 h of case 0, 10 h of case 1)
    assert f["utilisation.officer"] == pytest.approx(15 / 19, abs=1e-12)
    # waiting in the window: case 1 from 06:00 to 10:00
    assert f["queue_length.officer"] == pytest.approx(4 / 19, abs=1e-12)
    assert f["cost_per_case"] == pytest.approx(10 * 500, abs=1e-9)  # the work of the steps after the warm-up
