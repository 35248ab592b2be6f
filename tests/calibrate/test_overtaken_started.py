"""Where the log shows start times, a delay overtaken by its successor keeps the time the case waited for it
(:func:`calibrate.observe.released`; qareleased).

The model: Start -> Answer -> Visit -> Compile -> End, as a model discovered from a case log may place a
referral answer before a site visit that in fact runs beside it. The answer is an outside party's (no one
named: a calendar delay); the visit and the compiling are the officer's work, each with its logged start.
Every case: the answer sent at hour 0 and come at hour 100, the visit from hour 40 to 42 (it did not wait for
the answer).

- case c1: Compile starts at hour 110, after the answer came: the case waited for the answer past the visit,
  and the answer then visit, one after the other as the model has them, reach hour 110 from a release at
  100 - 2 = 98 (the old rule released it at the visit's start, 40, and the simulated case reached Compile 58
  hours early);
- case c2: Compile starts at hour 50, before the answer came: the case went on without it, so the answer held
  the case up until 50 - 2 = 48 at most;
- case c3: nothing after the visit (the log was exported): the case was not past both before the answer came:
  98, as c1.

A log without start times keeps the release at the successor's begin (test_overtaken.py, and its long case
against the plain definition): an estimated start is an enabling the model gives and cannot show the case
waiting for a step that is not its predecessor.
"""

from __future__ import annotations

import numpy as np
import pytest
from onelane import one_lane

from bpmn_io.caselog import LogRecord, table_from_records
from calibrate.core import calibrate
from calibrate.mapping import map_activities
from calibrate.observe import observe, released
from processes.model import Definitions, Event, Task

P = "Process_Visit"
HOUR = 3600.0
START = 20000 * 86400.0  # a Monday at midnight (1970 + 20000 days)

# activity -> (start hour, end hour, who) per case; the cases 1,000 hours apart
CASES = {"c1": (("Answer", 0, 100, "none"), ("Visit", 40, 42, "anna"), ("Compile", 110, 113, "anna")),
         "c2": (("Answer", 0, 100, "none"), ("Visit", 40, 42, "anna"), ("Compile", 50, 53, "anna")),
         "c3": (("Answer", 0, 100, "none"), ("Visit", 40, 42, "anna"))}


def _model() -> Definitions:
    nodes = [Event(id="Start", position="start", parent=P), Task(id="Task_Answer", name="Answer", parent=P),
             Task(id="Task_Visit", name="Visit", parent=P), Task(id="Task_Compile", name="Compile", parent=P),
             Event(id="End", position="end", parent=P)]
    edges = [("Start", "Task_Answer"), ("Task_Answer", "Task_Visit"), ("Task_Visit", "Task_Compile"),
             ("Task_Compile", "End")]
    return one_lane(P, "Visit", nodes, edges)


def _log(started: bool = True):
    records, where = [], 0
    for i, (case, rows) in enumerate(CASES.items()):
        for activity, begin, end, who in sorted(rows, key=lambda r: r[1]):
            where += 1
            base = START + 1000 * i * HOUR
            records.append(LogRecord(case, activity, base + begin * HOUR if started else float("nan"),
                                     base + end * HOUR, who, "", where))
    return table_from_records(records, source="visit.csv")


def _released_hours(table) -> dict[str, float]:
    defs = _model()
    obs = observe(defs.process(), table, map_activities(defs, table))
    begin = np.where(obs.starts.estimated, obs.enabled, obs.starts.start)
    begin = np.where(np.isnan(begin), table.end, begin)
    out = released(obs, begin)
    return {table.case_ids[table.case[i]]: (out[i] - START) / HOUR - 1000 * table.case[i]
            for i in range(table.n_events) if table.activities[table.activity[i]] == "Answer"}


def test_an_answer_the_case_waited_for_past_the_visit_keeps_its_completion_less_the_visit() -> None:
    assert _released_hours(_log()) == pytest.approx({"c1": 98.0, "c2": 48.0, "c3": 98.0})


def test_the_fitted_answer_counts_the_time_the_case_waited_for_it() -> None:
    table = _log()
    defs = _model()
    d = calibrate(defs, table, map_activities(defs, table), log_name="visit.csv").report["durations"]
    assert d["Task_Answer"]["kind"] == "delay"  # no one named: an outside party's
    assert d["Task_Answer"]["sample_mean_hours"] == pytest.approx((98 + 48 + 98) / 3)
    assert d["Task_Answer"]["overtaken"] == 3
