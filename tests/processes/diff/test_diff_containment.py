"""One label said inside another, and steps left over joining a neighbour's correspondence."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models, labelsim
from processes.diff.core import lexicon_for, prepare
from processes.diff.groups import PROPAGATION
from processes.diff.labelsim import CONTAIN, label_matrix
from processes.diff.matching import pair_scores
from processes.diff.matchtypes import DEFAULT_OPTIONS
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon


def both(a: str, b: str, language: str = "sv") -> tuple[float, float]:
    """(label similarity without, with the containment floor)."""
    lex = Lexicon.build(builtin_synonyms(), [a, b], language=language)
    return float(label_matrix(lex, [a], [b])[0, 0]), float(label_matrix(lex, [a], [b], contain=CONTAIN)[0, 0])


def test_a_bare_object_inside_a_short_sentence_gets_the_floor() -> None:
    plain, floored = both("Kunskapsprov", "Boka kunskapsprov")
    assert plain < CONTAIN and floored == CONTAIN
    plain, floored = both("Picking", "Picking (Lean WM)", "en")
    assert plain == 0.5 and floored == CONTAIN


def test_a_word_in_a_complement_or_lost_in_a_long_sentence_does_not() -> None:
    # "beslut" is what the notice is about, not what the step does
    plain, floored = both("Besluta", "Underrättelse om beslut")
    assert floored == plain < CONTAIN
    # one word of six (and after "till")
    long = "Överlämna utredning och förslag till beslut till Örkelljunga kommun"
    plain, floored = both("Besluta om serveringstillstånd", long)
    assert floored == plain < 0.5


def test_the_floor_is_only_for_step_labels() -> None:
    lex = Lexicon.build(builtin_synonyms(), ["Handläggare", "Handläggare på tillståndsenheten"], language="sv")
    assert label_matrix(lex, ["Handläggare"], ["Handläggare på tillståndsenheten"])[0, 0] < CONTAIN
    assert labelsim.CONTAIN == CONTAIN > 0.0


def test_a_leftover_step_joins_its_neighbours_correspondence_on_label_and_adjacency() -> None:
    a = model(
        [("S", "start", "Start"), ("T1", "userTask", "Confirm identity"), ("T2", "userTask", "Sign certificate"),
         ("E", "end", "End")],
        chain="S T1 T2 E",
    )
    b = model(
        [("S", "start", "Begin"), ("U0", "userTask", "Archive documents"), ("U1", "userTask", "Confirm identity"),
         ("U2", "manualTask", "Confirm identity of parents without passport"), ("U3", "userTask", "Notify registry office"),
         ("U4", "userTask", "Sign certificate"), ("E", "end", "Finish")],
        chain="S U0 U1 U2 U3 U4 E",
    )
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="en", lang_b="en")
    i, j = list(ca.view.steps).index("T1"), list(cb.view.steps).index("U2")
    # the label says they are alike; the combined score (other type, other neighbours) is
    # below the bar the pass used to ask for
    assert lab[i, j] >= DEFAULT_OPTIONS.min_label
    assert score[i, j] < DEFAULT_OPTIONS.threshold - PROPAGATION
    d = diff_models(a, b)
    assert [(m.a, m.b, m.how) for m in d.matches if "T1" in m.a] == [(("T1",), ("U1", "U2"), "grouped")]
    assert not [x for x in d.differences if x.kind == "only_in_b" and x.b == ("U2",)]
