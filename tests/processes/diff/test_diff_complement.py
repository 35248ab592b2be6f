"""complement.py: a condition is the complement of others only when that holds for every case; what it cannot
prove (a string ordered, a condition that does not parse, too many combinations) is no proof."""

from __future__ import annotations

import pytest

from processes.diff.complement import LIMIT, is_complement


@pytest.mark.parametrize(("condition", "others"), [
    ("hinder != 'kvarstar'", ["hinder == 'kvarstar'"]),
    ("seats < 50", ["seats >= 50"]),
    ("seats < 50 or seats > 80", ["seats >= 50 and seats <= 80"]),
    ("tre == false and hinder != 'kvarstar'", ["tre == true", "hinder == 'kvarstar'"]),
    ("hinder != 'a' and hinder != 'b'", ["hinder in ['a', 'b']"]),
])
def test_a_complement_is_proven(condition: str, others: list[str]) -> None:
    assert is_complement(condition, others)


@pytest.mark.parametrize(("condition", "others"), [
    ("hinder == 'inga'", ["hinder == 'kvarstar'"]),  # a third value goes nowhere
    ("seats < 50", ["seats > 50"]),  # 50 goes nowhere
    ("seats <= 50", ["seats >= 50"]),  # 50 goes both ways
    ("kind < 'm'", ["kind >= 'm'"]),  # an order of words: not tried
    ("hinder ==", ["hinder == 'a'"]),  # does not parse
])
def test_what_is_not_proven_is_no_complement(condition: str, others: list[str]) -> None:
    assert not is_complement(condition, others)


def test_too_many_combinations_prove_nothing() -> None:
    # thirteen yes/no marks: 2**13 combinations, more than LIMIT; the same with twelve is proven
    marks = [f"m{i} == true" for i in range(13)]
    assert 2 ** 13 > LIMIT >= 2 ** 12
    assert not is_complement(" and ".join(m.replace("true", "false") for m in marks), marks)
    assert is_complement(" and ".join(m.replace("true", "false") for m in marks[:12]), marks[:12])
