"""Case logs as Swedish case systems export them (tests/fixtures/logs/exports/, written for these tests): each read
to the instants worked out by hand here, or refused in one line naming the file, line, column and value."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from bpmn_io.caselog import GUESS, LogColumns, from_seconds
from bpmn_io.logfiles import read_log
from cli import cli
from processes.errors import InputError

EXPORTS = Path(__file__).parent.parent / "fixtures" / "logs" / "exports"
LOGS = EXPORTS.parent
T = dt.datetime


def _cases(path: Path, columns: LogColumns = GUESS) -> dict[str, list[tuple[str, dt.datetime]]]:
    """Each case's (activity, completion) in the table's order."""
    table = read_log(path, columns)[0]
    out: dict[str, list[tuple[str, dt.datetime]]] = {}
    for c, a, t in zip(table.case, table.activity, table.end, strict=True):
        out.setdefault(table.case_ids[c], []).append((table.activities[a], from_seconds(t)))
    return out


def _hours(events: list[tuple[str, dt.datetime]]) -> list[float]:
    return [(b[1] - a[1]).total_seconds() / 3600 for a, b in zip(events, events[1:], strict=False)]


def test_date_and_time_of_day_in_datum_and_tidpunkt_columns_windows_1252(tmp_path: Path) -> None:
    # Platina-like: "Datum;Tidpunkt" (13.05), Windows-1252, CRLF, a decimal-comma column. "Tidpunkt" was not taken
    # for the time of day: every event fell at midnight (BN 2026-0012 took 3 days, not 3 days 2 h 15 min)
    path = EXPORTS / "platina_cp1252.csv"
    cases = _cases(path)
    assert cases == {
        "BN 2026-0012": [("Ansökan inkommen", T(2026, 12, 1, 8, 15)), ("Komplettering begärd", T(2026, 12, 2, 13, 5)),
                         ("Beslut – bifall", T(2026, 12, 4, 10, 30))],
        "BN 2026-0013": [("Ansökan inkommen", T(2026, 12, 2, 9)), ("Beslut – bifall", T(2026, 12, 3, 14, 45))]}
    assert _hours(cases["BN 2026-0012"]) == [28 + 50 / 60, 45 + 25 / 60]
    assert _hours(cases["BN 2026-0013"]) == [29.75]
    table, stream = read_log(path)
    assert table.resources == ("", "Åsa Öberg", "Märta Ärlig")  # the letters survive Windows-1252
    assert stream.mapping_line() == ("columns: case=Diarienummer (guessed), activity=Händelse (guessed), "
                                     "timestamp=Datum (guessed), resource=Handläggare (guessed), "
                                     "time=Tidpunkt (guessed)")
    assert stream.notes == [
        "timestamps read as ISO 8601 (times such as 13.05 or kl. 13.05 as hours.minutes)",
        "6 line(s) not UTF-8, read as Windows-1252 (the first: line 1): 7 words have letters so ('Ansökan' on line 2; "
        "as the DOS code page 850 'Ans÷kan'), none reads better as code page 850; if names look wrong, save the log "
        "as UTF-8"]
    # the same bytes read as Latin-1 are the same letters (å ä ö Å Ä Ö are one byte each in both)
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(path.read_bytes().replace("–".encode("cp1252"), b"-"))
    assert read_log(latin1)[0].resources == ("", "Åsa Öberg", "Märta Ärlig")
    # a "Tidpunkt" column that writes the date again with its time is the timestamp (it was dropped, and the
    # date column's midnight read); given --timestamp Datum, the date column is what is read
    both = tmp_path / "both.csv"
    both.write_text("Ärende;Aktivitet;Datum;Tidpunkt\nA;Ansökan;2026-12-01;2026-12-01 08:15\n"
                    "A;Beslut;2026-12-03;2026-12-03 10:00\n", encoding="utf-8")
    assert _hours(_cases(both)["A"]) == [49.75]
    assert read_log(both)[1].mapping_line() == ("columns: case=Ärende (guessed), activity=Aktivitet (guessed), "
                                                "timestamp=Tidpunkt (guessed)")
    assert _hours(_cases(both, LogColumns(timestamp="Datum"))["A"]) == [48.0]


def test_a_public_360_export_with_a_bom_and_kl_times() -> None:
    cases = _cases(EXPORTS / "public360_bom.csv")
    assert cases == {
        "MBN 2026-101": [("Registrera", T(2026, 12, 7, 8, 30)), ("Utred", T(2026, 12, 7, 13, 5)),
                         ("Besluta", T(2026, 12, 10, 15, 45))],
        "MBN 2026-102": [("Registrera", T(2026, 12, 8, 9, 15)), ("Utred", T(2026, 12, 9, 10)),
                         ("Besluta", T(2026, 12, 17, 15, 45))]}
    assert _hours(cases["MBN 2026-101"]) == [4 + 35 / 60, 74 + 40 / 60]


def test_swedish_am_pm_fm_em_in_a_time_column() -> None:
    # "10:30 fm" and "1:05 em" (förmiddag, eftermiddag) were refused as no timestamp
    assert _cases(EXPORTS / "w3d3_fm_em.csv") == {"2026-0451": [
        ("Ansökan inkommen", T(2026, 12, 7, 10, 30)), ("Granskning", T(2026, 12, 7, 13, 5)),
        ("Beslut", T(2026, 12, 8, 16, 50))]}


def test_fm_em_and_zone_names_in_one_timestamp(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    for text, when in (("2026-12-07 1:05 em", T(2026, 12, 7, 13, 5)), ("7/12/2026 10:30 f.m.", T(2026, 12, 7, 10, 30)),
                       ("07.12.2026 12:00 em", T(2026, 12, 7, 12)), ("7 dec 2026 12:15 fm", T(2026, 12, 7, 0, 15)),
                       ("2026-12-07 13:05 CET", T(2026, 12, 7, 13, 5)), ("07.12.2026 13:05 +01:00", T(2026, 12, 7, 13, 5)),
                       ("7 dec. 2026 kl. 13.05 UTC", T(2026, 12, 7, 13, 5))):
        path.write_text(f"Ärende;Aktivitet;Datum\nA;Ansökan;{text}\n", encoding="utf-8")
        assert _cases(path)["A"] == [("Ansökan", when)], text
    # 13 o'clock in the afternoon, and a zone name that means different offsets in different countries: one line
    for text, said in (("2026-12-07 13:05 em", "or give --date-format)"),
                       ("2026-12-07 13:05 EST", "'EST' is not read as a time zone (CET, CEST, UTC and GMT are): "
                                                "write the offset instead, such as +01:00")):
        path.write_text(f"Ärende;Aktivitet;Datum\nA;Ansökan;{text}\n", encoding="utf-8")
        done = CliRunner().invoke(cli, ["log", "inspect", str(path)])
        assert done.exit_code == 2 and done.output.count("\n") == 1, done.output
        assert f"x.csv:2: '{text}' in column 'Datum' is not a timestamp (expected" in done.output
        assert said in done.output, done.output
        assert "1:05 em; a zone +01:00, CET, CEST or UTC" in done.output  # the forms it reads


def test_zone_names_across_both_summer_time_changes() -> None:
    # Lex-like: "02:40:00,123 CEST" then "02:10:00,500 CET" on 2026-10-25 (the repeated hour): 30 min 0.377 s
    # passed, so the second comes after the first, counted on from 02:40:00.123; in March, 01:30 CET to 03:30 CEST
    # is one hour that passed and two on the clock (the clock is kept, and the note says so)
    path = EXPORTS / "lex_zones.csv"
    table, stream = read_log(path)
    cases = _cases(path)
    assert cases["A-1"] == [("Registrera", T(2026, 10, 25, 2, 40, 0, 123000)),
                            ("Besluta", T(2026, 10, 25, 3, 10, 0, 500000))]
    assert cases["B-2"] == [("Registrera", T(2026, 3, 29, 1, 30)), ("Besluta", T(2026, 3, 29, 3, 30))]
    assert stream.notes == [
        "timestamps read as ISO 8601; their UTC offsets (CEST (+02:00), CET (+01:00)) are dropped and the local time "
        "kept, as a work calendar reads time: an interval across a change to or from summer time counts an hour more "
        "or less than passed"]
    assert table.notes[-1].startswith("1 event of 1 case(s) came after the case's previous event by their UTC offsets "
                                      "but earlier by the clock")
    assert table.n_cases == 2 and table.n_events == 4


def test_weekday_names_before_the_date_are_read_and_checked(tmp_path: Path) -> None:
    # Ciceron-like "mån 7 dec. 2026 kl. 13.05" was refused as no timestamp
    cases = _cases(EXPORTS / "ciceron_weekday.csv")
    assert cases == {"SBN 2026/88": [("Ansökan registrerad", T(2026, 12, 7, 13, 5)),
                                     ("Remiss skickad", T(2026, 12, 8, 9, 40)), ("Beslut", T(2026, 12, 11, 15))]}
    path = tmp_path / "x.csv"
    for text, when in (("måndag 7 december 2026", T(2026, 12, 7)), ("Mon, 7 Dec 2026 1:05 PM", T(2026, 12, 7, 13, 5)),
                       ("sön 2026-12-06 13.05", T(2026, 12, 6, 13, 5)), ("mån 07.12.2026", T(2026, 12, 7))):
        path.write_text(f"Ärende;Aktivitet;Datum\nA;Ansökan;{text}\n", encoding="utf-8")
        assert _cases(path)["A"] == [("Ansökan", when)], text
    # a strptime format given with its own %a reads the weekday itself (it was cut off before the format saw it)
    path.write_text("Ärende;Aktivitet;Datum\nA;Ansökan;Mon 07 Dec 2026 13:05\n", encoding="utf-8")
    assert _cases(path, LogColumns(date_format="%a %d %b %Y %H:%M"))["A"] == [("Ansökan", T(2026, 12, 7, 13, 5))]
    # a weekday that is not the date's: a wrong date, or one read in the wrong order, is one line
    path.write_text("Ärende;Aktivitet;Datum\nA;Ansökan;mån 7/12/2026\nA;Beslut;mån 12/7/2026\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_log(path)
    assert str(caught.value) == (f"{path}:3: 'mån 12/7/2026' in column 'Datum' names a Monday, but its date "
                                 "2026-07-12 (read as %d/%m/%Y) is a Sunday: correct the export, or give --date-format")


def test_day_or_month_first_is_decided_by_the_rows_and_said() -> None:
    # "12/6/2026 1:05 PM": month first, as the third row's 12/14 shows, and the note says which row
    table, stream = read_log(EXPORTS / "excel_us.csv")
    assert [from_seconds(t) for t in table.end] == [T(2026, 12, 6, 13, 5), T(2026, 12, 7, 9), T(2026, 12, 14, 16, 30)]
    assert stream.notes == ["timestamps read as %m/%d/%Y (with or without a time): month first, as line 4's "
                            "'12/14/2026 4:30 PM' shows (no month 14)"]
    # "6/12/2026" and "7/12/2026": no row tells; day first, said once with how to give the other
    table, stream = read_log(EXPORTS / "excel_undecided.csv")
    assert [from_seconds(t) for t in table.end] == [T(2026, 12, 6, 13, 5), T(2026, 12, 7, 9)]
    assert stream.notes == [
        "timestamps read as %d/%m/%Y (with or without a time), day first as in Sweden and Europe: no row tells "
        "day-first from month-first (no number above 12 before the year); if the export writes the month first (as "
        "in the US), give --date-format month-first"]
    table = read_log(EXPORTS / "excel_undecided.csv", LogColumns(date_format="month-first"))[0]
    assert [from_seconds(t) for t in table.end] == [T(2026, 6, 12, 13, 5), T(2026, 7, 12, 9)]
    # dots: day first, no note on the order
    table, stream = read_log(EXPORTS / "evolution_dots.csv")
    assert [from_seconds(t) for t in table.end] == [T(2026, 12, 6, 13, 5), T(2026, 12, 9, 8, 20)]
    assert stream.notes == ["timestamps read as %d.%m.%Y (with or without a time)"]


def test_a_decimal_comma_that_splits_a_comma_separated_row_is_refused(tmp_path: Path) -> None:
    # "13:05:00,123" unquoted in a comma-separated export: the fields after it moved one column on, and the
    # milliseconds were read as the resource ("123", "500") without a word
    path = tmp_path / "export.csv"
    path.write_text("case,activity,timestamp,resource\nA,Reg,2026-12-06 13:05:00,123,anna\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["log", "inspect", str(path)])
    assert done.exit_code == 2
    assert done.output == (f"permitflow: error: {path}:2: 5 fields, the header has 4 (a value with a decimal comma "
                           "(13:05:00,123) and no quotes around it? quote such values, or name every column in the "
                           "header)\n")
    # quoted, it is read; empty fields after the last column are no error
    path.write_text('case,activity,timestamp,resource\nA,Reg,"2026-12-06 13:05:00,123",anna,,\n', encoding="utf-8")
    table = read_log(path)[0]
    assert table.resources == ("", "anna") and from_seconds(table.end[0]) == T(2026, 12, 6, 13, 5, 0, 123000)


def test_calibrate_and_its_validation_read_a_windows_1252_export(tmp_path: Path) -> None:
    # ten cases, Windows-1252, "Datum;Tidpunkt": Registrera at 08.30, Besluta on a Thursday at 15.00; Registrera
    # to Besluta took 7 days 6.5 h (four cases), 8 d 6.5 h (two), 9 d 6.5 h (two) or 10 d 6.5 h (three): median 9.27
    path = EXPORTS / "sbk_tio_arenden_cp1252.csv"
    table = read_log(path)[0]
    assert table.n_cases == 10 and table.n_events == 40
    assert table.period() == (T(2026, 11, 2, 8, 30), T(2026, 11, 27, 9))
    out = tmp_path / "p.yaml"
    done = CliRunner().invoke(cli, ["calibrate", str(LOGS / "tiny.yaml"), str(path), "-o", str(out),
                                    "--profile", str(LOGS / "tiny_profile.yaml"),
                                    "--mapping", str(LOGS / "tiny_mapping.yaml"), "--validate", "--replications", "2"])
    assert done.exit_code == 0, done.output
    assert "log: sbk_tio_arenden_cp1252.csv: 10 cases, 40 events, 2026-11-02 to 2026-11-27" in done.output
    assert "legal clock: Registrera (Task_Registrera) -> Besluta (Task_Beslut): median 9.3 days over 10 cases" in done.output
    # held out: the last 3 cases, whose Registrera-to-Utskick times are 8.02, 11.02 and 10.02 days
    assert "held out the next 3 cases (arrived 2026-11-12 to 2026-11-17" in done.output
    assert "p50: 10.0 |" in done.output and "p10: 8.4 |" in done.output  # days to one decimal (the JSON keeps 10.02)
    assert "time=Tidpunkt (guessed)" in done.output
    page = (tmp_path / "p.validation.html").read_text(encoding="utf-8")
    assert "sbk_tio_arenden_cp1252.csv" in page


def test_a_time_column_beside_dates_that_have_spaces_of_their_own(tmp_path: Path) -> None:
    # "6 dec. 2026;13.05": the date's spaces were taken for a time already there, the Tid column was dropped and
    # every event fell at midnight, without a word
    path = tmp_path / "excel.csv"
    path.write_text("sep=;\nÄrende;Aktivitet;Datum;Tid\nA;Ansökan;mån 7 dec. 2026;13.05\nA;Beslut;tis 8 dec. 2026;1:05 em\n"
                    "B;Ansökan;7 dec. 2026;9.30\n", encoding="utf-8-sig")
    cases = _cases(path)
    assert cases == {"A": [("Ansökan", T(2026, 12, 7, 13, 5)), ("Beslut", T(2026, 12, 8, 13, 5))],
                     "B": [("Ansökan", T(2026, 12, 7, 9, 30))]}
    assert _hours(cases["A"]) == [24.0]
    path.write_text("Ärende;Aktivitet;Datum;Tid\nA;Ansökan;mån 07.12.2026;08.15\n", encoding="utf-8")
    assert _cases(path)["A"] == [("Ansökan", T(2026, 12, 7, 8, 15))]
    # dates with their time already keep it, the column is left (and not named)
    path.write_text("Ärende;Aktivitet;Datum;Tid\nA;Ansökan;7 dec. 2026 kl. 13.05;2h\n", encoding="utf-8")
    table, stream = read_log(path)
    assert from_seconds(table.end[0]) == T(2026, 12, 7, 13, 5) and "time=" not in stream.mapping_line()
    # an Excel serial number beside its time is still named as one
    path.write_text("Ärende;Aktivitet;Datum;Tid\nA;Ansökan;46363;13:05\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"excel\.csv:2: '46363 13:05' in column 'Datum \+ Tid' is not a timestamp "
                                         r"\(expected .*; it looks like Excel's date serial number"):
        read_log(path)


def test_cet_on_a_summer_date_is_read_as_written_and_said_once(tmp_path: Path) -> None:
    # some exports label every time CET: read as +01:00 as written (the local time is kept either way), but what
    # it means in summer is not known, so the first such line is named once; CEST on a winter date the same
    path = tmp_path / "x.csv"
    path.write_text("Ärende;Aktivitet;Datum\nA;Ansökan;2026-03-29 01:30 CET\nA;Utred;2026-06-01 13:05 CET\n"
                    "A;Beslut;2026-06-02 09:00 CET\n", encoding="utf-8")
    table, stream = read_log(path)
    assert [from_seconds(t) for t in table.end] == [T(2026, 3, 29, 1, 30), T(2026, 6, 1, 13, 5), T(2026, 6, 2, 9)]
    assert stream.notes == [
        "timestamps read as ISO 8601; line 3's '2026-06-01 13:05 CET' names CET on a date when Swedish clocks are on "
        "CEST: read as written (+01:00), the local time kept; if the export writes CET all year, its offsets cannot "
        "order two events of October's repeated hour"]
    path.write_text("Ärende;Aktivitet;Datum\nA;Ansökan;7 dec. 2026 kl. 13.05 CEST\n", encoding="utf-8")
    assert read_log(path)[1].notes[0].endswith("names CEST on a date when Swedish clocks are on CET: read as written "
                                               "(+02:00), the local time kept; if the export writes CEST all year, "
                                               "its offsets cannot order two events of October's repeated hour")
    # in season (lex_zones.csv: both changes), nothing is said of it
    assert "Swedish clocks" not in read_log(EXPORTS / "lex_zones.csv")[1].notes[0]


def test_two_columns_that_fit_one_role_are_said(tmp_path: Path) -> None:
    # Public 360-like exports carry "Ärendenummer" and "Diarienummer", "Händelse" and "Aktivitet": one of each was
    # taken without a word on the other
    path = tmp_path / "x.csv"
    path.write_text("Ärendenummer;Diarienummer;Händelse;Aktivitet;Datum;Handläggare;Status\n"
                    "MBN 2026-101;MBN 2026-101:1;Inkommen;Registrera;2026-12-07 08:30;Åke;Öppen\n", encoding="utf-8")
    table, stream = read_log(path)
    assert table.case_ids == ("MBN 2026-101",) and table.activities == ("Registrera",)
    assert stream.notes[1:] == [
        "column 'Ärendenummer' read as the case (guessed); 'Diarienummer' would fit too: give --case NAME to read "
        "another",
        "column 'Aktivitet' read as the activity (guessed); 'Händelse' would fit too: give --activity NAME to read "
        "another"]
    # given, nothing is said of it
    given = LogColumns(case="Diarienummer", activity="Händelse")
    table, stream = read_log(path, given)
    assert table.case_ids == ("MBN 2026-101:1",) and table.activities == ("Inkommen",)
    assert stream.notes == ["timestamps read as ISO 8601"]


def test_a_diarium_number_is_the_case_before_a_column_named_arende(tmp_path: Path) -> None:
    # "Diarienummer;Ärende;..." with Ärende the matter ("Bygglov"): 'Ärende' was read as the case, and a year's
    # building permits were one case
    path = tmp_path / "diarium.csv"
    path.write_text("Diarienummer;Ärende;Händelse;Datum;Handläggare\n"
                    "BN 2026-1;Bygglov;Registrera;2026-12-07 08:30;Åke\n"
                    "BN 2026-2;Bygglov;Registrera;2026-12-07 09:30;Åke\n", encoding="utf-8")
    table, stream = read_log(path)
    assert table.case_ids == ("BN 2026-1", "BN 2026-2")
    assert "column 'Diarienummer' read as the case (guessed); 'Ärende' would fit too: give --case NAME to read " \
           "another" in stream.notes


def test_a_column_read_whose_name_is_given_twice_is_said(tmp_path: Path) -> None:
    # "Datum;Datum" (registered, decided): the first was read without a word on the second
    path = tmp_path / "twice.csv"
    path.write_text("Diarienummer;Händelse;Datum;Datum\nBN 1;Registrera;2026-12-07 08:30;2027-01-07 08:30\n",
                    encoding="utf-8")
    table, stream = read_log(path)
    assert [str(from_seconds(t)) for t in table.end] == ["2026-12-07 08:30:00"]
    assert ("2 columns are named 'Datum' (columns 3, 4): the first is read as the timestamp; rename the others in "
            "the header, or remove them") in stream.notes


def test_start_and_slut_columns_are_read_as_the_start_and_the_completion(tmp_path: Path) -> None:
    # "Start;Slut", as a Swedish export names an activity's two times: "Start" was guessed as the start and
    # "Slut" not as the completion, so the log was refused ("no column for the timestamp")
    path = tmp_path / "start_slut.csv"
    path.write_text("\ufeffDiarienummer;Händelse;Handläggare;Start;Slut\n"
                    "SBN-1;Diarieför ansökan;Åke;3/1/2025 08.00;3/1/2025 08.14\n"
                    "SBN-1;Granska ansökan;Åke;13/1/2025 09.00;13/1/2025 10.30\n", encoding="utf-8")
    table, _ = read_log(path)
    assert [str(from_seconds(t)) for t in table.start] == ["2025-01-03 08:00:00", "2025-01-13 09:00:00"]
    assert [str(from_seconds(t)) for t in table.end] == ["2025-01-03 08:14:00", "2025-01-13 10:30:00"]
