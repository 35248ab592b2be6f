"""A coarse step and the fine steps that share its head word, in one place: a question, not a match.

An English process label puts its head first: the work in an imperative ("Consult the
police", "Check the register") or in a nominalisation before its complements
("Consultation and public notice period", "Checks on the designated premises supervisor").
A working procedure that draws one consultation per body writes the head once per step
("E-consult Police", "E-consult FRS", …) where an overview writes it once; the rest of each
label (the body, the document) is what the overview leaves out, so the labels as a whole are
far apart (0.10–0.17) although each fine step is a part of the coarse one
(bench/RESULTS-matching.md, "Branch many15").

After every pass, within one *place* (tiers._places: the same correspondences met first walking
back and walking forward, both ends matched), a step of one model left over and the steps of the
other model left over there whose *head* — the terms of the first word of the label as matching
reads it (matchtypes.what: without its performer's words; office shorthand spelt out: "Chk" is
"check", "E-consult" reads as "consult") — is its own head form a *head group* when

* both models are English (the head-first order is English grammar: a Swedish label may put its
  subject or object first),
* the step is the only one of its model left over there with that head, and the other model has
  one or more (one coarse step against its parts, or one step against one),
* the head is rare among the steps left over: no step left over elsewhere in either model has it
  ("Send …" written ten times across a procedure says nothing about which send is which),
* the steps are of one family (task with task, event with event) and no pair is ruled out.

As a match the rule cost university admission 0.06 F1 (branch many15: a first word shared in a
place is weak evidence across the contest's models), so a head group is offered, never matched:
it becomes the *top candidate* of the uncertain tier for each of its steps, with the reason
("the same head word (consult) in the same place, written by no other step left over"); the
coarse step's candidate is the fine steps together, each fine step's is the coarse step. A step
the uncertain tier already asks about keeps its other candidates after it (at most
``tiers.MAX_CANDIDATES`` in all); a step it did not ask about is now asked about instead of being
reported as only in its model. It cannot change a match, so it cannot lower precision.
"""

from __future__ import annotations

from collections import defaultdict

from processes.diff.labelsim import group_similarity
from processes.diff.matchtypes import Candidate, Match, PassInput, Uncertain, family, match_units, what
from processes.diff.text import Lexicon
from processes.diff.tiers import MAX_CANDIDATES, Place, _places
from processes.diff.view import Step

__all__ = ["HeadGroup", "head_groups", "head_questions", "head_reason", "head_terms"]

#: one step of A against steps of B (or one of B against steps of A) sharing a head in one place
HeadGroup = tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]


def head_terms(lex: Lexicon, step: Step, lang: str) -> frozenset[str]:
    """The terms of the first word of ``step``'s label as matching reads it; empty when the
    label has none (an unnamed step, a first word that is a stop word or a number)."""
    words = what(lex, step, lang).split()
    return frozenset(lex.terms(words[0], lang)) if words else frozenset()


def head_reason(head: frozenset[str]) -> str:
    """The reason a head group gives in the uncertain tier."""
    words = ", ".join(sorted(t.lstrip("=") for t in head))
    return f"the same head word ({words}) in the same place, written by no other step left over"


def head_groups(given: PassInput, matches: list[Match]) -> tuple[HeadGroup, ...]:
    """The head groups among the steps ``matches`` leaves over (module doc): (A's steps, B's
    steps, the head), one side a single step, in the order of their steps in A then B."""
    if given.langs != ("en", "en"):
        return ()
    a, b, lex = given.a, given.b, given.lex
    unit_a, unit_b = match_units(matches)
    places_a, places_b = _places(a, unit_a), _places(b, unit_b)
    heads_a = {s: head_terms(lex, a.steps[s], "en") for s in places_a}
    heads_b = {s: head_terms(lex, b.steps[s], "en") for s in places_b}
    # where each head is written among the steps left over: a head in two places is no evidence
    seen: dict[frozenset[str], set[Place]] = defaultdict(set)
    for heads, places in ((heads_a, places_a), (heads_b, places_b)):
        for s, h in heads.items():
            seen[h].add(places[s])
    grouped: dict[tuple[Place, frozenset[str]], tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for side, heads, places in ((0, heads_a, places_a), (1, heads_b, places_b)):
        for s, h in heads.items():
            key = places[s]
            if h and key[0] and key[1] and len(seen[h]) == 1:
                grouped[(key, h)][side].append(s)
    ia = {s: i for i, s in enumerate(a.steps)}
    ib = {s: j for j, s in enumerate(b.steps)}
    found: list[HeadGroup] = []
    for (_, h), (xs, ys) in grouped.items():
        if not xs or not ys or (len(xs) > 1 and len(ys) > 1):
            continue
        if len({family(a.steps[x]) for x in xs} | {family(b.steps[y]) for y in ys}) > 1:
            continue
        if any((x, y) in given.banned for x in xs for y in ys):
            continue
        found.append((tuple(sorted(xs, key=ia.__getitem__)), tuple(sorted(ys, key=ib.__getitem__)), h))
    return tuple(sorted(found, key=lambda g: ([ia[x] for x in g[0]], [ib[y] for y in g[1]])))


def head_questions(
    given: PassInput, matches: list[Match], uncertain: tuple[Uncertain, ...]
) -> tuple[Uncertain, ...]:
    """``uncertain`` with each head group's steps asking about the group's other side first
    (module doc); A's in A's order, then B's in B's order, as the uncertain tier."""
    groups = head_groups(given, matches)
    if not groups:
        return uncertain
    a, b, lex = given.a, given.b, given.lex
    ia = {s: i for i, s in enumerate(a.steps)}
    ib = {s: j for j, s in enumerate(b.steps)}
    top: dict[tuple[str, str], Candidate] = {}
    for xs, ys, h in groups:
        reason = head_reason(h)
        score = min(float(given.score[ia[x], ib[y]]) for x in xs for y in ys)
        if len(xs) == 1 and len(ys) == 1:
            label = float(given.lab[ia[xs[0]], ib[ys[0]]])
        elif len(xs) == 1:
            label = group_similarity(lex, a.steps[xs[0]].name, [b.steps[y].name for y in ys], "en")
        else:
            label = group_similarity(lex, b.steps[ys[0]].name, [a.steps[x].name for x in xs], "en")
        for side, steps, others in (("a", xs, ys), ("b", ys, xs)):
            for s in steps:
                if len(others) == 1:
                    i, j = (ia[s], ib[others[0]]) if side == "a" else (ia[others[0]], ib[s])
                    one = (round(float(given.score[i, j]), 3), round(float(given.lab[i, j]), 3))
                else:
                    one = (round(score, 3), round(label, 3))
                top[(side, s)] = Candidate(others, one[0], one[1], (reason,))
    out = {(u.side, u.step): u for u in uncertain}
    for key, head in top.items():
        asked = out.get(key)
        rest = asked.candidates if asked else ()
        same = [c for c in rest if c.ids == head.ids]
        if same:  # already asked about: the head word is one more reason, and it goes first
            head = Candidate(head.ids, same[0].score, same[0].label, (head.reasons[0], *same[0].reasons))
        after = tuple(c for c in rest if c.ids != head.ids)
        out[key] = Uncertain(key[0], key[1], (head, *after)[:MAX_CANDIDATES])
    return tuple(sorted(out.values(), key=lambda u: (u.side, ia[u.step] if u.side == "a" else ib[u.step])))
