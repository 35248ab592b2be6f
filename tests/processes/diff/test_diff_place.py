"""The uncertain tier asks rather than claims: a step is "only in" its model only when the
other model has nothing in its place (between the same matched steps) and no task or event saying
the same."""

from __future__ import annotations

from diffbuilders import linear, model, only

from processes.diff import diff_models, tiers


def candidates(d, side, step):
    return [c.ids for u in d.uncertain if (u.side, u.step) == (side, step) for c in u.candidates]


def test_steps_with_nothing_alike_between_the_same_matched_steps_are_asked_about() -> None:
    # A has three steps between the review and the decision, B one; no label shares a word,
    # and A's middle step has no matched neighbour of its own
    a = linear(["Granska ansökan", "Fakturera avgiften", "Arkivera handlingarna", "Uppdatera registret", "Beslut"], prefix="A")
    b = linear(["Granska ansökan", "Ring polisen", "Beslut"], prefix="B")
    d = diff_models(a, b)
    assert candidates(d, "a", "A2") == [("B1",)]
    reasons = [c.reasons for u in d.uncertain if u.step == "A2" for c in u.candidates][0]
    assert reasons == ("labels 0.00 alike", "same place: between Granska ansökan and Beslut")
    assert sorted(candidates(d, "b", "B1")) == [("A1",), ("A2",), ("A3",)]
    assert only(d) == []


def test_a_wide_place_with_nothing_alike_suggests_only_the_closest_step() -> None:
    # a wide place suggests no step that shares no word, but the one the step scores best
    # with when that is mutual (processes/diff/leftovers.py)
    wide = ["Ring polisen", "Mejla skatteverket", "Skriv protokoll", "Boka lokal"]
    assert len(wide) > tiers.PLACE_MAX
    a = linear(["Granska ansökan", "Fakturera avgiften", "Beslut"], prefix="A")
    b = linear(["Granska ansökan", *wide, "Beslut"], prefix="B")
    d = diff_models(a, b)
    assert len(candidates(d, "a", "A1")) == 1
    assert "a:A1" not in only(d)


def test_a_task_and_an_event_that_say_the_same_are_candidates() -> None:
    a = model(
        [("S", "start", ""), ("A1", "task", "Granska ansökan"), ("A2", "timer", "Avgiften betald", "P1D"),
         ("A3", "task", "Beslut"), ("E", "end", "")],
        chain="S A1 A2 A3 E",
    )
    b = model(
        [("S", "start", ""), ("B1", "task", "Kontrollera att avgiften är betald"), ("B2", "task", "Granska ansökan"),
         ("B3", "task", "Beslut"), ("E", "end", "")],
        chain="S B1 B2 B3 E",
    )
    d = diff_models(a, b)
    assert ("B1",) in candidates(d, "a", "A2")
    assert ("A2",) in candidates(d, "b", "B1")
    assert only(d) == []
