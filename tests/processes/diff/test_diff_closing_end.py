"""One closing end among several ends (oneending.closing_ends; bench/RESULTS-matching.md "Branch many95",
sv-r22 p80/p81): a case system that ends the case in "Ärende avslutat" and also draws the end of a
write-off before any decision or of a reminder branch has one end that closes the case, and that end
takes the other model's outcome ends, as the one end of a model does."""

from __future__ import annotations

from diffbuilders import correspondence, model

from processes.diff import diff_models
from processes.diff.oneending import ENDING, closing_ends, process_events
from processes.diff.view import build_view
from processes.model import Definitions


def _system(early: str = "Ärende avskrivet → status Avslutat") -> Definitions:
    """The case closed after the decision is sent, and an end ``early`` before any decision (a
    supplement that never came: the case written off)."""
    nodes = [
        ("S", "start", "Ansökan inkommen"), ("G", "userTask", "Granska ansökan"), ("K", "xor", "Komplett?"),
        ("D", "userTask", "Beslut i individutskottet"), ("U", "sendTask", "Skicka beslutet till sökanden"),
        ("E", "end", "Ärende avslutat"), ("W", "end", early),
    ]  # fmt: skip
    return model(nodes, [("K", "W")], chain="S G K D U E")


def _outcomes() -> Definitions:
    """A grant end and a refusal end, each after its letter."""
    nodes = [
        ("S", "start", "Ansökan kommer in"), ("G", "userTask", "Granska ansökan"),
        ("D", "userTask", "Beslut i individutskottet"), ("X", "xor", "Bifall?"),
        ("U", "sendTask", "Skicka beslut och tillståndsbevis"), ("E1", "end", "Du har fått ditt serveringstillstånd"),
        ("R", "sendTask", "Skicka avslagsbeslutet med överklagandehänvisning"), ("E2", "end", "Du har fått beslut om avslag"),
    ]  # fmt: skip
    return model(nodes, [("X", "R"), ("R", "E2")], chain="S G D X U E1")


def test_the_one_closing_end_is_found_among_the_ends() -> None:
    view = build_view(_system())
    assert process_events(view, "end") == ["E", "W"]
    assert closing_ends(view, ["E", "W"], "sv") == ["E"]
    assert closing_ends(build_view(_outcomes()), ["E1", "E2"], "sv") == ["E1", "E2"]


def test_the_closing_end_takes_both_outcome_ends_and_the_early_end_stays_out() -> None:
    d = diff_models(_system(), _outcomes(), a_name="A", b_name="B")
    assert correspondence(d, "E") == (("E",), ("E1", "E2"), ENDING)
    assert correspondence(d, "W") is None
    # either way round
    d = diff_models(_outcomes(), _system(), a_name="A", b_name="B")
    assert correspondence(d, "E", "b") == (("E1", "E2"), ("E",), ENDING)


def test_two_closing_ends_against_two_are_left_to_the_other_passes() -> None:
    """Nothing to read as one: a model whose two ends both close the case has no one closing end."""
    assert len(closing_ends(build_view(_outcomes()), ["E1", "E2"], "sv")) == 2
    d = diff_models(_outcomes(), _outcomes(), a_name="A", b_name="B")
    assert all(m.how != ENDING for m in d.matches)
