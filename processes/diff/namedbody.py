"""A step left over whose body the one step names joins it beside its siblings.

One clerk sends one remiss to every body ("Skicka remisser (polisen, skatt, KFM, rtj, miljö)"); the
other draws a parallel block of a remiss to the police and one remiss to the four others ("Remiss till
Polisen", "Remiss till Skatteverket, Kronofogden, räddningstjänsten och miljöförvaltningen"). The
one-to-one assignment pairs the one step with the remiss to the four (labels 0.87); the group pass
then cannot replace that pair by the block, whose pooled labels (0.92) do not beat it by the split
gain, and the attach pass does not take the police remiss, whose label is 0.26 alike the one step (two
terms against seven): it was left "only in a" (p68; bench/RESULTS-matching.md "Branch many55").

``named_body_pass`` (right after the attach pass): a named step x in no correspondence joins a
correspondence m (not confirmed) whose other side is one step y when

1. every step of m on x's side is of x's family, and x is a branch beside one of them (a predecessor
   or a successor in common: its siblings are already y's);
2. x's own terms (those no step of m on its side says) are not empty and y says every one of them:
   y names what sets x apart, its body;
3. y, read against those steps and x together, names what sets each of them apart and they share a
   term (groups.label_reading "all" with a common part: the same kind of step for different bodies);
4. x and y share something by label, are not a rejected pair, and x names no other part of the
   knowledge test than the correspondence (testparts.apart_in_test).

No label or score bar: the evidence is y naming x's body while its siblings are y's. Where several
correspondences qualify, the one whose y is most alike x by label. Confidence: the lowest of m's and
the x-y combined score (as the attach pass); label: the pooled labels of both sides.
"""

from __future__ import annotations

from processes.diff.groups import label_reading
from processes.diff.matchtypes import Match, PassInput, family, ids_on, named, pooled_similarity, what
from processes.diff.testparts import apart_in_test

__all__ = ["named_body_pass"]


def named_body_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """Steps left over joining the correspondence whose one step names their body (module doc)."""
    out = _side(given, matches, "a")
    out = _side(given.swapped(), out, "b")
    return out


def _side(given: PassInput, matches: list[Match], side: str) -> list[Match]:
    one, other, lex, lang, lab = given.a, given.b, given.lex, given.langs, given.lab
    other_side = "b" if side == "a" else "a"
    held = {s for m in matches for s in ids_on(m, side)}
    row_of = {s: i for i, s in enumerate(one.steps)}
    col_of = {s: j for j, s in enumerate(other.steps)}
    # x must be a branch beside a step of the correspondence: only those steps are read
    best: dict[str, tuple[float, int]] = {}
    for k, m in enumerate(matches):
        theirs = ids_on(m, other_side)
        if m.how == "confirmed" or len(theirs) != 1 or theirs[0] not in other.steps:
            continue
        y_id = theirs[0]
        held_here = [s for s in ids_on(m, side) if s in one.steps]
        beside = {x for s in held_here for p in one.predecessors(s) for x in one.successors(p)}
        beside |= {x for s in held_here for n in one.successors(s) for x in one.predecessors(n)}
        for x_id in sorted(beside):
            if x_id in held or not named(one.steps[x_id]) or (x_id, y_id) in given.banned:
                continue
            label = float(lab[row_of[x_id], col_of[y_id]])
            if label <= 0.0 or (x_id in best and label <= best[x_id][0]):
                continue
            if _names_its_body(given, m, x_id, side):
                best[x_id] = (label, k)
    joins: dict[int, list[str]] = {}
    for x_id in one.steps:
        if x_id in best:
            joins.setdefault(best[x_id][1], []).append(x_id)
    if not joins:
        return matches
    result = list(matches)
    order = {s: i for i, s in enumerate(one.steps)}
    for k, extra in sorted(joins.items()):
        m = result[k]
        y_id = ids_on(m, other_side)[0]
        combined = min(float(given.score[row_of[x], col_of[y_id]]) for x in extra)
        mine = tuple(sorted(set(ids_on(m, side)) | set(extra), key=lambda s: order.get(s, len(order))))
        label = pooled_similarity(lex, one, other, mine, (y_id,), lang)
        a_ids, b_ids = (mine, m.b) if side == "a" else (m.a, mine)
        result[k] = Match(a_ids, b_ids, round(min(m.confidence, combined), 3), round(label, 3), "grouped")
    return result


def _names_its_body(given: PassInput, m: Match, x_id: str, side: str) -> bool:
    """Rules 1-4 of the module doc but the label (checked by the caller) for x joining ``m``."""
    one, other, lex, lang = given.a, given.b, given.lex, given.langs
    other_side = "b" if side == "a" else "a"
    mine = [s for s in ids_on(m, side) if s in one.steps]
    if not mine or len(mine) != len(ids_on(m, side)):
        return False
    x = one.steps[x_id]
    kin = family(x)
    if any(family(one.steps[s]) != kin for s in mine):
        return False
    before, after = set(one.predecessors(x_id)), set(one.successors(x_id))
    if not any(before & set(one.predecessors(s)) or after & set(one.successors(s)) for s in mine):
        return False
    y_id = ids_on(m, other_side)[0]
    said = set(lex.terms(what(lex, other.steps[y_id], lang[1]), lang[1]))
    names = [what(lex, one.steps[s], lang[0]) for s in mine]
    own_name = what(lex, x, lang[0])
    siblings = set().union(*(lex.terms(n, lang[0]) for n in names))
    own = set(lex.terms(own_name, lang[0])) - siblings
    if not own or not own <= said:
        return False
    label = what(lex, other.steps[y_id], lang[1])
    reading, common = label_reading(lex, label, names + [own_name], (lang[1], lang[0]))
    if reading != "all" or not common:
        return False
    return apart_in_test(lex, one, other, m, x_id, side, lang) is None
