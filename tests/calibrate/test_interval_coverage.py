"""Do the calibration's 95 % intervals cover the true values about 95 % of the time?

A round trip over six seeds: Helsingborg's model and profile simulated for 2 years at 120 applications a
year, both pools at full time (``simulate --eventlog``, as the README's validation run), calibrated back
(``calibrate --format json``), and each stated 95 % interval checked against the value the simulation
drew from: arrivals per year (exact Poisson interval); the mean of five work times and of ten calendar
delays (bootstrap over cases); six branch shares (bootstrap over cases). About 23 intervals a seed.

The bounds come from the binomial distribution, not from the runs: with n intervals at 95 %, the number
that miss lies between the 0.5 % and 99.5 % points of Binomial(n, 0.05) (for n = 138: 1 to 14), and no
single parameter misses in 4 or more of the 6 seeds (a chance of about 1e-4 each at 95 %). The intervals
of one seed share its cases, so the count spreads a little wider than the binomial's: the bounds are loose
on purpose, and an interval that is systematically off shows up in the second check.

One of the delays, ``Task_Invanta_Komplettering`` (the wait for a supplement, triangular 3 days, 1 week,
5 weeks: mean 360 h), is ended at 4 weeks by its boundary timer ``Timer_Svarstid_Ute`` (about 5 % of the
waits), and the log then has the timer's event and no completion of the wait: the fit counts those waits
as right-censored at the timer (bench/bench_censored_wait.py: 367.7 h on average over 20 seeds, 19 of 20
intervals cover 360 h; fitted from the completed waits alone, as before, it was 340.1 h and 13 of 20).
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from click.testing import CliRunner
from scipy.stats import binom

from cli import cli

SEEDS = (1, 2, 3, 4, 5, 6)
PER_YEAR = 120.0
TRUE_MEANS_H = {  # the library profile's distributions: lognormal means, triangular (a + c + b) / 3, uniform
    "Task_Registrera_Ansokan": 0.5, "Task_Granska_Fullstandighet": 1.5, "Task_Platsbesok": 2.5,
    "Task_Utredning": 3.5, "Task_Beslutsunderlag": 1.5,
    **{f"Event_Remissvar_{who}": 504.0 for who in ("Polis", "Skatteverket", "Kronofogden", "Raddningstjansten",
                                                    "Miljo")},
    "Event_Avgift_Inbetald": 144.0, "Event_Yttrande_Inkommet": 336.0,
    "Event_Provtillfalle_1": 336.0, "Event_Provtillfalle_2": 336.0, "Event_Provtillfalle_3": 336.0,
    "Task_Invanta_Komplettering": (72.0 + 168.0 + 840.0) / 3,  # triangular 3 d, 1 w, 5 w; cut at 4 w by a timer
}
TRUE_SHARES = {
    ("Gw_Avgift_Betald", "Flow_Avgift_Nej"): 0.1, ("Gw_Komplett", "Flow_Komplett_Nej"): 0.5,
    ("Gw_Befintligt_Skick", "Flow_Befintligt_Avvisa"): 0.5, ("Gw_Prov_1", "Flow_Prov_1_Underkant"): 0.3,
    ("Gw_Prov_2", "Flow_Prov_2_Underkant"): 0.3, ("Gw_Prov_3", "Flow_Prov_3_Underkant"): 0.3,
}


def _covered(report: dict) -> dict[str, bool]:
    out = {}
    lo, hi = report["arrivals"]["per_year_ci"]
    out["arrivals.per_year"] = lo <= PER_YEAR <= hi
    for element, mean in TRUE_MEANS_H.items():
        if element in report["durations"]:  # a rare step (the third test) may not occur in a seed's log
            lo, hi = report["durations"][element]["mean_ci"]
            out[element] = lo <= mean <= hi
    for (gateway, flow), share in TRUE_SHARES.items():
        if gateway in report["branching"]:
            lo, hi = report["branching"][gateway]["ci"][flow]
            out[f"{gateway}.{flow}"] = lo <= share <= hi
    return out


@pytest.fixture(scope="module")
def coverage(tmp_path_factory) -> dict[str, list[bool]]:
    folder = tmp_path_factory.mktemp("coverage")
    runner = CliRunner()
    hits: dict[str, list[bool]] = defaultdict(list)
    for seed in SEEDS:
        log = folder / f"log{seed}.xes"
        sim = runner.invoke(cli, ["simulate", "helsingborg", "--years", "2", "--seed", str(seed), "-q", "-r", "1",
                                  "--eventlog", str(log), "--set", f"arrivals.per_year={PER_YEAR:g}",
                                  "--set", "pools.officer.fte=1.0", "--set", "pools.registry.fte=1.0"])
        assert sim.exit_code == 0, sim.output
        done = runner.invoke(cli, ["calibrate", "helsingborg", str(log), "-o", str(folder / f"p{seed}.yaml"),
                                   "--format", "json"])
        assert done.exit_code == 0, done.output
        for name, hit in _covered(json.loads(done.output)).items():
            hits[name].append(hit)
    return hits


def test_the_95_percent_intervals_cover_the_true_values_about_95_percent_of_the_time(coverage) -> None:
    n = sum(len(v) for v in coverage.values())
    missed = sum(v.count(False) for v in coverage.values())
    low, high = binom.ppf(0.005, n, 0.05), binom.ppf(0.995, n, 0.05)
    assert n >= 20 * len(SEEDS)
    assert low <= missed <= high, {k: f"{v.count(True)}/{len(v)}" for k, v in coverage.items()}


def test_no_parameter_misses_in_most_seeds(coverage) -> None:
    assert {k: v.count(False) for k, v in coverage.items() if v.count(False) >= 4} == {}
