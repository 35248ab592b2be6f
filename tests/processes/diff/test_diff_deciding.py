"""Decision pass: the one decision step of a model against the decision drawn as alternatives."""

from __future__ import annotations

from diffbuilders import decision_alternatives, decision_model, model

from processes.diff import diff_models
from processes.diff.deciding import is_decision


def test_what_a_decision_step_is() -> None:
    assert all(is_decision(x, "sv") for x in ("Delegationsbeslut", "Nämnden beslutar i ärendet", "Fattar beslut"))
    assert not any(
        is_decision(x, "sv")
        for x in ("Beslutskopia", "Expediering av beslut", "Anmälan av delegationsbeslut", "Beslut och tillståndsbevis")
    )
    assert not is_decision("Decision by the committee", "en")


def test_the_only_decision_of_each_model_is_the_same_work() -> None:
    # who decides differs (committee, delegation): the labels share little but the decision
    d = diff_models(decision_model("Nämndbeslut vid nästa sammanträde"),
                    decision_alternatives("Delegationsbeslut av tillståndshandläggaren", "Beslut i utskottet"))
    found = [m for m in d.matches if "T2" in m.a]
    assert [(m.a, sorted(m.b)) for m in found] == [(("T2",), ["D0", "D1"])]
    assert not [x for x in d.differences if x.kind == "only_in_b" and x.b[0] in ("D0", "D1")]
    d = diff_models(decision_model("Socialnämnden beslutar"), decision_alternatives("Beslut enligt delegationsordningen"))
    assert [(m.a, m.b) for m in d.matches if "T2" in m.a] == [(("T2",), ("D0",))]


def test_not_when_both_models_draw_several_decisions() -> None:
    a = decision_alternatives("Delegationsbeslut", "Nämndbeslut")
    b = decision_alternatives("Handläggaren fattar beslut på delegation", "Arbetsutskottet fattar beslut")
    d = diff_models(a, b)
    assert not [m for m in d.matches if len(m.a) > 1 or len(m.b) > 1]


def test_a_lane_named_after_the_decision_does_not_hide_a_decision_step() -> None:
    # the lane "Beslut" would take "Besluta" out of the label (matchtypes.what); the decision
    # pass reads the step's own name, so D2 is still a decision (D1 decides a side matter, the
    # dismissal: sidematters.py)
    from processes.diff.core import prepare
    from processes.diff.deciding import decisions

    nodes = [("S", "start", "Ansökan inkommer"), ("X", "xor", ""),
             ("D1", "userTask", "Besluta om avvisning och meddela sökanden"),
             ("D2", "userTask", "Besluta om serveringstillstånd"), ("E1", "end", "Avvisad"), ("E2", "end", "Klart")]
    flows = [("S", "X"), ("X", "D1"), ("X", "D2"), ("D1", "E1"), ("D2", "E2")]
    m = model(nodes, flows, lanes={"Beslut": ["D2"], "Handläggare": ["S", "X", "D1", "E1", "E2"]})
    assert decisions(prepare(m, "A").view, "sv") == ["D2"]
