"""Bad numbers on the command line: one clear line naming the option, a non-zero exit, no traceback
and no output file."""

from __future__ import annotations

import os
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cli import cli
from clicommands.options import Count, Number

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MODEL = str(FIXTURES / "simple.bpmn")
LOG = str(FIXTURES / "logs" / "tiny_cases.csv")


@pytest.mark.parametrize("args, option, expected", [
    # click's FloatRange checks its bounds with < and >, which nan passes: --threshold nan reached the
    # matcher (a traceback), --noise nan the miner (exit 0, a model written), --min-frequency nan kept
    # "no activity in – of the cases", --layout-timeout nan drew with no limit
    (["diff", MODEL, MODEL, "--threshold", "nan"], "--threshold",
     "a score (expected a number from 0 to 1, e.g. 0.75)"),
    (["discover", LOG, "-o", "{out}/d.bpmn", "--noise", "nan"], "--noise",
     "a noise threshold (expected a number from 0 to 1, e.g. 0.2)"),
    (["discover", LOG, "-o", "{out}/d.bpmn", "--min-frequency", "NaN"], "--min-frequency",
     "a share of the cases (expected a number from 0 to 1, e.g. 0.1)"),
    (["compare", LOG, LOG, "--min-frequency", "nan"], "--min-frequency",
     "a share of the cases (expected a number from 0 to 1, e.g. 0.1)"),
    (["render", MODEL, "-o", "{out}/m.svg", "--layout-timeout", "nan"], "--layout-timeout",
     "a number of seconds (expected a number, 0 or more, e.g. 60 or 0)"),
    (["convert", MODEL, "{out}/m.yaml", "--layout-timeout", "nan"], "--layout-timeout",
     "a number of seconds (expected a number, 0 or more, e.g. 60 or 0)"),
    (["simulate", MODEL, "--years", "nan"], "--years",
     "a number of years (expected a number above 0 and at most 100, e.g. 1 or 0.5)"),
    (["optimise", "helsingborg", "--fte-hours", "nan"], "--fte-hours",
     "a number of hours (expected a number above 0, e.g. 1600)"),
    (["optimise", "helsingborg", "--cost-per-hour", "nan", "-o", "{out}/s.json"], "--cost-per-hour",
     "an amount of kronor an hour (expected a number above 0, e.g. 600)"),
])
def test_nan_is_not_a_number_for_any_option(tmp_path: Path, args: list[str], option: str,
                                             expected: str) -> None:
    result = CliRunner().invoke(cli, [a.format(out=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    value = args[args.index(option) + 1]
    said = f"permitflow: error: {option}: '{value}' is not {expected}"
    assert result.stderr.splitlines() == [said], result.stderr
    assert "Traceback" not in result.output and os.listdir(tmp_path) == []


def _numeric_options() -> list[tuple[str, click.Option]]:
    """Every option of every command that takes a number: (the command as typed, the option)."""
    found = []

    def walk(command: click.Command, path: list[str]) -> None:
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, [*path, name])
        for param in command.params:
            if isinstance(param, click.Option) and isinstance(param.type, click.types._NumberParamTypeBase):
                found.append((" ".join(path), param))

    walk(cli, [])
    return found


def test_every_numeric_option_of_every_command_refuses_in_words() -> None:
    """Found by QA (qanumbers): ``--years one`` got click's "'one' is not a valid float range" and ``-r 0`` "0
    is not in the range x>=1". Every numeric option is a Number or a Count (clicommands.options), which says
    what the number is and what would do, in the one line every refusal has."""
    options = _numeric_options()
    # simulate, run, optimise, serve, diff, compare, discover, calibrate, log, render ...
    assert len(options) >= 20
    plain = [f"{command} {param.opts[0]}" for command, param in options if not isinstance(param.type, (Number,
                                                                                                       Count))]
    assert plain == []
    for _command, param in options:
        assert param.type.what and param.type.example, param.opts  # type: ignore[attr-defined]


@pytest.mark.parametrize("args, said", [
    (["simulate", "helsingborg", "--years", "one"],
     "--years: 'one' is not a number of years (expected a number above 0 and at most 100, e.g. 1 or 0.5)"),
    (["simulate", "helsingborg", "--years", "-1"],
     "--years: '-1' is not a number of years (expected a number above 0 and at most 100, e.g. 1 or 0.5)"),
    (["simulate", "helsingborg", "-r", "0"],
     "--replications: '0' is not a number of replications (expected a whole number from 1 to 10,000, e.g. "
     "10)"),
    (["run", "helsingborg", "--points", "1.5"],
     "--points: '1.5' is not a number of points (expected a whole number, 2 or more, e.g. 64)"),
    (["serve", "--port", "70000"], "--port: '70000' is not a port number (expected a whole number from 1 to "
                                   "65,535, e.g. 8765)"),
    (["optimise", "helsingborg", "--target-share", "most"],
     "--target-share: 'most' is not a share of the cases (expected a number, e.g. 0.95)"),
    (["log", "inspect", LOG, "--top", "all"],
     "--top: 'all' is not a number of rows (expected a whole number, 1 or more, e.g. 25)"),
])
def test_a_numeric_option_s_refusal_says_what_is_expected(args: list[str], said: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"permitflow: error: {said}\n" and result.stdout == ""


@pytest.mark.parametrize("args, said", [
    # each was built in full and run candidate by candidate: no answer after 120 s
    (["--officers", "1..100000"], "--officers: '1..100000' gives 100,000 values (expected at most 1,000: "
                                  "a narrower range or a larger step)"),
    (["--officers", "1..1e12"], "--officers: '1..1e12' gives 1,000,000,000,000 values (expected at most "
                                "1,000: a narrower range or a larger step)"),
    (["--fte", "0.000001..1 step 0.0000001"], "--fte: '0.000001..1 step 0.0000001' gives 9,999,991 values "
                                              "(expected at most 1,000: a narrower range or a larger step)"),
    (["--officers", "1..1000", "--fte", "0.5"],
     "--officers, --fte, --levels: 1,000 × 1 × 5 = 5,000 candidates (expected at most 1,000: fewer values, "
     "or a larger step)"),
])
def test_optimise_refuses_a_grid_too_large_to_run(tmp_path: Path, args: list[str], said: str) -> None:
    result = CliRunner().invoke(cli, ["optimise", "helsingborg", *args, "-o", str(tmp_path / "seek.json")])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"permitflow: error: {said}\n"
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("args, said", [
    # each set out to draw every one of the applications: no answer after 120 s
    (["--set", "arrivals.per_year=1e9"],
     "--set: override simulation.arrivals.per_year=1000000000.0 gives an invalid profile: 1000000000.0 "
     "applications a year over a horizon of '1y' is about 1,000,000,000 applications in one replication "
     "(expected at most 1,000,000, as cases: takes: a lower per_year or a shorter horizon)"),
    (["--years", "100", "--set", "arrivals.per_year=20000"],
     "--set: override simulation.arrivals.per_year=20000 gives an invalid profile: 20000.0 applications a "
     "year over a horizon of '100y' is about 2,000,000 applications in one replication (expected at most "
     "1,000,000, as cases: takes: a lower per_year or a shorter horizon)"),
])
def test_simulate_refuses_more_applications_than_cases_may_be(tmp_path: Path, args: list[str],
                                                               said: str) -> None:
    out = tmp_path / "log.csv"
    result = CliRunner().invoke(cli, ["simulate", "helsingborg", *args, "-r", "1", "-q",
                                      "--eventlog", str(out)])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"permitflow: error: {said}\n"
    assert os.listdir(tmp_path) == []


def test_a_profile_rate_too_high_for_its_horizon_names_its_line(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    library = Path(__file__).resolve().parents[1] / "processes" / "library"
    text = (library / "helsingborg" / "profile.yaml").read_text("utf-8")
    assert "    per_year: 25\n" in text
    profile.write_text(text.replace("    per_year: 25\n", "    per_year: 1e14\n"), encoding="utf-8")
    line = text[:text.index("    per_year: 25\n")].count("\n") + 1
    result = CliRunner().invoke(cli, ["simulate", "helsingborg", "--profile", str(profile), "-r", "1", "-q"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"permitflow: error: {profile}:{line}: simulation.arrivals.per_year: "
                                    "100000000000000.0 applications a year over a horizon of '1y' is about "
                                    "100,000,000,000,000 applications in one replication"), result.stderr


def test_log_inspect_refuses_a_log_reaching_from_the_year_1_to_9999_in_one_line(tmp_path: Path) -> None:
    # strftime writes the year 1 as "1": the month grid read "1-01" and failed (a ValueError traceback); then
    # the log was read, its period 8,000 years long (9999-12-31 is a case system's "no date"), and calibrate
    # fitted an arrival rate over them: a timestamp outside 1901-2300 is refused, by every command
    log = tmp_path / "cases.csv"
    log.write_text("case,activity,timestamp\nA1,x,0001-01-01 10:00\nA1,y,9999-12-31 10:00\n"
                   "A2,x,2024-01-01\nA2,y,2024-01-02\n", encoding="utf-8")
    for command in (["log", "inspect", str(log)], ["discover", str(log), "-o", str(tmp_path / "m.bpmn")]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 2, result.output
        assert result.stderr == (f"permitflow: error: {log}:2: '0001-01-01 10:00' in column 'timestamp': "
                                 "the year 1 is outside 1901 to 2300 (expected the date the event happened; "
                                 "a case system's placeholder for no date, such as 9999-12-31? correct or "
                                 "remove the row)\n")
    log.write_text("case,activity,timestamp\nA1,x,2024-01-01 10:00\nA1,y,9999-12-31 10:00\n",
                   encoding="utf-8")
    result = CliRunner().invoke(cli, ["log", "inspect", str(log)])
    assert result.exit_code == 2
    assert f"{log}:3: '9999-12-31 10:00' in column 'timestamp': the year 9999" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.csv"]


def test_run_refuses_too_many_uncertainty_points_before_building_them(tmp_path: Path) -> None:
    # the limit was checked after every point's scenarios were built: 1,000 points took 27 s to be refused
    # (2026-12-07, this machine), 100,000 were still being built when stopped after 120 s
    study = Path(__file__).resolve().parents[1] / "examples" / "uncertainty" / "delegated-to-officer.yaml"
    result = CliRunner().invoke(cli, ["run", str(study), "--uncertainty", "--points", "100000", "-o",
                                      str(tmp_path / "out"), "-q"])
    assert result.exit_code == 2, result.output
    # the counts grouped as the run's own line says them ("5,001 work units"; found by QA, qabatch: "40000")
    assert result.stderr == (f"permitflow: error: {study}: the run plans 2,000,000 work units (sweep points "
                             "x replications; the limit is 5,000 work units): give --force to run them "
                             "anyway\n")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("args, said", [
    # found by QA (qabatch): the setting's name came twice, "--replications: replications: 10001 is not ...";
    # since qasmall the option's own type refuses it, in the words it refuses a value below its bound
    (["run", "e-service", "-r", "10001"],
     "--replications: '10001' is not a number of replications (expected a whole number from 1 to 10,000, "
     "e.g. 10)"),
    (["simulate", "helsingborg", "-r", "10001"],
     "--replications: '10001' is not a number of replications (expected a whole number from 1 to 10,000, "
     "e.g. 10)"),
    (["simulate", "helsingborg", "--cases", "1000001"],
     "--cases: '1000001' is not a number of applications (expected a whole number from 1 to 1,000,000, e.g. "
     "500)"),
    (["simulate", "helsingborg", "--seed", str(2**63)],
     f"--seed: '{2**63}' is not a seed (expected a whole number from 0 to {2**63 - 1:,}, e.g. 2025)"),
    # optimise's replications came to the scenario check, as "optimise: replications: 10001 is not ...", and its
    # --help said "3 or more"
    (["optimise", "astorp", "--max-replications", "10001"],
     "--max-replications: '10001' is not a number of replications (expected a whole number from 3 to 10,000, "
     "e.g. 40)"),
    (["calibrate", LOG, "--validate", "--replications", "10001"],
     "--replications: '10001' is not a number of replications (expected a whole number from 1 to 10,000, "
     "e.g. 5)"),
])
def test_a_setting_above_its_limit_names_the_option_once(tmp_path: Path, args: list[str], said: str) -> None:
    result = CliRunner().invoke(cli, [*args, *(["-o", str(tmp_path / "out")] if args[0] == "run" else [])])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"permitflow: error: {said}\n" and result.stdout == ""
    assert os.listdir(tmp_path) == []


def test_a_scenario_file_s_setting_above_its_limit_still_names_the_setting(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text("name: s\nbase: helsingborg\nreplications: 10001\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "s.yaml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"permitflow: error: {tmp_path / 's.yaml'}:3: replications: 10001 is not a "
                             "whole number from 1 to 10,000\n")


def _help_said(command: str) -> str:
    """``permitflow COMMAND --help`` on one line (click wraps it to the terminal's width)."""
    result = CliRunner().invoke(cli, [*command.split(), "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


@pytest.mark.parametrize("command, option, help_ends", [
    ("simulate", "--replications", "Replications (default 10). [from 1 to 10,000]"),
    ("run", "--replications", "(overrides the files). [from 1 to 10,000]"),
    ("calibrate", "--replications", "(--validate). [default: 5; from 1 to 10,000]"),
    ("discover", "--replications", "(--validate). [default: 5; from 1 to 10,000]"),
    ("simulate", "--cases", "more is refused). [from 1 to 1,000,000]"),
    ("simulate", "--seed", "(default 2025). [from 0 to 9,223,372,036,854,775,807]"),
    ("optimise", "--seed", "(default 2025). [from 0 to 9,223,372,036,854,775,807]"),
    ("simulate", "--years", "the profile's horizon). [above 0 and at most 100]"),
    ("serve", "--port", "Port to listen on. [default: 8765; from 1 to 65,535]"),
    ("optimise", "--first-replications", "(at most --max-replications). [default: 5; from 3 to 10,000]"),
    ("optimise", "--max-replications", "from --first-replications). [default: 40; from 3 to 10,000]"),
    ("log inspect", "--top", "[default: 25; 1 or more]"),
])
def test_a_bounded_option_s_help_says_its_bounds_as_its_refusal_does(command: str, option: str,
                                                                     help_ends: str) -> None:
    """Found by QA (qasmall): ``--replications``' help said "[x>=1]" and nothing of its limit, 10,000, which
    its refusal said; click's own "[1<=x<=65535]" groups no thousands, as the refusals do."""
    said = _help_said(command)
    start = said.index(f" {option} ", said.index(" Options: "))  # the option's row, not an example's
    assert said[start:said.index("]", start) + 1].endswith(help_ends)


def test_every_bounded_numeric_option_says_its_bounds_in_words_in_its_help() -> None:
    for command, param in _numeric_options():
        bounds = param.type._describe_range()  # type: ignore[attr-defined]
        said = _help_said(command)
        assert not any(form in said for form in ("x>=", "x>", "<=x", "<x", "x<")), command
        if bounds:
            assert f"{bounds}]" in said, (command, param.opts, bounds)


def test_every_workers_option_also_answers_to_j() -> None:
    """Found by QA (qabatch): a batch user types ``-j 2`` as for make or xargs and got "No such option
    '-j'"."""
    workers = [(command, param) for command, param in _numeric_options() if "--workers" in param.opts]
    assert {command for command, _param in workers} >= {"run", "simulate", "optimise", "compare", "serve"}
    assert [command for command, param in workers if "-j" not in param.opts] == []


def test_j_runs_on_that_many_workers(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["simulate", "helsingborg", "--cases", "3", "-r", "1", "-j", "1",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    refused = CliRunner().invoke(cli, ["simulate", "helsingborg", "--cases", "3", "-j", "0"])
    assert refused.stderr == ("permitflow: error: --workers: '0' is not a number of worker processes "
                              "(expected a whole number, 1 or more, e.g. 2)\n")
