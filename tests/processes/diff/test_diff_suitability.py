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


# guards (branch many63; bench/RESULTS-matching.md "Branch many63")


def _chain(labels: list[tuple[str, str]]) -> object:
    nodes = [("S", "start", ""), *[(k, "userTask", v) for k, v in labels], ("E", "end", "")]
    return model(nodes, [], chain="S " + " ".join(k for k, _ in labels) + " E")


def _with_matched_review() -> object:
    """A model whose review also names the premises, so it is matched with the other model's premises step."""
    return _chain([
        ("R", "Diarieföra ansökan"), ("L", "Pröva sökandens lämplighet och lokalens utformning"),
        ("U", "Utredning och förslag till beslut"), ("D", "Beslut i nämnden"),
    ])  # fmt: skip


def _premises_then(step: str) -> object:
    return _chain([
        ("R", "Registrera ansökan"), ("P", "Granska lokalens utformning"), ("V", step),
        ("U", "Ta fram ett förslag till beslut"), ("D", "Fatta beslut"),
    ])  # fmt: skip


def test_guard_a_a_review_joins_the_other_models_matched_review_not_the_investigation() -> None:
    d = diff_models(_premises_then("Vandelsprövning"), _with_matched_review())
    assert _partners(d, "a", "V") == [("L",)]
    assert not any("V" in m.a and "U" in m.b for m in d.matches)
    assert any("joins the other model's review" in n and "Vandelsprövning" in n for n in d.notes)
    d2 = diff_models(_with_matched_review(), _premises_then("Vandelsprövning"))
    assert _partners(d2, "b", "V") == [("L",)]


def test_guard_a_a_step_with_no_suitability_word_does_not_join_the_review() -> None:
    d = diff_models(_premises_then("Beställa kaffe till mötet"), _with_matched_review())
    assert _partners(d, "a", "V") == []
    assert not any("joins" in n for n in d.notes)


def test_guard_b_a_completeness_check_listing_financing_is_no_review() -> None:
    check = "Kontrollera bilagor mot checklistan (hyresavtal, finansiering, planritning, meny)"
    d = diff_models(_review(check), _coarse())
    assert _partners(d, "a", "V") == []
    assert not any("joins the investigation" in n for n in d.notes)
    # the financing named outside a check is a review and joins
    d2 = diff_models(_review("Granska finansieringen"), _coarse())
    assert _partners(d2, "a", "V") == [("U",)]


def test_guard_c_the_review_joins_the_investigation_not_the_hearing() -> None:
    review = _chain([
        ("R", "Registrera ansökan"), ("P", "Platsbesök på serveringsstället"),
        ("V", "Vandelsprövning och ekonomisk prövning av sökanden"), ("D", "Fatta beslut"),
    ])  # fmt: skip
    other = _chain([
        ("R", "Diarieföra ansökan"), ("P", "Besök på restaurangen"), ("U", "Tjänsteskrivelse"),
        ("K", "Utredningen kommuniceras med sökanden"), ("D", "Beslut i nämnden"),
    ])  # fmt: skip
    # the hearing shares more words with the review, but it communicates the investigation: not it
    d = diff_models(review, other)
    assert _partners(d, "a", "V") == [("U",)]
    assert any('joins the investigation "Tjänsteskrivelse"' in n for n in d.notes)


def test_guard_c_a_hearing_alone_is_still_the_investigation() -> None:
    only_hearing = _chain([
        ("R", "Diarieföra ansökan"), ("K", "Utredningen kommuniceras med sökanden"), ("D", "Beslut i nämnden"),
    ])  # fmt: skip
    d = diff_models(_review("Prövning av vandel och ekonomi"), only_hearing)
    assert _partners(d, "a", "V") == [("K",)]
