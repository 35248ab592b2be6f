"""Bad numbers on the command line: one clear line naming the option, a non-zero exit, no traceback
and no output file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MODEL = str(FIXTURES / "simple.bpmn")
LOG = str(FIXTURES / "logs" / "tiny_cases.csv")


@pytest.mark.parametrize("args, option, expected", [
    # click's FloatRange checks its bounds with < and >, which nan passes: --threshold nan reached the
    # matcher (a traceback), --noise nan the miner (exit 0, a model written), --min-frequency nan kept
    # "no activity in – of the cases", --layout-timeout nan drew with no limit
    (["diff", MODEL, MODEL, "--threshold", "nan"], "--threshold", "0.0<=x<=1.0"),
    (["discover", LOG, "-o", "{out}/d.bpmn", "--noise", "nan"], "--noise", "0<=x<=1"),
    (["discover", LOG, "-o", "{out}/d.bpmn", "--min-frequency", "NaN"], "--min-frequency", "0<=x<=1"),
    (["compare", LOG, LOG, "--min-frequency", "nan"], "--min-frequency", "0<=x<=1"),
    (["render", MODEL, "-o", "{out}/m.svg", "--layout-timeout", "nan"], "--layout-timeout", "x>=0"),
    (["convert", MODEL, "{out}/m.yaml", "--layout-timeout", "nan"], "--layout-timeout", "x>=0"),
    (["simulate", MODEL, "--years", "nan"], "--years", "x>0"),
    (["optimise", "helsingborg", "--fte-hours", "nan"], "--fte-hours", "x>0"),
    (["optimise", "helsingborg", "--cost-per-hour", "nan", "-o", "{out}/s.json"], "--cost-per-hour", "x>0"),
])
def test_nan_is_not_a_number_for_any_option(tmp_path: Path, args: list[str], option: str, expected: str) -> None:
    result = CliRunner().invoke(cli, [a.format(out=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    value = args[args.index(option) + 1]
    assert result.stderr.splitlines()[-1] == (f"Error: Invalid value for '{option}': '{value}' is not a number "
                                              f"(expected {expected})"), result.stderr
    assert "Traceback" not in result.output and os.listdir(tmp_path) == []
