"""Preparation pass: booking a thing joins the thing where the other model draws no booking."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models


def _pair(booking: str, thing_a: str, thing_b: str, extra_b: list[tuple[str, str]] = ()) -> tuple[object, object]:
    a = model(
        [("S", "start", "Ansökan inkommer"), ("T1", "userTask", "Diarieför ansökan"),
         ("T2", "userTask", booking), ("T3", "userTask", thing_a),
         ("T4", "userTask", "Fatta beslut"), ("E", "end", "Klart")],
        chain="S T1 T2 T3 T4 E",
    )
    ids = [nid for nid, _ in extra_b]
    b = model(
        [("S", "start", "Ny ansökan"), ("U1", "userTask", "Diarieföring"),
         *[(nid, "userTask", label) for nid, label in extra_b],
         ("U3", "userTask", thing_b), ("U4", "userTask", "Beslut"), ("E", "end", "Slut")],
        chain=" ".join(["S", "U1", *ids, "U3", "U4", "E"]),
    )
    return a, b


def _with_u3(a: object, b: object) -> list[set[str]]:
    return [set(m.a) for m in diff_models(a, b).matches if "U3" in m.b]


def test_booking_a_visit_joins_the_visit_when_the_other_model_books_nothing() -> None:
    a, b = _pair("Boka platsbesök med sökanden", "Gör platsbesök på serveringsstället",
                 "Platsbesök på serveringsstället")
    assert _with_u3(a, b) == [{"T2", "T3"}]


def test_no_join_when_the_other_model_books_it_itself_or_names_an_act_within_it() -> None:
    # the other model has its own booking step: the booking belongs with that
    a, b = _pair("Kalla sökanden till kunskapsprov", "Genomför kunskapsprovet", "Kunskapsprov",
                 [("U2", "Fakturera avgiften")])
    a2, b2 = _pair("Kalla sökanden till kunskapsprov", "Genomför kunskapsprovet", "Kunskapsprov",
                   [("U2", "Bokning av kunskapsprov")])
    assert _with_u3(a, b) == [{"T2", "T3"}] and "T2" not in set().union(*_with_u3(a2, b2))
    # "Sökanden skriver kunskapsprovet" is the applicant writing it, not the whole test
    a3, b3 = _pair("Kalla till kunskapsprov", "Sökanden skriver kunskapsprovet", "Sökanden skriver kunskapsprovet")
    assert _with_u3(a3, b3) == [{"T3"}]
