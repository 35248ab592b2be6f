"""Invariants: a model against itself (corpus and generated), and scores in [0, 1]."""

from __future__ import annotations

from pathlib import Path

import pytest
from diffbuilders import linear, model, renamed
from hypothesis import given, settings
from hypothesis import strategies as st
from shared import INTEROP, when_interop

from bpmn_io.reader import read_bpmn
from processes.diff import diff_models

REFERENCE = when_interop(sorted((INTEROP / "miwg" / "reference").glob("*.bpmn")))

LABELS = [
    "Granska ansökan",
    "Platsbesök",
    "Skicka remisser",
    "Beslut om tillstånd",
    "Meddela beslut",
    "Begär komplettering",
    "Kalla till kunskapsprov",
    "Sammanställ utredning",
    "Arkivera ärendet",
    "Fakturera avgift",
    "Diarieför ansökan",
    "Kommunicera utredningen",
]


@pytest.mark.interop
@pytest.mark.parametrize("path", REFERENCE, ids=lambda p: p.name)
def test_a_reference_model_against_itself_has_no_difference(path: Path) -> None:
    defs = read_bpmn(path)
    d = diff_models(defs, defs)
    assert d.differences == ()
    assert (d.similarity.node_matching, d.similarity.structural, d.similarity.behavioural) == (1.0, 1.0, 1.0)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(LABELS), min_size=1, max_size=7, unique=True))
def test_a_generated_model_against_its_renamed_copy(labels: list[str]) -> None:
    a = linear(labels)
    d = diff_models(a, renamed(a, prefix="Y_"))
    assert d.differences == ()
    assert [(m.a[0], m.b[0]) for m in d.matches] == [(s, "Y_" + s) for s in a.process().nodes]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.sampled_from(LABELS), min_size=1, max_size=6, unique=True),
    st.lists(st.sampled_from(LABELS), min_size=1, max_size=6, unique=True),
)
def test_scores_are_in_the_unit_interval_and_node_matching_is_symmetric(xs: list[str], ys: list[str]) -> None:
    ab = diff_models(linear(xs, prefix="A"), linear(ys, prefix="B")).similarity
    ba = diff_models(linear(ys, prefix="B"), linear(xs, prefix="A")).similarity
    for s in (ab, ba):
        assert all(0.0 <= v <= 1.0 for v in (s.node_matching, s.structural, s.behavioural))
    assert ab.node_matching == ba.node_matching


def test_two_steps_merged_into_one() -> None:
    a = model(
        [
            ("S", "start"),
            ("A1", "task", "Skriv utredning"),
            ("A2", "task", "Skriv beslutsförslag"),
            ("B", "task", "Beslut"),
            ("E", "end"),
        ],
        chain="S A1 A2 B E",
    )
    b = model(
        [
            ("S", "start"),
            ("X", "task", "Skriv utredning och beslutsförslag"),
            ("B", "task", "Beslut"),
            ("E", "end"),
        ],
        chain="S X B E",
    )
    d = diff_models(a, b)
    assert [x.key() for x in d.differences] == [("merged", ("A1", "A2"), ("X",), "", "", "")]


def test_a_loop_marker_changed() -> None:
    a = model([("S", "start"), ("K", "userTask", "Genomför kunskapsprov"), ("E", "end")], chain="S K E")
    b = model([("S", "start"), ("K", "loop", "Genomför kunskapsprov", 3), ("E", "end")], chain="S K E")
    assert [x.key() for x in diff_models(a, b).differences] == [
        ("attribute", ("K",), ("K",), "loop_marker", "", "standard max 3")
    ]


def test_a_loop_maximum_of_0_is_no_maximum() -> None:
    """Cardanit, Bizagi and Visual Paradigm write loopMaximum="0" for a loop without a cap, as the simulator
    reads it (found by QA, qaproc: "standard in A; standard max 0 in B" on MIWG C.4.0)."""
    a = model([("S", "start"), ("K", "loop", "Genomför kunskapsprov"), ("E", "end")], chain="S K E")
    b = model([("S", "start"), ("K", "loop", "Genomför kunskapsprov", 0), ("E", "end")], chain="S K E")
    assert diff_models(a, b).differences == ()
    c = model([("S", "start"), ("K", "loop", "Genomför kunskapsprov", 2), ("E", "end")], chain="S K E")
    assert [x.key() for x in diff_models(b, c).differences] == [
        ("attribute", ("K",), ("K",), "loop_marker", "standard", "standard max 2")]


def test_a_loop_marker_is_said_in_words_with_none_for_no_marker() -> None:
    """Found by QA, qaproc: the text said "loop marker standard in A, standard max 0 in B", and the Markdown's B
    cell of a marker only A has showed the step's name, not "none"."""
    from processes.diff.formats import diff_markdown, diff_text
    from report.difflanguage import diff_words

    a = model([("S", "start"), ("K", "loop", "Genomför kunskapsprov", 3), ("E", "end")], chain="S K E")
    b = model([("S", "start"), ("K", "userTask", "Genomför kunskapsprov"), ("E", "end")], chain="S K E")
    d = diff_models(a, b)
    assert [x.key() for x in d.differences] == [
        ("attribute", ("K",), ("K",), "loop_marker", "standard max 3", "")]  # the JSON's codes stay
    assert '"Genomför kunskapsprov": loop marker: repeated at most 3 times (loop) in A, none in B.' in diff_text(d)
    assert "| repeated at most 3 times (loop) | none |" in diff_markdown(d)
    swedish = diff_markdown(d, diff_words("sv"))
    assert "| upprepas högst 3 gånger (loop) | ingen |" in swedish
