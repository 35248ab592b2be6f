"""A case's delays move together (``simulation.case_delays``): the simulator's one-factor Gaussian
copula (:mod:`simulator.casedelays`) and its fit from a log (:func:`calibrate.fits.fit_case_delays`).

Worked by hand (the estimator): two steps X and Y, three cases, each step's delays ranked 1-3
within the step, normal scores z = Phi^-1(rank / 4) = (-0.6745, 0, 0.6745).
X's ranks by case a, b, c: 1, 2, 3; Y's: 1, 3, 2. Products of a case's two scores:
a: 0.6745^2 = 0.455, b: 0 * 0.6745 = 0, c: 0.6745 * 0 = 0. The estimate is the mean product of
two scores of one case (0.455 / 3) over the mean square score (2 * 0.910 / 6 = 0.303): 0.5.
The same ranks in every case give 1; reversed ranks give -1.

Recovery (tolerance fixed here, before the run): the model Start -> parallel B | C | D -> join ->
End, each a lognormal calendar delay (means 5, 10 and 20 days, sd 3, 8 and 30 days), 2,000 cases,
simulated with correlation 0.5, its event log written by permitflow's own writer and calibrated
back. For a correlation r of normal scores over n = 2,000 cases, sd (1 - r^2) / sqrt(n) = 0.017 per
pair of steps; the three pairs share their cases, so not less than that: 4 sd -> 0.07. With
correlation 0 the estimate is within 0.07 of 0, and the key is written exactly when the 95 %
interval lies above 0.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from onelane import one_lane
from scipy import special, stats

from bpmn_io.caselog import LogRecord, table_from_records
from bpmn_io.profile_schema import simparams_from_data
from calibrate.core import calibrate
from calibrate.fits import fit_case_delays
from calibrate.mapping import map_activities
from calibrate.reporting import calibration_text
from processes.distributions import Distribution, distribution_from_data
from processes.errors import InputError
from processes.model import Definitions, Event, Gateway, Task
from simulator.casedelays import quantile_of
from simulator.engine import simulate
from simulator.streams import root_sequence, stream

P = "Process_Par"
STEPS = {"Task_B": ("5d", "3d"), "Task_C": ("10d", "8d"), "Task_D": ("20d", "30d")}


def _model() -> Definitions:
    nodes = [Event(id="Start", position="start", parent=P), Gateway(id="Gw_Split", gateway_kind="parallel", parent=P),
             *[Task(id=t, name=t[-1], parent=P) for t in STEPS],
             Gateway(id="Gw_Join", gateway_kind="parallel", parent=P), Event(id="End", position="end", parent=P)]
    edges = [("Start", "Gw_Split"), *[("Gw_Split", t) for t in STEPS], *[(t, "Gw_Join") for t in STEPS],
             ("Gw_Join", "End")]
    return one_lane(P, "Par", nodes, edges)


def _sim_data(rho: float | None, cases: int = 2000) -> dict:
    data = {"start": "2024-01-01", "cases": cases, "arrivals": {"per_year": 365},
            "elements": {t: {"delay": {"dist": "lognormal", "mean": m, "sd": s}} for t, (m, s) in STEPS.items()}}
    if rho is not None:
        data["case_delays"] = {"correlation": rho}
    return data


def _log(result, start: dt.date):
    origin = dt.datetime.combine(start, dt.time()).replace(tzinfo=dt.UTC).timestamp()
    records = [LogRecord(str(a.case), a.element[-1], origin + a.start * 3600, origin + a.end * 3600, "system", a.element,
                         i + 1) for i, a in enumerate(sorted(result.activities, key=lambda a: (a.case, a.end, a.element)))]
    return table_from_records(records, source="par.csv")


# ---------------------------------------------------------------- the estimator, worked by hand

def _fit(x_ranks: list[int], y_ranks: list[int]) -> float:
    n = len(x_ranks)
    case = np.repeat(np.arange(n), 2)
    element = np.tile([0, 1], n)
    hours = np.array([v for pair in zip(x_ranks, y_ranks, strict=True) for v in pair], dtype=float)
    fit = fit_case_delays(case, element, hours, min_rows=3)
    assert fit is not None
    return fit.rho


def test_the_estimate_worked_by_hand() -> None:
    assert _fit([1, 2, 3], [1, 3, 2]) == pytest.approx(0.5)
    assert _fit([1, 2, 3], [10, 20, 30]) == pytest.approx(1.0)  # only ranks count
    assert _fit([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)


def test_no_estimate_without_two_scored_delays_in_a_case() -> None:
    assert fit_case_delays(np.arange(12), np.zeros(12, int), np.arange(12.0)) is None


# ---------------------------------------------------------------- the simulator

@pytest.mark.parametrize("data", [
    {"dist": "exponential", "mean": "10h"}, {"dist": "lognormal", "mean": "10h", "sd": "4h"},
    {"dist": "gamma", "mean": "10h", "sd": "4h"}, {"dist": "uniform", "low": "2h", "high": "6h"},
    {"dist": "triangular", "low": "2h", "mode": "3h", "high": "6h"}, {"dist": "normal", "mean": "3h", "sd": "2h"},
    {"dist": "empirical", "values": ["1h", "5h", "2h"], "weights": [1, 1, 2]}, "3h"])
def test_each_distribution_keeps_its_quantiles(data) -> None:
    dist = distribution_from_data(data, work=False) if isinstance(data, dict) else Distribution.fixed(3.0)
    q = quantile_of(dist)
    p = dict(dist.params)
    s2 = math.log1p(0.16)  # the lognormal's log variance: sd / mean = 0.4
    ppf = {
        "exponential": stats.expon(scale=p.get("mean")).ppf,
        "lognormal": stats.lognorm(s=math.sqrt(s2), scale=10 * math.exp(-s2 / 2)).ppf,
        "gamma": stats.gamma(p.get("shape", 1.0), scale=p.get("scale")).ppf,
        "uniform": stats.uniform(2, 4).ppf,
        "triangular": stats.triang(0.25, loc=2, scale=4).ppf,
        "normal": stats.truncnorm(-1.5, np.inf, loc=3, scale=2).ppf,  # truncated at 0 = mean - 1.5 sd
        "empirical": lambda u: 1.0 if u < 0.25 else 2.0 if u < 0.75 else 5.0,
        "fixed": lambda u: 3.0,
    }[dist.kind]
    for z in (-2.0, -0.3, 0.0, 0.7, 2.5):
        expected = ppf(float(special.ndtr(z)))
        assert q(z) == pytest.approx(float(expected), rel=1e-9), (dist.kind, z)


def test_a_delay_is_the_quantile_at_the_case_factor_joined_with_its_own_draw() -> None:
    """One case, worked from the streams: B's delay = F^-1(Phi(sqrt(rho) c + sqrt(1 - rho) e))."""
    rho, seed = 0.36, 11
    params = simparams_from_data(_sim_data(rho, cases=1))
    result = simulate(_model().process(), params, seed=seed)
    root = root_sequence(seed)
    c = stream(root, "case-delays").standard_normal(8)[0]
    for t, (mean, sd) in STEPS.items():
        e = stream(root, "delay", t).standard_normal(8)[0]
        m, s = float(mean[:-1]) * 24, float(sd[:-1]) * 24
        s2 = math.log1p((s / m) ** 2)
        expected = math.exp(math.log(m) - s2 / 2 + math.sqrt(s2) * (0.6 * c + 0.8 * e))
        (rec,) = [a for a in result.activities if a.element == t]
        assert rec.end - rec.enable == pytest.approx(expected, rel=1e-9)


def test_without_the_key_the_draws_are_todays() -> None:
    process = _model().process()
    plain = simulate(process, simparams_from_data(_sim_data(None, cases=50)), seed=3)
    zero = simulate(process, simparams_from_data(_sim_data(0.0, cases=50)), seed=3)
    assert plain.activities == zero.activities
    root = root_sequence(3)
    first = [a for a in plain.activities if a.element == "Task_B" and a.case == 0][0]
    dist = distribution_from_data({"dist": "lognormal", "mean": "5d", "sd": "3d"}, work=False)
    assert first.end - first.enable == pytest.approx(dist.sample(stream(root, "delay", "Task_B")))


def test_the_new_draw_shifts_no_other_stream() -> None:
    """Arrivals come from their own stream: the same with and without the case factor."""
    process = _model().process()
    plain = simulate(process, simparams_from_data(_sim_data(None, cases=200)), seed=5)
    joined = simulate(process, simparams_from_data(_sim_data(0.5, cases=200)), seed=5)
    assert [c.arrival for c in plain.cases] == [c.arrival for c in joined.cases]
    assert [a.end - a.enable for a in plain.activities] != [a.end - a.enable for a in joined.activities]


def test_the_profile_refuses_a_correlation_outside_0_to_1() -> None:
    for bad in (1, 1.5, -0.1, "high"):
        with pytest.raises(InputError, match="case_delays.correlation"):
            simparams_from_data(_sim_data(bad))  # type: ignore[arg-type]


# ---------------------------------------------------------------- recovery

@pytest.mark.slow
@pytest.mark.parametrize("rho", [0.5, 0.0])
def test_a_known_correlation_is_calibrated_back(rho: float) -> None:
    defs = _model()
    data = _sim_data(rho)
    params = simparams_from_data(data)
    result = simulate(defs.process(), params, seed=2026)
    table = _log(result, params.start)
    base = {"simulation": {k: v for k, v in data.items() if k != "case_delays"}}
    cal = calibrate(defs, table, map_activities(defs, table), base=base, log_name="par.csv")
    fit = cal.report["case_delays"]
    assert {v["kind"] for v in cal.report["durations"].values()} == {"delay"}
    assert fit["cases"] == 2000 and fit["pairs"] == 6000
    assert fit["correlation"] == pytest.approx(rho, abs=0.07)
    assert fit["written"] == (fit["ci"][0] > 0)
    written = cal.profile["simulation"].get("case_delays")
    line = [t for t in calibration_text(cal.report).splitlines() if t.startswith("delays within a case: ")]
    assert line == [f"delays within a case: correlation {fit['correlation']:.3f} [{fit['ci'][0]:.3f}, {fit['ci'][1]:.3f}] "
                    f"over 2,000 cases (6,000 pairs): "
                    + ("written as case_delays (a case's delays move together)" if fit["written"] else
                       "not written (the interval reaches 0: independent draws)")]
    if rho:
        assert fit["ci"][0] < rho < fit["ci"][1]
        assert written["correlation"] == pytest.approx(fit["correlation"], abs=1e-3)
        assert written["source"].startswith("log par.csv (2000 cases")
        assert "95% bootstrap over cases" in written["note"]
        simparams_from_data(cal.profile["simulation"])  # and the simulator takes it
    else:
        assert (written is not None) == fit["written"]


def test_same_seed_same_bytes_at_one_and_two_workers(tmp_path) -> None:
    from click.testing import CliRunner

    from cli import cli

    outs = []
    for workers in ("1", "2"):
        log = tmp_path / f"log{workers}.csv"
        done = CliRunner().invoke(cli, ["simulate", "helsingborg", "--cases", "120", "-r", "3", "--workers", workers,
                                        "--format", "json", "-q", "--set", "case_delays={correlation: 0.5}",
                                        "--eventlog", str(log)])
        assert done.exit_code == 0, done.output
        outs.append((done.output, log.read_bytes()))
    assert outs[0] == outs[1]
    assert "case_delays" in outs[0][0]  # the override is in the run's record
