"""A decision named inside a compound word (decisionwords.py): the head word decides, a modifier
does not. "Handläggaren fattar delegationsbeslut" is the decision taken on delegation, its first
part ("delegation") who takes it; "Beslutsunderlag" and "Skriva beslutsförslag" only prepare a
decision and stay not-decisions. The same rule in two words: a genitive before the decision says
whose it is ("Nämndens beslut"), and "Beslut fattas" is the decision taken (deciding.is_decision).
Each rule's first test fails without it (checked on the commit before it)."""

from __future__ import annotations

from diffbuilders import decision_alternatives, decision_model

from processes.diff import diff_models
from processes.diff.deciding import is_decision
from processes.diff.decisionwords import decision_word, label_words


def test_the_head_of_a_compound_is_the_decision_and_its_first_part_who_decides() -> None:
    found = {w: decision_word(w) for w in ("delegationsbeslut", "ordförandebeslut", "avslagsbeslut", "ordf-beslut")}
    assert {w: (d.modifiers, d.head) for w, d in found.items() if d is not None} == {
        "delegationsbeslut": (("delegation",), "beslut"),
        "ordförandebeslut": (("ordförande",), "beslut"),
        "avslagsbeslut": (("avslag",), "beslut"),
        "ordf-beslut": (("ordf",), "beslut"),
    }
    assert label_words("Ordf.-beslut (delegation)") == ["ordf-beslut", "delegation"]
    assert all(
        is_decision(x, "sv")
        for x in ("Handläggaren fattar delegationsbeslut", "Fattar ordförandebeslut", "Ordf.-beslut (delegation)")
    )


def test_a_decision_only_as_modifier_prepares_one_and_is_not_a_decision() -> None:
    assert [decision_word(w) for w in ("beslutsunderlag", "beslutsförslag", "beslutskopia")] == [None, None, None]
    assert not any(
        is_decision(x, "sv")
        for x in ("Förslag till beslut", "Beslutsunderlag", "Skriva beslutsförslag", "Handläggaren tar fram beslutsunderlag",
                  "Nämnden tar del av delegationsbeslut", "Fattar beslutsunderlag")
    )
    # a modifier of two letters written together ("AUbeslut") is too short to tell a compound by
    assert decision_word("aubeslut") is None


def test_the_decision_on_delegation_in_a_compound_joins_the_other_models_one_decision() -> None:
    d = diff_models(decision_model("Beslut i socialnämnden"),
                    decision_alternatives("Handläggaren fattar delegationsbeslut", "Arbetsutskottet beslutar"))
    assert [(m.a, sorted(m.b)) for m in d.matches if "T2" in m.a] == [(("T2",), ["D0", "D1"])]
    assert not [x for x in d.differences if x.kind == "only_in_b" and x.b[0] in ("D0", "D1")]


def test_a_step_preparing_the_decision_is_not_joined_to_it() -> None:
    # the alternative "Handläggaren skriver beslutsunderlag" is no decision: B has one decision
    # step and one other, so the decision pass does not make the three one correspondence
    d = diff_models(decision_model("Beslut i socialnämnden"),
                    decision_alternatives("Handläggaren skriver beslutsunderlag", "Arbetsutskottet beslutar"))
    assert not [m for m in d.matches if "D0" in m.b and "T2" in m.a]
    assert [(m.a, m.b) for m in d.matches if "D1" in m.b] == [(("T2",), ("D1",))]


def test_a_genitive_before_the_decision_says_whose_it_is_as_a_compounds_first_part() -> None:
    # "Nämndens beslut" is "nämndbeslut" written in two words
    assert all(is_decision(x, "sv") for x in ("Nämndens beslut", "Arbetsutskottets beslut om avslag"))
    d = diff_models(decision_model("Beslut på delegation"), decision_alternatives("Socialnämndens beslut", "Ordförandens beslut"))
    assert [(m.a, sorted(m.b)) for m in d.matches if "T2" in m.a] == [(("T2",), ["D0", "D1"])]


def test_a_genitive_of_a_party_or_before_a_decision_sent_on_is_no_decision() -> None:
    assert not any(
        is_decision(x, "sv")
        for x in ("Sökandens beslut", "Nämndens beslut skickas till sökanden", "Socialnämndens beslut expedieras",
                  "Nämndens beslutsunderlag", "Delges beslutet")
    )


def test_a_decision_noun_before_the_passive_of_its_light_verb_is_the_decision_taken() -> None:
    # "Beslut fattas": the deciding verb itself; any other passive is another act on the decision
    assert all(is_decision(x, "sv") for x in ("Beslut fattas", "Delegationsbeslut fattas av handläggaren"))
    assert not any(is_decision(x, "sv") for x in ("Beslut expedieras", "Delegationsbeslutet anmäls", "Beslut skickas"))
    d = diff_models(decision_model("Nämndbeslut"), decision_alternatives("Beslut fattas på delegation", "Arbetsutskottet beslutar"))
    assert [(m.a, sorted(m.b)) for m in d.matches if "T2" in m.a] == [(("T2",), ["D0", "D1"])]
