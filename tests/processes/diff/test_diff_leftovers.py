"""Two more reasons to ask about a step left without a partner (processes/diff/leftovers.py):
related labels below the uncertain bar when neither step is matched, and the closest pair of a
wide place. Each test fails without its rule."""

from __future__ import annotations

import json

import numpy as np
from diffbuilders import candidates, linear, model, only

from processes.diff import diff_models, leftovers
from processes.diff.formats import diff_markdown, diff_text
from processes.diff.schema import to_data
from report.diff_html import diff_html


def _remiss_pair():
    # the remiss is drawn before the decision in A and after it in B: different places, no
    # shared neighbour; the labels share "remiss" (0.29 alike, under the uncertain bar 0.3)
    a = linear(["Granska ansökan", "Skicka remiss till Polismyndigheten", "Beslut", "Arkivera ärendet"], prefix="A")
    b = linear(["Granska ansökan", "Beslut", "Inhämtande av yttranden från remissinstanser", "Arkivera ärendet"], prefix="B")
    return diff_models(a, b)


def test_two_unmatched_steps_with_related_labels_are_asked_about() -> None:
    d = _remiss_pair()
    (c,) = candidates(d, "a", "A1")
    assert c.ids == ("B2",)
    assert leftovers.RELATED <= c.label < 0.3
    assert c.reasons[-1] == "both unmatched, labels related (below 0.30)"
    assert [x.ids for x in candidates(d, "b", "B2")] == [("A1",)]
    assert only(d) == []


def test_the_reason_reaches_every_output() -> None:
    a = linear(["Granska ansökan", "Skicka remiss till Polismyndigheten", "Beslut", "Arkivera ärendet"], prefix="A")
    b = linear(["Granska ansökan", "Beslut", "Inhämtande av yttranden från remissinstanser", "Arkivera ärendet"], prefix="B")
    d = diff_models(a, b)
    reason = "both unmatched, labels related (below 0.30)"
    assert reason in diff_text(d)
    assert reason in diff_markdown(d)
    assert reason in json.dumps(to_data(d), ensure_ascii=False)
    assert reason in diff_html(d, a, b)


def test_an_extra_step_beside_a_related_step_with_its_own_partner_stays_only_in_its_model() -> None:
    # B's remiss step is matched to A's own remiss step (and clearly better there): A's extra
    # remiss step stays only in A, a true "only" claim the new rules must not take away
    a = linear(
        ["Granska ansökan", "Skicka remiss till Polismyndigheten", "Beslut", "Inhämtande av yttranden från remissinstanser"],
        prefix="A",
    )
    b = linear(["Granska ansökan", "Beslut", "Inhämtande av yttranden från remissinstanser"], prefix="B")
    d = diff_models(a, b)
    assert any(m.a == ("A3",) and m.b == ("B2",) for m in d.matches)
    assert candidates(d, "a", "A1") == []
    assert "a:A1" in only(d)


def test_a_wide_place_pairs_only_its_mutually_closest_steps() -> None:
    # five steps of A against four of B between the same matched steps, no label alike: the
    # place is wide both ways, so only mutual best pairs are asked about and one step of A
    # stays only in A
    a = linear(
        ["Granska ansökan", "Fakturera avgiften", "Arkivera handlingarna", "Uppdatera registret", "Kopiera intyget",
         "Skanna bilagor", "Beslut"],
        prefix="A",
    )
    b = linear(["Granska ansökan", "Ring polisen", "Mejla skatteverket", "Skriv protokoll", "Boka lokal", "Beslut"], prefix="B")
    d = diff_models(a, b)
    asked = {u.step: u.candidates for u in d.uncertain if u.side == "a"}
    assert len(asked) == 4
    assert all(len(found) == 1 for found in asked.values())
    assert all("the closest of 4 steps in the same place" in found[0].reasons for found in asked.values())
    assert len({found[0].ids for found in asked.values()}) == 4  # one pair per step of B
    assert only(d) == ["a:A3"]


def _two_ends_a() -> object:
    return model(
        [("S", "start", ""), ("A1", "task", "Granska ansökan"), ("G", "xor", ""), ("A2", "task", "Beslut"),
         ("A3", "task", "Arkivera ärendet"), ("E1", "end", "Ärendet är avslutat"), ("E2", "end", "Ansökan stängd")],
        [("S", "A1"), ("A1", "G"), ("G", "A2"), ("A2", "A3"), ("A3", "E1"), ("G", "E2")],
    )


def test_two_end_events_left_over_are_asked_about() -> None:
    # both models end twice, and each model's two ends both close the case (A draws no decision
    # step, so its early end counts), so the lone end events are not paired, nor one closing end
    # against several (oneending.py; with A's "Beslut" its early end would not close the case and A's
    # one closing end would take B's two: bench/RESULTS-matching.md "Branch many95"); the end events
    # share no word and no matched neighbour, and an end event has no place (nothing after it); none
    # says a refusal or a withdrawal, so outcomes.py cannot tell which is which
    a = model(
        [("S", "start", ""), ("A1", "task", "Granska ansökan"), ("G", "xor", ""), ("A2", "task", "Pröva ärendet"),
         ("A3", "task", "Arkivera ärendet"), ("E1", "end", "Ärendet är avslutat"), ("E2", "end", "Ansökan stängd")],
        [("S", "A1"), ("A1", "G"), ("G", "A2"), ("A2", "A3"), ("A3", "E1"), ("G", "E2")],
    )  # fmt: skip
    b = model(
        [("S", "start", ""), ("B1", "task", "Granska ansökan"), ("B2", "task", "Beslut"), ("H", "xor", ""),
         ("B3", "task", "Skicka beslutet"), ("E", "end", "Klart"), ("F", "end", "Avbrutet")],
        [("H", "F")], chain="S B1 B2 H B3 E",
    )  # fmt: skip
    d = diff_models(a, b)
    assert not any({"E", "F"} & set(m.b) for m in d.matches)
    c = candidates(d, "a", "E1")
    assert ("E",) in [x.ids for x in c]
    assert all(x.reasons[-1] == "both end the process, neither is matched" for x in c)
    assert [x.ids for x in candidates(d, "b", "E")] == [("E1",), ("E2",)]
    # tasks are not touched by this rule: no task is asked about with an end event
    assert all(x.ids[0] not in ("E1", "E2", "E", "F") for side, t in (("a", "A3"), ("b", "B3")) for x in candidates(d, side, t))


def test_one_end_against_two_is_the_end_after_the_decision() -> None:
    # B ends once; A's second end closes the case before the decision: B's end is A's other end
    # (oneending.py, bench/RESULTS-matching.md "Branch many78"), not asked about any more
    b = model(
        [("S", "start", ""), ("B1", "task", "Granska ansökan"), ("B2", "task", "Beslut"), ("B3", "task", "Skicka beslutet"),
         ("E", "end", "Klart")],
        chain="S B1 B2 B3 E",
    )
    d = diff_models(_two_ends_a(), b)
    assert [(m.a, m.b, m.how) for m in d.matches if "E" in m.b] == [(("E1",), ("E",), "ending")]
    assert not any("E2" in m.a for m in d.matches)


def test_a_stretch_wider_than_wide_max_suggests_nothing_by_score() -> None:
    words = ["Ring", "Mejla", "Skriv", "Boka", "Läs", "Öppna", "Stäng", "Flytta", "Räkna", "Väg", "Mät", "Rita",
             "Sortera", "Packa", "Lasta", "Tvätta", "Måla", "Laga", "Sy", "Baka", "Plantera", "Vattna"]
    objects = ["polisen", "skatteverket", "protokoll", "lokal", "posten", "dörren", "fönstret", "pärmen", "kassan",
               "paketet", "avståndet", "kartan", "korten", "väskan", "bilen", "golvet", "väggen", "cykeln",
               "gardinen", "brödet", "fröet", "blomman"]
    wide = [f"{w} {o}" for w, o in zip(words, objects, strict=True)][: leftovers.WIDE_MAX + 1]
    a = linear(["Granska ansökan", "Fakturera avgiften", "Beslut"], prefix="A")
    b = linear(["Granska ansökan", *wide, "Beslut"], prefix="B")
    d = diff_models(a, b)
    assert candidates(d, "a", "A1") == []
    assert "a:A1" in only(d)
    # one step fewer and the closest is asked about again
    d = diff_models(a, linear(["Granska ansökan", *wide[:-1], "Beslut"], prefix="B"))
    assert len(candidates(d, "a", "A1")) == 1


def test_closest_in_place_needs_the_best_both_ways() -> None:
    score = np.array([[0.30, 0.20], [0.40, 0.10]])

    def rows_of(j: int) -> list[int]:
        return [0, 1]

    # row 0's best is column 0, but column 0's best row is row 1: not mutual
    assert leftovers.closest_in_place(score, 0, {0, 1}, rows_of) is None
    assert leftovers.closest_in_place(score, 1, {0, 1}, rows_of) == 0
    # ties go to the lower index
    even = np.array([[0.2, 0.2], [0.2, 0.2]])
    assert leftovers.closest_in_place(even, 0, {0, 1}, rows_of) == 0
    assert leftovers.closest_in_place(even, 1, {0, 1}, rows_of) is None
    assert leftovers.closest_in_place(score, 0, set(), rows_of) is None
    wide = np.zeros((1, leftovers.WIDE_MAX + 1))
    assert leftovers.closest_in_place(wide, 0, set(range(leftovers.WIDE_MAX + 1)), lambda j: [0]) is None


def test_related_unmatched_keeps_free_columns_from_the_bar() -> None:
    row = np.array([0.25, 0.19, 0.4, 0.22])
    free = np.array([True, True, True, False])
    assert leftovers.related_unmatched(row, free, 0.3) == [0, 2]
    assert leftovers.related_unmatched(row, free, 0.1) == [0, 1, 2]
