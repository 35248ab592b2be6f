"""A step no row of which names who did it, in a log that names people for the others, is an external wait (a
referral's answer): fitted as a calendar delay, not as the pool's work, though the log gives its start.

Found by QA (2026-12-07): `discover` of a Swedish export with start times put every step in one lane, fitted
the five referral answers (three weeks each, no one named) as 108 hours of the staff's work each, and a
simulation of the discovered model decided no case in a year.
"""

from __future__ import annotations

import pytest
from onelane import one_lane

from bpmn_io.caselog import LogRecord, table_from_records
from calibrate.core import calibrate
from calibrate.mapping import map_activities
from processes.model import Definitions, Event, Task

P = "Process_Remiss"
HOUR, DAY = 3600.0, 86400.0
FRIDAY = 20000 * DAY  # 1970 + 20000 days: Friday 2024-10-04


def _model() -> Definitions:
    nodes = [Event(id="Start", position="start", parent=P), Task(id="Task_Remiss", name="Skicka remiss",
                                                                 parent=P),
             Task(id="Task_Svar", name="Remissvar", parent=P), Task(id="Task_Beslut", name="Beslut",
                                                                    parent=P),
             Event(id="End", position="end", parent=P)]
    edges = [("Start", "Task_Remiss"), ("Task_Remiss", "Task_Svar"), ("Task_Svar", "Task_Beslut"),
             ("Task_Beslut", "End")]
    return one_lane(P, "Remiss", nodes, edges)


def _log():
    """Six cases a week apart: the referral sent on a Friday 09:00-09:30 by Åke, answered 14 days later at
    10:00 (no one named; its start is the sending), decided that day 13:00-14:00 by Åke."""
    records, where = [], 0
    for i in range(6):
        day0 = FRIDAY + 7 * i * DAY
        for activity, start, end, who in (("Skicka remiss", day0 + 9 * HOUR, day0 + 9.5 * HOUR, "Åke"),
                                          ("Remissvar", day0 + 9.5 * HOUR, day0 + 14 * DAY + 10 * HOUR, ""),
                                          ("Beslut", day0 + 14 * DAY + 13 * HOUR, day0 + 14 * DAY + 14 * HOUR,
                                           "Åke")):
            where += 1
            records.append(LogRecord(f"c{i}", activity, start, end, who, "", where))
    return table_from_records(records, source="remiss.csv")


def test_a_step_no_one_is_named_for_is_a_calendar_delay() -> None:
    defs, table = _model(), _log()
    fitted = calibrate(defs, table, map_activities(defs, table), log_name="remiss.csv")
    d = fitted.report["durations"]
    assert d["Task_Svar"]["kind"] == "delay"
    # 09:30 to 10:00 two weeks later
    assert d["Task_Svar"]["sample_mean_hours"] == pytest.approx(14 * 24 + 0.5)
    assert d["Task_Remiss"]["kind"] == "work" and d["Task_Beslut"]["kind"] == "work"
    assert d["Task_Remiss"]["sample_mean_hours"] == pytest.approx(0.5)
    assert "an external wait, not work" in fitted.profile["simulation"]["elements"]["Task_Svar"]["note"]
