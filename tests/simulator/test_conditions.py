"""Exclusive gateways by condition over case attributes; multi-instance cardinality and
standard-loop ``again`` from the params; all through the engine, with exact counts."""

from __future__ import annotations

from collections import Counter

import pytest
from simmodels import end, proc, replay_params, run, start, task

from processes.conditions import parse_condition
from processes.errors import InputError, SimulationError
from processes.model import Gateway
from simulator.compiler import check_executable

MANY = "[" + ", ".join(f"2025-01-{d:02d}" for d in range(6, 32)) + "]"  # 26 cases
ATTRS = """  attributes:
    kind: {values: [restaurant, bar, catering], weights: [0.5, 0.3, 0.2]}
    seats: {values: [20, 80], weights: [0.5, 0.5]}
"""


def _gateway_model():
    gw = Gateway(id="X", gateway_kind="exclusive", parent="P", default="X_C")
    return proc([start("S"), gw, task("A"), task("B"), task("C"), end("E")],
                "S>X X>A X>B X>C A>E B>E C>E")


def test_condition_language_parses_and_evaluates() -> None:
    c = parse_condition("kind in ['bar', 'catering'] or seats > 50 and kind != \"bar\"")
    assert c.evaluate({"kind": "bar", "seats": 0})
    assert c.evaluate({"kind": "restaurant", "seats": 51})
    assert not c.evaluate({"kind": "restaurant", "seats": 50})
    assert not parse_condition("seats < 10").evaluate({"seats": "many"})  # not comparable: False, no crash
    for bad in ("kind = 'bar'", "kind ==", "__import__('os')", "kind == bar", "seats > 1 and"):
        with pytest.raises(InputError, match="condition"):
            parse_condition(bad)


def test_each_case_takes_the_first_flow_whose_condition_holds_else_the_default() -> None:
    r = run(_gateway_model(), replay_params(
        "    X: {conditions: {X_A: \"kind == 'restaurant' and seats >= 50\", X_B: \"kind == 'bar'\"}}",
        dates=MANY, extra=ATTRS), seed=3)
    taken = {a.case: a.element for a in r.activities}
    assert len(taken) == 26
    # the same attribute draws, replayed with the engine's own stream names, decide every case
    from simulator.streams import root_sequence, stream, uniforms

    draws = {name: uniforms(stream(root_sequence(3), "attribute", name)) for name in ("kind", "seats")}
    for case in range(26):
        u_kind, u_seats = next(draws["kind"]), next(draws["seats"])
        kind = "restaurant" if u_kind < 0.5 else "bar" if u_kind < 0.8 else "catering"
        seats = 20 if u_seats < 0.5 else 80
        want = "A" if kind == "restaurant" and seats >= 50 else "B" if kind == "bar" else "C"
        assert taken[case] == want, case
    assert set(Counter(taken.values())) == {"A", "B", "C"}


def test_no_condition_holds_and_no_default_names_the_gateway_and_case() -> None:
    gw = Gateway(id="X", gateway_kind="exclusive", parent="P")
    p = proc([start("S"), gw, task("A"), task("B"), end("E")], "S>X X>A X>B A>E B>E")
    prm = replay_params("    X: {conditions: {X_A: \"kind == 'restaurant'\", X_B: \"kind == 'bar'\"}}",
                        dates=MANY, extra=ATTRS)
    with pytest.raises(SimulationError, match=r"case \d+ has attributes .*no condition") as err:
        run(p, prm)
    assert err.value.element == "X"


def test_condition_problems_are_named_before_the_run() -> None:
    with pytest.raises(InputError, match=r"elements\.X\.conditions\.X_A.*attribute 'size'.*expected one of kind, seats"):
        replay_params("    X: {conditions: {X_A: \"size > 3\"}}", extra=ATTRS)
    prm = replay_params("    X: {conditions: {X_A: \"kind == 'bar'\", X_Q: \"seats > 3\"}}", extra=ATTRS)
    gw = Gateway(id="X", gateway_kind="exclusive", parent="P")
    p = proc([start("S"), gw, task("A"), task("B"), end("E")], "S>X X>A X>B A>E B>E")
    with pytest.raises(SimulationError) as err:
        check_executable(p, prm)
    assert "X_Q, not outgoing flows" in str(err.value) and "X_B need a condition" in str(err.value)


def test_cardinality_from_params_fixed_and_drawn() -> None:
    p = proc([start("S"), task("A", mi="5"), end("E")], "S>A A>E")
    r = run(p, replay_params("    A: {delay: 1h, cardinality: 2}"))
    assert len(r.activities) == 2  # the params override the model's 5
    r = run(p, replay_params("    A: {delay: 1h, cardinality: {dist: empirical, values: [1, 3], weights: [1, 1]}}",
                             dates=MANY))
    per_case = Counter(a.case for a in r.activities)
    assert set(per_case.values()) == {1, 3} and len(per_case) == 26
    with pytest.raises(InputError, match=r"elements\.A\.cardinality.*-1"):
        replay_params("    A: {cardinality: -1}")
    with pytest.raises(InputError, match=r"elements\.A\.cardinality\.values.*plain numbers"):
        replay_params("    A: {cardinality: {dist: empirical, values: [1d, 2d]}}")


def test_standard_loop_again_is_geometric_capped_by_max() -> None:
    p = proc([start("S"), task("A", loop_max=9), end("E")], "S>A A>E")
    r = run(p, replay_params("    A: {delay: 1h, loop: {max: 4, again: 0.5}}", dates=MANY))
    per_case = Counter(a.case for a in r.activities)
    assert set(per_case.values()) <= {1, 2, 3, 4} and len(set(per_case.values())) > 1
    r = run(p, replay_params("    A: {delay: 1h, loop: {max: 4, again: 0}}", dates=MANY))
    assert set(Counter(a.case for a in r.activities).values()) == {1}
    r = run(p, replay_params("    A: {delay: 1h, loop: {max: 4, again: 1}}", dates=MANY))
    assert set(Counter(a.case for a in r.activities).values()) == {4}
    with pytest.raises(InputError, match=r"elements\.A\.loop\.again.*1\.5.*probability"):
        replay_params("    A: {loop: {max: 4, again: 1.5}}")


@pytest.mark.parametrize("text", ["kind == 'bar' and seats > 50 or kind == 'catering'",
                                  "seats < 50 or seats >= 80 and kind in ['bar', 'restaurant']",
                                  "kind != 'bar' and seats <= 20", "seats > 'many' or kind == 'bar'"])
def test_a_condition_is_the_or_of_ands_of_its_comparisons(text: str) -> None:
    cond = parse_condition(text)
    for kind in ("restaurant", "bar", "catering"):
        for seats in (20, 50, 80):
            attrs = {"kind": kind, "seats": seats}
            want = any(all(c.evaluate(attrs) for c in group) for group in cond.any_of)
            assert cond.evaluate(attrs) is want


def test_a_condition_stops_at_the_first_comparison_that_decides() -> None:
    cond = parse_condition("seats > 50 and missing == 1 or kind == 'bar'")
    assert cond.evaluate({"seats": 20, "kind": "bar"}) is True  # `missing` is never read
    with pytest.raises(KeyError):
        cond.evaluate({"seats": 80, "kind": "bar"})  # here it is, as with any/all
