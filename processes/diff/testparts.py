"""A step of one part of the knowledge test does not join a correspondence of another part.

The attach pass (groups.py) joins a step left over to the correspondence of its best partner
by label when it sits next to it. Around the knowledge test that partner is often the test
said inside another of its parts: "Boka nytt provtillfälle" beside "Kunskapsprov" ~
"Sökanden gör kunskapsprov", "Rätta kunskapsprovet" beside a correspondence of taking the
test. Whether the other model drew the booking, the grading or the retest inside its own
test step, or did not draw it at all, the labels cannot tell; the test's own order can say
that the two name different parts of it (knowledgetest.py: book < take < grade < result <
retest).

**Rule** (``apart_in_test``): a step x does not join a correspondence when x names a sub-step
of the test and the correspondence's steps (both models) name sub-steps of the test, none of
them one that x names. A step or correspondence naming only the test as a whole
("Kunskapsprov") names no sub-step, and the rule does not apply.

**Numbered duplicates** (branch many33): a step's parts are read with its model's other
steps in view: "Kunskapsprov 2" names the retest alone, but beside "Kunskapsprov 1" in the same
model it is a numbered duplicate of the test and names no part (knowledgetest.py).

**Asked instead** (``part_questions``): a step kept out this way and still in no
correspondence at the end is asked about, in the uncertain tier, with the correspondence's
step it was about to join (its best partner by label) among its candidates, first, the reason
naming both parts.
"""

from __future__ import annotations

from processes.diff.knowledgetest import knowledge_test_steps, number_after_test
from processes.diff.matchtypes import (
    Candidate,
    Match,
    PassInput,
    Uncertain,
    ask_first,
    ids_on,
    in_model_order,
    what,
)
from processes.diff.text import Lexicon
from processes.diff.view import ModelView

__all__ = ["apart_in_test", "part_questions", "Apart", "APART_REASON"]

#: a step kept out of a correspondence: (x's side, x, the other model's step it was about to join)
Apart = tuple[str, str, str]

APART_REASON = "best by label, but of another part of the knowledge test ({mine} / {theirs})"


def _model_numbers(lex: Lexicon, view: ModelView, lang: str) -> frozenset[str]:
    """The numbers said right after the test's word in ``view``'s labels; remembered in the
    lexicon's memo (with the view, so a new view with the same id is read anew)."""
    key = ("test numbers", id(view), lang)
    found = lex._memo.get(key)
    if isinstance(found, tuple) and found[0] is view:
        return found[1]  # type: ignore[no-any-return]
    numbers = frozenset(
        n for st in view.steps.values() if (n := number_after_test(lex, what(lex, st, lang), lang)) is not None
    )
    lex._memo[key] = (view, numbers)
    return numbers


def _step_parts(lex: Lexicon, view: ModelView, step: str, lang: str) -> frozenset[str]:
    """The parts of the test ``step`` names, a number after the test's word read as a numbered
    duplicate when the model has the test with another number (module doc)."""
    label = what(lex, view.steps[step], lang)
    number = number_after_test(lex, label, lang)
    numbered = number is not None and bool(_model_numbers(lex, view, lang) - {number})
    return knowledge_test_steps(lex, label, lang, numbered=numbered)


def _parts(lex: Lexicon, view: ModelView, ids: tuple[str, ...], lang: str) -> frozenset[str]:
    return frozenset(p for s in ids if s in view.steps for p in _step_parts(lex, view, s, lang))


def apart_in_test(
    lex: Lexicon, one: ModelView, other: ModelView, m: Match, x_id: str, side: str, lang: tuple[str, str]
) -> tuple[str, str] | None:
    """The parts of the test x names and the correspondence ``m`` names (each joined by "+"),
    when they are not the same (module doc); None when x may join."""
    mine = _step_parts(lex, one, x_id, lang[0])
    if not mine:
        return None
    other_side = "b" if side == "a" else "a"
    theirs = _parts(lex, one, ids_on(m, side), lang[0]) | _parts(lex, other, ids_on(m, other_side), lang[1])
    if not theirs or mine & theirs:
        return None
    return "+".join(sorted(mine)), "+".join(sorted(theirs))


def part_questions(
    given: PassInput, matches: list[Match], uncertain: tuple[Uncertain, ...], apart: list[tuple[Apart, str]]
) -> tuple[Uncertain, ...]:
    """``uncertain`` with each step of ``apart`` (kept out of a correspondence, with the reason's
    parts) that is in no correspondence of ``matches`` asking first about the step it was about
    to join."""
    if not apart:
        return uncertain
    held = {("a", s) for m in matches for s in m.a} | {("b", s) for m in matches for s in m.b}
    questions = list(uncertain)
    row = {s: i for i, s in enumerate(given.a.steps)}
    col = {s: j for j, s in enumerate(given.b.steps)}
    changed = False
    for (side, x_id, y_id), reason in sorted(set(apart)):
        if (side, x_id) in held:
            continue
        changed = True
        i, j = (row[x_id], col[y_id]) if side == "a" else (row[y_id], col[x_id])
        asked = Candidate((y_id,), round(float(given.score[i, j]), 3), round(float(given.lab[i, j]), 3), (reason,))
        ask_first(questions, side, x_id, asked)
    if not changed:
        return uncertain
    return in_model_order(given, questions)
