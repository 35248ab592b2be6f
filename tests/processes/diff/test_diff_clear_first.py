"""Two steps left over, each the other's clear first candidate, labels alike: one step (how
"clear"), and a clear pair takes no question away (solecandidates.py; bench/RESULTS-matching.md
"Branch many105", sv-r24 p91)."""

from __future__ import annotations

import numpy as np
from diffbuilders import model

from processes.diff.core import lexicon_for, prepare
from processes.diff.matching import pair_scores
from processes.diff.matchtypes import Candidate, Match, PassInput, Uncertain
from processes.diff.solecandidates import CLEAR, SOLE, kept_asking, sole_pairs


def _given(lang: str = "sv", labels: dict[tuple[str, str], float] | None = None) -> PassInput:
    a = model(
        [("S", "start", "Ansökan in"), ("X", "userTask", "Skriva utredning och förslag till beslut"),
         ("W", "userTask", "Kommunicera med sökanden"), ("E", "end", "Klart")],
        chain="S W X E",
    )  # fmt: skip
    b = model(
        [("S", "start", "Ny ansökan"), ("Y", "userTask", "Handläggaren skriver utredning och förslag till nämnden"),
         ("Z", "userTask", "Handläggaren skriver till sökande om vad som saknas"), ("E", "end", "Slut")],
        chain="S Z Y E",
    )  # fmt: skip
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a=lang, lang_b=lang)
    lab = np.zeros_like(lab)
    rows = {s: i for i, s in enumerate(ca.view.steps)}
    cols = {s: j for j, s in enumerate(cb.view.steps)}
    for (x, y), v in (labels or {("X", "Y"): 0.5, ("X", "Z"): 0.2, ("W", "Z"): 0.24}).items():
        lab[rows[x], cols[y]] = v
    return PassInput(ca.view, cb.view, lex, (lang, lang), lab, score)


def _c(step: str, label: float) -> Candidate:
    return Candidate((step,), 0.4, label, ())


#: p91's shape: X and Y each the other's first, X's next candidate (Z) 0.20 against the pair's 0.50
TIER = (
    Uncertain("a", "W", (_c("Z", 0.24),)),
    Uncertain("a", "X", (_c("Y", 0.5), _c("Z", 0.2))),
    Uncertain("b", "Y", (_c("X", 0.5),)),
    Uncertain("b", "Z", (_c("W", 0.24), _c("X", 0.2))),
)


def test_each_other_s_clear_first_candidate_is_one_step() -> None:
    found, notes = sole_pairs(_given(), TIER)
    assert [(m.a, m.b, m.how, m.label) for m in found] == [(("X",), ("Y",), CLEAR, 0.5)]
    assert len(notes) == 1 and "clear first candidate (the next at most 0.20)" in notes[0]


def test_a_second_candidate_more_than_half_as_alike_keeps_the_question() -> None:
    near = (TIER[0], Uncertain("a", "X", (_c("Y", 0.5), _c("Z", 0.26))), *TIER[2:])
    assert sole_pairs(_given(), near)[0] == []
    # the other step's next candidate counts too
    near_b = (*TIER[:2], Uncertain("b", "Y", (_c("X", 0.5), _c("W", 0.3))), TIER[3])
    assert sole_pairs(_given(), near_b)[0] == []


def test_first_candidates_must_be_mutual_alike_and_swedish() -> None:
    not_back = (*TIER[:2], Uncertain("b", "Y", (_c("W", 0.5), _c("X", 0.2))), TIER[3])
    assert sole_pairs(_given(), not_back)[0] == []
    weak = _given(labels={("X", "Y"): 0.28, ("X", "Z"): 0.1})  # under the tier's bar 0.3
    assert sole_pairs(weak, TIER)[0] == []
    assert sole_pairs(_given("en"), TIER)[0] == []
    assert sole_pairs(_given(), TIER, held=[("X", "Y")])[0] == []
    given = _given()
    banned = PassInput(given.a, given.b, given.lex, given.langs, given.lab, given.score, frozenset({("X", "Y")}))
    assert sole_pairs(banned, TIER)[0] == []


def test_each_other_s_only_candidate_stays_sole() -> None:
    only = (Uncertain("a", "X", (_c("Y", 0.5),)), Uncertain("b", "Y", (_c("X", 0.5),)))
    assert [m.how for m in sole_pairs(_given(), only)[0]] == [SOLE]


def test_a_clear_pair_takes_no_question_away() -> None:
    given = _given()
    clear = Match(("X",), ("Y",), 0.5, 0.5, CLEAR)
    # asked again with the pair, Z's question (it named X) and W's (its place split) are gone
    after = (Uncertain("b", "Z", (_c("W", 0.24),)),)
    kept = kept_asking(given, TIER, after, [clear])
    assert [(u.side, u.step, [c.ids for c in u.candidates]) for u in kept] == [
        ("a", "W", [("Z",)]), ("b", "Z", [("W",)])
    ]  # Z's new question stays as asked; W's old one is back; X and Y are matched
    assert kept_asking(given, TIER, (), [clear])[1].candidates == TIER[3].candidates
    # sole pairs alone: the tier as asked again
    sole = Match(("X",), ("Y",), 0.5, 0.5, SOLE)
    assert kept_asking(given, TIER, after, [sole]) == after
