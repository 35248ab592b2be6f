"""A task that acts first and then waits ("Skicka remiss och invänta svar") is the action, of the
activity family; a task whose first action is the wait stays the arrival's event (matchtypes)."""

from __future__ import annotations

import pytest
from diffbuilders import linear, model

from processes.diff import diff_models
from processes.diff.matchtypes import acts_before_waiting, family
from processes.diff.view import Step


@pytest.mark.parametrize(
    ("label", "lane", "kin"),
    [
        ("Inväntande av remissvar", "", "event"),
        ("Invänta svar från polisen", "", "event"),
        ("Handläggaren inväntar svar", "Handläggare", "event"),
        ("Wait for results", "", "event"),
        ("Awaiting payment", "", "event"),
        ("Remissvar inväntas", "", "event"),
        ("Svar från polisen och länsstyrelsen inväntas", "", "event"),
        ("Invänta svar och registrera det", "", "event"),
        ("Kommunicera sökanden och invänta svar", "", "activity"),
        ("Send remiss and wait for answer", "", "activity"),
        ("Skicka remiss, invänta svar", "", "activity"),
        ("Send the letter and then await the reply", "", "activity"),
        ("Handläggaren skickar remiss och väntar på svar", "Handläggare", "activity"),
        ("Skriv utredning", "", "activity"),
    ],
)
def test_the_family_of_a_waiting_task_is_its_first_action(label: str, lane: str, kin: str) -> None:
    assert family(Step("T", label, "task", "userTask", lane)) == kin


def test_the_performer_as_subject_is_not_an_action_before_the_wait() -> None:
    assert acts_before_waiting("Handläggaren och sedan invänta svar", "Handläggare") is False
    assert acts_before_waiting("Handläggaren skickar och sedan invänta svar", "Handläggare") is True


# a model that sends a remiss and draws the police's answer as an event
SENT_AND_ANSWERED = model(
    [
        ("S", "start", "Ansökan inkommer"),
        ("T1", "userTask", "Registrera ansökan"),
        ("T2", "sendTask", "Skicka remiss till polisen"),
        ("W", "message", "Yttrande från polisen inkommer"),
        ("T3", "userTask", "Skriv utredning"),
        ("E", "end", "Beslut fattat"),
    ],
    chain="S T1 T2 W T3 E",
)


def test_a_send_and_wait_task_is_paired_with_the_send_task() -> None:
    b = linear(
        ["Registrera ansökan", "Skicka remiss till polisen och invänta yttrande", "Skriv utredning"],
        prefix="U",
    )
    d = diff_models(SENT_AND_ANSWERED, b)
    assert [(m.a, m.b) for m in d.matches if "U1" in m.b] == [(("T2",), ("U1",))]


def test_a_weak_send_and_wait_pair_is_a_question_not_two_differences() -> None:
    a = model(
        [
            ("S", "start", "Ansökan inkommer"),
            ("T1", "userTask", "Registrera ansökan"),
            ("T2", "sendTask", "Begär in ritning"),
            ("T3", "userTask", "Skriv utredning"),
            ("E", "end", "Beslut fattat"),
        ],
        chain="S T1 T2 T3 E",
    )
    b = linear(["Registrera ansökan", "Kontakta sökanden och invänta svar", "Skriv utredning"], prefix="U")
    d = diff_models(a, b)
    assert not [m for m in d.matches if "T2" in m.a or "U1" in m.b]
    assert [(u.side, u.step, [c.ids for c in u.candidates]) for u in d.uncertain] == [
        ("a", "T2", [("U1",)]),
        ("b", "U1", [("T2",)]),
    ]
    assert [x.kind for x in d.differences if x.kind.startswith("only")] == []
