"""A last look before a step is claimed only in its model (processes/diff/besidematch.py): a step
left over right beside a correspondence whose step in the other model its label is like is asked
about that step, whatever the score; no pair is made (rule 1). Then a decision step against the
other model's decision stage when it draws no decision step (rule 2). The rule cases fail without the pass."""

from __future__ import annotations

from diffbuilders import candidates, linear, model, only

from processes.diff import diff_models
from processes.diff.besidematch import DECISION_REASON
from processes.diff.formats import diff_text

_COARSE = ["Ansökan kommer in", "Ansökan registreras och kompletteras", "Utred ansökan", "Beslut i nämnden"]
_REASON = (
    "right beside its match Registrera ansökan ↔ Ansökan registreras och kompletteras: may be part of it"
)


def test_a_finer_step_beside_the_coarse_match_is_asked_about_not_claimed_only() -> None:
    # p91's shape: "Skapa nytt ärende i diariet" right after "Registrera ansökan", which holds the
    # coarse "Ansökan registreras och kompletteras" (labels 0.40, the score under the rival bar)
    fine = [
        "Ansökan kommer in",
        "Registrera ansökan",
        "Skapa nytt ärende i diariet",
        "Utred ansökan",
        "Beslut i nämnden",
    ]
    d = diff_models(linear(fine, prefix="A"), linear(_COARSE, prefix="B"))
    (c,) = candidates(d, "a", "A2")
    assert c.ids == ("B1",)
    assert 0.3 <= c.label < 0.5
    assert c.reasons[-1].startswith(_REASON)
    assert only(d) == []
    assert "A2" not in {s for m in d.matches for s in m.a}  # a question, not a pair
    assert _REASON in diff_text(d)


def test_the_same_from_b() -> None:
    fine = [
        "Ansökan kommer in",
        "Registrera ansökan",
        "Skapa nytt ärende i diariet",
        "Utred ansökan",
        "Beslut i nämnden",
    ]
    d = diff_models(linear(_COARSE, prefix="A"), linear(fine, prefix="B"))
    (c,) = candidates(d, "b", "B2")
    assert c.ids == ("A1",)
    assert c.reasons[-1].startswith(
        "right beside its match Registrera ansökan ↔ Ansökan registreras och kompletteras"
    )
    assert only(d) == []


def test_a_like_step_far_from_the_match_stays_only() -> None:
    # the same step drawn after the decision: the registration's correspondence is not beside it
    far = [
        "Ansökan kommer in",
        "Registrera ansökan",
        "Utred ansökan",
        "Beslut i nämnden",
        "Skapa nytt ärende i diariet",
    ]
    d = diff_models(linear(far, prefix="A"), linear(_COARSE, prefix="B"))
    assert candidates(d, "a", "A4") == []
    assert only(d) == ["a:A4"]


def test_an_unlike_step_beside_the_match_stays_only() -> None:
    unlike = [
        "Ansökan kommer in",
        "Registrera ansökan",
        "Skicka faktura",
        "Utred ansökan",
        "Beslut i nämnden",
    ]
    d = diff_models(linear(unlike, prefix="A"), linear(_COARSE, prefix="B"))
    assert candidates(d, "a", "A2") == []
    assert only(d) == ["a:A2"]


# rule 2: many96's clause 1 (its tests, from its commit 16a9899), in the same last look


def _decision(label_a: str, label_b: str) -> tuple[object, object]:
    """A's decision between the investigation and the letter; B draws nothing there and a step of
    its own before the investigation."""
    a = model(
        [
            ("S", "start", "Ansökan in"), ("R", "userTask", "Diarieföring av ansökan"), ("U", "userTask", "Utredning"),
            ("D", "userTask", label_a), ("N", "sendTask", "Beslutet skickas till sökanden"), ("E", "end", "Avslutat"),
        ],
        chain="S R U D N E",
    )  # fmt: skip
    b = model(
        [
            ("S", "start", "Ansökan in"), ("R", "userTask", "Diarieföring av ansökan"), ("J", "userTask", label_b),
            ("U", "userTask", "Utredning"), ("N", "sendTask", "Beslutet skickas till sökanden"), ("E", "end", "Avslutat"),
        ],
        chain="S R J U N E",
    )  # fmt: skip
    return a, b


def _asked(d: object) -> list[tuple[str, str, list[tuple[str, ...]]]]:
    return [(u.side, u.step, [c.ids for c in u.candidates]) for u in d.uncertain]


def _only(d: object) -> list[tuple[str, tuple[str, ...]]]:
    return [(x.kind, x.a or x.b) for x in d.differences if x.kind.startswith("only")]


def test_a_decision_asks_about_the_decision_stage_when_the_other_model_draws_no_decision() -> None:
    # p66: "Delegationsbeslut fattas och registreras" against the applicant's "Nämnden sa ja"
    d = diff_models(*_decision("Delegationsbeslut fattas och registreras", "Nämnden sa ja"))
    assert _asked(d) == [("a", "D", [("J",)])]
    assert d.uncertain[0].candidates[0].reasons == (DECISION_REASON,)
    assert _only(d) == [("only_in_b", ("J",))]  # the question is asked from the decision's side only


def test_a_stage_heading_before_the_decision_is_still_the_decision_stage() -> None:
    # p67's shape: a label under a stage heading ("Beslutsfattande: …") is not read as a decision step
    d = diff_models(*_decision("Delegationsbeslut", "Beslutsfattande: individutskottet sammanträder"))
    assert _asked(d) == [("a", "D", [("J",)])]
    assert _only(d) == [("only_in_b", ("J",))]


def test_a_decision_against_no_step_of_the_decision_stage_stays_only() -> None:
    # weak case: the other model's step names no stage of the decision
    d = diff_models(*_decision("Delegationsbeslut fattas och registreras", "Vi fick ett brev"))
    assert ("only_in_a", ("D",)) in _only(d)
    assert all(u.step != "D" for u in d.uncertain)
