"""bench/bench_matching.py's two columns for the uncertain tier: of the uncertain steps that
have a gold partner, the share with a gold partner among their candidates and the share whose
first candidate is one (any one partner of a one-to-many gold; any step of a block candidate)."""

from __future__ import annotations

import re
import sys

import pytest
from benchscript import bench_script

from processes.diff.matchtypes import Candidate, Uncertain

bm = bench_script("bench_matching.py", "bench_matching_tier")


def _asked(side: str, step: str, *candidates: tuple[str, ...]) -> Uncertain:
    return Uncertain(side, step, tuple(Candidate(ids, 0.5, 0.5, ()) for ids in candidates))


#: a1 = b1; a2 = b2 + b3 (one step drawn as two); a3 = b4
GOLD = frozenset({("a1", "b1"), ("a2", "b2"), ("a2", "b3"), ("a3", "b4")})


def test_the_two_shares_of_a_hand_built_tier() -> None:
    tier = [
        _asked("a", "a1", ("b1",), ("b9",)),  # partner first
        _asked("a", "a2", ("b9",), ("b3",)),  # one of its two partners, second: among, not first
        _asked("b", "b3", ("a7", "a2")),  # a block candidate holding its partner, first
        _asked("b", "b4", ("a9",), ("a8",)),  # partner a3 asked about by neither candidate
        _asked("b", "b5", ("a1",)),  # no gold partner: not counted at all
        _asked("a", "a4", ("b1",)),  # no gold partner either
    ]
    # by hand: four uncertain steps have a gold partner (a1, a2, b3, b4; b5 and a4 do not);
    # among the candidates: a1, a2, b3 = 3 of 4; first: a1, b3 = 2 of 4
    assert bm.tier_accuracy(tier, GOLD) == (4, 3, 2)
    assert bm._share(3, 4) == "0.750 (3/4)"
    assert bm._share(2, 4) == "0.500 (2/4)"


def test_a_tier_with_no_gold_partner_counts_nothing_and_shows_a_dash() -> None:
    tier = [_asked("b", "b5", ("a1",)), _asked("a", "a4", ("b1",), ("b2",))]
    assert bm.tier_accuracy(tier, GOLD) == (0, 0, 0)
    assert bm.tier_accuracy([], GOLD) == (0, 0, 0)
    assert bm._share(0, 0) == "-"


def test_a_step_is_read_on_its_own_side_only() -> None:
    # "b1" asked on side a is a different step from B's b1: it has no gold partner in A's ids
    assert bm.tier_accuracy([_asked("a", "b1", ("a1",))], GOLD) == (0, 0, 0)
    assert bm.tier_accuracy([_asked("b", "b1", ("a1",))], GOLD) == (1, 1, 1)


def test_the_table_shows_both_columns_after_the_existing_ones(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["bench_matching.py", "--sets", "sv"])
    assert bm.main() == 0
    header, rule, row = capsys.readouterr().out.splitlines()
    cells = [c.strip() for c in header.strip("|").split("|")]
    assert cells[-5:] == ["false only", "true only", "CPU s", "partner among candidates", "partner first"]
    assert rule.count("|") == header.count("|")
    values = [c.strip() for c in row.strip("|").split("|")]
    assert values[0] == "sv" and len(values) == len(cells)
    shares = [re.fullmatch(r"(\d\.\d{3}) \((\d+)/(\d+)\)", v) for v in values[-2:]]
    assert all(shares), values[-2:]
    among, first = (m.groups() for m in shares)  # type: ignore[union-attr]
    assert among[2] == first[2]  # one denominator: the uncertain steps with a gold partner
    assert int(first[1]) <= int(among[1]) <= int(among[2])
