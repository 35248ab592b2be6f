"""A coarse step that names its parts is also paired with the part the other model draws apart.

One clerk draws the investigation as one step and lists what it holds in brackets ("Utredning
(kunskapsprov m.m.)", "Utreda ärendet (kunskapsprov, platsbesök, vandel och ekonomi)"); the other
draws the investigation and one of those parts as steps of their own ("Utredning av lämplighet och
serveringsställe", "Kunskapsprov"). The coarse step is both, so the gold lists name it twice (p74,
p76, p78). The matcher pairs it with one of the two and, keeping one correspondence per step, can
never give it the other (bench/RESULTS-matching.md "Branch many83", where the rule was stated
before its first run).

``named_parts_pass`` (last among the pairing passes, from A's side then from B's). A **coarse
step** C of model Y is a named task whose label has a parenthesis: its *head* is the label's terms
outside the parentheses, its *parts* the terms inside (``Lexicon.terms``), both without the terms
of the words that name the case itself (``CASE_WORDS``). C is also paired with a named task F of
the other model X when

1. C is in a correspondence M1 that is not confirmed, and F is not in M1;
2. M1's steps of X share a term with one portion of C's label (head or parts), and F shares a term
   with the other portion and none with the first;
3. (F, C) is not banned, and F is either left over (F and C become a correspondence) or alone on
   its side of a correspondence M2 that is not confirmed and does not hold C, where F's label
   shares a term with M2's steps of Y that is not one of the terms it shares with C (F names C's
   work and its partner's by different words, "Skriva utredning och tjänsteskrivelse"): C joins
   M2.

C is then in two correspondences, the one place where the matcher lets a step be (see
``matchtypes.match_units``: a step's unit is the first correspondence that holds it).
"""

from __future__ import annotations

import re

from processes.diff.matchtypes import Match, PassInput, Uncertain, family, ids_on, named, what
from processes.diff.text import Lexicon
from processes.diff.view import display_name

__all__ = ["CASE_WORDS", "asked_without", "coarse_portions", "named_parts_pass"]

#: words that name the case itself, not a piece of work: shared by half the labels of a model
CASE_WORDS: tuple[str, ...] = (
    "ärende", "ärendet", "ansökan", "ansökningen", "beslut", "beslutet", "sökande", "sökanden",
    "application", "case", "decision", "applicant",
)

_PARENS = re.compile(r"\(([^()]*)\)")


def _case_terms(lex: Lexicon, lang: str) -> frozenset[str]:
    key = ("named-parts-case", lang)
    found = lex._memo.get(key)
    if found is None:
        found = lex._memo[key] = frozenset(t for w in CASE_WORDS for t in lex.terms(w, lang))
    return found  # type: ignore[return-value]


def coarse_portions(lex: Lexicon, label: str, lang: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The head and the parts of a label with a parenthesis, as terms without the case words;
    None when the label has no parenthesis or either portion is empty.

    "Utredning (kunskapsprov m.m.)": head the terms of "Utredning", parts those of "kunskapsprov m.m.".
    """
    inside = _PARENS.findall(label)
    if not inside:
        return None
    case = _case_terms(lex, lang)
    head_text = _PARENS.sub(" ", label).strip()
    parts_text = " ".join(inside).strip()
    if not head_text or not parts_text:
        return None
    head = frozenset(lex.terms(head_text, lang)) - case
    parts = frozenset(lex.terms(parts_text, lang)) - case
    if not head or not parts:
        return None
    return head, parts


def named_parts_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with the coarse steps also paired with their other part (module doc), and one
    note per pairing; coarse steps of B first (steps of A joining them), then of A."""
    matches, notes_a = _side(given, matches, "a")
    matches, notes_b = _side(given.swapped(), matches, "b")
    return matches, notes_a + notes_b


def _terms_of(given: PassInput, ids: tuple[str, ...], first: bool) -> frozenset[str]:
    view, lang = (given.a, given.langs[0]) if first else (given.b, given.langs[1])
    return frozenset(t for s in ids for t in given.lex.terms(what(given.lex, view.steps[s], lang), lang))


def _side(given: PassInput, matches: list[Match], side: str) -> tuple[list[Match], tuple[str, ...]]:
    """Coarse steps of ``given.b`` (model ``other_side``) against tasks F of ``given.a`` (model ``side``)."""
    one, other, lex = given.a, given.b, given.lex
    other_side = "b" if side == "a" else "a"
    row = {s: i for i, s in enumerate(one.steps)}
    col = {s: j for j, s in enumerate(other.steps)}
    tasks = [
        f for f, step in one.steps.items() if step.kind == "task" and family(step) == "activity" and named(step)
    ]
    result = list(matches)
    notes: list[str] = []
    for c, coarse in other.steps.items():
        if coarse.kind != "task" or family(coarse) != "activity" or not named(coarse):
            continue
        portions = coarse_portions(lex, coarse.name, given.langs[1])
        if portions is None:
            continue
        k1 = next((k for k, m in enumerate(result) if c in ids_on(m, other_side)), None)
        if k1 is None or result[k1].how == "confirmed":
            continue
        m1_ids = ids_on(result[k1], side)
        m1_terms = _terms_of(given, m1_ids, True)
        for named_by_m1, other_portion in ((portions[0], portions[1]), (portions[1], portions[0])):
            if not m1_terms & named_by_m1:
                continue
            for f in tasks:
                if f in m1_ids or (f, c) in given.banned:
                    continue
                f_terms = _terms_of(given, (f,), True)
                shared = f_terms & other_portion
                if not shared or f_terms & named_by_m1:
                    continue
                here = float(given.score[row[f], col[c]])
                k2 = next((k for k, m in enumerate(result) if f in ids_on(m, side)), None)
                if k2 is None:
                    pair = ((f,), (c,)) if side == "a" else ((c,), (f,))
                    label = float(given.lab[row[f], col[c]])
                    result.append(Match(pair[0], pair[1], round(here, 3), round(label, 3), "grouped"))
                else:
                    m2 = result[k2]
                    partners = ids_on(m2, other_side)
                    if m2.how == "confirmed" or len(ids_on(m2, side)) != 1 or c in partners:
                        continue
                    if not (f_terms & _terms_of(given, partners, False)) - shared:
                        continue
                    joined = _joined(m2, c, other_side, col, here)
                    if k2 < k1:  # C's first correspondence stays M1 (matchtypes.first_units)
                        del result[k2]
                        k1 -= 1
                        result.insert(k1 + 1, joined)
                    else:
                        result[k2] = joined
                notes.append(
                    f'"{display_name(one.steps[f])}" is also paired with "{display_name(coarse)}": '
                    f"the step names its parts in brackets, and this is the part the other model draws apart"
                )
    return result, tuple(notes)


def asked_without(uncertain: tuple[Uncertain, ...], matches: list[Match]) -> tuple[Uncertain, ...]:
    """The questions about steps still in no correspondence of ``matches``."""
    held = {("a", s) for m in matches for s in m.a} | {("b", s) for m in matches for s in m.b}
    return tuple(u for u in uncertain if (u.side, u.step) not in held)


def _joined(m: Match, c: str, side: str, order: dict[str, int], here: float) -> Match:
    """``m`` with ``c`` added on ``side`` (in model order), confidence the lowest of ``m``'s and ``here``."""
    mine = tuple(sorted(set(ids_on(m, side)) | {c}, key=lambda s: order.get(s, len(order))))
    a_ids, b_ids = (mine, m.b) if side == "a" else (m.a, mine)
    return Match(a_ids, b_ids, round(min(m.confidence, here), 3), m.label, "grouped")
