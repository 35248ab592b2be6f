"""Queue length and committee backlog over time, from the records: a hand case and Little's law."""

from __future__ import annotations

import numpy as np
from simmodels import run
from test_engine import DECISION, decision_params

from simulator.series import backlog_over_time, queue_length_over_time
from simulator.stats import figures


def test_committee_backlog_over_time_by_hand() -> None:
    # ready Tue 7, Thu 9, Sun 12 Jan 13:00; meetings Mon 20 Jan (cut-off 10 Jan 13:00) and 3 Feb 13:00
    r = run(DECISION, decision_params("committee", dates="[2025-01-07, 2025-01-09, 2025-01-12]", at="13:00"))
    day = lambda d, h=0.0: (d - 6) * 24 + h  # noqa: E731  (January; hour 0 = Mon 6 Jan)
    times = [day(7), day(8), day(10), day(13), day(20, 12), day(20, 14), day(34, 12), day(34, 14)]
    assert backlog_over_time(r, "committee", times) == tuple(zip(times, (0, 1, 2, 3, 3, 1, 1, 0), strict=True))
    assert queue_length_over_time(r, "officer", times) == tuple((t, 0) for t in times)


def test_queue_length_over_time_averages_to_the_time_weighted_figure() -> None:
    from pathlib import Path

    from bpmn_io.profile import apply_overrides, profile_from_data, read_profile
    from bpmn_io.reader import read_bpmn

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "sim"
    process = read_bpmn(fixtures / "mm1.bpmn").process()
    raw = apply_overrides(read_profile(fixtures / "mm1.yaml").raw, {"simulation.cases": 2000})
    r = run(process, profile_from_data(raw).simulation, seed=3)
    grid = np.arange(0.0, r.horizon, 0.05)  # the window the figure covers, finely
    series = queue_length_over_time(r, "server", grid)
    mean = float(np.mean([n for _, n in series]))
    # a 3-minute grid against the exact time integral: equal to within the grid's discretisation
    assert abs(mean - figures(r)["queue_length.server"]) < 0.01
