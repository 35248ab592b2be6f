"""An XES event dated outside 1901-2300 (a case system's 9999-12-31 or 1900-01-01 for "no date") is refused in
one line with the file, line and event, as a CSV row is (tests/test_cli_bad_numbers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli


def _xes(first: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0">\n'
            '<trace><string key="concept:name" value="A"/>\n'
            '<event><string key="concept:name" value="Registrera"/>'
            f'<date key="time:timestamp" value="{first}"/>'
            '</event>\n<event><string key="concept:name" value="Besluta"/>'
            '<date key="time:timestamp" value="2025-01-05T10:00:00"/></event>\n</trace>\n</log>\n')


@pytest.mark.parametrize("when, year", [("9999-12-31T23:59:59+01:00", 9999), ("1900-01-01T00:00:00", 1900)])
def test_an_xes_event_in_a_placeholder_year_is_refused(tmp_path: Path, when: str, year: int) -> None:
    log = tmp_path / "log.xes"
    log.write_text(_xes(when), encoding="utf-8")
    result = CliRunner().invoke(cli, ["log", "inspect", str(log)])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"permitflow: error: {log}:4: event 1: time:timestamp '{when}': the year {year} "
                             "is outside 1901 to 2300 (expected the date the event happened; a case system's "
                             "placeholder for no date, such as 9999-12-31? correct or remove the row)\n")


def test_an_xes_event_in_the_bounds_years_is_read(tmp_path: Path) -> None:
    log = tmp_path / "log.xes"
    log.write_text(_xes("1901-01-01T00:00:00"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["log", "inspect", str(log)])
    assert result.exit_code == 0, result.output
    assert "period: 1901-01-01 00:00 to 2025-01-05 10:00" in result.stdout


def _events_after(blank_lines: int) -> str:
    """A log whose third event, after ``blank_lines`` empty lines, has a timestamp that is none."""
    good = ('<trace><string key="concept:name" value="{c}"/>\n  <event>\n    <string key="concept:name" '
            'value="R"/>\n    <date key="time:timestamp" value="{t}"/>\n  </event>\n</trace>\n')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0">\n'
            + good.format(c="A", t="2025-01-02T10:00:00") + "\n" * blank_lines
            + good.format(c="B", t="2025-01-03T10:00:00") + good.format(c="C", t="i går") + "</log>\n")


def test_an_error_past_line_65535_names_the_line_of_the_event(tmp_path: Path) -> None:
    """libxml2 keeps an element's line in 16 bits: past line 65535 lxml gave the next node's line, or 65535
    itself (a log of a million lines named every bad event at 65535); the line is now found by reading the
    file again for that event's start tag."""
    text = _events_after(70_000)
    line = text[:text.index("i går")].count("\n") - 1  # <event> is two lines above its timestamp's
    log = tmp_path / "log.xes"
    log.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["log", "inspect", str(log)])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"permitflow: error: {log}:{line}: event 3: time:timestamp 'i går' is not an "
                             "ISO 8601 date-time (expected e.g. 2014-04-11T09:30:00+02:00)\n")


def test_the_start_tag_is_found_across_the_chunks_it_is_read_in(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from bpmn_io import xeslog
    from processes.errors import InputError

    log = tmp_path / "log.xes"
    text = _events_after(3)
    log.write_text(text, encoding="utf-8")
    third = text[:text.index("i går")].count("\n") - 1
    for size in (1, 5, 7, 64, 65, 100):  # every cut of '<event>' between two chunks
        monkeypatch.setattr(xeslog, "CHUNK", size)
        err = xeslog.located(InputError("x", file=str(log), line=70_000), str(log), b"event", 3)
        assert err.line == third


def test_the_notes_on_repeats_past_line_65535_name_the_lines_of_the_event_and_trace(tmp_path: Path) -> None:
    """The note on a dropped repeat names its line as an error does: lxml's line past 65535 is a guess."""
    event = ('  <event>\n    <string key="concept:name" value="R"/>\n'
             '    <date key="time:timestamp" value="2025-01-03T10:00:00"/>\n  </event>\n')
    trace = '<trace><string key="concept:name" value="B"/>\n' + event + "</trace>\n"
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0">\n' + "\n" * 70_000
            + trace.replace("</trace>", event.strip() + "\n</trace>") + "\n" * 3 + trace + "</log>\n")
    second_event = text.index("<event>", text.index("<event>") + 1)
    event_line = text[:second_event].count("\n") + 1
    trace_line = text[:text.rindex("<trace>")].count("\n") + 1
    log = tmp_path / "log.xes"
    log.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["log", "inspect", str(log)])
    assert result.exit_code == 0, result.output
    assert (f"1 event repeated an earlier event of its trace exactly, in every attribute (event 2, "
            f"line {event_line})") in result.output
    assert f"(trace 2, case 'B', line {trace_line}): dropped" in result.output
