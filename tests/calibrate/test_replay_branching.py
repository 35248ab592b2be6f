"""Branch and loop shares by token replay, the passes guard of the counting by marks, and the
arrival rate's level-shift rule.

The model: Start -> A -> (merge) -> parallel B | C -> join -> Gw_Again: back to the merge, or D -> End.
Four cases repeat the parallel block 0, 0, 1 and 2 times: Gw_Again is passed 1 + 1 + 2 + 3 = 7
times and goes back 3 times, so its 'back' share is 3/7. Counting by marks cannot tell: the
rows before Gw_Again are B's and C's, two per pass (a parallel join), and 'back' has no step
of its own.
"""

from __future__ import annotations

import numpy as np
import pytest

from bpmn_io.caselog import LogRecord, table_from_records
from calibrate import fits
from calibrate.core import calibrate
from calibrate.mapping import map_activities
from calibrate.observe import observe
from calibrate.replay import replay_counts, replayable
from processes.model import Definitions, Event, FrozenMap, Gateway, Lane, LaneSet, Process, SequenceFlow, Task

P = "Process_Loop"
DAY = 86400.0


def _model() -> Definitions:
    nodes = [Event(id="Start", position="start", parent=P), Task(id="Task_A", name="A", parent=P),
             Gateway(id="Gw_Merge", gateway_kind="exclusive", parent=P),
             Gateway(id="Gw_Split", gateway_kind="parallel", parent=P),
             Task(id="Task_B", name="B", parent=P), Task(id="Task_C", name="C", parent=P),
             Gateway(id="Gw_Join", gateway_kind="parallel", parent=P),
             Gateway(id="Gw_Again", gateway_kind="exclusive", parent=P),
             Task(id="Task_D", name="D", parent=P), Event(id="End", position="end", parent=P)]
    edges = [("Start", "Task_A"), ("Task_A", "Gw_Merge"), ("Gw_Merge", "Gw_Split"), ("Gw_Split", "Task_B"),
             ("Gw_Split", "Task_C"), ("Task_B", "Gw_Join"), ("Task_C", "Gw_Join"), ("Gw_Join", "Gw_Again"),
             ("Gw_Again", "Gw_Merge"), ("Gw_Again", "Task_D"), ("Task_D", "End")]
    flows = {f"Flow_{a}_{b}": SequenceFlow(id=f"Flow_{a}_{b}", source=a, target=b) for a, b in edges}
    lane = Lane(id="Lane_Staff", name="Staff", flow_node_refs=tuple(n.id for n in nodes))
    process = Process(id=P, name="Loop", nodes=FrozenMap({n.id: n for n in nodes}), flows=FrozenMap(flows),
                      lane_sets=(LaneSet(id="LaneSet_1", lanes=(lane,), parent=P),))
    return Definitions(id="Defs_Loop", processes=(process,))


TRACES = {"c1": "ABCD", "c2": "ACBD", "c3": "ABCCBD", "c4": "ABCBCCBD"}


def _log():
    records, where = [], 0
    for i, (case, trace) in enumerate(TRACES.items()):
        for j, activity in enumerate(trace):
            where += 1
            t = (10 * i + j) * DAY + 9 * 3600.0
            records.append(LogRecord(case, activity, t - 3600.0, t, "anna", "", where))
    return table_from_records(records, source="loop.csv")


def test_the_model_replays_and_counts_each_loop_pass() -> None:
    defs, table = _model(), _log()
    mapping = map_activities(defs, table)
    assert set(mapping.element.values()) == {"Task_A", "Task_B", "Task_C", "Task_D"}
    assert replayable(defs.process())
    counts = replay_counts(defs.process(), observe(defs.process(), table, mapping))
    assert counts is not None
    assert counts["Flow_Gw_Again_Gw_Merge"].tolist() == [0, 0, 1, 2]
    assert counts["Flow_Gw_Again_Task_D"].tolist() == [1, 1, 1, 1]


def test_calibrate_writes_the_replayed_share() -> None:
    defs, table = _model(), _log()
    report = calibrate(defs, table, map_activities(defs, table), log_name="loop.csv").report
    fit = report["branching"]["Gw_Again"]
    assert fit["probabilities"] == {"Flow_Gw_Again_Gw_Merge": pytest.approx(3 / 7, abs=1e-4),
                                    "Flow_Gw_Again_Task_D": pytest.approx(4 / 7, abs=1e-4)}
    assert fit["passes"] == 7
    assert fit["counted_by"]["Flow_Gw_Again_Task_D"] == ("token replay",)


def test_marks_do_not_count_passes_through_a_parallel_join() -> None:
    defs, table = _model(), _log()
    obs = observe(defs.process(), table, map_activities(defs, table))
    assert "Gw_Again" not in fits.fit_branching(defs.process(), obs)  # B's and C's rows are two per pass


def _steady(per_year: float, years: float, start: float = 0.0) -> np.ndarray:
    return start + np.arange(int(per_year * years)) * (365.25 * DAY / per_year)


def test_arrivals_keep_the_whole_logs_rate_when_the_last_year_agrees() -> None:
    fit = fits.fit_arrivals(_steady(200, 3))
    assert fit.per_year == pytest.approx(200, rel=0.01)
    assert fit.whole_log is None


def test_arrivals_take_the_last_years_rate_after_a_level_shift() -> None:
    # 300 a year for two years, then 150 a year: the last year's interval [127, 176] excludes the whole 250
    early = _steady(300, 2)
    fit = fits.fit_arrivals(np.concatenate([early, _steady(150, 1, start=early[-1] + 365.25 * DAY / 150)]))
    assert fit.per_year == pytest.approx(150, abs=2)
    assert fit.whole_log is not None and fit.whole_log[0] == pytest.approx(250, rel=0.01)


def test_discovery_writes_the_same_model_every_time() -> None:
    """pm4py names its gateways by random ids; the model's ids come from its structure instead."""
    from bpmn_io.writer import to_bpmn_bytes
    from calibrate.discover import discover_model

    table = _log()
    first, second = (to_bpmn_bytes(discover_model(table, min_frequency=0.5, noise=0.0).defs) for _ in range(2))
    assert b"Gw_" in first
    assert first == second


def _busy_log(*, with_starts: bool):
    """40 cases, two a day, one person; each step a week after the one before, so a person's
    estimated starts (her previous completion) tile her days: work that would need about twice
    her hours at the log's arrival rate (2.0 when measured)."""
    records, where = [], 0
    for i in range(40):
        for j, activity in enumerate("ABCD"):
            where += 1
            t = (i // 2) * DAY + (9 + 3 * (i % 2) + j % 3) * 3600.0 + j * 7 * DAY
            records.append(LogRecord(f"c{i}", activity, t - 1800.0 if with_starts else float("nan"), t, "anna", "",
                                     where))
    return table_from_records(records, source="busy.csv")


def test_estimated_work_that_would_overload_its_pool_becomes_calendar_delay() -> None:
    defs, table = _model(), _busy_log(with_starts=False)
    result = calibrate(defs, table, map_activities(defs, table), log_name="busy.csv")
    assert result.report["capacity"]["staff_Lane_Staff"]["utilisation"] > 1.5
    assert {d["kind"] for d in result.report["durations"].values()} == {"delay"}
    assert "would keep pool staff_Lane_Staff busy" in result.profile["simulation"]["elements"]["Task_B"]["note"]


def test_work_the_log_gives_start_times_for_stays_work() -> None:
    defs, table = _model(), _busy_log(with_starts=True)
    report = calibrate(defs, table, map_activities(defs, table), log_name="busy.csv").report
    assert report["capacity"] == {}
    assert {d["kind"] for d in report["durations"].values()} == {"work"}
    assert 0 < report["durations"]["Task_B"]["mean_hours"] <= 0.5  # the half hours given, inside the calendar


def test_replay_skips_the_search_no_count_reads_and_fires_the_same(monkeypatch) -> None:
    # pm4py ends each variant's replay by searching what the final marking could reach through silent
    # transitions (enabled_transitions_in_marking): half of compare's CPU on BPIC15, and never read here
    from pm4py.algo.conformance.tokenreplay.variants import token_replay
    from pm4py.objects.petri_net.utils import align_utils

    from calibrate.replay import petri_net

    calls = []
    search = align_utils.get_visible_transitions_eventually_enabled_by_marking

    def counted(net, marking):
        calls.append(marking)
        return search(net, marking)

    monkeypatch.setattr(align_utils, "get_visible_transitions_eventually_enabled_by_marking", counted)
    defs, table = _model(), _log()
    process = defs.process()
    obs = observe(process, table, map_activities(defs, table))
    counts = replay_counts(process, obs)
    assert calls == [] and token_replay.align_utils is align_utils  # not searched; the module as it was
    # pm4py's own replay of the same net (the search included) fires the same flows
    from pm4py.objects.log.obj import Event as LogEvent
    from pm4py.objects.log.obj import EventLog, Trace

    net, im, fm = petri_net(process, set(obs.elements))
    log = EventLog([Trace([LogEvent({"concept:name": f"Task_{a}"}) for a in trace]) for trace in TRACES.values()])
    full = token_replay.apply(log, net, im, fm, parameters={token_replay.Parameters.SHOW_PROGRESS_BAR: False})
    assert len(calls) == len(set(TRACES.values()))  # once per variant
    for flow, per_case in counts.items():
        assert per_case.tolist() == [sum(t.name == f"flow:{flow}" for t in r["activated_transitions"]) for r in full]


def test_replays_in_two_threads_leave_pm4py_as_it_was() -> None:
    # the swap of pm4py's module attribute was not guarded: a replay that began while another ran saved the
    # stand-in as "real" and put it back when it ended after the first, so pm4py kept it for good
    import threading

    from pm4py.algo.conformance.tokenreplay.variants import token_replay
    from pm4py.objects.petri_net.utils import align_utils

    from calibrate import replay

    gates = [(threading.Event(), threading.Event()) for _ in range(2)]

    def hold(entered: threading.Event, release: threading.Event) -> None:
        with replay.without_reachable_at_the_end(token_replay):
            entered.set()
            release.wait(10)

    threads = [threading.Thread(target=hold, args=gate) for gate in gates]
    threads[0].start()
    assert gates[0][0].wait(10)
    threads[1].start()
    gates[1][0].wait(0.3)  # with the guard the second waits for the first to end
    gates[0][1].set()  # the first ends first
    threads[0].join(10)
    assert gates[1][0].wait(10)
    gates[1][1].set()
    threads[1].join(10)
    assert token_replay.align_utils is align_utils
    defs, table = _model(), _log()
    process = defs.process()
    obs = observe(process, table, map_activities(defs, table))
    assert replay_counts(process, obs) is not None and token_replay.align_utils is align_utils


def test_an_unnamed_element_is_mapped_by_the_id_permitflows_own_log_names_it_by() -> None:
    # the simulator names an unnamed element's events by its id: a log without the element column listed a
    # boundary timer "Timer_Paminnelse" as unmapped ("give them in --mapping"), beside its named twin ignored
    defs = _model()
    process = defs.process()
    nodes = dict(process.nodes)
    nodes["Task_D"] = Task(id="Task_D", name="", parent=P)
    nodes["Timer_B"] = Event(id="Timer_B", position="boundary", attached_to="Task_B", parent=P)
    defs = Definitions(id="Defs_Loop", processes=(Process(id=P, name="Loop", nodes=FrozenMap(nodes),
                                                          flows=process.flows, lane_sets=process.lane_sets),))
    records = [LogRecord("c1", activity, float("nan"), float(i) * DAY, "anna", "", i + 1)
               for i, activity in enumerate(["A", "B", "Timer_B", "C", "Task_D"])]
    mapping = map_activities(defs, table_from_records(records, source="own.csv"))
    assert mapping.boundary == {"Timer_B": "Timer_B"}
    assert mapping.how["Timer_B"] == "ignored (a boundary event: when it fires is its timer in the profile)"
    assert (mapping.element["Task_D"], mapping.how["Task_D"]) == ("Task_D", "same name (the id of an unnamed step)")
    assert mapping.unmapped == ()
