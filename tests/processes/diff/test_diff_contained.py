"""Contained and chain passes: steps left over whose terms one label says in full."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.contained import chain_pass, contained_pass
from processes.diff.core import lexicon_for, prepare
from processes.diff.matching import pair_scores
from processes.diff.matchtypes import PassInput


def _a(middle: list[tuple[str, str]]) -> object:
    nodes = [("S", "start", "Ansökan inkommer"), ("T0", "userTask", "Granska ansökan")]
    nodes += [(nid, "userTask", label) for nid, label in middle]
    nodes += [("T9", "sendTask", "Skicka beslut till sökanden"), ("E", "end", "Klart")]
    return model(nodes, chain=" ".join(["S", "T0", *(nid for nid, _ in middle), "T9", "E"]))


def _b(middle: list[tuple[str, str]], tail: list[tuple[str, str]] = ()) -> object:
    nodes = [("S", "start", "Ny ansökan"), ("U0", "userTask", "Granskning av ansökan")]
    nodes += [(nid, "userTask", label) for nid, label in [*middle, *tail]]
    nodes += [("U9", "sendTask", "Beslutet skickas till sökanden"), ("E", "end", "Slut")]
    ids = ["S", "U0", *(nid for nid, _ in [*middle, *tail]), "U9", "E"]
    return model(nodes, chain=" ".join(ids))


def _contained(a: object, b: object) -> list:
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    return contained_pass(PassInput(ca.view, cb.view, lex, ("sv", "sv"), lab, score), [])


def test_a_label_said_in_full_inside_the_other_pairs_the_steps_left_over() -> None:
    # every term of "Registrera ärendet" is a term of "Registrering i ärendesystemet"
    a = _a([("T1", "Registrering i ärendesystemet")])
    found = _contained(a, _b([("U1", "Registrera ärendet")]))
    assert ("T1",) in [m.a for m in found] and [m.b for m in found if m.a == ("T1",)] == [("U1",)]
    # neither says all the other says: "betalningen" is not in the first label
    assert not [m for m in _contained(a, _b([("U1", "Registrera betalningen i ärendet")])) if "T1" in m.a]


def test_one_coarse_step_and_a_run_of_finer_steps_in_a_whole_comparison() -> None:
    a = _a([("T1", "Jag sammanställer yttranden och skriver utredning med förslag till beslut")])
    b = _b([("U1", "Utredning"), ("U2", "Tjänsteskrivelse med förslag till beslut")])
    d = diff_models(a, b)
    assert [(m.b, m.how) for m in d.matches if "T1" in m.a] == [(("U1", "U2"), "grouped")]


def _chain(a: object, b: object) -> list:
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    return chain_pass(PassInput(ca.view, cb.view, lex, ("sv", "sv"), lab, score), [])


def test_the_chain_pass_needs_each_step_of_the_run_said_in_full() -> None:
    a = _a([("T1", "Jag sammanställer yttranden och skriver utredning med förslag till beslut")])
    found = _chain(a, _b([("U1", "Utredning"), ("U2", "Tjänsteskrivelse med förslag till beslut")]))
    assert [(m.a, m.b) for m in found] == [(("T1",), ("U1", "U2"))]
    # a run whose second step says something the coarse step does not stays apart
    assert not [m for m in _chain(a, _b([("U1", "Utredning"), ("U2", "Platsbesök")])) if "T1" in m.a]
