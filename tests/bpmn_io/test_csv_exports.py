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
