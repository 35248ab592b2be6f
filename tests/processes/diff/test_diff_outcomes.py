"""End events that close the same outcome, and the one waiting event of a kind, pair after
every other pass (outcomes.py); what is unsure stays uncertain."""

from __future__ import annotations

from dataclasses import replace

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.outcomes import OUTCOME, outcome
from processes.model import Event, EventDefinition, FrozenMap


def _office(*ends: tuple[str, str]) -> object:
    nodes = [("S", "start", "Application received"), ("R", "userTask", "Review the application"),
             ("X", "xor", ""), *((e, "end", name) for e, name in ends)]
    return model(nodes, [("S", "R"), ("R", "X"), *(("X", e) for e, _ in ends)])


def _applicant(*ends: tuple[str, str]) -> object:
    # the applicant's drawing: the same review, then a hearing before the ends are reached
    nodes = [("S", "start", "Application received"), ("R", "userTask", "Review the application"),
             ("H", "userTask", "Go to the hearing"), ("X", "xor", ""), *((e, "end", name) for e, name in ends)]
    return model(nodes, [("S", "R"), ("R", "H"), ("H", "X"), *(("X", e) for e, _ in ends)])


def test_what_an_end_says() -> None:
    assert [outcome(n) for n in ("License issued", "License denied - ask about an appeal", "Application abandoned",
                                 "File closed - licence refused", "Ansökan avslås", "Beviljat", "Klart")] == [
        "granted", "refused", "withdrawn", "refused", "refused", "granted", ""]


def test_ends_of_the_same_outcome_pair_and_the_last_success_end_by_its_place() -> None:
    a = _office(("Ok", "License issued"), ("No", "Application denied"), ("Gone", "Application abandoned"))
    b = _applicant(("Serve", "License framed on the wall - you can start serving"),
                   ("Deny", "License denied - ask about an appeal"))
    d = diff_models(a, b)
    by_outcome = {(m.a, m.b) for m in d.matches if m.how == OUTCOME}
    # denied = denied by their words; issued = framed: the only non-negative end left in each,
    # both reached first from the matched review; abandoned is A's alone
    assert by_outcome == {(("No",), ("Deny",)), (("Ok",), ("Serve",))}
    assert any("both end the case refused" in n for n in d.notes)
    assert [x.a for x in d.differences if x.kind == "only_in_a"] == [("Gone",)]


def test_two_ends_of_one_outcome_are_asked_about() -> None:
    # A ends refused twice: which one B's refusal is, the words do not say
    a = _office(("Ok", "License issued"), ("No1", "Application denied at the counter"),
                ("No2", "Application denied by the council"))
    b = _applicant(("Serve", "You can start serving"), ("Deny", "Refused - ask about an appeal"))
    d = diff_models(a, b)
    assert not [m for m in d.matches if "Deny" in m.b]
    asked = {u.step: {c.ids for c in u.candidates} for u in d.uncertain}
    assert {("No1",), ("No2",)} <= asked["Deny"]
    assert not [x for x in d.differences if x.kind == "only_in_b" and x.b == ("Deny",)]


def _waiting(period: str, message: str, *, extra: bool) -> object:
    # review, (a step only B draws,) the period, the notice, a message, the end
    nodes = [("S", "start", "Application received"), ("R", "userTask", "Review the application"),
             ("X", "userTask", "Print the file"), ("T", "timer", period), ("P", "userTask", "Publish the notice"),
             ("M", "timer", message), ("E", "end", "Done")]
    d = model(nodes if extra else [n for n in nodes if n[0] != "X"], chain="S R X T P M E" if extra else "S R T P M E")
    proc = d.process()
    waiting = Event(id="M", name=message, position="intermediate_catch", definitions=(EventDefinition("message"),))
    return replace(d, processes=(replace(proc, nodes=FrozenMap({**proc.nodes, "M": waiting})),))


def test_the_one_period_over_pairs_and_a_message_needs_related_words() -> None:
    a = _waiting("21-day comment period closed", "Fee payment arrived", extra=False)
    b = _waiting("Objection period expired (15 days)", "Documents uploaded", extra=True)
    d = diff_models(a, b)
    # the period (its neighbours differ: B prints the file first, so no other pass pairs it);
    # the two messages say different things: asked about, not paired
    assert {(m.a, m.b) for m in d.matches if m.how == OUTCOME} == {(("T",), ("T",))}
    assert ("M",) not in {m.a for m in d.matches}
    assert "M" in {u.step for u in d.uncertain}
