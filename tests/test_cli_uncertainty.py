"""`permitflow run --uncertainty [--points N]` through click's CliRunner, on the small fixture process."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from cli import cli

FIXTURES = Path(__file__).resolve().parent / "scenarios" / "fixtures"


def _files(tmp_path: Path) -> Path:
    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    common = "base: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 2\nhorizon: 8w\nwarmup: 1w\n"
    (tmp_path / "today.yaml").write_text("name: today\n" + common, encoding="utf-8")
    (tmp_path / "officer.yaml").write_text(
        "name: officer\n" + common + "set:\n  simulation.decision.delegation: officer\nbaseline: today\n", encoding="utf-8")
    return tmp_path


def test_uncertainty_json_summary_digest_and_report(tmp_path: Path) -> None:
    files = _files(tmp_path)
    out = files / "out"
    result = CliRunner().invoke(cli, ["run", str(files / "officer.yaml"), "-o", str(out), "--workers", "1",
                                      "--uncertainty", "--points", "2"])
    assert result.exit_code == 0, result.output
    assert "uncertainty.json" in result.output
    doc = json.loads((out / "uncertainty.json").read_text(encoding="utf-8"))
    assert doc["points"] == 2 and set(doc["scenarios"]) == {"today", "officer"}
    # the fixture has its own pools, arrivals and a gateway of the same id: those factors apply to it
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    digest = summary["uncertainty"]["scenarios"]["officer"]["conclusions"]["mini/complete_to_decision_mean_days"]
    assert set(digest) == {"direction", "holds", "share_same_direction", "at_least"}
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "How sure are the answers?" in report
    assert sorted(p.name for p in (out / "profiles").iterdir()) == ["mini.yaml"]
    # the "holds?" cell says why in words: it read "no: 100 %, at least …" when the change was within the noise
    full = doc["scenarios"]["officer"]["conclusions"]["mini/complete_to_decision_mean_days"]
    article = report.split('id="u-officer"', 1)[1].split("</article>", 1)[0]
    cell = article.split('data-figure="mini/complete_to_decision_mean_days"', 1)[1].split("</tr>", 1)[0]
    share = round((full["share_same_direction"] or 0) * 100)
    if full["holds"]:
        # which way, and in what (found by QA: "by at least 6.02" named neither)
        way = "lower" if full["direction"] == "lower" else "higher"
        expected = f"yes: the same way at every point ({way}), by at least"
        assert re.search(r'by at least</span>.*<span class="en" lang="en"> days</span><span class="sv" lang="sv"> dagar</span>', cell), cell
    elif not full["nominal"]["significant"]:
        expected = f"no: within chance variation (the same way at {share}% of the points)"
    elif share == 0:
        expected = "no: the other way at every point"
    else:
        expected = f"no: the same way at {share}% of the points only"
    assert expected in cell, cell
    assert "no: 100" not in report

    # a run without --uncertainty into the same folder drops the old document: it would not match
    again = CliRunner().invoke(cli, ["run", str(files / "officer.yaml"), "-o", str(out), "--workers", "1"])
    assert again.exit_code == 0, again.output
    assert not (out / "uncertainty.json").exists()
    assert "uncertainty" not in json.loads((out / "summary.json").read_text(encoding="utf-8"))
    # said once, in the note above the answers, not after every answer (the manager's second journey)
    plain = (out / "report.html").read_text(encoding="utf-8")
    assert plain.count("they were not checked against the assumptions&#39; ranges") == 1 or \
        plain.count("they were not checked against the assumptions' ranges") == 1
    assert "Not checked against the assumption ranges" not in plain


def test_points_below_two_are_a_usage_error(tmp_path: Path) -> None:
    files = _files(tmp_path)
    result = CliRunner().invoke(cli, ["run", str(files / "today.yaml"), "-o", str(files / "out"),
                                      "--uncertainty", "--points", "1"])
    assert result.exit_code == 2
    assert "--points" in result.output and "Traceback" not in result.output
    assert not (files / "out").exists()


def test_points_without_uncertainty_are_a_usage_error(tmp_path: Path) -> None:
    # they were ignored: the run went on without the assumption points, exit 0
    files = _files(tmp_path)
    result = CliRunner().invoke(cli, ["run", str(files / "today.yaml"), "-o", str(files / "out"), "--points", "8"])
    assert result.exit_code == 2, result.output
    # one line, as every refusal (click spread a usage error over Usage, Try and Error lines)
    assert result.stderr.splitlines() == ["Error: --points only goes with --uncertainty (see 'permitflow run --help')"]
    assert not (files / "out").exists()


MM1 = Path(__file__).resolve().parent / "fixtures" / "sim"


def _mm1(tmp_path: Path, assumption: str, sets: str = "") -> Path:
    """The M/M/1 fixture with an arrival rate whose range the profile states itself."""
    shutil.copy(MM1 / "mm1.bpmn", tmp_path / "mm1.bpmn")
    profile = (MM1 / "mm1.yaml").read_text(encoding="utf-8").replace(
        "    per_year: 4380\n", f"    per_year: 4380\n    assumption: \"{assumption}\"\n")
    (tmp_path / "mm1.yaml").write_text(profile, encoding="utf-8")
    (tmp_path / "q.yaml").write_text(
        "name: q\nbase: {bpmn: mm1.bpmn, profile: mm1.yaml}\nreplications: 2\ncases: 50\n" + sets, encoding="utf-8")
    return tmp_path / "q.yaml"


def _refused(tmp_path: Path, scenario: Path) -> list[str]:
    before = sorted(p.name for p in tmp_path.iterdir())
    result = CliRunner().invoke(cli, ["run", str(scenario), "-o", str(tmp_path / "out"), "--workers", "1",
                                      "--uncertainty", "--points", "4"])
    assert result.exit_code == 2, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written, no folder made
    return result.stderr.splitlines()


def test_an_inverted_or_empty_range_in_a_profile_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    # found by QA: "plausible range 7008-2628" was sampled backwards (uncertainty.json recorded the range
    # as [7008, 2628] and the drivers' signs turned round), "5256-5256" sampled one value; both exit 0
    scenario = _mm1(tmp_path, "0.5 an hour (plausible range 7008-2628)")
    assert _refused(tmp_path, scenario) == [
        f"permitflow: error: {tmp_path / 'mm1.yaml'}:17: simulation.arrivals.assumption: plausible range 7008-2628 "
        "is inverted (expected a low end below the high end: --uncertainty samples applications per year over it)"]
    scenario = _mm1(tmp_path, "0.5 an hour (plausible range 4380-4380)")
    (line,) = _refused(tmp_path, scenario)
    assert line.endswith("simulation.arrivals.assumption: plausible range 4380-4380 is empty (expected a low end "
                         "below the high end: --uncertainty samples applications per year over it)")
    # a scenario that sets the rate itself does not sample it: its range is not read
    sampled_elsewhere = _mm1(tmp_path, "0.5 an hour (plausible range 7008-2628)", "set: {arrivals.per_year: 4000}\n")
    result = CliRunner().invoke(cli, ["run", str(sampled_elsewhere), "-o", str(tmp_path / "out"), "--workers", "1",
                                      "--uncertainty", "--points", "2"])
    assert result.exit_code == 0, result.output


def test_a_scenario_without_assumptions_to_sample_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    # found by QA: it ran every point as the scenario as written (exit 0), and the report gave the spread of
    # identical points as the answer "across the assumption ranges"
    scenario = _mm1(tmp_path, "0.5 an hour (plausible range 2628-7008)",
                    "set:\n  arrivals.per_year: 4380\n  elements.Task_Serve.duration: {dist: exponential, mean: 1h}\n")
    assert _refused(tmp_path, scenario) == [
        f"permitflow: error: {scenario}: scenario 'q' has no assumption to sample: the profiles of mm1 hold none of "
        "the 19 assumptions of scenarios/data/assumption-ranges.yaml that the scenario does not set itself "
        "(--uncertainty needs at least one)"]
