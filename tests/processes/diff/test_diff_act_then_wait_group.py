"""An act-then-wait task against the other model's act and its answer event (many69,
actwait.act_then_wait_pass): "Kommunicera sökanden och invänta svar" is the letter and the
applicant's answer drawn right after it, one correspondence."""

from __future__ import annotations

from diffbuilders import linear, model

from processes.diff import diff_models
from processes.model import Definitions

_WAITS = ["Registrera ansökan", "Kommunicera sökanden och invänta svar", "Skriv utredning"]


def _sent_then(send: str, *middle: tuple[str, str, str]) -> Definitions:
    """start, registration, the act ``send``, the steps ``middle``, investigation, end."""
    nodes = [
        ("S", "start", "Ansökan inkommer"),
        ("T1", "userTask", "Registrera ansökan"),
        ("T2", "sendTask", send),
    ]
    nodes += [*middle, ("T3", "userTask", "Skriv utredning"), ("E", "end", "Beslut fattat")]
    return model(nodes, chain=" ".join(n[0] for n in nodes))


def _questions(d: object) -> list[tuple[str, str, list[tuple[str, ...]]]]:
    return [(u.side, u.step, [c.ids for c in u.candidates]) for u in d.uncertain]  # type: ignore[attr-defined]


def test_the_letter_and_the_answer_right_after_it_are_the_task_that_hears_and_waits() -> None:
    a = _sent_then(
        "Kommunicera sökanden – får yttra sig inom två veckor", ("W", "message", "Sökandens yttrande")
    )
    d = diff_models(a, linear(_WAITS, prefix="U"))
    assert [(m.a, m.b, m.how) for m in d.matches if "U1" in m.b] == [(("T2", "W"), ("U1",), "grouped")]
    assert _questions(d) == []
    assert [x.kind for x in d.differences if x.kind.startswith("only")] == []


def test_read_from_either_side_the_group_is_the_same() -> None:
    a = _sent_then(
        "Kommunicera sökanden – får yttra sig inom två veckor", ("W", "message", "Sökandens yttrande")
    )
    d = diff_models(linear(_WAITS, prefix="U"), a)
    assert [(m.a, m.b) for m in d.matches if "U1" in m.a] == [(("U1",), ("T2", "W"))]


def test_a_one_to_one_pair_grows_to_the_answer_event() -> None:
    a = _sent_then("Skicka remiss till polisen", ("W", "message", "Yttrande från polisen inkommer"))
    b = linear(
        ["Registrera ansökan", "Skicka remiss till polisen och invänta yttrande", "Skriv utredning"],
        prefix="U",
    )
    d = diff_models(a, b)
    assert [(m.a, m.b) for m in d.matches if "U1" in m.b] == [(("T2", "W"), ("U1",))]
    assert _questions(d) == []


def test_an_answer_not_right_after_the_act_is_not_grouped() -> None:
    # a step between the letter and the answer: the event does not follow the act directly
    a = _sent_then(
        "Kommunicera sökanden – får yttra sig inom två veckor",
        ("T9", "userTask", "Boka möte"),
        ("W", "message", "Sökandens yttrande"),
    )
    d = diff_models(a, linear(_WAITS, prefix="U"))
    assert [(m.a, m.b) for m in d.matches if "U1" in m.b] == [(("T2",), ("U1",))]  # the letter alone
    assert ("a", "W", [("U1",)]) in _questions(d)


def test_a_weak_act_is_not_grouped_with_an_event_after_it() -> None:
    # "Begär in ritning" shares no word with the task that waits: no act, no group
    a = _sent_then("Begär in ritning", ("W", "message", "Svar från sökanden"))
    b = linear(["Registrera ansökan", "Kontakta sökanden och invänta svar", "Skriv utredning"], prefix="U")
    d = diff_models(a, b)
    assert not [m for m in d.matches if "T2" in m.a or "W" in m.a or "U1" in m.b]
    assert ("b", "U1", [("W",), ("T2",)]) in _questions(d)  # asked about, not grouped
