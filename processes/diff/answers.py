"""The answers follow the remisses: an "all answers received" step takes only the answers of
the bodies its own remiss step went to.

One clerk sends one remiss to some bodies and waits for all the answers ("Skicka remisser
till polis, Skatteverket och räddningstjänst" … "Alla remissvar har kommit in"); the other
sends one remiss per body and draws each answer ("Remiss till Polismyndigheten" →
"Polismyndighetens yttrande", the same for Kronofogden and miljö). The group and attach
passes pair the one remiss step with the per-body remisses of the bodies it names; but the
answer step names no body ("Alla remissvar": groups.label_reading "common"), so they pair it with
every answer of the block, the answers to remisses it never sent among them (p45, p26;
bench/RESULTS-matching.md "Branch many20").

``answers_pass`` (after the attach pass): a correspondence of one step x against several steps
G of the other model is narrowed when an earlier correspondence of one step r (before x in
x's model) against several steps R — the remiss group — is the one its steps answer: some
step of G comes right after a step of R, and another step g of G comes right after a step in
no correspondence that is a branch beside a step of R (a predecessor or successor in common:
a remiss of the same block that x's model does not send) while x names nothing that sets g
apart from the rest of G. Such steps g leave the correspondence (they stay left over, for the
later passes and the uncertain tier); its confidence and label stay those of the group.
"""

from __future__ import annotations

from processes.diff.matchtypes import Match, PassInput, ids_on, what
from processes.diff.text import Lexicon
from processes.diff.view import ModelView

__all__ = ["answers_pass"]


def answers_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """Narrow an answer step's correspondence to the answers of its remiss group (module doc)."""
    out = list(matches)
    for k, m in enumerate(out):
        if m.how == "confirmed" or min(len(m.a), len(m.b)) != 1 or len(m.a) + len(m.b) < 3:
            continue
        side = "a" if len(m.a) == 1 else "b"
        one, many = (given.a, given.b) if side == "a" else (given.b, given.a)
        lang = given.langs if side == "a" else (given.langs[1], given.langs[0])
        unanswered = _unanswered(given.lex, one, many, lang, m, side, out)
        if unanswered:
            kept = tuple(s for s in ids_on(m, "b" if side == "a" else "a") if s not in unanswered)
            a_ids, b_ids = (m.a, kept) if side == "a" else (kept, m.b)
            out[k] = Match(a_ids, b_ids, m.confidence, m.label, m.how)
    return out


def _unanswered(
    lex: Lexicon,
    one: ModelView,
    many: ModelView,
    lang: tuple[str, str],
    m: Match,
    side: str,
    matches: list[Match],
) -> frozenset[str]:
    """The steps of ``m`` on the many side that answer a remiss x's model does not send, by the
    first remiss group before x that some of them answer (module doc); empty when none."""
    other = "b" if side == "a" else "a"
    x_id, group = ids_on(m, side)[0], ids_on(m, other)
    if x_id not in one.steps or any(g not in many.steps for g in group):
        return frozenset()
    in_any = {s for n in matches for s in ids_on(n, other)}
    before = {g: set(many.predecessors(g)) for g in group}
    for n in matches:
        if n is m or n.how == "confirmed" or len(ids_on(n, side)) != 1 or len(ids_on(n, other)) < 2:
            continue
        r_id, sent = ids_on(n, side)[0], set(ids_on(n, other))
        if r_id not in one.steps or one.position[r_id] >= one.position[x_id]:
            continue
        if not any(before[g] & sent for g in group):
            continue  # not the remiss group these steps answer
        beside = {s for r in sent if r in many.steps for s in _branches_beside(many, r)} - in_any
        unanswered = {g for g in group if not before[g] & sent and before[g] & beside}
        unanswered -= _named_apart(lex, one, many, lang, x_id, group)
        if unanswered and len(unanswered) < len(group):
            return frozenset(unanswered)
    return frozenset()


def _branches_beside(view: ModelView, step: str) -> set[str]:
    """The steps with a predecessor or a successor in common with ``step`` (branches of its block)."""
    found: set[str] = set()
    for p in view.predecessors(step):
        found.update(view.successors(p))
    for s in view.successors(step):
        found.update(view.predecessors(s))
    found.discard(step)
    return found


def _named_apart(
    lex: Lexicon, one: ModelView, many: ModelView, lang: tuple[str, str], x_id: str, group: tuple[str, ...]
) -> set[str]:
    """The steps of ``group`` whose own terms (those not every step of the group has) x names."""
    bags = {g: set(lex.terms(what(lex, many.steps[g], lang[1]), lang[1])) for g in group}
    common = set.intersection(*bags.values())
    said = set(lex.terms(what(lex, one.steps[x_id], lang[0]), lang[0]))
    return {g for g, bag in bags.items() if (bag - common) & said}
