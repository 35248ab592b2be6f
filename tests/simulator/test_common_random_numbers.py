"""Common random numbers, checked where their effect is known exactly: a single first-come-first-served
step serves its cases in arrival order whatever the number of servers, so with one seed a second server
must change nothing but the waits — the same applicants at the same instants, each with the same work.
A faster step draws the same uniforms: each case's work is scaled, and the paired difference has the
smaller spread that pairing is for (Var(A - B) = Var A + Var B - 2 Cov).
"""

from __future__ import annotations

import numpy as np
from test_queueing import mmc

from simulator.engine import simulate
from simulator.runner import replicate
from simulator.stats import figures


def test_a_second_server_changes_only_the_waits() -> None:
    one, two = mmc(1, 0.8, 400), mmc(2, 0.8, 400)
    a, b = simulate(*one, seed=42), simulate(*two, seed=42)
    assert [c.arrival for c in a.cases] == [c.arrival for c in b.cases]
    work_a = sorted((x.case, x.work) for x in a.activities)
    work_b = sorted((x.case, x.work) for x in b.activities)
    assert work_a == work_b and len(work_a) == 400
    by_case_a, by_case_b = (sorted(r.activities, key=lambda x: x.case) for r in (a, b))
    waits = [(x.start - x.enable, y.start - y.enable) for x, y in zip(by_case_a, by_case_b, strict=True)]
    # first come, first served with the same arrivals and work: one server fewer is the same queue with a
    # server that is never free, and the Kiefer-Wolfowitz workload recursion is monotone, so nobody waits
    # longer with one server more
    assert all(w2 <= w1 + 1e-9 for w1, w2 in waits)
    assert sum(w1 for w1, _ in waits) > sum(w2 for _, w2 in waits)


def test_a_faster_step_draws_the_same_numbers_scaled_and_pairs_tightly() -> None:
    # service exponential with mean 1 h against 54 min: drawn by inverse transform from one stream, every
    # case's work in the second is exactly 0.9 times its work in the first
    one, two = mmc(1, 0.8, 500), mmc(1, 0.8, 500, service={"dist": "exponential", "mean": "54m"})
    a, b = simulate(*one, seed=1), simulate(*two, seed=1)
    work_a = {x.case: x.work for x in a.activities}
    assert all(abs(x.work - 0.9 * work_a[x.case]) < 1e-12 for x in b.activities) and len(work_a) == 500
    wait = "wait_days.Task_Serve"
    runs_a = [figures(r)[wait] for r in replicate(*one, replications=10, seed=3, keep_records=False)]
    runs_b = [figures(r)[wait] for r in replicate(*two, replications=10, seed=3, keep_records=False)]
    other = [figures(r)[wait] for r in replicate(*two, replications=10, seed=103, keep_records=False)]
    # the waits of a pair move together (same applicants, same work scaled); independent seeds share nothing,
    # so the paired difference, what a scenario comparison reports, has the smaller spread
    assert np.corrcoef(runs_a, runs_b)[0, 1] > 0.9
    assert np.std(np.subtract(runs_a, runs_b), ddof=1) < np.std(np.subtract(runs_a, other), ddof=1)
