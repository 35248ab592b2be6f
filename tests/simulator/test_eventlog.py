"""Event logs from records: CSV text and XES read back by pm4py."""

from __future__ import annotations

import csv
import datetime as dt
import io

from simmodels import end, proc, replay_params, run, start, task

from simulator.eventlog import to_csv, to_xes

START = dt.date(2025, 1, 6)


def result():
    p = proc([start("S"), task("A", name="Granska"), task("B"), end("E")], "S>A A>B B>E", {"Lane_A": ["A"]})
    return run(p, replay_params("    A: {duration: 90m}\n    B: {delay: 1d}", dates="[2025-01-06, 2025-01-07]"))


def test_csv_has_one_row_per_activity_with_iso_times() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(result(), START))))
    assert [(r["case_id"], r["activity"], r["resource"], r["start"], r["end"]) for r in rows] == [
        ("0", "Granska", "officer", "2025-01-06T00:00:00", "2025-01-06T01:30:00"),
        ("0", "B", "", "2025-01-06T01:30:00", "2025-01-07T01:30:00"),
        ("1", "Granska", "officer", "2025-01-07T00:00:00", "2025-01-07T01:30:00"),
        ("1", "B", "", "2025-01-07T01:30:00", "2025-01-08T01:30:00"),
    ]


def test_xes_reads_back_in_pm4py_with_the_same_cases_and_activities(tmp_path) -> None:
    import pm4py

    path = tmp_path / "log.xes"
    path.write_bytes(to_xes(result(), START))
    log = pm4py.read_xes(str(path))
    assert sorted(set(log["case:concept:name"])) == ["0", "1"]
    assert sorted(log["concept:name"]) == ["B"] * 4 + ["Granska"] * 4
    assert sorted(set(log["lifecycle:transition"])) == ["complete", "start"]
    first = log[(log["case:concept:name"] == "0") & (log["concept:name"] == "Granska")]
    stamps = sorted(t.isoformat() for t in first["time:timestamp"])
    assert stamps == ["2025-01-06T00:00:00+00:00", "2025-01-06T01:30:00+00:00"]
