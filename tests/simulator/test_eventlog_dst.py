"""Event logs across the changes to and from summer time. The engine counts hours without a time zone
(README, known limits: daylight-saving time is ignored), so its logs must keep every interval as simulated:
the CSV writes local wall-clock times without an offset, the XES the same times marked UTC (a time zone
without summer time, so that a tool that converts them counts the same intervals). Read back, the hour
that does not exist in Stockholm (30 March 2025, 02:00-03:00) and the hour that happens twice
(26 October 2025, 02:00-03:00) keep their wall-clock times and every duration.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from lxml import etree
from simmodels import end, proc, replay_params, run, start, task

from bpmn_io.caselog import from_seconds
from bpmn_io.logfiles import read_log
from simulator.eventlog import to_csv, to_xes

START = dt.date(2025, 1, 6)
XES = "{http://www.xes-standard.org/}"


def _result():
    # cases at 00:30 on Saturday 29 March and Saturday 25 October 2025: the police answer after 26 hours, at
    # 02:30 on the Sunday of the change; the registry's reply follows an hour later, at 03:30
    p = proc([start("S"), task("Polis"), task("Svar"), end("E")], "S>Polis Polis>Svar Svar>E")
    return run(p, replay_params("    Polis: {delay: 26h}\n    Svar: {delay: 1h}",
                                dates="[2025-03-29, 2025-10-25]", at="00:30"))


@pytest.mark.parametrize("kind", ["csv", "xes"])
def test_the_hours_around_the_changes_to_summer_time_read_back_as_simulated(tmp_path: Path,
                                                                            kind: str) -> None:
    result = _result()
    path = tmp_path / f"log.{kind}"
    if kind == "csv":
        path.write_text(to_csv(result, START), encoding="utf-8")
    else:
        path.write_bytes(to_xes(result, START))
    table, _ = read_log(path)
    ends = sorted(from_seconds(s) for s in table.end)
    assert ends == [dt.datetime(2025, 3, 30, 2, 30), dt.datetime(2025, 3, 30, 3, 30),
                    dt.datetime(2025, 10, 26, 2, 30), dt.datetime(2025, 10, 26, 3, 30)]
    durations = sorted(np.round((table.end - table.start) / 3600, 9))
    assert durations == [1.0, 1.0, 26.0, 26.0]  # no hour lost in March, none gained in October


def test_the_xes_marks_its_times_utc_and_the_intervals_hold_as_instants() -> None:
    log = etree.fromstring(to_xes(_result(), START))
    stamps = [dt.datetime.fromisoformat(e.get("value")) for e in log.iter(f"{XES}date")]
    assert all(s.utcoffset() == dt.timedelta(0) for s in stamps)
    # as instants (what a tool computes), each activity's end minus its start is what was simulated
    pairs = list(zip(stamps[0::2], stamps[1::2], strict=True))
    assert sorted((b - a).total_seconds() / 3600 for a, b in pairs) == [1.0, 1.0, 26.0, 26.0]
