"""The decision sent on alternative branches: one correspondence with the other model's one dispatch.

One clerk sends the outcome on two exclusive branches — "Skicka beslut och tillståndsbevis" after a
grant, "Skicka avslagsbeslut med hur man överklagar" after a refusal — and then "Underrätta Polisen,
Länsstyrelsen och Folkhälsomyndigheten"; the other draws one "Skicka beslutet, kopior till polisen,
lst och FoHM". Whatever the outcome, the work is the same: the decision is sent (p68 in
bench/RESULTS-matching.md, "Branch many57"). The one-to-one assignment pairs the one step with the
notice, and the two sending steps were left "only in a". The decision itself has the same rule
(deciding.decision_pass: one decision step against a delegated and a committee decision).

A *dispatch step* is an activity whose label, without a party as its subject, dispatch.py reads as
the decision sent (:func:`dispatch.as_dispatch` changes it: a message word with a decision document,
or a copy of the decision). *Alternatives*: the dispatch steps among the direct targets of one
gateway whose branches do not run together (exclusive or event-based), two or three of them
(``deciding.MAX_ALTERNATIVES``). A *notice after them*: a step right after every alternative whose
label starts with a message word (``dispatch.MESSAGE_WORDS``: "Underrätta Polisen, …").

``dispatch_alternatives_pass``: when the other model has exactly one dispatch step y, the
alternatives left over

* join y's correspondence (not confirmed, y alone on its side) when its other side holds only
  alternatives and notices after them, at least one;
* or form one with y when y and every alternative are left over and their model has no other
  dispatch step left over.

An alternative paired with anything else stays; no rejected pair is made. The correspondence's
confidence and label are the largest combined score and label similarity over its cells (as the
decision rule's).
"""

from __future__ import annotations

from functools import lru_cache

from processes.diff.deciding import MAX_ALTERNATIVES
from processes.diff.dispatch import MESSAGE_WORDS, as_dispatch
from processes.diff.matchtypes import ACTIVITIES, Match, PassInput, ids_on, named
from processes.diff.subjects import without_party_subject
from processes.diff.view import ROOT, ModelView, Step

__all__ = ["dispatch_alternatives_pass", "is_dispatch", "alternatives", "sole_dispatch", "widened"]


@lru_cache(maxsize=65536)
def _dispatch_name(name: str, lang: str) -> bool:
    # remembered: an N-way run asks it of every step in each of the model's pairs
    label = without_party_subject(name, lang)
    return as_dispatch(label, lang) != label


def is_dispatch(step: Step, lang: str) -> bool:
    """Whether ``step`` is an activity that sends the decision (module doc).

    >>> is_dispatch(Step("t", "Skicka avslagsbeslut med hur man överklagar", "task", "send"), "sv")
    True
    >>> is_dispatch(Step("t", "Underrätta Polisen och Länsstyrelsen", "task", "send"), "sv")
    False
    """
    return step.kind in ACTIVITIES and bool(named(step)) and _dispatch_name(named(step), lang)


def _notice(step: Step, lang: str) -> bool:
    """Whether ``step``'s label (party subject removed) starts with a message word."""
    if step.kind not in ACTIVITIES or not named(step):
        return False
    words = without_party_subject(named(step), lang).split()
    return bool(words) and words[0].casefold().strip(".,;:()\"'") in MESSAGE_WORDS


def alternatives(view: ModelView, lang: str) -> list[tuple[str, ...]]:
    """The sets of dispatch steps of ``view`` that are two to ``MAX_ALTERNATIVES`` direct targets
    of one gateway whose branches do not run together, in the model's order (module doc)."""
    flow = view.flow
    order = {s: i for i, s in enumerate(view.steps)}
    found: dict[str, list[str]] = {}
    for s, step in view.steps.items():
        if not is_dispatch(step, lang):
            continue
        for g in flow.predecessors(s):
            attrs = flow.nodes[g]
            if (
                g == ROOT
                or not attrs.get("gateway")
                or attrs.get("parallel")
                or flow.edges[(g, s)].get("message")
            ):
                continue
            found.setdefault(g, []).append(s)
    out = []
    for g in sorted(found):
        xs = sorted(set(found[g]), key=order.__getitem__)
        if 2 <= len(xs) <= MAX_ALTERNATIVES and tuple(xs) not in out:
            out.append(tuple(xs))
    return out


def dispatch_alternatives_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """The dispatch steps on alternative branches with the other model's one dispatch (module doc)."""
    out = _side(given, matches, "a")
    return _side(given.swapped(), out, "b")


def sole_dispatch(given: PassInput) -> str | None:
    """The other model's (``given.b``'s) one dispatch step, when both models are Swedish and it has
    exactly one; else ``None``."""
    if given.langs[0] != "sv" or given.langs[1] != "sv":
        return None
    theirs = [s for s, st in given.b.steps.items() if is_dispatch(st, given.langs[1])]
    return theirs[0] if len(theirs) == 1 else None


def _side(given: PassInput, matches: list[Match], side: str) -> list[Match]:
    one, lang = given.a, given.langs
    y = sole_dispatch(given)
    if y is None:
        return matches
    other_side = "b" if side == "a" else "a"
    held = {s: k for k, m in enumerate(matches) for s in ids_on(m, side)}
    y_in = [k for k, m in enumerate(matches) if y in ids_on(m, other_side)]
    mine = [s for s, st in one.steps.items() if is_dispatch(st, lang[0])]
    result = list(matches)
    for xs in alternatives(one, lang[0]):
        free = [x for x in xs if x not in held]
        if not free or any((x, y) in given.banned for x in free):
            continue
        if y_in:
            k = y_in[0]
            m = result[k]
            if m.how == "confirmed" or ids_on(m, other_side) != (y,):
                continue
            after = set.intersection(*(set(one.successors(x)) for x in xs))
            beside = [s for s in ids_on(m, side) if s not in xs]
            if not all(s in after and s in one.steps and _notice(one.steps[s], lang[0]) for s in beside):
                continue
            if not ids_on(m, side):
                continue
            result[k] = widened(given, m, free, y, side)
        else:
            if len(free) != len(xs) or any(s not in held and s not in xs for s in mine):
                continue
            result.append(widened(given, None, free, y, side))
            y_in = [len(result) - 1]
        held.update({x: -1 for x in free})
    return result


def widened(given: PassInput, m: Match | None, extra: list[str], y: str, side: str) -> Match:
    """``m`` (or a new correspondence with ``y``) with ``extra`` on ``side``; confidence and label
    the largest over its cells."""
    one, other = given.a, given.b
    order = {s: i for i, s in enumerate(one.steps)}
    row = {s: i for i, s in enumerate(one.steps)}
    j = {s: i for i, s in enumerate(other.steps)}[y]
    before = ids_on(m, side) if m is not None else ()
    mine = tuple(sorted(set(before) | set(extra), key=lambda s: order.get(s, len(order))))
    cells = [row[s] for s in mine if s in row]
    confidence = max(float(given.score[i, j]) for i in cells)
    label = max(float(given.lab[i, j]) for i in cells)
    a_ids, b_ids = (mine, (y,)) if side == "a" else ((y,), mine)
    return Match(a_ids, b_ids, round(confidence, 3), round(label, 3), "grouped")
