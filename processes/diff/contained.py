"""Steps still left over, one said in full inside the other (after mutualbest.leftover_pass).

**contained_pass**, one to one:

"Registrering i ärendesystemet" and "Registrera ärendet": every term of the shorter label
is a term of the longer one (by roots and the synonym list), each is the other's clear best
partner by label among the steps left over, and the label similarity is at least
``min_label``; the combined score may be low (drawn at different places, other
neighbours). mutualbest.leftover_pass asks for a label of ``labelsim.CONTAIN``, which a word
the other label lacks ("system") can keep such a pair below; here the terms themselves
show the containment.

**chain_pass**, one to a run: a step left over that says in full each of two or three
consecutive steps left over in the other model, and says more than each ("Jag sammanställer
yttranden och skriver utredning med förslag till beslut" against "Utredning" followed by
"Tjänsteskrivelse med förslag till beslut"), when it is each one's best partner by label
among the steps left over.
"""

from __future__ import annotations

import numpy as np

from processes.diff.matchtypes import Match, PassInput, from_both_sides, named, pair_confidence, what
from processes.diff.mutualbest import clear_best, families, free_named
from processes.diff.view import ModelView

__all__ = ["contained_pass", "chain_pass", "free_runs"]


def contained_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """Pair two steps left over when one's terms are all terms of the other (module doc)."""
    a, b, lex, lang = given.a, given.b, given.lex, given.langs
    lab, score, banned, options = given.lab, given.score, given.banned, given.options
    ids_a, ids_b = list(a.steps), list(b.steps)
    free_a, free_b = free_named(a, matches, "a"), free_named(b, matches, "b")
    fam_a, fam_b = families(a), families(b)
    out = list(matches)
    for i in (int(k) for k in np.flatnonzero(free_a)):
        j = clear_best(lab, i, fam_a, fam_b, free_a, free_b, options.min_label)
        if j is None or (ids_a[i], ids_b[j]) in banned:
            continue
        ta = set(lex.terms(what(lex, a.steps[ids_a[i]], lang[0]), lang[0]))
        tb = set(lex.terms(what(lex, b.steps[ids_b[j]], lang[1]), lang[1]))
        if len(min(ta, tb, key=len)) < 2 or not (ta <= tb or tb <= ta):
            continue
        out.append(Match((ids_a[i],), (ids_b[j],), round(float(score[i, j]), 3), round(float(lab[i, j]), 3), "auto"))
    return out


def chain_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """A step left over that says in full each of a run of 2-3 consecutive steps left over in
    the other model, each of which has it as its best partner by label: one coarse step
    ("Jag sammanställer yttranden och skriver utredning med förslag till beslut") against
    the finer steps ("Utredning", "Tjänsteskrivelse med förslag till beslut")."""
    return from_both_sides(_chain_side, given, matches)


def _chain_side(given: PassInput, matches: list[Match], *, swap: bool) -> list[Match]:
    one, many, lex, lang = given.a, given.b, given.lex, given.langs
    lab, score, banned = given.lab, given.score, given.banned
    taken_one = {s for m in matches for s in (m.b if swap else m.a)}
    taken_many = {s for m in matches for s in (m.a if swap else m.b)}
    ids_one, ids_many = list(one.steps), list(many.steps)
    io = {s: i for i, s in enumerate(ids_one)}
    im = {s: j for j, s in enumerate(ids_many)}
    free_one = [s for s in ids_one if s not in taken_one and named(one.steps[s])]
    free_many = {s for s in ids_many if s not in taken_many and named(many.steps[s])}
    out = list(matches)
    used: set[str] = set()
    # each free step's terms, and the free steps by term: a step saying all of a chain holds
    # every term of it, so only the steps on every one of its terms' lists are read
    owns = {x: set(lex.terms(what(lex, one.steps[x], lang[0]), lang[0])) for x in free_one}
    order = {x: n for n, x in enumerate(free_one)}
    holding: dict[str, set[str]] = {}
    for x, own in owns.items():
        for term in own:
            holding.setdefault(term, set()).add(x)
    free_rows = np.array([io[y] for y in free_one], dtype=np.intp)
    for chain in sorted(free_runs(many, free_many), key=lambda c: (-len(c), c)):
        if used & set(chain):
            continue
        bags = [set(lex.terms(what(lex, many.steps[s], lang[1]), lang[1])) for s in chain]
        if not all(bags):
            continue
        terms = sorted(set().union(*bags), key=lambda t: (len(holding.get(t, ())), t))
        candidates = set(holding.get(terms[0], ()))
        for term in terms[1:]:
            if not candidates:
                break
            candidates &= holding[term]
        for x in sorted(candidates, key=order.__getitem__):
            if x in used or any((x, s) in banned for s in chain):
                continue
            own = owns[x]
            if not all(bag and bag < own for bag in bags):
                continue
            # x is each member's best partner by label among the steps left over
            rows = [lab[free_rows, im[s]] for s in chain]
            if not all(float(lab[io[x], im[s]]) >= float(r.max()) for s, r in zip(chain, rows, strict=True)):
                continue
            conf = min(pair_confidence(score, lab, io[x], im[s]) for s in chain)
            label = min(float(lab[io[x], im[s]]) for s in chain)
            a_ids, b_ids = (tuple(chain), (x,)) if swap else ((x,), tuple(chain))
            out.append(Match(a_ids, b_ids, round(conf, 3), round(label, 3), "grouped"))
            used.update(chain)
            used.add(x)
            break
    return out


def free_runs(view: ModelView, free: set[str]) -> list[tuple[str, ...]]:
    """Runs of 2-3 free steps, each the only successor of the one before (a step may have
    other predecessors: a loop back, another branch joining)."""
    runs: list[tuple[str, ...]] = []
    for s in sorted(free):
        run: tuple[str, ...] = (s,)
        while len(run) < 3:
            succ = view.successors(run[-1])
            if len(succ) != 1 or succ[0] not in free or succ[0] in run:
                break
            run = run + (succ[0],)
            runs.append(run)
    return runs
