"""bench/study_meaning.py (issue 11): the partner ranks, AUC and the mutual-best-with-margin rule,
on one English development pair with the matcher's own label similarity (no optional package),
and the refusal of the held-out pairs."""

from __future__ import annotations

import numpy as np
import pytest
from benchscript import bench_script

sm = bench_script("study_meaning.py", "study_meaning")


def _block(sim: list[list[float]], gold: set[tuple[str, str]], matched_a: frozenset[str] = frozenset()) -> object:
    xs = tuple(f"x{i}" for i in range(len(sim)))
    ys = tuple(f"y{j}" for j in range(len(sim[0])))
    return sm.Block("t", "en", xs, ys, frozenset(gold), frozenset(matched_a), frozenset(), {"s": np.array(sim)})


def test_the_partners_rank_counts_ties_against_it() -> None:
    block = _block([[0.9, 0.9, 0.1], [0.2, 0.8, 0.3]], {("x0", "y0"), ("x1", "y1")})
    # x0: y1 ties with its partner y0 -> rank 2; x1: y1 first -> 1; y0: x0 first -> 1; y1: x0 above -> 2
    assert sm.partner_ranks(block, "s") == [(2, True), (1, True), (1, True), (2, True)]


def test_auc_is_the_share_of_gold_over_non_gold_pairs_with_ties_half() -> None:
    block = _block([[0.9, 0.5], [0.5, 0.4]], {("x0", "y0"), ("x1", "y1")})
    # gold 0.9 and 0.4 against non-gold 0.5 and 0.5: 0.9 wins both, 0.4 loses both
    assert sm.roc_auc(block, "s") == pytest.approx(0.5)


def test_mutual_best_needs_the_margin_on_both_sides_among_unmatched_steps() -> None:
    block = _block([[0.90, 0.88], [0.10, 0.50], [0.95, 0.20]], {("x1", "y1"), ("x2", "y0")}, frozenset({"x0"}))
    # x0 is matched already: among x1, x2 the best of x2 is y0 (lead 0.75), of x1 y1 (lead 0.4)
    assert sm.mutual_best(block, "s", 0.05) == ({("x1", "y1"), ("x2", "y0")}, {("x1", "y1"), ("x2", "y0")})
    assert sm.mutual_best(block, "s", 0.5) == ({("x2", "y0")}, {("x1", "y1"), ("x2", "y0")})


def test_one_english_pair_with_the_matchers_label_similarity() -> None:
    lines = sm.study(["e1"], ())
    assert lines[0] == "1 pairs, 2 family blocks, 6 gold pairs with both steps left unmatched"
    assert "| labelsim | en | 24 | 0.708 | 0.823 | 11 | 0.909 | 0.939 | 0.973 |" in lines
    assert "| labelsim | 0.03 | 0 | 0 | - | - (0/0) | 3 | 3 | 1.000 | 0.500 (3/6) | 3 | 3 | 1.000 | 0.500 (3/6) |" in lines


def test_the_held_out_pairs_are_refused() -> None:
    with pytest.raises(ValueError, match="pairs p84, p91 are held out"):
        sm.study(["p1", "p84", "p91"], ())


def test_two_signals_agree_on_a_pair_only_when_both_propose_it() -> None:
    block = _block([[0.9, 0.1], [0.2, 0.8]], {("x0", "y0"), ("x1", "y1")})
    block.signals["t"] = np.array([[0.9, 0.1], [0.8, 0.2]])  # x1's best is y0, but y0's is x0
    assert sm.agreed(block, ("s", "t"), 0.0) == ({("x0", "y0")}, {("x0", "y0"), ("x1", "y1")})
