"""Runs of other lengths left over between the same matched steps are aligned in order
(segments.py): each step of the shorter run with one step or a block of the longer, when one
alignment is clearly ahead; otherwise the steps are asked about, never called only."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.runs import RUN
from processes.diff.segments import best_segmentation


def _stretch(*steps: tuple[str, str]) -> object:
    # the report is written, then the stretch, then the decision: the steps around it pair
    ids = [f"T{k}" for k in range(1, len(steps) + 1)]
    nodes = [("S", "start", "Application received"), ("R", "userTask", "Write the investigation report"),
             *[(i, kind, label) for i, (kind, label) in zip(ids, steps, strict=True)],
             ("Z", "userTask", "Decide on the licence"), ("E", "end", "Done")]
    return model(nodes, chain=" ".join(["S", "R", *ids, "Z", "E"]))


def _runs(d: object) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    return {(m.a, m.b) for m in d.matches if m.how == RUN}  # type: ignore[attr-defined]


def _only(d: object) -> list[object]:
    return [x for x in d.differences if x.kind in ("only_in_a", "only_in_b")]  # type: ignore[attr-defined]


DETAILED = (("sendTask", "Send the report to the applicant for comments"),
            ("receiveTask", "Wait for the applicant's comments"),
            ("sendTask", "Submit the case papers to the licensing board"),
            ("sendTask", "Put the case on the agenda of the board meeting"),
            ("receiveTask", "Wait for the board meeting"))
COARSE = (("userTask", "Board papers dispatched"),
          ("userTask", "Meeting agenda drafted"))



def test_a_coarse_run_finds_its_place_in_a_detailed_one() -> None:
    # p38's shape: the detailed model sends the report for comments and waits for them, then
    # sends the papers to the board and puts the case on its agenda, then waits for the
    # meeting; the coarse model draws only the papers and the agenda
    d = diff_models(_stretch(*DETAILED), _stretch(*COARSE))
    assert _runs(d) == {(("T3",), ("T1",)), (("T4",), ("T2",))}
    assert sum("5 in one model against 2 in the other, aligned in order" in n for n in d.notes) == 2
    # the comments round and the meeting are the detailed model's own
    assert {x.a for x in _only(d)} == {("T1",), ("T2",), ("T5",)}
    # the same the other way round
    d = diff_models(_stretch(*COARSE), _stretch(*DETAILED))
    assert _runs(d) == {(("T1",), ("T3",)), (("T2",), ("T4",))}


def test_a_run_whose_shorter_side_is_not_all_placed_is_asked_about() -> None:
    # p49's shape: only the two waiting steps are alike (0.39); the request to comment has no
    # related step among the four, so pairing the waits alone would leave steps of both runs
    # behind: nothing is paired and both runs are asked about
    a = _stretch(("sendTask", "Let the applicant read the report"),
                 ("receiveTask", "Applicant's views received"))
    b = _stretch(("userTask", "Communication"), ("receiveTask", "Response time for views"),
                 ("userTask", "Memo to the board"), ("receiveTask", "Wait for the board meeting"))
    d = diff_models(a, b)
    assert not _runs(d)
    assert {("a", "T1"), ("a", "T2"), ("b", "T1"), ("b", "T2"), ("b", "T3")} <= {
        (u.side, u.step) for u in d.uncertain
    }
    assert [x.b for x in _only(d)] == [("T4",)]


def test_two_alignments_alike_are_too_unsure() -> None:
    # the first step of the shorter run goes with the first of the longer or with the first two
    # read together, and both are worth the same: no lead, so the caller pairs nothing
    worth = {((0,), (0,)): 0.4, ((0,), (0, 1)): 0.4, ((1,), (2,)): 0.3}
    segments, lead = best_segmentation(2, 3, worth, "a")  # type: ignore[misc]
    assert [(s.a, s.b) for s in segments] == [((0,), (0,)), ((1,), (2,))]
    assert lead == 0.0
    # with the block clearly better it is taken, ahead by the difference
    worth[((0,), (0, 1))] = 0.6
    segments, lead = best_segmentation(2, 3, worth, "a")  # type: ignore[misc]
    assert [(s.a, s.b) for s in segments] == [((0,), (0, 1)), ((1,), (2,))]
    assert round(lead, 6) == 0.2
    # a step of the shorter run with no segment: no segmentation at all
    assert best_segmentation(2, 3, {((0,), (0,)): 0.4}, "a") is None
