"""A step that names its addressees by a group word or a list of bodies stands for the other
model's per-body steps of the same work.

One clerk draws one step for all the bodies ("Maila remisser till polisen och de andra", "Alla
svar är inne", "Skicka ut beslutet till alla", "Kopia till polisen, Länsstyrelsen och FoHM"); the
other draws one step per body ("Remiss skickad till räddningstjänsten", "Yttrande från Polisen
importerat", "Beslutet skickat till Länsstyrelsen"). The one-to-one passes see a short label
against long ones; the group pass pools the long labels, which then say far more than the short
one, and needs the fine steps to share a word ("Förfrågan till Kronofogden skickad" beside "Remiss
exporterad till Polisens system" share none); the attach pass joins only a correspondence of the
step's own family (an answer event against "Alla svar är inne" paired with a status task).

``addressee_pass`` (after the summary pass; Swedish pairs only) reads, from both sides:

* **body terms**: the term of every word of either model's labels that ends like a public body
  (places.BODY_ENDINGS) or is capitalised, not first, and reads as a synonym group;
  **party terms**: those of subjects.PARTIES (the applicant);
* **the coarse step y**: it names a group word (``GROUP_WORDS``, ``GROUP_PHRASES``) or at least two
  body terms; its **work** is its terms less bodies, parties and group words, and not empty;
* **a per-body step x** of the other model: named, in no correspondence, of y's family, not a banned
  pair; it names a body or a party (a body y names, when y has no group word); its work (its terms
  less bodies and parties) is related to y's (labelsim.bag_similarity > 0); its label is above 0
  alike y's and no step of y's model of its family is more alike it;
* **one block**: the largest set of such x connected by being next to each other or branches of one
  block (a predecessor or successor in common), at least two (a tie: the earliest in model order).

y in no correspondence: y and the block become one (``grouped``); y the single step on its side of
a correspondence (not confirmed): the block joins it. Confidence: the lowest combined score (a
score of 0 across families counts by its label) and the correspondence's; label: pooled labels.
The pass runs after the follow pass (a correspondence it makes is no ground for "the steps right
before it"), and its correspondences keep the questions of the steps whose places they bound
(``addressee_questions``, as perspective.kept_questions); a step left over that is a branch beside
the block and names a body or party keeps the coarse step as a candidate (its work words may be
ones the lexicon cannot relate: "Beslutet exporterat till Polisen" beside "Beslutet skickat till
Länsstyrelsen", against "Skicka ut beslutet till alla").

The pass never puts back what an earlier pass narrowed apart on purpose (``narrowed_apart``): "Alla
remissvar har kommit in" reads "alla" as every body, but answers.py has already taken out the
answers to the remisses that model never sent (p45; bench/RESULTS-matching.md "Branch many94b").

>>> group_words("Maila remisser till polisen och de andra")
('de andra',)
>>> group_words("Vi frågar polisen, Skatteverket, räddningstjänsten m.fl.")
('m fl',)
>>> group_words("Remiss till polisen")
()
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from operator import is_

from processes.diff.collective import COLLECTIVE
from processes.diff.labelsim import bag_similarity
from processes.diff.matchtypes import (
    MAX_CANDIDATES,
    Match,
    PassInput,
    Uncertain,
    family,
    from_both_sides,
    ids_on,
    in_model_order,
    named,
    pair_confidence,
    pooled_similarity,
    what,
)
from processes.diff.perspective import kept_questions
from processes.diff.places import BODY_ENDINGS
from processes.diff.subjects import PARTIES
from processes.diff.text import Lexicon, normalise
from processes.diff.tiers import uncertain_steps
from processes.diff.view import ModelView, Step

__all__ = [
    "GROUP_PHRASES",
    "GROUP_WORDS",
    "addressee_pass",
    "addressee_questions",
    "group_words",
    "narrowed_apart",
]

#: words that name every addressee at once: the collective words and the quantifiers "all"
GROUP_WORDS = COLLECTIVE | frozenset("alla samtliga allihop allihopa".split())
#: phrases that name "the others" ("polisen och de andra", "polisen m.fl."), normalised
GROUP_PHRASES = tuple(normalise(p) for p in ("de andra", "dom andra", "med flera", "m.fl.", "mfl"))


@lru_cache(maxsize=65536)
def group_words(label: str) -> tuple[str, ...]:
    """The group words and phrases of ``label`` (normalised), phrases first."""
    text = f" {normalise(label)} "
    found = [p for p in GROUP_PHRASES if f" {p} " in text]
    return tuple(found + [w for w in text.split() if w in GROUP_WORDS])


def narrowed_apart(before: Sequence[Match], after: Sequence[Match]) -> frozenset[tuple[str, str]]:
    """The (A step, B step) pairs a pass kept apart on purpose: where a correspondence of ``before``
    became one of ``after`` that holds a subset of its steps on each side (answers.py's narrowing),
    each step it still holds against each step removed from the other side.

    >>> group = Match(("x",), ("p", "k", "m"), 0.5, 0.5, "grouped")
    >>> sorted(narrowed_apart([group], [Match(("x",), ("p", "k"), 0.5, 0.5, "grouped")]))
    [('x', 'm')]
    """
    if len(before) == len(after) and all(map(is_, before, after)):
        return frozenset()  # most passes hand the correspondences on untouched, in their order
    now = {id(m) for m in after}
    gone = [n for n in before if id(n) not in now]
    if not gone:
        return frozenset()
    was = {id(n) for n in before}
    new = [m for m in after if id(m) not in was]
    out: set[tuple[str, str]] = set()
    for n in gone:
        for m in new:
            if set(m.a) <= set(n.a) and set(m.b) <= set(n.b):
                out.update((x, y) for x in m.a for y in n.b if y not in m.b)
                out.update((x, y) for x in n.a if x not in m.a for y in m.b)
    return frozenset(out)


def addressee_pass(
    given: PassInput, matches: list[Match], kept_apart: frozenset[tuple[str, str]] = frozenset()
) -> list[Match]:
    """Coarse steps naming their addressees by a group or a list, against per-body steps (module doc);
    never a pair of ``kept_apart`` ((A step, B step): what an earlier pass narrowed apart)."""
    if given.langs != ("sv", "sv"):
        return matches
    if kept_apart:
        given = replace(given, banned=frozenset(given.banned) | kept_apart)
    bodies = _body_terms(given.lex, given.a, given.b)
    if not bodies:
        return matches
    parties = frozenset(given.lex.terms(" ".join(sorted(PARTIES)), "sv"))

    def one_side(given: PassInput, matches: list[Match], *, swap: bool) -> list[Match]:
        return _side(given, matches, swap=swap, bodies=bodies, parties=parties)

    return from_both_sides(one_side, given, matches)


def _body_terms(lex: Lexicon, a: ModelView, b: ModelView) -> frozenset[str]:
    """The terms of the words of both models' labels that name a public body (module doc)."""
    out: set[str] = set()
    for view in (a, b):
        for step in view.steps.values():
            if named(step):
                out |= _label_bodies(lex, what(lex, step, "sv"))
    return frozenset(out)


def _label_bodies(lex: Lexicon, label: str) -> frozenset[str]:
    """The body terms of one label's words, remembered in the lexicon (an N-way comparison reads
    every label once per pair)."""
    key = ("addressee-bodies", label)
    found = lex._memo.get(key)
    if found is None:
        out = set()
        for k, raw in enumerate(label.split()):
            word = raw.strip(".,;:()\"'")
            if not word.isalpha():
                continue
            terms = lex.terms(word, "sv")
            if len(terms) != 1:
                continue
            term = terms[0]
            if word.casefold().endswith(BODY_ENDINGS) or (
                k > 0 and word[0].isupper() and term.startswith("=")
            ):
                out.add(term)
        found = lex._memo[key] = frozenset(out)
    return found  # type: ignore[return-value]


def _side(
    given: PassInput, matches: list[Match], *, swap: bool, bodies: frozenset[str], parties: frozenset[str]
) -> list[Match]:
    one, many, lex, lab, score, banned = given.a, given.b, given.lex, given.lab, given.score, given.banned
    s_one, s_many = ("b", "a") if swap else ("a", "b")
    io = {s: i for i, s in enumerate(one.steps)}
    im = {s: j for j, s in enumerate(many.steps)}
    out = list(matches)
    for y, ys in one.steps.items():
        if not named(ys):
            continue
        label = what(lex, ys, "sv")
        grouped = group_words(label)
        y_terms = set(lex.terms(label, "sv"))
        y_bodies = y_terms & bodies
        if not grouped and len(y_bodies) < 2:
            continue
        work_y = y_terms - bodies - parties - set(lex.terms(" ".join(grouped), "sv"))
        if not work_y:
            continue
        holding = [k for k, m in enumerate(out) if y in ids_on(m, s_one)]
        if holding and (
            len(holding) > 1 or out[holding[0]].how == "confirmed" or len(ids_on(out[holding[0]], s_one)) != 1
        ):
            continue
        taken = {s for m in out for s in ids_on(m, s_many)}
        kin = family(ys)
        rivals = [io[s] for s, st in one.steps.items() if named(st) and family(st) == kin]
        per_body = []
        for x, xs in many.steps.items():
            if x in taken or not named(xs) or family(xs) != kin or (y, x) in banned:
                continue
            alike = float(lab[io[y], im[x]])
            if alike <= 0.0 or any(float(lab[i, im[x]]) > alike for i in rivals):
                continue
            x_terms = set(lex.terms(what(lex, xs, "sv"), "sv"))
            x_bodies = x_terms & bodies
            if not (x_bodies or x_terms & parties) or (not grouped and not x_bodies & y_bodies):
                continue
            work_x = x_terms - bodies - parties
            if bag_similarity(lex, sorted(work_y), sorted(work_x), "sv") <= 0.0:
                continue
            per_body.append(x)
        block = _largest_block(many, per_body)
        if len(block) < 2:
            continue
        conf = min(pair_confidence(score, lab, io[y], im[x]) for x in block)
        theirs = block
        if holding:
            m = out[holding[0]]
            conf = min(conf, m.confidence)
            theirs = sorted(set(ids_on(m, s_many)) | set(block), key=lambda s: im.get(s, len(im)))
        pooled = pooled_similarity(lex, one, many, (y,), theirs, ("sv", "sv"))
        a_ids, b_ids = (tuple(theirs), (y,)) if swap else ((y,), tuple(theirs))
        made = Match(a_ids, b_ids, round(conf, 3), round(pooled, 3), "grouped")
        if holding:
            out[holding[0]] = made
        else:
            out.append(made)
    return out


def _largest_block(view: ModelView, steps: list[str]) -> list[str]:
    """The largest set of ``steps`` connected by being next to each other or branches of one block
    (a predecessor or a successor in common); a tie goes to the set with the earliest step."""
    order = {s: k for k, s in enumerate(view.steps)}
    near = {s: set(view.predecessors(s)) | set(view.successors(s)) for s in steps}
    before = {s: set(view.predecessors(s)) for s in steps}
    after = {s: set(view.successors(s)) for s in steps}

    def linked(p: str, q: str) -> bool:
        return q in near[p] or p in near[q] or bool(before[p] & before[q]) or bool(after[p] & after[q])

    seen: set[str] = set()
    best: list[str] = []
    for start in sorted(steps, key=order.__getitem__):
        if start in seen:
            continue
        part, todo = [start], [start]
        seen.add(start)
        while todo:
            p = todo.pop()
            for q in steps:
                if q not in seen and linked(p, q):
                    seen.add(q)
                    part.append(q)
                    todo.append(q)
        if len(part) > len(best):
            best = part
    return sorted(best, key=order.__getitem__)


def addressee_questions(
    given: PassInput,
    found: list[Match],
    uncertain: tuple[Uncertain, ...],
    made: dict[Match, Match | None],
) -> tuple[Uncertain, ...]:
    """The uncertain tier of ``found`` with the questions the addressee pass's correspondences took
    kept (perspective.kept_questions): ``made`` maps each correspondence the pass made or grew to
    what it was before (None: new); the tier with those restored is the one before. A step left
    over that is a branch beside the block and names a body or party keeps its old candidate the
    coarse step too (module doc)."""
    ours = [m for m in found if m in made]
    if not ours:
        return uncertain
    rest = [m for m in found if m not in made]
    restored = rest + [old for m in ours if (old := made[m]) is not None]
    before = uncertain_steps(given, restored)
    kept = kept_questions(given, before, uncertain, rest + ours, len(ours))
    return _beside_the_block(given, found, before, kept, ours)


def _beside_the_block(
    given: PassInput,
    found: list[Match],
    before: tuple[Uncertain, ...],
    after: tuple[Uncertain, ...],
    ours: list[Match],
) -> tuple[Uncertain, ...]:
    """``after`` with, for each step left over that is a branch beside one of ``ours``' blocks and
    names a body or party (a body the coarse step names, when it has no group word), its old
    candidate (in ``before``) that is the coarse step."""
    lex = given.lex
    bodies = _body_terms(lex, given.a, given.b)
    parties = frozenset(lex.terms(" ".join(sorted(PARTIES)), "sv"))
    held = {("a", s) for m in found for s in m.a} | {("b", s) for m in found for s in m.b}
    coarse: dict[tuple[str, str], tuple[str, ...]] = {}  # (side of the block, coarse step) -> its block
    for m in ours:
        if len(m.a) == 1 and len(m.b) > 1:
            coarse[("b", m.a[0])] = m.b
        elif len(m.b) == 1 and len(m.a) > 1:
            coarse[("a", m.b[0])] = m.a
    out = {(u.side, u.step): u for u in after}
    for u in before:
        if (u.side, u.step) in held:
            continue
        view, other = (given.a, given.b) if u.side == "a" else (given.b, given.a)
        for c in u.candidates:
            block = coarse.get((u.side, c.ids[0])) if len(c.ids) == 1 else None
            if block is None or not _beside(view, u.step, block):
                continue
            if not _names_an_addressee(lex, view.steps[u.step], other.steps[c.ids[0]], bodies, parties):
                continue
            now = out.get((u.side, u.step))
            asked = now.candidates if now else ()
            if all(a.ids != c.ids for a in asked):
                out[(u.side, u.step)] = Uncertain(u.side, u.step, (asked + (c,))[:MAX_CANDIDATES])
    return in_model_order(given, out.values())


def _beside(view: ModelView, step: str, block: tuple[str, ...]) -> bool:
    """Whether ``step`` has a predecessor or a successor in common with a step of ``block``."""
    before, after = set(view.predecessors(step)), set(view.successors(step))
    return any(
        before & set(view.predecessors(s)) or after & set(view.successors(s))
        for s in block
        if s in view.steps
    )


def _names_an_addressee(
    lex: Lexicon, x: Step, y: Step, bodies: frozenset[str], parties: frozenset[str]
) -> bool:
    """Whether ``x`` names a body or party, a body ``y`` names when ``y`` has no group word."""
    x_terms = set(lex.terms(what(lex, x, "sv"), "sv"))
    label = what(lex, y, "sv")
    if group_words(label):
        return bool(x_terms & (bodies | parties))
    return bool(x_terms & bodies & set(lex.terms(label, "sv")))
