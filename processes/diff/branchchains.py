"""The decision sent on the grant branch and on the refusal branch, each with its notices: one chain.

One clerk draws the outcome's letters apart — after a grant "Skicka beslut och tillståndsbevis till
sökanden" and then the copies to the bodies, after a refusal "Skicka avslagsbeslut" and its own
copies — the other one dispatch step. dispatchchain.py and letterpair.py take exactly one chain;
alternatives.py takes letters that are direct targets of the gateway. Here the two chains lie on
two branches of one gateway whose branches do not run together, so a case runs one of them: read
together they are the model's one chain (bench/RESULTS-matching.md, "Branch many72", rule 2).

A branch's *first dispatch step* (many57's branch reading): from a direct target of the gateway,
breadth-first over the step graph, the one dispatch step (:func:`alternatives.is_dispatch`) at the
smallest distance. ``branch_chain_pass``: when the other model has exactly one dispatch step y,

* y names a body and sends the decision itself: the joined chain's steps left over join y's
  correspondence (not confirmed, y alone on its side, its other side only steps of the chain), or
  form one with y when y and all of them are left over;
* y names no body (a letter): the same with the chain's letters only; the notices stay.

No rejected pair is made; the correspondence's confidence and label are the largest over its cells.
"""

from __future__ import annotations

from processes.diff.alternatives import _widened, is_dispatch
from processes.diff.dispatchchain import _combined, chains, names_authority
from processes.diff.matchtypes import Match, PassInput, ids_on, named
from processes.diff.view import ROOT, ModelView

__all__ = ["branch_chains", "branch_chain_pass", "first_dispatch"]


def first_dispatch(view: ModelView, target: str, lang: str) -> str | None:
    """The one dispatch step nearest ``target`` along the step graph (``target`` first), or None
    when there is none or more than one at the smallest distance."""
    seen = {target}
    layer = [target]
    while layer:
        found = sorted(s for s in layer if is_dispatch(view.steps[s], lang))
        if found:
            return found[0] if len(found) == 1 else None
        nxt = sorted({t for s in layer for t in view.successors(s)} - seen)
        seen.update(nxt)
        layer = nxt
    return None


def branch_chains(view: ModelView, lang: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The model's two chains joined (letters, notices) when they lie on two branches of one
    gateway whose branches do not run together (module doc), else None."""
    found = chains(view, lang)
    if len(found) != 2:
        return None
    (l1, n1), (l2, n2) = found
    if set(l1 + n1) & set(l2 + n2):
        return None
    flow = view.flow
    for g in sorted(flow.nodes):
        attrs = flow.nodes[g]
        if g == ROOT or not attrs.get("gateway") or attrs.get("parallel"):
            continue
        targets = [
            t for t in sorted(flow.successors(g)) if t in view.steps and not flow.edges[(g, t)].get("message")
        ]
        firsts = {first_dispatch(view, t, lang) for t in targets}
        if any(x in firsts for x in l1) and any(x in firsts for x in l2):
            order = {s: i for i, s in enumerate(view.steps)}
            return (
                tuple(sorted(l1 + l2, key=order.__getitem__)),
                tuple(sorted(set(n1 + n2), key=order.__getitem__)),
            )
    return None


def branch_chain_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """The two chains on two branches with the other model's one dispatch step (module doc)."""
    out = _side(given, matches, "a")
    return _side(given.swapped(), out, "b")


def _side(given: PassInput, matches: list[Match], side: str) -> list[Match]:
    one, other, lang = given.a, given.b, given.langs
    if lang[0] != "sv" or lang[1] != "sv":
        return matches
    theirs = [s for s, st in other.steps.items() if is_dispatch(st, lang[1])]
    if len(theirs) != 1:
        return matches
    y = theirs[0]
    label = named(other.steps[y])
    if _combined(label):
        moving: tuple[str, ...] | None = None
    elif not names_authority(label):
        moving = ()
    else:
        return matches
    joined = branch_chains(one, lang[0])
    if joined is None:
        return matches
    chain = joined[0] + joined[1] if moving is None else joined[0]
    other_side = "b" if side == "a" else "a"
    held = {s for m in matches for s in ids_on(m, side)}
    free = [x for x in chain if x not in held]
    if not free or any((x, y) in given.banned for x in chain):
        return matches
    result = list(matches)
    y_in = [k for k, m in enumerate(matches) if y in ids_on(m, other_side)]
    if y_in:
        k = y_in[0]
        m = result[k]
        mine = ids_on(m, side)
        if m.how == "confirmed" or ids_on(m, other_side) != (y,) or not mine or not set(mine) <= set(chain):
            return matches
        result[k] = _widened(given, m, free, y, side)
    elif len(free) == len(chain):
        result.append(_widened(given, None, free, y, side))
    return result
