"""When no candidate is sure: the closest one, the chance it meets the target, and fresh replications to settle it
(:mod:`scenarios.settle`, :attr:`scenarios.goal.OptimiseRequest.settle`).

The guarantee is checked against a known truth: twelve candidates sit exactly at a mean target, the closest is
picked by its own runs (as the goal seek picks it), and then judged on fresh replications alone; over seeded
repetitions it is called sure at most 5 % of the times (one tail of a 95 % interval: 2.5 %). Judged on the runs
it was picked by, the same pick is called sure far more often. Bounds are Binomial quantiles, computed, not tuned.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from scipy.stats import binom

from report.numbers import number
from scenarios.bases import library_base
from scenarios.candidate_run import Run
from scenarios.compare import estimate
from scenarios.goal import JOINT_LEVEL, Target
from scenarios.optimise import optimise
from scenarios.settle import chance_to_meet, projected, settle_projection
from web.goalseek import goal_request

MEAN = Target(share=None, mean_days=60.0)


def _run(values: list[float]) -> Run:
    return Run(values, estimate(values), None)


def test_repeating_the_runs_seen_keeps_their_mean_and_spread() -> None:
    # the search's stopping rule (scenarios.verdicts) projects this way; the settling runs' count no longer does
    run = _run([50.0, 60.0, 55.0, 65.0, 52.0, 58.0])
    assert projected(run, 29).mean == pytest.approx(run.mean)
    assert np.std(projected(run, 29).values, ddof=1) == pytest.approx(np.std(run.values, ddof=1))


def test_the_settling_runs_count_is_the_t_intervals_sample_size_at_80_percent() -> None:
    run = _run([50.0, 60.0, 55.0, 65.0, 52.0, 58.0])
    n = settle_projection(run, MEAN, 0.95).replications
    assert n is not None
    spread, distance = float(np.std(run.values, ddof=1)), 60.0 - run.mean
    # (t_(0.975, n-1) + t_(0.8, n-1)) * s / sqrt(n) <= the distance at n, not at n - 1
    from scipy.stats import t

    def clears(k: int) -> bool:
        return (t.ppf(0.975, k - 1) + t.ppf(0.8, k - 1)) * spread <= distance * np.sqrt(k)

    assert clears(n) and not clears(n - 1)


def test_no_number_settles_a_candidate_whose_mean_misses_the_target() -> None:
    assert settle_projection(_run([61.0, 63.0, 62.0]), MEAN, 0.95).why_not == "misses"


def test_the_chance_is_a_half_at_the_target_and_grows_with_the_margin() -> None:
    at = chance_to_meet(_run([58.0, 62.0, 59.0, 61.0]), MEAN)
    under = chance_to_meet(_run([55.0, 59.0, 56.0, 58.0]), MEAN)
    assert abs(at - 0.5) < 1e-9
    assert 0.5 < under < 1.0


def test_a_pick_among_12_at_the_target_settled_by_fresh_runs_is_wrongly_sure_at_most_one_time_in_20() -> None:
    rng = np.random.default_rng(2025)
    runs, fresh_sure, reused_sure = 500, 0, 0
    for _ in range(runs):
        seen = [list(60.0 + rng.normal(0.0, 10.0, size=12)) for _ in range(12)]
        closest = max(seen, key=lambda v: chance_to_meet(_run(v), MEAN))
        reused_sure += MEAN.met(MEAN.bad_end(_run(closest).interval(MEAN, JOINT_LEVEL)))
        n = settle_projection(_run(closest), MEAN, JOINT_LEVEL).replications or 40
        fresh = list(60.0 + rng.normal(0.0, 10.0, size=n))
        fresh_sure += MEAN.met(MEAN.bad_end(_run(fresh).interval(MEAN, JOINT_LEVEL)))
    # at most 2.5 % in truth; Binomial(500, 0.05)'s 99.9 % upper quantile is the bound
    assert fresh_sure <= binom.ppf(0.999, runs, 0.05)
    # the same pick judged on the runs it was picked by: far more often than 1 in 20
    assert reused_sure > binom.ppf(0.999, runs, 0.05)


def test_a_goal_seek_with_none_sure_names_the_closest_and_settles_it_on_fresh_replications() -> None:
    # Åstorp alone, 1 × quarter time decided by the officer: every case within the deadline, too few to be sure
    base = library_base("astorp", source="test", line=None)
    request = dataclasses.replace(goal_request([base], 95), officers=(1,), fte=(0.25,), levels=("officer",))
    unsure = optimise(request)
    assert not unsure.holds_at_bad_end and unsure.safe is None
    assert unsure.closest is not None and unsure.closest.candidate.label == "1 × 0.25 FTE, officer"
    assert 0.5 < unsure.chance < 1.0 and unsure.to_settle is not None and unsure.to_settle > 3
    assert unsure.settled is None and unsure.to_json()["closest"]["replications_to_settle"] == unsure.to_settle
    settled = optimise(dataclasses.replace(request, settle=unsure.to_settle))
    assert settled.settled is not None
    assert (settled.settled.after, settled.settled.replications) == (unsure.closest.replications, unsure.to_settle)
    assert settled.work_units == unsure.work_units + unsure.to_settle  # the search's own runs are reused
    fresh = settled.settled.target_value
    assert settled.settled.sure == (fresh.low >= 0.95)
    # its figures are the fresh ones alone: replications after those seen, none of them
    assert len(fresh.values) == unsure.to_settle


def test_the_command_line_names_the_closest_and_settle_runs_it_fresh() -> None:
    from click.testing import CliRunner

    from cli import cli

    args = ["optimise", "astorp", "--officers", "1", "--fte", "0.25", "--levels", "officer", "--first-replications",
            "3", "--max-replications", "12", "--workers", "1", "--quiet"]
    unsure = CliRunner().invoke(cli, args)
    assert unsure.exit_code == 0, unsure.output
    closest = next(line for line in unsure.output.splitlines() if line.startswith("Closest: "))
    n = int(closest.rsplit("(add --settle ", 1)[1].rstrip(").").replace(",", ""))
    # from 3, doubling: at 6 it would need more than twice the most (12) to be sure, so it stops there
    assert closest.startswith("Closest: 1 officer at quarter time, decided by the case officer; from its 6 "
                              "runs it is about ")
    assert "Närmast: 1 handläggare på kvartstid" in unsure.output and f"(lägg till --settle {n})" in unsure.output
    settled = CliRunner().invoke(cli, [*args, "--settle", str(n)])
    assert settled.exit_code == 0, settled.output
    assert (f"Settling it: {n} more runs of 1 officer at quarter time, decided by the case officer, "
            "judged on their own") in settled.output
    assert f"Avgörandet: {n} körningar till av 1 handläggare på kvartstid" in settled.output
    assert "--settle" not in settled.output  # nothing more to add
    refused = CliRunner().invoke(cli, [*args, "--settle", "2"])
    assert refused.exit_code == 2 and "--settle" in refused.output and "Traceback" not in refused.output


@pytest.mark.parametrize("given", [2, 2001, True, "5", 4.5])
def test_the_pages_settle_runs_outside_3_to_2000_are_refused_in_both_languages(given: object) -> None:
    from web.levers import GoalLeverError

    base = library_base("astorp", source="test", line=None)
    with pytest.raises(GoalLeverError) as refused:
        goal_request([base], 95, settle=given)
    assert "expected a whole number from 3 to 2,000" in str(refused.value)
    assert refused.value.sv.endswith(f"(väntade ett heltal från 3 till {number(2000, 'sv')})")


def test_a_candidate_whose_mean_meets_the_target_but_too_closely_to_settle_is_not_said_to_miss_it() -> None:
    from report.settlewords import closest_words

    near = _run([40.0, 79.8, 45.0, 74.6])  # mean 59.85 days, a spread no 2,000 runs narrow to 0.15 days
    projection = settle_projection(near, MEAN, JOINT_LEVEL)
    assert MEAN.met(near.mean) and projection.replications is None
    name = {"en": "3 officers", "sv": "3 handläggare"}
    en, sv = closest_words(name, chance_to_meet(near, MEAN), 4, None, {"en": "", "sv": ""}, projection.why_not)
    assert "misses" not in en and "missar" not in sv
    assert en.endswith(" It meets the target on average, but even 2,000 runs more would likely not make it sure.")
    assert sv.endswith(" Det når målet i snitt, men inte ens 2\u00a0000 körningar till skulle troligen göra det "
                       "säkert.")
    far = _run([61.0, 63.0, 62.0])
    en, sv = closest_words(name, chance_to_meet(far, MEAN), 3, None, {"en": "", "sv": ""}, "misses")
    assert en.endswith(" No number of runs more would make it sure: on average it misses the target.")
    assert sv.endswith(" Inga fler körningar skulle göra det säkert: i snitt missar det målet.")
    on = _run([58.0, 62.0, 59.0, 61.0])
    en, sv = closest_words(name, chance_to_meet(on, MEAN), 4, None, {"en": "", "sv": ""},
                           settle_projection(on, MEAN, JOINT_LEVEL).why_not)
    assert en.endswith(" On average it sits exactly on the target, so no number of runs more can be projected to "
                       "settle it.")
    assert sv.endswith(" I snitt ligger det precis på målet, så inget antal körningar till kan beräknas avgöra det.")
    en, sv = closest_words(name, 0.7, 6, 44, {"en": " (add --settle 44)", "sv": " (lägg till --settle 44)"})
    assert en.endswith(" About 44 more runs of this combination, judged on their own, would settle it with about 80% "
                       "likelihood if it is as its runs showed (add --settle 44).")
    assert sv.endswith(" Omkring 44 körningar till av det här alternativet, bedömda för sig, skulle avgöra det med "
                       "omkring 80\u00a0% sannolikhet om det är som dess körningar visade (lägg till --settle 44).")


def test_the_closest_is_the_likeliest_to_meet_the_target_not_a_candidate_without_a_figure() -> None:
    from scenarios.settle import likeliest

    nan = float("nan")
    # the cheapest first, as the search orders them: one whose replications decided no case has no chance at all
    assert likeliest([nan, 0.8, 0.3], [100.0, 200.0, 300.0]) == 1
    assert likeliest([0.3, nan, 0.8], [100.0, 200.0, 300.0]) == 2
    assert likeliest([0.6, 0.6, 0.2], [300.0, 200.0, 100.0]) == 1  # equal chances: the cheaper
    assert likeliest([nan, nan], [100.0, 200.0]) == 0


def test_the_page_says_why_no_number_is_projected_and_offers_no_runs() -> None:
    import json

    from web.goalseek import goal_answer

    base = library_base("astorp", source="test", line=None)
    request = dataclasses.replace(goal_request([base], 95), officers=(1,), fte=(0.25,), levels=("officer",))
    result = json.loads(json.dumps(optimise(request).to_json()))
    assert result["closest"]["settle_power"] == 0.8 and result["closest"]["not_projected"] is None
    said = goal_answer(result, {"astorp": {"en": "Åstorp", "sv": "Åstorp"}})["sentence"]
    assert "with about 80% likelihood if it is as its runs showed" in said["en"]
    result["closest"].update(replications_to_settle=None, not_projected="on the target")
    said = goal_answer(result, {"astorp": {"en": "Åstorp", "sv": "Åstorp"}})["sentence"]
    assert "sits exactly on the target, so no number of runs more can be projected" in said["en"]
    assert "ligger det precis på målet" in said["sv"]
    assert "Run the closest combination" not in said["en"] and "Kör det närmaste" not in said["sv"]
