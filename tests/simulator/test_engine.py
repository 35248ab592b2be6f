"""The engine as a whole: calendars, decisions at meetings, delegation, the legal clock,
reproducibility and common random numbers. Hand-computed expectations.

Hour 0 is Monday 2025-01-06 00:00.
"""

from __future__ import annotations

import math
import pickle

from simmodels import end, proc, replay_params, run, start, task, throw, trace

from simulator.engine import simulate

OFFICE = """
    office:
      hours: {mon: "08:00-16:00", tue: "08:00-16:00", wed: "08:00-16:00", thu: "08:00-16:00", fri: "08:00-16:00"}
      holidays: none
"""
CLERK = "    clerk: {count: 1, calendar: office, cost_per_hour: 600, lanes: [Lane_C]}"


def decision_params(delegation: str, *, dates: str, at: str) -> object:
    return replay_params(
        "    Beslut: {}", dates=dates, at=at, calendars=OFFICE, pools=CLERK,
        extra=f"""  decision:
    element: Beslut
    delegation: {delegation}
    bodies:
      committee:
        meetings: {{dates: [2025-01-20, 2025-02-03, 2025-02-17], at: "13:00"}}
        agenda_cutoff: 10d
      officer: {{pool: officer, duration: 1h}}
    after_meeting: {{dist: fixed, value: 1d}}
  clock: {{start: Komplett, stop: E, deadline: 4mo, extension: 4mo}}
""")


DECISION = proc([start("S"), throw("Komplett"), task("Beslut"), end("E")], "S>Komplett Komplett>Beslut Beslut>E")


def test_work_pauses_outside_the_calendar() -> None:
    # 3 h of work started Friday 15:00 on an 08-16 calendar: 1 h on Friday, 2 h on Monday -> Monday 10:00.
    p = proc([start("S"), task("T"), end("E")], "S>T T>E", {"Lane_C": ["T"]})
    r = run(p, replay_params("    T: {duration: 3h}", dates="[2025-01-10]", at="15:00", calendars=OFFICE, pools=CLERK))
    friday_15, monday_10 = 4 * 24 + 15.0, 7 * 24 + 10.0
    assert trace(r) == [("T", friday_15, friday_15, monday_10)]
    assert (r.activities[0].resource, r.activities[0].work) == ("clerk", 3.0)


def test_work_waits_for_the_calendar_to_open() -> None:
    # Ready Saturday 09:00: the clerk starts Monday 08:00.
    p = proc([start("S"), task("T"), end("E")], "S>T T>E", {"Lane_C": ["T"]})
    r = run(p, replay_params("    T: {duration: 2h}", dates="[2025-01-11]", at="09:00", calendars=OFFICE, pools=CLERK))
    assert trace(r) == [("T", 5 * 24 + 9.0, 7 * 24 + 8.0, 7 * 24 + 10.0)]


def test_committee_decides_at_the_meeting_after_next_when_the_cutoff_was_missed() -> None:
    # Meeting 2025-01-20 13:00 has its agenda cut-off 10 days earlier, 2025-01-10 13:00.
    # Ready 2025-01-12 13:00 (two days late) -> meeting 2025-02-03 13:00, decision one day later.
    r = run(DECISION, decision_params("committee", dates="[2025-01-12]", at="13:00"))
    ready, meeting = 6 * 24 + 13.0, 28 * 24 + 13.0
    assert trace(r) == [("Beslut", ready, meeting, meeting + 24.0)]
    case = r.cases[0]
    assert (case.complete, case.decision) == (ready, meeting + 24.0)


def test_cases_on_one_agenda_are_decided_together() -> None:
    r = run(DECISION, decision_params("committee", dates="[2025-01-07, 2025-01-09, 2025-01-12]", at="13:00"))
    assert [(m.body, m.time, m.cases) for m in r.meetings] == [
        ("committee", 14 * 24 + 13.0, (0, 1)), ("committee", 28 * 24 + 13.0, (2,))]


def test_delegation_to_the_officer_is_ordinary_work() -> None:
    r = run(DECISION, decision_params("officer", dates="[2025-01-12]", at="13:00"))
    ready = 6 * 24 + 13.0
    assert trace(r) == [("Beslut", ready, ready, ready + 1.0)]
    assert r.activities[0].resource == "officer" and r.meetings == ()


def test_the_same_seed_gives_identical_records_byte_for_byte() -> None:
    p = proc([start("S"), task("T"), end("E")], "S>T T>E", {"Lane_A": ["T"]})
    prm = replay_params("    T: {duration: {dist: lognormal, mean: 3h, sd: 1h}}",
                        dates="[2025-01-06, 2025-01-06, 2025-01-07, 2025-01-08]")
    a, b, c = (simulate(p, prm, seed=s) for s in (5, 5, 6))
    dump = lambda r: pickle.dumps((r.cases, r.activities, r.intervals, r.meetings))  # noqa: E731
    assert dump(a) == dump(b)
    assert dump(a) != dump(c)


def test_common_random_numbers_across_a_scenario_change() -> None:
    # More officers change waits, not the applications or the work each one needs.
    from pathlib import Path

    from bpmn_io.profile import apply_overrides, profile_from_data, read_profile
    from bpmn_io.reader import read_bpmn

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "sim"
    process = read_bpmn(fixtures / "mm1.bpmn").process()
    raw = read_profile(fixtures / "mm1.yaml").raw
    one = profile_from_data(apply_overrides(raw, {"simulation.cases": 300})).simulation
    two = profile_from_data(apply_overrides(raw, {"simulation.cases": 300, "simulation.pools.server.count": 2})).simulation
    r1, r2 = simulate(process, one, seed=11), simulate(process, two, seed=11)
    assert [c.arrival for c in r1.cases] == [c.arrival for c in r2.cases]
    work = lambda r: sorted((a.case, a.work) for a in r.activities)  # noqa: E731
    assert work(r1) == work(r2)
    assert sum(a.start - a.enable for a in r2.activities) < sum(a.start - a.enable for a in r1.activities)


def test_legal_clock_runs_from_complete_to_decision() -> None:
    r = run(DECISION, decision_params("officer", dates="[2025-01-12]", at="13:00"))
    case = r.cases[0]
    assert case.decision - case.complete == 1.0 and not math.isnan(case.end)
