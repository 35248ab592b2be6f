"""Calibration check of the library's status quo, and a year of arrivals for every model.

This is a CALIBRATION check, not evidence: the agenda cut-off (and the other
assumptions marked TUNED in the profiles) were chosen so that the simulated
legal-clock time lands in the handling time each municipality publishes. The
test keeps the library from drifting away from those published figures when
parameters or the engine change.

The legal clock runs from the profile's clock start (``Event_Ansokan_Komplett``)
to its stop (``Event_Beslut_Fattat``), as the engine records them per case.
Replications use fixed seeds, so the figures are reproducible.
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
#: the steps after which the clock starts: the last completeness check (or the notice that an incomplete
#: application is examined as it stands); Åstorp: also the knowledge test
CLOCK_STARTS = {"astorp": ("Task_Granska_Fullstandighet", "Task_Meddela_Befintligt_Skick", "Task_Kunskapsprov_",
                           "Task_Dokumentera_Underkant")}
COMPLETENESS = ("Task_Granska_Fullstandighet", "Task_Meddela_Befintligt_Skick")


def clock_days(result) -> list[float]:
    """Days on the legal clock (complete -> decision) of every decided case (granted or refused) after the warm-up."""
    return [
        (c.decision - c.complete) / DAY
        for c in result.cases
        if c.arrival >= result.warmup and not math.isnan(c.decision)
    ]


def last_step_end(name: str, result) -> dict[int, float]:
    """Per case, when the last completeness check (Åstorp: or knowledge-test step) finished."""
    starters = CLOCK_STARTS.get(name, COMPLETENESS)
    end: dict[int, float] = {}
    for act in result.activities:
        if act.element.startswith(starters):
            end[act.case] = max(end.get(act.case, -math.inf), act.end)
    return end


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
    days = [d for result in run(name, cases=CASES, replications=REPLICATIONS) for d in clock_days(result)]
    assert len(days) > 100
    mean = statistics.mean(days)
    assert low <= mean <= high, f"{name}: simulated mean {mean:.1f} days, published {low}-{high}"


@pytest.mark.parametrize("name", lib.library_names())
def test_every_model_simulates_a_year_of_arrivals_to_completion(name):
    """Every case ends in one of the four outcomes; granted and refused cases have a decision, withdrawn
    and dismissed ones none (and a dismissed one never started the clock)."""
    (result,) = run(name, cases=None, replications=1)
    outcomes = lib.load_entry(name).profile.simulation.outcomes
    assert result.cases, "a year of arrivals brings at least one application"
    for case in result.cases:
        outcome = outcomes[case.outcome]
        assert outcome in ("grant", "refusal", "withdrawal", "dismissal")
        assert math.isnan(case.decision) == (outcome in ("withdrawal", "dismissal"))
        if outcome == "dismissal":
            assert math.isnan(case.complete)


@pytest.mark.parametrize("name", lib.library_names())
def test_the_status_quo_keeps_the_four_month_deadline_on_average(name):
    deadline_days = 4 * 730.5 / DAY
    days = [d for result in run(name, cases=CASES, replications=2) for d in clock_days(result)]
    assert statistics.mean(days) < deadline_days


@pytest.mark.parametrize("name", ["helsingborg", "astorp", "national-reference"])
def test_the_clock_starts_when_the_application_is_complete(name):
    """Åstorp's clock waits for the knowledge test too (its page); elsewhere completeness alone starts it
    (or the decision to examine an application that stayed incomplete as it stands)."""
    (result,) = run(name, cases=10, replications=1)
    ends = last_step_end(name, result)
    started = [case for case in result.cases if not math.isnan(case.complete)]
    assert len(started) >= 8
    for case in started:
        assert case.complete == pytest.approx(ends[case.case])


def test_the_readme_calibration_figures_are_these_runs():
    """README, "The process library and its calibration": the simulated means it prints are
    bench/library_calibration.py's (the same runs as above), rounded as printed."""
    import re
    from pathlib import Path

    from benchscript import bench_script

    measure = bench_script("library_calibration.py", "library_calibration").measure
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    start = readme.index("| municipality | published | range checked | simulated mean |")
    table = readme[start:readme.index("\n\n", start)]
    rows = dict(re.findall(r"^\| (\S+)[^|]* \|.*\| ([\d.]+) weeks \|$", table, re.M))
    names = {"Helsingborg": "helsingborg", "Åstorp": "astorp", "Ängelholm": "angelholm", "Klippan": "klippan",
             "Örkelljunga": "orkelljunga"}
    assert set(rows) == set(names)
    weeks = {name: measure(name) for name in (*names.values(), "landskrona", "hoganas", "bjuv", "svalov",
                                               "national-reference")}
    assert {row: f"{weeks[name]['clock_weeks']:.1f}" for row, name in names.items()} == rows
    prose = re.sub(r"\s+", " ", readme[start:readme.index("## Comparing models")])
    uncalibrated = [weeks[name]["clock_weeks"] for name in ("landskrona", "hoganas", "bjuv", "svalov")]
    assert f"the same assumptions ({min(uncalibrated):.1f}–{max(uncalibrated):.1f} weeks)" in prose
    assert f"The national reference ({weeks['national-reference']['clock_weeks']:.1f} weeks:" in prose
    assert f"Helsingborg's simulated mean is {weeks['helsingborg']['submission_weeks']:.1f} weeks" in prose
    every = list(weeks.values())  # every library model
    for word, outcome in (("granted", "grant"), ("refused", "refusal"), ("withdrawn", "withdrawal"),
                          ("dismissed", "dismissal")):
        shares = [figures[f"share_{outcome}"] for figures in every]
        span = f"{word} {min(shares):.2f}–{max(shares):.2f}"
        assert span in prose, span
    decided = [figures["decided"] for figures in weeks.values()]
    assert f"over {min(decided):.0f}–{max(decided):.0f} decided cases" in prose
