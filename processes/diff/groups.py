"""The matcher's passes after the one-to-one assignment: context, and one-to-many groups.

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

**Mutual pass** (steps left over): two named steps without a partner, each the other's
best partner by label among *all* the other model's steps of its family (matched or not),
with every other candidate of either at least ``MUTUAL_MARGIN`` (0.2) less alike, a label
at least ``min_label`` alike and a combined score within ``MUTUAL_SLACK`` (0.1) of the
threshold, are paired: nothing else in either model competes for them, so the combined
score missing the threshold by a little (other neighbours, another position) does not make
them differences ("Sökanden gör kunskapsprovet" / "Kunskapsprov", drawn at different places). Its
confidence is its combined score, below the threshold.

**Leftover pass** (last, ``leftover_pass``): two named steps of one family still without
a partner after every other pass, each the other's best partner by label among the steps
*still left over*, every other leftover candidate of either at least ``MUTUAL_MARGIN`` less
alike, and a label at least ``labelsim.CONTAIN`` (one label said in full inside the
other's head: "Kunskapsprov" / "Sökanden skriver kunskapsprovet", "Platsbesök" /
"Genomför tillsynsbesök på restaurangen") are paired whatever their combined score: once
the other passes have placed everything else, nothing competes for them. Confidence: the
combined score.

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
(``_reading``): when x names what sets each of them apart ("Remiss till polis,
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

**Attach pass** (block to block): a named step x left over after the passes above joins an
existing correspondence when its best partner by label (same family, at least
``min_label`` alike) is a step y already in that correspondence, x sits next to (is a
predecessor or successor of) one of the correspondence's steps on x's side: label and
adjacency are the evidence, and the pair's combined score is not asked to reach any bar
(it asked for ``threshold - PROPAGATION`` until branch match: "Confirm identity without"
next to "Confirm identity" has label 0.66 but a combined score of 0.63, since the other
model's matched step had to pay for its neighbours being different). Both models are read this way, so two
steps drawn as two others become one correspondence of four pairs. Instead of sitting next
to it, x may lie anywhere in the process (pool) of the correspondence's steps on its side when the correspondence is one step y against steps like x, and y
names what sets each of them apart while they share something ("Hämta in yttranden från
polisen och Skatteverket" against "Polisremiss" and "Skatteremiss" with other steps between
them), or y is an event naming only what they share and nothing else in their model says
it ("Remissvar inkomna" against one answer event per body, drawn apart). With a label of
at least ``BLOCK_MIN_LABEL``, x also joins when it is a branch beside the correspondence's
steps (a predecessor or successor in common: one block) and either y says all x says and
more, x saying two things at least, y saying nothing that neither x nor those steps say and
something that only x says ("Polisremiss" beside "Kontroll hos Skatteverket och
Kronofogden", both against "Remisser till polisen, Skatteverket och Kronofogden"), or x, its
sibling and y share a term of the synonym list — the same work done another way — unless y
names by that list what sets the sibling apart while x names something y does not
("Enhetschefen beslutar på delegation" beside "Socialnämnden fattar beslut", both against
"Arbetsutskottet fattar beslut"; not "Yttrande från Skatteverket" beside "Yttrande från
polisen" against "Polisens yttrande inkommer"; branch m10). With a weaker label
(at least ``BLOCK_MIN_LABEL``), x joins only next to the correspondence, when y names what sets
apart x and the steps it holds and those share nothing: two different parts of one step
("Diarieföring och tilldelning av handläggare" / "Registrera ärendet", "Tilldela
handläggare") and at least half of x's terms are in y's label. Its confidence is the
lowest of the correspondence's and the joining steps' scores. A step that names a part of the
knowledge test other than every part the correspondence's steps name ("Handläggaren rättar
provet" beside "Kunskapsprov" ~ "Sökanden skriver kunskapsprovet") does not join; it is asked
about with the correspondence's step instead (testparts.py; branch many27).

**Block pass** (one step drawn as a few, at model level; branch match-en): the named
activities left over are grouped by the correspondences right before and right after them
(walking the step graph through steps in none). Where both models have leftover steps
between the *same* matched steps, one model has exactly one there and the other at most
``BLOCK_MAX - 1`` (4), and the one step's label is at least ``BLOCK_MIN_LABEL`` (0.3) alike
one of the others, they become one correspondence (less the steps of the block that share
no word with the one step: they are other work): the coarse step stands for the block
("Inhämta yttranden från remissinstanser" between the same two matched steps as "Skicka
remiss till Polisen" and "Skicka remiss till Skatteverket"). Two or more steps on both
sides are left alone (which goes with which is not known), and so is a block whose
matched steps around it are only events (between a start and an end event it is the whole
process, not a place in it). Its confidence is the best combined score of its pairs.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from processes.diff import labelsim
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
    pooled_similarity,
    what,
)
from processes.diff.testparts import APART_REASON, Apart, apart_in_test
from processes.diff.text import Lexicon
from processes.diff.unnamed import unnamed_siblings
from processes.diff.view import ModelView
from processes.digraph import closed_components

__all__ = ["context_pass", "mutual_pass", "group_pass", "attach_pass", "block_pass", "leftover_pass"]

_CONTEXT_MIN_LABEL = 0.3
PROPAGATION = 0.1
_CONTEXT_ROUNDS = 5
_MAX_SIBLINGS = 6
_COMMON_ALONE = 0.8  # x is their common part, for alternatives that do not run together


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


#: mutual pass: how far below the threshold the pair may score, and how much better than
#: every other candidate of either step its label must be
MUTUAL_SLACK = PROPAGATION
MUTUAL_MARGIN = 0.2


def _families(view: ModelView) -> np.ndarray:
    return np.array([family(view.steps[s]) for s in view.steps], dtype=object)


def _free_named(view: ModelView, matches: list[Match], side: str) -> np.ndarray:
    """Per step of ``view``, in its order: named and in none of ``matches`` on ``side`` ("a" or "b")."""
    taken = {s for m in matches for s in ids_on(m, side)}
    return np.array([s not in taken and bool(named(view.steps[s])) for s in view.steps], dtype=bool)


def _clear_best(
    lab: np.ndarray, i: int, fam_a: np.ndarray, fam_b: np.ndarray, ok_a: np.ndarray, ok_b: np.ndarray, floor: float
) -> int | None:
    """The column of step ``i``'s best partner by label among the ``ok_b`` steps of its family, when
    that label is at least ``floor``, ``i`` is the partner's best among the ``ok_a`` steps too, and
    every rival of either is at least ``MUTUAL_MARGIN`` less alike; otherwise None."""
    row = np.where((fam_b == fam_a[i]) & ok_b, lab[i], -1.0)
    if not row.size:  # the other model has no steps (a collaboration of black-box pools)
        return None
    j = int(np.argmax(row))
    if row[j] < floor:
        return None
    col = np.where((fam_a == fam_b[j]) & ok_a, lab[:, j], -1.0)
    if int(np.argmax(col)) != i:
        return None
    if np.count_nonzero(row > row[j] - MUTUAL_MARGIN) > 1 or np.count_nonzero(col > col[i] - MUTUAL_MARGIN) > 1:
        return None
    return j


def mutual_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """Two named steps left over that are each other's best partner by label among all
    the other model's steps of their family (module doc)."""
    a, b, lab = given.a, given.b, given.lab
    score_matrix, banned, options = given.score, given.banned, given.options
    unit_a = {s for m in matches for s in m.a}
    unit_b = {s for m in matches for s in m.b}
    ids_a, ids_b = list(a.steps), list(b.steps)
    fam_a, fam_b = _families(a), _families(b)
    named_a = np.array([bool(named(a.steps[s])) for s in ids_a], dtype=bool)
    named_b = np.array([bool(named(b.steps[s])) for s in ids_b], dtype=bool)
    out = list(matches)
    for i, x_id in enumerate(ids_a):
        if x_id in unit_a or not named_a[i]:
            continue
        j = _clear_best(lab, i, fam_a, fam_b, named_a, named_b, options.min_label)
        if j is None or ids_b[j] in unit_b or (x_id, ids_b[j]) in banned:
            continue
        y_id = ids_b[j]
        if float(score_matrix[i, j]) < options.threshold - MUTUAL_SLACK:
            continue
        out.append(Match((x_id,), (y_id,), round(float(score_matrix[i, j]), 3), round(float(lab[i, j]), 3), "auto"))
        unit_a.add(x_id)
        unit_b.add(y_id)
    return out


def leftover_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """The last pass: two named steps still left over, of one family, each the other's best
    partner by label among the steps still left over, every rival of either at least
    ``MUTUAL_MARGIN`` less alike, with a label at least ``CONTAIN`` (one said in full in the
    other: "Kunskapsprov" / "Sökanden skriver kunskapsprovet") (module doc)."""
    a, b, lab, score_matrix, banned = given.a, given.b, given.lab, given.score, given.banned
    ids_a, ids_b = list(a.steps), list(b.steps)
    free_a, free_b = _free_named(a, matches, "a"), _free_named(b, matches, "b")
    fam_a, fam_b = _families(a), _families(b)
    out = list(matches)
    found: list[tuple[int, int]] = []
    for i in (int(k) for k in np.flatnonzero(free_a)):
        j = _clear_best(lab, i, fam_a, fam_b, free_a, free_b, labelsim.CONTAIN)
        if j is not None and (ids_a[i], ids_b[j]) not in banned:
            found.append((i, j))
    for i, j in found:
        out.append(
            Match((ids_a[i],), (ids_b[j],), round(float(score_matrix[i, j]), 3), round(float(lab[i, j]), 3), "auto")
        )
    return out


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
            if len(group) < 2 or len(group) > _MAX_SIBLINGS or not set(group) <= alike:
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
                reading, common = _reading(lex, own_name, names, lang)
                if reading == "all":
                    joined = group_similarity(lex, own_name, names, lang[0])
                elif reading == "common":
                    # x names what they share: it is their common part, or an event that
                    # stands for the whole block run together ("all answers received")
                    joined = bag_similarity(lex, sorted(set(lex.terms(own_name, lang[0]))), common, lang[0])
                    block = together.get(members, False) and (
                        family(x) == "event"
                        or _only_theirs(lex, many, group, set(common) & set(lex.terms(own_name, lang[0])), lang[1])
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


def _only_theirs(lex: Lexicon, view: ModelView, group: tuple[str, ...], shared: set[str], lang: str) -> bool:
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


def _reading(lex: Lexicon, label: str, parts: Iterable[str], lang: tuple[str, str]) -> tuple[str, list[str]]:
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


def attach_pass(given: PassInput, matches: list[Match], apart: list[tuple[Apart, str]] | None = None) -> list[Match]:
    """Block to block: a step left over joins the correspondence of its neighbour (module doc);
    a step kept out as of another part of the knowledge test (testparts.py) is added to
    ``apart`` with the reason."""
    a, b, lex, lang = given.a, given.b, given.lex, given.langs
    apart = [] if apart is None else apart
    matches = _attach_side(given, matches, "a", apart)
    matches = _attach_side(given.swapped(), matches, "b", apart)
    # a correspondence that grew: its label is that of the pooled labels of both sides
    out = []
    for m in matches:
        if m.how == "grouped" and len(m.a) + len(m.b) > 2:
            m = Match(m.a, m.b, m.confidence, round(pooled_similarity(lex, a, b, m.a, m.b, lang), 3), m.how)
        out.append(m)
    return out


def _attach_side(given: PassInput, matches: list[Match], side: str, apart: list[tuple[Apart, str]]) -> list[Match]:
    one, other, lab, score = given.a, given.b, given.lab, given.score
    banned, options, lex, lang = given.banned, given.options, given.lex, given.langs
    other_side = "b" if side == "a" else "a"
    ids_other = list(other.steps)
    index_one = {s: i for i, s in enumerate(one.steps)}
    unit_one = {s: k for k, m in enumerate(matches) for s in ids_on(m, side)}
    unit_other = {s: k for k, m in enumerate(matches) for s in ids_on(m, other_side)}
    joins: dict[int, list[tuple[float, str]]] = {}
    # the named steps of the other model by family, once (not once per step x)
    by_family: dict[str, list[int]] = {}
    for j, y in enumerate(ids_other):
        if named(other.steps[y]):
            by_family.setdefault(family(other.steps[y]), []).append(j)
    columns = {fam: np.array(js, dtype=np.intp) for fam, js in by_family.items()}
    for x_id, x in one.steps.items():
        if x_id in unit_one or not named(x):
            continue
        row = lab[index_one[x_id]]
        fam = family(x)
        same = columns.get(fam)
        if same is None:
            continue
        best = int(same[int(np.argmax(row[same]))])  # the first of the best: max by (label, -j)
        y_id = ids_other[best]
        if float(row[best]) < BLOCK_MIN_LABEL or y_id not in unit_other or (x_id, y_id) in banned:
            continue
        combined = float(score[index_one[x_id], best])
        k = unit_other[y_id]
        m = matches[k]
        if m.how == "confirmed" or any(family(one.steps[s]) != fam for s in ids_on(m, side) if s in one.steps):
            continue
        # x sits next to the steps that y's correspondence already holds on x's side
        near = set(one.predecessors(x_id)) | set(one.successors(x_id))
        adjacent = bool(near & set(ids_on(m, side)))
        if not adjacent and all(one.steps[s].process != x.process for s in ids_on(m, side) if s in one.steps):
            continue  # not next to them and in another process (pool): no branch beside them
        if _said_in_full(lex, one, other, m, x_id, side, lang) or _alternative(lex, one, other, m, x_id, side, lang):
            pass  # a branch beside them that y names in full, or another way of doing what y does
        elif float(row[best]) < options.min_label:
            # a weaker label: x is next to them and y names each of them ("Diarieföring och
            # tilldelning av handläggare" / "Registrera ärendet" next to "Tilldela handläggare")
            if not adjacent or not _lists_each(lex, one, other, m, x_id, side, lang, shared=False):
                continue
        elif not adjacent and not _lists_each(lex, one, other, m, x_id, side, lang):
            continue
        parts = apart_in_test(lex, one, other, m, x_id, side, lang)
        if parts is not None:
            # another part of the knowledge test: asked about at the end, not joined
            apart.append(((side, x_id, y_id), APART_REASON.format(mine=parts[0], theirs=parts[1])))
            continue
        joins.setdefault(k, []).append((combined, x_id))
    out = list(matches)
    for k, extra in sorted(joins.items()):
        m = out[k]
        added = tuple(x for _, x in sorted(extra, key=lambda e: (-e[0], e[1]))[: _MAX_SIBLINGS - 1])
        order = {s: i for i, s in enumerate(one.steps)}
        mine = tuple(sorted(set(ids_on(m, side)) | set(added), key=lambda s: order.get(s, len(order))))
        a_ids, b_ids = (mine, m.b) if side == "a" else (m.a, mine)
        out[k] = Match(a_ids, b_ids, round(min(m.confidence, min(s for s, _ in extra)), 3), m.label, "grouped")
    return out


def _said_in_full(
    lex: Lexicon, one: ModelView, other: ModelView, m: Match, x_id: str, side: str, lang: tuple[str, str]
) -> bool:
    """Whether x is a branch beside the steps of ``m`` on its side (a predecessor or a
    successor in common with one of them: the same parallel or exclusive block) and the one
    step on the other side of ``m`` says everything x says and more, nothing that neither x
    nor the steps of ``m`` say, and something that only x says: "Polisremiss" beside
    "Remiss Skatteverket och Kronofogden", both against "Remisser till polis, Skatteverket
    och Kronofogden"."""
    theirs = ids_on(m, "b" if side == "a" else "a")
    if len(theirs) != 1 or theirs[0] not in other.steps:
        return False
    own = set(lex.terms(what(lex, one.steps[x_id], lang[0]), lang[0]))
    said = set(lex.terms(what(lex, other.steps[theirs[0]], lang[1]), lang[1]))
    if len(own) < 2 or not own < said:
        return False
    mine = [s for s in ids_on(m, side) if s in one.steps]
    # ... and nothing else: y is x and the steps it already holds, said together, and x
    # says a part of y that none of those steps says (not a second wording of them)
    held = set().union(*(lex.terms(what(lex, one.steps[s], lang[0]), lang[0]) for s in mine))
    if not said <= own | held or not said - held:
        return False
    before, after = set(one.predecessors(x_id)), set(one.successors(x_id))
    return any(before & set(one.predecessors(s)) or after & set(one.successors(s)) for s in mine)


def _alternative(
    lex: Lexicon, one: ModelView, other: ModelView, m: Match, x_id: str, side: str, lang: tuple[str, str]
) -> bool:
    """Whether x and a step of ``m`` on its side are branches of one block (a predecessor or
    a successor in common) and all three name the same work by the domain's vocabulary (a
    synonym group they share), unless by that vocabulary y names what sets that step apart
    from x and x names something y does not: a decision drawn as two alternatives ("Delegationsbeslut av enhetschef" / "Beslut i
    socialnämnden") against one decision."""
    theirs = ids_on(m, "b" if side == "a" else "a")
    if len(theirs) != 1 or theirs[0] not in other.steps:
        return False
    own = set(lex.terms(what(lex, one.steps[x_id], lang[0]), lang[0]))
    said = set(lex.terms(what(lex, other.steps[theirs[0]], lang[1]), lang[1]))
    before, after = set(one.predecessors(x_id)), set(one.successors(x_id))
    for s in ids_on(m, side):
        if s not in one.steps or not (before & set(one.predecessors(s)) or after & set(one.successors(s))):
            continue
        theirs_too = set(lex.terms(what(lex, one.steps[s], lang[0]), lang[0]))
        # not when, by the vocabulary, y names what sets that step apart from x and x names
        # something of its own that y does not: y is that branch alone (the police's answer,
        # not the Skatteverket branch beside it)
        if any(t.startswith("=") and t in said for t in theirs_too - own) and any(
            t.startswith("=") and t not in said for t in own - theirs_too
        ):
            continue
        if any(t.startswith("=") for t in own & said & theirs_too):
            return True
    return False


def _lists_each(
    lex: Lexicon,
    one: ModelView,
    other: ModelView,
    m: Match,
    x_id: str,
    side: str,
    lang: tuple[str, str],
    shared: bool = True,
) -> bool:
    """Whether the single step on the other side of ``m`` names what sets apart each of the
    steps of ``one`` it would then hold, which share something (``_reading`` "all", with a
    common part): "Hämta in yttranden från
    polisen, Skatteverket och räddningstjänsten" against "Polisremiss" and "Skatteremiss",
    wherever those two are drawn."""
    theirs = ids_on(m, "b" if side == "a" else "a")
    if len(theirs) != 1 or theirs[0] not in other.steps:
        return False
    mine = [s for s in ids_on(m, side) if s in one.steps] + [x_id]
    names = [what(lex, one.steps[s], lang[0]) for s in mine]
    label = what(lex, other.steps[theirs[0]], lang[1])
    reading, common = _reading(lex, label, names, (lang[1], lang[0]))
    if not shared:
        # two different parts of one step, and at least half of what x says is said in y
        own, theirs_terms = lex.terms(names[-1], lang[0]), set(lex.terms(label, lang[1]))
        said = sum(t in theirs_terms for t in own)
        return reading == "all" and not common and 2 * said >= len(own)
    if reading == "common" and family(other.steps[theirs[0]]) == "event":
        # y names only what they share, and nothing else in their model says it
        return _only_theirs(lex, one, tuple(mine), set(common) & set(lex.terms(label, lang[1])), lang[0])
    return reading == "all" and bool(common)  # the same kind of step for different things


#: block pass: at most this many steps in a block (the coarse step and its fine steps)
BLOCK_MAX = 5
#: block pass: the best label similarity between the coarse step and one fine step
BLOCK_MIN_LABEL = 0.3


def _walk(view: ModelView, start: str, unit: dict[str, int], forward: bool) -> frozenset[int]:
    """The correspondences first reached from ``start`` along the step graph (forward or
    backward), passing only through steps that are in none."""
    anchors: set[int] = set()
    todo = [start]
    seen = {start}
    while todo:
        s = todo.pop()
        for t in view.successors(s) if forward else view.predecessors(s):
            if t in seen:
                continue
            seen.add(t)
            if t in unit:
                anchors.add(unit[t])
            else:
                todo.append(t)
    return frozenset(anchors)


def _walks(view: ModelView, unit: dict[str, int], forward: bool) -> dict[str, frozenset[int]]:
    """``_walk`` of every step in no correspondence, in time linear in the steps and flows:
    the steps in none, by strongly connected components (Tarjan, iterative), each taking the
    correspondences next to its members and those its successor components reach (found
    before it: Tarjan closes a component after every component it reaches)."""
    nbrs = view.successors if forward else view.predecessors
    out: dict[str, frozenset[int]] = {}
    roots = (s for s in view.steps if s not in unit)
    for members in closed_components(roots, lambda s: (w for w in nbrs(s) if w not in unit)):
        inside = set(members)
        found: set[int] = set()
        for m in members:
            for t in nbrs(m):
                if t in unit:
                    found.add(unit[t])
                elif t not in inside:
                    found |= out[t]
        anchors = frozenset(found)
        for m in members:
            out[m] = anchors
    return out


def _free_blocks(view: ModelView, unit: dict[str, int]) -> dict[tuple[frozenset[int], frozenset[int]], list[str]]:
    """Named activities in no correspondence, by the correspondences right before and
    right after them (only steps in none between)."""
    out: dict[tuple[frozenset[int], frozenset[int]], list[str]] = {}
    reached_before, reached_after = _walks(view, unit, forward=False), _walks(view, unit, forward=True)
    for s, st in view.steps.items():
        if s in unit or not named(st) or family(st) == "event":
            continue
        before, after = reached_before[s], reached_after[s]
        if before and after:
            out.setdefault((before, after), []).append(s)
    return out


def block_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """Model-level blocks: one step drawn as a few between the same matched steps (module doc)."""
    a, b, lab, score, banned = given.a, given.b, given.lab, given.score, given.banned
    unit_a, unit_b = match_units(matches)
    ia = {x: i for i, x in enumerate(a.steps)}
    ib = {y: j for j, y in enumerate(b.steps)}
    blocks_b = _free_blocks(b, unit_b)
    out = list(matches)
    for key, xs in sorted(_free_blocks(a, unit_a).items(), key=lambda kv: kv[1]):
        ys = blocks_b.get(key)
        if not ys or min(len(xs), len(ys)) != 1 or len(xs) + len(ys) > BLOCK_MAX:
            continue
        # between a start and an end event only, the "block" is the whole process: no place
        if not any(family(a.steps[s]) != "event" for k in key[0] | key[1] for s in matches[k].a if s in a.steps):
            continue
        # a step of the block that shares no word with the one step is not part of its work
        # (p37: "Hämtning av företagsuppgifter" beside "Diarieföring och ärendefördelning",
        # both against "Diarieför ansökan")
        xs = [x for x in xs if any(lab[ia[x], ib[y]] > 0.0 for y in ys)]
        ys = [y for y in ys if any(lab[ia[x], ib[y]] > 0.0 for x in xs)]
        if not xs or not ys or any((x, y) in banned for x in xs for y in ys):
            continue
        cells = [(ia[x], ib[y]) for x in xs for y in ys]
        best = max(float(lab[i, j]) for i, j in cells)
        if best < BLOCK_MIN_LABEL or best <= 0.0:
            continue
        confidence = max(float(score[i, j]) for i, j in cells)
        out.append(Match(tuple(xs), tuple(ys), round(confidence, 3), round(best, 3), "grouped"))
    return out
