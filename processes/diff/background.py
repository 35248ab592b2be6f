"""Two checks of the applicant left over, one on each side, are one check (English and Swedish).

Two clerks draw the review of the applicant in their own words ("Run the state and FBI criminal
background check" + "Send the fingerprint cards and background request to Police" against "Get
fingerprinted for the sheriff's background check"; "Vandelsprövning" against "Begär utdrag ur
belastningsregistret"); the labels share little else, so both are left "only in" their model
(bench/RESULTS-matching.md "Branch many64" and "Branch many68", where the rule was stated before
its first run).

``background_pass`` (right after the handover pass): a step is a *check left over* when it is a
named task in no correspondence, its label names a check phrase of its model's language
(``CHECK_EN``, ``CHECK_SV``), and its label outside its parentheses names no decision word
(``DECIDED_EN``, ``DECIDED_SV``: "Process and grant PL (APLH cert + DBS)" grants a licence) and,
in Swedish, no premises word (``PREMISES_SV``: the premises' suitability is no check of the
applicant). Every phrase has a kind (``criminal``, ``finances``, ``right to work`` or
``general``); two checks share a kind when one of them is general or both name the same kind.
With CA and CB the checks left over of A and of B:

1. one on each side sharing a kind: paired one to one;
2. two on one side and one on the other, each of the two sharing a kind with the one: one to many;
3. anything else: nothing.

A pair that is banned is not made. ``how`` is ``grouped`` and a note names the phrases. The
caller keeps the questions the uncertain tier asked before the pair (``perspective.kept_questions``),
since a new pair bounds its neighbours' places. English phrases are read as the lexicon reads a
label (a phrase counts when the label has all its terms); a Swedish phrase is a tuple of stems,
each found inside one of the label's words, so compounds count ("vandelsprövning").
"""

from __future__ import annotations

import re

from processes.diff.matchtypes import Match, PassInput, family, ids_on, named, what
from processes.diff.text import Lexicon
from processes.diff.view import display_name

__all__ = ["CHECK_EN", "CHECK_SV", "DECIDED_EN", "DECIDED_SV", "GENERAL", "PREMISES_SV", "background_pass"]

#: the kind that shares with every other kind: a review of the applicant as a whole
GENERAL = "general"

#: English check phrases by kind (general knowledge of liquor licensing; sources in RESULTS "Branch many68")
CHECK_EN: dict[str, tuple[str, ...]] = {
    "criminal": (
        "criminal record", "criminal history", "criminal background", "criminal check", "criminal conviction",
        "convictions", "record check", "records check", "police check", "police clearance", "police certificate",
        "police report", "police vetting", "vetting", "fingerprint", "fingerprints", "dbs", "crb", "disclosure",
        "live scan", "livescan", "fbi",
    ),
    "finances": (
        "financial standing", "financial check", "financial background", "financial investigation", "source of funds",
        "source of finance", "credit check", "credit history", "credit report", "tax clearance", "tax compliance",
    ),
    "right to work": ("right to work", "immigration status"),
    GENERAL: (
        "background check", "background investigation", "background screening", "fit and proper",
        "fitness and propriety", "propriety", "probity", "good character", "character check", "suitability check",
        "suitability assessment", "integrity check", "due diligence", "personal history",
    ),
}  # fmt: skip

#: Swedish check phrases by kind, each a tuple of stems (alkohollagen 8 kap. 12 §, ../shared/domain)
CHECK_SV: dict[str, tuple[tuple[str, ...], ...]] = {
    "criminal": (("vandel",), ("straffregist",), ("belastningsregist",), ("misstankeregist",), ("brottsregist",)),
    "finances": (
        ("ekonomisk", "pröv"), ("ekonomisk", "kontroll"), ("ekonomi", "kontroll"), ("ekonomi", "gransk"),
        ("ekonomiska", "förhållanden"), ("skuld",), ("betalningsanmärk",), ("kreditupplys",), ("finansier",),
        ("kapital", "ursprung"), ("pengar", "ursprung"),
    ),
    GENERAL: (("lämplighetspröv",), ("personlig", "lämplig"), ("sökand", "lämplig")),
}  # fmt: skip

#: words that say a step decides or grants (a licence granted on a check is no check)
DECIDED_EN: tuple[str, ...] = (
    "grant", "granted", "issue", "issued", "approve", "approved", "refuse", "refused", "decision", "determine",
    "determination",
)  # fmt: skip

#: Swedish stems of deciding and granting
DECIDED_SV: tuple[str, ...] = ("beslut", "bevilj", "avslå", "avslag", "utfärd")

#: Swedish stems of the premises, whose suitability is no check of the applicant
PREMISES_SV: tuple[str, ...] = ("lokal", "kök")

_PARENS = re.compile(r"\([^()]*\)")
_WORD = re.compile(r"\w+")


def _english(lex: Lexicon, label: str, words: tuple[str, ...]) -> frozenset[str]:
    """The entries of ``words`` every term of which ``label``'s terms hold."""
    key = ("background-words", words)
    index = lex._memo.get(key)
    if index is None:
        index = lex._memo[key] = tuple((w, frozenset(lex.terms(w, "en"))) for w in words)
    terms = set(lex.terms(label, "en"))
    return frozenset(w for w, ts in index if ts and ts <= terms)  # type: ignore[attr-defined]


def _swedish(label: str, stems: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """The entries of ``stems`` each stem of which is inside a word of ``label``, joined by "+"."""
    words = _WORD.findall(label.lower())
    return frozenset(" + ".join(p) for p in stems if all(any(s in w for w in words) for s in p))


def _check_kinds(lex: Lexicon, label: str, lang: str) -> dict[str, frozenset[str]]:
    """The kinds of check ``label`` names, each with its phrases; empty when it names none or decides."""
    outside = _PARENS.sub(" ", label)
    if lang == "en":
        if _english(lex, outside, DECIDED_EN):
            return {}
        kinds = {kind: _english(lex, label, words) for kind, words in CHECK_EN.items()}
    elif lang == "sv":
        if _swedish(outside, tuple((s,) for s in DECIDED_SV + PREMISES_SV)):
            return {}
        kinds = {kind: _swedish(label, stems) for kind, stems in CHECK_SV.items()}
    else:
        return {}
    return {kind: found for kind, found in kinds.items() if found}


def _checks(given: PassInput, matches: list[Match], side: str) -> dict[str, dict[str, frozenset[str]]]:
    """The checks left over on ``side``, each with the kinds and phrases its label names."""
    view, lang = (given.a, given.langs[0]) if side == "a" else (given.b, given.langs[1])
    if lang not in ("en", "sv"):
        return {}
    held = {s for m in matches for s in ids_on(m, side)}
    found: dict[str, dict[str, frozenset[str]]] = {}
    for s, step in view.steps.items():
        if s in held or not named(step) or family(step) != "activity":
            continue
        kinds = _check_kinds(given.lex, what(given.lex, step, lang), lang)
        if kinds:
            found[s] = kinds
    return found


def _share(one: dict[str, frozenset[str]], other: dict[str, frozenset[str]]) -> bool:
    return GENERAL in one or GENERAL in other or bool(one.keys() & other.keys())


def _named(name: str, kinds: dict[str, frozenset[str]]) -> str:
    """``name`` quoted, with the check phrases its label names."""
    phrases = ", ".join(f'"{p}"' for p in sorted(set().union(*kinds.values())))
    return f'"{name}" ({phrases})'


def background_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with the two models' checks left over paired (module doc), and a note."""
    ca, cb = _checks(given, matches, "a"), _checks(given, matches, "b")
    if not ca or not cb or len(ca) + len(cb) > 3:
        return matches, ()
    many, one = (ca, cb) if len(ca) >= len(cb) else (cb, ca)
    ((single, single_kinds),) = one.items()
    if not all(_share(kinds, single_kinds) for kinds in many.values()):
        return matches, ()
    a_ids, b_ids = (tuple(many), (single,)) if many is ca else ((single,), tuple(many))
    pairs = [(x, y) for x in a_ids for y in b_ids]
    if any(p in given.banned for p in pairs):
        return matches, ()
    row = {s: i for i, s in enumerate(given.a.steps)}
    col = {s: j for j, s in enumerate(given.b.steps)}
    here = min(float(given.score[row[x], col[y]]) for x, y in pairs)
    label = min(float(given.lab[row[x], col[y]]) for x, y in pairs)

    names = [_named(display_name(given.a.steps[x]), ca[x]) for x in a_ids]
    names += [_named(display_name(given.b.steps[y]), cb[y]) for y in b_ids]
    note = f"{', '.join(names[:-1])} and {names[-1]} are the same check of the applicant"
    return [*matches, Match(a_ids, b_ids, round(here, 3), round(label, 3), "grouped")], (note,)
