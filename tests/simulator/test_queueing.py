"""The engine against queueing theory: M/M/1 and M/M/c written as BPMN (tests/fixtures/sim/mm1.bpmn).

Each check states its tolerance as 4 standard errors computed in advance from
queueing theory (Daley's closed form for M/M/1; for M/M/c the same asymptotic
variance from the birth-death chain, which reproduces Daley's at c = 1), never
measured from the runs or tuned: a correct engine fails a check with probability
about 6e-5 (normal approximation), and the seeds are fixed.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from bpmn_io.profile import apply_overrides, profile_from_data, read_profile
from bpmn_io.reader import read_bpmn
from simulator.engine import simulate
from simulator.runner import replicate
from simulator.stats import figures

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sim"
HOURS_PER_YEAR = 8760.0  # mm1.yaml weighs months by their days: a 365-day year


def mmc(count: int, rate_per_hour: float, cases: int, service: object = None, clock: object = None):
    """The queue of mm1.bpmn: ``count`` servers, Poisson arrivals, exponential 1 h service (or ``service``);
    ``clock``: a legal clock (``simulation.clock``), for a share within its deadline."""
    process = read_bpmn(FIXTURES / "mm1.bpmn").process()
    raw = read_profile(FIXTURES / "mm1.yaml").raw
    changes: dict[str, object] = {
        "simulation.pools.server.count": count,
        "simulation.arrivals.per_year": rate_per_hour * HOURS_PER_YEAR,
        "simulation.cases": cases,
    }
    if service is not None:
        changes["simulation.elements.Task_Serve.duration"] = service
    if clock is not None:
        changes["simulation.clock"] = clock
    raw = apply_overrides(raw, changes)
    return process, profile_from_data(raw).simulation


def erlang_c_wait(c: int, lam: float, mu: float) -> float:
    """Mean wait in queue Wq of M/M/c (Erlang C)."""
    a = lam / mu
    rho = a / c
    top = a**c / math.factorial(c) / (1 - rho)
    p_wait = top / (sum(a**k / math.factorial(k) for k in range(c)) + top)
    return p_wait / (c * mu - lam)


def mmc_asymptotic(c: int, lam: float, mu: float, size: int = 400) -> tuple[float, float, float]:
    """(Lq, variance rate of the time integral of the queue length, variance per
    customer of the mean wait) from the M/M/c birth-death chain, truncated at
    ``size`` (the tail beyond is < 1e-40 here).

    The queue-length integral A(t) = int (X - c)^+ dt and the arrival count N(t)
    are additive functionals of the chain X: with g solving the Poisson equation
    Q g = -(f - Lq), A(t) - Lq t = -[g(X_t) - g(X_0)] + a martingale, so the
    asymptotic variance rate of A is 2 sum_i pi_i (f_i - Lq) g_i and its covariance
    rate with N is lam sum_i pi_i (g_{i+1} - g_i); N's is lam. The mean wait of n
    customers is A/N (Little, sample-path), whose variance by the delta method is
    returned multiplied by n. For c = 1 this reproduces Daley's (1968) closed form
    rho (2 + 5 rho - 4 rho^2 + rho^3) / (mu^2 (1 - rho)^4) exactly (checked below).
    """
    k = np.arange(size + 1)
    down = mu * np.minimum(k, c)
    logp = np.concatenate([[0.0], np.cumsum(math.log(lam) - np.log(down[1:]))])
    pi = np.exp(logp - logp.max())
    pi /= pi.sum()
    f = np.maximum(k - c, 0).astype(float)
    lq = float(pi @ f)
    q = np.diag(np.full(size, lam), 1) + np.diag(down[1:], -1)
    q -= np.diag(q.sum(axis=1))
    g = np.linalg.lstsq(np.vstack([q, pi]), np.concatenate([lq - f, [0.0]]), rcond=None)[0]
    s_aa = 2 * float(pi @ ((f - lq) * g))
    s_an = lam * float(pi[:-1] @ (g[1:] - g[:-1]))
    per_customer = s_aa / lam - 2 * lq * s_an / lam**2 + lq**2 / lam**2  # (var rate of A/N) * T * lam
    return lq, s_aa, per_customer


def test_the_chain_variance_reproduces_daleys_formula() -> None:
    for rho in (0.5, 0.8):
        daley = rho * (2 + 5 * rho - 4 * rho**2 + rho**3) / (1 - rho) ** 4
        assert math.isclose(mmc_asymptotic(1, rho, 1.0)[2], daley, rel_tol=1e-6)
    # Erlang C by hand for c = 3, a = 2.1: sum_{k<3} a^k/k! = 1 + 2.1 + 2.205 = 5.305;
    # a^3/3!/(1 - 0.7) = 1.5435/0.3 = 5.145; P(wait) = 5.145/10.45 = 0.49234; Wq = 0.49234/0.9 = 0.54705 h.
    assert math.isclose(erlang_c_wait(3, 2.1, 1.0), 0.54705, rel_tol=1e-4)
    assert math.isclose(mmc_asymptotic(3, 2.1, 1.0)[0], 2.1 * 0.54705, rel_tol=1e-4)  # Little: Lq = lam Wq


def test_mm1_waiting_time_and_utilisation_match_theory() -> None:
    # rho = 0.5, mu = 1/h: Wq = rho / (mu - lam) = 1 h, utilisation 0.5.
    n = 20_000
    process, params = mmc(1, 0.5, n)
    f = figures(simulate(process, params, seed=20251127, keep_records=False))
    rho = 0.5
    # Daley (1968): the mean of n successive M/M/1 waits has variance
    # rho (2 + 5 rho - 4 rho^2 + rho^3) / (mu^2 (1 - rho)^4) / n  (= 29/n h^2 here): SE 0.038 h.
    se_wait = math.sqrt(rho * (2 + 5 * rho - 4 * rho**2 + rho**3) / (1 - rho) ** 4 / n)
    assert abs(f["wait_days.Task_Serve"] * 24 - 1.0) < 4 * se_wait
    # Utilisation = offered work / time: a compound Poisson sum, variance 2 rho^2 / n for exponential work.
    se_util = math.sqrt(2 * rho**2 / n)
    assert abs(f["utilisation.server"] - rho) < 4 * se_util
    # Little's law ties the queue length to the wait: Lq = lam Wq.
    assert math.isclose(f["queue_length.server"], 0.5 * f["wait_days_pool.server"] * 24, rel_tol=0.02)
    # and the queue length against theory (Lq = 0.5), over about n / lam hours: variance s_aa / T.
    lq, s_aa, _ = mmc_asymptotic(1, 0.5, 1.0)
    assert math.isclose(lq, 0.5, rel_tol=1e-9)
    assert abs(f["queue_length.server"] - lq) < 4 * math.sqrt(s_aa / (n / 0.5))


def test_mmc_waiting_time_queue_and_utilisation_match_erlang_c() -> None:
    c, lam, n, reps = 3, 2.1, 5000, 8  # rho = 0.7; Wq = 0.54705 h (Erlang C, by hand above)
    theory = erlang_c_wait(c, lam, 1.0)
    lq, s_aa, per_customer = mmc_asymptotic(c, lam, 1.0)
    process, params = mmc(c, lam, n)
    runs = [figures(r) for r in replicate(process, params, replications=reps, seed=7, keep_records=False)]
    # The mean over the replications of each one's mean wait: variance per_customer / (n reps)
    # (= 32.4 / 40000 h^2, SE 0.028 h, 5 % of Wq), from the chain, not from the runs.
    se_wait = math.sqrt(per_customer / (n * reps))
    wait = float(np.mean([f["wait_days.Task_Serve"] * 24 for f in runs]))
    assert abs(wait - theory) < 4 * se_wait
    # Time-average queue length over about n reps / lam hours: variance s_aa / T.
    queue = float(np.mean([f["queue_length.server"] for f in runs]))
    assert abs(queue - lq) < 4 * math.sqrt(s_aa / (n * reps / lam))
    # Utilisation = offered work / (c T): variance 2 rho^2 / (n reps), as for M/M/1.
    rho = lam / c
    utilisation = float(np.mean([f["utilisation.server"] for f in runs]))
    assert abs(utilisation - rho) < 4 * math.sqrt(2 * rho**2 / (n * reps))
    # Erlang B's blocking (a common mix-up) would give Wq = 0.25 h: the test tells them apart.
    assert abs(0.25 - theory) > 8 * se_wait


def within_replications(values: list[float], truth: float, t_max: float = 5.0) -> bool:
    """|mean - truth| < t_max standard errors of the replications' mean (Student t, R - 1 degrees of freedom).

    Where no closed-form variance is at hand (M/D/1, sojourn quantiles) the standard error
    comes from the independent replications themselves: with 10 of them a correct engine
    lands beyond 5 of it with probability 7e-4 (t with 9 degrees of freedom).
    """
    x = np.asarray(values)
    return bool(abs(x.mean() - truth) < t_max * x.std(ddof=1) / math.sqrt(len(x)))


def test_md1_waiting_and_sojourn_times_match_pollaczek_khinchine() -> None:
    # M/D/1, rho = 0.8, service fixed at 1 h: Wq = lam E[S^2] / (2 (1 - rho)) = 0.8 / 0.4 = 2 h,
    # half the M/M/1 wait (4 h); the sojourn W = Wq + 1 h = 3 h; utilisation 0.8.
    n, reps = 10_000, 10
    process, params = mmc(1, 0.8, n, service={"dist": "fixed", "value": "1h"})
    runs = [figures(r) for r in replicate(process, params, replications=reps, seed=31, keep_records=False)]
    assert all(f["work_hours.Task_Serve"] == 1.0 for f in runs)
    waits = [f["wait_days.Task_Serve"] * 24 for f in runs]
    assert within_replications(waits, 2.0)
    assert within_replications([f["submission_to_decision_mean_days"] * 24 for f in runs], 3.0)
    assert within_replications([f["utilisation.server"] for f in runs], 0.8)
    assert within_replications([f["queue_length.server"] for f in runs], 0.8 * 2.0)  # Little: Lq = lam Wq
    # the M/M/1 wait at the same load (4 h) is far outside: deterministic service is not ignored
    assert not within_replications(waits, 4.0, t_max=20.0)


def test_mm1_sojourn_time_is_exponential_with_rate_mu_minus_lambda() -> None:
    # M/M/1 FIFO, lam = 0.5, mu = 1/h: the sojourn time is exponential with rate mu - lam = 0.5/h,
    # so its mean is 2 h, its median 2 ln 2, its 90th and 95th percentiles 2 ln 10 and 2 ln 20 hours.
    n, reps = 10_000, 10
    process, params = mmc(1, 0.5, n)
    runs = [figures(r) for r in replicate(process, params, replications=reps, seed=32, keep_records=False)]
    for figure, hours in (("mean", 2.0), ("median", 2 * math.log(2)), ("p90", 2 * math.log(10)),
                          ("p95", 2 * math.log(20))):
        values = [f[f"submission_to_decision_{figure}_days"] * 24 for f in runs]
        assert within_replications(values, hours), (figure, np.mean(values), hours)
    # one step: the case's time is that step's elapsed time (wait + work)
    assert all(math.isclose(f["elapsed_days.Task_Serve"], f["submission_to_decision_mean_days"], rel_tol=1e-9)
               for f in runs)
