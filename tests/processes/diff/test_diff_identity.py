"""A model against itself with every id renamed and labels rephrased: everything matches."""

from __future__ import annotations

import pytest
from diffbuilders import renamed
from test_diff_pairs import base

from processes.diff import diff_models

REPHRASED = {
    "Ansökan inkommer": "Ansökan tas emot",
    "Registrera ansökan": "Diarieför ärendet",
    "Granska ansökan": "Granskning av ansökningen",
    "Skicka remisser": "Skickar remiss",
    "Vänta på remissvar": "Väntar på yttranden",
    "Platsbesök": "Besök på plats",
    "Skriv utredning och beslutsförslag": "Skriver utredning och förslag till beslut",
    "Beslut om serveringstillstånd": "Fatta beslut om serveringstillstånd",
    "Meddela beslut": "Underrätta om beslutet",
    "Beslut meddelat": "Beslutet meddelat",
}


def test_every_step_is_matched_to_its_renamed_twin_with_similarity_one() -> None:
    a = base()
    b = renamed(a, prefix="Activity_0x", labels=REPHRASED)
    d = diff_models(a, b)
    assert [(m.a, m.b) for m in d.matches] == [
        ((s,), ("Activity_0x" + s,)) for s in a.process().nodes if not s.startswith("G")
    ]
    assert [m.label for m in d.matches] == [1.0] * 10
    assert d.differences == ()
    # every rephrasing above means the same after normalisation, stems, compounds and synonyms,
    # so every label similarity is 1 and all three scores are exactly 1
    assert (d.similarity.node_matching, d.similarity.structural, d.similarity.behavioural) == (1.0, 1.0, 1.0)


def test_a_partial_rephrasing_still_matches_and_costs_exactly_its_label_distance() -> None:
    a = base()
    b = renamed(a, labels={"Meddela beslut": "Meddela beslutet till sökanden"})
    d = diff_models(a, b)
    assert len(d.matches) == 10 and d.differences == ()
    # terms {delge, besluta} vs {delge, besluta, sökande}, each weighted by how many labels
    # of its model carry it ("beslut" is in three of B's; "sökande", the applicant, in one):
    # the bag gives (w + w' + w + w') / (w + w' + w + w' + 1) = 0.681, but A's whole label is
    # the head of B's ("till sökanden" is a complement), so the containment floor 0.7 counts
    label = [m.label for m in d.matches if m.a == ("T7",)]
    assert label == [0.7]
    # node matching 2 * (9 + 0.7) / 20; structural 1 - (0 + 0 + 2 * 0.3 / 20) / 3; behaviour unchanged
    assert d.similarity.node_matching == pytest.approx(0.97)
    assert d.similarity.structural == pytest.approx(1 - 2 * 0.3 / 20 / 3, abs=1e-6)
    assert d.similarity.behavioural == 1.0
