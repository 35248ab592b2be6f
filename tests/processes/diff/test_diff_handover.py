"""The hand-over across the exchange (handover.py): "Provide missing information" on the
applicant's side is "Further information received" on the office's; the same sending drawn
in the office's lane is no hand-over."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.handover import HANDOVER, applicant_side, arrived_thing, sent_thing
from processes.diff.view import Step, build_view


def _office(*work: tuple[str, str]) -> object:
    """The office's procedure: ``work`` ((node kind, label) pairs) between registering and deciding."""
    nodes = [
        ("S", "start", "Application received"),
        ("R", "userTask", "Register the application"),
        *((f"M{k}", kind, label) for k, (kind, label) in enumerate(work)),
        ("D", "userTask", "Decide on the licence"),
        ("E", "end", "Licence issued"),
    ]
    return model(nodes, chain=" ".join(["S", "R", *(f"M{k}" for k in range(len(work))), "D", "E"]))


def _guide(*work: str, lane: str = "Applicant") -> object:
    """A model with lanes: its tasks ``work`` in the same place, in ``lane``; the rest the office's."""
    nodes = [
        ("S", "start", "Application received"),
        ("R", "userTask", "Register the application"),
        *((f"M{k}", "userTask", label) for k, label in enumerate(work)),
        ("D", "userTask", "Decide on the licence"),
        ("E", "end", "Licence issued"),
    ]
    lanes = {lane: [f"M{k}" for k in range(len(work))], "Licensing team": ["S", "R", "D", "E"]}
    return model(
        nodes, chain=" ".join(["S", "R", *(f"M{k}" for k in range(len(work))), "D", "E"]), lanes=lanes
    )


_REPORT = ("userTask", "Write the inspection report")
_NOTICE = ("userTask", "Publish the public notice")


def test_a_sending_reads_what_it_passes_on() -> None:
    assert sent_thing("You send us the missing documents") == "the missing documents"
    assert sent_thing("Provide missing information") == "missing information"
    assert sent_thing("Send the plans to the council") == "the plans"
    assert sent_thing("Request missing information") is None
    assert arrived_thing("Info rec'd", "event", "intermediate_catch:message") == "Info"
    assert arrived_thing("Certificate", "task", "receiveTask") == "Certificate"
    # a sending is never an arrival, whatever its kind; an ordinary task naming no receipt is none
    assert arrived_thing("Send the certificate", "task", "receiveTask") is None
    assert arrived_thing("Check the certificate", "task", "userTask") is None


def test_a_receive_task_of_a_real_model_is_an_arrival_by_its_type() -> None:
    # the view's detail of a task is the model's task type ("receiveTask"), so a receive task whose
    # label names no receiving is an arrival by its type alone
    office = _office(_REPORT, ("receiveTask", "Certificate"), _NOTICE)
    step = build_view(office).steps["M1"]
    assert (step.kind, step.detail) == ("task", "receiveTask")
    assert arrived_thing(step.name, step.kind, step.detail) == "Certificate"


def test_what_the_applicant_sends_is_what_the_office_receives() -> None:
    # the places hold three office steps against two of the guide, no label alike enough
    office = _office(_REPORT, ("receiveTask", "Further information received"), _NOTICE)
    d = diff_models(office, _guide("Provide missing information", "Book a site visit"), language="en")
    assert [(m.a, m.b) for m in d.matches if m.how == HANDOVER] == [(("M1",), ("M0",))]
    assert any(
        '("missing information" / "Further information") is 1.00 alike in the same place' in n
        for n in d.notes
    )


def test_two_arrivals_as_near_leave_the_sending_a_question() -> None:
    # the weak case: two receipts of the same thing in the place; neither is the clear partner
    office = _office(
        _REPORT,
        ("receiveTask", "Further information received"),
        ("receiveTask", "Missing documents received"),
        _NOTICE,
    )
    d = diff_models(office, _guide("Provide missing information", "Book a site visit"), language="en")
    assert not [m for m in d.matches if m.how == HANDOVER]
    [question] = [u for u in d.uncertain if u.side == "b" and u.step == "M0"]
    assert {c.ids for c in question.candidates} >= {("M1",), ("M2",)}


def test_the_sending_is_the_applicants_and_the_arrival_the_offices() -> None:
    assert applicant_side(Step("t", "Provide missing information", "task", "user", performer="Applicant"))
    assert applicant_side(Step("t", "You send us the missing documents", "task", "user"))
    assert applicant_side(Step("t", "The applicant lodges the form", "task", "user"))
    assert not applicant_side(Step("t", "We send you the decision", "task", "user"))
    assert not applicant_side(
        Step("t", "Provide missing information", "task", "user", performer="Licensing team")
    )
    # the weak case: the same sending drawn in the office's own lane is no hand-over
    office = _office(_REPORT, ("receiveTask", "Further information received"), _NOTICE)
    guide = _guide("Provide missing information", "Book a site visit", lane="Licensing team")
    assert not [m for m in diff_models(office, guide, language="en").matches if m.how == HANDOVER]


def test_a_sending_is_not_paired_with_the_other_models_sending() -> None:
    office = _office(_REPORT, ("sendTask", "Send missing information to the applicant"), _NOTICE)
    guide = _guide("Provide missing information", "Book a site visit")
    d = diff_models(office, guide, language="en")
    assert not [m for m in d.matches if m.how == HANDOVER]


def test_swedish_models_are_not_read() -> None:
    office = _office(
        ("receiveTask", "Komplettering inkommen"),
    )
    guide = _guide("Skicka in kompletteringen")
    assert not [m for m in diff_models(office, guide, language="sv").matches if m.how == HANDOVER]


def test_a_hand_over_to_an_arrival_event_has_the_confidence_of_the_thing_handed_over() -> None:
    # a sending task against a message event scores nothing as a whole pair (task against event)
    office = _office(_REPORT, ("message", "Further information received"), _NOTICE)
    d = diff_models(office, _guide("Provide missing information", "Book a site visit"), language="en")
    [m] = [m for m in d.matches if m.how == HANDOVER]
    assert (m.a, m.b) == (("M1",), ("M0",))
    assert m.confidence == 1.0
