"""Models that cannot finish end with a SimulationError naming the elements and cases, never a hang."""

from __future__ import annotations

import pytest
from simmodels import end, par, proc, replay_params, run, start, task, xor

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
    message = str(err.value)
    assert message.startswith("element 'J': 10 case(s) cannot finish")
    assert "join(s) 'J'" in message and "cases 0, 1, 2, 3, 4, 5, 6, 7, 8, 9)" in message
