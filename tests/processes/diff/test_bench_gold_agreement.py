"""bench/gold_agreement.py (issue 11): two gold lists' agreement, where they differ, and the matcher scored
against both (consensus recall, union precision, Kuss et al.'s probabilistic precision and recall)."""

from __future__ import annotations

import pytest
from benchscript import bench_script

ga = bench_script("gold_agreement.py", "gold_agreement")


def test_support_is_the_share_of_lists_drawing_a_pair() -> None:
    s = ga.support([frozenset({("x", "y"), ("u", "v")}), frozenset({("x", "y")})])
    assert s == {("x", "y"): 1.0, ("u", "v"): 0.5}


def test_differences_name_granularity_other_partner_and_only_in_one_list() -> None:
    first = frozenset({("x", "y"), ("u", "v"), ("w", "z")})
    second = frozenset({("x", "y"), ("x", "y2"), ("u", "q")})
    # x: {y} vs {y, y2} (granularity); y2 only in the second; u: {v} vs {q} (other partner);
    # v and q: a partner in one list only; w and z: a partner in the first only
    assert ga.differences(first, second) == {"granularity": 1, "other partner": 1, "only in one list": 5}
    assert ga.differences(first, first) == {"granularity": 0, "other partner": 0, "only in one list": 0}


def test_the_tally_by_hand() -> None:
    t = ga.Tally()
    first = frozenset({("a1", "b1"), ("a2", "b2"), ("a3", "b3")})
    second = frozenset({("a1", "b1"), ("a2", "b2"), ("a4", "b4")})
    found = frozenset({("a1", "b1"), ("a3", "b3"), ("a4", "b5")})
    t.add(
        first,
        second,
        frozenset({"a1", "a2", "a3", "a4", "a5"}),
        frozenset({"b1", "b2", "b3", "b4", "b5"}),
        found,
        frozenset({("a", "a2"), ("a", "a3"), ("a", "a5")}),
    )
    assert (t.first, t.second, t.both) == (3, 3, 2)
    # only in one model: first leaves a4, a5, b4, b5; second a3, a5, b3, b5; both a5, b5
    assert (t.only_first, t.only_second, t.only_both) == (4, 4, 2)
    assert (t.found, t.right_first, t.right_second, t.right_both, t.right_either) == (3, 2, 1, 1, 2)
    # support: a1-b1 1.0, a2-b2 1.0, a3-b3 0.5, a4-b4 0.5; found with support 1.0 + 0.5, one without
    assert t.prop_in == pytest.approx(1.5) and t.prop_out == 1 and t.support_all == pytest.approx(3.0)
    row = t.matcher_row("x")
    # ProP 1.5 / 2.5, ProR 1.5 / 3.0; consensus 1 of 2; union 2 of 3
    # "only" claims: a2 (both lists pair it), a3 (the first pairs it), a5 (neither)
    assert row.endswith("| 0.600 | 0.500 | 0.545 | 3 | 2 / 1 / 1 |")
    assert "| 0.600 | 0.500 | 0.545 |" in row and "0.500 (1/2)" in row and "0.667 (2/3)" in row
    assert t.agreement_row("x").startswith(
        "| x | 1 | 3 | 3 | 2 | 0.667 | 0.667 | 0.667 | 4 / 4 / 2 | 0.500 |"
    )


def test_one_real_pair_with_itself_as_the_second_list() -> None:
    pair = next(ga.bm.swedish_pairs(("p1",)))
    found = ga.bm.found_pairs(pair)
    t = ga.Tally()
    t.add(pair.gold, pair.gold, pair.scored_a, pair.scored_b, found)
    assert t.both == t.first == t.second == len(pair.gold)
    assert sum(t.kinds.values()) == 0
    # one list twice: every support is 1, so the probabilistic figures are the plain ones
    p, r = len(found & pair.gold) / len(found), len(found & pair.gold) / len(pair.gold)
    assert f"| {p:.3f} | {r:.3f} | {2 * p * r / (p + r):.3f} | 0 | 0 / 0 / 0 |" in t.matcher_row("p1")


def test_the_held_out_round_is_not_run_through_the_matcher_without_the_flag(tmp_path, monkeypatch) -> None:
    import shutil

    shutil.copytree(ga.bm.SWEDISH / "p1", tmp_path / "p1")
    shutil.copy(tmp_path / "p1" / "gold.yaml", tmp_path / "p1" / "gold2.yaml")
    monkeypatch.setattr(ga.bm, "SWEDISH", tmp_path)
    quiet = "\n".join(ga.report({"sv-r26": ("p1",), "sv-r25": ("p1",)}, held_out=False))
    assert "| sv-r26 | not run (held out" in quiet and "| sv-r25 | not run" not in quiet
    # the two lists' agreement is reported either way: the same list twice agrees fully
    assert "| sv-r26 | 1 |" in quiet and "| 1.000 | 1.000 | 1.000 |" in quiet
    loud = "\n".join(ga.report({"sv-r26": ("p1",)}, held_out=True))
    assert "not run" not in loud


def test_a_round_without_second_lists_says_so() -> None:
    empty = ga.Tally()
    assert empty.agreement_row("r").startswith("| r | 0 (no second list) |")
    assert empty.matcher_row("r").startswith("| r | no second list |")
