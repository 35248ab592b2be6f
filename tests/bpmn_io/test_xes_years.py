"""An XES event dated outside 1901-2300 (a case system's 9999-12-31 or 1900-01-01 for "no date") is refused in one
line with the file, line and event, as a CSV row is (tests/test_cli_bad_numbers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli


def _xes(first: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0">\n'
            '<trace><string key="concept:name" value="A"/>\n'
            f'<event><string key="concept:name" value="Registrera"/><date key="time:timestamp" value="{first}"/></event>\n'
            '<event><string key="concept:name" value="Besluta"/><date key="time:timestamp" value="2025-01-05T10:00:00"/>'
            '</event>\n</trace>\n</log>\n')


@pytest.mark.parametrize("when, year", [("9999-12-31T23:59:59+01:00", 9999), ("1900-01-01T00:00:00", 1900)])
def test_an_xes_event_in_a_placeholder_year_is_refused(tmp_path: Path, when: str, year: int) -> None:
    log = tmp_path / "log.xes"
    log.write_text(_xes(when), encoding="utf-8")
    result = CliRunner().invoke(cli, ["log", "inspect", str(log)])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"permitflow: error: {log}:4: event 1: time:timestamp '{when}': the year {year} is "
                             "outside 1901 to 2300 (expected the date the event happened; a case system's placeholder "
                             "for no date, such as 9999-12-31? correct or remove the row)\n")


def test_an_xes_event_in_the_bounds_years_is_read(tmp_path: Path) -> None:
    log = tmp_path / "log.xes"
    log.write_text(_xes("1901-01-01T00:00:00"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["log", "inspect", str(log)])
    assert result.exit_code == 0, result.output
    assert "period: 1901-01-01 00:00 to 2025-01-05 10:00" in result.stdout
