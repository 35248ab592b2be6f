"""An uncertainty run on a calibrated profile samples what the log fitted over the fit's own interval.

Found by QA (2026-12-06): Helsingborg simulated at 120 applications a year, calibrated back from its XES, and
run as two scenarios (one officer; two, with the first as baseline) with ``--uncertainty``: arrivals fitted
at 119.4 a year [104.8, 135.6] were sampled over 48-239 (the table's fallback, 0.4-2 x the value), the share
of incomplete applications over the library's 0.3-0.7, and who decides over committee / working committee /
chair although the log shows the committee's meetings. A value with a source and no assumption is not an
assumption: it is sampled over the interval its fit reports (the ``interval:`` calibrate writes beside it, not the
note's words) or, measured without an interval, held fixed; what the log did not tell (the supplement rounds)
stays an assumption.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from bpmn_io.yamlsrc import load_yaml
from cli import cli
from scenarios.loader import parse_scenario
from scenarios.study import Study
from scenarios.uncertainty import analyse, plan_uncertainty, sampling_words

BPMN = Path(__file__).resolve().parents[2] / "processes" / "library" / "helsingborg" / "process.bpmn"


@pytest.fixture(scope="module")
def calibrated(tmp_path_factory) -> tuple[Path, dict, dict]:
    """(profile file, its data, calibrate's JSON report) from one simulated year at 120 a year."""
    folder = tmp_path_factory.mktemp("calibrated")
    runner = CliRunner()
    log = folder / "log.xes"
    sim = runner.invoke(cli, ["simulate", "helsingborg", "--years", "1", "--seed", "1", "-q", "-r", "1",
                              "--set", "arrivals.per_year=120", "--eventlog", str(log)])
    assert sim.exit_code == 0, sim.output
    done = runner.invoke(cli, ["calibrate", str(BPMN), str(log), "-o", str(folder / "profile.yaml"),
                               "--format", "json"])
    assert done.exit_code == 0, done.output
    profile = folder / "profile.yaml"
    return profile, load_yaml(profile.read_bytes(), source=str(profile)).data, json.loads(done.output)


def _study(profile: Path, folder: Path) -> Study:
    def one(name: str, count: int, baseline: str = "") -> object:
        text = (f"name: {name}\nbase: {{bpmn: {BPMN}, profile: {profile}}}\nset: {{pools.officer.count: {count}}}\n"
                f"replications: 1\nseed: 1\nhorizon: 10w\nwarmup: 1w\n" + (f"baseline: {baseline}\n" if baseline else ""))
        return parse_scenario(text, source=str(folder / f"{name}.yaml"))

    return Study("officers", "officers", str(folder), (one("one-officer", 1), one("two-officers", 2, "one-officer")))


def test_calibrate_keeps_the_assumption_of_what_the_log_did_not_tell_and_says_the_log_shows_who_decides(
        calibrated) -> None:
    _path, profile, _report = calibrated
    sim = profile["simulation"]
    rounds = sim["elements"]["Task_Begar_Komplettering"]
    assert rounds["loop"] == {"max": 3} and rounds["source"].startswith("log log.xes")
    # the work time is fitted; the rounds are the model's assumption still, named after the key they are about
    assert rounds["assumption"]["en"].startswith("loop: A4:") and "range 1-3" in rounds["assumption"]["en"]
    assert rounds["assumption"]["sv"].startswith("loop: ")
    decision = sim["decision"]
    assert decision["delegation"] == "committee" and decision["source"].startswith("log log.xes")
    assert "assumption" not in decision  # the model's "A7: the full committee decides ... A8" is fitted now
    assert decision["note"].startswith("delegation: the log's decisions fall on the ")
    assert "meeting days fitted for bodies.committee" in decision["note"] and "after_meeting (from log" in decision["note"]


def test_fitted_values_are_sampled_over_the_fits_interval_and_measured_ones_not_at_all(calibrated, tmp_path) -> None:
    path, profile, report = calibrated
    sim = profile["simulation"]
    # the intervals the profile itself states beside each value (interval:), as calibrate's report gives them
    lo, hi = (round(x, 1) for x in report["arrivals"]["per_year_ci"])
    assert sim["arrivals"]["interval"] == {"per_year": [lo, hi], "what": "95% exact Poisson"}
    share_lo, share_hi = (round(x, 3) for x in report["branching"]["Gw_Komplett"]["ci"]["Flow_Komplett_Nej"])
    assert sim["elements"]["Gw_Komplett"]["interval"]["probabilities"]["Flow_Komplett_Nej"] == [share_lo, share_hi]
    cut = sim["decision"]["bodies"]["committee"]["interval"]["agenda_cutoff"]
    cut_lo, cut_hi = float(cut[0].rstrip("d")) * 24, float(cut[1].rstrip("d")) * 24

    uplan = plan_uncertainty(_study(path, tmp_path), points=8, seed=3)
    arrivals, shares, rounds = [], [], []
    for (scenario, _k), applied in uplan.applied.items():
        by_path = {p: v for _m, p, v in applied}
        # measured (no interval): the pools, the committee's meeting days, who decides; the count is the lever too
        assert not {"simulation.pools.officer", "simulation.pools.registry.fte", "simulation.decision.delegation",
                    "simulation.decision.bodies.committee.meetings"} & set(by_path), scenario
        arrivals.append(by_path["simulation.arrivals.per_year"])
        shares.append(by_path["simulation.elements.Gw_Komplett.probabilities"]["Flow_Komplett_Nej"])
        cutoff = by_path["simulation.decision.bodies.committee.agenda_cutoff"]
        assert cut_lo - 1e-3 <= float(cutoff.rstrip("h")) <= cut_hi + 1e-3
        rounds.append(by_path["simulation.elements.Task_Begar_Komplettering.loop.max"])
        # an assumption the log did not touch keeps the table's range
        assert 0.1 <= by_path["simulation.elements.Gw_Aterkallar.probabilities"]["Flow_Aterkallar_Ja"] <= 0.5
    assert lo <= min(arrivals) and max(arrivals) <= hi and max(arrivals) - min(arrivals) > (hi - lo) / 2
    assert share_lo <= min(shares) and max(shares) <= share_hi
    assert set(rounds) <= {1, 2, 3} and len(set(rounds)) > 1  # the rounds: an assumption, sampled

    doc = analyse(uplan, _empty(uplan), _empty(uplan))
    factors = {f["name"]: f for f in doc["factors"]}
    assert factors["arrivals"]["fitted"] == {"process": {"simulation.arrivals.per_year": [lo, hi]}}
    assert factors["arrivals"]["ranges"] == {}  # no 0.4-2 x fallback range for a fitted value
    assert factors["incomplete_share"]["fitted"]["process"] == {
        "simulation.elements.Gw_Komplett.probabilities": [share_lo, share_hi]}
    assert factors["decision_level"]["measured"] == {"process": ["simulation.decision.delegation"]}
    assert factors["committee_cadence"]["measured"] == {"process": ["simulation.decision.bodies.committee.meetings"]}
    assert "fitted" not in factors["supplement_rounds"] and "measured" not in factors["supplement_rounds"]
    (line,) = sampling_words(doc)
    assert line.startswith(f"process: sampled over the interval its fit reports: applications per year {lo:g}–{hi:g}, ")
    assert f"share of incomplete applications {share_lo:g}–{share_hi:g}" in line
    assert "held fixed, measured: officer time on permits, registry staff share, " in line
    assert "weeks between committee meetings, who decides today; every other value over its assumed range." in line
    (rad,) = sampling_words(doc, "sv", {"process": "Helsingborg"})
    assert rad.startswith("Helsingborg: varierades över intervallet som anpassningen anger: ansökningar per år ")
    assert "hölls fasta, uppmätta: " in rad and "vem som beslutar i dag" in rad


def _empty(uplan):
    from scenarios.batch import BatchResults

    return BatchResults(uplan.study, (), ())


def test_the_run_says_which_values_were_fitted_measured_or_assumed(calibrated, tmp_path) -> None:
    path, _profile, _report = calibrated
    files = []
    for name, count, baseline in (("one-officer", 1, ""), ("two-officers", 2, "one-officer")):
        f = tmp_path / f"{name}.yaml"
        f.write_text(f"name: {name}\nbase: {{bpmn: {BPMN}, profile: {path}}}\nset: {{pools.officer.count: {count}}}\n"
                     f"replications: 1\nseed: 1\nhorizon: 10w\nwarmup: 1w\n" + (f"baseline: {baseline}\n" if baseline else ""),
                     encoding="utf-8")
        files.append(str(f))
    out = tmp_path / "out"
    done = CliRunner().invoke(cli, ["run", *files, "--uncertainty", "--points", "2", "-o", str(out), "--no-cache",
                                    "--workers", "1"])
    assert done.exit_code == 0, done.output
    assert "uncertainty: process: sampled over the interval its fit reports: applications per year " in done.output
    report = (out / "report.html").read_text(encoding="utf-8")
    said = re.search(r'<p class="meta" id="how-sure-bases">(.*?)</p>', report, re.S)
    assert said is not None
    assert "a measured value without an interval is held fixed" in said[1]
    assert "Helsingborg: sampled over the interval its fit reports: applications per year" in said[1]
    assert "Helsingborg: varierades över intervallet som anpassningen anger" in said[1]


def test_the_reports_assumption_table_gives_a_fitted_values_interval_and_samples_no_measured_one(calibrated) -> None:
    from report.assumptions import assumption_tables

    _path, profile, report = calibrated
    lo, hi = (round(x, 1) for x in report["arrivals"]["per_year_ci"])
    (table,) = assumption_tables({"process": profile}, {}, {"points": 2})
    rows = {r["path"]: r["range"] for r in table["rows"]}
    assert rows["simulation.arrivals"]["en"] == f"{lo:g}–{hi:g} (the fit's 95% interval) (applications per year, A1)"
    assert rows["simulation.arrivals"]["sampled"] is True
    for measured in ("simulation.decision.delegation", "simulation.pools.officer"):
        assert rows[measured] == {"en": "sourced here: not sampled", "sv": "har en källa här: varieras inte",
                                  "sampled": False}, measured
    assert rows["simulation.elements.Task_Begar_Komplettering.loop"]["en"] == "1–3 (most supplement requests, A2)"


def test_a_pool_whose_hours_the_log_cannot_tell_keeps_the_models_fte_as_an_assumption() -> None:
    """The hand-made log (tests/fixtures/logs/tiny_cases.csv) has too few rows to tell working hours: the
    officers' count is fitted, their share of full time stays the model's, and so does its assumption."""
    from bpmn_io.loading import load_model
    from bpmn_io.logfiles import read_log
    from bpmn_io.profile import read_profile
    from calibrate.core import calibrate
    from calibrate.mapping import map_activities, mappable_steps, parse_mapping
    from scenarios.assumptions import basis, read_factors

    logs = Path(__file__).resolve().parents[1] / "fixtures" / "logs"
    defs = load_model(str(logs / "tiny.yaml"))
    table, _stream = read_log(logs / "tiny_cases.csv")
    given = parse_mapping((logs / "tiny_mapping.yaml").read_bytes(), source="tiny_mapping.yaml",
                          elements=frozenset(mappable_steps(defs.process())))
    base = read_profile(logs / "tiny_profile.yaml").raw
    base["simulation"]["pools"]["officer"] |= {"fte": 0.5, "assumption": {"en": "A5: half time (range 0.25-1)",
                                                                           "sv": "A5: halvtid (intervall 0,25–1)"}}
    sim = calibrate(defs, table, map_activities(defs, table, mapping_file=given), base=base,
                    log_name="tiny_cases.csv").profile["simulation"]
    officer = sim["pools"]["officer"]
    assert officer["fte"] == 0.5 and "hours and FTE stay as they were" in officer["note"]
    assert officer["assumption"] == {"en": "fte: A5: half time (range 0.25-1)", "sv": "fte: A5: halvtid (intervall 0,25–1)"}
    capacity = next(f for f in read_factors() if f.name == "officer_capacity")
    assert basis(capacity, "simulation.pools.officer", {"simulation": sim}) == ("assumed", None)


# --------------------------------------------------------------------------- the interval as data (interval:)

_NUM = r"(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)"


def _annotated(doc, path=()):
    """(path, mapping) of every mapping of ``doc`` that has an ``interval:``."""
    if isinstance(doc, dict):
        if "interval" in doc:
            yield path, doc
        for key, value in doc.items():
            yield from _annotated(value, (*path, key))


def test_calibrate_writes_each_interval_with_the_numbers_of_its_note(calibrated) -> None:
    _path, profile, _report = calibrated
    kinds = set()
    for where, holder in _annotated(profile["simulation"]):
        note, interval = holder["note"], holder["interval"]
        assert isinstance(interval.get("what"), str) and interval["what"], where
        for key, bounds in interval.items():
            if key == "what":
                continue
            if key == "per_year":
                kinds.add("arrivals")
                assert interval["what"] == "95% exact Poisson"
                assert f"per_year 95% interval [{bounds[0]:.1f}, {bounds[1]:.1f}] (exact Poisson)" in note
            elif key == "probabilities":
                kinds.add("branch share")
                assert interval["what"] == "95% bootstrap over cases" and "95% bootstrap over cases" in note
                assert set(bounds) <= set(holder["probabilities"]) and bounds, where
                for flow, (a, b) in bounds.items():
                    assert f"{flow} [{a:.3f}, {b:.3f}]" in note, (where, flow)
            elif key == "agenda_cutoff":
                kinds.add("agenda cut-off")
                assert interval["what"].startswith("the bounds the meetings allow")
                assert f"agenda_cutoff between {bounds[0].rstrip('d')} and {bounds[1].rstrip('d')} days" in note
            elif key in ("duration", "delay", "after_meeting"):
                kinds.add(key)
                assert interval["what"] == "95% bootstrap" and set(bounds) == {"mean"}, where
                low, high = (float(x.rstrip("h")) for x in bounds["mean"])
                shown = re.findall(rf"mean {_NUM} h \[{_NUM}, {_NUM}\]", note)
                assert any(float(a) == low and float(b) == high for _m, a, b in shown), (where, shown)
            elif key == "correlation":
                kinds.add(key)
                assert f"[{bounds[0]:.3f}, {bounds[1]:.3f}] (95% bootstrap over cases)" in note
            else:
                raise AssertionError(f"{where}: interval of {key}")
    assert {"arrivals", "branch share", "agenda cut-off", "duration", "delay", "after_meeting"} <= kinds, kinds


def _reworded(doc):
    if isinstance(doc, dict):
        return {k: ("words changed for people" if k == "note" else _reworded(v)) for k, v in doc.items()}
    if isinstance(doc, list):
        return [_reworded(v) for v in doc]
    return doc


def _without_intervals(doc):
    if isinstance(doc, dict):
        return {k: _without_intervals(v) for k, v in doc.items() if k != "interval"}
    if isinstance(doc, list):
        return [_without_intervals(v) for v in doc]
    return doc


def _written(tmp_path, name, doc) -> Path:
    from bpmn_io.yamlsrc import dump_yaml

    path = tmp_path / name
    path.write_text(dump_yaml(doc), encoding="utf-8")
    return path


def test_a_changed_note_wording_changes_nothing_the_run_samples(calibrated, tmp_path) -> None:
    path, profile, _report = calibrated
    reworded = _written(tmp_path, "reworded.yaml", _reworded(profile))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = plan_uncertainty(_study(path, tmp_path / "a"), points=6, seed=3)
    second = plan_uncertainty(_study(reworded, tmp_path / "b"), points=6, seed=3)
    assert first.applied == second.applied
    fitted = {p for applied in first.applied.values() for _m, p, _v in applied}
    assert "simulation.arrivals.per_year" in fitted and "simulation.elements.Gw_Komplett.probabilities" in fitted


def test_a_mean_work_time_is_scaled_over_its_fitted_interval(calibrated, tmp_path) -> None:
    from scenarios.assumptions import basis, read_factors

    _path, profile, _report = calibrated
    effort = next(f for f in read_factors() if f.name == "officer_effort")
    step = profile["simulation"]["elements"]["Task_Registrera_Ansokan"]
    low, high = (float(x.rstrip("h")) for x in step["interval"]["duration"]["mean"])
    mean = float(step["duration"]["mean"].rstrip("m")) / 60
    how, interval = basis(effort, "simulation.elements.Task_Registrera_Ansokan.duration", profile)
    assert how == "fitted" and interval == pytest.approx((low / mean, high / mean))


def test_a_profile_calibrated_before_intervals_were_written_holds_its_fitted_values_and_says_so(
        calibrated, tmp_path) -> None:
    path, profile, _report = calibrated
    old = _written(tmp_path, "old.yaml", _without_intervals(profile))
    uplan = plan_uncertainty(_study(old, tmp_path), points=4, seed=3)
    for applied in uplan.applied.values():
        assert "simulation.arrivals.per_year" not in {p for _m, p, _v in applied}  # measured: held fixed
    doc = analyse(uplan, _empty(uplan), _empty(uplan))
    assert doc["without_intervals"] == ["process"]
    factors = {f["name"]: f for f in doc["factors"]}
    assert factors["arrivals"]["measured"] == {"process": ["simulation.arrivals.per_year"]}
    (line,) = sampling_words(doc)
    assert line.endswith("every other value over its assumed range; the profile gives no fitted interval "
                         "(interval:): re-running permitflow calibrate on its log writes them, and a fitted value "
                         "is then sampled over its interval.")
    (rad,) = sampling_words(doc, "sv")
    assert "kör permitflow calibrate på dess logg igen" in rad
    # a freshly calibrated profile has its intervals: no such words
    fresh = analyse(plan_uncertainty(_study(path, tmp_path), points=4, seed=3), _empty(uplan), _empty(uplan))
    assert "without_intervals" not in fresh and "re-running" not in sampling_words(fresh)[0]


@pytest.mark.parametrize(("interval", "said"), [
    ("{per_year: [131.5, 89.0], what: 95 % exact Poisson}",
     "simulation.arrivals.interval.per_year: interval [131.5, 89.0]: low above high"),
    ("{per_year: [89.0], what: 95 % exact Poisson}",
     "simulation.arrivals.interval.per_year: [89.0] is not an interval (expected two numbers or two durations, "
     "[low, high])"),
    ("{per_year: [89.0, many], what: 95 % exact Poisson}",
     "simulation.arrivals.interval.per_year: [89.0, 'many'] is not an interval"),
    ("{horizon: [1, 2], what: 95 % exact Poisson}",
     "simulation.arrivals.interval.horizon: 'horizon' is not a key this mapping gives (an interval annotates one of "
     "per_year, weekdays"),
    ("{per_year: [89.0, 131.5]}", "simulation.arrivals.interval.what: null does not say what the interval is"),
    ("[89.0, 131.5]", "simulation.arrivals.interval: [89.0, 131.5] is not an interval mapping"),
])
def test_a_malformed_interval_is_refused_in_one_line(calibrated, tmp_path, interval, said) -> None:
    path, _profile, _report = calibrated
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index("  arrivals:")
    at = next(i for i in range(start, len(lines)) if lines[i] == "    interval:")
    end = next(i for i in range(at + 1, len(lines)) if not lines[i].startswith("      "))
    bad = tmp_path / "bad.yaml"
    bad.write_text("\n".join(lines[:at] + [f"    interval: {interval}"] + lines[end:]) + "\n", encoding="utf-8")
    scenario = tmp_path / "one.yaml"
    scenario.write_text(f"name: one\nbase: {{bpmn: {BPMN}, profile: {bad}}}\nreplications: 1\nhorizon: 2w\n",
                        encoding="utf-8")
    done = CliRunner().invoke(cli, ["run", str(scenario), "--uncertainty", "--points", "2", "-o",
                                    str(tmp_path / "out"), "--no-cache"])
    assert done.exit_code == 2, done.output
    (line,) = done.output.strip().splitlines()
    assert line.startswith(f"permitflow: error: {bad}:{at + 1}: {said}"), line


def test_a_factor_both_sampled_and_held_names_the_steps_held() -> None:
    # a calibrated profile's work times are sampled over their intervals, but one step fitted from a single case
    # has none: the line said "officer hours per step (in 26 places)" sampled and "officer hours per step" held
    effort = {"name": "officer_effort", "words": {"en": "officer hours per step", "sv": "handläggarens timmar per steg"},
              "kind": "scale",
              "fitted": {"p": {"simulation.elements.Task_A.duration": [0.8, 1.2],
                               "simulation.elements.Task_B.duration": [0.9, 1.1]}},
              "measured": {"p": ["simulation.elements.Task_C.duration"]}}
    cadence = {"name": "committee_cadence", "kind": "cadence",
               "words": {"en": "weeks between committee meetings", "sv": "veckor mellan nämndens sammanträden"},
               "measured": {"p": ["simulation.decision.bodies.committee.meetings"]}}
    (line,) = sampling_words({"factors": [effort, cadence]})
    assert line == ("p: sampled over the interval its fit reports: officer hours per step (in 2 places); held fixed, "
                    "measured: officer hours per step (Task_C), weeks between committee meetings; every other value "
                    "over its assumed range.")
