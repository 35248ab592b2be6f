"""The uncertain tier: steps without a partner that still have candidates, and why.

A step of A left unmatched gets as candidates the steps of B of the same family whose
label is at least ``MatchOptions.uncertain`` alike, that have the same matched neighbours
(context), or that stand in the same place: between the same matched steps, where B has
at most ``PLACE_MAX`` unmatched steps of that family (a place with more is too wide to
suggest a step whose label shares nothing; with any shared word the place is enough).
A step of B already matched elsewhere is a candidate only when this pair scores within 0.1
of that match's confidence (a rival worth a look, e.g. a merge), or, when their labels are at
least ``MatchOptions.uncertain`` alike and they are of one family, at least ``RIVAL_SHARE`` of it
(a weak match is questioned by a weaker rival than a sure one: "Rätta kunskapsprovet" /
"Prövning av sökandens kunskaper", 0.55 against that step's match at 0.68, is the second half of
a one-to-many). A decision step (deciding.is_decision: a permit process has one decision,
whoever takes it) has the other model's decision steps as candidates, matched or not, whatever
their labels ("Besluta i ärendet" / "Delegationsbeslut av alkoholhandläggaren": "both are the
decision"). A step of the same kind and type as every step of a one-to-many's many side whose label is
at least ``MatchOptions.uncertain`` alike with the one step is a candidate for it whatever its score
(siblings.py: a third answer event for "Samtliga remissvar har kommit in", "may be one more of the 2
steps matched to ..."). In a place of any width, the one unmatched step of the other model that
names the step's stage of the case is a candidate (samestage.py, stages.py). A task and
an event are candidates of each other when their labels are at least 0.5 alike ("Avgift
betald" / "Kontrollera att avgiften har betalats"), or when they are related (at least
``leftovers.RELATED``), both unmatched and in the same place (a period drawn as the timer that
ends it: "LDR passed (28 days)" / "Consultation and public notice period (28 days)"). The best three by combined score are
kept, each with its reasons in plain words ("labels share: remiss, polis", "same
neighbours: 1 matched step(s) before", "same place: between Diarieföring and Beslut",
"already matched to another step"). Two more (leftovers.py): an unmatched step of B whose
label is related below that bar (at least ``leftovers.RELATED``: "both unmatched, labels
related"), and in a wide place the one step that is mutually closest by score ("the closest of
N steps in the same place"), and an unmatched start (end) event for an unmatched start (end)
event ("both end the process, neither is matched"), and a matched step right beside it
whose partner's label has terms its own partner lacks and it has ("may be part of X ↔ Y"),
kept even when that match is clearly better (a one-to-many kept one-to-one). A task that acts then
waits ("Kommunicera sökanden och invänta svar") stands here for its action and for the arrival it waits
for (matchtypes.families), scored against an event as two events are (``PassInput.asked``): the answer
event still asks about it when it is matched to the action. The same for B against A. A step with no candidate is
only in its model — the claim the diff makes as certain, so the rules above lean towards
asking (bench/RESULTS-matching.md, "Branch only12": steps with a partner in the gold lists
reported as only in one model, before and after; "Branch only13" for leftovers.py, "Branch many8"
for the rival share, the decision, and a task and an event in one place; "Branch many16" for one
more of a group; "Branch many18" for the same stage).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from processes.diff.deciding import decision_steps
from processes.diff.leftovers import (
    RELATED,
    closest_in_place,
    closest_reason,
    endpoint_position,
    endpoint_reason,
    part_of_neighbour,
    part_reason,
    related_reason,
    related_unmatched,
)
from processes.diff.matchtypes import (
    MAX_CANDIDATES,
    Candidate,
    Match,
    PassInput,
    Uncertain,
    families,
    ids_on,
    named,
)
from processes.diff.samestage import one_of_the_same_stage, same_stage_reason
from processes.diff.siblings import group_reason, one_more_of_a_group
from processes.diff.text import Lexicon
from processes.diff.view import ModelView, Step
from processes.digraph import closed_components
from processes.wording import counted

__all__ = ["uncertain_steps", "step_places", "MAX_CANDIDATES", "PARTIES_REASON", "PLACE_MAX", "RIVAL_SHARE"]

PLACE_MAX = 3
_RIVAL_MARGIN = 0.1
#: a rival of one family whose label is over the uncertain bar: a candidate from this share of
#: the confidence of the match that holds it (bench/RESULTS-matching.md, "Branch many8")
RIVAL_SHARE = 0.75
_DECISION_REASON = "both are the decision (whoever takes it)"
#: the reason a candidate addressed to other parties than the step is asked, never paired (parties.py)
PARTIES_REASON = "addressed to different parties"
_CROSS_FAMILY = 0.5  # a task and an event: candidates of each other from this label similarity

#: the correspondences met first walking back from a step, and walking forward (through
#: unmatched steps only)
Place = tuple[frozenset[int], frozenset[int]]


def uncertain_steps(given: PassInput, matches: list[Match]) -> tuple[Uncertain, ...]:
    """Every unmatched step with candidates, A's in A's order, then B's in B's order."""
    out = list(_side(given, matches, "a"))
    out += _side(given.swapped(), matches, "b")
    return tuple(out)


def _side(given: PassInput, matches: list[Match], side: str) -> list[Uncertain]:
    one, other, lex, lang = given.a, given.b, given.lex, given.langs
    score, lab, banned, options = given.tier_score, given.lab, given.banned, given.options
    asked_apart = given.asked_apart
    other_side = "b" if side == "a" else "a"
    matched_one = {s for m in matches for s in ids_on(m, side)}
    unit_one = {s: k for k, m in enumerate(matches) for s in ids_on(m, side)}
    unit_other = {s: k for k, m in enumerate(matches) for s in ids_on(m, other_side)}
    matched_other = set(unit_other)
    confidence = {s: m.confidence for m in matches for s in ids_on(m, other_side)}
    ids_other = list(other.steps)
    col = {y_id: j for j, y_id in enumerate(ids_other)}
    # who stands where on the other side: by matched neighbour, and by place
    beside_other: dict[tuple[str, int], list[str]] = {}
    for y_id in ids_other:
        for key in _near(other, y_id, unit_other):
            beside_other.setdefault(key, []).append(y_id)
    places_one = step_places(one, unit_one)
    places_other = step_places(other, unit_other)
    # the other's unmatched steps by (family, correspondence met first back / forward): columns
    before_other, after_other = _by_place(other, places_other, col)
    # the same for this model's unmatched steps (rows), for the closest pair of a wide place
    before_one, after_one = _by_place(one, places_one, {x_id: i for i, x_id in enumerate(one.steps)})
    rows_here: dict[int, list[int]] = {}

    def rows_of(j: int) -> list[int]:
        """This model's unmatched rows in the place of the other model's step ``j``."""
        found = rows_here.get(j)
        if found is None:
            y_id = ids_other[j]
            kins, (back, forth) = families(other.steps[y_id]), places_other[y_id]
            behind: set[int] = set().union(*(before_one.get((kin, k), ()) for kin in kins for k in back))
            ahead: set[int] = set().union(*(after_one.get((kin, k), ()) for kin in kins for k in forth))
            found = rows_here[j] = sorted(behind & ahead)
        return found

    free_other = np.array([y_id not in matched_other for y_id in ids_other], dtype=bool)
    free_ends: dict[str, set[int]] = {}
    for j, y_id in enumerate(ids_other):
        position = endpoint_position(other.steps[y_id])
        if position and free_other[j]:
            free_ends.setdefault(position, set()).add(j)
    deciders = {col[y_id] for y_id in decision_steps(other, lang[1])}
    deciding = set(decision_steps(one, lang[0])) if deciders else set()
    steps_other = list(other.steps.values())
    out = []
    for i, (x_id, x) in enumerate(one.steps.items()):
        if x_id in matched_one:
            continue
        near = _near(one, x_id, unit_one)
        here = places_one[x_id]
        kins = families(x)
        before_here: set[int] = set().union(*(before_other.get((kin, k), ()) for kin in kins for k in here[0]))
        after_here: set[int] = set().union(*(after_other.get((kin, k), ()) for kin in kins for k in here[1]))
        same_place = before_here & after_here
        across = _across(kins, here, before_other, after_other, lab[i])
        narrow = len(same_place) <= PLACE_MAX
        # every pair the rules below could keep: alike labels, shared neighbours, the same place
        row = lab[i]
        ask = set(np.flatnonzero(row >= min(options.uncertain, _CROSS_FAMILY)).tolist())
        ask.update(col[y_id] for key in near for y_id in beside_other.get(key, ()))
        ask.update(same_place if narrow else same_place.intersection(np.flatnonzero(row > 0.0).tolist()))
        related = set(related_unmatched(row, free_other, options.uncertain))
        ask.update(related)
        ask.update(across)
        position = endpoint_position(x)
        ends = free_ends.get(position, set()) if position else set()
        ask.update(ends)
        closest = None if narrow else closest_in_place(score, i, same_place, rows_of)
        if closest is not None:
            ask.add(closest)
        part = _parts(one, other, lex, lang, x, near, matches, side, col, lab[i])
        ask.update(part)
        decision = deciders if x_id in deciding else set()
        ask.update(decision)
        group = one_more_of_a_group(x, row, options.uncertain, matches, one, side, col)
        ask.update(group)
        staged = one_of_the_same_stage(x, sorted(same_place), steps_other, lex, lang)
        ask.update(staged)
        found = []
        for j in sorted(ask, key=lambda j: (-score[i, j], j)):
            y_id = ids_other[j]
            y = other.steps[y_id]
            apart = (x_id, y_id) in asked_apart
            if (x_id, y_id) in banned and not apart:
                continue
            label = float(lab[i, j])
            if kins.isdisjoint(families(y)) and label < _CROSS_FAMILY and j not in across:
                continue
            shared = near & _near(other, y_id, unit_other)
            placed = j in same_place and (narrow or label > 0.0 or j == closest)
            if j not in part and j not in decision and j not in group and j not in staged:
                if label < options.uncertain and not shared and not placed and j not in related and j not in ends:
                    continue
                if j not in ends and not placed and label < options.uncertain and named(x) and named(y) and label == 0.0 and len(shared) < 2:
                    continue  # nothing in common but one neighbour: no candidate
                alike = label >= options.uncertain and not kins.isdisjoint(families(y))
                if y_id in matched_other and float(score[i, j]) < _rival_bar(confidence[y_id], alike):
                    continue  # matched elsewhere, and clearly better there: no reason to question it
            scored = round(float(score[i, j]), 3)
            reasons = _reasons(lex, x.name, y.name, label, shared, matches, y_id in matched_other, lang)
            if kins.isdisjoint(families(y)):
                reasons += (_kinds_reason(min(kins), min(families(y)), scored, options.strong_label),)
            if apart:
                reasons += (PARTIES_REASON,)
            if j in related and label < options.uncertain:
                reasons += (related_reason(options.uncertain),)
            if j in ends and label < options.uncertain:
                reasons += (endpoint_reason(position),)
            nearest = j == closest and not narrow and label == 0.0
            if (placed or j in across) and (not shared or nearest):
                reasons += (_place_reason(one, here, matches, side),)
            if nearest:
                reasons += (closest_reason(len(same_place)),)
            if j in part:
                reasons += (part_reason(part[j][0], part[j][1], y.name or y_id),)
            if j in decision:
                reasons += (_DECISION_REASON,)
            if j in group:
                reasons += (group_reason(group[j], y.name or y_id),)
            if j in staged:
                reasons += (same_stage_reason(staged[j]),)
            found.append(Candidate((y_id,), scored, round(label, 3), reasons))
            if len(found) == MAX_CANDIDATES:
                break
        if found:
            out.append(Uncertain(side, x_id, tuple(found)))
    return out


def _across(
    kins: frozenset[str],
    here: Place,
    before_other: dict[tuple[str, int], set[int]],
    after_other: dict[tuple[str, int], set[int]],
    row: np.ndarray,
) -> set[int]:
    """The other model's unmatched steps of the other family (an event for a task) in the place
    ``here``, whose labels (``row``) are at least ``RELATED`` alike; ``kins``: the families the
    step stands for (both, for a task that acts then waits: then no other family is left)."""
    others = [kin for kin in ("activity", "event") if kin not in kins]
    behind: set[int] = set().union(*(before_other.get((o, k), ()) for o in others for k in here[0]))
    ahead: set[int] = set().union(*(after_other.get((o, k), ()) for o in others for k in here[1]))
    return {j for j in behind & ahead if row[j] >= RELATED}


def _rival_bar(confidence: float, alike: bool) -> float:
    """The score a step matched elsewhere (at ``confidence``) needs to be a candidate: within
    ``_RIVAL_MARGIN`` of that match, or, for labels alike (``alike``), ``RIVAL_SHARE`` of it."""
    bar = confidence - _RIVAL_MARGIN
    return min(bar, RIVAL_SHARE * confidence) if alike else bar


def _parts(
    one: ModelView,
    other: ModelView,
    lex: Lexicon,
    lang: tuple[str, str],
    x: Step,
    near: set[tuple[str, int]],
    matches: list[Match],
    side: str,
    col: dict[str, int],
    row: np.ndarray,
) -> dict[int, tuple[tuple[str, ...], str]]:
    """The other model's steps of ``x``'s family matched right beside step ``x`` (through a
    correspondence before or after it) whose labels have terms their partner there lacks and ``x`` has:
    column -> (those terms, the partner's name) — a one-to-many the matcher kept one-to-one."""
    if not x.name:
        return {}
    other_side = "b" if side == "a" else "a"
    x_terms = set(lex.terms(x.name, lang[0]))
    found: dict[int, tuple[tuple[str, ...], str]] = {}
    for k in sorted({k for _, k in near}):
        partners = [one.steps[s] for s in ids_on(matches[k], side) if s in one.steps]
        partner_terms: set[str] = set().union(*(lex.terms(p.name, lang[0]) for p in partners if p.name))
        partner = sorted(p.name or p.id for p in partners)[0] if partners else "?"
        for y_id in ids_on(matches[k], other_side):
            y = other.steps.get(y_id)
            if y is None or not y.name or y_id not in col or families(y).isdisjoint(families(x)):
                continue  # a task and an event: the same step told twice, not one split in two
            words = part_of_neighbour(x_terms, set(lex.terms(y.name, lang[1])), partner_terms, float(row[col[y_id]]))
            if words:
                found[col[y_id]] = (words, partner)
    return found


def _near(view: ModelView, step_id: str, units: dict[str, int]) -> set[tuple[str, int]]:
    """The correspondences right before ("p", k) and right after ("s", k) a step."""
    near = {("p", units[u]) for u in view.predecessors(step_id) if u in units}
    near |= {("s", units[v]) for v in view.successors(step_id) if v in units}
    return near


def step_places(view: ModelView, units: dict[str, int]) -> dict[str, Place]:
    """Every unmatched step's place: the correspondences met first walking back from it and
    walking forward, through unmatched steps only."""
    free = [s for s in view.steps if s not in units]
    back = _first_met(free, view.predecessors, units)
    forth = _first_met(free, view.successors, units)
    return {s: (back[s], forth[s]) for s in free}


def _by_place(
    view: ModelView, places: dict[str, tuple[frozenset[int], frozenset[int]]], position: dict[str, int]
) -> tuple[dict[tuple[str, int], set[int]], dict[tuple[str, int], set[int]]]:
    """The unmatched steps' positions (``position``: row or column) by (family, correspondence met first
    back), and by (family, correspondence met first forward)."""
    before_of: dict[tuple[str, int], set[int]] = {}
    after_of: dict[tuple[str, int], set[int]] = {}
    for s, (before, after) in places.items():
        for kin in families(view.steps[s]):
            for k in before:
                before_of.setdefault((kin, k), set()).add(position[s])
            for k in after:
                after_of.setdefault((kin, k), set()).add(position[s])
    return before_of, after_of


def _first_met(free: list[str], step: Callable[[str], tuple[str, ...]], units: dict[str, int]) -> dict[str, frozenset[int]]:
    """For each unmatched step, the correspondences reached first along ``step``.

    One pass over the strongly connected parts of the unmatched steps (Tarjan's algorithm,
    iterative): a part is finished after every part it reaches, so its set is its own
    matched neighbours' and those of the parts it reaches — linear in the steps and flows.
    """
    met: dict[str, frozenset[int]] = {}

    def nexts(s: str) -> list[str]:
        return [v for v in step(s) if v not in units]

    for part in closed_components(free, nexts):
        hit: set[int] = set()
        for w in part:
            for u in step(w):
                if u in units:
                    hit.add(units[u])
                elif u in met:
                    hit |= met[u]
        done = frozenset(hit)
        for w in part:
            met[w] = done
    return met


_KIND_WORDS = {"activity": "a task", "event": "an event"}


def _kinds_reason(kind: str, other: str, score: float, strong_label: float) -> str:
    """A candidate of the other kind: why it scores 0 (the score pairs steps of one kind only), or, when
    it has a score, that its labels are alike enough for a task and an event (``strong_label``)."""
    pair = f"{_KIND_WORDS.get(kind, kind)} against {_KIND_WORDS.get(other, other)}"
    if score > 0:
        return f"{pair} (scored: labels at least {strong_label:.2f} alike)"
    return f"{pair} (the score pairs steps of one kind only: 0)"


def _place_reason(view: ModelView, here: Place, matches: list[Match], side: str) -> str:
    """The reason "same place: between X and Y", naming a matched step on each side."""

    def first(units: frozenset[int]) -> str:
        names = sorted(view.steps[s].name or s for k in units for s in ids_on(matches[k], side))
        return names[0] if names else "?"

    return f"same place: between {first(here[0])} and {first(here[1])}"


def _reasons(
    lex: Lexicon,
    x: str,
    y: str,
    label: float,
    shared: set[tuple[str, int]],
    matches: list[Match],
    taken: bool,
    lang: tuple[str, str],
) -> tuple[str, ...]:
    reasons = []
    if x and y:
        common = sorted(set(lex.terms(x, lang[0])) & set(lex.terms(y, lang[1])))
        words = ", ".join(t.lstrip("=") for t in common)
        reasons.append(f"labels {label:.2f} alike" + (f" (share: {words})" if words else ""))
    else:
        reasons.append("a name is missing")
    if shared:
        before = sum(1 for k, _ in shared if k == "p")
        after = len(shared) - before
        parts = []
        if before:
            parts.append(f"{counted(before, 'matched step')} before")
        if after:
            parts.append(f"{after} after")
        reasons.append("same neighbours: " + " and ".join(parts))
    if taken:
        reasons.append("already matched to another step")
    return tuple(reasons)

