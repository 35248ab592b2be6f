"""What BPMN starts by an event, simulated as the spec says, each on a fixture of tests/fixtures/sim/events.

Every task takes a fixed ``delay:`` (calendar time, no pool), the case arrives at hour 0, so each
expectation is worked out by hand in the test's docstring. They were refused before (MIWG B.2.0, C.6.0,
C.9.2, camunda's testCatchSignalAndMessageAndTimer, jBPM's simulationProcess).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from simmodels import replay_params, run, trace

from bpmn_io.reader import read_bpmn
from processes.errors import SimulationError
from simulator.compiler import check_executable

EVENTS = Path(__file__).resolve().parents[1] / "fixtures" / "sim" / "events"


def model(name: str):
    return read_bpmn(EVENTS / name).process()


def outcome_and_end(result, case: int = 0) -> tuple[str, float]:
    return result.cases[case].outcome, result.cases[case].end


def ran(process, profile: str) -> tuple[list[tuple[str, float, float, float]], tuple[str, float]]:
    """The first case's trace and (outcome, end) when ``process`` runs on the params ``profile``."""
    r = run(process, replay_params(profile))
    return trace(r), outcome_and_end(r)


def with_error_ref(process, event: str, ref: str):
    """``process`` with the error event ``event`` throwing or catching ``ref`` ("": any error) instead."""
    from dataclasses import replace

    from processes.model import FrozenMap

    node = process.nodes[event]
    changed = replace(node, definitions=(replace(node.definitions[0], ref=ref),))
    return replace(process, nodes=FrozenMap({**process.nodes, event: changed}))


# ------------------------------------------------------------------ several top-level start events

TWO = "    A: {delay: 2h}\n    B: {delay: 5h}\n"


@pytest.mark.parametrize(
    "shares, expected",
    [
        ("    S1: {share: 1}\n    S2: {share: 0}", [("A", 0.0, 0.0, 2.0)]),
        ("    S1: {share: 0}\n    S2: {share: 1}", [("B", 0.0, 0.0, 5.0)]),
    ],
)
def test_a_case_arrives_at_the_start_event_its_share_gives(shares: str, expected: list) -> None:
    """All to S1: the e-service path, A 0-2 h, ends at E1 at 2 h; all to S2: B 0-5 h, E2 at 5 h."""
    r = run(model("two_starts.bpmn"), replay_params(TWO + shares))
    assert trace(r) == expected
    assert outcome_and_end(r) == (("E1", 2.0) if expected[0][0] == "A" else ("E2", 5.0))


def test_without_shares_the_cases_split_equally_between_the_start_events() -> None:
    """400 cases, each at S1 with probability 1/2: the count at E1 is Binomial(400, 1/2), sd 10; 4 sd
    either side (160-240) fails a correct engine about once in 16,000 seeds, and the seed is fixed."""
    r = run(model("two_starts.bpmn"), replay_params(TWO, dates="[" + ", ".join(["2025-01-06"] * 400) + "]"))
    counts = Counter(c.outcome for c in r.cases)
    assert set(counts) == {"E1", "E2"} and sum(counts.values()) == 400
    assert 160 <= counts["E1"] <= 240


def test_shares_given_to_some_start_events_only_are_refused() -> None:
    with pytest.raises(
        SimulationError,
        match=r"give every top-level start event a `share:` or none \(equal "
        r"shares\): S2 have none",
    ):
        check_executable(model("two_starts.bpmn"), replay_params(TWO + "    S1: {share: 0.5}"))


# ------------------------------------------------------------------ non-interrupting event subprocesses

EVENT_SUB = "    A: {delay: 10h}\n    X: {delay: 4h}\n    Y: {delay: 1h}\n"


TIMER_AND_A = [("ET", 3.0, 3.0, 7.0), ("X", 3.0, 3.0, 7.0), ("A", 0.0, 0.0, 10.0)]


@pytest.mark.parametrize("message, expected", [
    pytest.param("    EMS: {delay: 2h}", [("EM", 2.0, 2.0, 3.0), ("Y", 2.0, 2.0, 3.0), *TIMER_AND_A],
                 id="beside-the-case"),
    pytest.param("    EMS: {delay: 20h}", TIMER_AND_A, id="message-after-the-case"),
    pytest.param("    EMS: {delay: 2h, share: 0}", TIMER_AND_A, id="message-never"),
])
def test_a_non_interrupting_event_subprocess_runs_beside_the_case_when_its_trigger_comes(
    message: str, expected
) -> None:
    """A 0-10 h. The timer start (PT3H) starts X at 3 h, done at 7 h; the message comes 2 h after the case
    starts (its start event's delay:), Y 2-3 h (each event subprocess a row of its own around its step). The
    case ends when all are done, at 10 h, at E (an event subprocess's end is not the case's outcome). A message
    20 h after the start comes after the case ended (10 h); a share of 0: it never comes, and starts nothing."""
    assert ran(model("event_subprocess.bpmn"), EVENT_SUB + message) == (expected, ("E", 10.0))


def test_the_case_waits_for_an_event_subprocess_that_ends_after_its_last_step() -> None:
    """A 0-5 h, but X (from 3 h, 4 h) ends at 7 h: the case ends at 7 h."""
    r = run(
        model("event_subprocess.bpmn"), replay_params(EVENT_SUB.replace("10h", "5h") + "    EMS: {delay: 2h}")
    )
    assert outcome_and_end(r) == ("E", 7.0)


def test_a_message_start_without_a_delay_is_named() -> None:
    with pytest.raises(
        SimulationError,
        match=r"'EM': its message start event 'EMS' needs a `delay:` in params "
        r"\(when the message comes after the case starts",
    ):
        check_executable(model("event_subprocess.bpmn"), replay_params(EVENT_SUB))


def test_a_timer_cycle_starts_the_event_subprocess_again_as_often_as_it_says_while_the_case_runs() -> None:
    """R2/PT3H: X at 3-7 h and again at 6-10 h; the case (A 0-10 h) ends at 10 h. R/PT3H (no end) is
    refused: its own instances would keep the case running for ever."""
    from dataclasses import replace

    from processes.model import Expression, FrozenMap

    p = model("event_subprocess.bpmn")

    def cycle(text: str):
        start = p.nodes["ETS"]
        timer = replace(start.definitions[0], timer_kind="timeCycle", timer=Expression(text))
        return replace(p, nodes=FrozenMap({**p.nodes, "ETS": replace(start, definitions=(timer,))}))

    r = run(cycle("R2/PT3H"), replay_params(EVENT_SUB + "    EMS: {delay: 2h, share: 0}"))
    assert [row for row in trace(r) if row[0] == "X"] == [("X", 3.0, 3.0, 7.0), ("X", 6.0, 6.0, 10.0)]
    assert outcome_and_end(r) == ("E", 10.0)
    with pytest.raises(SimulationError, match=r"'ET': its timer start event 'ETS' repeats without end"):
        check_executable(cycle("R/PT3H"), replay_params(EVENT_SUB + "    EMS: {delay: 2h}"))


# ------------------------------------------------------------------ signal catch


@pytest.mark.parametrize("signal, expected", [("3h", ("E1", 4.0)), ("9h", ("E2", 6.0))])
def test_a_signal_catch_event_waits_its_delay_and_races_as_a_message_does(signal: str, expected) -> None:
    """A 0-1 h, then the event-based gateway: the signal 3 h later (4 h) beats the 5-hour timer (6 h);
    9 h later it loses to it."""
    r = run(model("signal_catch.bpmn"), replay_params(f"    A: {{delay: 1h}}\n    C: {{delay: {signal}}}"))
    assert outcome_and_end(r) == expected


# ------------------------------------------------------------------ compensation

COMPENSATE = (
    "    H: {delay: 2h}\n    F: {delay: 3h}\n    G: {delay: 1h}\n    Pay: {delay: 1h}\n"
    "    UH: {delay: 1h}\n    UF: {delay: 30m}\n    UG: {delay: 2h}\n    K: {delay: 15m}\n"
)


NORMAL = [("H", 0.0, 0.0, 2.0), ("Sub", 0.0, 0.0, 5.0), ("F", 2.0, 2.0, 5.0), ("G", 5.0, 5.0, 6.0),
          ("Sub2", 5.0, 5.0, 6.0), ("Pay", 6.0, 6.0, 7.0)]


@pytest.mark.parametrize("route, expected", [
    pytest.param("X_ok: 1, X_fail: 0", (NORMAL, ("E_ok", 7.0)), id="normal-path"),
    pytest.param("X_ok: 0, X_fail: 1", ([*NORMAL, ("K", 7.0, 7.0, 7.25), ("CES", 7.0, 7.0, 9.25),
                                         ("UG", 7.25, 7.25, 9.25), ("UF", 9.25, 9.25, 9.75),
                                         ("UH", 9.75, 9.75, 10.75)], ("E_fail", 10.75)), id="throw"),
])
def test_a_compensation_throw_undoes_the_completed_activities_last_first(route: str, expected) -> None:
    """H 0-2, F 2-5 (in Sub), G 5-6 (in Sub2), Pay 6-7: on the normal path E_ok at 7 h, no handler runs. On the
    other, the throw CT undoes Sub2 (completed last) and then Sub. Sub2's handler is its compensation event
    subprocess: K 7-7.25, whose throw CT2 undoes G: UG 7.25-9.25. Sub has none, so its own steps are undone, the
    last first: UF 9.25-9.75, UH 9.75-10.75. Then E_fail at 10.75 h. (Sub, Sub2 and CES are rows of their own,
    around their steps.)"""
    assert ran(model("compensation.bpmn"), COMPENSATE + f"    X: {{probabilities: {{{route}}}}}") == expected


@pytest.mark.parametrize(
    "share, expected", [("1", ("E_err", 3.0)), ("0", ("E_ok", 2.0)), (None, ("E_ok", 2.0))]
)
def test_an_error_boundary_event_on_a_task_fires_in_its_share_of_the_runs(
    share: str | None, expected
) -> None:
    """The error thrown inside a task is not in the file: the task ends in it, after its work (T 0-2 h), in the
    share of its runs the profile gives (then R 2-3 h, E_err at 3 h); without a share, never (as before)."""
    given = f"\n    EB: {{share: {share}}}" if share is not None else ""
    r = run(model("error_share.bpmn"), replay_params("    T: {delay: 2h}\n    R: {delay: 1h}" + given))
    assert outcome_and_end(r) == expected


def test_error_boundary_shares_of_more_than_all_the_runs_are_refused() -> None:
    from dataclasses import replace

    from processes.model import FrozenMap

    p = model("error_share.bpmn")
    second = replace(p.nodes["EB"], id="EB2")
    p = replace(p, nodes=FrozenMap({**p.nodes, "EB2": second}))
    with pytest.raises(
        SimulationError,
        match=r"'T': the `share:` of its error boundary events sum to 1.2 \(expected "
        r"at most 1: EB, EB2\)",
    ):
        check_executable(p, replay_params("    T: {delay: 2h}\n    EB: {share: 0.6}\n    EB2: {share: 0.6}"))


# ------------------------------------------------------------------ transaction and cancel end

TRANSACTION = (
    "    Book: {delay: 2h}\n    Unbook: {delay: 1h}\n    Done: {delay: 1h}\n    Cancelled: {delay: 30m}\n"
)


BOOK = ("Book", 0.0, 0.0, 2.0)


@pytest.mark.parametrize("route, expected", [
    pytest.param("X_ok: 1, X_cancel: 0", ([BOOK, ("Tx", 0.0, 0.0, 2.0), ("Done", 2.0, 2.0, 3.0)], ("E_ok", 3.0)),
                 id="completes"),
    pytest.param("X_ok: 0, X_cancel: 1", ([BOOK, ("Tx", 0.0, 0.0, 3.0), ("Unbook", 2.0, 2.0, 3.0),
                                           ("TxCancel", 3.0, 3.0, 3.0), ("Cancelled", 3.0, 3.0, 3.5)],
                                          ("E_cancel", 3.5)), id="cancel-end"),
])
def test_a_transaction_leaves_by_its_outgoing_flow_or_a_cancel_end_by_its_cancel_boundary_event(
    route: str, expected
) -> None:
    """Book 0-2; completed, the transaction ends, Done 2-3, E_ok at 3 h. The cancel end: Unbook 2-3 undoes Book,
    then the cancel boundary event (not the error boundary event without a code: a cancel is no error):
    Cancelled 3-3.5, E_cancel at 3.5 h. The transaction ends at 3 h, when its compensation is done."""
    assert ran(model("transaction.bpmn"), TRANSACTION + f"    X: {{probabilities: {{{route}}}}}") == expected


def test_a_cancel_no_cancel_boundary_event_catches_ends_the_path_at_the_transaction() -> None:
    """Without the cancel boundary event TxCancel (BPMN requires none: 10.5.6 asks only that a cancel end event be
    inside a transaction): Book 0-2, the cancel end, Unbook 2-3 undoes Book, and the transaction ends at 3 h
    cancelled; its outgoing flow is for its completion, the error boundary event without a code catches no cancel,
    so the path ends there: the case ends at 3 h, its outcome the cancel end event CE. (It went on to Done 3-4 h
    and E_ok at 4 h, as if the transaction had completed.)"""
    from dataclasses import replace

    from processes.model import FrozenMap

    p = model("transaction.bpmn")
    p = replace(p, nodes=FrozenMap({k: v for k, v in p.nodes.items() if k != "TxCancel"}),
                flows=FrozenMap({k: v for k, v in p.flows.items() if v.source != "TxCancel"}))
    r = run(p, replay_params(TRANSACTION + "    X: {probabilities: {X_ok: 0, X_cancel: 1}}"))
    assert trace(r) == [("Book", 0.0, 0.0, 2.0), ("Tx", 0.0, 0.0, 3.0), ("Unbook", 2.0, 2.0, 3.0)]
    assert outcome_and_end(r) == ("CE", 3.0)


# ------------------------------------------------------------------ interrupting event subprocesses

INTERRUPTING = (
    "    A1: {delay: 2h}\n    A2: {delay: 8h}\n    X: {delay: 1h}\n    Y: {delay: 5h}\n    B: {delay: 2h}\n"
    "    Z: {delay: 2h}\n"
)


TIMER_FIRED = ([("A1", 0.0, 0.0, 2.0), ("Sub", 0.0, 0.0, 4.0), ("IT", 3.0, 3.0, 4.0), ("X", 3.0, 3.0, 4.0),
                ("B", 4.0, 4.0, 6.0)], ("E", 6.0))


@pytest.mark.parametrize("messages, expected", [
    # Sub starts at 0 h: A1 0-2 h is done, A2 (0-8 h) still runs when IT's timer (PT3H) fires at 3 h: A2 is
    # cancelled (a delay, so no row), X 3-4 h, and Sub completes when IT does, at 4 h, by its outgoing flow: B 4-6
    # h, E at 6 h. The message for Z comes in no case (share 0); the non-interrupting IN's message comes at 9 h,
    # after Sub has ended.
    pytest.param("    IMS: {delay: 2h, share: 0}\n    INS: {delay: 9h}", TIMER_FIRED, id="timer"),
    # IN's message comes at 1 h: Y would run 1-6 h, but IT at 3 h interrupts Sub, Y with the rest; Sub ends at
    # 4 h as before (a message for IM 20 h after the start comes after the case ended at 6 h).
    pytest.param("    IMS: {delay: 20h}\n    INS: {delay: 1h}", TIMER_FIRED, id="also-ends-a-non-interrupting"),
    # The message comes 2 h after the case starts: Sub (A1, A2) is cancelled with its timer, which would have
    # fired at 3 h; Z 2-4 h, and the case ends at 4 h at IM's end event IME, its outcome.
    pytest.param("    IMS: {delay: 2h}\n    INS: {delay: 1h}", ([("IM", 2.0, 2.0, 4.0), ("Z", 2.0, 2.0, 4.0)],
                                                               ("IME", 4.0)), id="message-ends-the-case"),
])
def test_an_interrupting_event_subprocess_ends_the_work_of_its_scope(messages: str, expected) -> None:
    assert ran(model("interrupting.bpmn"), INTERRUPTING + messages) == expected


ERROR_SUB = "    A: {delay: 2h}\n    L: {delay: 10h}\n    H: {delay: 1h}\n"


@pytest.mark.parametrize(
    "route, expected",
    [
        ("X_ok: 1, X_err: 0", ([("A", 0.0, 0.0, 2.0), ("L", 0.0, 0.0, 10.0)], ("EL", 10.0))),
        ("X_ok: 0, X_err: 1", ([("A", 0.0, 0.0, 2.0), ("H", 2.0, 2.0, 3.0), ("IE", 2.0, 2.0, 3.0)], ("IEE", 3.0))),
    ],
)
def test_an_error_end_event_starts_the_error_event_subprocess_of_its_scope(route: str, expected) -> None:
    """A 0-2 h beside L 0-10 h. Without the error: the case ends with L at 10 h. With it, the error end EE at 2 h
    is caught by the event subprocess IE (its errorRef): L is cancelled, H 2-3 h, the case ends at IEE at 3 h."""
    r = run(model("error_event_subprocess.bpmn"), replay_params(ERROR_SUB + f"    X: {{probabilities: {{{route}}}}}"))
    assert (trace(r), outcome_and_end(r)) == expected


def test_an_error_event_subprocess_nothing_throws_to_needs_a_delay() -> None:
    """With the error end event's branch gone, nothing starts IE: refused, unless its start has a `delay:`."""
    p = with_error_ref(model("error_event_subprocess.bpmn"), "EE", "Err_Annat")
    route = "    X: {probabilities: {X_ok: 0, X_err: 1}}\n"
    with pytest.raises(
        SimulationError, match=r"'IE': its error start event 'IES' catches no error end event of its case: give it a "
        r"`delay:` in params",
    ):
        check_executable(p, replay_params(ERROR_SUB + route))
    r = run(p, replay_params(ERROR_SUB + route + "    IES: {delay: 1h}"))
    assert trace(r) == [("H", 1.0, 1.0, 2.0), ("IE", 1.0, 1.0, 2.0)]
    assert outcome_and_end(r) == ("IEE", 2.0)


def test_an_error_of_a_sibling_event_subprocess_does_not_start_an_error_event_subprocess() -> None:
    """error_sibling.bpmn: the message event subprocess K (at 1 h) ends in the error end event KE at 2 h, which
    IE's error start catches by its errorRef. What an event subprocess throws is not caught by its own scope's
    event subprocesses (the engine's ``rethrow``), so nothing throws to IE: refused without a `delay:` (it was
    taken as thrown to, and IE waited for a throw that never comes), as escalations already were. With a
    `delay:` that never comes (`share: 0`) the run shows it: K and KT 1-2 h, A 0-5 h, no H, the case ends at E."""
    from processes.standins import thrown_to

    p = model("error_sibling.bpmn")
    assert not thrown_to(p, p.nodes["IES"])
    profile = "    A: {delay: 5h}\n    KS: {delay: 1h}\n    KT: {delay: 1h}\n    H: {delay: 1h}\n"
    with pytest.raises(SimulationError, match=r"'IE': its error start event 'IES' catches no error end event of its "
                                              r"case: give it a `delay:` in params"):
        check_executable(p, replay_params(profile))
    assert ran(p, profile + "    IES: {delay: 3h, share: 0}\n") == (
        [("K", 1.0, 1.0, 2.0), ("KT", 1.0, 1.0, 2.0), ("A", 0.0, 0.0, 5.0)], ("E", 5.0))


# ------------------------------------------------------------------ an error thrown on to the scopes around

PROPAGATION = "    T: {delay: 1h}\n    W: {delay: 4h}\n    Z: {delay: 2h}\n    H: {delay: 3h}\n    K: {delay: 5h}\n"
AT_ONE = [("I", 0.0, 0.0, 1.0), ("O", 0.0, 0.0, 1.0), ("T", 0.0, 0.0, 1.0)]  # T, then I and O end in the error


@pytest.mark.parametrize(
    "branch, expected",
    [
        ("X_ok", ([("I", 0.0, 0.0, 1.0), ("T", 0.0, 0.0, 1.0), ("O", 0.0, 0.0, 4.0), ("W", 0.0, 0.0, 4.0),
                   ("Z", 4.0, 4.0, 6.0)], ("E_done", 6.0))),
        ("X_fel", ([*AT_ONE, ("BF", 1.0, 1.0, 1.0), ("H", 1.0, 1.0, 4.0)], ("EH", 4.0))),
        ("X_annat", ([*AT_ONE, ("IE", 1.0, 1.0, 6.0), ("K", 1.0, 1.0, 6.0)], ("IEE", 6.0))),
        ("X_tredje", (AT_ONE, ("ET", 1.0))),
    ],
)
def test_an_error_no_boundary_event_catches_goes_up_to_the_nearest_scope_that_does(branch: str, expected) -> None:
    """T 0-1 h in I, inside O beside W 0-4 h; then X. Granskad: I ends at 1 h, O at 4 h (W), Z 4-6 h. An error
    end event at 1 h: I has no boundary event and O no event subprocess, so O ends in the error at 1 h (W
    cancelled, not recorded): Err_Fel is caught by O's boundary event BF (at 1 h), H 1-4 h, EH at 4 h; Err_Annat by the
    case's error event subprocess IE (its errorRef), K 1-6 h, IEE at 6 h; Err_Tredje by nothing: the case
    ends at 1 h with its error end event ET as its outcome (as an error end event of the case's top level)."""
    route = ", ".join(f"{b}: {int(b == branch)}" for b in ("X_ok", "X_fel", "X_annat", "X_tredje"))
    r = run(model("error_propagation.bpmn"), replay_params(PROPAGATION + f"    X: {{probabilities: {{{route}}}}}"))
    assert (trace(r), outcome_and_end(r)) == expected


def test_an_error_event_subprocess_without_an_error_ref_catches_an_error_from_a_subprocess_inside() -> None:
    """IES without its errorRef catches every error: Err_Tredje, uncaught above, goes to IE (K 1-6 h, IEE)."""
    r = run(with_error_ref(model("error_propagation.bpmn"), "IES", ""), replay_params(PROPAGATION + "    X: {probabilities: {X_ok: 0, X_fel: 0, X_annat: 0, X_tredje: 1}}"))
    assert trace(r) == [*AT_ONE, ("IE", 1.0, 1.0, 6.0), ("K", 1.0, 1.0, 6.0)]
    assert outcome_and_end(r) == ("IEE", 6.0)


# ------------------------------------------------------------------ an escalation thrown to the scopes around

ESCALATION = "    T1: {delay: 1h}\n    T2: {delay: 2h}\n    B: {delay: 2h}\n    K: {delay: 7h}\n    H: {delay: 1h}\n"
THROW = ESCALATION + "    X: {probabilities: {X_throw: 1, X_end: 0}}\n"


def changed(process, event: str, ref: str | None = None, **fields):
    """``process`` with the event ``event`` throwing or catching ``ref`` ("": any) and ``fields`` changed."""
    from dataclasses import replace

    from processes.model import FrozenMap

    if ref is not None:
        process = with_error_ref(process, event, ref)
    return replace(process, nodes=FrozenMap({**process.nodes, event: replace(process.nodes[event], **fields)}))


@pytest.mark.parametrize(
    "route, expected",
    [
        ("X_throw: 1, X_end: 0", [("T1", 0.0, 0.0, 1.0), ("Sub", 0.0, 0.0, 3.0), ("T2", 1.0, 1.0, 3.0),
                                  ("B", 3.0, 3.0, 5.0), ("K", 1.0, 1.0, 8.0), ("N", 1.0, 1.0, 8.0)]),
        ("X_throw: 0, X_end: 1", [("Sub", 0.0, 0.0, 1.0), ("T1", 0.0, 0.0, 1.0), ("B", 1.0, 1.0, 3.0),
                                  ("K", 1.0, 1.0, 8.0), ("N", 1.0, 1.0, 8.0)]),
    ],
)
def test_an_escalation_thrown_in_a_subprocess_starts_the_non_interrupting_event_subprocess_around_it(
    route: str, expected: list
) -> None:
    """It was refused ('event subprocesses are not simulated (this one starts at non-interrupting escalation start
    event 'NS')'). T1 0-1 h in Sub. The throw event ET at 1 h: Sub has no event subprocess, its boundary event BJ
    catches another escalation, so the case's event subprocess N (Esc_Chef) starts at 1 h: K 1-8 h beside the
    thrower, which goes on: T2 1-3 h, Sub ends at 3 h, B 3-5 h, E at 5 h; the case ends at 8 h when N does, its
    outcome E (N's end is no outcome, as a non-interrupting one's). The escalation end event EE at 1 h instead:
    its token ends, so Sub ends at 1 h, B 1-3 h, K 1-8 h as before."""
    r = run(model("escalation.bpmn"), replay_params(ESCALATION + f"    X: {{probabilities: {{{route}}}}}"))
    assert (trace(r), outcome_and_end(r)) == (expected, ("E", 8.0))


def test_a_non_interrupting_escalation_boundary_event_catches_it_first_and_the_thrower_goes_on() -> None:
    """ET throws Esc_Jurist: BJ on Sub catches it at 1 h (N does not: not its escalation), H 1-2 h, EH at 2 h;
    the thrower goes on, T2 1-3 h, B 3-5 h, the case ends at E at 5 h."""
    r = run(changed(model("escalation.bpmn"), "ET", "Esc_Jurist"), replay_params(THROW))
    assert trace(r) == [("T1", 0.0, 0.0, 1.0), ("BJ", 1.0, 1.0, 1.0), ("H", 1.0, 1.0, 2.0), ("Sub", 0.0, 0.0, 3.0),
                        ("T2", 1.0, 1.0, 3.0), ("B", 3.0, 3.0, 5.0)]
    assert outcome_and_end(r) == ("E", 5.0)


def test_an_escalation_nothing_catches_has_no_effect() -> None:
    """Esc_Annan: neither BJ nor N catches it; the case runs as without the throw, E at 5 h."""
    r = run(changed(model("escalation.bpmn"), "ET", "Esc_Annan"), replay_params(THROW))
    assert trace(r) == [("T1", 0.0, 0.0, 1.0), ("Sub", 0.0, 0.0, 3.0), ("T2", 1.0, 1.0, 3.0), ("B", 3.0, 3.0, 5.0)]
    assert outcome_and_end(r) == ("E", 5.0)


def test_an_interrupting_escalation_catch_ends_the_thrower_and_its_scope() -> None:
    """BJ interrupting (cancelActivity) and catching Esc_Jurist: Sub ends at 1 h by BJ (T2 never starts), H 1-2 h,
    EH at 2 h. N interrupting instead: the case's other work ends at 1 h (Sub, not recorded), K 1-8 h, and the case
    ends at N's end event NE at 8 h, its outcome."""
    p = model("escalation.bpmn")
    r = run(changed(changed(p, "ET", "Esc_Jurist"), "BJ", cancel_activity=True), replay_params(THROW))
    assert trace(r) == [("Sub", 0.0, 0.0, 1.0), ("T1", 0.0, 0.0, 1.0), ("BJ", 1.0, 1.0, 1.0), ("H", 1.0, 1.0, 2.0)]
    assert outcome_and_end(r) == ("EH", 2.0)
    r = run(changed(p, "NS", is_interrupting=True), replay_params(THROW))
    assert trace(r) == [("T1", 0.0, 0.0, 1.0), ("K", 1.0, 1.0, 8.0), ("N", 1.0, 1.0, 8.0)]
    assert outcome_and_end(r) == ("NE", 8.0)


def test_an_escalation_event_subprocess_no_throw_comes_to_needs_a_delay() -> None:
    """BJ without its escalationRef catches every escalation thrown in Sub, so none comes to N: refused, unless its
    start has a `delay:` (when an escalation comes from a step the file does not show inside): then K 4-11 h."""
    p = changed(model("escalation.bpmn"), "BJ", "")
    with pytest.raises(SimulationError, match=r"'N': its escalation start event 'NS' needs a `delay:` in params \(when "
                                              r"the escalation comes after the case starts"):
        check_executable(p, replay_params(THROW))
    r = run(p, replay_params(THROW + "    NS: {delay: 4h}"))
    assert trace(r) == [("T1", 0.0, 0.0, 1.0), ("BJ", 1.0, 1.0, 1.0), ("H", 1.0, 1.0, 2.0), ("Sub", 0.0, 0.0, 3.0),
                        ("T2", 1.0, 1.0, 3.0), ("B", 3.0, 3.0, 5.0), ("K", 4.0, 4.0, 11.0), ("N", 4.0, 4.0, 11.0)]
    assert outcome_and_end(r) == ("E", 11.0)


NESTED = "    W: {delay: 5h}\n    RT: {delay: 1h}\n    H: {delay: 1h}\n"


@pytest.mark.parametrize(
    "withdrawn, interrupting, expected",
    [
        ("share: 0", False, [("I", 0.0, 0.0, 5.0), ("O", 0.0, 0.0, 5.0), ("W", 0.0, 0.0, 5.0), ("BO", 5.0, 5.0, 5.0),
                             ("H", 5.0, 5.0, 6.0)]),
        ("share: 0", True, [("O", 0.0, 0.0, 5.0), ("W", 0.0, 0.0, 5.0), ("BO", 5.0, 5.0, 5.0), ("H", 5.0, 5.0, 6.0)]),
        ("share: 1", False, [("O", 0.0, 0.0, 2.0), ("R", 1.0, 1.0, 2.0), ("RT", 1.0, 1.0, 2.0), ("BO", 2.0, 2.0, 2.0),
                             ("H", 2.0, 2.0, 3.0)]),
    ],
)
def test_an_escalation_goes_up_two_scopes_and_out_of_an_interrupting_event_subprocess(
    withdrawn: str, interrupting: bool, expected: list
) -> None:
    """W 0-5 h in I, inside O. IX at 5 h: neither I nor O has an escalation event subprocess, I no boundary event,
    so O's boundary event BO catches it (two scopes up): H 5-6 h; the thrower goes on, I and O end at 5 h, E at
    5 h, and the case at 6 h at EH (the last end event reached: its outcome). BO interrupting: O ends at 5 h by
    BO (I cancelled with it, not recorded), H 5-6 h, EH. The withdrawal's message at 1 h instead: R interrupts O (W
    cancelled), RT 1-2 h, RX at 2 h goes up out of R, past O's own event subprocesses, to BO: H 2-3 h, R and O end at
    2 h, the case at 3 h at EH."""
    p = model("escalation_nested.bpmn")
    if interrupting:
        p = changed(p, "BO", cancel_activity=True)
    r = run(p, replay_params(NESTED + f"    RS: {{delay: 1h, {withdrawn}}}"))
    assert (trace(r), outcome_and_end(r)) == (expected, ("EH", 6.0 if withdrawn == "share: 0" else 3.0))
