"""A file of the wrong kind given as the profile (a CSV log, a YAML list) is refused in the same line by
every command that reads a profile: the file, its line, what it holds in plain words and what a profile is.
calibrate ended with Python's "got str", simulate worded it another way."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

_LOG = "case,activity,timestamp\nA,Registrera,2025-01-02T10:00:00\nA,Besluta,2025-01-05T10:00:00\n"
_KEYS = "municipality, names, handled_by, facts, simulation"


@pytest.mark.parametrize("name, text, line, holds", [
    ("log.csv", _LOG, 1, "a text"),
    ("list.yaml", "# steps\n\n- 1\n- 2\n", 3, "a list"),
])
@pytest.mark.parametrize("command", ["calibrate", "simulate"])
def test_a_file_that_is_no_profile_is_refused_in_one_wording(tmp_path: Path, name: str, text: str, line: int,
                                                            holds: str, command: str) -> None:
    profile = tmp_path / name
    profile.write_text(text, encoding="utf-8")
    log = tmp_path / "cases.csv"
    log.write_text(_LOG, encoding="utf-8")
    out = tmp_path / "out.yaml"
    args = (["calibrate", "helsingborg", str(log), "-o", str(out)] if command == "calibrate"
            else ["simulate", "helsingborg", "--replications", "1"])
    result = CliRunner().invoke(cli, [*args, "--profile", str(profile)])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"permitflow: error: {profile}:{line}: the file holds {holds}, not a profile "
                             f"(expected YAML keys and values: {_KEYS})\n")
    assert not out.exists()
