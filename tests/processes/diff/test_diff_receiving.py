"""A task that receives the answers stands for the answer events (receiving.py;
bench/RESULTS-matching.md "Branch many58", sv-r20 p73)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.receiving import arrival_reading, is_receiving
from processes.diff.view import Step

_REMISS = "Skicka ut remisser (Polisen, Skatteverket, Kronofogden, räddningstjänsten)"
_RECEIVE = "Ta emot och diarieföra remissvar"


def _one_task(label: str = _RECEIVE, kind: str = "receiveTask") -> object:
    nodes = [
        ("S", "start", "Ansökan inkommer"), ("R", "userTask", "Diarieföra ansökan"), ("M", "sendTask", _REMISS),
        ("T", kind, label), ("U", "userTask", "Utredning och förslag till beslut"), ("E", "end", "Ärendet avslutat"),
    ]  # fmt: skip
    return model(nodes, chain="S R M T U E")


def _per_body() -> object:
    nodes = [
        ("S", "start", "Ansökan inkommen"), ("R", "userTask", "Diarieföra och fördela till handläggare"),
        ("P", "and", ""), ("R1", "sendTask", "Remiss Polismyndigheten"), ("Y1", "message", "Yttrande från Polisen"),
        ("R2", "sendTask", "Remiss SKV och KFM"), ("Y2", "message", "Svar SKV/KFM"),
        ("R3", "sendTask", "Remiss räddningstjänsten"), ("Y3", "message", "Yttrande RTJ"), ("J", "and", ""),
        ("U", "userTask", "Skriva utredning med förslag till beslut"), ("E", "end", "Ärendet avslutat"),
    ]  # fmt: skip
    flows = [("P", "R1"), ("R1", "Y1"), ("Y1", "J"), ("P", "R2"), ("R2", "Y2"), ("Y2", "J"), ("P", "R3"), ("R3", "Y3"), ("Y3", "J")]
    return model(nodes, flows, chain="S R P J U E")


def _with(d: object, step: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(m.a, m.b) for m in d.matches if step in m.a + m.b]


def test_what_a_receiving_task_is() -> None:
    steps = [
        Step("t", _RECEIVE, "task", "receiveTask"), Step("t", "Registratorn tar emot ansökan", "task", "userTask"),
        Step("t", "Receive the reports", "task", "receiveTask"), Step("t", "Registrera remissvar", "task", "receiveTask"),
        Step("t", "Ta emot remissvar", "event", "intermediate_catch:message"), Step("t", "Remissvar", "task", "receiveTask"),
    ]  # fmt: skip
    langs = ["sv", "sv", "en", "sv", "sv", "sv"]
    assert [is_receiving(s, lang) for s, lang in zip(steps, langs, strict=True)] == [True, True, True, False, False, False]
    assert arrival_reading(_RECEIVE, "sv") == "Ta emot remissvar"
    assert arrival_reading("Registratorn tar emot och diarieför ansökan", "sv") == "Registratorn tar emot ansökan"
    assert arrival_reading("Ta emot ansökan", "sv") == "Ta emot ansökan"


def test_the_receiving_task_takes_the_answer_events_of_its_block() -> None:
    d = diff_models(_one_task(), _per_body(), a_name="A", b_name="B")
    assert _with(d, "T") == [(("T",), ("Y1", "Y2", "Y3"))]
    assert not any(u.step in ("T", "Y1", "Y2", "Y3") for u in d.uncertain)
    # read from the other side the same way
    d = diff_models(_per_body(), _one_task(), a_name="B", b_name="A")
    assert _with(d, "T") == [(("Y1", "Y2", "Y3"), ("T",))]


def test_a_receive_task_named_for_another_action_stays_a_task() -> None:
    # the BPMN type alone does not make it the arrival: "Registrera remissvar" is registering
    d = diff_models(_one_task("Registrera remissvar"), _per_body(), a_name="A", b_name="B")
    assert not any(set(m.b) & {"Y1", "Y2", "Y3"} and "T" in m.a for m in d.matches)
