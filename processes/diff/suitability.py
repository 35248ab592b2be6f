"""A review of the applicant's suitability left over joins the other model's investigation.

One clerk draws the review of the applicant's conduct and finances as a step of its own
("Vandelsprövning och ekonomisk prövning (PBI, kapitalets ursprung)", "Prövning av vandel och
ekonomi"); the other draws one investigation step ("Utredning och förslag till beslut") that holds
it. The labels share nothing, so the review was left "only in" its model (p8, p33, p69, p72, p73,
p75; bench/RESULTS-matching.md "Branch many61", where the rule was stated before its first run).

``suitability_pass`` (after the placed pass, from A's side then from B's): a step x joins when

1. x is a named task in no correspondence, its label names a suitability word (``SUITABILITY``)
   and it names no stage but the investigation (``stages.stage_of`` None or "investigation");
2. the other model has no suitability step of its own left over (when both draw one, the
   existing passes decide);
3. the other model has an investigation step y (a named task whose label names a word of
   ``INVESTIGATION``); of several, the one most alike x by combined score, then the first;
4. (x, y) is not banned. If y is in a correspondence that is not confirmed, x joins it on its
   side; if y is left over too, x and y are paired. Either way ``how`` is ``grouped`` and a note
   says why.

Guards (branch many63, stated before their first run): a review whose other model draws a review
already in a (not confirmed) correspondence joins *that* correspondence instead of the investigation
(A); a step whose label outside its parentheses names a completeness or attachment word
(stages.yaml's completeness words, ``ATTACHMENT_CHECK``) is no review (B); among several
investigation steps, those naming a ``HEARING`` word are left out while another remains (C).

The word lists are Swedish, written from ../shared/domain/serveringstillstand.md (L3, L9, S9);
a phrase counts only when a label has all its terms.
"""

from __future__ import annotations

import re

from processes.diff.matchtypes import Match, PassInput, family, ids_on, named, what
from processes.diff.stages import builtin_stages, stage_of
from processes.diff.text import Lexicon
from processes.diff.view import display_name

__all__ = ["ATTACHMENT_CHECK", "HEARING", "INVESTIGATION", "SUITABILITY", "suitability_pass"]

#: words that say a step reviews the applicant's personal or economic suitability (Swedish)
SUITABILITY: tuple[str, ...] = (
    "vandel", "vandelsprövning", "lämplighet", "lämplighetsprövning", "lämplig", "ekonomi", "ekonomisk",
    "ekonomisk prövning", "finansiering", "kapitalets ursprung", "pbi", "betydande inflytande", "skuld",
    "skulder", "skatteskuld", "laglydnad", "belastningsregister", "kreditupplysning", "upplysningscentralen",
    "ägarförhållanden",
)

#: words that say a step is the case officer's investigation of the case (Swedish)
INVESTIGATION: tuple[str, ...] = (
    "utredning", "utreda", "tjänsteskrivelse", "förslag till beslut", "beslutsunderlag", "sakprövning",
    "materiell prövning",
)


#: besides stages.yaml's completeness words: a step checking the attachments is no review (guard B, many63)
ATTACHMENT_CHECK: tuple[str, ...] = ("bilaga", "bilagor", "checklista", "fullständighet")

#: the hearing: an investigation step that communicates the investigation to the applicant (guard C, many63)
HEARING: tuple[str, ...] = ("kommunicera", "kommunicering", "kommuniceras", "tillfälle att yttra sig")

_PARENS = re.compile(r"\([^()]*\)")


def _completeness_words() -> tuple[str, ...]:
    words = tuple(w for stage, w in builtin_stages().words_of("sv") if stage == "completeness")
    return words + ATTACHMENT_CHECK


def _checks_attachments(lex: Lexicon, label: str, lang: str) -> bool:
    """Whether ``label`` outside its parentheses names a completeness or attachment word (guard B)."""
    return _names(lex, _PARENS.sub(" ", label), lang, _COMPLETENESS)


_COMPLETENESS: tuple[str, ...] = _completeness_words()


def _names(lex: Lexicon, label: str, lang: str, words: tuple[str, ...]) -> bool:
    """Whether ``label``'s terms hold every term of some entry of ``words``."""
    if lang != "sv" or not label:
        return False
    key = ("suitability-words", id(words), lang)
    kept = lex._memo.get(key)
    if isinstance(kept, tuple) and kept and kept[0] is words:  # the words kept with their index: an id is reused
        index = kept[1]
    else:
        index = tuple(t for t in (frozenset(lex.terms(w, lang)) for w in words) if t)
        lex._memo[key] = (words, index)
    terms = set(lex.terms(label, lang))
    return any(ts <= terms for ts in index)


def suitability_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with the suitability reviews joined (module doc), and one note per join."""
    matches, notes_a = _side(given, matches, "a")
    matches, notes_b = _side(given.swapped(), matches, "b")
    return matches, notes_a + notes_b


def _reviews(given: PassInput, held: set[str], first: bool) -> list[str]:
    view, lex = (given.a, given.lex) if first else (given.b, given.lex)
    lang = given.langs[0] if first else given.langs[1]
    return [
        s for s, step in view.steps.items()
        if s not in held and named(step) and _names(lex, what(lex, step, lang), lang, SUITABILITY)
    ]


def _side(given: PassInput, matches: list[Match], side: str) -> tuple[list[Match], tuple[str, ...]]:
    one, other, lex, (lang, other_lang) = given.a, given.b, given.lex, given.langs
    other_side = "b" if side == "a" else "a"
    held_one = {s for m in matches for s in ids_on(m, side)}
    held_other = {s for m in matches for s in ids_on(m, other_side)}
    xs = [
        x for x in _reviews(given, held_one, True)
        if family(one.steps[x]) == "activity"
        and stage_of(lex, what(lex, one.steps[x], lang), lang) in (None, "investigation")
        and not _checks_attachments(lex, what(lex, one.steps[x], lang), lang)
    ]
    if not xs or _reviews(given, held_other, False):
        return matches, ()
    ys = [
        y for y, step in other.steps.items()
        if family(step) == "activity" and named(step) and _names(lex, what(lex, step, other_lang), other_lang, INVESTIGATION)
    ]
    plain = [y for y in ys if not _names(lex, what(lex, other.steps[y], other_lang), other_lang, HEARING)]
    ys = plain or ys
    confirmed = {s for m in matches if m.how == "confirmed" for s in ids_on(m, other_side)}
    zs = [
        z for z in _reviews(given, set(), False)
        if z in held_other and z not in confirmed and family(other.steps[z]) == "activity"
    ]
    if not ys and not zs:
        return matches, ()
    row = {s: i for i, s in enumerate(one.steps)}
    col = {s: j for j, s in enumerate(other.steps)}
    result = list(matches)
    notes: list[str] = []
    for x in xs:
        if zs:
            z = max(zs, key=lambda c: (float(given.score[row[x], col[c]]), -col[c]))
            if (x, z) in given.banned:
                continue
            kz = next(i for i, m in enumerate(result) if z in ids_on(m, other_side))
            result[kz] = _joined(result[kz], x, side, row, float(given.score[row[x], col[z]]))
            notes.append(
                f'"{display_name(one.steps[x])}" joins the other model\'s review "{display_name(other.steps[z])}": '
                f"a review of the applicant's suitability, already in a correspondence"
            )
            continue
        free = [y for y in ys if (x, y) not in given.banned]
        if not free:
            continue
        y = max(free, key=lambda c: (float(given.score[row[x], col[c]]), -col[c]))
        here = float(given.score[row[x], col[y]])
        k = next((i for i, m in enumerate(result) if y in ids_on(m, other_side)), None)
        if k is None:
            pair = ((x,), (y,)) if side == "a" else ((y,), (x,))
            result.append(Match(pair[0], pair[1], round(here, 3), round(float(given.lab[row[x], col[y]]), 3), "grouped"))
        else:
            if result[k].how == "confirmed":
                continue
            result[k] = _joined(result[k], x, side, row, here)
        notes.append(
            f'"{display_name(one.steps[x])}" joins the investigation "{display_name(other.steps[y])}": '
            f"a review of the applicant's suitability, which the other model draws inside its investigation"
        )
    return result, tuple(notes)


def _joined(m: Match, x: str, side: str, row: dict[str, int], here: float) -> Match:
    """``m`` with ``x`` added on ``side``, confidence the lowest of ``m``'s and ``here``."""
    mine = tuple(sorted(set(ids_on(m, side)) | {x}, key=lambda s: row.get(s, len(row))))
    a_ids, b_ids = (mine, m.b) if side == "a" else (m.a, mine)
    return Match(a_ids, b_ids, round(min(m.confidence, here), 3), m.label, "grouped")
