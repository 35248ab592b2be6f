"""A wide place's mutual best pair by label (processes/diff/placebest.py)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.placed import PLACED


def _block(prefix: str, names: list[str]):
    """Receive -> a parallel block of ``names`` -> Issue: the block's steps share one place."""
    nodes = [
        ("S", "start", ""),
        (f"{prefix}0", "task", "Receive the application"),
        (f"{prefix}G1", "and", ""),
        (f"{prefix}G2", "and", ""),
        (f"{prefix}9", "task", "Issue the licence"),
        ("E", "end", ""),
    ]
    flows = [("S", f"{prefix}0"), (f"{prefix}0", f"{prefix}G1"), (f"{prefix}G2", f"{prefix}9"), (f"{prefix}9", "E")]
    for i, name in enumerate(names, 1):
        nodes.append((f"{prefix}{i}", "task", name))
        flows += [(f"{prefix}G1", f"{prefix}{i}"), (f"{prefix}{i}", f"{prefix}G2")]
    return model(nodes, flows)


def _inner(d) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    return [(m.a, m.b, m.how) for m in d.matches if m.a[0] not in ("S", "A0", "A9", "E")]


def test_the_clear_best_pair_of_a_wide_place_is_paired() -> None:
    # two checks (review / verify, related inside the place) and two other steps sharing nothing
    d = diff_models(
        _block("A", ["Review the floor plan", "Collect the fee"]),
        _block("B", ["Verify the drawings", "Notify the neighbours"]),
    )
    assert _inner(d) == [(("A1",), ("B1",), PLACED)]
    assert any("clearest partner by label" in n for n in d.notes)
    assert {u.step for u in d.uncertain} == {"A2", "B2"}


def test_a_best_not_ahead_of_the_second_stays_uncertain() -> None:
    # "Verify the drawings" is as near "Review the fee" as "Review the floor plan": no clear best
    d = diff_models(
        _block("A", ["Review the floor plan", "Review the fee"]),
        _block("B", ["Verify the drawings", "Notify the neighbours"]),
    )
    assert _inner(d) == []
    assert {u.step for u in d.uncertain} == {"A1", "A2", "B1", "B2"}


def test_labels_under_related_stay_uncertain() -> None:
    d = diff_models(
        _block("A", ["Review the floor plan", "Collect the fee"]),
        _block("B", ["Inspect the drawings", "Notify the neighbours"]),
    )
    assert _inner(d) == []
