"""October's repeated hour (Sweden: 2024-10-27, 03:00 back to 02:00): with UTC offsets in the text a case's events
are ordered by the instant; without them the log cannot tell, and a note names the case and its rows."""

from __future__ import annotations

from pathlib import Path

from bpmn_io.caselog import from_seconds
from bpmn_io.logfiles import read_log


def _csv(tmp_path: Path, rows: list[str], header: str = "Ärende;Aktivitet;Datum") -> Path:
    path = tmp_path / "export.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _clock(seconds: float) -> str:
    return from_seconds(seconds).strftime("%H:%M")


def test_offsets_order_a_case_by_the_instant(tmp_path: Path) -> None:
    # Beslut at 02:10+01:00 came 30 minutes after Granska at 02:40+02:00; it was put before it (by the clock)
    path = _csv(tmp_path, ["A;Registrera;2024-10-27T01:50:00+02:00", "A;Granska;2024-10-27T02:40:00+02:00",
                           "A;Beslut;2024-10-27T02:10:00+01:00", "A;Expediera;2024-10-27T08:00:00+01:00"])
    table, _ = read_log(path)
    assert [table.activities[a] for a in table.activity] == ["Registrera", "Granska", "Beslut", "Expediera"]
    assert [_clock(t) for t in table.end] == ["01:50", "02:40", "03:10", "08:00"]  # 30 minutes passed, not -30
    assert not any("out of time order" in note for note in table.notes)  # the file lists them as they happened
    assert sum("by their UTC offsets but earlier by the clock" in note for note in table.notes) == 1


def test_a_start_before_the_change_and_its_end_after_it_are_twenty_minutes(tmp_path: Path) -> None:
    # 02:50+02:00 to 02:10+01:00: refused as "an activity ends before it starts"
    path = _csv(tmp_path, ["A;Granska;2024-10-27T02:30:00+02:00;2024-10-27T02:40:00+02:00",
                           "A;Beslut;2024-10-27T02:50:00+02:00;2024-10-27T02:10:00+01:00"],
                header="Ärende;Aktivitet;Start;Datum")
    table, _ = read_log(path)
    assert table.activities[table.activity[1]] == "Beslut"
    assert table.end[1] - table.start[1] == 20 * 60.0
    assert table.end[1] >= table.end[0]


def test_xes_pairs_a_start_and_its_completion_across_the_change(tmp_path: Path) -> None:
    # the start event was left out ("1 start event without a matching complete") and Beslut came before Granska
    event = ('<event><string key="concept:name" value="{0}"/><string key="lifecycle:transition" value="{1}"/>'
             '<date key="time:timestamp" value="{2}"/></event>')
    events = [("Granska", "complete", "2024-10-27T02:40:00+02:00"), ("Beslut", "start", "2024-10-27T02:50:00+02:00"),
              ("Beslut", "complete", "2024-10-27T02:10:00+01:00")]
    path = tmp_path / "log.xes"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0" '
                    'xmlns="http://www.xes-standard.org/"><trace><string key="concept:name" value="A"/>'
                    + "".join(event.format(*e) for e in events) + "</trace></log>\n", encoding="utf-8")
    table, _ = read_log(path)
    assert [table.activities[a] for a in table.activity] == ["Granska", "Beslut"]
    assert table.end[1] - table.start[1] == 20 * 60.0
    assert not any("without a matching complete" in note for note in table.notes)


def test_without_offsets_the_note_names_the_case_and_its_rows(tmp_path: Path) -> None:
    # nothing was said: the clock order was taken as if it were known
    rows = ["A;Registrera;2024-10-27 01:50", "A;Granska;2024-10-27 02:40", "A;Beslut;2024-10-27 02:10",
            "B;Registrera;2024-10-27 02:20", "C;Registrera;2024-10-20 02:10", "C;Granska;2024-10-20 02:40"]
    table, _ = read_log(_csv(tmp_path, rows))
    said = [note for note in table.notes if "Swedish clocks go through twice" in note]
    assert said == [
        "2 events of 1 case(s) fall in 02:00-03:00 on the day summer time ends, the hour Swedish clocks go through "
        "twice, and carry no UTC offset: the log cannot tell which of a case's events there came first, and they are "
        "taken in clock order (the first: case 'A' on 2024-10-27, lines 3 and 4); an export with offsets (+02:00, "
        "+01:00) is ordered as it happened"]
    # one event of a case in that hour, or two a week earlier: nothing to tell
    table, _ = read_log(_csv(tmp_path, rows[3:]))
    assert not [note for note in table.notes if "Swedish clocks" in note]
