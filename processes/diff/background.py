"""Two English checks of the applicant left over, one on each side, are one check.

Two clerks draw the background check of the applicant in their own words ("Run the state and FBI
criminal background check" + "Send the fingerprint cards and background request to Police" against
"Get fingerprinted for the sheriff's background check"; "Referral: RCMP criminal record check"
against "Criminal record check of applicant obtained from police service"); the labels share
little else, so both were left "only in" their model (en-d1; bench/RESULTS-matching.md "Branch
many64", where the rule was stated before its first run).

``background_pass`` (after every other pass): a step is a *check left over* when its model is
English, it is a named task in no correspondence, its label names a check phrase (``CHECK_EN``)
and its label outside its parentheses names no decision word (``DECIDED_EN``: "Process and grant
PL (APLH cert + DBS)" grants a licence). With CA and CB the checks left over of A and of B:

1. one on each side sharing a check phrase: paired one to one;
2. two on one side and one on the other, each of the two sharing a check phrase with the one:
   paired one to many;
3. anything else: nothing.

A pair that is banned is not made. ``how`` is ``grouped`` and a note says which phrase the
steps share. The phrases were written from general knowledge of liquor licensing (fingerprint
based background checks, DBS and Disclosure certificates, police vetting, fit-and-proper and
financial-standing tests); a phrase counts only when a label has all its terms.
"""

from __future__ import annotations

import re

from processes.diff.matchtypes import Match, PassInput, family, ids_on, named, what
from processes.diff.text import Lexicon
from processes.diff.view import display_name

__all__ = ["CHECK_EN", "DECIDED_EN", "background_pass"]

#: phrases that say a step checks the applicant's record, character or finances (English)
CHECK_EN: tuple[str, ...] = (
    "criminal record", "criminal history", "criminal background", "background check", "background investigation",
    "record check", "police check", "police clearance", "police certificate", "police vetting", "vetting",
    "fingerprint", "fingerprints", "dbs", "disclosure", "fit and proper", "fitness and propriety", "propriety",
    "probity", "good character", "financial standing", "source of funds", "credit check",
)

#: words that say a step decides or grants (a licence granted on a check is no check)
DECIDED_EN: tuple[str, ...] = (
    "grant", "granted", "issue", "issued", "approve", "approved", "refuse", "refused", "decision", "determine",
    "determination",
)

_PARENS = re.compile(r"\([^()]*\)")


def _phrases(lex: Lexicon, label: str, words: tuple[str, ...]) -> frozenset[str]:
    """The entries of ``words`` every term of which ``label``'s terms hold."""
    key = ("background-words", id(words))
    index = lex._memo.get(key)
    if index is None:
        index = lex._memo[key] = tuple((w, frozenset(lex.terms(w, "en"))) for w in words)
    terms = set(lex.terms(label, "en"))
    return frozenset(w for w, ts in index if ts and ts <= terms)  # type: ignore[attr-defined]


def _checks(given: PassInput, matches: list[Match], side: str) -> dict[str, frozenset[str]]:
    """The checks left over on ``side``, each with the check phrases its label names."""
    view, lang = (given.a, given.langs[0]) if side == "a" else (given.b, given.langs[1])
    if lang != "en":
        return {}
    held = {s for m in matches for s in ids_on(m, side)}
    found: dict[str, frozenset[str]] = {}
    for s, step in view.steps.items():
        if s in held or not named(step) or family(step) != "activity":
            continue
        label = what(given.lex, step, lang)
        phrases = _phrases(given.lex, label, CHECK_EN)
        if phrases and not _phrases(given.lex, _PARENS.sub(" ", label), DECIDED_EN):
            found[s] = phrases
    return found


def background_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with the two models' checks left over paired (module doc), and a note."""
    ca, cb = _checks(given, matches, "a"), _checks(given, matches, "b")
    if not ca or not cb or len(ca) + len(cb) > 3:
        return matches, ()
    many, one = (ca, cb) if len(ca) >= len(cb) else (cb, ca)
    ((single, single_phrases),) = one.items()
    shared = {s: sorted(p & single_phrases) for s, p in many.items()}
    if not all(shared.values()):
        return matches, ()
    a_ids, b_ids = (tuple(many), (single,)) if many is ca else ((single,), tuple(many))
    pairs = [(x, y) for x in a_ids for y in b_ids]
    if any(p in given.banned for p in pairs):
        return matches, ()
    row = {s: i for i, s in enumerate(given.a.steps)}
    col = {s: j for j, s in enumerate(given.b.steps)}
    here = min(float(given.score[row[x], col[y]]) for x, y in pairs)
    label = min(float(given.lab[row[x], col[y]]) for x, y in pairs)
    names = [f'"{display_name(given.a.steps[x])}"' for x in a_ids] + [f'"{display_name(given.b.steps[y])}"' for y in b_ids]
    phrases = sorted({w for ws in shared.values() for w in ws})
    note = f"{', '.join(names[:-1])} and {names[-1]} are the same check of the applicant: both name " + ", ".join(
        f'"{w}"' for w in phrases
    )
    return [*matches, Match(a_ids, b_ids, round(here, 3), round(label, 3), "grouped")], (note,)
