"""One step of a stage against the other model's run of steps of that stage (stageruns.py): the
coarse step pairs with the run, a retake on the loop back and a send task stay out, and nothing
is paired when the coarse model draws the stage twice there, when a member shares no word with
the coarse step, or between English models."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.core import lexicon_for, prepare
from processes.diff.matching import pair_scores
from processes.diff.matchtypes import Match, PassInput
from processes.diff.stageruns import connected, stage_run_pass, without_loop_back
from processes.diff.view import build_view
from processes.model import Definitions

AROUND_A = [
    ("S", "start", "Ansökan inkommer"),
    ("R", "userTask", "Registrera ansökan"),
    ("D", "userTask", "Skriva tjänsteskrivelse"),
    ("Z", "userTask", "Besluta om serveringstillstånd"),
    ("E", "end", "Ärendet avslutat"),
]


def _detailed(*middle: tuple[str, str, str], retake: bool = True) -> Definitions:
    ids = [n for n, _, _ in middle]
    nodes = [*AROUND_A, *middle]
    flows: list[tuple[str, str]] = []
    chain = " ".join(["S", "R", *ids])
    if retake:  # a marked test that fails goes back through a retake to the test itself
        nodes += [("G", "xor", "Godkänt?"), ("O", "userTask", "Boka omprov")]
        chain += " G D Z E"
        flows += [("G", "O"), ("O", ids[1])]
    else:
        chain += " D Z E"
    return model(nodes, flows, chain=chain)


def _coarse(*middle: tuple[str, str, str]) -> Definitions:
    ids = [n for n, _, _ in middle]
    return model([*AROUND_A, *middle], chain=" ".join(["S", "R", *ids, "D", "Z", "E"]))


TEST_RUN = (
    ("T1", "userTask", "Boka tid för kunskapsprov"),
    ("T2", "manualTask", "Ha kunskapsprov med sökanden"),
    ("T3", "userTask", "Rätta kunskapsprovet"),
)


def _pass(a: Definitions, b: Definitions, lang: str = "sv") -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    """What the pass adds, given the steps around the stretch matched one to one."""
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a=lang, lang_b=lang)
    given = PassInput(ca.view, cb.view, lex, (lang, lang), lab, score)
    anchors = [
        Match((s,), (s,), 1.0, 1.0)
        for s in ("S", "R", "D", "Z", "E")
        if s in ca.view.steps and s in cb.view.steps
    ]
    return {(m.a, m.b) for m in stage_run_pass(given, anchors)[len(anchors) :]}


def test_one_test_step_pairs_with_the_booking_sitting_and_marking_but_not_the_retake() -> None:
    # p91's shape: the coarse model draws the test as one step; the detailed one books it, holds
    # it and marks it, with a retake booked on the way back
    coarse = _coarse(("K", "userTask", "Sökande gör kunskapsprovet hos handläggaren"))
    assert _pass(_detailed(*TEST_RUN), coarse) == {(("T1", "T2", "T3"), ("K",))}  # not the retake "O"
    # the same with the models the other way round
    assert _pass(coarse, _detailed(*TEST_RUN)) == {(("K",), ("T1", "T2", "T3"))}
    # and in the whole matcher the coarse step stands for the run
    d = diff_models(_detailed(*TEST_RUN, retake=False), coarse)
    assert (("T1", "T2", "T3"), ("K",)) in {(m.a, m.b) for m in d.matches}


def test_a_run_without_a_loop_keeps_every_step() -> None:
    coarse = _coarse(("K", "userTask", "Sökande gör kunskapsprovet hos handläggaren"))
    assert _pass(_detailed(*TEST_RUN, retake=False), coarse) == {(("T1", "T2", "T3"), ("K",))}


def test_a_sent_receipt_stays_out_of_the_intake_and_the_run_passes_it() -> None:
    # p73's shape: registering, the receipt sent, assigning against "Diarieföra och fördela"
    intake = (
        ("I1", "userTask", "Diarieföra ansökan"),
        ("I2", "sendTask", "Skicka mottagningsbevis"),
        ("I3", "userTask", "Fördela ärendet till alkoholhandläggaren"),
    )
    a = model(
        [
            ("S", "start", "Ansökan inkommer"),
            *intake,
            ("D", "userTask", "Skriva tjänsteskrivelse"),
            ("Z", "userTask", "Besluta om serveringstillstånd"),
            ("E", "end", "Ärendet avslutat"),
        ],
        chain="S I1 I2 I3 D Z E",
    )
    b = model(
        [
            ("S", "start", "Ansökan inkommer"),
            ("K", "userTask", "Diarieföra och fördela till handläggare"),
            ("D", "userTask", "Skriva tjänsteskrivelse"),
            ("Z", "userTask", "Besluta om serveringstillstånd"),
            ("E", "end", "Ärendet avslutat"),
        ],
        chain="S K D Z E",
    )
    assert _pass(a, b) == {(("I1", "I3"), ("K",))}
    # a coarse send task lets the receipt into the run; sharing no word with it, it stops the pair
    b2 = model(
        [
            ("S", "start", "Ansökan inkommer"),
            ("K", "sendTask", "Diarieföra och fördela till handläggare"),
            ("D", "userTask", "Skriva tjänsteskrivelse"),
            ("Z", "userTask", "Besluta om serveringstillstånd"),
            ("E", "end", "Ärendet avslutat"),
        ],
        chain="S K D Z E",
    )
    assert _pass(a, b2) == set()


def test_two_coarse_steps_of_the_stage_in_the_place_pair_nothing_here() -> None:
    # the coarse model draws the test twice there: which of its steps stands for the run is a guess
    coarse = _coarse(
        ("K", "userTask", "Sökande gör kunskapsprovet hos handläggaren"),
        ("K2", "userTask", "Kunskapsprovet rättas"),
    )
    assert _pass(_detailed(*TEST_RUN, retake=False), coarse) == set()


def test_a_member_that_shares_no_word_with_the_coarse_step_stops_the_pair() -> None:
    # an investigation step against a suitability review and a site visit: the visit shares no word
    run = (
        ("U1", "userTask", "Lämplighetsprövning av sökanden"),
        ("U2", "manualTask", "Platsbesök på serveringsstället"),
    )
    coarse = _coarse(("K", "userTask", "Prövning av sökandens lämplighet och ekonomi"))
    assert _pass(_detailed(*run, retake=False), coarse) == set()
    # with a word shared by both, the two are the one review's run
    run = (
        ("U1", "userTask", "Lämplighetsprövning av sökanden"),
        ("U2", "userTask", "Ekonomisk prövning av sökanden"),
    )
    assert _pass(_detailed(*run, retake=False), coarse) == {(("U1", "U2"), ("K",))}


def test_english_models_are_left_alone() -> None:
    around = [
        ("S", "start", "Application received"),
        ("R", "userTask", "Register the application"),
        ("D", "userTask", "Write the committee report"),
        ("Z", "userTask", "Decide on the licence"),
        ("E", "end", "Case closed"),
    ]
    run = [
        ("T1", "userTask", "Book the knowledge test"),
        ("T2", "manualTask", "Applicant sits the knowledge test"),
        ("T3", "userTask", "Mark the knowledge test"),
    ]
    a = model([*around, *run], chain="S R T1 T2 T3 D Z E")
    b = model([*around, ("K", "userTask", "Knowledge test")], chain="S R K D Z E")
    assert _pass(a, b, "en") == set()


def test_the_loop_back_and_connection_readers() -> None:
    view = build_view(_detailed(*TEST_RUN))
    ids = {s.name: s.id for s in view.steps.values()}
    run = [
        ids["Boka tid för kunskapsprov"],
        ids["Ha kunskapsprov med sökanden"],
        ids["Rätta kunskapsprovet"],
        ids["Boka omprov"],
    ]
    assert without_loop_back(view, run) == run[:3]
    assert connected(view, run, set())
    assert not connected(view, [run[0], run[2]], set())  # the sitting between them is not in the room
    assert connected(view, [run[0], run[2]], {run[1]})
