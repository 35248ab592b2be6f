"""The applicant's side of a step and the office's: compare what is acted on, not the verb.

A guide written for the applicant tells the reader what to do ("Send your manager through the
alcohol server training", "Pay the license fee"); the office's procedure tells its staff
("Check the manager's responsible beverage server training certificate", "Receive the license
fee payment"). The verb of each label is its own party's side of the same step and differs by
construction; what the step acts on — its object — is what the two share (bench/RESULTS-matching.md,
"Branch many15").

So, in a pair of English models exactly one of which is *applicant-voiced* (at least half of its
named tasks say "you" or "your" in their label or their lane: "You (restaurant owner)"), after
every other pass, two tasks left over are paired when

* both labels are imperatives — a first word followed by a determiner or possessive ("the",
  "your", …), or by a particle and then one ("Turn in the application") — and their *objects*
  (the label after the verb and its particle) are at least ``OBJECT_BAR`` alike (the match's
  label bar),
* the two stand in the same *place* (tiers.py: a correspondence met first walking back from
  each, and one met first walking forward, through steps left over only): a rival is only a
  task left over in the same place as the step it competes for, so the steps already matched
  around a step say which of the other model's leftovers it is compared with,
* against every rival of either (the other tasks of the other model in its place), the pair is
  ahead by object by ``OBJECT_MARGIN``, or, when a rival is as near by object (within the
  margin), ahead of it by the combined score — the matcher's whole evidence: the full labels,
  verbs included, kind, lane, position and neighbours ("Receive the license fee payment" /
  "Pay the license fee", objects 0.62, against "Approve the license" at 0.59 in the same place:
  the full labels say "payment" and "pay", the pair scores 0.49 against 0.41) — and the pair is
  not ruled out.

A label that is no imperative ("Completeness review", "Application fee receipted") has no object
here and is left to the other passes; two models in the same voice are left alone (the verbs
then say the same party's work). Not read: a verb followed straight by its object without a
determiner ("Confirm restaurant use …"), and two rivals as near by object that score alike
("Receive the license fee" and "Refund the license fee" side by side against "Pay the license
fee": no pair, the payment stays a question).

The match is shown as such: ``how`` is ``perspective``, its confidence the pair's combined score,
and a note says why. A pair made here is a new matched step in the middle of a wide place, so the
steps left over around it stand in narrower places than before and may lose the candidates
the uncertain tier found for them; :func:`kept_questions` keeps, for a step that would be left
with none, the questions it had without these pairs ("Confirm restaurant use is allowed …" still
asks about "Get the zoning sign-off …"), so the pass never turns a question into a claim that a
step is only in one model.
"""

from __future__ import annotations

import numpy as np

from processes.diff.labelsim import label_matrix
from processes.diff.matchtypes import Match, PassInput, Uncertain, family, match_units
from processes.diff.text import normalise
from processes.diff.tiers import Place, _places
from processes.diff.view import ModelView, display_name

__all__ = [
    "OBJECT_BAR",
    "OBJECT_MARGIN",
    "PERSPECTIVE",
    "applicant_voiced",
    "kept_questions",
    "object_of",
    "perspective_pass",
]

#: the ``how`` of a pair found here
PERSPECTIVE = "perspective"
#: how alike two objects must be: the label bar of a match (MatchOptions.min_label)
OBJECT_BAR = 0.5
#: how far ahead by object of every rival in its place the pair must be (closer: the combined score decides)
OBJECT_MARGIN = 0.1

#: the reader addressed: an applicant-voiced model says it
_SECOND_PERSON = frozenset("you your yours yourself".split())
#: words that open a noun phrase after an imperative verb
_DETERMINERS = frozenset(
    "the a an your their its his her our my all each any every this that these those".split()
)
#: the particle of a phrasal verb ("turn in", "pick up", "go to")
_PARTICLES = frozenset("in up to out off on through back over down into".split())


def object_of(label: str) -> str | None:
    """What an imperative label acts on: the words after its verb (and the verb's particle)
    when a determiner or possessive follows them; ``None`` for a label that is no imperative.

    >>> object_of("Pick up your license from the County Clerk")
    'your license from the county clerk'
    >>> object_of("Receive the license fee payment")
    'the license fee payment'
    >>> object_of("Completeness review") is None
    True
    """
    words = normalise(label).split()
    if len(words) >= 3 and words[1] in _DETERMINERS:
        return " ".join(words[1:])
    if len(words) >= 4 and words[1] in _PARTICLES and words[2] in _DETERMINERS:
        return " ".join(words[2:])
    return None


def applicant_voiced(view: ModelView) -> bool:
    """At least half of the model's named tasks say "you" or "your" in their label or lane."""
    named = [s for s in view.steps.values() if s.name and family(s) == "activity"]
    voiced = [s for s in named if _SECOND_PERSON & set(normalise(f"{s.name} {s.performer}").split())]
    return bool(named) and 2 * len(voiced) >= len(named)


def perspective_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with the pairs across the two voices added (module doc), one note per pair."""
    a, b = given.a, given.b
    if given.langs != ("en", "en") or applicant_voiced(a) == applicant_voiced(b):
        return matches, ()
    unit_a, unit_b = match_units(matches)
    xs = [(i, s, o) for i, s in enumerate(a.steps) if s not in unit_a and (o := _object(a, s))]
    ys = [(j, s, o) for j, s in enumerate(b.steps) if s not in unit_b and (o := _object(b, s))]
    if not xs or not ys:
        return matches, ()
    objects = label_matrix(given.lex, [o for *_, o in xs], [o for *_, o in ys], lang_a="en", lang_b="en")
    objects = objects.reshape(len(xs), len(ys))
    places_a, places_b = _places(a, unit_a), _places(b, unit_b)
    near = np.array(
        [[_same_place(places_a[x], places_b[y]) for _, y, _ in ys] for _, x, _ in xs], dtype=bool
    ).reshape(len(xs), len(ys))
    scores = given.score[np.ix_([i for i, *_ in xs], [j for j, *_ in ys])]
    found: list[Match] = []
    notes: list[str] = []
    for r, c in zip(*(v.tolist() for v in np.nonzero(near & (objects >= OBJECT_BAR))), strict=True):
        (i, x, _), (j, y, _) = xs[r], ys[c]
        if (x, y) in given.banned:
            continue
        rivals: list[tuple[int, int]] = [(r, k) for k in np.flatnonzero(near[r]).tolist() if k != c]
        rivals += [(k, c) for k in np.flatnonzero(near[:, c]).tolist() if k != r]
        if not all(_ahead(objects, scores, (r, c), rival) for rival in rivals):
            continue
        best = float(objects[r, c])
        by_score = any(objects[rival] > best - OBJECT_MARGIN for rival in rivals)
        m = Match(
            (x,), (y,), round(float(given.score[i, j]), 3), round(float(given.lab[i, j]), 3), PERSPECTIVE
        )
        found.append(m)
        why = (
            "as near as another by it, ahead of it by the whole evidence"
            if by_score
            else "each the other's clearest partner by it"
        )
        notes.append(
            f'"{display_name(a.steps[x])}" = "{display_name(b.steps[y])}": matched with lower confidence '
            f"({m.confidence:.2f}), one model speaks to the applicant and the other to the office: what the "
            f"two steps act on is {best:.2f} alike in the same place, {why}"
        )
    return matches + found, tuple(notes)


def _same_place(here: Place, there: Place) -> bool:
    """Whether two steps left over share a correspondence behind them and one ahead of them."""
    return bool(here[0] & there[0]) and bool(here[1] & there[1])


def _ahead(objects: np.ndarray, scores: np.ndarray, pair: tuple[int, int], rival: tuple[int, int]) -> bool:
    """Whether ``pair`` beats ``rival``: by ``OBJECT_MARGIN`` on object, or, when the rival is as
    near by object (within the margin either way), by the combined score (a tie beats neither)."""
    mine, theirs = float(objects[pair]), float(objects[rival])
    if theirs <= mine - OBJECT_MARGIN:
        return True
    return theirs < mine + OBJECT_MARGIN and float(scores[rival]) < float(scores[pair])


def kept_questions(
    given: PassInput, before: tuple[Uncertain, ...], after: tuple[Uncertain, ...], found: list[Match]
) -> tuple[Uncertain, ...]:
    """``after`` (the uncertain tier with the pairs ``found`` here) plus, for each step that was
    uncertain in ``before`` (without them), is not matched now and has no question in ``after``,
    its questions of ``before`` that do not name a step of ``found``; A's in A's order, then B's
    in B's order, as the uncertain tier."""
    taken = {("a", s) for m in found for s in m.a} | {("b", s) for m in found for s in m.b}
    out = {(u.side, u.step): u for u in after}
    for u in before:
        key = (u.side, u.step)
        if key in taken or key in out:
            continue
        other = "b" if u.side == "a" else "a"
        kept = tuple(c for c in u.candidates if not any((other, s) in taken for s in c.ids))
        if kept:
            out[key] = Uncertain(u.side, u.step, kept)
    order = {("a", s): k for k, s in enumerate(given.a.steps)} | {
        ("b", s): k for k, s in enumerate(given.b.steps)
    }
    return tuple(sorted(out.values(), key=lambda u: (u.side, order[(u.side, u.step)])))


def _object(view: ModelView, step_id: str) -> str | None:
    step = view.steps[step_id]
    return object_of(step.name) if step.name and family(step) == "activity" else None
