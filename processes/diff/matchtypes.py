"""The matcher's data: options, matches, candidates and the three tiers (no behaviour
beyond small lookups), shared by matching.py, groups.py, tiers.py and anchors.py."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from processes.diff.abbreviations import expand
from processes.diff.bodies import names_one_of
from processes.diff.citations import without_citations
from processes.diff.dispatch import as_dispatch, as_hand_over
from processes.diff.itemprefix import bare_label
from processes.diff.labelsim import bag_similarity
from processes.diff.language import is_stopword
from processes.diff.places import without_proper_names
from processes.diff.register import formal
from processes.diff.requests import as_request
from processes.diff.subjects import PARTIES, without_party_subject
from processes.diff.text import Lexicon, is_placeholder, normalise, repair_mojibake
from processes.diff.view import ModelView, Step
from processes.diff.voice import as_active

__all__ = [
    "ACTIVITIES",
    "ENDPOINT_DISCOUNT",
    "DENSE_CELLS",
    "MatchOptions",
    "DEFAULT_OPTIONS",
    "Match",
    "PassInput",
    "OneSide",
    "from_both_sides",
    "match_units",
    "pair_confidence",
    "Candidate",
    "Uncertain",
    "MAX_CANDIDATES",
    "ask_first",
    "in_model_order",
    "Matching",
    "ids_on",
    "pooled_similarity",
    "family",
    "families",
    "acts_before_waiting",
    "named",
    "what",
]

ACTIVITIES = ("task", "subProcess", "callActivity")
ENDPOINT_DISCOUNT = 0.8
#: above this many pairs of steps the matcher first pairs steps by name and context
#: (anchors.py) and scores every pair only among the rest
DENSE_CELLS = 1_500 * 1_500


@dataclass(frozen=True, slots=True)
class MatchOptions:
    """Thresholds and weights of the matcher (see the module doc). One configuration
    serves every benchmark set (bench/bench_matching.py)."""

    threshold: float = 0.75
    min_label: float = 0.5
    strong_label: float = 0.9
    uncertain: float = 0.3
    w_label: float = 0.7
    w_type: float = 0.1
    w_role: float = 0.05
    w_position: float = 0.15
    w_neighbours: float = 0.1
    split_gain: float = 0.1

    def __post_init__(self) -> None:
        for name in ("threshold", "min_label", "strong_label", "uncertain"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} {value} is outside [0, 1]")


DEFAULT_OPTIONS = MatchOptions()


@dataclass(frozen=True, slots=True)
class Match:
    """Steps of A paired with steps of B (one each, or one with several).

    ``how``: ``auto`` (found one to one: by the assignment at or above the threshold, or
    by a later pass below it: groups.context_pass, mutualbest.py, contained.py),
    ``confirmed`` (user file), ``grouped`` (one-to-many),
    ``context`` (paired by the same matched neighbours). ``label`` is the label
    similarity of the (pooled) labels.
    """

    a: tuple[str, ...]
    b: tuple[str, ...]
    confidence: float
    label: float
    how: str = "auto"


@dataclass(frozen=True, slots=True)
class PassInput:
    """What every matching pass reads and no pass changes: the two models' views, the
    lexicon, their languages (``langs``: A's, B's), the label and combined score matrices
    (rows A's steps, columns B's, in the order of ``a.steps`` / ``b.steps``), the pairs
    never to make (``banned``: (A step, B step)) and the options. A pass takes it with the
    matches so far: ``matches = context_pass(given, matches)``."""

    a: ModelView
    b: ModelView
    lex: Lexicon
    langs: tuple[str, str]
    lab: np.ndarray
    score: np.ndarray
    banned: AbstractSet[tuple[str, str]] = frozenset()
    options: MatchOptions = DEFAULT_OPTIONS
    #: the combined score the uncertain tier reads: ``score``, but not set to 0 for a task
    #: that acts then waits against an event (``families``); None: ``score`` itself
    asked: np.ndarray | None = None
    #: pairs of ``banned`` that no pass pairs but the uncertain tier still offers, with a reason
    #: (work addressed to different parties: parties.py)
    asked_apart: AbstractSet[tuple[str, str]] = frozenset()
    #: :meth:`swapped`, made once: a pass from both sides asks for it again in every pair (not data)
    _swapped: list[PassInput] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        shape = (len(self.a.steps), len(self.b.steps))
        for name in ("lab", "score", "asked"):
            matrix = getattr(self, name)
            if matrix is not None and matrix.shape != shape:
                raise ValueError(f"PassInput.{name}: shape {matrix.shape} is not (steps of a, steps of b) {shape}")

    @property
    def tier_score(self) -> np.ndarray:
        """``asked`` when given, else ``score``."""
        return self.score if self.asked is None else self.asked

    def swapped(self) -> PassInput:
        """The same input read from B's side: the views and languages exchanged, the
        matrices transposed, every banned pair turned round. Made once per input (the passes read
        it and change nothing of it)."""
        if not self._swapped:
            self._swapped.append(PassInput(
                self.b, self.a, self.lex, (self.langs[1], self.langs[0]), self.lab.T, self.score.T,
                {(y, x) for x, y in self.banned}, self.options, None if self.asked is None else self.asked.T,
                {(y, x) for x, y in self.asked_apart},
            ))
        return self._swapped[0]


class OneSide(Protocol):
    """A pass's reading from one model's side: with ``swap`` the input is read from B's side
    (:meth:`PassInput.swapped`), so its ``a`` is model B (a match holds B's steps in ``m.b``)."""

    def __call__(self, given: PassInput, matches: list[Match], *, swap: bool) -> list[Match]: ...


def from_both_sides(one_side: OneSide, given: PassInput, matches: list[Match]) -> list[Match]:
    """``one_side`` from A's side, then from B's on what it found: a pass that treats both
    models alike (a coarse step of either model against finer steps of the other)."""
    return one_side(given.swapped(), one_side(given, matches, swap=False), swap=True)


def pair_confidence(score: Any, lab: Any, i: int, j: int) -> float:
    """What one pair of steps gives a correspondence's confidence: their combined score, or their label
    similarity where that score is zero because the two are of different families (a waiting step
    against a task, an end event against the task that sends the decision). A correspondence made
    takes the lowest of its pairs' values, so it is never shown at confidence 0."""
    return float(score[i, j]) or float(lab[i, j])


def match_units(matches: Sequence[Match]) -> tuple[dict[str, int], dict[str, int]]:
    """For each side, step id -> the index in ``matches`` of the match that holds it."""
    return ({s: k for k, m in enumerate(matches) for s in m.a},
            {s: k for k, m in enumerate(matches) for s in m.b})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible partner of an unmatched step: its ids, score, label similarity and why."""

    ids: tuple[str, ...]
    score: float
    label: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Uncertain:
    """A step without a partner that has candidates (``side``: ``a`` or ``b``)."""

    side: str
    step: str
    candidates: tuple[Candidate, ...]


#: the uncertain tier's candidates per step, at most
MAX_CANDIDATES = 3


def ask_first(questions: list[Uncertain], side: str, step: str, asked: Candidate) -> None:
    """Put ``asked`` first among the questions of ``step`` (of model ``side``), keeping at most
    ``MAX_CANDIDATES``; a candidate it already had keeps its reasons, the new one added."""
    at = next((k for k, u in enumerate(questions) if u.side == side and u.step == step), None)
    if at is None:
        questions.append(Uncertain(side, step, (asked,)))
        return
    had = next((c for c in questions[at].candidates if c.ids == asked.ids), None)
    if had is not None:
        asked = Candidate(had.ids, had.score, had.label, had.reasons + asked.reasons)
    kept = tuple(c for c in questions[at].candidates if c.ids != asked.ids)
    questions[at] = Uncertain(side, step, (asked, *kept)[:MAX_CANDIDATES])


def in_model_order(given: PassInput, questions: Iterable[Uncertain]) -> tuple[Uncertain, ...]:
    """``questions`` as the uncertain tier lists them: A's in A's order, then B's in B's order."""
    order = {("a", s): k for k, s in enumerate(given.a.steps)} | {("b", s): k for k, s in enumerate(given.b.steps)}
    return tuple(sorted(questions, key=lambda u: (u.side, order[(u.side, u.step)])))


@dataclass(frozen=True, slots=True)
class Matching:
    """The three tiers: matches, uncertain steps; every other step is only in its model."""

    matches: tuple[Match, ...]
    uncertain: tuple[Uncertain, ...] = ()
    notes: tuple[str, ...] = ()


def ids_on(m: Match, side: str) -> tuple[str, ...]:
    """The ids of match ``m`` in model ``side`` (``"a"`` or ``"b"``)."""
    return m.a if side == "a" else m.b


#: verbs of waiting: a task drawn as "Inväntande av remissvar" / "Wait for results" stands for
#: the moment something arrives, which another person draws as an event ("Polisen har svarat")
WAITING = frozenset(
    "invänta inväntar inväntas inväntande avvakta avvaktar avvaktas avvaktan vänta väntar väntan "
    "wait waits waiting await awaits awaiting".split()
)


def family(step: Step) -> str:
    """``activity`` or ``event``; a task whose name says it waits (``WAITING``) is an event,
    unless it acts first and waits after (``acts_before_waiting``): then it is its action."""
    if step.kind == "event":
        return "event"
    if step.kind == "task" and step.name and _waits(step.name, step.performer) == "event":
        return "event"
    return "activity"


_BOTH = frozenset({"activity", "event"})


def families(step: Step) -> frozenset[str]:
    """The families ``step`` stands for in the uncertain tier: a task that acts and then waits
    ("Kommunicera sökanden och invänta svar") is its action for matching (``family``) and the
    arrival it waits for as well, so an answer event still asks about it; any other step, its
    ``family`` alone."""
    if step.kind == "task" and step.name and _waits(step.name, step.performer) == "both":
        return _BOTH
    return frozenset({family(step)})


@lru_cache(maxsize=65536)
def _waits(name: str, performer: str) -> str:
    """How a task waits: "event" (it waits), "both" (it acts, then waits) or "" (it does not)."""
    # remembered: the passes ask a step's family many times in each of an N-way run's pairs
    if WAITING.isdisjoint(normalise(name).split()):
        return ""
    return "both" if acts_before_waiting(name, performer) else "event"


#: words and separators that join a second action to a first: "Skicka remiss och invänta svar",
#: "Send the letter, then await the reply"
_JOINERS = frozenset("och samt and then sedan därefter , ; + &".split())
_TOKENS = re.compile(r"\w+|[,;+&]")


def acts_before_waiting(name: str, performer: str = "") -> bool:
    """Whether ``name`` does something first and then waits: its first waiting word
    (``WAITING``) comes right after a joiner (och, samt, and, then, sedan, därefter, a comma,
    a semicolon, "+", "&"; only further joiners between) and before that joiner stands a
    content word that is not the performer as subject (a stop word, a staff role, a party, a
    word of the lane's name).

    >>> acts_before_waiting("Kommunicera sökanden och invänta svar")
    True
    >>> acts_before_waiting("Send the letter, then await the reply")
    True
    >>> acts_before_waiting("Handläggaren inväntar svar", "Handläggare")
    False
    >>> acts_before_waiting("Svar från polisen och länsstyrelsen inväntas")
    False
    >>> acts_before_waiting("Handläggaren och invänta svar", "Handläggare")
    False
    """
    tokens = _TOKENS.findall(repair_mojibake(name).casefold())
    at = next((k for k, t in enumerate(tokens) if t in WAITING), None)
    if at is None:
        return False
    before = at
    while before > 0 and tokens[before - 1] in _JOINERS:
        before -= 1
    if before == at or before == 0:
        return False
    own = [w for w in normalise(performer).split() if len(w) >= 4]
    return any(_names_work(t, own) for t in tokens[:before])


def _names_work(token: str, own: list[str]) -> bool:
    """Whether ``token`` names something done, not who does it: not a joiner, stop word, staff
    role or party, and not a word of the performer's name (its first four or more letters)."""
    if token in _JOINERS or not token.isalpha() or token in STAFF_ROLES or token in PARTIES:
        return False
    if is_stopword(token, "sv") or is_stopword(token, "en"):
        return False
    return not any(token.startswith(w) or (len(token) >= 4 and w.startswith(token)) for w in own)


def named(step: Step) -> str:
    """The step's name, or "" when it has none or only a tool's default ("End Event")."""
    return "" if is_placeholder(step.name) else step.name


def what(lex: Lexicon, step: Step, lang: str) -> str:
    """The step's name without the words that name its own performer: "Handläggaren utreder
    ärendet" in the lane "Handläggare" is "utreder ärendet", "Beslut i socialnämnden" in the
    lane "Nämnden" is "Beslut" (who does a step is compared as its role); a Swedish staff role
    as the first word before a verb is dropped whatever the lane (``STAFF_ROLES``:
    "Handläggaren bokar tid" is "bokar tid"); an everyday request is read as the act it names
    (requests.py: "Mejla sökanden om det som saknas" is "begär komplettering från sökanden"). The name
    is kept whole when nothing else would remain."""
    key = ("what", step.name, step.performer, lang)
    found = lex._memo.get(key)
    if found is None:
        found = lex._memo[key] = _what(lex, step, lang)
    return found  # type: ignore[return-value]



def pooled_similarity(
    lex: Lexicon, a: ModelView, b: ModelView, ids_a: Sequence[str], ids_b: Sequence[str], langs: tuple[str, str]
) -> float:
    """The label similarity of a correspondence of several steps: the terms of what each side's
    steps say (``what``), pooled as a set per side, compared as bags in A's language. This is how
    attach.attach_pass, addressees.py and namedbody.py score a correspondence that grew (the last
    two with ``a`` the side of their one step or of the steps that joined), and group_pass one step
    against a block (labelsim.group_similarity); a confirmed correspondence (``--matches``) is scored
    the same way, so that confirming the pairs found leaves the similarity scores as they were."""
    pooled_a = sorted({t for s in ids_a for t in lex.terms(what(lex, a.steps[s], langs[0]), langs[0])})
    pooled_b = sorted({t for s in ids_b for t in lex.terms(what(lex, b.steps[s], langs[1]), langs[1])})
    return bag_similarity(lex, pooled_a, pooled_b, langs[0])

#: Swedish staff roles: as the subject of a step's sentence ("Handläggaren bokar tid för
#: kunskapsprov", "Registratorn arkiverar ärendet") they say who does the work, not what it is
STAFF_ROLES = frozenset(
    "handläggare handläggaren alkoholhandläggaren tillståndshandläggaren registrator registratorn "
    "chef chefen enhetschef enhetschefen avdelningschef avdelningschefen förvaltningschef "
    "förvaltningschefen sekreterare sekreteraren nämndsekreterare nämndsekreteraren assistent "
    "assistenten administratör administratören tjänsteman tjänstemannen".split()
)


def _without_role_subject(name: str, lang: str) -> str:
    """``name`` without a staff role as its first word when a verb (not a stop word) follows."""
    words = name.split()
    if lang == "sv" and len(words) >= 2 and words[0].casefold() in STAFF_ROLES and words[1].isalpha() and not (
        is_stopword(words[1].casefold(), lang)
    ):
        return " ".join(words[1:])
    return name


#: how a verb, or a noun made from one, ends: "Arkivering", "arkiverar", "Inspection", "licensing"
_ACTION_ENDINGS = {
    "sv": ("ering", "ning", "ing", "tion", "else", "era", "erar", "eras", "erade", "erat"),
    "en": ("ing", "ion", "ment"),
}
#: where the name of a performer lists several ("Polisen och Länsstyrelsen", "Licensing Officer (LO)")
_PARTS = re.compile(r"[(),/&;]|\s(?:and|och|eller|or)\s|\s[-–]\s")


def _performer_heads(lex: Lexicon, performer: str, lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """(the terms of the words that say who ``performer`` is, its words as written): the last
    word of each part of an English name ("Clerk" of "Licensing Clerk", "LSC" of "Licensing
    Sub-Committee (LSC)"). The words before the head ("Licensing", "Fire") say what the
    performer works on, which a step names as its object ("Mail the license"). (Swedish names
    put the head first or last — "Ordförande i socialnämnden", "Socialnämnden Grönvik" — and
    inside compounds: every word of them counts.)"""
    key = ("heads", performer, lang)
    found = lex._memo.get(key)
    if found is None:
        heads: set[str] = set()
        for part in _PARTS.split(performer):
            words = [w for w in normalise(part).split() if w.isalpha() and not is_stopword(w, lang)]
            if words:
                heads.update(lex.terms(words[-1], lang))
        found = lex._memo[key] = (frozenset(heads), tuple(normalise(performer).split()))
    return found  # type: ignore[return-value]


def _acts(word: str, written: tuple[str, ...], lang: str) -> bool:
    """Whether ``word`` is written as an action (a verb or a noun made from one) that the
    performer's name does not contain as written: "Arkivering" in the lane "Kommunarkivet" is
    the step's work, "Alkoholhandläggning" in the lane "Alkoholhandläggning" its performer."""
    return word.endswith(_ACTION_ENDINGS.get(lang, ())) and not any(word in w for w in written)


def _what(lex: Lexicon, step: Step, lang: str) -> str:
    # memoised by what it depends on (an N-way comparison asks for every step once per pair)
    name = as_hand_over(as_dispatch(without_party_subject(as_request(as_active(_without_role_subject(formal(lex, expand(lex, bare_label(named(step), lex.prefixes), lang, step.performer), lang), lang), lang), lang), lang), lang), lang)
    name = without_citations(name)
    name = without_proper_names(name, lang, lex.synonyms)
    if not name or not step.performer:
        return name
    own = set(lex.terms(step.performer, lang))
    # a word naming the performer is left out, unless it is the step's action (a verb or a noun
    # made from one) or, in English, names only what the performer works on, not who it is
    head, written = _performer_heads(lex, step.performer, lang)
    words = name.split()
    kept = [
        w
        for w in words
        if not w.isalpha()
        or is_stopword(w.casefold(), lang)
        or not set(lex.terms(w, lang)) <= own
        or (lang == "en" and head.isdisjoint(lex.terms(w, lang)))
        or _acts(w.casefold(), written, lang)
    ]
    if len(kept) == len(words) or not any(not is_stopword(w.casefold(), lang) for w in kept):
        return name
    if names_one_of(lex, step.performer, [w for w in words if w not in kept], lang):
        return name  # the lane lists several bodies: the one named is the step's own
    return " ".join(kept)
