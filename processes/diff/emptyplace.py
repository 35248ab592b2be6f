"""A step alone in a stretch the other model leaves empty: a question, not an "only" claim.

The uncertain tier asks "may be part of X ↔ Y" of a step left over right beside a matched step
(tiers._parts). A step with a step of its own model between it and the correspondence it belongs
to is not asked: Storvreta's "Vandelsprövning och ekonomisk prövning" stands before its site visit,
and only then "Skriva utredning med förslag till beslut", which the matcher pairs with Nordmalm's
"Utredning och förslag till beslut" (sv-r20 p73; the gold takes the review into that
correspondence). Once nothing of Nordmalm's is left over between the same two correspondences, the
review has no candidate at all and the diff calls it "only in b" as certain (bench/RESULTS-matching.md,
"Branch many58").

Where the other model draws nothing left over in a step's place, the work of that step, if the
other model has it, is inside one of the correspondences around the place. A step with no other
candidate is asked about the steps of the other model in those correspondences (the ones met first
walking back and forward) when its label shares a word with theirs or names a stage of the case
their labels name (stages.py). Reason: "may be part of X ↔ Y (nothing left over in its place in
the other model; shares W)" or "(…; the same stage: S)". No match is made: only a claim of "only"
becomes a question (bench/RESULTS-matching.md, "Branch many60").
"""

from __future__ import annotations

from processes.diff.matchtypes import Match, family, ids_on
from processes.diff.stages import stage_of, stages_named
from processes.diff.text import Lexicon
from processes.diff.view import ModelView, Step

__all__ = ["empty_in_other", "part_of_bounding", "empty_place_reason"]

#: a place: the correspondences met first walking back from a step, and walking forward
Place = tuple[frozenset[int], frozenset[int]]


def empty_in_other(here: Place, places_other: dict[str, Place]) -> bool:
    """True when ``here`` is bounded on both sides and no step of the other model left over
    (``places_other``: each such step's place) stands between the same correspondences."""
    back, forth = here
    if not back or not forth:
        return False
    return not any(before & back and after & forth for before, after in places_other.values())


def part_of_bounding(
    x: Step,
    here: Place,
    one: ModelView,
    other: ModelView,
    matches: list[Match],
    side: str,
    lex: Lexicon,
    lang: tuple[str, str],
) -> dict[str, tuple[str, str]]:
    """The other model's steps of ``x``'s family in the correspondences bounding ``here`` whose
    labels (with their partners on ``x``'s side) share a term with ``x`` or name ``x``'s stage:
    step id -> (the partner's name, the evidence: "shares W" or "the same stage: S")."""
    if not x.name:
        return {}
    other_side = "b" if side == "a" else "a"
    x_terms = set(lex.terms(x.name, lang[0]))
    stage = stage_of(lex, x.name, lang[0])
    found: dict[str, tuple[str, str]] = {}
    for k in sorted(here[0] | here[1]):
        mine = [one.steps[s] for s in ids_on(matches[k], side) if s in one.steps]
        theirs = [other.steps[s] for s in ids_on(matches[k], other_side) if s in other.steps]
        labels = [(p.name, lang[0]) for p in mine if p.name] + [(y.name, lang[1]) for y in theirs if y.name]
        shared = x_terms & set().union(*(lex.terms(n, g) for n, g in labels))
        if shared:
            why = "shares " + ", ".join(sorted(t.lstrip("=") for t in shared))
        elif stage is not None and any(stage in stages_named(lex, n, g) for n, g in labels):
            why = f"the same stage: {stage}"
        else:
            continue
        partner = sorted(p.name or p.id for p in mine)[0] if mine else "?"
        for y in theirs:
            if y.name and family(y) == family(x) and y.id not in found:
                found[y.id] = (partner, why)
    return found


def empty_place_reason(partner: str, other: str, why: str) -> str:
    return f"may be part of {partner} ↔ {other} (nothing left over in its place in the other model; {why})"
