"""many69's act-then-wait pass widened (many74, actwait.act_then_wait_pass): the answer may
be a task that waits ("Invänta yttrande", "Await the reply"), English and a dash join an
act to a wait (matchtypes.acts_before_waiting), and the answer joins a one-to-many that
already holds the act."""

from __future__ import annotations

import numpy as np
from diffbuilders import linear, model

from processes.diff import diff_models
from processes.diff.actwait import act_then_wait_pass
from processes.diff.core import lexicon_for, prepare
from processes.diff.matchtypes import Match, PassInput, acts_before_waiting, families
from processes.diff.view import Step
from processes.model import Definitions


def _act_then(first: str, act: str, answer: str, last: str) -> Definitions:
    """start, ``first``, the send task ``act``, the user task ``answer`` right after it, ``last``, end."""
    nodes = [
        ("S", "start", "Start"),
        ("T1", "userTask", first),
        ("T2", "sendTask", act),
        ("W", "userTask", answer),
        ("T3", "userTask", last),
        ("E", "end", "Slut"),
    ]
    return model(nodes, chain=" ".join(n[0] for n in nodes))


def _grouped_with(d: object, b_id: str) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    return [(m.a, m.b, m.how) for m in d.matches if b_id in m.b]  # type: ignore[attr-defined]


def test_a_waiting_task_right_after_the_act_is_the_answer_of_a_dashed_act_then_wait() -> None:
    # main read "… – await the reply" as a wait alone and paired it with "Await the reply"
    a = _act_then(
        "Register the application", "Send the notice to the applicant", "Await the reply", "Write the report"
    )
    b = linear(
        [
            "Register the application",
            "Send the notice to the applicant – await the reply",
            "Write the report",
        ],
        prefix="U",
    )
    d = diff_models(a, b)
    assert _grouped_with(d, "U1") == [(("T2", "W"), ("U1",), "grouped")]
    assert [u.step for u in d.uncertain] == []


def test_english_act_then_wait_with_a_comma_keeps_its_group() -> None:
    a = _act_then(
        "Register the application", "Send the notice to the applicant", "Await the reply", "Write the report"
    )
    b = linear(
        [
            "Register the application",
            "Send the notice to the applicant, then await the reply",
            "Write the report",
        ],
        prefix="U",
    )
    d = diff_models(a, b)
    assert _grouped_with(d, "U1") == [(("T2", "W"), ("U1",), "grouped")]


def test_a_dash_or_an_english_sequence_word_joins_the_act_to_the_wait() -> None:
    assert acts_before_waiting("Send the notice – await the reply")
    assert acts_before_waiting("Send the notice - await the reply")
    assert acts_before_waiting("Kommunicera sökanden — invänta svar")
    assert acts_before_waiting("Send the notice and thereafter await the reply")
    assert acts_before_waiting("Send the notice; afterwards wait for the reply")
    # a hyphen inside a word is no dash, and the performer before a dash is no act
    assert not acts_before_waiting("Re-await the reply")
    assert not acts_before_waiting("Handläggaren – inväntar svar", "Handläggare")
    step = Step("T", "Send the notice – await the reply", "task", "sendTask")
    assert families(step) == frozenset({"activity", "event"})


def test_the_answer_joins_a_one_to_many_that_holds_the_act() -> None:
    a = linear(["Registrera ansökan", "Skicka remiss till polisen och invänta yttrande", "Skriv utredning"])
    b = _act_then(
        "Kontrollera uppgifterna", "Skicka remiss till polisen", "Invänta yttrande", "Skriv utredning"
    )
    ca, cb = prepare(a, "A"), prepare(b, "B")
    ones = np.ones((len(ca.view.steps), len(cb.view.steps)))
    given = PassInput(ca.view, cb.view, lexicon_for((ca, cb)), ("sv", "sv"), ones, ones)
    already = [Match(("T1",), ("T1", "T2"), 0.7, 0.5, "grouped")]  # x against the check and the act
    assert [(m.a, m.b, m.confidence) for m in act_then_wait_pass(given, already)] == [
        (("T1",), ("T1", "T2", "W"), 0.7)
    ]


def test_a_weak_act_before_a_waiting_task_is_asked_about_not_grouped() -> None:
    # "Notify the applicant" and "Send a letter … and wait for an answer" are less than 0.3 alike
    # by label: no act, no group; the three steps ask about each other
    a = _act_then(
        "Register the application", "Notify the applicant", "Wait for the reply", "Write the report"
    )
    b = linear(
        [
            "Register the application",
            "Send a letter to the applicant and wait for an answer",
            "Write the report",
        ],
        prefix="U",
    )
    d = diff_models(a, b)
    assert _grouped_with(d, "U1") == []
    assert [(u.side, u.step, [c.ids for c in u.candidates]) for u in d.uncertain] == [
        ("a", "T2", [("U1",)]),
        ("a", "W", [("U1",)]),
        ("b", "U1", [("W",), ("T2",)]),
    ]
