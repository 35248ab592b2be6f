"""Uncertainty runs: assumptions sampled over their documented ranges, on the one road."""

from __future__ import annotations

import json
import re
from concurrent.futures import ProcessPoolExecutor

import pytest

from bpmn_io.library import library_paths
from bpmn_io.yamlsrc import load_yaml
from scenarios.assumptions import factor_values, fixed_assumptions, read_factors
from scenarios.loader import parse_scenario
from scenarios.study import Study
from scenarios.uncertainty import analyse, plan_uncertainty, run_uncertainty, variant_name

SQ = """name: sq
base: [helsingborg, astorp]
replications: 2
seed: 7
horizon: 10w
warmup: 1w
"""
OFFICER = """name: officer
base: [helsingborg, astorp]
set:
  helsingborg.decision.delegation: officer
  astorp.decision.delegation: officer
replications: 2
seed: 7
horizon: 10w
warmup: 1w
baseline: sq
"""


def _study(tmp_path) -> Study:
    base = tmp_path
    return Study("t", "t", "t", (parse_scenario(SQ, source=str(base / "sq.yaml")),
                                 parse_scenario(OFFICER, source=str(base / "officer.yaml"))))


def _profile(name: str) -> dict:
    return load_yaml(library_paths(name)[1].read_bytes(), source=name).data


def test_every_factor_finds_its_values_in_every_library_profile() -> None:
    # a factor that matched nothing would be sampled and never applied: the report would show a range that moved nothing
    for name in ("helsingborg", "landskrona", "astorp", "angelholm", "svalov", "national-reference"):
        profile = _profile(name)
        for factor in read_factors():
            found = factor_values(factor, 0.5, name, profile, lever=lambda _p: False)
            assert found or name in factor.spec.get("sourced_for", ()), (name, factor.name)


def test_arrival_range_is_each_profiles_own_text() -> None:
    (arrivals,) = [f for f in read_factors() if f.name == "arrivals"]
    assert factor_values(arrivals, 0.0, "helsingborg", _profile("helsingborg"), lever=lambda _p: False) == [
        ("simulation.arrivals.per_year", 10.0)]
    assert factor_values(arrivals, 0.0, "astorp", _profile("astorp"), lever=lambda _p: False) == [
        ("simulation.arrivals.per_year", 1.0)]


def test_a_sourced_value_and_a_lever_are_not_sampled() -> None:
    (level,) = [f for f in read_factors() if f.name == "decision_level"]
    assert factor_values(level, 0.9, "orkelljunga", _profile("orkelljunga"), lever=lambda _p: False) == []
    assert factor_values(level, 0.9, "helsingborg", _profile("helsingborg"),
                         lever=lambda p: p == "simulation.decision.delegation") == []
    assert factor_values(level, 0.9, "helsingborg", _profile("helsingborg"), lever=lambda _p: False) == [
        ("simulation.decision.delegation", "chair")]


def test_every_numeric_assumption_of_a_profile_is_sampled_or_named_fixed() -> None:
    """Each parameter whose text states a range is covered: gateways, durations, pools, bodies."""
    profile = _profile("helsingborg")
    written = {path for f in read_factors() for path, _v in factor_values(f, 0.5, "helsingborg", profile,
                                                                           lever=lambda _p: False)}
    elements = profile["simulation"]["elements"]
    for element, spec in elements.items():
        text = str(spec.get("assumption", ""))
        for key in ("duration", "probabilities"):
            if key in spec and re.search(r"range \d", text):
                assert f"simulation.elements.{element}.{key}" in written, element
    assert "simulation.elements.*.delay" in fixed_assumptions()


def test_the_reports_swedish_column_says_in_swedish_why_a_value_is_not_sampled() -> None:
    # found by QA: the assumptions table's Swedish column repeated the English reason ("answer and remiss times are
    # distributions: their spread is simulation noise") for every delay, the office calendar and the hourly cost
    from report.assumptions import assumption_tables

    profile = _profile("helsingborg")
    (table,) = assumption_tables({"helsingborg": profile}, {}, None)
    fixed = [r["range"] for r in table["rows"] if not r["range"]["sampled"]]
    assert fixed and all(r["en"] != r["sv"] for r in fixed), [r for r in fixed if r["en"] == r["sv"]]
    assert {"en": "the wait differs from case to case as the value says: that variation is already in every run, "
                  "not varied as an assumption",
            "sv": "väntan är olika från ärende till ärende som värdet säger: den variationen finns redan i varje "
                  "körning och varieras inte som antagande",
            "sampled": False} in fixed
    # found by QA (words23): the English column said "remiss" (Swedish) and "simulation noise" (statistics jargon)
    for why in fixed_assumptions().values():
        assert not re.search(r"remiss|noise|distribution", why["en"]), why["en"]
        assert not re.search(r"fördelning|slump", why["sv"]), why["sv"]
    assert all(set(why) == {"en", "sv"} for why in fixed_assumptions().values())


def test_plan_keeps_seed_and_pairs_each_point_with_its_baseline(tmp_path) -> None:
    plan = plan_uncertainty(_study(tmp_path), points=3, seed=5)
    names = [s.name for s in plan.study.scenarios]
    assert names == ["sq~u00", "sq~u01", "sq~u02", "officer~u00", "officer~u01", "officer~u02"]
    officer = plan.study.scenarios[4]
    assert officer.baseline == "sq~u01" and officer.seed == 7 and officer.replications == 2
    # the lever stays what the scenario says at every point
    for s in plan.study.scenarios[3:]:
        assert all(m.profile["simulation"]["decision"]["delegation"] == "officer" for m in s.points[0].members)
    assert plan.quantiles == plan_uncertainty(_study(tmp_path), points=3, seed=5).quantiles
    assert plan.quantiles != plan_uncertainty(_study(tmp_path), points=3, seed=6).quantiles
    assert variant_name("sq", 7, 101) == "sq~u007"


def test_points_below_two_are_refused(tmp_path) -> None:
    from processes.errors import InputError

    with pytest.raises(InputError, match="at least 2"):
        plan_uncertainty(_study(tmp_path), points=1)


def test_result_is_byte_identical_for_one_or_two_workers(tmp_path) -> None:
    study = _study(tmp_path)
    here = json.dumps(run_uncertainty(study, points=3, seed=3), sort_keys=True)
    with ProcessPoolExecutor(max_workers=2) as pool:
        two = json.dumps(run_uncertainty(study, points=3, seed=3, executor=pool), sort_keys=True)
    assert here == two
    doc = json.loads(here)
    assert doc["points"] == 3 and len(doc["design"]) == 3 and len(doc["factors"]) == len(read_factors())
    concl = doc["scenarios"]["officer"]["conclusions"]["helsingborg/complete_to_decision_mean_days"]
    assert concl["direction"] in ("lower", "higher", "none") and len(concl["differences"]) == 3
    if concl["holds"]:
        assert concl["at_least"] > 0 and concl["share_same_direction"] == 1.0
    fig = doc["scenarios"]["sq"]["figures"]["helsingborg/complete_to_decision_mean_days"]
    assert fig["noise_and_assumptions"]["min"] <= fig["noise_and_assumptions"]["median"] <= fig["noise_and_assumptions"]["max"]
    drivers = doc["scenarios"]["officer"]["drivers"]["helsingborg/complete_to_decision_mean_days"]
    assert {d["factor"] for d in drivers} == {f.name for f in read_factors()}


def test_analyse_is_pure_over_the_batches(tmp_path) -> None:
    from scenarios.road import run_study

    study = _study(tmp_path)
    plan = plan_uncertainty(study, points=2, seed=3)
    nominal, batch = run_study(study), run_study(plan.study)
    assert analyse(plan, batch, nominal) == analyse(plan, batch, nominal)


def test_run_uncertainty_makes_no_case_rows_and_gives_the_analysis_of_batches_with_them(tmp_path) -> None:
    """run_uncertainty's units keep no records (the analysis reads figures only): the same document,
    to the byte, as the analysis of the same batches run with case rows."""
    from scenarios.road import run_study

    study = _study(tmp_path)
    plan = plan_uncertainty(study, points=2, seed=3)
    with_rows = analyse(plan, run_study(plan.study), run_study(study))
    assert json.dumps(run_uncertainty(study, points=2, seed=3), sort_keys=True) == json.dumps(with_rows, sort_keys=True)


def test_every_assumption_is_named_in_whole_words():
    """Found by QA: the page's "matters most" listed "reminder after" / "påminnelse efter", a phrase
    cut short; a factor's words do not end in a preposition."""
    dangling = {"after", "before", "to", "of", "efter", "före", "till", "av"}
    for factor in read_factors():
        for words in (factor.words_en, factor.words_sv):
            assert words.split()[-1] not in dangling, (factor.name, words)


SWEPT = """name: swept
base: [helsingborg, astorp]
sweep:
  astorp.pools.officer.fte: [0.3, 0.8]
replications: 2
seed: 7
horizon: 10w
warmup: 1w
baseline: sq
"""


def test_a_swept_scenario_is_analysed_and_run_at_its_first_sweep_point_only(tmp_path) -> None:
    # the analysis reads each scenario's first sweep point; the variants ran every sweep point
    # (work thrown away) and the document did not say which point it described
    study = Study("t", "t", "t", (parse_scenario(SQ, source=str(tmp_path / "sq.yaml")),
                                  parse_scenario(SWEPT, source=str(tmp_path / "swept.yaml"))))
    plan = plan_uncertainty(study, points=2, seed=3)
    for variant in plan.study.scenarios[2:]:
        assert [p.label for p in variant.points] == ["astorp.pools.officer.fte=0.3"]
    doc = run_uncertainty(study, points=2, seed=3)
    assert doc["scenarios"]["swept"]["point"] == "astorp.pools.officer.fte=0.3"
    assert doc["scenarios"]["sq"]["point"] == ""


def _sojourn_hours(c: int, lam: float, mu: float) -> float:
    """Mean time in M/M/c: W = C(c, a) / (c mu - lam) + 1/mu (Erlang C by the Erlang B recursion)."""
    a = lam / mu
    b = 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    return c * b / (c - a * (1 - b)) / (c * mu - lam) + 1 / mu


def test_only_the_assumptions_a_scenario_samples_drive_it_and_the_flip_is_where_queueing_theory_puts_it(
        tmp_path) -> None:
    """M/M/1 (1 h service) against two servers of 1.6 h each, the arrival rate the one assumption
    (0.3-0.8 an hour): the two servers lose below lam* = 0.4594 an hour, where 1/(1 - lam) equals
    1.6 / (1 - (lam / 1.25)^2), and win above it. Found by QA: every factor of the table was listed as a
    driver, so "officer time on permits" (rho -0.64) and six others that moved nothing in this model
    (it has no officer, gateway or committee) stood in the report's tornado beside the arrival rate."""
    from pathlib import Path

    sim = Path(__file__).resolve().parents[1] / "fixtures" / "sim"
    profile = (sim / "mm1.yaml").read_text(encoding="utf-8").replace(
        "    per_year: 4380\n", "    per_year: 5256\n    assumption: \"0.6 an hour (plausible range 2628-7008)\"\n")
    (tmp_path / "mm1.yaml").write_text(profile, encoding="utf-8")
    common = (f"base: {{bpmn: {sim / 'mm1.bpmn'}, profile: {tmp_path / 'mm1.yaml'}}}\n"
              "replications: 2\nseed: 3\nhorizon: 1y\nwarmup: 2w\nset:\n")
    one = parse_scenario("name: one\n" + common + "  elements.Task_Serve.duration: {dist: exponential, mean: 1h}\n",
                         source=str(tmp_path / "one.yaml"))
    two = parse_scenario("name: two\n" + common + "  pools.server.count: 2\n"
                         "  elements.Task_Serve.duration: {dist: exponential, mean: 1.6h}\nbaseline: one\n",
                         source=str(tmp_path / "two.yaml"))
    doc = run_uncertainty(Study("t", "t", "t", (one, two)), points=8, seed=3)
    (arrivals,) = [f for f in doc["factors"] if f["name"] == "arrivals"]
    lo, hi = arrivals["ranges"]["mm1"]
    assert (lo, hi) == (2628.0, 7008.0)
    lams = [(lo + u * (hi - lo)) / 8760 for u in arrivals["values"]]
    figure = "mm1/complete_to_decision_mean_days"
    # the service time is each scenario's lever, the server pool is not an officer pool: only the rate moves
    for name in ("one", "two"):
        assert [d["factor"] for d in doc["scenarios"][name]["drivers"][figure]] == ["arrivals"]
    theory = [(_sojourn_hours(2, lam, 1 / 1.6) - _sojourn_hours(1, lam, 1.0)) / 24 for lam in lams]
    conclusion = doc["scenarios"]["two"]["conclusions"][figure]
    # Tolerance per point: 4 standard errors of the M/M/1 mean time, doubled for the paired difference
    # (the two-server queue's load lam / 1.25 is lower). Per customer, Daley's variance of the mean wait,
    # rho (2 + 5 rho - 4 rho^2 + rho^3) / (1 - rho)^4 h^2 (mu = 1), plus 1 h^2 of service time, over the
    # lam x 50 weeks x 2 replications customers after the warm-up: about 0.13 days at 0.8 an hour, 0.014 at 0.3.
    def tolerance(lam: float) -> float:
        n = lam * 8760 * 50 / 52 * 2
        daley = lam * (2 + 5 * lam - 4 * lam**2 + lam**3) / (1 - lam) ** 4
        return 2 * 4 * ((daley / n) ** 0.5 + (1 / n) ** 0.5) / 24

    for lam, expected, found in zip(lams, theory, conclusion["differences"], strict=True):
        assert abs(found - expected) < tolerance(lam), (lam, expected, found)
    # points further than their tolerance from no change have theory's sign; those near lam* may go either way
    agree = sum(d < 0 for d in conclusion["differences"])
    low = sum(t < -tolerance(lam) for lam, t in zip(lams, theory, strict=True))
    high = sum(t < tolerance(lam) for lam, t in zip(lams, theory, strict=True))
    assert conclusion["direction"] == "lower" and not conclusion["holds"]
    assert low <= agree <= high and conclusion["share_same_direction"] == agree / 8
    # the one driver: the more arrivals, the more the two servers gain; with one factor the regression has room
    (driver,) = doc["scenarios"]["two"]["drivers"][figure]
    assert driver["spearman"] < 0 and driver["src"] is not None
