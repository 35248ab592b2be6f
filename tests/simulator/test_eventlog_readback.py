"""permitflow's own event logs, CSV and XES, read back in order: activity instances listed by start, whose
parallel steps end in another order, get no "out of time order" note; the same listed backwards do."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lxml import etree
from simmodels import end, par, proc, replay_params, run, start, task

from bpmn_io.logfiles import read_log
from simulator.eventlog import to_csv, to_xes

START = dt.date(2025, 1, 6)
OUT_OF_ORDER = "out of time order"
XES = "{http://www.xes-standard.org/}"


def _parallel_result():
    # A waits 2 days while B (1 hour) and then C (1 day) run beside it: by start B, A, C, D (B and A start
    # together, the shorter first); by end B, C, A, D
    p = proc([start("S"), par("G"), task("A"), task("B"), task("C"), par("J"), task("D"), end("E")],
             "S>G G>A G>B B>C A>J C>J J>D D>E", {"Lane_A": ["B", "D"]})
    return run(p, replay_params("    A: {delay: 2d}\n    B: {duration: 1h}\n    C: {delay: 1d}\n"
                                "    D: {duration: 30m}", dates="[2025-01-06, 2025-01-13]"))


def _notes(path: Path) -> list[str]:
    table, _ = read_log(path)
    return list(table.notes)


def test_the_simulators_csv_lists_steps_by_start_and_reads_back_without_the_note(tmp_path: Path) -> None:
    text = to_csv(_parallel_result(), START)
    rows = text.splitlines()
    assert [r.split(",")[1] for r in rows[1:5]] == ["B", "A", "C", "D"]  # by start: A ends after C
    path = tmp_path / "log.csv"
    path.write_text(text, encoding="utf-8")
    notes = _notes(path)
    assert not any(OUT_OF_ORDER in note for note in notes), notes


def test_its_rows_listed_backwards_get_the_note(tmp_path: Path) -> None:
    header, *rows = to_csv(_parallel_result(), START).splitlines()
    path = tmp_path / "backwards.csv"
    path.write_text("\n".join([header, *reversed(rows)]) + "\n", encoding="utf-8")
    said = [note for note in _notes(path) if OUT_OF_ORDER in note]
    # each case's D (lines 2 and 6) comes first, and its C, A and B each started and ended before D
    assert said == ["2 of 2 cases list events out of time order in the file (6 row(s); the first: line 3, "
                    "earlier than line 2 of its case): they are taken in time order"]


def test_a_completion_only_log_is_in_order_by_its_completions(tmp_path: Path) -> None:
    # without a start column a row is its completion: by completion B, C, A is in order, A, B, C is not
    by_end = "case;activity;timestamp\n1;B;2025-01-06 01:00\n1;C;2025-01-07 01:00\n1;A;2025-01-08 00:00\n"
    by_start = "case;activity;timestamp\n1;A;2025-01-08 00:00\n1;B;2025-01-06 01:00\n1;C;2025-01-07 01:00\n"
    (tmp_path / "by_end.csv").write_text(by_end, encoding="utf-8")
    (tmp_path / "by_start.csv").write_text(by_start, encoding="utf-8")
    assert not any(OUT_OF_ORDER in note for note in _notes(tmp_path / "by_end.csv"))
    assert any(OUT_OF_ORDER in note for note in _notes(tmp_path / "by_start.csv"))


def test_the_simulators_xes_reads_back_without_the_note(tmp_path: Path) -> None:
    path = tmp_path / "log.xes"
    path.write_bytes(to_xes(_parallel_result(), START))
    notes = _notes(path)
    assert not any(OUT_OF_ORDER in note for note in notes), notes


def test_its_traces_listed_backwards_get_the_note_and_the_same_instances(tmp_path: Path) -> None:
    data = to_xes(_parallel_result(), START)
    root = etree.fromstring(data)
    for trace in root.iter(f"{XES}trace"):
        events = [child for child in trace if child.tag == f"{XES}event"]
        for event in events:
            trace.remove(event)
        trace.extend(reversed(events))
    (tmp_path / "log.xes").write_bytes(data)
    (tmp_path / "backwards.xes").write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    table, _ = read_log(tmp_path / "backwards.xes")
    # per trace 8 events, D's completion first: C's, A's and B's instances (listed by their completions,
    # events 3, 5 and 7 of the first trace) each started and ended before D
    assert [note for note in table.notes if OUT_OF_ORDER in note] == [
        "2 of 2 cases list events out of time order in the file (6 activity instance(s); the first: event 3, "
        "earlier than event 1 of its case): they are taken in time order"]
    ordered, _ = read_log(tmp_path / "log.xes")
    assert (list(table.activity), list(table.start), list(table.end)) == (
        list(ordered.activity), list(ordered.start), list(ordered.end))
