"""The decision letter with the other model's one letter, when the notices after it are this model's alone.

One clerk draws "Beslut och tillståndsbevis till sökande" and then "Underrätta Polisen, Länsstyrelsen
och FoHM"; the other sends the decision to the applicant only, "Beslut och tillståndsbevis skickas"
(p75 in bench/RESULTS-matching.md, "Branch many72"). The other model's one step is near both, so the
one-to-one assignment left the three uncertain. A letter to the applicant is a letter to the
applicant: the notice to the bodies is this model's own step. When the combined step names the
bodies too it is dispatchchain.py's case.

``letter_pair_pass``: when the other model has exactly one dispatch step y
(:func:`alternatives.is_dispatch`), naming no body (:func:`dispatchchain.names_authority`), and this
model exactly one chain (:func:`dispatchchain.chains`) with exactly one letter x, x and y both in no
correspondence and the pair not rejected, x and y form one correspondence. The notices stay as they are.

``letter_questions``: a letter pair narrows the places of its neighbours, as the perspective pass's
pairs do (bench/RESULTS-matching.md, "Branch many76": the lead saw "false only" rise on a round the
rule was not fitted on). The tier is computed without the letter pairs, and each step that asked a
question there keeps the candidates that name no step of the new pairs (:func:`perspective.kept_questions`).
"""

from __future__ import annotations

from processes.diff.alternatives import is_dispatch
from processes.diff.dispatchchain import chains, names_authority
from processes.diff.matchtypes import Match, PassInput, Uncertain, ids_on, named
from processes.diff.perspective import kept_questions
from processes.diff.tiers import uncertain_steps

__all__ = ["letter_pair_pass", "letter_questions"]


def letter_pair_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """The one letter of this model's one chain with the other model's one letter (module doc)."""
    out = _side(given, matches, "a")
    return _side(given.swapped(), out, "b")


def _side(given: PassInput, matches: list[Match], side: str) -> list[Match]:
    one, other, lang = given.a, given.b, given.langs
    if lang[0] != "sv" or lang[1] != "sv":
        return matches
    theirs = [s for s, st in other.steps.items() if is_dispatch(st, lang[1])]
    if len(theirs) != 1 or names_authority(named(other.steps[theirs[0]])):
        return matches
    found = chains(one, lang[0])
    if len(found) != 1 or len(found[0][0]) != 1:
        return matches
    x, y = found[0][0][0], theirs[0]
    other_side = "b" if side == "a" else "a"
    if any(x in ids_on(m, side) or y in ids_on(m, other_side) for m in matches) or (x, y) in given.banned:
        return matches
    i = list(one.steps).index(x)
    j = list(other.steps).index(y)
    a_ids, b_ids = ((x,), (y,)) if side == "a" else ((y,), (x,))
    return [
        *matches,
        Match(a_ids, b_ids, round(float(given.score[i, j]), 3), round(float(given.lab[i, j]), 3)),
    ]


def letter_questions(
    given: PassInput,
    before: list[Match],
    matches: list[Match],
    uncertain: tuple[Uncertain, ...],
    letters: list[Match],
) -> tuple[Uncertain, ...]:
    """``uncertain`` (the tier with ``matches``) with the questions kept that the letter pairs
    (``letters``, made by :func:`letter_pair_pass`) and the pairs after ``before`` (a prefix of
    ``matches``: the perspective and handover passes') would take from their neighbours.

    A correspondence counts as a letter pair's when it holds a step of one: a later pass may have
    widened it. The tier before is the one without those correspondences and without the later pairs.
    """
    steps_a = {s for m in letters for s in m.a}
    steps_b = {s for m in letters for s in m.b}
    held = [m for m in before if steps_a & set(m.a) or steps_b & set(m.b)]
    rest = [m for m in before if m not in held]
    later = matches[len(before) :]
    return kept_questions(
        given, uncertain_steps(given, rest), uncertain, [*rest, *held, *later], len(held) + len(later)
    )
