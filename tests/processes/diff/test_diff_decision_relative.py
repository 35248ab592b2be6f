"""A deciding verb in a relative clause (deciding._relative_decides): "Delegaten som fattar beslut"
is the decision when the clause is about the step's subject, or about the body a passive main verb
puts the matter before; a clause about something else leaves the step's own main verb to decide."""

from __future__ import annotations

from diffbuilders import decision_alternatives, decision_model

from processes.diff import diff_models
from processes.diff.deciding import decision_steps, is_decision
from processes.diff.view import build_view


def test_a_relative_clause_about_the_subject_that_decides_makes_a_decision() -> None:
    assert [is_decision(x, "sv") for x in ("Delegaten som fattar beslut", "Nämnden som beslutar i ärendet",
                                            "Socialnämndens arbetsutskott som fattar beslut",
                                            "Ärendet föredras för socialnämnden som fattar beslut")] == [True] * 4
    d = diff_models(decision_model("Beslut i socialnämnden"),
                    decision_alternatives("Delegaten som fattar beslut", "Ärendet föredras för nämnden som beslutar"))
    assert [(m.a, sorted(m.b)) for m in d.matches if "T2" in m.a] == [(("T2",), ["D0", "D1"])]


def test_a_relative_clause_about_something_else_leaves_the_main_verb_to_decide() -> None:
    # the clause is about the object of an active verb, or about what is decided on; the
    # clause does not decide ("som utreder"), or names a proposal ("som fattar beslutsförslag")
    assert [is_decision(x, "sv") for x in ("Förbered ärendet för nämnden som beslutar",
                                            "Skicka underlaget till nämnden som beslutar",
                                            "Ärendet som nämnden beslutar om",
                                            "Handläggaren som utreder ärendet",
                                            "Delegaten som fattar beslutsförslag")] == [False] * 5
    # of the two alternatives only "Arbetsutskottet beslutar" is a decision step (the label
    # matcher may still group the other with it: that is its evidence, not this rule's)
    view = build_view(decision_alternatives("Förbered ärendet för nämnden som beslutar", "Arbetsutskottet beslutar"))
    assert decision_steps(view, "sv") == ["D1"]
