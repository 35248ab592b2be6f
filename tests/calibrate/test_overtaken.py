"""A delay ends where the step the model makes wait for it began, when the log shows that step
completing first (:func:`calibrate.observe.released`).

The model: Start -> A -> parallel B | C -> join -> D -> End. The log has dates only (every
timestamp at midnight), so every step is fitted as calendar delay from its enabling.

- case c1: A day 0, B day 2, D day 4, C day 6. D did not wait for C (it completed first). D was
  enabled by B (day 2, the only one of its predecessors done before it), so C held D up until
  day 2 at most: C's delay is 2 days (enabled by A on day 0), not 6.
- case c2: A day 0, B day 1, C day 3, D day 5: the model's order; C's delay is 3 days.

C: (2 + 3) / 2 = 2.5 days = 60 hours (the full spans would give (6 + 3) / 2 = 4.5 days, and a
simulated c1 would take max(B 2, C 6) + D 2 = 8 days where the log's case took 6). B: 2 and 1
days; D: 4 - 2 = 2 and 5 - 3 = 2 days.
"""

from __future__ import annotations

import numpy as np
import pytest
from onelane import one_lane

from bpmn_io.caselog import LogRecord, table_from_records
from calibrate.core import calibrate
from calibrate.mapping import map_activities
from calibrate.observe import observe, released
from processes.model import Definitions, Event, Gateway, Task

P = "Process_Join"
DAY = 86400.0
START = 20000 * DAY  # a Monday at midnight (1970 + 20000 days), any date will do


def _model() -> Definitions:
    nodes = [Event(id="Start", position="start", parent=P), Task(id="Task_A", name="A", parent=P),
             Gateway(id="Gw_Split", gateway_kind="parallel", parent=P),
             Task(id="Task_B", name="B", parent=P), Task(id="Task_C", name="C", parent=P),
             Gateway(id="Gw_Join", gateway_kind="parallel", parent=P),
             Task(id="Task_D", name="D", parent=P), Event(id="End", position="end", parent=P)]
    edges = [("Start", "Task_A"), ("Task_A", "Gw_Split"), ("Gw_Split", "Task_B"), ("Gw_Split", "Task_C"),
             ("Task_B", "Gw_Join"), ("Task_C", "Gw_Join"), ("Gw_Join", "Task_D"), ("Task_D", "End")]
    return one_lane(P, "Join", nodes, edges)


CASES = {"c1": (("A", 0), ("B", 2), ("D", 4), ("C", 6)), "c2": (("A", 0), ("B", 1), ("C", 3), ("D", 5))}


def _log():
    records, where = [], 0
    for i, (case, events) in enumerate(CASES.items()):
        for activity, day in events:
            where += 1
            records.append(LogRecord(case, activity, float("nan"), START + (10 * i + day) * DAY, f"p{where}", "",
                                     where))
    return table_from_records(records, source="join.csv")


def test_a_step_overtaken_by_its_successor_is_released_where_the_successor_began() -> None:
    defs, table = _model(), _log()
    obs = observe(defs.process(), table, map_activities(defs, table))
    begin = np.where(np.isnan(obs.enabled), table.end, obs.enabled)
    out = released(obs, begin)
    days = {(table.case_ids[table.case[i]], table.activities[table.activity[i]]): (out[i] - START) / DAY - 10 * c
            for i, c in zip(range(table.n_events), table.case, strict=True)}
    # D began on day 2 (after B) and completed before C: C is released on day 2; the others at their completion
    assert [days[("c1", a)] for a in "ABDC"] == pytest.approx([0, 2, 4, 2])
    assert [days[("c2", a)] for a in "ABCD"] == pytest.approx([0, 1, 3, 5])  # the model's order: unchanged


def test_calibrated_delays_count_the_overtaken_time_once() -> None:
    defs, table = _model(), _log()
    report = calibrate(defs, table, map_activities(defs, table), log_name="join.csv").report
    d = report["durations"]
    assert {v["kind"] for v in d.values()} == {"delay"}  # dates only
    assert d["Task_C"]["sample_mean_hours"] == pytest.approx(60.0)  # (2 + 3) / 2 days
    assert d["Task_C"]["overtaken"] == 1
    assert d["Task_B"]["sample_mean_hours"] == pytest.approx(36.0)  # (2 + 1) / 2 days
    assert d["Task_D"]["sample_mean_hours"] == pytest.approx(48.0)  # 2 and 2 days
    assert "overtaken" not in d["Task_B"] and "overtaken" not in d["Task_D"]


def test_a_long_case_is_released_as_a_plain_loop_over_its_rows_says() -> None:
    """A case of 700 rows (more than one block of rows at a time) against the definition, row by row."""
    rng = np.random.default_rng(1)
    ends = np.sort(rng.integers(0, 10**6, 700)) * 60.0
    table = table_from_records([LogRecord("c", "ABCD"[rng.integers(4)], float("nan"), float(t), "r", "", i)
                                for i, t in enumerate(ends)], source="long.csv")
    defs = _model()
    obs = observe(defs.process(), table, map_activities(defs, table))
    begin = np.where(np.isnan(obs.enabled), table.end, obs.enabled)
    successors = {"A": "BC", "B": "D", "C": "D", "D": ""}
    name = [table.activities[a] for a in table.activity]
    expected = table.end.copy()
    for i in range(table.n_events):
        began = [begin[j] for j in range(table.n_events)
                 if name[j] in successors[name[i]] and begin[i] < table.end[j] < table.end[i]]
        if began:
            expected[i] = min(table.end[i], max(begin[i], min(began)))
    out = released(obs, begin)
    assert np.array_equal(out, expected)
    assert 0 < np.count_nonzero(out < table.end) < table.n_events
