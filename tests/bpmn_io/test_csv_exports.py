"""What a municipality's own CSV export carries: Excel's empty columns after the last named one, its date serial
numbers, an old tool's end-of-file mark; with a BOM, semicolons, decimal commas and Windows line ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bpmn_io.caselog import from_seconds
from bpmn_io.logfiles import read_log
from cli import cli
from processes.errors import InputError


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    return path


def test_an_excel_export_with_empty_columns_and_shorter_rows_is_read(tmp_path: Path) -> None:
    # the header's two empty columns after "Avgift" made a row that left them out "5 fields, the header has 7"
    path = _write(tmp_path, "\ufeffÄrende;Aktivitet;Datum;Handläggare;Avgift;;\r\n"
                            "BN 2025-1;Registrera;2025-03-04 13:05:07,5;anna;1 234,50\r\n"
                            "BN 2025-1;Besluta;2025-03-06 09:30;bo;12,5;;\r\n".encode())
    table, stream = read_log(path)
    assert table.case_ids == ("BN 2025-1",)
    assert [str(from_seconds(t)) for t in table.end] == ["2025-03-04 13:05:07.500000", "2025-03-06 09:30:00"]
    assert table.resources == ("", "anna", "bo")
    # a row short of a named column is still one line naming it
    path = _write(tmp_path, b"\xc3\x84rende;Aktivitet;Datum;Handl\xc3\xa4ggare;;\r\nA1;Registrera;2025-03-04 13:05\r\n")
    with pytest.raises(InputError, match=r"export\.csv:2: 3 fields, the header names 4 \(a missing delimiter"):
        read_log(path)


def test_an_excel_date_serial_number_is_refused_naming_it(tmp_path: Path) -> None:
    # refused as "not a timestamp" without a word on why a date reads 45720,5
    for serial in ("45720,5", "45720.5", "45720"):
        path = _write(tmp_path, f"Ärende;Aktivitet;Datum\r\nA1;Registrera;{serial}\r\n".encode())
        done = CliRunner().invoke(cli, ["log", "inspect", str(path)])
        assert done.exit_code == 2
        lines = done.output.strip().splitlines()
        assert len(lines) == 1 and f":2: '{serial}' in column 'Datum' is not a timestamp (expected" in lines[0]
        assert lines[0].endswith("; it looks like Excel's date serial number: format the column as a date and time, "
                                 "e.g. yyyy-mm-dd hh:mm, before saving)")
        assert "Traceback" not in done.output


def test_the_end_of_file_mark_of_an_old_tool_is_no_row(tmp_path: Path) -> None:
    # Ctrl-Z after the last line was refused: "line 3: 1 fields, the header has 3"
    path = _write(tmp_path, b"\xc3\x84rende;Aktivitet;Datum\r\nA1;Registrera;2025-03-04 13:05\r\n\x1a")
    assert read_log(path)[0].n_events == 1


ROWS = "".join(f"BN 2025-{c};Registrera;2025-03-0{d} 13:05;anna;1 234,50\r\n" for c in (1, 2) for d in (4, 5))


def test_a_stray_quote_is_named_at_its_line_not_read_as_one_value_to_the_end(tmp_path: Path) -> None:
    # '"1 234,50' in the fee column, which is not read, took every row after it into one value: 2 of 5 events
    # read, no word said; in a column that is read it was "line 6: 2 fields, the header has 5", the file's end
    header = "Diarienummer;Händelse;Datum;Handläggare;Avgift (kr)\r\n"
    for plain, stray in ((";1 234,50", ';"1 234,50'), (";Registrera", ';"Registrera')):
        rows = ROWS.splitlines(keepends=True)
        rows[1] = rows[1].replace(plain, stray, 1)
        path = _write(tmp_path, (header + "".join(rows) + "BN 2025-3;Registrera;2025-03-06 13:05;bo;0\r\n").encode())
        done = CliRunner().invoke(cli, ["log", "inspect", str(path)])
        assert done.exit_code == 2
        assert done.output.strip().splitlines() == [
            f"permitflow: error: {path}:3: a quote opened on this line is not closed until line 6: the rows between "
            "are read as one value (a stray \"? quote a whole value and double any \" inside it)"]


def test_a_note_over_several_lines_in_quotes_is_one_value(tmp_path: Path) -> None:
    path = _write(tmp_path, ("Diarienummer;Händelse;Datum;Handläggare;Anteckning\r\n" + ROWS.replace(
        "anna;1 234,50\r\nBN 2025-1", 'anna;"Ring sökanden;\r\nhon är bortrest\r\ntill maj"\r\nBN 2025-1', 1)).encode())
    table, _stream = read_log(path)
    assert table.case_ids == ("BN 2025-1", "BN 2025-2") and table.end.size == 4


@pytest.mark.parametrize(("name", "data", "what"), [
    ("export.xlsx", b"PK\x03\x04\x14\x00\x00\x00" + b"\x00" * 40, "an Excel workbook (.xlsx) or another zip archive"),
    ("export.csv", b"PK\x03\x04\x14\x00\x00\x00" + b"\x00" * 40, "an Excel workbook (.xlsx) or another zip archive"),
    ("export.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "an old Excel workbook (.xls)"),
    ("export.txt", "Ärende\tAktivitet\tDatum\r\nA1\tRegistrera\t2025-03-04\r\n".encode("utf-16-le"),
     "text with NUL bytes (UTF-16 without its byte-order mark?)"),
])
def test_a_workbook_or_utf16_without_its_mark_is_told_to_be_saved_as_csv(tmp_path: Path, name, data, what) -> None:
    # an .xlsx was "unknown case-log format"; renamed .csv, or UTF-16 without its mark, a header of binary noise
    path = tmp_path / name
    path.write_bytes(data)
    done = CliRunner().invoke(cli, ["log", "inspect", str(path)])
    assert done.exit_code == 2
    line = ":1" if name.endswith((".csv", ".txt")) else ""
    assert done.output.strip().splitlines() == [
        f"permitflow: error: {path}{line}: {what}, not a case log permitflow reads (expected CSV or XES text): in "
        "Excel, save it as CSV (Save As: CSV UTF-8; Spara som: CSV UTF-8 (kommaavgränsad))"]


def test_utf16_with_its_mark_is_still_read(tmp_path: Path) -> None:
    path = _write(tmp_path, "\ufeffÄrende\tAktivitet\tDatum\r\nA1\tRegistrera\t2025-03-04\r\n".encode("utf-16-le"))
    assert read_log(path)[0].activities == ("Registrera",)


@pytest.mark.parametrize(("first", "bad", "why"), [
    ("4/3/2025 13:05", "31/2/2025 10:00", "there is no 31 February 2025"),
    ("4/3/2025", "13/13/2025", "there is no month 13"),
    ("2025-03-04 13:05", "2025-02-29 10:00", "there is no 29 February 2025"),
])
def test_a_date_no_calendar_has_or_an_empty_cell_is_said_so(tmp_path: Path, first, bad, why) -> None:
    # '31/2/2025 10:00' was "not a timestamp (expected the form of the first row, %d/%m/%Y ...)": its form
    path = _write(tmp_path, f"Diarienummer;Händelse;Datum\r\nA1;Registrera;{first}\r\nA1;Besluta;{bad}\r\n".encode())
    done = CliRunner().invoke(cli, ["log", "inspect", str(path)])
    assert done.exit_code == 2
    (line,) = done.output.strip().splitlines()
    assert line.startswith(f"permitflow: error: {path}:3: {bad!r} in column 'Datum' is not a timestamp: {why} (expected ")


def test_inspect_says_which_cases_may_be_open_at_the_export_and_which_have_one_event(tmp_path: Path) -> None:
    # an export taken with cases open: their first-to-last times were percentiles like any other, unsaid
    rows = [("A", "2025-01-01"), ("A", "2025-02-10"), ("B", "2025-01-11"), ("B", "2025-03-02"),
            ("C", "2025-03-12"), ("C", "2025-03-14"), ("D", "2025-03-22")]
    path = _write(tmp_path, ("Diarienummer;Händelse;Datum\r\n" + "".join(
        f"{c};Registrera;{d}\r\n" for c, d in rows)).encode())
    done = CliRunner().invoke(cli, ["log", "inspect", str(path)])
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("throughput time"))
    assert "p50 21.0" in lines[at]  # 0, 2, 40 and 50 days
    assert lines[at + 1:at + 3] == [
        "  2 cases arrived less than the median (21.0 days) before the log's last event (2025-03-22): those still "
        "open when the log was exported count with their time so far",
        "  1 case of one event: its throughput time is 0 days"]
    data = CliRunner().invoke(cli, ["log", "inspect", str(path), "--format", "json"])
    assert '"recent_cases": 2' in data.output and '"one_event_cases": 1' in data.output
