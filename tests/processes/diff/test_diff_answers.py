"""The answers follow the remisses: an "all answers received" step takes only the answers of
the bodies its remiss step went to (answers.py; bench/RESULTS-matching.md "Branch many20")."""

from __future__ import annotations

from diffbuilders import model, remiss_and_answer_per_body

from processes.diff import diff_models

_BODIES = (
    ("P", "polisen", "Polisens"),
    ("K", "Skatteverket", "Skatteverkets"),
    ("M", "miljöförvaltningen", "Miljöförvaltningens"),
)


def _per_body() -> object:
    """start -> Registrera ansökan -> parallel: one remiss and its answer per body -> Fatta beslut -> end."""
    return remiss_and_answer_per_body(_BODIES)


def _one_remiss(remiss: str, answers: str, extra: str = "") -> object:
    """start -> Registrera ansökan -> one remiss step [-> another remiss] -> its answers -> Fatta beslut -> end."""
    nodes = [("S", "start", ""), ("T0", "userTask", "Registrera ansökan"), ("T1", "sendTask", remiss)]
    chain = "S T0 T1"
    if extra:
        nodes.append(("T2", "sendTask", extra))
        chain += " T2"
    nodes += [("V", "timer", answers), ("T9", "userTask", "Fatta beslut"), ("E", "end", "")]
    return model(nodes, chain=chain + " V T9 E")


def _grouped(d: object) -> dict[tuple[str, ...], tuple[str, ...]]:
    return {m.b: m.a for m in d.matches if len(m.a) > 1 or len(m.b) > 1}


def test_all_answers_take_only_the_answers_of_the_bodies_the_remiss_went_to() -> None:
    d = diff_models(
        _per_body(),
        _one_remiss("Skicka remisser till polisen och Skatteverket", "Alla remissvar har kommit in"),
    )
    assert _grouped(d) == {("T1",): ("RemK", "RemP"), ("V",): ("YttK", "YttP")}
    # the answer to the remiss B never sends is not paired: left over (uncertain or only in A)
    assert not [m for m in d.matches if "YttM" in m.a]


def test_the_answer_of_a_body_the_step_names_stays() -> None:
    answers = "Remissvar från polisen, Skatteverket och miljöförvaltningen har kommit in"
    d = diff_models(_per_body(), _one_remiss("Skicka remisser till polisen och Skatteverket", answers))
    assert [set(m.a) for m in d.matches if m.b == ("V",)] == [{"YttK", "YttM", "YttP"}]


def test_the_answer_to_a_remiss_sent_apart_stays() -> None:
    b = _one_remiss(
        "Skicka remisser till polisen och Skatteverket",
        "Alla remissvar har kommit in",
        "Remiss till miljöförvaltningen",
    )
    d = diff_models(_per_body(), b)
    assert (("RemM",), ("T2",)) in [(m.a, m.b) for m in d.matches]
    assert [set(m.a) for m in d.matches if m.b == ("V",)] == [{"YttK", "YttM", "YttP"}]
