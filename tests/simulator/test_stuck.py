"""Models that cannot finish end with a SimulationError naming the elements and cases, never a hang."""

from __future__ import annotations

import pytest
from simmodels import boundary, end, par, proc, replay_params, run, start, task, xor

from processes.errors import SimulationError

TEN = "[" + ", ".join(["2025-01-06"] * 10) + "]"
ALL_TEN = "(cases 0, 1, 2, 3, 4, 5, 6, 7, 8, 9)"


def test_a_loop_taken_with_probability_one_is_stopped_and_named() -> None:
    p = proc([start("S"), task("A"), xor("X"), end("E")], "S>A A>X X>A X>E")
    prm = replay_params("    A: {delay: 1h}\n    X: {probabilities: {X_A: 1.0, X_E: 0.0}}", dates=TEN)
    with pytest.raises(SimulationError) as err:
        run(p, prm, max_steps=500)
    message = str(err.value)
    assert "case 0 executed more than 500 steps" in message
    assert "'A'" in message and "'X'" in message and "'E'" not in message


@pytest.mark.parametrize("nodes, flows, profile, expected", [
    # X sends every case down B only; the parallel join J also waits for C, which never comes: the model's
    # deadlock, said as validate says it (xor-split-and-join), in one line
    pytest.param(
        [start("S"), xor("X"), task("B"), task("C"), par("J"), end("E")], "S>X X>B X>C B>J C>J J>E",
        "    X: {probabilities: {X_B: 1.0, X_C: 0.0}}",
        "parallel join 'J' waits for all its inputs, but exclusive split 'X' sends one token down one branch "
        "(branch 'X_B' reaches 'B_J'; branch 'X_C' reaches 'C_J'): the join deadlocks (expected a parallel split, "
        "or an exclusive join)",
        id="never-satisfied"),
    # MIWG B.2.0's kind: beside A, the choice X sends a case to B, whose token J waits for, or to its own end E2;
    # the cases sent to E2 wait at J for ever. The error names the join and the choice in plain words (it said
    # which flow no token came by, and which step it comes from).
    pytest.param(
        [start("S"), par("G"), task("A"), xor("X"), task("B"), par("J"), end("E"), end("E2")],
        "S>G G>A G>X X>B X>E2 A>J B>J J>E", "    X: {probabilities: {X_B: 0.0, X_E2: 1.0}}",
        "parallel join J waits for a token by 'B_J', which comes only from branch 'X_B' of exclusive gateway X: "
        "cases where that branch is not taken wait here forever (expected an exclusive or inclusive merge where "
        "that path meets the others)",
        id="waiting-for-one-branch-of-a-choice"),
    # Cardanit's MIWG C.6.0 export: F and H in parallel; the error boundary event BF on F fires in every run
    # (`share: 1`), its path (C) never comes to J, and H's token waits there. The error names J and BF.
    pytest.param(
        [start("S"), par("G"), task("F"), task("H"), boundary("BF", "F", error=""), task("C"), par("J"), end("E"),
         end("E2")], "S>G G>F G>H F>J H>J BF>C C>E2 J>E", "    BF: {share: 1}",
        "parallel join J waits for a token by 'F_J', which comes only from F when it ends normally (its error "
        "boundary event BF leads by a path that never comes to the join): cases where that event fires wait here "
        "forever (expected the boundary event's path to come to the join too (by an exclusive merge) or to end the "
        "scope)",
        id="an-interrupting-boundary-event-leads-away"),
])
def test_a_join_that_can_never_be_satisfied_is_said_as_the_models_deadlock_in_one_line(
        nodes: list, flows: str, profile: str, expected: str) -> None:
    with pytest.raises(SimulationError) as err:
        run(proc(nodes, flows), replay_params(profile, dates=TEN))
    said = str(err.value)
    assert said == f"element 'J': 10 case(s) cannot finish, a deadlock in the model: {expected} {ALL_TEN}"


def test_a_join_stuck_behind_a_dead_end_names_where_the_way_on_stops() -> None:
    """Found by QA (qaday100): the model discover made of Helsingborg's log cut at day 100 had a parallel
    gateway with no outgoing flow; its tokens ended there, and the joins after it were named as stuck, the
    gateway not. Here B's way on goes by X to the gateway D, which leads nowhere, and J waits for F's token."""
    p = proc([start("S"), par("G"), task("A"), task("B"), xor("X"), task("F"), par("D"), par("J"), end("E")],
             "S>G G>A G>B B>X X>D X>F F>J A>J J>E")
    with pytest.raises(SimulationError) as err:
        run(p, replay_params("    X: {probabilities: {X_D: 1.0, X_F: 0.0}}", dates=TEN))
    assert str(err.value) == (
        "element 'J': 10 case(s) cannot finish: tokens wait at join(s) 'J' that no other token can reach "
        f"{ALL_TEN}; no token came to J by 'F_J' from F; the way on stops at 'D': no outgoing flow, no path to "
        "an end (validate: dead-end), so a token there ends its path and a join after it waits for it for ever")
    assert "\n" not in str(err.value)
