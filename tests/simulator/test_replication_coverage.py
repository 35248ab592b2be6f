"""Do the 95 % intervals the tool prints hold the truth about 95 % of the time? Checked on M/M/1 and M/M/2
(tests/fixtures/sim/mm1.bpmn), whose mean wait is known (Erlang C), and M/M/1's share of cases within a
2-hour deadline (its time in the system is exponential), over many independent experiments.

Each experiment is ``REPLICATIONS`` replications (the command line's default), summarised exactly as
``summary.json`` and ``permitflow simulate`` summarise them (:func:`scenarios.compare.summarise_point`,
:func:`scenarios.compare.paired_differences`); the experiments are consecutive groups of one long
:func:`simulator.runner.replicate` call, whose replications are independent. A correct 95 % interval holds
the truth in a Binomial(experiments, 0.95) number of them: the test accepts the central 99.98 % of that
distribution (computed from the binomial, not tuned to the runs), so a correct interval fails it with
probability 2e-4, and the seeds are fixed.

The runs are long compared with how long the queue remembers (300 cases at load 0.3, after a warm-up):
there the t-interval covers as it says. The last check shows where it does not (the limit README's Known
limits and docs/simulation.md state): short runs of a busy queue (load 0.8), started empty, give skewed and
biased replication means, and the interval holds the truth clearly less often than 95 %.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from scipy.stats import binom
from test_queueing import erlang_c_wait, mmc

from scenarios.compare import paired_differences, summarise_point
from simulator.runner import replicate
from simulator.stats import figures

REPLICATIONS = 10  # permitflow simulate's default
EXPERIMENTS = 300
WAIT = "wait_days.Task_Serve"


def accepted(experiments: int) -> tuple[int, int]:
    """The central 99.98 % of Binomial(experiments, 0.95): how many a correct 95 % interval may hold."""
    return int(binom.ppf(1e-4, experiments, 0.95)), int(binom.ppf(1 - 1e-4, experiments, 0.95))


def runs(servers: int, rate: float, cases: int, warmup_hours: float, seed: int,
         clock: object = None) -> list[dict[str, float]]:
    process, params = mmc(servers, rate, cases, clock=clock)
    params = dataclasses.replace(params, warmup=warmup_hours)
    done = replicate(process, params, replications=EXPERIMENTS * REPLICATIONS, seed=seed)
    return [figures(r) for r in done]


def experiments(replications: list[dict[str, float]], name: str) -> list:
    """The summaries of consecutive groups of :data:`REPLICATIONS` replications."""
    return [summarise_point(name, "", (), replications[k:k + REPLICATIONS])
            for k in range(0, len(replications), REPLICATIONS)]


def held(intervals: list[tuple[float, float]], truth: float) -> int:
    return sum(low <= truth <= high for low, high in intervals)


@pytest.mark.slow
def test_the_intervals_of_a_mean_a_paired_difference_and_utilisation_hold_the_truth_95_per_cent() -> None:
    rate = 0.3  # cases per hour; service 1 h: load 0.3 on one server, 0.15 on two
    # a legal clock from arrival to the end, 2 h: the M/M/1 time in the system is exponential with rate
    # 1 - 0.3 per hour, so the share within 2 h is 1 - exp(-1.4) = 0.7534
    deadline = {"start": "Start", "stop": "End", "deadline": "2h"}
    one = experiments(runs(1, rate, 300, 50.0, seed=20261207, clock=deadline), "one")
    # the same applicants (common random numbers)
    two = experiments(runs(2, rate, 300, 50.0, seed=20261207), "two")
    wq1, wq2 = erlang_c_wait(1, rate, 1.0), erlang_c_wait(2, rate, 1.0)  # 0.4286 h, 0.0224 h
    low, high = accepted(EXPERIMENTS)

    waits = [(p.figures[WAIT].low * 24, p.figures[WAIT].high * 24) for p in one]
    assert low <= held(waits, wq1) <= high
    busy = [(p.figures["utilisation.server"].low, p.figures["utilisation.server"].high) for p in one]
    assert low <= held(busy, rate) <= high
    # the share within the deadline gets a Wilson interval (scenarios.compare.share_interval)
    within = [(p.figures["within_deadline_share"].low, p.figures["within_deadline_share"].high) for p in one]
    assert low <= held(within, 1 - math.exp(-(1 - rate) * 2)) <= high
    # a second server's effect on the wait, paired by replication: its truth is the difference of Erlang C's
    changes = []
    for a, b in zip(two, one, strict=True):
        diff = next(d for d in paired_differences(a, b).differences if d.figure == WAIT)
        changes.append((diff.low * 24, diff.high * 24))
    assert low <= held(changes, wq2 - wq1) <= high
    # the intervals are not trivially wide: each experiment's excludes a truth of zero change
    assert all(h < 0 for _, h in changes)


@pytest.mark.slow
def test_short_runs_of_a_busy_queue_started_empty_cover_less_than_they_say() -> None:
    # load 0.8, 200 cases, no warm-up: each replication's mean wait is skewed (a long busy period now and
    # then) and starts from an empty queue, below the steady state's 4 h: the interval holds 4 h too seldom
    one = experiments(runs(1, 0.8, 200, 0.0, seed=20261207), "short")
    truth = erlang_c_wait(1, 0.8, 1.0)
    waits = [(p.figures[WAIT].low * 24, p.figures[WAIT].high * 24) for p in one]
    assert held(waits, truth) < accepted(EXPERIMENTS)[0]
    assert float(np.mean([p.figures[WAIT].mean for p in one])) * 24 < truth
