"""Skip-run pass: a coarse step against a run of finer steps with a step between them it does not name
(branch many59's rule, run after the place passes on branch many66)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.core import lexicon_for, prepare
from processes.diff.matching import pair_scores
from processes.diff.matchtypes import PassInput
from processes.diff.skiprun import names_each_apart, skip_run_pass


def test_names_each_apart_asks_a_term_of_the_coarse_step_only_that_step_says() -> None:
    assert names_each_apart({"registrera", "fördela"}, [{"ansökan", "registrera"}, {"ansökan", "fördela"}])
    # the coarse step says only what both steps say: it names neither apart
    assert not names_each_apart({"issue", "licence"}, [{"issue", "licence"}, {"issue", "licence", "notice"}])


def _models(*between: str) -> tuple[object, object]:
    gap = [(f"G{k}", "sendTask", label) for k, label in enumerate(between, 1)]
    a = model(
        [
            ("S", "start", "Ansökan inkommer"),
            ("T1", "userTask", "Diarieföra ansökan"),
            *gap,
            ("T3", "userTask", "Fördela ärendet till handläggaren"),
            ("T4", "userTask", "Granska ansökan"),
            ("E", "end", "Klart"),
        ],
        chain=" ".join(["S", "T1", *(g for g, _, _ in gap), "T3", "T4", "E"]),
    )
    b = model(
        [
            ("S", "start", "Ansökan kommer in"),
            ("U1", "userTask", "Diarieföra och fördela till handläggare"),
            ("U2", "userTask", "Kontrollera att avgiften är betald"),
            ("U3", "userTask", "Granska ansökan"),
            ("E", "end", "Avslutat"),
        ],
        chain="S U1 U2 U3 E",
    )
    return a, b


def _pass(a: object, b: object) -> tuple[list, tuple[str, ...]]:
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    return skip_run_pass(PassInput(ca.view, cb.view, lex, ("sv", "sv"), lab, score), [])


def test_the_coarse_step_takes_its_run_over_a_receipt_it_does_not_name() -> None:
    # sv-r20's p73: the receipt between registration and assignment is work only the detailed model draws
    a, b = _models("Skicka mottagningsbevis")
    found, notes = _pass(a, b)
    assert [(m.a, m.b, m.how) for m in found] == [(("T1", "T3"), ("U1",), "grouped")]
    # the note names the step the run skips
    assert [n.split(": matched")[0] for n in notes] == [
        '"Diarieföra ansökan" + "Fördela ärendet till handläggaren" = "Diarieföra och fördela till handläggare"'
    ]
    assert notes[0].endswith('skipped between them, not named by it: "Skicka mottagningsbevis"')
    d = diff_models(a, b)
    assert [m.a for m in d.matches if m.b == ("U1",)] == [("T1", "T3")]
    assert all("G1" not in m.a for m in d.matches)


def test_two_steps_between_are_more_than_the_run_may_skip() -> None:
    # a receipt and an invoice between registration and assignment: beyond the bound of one
    a, b = _models("Skicka mottagningsbevis", "Fakturera ansökningsavgiften")
    # (in the whole comparison other evidence may still join them: the context and attach passes)
    found, notes = _pass(a, b)
    assert not [m for m in found if "U1" in m.b]
    assert notes == ()
