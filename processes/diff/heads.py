"""A coarse step and the fine steps that share its head word, in one place.

An English process label puts its head first: the work in an imperative ("Consult the
police", "Check the register") or in a nominalisation before its complements
("Consultation and public notice period", "Checks on the designated premises supervisor").
A working procedure that draws one consultation per body writes the head once per step
("E-consult Police", "E-consult FRS", …) where an overview writes it once; the rest of
each label (the body, the document) is what the overview leaves out, so the labels as a
whole are far apart (0.10–0.17) although each fine step is a part of the coarse one
(bench/RESULTS-matching.md, "Branch many15").

After every other pass, within one *place* (tiers._places: the same matched step first met
walking back and walking forward, both ends matched), a step of one model is paired with
the steps of the other model left over there whose *head* — the terms of the first word of
the label as matching reads it (matchtypes.what: without its performer's words; office
shorthand spelt out) — is its own head, when

* both models are English (the head-first order is English grammar: a Swedish label may put
  its subject or object first),
* it is the only step of its model left over there with that head, and the other model has
  one or more (one coarse step against its parts, or one step against one),
* the head is rare among the steps left over: no step left over elsewhere in either model has
  it ("Send …" written ten times across a procedure says nothing about which send is which),
* the steps are of one family (task with task, event with event) and no pair is ruled out.

"Consultation and public notice period (28 days)" = the four "E-consult X" of its place;
"Checks on the designated premises supervisor (…)" = "Chk PL register for DPS" and "Chk basic
DBS of applicant + proposed DPS". Not: "Completeness review" / "Review of completeness" (a noun
compound's head is its last word, which this rule does not read), nor a head that is only the
first word of a longer verb ("Take fee …" / "Take photos …" would pair: the rule trusts a head
written once per model in the place, so a light verb written once in each stays a risk).

The match is shown as such: ``how`` is ``head``, its confidence the lowest combined score of
its pairs, its label the pooled labels' similarity, and a note says why. The other steps left
over in that place lose the place the uncertain tier would ask about them by (their partners
there are now matched); :func:`head_questions` keeps them asking: a step of that place left
with no candidate gets the match's steps of the other model as candidates ("in the same place as
X, matched by its head word"), so the pass never turns a question into a claim that a step is
only in one model ("Site visit - blue notice displayed + press ad seen" beside the four
"E-consult X" stays a question about "Consultation and public notice period (28 days)").
"""

from __future__ import annotations

from collections import defaultdict

from processes.diff.labelsim import group_similarity
from processes.diff.matchtypes import Candidate, Match, PassInput, Uncertain, family, match_units, what
from processes.diff.text import Lexicon
from processes.diff.tiers import Place, _places
from processes.diff.view import Step, display_name

__all__ = ["HEAD", "HeadPlace", "head_pass", "head_questions", "head_terms"]

#: at most this many of a match's steps are offered to a step of its place
_MAX_ASKED = 3

#: a head match and the steps left over in its place before it was made, A's and B's
HeadPlace = tuple[Match, tuple[str, ...], tuple[str, ...]]

#: the ``how`` of a pair found here
HEAD = "head"


def head_terms(lex: Lexicon, step: Step, lang: str) -> frozenset[str]:
    """The terms of the first word of ``step``'s label as matching reads it; empty when
    the label has none (an unnamed step, a first word that is a stop word or a number).

    A hyphen joins a word's parts into one first word ("E-consult" reads as "consult": the
    letter alone is no term)."""
    words = what(lex, step, lang).split()
    return frozenset(lex.terms(words[0], lang)) if words else frozenset()


def head_pass(
    given: PassInput, matches: list[Match]
) -> tuple[list[Match], tuple[str, ...], tuple[HeadPlace, ...]]:
    """``matches`` with the head pairs added (module doc), one note per match, and each match
    with the steps left over in its place before it (for :func:`head_questions`)."""
    if given.langs != ("en", "en"):
        return matches, (), ()
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
    found: list[Match] = []
    notes: list[str] = []
    held: list[HeadPlace] = []
    for (key, h), (xs, ys) in sorted(
        grouped.items(), key=lambda item: (sorted(item[1][0]), sorted(item[1][1]))
    ):
        if not xs or not ys or (len(xs) > 1 and len(ys) > 1):
            continue
        xs, ys = sorted(xs, key=ia.__getitem__), sorted(ys, key=ib.__getitem__)
        if len({family(a.steps[x]) for x in xs} | {family(b.steps[y]) for y in ys}) > 1:
            continue
        if any((x, y) in given.banned for x in xs for y in ys):
            continue
        confidence = min(float(given.score[ia[x], ib[y]]) for x in xs for y in ys)
        if len(xs) == 1 and len(ys) == 1:
            label = float(given.lab[ia[xs[0]], ib[ys[0]]])
        elif len(xs) == 1:
            label = group_similarity(lex, a.steps[xs[0]].name, [b.steps[y].name for y in ys], "en")
        else:
            label = group_similarity(lex, b.steps[ys[0]].name, [a.steps[x].name for x in xs], "en")
        m = Match(tuple(xs), tuple(ys), round(confidence, 3), round(label, 3), HEAD)
        found.append(m)
        held.append(
            (
                m,
                tuple(s for s in a.steps if places_a.get(s) == key and s not in xs),
                tuple(s for s in b.steps if places_b.get(s) == key and s not in ys),
            )
        )
        names_a = " + ".join(f'"{display_name(a.steps[x])}"' for x in xs)
        names_b = " + ".join(f'"{display_name(b.steps[y])}"' for y in ys)
        notes.append(
            f"{names_a} = {names_b}: matched with lower confidence ({m.confidence:.2f}), the same head word "
            f"({', '.join(sorted(h))}) in the same place, written by no other step left over"
        )
    return matches + found, tuple(notes), tuple(held)


def head_questions(
    given: PassInput, matches: list[Match], uncertain: tuple[Uncertain, ...], held: tuple[HeadPlace, ...]
) -> tuple[Uncertain, ...]:
    """``uncertain`` with a question for each step of a head match's place that is left over
    with no candidate at all: the match's steps of the other model, best by combined score
    first (module doc); A's in A's order, then B's in B's order, as the uncertain tier."""
    if not held:
        return uncertain
    matched = {(side, s) for m in matches for side, ids in (("a", m.a), ("b", m.b)) for s in ids}
    asked = {(u.side, u.step) for u in uncertain}
    ia = {s: i for i, s in enumerate(given.a.steps)}
    ib = {s: j for j, s in enumerate(given.b.steps)}
    extra: dict[tuple[str, str], list[Candidate]] = {}
    for m, left_a, left_b in held:
        for side, left, others in (("a", left_a, m.b), ("b", left_b, m.a)):
            one, other = (given.a, given.b) if side == "a" else (given.b, given.a)
            partner = " + ".join(f'"{display_name(one.steps[s])}"' for s in (m.a if side == "a" else m.b))
            for s in left:
                if (side, s) in matched or (side, s) in asked or (side, s) in extra:
                    continue
                cands = []
                for o in others:
                    i, j = (ia[s], ib[o]) if side == "a" else (ia[o], ib[s])
                    reason = f"in the same place as {partner}, matched by its head word"
                    cands.append(
                        Candidate(
                            (o,),
                            round(float(given.score[i, j]), 3),
                            round(float(given.lab[i, j]), 3),
                            (reason,),
                        )
                    )
                order = ia if side == "b" else ib
                cands.sort(key=lambda c: (-c.score, order[c.ids[0]]))
                extra[(side, s)] = cands[:_MAX_ASKED]
    if not extra:
        return uncertain
    everything = list(uncertain) + [Uncertain(side, s, tuple(cands)) for (side, s), cands in extra.items()]
    everything.sort(key=lambda u: (u.side, ia[u.step] if u.side == "a" else ib[u.step]))
    return tuple(everything)
