"""A decision on a side matter of the case (sidematters.py) is not the permit decision."""

from __future__ import annotations

from diffbuilders import candidates, decision_alternatives, decision_model, model, only

from processes.diff import diff_models
from processes.diff.sidematters import decided_side_matter


def _with_side_step(label: str):
    """A permit process with the step ``label`` (id X) between the investigation and the decision."""
    nodes = [("S", "start", "Ansökan inkommer"), ("T1", "userTask", "Utredning"), ("X", "userTask", label),
             ("T2", "userTask", "Beslut i socialnämnden"), ("T3", "sendTask", "Beslutsbrev till sökanden"),
             ("E", "end", "Klart")]
    return model(nodes, chain="S T1 X T2 T3 E")


def test_what_a_side_matter_decision_names() -> None:
    assert [decided_side_matter(x, "sv") for x in (
        "Beslut om förlängd handläggningstid (delegat – enhetschef)", "Enhetschefen beslutar att avskriva ärendet",
        "Förlängd handläggningstid beslutas", "Avvisningsbeslut", "Beslut om godkänt kunskapsprov",
    )] == ["handling time", "write-off", "handling time", "dismissal", "knowledge test"]
    # granting or refusing the permit is the decision on the application
    assert [decided_side_matter(x, "sv") for x in (
        "Bevilja serveringstillstånd (delegat – arbetsutskottet)", "Besluta om serveringstillstånd", "Beslut om avslag",
        "Beslut om serveringstillstånd efter godkänt kunskapsprov", "Socialutskottet beslutar",
    )] == [None] * 5
    assert decided_side_matter("Decision to extend the determination period", "en") == "handling time"
    assert decided_side_matter("Decision on the application", "en") is None


def test_a_side_matter_decision_is_not_grouped_with_the_permit_decision() -> None:
    # main grouped "Socialnämnden beslutar" with both; the extension is only in its model
    d = diff_models(decision_model("Socialnämnden beslutar"),
                    decision_alternatives("Beslut om förlängd handläggningstid", "Beslut i ärendet"))
    assert [(m.a, m.b) for m in d.matches if "T2" in m.a] == [(("T2",), ("D1",))]
    assert only(d) == ["b:D0"]
    assert candidates(d, "b", "D0") == []


def test_it_pairs_with_a_step_of_the_same_side_matter() -> None:
    d = diff_models(_with_side_step("Beslut om förlängd handläggningstid"), _with_side_step("Förlänga handläggningstiden"))
    assert (("X",), ("X",)) in [(m.a, m.b) for m in d.matches]
    assert (("T2",), ("T2",)) in [(m.a, m.b) for m in d.matches]
    assert only(d) == []


def test_closing_the_case_is_not_writing_it_off() -> None:
    # the weak case: same place, a shared "ärende" sense, but "Avsluta ärendet" names no write-off
    d = diff_models(_with_side_step("Beslut om avskrivning"), _with_side_step("Avsluta ärendet"))
    assert only(d) == ["a:X", "b:X"]
    assert candidates(d, "a", "X") == [] and candidates(d, "b", "X") == []
    d = diff_models(_with_side_step("Beslut om förlängd handläggningstid"), _with_side_step("Beslut om avskrivning"))
    assert only(d) == ["a:X", "b:X"]
