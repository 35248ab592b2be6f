"""A decision's record is not the decision (deciding.is_decision; bench/RESULTS-matching.md "Branch
many95", sv-r17 p60/p62): "Beslut signerat digitalt" after "Arbetsutskottet fattar beslut" is the case
system signing a decision already taken, and it does not join the decision against the other model's
one decision step."""

from __future__ import annotations

import pytest
from diffbuilders import model

from processes.diff import diff_models
from processes.diff.deciding import is_decision


@pytest.mark.parametrize(
    "label", ["Beslut signerat digitalt", "Beslut e-signerat", "Beslut registrerat", "Beslutet överklagat"]
)
def test_a_participle_of_what_was_done_to_it_is_no_decision(label: str) -> None:
    assert not is_decision(label, "sv")


@pytest.mark.parametrize(
    "label",
    [
        "Beslut fattat",
        "Beslut fattas",
        "Beslut beviljat",
        "Beslut i nämnden",
        "Beslut om serveringstillstånd",
    ],
)
def test_taking_or_granting_it_is_the_decision(label: str) -> None:
    assert is_decision(label, "sv")


def test_the_signing_step_does_not_join_the_committees_decision() -> None:
    system = model(
        [
            ("S", "start", "Ansökan inskickad i e-tjänsten"), ("F", "userTask", "Uppgift: skriv utredning"),
            ("D", "userTask", "Arbetsutskottet fattar beslut"), ("G", "serviceTask", "Beslut signerat digitalt"),
            ("U", "sendTask", "Beslutet skickat till sökanden via Mina sidor"), ("E", "end", "Status: avslutat"),
        ],
        chain="S F D G U E",
    )  # fmt: skip
    officer = model(
        [
            ("S", "start", "Ansökan kommer in via mejl"), ("F", "userTask", "Skriva utredning"),
            ("N", "userTask", "Nämnden tar beslut på sitt möte"), ("U", "sendTask", "Skicka ut beslutet till sökanden"),
            ("E", "end", "Klart"),
        ],
        chain="S F N U E",
    )  # fmt: skip
    d = diff_models(system, officer, a_name="A", b_name="B")
    pairs = {(x, y) for m in d.matches for x in m.a for y in m.b}
    assert ("D", "N") in pairs
    assert not any(x == "G" for x, _ in pairs)
