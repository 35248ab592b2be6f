"""The what-if page's histogram of days from a complete application to the decision."""

from __future__ import annotations

import math

from bpmn_io.loading import load_model
from bpmn_io.profile import read_profile
from scenarios.execute import case_rows_of
from simulator.engine import simulate
from web.answer import histogram


def test_a_process_without_a_legal_clock_still_has_its_histogram():
    # mm1 has no clock: cases.csv leaves within_deadline empty for every case, but they are decided
    params = read_profile("tests/fixtures/sim/mm1.yaml").simulation
    assert params is not None and params.clock is None
    result = simulate(load_model("tests/fixtures/sim/mm1.bpmn").process(), params, seed=1, cases=200)
    rows = [("scenario", *row) for row in case_rows_of("mm1", result, params)]  # as a batch keeps them
    decided = [r for r in rows if not r[3] and not math.isnan(r[8])]
    assert decided and {r[9] for r in rows} == {""}
    counts = histogram(rows, "mm1")
    assert sum(counts) == len(decided)
