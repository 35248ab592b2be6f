"""Who decides, named in several words, then what is done with the decision (deciding.py,
forwarding.py): "Socialnämndens arbetsutskott beslutar" is the decision as "Nämnden beslutar" is;
writing the decision on delegation is taking it; a step that passes the decision on is not it.
Each rule's first test fails without it (checked on the commit before it)."""

from __future__ import annotations

from diffbuilders import decision_alternatives, decision_model, model

from processes.diff import diff_models
from processes.diff.deciding import is_decision
from processes.diff.forwarding import forwarding_bans, passes_on
from processes.diff.view import build_view


def test_a_deciding_body_named_in_several_words_is_skipped_as_a_one_word_subject() -> None:
    assert [is_decision(x, "sv") for x in ("Socialnämndens arbetsutskott beslutar",
                                            "Arbetsutskottet i Skogsby fattar beslut vid nästa möte",
                                            "Kommunens socialnämnd fattar beslut")] == [True, True, True]
    d = diff_models(decision_model("Beslut på delegation"),
                    decision_alternatives("Socialnämndens arbetsutskott beslutar", "Arbetsutskottet i Skogsby fattar beslut"))
    assert [(m.a, sorted(m.b)) for m in d.matches if "T2" in m.a] == [(("T2",), ["D0", "D1"])]


def test_words_before_a_deciding_verb_that_are_no_bodys_name_do_not_make_a_decision() -> None:
    # a clause before the verb ("Ärendet föredras för socialnämnden som …"), a verb and its
    # object ("Utred ärendet och …"), "i" before a word that is no name ("i kommunen")
    assert [is_decision(x, "sv") for x in ("Ärendet föredras för socialnämnden som fattar beslut",
                                            "Utred ärendet och fattar beslut",
                                            "Arbetsutskottet i kommunen fattar beslut",
                                            "Socialnämndens arbetsutskott tar del av beslut")] == [False] * 4


def test_writing_the_decision_on_delegation_is_taking_it() -> None:
    assert [is_decision(x, "sv") for x in ("Handläggaren skriver delegationsbeslut", "Skriva och fatta beslut",
                                            "Fattar och skriver beslut", "Skriv ordf.-beslut")] == [True] * 4
    d = diff_models(decision_model("Beslut i socialnämnden"),
                    decision_alternatives("Handläggaren skriver delegationsbeslut", "Arbetsutskottet beslutar"))
    assert [(m.a, sorted(m.b)) for m in d.matches if "T2" in m.a] == [(("T2",), ["D0", "D1"])]


def test_writing_a_proposal_or_a_decision_that_names_no_decider_stays_preparation() -> None:
    assert [is_decision(x, "sv") for x in ("Skriva beslutsförslag", "Skriv förslag till beslut",
                                            "Utred ärendet och skriv beslut", "Skriver avslagsbeslut",
                                            "Skriv och skicka beslut")] == [False] * 5
    # B's "Handläggaren skriver beslutsförslag" is no decision: the decision pass does not join it
    d = diff_models(decision_model("Beslut i socialnämnden"),
                    decision_alternatives("Handläggaren skriver beslutsförslag", "Arbetsutskottet beslutar"))
    assert not [m for m in d.matches if "D0" in m.b and "T2" in m.a]


def _forwarding(decision: str, forward: str) -> object:
    nodes = [("S", "start", "Ansökan inkommer"), ("F1", "userTask", "Utredning"), ("F2", "userTask", decision),
             ("F3", "serviceTask", forward), ("E", "end", "Klart")]
    return model(nodes, chain="S F1 F2 F3 E")


def test_a_step_passing_the_decision_on_is_not_it_when_its_model_takes_the_decision() -> None:
    assert [passes_on(x, "sv") for x in ("Systemet rapporterar beslutet till Folkhälsomyndigheten",
                                          "Beslutet expedieras", "Delegationsbeslutet anmäls",
                                          "Registrera beslutet i tillståndsregistret")] == [True] * 4
    a = _forwarding("Handläggaren fattar delegationsbeslut", "Systemet rapporterar beslutet i nämnden")
    b = model([("S", "start", "Ny ansökan"), ("G1", "userTask", "Utreda ärendet"),
               ("G2", "userTask", "Beslut i nämnden"), ("E", "end", "Slut")], chain="S G1 G2 E")
    assert forwarding_bans(build_view(a), build_view(b), ("sv", "sv")) == {("F3", "G2")}
    d = diff_models(a, b)
    assert [(m.a, m.b) for m in d.matches if "G2" in m.b] == [(("F2",), ("G2",))]
    assert not [m for m in d.matches if "F3" in m.a]


def test_a_step_passing_the_decision_on_may_pair_with_it_when_its_model_has_no_decision() -> None:
    # A draws no step that takes the decision: nothing says its "Beslutet expedieras" is not the
    # other model's decision, so the pair is not ruled out; the decision itself, and a proposal, pass nothing on
    a = _forwarding("Handläggaren skriver beslutsförslag", "Beslutet expedieras")
    b = model([("S", "start", "Ny ansökan"), ("G2", "userTask", "Beslut i nämnden"), ("E", "end", "Slut")],
              chain="S G2 E")
    assert forwarding_bans(build_view(a), build_view(b), ("sv", "sv")) == set()
    assert [passes_on(x, "sv") for x in ("Beslut i nämnden", "Skriv förslag till beslut",
                                          "Skicka remiss till polisen")] == [False] * 3
