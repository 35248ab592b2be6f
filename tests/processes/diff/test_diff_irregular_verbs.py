"""English irregular verb forms read as their verb (irregular.py, language.word_root):
"held" is "hold", "written" is "write"; forms that are also other words stay as written."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.irregular import AMBIGUOUS, FORMS, verb_of
from processes.diff.language import word_root


def test_a_past_participle_has_its_verb_s_root() -> None:
    assert [word_root(w, "en") for w in ("written", "wrote", "write", "writing")] == ["write"] * 4
    assert [word_root(w, "en") for w in ("held", "hold", "holding")] == ["hold"] * 3
    assert [word_root(w, "en") for w in ("sent", "paid", "sought", "withdrawn")] == [
        "send",
        "pay",
        "seek",
        "withdraw",
    ]


def test_the_same_with_simplemma_s_lemmas() -> None:
    assert [word_root(w, "en", True) for w in ("written", "held", "heard")] == ["write", "hold", "hear"]


def test_ambiguous_forms_and_swedish_words_stay_as_written() -> None:
    # "found" is also a verb of its own, "left" the direction, "led" a form of the noun-like "lead"
    assert [verb_of(w) for w in ("found", "left", "led", "set", "report")] == [
        "found",
        "left",
        "led",
        "set",
        "report",
    ]
    assert [word_root(w, "en") for w in ("found", "left", "led")] == ["found", "left", "led"]
    assert not AMBIGUOUS & FORMS.keys()
    assert word_root("sent", "sv") != word_root("send", "sv")  # a Swedish model is never read


def _chain(labels: list[str]) -> object:
    nodes = [("S", "start", "Application lodged"), ("R", "userTask", "Check the application")]
    nodes += [(f"X{i}", "userTask", label) for i, label in enumerate(labels)]
    nodes += [("D", "userTask", "Decide on the licence"), ("E", "end", "Licence issued")]
    return model(nodes, chain=" ".join(["S", "R", *(f"X{i}" for i in range(len(labels))), "D", "E"]))


def test_a_hearing_held_is_the_hearing_to_hold_not_the_one_to_schedule() -> None:
    # without the table "Hearing held" shares only "hearing" and takes both steps as one group
    d = diff_models(_chain(["Hearing held"]), _chain(["Schedule hearing", "Hold hearing"]), language="en")
    assert [(m.a, m.b) for m in d.matches if m.a == ("X0",)] == [(("X0",), ("X1",))]


def test_a_report_written_and_a_report_sent_find_their_verbs() -> None:
    d = diff_models(
        _chain(["Report written", "Report sent"]),
        _chain(["Send report", "Write report", "File report"]),
        language="en",
    )
    assert sorted((m.a, m.b) for m in d.matches if m.a[0].startswith("X")) == [
        (("X0",), ("X1",)),
        (("X1",), ("X0",)),
    ]


def test_a_hearing_date_set_is_not_read_as_holding_it() -> None:
    # the weak case: "set" is its own base, so nothing new joins it to either hearing step; it stays
    # a question with both as candidates, as without the table
    d = diff_models(_chain(["Hearing date set"]), _chain(["Schedule hearing", "Hold hearing"]), language="en")
    assert not [m for m in d.matches if m.a[0].startswith("X")]
    assert sorted((u.side, u.step) for u in d.uncertain) == [("a", "X0"), ("b", "X0"), ("b", "X1")]
