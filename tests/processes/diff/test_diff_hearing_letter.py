"""The hearing letter (many65): "Kommunicera sökanden – får yttra sig" is the applicant heard, not
a remiss (register.as_remiss reads the last clause before the verb), and a task that acts then
waits ("Kommunicera sökanden och invänta svar") is its action for matching and stands for the
arrival it waits for too in the uncertain tier (matchtypes.families)."""

from __future__ import annotations

import pytest
from diffbuilders import linear, model

from processes.diff import diff_models
from processes.diff.matchtypes import acts_before_waiting, families, family
from processes.diff.register import as_remiss
from processes.diff.view import Step
from processes.model import Definitions


@pytest.mark.parametrize(
    ("label", "read"),
    [
        (
            "Kommunicera sökanden – får yttra sig inom två veckor",
            "Kommunicera sökanden – får yttra sig inom två veckor",
        ),
        ("Kommunicera – sökanden får yttra sig", "Kommunicera – sökanden får yttra sig"),
        (
            "Skicka förslaget till grannarna – får yttra sig",
            "Skicka förslaget till grannarna – får yttra sig",
        ),
        ("Sökanden bereds tillfälle att yttra sig", "Sökanden bereds tillfälle att yttra sig"),
        ("Polismyndigheten bereds tillfälle att yttra sig", "remiss till Polismyndigheten"),
        ("Polisen och andra myndigheter får yttra sig", "remiss till Polisen och andra myndigheter"),
        ("Remisser – Polisen får yttra sig", "Remisser – remiss till Polisen"),
        ("Remissinstanserna – får yttra sig", "remiss till Remissinstanserna"),
        (
            "Räddningstjänsten bereds tillfälle att yttra sig över brandskyddet",
            "remiss till Räddningstjänsten över brandskyddet",
        ),
    ],
)
def test_the_invited_party_is_read_from_the_last_clause_before_the_verb(label: str, read: str) -> None:
    assert as_remiss(label, "sv") == read


@pytest.mark.parametrize(
    ("label", "lane", "kin", "kins"),
    [
        ("Inväntande av remissvar", "", "event", {"event"}),
        ("Handläggaren inväntar svar", "Handläggare", "event", {"event"}),
        ("Remissvar inväntas", "", "event", {"event"}),
        ("Svar från polisen och länsstyrelsen inväntas", "", "event", {"event"}),
        ("Kommunicera sökanden och invänta svar", "", "activity", {"activity", "event"}),
        ("Send remiss and wait for answer", "", "activity", {"activity", "event"}),
        ("Skicka remiss, invänta svar", "", "activity", {"activity", "event"}),
        ("Handläggaren skickar remiss och väntar på svar", "Handläggare", "activity", {"activity", "event"}),
        ("Skriv utredning", "", "activity", {"activity"}),
    ],
)
def test_a_task_that_acts_then_waits_is_its_action_and_the_arrival(
    label: str, lane: str, kin: str, kins: set[str]
) -> None:
    step = Step("T", label, "task", "userTask", lane)
    assert (family(step), families(step)) == (kin, frozenset(kins))


def test_the_performer_as_subject_is_not_an_action_before_the_wait() -> None:
    assert acts_before_waiting("Handläggaren och sedan invänta svar", "Handläggare") is False
    assert acts_before_waiting("Handläggaren skickar och sedan invänta svar", "Handläggare") is True


def _sent_and_answered(send: str, answer: str) -> Definitions:
    return model(
        [
            ("S", "start", "Ansökan inkommer"),
            ("T1", "userTask", "Registrera ansökan"),
            ("T2", "sendTask", send),
            ("W", "message", answer),
            ("T3", "userTask", "Skriv utredning"),
            ("E", "end", "Beslut fattat"),
        ],
        chain="S T1 T2 W T3 E",
    )


def test_the_hearing_letter_is_paired_with_the_task_that_hears_and_waits() -> None:
    # main paired the answer event with b's step (both events) and called the letter only in a
    a = _sent_and_answered("Kommunicera sökanden – får yttra sig inom två veckor", "Sökandens yttrande")
    b = linear(["Registrera ansökan", "Kommunicera sökanden och invänta svar", "Skriv utredning"], prefix="U")
    d = diff_models(a, b)
    assert [(m.a, m.b) for m in d.matches if "U1" in m.b] == [(("T2",), ("U1",))]
    assert [(u.side, u.step, [c.ids for c in u.candidates]) for u in d.uncertain] == [("a", "W", [("U1",)])]
    assert [x.kind for x in d.differences if x.kind.startswith("only")] == []


def test_the_answer_event_keeps_its_question_when_the_action_is_matched() -> None:
    a = _sent_and_answered("Skicka remiss till polisen", "Yttrande från polisen inkommer")
    b = linear(
        ["Registrera ansökan", "Skicka remiss till polisen och invänta yttrande", "Skriv utredning"],
        prefix="U",
    )
    d = diff_models(a, b)
    assert [(m.a, m.b) for m in d.matches if "U1" in m.b] == [(("T2",), ("U1",))]
    assert [(u.side, u.step, [c.ids for c in u.candidates]) for u in d.uncertain] == [("a", "W", [("U1",)])]


def test_a_weak_act_then_wait_pair_is_a_question_not_two_differences() -> None:
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
