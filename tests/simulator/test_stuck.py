"""Models that cannot finish end with a SimulationError naming the elements and cases, never a hang."""

from __future__ import annotations

import pytest
from simmodels import boundary, end, par, proc, replay_params, run, start, task, xor

from processes.errors import SimulationError

TEN = "[" + ", ".join(["2025-01-06"] * 10) + "]"


def test_a_loop_taken_with_probability_one_is_stopped_and_named() -> None:
    p = proc([start("S"), task("A"), xor("X"), end("E")], "S>A A>X X>A X>E")
    prm = replay_params("    A: {delay: 1h}\n    X: {probabilities: {X_A: 1.0, X_E: 0.0}}", dates=TEN)
    with pytest.raises(SimulationError) as err:
        run(p, prm, max_steps=500)
    message = str(err.value)
    assert "case 0 executed more than 500 steps" in message
    assert "'A'" in message and "'X'" in message and "'E'" not in message


def test_a_parallel_join_that_can_never_be_satisfied_names_the_join_and_the_cases() -> None:
    # X sends every case down B only; the parallel join J also waits for C, which never comes.
    p = proc([start("S"), xor("X"), task("B"), task("C"), par("J"), end("E")], "S>X X>B X>C B>J C>J J>E")
    prm = replay_params("    X: {probabilities: {X_B: 1.0, X_C: 0.0}}", dates=TEN)
    with pytest.raises(SimulationError) as err:
        run(p, prm)
    # the model's deadlock, said as validate says it (xor-split-and-join), in one line
    assert str(err.value) == (
        "element 'J': 10 case(s) cannot finish, a deadlock in the model: parallel join 'J' waits for all its inputs, "
        "but exclusive split 'X' sends one token down one branch (branch 'X_B' reaches 'B_J'; branch 'X_C' reaches "
        "'C_J'): the join deadlocks (expected a parallel split, or an exclusive join) (cases 0, 1, 2, 3, 4, 5, 6, 7, "
        "8, 9)"
    )


def test_a_join_waiting_for_one_branch_of_a_choice_is_said_as_the_models_deadlock_in_one_line() -> None:
    """MIWG B.2.0's kind: beside A, the choice X sends a case to B, whose token J waits for, or to its own end E2;
    the cases sent to E2 wait at J for ever. The error names the join and the choice in plain words (it said
    which flow no token came by, and which step it comes from)."""
    p = proc([start("S"), par("G"), task("A"), xor("X"), task("B"), par("J"), end("E"), end("E2")],
             "S>G G>A G>X X>B X>E2 A>J B>J J>E")
    prm = replay_params("    X: {probabilities: {X_B: 0.0, X_E2: 1.0}}", dates=TEN)
    with pytest.raises(SimulationError) as err:
        run(p, prm)
    assert str(err.value) == (
        "element 'J': 10 case(s) cannot finish, a deadlock in the model: parallel join J waits for a token by "
        "'B_J', which comes only from branch 'X_B' of exclusive gateway X: cases where that branch is not taken "
        "wait here forever (expected an exclusive or inclusive merge where that path meets the others) "
        "(cases 0, 1, 2, 3, 4, 5, 6, 7, 8, 9)"
    )



def test_a_join_an_interrupting_boundary_event_leads_away_from_is_said_as_the_models_deadlock() -> None:
    """Cardanit's MIWG C.6.0 export: F and H in parallel; the error boundary event BF on F fires in every run
    (`share: 1`), its path (C) never comes to J, and H's token waits there. The error names J and BF."""
    p = proc([start("S"), par("G"), task("F"), task("H"), boundary("BF", "F", error=""), task("C"), par("J"),
              end("E"), end("E2")], "S>G G>F G>H F>J H>J BF>C C>E2 J>E")
    with pytest.raises(SimulationError) as err:
        run(p, replay_params("    BF: {share: 1}", dates=TEN))
    assert str(err.value) == (
        "element 'J': 10 case(s) cannot finish, a deadlock in the model: parallel join J waits for a token by "
        "'F_J', which comes only from F when it ends normally (its error boundary event BF leads by a path that "
        "never comes to the join): cases where that event fires wait here forever (expected the boundary event's "
        "path to come to the join too (by an exclusive merge) or to end the scope) (cases 0, 1, 2, 3, 4, 5, 6, 7, "
        "8, 9)"
    )
