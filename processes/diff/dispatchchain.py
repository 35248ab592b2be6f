"""The decision letter and the notices after it: one correspondence with the other model's one dispatch.

One clerk draws the decision sent as a chain — "Skicka beslut och tillståndsbevis till sökanden",
then "Kopior till polisen, länsstyrelsen och FoHM" — the other as one step that names both,
"Expediera beslutet och underrätta Polismyndigheten, Länsstyrelsen och Folkhälsomyndigheten"
(p70 in bench/RESULTS-matching.md, "Branch many70"). The one-to-one assignment pairs the one
step with the notice, whose bodies it shares, and the letter was left uncertain. The letters on
exclusive branches before one notice are alternatives.py's case; this is the chain.

*Authority words*: the bodies a decision is copied to (Folkhälsomyndigheten, Länsstyrelsen,
Polisen, sometimes Kronofogden; ../shared/domain/serveringstillstand.md). A *combined dispatch
step* is a dispatch step (:func:`alternatives.is_dispatch`) naming one of them and sending the
decision itself, not only a copy ("Beslutskopior till Folkhälsomyndigheten och Länsstyrelsen" is
a notice: p27, rule 2 in the section); a *letter* a dispatch step naming none; a *notice* an
activity naming one, not a remiss, whose label starts with a message word or a copy word, or
which is a dispatch step. A *chain*: letters and notices
joined by the step graph (in sequence) or as targets of one parallel split (in parallel), one to
three of each.

``dispatch_chain_pass``: when the other model has exactly one dispatch step y, a combined one,
and this model exactly one chain, the chain's steps left over

* join y's correspondence (not confirmed, y alone on its side) when its other side holds only
  chain steps, at least one;
* or form one with y when y and every chain step are left over.

A chain step paired with anything else stays; no rejected pair is made.
"""

from __future__ import annotations

import re
from functools import lru_cache

from processes.diff.alternatives import is_dispatch, sole_dispatch, widened
from processes.diff.deciding import MAX_ALTERNATIVES
from processes.diff.dispatch import MESSAGE_WORDS
from processes.diff.matchtypes import ACTIVITIES, Match, PassInput, ids_on, named
from processes.diff.subjects import without_party_subject
from processes.diff.view import ROOT, ModelView, Step

__all__ = ["AUTHORITY_WORDS", "chains", "dispatch_chain_pass", "names_authority", "sends_decision_itself"]

#: the bodies a decision is copied to (the domain notes, L13 and S11), with their usual short forms
AUTHORITY_WORDS = frozenset(
    "polis polisen polismyndighet polismyndigheten länsstyrelse länsstyrelsen lst "
    "folkhälsomyndighet folkhälsomyndigheten fohm fhm fhi kronofogden kronofogdemyndigheten kfm".split()
)
_COPY = frozenset("kopia kopian kopior kopiorna".split())
_WORD = re.compile(r"[^\W\d_]+")


def _words(label: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(label)]


@lru_cache(maxsize=65536)
def names_authority(label: str) -> bool:
    """Whether ``label`` names a body a decision is copied to.

    >>> names_authority("Underrättelse Polis/FHM/LST")
    True
    >>> names_authority("Skicka beslut och tillståndsbevis till sökanden")
    False
    """
    return any(w in AUTHORITY_WORDS for w in _words(label))


def _copy_compound(word: str) -> bool:
    """ "Beslutskopior", "beslutskopia": a copy of the decision in one word."""
    return word.startswith("beslut") and word.removeprefix("beslut").removeprefix("s").startswith("kopi")


@lru_cache(maxsize=65536)
def sends_decision_itself(label: str) -> bool:
    """Whether ``label`` names the decision as a document sent, not only a copy of it.

    >>> sends_decision_itself("Skicka beslutet, kopior till polisen, lst och FoHM")
    True
    >>> sends_decision_itself("Beslutskopior till Folkhälsomyndigheten och Länsstyrelsen")
    False
    >>> sends_decision_itself("Skicka kopia av beslutet till Länsstyrelsen")
    False
    """
    words = _words(label)
    for i, w in enumerate(words):
        if not (("beslut" in w and "förslag" not in w) or w.startswith("protokollsutdrag")):
            continue
        if _copy_compound(w) or (i >= 2 and words[i - 1] == "av" and words[i - 2] in _COPY):
            continue
        return True
    return False


def _notice(step: Step, lang: str) -> bool:
    if step.kind not in ACTIVITIES or not named(step) or not names_authority(named(step)):
        return False
    words = _words(without_party_subject(named(step), lang))
    if not words or any(w.startswith("remiss") for w in words):
        return False
    first = words[0]
    return first in MESSAGE_WORDS or first in _COPY or _copy_compound(first) or is_dispatch(step, lang)


def _combined(label: str) -> bool:
    """A dispatch step's label that names a body and sends the decision itself (module doc)."""
    return names_authority(label) and sends_decision_itself(label)


def _letter(step: Step, lang: str) -> bool:
    return is_dispatch(step, lang) and not names_authority(named(step))


def _parallel_siblings(view: ModelView, s: str) -> set[str]:
    """The other direct targets of the parallel split gateways right before ``s``."""
    flow = view.flow
    out: set[str] = set()
    for g in flow.predecessors(s):
        if g != ROOT and flow.nodes[g].get("gateway") and flow.nodes[g].get("parallel"):
            out.update(t for t in flow.successors(g) if t != s and t in view.steps)
    return out


def chains(view: ModelView, lang: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The chains of ``view`` (module doc): (letters, notices), each in the model's order.

    Chains with more than ``MAX_ALTERNATIVES`` letters or notices are left out.
    """
    order = {s: i for i, s in enumerate(view.steps)}
    letters = [s for s, st in view.steps.items() if _letter(st, lang)]
    notices = {s for s, st in view.steps.items() if _notice(st, lang)}
    if not letters or not notices:
        return []
    out: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for start in letters:
        chain: set[str] = {start}
        found: set[str] = set()
        todo = [start]
        while todo:
            s = todo.pop()
            near = set(view.successors(s)) | _parallel_siblings(view, s)
            for t in sorted(near & notices - found):
                found.add(t)
                todo.append(t)
        if not found:
            continue
        chain |= {s for s in letters if set(view.successors(s)) & found}
        key = (tuple(sorted(chain, key=order.__getitem__)), tuple(sorted(found, key=order.__getitem__)))
        if len(key[0]) <= MAX_ALTERNATIVES and len(key[1]) <= MAX_ALTERNATIVES and key not in out:
            out.append(key)
    return out


def dispatch_chain_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """The letter and notices of one model with the other model's one combined dispatch (module doc)."""
    out = _side(given, matches, "a")
    return _side(given.swapped(), out, "b")


def _side(given: PassInput, matches: list[Match], side: str) -> list[Match]:
    one, lang = given.a, given.langs
    y = sole_dispatch(given)
    if y is None or not _combined(named(given.b.steps[y])):
        return matches
    found = chains(one, lang[0])
    if len(found) != 1:
        return matches
    chain = found[0][0] + found[0][1]
    other_side = "b" if side == "a" else "a"
    held = {s for m in matches for s in ids_on(m, side)}
    free = [x for x in chain if x not in held]
    if not free or any((x, y) in given.banned for x in free):
        return matches
    result = list(matches)
    y_in = [k for k, m in enumerate(matches) if y in ids_on(m, other_side)]
    if y_in:
        k = y_in[0]
        m = result[k]
        mine = ids_on(m, side)
        if m.how == "confirmed" or ids_on(m, other_side) != (y,) or not mine or not set(mine) <= set(chain):
            return matches
        result[k] = widened(given, m, free, y, side)
    elif len(free) == len(chain):
        result.append(widened(given, None, free, y, side))
    return result
