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
