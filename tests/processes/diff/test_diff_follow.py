"""Follow pass: the steps after a one-to-many correspondence form one too."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models


def _models(answer_b: str) -> tuple[object, object]:
    a = model(
        [("S", "start", "Ansökan inkommer"), ("T0", "userTask", "Granska ansökan"),
         ("R1", "userTask", "Remittera ansökan till Skatteverket"), ("E1", "timer", "Svar från Skatteverket har kommit in"),
         ("R2", "userTask", "Remittera ansökan till räddningstjänsten"),
         ("E2", "timer", "Yttrande från räddningstjänsten har kommit in"),
         ("T9", "userTask", "Fatta beslut"), ("E", "end", "Klart")],
        # one body after the other: the answers are neither siblings nor a chain of their own
        chain="S T0 R1 E1 R2 E2 T9 E",
    )
    b = model(
        [("S", "start", "Ny ansökan"), ("U0", "userTask", "Granskning av ansökan"),
         ("U1", "userTask", "Remiss till Skatteverket och räddningstjänsten"), ("V1", "timer", answer_b),
         ("U9", "userTask", "Beslut"), ("E", "end", "Slut")],
        chain="S U0 U1 V1 U9 E",
    )
    return a, b


def test_the_answers_after_per_body_remisses_are_the_answer_after_one_remiss() -> None:
    a, b = _models("Övriga remissyttranden")
    d = diff_models(a, b)
    assert [set(m.a) for m in d.matches if m.b == ("U1",)] == [{"R1", "R2"}]
    assert [set(m.a) for m in d.matches if m.b == ("V1",)] == [{"E1", "E2"}]


def test_no_correspondence_when_the_step_after_shares_nothing() -> None:
    a, b = _models("Handläggaren väntar")
    d = diff_models(a, b)
    assert not [m for m in d.matches if "V1" in m.b]
