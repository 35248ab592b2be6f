"""What the matching passes read (matchtypes.PassInput): checked once, and read from B's side."""

from __future__ import annotations

import re

import numpy as np
import pytest
from diffbuilders import linear

from processes.diff.core import lexicon_for, prepare
from processes.diff.matching import pair_scores
from processes.diff.matchtypes import DEFAULT_OPTIONS, Match, MatchOptions, PassInput, from_both_sides


def _given(banned: frozenset[tuple[str, str]] = frozenset()) -> PassInput:
    ca = prepare(linear(["Registrera ansökan", "Fatta beslut"], prefix="A"), "A")
    cb = prepare(linear(["Registrera ärendet", "Utred", "Beslut"], prefix="B"), "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    return PassInput(ca.view, cb.view, lex, ("sv", "en"), lab, score, banned, MatchOptions(threshold=0.6))


def test_swapped_reads_the_same_input_from_the_other_model() -> None:
    given = _given(frozenset({("A0", "B1"), ("A1", "B2")}))
    other = given.swapped()
    assert (other.a, other.b, other.lex, other.options) == (given.b, given.a, given.lex, given.options)
    assert other.langs == ("en", "sv")
    assert np.array_equal(other.lab, given.lab.T) and np.array_equal(other.score, given.score.T)
    assert set(other.banned) == {("B1", "A0"), ("B2", "A1")}
    swapped_back = other.swapped()
    assert np.array_equal(swapped_back.lab, given.lab) and set(swapped_back.banned) == set(given.banned)


def test_no_banned_pairs_and_the_default_options_unless_given() -> None:
    given = _given()
    plain = PassInput(given.a, given.b, given.lex, given.langs, given.lab, given.score)
    assert (set(plain.banned), plain.options) == (set(), DEFAULT_OPTIONS)


def test_a_matrix_of_another_shape_than_the_two_models_is_refused() -> None:
    given = _given()
    shape = (len(given.a.steps), len(given.b.steps))
    with pytest.raises(ValueError, match=rf"PassInput.score: shape \(4, 4\) is not .* {re.escape(str(shape))}"):
        PassInput(given.a, given.b, given.lex, given.langs, given.lab, np.zeros((4, 4)))
    with pytest.raises(ValueError, match=r"PassInput.lab: shape"):
        PassInput(given.a, given.b, given.lex, given.langs, given.lab.T, given.score)


def test_a_pass_from_both_sides_reads_a_then_b_on_what_the_first_found() -> None:
    calls = []

    def one_side(given: PassInput, matches: list[Match], *, swap: bool) -> list[Match]:
        calls.append((given.langs, swap, len(matches)))
        return [*matches, Match(("A0",), ("B0",), 0.9, 0.9)]

    found = from_both_sides(one_side, _given(), [])
    assert calls == [(("sv", "en"), False, 0), (("en", "sv"), True, 1)]
    assert len(found) == 2
