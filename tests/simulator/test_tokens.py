"""BPMN token semantics through the engine, one construct per test, with exact times.

Every case arrives at hour 0 (Monday 2025-01-06 00:00); pool ``officer`` has two
members on a 24/7 calendar, so work takes exactly its duration unless the test
says otherwise.
"""

from __future__ import annotations

from collections import Counter

import pytest
from simmodels import (
    boundary,
    end,
    error_end,
    evgw,
    inc,
    message,
    par,
    proc,
    replay_params,
    run,
    start,
    sub,
    task,
    terminate,
    timer,
    trace,
    xor,
)

from processes.errors import SimulationError
from processes.model import StandardLoop, SubProcess
from simulator.compiler import check_executable
from simulator.tokens import parse_iso_duration

MANY = "[" + ", ".join(["2025-01-06"] * 400) + "]"


def test_iso_durations() -> None:
    assert parse_iso_duration("P14D") == 336.0
    assert parse_iso_duration("PT2H30M") == 2.5
    assert parse_iso_duration("P1W") == 168.0
    with pytest.raises(SimulationError, match="not an ISO 8601 duration"):
        parse_iso_duration("14 days")


def test_sequence_of_work_and_delay() -> None:
    p = proc([start("S"), task("A"), task("B"), end("E")], "S>A A>B B>E", {"Lane_A": ["A"]})
    r = run(p, replay_params("    A: {duration: 90m}\n    B: {delay: 2d}"))
    assert trace(r) == [("A", 0.0, 0.0, 1.5), ("B", 1.5, 1.5, 49.5)]
    assert (r.cases[0].end, r.cases[0].outcome) == (49.5, "E")


def test_parallel_split_and_join_waits_for_both() -> None:
    p = proc([start("S"), par("G1"), task("B"), task("C"), par("G2"), task("D"), end("E")],
             "S>G1 G1>B G1>C B>G2 C>G2 G2>D D>E", {"Lane_A": ["B", "C"]})
    r = run(p, replay_params("    B: {duration: 2h}\n    C: {delay: 5h}"))
    assert trace(r) == [("B", 0.0, 0.0, 2.0), ("C", 0.0, 0.0, 5.0), ("D", 5.0, 5.0, 5.0)]


def test_exclusive_split_follows_probabilities() -> None:
    p = proc([start("S"), xor("X"), task("B"), task("C"), end("E1"), end("E2")],
             "S>X X>B X>C B>E1 C>E2")
    r = run(p, replay_params("    X: {probabilities: {X_B: 0.3, X_C: 0.7}}", dates=MANY))
    n_b = sum(1 for a in r.activities if a.element == "B")
    # binomial(400, 0.3): mean 120, sd 9.2; 4 sd
    assert abs(n_b - 120) < 4 * 9.2
    assert Counter(c.outcome for c in r.cases) == {"E1": n_b, "E2": 400 - n_b}


def test_inclusive_join_does_not_wait_for_a_branch_not_taken() -> None:
    p = proc([start("S"), inc("I1"), task("B"), task("C"), inc("I2"), task("D"), end("E")],
             "S>I1 I1>B I1>C B>I2 C>I2 I2>D D>E")
    only_b = run(p, replay_params("    I1: {probabilities: {I1_B: 1.0}}\n    B: {delay: 2h}\n    C: {delay: 10h}"))
    assert trace(only_b) == [("B", 0.0, 0.0, 2.0), ("D", 2.0, 2.0, 2.0)]
    both = run(p, replay_params("    I1: {probabilities: {I1_B+I1_C: 1.0}}\n    B: {delay: 2h}\n    C: {delay: 10h}"))
    assert trace(both) == [("B", 0.0, 0.0, 2.0), ("C", 0.0, 0.0, 10.0), ("D", 10.0, 10.0, 10.0)]


def test_inclusive_join_waits_for_a_branch_spawned_in_the_same_instant() -> None:
    # B takes no time: its token reaches the join before C's token has run at all.
    p = proc([start("S"), inc("I1"), task("B"), task("C"), inc("I2"), task("D"), end("E")],
             "S>I1 I1>B I1>C B>I2 C>I2 I2>D D>E")
    r = run(p, replay_params("    I1: {probabilities: {I1_B+I1_C: 1.0}}\n    C: {delay: 4h}"))
    assert trace(r) == [("B", 0.0, 0.0, 0.0), ("C", 0.0, 0.0, 4.0), ("D", 4.0, 4.0, 4.0)]


def test_inclusive_join_fires_when_the_other_token_can_no_longer_reach_it() -> None:
    # C's token leaves through X to E2: once it has passed X the join stops waiting for it.
    p = proc([start("S"), inc("I1"), task("B"), task("C"), xor("X"), inc("I2"), task("D"), end("E"), end("E2")],
             "S>I1 I1>B I1>C B>I2 C>X X>I2 X>E2 I2>D D>E")
    r = run(p, replay_params("    I1: {probabilities: {I1_B+I1_C: 1.0}}\n    X: {probabilities: {X_I2: 0.0, X_E2: 1.0}}"
                             "\n    B: {delay: 2h}\n    C: {delay: 10h}"))
    assert trace(r) == [("B", 0.0, 0.0, 2.0), ("C", 0.0, 0.0, 10.0), ("D", 10.0, 10.0, 10.0)]
    assert r.cases[0].end == 10.0


def test_event_based_gateway_is_a_race_won_by_the_first_event() -> None:
    p = proc([start("S"), evgw("G"), timer("T", "P1D"), message("M"), task("A"), task("B"), end("E1"), end("E2")],
             "S>G G>T G>M T>A M>B A>E1 B>E2")
    r = run(p, replay_params("    M: {delay: 5h}"))
    assert trace(r) == [("M", 0.0, 0.0, 5.0), ("B", 5.0, 5.0, 5.0)]
    assert r.cases[0].outcome == "E2"


def test_timer_catch_duration_and_date() -> None:
    p = proc([start("S"), timer("T1", "PT2H"), timer("T2", "2025-01-08T12:00:00", kind="timeDate"), end("E")],
             "S>T1 T1>T2 T2>E")
    r = run(p, replay_params())
    assert trace(r) == [("T1", 0.0, 0.0, 2.0), ("T2", 2.0, 2.0, 60.0)]


def test_interrupting_boundary_timer_cancels_the_activity() -> None:
    p = proc([start("S"), task("A"), boundary("BT", "A", timer_text="PT3H"), task("H"), end("E1"), end("E2")],
             "S>A A>E1 BT>H H>E2", {"Lane_A": ["A"]})
    r = run(p, replay_params("    A: {duration: 10h}"))
    rows = sorted((a.element, a.start, a.end, a.work, a.cancelled) for a in r.activities)
    assert rows == [("A", 0.0, 3.0, 3.0, True), ("BT", 3.0, 3.0, 0.0, False), ("H", 3.0, 3.0, 0.0, False)]
    assert r.cases[0].outcome == "E2"


def test_non_interrupting_boundary_timer_spawns_a_reminder_path() -> None:
    p = proc([start("S"), task("A"), boundary("BT", "A", timer_text="R3/P7D", kind="timeCycle", interrupting=False),
              task("R"), end("E1"), end("E2")], "S>A A>E1 BT>R R>E2")
    r = run(p, replay_params("    A: {delay: 20d}"))
    assert [(e, s) for e, _, s, _ in trace(r) if e == "R"] == [("R", 168.0), ("R", 336.0)]
    assert r.cases[0].end == 480.0


def test_embedded_subprocess_runs_its_own_flow() -> None:
    p = proc([start("S"), sub("Sub"), start("SS", "Sub"), task("T1", "Sub"), end("SE", "Sub"), end("E")],
             "S>Sub Sub>E SS>T1 T1>SE")
    r = run(p, replay_params("    T1: {delay: 3h}"))
    assert trace(r) == [("Sub", 0.0, 0.0, 3.0), ("T1", 0.0, 0.0, 3.0)]
    assert r.cases[0].outcome == "E"


def test_terminate_end_ends_the_whole_case() -> None:
    p = proc([start("S"), par("G"), task("B"), task("C"), terminate("T"), end("E")],
             "S>G G>B G>C B>T C>E", {"Lane_A": ["C"]})
    r = run(p, replay_params("    B: {delay: 2h}\n    C: {duration: 10h}"))
    assert (r.cases[0].end, r.cases[0].outcome) == (2.0, "T")
    assert [(a.element, a.end, a.cancelled) for a in r.activities if a.element == "C"] == [("C", 2.0, True)]


def test_error_end_in_subprocess_is_caught_by_the_error_boundary() -> None:
    p = proc([start("S"), sub("Sub"), start("SS", "Sub"), task("T1", "Sub"), error_end("EE", "Sub"),
              boundary("BE", "Sub", error="Err"), task("H"), end("E1"), end("E2")],
             "S>Sub Sub>E1 SS>T1 T1>EE BE>H H>E2")
    r = run(p, replay_params("    T1: {delay: 1h}"))
    assert r.cases[0].outcome == "E2"
    assert ("H", 1.0, 1.0, 1.0) in trace(r)


def test_parallel_multi_instance_shares_the_pool() -> None:
    p = proc([start("S"), task("A", mi="3"), end("E")], "S>A A>E", {"Lane_A": ["A"]})
    r = run(p, replay_params("    A: {duration: 2h}"))  # two officers: two instances at once, then the third
    assert trace(r) == [("A", 0.0, 0.0, 2.0), ("A", 0.0, 0.0, 2.0), ("A", 0.0, 2.0, 4.0)]
    assert r.cases[0].end == 4.0


def test_sequential_multi_instance_and_standard_loop() -> None:
    p = proc([start("S"), task("A", mi="3", sequential=True), task("B", loop_max=2), end("E")],
             "S>A A>B B>E", {"Lane_A": ["A"]})
    r = run(p, replay_params("    A: {duration: 2h}\n    B: {delay: 1h}"))
    assert [(e, s, t) for e, _, s, t in trace(r)] == [
        ("A", 0.0, 2.0), ("A", 2.0, 4.0), ("A", 4.0, 6.0), ("B", 6.0, 7.0), ("B", 7.0, 8.0)]


def test_cardinality_from_the_model() -> None:
    p = proc([start("S"), task("A", mi="5"), end("E")], "S>A A>E")
    r = run(p, replay_params("    A: {delay: 1h}"))
    # by hand: five parallel instances of A, each a 1-hour delay (no pool to wait for) from the arrival at hour 0
    assert trace(r) == [("A", 0.0, 0.0, 1.0)] * 5
    assert (r.cases[0].outcome, r.cases[0].end) == ("E", 1.0)


def test_loop_through_a_gateway_respects_loop_max() -> None:
    # A supplement request: back to A with probability 0.9, at most 3 executions of A per case.
    p = proc([start("S"), task("A"), xor("X"), end("E")], "S>A A>X X>A X>E")
    r = run(p, replay_params("    A: {delay: 1h, loop: {max: 3}}\n    X: {probabilities: {X_A: 0.9, X_E: 0.1}}",
                             dates=MANY))
    per_case = Counter(a.case for a in r.activities if a.element == "A")
    assert max(per_case.values()) == 3
    assert len(r.cases) == 400 and all(c.outcome == "E" for c in r.cases)


@pytest.mark.parametrize("nodes,flows,elements,expected", [
    ([start("S"), xor("X"), end("E1"), end("E2")], "S>X X>E1 X>E2", "",
     r"'X': exclusive gateway needs `probabilities:` for its outgoing flows \(X_E1, X_E2\)"),
    ([start("S"), message("M"), end("E")], "S>M M>E", "",
     r"'M': message catch event needs a `delay:`"),
    ([start("S"), task("A"), end("E")], "S>A A>E", "    A: {duration: 1h}",
     r"'A': has a work `duration:` but no pool does its work"),
    ([start("S"), start("S2"), end("E")], "S>E S2>E", "    S: {share: 0.3}",
     r"give every top-level start event a `share:` or none \(equal shares\): S2 have none"),
    ([start("S"), start("S2"), end("E")], "S>E S2>E", "    S: {share: 0.3}\n    S2: {share: 0.6}",
     r"the `share:` of the top-level start events must sum to 1 \(within 1e-9\), got 0.8999999999999999 \(S, S2\)"),
])
def test_check_executable_names_what_cannot_run(nodes, flows, elements, expected) -> None:
    p = proc(nodes, flows)
    with pytest.raises(SimulationError, match=expected):
        check_executable(p, replay_params(elements))


def test_unsupported_elements_are_all_named_before_the_run() -> None:
    from processes.model import Gateway, SubProcess

    p = proc([start("S"), Gateway(id="CX", gateway_kind="complex", parent="P"),
              SubProcess(id="ES", parent="P", triggered_by_event=True), end("E")], "S>CX CX>E")
    with pytest.raises(SimulationError) as err:
        check_executable(p, replay_params())
    assert "'CX': complex gateways are not simulated" in str(err.value)
    assert "'ES': this event subprocess is not simulated (it has 0 start events, not one)" in str(err.value)


def test_the_tables_a_check_builds_are_the_ones_the_replications_get(monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator import compiler

    built = []
    monkeypatch.setattr(compiler, "build_tables", lambda *a: built.append(a) or object())
    p, prm = proc([start("S"), task("A"), end("E")], "S>A A>E"), replay_params()
    compiler.check_executable(p, prm)
    tables = compiler.compile_process(p, prm)
    assert compiler.compile_process(p, prm) is tables and len(built) == 1  # one build for the check and the runs
    compiler.compile_process(p, replay_params())  # other params (equal, another object): built anew
    assert len(built) == 2


def _refusal(p) -> str:
    with pytest.raises(SimulationError) as err:
        check_executable(p, replay_params())
    return str(err.value)


def test_an_event_subprocess_is_refused_once_with_its_start_events_trigger_and_what_to_draw() -> None:
    """Its start event was refused too ('must have no trigger, not message', or 'compensation start
    event is not simulated' and then 'an embedded subprocess needs exactly one start event, found 0'
    for the event subprocess: it has one), one cause, two or three messages (MIWG C.6.0, C.9.0, C.9.2)."""
    from processes.model import Event, EventDefinition, SubProcess

    kinds = {"multiple": ("message", "signal"), "message": ("message",), "error": ("error",)}
    for kind, interrupting, said in [
            ("multiple", True, "'ES': this event subprocess is not simulated (its start event 'ESS' is a multiple "
                               "start event): instead, draw a timer, message or error boundary event on subprocess "
                               "Sub, leading to its steps"),
            # interrupting ones were refused as these are (MIWG C.9.0); now they run with a `delay:` for their
            # trigger (an error: or an error end event of their scope), as tests/simulator/test_eventsemantics.py shows
            ("message", True, "'ES': its message start event 'ESS' needs a `delay:` in params (when the message "
                              "comes after the subprocess starts"),
            ("error", True, "'ES': its error start event 'ESS' catches no error end event of its subprocess: give "
                            "it a `delay:` in params"),
            # an error cannot start a non-interrupting one (BPMN 10.3.5): refused with why and its own advice
            ("error", False, "'ES': this event subprocess is not simulated (its start event 'ESS' is a "
                             "non-interrupting error start event, which BPMN does not allow: an error start event "
                             "always interrupts): make it interrupting, or draw an error boundary event on subprocess "
                             "Sub (caught from an error end event inside), leading to its steps")]:
        p = proc([start("S"), sub("Sub"), start("SS", "Sub"), task("A", "Sub"), end("SE", "Sub"),
                  SubProcess(id="ES", parent="Sub", triggered_by_event=True),
                  Event(id="ESS", position="start", parent="ES", is_interrupting=interrupting,
                        definitions=tuple(EventDefinition(kind=k) for k in kinds[kind])),
                  end("ESE", "ES"), end("E")],
                 "S>Sub SS>A A>SE ESS>ESE Sub>E")
        refusal = _refusal(p)
        assert "1 element(s) not executable: " + said in refusal
        assert "ESS" not in refusal.replace("event 'ESS'", "")  # its start event is not refused on its own


def test_an_event_subprocess_with_two_start_events_is_refused_with_how_many() -> None:
    """It said "event subprocesses are not simulated", though most run now: this one, and why."""
    from processes.model import Event, EventDefinition, SubProcess

    two = [Event(id=i, position="start", parent="ES", definitions=(EventDefinition(kind="message"),))
           for i in ("ES1", "ES2")]
    p = proc([start("S"), task("A"), SubProcess(id="ES", parent="P", triggered_by_event=True), *two, end("ESE", "ES"),
              end("E")], "S>A A>E ES1>ESE ES2>ESE")
    assert ("'ES': this event subprocess is not simulated (it has 2 start events, not one): instead, draw a timer, "
            "message or error boundary event on an embedded subprocess drawn around the steps it watches, leading to "
            "its steps") in _refusal(p)


def test_a_refused_event_says_the_nearest_thing_the_engine_simulates() -> None:
    from processes.model import Event, EventDefinition

    def event(i: str, position: str, kind: str, **more) -> Event:
        return Event(id=i, position=position, parent="P", definitions=(EventDefinition(kind=kind),), **more)

    p = proc([start("S"), sub("A"), start("AS", "A"), task("AT", "A"), end("AE", "A"),
              event("B1", "boundary", "escalation", attached_to="A"),
              event("B2", "boundary", "conditional", attached_to="A", cancel_activity=False),
              event("C", "intermediate_catch", "signal"), end("E"), end("E1"), end("E2")],
             "S>A A>C C>E B1>E1 B2>E2 AS>AT AT>AE")
    refusal = _refusal(p)
    # on a subprocess with steps inside: caught from an escalation thrown there, no longer refused (it said
    # 'escalation boundary event is not simulated: draw an error boundary event instead ...'; on a black box it is
    # simulated with a delay: test_an_escalation_boundary_event_on_a_black_box_fires_its_delay_after_it_starts)
    assert "'B1'" not in refusal and "2 element(s) not executable" in refusal
    assert ("'B2': conditional boundary event needs a `delay:` (when its condition comes true) in params"
            in refusal)  # simulated as a message boundary event is, with one (it was 'not simulated')
    assert "'C': signal catch event needs a `delay:` (when the signal comes) in params" in refusal  # (a wait now)


def test_an_empty_subprocess_runs_as_one_step_of_work_of_exactly_its_duration() -> None:
    """It was refused ('found 0 start events ... draw it as a task'; MIWG A.3.0, B.1.0, C.3.0, bpmn-js's
    'Ship Items (todo)': a collapsed subprocess its tool wrote with nothing inside). By hand: the case
    arrives at hour 0, the officer (24/7) works 3 h on it, the case ends at hour 3."""
    p = proc([start("S"), sub("Sub"), end("E")], "S>Sub Sub>E", {"Lane_A": ["Sub"]})
    r = run(p, replay_params("    Sub: {duration: 3h}"))
    assert trace(r) == [("Sub", 0.0, 0.0, 3.0)]
    assert (r.cases[0].end, r.cases[0].outcome) == (3.0, "E")
    assert [(w.element, w.resource, w.start, w.end) for w in r.activities] == [("Sub", "officer", 0.0, 3.0)]


def test_an_empty_subprocess_keeps_its_boundary_events_and_loop_as_a_task_does() -> None:
    """Interrupted by its 1-hour timer (a task would be too); a standard loop of 2 runs its work twice."""
    p = proc([start("S"), sub("Sub"), boundary("B", "Sub", timer_text="PT1H"), end("E"), end("E2")],
             "S>Sub Sub>E B>E2", {"Lane_A": ["Sub"]})
    r = run(p, replay_params("    Sub: {duration: 3h}"))
    assert (r.cases[0].end, r.cases[0].outcome) == (1.0, "E2")
    looped = SubProcess(id="Sub", name="Sub", parent="P", loop=StandardLoop(loop_maximum=2))
    r = run(proc([start("S"), looped, end("E")], "S>Sub Sub>E", {"Lane_A": ["Sub"]}),
            replay_params("    Sub: {duration: 3h}"))
    assert trace(r) == [("Sub", 0.0, 0.0, 3.0), ("Sub", 3.0, 3.0, 6.0)]


@pytest.mark.parametrize("variant, by_event, compensation, said", [
    ("transaction", False, False, "'Sub': an embedded subprocess needs exactly one start event, found 0"),
    ("adHocSubProcess", False, False, "'Sub': adHocSubProcess is not simulated"),
    ("subProcess", True, False, "'Sub': this event subprocess is not simulated (it has 0 start events, not one)"),
])
def test_an_empty_transaction_ad_hoc_or_event_subprocess_is_still_refused(
        variant: str, by_event: bool, compensation: bool, said: str) -> None:
    """Only an embedded subprocess runs as one step: what the others would do is not one step of work."""
    empty = SubProcess(id="Sub", name="Sub", parent="P", variant=variant, triggered_by_event=by_event,
                       is_for_compensation=compensation)
    flows = "S>E" if by_event or compensation else "S>Sub Sub>E"
    assert said in _refusal(proc([start("S"), empty, end("E")], flows))


def _conditional(i: str, position: str, **more):
    from processes.model import Event, EventDefinition

    return Event(id=i, position=position, parent="P", definitions=(EventDefinition(kind="conditional"),), **more)


def test_a_conditional_catch_event_waits_its_delay_as_a_message_catch_event_does() -> None:
    """It was refused ('conditional intermediate catch event is not simulated'; MIWG B.2.0). BPMN 2.0 10.5: the
    token waits there until the condition comes true; when that is, the profile's `delay:` says. By hand: the
    wait 0-5 h, then 2 h of work, the case ends at hour 7."""
    p = proc([start("S"), _conditional("C", "intermediate_catch"), task("T"), end("E")], "S>C C>T T>E",
             {"Lane_A": ["T"]})
    r = run(p, replay_params("    C: {delay: 5h}\n    T: {duration: 2h}"))
    assert trace(r) == [("C", 0.0, 0.0, 5.0), ("T", 5.0, 5.0, 7.0)]
    assert "'C': conditional catch event needs a `delay:` (the time until its condition comes true) in params" in (
        _refusal(p))


def test_a_conditional_boundary_event_fires_its_delay_after_its_activity_starts() -> None:
    """Interrupting: the 3-hour task is cut at hour 1 and the case leaves by the boundary event's flow;
    non-interrupting: a second path starts at hour 1 and the task ends at hour 3. In a race after an
    event-based gateway it waits its delay, as a message catch event does."""
    for interrupting, rows, ended in ((True, [("T", 0.0, 0.0, 1.0), ("B", 1.0, 1.0, 1.0)], (1.0, "E2")),
                                      (False, [("B", 1.0, 1.0, 1.0), ("T", 0.0, 0.0, 3.0)], (3.0, "E"))):
        p = proc([start("S"), task("T"), _conditional("B", "boundary", attached_to="T", cancel_activity=interrupting),
                  end("E"), end("E2")], "S>T T>E B>E2", {"Lane_A": ["T"]})
        r = run(p, replay_params("    T: {duration: 3h}\n    B: {delay: 1h}"))
        assert trace(r) == rows
        assert (r.cases[0].end, r.cases[0].outcome) == ended
    race = proc([start("S"), evgw("G"), _conditional("C", "intermediate_catch"), timer("T", "PT4H"), end("E1"),
                 end("E2")], "S>G G>C G>T C>E1 T>E2")
    r = run(race, replay_params("    C: {delay: 2h}"))
    assert (r.cases[0].end, r.cases[0].outcome) == (2.0, "E1")


def test_a_refused_catch_event_after_an_event_based_gateway_is_named_once() -> None:
    """The gateway was refused too, for leading to it (camunda's testCatchSignalAndMessageAndTimer)."""
    from processes.model import Event, EventDefinition

    signal = Event(id="C", position="intermediate_catch", parent="P", definitions=(EventDefinition(kind="signal"),))
    refusal = _refusal(proc([start("S"), evgw("G"), signal, timer("T", "PT1H"), end("E1"), end("E2")],
                            "S>G G>C G>T C>E1 T>E2"))
    assert "1 element(s) not executable: 'C': signal catch event needs a `delay:`" in refusal  # (simulated with one)
    assert "'G'" not in refusal


def test_a_collapsed_subprocess_with_a_boundary_event_drawn_inside_it_is_still_empty() -> None:
    """Visual Paradigm writes the boundary event inside the subprocess it is attached to (MIWG A.3.0): the
    subprocess runs as one step, and only the escalation boundary event is refused."""
    from processes.model import Event, EventDefinition

    on = Event(id="B", position="boundary", parent="Sub", attached_to="Sub",
               definitions=(EventDefinition(kind="escalation"),))
    refusal = _refusal(proc([start("S"), sub("Sub"), on, end("E"), end("E2")], "S>Sub Sub>E B>E2"))
    assert refusal.endswith("1 element(s) not executable: 'B': escalation boundary event needs a `delay:` (when "
                            "the escalation comes) in params")  # a black box's: fired after its delay:
    assert "'Sub'" not in refusal


def test_an_escalation_boundary_event_on_a_black_box_fires_its_delay_after_it_starts() -> None:
    """MIWG A.3.0 (on an empty collapsed subprocess, interrupting) and B.2.0 (on a user task and a call
    activity, non-interrupting): the steps that raise the escalation are not in the file, so neither is when
    it comes; its `delay:` says. By hand: the 3-hour work is cut at hour 1 (interrupting), or goes on to hour 3
    while the escalation's path starts at hour 1."""
    from processes.model import CallActivity, Event, EventDefinition

    for host in (sub("H"), task("H"), CallActivity(id="H", name="H", parent="P")):
        for interrupting, rows, ended in ((True, [("H", 0.0, 0.0, 1.0), ("B", 1.0, 1.0, 1.0)], (1.0, "E2")),
                                          (False, [("B", 1.0, 1.0, 1.0), ("H", 0.0, 0.0, 3.0)], (3.0, "E"))):
            on = Event(id="B", position="boundary", parent="P", attached_to="H", cancel_activity=interrupting,
                       definitions=(EventDefinition(kind="escalation"),))
            p = proc([start("S"), host, on, end("E"), end("E2")], "S>H H>E B>E2", {"Lane_A": ["H"]})
            r = run(p, replay_params("    H: {duration: 3h}\n    B: {delay: 1h}"))
            assert trace(r) == rows, host
            assert (r.cases[0].end, r.cases[0].outcome) == ended
