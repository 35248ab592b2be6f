"""The applicant's answer to the hearing, drawn as an event after the hearing step, with the other
model's one hearing step that names the answer (hearinganswer.py; bench/RESULTS-matching.md
"Branch many87", sv-r21 p76 and sv-r19 p68)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.hearinganswer import answer_events, hearing_steps, names_answer
from processes.diff.view import build_view

_HEAD = [
    ("S", "start", "Ansökan in"),
    ("R", "userTask", "Diarieföra ansökan"),
    ("U", "userTask", "Utredning"),
]
_TAIL = [("D", "userTask", "Beslut i AU"), ("E", "end", "Ärendet avslutat")]


def _with_answer(hearing: str, answer: str, kind: str = "message") -> object:
    """Tallbacka: the hearing, then the applicant's answer (or the time running out) as an event."""
    nodes = [*_HEAD, ("K", "sendTask", hearing), ("A", kind, answer, "P14D"), *_TAIL]
    return model(nodes, chain="S R U K A D E")


def _one_step(hearing: str) -> object:
    """Ekdala: the hearing as one step."""
    nodes = [*_HEAD, ("H", "userTask", hearing), *_TAIL]
    return model(nodes, chain="S R U H D E")


def _with(d: object, step: str, side: str = "a") -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(m.a, m.b) for m in d.matches if step in (m.a if side == "a" else m.b)]


def _only(d: object) -> list[tuple[str, tuple[str, ...]]]:
    return [(x.kind, x.a or x.b) for x in d.differences if x.kind.startswith("only")]


def test_the_answer_event_joins_the_hearing_step_that_names_the_answer() -> None:
    # on main the event is "only in A" (its family is no task's); gold: {hearing, answer} = one step
    d = diff_models(
        _with_answer("Kommunicering med sökanden", "Synpunkter in / svarstiden ute"),
        _one_step("Kommunicering – sökande får yttra sig (2 v)"),
    )
    assert _with(d, "A") == [(("K", "A"), ("H",))]
    assert _only(d) == []


def test_the_answer_joins_the_other_side_too() -> None:
    d = diff_models(
        _one_step("Kommunicera sökanden och invänta svar"),
        _with_answer(
            "Kommunicera sökanden – får yttra sig inom två veckor", "Sökandens yttrande (eller tiden gått ut)"
        ),
    )
    assert _with(d, "A", side="b") == [(("H",), ("K", "A"))]


def test_a_waiting_timer_is_not_the_answer() -> None:
    # p79: "Svarstid för sökanden (2 v)" is a timer: the wait, only in A
    d = diff_models(
        _with_answer("Kommunicera med sökanden", "Svarstid för sökanden (2 v)", kind="timer"),
        _one_step("Kommunicering – sökande får yttra sig (2 v)"),
    )
    assert _with(d, "A") == []
    assert ("only_in_a", ("A",)) in _only(d)


def test_a_hearing_step_that_names_no_answer_takes_no_event() -> None:
    d = diff_models(
        _with_answer("Kommunicering med sökanden", "Synpunkter in / svarstiden ute"),
        _one_step("Kommunicering med sökanden"),
    )
    assert _with(d, "A") == []


def test_english_pairs_are_left_alone() -> None:
    a = model(
        [("S", "start", "Application received"), ("K", "sendTask", "Communicate the findings to the applicant"),
         ("A", "message", "Applicant's comments received"), ("E", "end", "Closed")],
        chain="S K A E",
    )  # fmt: skip
    b = model(
        [("S", "start", "Application received"), ("H", "userTask", "Communicate findings, applicant may reply"),
         ("E", "end", "Closed")],
        chain="S H E",
    )  # fmt: skip
    assert _with(diff_models(a, b), "A") == []


def test_the_readings() -> None:
    view = build_view(_with_answer("Kommunicering med sökanden", "Synpunkter in / svarstiden ute"))
    assert hearing_steps(view) == ["K"]
    assert answer_events(view, "K") == ["A"]
    timer = build_view(_with_answer("Kommunicering med sökanden", "Svarstid", kind="timer"))
    assert answer_events(timer, "K") == []
    assert names_answer("Kommunicering – sökande får yttra sig (2 v)")
    assert not names_answer("Kommunicering av utredningen")
