"""The applicant's side of a step and the office's (perspective.py): "Check the manager's
server training certificate" = "Send your manager through the server training"."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.perspective import PERSPECTIVE, applicant_voiced, head_of, noun_phrase_of, object_of
from processes.diff.view import build_view


def _office(*work: str, after: tuple[str, ...] = ()) -> object:
    """The office's procedure: its steps ``work`` before the decision and ``after`` it."""
    nodes = [
        ("S", "start", "Application received"),
        ("R", "userTask", "Register the application"),
        *((f"M{k}", "userTask", m) for k, m in enumerate(work)),
        ("D", "userTask", "Decide on the licence"),
        *((f"N{k}", "userTask", m) for k, m in enumerate(after)),
        ("E", "end", "Licence issued"),
    ]
    ids = ["S", "R", *(f"M{k}" for k in range(len(work))), "D", *(f"N{k}" for k in range(len(after))), "E"]
    return model(nodes, chain=" ".join(ids), lanes={"Licensing Clerk": ids})


def _guide(*before: str, after: tuple[str, ...] = (), lane: str = "You (restaurant owner)") -> object:
    """The applicant's guide: its steps ``before`` the decision (the place of the office's ``work``)
    and ``after`` it."""
    nodes = [
        ("S", "start", "You decide to serve wine"),
        ("R", "userTask", "Register the application"),
        *((f"M{k}", "userTask", m) for k, m in enumerate(before)),
        ("D", "userTask", "Decide on the licence"),
        *((f"N{k}", "userTask", m) for k, m in enumerate(after)),
        ("E", "end", "Licence issued"),
    ]
    ids = ["S", "R", *(f"M{k}" for k in range(len(before))), "D", *(f"N{k}" for k in range(len(after))), "E"]
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


#: office steps no step of the guide stands for: the place is wide, as in a clerk's procedure
_FILLER = (
    "Enter the application in the licensing database",
    "Send the legal notice to the newspaper",
    "Put the application on the hearing agenda",
    "Write the staff recommendation",
)
_GUIDE = (
    "Get fingerprinted at the sheriff's office",
    "Send your manager through the alcohol server training",
    "Post the notice sign in your window",
)
_CHECK = "Check the manager's responsible beverage server training certificate"


def test_the_two_sides_of_one_step_pair_by_what_they_act_on() -> None:
    office = _office(*_FILLER[:2], _CHECK, *_FILLER[2:])
    d = diff_models(office, _guide(*_GUIDE), language="en")
    assert [(m.a, m.b) for m in d.matches if m.how == PERSPECTIVE] == [(("M2",), ("M1",))]
    assert any("speaks to the applicant" in n and "in the same place" in n for n in d.notes)


def test_a_rival_as_near_by_object_is_settled_by_the_whole_evidence() -> None:
    # e1: in the same place "Approve the license" is nearly as near to "Pay the license fee" by
    # object as "Receive the license fee payment" is; the full labels ("payment" / "pay") and the
    # rest of the matcher's evidence put the payment ahead. A refund after the decision acts on
    # the same object but stands in another place: no rival
    office = _office(
        "Approve the license",
        *_FILLER[:3],
        "Invoice the applicant for the annual license fee",
        "Receive the license fee payment",
        after=("Refund the license fee payment",),
    )
    d = diff_models(office, _guide("Pay the license fee", _GUIDE[0]), language="en")
    assert [(m.a, m.b) for m in d.matches if m.how == PERSPECTIVE] == [(("M5",), ("M0",))]
    assert any("ahead of it by the whole evidence" in n for n in d.notes)


def test_the_same_object_in_another_place_is_left_a_question() -> None:
    # the weak side: the office checks the certificate after the decision, the guide has the
    # training before it; steps in different places are not compared, so no pair — the check
    # stays a question about the training, not a claim that it is only in the office's model
    office = _office(*_FILLER, after=(_CHECK,))
    d = diff_models(office, _guide(*_GUIDE), language="en")
    assert not [m for m in d.matches if m.how == PERSPECTIVE]
    [check] = [u for u in d.uncertain if u.side == "a" and u.step == "N0"]
    assert [c.ids for c in check.candidates] == [("M1",)]


def test_two_models_in_the_same_voice_are_left_alone() -> None:
    office = _office("Check the manager's responsible beverage server training certificate")
    other = _guide("Send the manager through the alcohol server training", lane="Licensing Officer")
    assert not [m for m in diff_models(office, other, language="en").matches if m.how == PERSPECTIVE]


def test_the_thing_acted_on_is_named_before_its_preposition() -> None:
    assert noun_phrase_of("Mail the license with the cover letter") == "license"
    assert noun_phrase_of("Pick up your license from the County Clerk") == "license"
    assert noun_phrase_of("Print the license certificate and get it signed") == "license certificate"
    assert noun_phrase_of("Confirm restaurant use is allowed") is None


#: e1: the office prints the licence and mails it; the guide has the licence picked up
_HAND_OVER = ("Print the license certificate and get it signed", "Mail the license with the cover letter")
_PICK_UP = "Pick up your license from the County Clerk"
#: e1's fee steps: the office approves, invoices and receives the fee, the guide pays it
_FEE = ("Approve the license", *_FILLER[:3], "Invoice the applicant for the annual license fee")


def test_a_pair_narrows_the_place_and_the_thing_handed_over_pairs_within_it() -> None:
    # whole objects: "the license with the cover letter" / "your license from the county clerk"
    # are below the bar; once the fee pair stands between the start and the hand-over, the
    # narrower place holds the print, the mailing and the pick-up, and by the thing named
    # ("license" / "license", against "license certificate") the mailing is the pick-up
    office = _office(*_FEE, "Receive the license fee payment", *_HAND_OVER)
    d = diff_models(office, _guide("Pay the license fee", _PICK_UP, _GUIDE[0]), language="en")
    assert [(m.a, m.b) for m in d.matches if m.how == PERSPECTIVE] == [(("M5",), ("M0",)), (("M7",), ("M1",))]
    assert any('("license" / "license") is 1.00 alike in the narrower place' in n for n in d.notes)
    # the print, left over beside the new pair, is not claimed as the pick-up
    assert not [m for m in d.matches if "M6" in m.a]


def test_a_place_no_perspective_pair_narrowed_is_not_read_again() -> None:
    # the weak side: without the fee payment no pair of the first round bounds the hand-over's
    # place, so there is no second round; the pick-up stays a question, not a match and not a
    # claim that it is only in the guide
    d = diff_models(_office(*_FEE, *_HAND_OVER), _guide(_PICK_UP, _GUIDE[0]), language="en")
    assert not [m for m in d.matches if m.how == PERSPECTIVE]
    [pick_up] = [u for u in d.uncertain if u.side == "b" and u.step == "M0"]
    assert ("M0",) in {c.ids for c in pick_up.candidates}


def test_a_step_whose_place_a_pair_narrows_keeps_its_old_questions_after_its_new_ones() -> None:
    # the pair (the check = the training) splits the office's wide place; "Put the application on
    # the hearing agenda", after it, now asks about the guide's notice sign, after it too, and
    # still asks, second, about the fingerprinting it was asked about before the pair
    d = diff_models(_office(*_FILLER[:2], _CHECK, *_FILLER[2:]), _guide(*_GUIDE), language="en")
    assert [(m.a, m.b) for m in d.matches if m.how == PERSPECTIVE] == [(("M2",), ("M1",))]
    [agenda] = [u for u in d.uncertain if u.side == "a" and u.step == "M3"]
    assert [c.ids for c in agenda.candidates] == [("M2",), ("M0",)]


def test_a_step_whose_place_no_new_pair_bounds_keeps_the_tiers_questions() -> None:
    # the weak side: the refund after the decision stands where the fee pair does not reach; its
    # question is the tier's own, nothing is added to it
    office = _office(*_FEE, "Receive the license fee payment", after=("Refund the license fee payment",))
    d = diff_models(office, _guide("Pay the license fee", _GUIDE[0]), language="en")
    assert [(m.a, m.b) for m in d.matches if m.how == PERSPECTIVE] == [(("M5",), ("M0",))]
    [refund] = [u for u in d.uncertain if u.side == "a" and u.step == "N0"]
    assert [c.ids for c in refund.candidates] == [("M0",)]


def test_the_thing_acted_on_is_headed_by_its_last_noun() -> None:
    assert head_of("Hold the public hearing") == "hearing"
    assert head_of("Mail the hearing notice to the applicant and the protesters") == "notice"
    # a noun written with its particle is headed by the noun
    assert head_of("Get the zoning sign-off from County Planning") == "sign"
    assert head_of("Confirm restaurant use is allowed") is None


#: e1: the council holds the hearing the applicant goes to; the clerk mails its notice before it
_HEARING = "Go to the Commissioners' hearing and answer the protests"
_NOTICE = "Mail the hearing notice to the applicant and the protesters"


def test_the_hearing_is_the_hearing_and_its_notice_is_a_notice() -> None:
    # whole objects: "the public hearing" / "the commissioners hearing and answer the protests"
    # are below the bar, and the notice's object is nearer; by the head noun the public hearing
    # is the hearing gone to, the hearing notice is a notice and stays a question
    office = _office(*_FILLER[:2], _NOTICE, "Hold the public hearing", _FILLER[3])
    d = diff_models(office, _guide(_GUIDE[0], _HEARING), language="en")
    assert [(m.a, m.b) for m in d.matches if m.how == PERSPECTIVE] == [(("M3",), ("M1",))]
    assert any("is 0.69 alike in the same place" in n for n in d.notes)
    assert not [m for m in d.matches if "M2" in m.a]
    [notice] = [u for u in d.uncertain if u.side == "a" and u.step == "M2"]
    assert ("M1",) in {c.ids for c in notice.candidates}


def test_two_steps_on_the_same_head_noun_in_one_place_stay_questions() -> None:
    # the weak side: the council opens one hearing and holds another in the same place; both are
    # hearings as near to the one gone to, and the head noun does not say which: no pair, the
    # guide's hearing stays a question about both
    office = _office(*_FILLER[:2], "Open the council hearing", "Hold the public hearing", _FILLER[3])
    d = diff_models(office, _guide(_GUIDE[0], _HEARING), language="en")
    assert not [m for m in d.matches if m.how == PERSPECTIVE]
    [hearing] = [u for u in d.uncertain if u.side == "b" and u.step == "M1"]
    assert {("M2",), ("M3",)} <= {c.ids for c in hearing.candidates}
