"""`permitflow simulate` through click's CliRunner."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sim"


def model_dir(tmp_path: Path) -> Path:
    shutil.copy(FIXTURES / "mm1.bpmn", tmp_path / "process.bpmn")
    shutil.copy(FIXTURES / "mm1.yaml", tmp_path / "profile.yaml")
    return tmp_path / "process.bpmn"


def test_simulate_prints_figures_with_confidence_intervals(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["simulate", str(model_dir(tmp_path)), "--cases", "200", "-r", "3", "--seed", "4"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # the model's one step is named "Serve": the table speaks English (--language auto), under its headings
    assert lines[0].split() == ["Whole", "case", "mean", "95%", "interval"]
    assert [line for line in lines if line and not line.startswith(" ") and not line.startswith("(all alike)")] == [
        lines[0], "Per step", "Per staff group and committee",
        "– the shares within a deadline: no deadline to count against (the profile has no clock:; add "
        "clock: {start: ..., stop: ..., deadline: 4mo} under simulation:, docs/profile.md)",  # mm1.yaml has none
        "3 replications, random seed 4: applications simulated 200."]
    row = next(line for line in lines if line.startswith("  utilisation of server "))
    assert re.fullmatch(r"  utilisation of server +[0-9.]+% +[0-9.]+% – [0-9.]+%", row), row
    assert "Simulating" not in result.output  # no progress bar when not on a terminal
    keyed = CliRunner().invoke(cli, ["simulate", str(model_dir(tmp_path)), "--cases", "200", "-r", "3", "--seed", "4",
                                     "--keys"])
    assert keyed.output.splitlines()[0].split() == ["figure", "mean", "unit", "95%", "CI"]
    row = next(line for line in keyed.output.splitlines() if line.startswith("utilisation.server "))
    assert re.fullmatch(r"utilisation\.server +0\.[0-9]+ share +\[0\.[0-9]+, 0\.[0-9]+\]", row), row


def test_simulate_json_is_deterministic_and_takes_overrides(tmp_path: Path) -> None:
    args = ["simulate", str(model_dir(tmp_path)), "--cases", "300", "--format", "json", "--seed", "2"]
    one = CliRunner().invoke(cli, args)
    again = CliRunner().invoke(cli, args)
    two = CliRunner().invoke(cli, args + ["--set", "pools.server.count=2"])
    assert one.exit_code == 0 and two.exit_code == 0, one.output + two.output
    assert one.output == again.output
    a, b = json.loads(one.output), json.loads(two.output)
    assert b["overrides"] == {"simulation.pools.server.count": 2, "simulation.cases": 300}
    assert b["figures"]["wait_days.Task_Serve"]["mean"] < a["figures"]["wait_days.Task_Serve"]["mean"]
    # the built-in defaults of every scenario: 10 replications, seed 2025 (here given); every replication has 300 cases
    assert (a["replications"], a["seed"]) == (10, 2)
    assert a["figures"]["cases"] == {"mean": 300.0, "low": 300.0, "high": 300.0}


def test_simulate_writes_an_event_log(tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    result = CliRunner().invoke(cli, ["simulate", str(model_dir(tmp_path)), "--cases", "5", "--eventlog", str(out), "-q"])
    assert result.exit_code == 0, result.output
    rows = out.read_text().splitlines()
    assert rows[0] == "case_id,activity,element,resource,enable,start,end" and len(rows) == 6


def test_simulate_reports_a_model_it_cannot_run_in_one_line(tmp_path: Path) -> None:
    path = model_dir(tmp_path)
    profile = (tmp_path / "profile.yaml").read_text().replace("lanes: [Lane_Server]", "lanes: []")
    (tmp_path / "profile.yaml").write_text(profile)
    result = CliRunner().invoke(cli, ["simulate", str(path), "--cases", "5"])
    # bad input: exit 2 and the profile's line of the element (README: "2 bad input ... file, line")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"permitflow: error: {tmp_path / 'profile.yaml'}:19: process 'Process_MM1' ")
    assert "'Task_Serve': has a work `duration:` but no pool does its work" in result.output
    assert "Traceback" not in result.output


def test_a_step_the_profile_lacks_is_named_at_the_line_of_elements(tmp_path: Path) -> None:
    # the message catch event has no entry: the error points at `elements:`, where its delay belongs
    (tmp_path / "process.bpmn").write_text(WAIT_BPMN, encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(WAIT_PROFILE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["simulate", str(tmp_path / "process.bpmn"), "--cases", "5", "-q"])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"permitflow: error: {tmp_path / 'profile.yaml'}:8: process 'P' cannot be simulated: "
                             "1 element(s) not executable: 'Msg': message catch event needs a `delay:` (the "
                             "sender's response time) in params\n")


WAIT_BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
  <process id="P">
    <startEvent id="S"/><intermediateCatchEvent id="Msg"><messageEventDefinition/></intermediateCatchEvent>
    <endEvent id="E"/>
    <sequenceFlow id="f1" sourceRef="S" targetRef="Msg"/><sequenceFlow id="f2" sourceRef="Msg" targetRef="E"/>
  </process>
</definitions>
"""
WAIT_PROFILE = """municipality: Wait
simulation:
  start: 2025-01-06
  cases: 5
  calendars:
    office: {hours: {mon: "08:00-16:00"}}
  arrivals: {per_year: 50}
  elements: {}
"""


def test_simulate_rejects_a_bad_set(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["simulate", str(model_dir(tmp_path)), "--set", "pools.server.count"])
    assert result.exit_code == 2
    assert "expected KEY=VALUE" in result.output


def replayed(tmp_path: Path, dates: str) -> Path:
    """The M/M/1 model with its arrivals replayed from ``dates`` (a YAML flow list)."""
    path = model_dir(tmp_path)
    text = (tmp_path / "profile.yaml").read_text()
    text = text.replace("    per_year: 4380\n    seasonality: [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]\n",
                        f"    dates: {dates}\n").replace("cases: 1000", "cases: 1")
    assert "dates:" in text
    (tmp_path / "profile.yaml").write_text(text)
    return path


def test_more_cases_than_replayed_dates_is_refused_naming_both(tmp_path: Path) -> None:
    """A replayed list of one date gave one case for ``--cases 3``, without a word."""
    path = replayed(tmp_path, "[2025-01-07]")
    result = CliRunner().invoke(cli, ["simulate", str(path), "--cases", "3", "-r", "1", "-q"])
    assert result.exit_code == 2, result.output
    message = result.output.strip()
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith("permitflow: error: --cases: ") and message.endswith(
        "3 cases asked for, but arrivals.dates lists 1 date (expected cases at most 1, or a horizon)"), message
    # the profile's own cases: its file and line
    text = (tmp_path / "profile.yaml").read_text().replace("cases: 1", "cases: 2")
    (tmp_path / "profile.yaml").write_text(text)
    line = text[: text.index("cases: 2")].count("\n") + 1
    result = CliRunner().invoke(cli, ["simulate", str(path), "-r", "1", "-q"])
    assert result.exit_code == 2, result.output
    assert result.output.strip().endswith(f"profile.yaml:{line}: simulation.cases: 2 cases asked for, but arrivals.dates "
                                          "lists 1 date (expected cases at most 1, or a horizon)"), result.output
    # as many cases as dates, or fewer: each one arrives
    for cases in ("1", "2"):
        path = replayed(tmp_path, "[2025-01-07, 2025-01-08 10:30:00]")
        result = CliRunner().invoke(cli, ["simulate", str(path), "--cases", cases, "-r", "1", "-q", "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["figures"]["cases"]["mean"] == float(cases)


def test_a_replayed_date_before_the_start_is_refused_when_the_profile_is_read(tmp_path: Path) -> None:
    """It failed the run instead (exit 1, "scenario failed: replayed arrival ... is before ...")."""
    path = replayed(tmp_path, "[2025-01-07, 2025-01-03 10:30:00]")  # the start is 2025-01-06
    text = (tmp_path / "profile.yaml").read_text()
    line = text[: text.index("dates:")].count("\n") + 1
    result = CliRunner().invoke(cli, ["simulate", str(path), "-r", "1", "-q"])
    assert result.exit_code == 2, result.output
    message = result.output.strip()
    assert "\n" not in message and "Traceback" not in message
    assert message.endswith(f"profile.yaml:{line}: simulation.arrivals.dates[1]: 2025-01-03 10:30 is before the "
                            "simulation start 2025-01-06 (expected a date from 2025-01-06 on)"), message
    # a start moved past a date by --set: the same check, naming the override
    path = replayed(tmp_path, "[2025-01-07]")
    result = CliRunner().invoke(cli, ["simulate", str(path), "-r", "1", "-q", "--set", "start=2025-01-08"])
    assert result.exit_code == 2, result.output
    assert "2025-01-07 09:00 is before the simulation start 2025-01-08" in result.output, result.output


HELSINGBORG = Path(__file__).resolve().parents[1] / "processes" / "library" / "helsingborg" / "profile.yaml"


@pytest.mark.parametrize("wrong, right, expected", [
    ("per_year: 25", "per_year: many", r"simulation\.arrivals\.per_year: 'many' is not a number >= 0"),
    ("mean: 30m, sd: 15m", "mean: 30 min, sd: 15m", r"duration\.mean: work duration '30 min' .*expected e\.g\. '30m'"),
    ("dist: lognormal", "dist: lognorml", r"duration\.dist: unknown distribution 'lognorml' \(expected one of fixed"),
    ("Flow_Avgift_Nej: 0.1", "Flow_Avgift_Nej: 0.2", r"probabilities: .*sum to 1 .*got sum 1\.1"),
    ("holidays: SE", "holidays: Sweden", r"holidays: unknown holiday country 'Sweden' \(expected a code such as SE"),
    ("value: 15m", "value: 2d", r"work duration '2d': unit 'd' is not allowed for work time"),
    ("delegation: committee", "delegation: nämnd", r"decision\.delegation: unknown delegation level 'nämnd' \(expected one of officer"),
    ("calendar: office", "calendar: kontor", r"pools\.registry\.calendar: .*'kontor' \(expected one of office\)"),
    ("FREQ=MONTHLY;", "FREQ=MONTHY;", r"meetings\.rrule: invalid RRULE .*MONTHY"),
    ("duration: {dist: lognormal, mean: 30m", "duraton: {dist: lognormal, mean: 30m", r"unknown key 'duraton' \(expected one of duration"),
    ("Task_Registrera_Ansokan:", "Task_Registrera:", r"elements\.Task_Registrera: no element .*did you mean 'Task_Registrera_Ansokan'"),
    ("from: 07-01", "from: 07-32", r"closures\[0\]\.from: '07-32' is not a month and day \(expected MM-DD"),
    ("start: Event_Ansokan_Komplett", "start: Event_Ansokan_Klar", r"clock\.start: no element 'Event_Ansokan_Klar'"),
    ("Flow_Avgift_Nej: 0.1", "Flow_Avgift_No: 0.1", r"'Flow_Avgift_No' is not an outgoing sequence flow .*expected one of"),
    ("lanes: [Lane_Handlaggare]", "lanes: [Lane_Handlaggre]", r"pools\.officer\.lanes\[0\]: no lane 'Lane_Handlaggre'"),
    # the first stopped the run with no file or line; the engine's check found the others, without the line
    ("per_year: 25", "per_year: 0", r"arrivals\.per_year: 0 applications a year never give the 3 cases asked for"),
    ("End_Ansokan_Aterkallad: withdrawal", "Task_Beslut: withdrawal",
     r"outcomes\.Task_Beslut: 'Task_Beslut' is not an end event \(expected the id of an end event\)"),
    ("extension_flow: Flow_Forlangning_Ja", "extension_flow: Flow_Task_Beslut_Event_Beslut_Fattat",
     r"clock\.extension_flow: 'Flow_Task_Beslut_Event_Beslut_Fattat' is not one of the two outgoing flows of an exclusive gateway"),
])
def test_a_profile_mistake_is_one_line_with_file_line_path_value_and_what_is_allowed(
        tmp_path: Path, wrong: str, right: str, expected: str) -> None:
    text = HELSINGBORG.read_text(encoding="utf-8")
    assert wrong in text
    bad = tmp_path / "profile.yaml"
    bad.write_text(text.replace(wrong, right, 1), encoding="utf-8")
    line = text[: text.index(wrong)].count("\n") + 1
    result = CliRunner().invoke(cli, ["simulate", "helsingborg", "--profile", str(bad), "--cases", "3", "-q"])
    assert result.exit_code == 2, result.output
    message = result.output.strip()
    assert "\n" not in message and "Traceback" not in message
    assert re.search(r"profile\.yaml:(\d+): simulation\.", message), message
    # the line named is the mistake's, or (for a value checked as a whole) its enclosing key's, a few lines above
    named = int(re.search(r"profile\.yaml:(\d+):", message).group(1))
    assert line - 6 <= named <= line, (line, message)
    assert re.search(expected, message), message


#: the command as on an idle machine (a helper is forked only while the load average leaves a core free)
IDLE_MACHINE = """
import sys
import cli
import scenarios.executors
scenarios.executors.load = lambda: 0.0
sys.exit(cli.main(sys.argv[1:]))
"""


def test_a_small_run_shared_with_a_forked_helper_prints_what_one_process_prints(tmp_path: Path) -> None:
    """Above FORK_MIN_COST and below POOL_MIN_COST the default workers share the replications
    with a forked helper (a fresh process: no test runner's thread keeps it from forking)."""
    import os
    import subprocess
    import sys

    from scenarios.executors import FORK_MIN_COST, POOL_MIN_COST
    from scenarios.options import one_scenario_study
    from scenarios.road import prepare

    model = model_dir(tmp_path)
    args = [str(model), "--cases", "500", "-r", "6", "--seed", "5", "--format", "json", "--eventlog"]
    cost = prepare(one_scenario_study(str(model), cases=500, replications=6), case_rows=False).cost()
    assert FORK_MIN_COST <= cost < POOL_MIN_COST
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PERMITFLOW_CACHE": str(tmp_path / "cache")}
    outs = []
    for name, extra in (("default", []), ("one", ["--workers", "1"])):
        done = subprocess.run([sys.executable, "-c", IDLE_MACHINE, "simulate", *args, str(tmp_path / f"{name}.xes"),
                               *extra], cwd=root, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        outs.append(done.stdout)
    assert outs[0] == outs[1]
    assert (tmp_path / "default.xes").read_bytes() == (tmp_path / "one.xes").read_bytes()


def test_simulate_keeps_no_results_and_does_not_hash_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scenarios.execute

    def refuse() -> str:
        raise AssertionError("simulate asked for the code version")

    args = ["simulate", str(model_dir(tmp_path)), "--cases", "100", "-r", "2", "--format", "json"]
    before = CliRunner().invoke(cli, args)
    monkeypatch.setattr(scenarios.execute, "code_version", refuse)
    after = CliRunner().invoke(cli, args)
    assert after.exit_code == 0, after.output
    assert after.output == before.output


@pytest.mark.parametrize(("args", "line"), [
    # (--years 200 is refused by the option itself, which says its bound: tests/test_cli_bad_numbers.py)
    (["--years", "0.01"], "permitflow: error: --years: override simulation.horizon='0.01y' gives an invalid profile: "
                          "warmup of 8 weeks must be shorter than the horizon of 0.01 years: give a horizon longer "
                          "than 8 weeks, or a shorter warmup"),
    (["--set", "start=2300-02-01"], "permitflow: error: --set: override simulation.start=2300-02-01 gives an invalid "
                                    "profile: 2300-02-01: the start year must be from 1900 to 2200"),
    (["--set", "decision.delegation=king"], "permitflow: error: --set: override simulation.decision.delegation='king' "
                                           "gives an invalid profile: unknown delegation level 'king' (expected one "
                                           "of officer, manager, chair, working_committee, committee)"),
])
def test_an_option_that_makes_the_profile_invalid_is_named_once(args: list[str], line: str) -> None:
    # it read "--years: horizon: horizon: override …" and "--set: set: override …" (found by QA)
    result = CliRunner().invoke(cli, ["simulate", "helsingborg", *args])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [line]


OWN = FIXTURES / "own"


def test_a_clock_on_an_optional_path_and_a_receive_task_without_delay_are_warned_before_the_run(
        tmp_path: Path) -> None:
    shutil.copy(OWN / "process.bpmn", tmp_path / "process.bpmn")
    shutil.copy(OWN / "profile.yaml", tmp_path / "profile.yaml")
    result = CliRunner().invoke(cli, ["simulate", str(tmp_path / "process.bpmn"), "-r", "1", "-q", "--format", "json"])
    assert result.exit_code == 0, result.output
    profile = tmp_path / "profile.yaml"
    assert [line.split(": ", 3)[:3] for line in result.stderr.splitlines()] == [
        ["permitflow", "warning", f"{profile}:27"], ["permitflow", "warning", f"{profile}:24"]]
    assert "simulation.clock.start: the legal clock starts at Komplettering inkommen (Event_0inkommen)" in result.stderr
    assert ("simulation.elements.Activity_1polis: receive task Vänta på polisens yttrande (Activity_1polis) has "
            "no `delay:`") in result.stderr
    assert json.loads(result.stdout)["replications"] == 1
    # filled in as meant, nothing is said
    fixed = profile.read_text(encoding="utf-8").replace("start: Event_0inkommen", "start: StartEvent_1")
    profile.write_text(fixed.replace("Activity_1polis: {note:", "Activity_1polis: {delay: 3w, note:"), encoding="utf-8")
    quiet = CliRunner().invoke(cli, ["simulate", str(tmp_path / "process.bpmn"), "-r", "1", "-q", "--format", "json"])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stderr == ""


def test_two_replications_print_no_interval_below_zero_and_say_once_where_one_was_cut() -> None:
    """Found by QA: `simulate helsingborg -r 2` printed "cases 18.5 [-38.68, 75.68]"; the report said "too few
    replications" of the same interval and summary.csv kept it below zero."""
    from simulator.stats import natural_bounds

    text = CliRunner().invoke(cli, ["simulate", "helsingborg", "-r", "2", "-q", "--keys"])
    data = CliRunner().invoke(cli, ["simulate", "helsingborg", "-r", "2", "-q", "--format", "json"])
    assert text.exit_code == 0 and data.exit_code == 0, text.output + data.output
    figures = json.loads(data.output)["figures"]
    cut = {k for k, e in figures.items() if e.get("cut")}
    assert "cases" in cut and len(cut) > 10
    for key, est in figures.items():
        floor, ceiling = natural_bounds(key)
        if est["low"] is not None:
            assert floor <= est["low"] <= est["mean"] <= est["high"] <= ceiling, (key, est)
            if key in cut:  # a cut end is the bound itself, the mean inside
                assert floor < est["mean"] < ceiling and (est["low"] == floor or est["high"] == ceiling), key
    assert json.loads(data.output)["notes"][1].startswith("cut: ")
    lines = text.output.splitlines()
    cases = next(line for line in lines if line.startswith("cases "))
    assert cases.split()[2:] == ["cases", "[0,", f"{figures['cases']['high']:.4g}]*"]
    assert sum(line.endswith("*") for line in lines) == len(cut)
    assert lines[-1].startswith("* the 95% interval reached below zero") and text.output.count("cut there") == 1


def test_the_table_writes_plain_decimals_and_says_what_a_missing_figure_is() -> None:
    """Found by QA: the table said "cost_per_case 1.875e+04", "fee 1.17e+04" and "outcome_days.refusal nan"."""
    result = CliRunner().invoke(cli, ["simulate", "helsingborg", "-r", "2", "-q", "--keys"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split()[1:] for line in result.output.splitlines()[1:] if line[:1] not in "*-( "}
    assert rows["cost_per_case"][:2] == ["18750", "kr"] and rows["fee"] == ["11700", "kr", "[11700,", "11700]"]
    assert rows["outcome_days.refusal"] == ["-", "days"]  # no refusal in two replications: no mean to give
    assert "- no value: no case to measure (or an infinite cost or rate)" in result.output.splitlines()
    assert not re.search(r"\de[-+]\d|\bnan\b|\binf\b|-0\b", result.output)


def test_the_table_gives_each_figure_its_unit_and_says_why_an_interval_is_missing() -> None:
    """Found by QA (words24): "cost_per_case 19510" and "fee 11700" said no unit (kronor), "elapsed_days.X 3.487"
    had an empty interval column, said nowhere why (one replication only had a case of it)."""
    result = CliRunner().invoke(cli, ["simulate", "helsingborg", "-r", "3", "--years", "1", "-q", "--keys"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["figure", "mean", "unit", "95%", "CI"]
    units = {line.split()[0]: line.split()[2] for line in lines[1:] if line[:1] not in "*-( "}
    assert (units["cost_per_case"], units["fee"], units["cost_share_of_fee"]) == ("kr", "kr", "fees")
    assert (units["complete_to_decision_mean_days"], units["work_hours.Task_Utredning"]) == ("days", "hours")
    assert (units["utilisation.officer"], units["within_deadline_share"], units["cases"]) == ("share", "share", "cases")
    assert "" not in units.values()
    single = [line for line in lines if line.endswith("(1 replication)")]
    assert single and all(len(line.split()) == 5 for line in single)
    assert ("(1 replication): only one replication measured it (no case of it in the others), too few for an "
            "interval") in lines


def _rows(text: str) -> dict[str, list[str]]:
    """The table in words by its rows: the words -> [mean, interval] (columns are two or more spaces apart)."""
    rows = [re.split(r" {2,}", line.strip()) for line in text.splitlines() if line.startswith("  ")]
    return {row[0]: row[1:] for row in rows}


def test_the_table_in_words_names_each_step_in_the_models_language_under_four_headings() -> None:
    """Found by the words review: the table a person reads named each figure by its key
    ("elapsed_days.Task_Invanta_Komplettering", "agenda_max.committee"), an element id, not the step's name."""
    args = ["simulate", "helsingborg", "-r", "3", "--years", "1", "-q"]
    sv = CliRunner().invoke(cli, args)
    en = CliRunner().invoke(cli, [*args, "--language", "en"])
    data = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert sv.exit_code == en.exit_code == data.exit_code == 0, sv.output + en.output
    figures = json.loads(data.output)["figures"]
    # the library's steps are drawn in Swedish: auto is Swedish
    headings = [re.split(r" {2,}", line) for line in sv.output.splitlines() if line and not line.startswith(" ")]
    assert headings[:4] == [["Hela ärendet", "medel", "95\u00a0% intervall"], ["Per steg"],
                            ["Per personalgrupp och nämnd"], ["Utfall"]]
    rows = {lang: _rows(result.output) for lang, result in (("sv", sv), ("en", en))}
    assert len(rows["sv"]) == len(rows["en"]) == len(figures)  # each figure once
    assert not re.search(r"\b(Task|Event|Timer|Gw|Lane)_|officer|registry|committee\b", sv.output)

    def said(value: float, lang: str, share: bool = False, width: float = 0.0) -> str:
        if share:  # the report's one rule (report.numbers.share): whole per cent here
            assert 0.01 <= value <= 0.99
            return f"{100 * value:.0f}" + ("\u00a0%" if lang == "sv" else "%")
        # a row's mean and ends with one rounding: two significant digits of its interval's width (qawords)
        text = f"{value:.{max(0, 1 - math.floor(math.log10(width)))}f}"
        return text.replace(".", ",") if lang == "sv" else text

    wait, grant = figures["wait_days.Task_Beslut"], figures["outcome_share.grant"]
    for lang, words in (("sv", ("dagar i väntan vid: Besluta om serveringstillstånd",
                                "andel ärenden som slutar med beviljat tillstånd")),
                        ("en", ("days waiting at: Decide on the serving permit",
                                "share of cases ending in a permit granted"))):
        width = wait["high"] - wait["low"]
        low, high = (said(wait[end], lang, width=width) for end in ("low", "high"))
        assert rows[lang][words[0]] == [said(wait["mean"], lang, width=width), f"{low} – {high}"]
        assert rows[lang][words[1]][0] == said(grant["mean"], lang, share=True)
    # an unnamed timer says what it is; a committee and a staff group by their names
    assert "dagar i: bevakning efter 2 veckor i ”Invänta komplettering”" in rows["sv"]
    assert "days spent in: timer after 2 weeks in “Wait for the supplement”" in rows["en"]
    assert {"flest ärenden på en dagordning hos nämnden", "beläggning för handläggarna"} <= set(rows["sv"])
    assert {"most cases on one agenda of the committee", "utilisation of the case officers"} <= set(rows["en"])
    # the steps in the model's order, each step's figures together: the first is the first task's
    steps = sv.output.split("\nPer steg\n", 1)[1].splitlines()[:3]
    assert [re.split(r" {2,}", line.strip())[0] for line in steps] == [
        "dagar i: Diarieför ansökan", "dagar i väntan vid: Diarieför ansökan", "arbetstimmar i: Diarieför ansökan"]


def test_the_language_and_keys_change_the_table_alone(tmp_path: Path) -> None:
    """--language and --keys are the table's: the JSON a program reads is the same bytes with either."""
    args = ["simulate", str(model_dir(tmp_path)), "--cases", "100", "-r", "2", "-q", "--format", "json"]
    outputs = {CliRunner().invoke(cli, [*args, *extra]).output for extra in ([], ["--language", "sv"], ["--keys"])}
    assert len(outputs) == 1 and json.loads(outputs.pop())["figures"]["cases"]["mean"] == 100.0
    # the same model's table in Swedish words: the step keeps its drawn name, the words around it are Swedish
    swedish = CliRunner().invoke(cli, [*args[:-2], "--language", "sv"])
    assert "  dagar i väntan vid: Serve " in swedish.output and "  beläggning för server " in swedish.output


def test_one_more_person_in_a_pool_with_members_says_how(tmp_path: Path) -> None:
    # a calibrated profile names its officers (members:); "one more officer" as pools.officer.count=3 was refused
    # as "count 3 but 2 members (expected equal)", naming neither the people nor how to add one
    model = model_dir(tmp_path)
    profile = tmp_path / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "server: {count: 1,", "server: {count: 2, members: {Anna: {}, Sören Öst: {}},"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["simulate", str(model), "--cases", "20", "-r", "1", "--set", "pools.server.count=3"])
    assert result.exit_code == 2
    assert result.output.strip().endswith(
        "pool 'server': count 3 but 2 members, Anna, Sören Öst (expected equal: the count of a pool with members is "
        "their number; to add a person give members.NAME: {} beside the count)")
    added = CliRunner().invoke(cli, ["simulate", str(model), "--cases", "20", "-r", "1", "--workers", "1",
                                     "--set", "pools.server.count=3", "--set", "pools.server.members.Ny={}"])
    assert added.exit_code == 0, added.output


def test_a_person_named_on_a_pool_without_members_makes_its_members(tmp_path: Path) -> None:
    # found by QA: pools.server.members.Anna={} on a pool without members was refused as an unknown key 'members',
    # "expected one of" listing only the keys the profile had; pools.server.members={Anna: {}} worked
    model = model_dir(tmp_path)  # mm1.yaml: server {count: 1, ...}, no members
    log = tmp_path / "log.csv"
    named = CliRunner().invoke(cli, ["simulate", str(model), "--cases", "5", "-r", "1", "-q", "--workers", "1",
                                     "--set", "pools.server.members.Anna={}", "--eventlog", str(log)])
    assert named.exit_code == 0, named.output
    assert {row.split(",")[3] for row in log.read_text().splitlines()[1:]} == {"Anna"}
    # the count is the number of members: a pool of two with one person named is refused, saying how
    two = CliRunner().invoke(cli, ["simulate", str(model), "--cases", "5", "-r", "1", "--set", "pools.server.count=2",
                                   "--set", "pools.server.members.Anna={}"])
    assert two.exit_code == 2
    assert two.output.strip().endswith(
        "pool 'server': count 2 but 1 member, Anna (expected equal: the count of a pool with members is their number; "
        "to add a person give members.NAME: {} beside the count)")
    # and two people named in a pool of one: the count to give
    more = CliRunner().invoke(cli, ["simulate", str(model), "--cases", "5", "-r", "1", "--set",
                                    "pools.server.members.Anna={}", "--set", "pools.server.members.Bo={}"])
    assert more.exit_code == 2
    assert more.output.strip().endswith(
        "pool 'server': count 1 but 2 members, Anna, Bo (expected equal: the count of a pool with members is their "
        "number; give count: 2)")
    assert len(more.output.strip().splitlines()) == 1


def test_an_unknown_key_under_a_pool_lists_every_key_a_pool_may_have(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["simulate", str(model_dir(tmp_path)), "--cases", "5", "-r", "1",
                                      "--set", "pools.server.member.Anna={}"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "permitflow: error: --set: override simulation.pools.server.member.Anna={}: unknown key 'member' in "
        "simulation.pools.server (expected one of count, fte, calendar, cost_per_hour, lanes, members, name, source, "
        "assumption, note) (did you mean 'members'?)")


def test_simulate_says_the_work_has_no_price_rather_than_costing_nothing(tmp_path: Path) -> None:
    # found by QA (qadev): a profile without cost_per_hour (as `convert --to profile` writes one) printed
    # "cost of work per case (kronor) 0 (all alike)" beside the hours of work
    model = model_dir(tmp_path)
    profile = tmp_path / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(" cost_per_hour: 600,", ""), encoding="utf-8")
    args = ["simulate", str(model), "--cases", "50", "-r", "2", "--seed", "4"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert next(line for line in lines if "cost of work per case" in line).split() == [
        "cost", "of", "work", "per", "case", "(kronor)", "–"]
    note = ("the work has no price (no staff group that does it has cost_per_hour: in the profile, kronor per hour; "
            "docs/profile.md)")
    assert f"– the cost: {note}" in lines
    keyed = CliRunner().invoke(cli, [*args, "--keys"])
    assert f"cost_per_case: 0 because {note}" in keyed.output.splitlines()
    data = json.loads(CliRunner().invoke(cli, [*args, "--format", "json"]).output)
    assert data["figures"]["cost_per_case"] == {"mean": 0.0, "low": 0.0, "high": 0.0}
    assert f"cost_per_case: 0 because {note}" in data["notes"]
    # priced (the fixture as it is): the cost is a number and no note
    (tmp_path / "priced").mkdir()
    priced = CliRunner().invoke(cli, ["simulate", str(model_dir(tmp_path / "priced")), "--cases", "50", "-r", "2"])
    assert priced.exit_code == 0, priced.output
    assert "no price" not in priced.output


def test_a_model_in_neither_swedish_nor_english_gets_its_table_in_english(tmp_path: Path) -> None:
    # a German model is detected as neither language ("other"); its table is in English words, not Swedish
    model = tmp_path / "bewerbung.yaml"
    shutil.copy(Path(__file__).parent / "fixtures" / "diff" / "bewerbung.yaml", model)
    runner = CliRunner()
    made = runner.invoke(cli, ["convert", str(model), str(tmp_path / "profile.yaml"), "--to", "profile"])
    assert made.exit_code == 0, made.output
    result = runner.invoke(cli, ["simulate", str(model), "--years", "0.5", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Whole case") and "Hela ärendet" not in result.stdout
    assert "days spent in: Vollständigkeit der Bewerbung prüfen" in result.stdout
