"""The uncertain tier's one-to-many question (tiers._parts, leftovers.part_of_neighbour): a step
left without a partner, standing right beside a matched step whose partner's label has terms the
matched step lacks and the leftover has, is asked about that partner ("may be part of X ↔ Y")
instead of being reported as only in its model. The test of the rule fails without it."""

from __future__ import annotations

from pathlib import Path

from diffbuilders import candidates, linear, model, only

from bpmn_io.loading import load_model
from processes.diff import diff_models, leftovers

P17 = Path(__file__).resolve().parents[3] / "bench" / "matching" / "sv" / "p17"


def test_a_leftover_beside_a_match_it_completes_is_asked_about() -> None:
    # bench pair p17: A's one step "Diarieföring och tilldelning av handläggare" is drawn in B as
    # "Registrera ärendet" then "Utse handläggare" (the gold lists both). The matcher keeps
    # RA02 <-> "Utse handläggare" one-to-one (a small synthetic pair gets grouped by the
    # matcher's own passes, so the real one is used); "Registrera ärendet" says the registering
    # that "Utse handläggare" lacks, but scores far under that match: without the rule it is
    # reported as only in B
    a, b = load_model(P17 / "a.yaml"), load_model(P17 / "b.yaml")
    d = diff_models(a, b)
    assert any(m.a == ("RA02",) and m.b == ("sn_utse",) for m in d.matches)
    (c,) = [c for c in candidates(d, "b", "sn_reg") if c.ids == ("RA02",)]
    assert c.label >= leftovers.RELATED
    assert c.reasons[-1] == (
        "may be part of Utse handläggare ↔ Diarieföring och tilldelning av handläggare "
        "(shares registrera, which Utse handläggare lacks)"
    )
    assert "b:sn_reg" not in only(d)


def test_a_leftover_sharing_only_what_the_partner_already_says_stays_only() -> None:
    # "Rätta kunskapsprovet" shares "kunskapsprov" with B1, but A1 (B1's partner) says that
    # too: nothing of B1 is left for it, a true "only" claim the rule keeps
    a = linear(["Granska ansökan", "Kunskapsprov", "Rätta kunskapsprovet", "Beslut"], prefix="A")
    b = linear(["Granska ansökan", "Sökanden skriver kunskapsprovet", "Beslut"], prefix="B")
    d = diff_models(a, b)
    assert any(m.a == ("A1",) and m.b == ("B1",) for m in d.matches)
    assert candidates(d, "a", "A2") == []
    assert "a:A2" in only(d)


def test_the_terms_left_over_by_the_partner() -> None:
    assert leftovers.part_of_neighbour({"registrera", "ärende"}, {"registrera", "handläggare"}, {"handläggare"}, 0.3) == (
        "registrera",
    )
    assert leftovers.part_of_neighbour({"registrera"}, {"registrera", "handläggare"}, {"registrera"}, 0.3) == ()
    # labels less alike than the related bar: no question, whatever the terms
    assert leftovers.part_of_neighbour({"registrera"}, {"registrera", "handläggare"}, {"handläggare"}, 0.1) == ()


def test_a_task_beside_a_matched_end_event_is_not_its_part() -> None:
    # A ends with the task "Arkivering av ärendet" before its end event "Ärendet avslutat"; B's
    # end event "Ärendet avslutat och arkiverat" is matched to A's end event. The task says what
    # B's end event says beyond A's ("arkivera", labels 0.75 alike), but a task and an event are
    # one step told twice, not one step split in two: the task stays only in A
    a = model(
        [("S", "start", ""), ("A1", "task", "Granska ansökan"), ("A2", "task", "Arkivering av ärendet"),
         ("E", "end", "Ärendet avslutat")],
        chain="S A1 A2 E",
    )
    b = model(
        [("S", "start", ""), ("B1", "task", "Granska ansökan"), ("E", "end", "Ärendet avslutat och arkiverat")],
        chain="S B1 E",
    )
    d = diff_models(a, b)
    assert any(m.a == ("E",) and m.b == ("E",) for m in d.matches)
    assert candidates(d, "a", "A2") == []
    assert "a:A2" in only(d)
