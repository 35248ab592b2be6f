"""Leftover runs of one length whose steps agree in kind, in order (shapes.py): a structural
prior. Where labels say nothing, the steps at the same position are asked about ("same place,
same shape"), never called only; a run whose kinds do not agree in order gets no such
question."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.shapes import SAME_SHAPE, shape_kind
from processes.diff.view import Step


def _stretch(*steps: tuple) -> object:
    # the report is written, then the stretch, then the decision: the steps around it pair
    ids = [f"T{k}" for k in range(1, len(steps) + 1)]
    nodes = [("S", "start", "Application received"), ("R", "userTask", "Write the investigation report"),
             *[(i, *spec) for i, spec in zip(ids, steps, strict=True)],
             ("Z", "userTask", "Decide on the licence"), ("E", "end", "Done")]
    return model(nodes, chain=" ".join(["S", "R", *ids, "Z", "E"]))


def _shape_candidates(d: object) -> set[tuple[str, str, tuple[str, ...]]]:
    return {
        (u.side, u.step, c.ids)
        for u in d.uncertain  # type: ignore[attr-defined]
        for c in u.candidates
        if SAME_SHAPE in c.reasons
    }


def _only(d: object) -> list[object]:
    return [x for x in d.differences if x.kind in ("only_in_a", "only_in_b")]  # type: ignore[attr-defined]


# four tasks a side, wider than a narrow place (tiers.PLACE_MAX 3), no word in common
DETAILED = (("userTask", "Phone the fire marshal"), ("userTask", "Rent a room"),
            ("userTask", "Inspect the kitchen hood"), ("userTask", "Archive photographs"))
COARSE = (("userTask", "Safety walk-through booked"), ("userTask", "Mail the invoice"),
          ("userTask", "Ventilation checked"), ("userTask", "Pictures filed"))
STRETCH = {"T1", "T2", "T3", "T4", "T5"}


def test_steps_at_one_position_of_runs_of_one_shape_are_asked_about() -> None:
    d = diff_models(_stretch(*DETAILED), _stretch(*COARSE))
    assert not [m for m in d.matches if set(m.a) & STRETCH]
    assert _shape_candidates(d) == {(side, t, (t,)) for side in "ab" for t in ("T1", "T2", "T3", "T4")}
    # no step of the stretch is claimed only in its model
    assert not _only(d)


def test_a_run_whose_kinds_do_not_agree_in_order_gets_no_shape_question() -> None:
    # a wait (an event) last in one model and first in the other: not one shape, and the
    # first and last tasks, closest to nothing, stay only in their models
    d = diff_models(_stretch(*DETAILED, ("receiveTask", "Wait for the applicant's answer")),
                    _stretch(("receiveTask", "Await reply from the company"), *COARSE))
    assert not _shape_candidates(d)
    assert sorted((x.kind, x.a + x.b) for x in _only(d)) == [("only_in_a", ("T1",)), ("only_in_b", ("T5",))]


def test_what_a_step_is_for_comparing_shapes() -> None:
    assert shape_kind(Step("t", "Inspect", "task", "userTask")) == ("task", "")
    assert shape_kind(Step("t", "Wait for the answer", "task", "receiveTask")) == ("event", "waiting")
    assert shape_kind(Step("e", "Two weeks", "event", "intermediate_catch:timer")) == (
        "event", "intermediate_catch:timer"
    )
