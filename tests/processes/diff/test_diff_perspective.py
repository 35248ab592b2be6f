"""The applicant's side of a step and the office's (perspective.py): "Check the manager's
server training certificate" = "Send your manager through the server training"."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.perspective import PERSPECTIVE, applicant_voiced, object_of
from processes.diff.view import build_view


def _office(*after: str) -> object:
    """The office's procedure: its own steps ``after`` the decision."""
    nodes = [
        ("S", "start", "Application received"),
        ("R", "userTask", "Register the application"),
        ("D", "userTask", "Decide on the licence"),
        *((f"M{k}", "userTask", m) for k, m in enumerate(after)),
        ("E", "end", "Licence issued"),
    ]
    ids = ["S", "R", "D", *(f"M{k}" for k in range(len(after))), "E"]
    return model(nodes, chain=" ".join(ids), lanes={"Licensing Clerk": ids})


def _guide(*before: str, lane: str = "You (restaurant owner)") -> object:
    """The applicant's guide: its steps ``before`` the decision (another place than the office's)."""
    nodes = [
        ("S", "start", "You decide to serve wine"),
        ("R", "userTask", "Register the application"),
        *((f"M{k}", "userTask", m) for k, m in enumerate(before)),
        ("D", "userTask", "Decide on the licence"),
        ("E", "end", "Licence issued"),
    ]
    ids = ["S", "R", *(f"M{k}" for k in range(len(before))), "D", "E"]
    return model(nodes, chain=" ".join(ids), lanes={lane: ids})


def test_an_imperative_acts_on_what_follows_its_verb() -> None:
    assert (
        object_of("Turn in the application and pay the filing fee")
        == "the application and pay the filing fee"
    )
    assert object_of("Send your manager through the alcohol server training") == (
        "your manager through the alcohol server training"
    )
    # no imperative, or a verb with its object straight after: no object read
    assert object_of("Completeness review") is None
    assert object_of("Confirm restaurant use is allowed") is None


def test_a_model_that_speaks_to_the_applicant_is_applicant_voiced() -> None:
    assert applicant_voiced(build_view(_guide("Pay the fee")))
    assert not applicant_voiced(build_view(_office("Receive the fee")))
    # "your" in the labels says it as well as the lane
    assert applicant_voiced(build_view(_guide("Pay your fee", "Pick up your licence", lane="County")))


def test_the_two_sides_of_one_step_pair_by_what_they_act_on() -> None:
    office = _office("Check the manager's responsible beverage server training certificate")
    guide = _guide("Send your manager through the alcohol server training")
    d = diff_models(office, guide, language="en")
    assert [(m.a, m.b) for m in d.matches if m.how == PERSPECTIVE] == [(("M0",), ("M0",))]
    assert any("speaks to the applicant" in n for n in d.notes)


def test_two_objects_equally_near_make_no_pair() -> None:
    # the weak side: two office steps act on the license fee (receiving it, refunding it); the
    # object cannot tell which is the payment's other side, so no pair, the payment stays a question
    office = _office("Receive the license fee", "Refund the license fee")
    d = diff_models(office, _guide("Pay the license fee"), language="en")
    assert not [m for m in d.matches if m.how == PERSPECTIVE]
    [pay] = [u for u in d.uncertain if u.side == "b" and u.step == "M0"]
    assert {c.ids for c in pay.candidates} == {("M0",), ("M1",)}


def test_two_models_in_the_same_voice_are_left_alone() -> None:
    office = _office("Check the manager's responsible beverage server training certificate")
    other = _guide("Send the manager through the alcohol server training", lane="Licensing Officer")
    assert not [m for m in diff_models(office, other, language="en").matches if m.how == PERSPECTIVE]
