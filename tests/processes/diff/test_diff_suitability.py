"""A review of the applicant's suitability left over joins the other model's investigation
(suitability.py; bench/RESULTS-matching.md "Branch many61")."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models


def _review(review: str) -> object:
    """Register, a review of the applicant, a site visit, the investigation, the decision."""
    nodes = [
        ("S", "start", ""), ("R", "userTask", "Registrera ansökan"), ("V", "userTask", review),
        ("P", "manualTask", "Platsbesök på serveringsstället"),
        ("U", "userTask", "Skriva utredning med förslag till beslut"), ("D", "userTask", "Fatta beslut"), ("E", "end", ""),
    ]  # fmt: skip
    return model(nodes, [], chain="S R V P U D E")


def _coarse() -> object:
    nodes = [
        ("S", "start", ""), ("R", "userTask", "Diarieföra ansökan"), ("P", "manualTask", "Besök på restaurangen"),
        ("U", "userTask", "Utredning och förslag till beslut"), ("D", "userTask", "Beslut i nämnden"), ("E", "end", ""),
    ]  # fmt: skip
    return model(nodes, [], chain="S R P U D E")


def _partners(d: object, side: str, step: str) -> list[tuple[str, ...]]:
    return [(m.b if side == "a" else m.a) for m in d.matches if step in (m.a if side == "a" else m.b)]


def test_a_review_of_conduct_and_finances_joins_the_investigation() -> None:
    d = diff_models(_review("Vandelsprövning och ekonomisk prövning (PBI, kapitalets ursprung)"), _coarse())
    assert _partners(d, "a", "V") == [("U",)]
    joined = next(m for m in d.matches if "V" in m.a)
    assert joined.a == ("V", "U") and joined.how == "grouped"
    assert not [x for x in d.differences if x.kind.startswith("only") and "V" in str(x)]
    assert any("joins the investigation" in n and "Vandelsprövning" in n for n in d.notes)
    # read from the other side: the same correspondence
    d2 = diff_models(_coarse(), _review("Vandelsprövning och ekonomisk prövning (PBI, kapitalets ursprung)"))
    assert _partners(d2, "b", "V") == [("U",)]


def test_a_step_with_no_suitability_word_stays_unjoined() -> None:
    d = diff_models(_review("Beställa kaffe till mötet"), _coarse())
    assert _partners(d, "a", "V") == []


def test_when_both_models_draw_a_review_the_rule_does_nothing() -> None:
    coarse = _coarse()
    both = diff_models(_review("Prövning av vandel och ekonomi"), _review("Granska finansieringen och ekonomisk vandel"))
    # each model's review is left to the other passes: it pairs with the other's review, not the investigation
    assert _partners(both, "a", "V") == [("V",)]
    assert _partners(diff_models(_review("Prövning av vandel och ekonomi"), coarse), "a", "V") == [("U",)]
