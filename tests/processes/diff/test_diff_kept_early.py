"""The early tier's questions kept to the end (matching.match_dense, perspective.kept_questions
generalised): the uncertain tier computed after the one-to-one assignment and the context and
mutual passes; a step still left over at the end keeps those candidates that name no step of a
correspondence made (or widened) since, so no later pass turns a question into a certain "only"
(bench/RESULTS-matching.md, "Branch many75")."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from diffbuilders import linear, only

from bpmn_io.loading import load_model
from processes.diff import diff_models
from processes.diff.matchtypes import Candidate, Match, PassInput, Uncertain
from processes.diff.perspective import kept_questions
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import build_view

P36 = Path(__file__).resolve().parents[3] / "bench" / "matching" / "sv" / "p36"

_A = ["Receive application", "Check the application", "Ask the police", "Decide"]
_B = ["Receive application", "Check lodgement", "Look at the file", "Refer to police", "Decide", "Archive"]
# the early stage: A1 and A2 left over between A0 and A3, B1, B2 and B3 between B0 and B4
_EARLY = [Match((x,), (y,), 1.0, 1.0) for x, y in (("S", "S"), ("A0", "B0"), ("A3", "B4"), ("E", "E"))]


def _given() -> PassInput:
    va, vb = build_view(linear(_A, prefix="A")), build_view(linear(_B, prefix="B"))
    lab = np.zeros((len(va.steps), len(vb.steps)))
    names = [s.name for view in (va, vb) for s in view.steps.values()]
    lex = Lexicon.build(builtin_synonyms(), names, language="en")
    return PassInput(va, vb, lex, ("en", "en"), lab, lab.copy())


def _asked(side: str, step: str, *ids: str) -> Uncertain:
    return Uncertain(side, step, tuple(Candidate((i,), 0.3, 0.3, ("why",)) for i in ids))


def test_a_step_left_with_no_question_keeps_its_early_candidates_but_not_one_taken_since() -> None:
    # a later pass pairs A2 with B3: A1's place narrows (A0 .. A2), and the tier on the final
    # matches finds it nothing; it keeps B1 and B2, not B3 (taken since), and A2 is not asked
    matches = _EARLY + [Match(("A2",), ("B3",), 0.6, 0.6, "grouped")]
    before = (_asked("a", "A1", "B1", "B3", "B2"), _asked("a", "A2", "B3"))
    out = kept_questions(_given(), before, (), matches, _EARLY)
    assert [(u.side, u.step, [c.ids for c in u.candidates]) for u in out] == [("a", "A1", [("B1",), ("B2",)])]


def test_a_widened_correspondence_is_new_and_its_steps_are_not_offered() -> None:
    # a later pass widens A0 <-> B0 into A0 <-> B0 + B1: B1 is no longer left over (its early
    # question is dropped) and A1's candidate B1 is not offered any more
    widened = [Match(("A0",), ("B0", "B1"), 1.0, 1.0, "grouped") if m.a == ("A0",) else m for m in _EARLY]
    before = (_asked("a", "A1", "B1", "B2"), _asked("b", "B1", "A1"))
    out = kept_questions(_given(), before, (), widened, _EARLY)
    assert [(u.side, u.step, [c.ids for c in u.candidates]) for u in out] == [("a", "A1", [("B2",)])]


def test_the_early_candidates_come_after_the_new_ones_where_a_new_pair_bounds_the_place() -> None:
    matches = _EARLY + [Match(("A2",), ("B3",), 0.6, 0.6, "grouped")]
    before = (_asked("a", "A1", "B1", "B2"),)
    after = (_asked("a", "A1", "B2", "B5"),)
    (u,) = kept_questions(_given(), before, after, matches, _EARLY)
    assert [c.ids for c in u.candidates] == [("B2",), ("B5",), ("B1",)]  # three at most, the new ones first


def test_nothing_made_since_leaves_a_step_with_questions_as_it_is() -> None:
    before = (_asked("a", "A1", "B1", "B2"),)
    after = (_asked("a", "A1", "B5"),)
    assert kept_questions(_given(), before, after, list(_EARLY), _EARLY) == after


def test_a_review_of_the_other_models_investigation_stays_asked() -> None:
    # bench pair p36 (development): B's "Tjänsteskrivelse med förslag till beslut" is, by the gold,
    # part of A's investigation; the early tier asks about it, later passes bound its place and
    # the final tier found it nothing: main called it only in B, as certain
    a, b = load_model(P36 / "a.yaml"), load_model(P36 / "b.yaml")
    d = diff_models(a, b)
    assert not any("Task_Tjskr" in m.b for m in d.matches)
    (u,) = [u for u in d.uncertain if (u.side, u.step) == ("b", "Task_Tjskr")]
    assert [c.ids for c in u.candidates] == [("Task_Komplettering",)]
    assert "b:Task_Tjskr" not in only(d)
    # the weak case: "Justering av protokoll" (the minutes signed after the decision) had no
    # question at the early stage either, and stays only in B
    assert "b:Task_Justering" in only(d)
    assert not [u for u in d.uncertain if (u.side, u.step) == ("b", "Task_Justering")]
