"""One start (end) event against several (oneending.py; bench/RESULTS-matching.md "Branch many78",
sv-r21 p76/p78/p79, sv-r19 p71, sv-r8 p26): start events pair with start events, the one end with
the other model's ends that close the case after its decision — not a withdrawal, not an end before any
decision, not the end of a side branch."""

from __future__ import annotations

from diffbuilders import correspondence, model

from processes.diff import diff_models
from processes.diff.oneending import ENDING, case_ends, process_events, side_ends
from processes.diff.view import build_view
from processes.model import Definitions


def _one_end(last: str = "Lägga in stället i tillsynsplanen", end: str = "Tillstånd klart") -> Definitions:
    """Every case ends in one end event after the decision is sent."""
    nodes = [
        ("S", "start", "Ansökan kommer in i e-tjänsten"), ("G", "userTask", "Granska ansökan"),
        ("D", "userTask", "Beslut i individutskottet"), ("U", "sendTask", "Skicka beslutet till sökanden"),
        ("T", "userTask", last), ("E", "end", end),
    ]  # fmt: skip
    return model(nodes, chain="S G D U T E")


def _grant_and_refusal(early: str = "") -> Definitions:
    """A grant end after the first supervision visit, a refusal end after the refusal is sent; with
    ``early``, an end before the decision named so (after three failed tests, written off)."""
    nodes = [
        ("S", "start", "Ansökan inkommen"), ("G", "userTask", "Granska ansökan"), ("K", "xor", "Fortsätta?"),
        ("D", "userTask", "Beslut i individutskottet"), ("X", "xor", "Bifall?"),
        ("U", "sendTask", "Skicka beslutet till sökanden"), ("V", "userTask", "Första tillsynsbesöket efter öppning"),
        ("E1", "end", "Klart"), ("R", "sendTask", "Skicka avslagsbeslutet med överklagandehänvisning"),
        ("E2", "end", "Avslag"),
    ]  # fmt: skip
    flows = [("K", "D"), ("X", "R"), ("R", "E2")]
    if early:
        nodes.append(("E3", "end", early))
        flows.append(("K", "E3"))
    return model(nodes, flows, chain="S G K D X U V E1")


def test_one_end_is_the_grant_end_and_the_refusal_end() -> None:
    d = diff_models(_one_end(), _grant_and_refusal(), a_name="A", b_name="B")
    assert correspondence(d, "E") == (("E",), ("E1", "E2"), ENDING)
    assert any("the one end event of its model" in n for n in d.notes)


def test_an_end_before_any_decision_or_a_written_off_case_stays_out() -> None:
    for early in ("Ärendet avslutas efter tre underkända prov", "Ärendet avskrivs"):
        d = diff_models(_one_end(), _grant_and_refusal(early), a_name="A", b_name="B")
        assert correspondence(d, "E") == (("E",), ("E1", "E2"), ENDING), early
        assert correspondence(d, "E3", "b") is None, early


def test_a_refusal_end_is_not_the_other_models_grant_end() -> None:
    view = build_view(_grant_and_refusal())
    assert case_ends(view, ["E1", "E2"], "Tillstånd beviljat", "sv") == ["E1"]
    assert case_ends(view, ["E1", "E2"], "Ärendet avslutat", "sv") == ["E1", "E2"]


def _reported_on_the_side() -> Definitions:
    """The delegated grant goes on to the dispatch and, on a second outgoing flow, to the report
    to the committee, whose branch ends on its own; the committee's refusal joins the dispatch."""
    nodes = [
        ("S", "start", "Ansökan registrerad"), ("G", "userTask", "Granska ansökan"), ("X", "xor", "Bifall?"),
        ("B", "userTask", "Delegationsbeslut om bifall (enhetschef)"),
        ("N", "userTask", "Anmälan av delegationsbeslut till socialnämnden"), ("E2", "end", "Anmält till nämnden"),
        ("C", "userTask", "Beslut i individutskottet"), ("U", "sendTask", "Expediering av beslut och tillståndsbevis"),
        ("E1", "end", "Beslut expedierat"),
    ]  # fmt: skip
    flows = [("X", "C"), ("C", "U"), ("B", "N"), ("N", "E2")]
    return model(nodes, flows, chain="S G X B U E1")


def test_the_end_of_a_side_branch_is_not_the_case_end() -> None:
    view = build_view(_reported_on_the_side())
    assert process_events(view, "end") == ["E2", "E1"]
    assert side_ends(view, ["E2", "E1"]) == {"E2"}
    one = _one_end("Avsluta ärendet och arkivera akten", "Ärendet arkiverat")
    d = diff_models(_reported_on_the_side(), one, a_name="A", b_name="B")
    assert correspondence(d, "E1") == (("E1",), ("E",), ENDING)
    assert correspondence(d, "E2") is None


def test_two_branches_that_both_end_on_their_own_are_no_side_branches() -> None:
    nodes = [("S", "start", ""), ("P", "and", ""), ("A", "userTask", "Skicka beslutet"), ("E1", "end", "Klart"),
             ("B", "userTask", "Underrätta polisen"), ("E2", "end", "Underrättad")]  # fmt: skip
    view = build_view(model(nodes, [("P", "B"), ("B", "E2")], chain="S P A E1"))
    assert side_ends(view, ["E1", "E2"]) == set()


def test_one_start_is_both_starts_and_never_a_task_that_reads_alike() -> None:
    two = model(
        [("S1", "start", "Ansökan kommer med posten"), ("S2", "start", "Ansökan kommer med mejl"),
         ("K", "userTask", "Skanna in och lägga upp akten"), ("G", "userTask", "Granska ansökan"),
         ("E", "end", "Klart")],
        [("S2", "K")], chain="S1 K G E",
    )  # fmt: skip
    one = model(
        [("S", "start", "Ansökan registrerad"), ("G", "userTask", "Granska ansökan"), ("E", "end", "Klart")],
        chain="S G E",
    )
    d = diff_models(one, two, a_name="A", b_name="B")
    assert correspondence(d, "S") == (("S",), ("S1", "S2"), ENDING)
    assert correspondence(d, "K", "b") is None


def test_the_lone_start_is_not_taken_by_a_task_whose_label_reads_alike() -> None:
    """p78: "Ansökan registrerad" and "Skanna in och lägga upp akten" read 1.00 alike (a synonym) and
    scored above the forced pair of the two starts; start events pair with start events."""
    a = model(
        [
            ("S", "start", "Ansökan registrerad"),
            ("G", "userTask", "Kontroll av fullständighet"),
            ("E", "end", ""),
        ],
        chain="S G E",
    )
    b = model(
        [("S", "start", "Ansökan kommer in (post/e-post)"), ("K", "userTask", "Skanna in och lägga upp akten"),
         ("G", "userTask", "Granska ansökan"), ("E", "end", "")],
        chain="S K G E",
    )  # fmt: skip
    d = diff_models(a, b, a_name="A", b_name="B")
    assert correspondence(d, "S") == (("S",), ("S",), "auto")


def test_the_applicant_approaching_is_not_paired_with_the_arrivals() -> None:
    one = model(
        [
            ("S", "start", "Du vill servera alkohol"),
            ("A", "userTask", "Du skickar in ansökan"),
            ("E", "end", ""),
        ],
        chain="S A E",
    )
    two = model(
        [("S1", "start", "Ansökan inkommer per post"), ("S2", "start", "Ansökan inkommer via e-tjänsten"),
         ("R", "userTask", "Diarieföra ansökan"), ("E", "end", "")],
        [("S2", "R")], chain="S1 R E",
    )  # fmt: skip
    d = diff_models(one, two, a_name="A", b_name="B")
    made = correspondence(d, "S")
    assert made is None or made[2] != ENDING
