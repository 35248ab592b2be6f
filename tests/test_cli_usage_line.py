"""A command line click refuses is one line, as every other refusal (click's own form was four lines)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cli import cli


@pytest.mark.parametrize("args, line", [
    (["simulate"], "Error: Missing argument 'MODEL'. (see 'permitflow simulate --help')"),
    (["simulate", "helsingborg", "--years", "abc"],  # a number's refusal says what it is (qanumbers)
     "permitflow: error: --years: 'abc' is not a number of years (expected a number above 0 and at most 100, "
     "e.g. 1 or 0.5)"),
    (["nosuchcommand"], "Error: No such command 'nosuchcommand'. (see 'permitflow --help')"),
    (["--bogus"], "Error: No such option '--bogus'. (see 'permitflow --help')"),
    (["log", "inspect"], "Error: Missing argument 'LOG'. (see 'permitflow log inspect --help')"),
])
def test_a_refused_command_line_is_one_line(args: list[str], line: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [line] and result.stdout == ""


def test_the_program_alone_still_prints_its_help() -> None:
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 2 and "Usage: cli [OPTIONS] COMMAND [ARGS]..." in result.output
    assert "Commands:" in result.output
