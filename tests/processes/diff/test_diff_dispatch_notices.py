"""A combined dispatch step that names the notices instead of the bodies ("Expediering av beslut,
tillståndsbevis och underrättelser") against a letter and a copy to the bodies (dispatchchain.py;
bench/RESULTS-matching.md "Branch many87", sv-r21 p78)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.dispatchchain import names_notices_after_decision

_LETTER = "Expediera beslutet till sökanden"
_COPY = "Kopia av beslutet till Polisen, Länsstyrelsen och Folkhälsomyndigheten"
_ONE = "Expediering av beslut, tillståndsbevis och underrättelser"


def _chain() -> object:
    """Åsby: the committee decides, the extract is registered, the registrar sends the decision,
    then a copy to the bodies, and closes the case."""
    nodes = [
        ("S", "start", "Ansökan kommer in"), ("R", "userTask", "Diarieföra ansökan"),
        ("D", "userTask", "Beslut på socialnämndens sammanträde"), ("P", "userTask", "Protokollsutdrag diarieförs"),
        ("L", "sendTask", _LETTER), ("K", "sendTask", _COPY), ("A", "userTask", "Avsluta ärendet och arkivera akten"),
        ("E", "end", "Ärendet arkiverat"),
    ]  # fmt: skip
    return model(nodes, chain="S R D P L K A E")


def _one(label: str = _ONE) -> object:
    """Norrfors: one dispatch step after the delegated decision."""
    nodes = [
        ("S", "start", "Ansökan registrerad"), ("R", "userTask", "Granska ansökan"),
        ("D", "userTask", "Delegationsbeslut om bifall (enhetschef)"), ("Y", "sendTask", label),
        ("E", "end", "Beslut expedierat"),
    ]  # fmt: skip
    return model(nodes, chain="S R D Y E")


def _with(d: object, step: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(m.a, m.b) for m in d.matches if step in m.a + m.b]


def test_the_notices_named_after_the_decision() -> None:
    assert [
        names_notices_after_decision(n)
        for n in (
            _ONE,
            "Skicka beslutet till sökanden och myndigheterna",
            "Jag skickar beslutet till sökanden och kopior till berörda myndigheter",
            "Underrättelse om beslut till sökanden",  # the notice word before the decision: a letter
            "Kopia av beslutet till myndigheterna",  # a copy, not the decision itself
            _LETTER,
        )
    ] == [True, True, True, False, False, False]


def test_the_one_step_naming_the_notices_takes_the_letter_and_the_copy() -> None:
    # on main's code all three are asked about (the one step names no body)
    d = diff_models(_one(), _chain())
    assert _with(d, "Y") == [(("Y",), ("L", "K"))]
    assert not [u for u in d.uncertain if u.step in ("Y", "L", "K")]
    d2 = diff_models(_chain(), _one())
    assert _with(d2, "Y") == [(("L", "K"), ("Y",))]


def test_a_letter_naming_no_notices_is_left_as_it_was() -> None:
    # "Expediering av beslut och tillståndsbevis" names neither a body nor the notices: not combined
    d = diff_models(_one("Expediering av beslut och tillståndsbevis"), _chain())
    assert (("Y",), ("L", "K")) not in _with(d, "Y")
