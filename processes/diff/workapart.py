"""Work a drawer drew apart is not paired across with the other model's one of it.

When one model draws two stages of the case as two steps, its drawer has said they are two: the
notice that the application is complete is not the check of it, the scanning of the application
is not the reading of it, "the other bodies" are not the one named in the step beside. The label
measure cannot see it — the steps share their object ("Gå igenom ansökan och bilagor" / "Skanna
ansökan och bilagor" are 0.74 alike) — and a pass then pairs or joins one stage of one model with
the other stage of the other (bench/RESULTS-matching.md, "Branch many102"). Three bans, both
models Swedish, each read from the labels of the two models and from what the step's *own* model
draws beside it:

1. **The completeness notice is not the other model's check.** A *notice of completeness* has a
   telling word (meddela, besked, bekräfta, underrätta, informera, kvittens, delge, …) and a word of
   the application's state (komplett, fullständig; not komplettering); a *check* is an activity with
   a checking word (granska, *kontroll, kontrollera, kolla, gå igenom, läsa igenom, se över) and no
   telling word. A notice and the other model's check are banned when the notice's model has a
   check of its own.
2. **Intake is not review.** An *intake* step is an activity with an intake word (skanna,
   diarieföra, registrera, stämpla, journalföra, "skapa ärende", …) and no checking word; a
   *review* an activity with a checking word and no intake word. An intake of one model and a review
   of the other are banned when the intake's model has a review of its own and the review's model an
   intake of its own.
3. **"The others" is not the one named beside it.** A step naming "the other bodies" (övriga,
   resterande, "de andra", …) and no body itself, and a step of the other model naming bodies, are
   banned when each of those bodies is named by another step of the first step's model of the same
   family (a sending beside a sending, an answer beside an answer) that names no "others" itself:
   "Övriga remissvar inne" beside "Polisen har svarat" is not the police's answer, but it is the
   answer of the bodies the model's sending "Remiss till skatt, Kronofogden och räddningstjänsten"
   names.

A ban is as a rejected pair: no pass pairs the two, no group or join holds both, and the
uncertain tier does not offer one as the other's candidate.

:func:`others_pass` pairs what ban 3 reads the other way: a step naming "the others", left over,
with the other model's steps of its family left over that name only bodies *not* named beside it
("Remisser till övriga remissinstanser" beside "Remiss till Polismyndigheten", against "Skicka
remisser till Skatteverket, räddningstjänsten och miljö"), when the body named beside it is paired
already, one to three such steps share a term with it, and no pair of them is banned.

:func:`arrival_pass` pairs the decision arriving ("Beslutet kommer på posten", deciding.decision_arrives:
no decision step) with the other model's decision sent ("Expediering av beslut till sökanden"), when
each is the only one of its kind left over in its model: one moment seen from two sides. The
arrival is not an end event (an end closes an outcome), and the decision sent goes to the applicant
(its label names the applicant, or no body: not "Underrättelse om beslut till Polismyndigheten").

>>> notice("Meddela sökanden att ansökan är komplett"), notice("Begär komplettering")
(True, False)
>>> check("Kolla att allt är med i ansökan"), check("Bekräfta till sökanden att ansökan är fullständig")
(True, False)
>>> intake("Skanna ansökan och bilagor"), review("Gå igenom ansökan och bilagor")
(True, True)
>>> intake("Registrera och granska ansökan"), review("Registrera och granska ansökan")
(False, False)
>>> names_the_others("Remisser till övriga remissinstanser"), names_the_others("Andra provtillfället")
(True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache

from processes.diff.addressees import _label_bodies
from processes.diff.alternatives import is_dispatch
from processes.diff.completenotice import completeness_label
from processes.diff.deciding import decision_arrives
from processes.diff.matchtypes import ACTIVITIES, Match, PassInput, family, named
from processes.diff.text import Lexicon, normalise
from processes.diff.view import ModelView, Step

__all__ = [
    "arrival_pass",
    "check",
    "intake",
    "names_the_others",
    "notice",
    "others_pass",
    "review",
    "work_apart_bans",
]

#: beginnings of the words that tell someone something (a notice, a confirmation)
TELLING = (
    "meddela",
    "besked",
    "bekräfta",
    "bekräftelse",
    "underrätta",
    "underrättelse",
    "informera",
    "kvittens",
    "kvittera",
    "delge",
)
#: the words of the application's state of being complete (not the completion asked for)
COMPLETE = frozenset("komplett kompletta fullständig fullständiga fullständigt".split())
#: beginnings of the words that check or read through
CHECKING = ("granska", "granskning", "kontrollera", "kolla")
#: the phrases that check or read through (normalised words)
CHECKING_PHRASES = (
    "gå igenom",
    "går igenom",
    "gås igenom",
    "läsa igenom",
    "läs igenom",
    "läser igenom",
    "läses igenom",
    "se över",
    "ser över",
)
#: beginnings of the words of the case's intake (registration, scanning, stamping)
INTAKE = (
    "skanna",
    "scanna",
    "diarieför",
    "registrera",
    "registrering",
    "ankomstregistrera",
    "stämpla",
    "ankomststämpla",
    "journalför",
)
#: the phrases of the case's intake (normalised words)
INTAKE_PHRASES = (
    "skapa ärende",
    "lägg upp ärende",
    "lägga upp ärende",
    "läggs upp ärende",
    "upprätta ärende",
    "öppna ärende",
)
#: the words and phrases that name "the other bodies"
OTHERS = frozenset("övriga övrig resterande".split())
OTHERS_PHRASES = ("de andra", "dom andra", "andra myndigheter", "andra instanser", "andra remissinstanser")

#: a quantifier of all, and plural definite answer nouns: "all the answers" (with a word of the remiss)
ALL = frozenset("alla samtliga allihop allihopa".split())
ANSWERS = frozenset("svaren remissvaren yttrandena remissyttrandena utlåtandena".split())
#: beginnings of the words of the remiss and its answers
REMISS_WORDS = ("remiss", "remitt", "svar", "yttrande", "utlåtande", "instans", "myndighet")

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)
def _words(label: str) -> tuple[tuple[str, ...], str]:
    """The casefolded words of ``label`` and its normalised text padded with spaces."""
    return tuple(w.casefold() for w in _WORD.findall(label)), f" {normalise(label)} "


def _has(label: str, stems: tuple[str, ...], phrases: tuple[str, ...] = ()) -> bool:
    words, text = _words(label)
    return any(w.startswith(stems) for w in words) or any(f" {p} " in text for p in phrases)


def _checks(label: str) -> bool:
    words, _ = _words(label)
    return _has(label, CHECKING, CHECKING_PHRASES) or any(w.endswith("kontroll") for w in words)


def _tells(label: str) -> bool:
    return _has(label, TELLING)


def _intakes(label: str) -> bool:
    return _has(label, INTAKE, INTAKE_PHRASES)


@lru_cache(maxsize=65536)
def notice(label: str) -> bool:
    """Whether ``label`` tells that the application is complete (module doc, 1)."""
    return _tells(label) and not COMPLETE.isdisjoint(_words(label)[0])


@lru_cache(maxsize=65536)
def check(label: str) -> bool:
    """Whether ``label`` checks and tells nothing (module doc, 1)."""
    return _checks(label) and not _tells(label)


@lru_cache(maxsize=65536)
def intake(label: str) -> bool:
    """Whether ``label`` is the case's intake and checks nothing (module doc, 2)."""
    return _intakes(label) and not _checks(label)


@lru_cache(maxsize=65536)
def review(label: str) -> bool:
    """Whether ``label`` checks and is no intake (module doc, 2)."""
    return _checks(label) and not _intakes(label)


@lru_cache(maxsize=65536)
def names_the_others(label: str) -> bool:
    """Whether ``label`` names "the other bodies" (module doc, 3): an others word, or "all the
    answers" (a quantifier of all or a plural definite answer noun, with a word of the remiss).

    >>> names_the_others("Samtliga remissvar har kommit in"), names_the_others("Svaren kommer tillbaka")
    (True, True)
    >>> names_the_others("Kontrollera att alla handlingar finns")
    False
    """
    words, text = _words(label)
    if not OTHERS.isdisjoint(words) or any(f" {p} " in text for p in OTHERS_PHRASES):
        return True
    return (not ALL.isdisjoint(words) or not ANSWERS.isdisjoint(words)) and any(
        w.startswith(REMISS_WORDS) for w in words
    )


def _activity(step: Step) -> bool:
    return step.kind in ACTIVITIES


def _beside(lex: Lexicon, view: ModelView, step: str) -> set[str]:
    """The bodies named by the steps of ``view`` other than ``step``, of its family, that name no
    others (ban 3)."""
    kind = family(view.steps[step])
    out: set[str] = set()
    for r, st in view.steps.items():
        label = named(st)
        if r != step and label and family(st) == kind and not names_the_others(label):
            out |= _label_bodies(lex, label)
    return out


def _one_way(lex: Lexicon, x_view: ModelView, y_view: ModelView) -> set[tuple[str, str]]:
    """(step of ``x_view``, step of ``y_view``) pairs banned with the first step read as x."""
    xs = {s: named(st) for s, st in x_view.steps.items() if named(st)}
    ys = {s: named(st) for s, st in y_view.steps.items() if named(st)}
    act_x = {s for s in xs if _activity(x_view.steps[s])}
    act_y = {s for s in ys if _activity(y_view.steps[s])}
    out: set[tuple[str, str]] = set()
    # 1: a notice of completeness whose model checks apart, against the other model's checks
    if any(check(xs[s]) for s in act_x):
        checks_y = [t for t in act_y if check(ys[t])]
        for s, label in xs.items():
            if notice(label):
                out.update((s, t) for t in checks_y)
    # 2: an intake whose model reviews apart, against a review whose model takes in apart
    if any(review(xs[s]) for s in act_x) and any(intake(ys[t]) for t in act_y):
        reviews_y = [t for t in act_y if review(ys[t])]
        for s in act_x:
            if intake(xs[s]):
                out.update((s, t) for t in reviews_y)
    # 3: "the others" against a step naming only bodies named beside it
    others = [s for s, label in xs.items() if names_the_others(label) and not _label_bodies(lex, label)]
    if others:
        for s in others:
            beside = _beside(lex, x_view, s)
            for t, label in ys.items():
                bodies = _label_bodies(lex, label)
                if bodies and bodies <= beside:
                    out.add((s, t))
    return out


def work_apart_bans(a: ModelView, b: ModelView, lex: Lexicon, lang: tuple[str, str]) -> set[tuple[str, str]]:
    """(A step, B step) pairs of work one model drew apart (module doc), either way round; none
    unless both models are Swedish."""
    if lang != ("sv", "sv"):
        return set()
    out = _one_way(lex, a, b)
    out |= {(x, y) for y, x in _one_way(lex, b, a)}
    return out


def _others_one_side(given: PassInput, matches: list[Match], side: str) -> list[Match]:
    """:func:`others_pass` with ``given.a`` the model of the step naming the others (``side``: which
    of the original models that is, ``"a"`` or ``"b"``)."""
    x_view, y_view, lex = given.a, given.b, given.lex
    mine = 0 if side == "a" else 1
    held = [
        {s for m in matches for s in (m.a, m.b)[mine]},
        {s for m in matches for s in (m.a, m.b)[1 - mine]},
    ]
    rows = {s: i for i, s in enumerate(x_view.steps)}
    cols = {s: j for j, s in enumerate(y_view.steps)}
    out = list(matches)
    for s, st in x_view.steps.items():
        label = named(st)
        if s in held[0] or not label or not names_the_others(label) or _label_bodies(lex, label):
            continue
        beside = _beside(lex, x_view, s)
        if not beside:
            continue
        kind = family(st)
        anchored = False
        found: list[str] = []
        for t, other in y_view.steps.items():
            other_label = named(other)
            if not other_label or family(other) != kind or names_the_others(other_label):
                continue
            bodies = _label_bodies(lex, other_label)
            if not bodies:
                continue
            if bodies <= beside and t in held[1]:
                anchored = True
            elif bodies.isdisjoint(beside) and t not in held[1] and given.lab[rows[s], cols[t]] > 0:
                found.append(t)
        if not anchored or not 1 <= len(found) <= 3 or any((s, t) in given.banned for t in found):
            continue
        score = max(float(given.score[rows[s], cols[t]]) for t in found)
        lab = max(float(given.lab[rows[s], cols[t]]) for t in found)
        how = "grouped" if len(found) > 1 else "auto"
        ids = (s,), tuple(found)
        out.append(
            Match(ids[0], ids[1], round(score, 3), round(lab, 3), how)
            if side == "a"
            else Match(ids[1], ids[0], round(score, 3), round(lab, 3), how)
        )
        held[0].add(s)
        held[1].update(found)
    return out


def others_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """A step naming "the others", left over, paired with the other model's steps naming exactly
    bodies not named beside it (module doc); both models Swedish."""
    if given.langs != ("sv", "sv"):
        return matches
    return _others_one_side(given.swapped(), _others_one_side(given, matches, "a"), "b")


def _left_over(view: ModelView, matches: list[Match], side: str) -> list[str]:
    held = {s for m in matches for s in (m.a if side == "a" else m.b)}
    return [s for s in view.steps if s not in held]


def _end(step: Step) -> bool:
    return step.kind == "event" and step.detail.split(":")[0] == "end"


#: the applicant as a word of a label
_APPLICANT = frozenset("sökande sökanden sökandena".split())


def _sent_to_applicant(lex: Lexicon, step: Step) -> bool:
    """Whether ``step`` sends the decision to the applicant: a dispatch naming no completeness that
    names the applicant, or no body."""
    label = named(step)
    if not is_dispatch(step, "sv") or completeness_label(label):
        return False
    return not _APPLICANT.isdisjoint(_words(label)[0]) or not _label_bodies(lex, label)


def arrival_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """The decision arriving, left over, paired with the other model's one decision sent left over
    (module doc); both models Swedish."""
    if given.langs != ("sv", "sv"):
        return matches
    out = list(matches)
    views = {"a": given.a, "b": given.b}
    for x_side, y_side in (("a", "b"), ("b", "a")):
        x_view, y_view = views[x_side], views[y_side]
        arrivals = [
            s
            for s in _left_over(x_view, out, x_side)
            if decision_arrives(named(x_view.steps[s]), "sv") and not _end(x_view.steps[s])
        ]
        sent = [t for t in _left_over(y_view, out, y_side) if _sent_to_applicant(given.lex, y_view.steps[t])]
        if len(arrivals) != 1 or len(sent) != 1:
            continue
        x, y = (arrivals[0], sent[0]) if x_side == "a" else (sent[0], arrivals[0])
        if (x, y) in given.banned:
            continue
        i, j = list(given.a.steps).index(x), list(given.b.steps).index(y)
        out.append(
            Match((x,), (y,), round(float(given.score[i, j]), 3), round(float(given.lab[i, j]), 3), "auto")
        )
    return out
