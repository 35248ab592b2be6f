"""A CSV log's date form read from its rows: day or month first, the forms real exports write, the notes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from bpmn_io.caselog import GUESS, LogColumns, from_seconds
from bpmn_io.logfiles import read_log
from cli import cli
from processes.errors import InputError


def _log(tmp_path: Path, *stamps: str, cases: str = "", name: str = "export.csv") -> Path:
    """A log of one case (or the cases named, one letter a row) with these completion times."""
    path = tmp_path / name
    rows = [f"{cases[i] if cases else 'A'};Steg {i};{when}" for i, when in enumerate(stamps)]
    path.write_text("Ärende;Aktivitet;Datum\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _times(path: Path, columns: LogColumns = GUESS) -> list[dt.datetime]:
    table, _ = read_log(path, columns)
    return sorted(from_seconds(t) for t in table.end)


def test_a_us_export_is_read_month_first_from_the_row_that_shows_it(tmp_path: Path) -> None:
    # the form was taken from the first row: "4/3/2025" (April 3 in a US export) read as 4 March, and the
    # third row "4/15/2025" was then refused ("expected the format '%d/%m/%Y' ... as in the first row")
    path = _log(tmp_path, "4/3/2025 09:00", "4/3/2025", "4/15/2025 10:00", "5/2/2025")
    assert _times(path) == [dt.datetime(2025, 4, 3), dt.datetime(2025, 4, 3, 9), dt.datetime(2025, 4, 15, 10),
                            dt.datetime(2025, 5, 2)]
    assert read_log(path)[1].notes[0] == ("timestamps read as %m/%d/%Y (with or without a time): month first, as "
                                          "line 4's '4/15/2025 10:00' shows (no month 15)")
    # day first, shown by a later row: the rows before it wait and are read the same way
    path = _log(tmp_path, "4/3/2025", "5/3/2025 13:05", "13/3/2025")
    assert _times(path) == [dt.datetime(2025, 3, 4), dt.datetime(2025, 3, 5, 13, 5), dt.datetime(2025, 3, 13)]
    assert read_log(path)[1].notes[0] == ("timestamps read as %d/%m/%Y (with or without a time): day first, as "
                                          "line 4's '13/3/2025' shows (no month 13)")


def test_rows_that_show_both_orders_are_one_error_naming_both_lines(tmp_path: Path) -> None:
    path = _log(tmp_path, "4/3/2025", "13/3/2025", "4/15/2025")
    with pytest.raises(InputError) as caught:
        read_log(path)
    assert str(caught.value) == (f"{path}:4: '4/15/2025' in column 'Datum' can only be month first, but line 3's "
                                 "'13/3/2025' only day first: both forms in one log (correct the export, or give "
                                 "--date-format)")
    done = CliRunner().invoke(cli, ["log", "inspect", str(path)])
    assert done.exit_code == 2 and done.output.count("\n") == 1, done.output


def test_no_row_decides_day_first_is_said_and_month_first_can_be_given(tmp_path: Path) -> None:
    # every day 12 or under: read day first (Sweden, Europe), and the note says so and how to give the other;
    # here reading day first puts the case's rows out of time order and month first does not: said too
    path = _log(tmp_path, "4/3/2025 09:00", "4/5/2025", "5/2/2025 11:00")
    table, stream = read_log(path)
    assert _times(path) == [dt.datetime(2025, 2, 5, 11), dt.datetime(2025, 3, 4, 9), dt.datetime(2025, 5, 4)]
    assert stream.notes[0] == (
        "timestamps read as %d/%m/%Y (with or without a time), day first as in Sweden and Europe: no row tells "
        "day-first from month-first (no number above 12 before the year); read day first, 1 case's events go back "
        "in time down the file, read month first none; if the export writes the month first (as in the US), give "
        "--date-format month-first")
    assert stream.notes[1] == (
        "1 of 1 cases list events out of time order in the file (1 row(s); the first: line 4, earlier than line 3 "
        "of its case): they are taken in time order; if the export lists each case's events as they happened, check "
        "the date form above (--date-format)")
    given = LogColumns(date_format="month-first")
    assert _times(path, given) == [dt.datetime(2025, 4, 3, 9), dt.datetime(2025, 4, 5), dt.datetime(2025, 5, 2, 11)]
    assert read_log(path, given)[1].notes == [
        "timestamps read as %m/%d/%Y (with or without a time), month-first as --date-format says"]
    # a value the given order cannot read is one line naming it
    with pytest.raises(InputError, match=r"other\.csv:3: '13/3/2025' in column 'Datum' is not a timestamp: there is no month 13 \(expected "
                                         r"%m/%d/%Y, month-first as --date-format says, with or without a time\)"):
        read_log(_log(tmp_path, "4/3/2025", "13/3/2025", name="other.csv"), given)
    done = CliRunner().invoke(cli, ["log", "inspect", str(path), "--date-format", "month-first"])
    assert done.exit_code == 0 and "period: 2025-04-03 09:00 to 2025-05-02 11:00" in done.output, done.output


def test_the_forms_real_exports_write(tmp_path: Path) -> None:
    at = dt.datetime(2025, 3, 4, 13, 5)
    read_as = {
        "2025-03-04 13:05:07.123": (at.replace(second=7, microsecond=123000), "ISO 8601"),
        "2025-W10-2T13:05": (at, "ISO 8601"),
        "20250304T130507": (at.replace(second=7), "ISO 8601"),
        # Python's own reader took "13.05" for 13:00:00.05 (and refused "kl. 13.05")
        "2025-03-04 13.05": (at, "ISO 8601 (times such as 13.05 or kl. 13.05 as hours.minutes)"),
        "2025-03-04 kl. 13.05": (at, "ISO 8601 (times such as 13.05 or kl. 13.05 as hours.minutes)"),
        "04.03.2025 13:05": (at, "%d.%m.%Y (with or without a time)"),
        "4.3.2025 13.05": (at, "%d.%m.%Y (with or without a time)"),
        "2025/03/04 13:05": (at, "%Y/%m/%d (with or without a time)"),
        "4 mars 2025 kl. 13.05": (at, "%d %B %Y (the month's name, Swedish or English) (with or without a time)"),
        "04-Mar-2025 13:05": (at, "%d %B %Y (the month's name, Swedish or English) (with or without a time)"),
        "3/4/2025 1:05 PM": (dt.datetime(2025, 4, 3, 13, 5), "%d/%m/%Y (with or without a time), day first as in"),
    }
    for text, (when, note) in read_as.items():
        path = _log(tmp_path, text)
        table, stream = read_log(path)
        assert from_seconds(table.end[0]) == when, text
        assert stream.notes[0].startswith(f"timestamps read as {note}"), (text, stream.notes)
    for text in ("4/3/25", "4 marsipan 2025", "2025-03-04 13.5", "2025-03-04 25:00", "12/13/2025 13:05 PM"):
        with pytest.raises(InputError, match="is not a timestamp"):
            read_log(_log(tmp_path, text))
    # a dotted date is day first: no export writes the month first with dots
    with pytest.raises(InputError, match=r"'04\.13\.2025' in column 'Datum' is not a timestamp"):
        read_log(_log(tmp_path, "04.03.2025", "04.13.2025"))


def test_offsets_across_the_summer_time_change_are_said(tmp_path: Path) -> None:
    # the local time is kept and the offset dropped (a work calendar's time); the note says what that does at the
    # change. October's repeated hour: the offsets say B's 02:10+01:00 came 30 minutes after its 02:40+02:00, so it
    # stays after it (it was put before it, and the order note said the file had them out of order)
    path = _log(tmp_path, "2025-03-30T01:30:00+01:00", "2025-03-30T03:30:00+02:00", "2025-10-26T02:40:00+02:00",
                "2025-10-26T02:10:00+01:00", cases="AABB")
    table, stream = read_log(path)
    assert table.end[1] - table.end[0] == 2 * 3600.0  # one hour passed; the wall clock says two
    assert stream.notes[0] == (
        "timestamps read as ISO 8601; their UTC offsets (+01:00, +02:00) are dropped and the local time kept, as a "
        "work calendar reads time: an interval across a change to or from summer time counts an hour more or less "
        "than passed")
    assert len(stream.notes) == 1  # the file has B's rows in the order they happened
    assert [table.activities[a] for a in table.activity] == ["Steg 0", "Steg 1", "Steg 2", "Steg 3"]
    assert table.end[3] - table.end[2] == 1800.0
    assert table.notes[1] == (
        "1 event of 1 case(s) came after the case's previous event by their UTC offsets but earlier by the clock, as "
        "in the hour repeated when summer time ends (the first: line 5 after line 4 of case 'B'): taken in the order "
        "of the instants, the time that passed counted on from the previous event's clock (02:10+01:00 after "
        "02:40+02:00 reads 03:10)")
    stream = read_log(_log(tmp_path, "2025-03-04T08:00:00Z"))[1]
    assert stream.notes[0].startswith("timestamps read as ISO 8601; the times are UTC (Z) and are read as written")
    # a log without offsets, in order, has neither note; nor one offset throughout: "+00:00" is how permitflow's
    # simulator labels its local times (the first version of this note called them UTC)
    assert read_log(_log(tmp_path, "2025-03-04T08:00", "2025-03-05"))[1].notes == ["timestamps read as ISO 8601"]
    assert read_log(_log(tmp_path, "2025-03-04T08:00+00:00", "2025-07-05T08:00+00:00"))[1].notes == [
        "timestamps read as ISO 8601"]
    # XES says the same of its offsets (it said nothing), and refuses "T13.05" (it read 13:00:00.05)
    xes = tmp_path / "log.xes"
    event = ('<event><string key="concept:name" value="{0}"/><date key="time:timestamp" value="{1}"/>'
             '</event>')
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0" xmlns="http://www.xes-standard.org/">'
            '<trace><string key="concept:name" value="A"/>{0}{1}</trace></log>\n')
    xes.write_text(body.format(event.format("Ansökan", "2025-03-30T01:30:00+01:00"),
                               event.format("Registrera", "2025-03-30T03:30:00+02:00")), encoding="utf-8")
    assert read_log(xes)[1].notes == [
        "timestamps read as ISO 8601; their UTC offsets (+01:00, +02:00) are dropped and the local time kept, as a "
        "work calendar reads time: an interval across a change to or from summer time counts an hour more or less "
        "than passed"]
    xes.write_text(body.format(event.format("Ansökan", "2025-03-04T13.05"), ""), encoding="utf-8")
    with pytest.raises(InputError, match=r"'2025-03-04T13\.05' is not an ISO 8601 date-time"):
        read_log(xes)


def test_calibrate_and_discover_say_the_date_form(tmp_path: Path) -> None:
    path = tmp_path / "us.csv"
    path.write_text("Ärende;Aktivitet;Datum;Handläggare\n"
                    + "".join(f"{c};Registrera;4/{d}/2025 09:00;anna\n{c};Utred;4/{d}/2025 12:00;anna\n"
                              f"{c};Besluta;4/{d + 12}/2025 14:00;nämnd\n" for c, d in (("A", 1), ("B", 3), ("C", 7))),
                    encoding="utf-8")
    logs = Path(__file__).parent.parent / "fixtures" / "logs"
    done = CliRunner().invoke(cli, ["calibrate", str(logs / "tiny.yaml"), str(path), "-o", str(tmp_path / "p.yaml"),
                                    "--profile", str(logs / "tiny_profile.yaml"),
                                    "--mapping", str(logs / "tiny_mapping.yaml")])
    assert done.exit_code == 0, done.output
    assert ("note: timestamps read as %m/%d/%Y (with or without a time): month first, as line 4's '4/13/2025 14:00' "
            "shows (no month 13)") in done.output
    assert "log: us.csv: 3 cases, 9 events, 2025-04-01 to 2025-04-19" in done.output


def test_date_and_time_of_day_in_two_columns(tmp_path: Path) -> None:
    # "Datum;Tid": the time column was not read, so every event fell at midnight without a word
    path = tmp_path / "export.csv"
    path.write_text("Ärende;Aktivitet;Datum;Tid\nA;Registrera;2025-03-04;13:05\nA;Beslut;2025-03-05;kl. 9.30\n"
                    "B;Registrera;2025-03-06;\n", encoding="utf-8")
    table, stream = read_log(path)
    assert sorted(from_seconds(t) for t in table.end) == [dt.datetime(2025, 3, 4, 13, 5), dt.datetime(2025, 3, 5, 9, 30),
                                                          dt.datetime(2025, 3, 6)]
    assert stream.mapping_line().endswith("timestamp=Datum (guessed), time=Tid (guessed)")
    # a guessed "Tid" that holds time spent, not a time of day, is left alone (and not named)
    path.write_text("Ärende;Aktivitet;Datum;Tid\nA;Registrera;2025-03-04;2h\n", encoding="utf-8")
    table, stream = read_log(path)
    assert from_seconds(table.end[0]) == dt.datetime(2025, 3, 4) and "time=" not in stream.mapping_line()
    # given, it is read, and a value that is no time is one line naming both columns
    with pytest.raises(InputError, match=r"export\.csv:2: '2025-03-04 2h' in column 'Datum \+ Tid' is not a timestamp"):
        read_log(path, LogColumns(time="Tid"))
    done = CliRunner().invoke(cli, ["log", "inspect", str(path), "--time", "Tid"])
    assert done.exit_code == 2 and "'Datum + Tid'" in done.output
