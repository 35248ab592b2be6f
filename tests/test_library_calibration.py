"""Calibration check of the library's status quo, and a year of arrivals for every model.

This is a CALIBRATION check, not evidence: the agenda cut-off (and the other
assumptions marked TUNED in the profiles) were chosen so that the simulated
legal-clock time lands in the handling time each municipality publishes. The
test keeps the library from drifting away from those published figures when
parameters or the engine change.

The legal clock is measured from the case records: it starts when the last
completeness check finds the application complete (Åstorp: or when the last
knowledge test is taken, whichever is later: its clock needs both) and stops at
the decision. Replications use fixed seeds, so the figures are reproducible.
"""

from __future__ import annotations

import math
import statistics

import pytest

from bpmn_io import library as lib
from simulator.engine import simulate

DAY = 24.0
REPLICATIONS = 5
CASES = 40  # per replication: small municipalities get a few a year, so a fixed count keeps the mean stable

#: published handling time, as a range of days from a complete application to the decision
#: (the profile's facts.stated_handling_time.weeks, in days)
#: helsingborg: "cirka 2 månader" read as 7-10 weeks (A11: assumed from a complete application);
#: astorp: "6-12 veckor" from a complete application and a passed knowledge test;
#: angelholm, klippan: "cirka två månader från det att ansökan är komplett" (Klippan/Örkelljunga pages);
#: orkelljunga: "omkring två månader" including the decision
PUBLISHED = {
    "helsingborg": (49, 70),
    "astorp": (42, 84),
    "angelholm": (49, 70),
    "klippan": (49, 70),
    "orkelljunga": (49, 70),
}
CLOCK_STARTS = {"astorp": ("Task_Granska_Fullstandighet", "Task_Kunskapsprov_")}


def clock_days(name: str, result) -> list[float]:
    """Days from the clock's start to the decision for every decided case after the warm-up."""
    starters = CLOCK_STARTS.get(name, ("Task_Granska_Fullstandighet",))
    start: dict[int, float] = {}
    for act in result.activities:
        if act.element.startswith(starters):
            start[act.case] = max(start.get(act.case, -math.inf), act.end)
    return [
        (c.decision - start[c.case]) / DAY
        for c in result.cases
        if c.arrival >= result.warmup and not math.isnan(c.decision)
    ]


def run(name: str, *, cases: int | None, replications: int):
    entry = lib.load_entry(name)
    process = entry.definitions.process()
    return [
        simulate(process, entry.profile.simulation, seed=seed, cases=cases) for seed in range(replications)
    ]


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_status_quo_lands_in_the_published_handling_time(name):
    low, high = PUBLISHED[name]
    weeks = lib.load_entry(name).profile.facts["stated_handling_time"].extra["weeks"]
    assert (low, high) == (weeks[0] * 7, weeks[1] * 7), "the test's range is the profile's stated range"
    days = [
        d for result in run(name, cases=CASES, replications=REPLICATIONS) for d in clock_days(name, result)
    ]
    assert len(days) > 100
    mean = statistics.mean(days)
    assert low <= mean <= high, f"{name}: simulated mean {mean:.1f} days, published {low}-{high}"


@pytest.mark.parametrize("name", lib.library_names())
def test_every_model_simulates_a_year_of_arrivals_to_completion(name):
    (result,) = run(name, cases=None, replications=1)
    assert result.cases, "a year of arrivals brings at least one application"
    assert all(c.outcome == "End_Arende_Avslutat" for c in result.cases)
    assert all(not math.isnan(c.decision) for c in result.cases)


@pytest.mark.parametrize("name", lib.library_names())
def test_the_status_quo_keeps_the_four_month_deadline_on_average(name):
    deadline_days = 4 * 730.5 / DAY
    days = [d for result in run(name, cases=CASES, replications=2) for d in clock_days(name, result)]
    assert statistics.mean(days) < deadline_days


@pytest.mark.xfail(
    reason="simulator: Workplace.clock_start is never set, so the engine's complete_to_decision "
    "equals submission_to_decision (reported to the engine owner)",
    strict=False,
)
def test_the_engines_legal_clock_agrees_with_the_records():
    from simulator import stats

    (result,) = run("helsingborg", cases=CASES, replications=1)
    ours = statistics.mean(clock_days("helsingborg", result))
    assert stats.figures(result)["complete_to_decision_mean_days"] == pytest.approx(ours, abs=0.5)
