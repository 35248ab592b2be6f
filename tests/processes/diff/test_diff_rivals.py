"""A step left over joins a correspondence only when no free step of the other model is nearly
as alike (rivals.py, the attach pass's guard; bench/RESULTS-matching.md "Branch many17")."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from diffbuilders import linear

from bpmn_io.loading import load_model
from processes.diff import diff_models
from processes.diff.core import lexicon_for, prepare
from processes.diff.groups import attach_pass
from processes.diff.matching import pair_scores
from processes.diff.matchtypes import Match, PassInput
from processes.diff.rivals import RIVAL_MARGIN, best_free_rival, clear_of_free_rivals

P25 = Path(__file__).resolve().parents[3] / "bench" / "matching" / "sv" / "p25"

_A = ["Registrera ansökan", "Bekräftelse på fullständig ansökan", "Expediering av beslut till sökanden", "Arkivera ärendet"]
# A's T1 is paired with B's T1; A's T2, next to it, is left over: its best partner by label is B's T1
_MATCHED = [
    Match(("S",), ("S",), 1.0, 1.0),
    Match(("T0",), ("T0",), 1.0, 1.0),
    Match(("T1",), ("T1",), 0.9, 0.87),
    Match(("T3",), ("T4",), 1.0, 1.0),
    Match(("E",), ("E",), 1.0, 1.0),
]


def _given(rival: str) -> PassInput:
    b = linear(["Registrera ansökan", "Besked till sökanden att ansökan är komplett", "Utred ärendet", rival, "Arkivera ärendet"])
    ca, cb = prepare(linear(_A), "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    return PassInput(ca.view, cb.view, lex, ("sv", "sv"), lab, score)


def test_the_best_free_rival_skips_steps_in_a_correspondence_and_banned_pairs() -> None:
    row = np.array([0.6, 0.5, 0.45, 0.2])
    columns = np.array([0, 1, 2, 3])
    ids = ["y1", "y2", "y3", "y4"]
    assert best_free_rival(row, columns, ids, {"y1": 0}, "x", set()) == 0.5
    assert best_free_rival(row, columns, ids, {"y1": 0}, "x", {("x", "y2")}) == 0.45
    assert best_free_rival(row, np.array([0]), ids, {"y1": 0}, "x", set()) == 0.0
    assert RIVAL_MARGIN == 0.1
    assert clear_of_free_rivals(0.7, 0.6) and not clear_of_free_rivals(0.608, 0.591)


def test_a_step_whose_other_home_is_far_behind_joins_the_correspondence() -> None:
    given = _given("Kopia av beslutet till polisen")
    assert given.lab[3, 2] - given.lab[3, 4] > RIVAL_MARGIN  # B's T1 clearly ahead of the free T3
    found = attach_pass(given, list(_MATCHED))
    assert [(m.a, m.b, m.how) for m in found if m not in _MATCHED] == [(("T1", "T2"), ("T1",), "grouped")]


def test_a_step_with_a_free_rival_nearly_as_alike_stays_left_over() -> None:
    given = _given("Beslut och tillståndsbevis skickas till sökanden och polisen")
    best, rival = float(given.lab[3, 2]), float(given.lab[3, 4])
    assert 0 < best - rival < RIVAL_MARGIN  # B's T1 still the best, the free T3 close behind
    assert attach_pass(given, list(_MATCHED)) == _MATCHED
    # the same rival already in a correspondence competes no more: the step joins
    taken = [*_MATCHED, Match(("T9",), ("T3",), 0.9, 0.9)]
    found = attach_pass(given, taken)
    assert [(m.a, m.b, m.how) for m in found if m not in taken] == [(("T1", "T2"), ("T1",), "grouped")]


def test_p25_the_dispatch_of_the_decision_meets_the_decision_sent_not_the_receipt() -> None:
    # p25: "Expediering av beslut till sökanden" joined "Besked till sökanden att ansökan är
    # komplett" (0.608) while "Avslagsbeslut med överklagandehänvisning skickas till sökanden"
    # was free and 0.591 alike; the gold pairs it with that one (and the decision sent)
    d = diff_models(load_model(P25 / "a.yaml"), load_model(P25 / "b.yaml"))
    receipt = next(m for m in d.matches if "Task_Kvittens" in m.b)
    assert receipt.a == ("Task_Bekraftelse",)
    assert any(m.a == ("Task_Expediering",) and m.b == ("Task_Avslag",) for m in d.matches)
