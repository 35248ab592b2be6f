"""A last look before a step is claimed only in its model (lastlook.py; bench/RESULTS-matching.md
"Branch many96": sv-r18 p65 and p67, sv-r21 p76)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.lastlook import DECISION_REASON, MIRROR_REASON


def _invoice(label_b: str, type_b: str = "sendTask") -> tuple[object, object]:
    """p65's shape: an invoice right after the registration in both models, then the knowledge test
    and the site visit in one order in A and the other in B (the places share their first bound only)."""
    a = model(
        [
            ("S", "start", "Ansökan in"), ("R", "userTask", "Diarieföring av ansökan"),
            ("X", "sendTask", "Räkning på behandlingsavgiften sänds"), ("P", "userTask", "Kunskapsprov"),
            ("Q", "userTask", "Platsbesök"), ("D", "userTask", "Beslut i nämnden"), ("E", "end", "Avslutat"),
        ],
        chain="S R X P Q D E",
    )  # fmt: skip
    b = model(
        [
            ("S", "start", "Ansökan in"), ("R", "userTask", "Diarieföra ansökan"), ("Y", type_b, label_b),
            ("Q", "userTask", "Platsbesök"), ("P", "userTask", "Kunskapsprov"), ("D", "userTask", "Beslut i nämnden"),
            ("E", "end", "Avslutat"),
        ],
        chain="S R Y Q P D E",
    )  # fmt: skip
    return a, b


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


def test_two_mirrored_claims_ask_about_each_other() -> None:
    # main: "only in A: Räkning på behandlingsavgiften sänds" and "only in B: Fakt. avg." (labels 0 alike)
    d = diff_models(*_invoice("Fakt. avg."))
    assert _asked(d) == [("a", "X", [("Y",)]), ("b", "Y", [("X",)])]
    assert _only(d) == []
    reasons = [c.reasons for u in d.uncertain for c in u.candidates]
    assert reasons == [
        (f"{MIRROR_REASON} (Diarieföring av ansökan)",),
        (f"{MIRROR_REASON} (Diarieföra ansökan)",),
    ]
    assert [(m.a, m.b) for m in d.matches if "X" in m.a or "Y" in m.b] == []  # a question, no pair


def test_mirrored_claims_of_two_task_types_stay_only() -> None:
    # weak case: a send task against a user task is not "one kind": both stay only in their model
    d = diff_models(*_invoice("Fakt. avg.", "userTask"))
    assert _asked(d) == []
    assert _only(d) == [("only_in_a", ("X",)), ("only_in_b", ("Y",))]


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
