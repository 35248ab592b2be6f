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
  label bar), read two ways and taken as the nearer: the whole objects, and the things they
  name with the head weighted highest — English puts a noun phrase's head last ("the public
  hearing" is a hearing, "the hearing notice" a notice, :func:`head_of`); two objects with the
  same head are ``HEAD_WEIGHT`` alike for it plus the rest for their noun phrases' likeness, with
  another head nothing by this reading ("Hold the public hearing" / "Go to the Commissioners'
  hearing and answer the protests": whole objects 0.21, by the head 0.69; "Mail the hearing
  notice to the applicant and the protesters", whole object 0.43, is a notice),
* the two stand in the same *place* (tiers.py: a correspondence met first walking back from
  each, and one met first walking forward, through steps left over only): a rival is only a
  task left over in the same place as the step it competes for, so the steps already matched
  around a step say which of the other model's leftovers it is compared with,
* against every rival of either (the other tasks of the other model in its place), the pair is
  ahead by object by ``OBJECT_MARGIN``, or, when a rival is as near by object (within the
  margin), ahead of it by the combined score — the matcher's whole evidence: the full labels,
  verbs included, kind, lane, position and neighbours ("Receive the license fee payment" /
  "Pay the license fee", objects 0.62, against "Approve the license" at 0.59 in the same place:
  the full labels say "payment" and "pay", the pair scores 0.49 against 0.41) — except for a pair
  only the head reading brings that near: a rival as near is not settled by the combined score,
  since two steps on the same thing in one place ("Approve the license" and "Mail the license
  with the cover letter" against "Pick up your license …") are told apart by the verbs the two
  voices do not share — and the pair is not ruled out.

A pair found so stands in the middle of a wide place and splits it; the rule is then run once
more, within the places the first round's pairs bound (a step left over whose correspondence met
first back or forward is one of those pairs), by what the object *names* — its words after the
determiner up to the first preposition, conjunction or determiner (:func:`noun_phrase_of`): what
the thing goes with or where it goes ("with the cover letter", "from the County Clerk") says
the party's side, not the thing. With the same bar, margin and rivals (every leftover in the
narrower place), "Mail the license with the cover letter" = "Pick up your license from the County
Clerk" once "Receive the license fee payment" = "Pay the license fee" stands before them: whole
objects 0.26, below the bar; "license" / "license" 1.00 against "license certificate" for "Print
the license certificate and get it signed" beside it (e1). Only once: a third round would read
still narrower places by the same words, and a place no pair of this pass narrowed is left as
the other passes left it.

A label that is no imperative ("Completeness review", "Application fee receipted") has no object
here and is left to the other passes; two models in the same voice are left alone (the verbs
then say the same party's work). Not read: a verb followed straight by its object without a
determiner ("Confirm restaurant use …"), and two rivals as near by object that score alike
("Receive the license fee" and "Refund the license fee" side by side against "Pay the license
fee": no pair, the payment stays a question).

The match is shown as such: ``how`` is ``perspective``, its confidence the pair's combined score,
and a note says why. A pair made here is a new matched step in the middle of a wide place, so the
steps left over around it stand in narrower places than before and may lose the candidates
the uncertain tier found for them; :func:`kept_questions` keeps the questions a step had without
these pairs (those that name no step of them): all of them for a step that would be left with
none, so the pass never turns a question into a claim that a step is only in one model, and,
after its new ones (three in all, as the tier), for a step whose place a new pair bounds, so a
narrower place does not take away a partner the wider one offered ("Confirm restaurant use is
allowed … and sign off" asks about the hearing and the walk-through in its new place and still
about "Get the zoning sign-off from County Planning", e1).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import takewhile

import numpy as np

from processes.diff.labelsim import label_matrix
from processes.diff.matchtypes import (
    MAX_CANDIDATES,
    Match,
    PassInput,
    Uncertain,
    family,
    in_model_order,
    match_units,
)
from processes.diff.text import normalise
from processes.diff.tiers import Place, step_places
from processes.diff.view import ModelView, display_name

__all__ = [
    "OBJECT_BAR",
    "OBJECT_MARGIN",
    "PERSPECTIVE",
    "applicant_voiced",
    "HEAD_WEIGHT",
    "head_of",
    "kept_questions",
    "noun_phrase_of",
    "object_of",
    "perspective_pass",
]

#: the ``how`` of a pair found here
PERSPECTIVE = "perspective"
#: how alike two objects must be: the label bar of a match (MatchOptions.min_label)
OBJECT_BAR = 0.5
#: how far ahead by object of every rival in its place the pair must be (closer: the combined score decides)
OBJECT_MARGIN = 0.1
#: the head noun's share of the first round's second reading (the rest of the noun phrase has the other)
HEAD_WEIGHT = 0.5

#: the reader addressed: an applicant-voiced model says it
_SECOND_PERSON = frozenset("you your yours yourself".split())
#: words that open a noun phrase after an imperative verb
_DETERMINERS = frozenset(
    "the a an your their its his her our my all each any every this that these those".split()
)
#: the particle of a phrasal verb ("turn in", "pick up", "go to")
_PARTICLES = frozenset("in up to out off on through back over down into".split())
#: words after which an object's noun phrase is over: what it goes with, where it goes, a second object
_PHRASE_ENDS = _DETERMINERS | frozenset(
    "with from to for by at in on of and or as after before about under into through via per".split()
)


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


def noun_phrase_of(label: str) -> str | None:
    """The thing an imperative label acts on, named: its object's words after the determiner, up
    to the first preposition, conjunction or determiner (what the thing goes with, where it goes
    and any second object are left out); ``None`` when there is no object or nothing before such
    a word.

    >>> noun_phrase_of("Mail the license with the cover letter")
    'license'
    >>> noun_phrase_of("Print the license certificate and get it signed")
    'license certificate'
    """
    obj = object_of(label)
    if obj is None:
        return None
    named = list(takewhile(lambda w: w not in _PHRASE_ENDS, obj.split()[1:]))
    return " ".join(named) or None


def head_of(label: str) -> str | None:
    """The head of the thing an imperative label acts on: the last word of its noun phrase
    (English puts the head last: "the public hearing" is a hearing, "the hearing notice" a
    notice); ``None`` when there is no noun phrase.

    >>> head_of("Hold the public hearing")
    'hearing'
    >>> head_of("Mail the hearing notice to the applicant")
    'notice'
    """
    named = noun_phrase_of(label)
    if not named:
        return None
    # a noun written with its particle ("the zoning sign-off") is headed by the noun, not the particle
    words = named.split()
    return next((w for w in reversed(words) if w not in _PARTICLES), words[-1])


def perspective_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with the pairs across the two voices added (module doc), one note per pair:
    first by the whole objects across every place, then, once, by their noun phrases within the
    places the first round's pairs narrowed."""
    if given.langs != ("en", "en") or applicant_voiced(given.a) == applicant_voiced(given.b):
        return matches, ()
    first, notes = _round(given, matches, object_of, None, headed=True)
    if not first:
        return matches, ()
    second, more = _round(
        given, matches + first, noun_phrase_of, range(len(matches), len(matches) + len(first))
    )
    return matches + first + second, notes + more


def _round(
    given: PassInput,
    matches: list[Match],
    read: Callable[[str], str | None],
    narrowed_by: range | None,
    *,
    headed: bool = False,
) -> tuple[list[Match], tuple[str, ...]]:
    """The pairs of one round: the tasks left over whose objects, as ``read`` from their labels,
    pair in their place (module doc); with ``narrowed_by`` (indices in ``matches``), only steps
    whose place one of those matches bounds are paired (every leftover in the place is a rival);
    ``headed``: two objects are as alike as the nearer of their two readings (:func:`_headed`)."""
    a, b = given.a, given.b
    unit_a, unit_b = match_units(matches)
    xs = [(i, s, o) for i, s in enumerate(a.steps) if s not in unit_a and (o := _read(a, s, read))]
    ys = [(j, s, o) for j, s in enumerate(b.steps) if s not in unit_b and (o := _read(b, s, read))]
    if not xs or not ys:
        return [], ()
    objects = label_matrix(given.lex, [o for *_, o in xs], [o for *_, o in ys], lang_a="en", lang_b="en")
    objects = objects.reshape(len(xs), len(ys))
    if headed:
        labels_a = [a.steps[x].name or "" for _, x, _ in xs]
        labels_b = [b.steps[y].name or "" for _, y, _ in ys]
        by_head = _headed(given, labels_a, labels_b)
        on_head = by_head > objects
        objects = np.maximum(objects, by_head)
    else:
        on_head = np.zeros_like(objects, dtype=bool)
    places_a, places_b = step_places(a, unit_a), step_places(b, unit_b)
    near = np.array(
        [[_same_place(places_a[x], places_b[y]) for _, y, _ in ys] for _, x, _ in xs], dtype=bool
    ).reshape(len(xs), len(ys))
    candidate = near & (objects >= OBJECT_BAR)
    if narrowed_by is not None:
        bounds = frozenset(narrowed_by)
        in_a = np.array([bool(bounds & (places_a[x][0] | places_a[x][1])) for _, x, _ in xs], dtype=bool)
        in_b = np.array([bool(bounds & (places_b[y][0] | places_b[y][1])) for _, y, _ in ys], dtype=bool)
        candidate &= np.outer(in_a, in_b)
    scores = given.score[np.ix_([i for i, *_ in xs], [j for j, *_ in ys])]
    found: list[Match] = []
    notes: list[str] = []
    for r, c in zip(*(v.tolist() for v in np.nonzero(candidate)), strict=True):
        (i, x, _), (j, y, _) = xs[r], ys[c]
        if (x, y) in given.banned:
            continue
        rivals: list[tuple[int, int]] = [(r, k) for k in np.flatnonzero(near[r]).tolist() if k != c]
        rivals += [(k, c) for k in np.flatnonzero(near[:, c]).tolist() if k != r]
        settle = not on_head[r, c]
        if not all(_ahead(objects, scores, (r, c), rival, settle=settle) for rival in rivals):
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
        alike = (
            f"is {best:.2f} alike in the same place"
            if narrowed_by is None
            else f'("{xs[r][2]}" / "{ys[c][2]}") is {best:.2f} alike in the narrower place another such pair made'
        )
        notes.append(
            f'"{display_name(a.steps[x])}" = "{display_name(b.steps[y])}": matched with lower confidence '
            f"({m.confidence:.2f}), one model speaks to the applicant and the other to the office: what the "
            f"two steps act on {alike}, {why}"
        )
    return found, tuple(notes)


def _headed(given: PassInput, labels_a: list[str], labels_b: list[str]) -> np.ndarray:
    """The objects of two lists of imperative labels compared by what they name, its head
    weighted highest: for the same head (:func:`_same_head`), ``HEAD_WEIGHT`` and the rest for the
    noun phrases' likeness ("Hold the public hearing" / "Go to the Commissioners' hearing": a
    hearing both); 0 for another head ("Mail the hearing notice" is a notice) or where either has
    no noun phrase."""
    named_a = [noun_phrase_of(label) or "" for label in labels_a]
    named_b = [noun_phrase_of(label) or "" for label in labels_b]
    heads_a = [head_of(label) or "" for label in labels_a]
    heads_b = [head_of(label) or "" for label in labels_b]
    shape = (len(labels_a), len(labels_b))
    phrases = label_matrix(given.lex, named_a, named_b, lang_a="en", lang_b="en").reshape(shape)
    heads = np.array([[_same_head(h, k) for k in heads_b] for h in heads_a], dtype=float).reshape(shape)
    return np.where(heads > 0, HEAD_WEIGHT + (1 - HEAD_WEIGHT) * phrases, 0.0)


def _same_head(head: str, other: str) -> bool:
    """Whether two head nouns are the same word, a plural "s" aside. By spelling, not by the
    stem the label measure reads: "applicant" (who) and "application" (what) share a stem and
    are different things ("Invoice the applicant for the annual license fee" is no "Turn in the
    application")."""
    return bool(head) and head.removesuffix("s") == other.removesuffix("s")


def _same_place(here: Place, there: Place) -> bool:
    """Whether two steps left over share a correspondence behind them and one ahead of them."""
    return bool(here[0] & there[0]) and bool(here[1] & there[1])


def _ahead(
    objects: np.ndarray,
    scores: np.ndarray,
    pair: tuple[int, int],
    rival: tuple[int, int],
    *,
    settle: bool = True,
) -> bool:
    """Whether ``pair`` beats ``rival``: by ``OBJECT_MARGIN`` on object, or, when the rival is as
    near by object (within the margin either way) and ``settle``, by the combined score (a tie
    beats neither). Without ``settle`` (a pair only the head noun brings near) a rival as near
    is not settled: two steps on the same thing in one place stay questions."""
    mine, theirs = float(objects[pair]), float(objects[rival])
    if theirs <= mine - OBJECT_MARGIN:
        return True
    return settle and theirs < mine + OBJECT_MARGIN and float(scores[rival]) < float(scores[pair])


def kept_questions(
    given: PassInput,
    before: tuple[Uncertain, ...],
    after: tuple[Uncertain, ...],
    matches: list[Match],
    added: int,
) -> tuple[Uncertain, ...]:
    """``after`` (the uncertain tier with ``matches``, whose last ``added`` are the pairs found
    here) with the questions of ``before`` (the tier without those pairs) kept: for each step
    uncertain in ``before`` and not matched now, its old candidates that name no step of the new
    pairs — all of them when it has no question in ``after``, and after its new ones (up to the
    tier's ``MAX_CANDIDATES``) when a new pair bounds its place now. A's in A's order, then B's in
    B's order, as the uncertain tier."""
    found = matches[len(matches) - added :]
    taken = {("a", s) for m in found for s in m.a} | {("b", s) for m in found for s in m.b}
    unit_a, unit_b = match_units(matches)
    new_pairs = frozenset(range(len(matches) - added, len(matches)))
    places = {"a": step_places(given.a, unit_a), "b": step_places(given.b, unit_b)}
    out = {(u.side, u.step): u for u in after}
    for u in before:
        key = (u.side, u.step)
        if key in taken:
            continue
        other = "b" if u.side == "a" else "a"
        kept = tuple(c for c in u.candidates if not any((other, s) in taken for s in c.ids))
        if key not in out:
            if kept:
                out[key] = Uncertain(u.side, u.step, kept)
            continue
        back, forth = places[u.side].get(u.step, (frozenset(), frozenset()))
        if not new_pairs & (back | forth):
            continue
        asked = out[key].candidates
        more = tuple(c for c in kept if c.ids not in {n.ids for n in asked})
        out[key] = Uncertain(u.side, u.step, (asked + more)[:MAX_CANDIDATES])
    return in_model_order(given, out.values())


def _read(view: ModelView, step_id: str, read: Callable[[str], str | None]) -> str | None:
    step = view.steps[step_id]
    return read(step.name) if step.name and family(step) == "activity" else None
