"""The matcher's passes after the one-to-one assignment: context, and one-to-many groups; and the
bars of this stage's passes.

**Context pass** (steps left over): a tool may drop a label (an intermediate event
exported with ``name=""``), and two people may word one step too differently for the
label threshold ("Avgift inbetald" / "Betalning mottagen"). Two steps without a partner,
of exactly the same kind and type, are paired when their *context* agrees — the partners
(by the matches found so far) of one's predecessors and successors against those of the
other, compared by Jaccard: at least 0.5 when either has no name; exactly 1 (the same
matched neighbours on every side) and label similarity >= 0.3 when both are named.
Confidence: 0.8 * (0.6 label + 0.1 type + 0.1 position + 0.1 context) / 0.9, without the
label term (and its weight) when a name is missing; so never above 0.8. Rounds repeat
(at most 5) while pairs are found, since a pair gives its neighbours context. Candidates
are looked up through an index of context keys, so the pass costs time in proportion to
the steps that share context, not to all pairs.

A pair of named steps whose labels are at least ``min_label`` alike and whose combined
score is within ``PROPAGATION`` (0.1) of the threshold is matched when at least half of
their matched neighbours agree (Jaccard >= 0.5): neighbours already matched raise a
candidate (similarity propagation in its simplest form); its confidence is its score.

**Group pass** (a step drawn as two or three, a parallel block of three remisser against
one remiss task): for a step x, candidate groups of the other model are

* chains of two or three consecutive steps of x's family (each the only successor of the
  previous), and
* siblings: two to six steps of x's family with the same predecessors or the same
  successors (the branches of one parallel or exclusive block), taking those whose
  labels share something with x;

whose members are unmatched or matched to x. A group replaces x's current partner when
its pooled labels (labelsim.group_similarity) match x at least ``min_label`` and better
than the current partner by ``split_gain``. Siblings are read against x's label
(``label_reading``): when x names what sets each of them apart ("Remiss till polis,
räddningstjänst och miljö" against one remiss per body) their pooled labels count; when x
names only what they share, x must be that common part (0.8 alike), or an event standing
for a block of siblings that run together ("Samtliga remissvar inkomna" against one answer
event per body, where the bar is ``PROPAGATION`` lower), or a task standing for such a block
when what they share with x is said by no other step of their model ("Remittering till
remissinstanser" against one "Begär yttrande från X" per body; not "Talk to applicant"
against two tasks about the application, a word many steps carry); when x names what sets only some
of them apart, x is one of them and no group. A sibling is left out of x's group first when
x names the own terms (those no other sibling has) of two others and none of its own
(unnamed.py; branch many17): "Remiss miljö och livsmedel" beside remisses x names. Groups are
taken best first; a step joins at most one group.

The other passes of this stage are modules of their own, each one rule: the mutual and leftover
passes (mutualbest.py), the attach pass (attach.py) and the block pass (blocks.py). Their bars
(``MUTUAL_MARGIN``, ``BLOCK_MIN_LABEL``, ...) stay here and those passes read them from this
module when they run, as bench/bench_matching.py's ``--option NAME=VALUE`` sets a constant on
this module for an experiment.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from processes.diff.collective import collective_words, names_the_rest
from processes.diff.labelsim import bag_similarity, group_similarity
from processes.diff.matchtypes import (
    ENDPOINT_DISCOUNT,
    Match,
    PassInput,
    family,
    from_both_sides,
    ids_on,
    match_units,
    named,
    what,
)
from processes.diff.text import Lexicon
from processes.diff.unnamed import unnamed_siblings
from processes.diff.view import ModelView

__all__ = [
    "context_pass",
    "group_pass",
    "PROPAGATION",
    "MUTUAL_SLACK",
    "MUTUAL_MARGIN",
    "BLOCK_MAX",
    "BLOCK_MIN_LABEL",
    "MAX_SIBLINGS",
    "only_theirs",
    "label_reading",
]

_CONTEXT_MIN_LABEL = 0.3
PROPAGATION = 0.1
_CONTEXT_ROUNDS = 5
MAX_SIBLINGS = 6
_COMMON_ALONE = 0.8  # x is their common part, for alternatives that do not run together

#: mutual pass: how far below the threshold the pair may score, and how much better than
#: every other candidate of either step its label must be
MUTUAL_SLACK = PROPAGATION
MUTUAL_MARGIN = 0.2

#: block pass: at most this many steps in a block (the coarse step and its fine steps)
BLOCK_MAX = 5
#: block pass: the best label similarity between the coarse step and one fine step
BLOCK_MIN_LABEL = 0.3


def _context(view: ModelView, step: str, unit: dict[str, int]) -> set[tuple[str, int]]:
    """The matched neighbours of ``step``: ("p", unit) per predecessor, ("s", unit) per successor."""
    return {("p", unit[u]) for u in view.predecessors(step) if u in unit} | {
        ("s", unit[v]) for v in view.successors(step) if v in unit
    }


def context_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """Pair leftover steps by type and context (module doc)."""
    a, b, lab = given.a, given.b, given.lab
    score_matrix, banned, options = given.score, given.banned, given.options
    ia = {x: i for i, x in enumerate(a.steps)}
    ib = {y: j for j, y in enumerate(b.steps)}
    total = options.w_label + options.w_type + options.w_position + options.w_neighbours
    for _ in range(_CONTEXT_ROUNDS):
        unit_a, unit_b = match_units(matches)
        by_key: dict[tuple[str, int], list[str]] = {}
        context_b: dict[str, set[tuple[str, int]]] = {}
        for y_key in b.steps:
            if y_key in unit_b:
                continue
            cy = context_b[y_key] = _context(b, y_key, unit_b)
            for key in cy:
                by_key.setdefault(key, []).append(y_key)
        proposals = []
        for x_id, x in a.steps.items():
            if x_id in unit_a:
                continue
            cx = _context(a, x_id, unit_a)
            for y_id in sorted({s for key in cx for s in by_key.get(key, ())}):
                y = b.steps[y_id]
                if (x.kind, x.detail) != (y.kind, y.detail) or (x_id, y_id) in banned:
                    continue
                cy = context_b[y_id]
                jaccard = len(cx & cy) / len(cx | cy)
                label = float(lab[ia[x_id], ib[y_id]])
                both_named = bool(named(x)) and bool(named(y))
                combined = float(score_matrix[ia[x_id], ib[y_id]])
                if (
                    both_named
                    and label >= options.min_label
                    and jaccard >= 0.5
                    and combined >= options.threshold - PROPAGATION
                ):
                    # neighbours already matched raise a candidate just below the threshold
                    proposals.append((-combined, x_id, y_id, label, "auto"))
                    continue
                if both_named:
                    if jaccard < 1.0 or label < _CONTEXT_MIN_LABEL:
                        continue
                elif jaccard < 0.5:
                    continue
                place = 1.0 - abs(a.position[x_id] - b.position[y_id])
                w_label = options.w_label if both_named else 0.0  # a missing name is no evidence
                score = (
                    w_label * label + options.w_type + options.w_position * place + options.w_neighbours * jaccard
                ) / (total - options.w_label + w_label)
                proposals.append((-ENDPOINT_DISCOUNT * score, x_id, y_id, label, "context"))
        used: set[str] = set()
        added = 0
        for neg, x_id, y_id, label, how in sorted(proposals):
            if x_id in used or y_id in used:
                continue
            used.update((x_id, y_id))
            matches.append(Match((x_id,), (y_id,), round(-neg, 3), round(label, 3), how))
            added += 1
        if not added:
            break
    return matches


def _chains(view: ModelView, free: set[str]) -> list[tuple[str, ...]]:
    """Runs of 2-3 consecutive free steps (each the only successor of the previous)."""

    def only_next(s: str) -> str | None:
        succ = view.successors(s)
        if len(succ) == 1 and view.predecessors(succ[0]) == (s,) and succ[0] in free:
            return succ[0]
        return None

    chains: list[tuple[str, ...]] = []
    for s in sorted(free):
        run: tuple[str, ...] = (s,)
        nxt = only_next(s)
        while nxt is not None and len(run) < 3 and nxt not in run:
            run = run + (nxt,)
            chains.append(run)
            nxt = only_next(nxt)
    return chains


def _siblings(view: ModelView, free: set[str]) -> list[tuple[tuple[str, ...], bool]]:
    """Sets of 2+ free steps of one family that share their predecessors or successors,
    each with whether they run together (branches of one parallel split or join)."""
    groups: dict[tuple[str, str, tuple[str, ...]], list[str]] = {}
    for s in sorted(free):
        fam = family(view.steps[s])
        pred, succ = view.predecessors(s), view.successors(s)
        if pred:
            groups.setdefault(("p", fam, pred), []).append(s)
        if succ:
            groups.setdefault(("s", fam, succ), []).append(s)
    out: dict[tuple[str, ...], bool] = {}
    for (where, _, _), members in groups.items():
        if len(members) >= 2:
            key = tuple(members)
            out[key] = out.get(key, False) or _together(view, members, where)
    return sorted(out.items())


def _together(view: ModelView, members: list[str], where: str) -> bool:
    """Whether ``members`` leave one parallel split (``where="p"``) or meet at one
    parallel join (``"s"``), directly."""
    flow = view.flow
    near = [set(flow.predecessors(s) if where == "p" else flow.successors(s)) for s in members]
    shared = set.intersection(*near)
    return any(flow.nodes[n].get("parallel", False) for n in shared)


def group_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """One step of either model paired with a group of the other (module doc)."""
    return from_both_sides(_one_side, given, matches)


def _one_side(given: PassInput, matches: list[Match], *, swap: bool) -> list[Match]:
    one, many, lex, lab = given.a, given.b, given.lex, given.lab
    banned, options, lang = given.banned, given.options, given.langs
    one_side, many_side = ("b", "a") if swap else ("a", "b")

    def side_one(m: Match) -> tuple[str, ...]:
        return ids_on(m, one_side)

    def side_many(m: Match) -> tuple[str, ...]:
        return ids_on(m, many_side)

    index_one = {s: i for i, s in enumerate(one.steps)}
    index_many = {s: j for j, s in enumerate(many.steps)}
    ids_many = list(many.steps)
    partner: dict[str, Match] = {}
    for m in matches:  # (side_one and side_many read once per match)
        ones, manys = (m.b, m.a) if swap else (m.a, m.b)
        if len(ones) == 1 and len(manys) == 1 and ones[0] in one.steps:
            partner[ones[0]] = m
    taken = {s for m in matches for s in side_many(m)}
    named_many = {s for s, st in many.steps.items() if named(st)}
    free_all = {s for s in named_many if s not in taken}
    candidates = free_all | {s for m in partner.values() for s in side_many(m) if s in many.steps}
    chains = _chains(many, candidates)
    siblings = _siblings(many, candidates)
    by_member: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for c in chains:
        for s in c:
            by_member.setdefault(s, []).append(("chain", c))
    together = dict(siblings)
    for g, _ in siblings:
        for s in g:
            by_member.setdefault(s, []).append(("siblings", g))
    matched_one = {s for m in matches for s in side_one(m)}
    open_own = {s for s in by_member if s in named_many}
    open_many = np.array([s in open_own and s not in taken for s in ids_many], dtype=bool)
    open_alike = (lab > 0.0) & open_many  # (every row at once)
    many_ids = np.array(ids_many, dtype=object)  # (a row's open steps picked by numpy, not one by one)
    proposals = []
    for x_id, x in one.steps.items():
        if not named(x):
            continue
        current = partner.get(x_id)
        if current is not None and current.how == "confirmed":
            continue
        if current is None and x_id in matched_one:
            continue
        own = set(side_many(current)) if current else set()
        row = lab[index_one[x_id]]
        # (only steps of some chain or siblings can be in a group: the others are left out here)
        alike = set(many_ids[open_alike[index_one[x_id]]].tolist()) | {
            s for s in own if s in open_own and row[index_many[s]] > 0.0
        }
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for kind, members in (entry for s in sorted(alike) for entry in by_member.get(s, ())):
            if (kind, members) in seen:
                continue
            seen.add((kind, members))
            group = tuple(s for s in members if s in alike) if kind == "siblings" else members
            if kind == "siblings" and len(group) > 2:
                # a sibling x names no own term of, in a block x names the rest of (unnamed.py)
                left_out = unnamed_siblings(lex, what(lex, x, lang[0]), [what(lex, many.steps[c], lang[1]) for c in group], lang)
                group = tuple(s for k, s in enumerate(group) if k not in left_out)
            if len(group) < 2 or len(group) > MAX_SIBLINGS or not set(group) <= alike:
                continue
            if own and not own <= set(group):
                continue
            if any(family(many.steps[s]) != family(x) for s in group):
                continue
            if any((x_id, c) in banned for c in group):
                continue
            names = [what(lex, many.steps[c], lang[1]) for c in group]
            own_name = what(lex, x, lang[0])
            base = max([current.label if current else 0.0] + [float(row[index_many[s]]) for s in group])
            if kind == "siblings":
                reading, common = label_reading(lex, own_name, names, lang)
                if reading == "all":
                    joined = group_similarity(lex, own_name, names, lang[0])
                elif reading == "common":
                    # x names what they share: it is their common part, or an event that
                    # stands for the whole block run together ("all answers received")
                    joined = bag_similarity(lex, sorted(set(lex.terms(own_name, lang[0]))), common, lang[0])
                    block = together.get(members, False) and (
                        family(x) == "event"
                        or only_theirs(lex, many, group, set(common) & set(lex.terms(own_name, lang[0])), lang[1])
                    )
                    if not block and joined < _COMMON_ALONE:
                        continue
                elif reading == "rest":
                    # what x says without its collective words, against what they share and
                    # what it names of them
                    said = set(lex.terms(own_name, lang[0])) - set(lex.terms(" ".join(collective_words(own_name)), lang[0]))
                    theirs = set(common) | (said & {t for n in names for t in lex.terms(n, lang[1])})
                    joined = bag_similarity(lex, sorted(said), sorted(theirs), lang[0])
                else:
                    continue  # x names what only some of them do (it is one of them), or nothing shared
            else:
                joined = group_similarity(lex, own_name, names, lang[0])
            # branches that run together and share what x names are structural evidence
            bar = options.threshold - (PROPAGATION if kind == "siblings" and together.get(members, False) else 0.0)
            if joined >= bar and joined >= base + options.split_gain:
                proposals.append((joined, x_id, group, current))
    used: set[str] = set()
    for joined, x_id, group, current in sorted(proposals, key=lambda p: (-p[0], p[1], p[2])):
        if used & set(group) or x_id in used:
            continue
        if any(set(group) & set(side_many(m)) for m in matches if m is not current):
            continue
        if current is not None:
            matches.remove(current)
        a_ids, b_ids = (group, (x_id,)) if swap else ((x_id,), group)
        matches.append(Match(a_ids, b_ids, round(joined, 3), round(joined, 3), "grouped"))
        used.update(group)
        used.add(x_id)
    return matches


def only_theirs(lex: Lexicon, view: ModelView, group: tuple[str, ...], shared: set[str], lang: str) -> bool:
    """Whether the terms ``shared`` by a task and a block of parallel tasks occur in no other
    named step of the block's model: then the block is the only place that does what the task
    names ("Remittering" against one "Begär yttrande från X" per body), not a word many steps
    carry ("application")."""
    if not shared:
        return False
    inside = set(group)
    return all(
        shared.isdisjoint(lex.terms(what(lex, st, lang), lang))
        for s, st in view.steps.items()
        if s not in inside and named(st)
    )


def label_reading(lex: Lexicon, label: str, parts: Iterable[str],
                  lang: tuple[str, str]) -> tuple[str, list[str]]:
    """How ``label`` reads against sibling steps: ``all`` when it names what sets each of
    them apart ("Remiss till polis, räddningstjänst och miljö" against one remiss per
    body), ``common`` when it names only what they share ("Samtliga remissvar inkomna"
    against one answer per body), ``some`` when it names what sets only some apart (it
    is one of them: "Send letter of acceptance" against "Send acceptance" and "Send
    rejection"), ``none`` otherwise; and the terms they share."""
    bags = [set(lex.terms(p, lang[1])) for p in parts]
    common = set.intersection(*bags) if bags else set()
    own = set(lex.terms(label, lang[0]))
    named_apart = [bool((bag - common) & own) for bag in bags]
    if all(named_apart):
        return "all", sorted(common)
    if any(named_apart):
        # one named and the others as a group ("polisen och övriga myndigheter"): all of them
        return ("rest" if len(bags) >= 2 and common & own and names_the_rest(label) else "some"), sorted(common)
    return ("common" if common & own else "none"), sorted(common)

