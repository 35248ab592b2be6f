"""One Swedish case log saved as UTF-8 (with and without BOM), Windows-1252, Latin-1 and the DOS code pages 850 and
437 (Excel's "CSV (MS-DOS)", older case systems): each read to the same table, the code page said in a note; a file
whose bytes do not tell Windows-1252 from code page 850 is read as Windows-1252, and the note says so."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from refusals import refused

from bpmn_io.caselog import LogTable
from bpmn_io.logfiles import read_log
from cli import cli

LOGS = Path(__file__).parent.parent / "fixtures" / "logs"

SWEDISH = ("Ärendenummer;Händelse;Datum;Handläggare\r\n"
           "BN 2026-1;Registrera;2026-11-02 08:30;Åsa Öberg\r\n"
           "BN 2026-1;Begär komplettering;2026-11-02 10:00;Åsa Öberg\r\n"
           "BN 2026-1;Komplettering inkommen;2026-11-09 09:00;\r\n"
           "BN 2026-1;Utred;2026-11-10 13:05;Hélène Åström\r\n"
           "BN 2026-1;Besluta;2026-11-19 15:00;Märta Ärlig\r\n"
           "BN 2026-2;Registrera;2026-11-03 08:45;Örjan Ström\r\n"
           "BN 2026-2;Utred;2026-11-04 11:00;Örjan Ström\r\n"
           "BN 2026-2;Besluta;2026-11-12 15:00;Märta Ärlig\r\n"
           "BN 2026-3;Registrera;2026-11-04 09:10;Åsa Öberg\r\n"
           "BN 2026-3;Utred;2026-11-05 14:00;Hélène Åström\r\n"
           "BN 2026-3;Besluta;2026-11-26 15:00;Märta Ärlig\r\n")

DOS_NOTE = ("11 line(s) not UTF-8, read as the DOS code page 850 (the first: line 1), as Excel's \"CSV (MS-DOS)\" and "
            "older case systems save: 20 words have Swedish letters so ('Händelse' on line 1; as Windows-1252 "
            "'H„ndelse'), none reads better as Windows-1252; if names look wrong, save the log as UTF-8")
WINDOWS_NOTE = ("11 line(s) not UTF-8, read as Windows-1252 (the first: line 1): 11 words have letters so "
                "('Ärendenummer' on line 1; as the DOS code page 850 '─rendenummer'), none reads better as code page "
                "850; if names look wrong, save the log as UTF-8")


def _write(tmp_path: Path, encoding: str, text: str = SWEDISH) -> Path:
    path = tmp_path / f"arenden_{encoding}.csv"
    path.write_bytes(text.encode(encoding))
    return path


def _same(a: LogTable, b: LogTable) -> None:
    assert (a.case_ids, a.activities, a.resources, a.elements) == (b.case_ids, b.activities, b.resources, b.elements)
    for name in ("case", "activity", "resource", "element", "end", "where"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert np.array_equal(a.start, b.start, equal_nan=True)


@pytest.mark.parametrize(("encoding", "note"), [
    ("utf-8", None), ("utf-8-sig", None), ("cp1252", WINDOWS_NOTE), ("latin-1", WINDOWS_NOTE),
    ("cp850", DOS_NOTE), ("cp437", DOS_NOTE)])
def test_one_swedish_log_in_each_encoding_reads_to_the_same_table(tmp_path: Path, encoding: str,
                                                                  note: str | None) -> None:
    # code page 850 was read as Windows-1252: the header came out 'Žrendenummer', 'H„ndelse', 'Handl„ggare' and
    # was refused, and with the columns given every name was garbled ("Beslut fattat av n„mnden")
    expected, _ = read_log(_write(tmp_path, "utf-8"))
    assert expected.resources == ("", "Åsa Öberg", "Hélène Åström", "Märta Ärlig", "Örjan Ström")
    assert expected.activities == ("Registrera", "Begär komplettering", "Komplettering inkommen", "Utred", "Besluta")
    table, stream = read_log(_write(tmp_path, encoding))
    _same(table, expected)
    assert stream.mapping_line() == ("columns: case=Ärendenummer (guessed), activity=Händelse (guessed), "
                                     "timestamp=Datum (guessed), resource=Handläggare (guessed)")
    assert stream.notes == ["timestamps read as ISO 8601"] + ([note] if note else [])


def test_bytes_that_do_not_tell_the_code_page_are_read_as_windows_1252_with_a_note(tmp_path: Path) -> None:
    # no word tells: ä and å inside a word are letters in both (Windows-1252 ä å, code page 850 õ Õ), and code page
    # 850's Ä (0x8E) is Windows-1252's Ž: read as Windows-1252 as before, and the note says the bytes did not tell
    head = "Arende;Aktivitet;Datum;Handlaggare\n"
    path = tmp_path / "oklar.csv"
    path.write_bytes(head.encode() + "A;Registrera;2026-11-02;Märta Karlsson\nA;Besluta;2026-11-03;Hans Håkansson\n"
                     .encode("cp1252"))
    table, stream = read_log(path)
    assert table.resources == ("", "Märta Karlsson", "Hans Håkansson")
    assert stream.notes[-1] == ("2 line(s) not UTF-8, read as Windows-1252 (the first: line 2), the default: no "
                                "word's bytes tell it from the DOS code page 850 (Excel's \"CSV (MS-DOS)\"); if names "
                                "look wrong, save the log as UTF-8")
    path.write_bytes(head.encode() + "A;Registrera;2026-11-02;Per Ärlig\n".encode("cp850"))
    table, stream = read_log(path)
    assert table.resources == ("", "Per Žrlig")  # not silently: the note says the code page was not told
    assert "the default: no word's bytes tell it from the DOS code page 850" in stream.notes[-1]
    # the words point both ways (a code page 850 line, a Windows-1252 one): Windows-1252, and the note names both
    path.write_bytes(head.encode() + "A;Registrera;2026-11-02;Märta Ärlig\n".encode("cp850")
                     + "A;Besluta;2026-11-03;Örjan Ström\n".encode("cp1252"))
    table, stream = read_log(path)
    assert table.resources == ("", "M„rta Žrlig", "Örjan Ström")
    assert stream.notes[-1] == ("2 line(s) not UTF-8, read as Windows-1252 (the first: line 2), the default: the "
                                "bytes point both ways (1 word reads as letters only in Windows-1252, such as 'Ström' "
                                "on line 3; 1 only in the DOS code page 850, such as 'Märta' on line 2); if names "
                                "look wrong, save the log as UTF-8")


def test_a_header_refused_says_how_its_bytes_were_read(tmp_path: Path) -> None:
    # a header whose bytes do not tell the code page came out 'Žrende' and was refused without a word on the bytes
    path = tmp_path / "oklar.csv"
    path.write_bytes("Ärende;Aktivitet;Datum\nA;Registrera;2026-11-02\n".encode("cp850"))
    error = refused(read_log, path)
    assert str(error) == (
        f"{path}:1: no column for the case (the header has 'Žrende', 'Aktivitet', 'Datum'; give --case NAME); 1 "
        "line(s) not UTF-8, read as Windows-1252 (the first: line 1), the default: no word's bytes tell it from the DOS "
        "code page 850 (Excel's \"CSV (MS-DOS)\"); if names look wrong, save the log as UTF-8")


def test_words_further_down_that_point_the_other_way_are_said(tmp_path: Path) -> None:
    # the code page is chosen on the first 256 KiB after the first line not UTF-8; a Windows-1252 line below that
    # in a code page 850 file is read as code page 850, and the note says so
    path = tmp_path / "lang.csv"
    rows = "".join(f"A{i};Registrera;2026-11-02\n" for i in range(12000))
    path.write_bytes("Ärende;Händelse;Datum\n".encode("cp850") + rows.encode() + "B;Ansökan;2026-11-03\n"
                     .encode("cp1252"))
    table, stream = read_log(path)
    assert table.activities == ("Registrera", "Ans÷kan")
    assert stream.notes[-1] == ("2 line(s) not UTF-8, read as the DOS code page 850 (the first: line 1), as Excel's "
                                "\"CSV (MS-DOS)\" and older case systems save: 1 word has Swedish letters so "
                                "('Händelse' on line 1; as Windows-1252 'H„ndelse'), none reads better as "
                                "Windows-1252; further down, 1 word reads better as Windows-1252 (the first: "
                                "'Ansökan' on line 12002); if names look wrong, save the log as UTF-8")


def test_log_inspect_and_calibrate_read_code_page_850_as_they_read_utf8(tmp_path: Path) -> None:
    utf8, dos = _write(tmp_path, "utf-8"), _write(tmp_path, "cp850")
    runner = CliRunner()
    said = {}
    for path in (utf8, dos):
        done = runner.invoke(cli, ["log", "inspect", str(path)])
        assert done.exit_code == 0, done.output
        said[path] = done.output.replace(str(path), "LOG")
    assert said[dos] == said[utf8] + f"note: {DOS_NOTE}\n"
    assert "Hélène Åström" in said[dos] and "Begär komplettering" in said[dos]
    written = {}
    for path in (utf8, dos):
        out = tmp_path / f"{path.stem}.yaml"
        done = runner.invoke(cli, ["calibrate", str(LOGS / "tiny.yaml"), str(path), "-o", str(out),
                                   "--profile", str(LOGS / "tiny_profile.yaml"),
                                   "--mapping", str(LOGS / "tiny_mapping.yaml")])
        assert done.exit_code == 0, done.output
        said[path] = done.output.replace(str(out), "OUT").replace(path.name, "LOG")
        written[path] = out.read_text(encoding="utf-8").replace(path.name, "LOG")
    assert said[dos].replace(f"note: {DOS_NOTE}\n", "") == said[utf8]
    assert f"note: {DOS_NOTE}\n" in said[dos]
    assert "Begär komplettering -> Begär komplettering (Task_Begar)  (same name)" in said[dos]
    assert written[dos] == written[utf8]


def test_a_latin1_export_reads_as_latin1_and_a_windows_sign_beside_an_undefined_byte_survives(
        tmp_path: Path) -> None:
    """Windows-1252 is right for a Latin-1 (ISO-8859-1) export: the two differ only in 0x80-0x9F, where
    Latin-1 has control characters no text holds, so every letter of Latin-1 (0xC0-0xFF but × and ÷: å ä ö,
    é, ü, ø ...) reads as Latin-1 reads it, and the note is one line. Found by QA: a line holding one of the
    five bytes Windows-1252 leaves undefined (0x81 here) was read whole as Latin-1, so its ’ and – became
    control characters."""
    letters = bytes(b for b in range(0xC0, 0x100) if b not in (0xD7, 0xF7))
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"case;activity;timestamp\n1;Registrera " + letters + b";2026-11-02\n"
                     b"1;Beslut \x96 \x92bifall\x92 \x81;2026-11-03\n")
    table, stream = read_log(path)
    assert table.activities == ("Registrera " + letters.decode("latin-1"), "Beslut – ’bifall’ \x81")
    assert "\n" not in stream.notes[-1]
    assert stream.notes[-1].startswith("2 line(s) not UTF-8, read as Windows-1252 (the first: line 2)")
