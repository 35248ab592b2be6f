"""A step that receives the decision or takes note of it (forwarding.receives) is forwarding seen
from the receiving side: "Nämnden tar del av delegationsbeslut" is not the decision."""

from __future__ import annotations

from diffbuilders import model

from processes.diff.forwarding import forwarding_bans, passes_on, receives
from processes.diff.view import build_view


def _steps(*labels: str) -> object:
    ids = [f"F{i}" for i in range(len(labels))]
    nodes = [("S", "start", "Ansökan inkommer"), *((i, "userTask", x) for i, x in zip(ids, labels, strict=True)),
             ("E", "end", "Klart")]
    return model(nodes, chain=" ".join(["S", *ids, "E"]))


def test_taking_note_of_or_receiving_the_decision_is_forwarding() -> None:
    assert [receives(x, "sv") for x in ("Nämnden tar del av delegationsbeslut", "Sökanden får beslutet",
                                         "Nämnden får information om delegationsbeslutet",
                                         "Socialnämnden tar emot ordförandebeslutet")] == [True] * 4
    a = build_view(_steps("Delegationsbeslut", "Nämnden tar del av delegationsbeslut"))
    b = build_view(_steps("Utredning", "Beslut i nämnden"))
    assert forwarding_bans(a, b, ("sv", "sv")) == {("F1", "F1")}


def test_receiving_something_else_or_without_a_decision_of_its_own_is_not_ruled_out() -> None:
    # the matter received to decide on, a decision itself, a receiving word far from the decision
    assert [receives(x, "sv") for x in ("Nämnden får ärendet för beslut", "Nämnden tar beslut",
                                         "Handläggaren får remissvar inför beslut",
                                         "Nämnden tar del av delegationsbeslut")] == [False, False, False, True]
    assert not passes_on("Nämnden tar del av delegationsbeslut", "sv")  # the sender's words: not this rule
    # A draws no step that takes the decision: its note of one may still be B's decision
    a = build_view(_steps("Utredning", "Nämnden tar del av delegationsbeslut"))
    b = build_view(_steps("Utredning", "Beslut i nämnden"))
    assert forwarding_bans(a, b, ("sv", "sv")) == set()
