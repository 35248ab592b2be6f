"""Match two plain lists of labels, outside a model diff (e.g. event-log activity names
against the tasks of a model).

The same matcher as the diff (matching.py) without structure: label similarity (roots,
synonyms, optional lemmas and thesaurus), type, and the one-to-one assignment, with
``LABEL_OPTIONS`` (threshold 0.55, the score of a pair of one type whose labels are
``min_label`` alike; position, neighbours and role weigh nothing); the
result has the diff's three tiers, by list position.

>>> result = match_labels(["Registrera ansökan", "Platsbesök", "Arkivera"],
...                       ["Diarieföring", "Besök på serveringsstället"])
>>> [(m.a, m.b) for m in result.matched]
[((0,), (0,)), ((1,), (1,))]
>>> result.only_a
(2,)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from processes.diff.language import DETECTED, detect_language
from processes.diff.matchtypes import MatchOptions
from processes.diff.pairing import match_steps
from processes.diff.synonyms import Synonyms, builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.thesaurus import NO_THESAURUS, Thesaurus
from processes.diff.view import ModelView, Step
from processes.digraph import Digraph
from processes.model import FrozenMap

__all__ = ["LabelMatch", "LabelCandidate", "LabelMatching", "match_labels", "LABEL_TYPES", "LABEL_OPTIONS"]

#: the types a label may have: an activity, or an event at a position
LABEL_TYPES = ("task", "event", "start", "end")
#: without structure only label and type speak: position and neighbours weigh nothing, and
#: the threshold sits where a label at least ``min_label`` alike of the same type passes
LABEL_OPTIONS = MatchOptions(threshold=0.55, w_role=0.0, w_position=0.0, w_neighbours=0.0)


@dataclass(frozen=True, slots=True)
class LabelMatch:
    """Positions in list a and list b that name the same thing."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    confidence: float
    label: float


@dataclass(frozen=True, slots=True)
class LabelCandidate:
    """A possible partner (positions in the other list), its score and why."""

    other: tuple[int, ...]
    confidence: float
    label: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LabelMatching:
    """matched pairs; uncertain labels (side ``a``/``b``, position, candidates); the
    positions of each list with no candidate."""

    matched: tuple[LabelMatch, ...]
    uncertain: tuple[tuple[str, int, tuple[LabelCandidate, ...]], ...]
    only_a: tuple[int, ...]
    only_b: tuple[int, ...]
    language_a: str
    language_b: str


def _view(name: str, labels: Sequence[str], types: Sequence[str] | None) -> ModelView:
    types = list(types) if types is not None else ["task"] * len(labels)
    if len(types) != len(labels):
        raise ValueError(f"{name}: {len(types)} types for {len(labels)} labels (expected one each)")
    steps = {}
    for i, (label, kind) in enumerate(zip(labels, types, strict=True)):
        if kind not in LABEL_TYPES:
            raise ValueError(f"{name}[{i}]: type {kind!r} (expected one of {', '.join(LABEL_TYPES)})")
        step_kind, detail = ("task", "task") if kind == "task" else ("event", f"{'intermediate' if kind == 'event' else kind}:none")
        steps[str(i)] = Step(str(i), label.strip(), step_kind, detail)
    return ModelView(
        name,
        FrozenMap(steps),
        Digraph(),
        frozenset(),
        FrozenMap({s: 0.0 for s in steps}),
        FrozenMap({}),
        FrozenMap({}),
    )


def match_labels(
    a: Sequence[str],
    b: Sequence[str],
    *,
    a_types: Sequence[str] | None = None,
    b_types: Sequence[str] | None = None,
    language: str = "auto",
    synonyms: Synonyms | None = None,
    thesaurus: Thesaurus = NO_THESAURUS,
    options: MatchOptions = LABEL_OPTIONS,
    lemmatise: bool = False,
) -> LabelMatching:
    """The three tiers for two lists of labels (module doc). ``*_types``: one of
    ``LABEL_TYPES`` per label (default: every label a task); ``language``: ``sv``,
    ``en``, ``other`` (neither: spelling alone) or ``auto`` (detected per list)."""
    if language not in (*DETECTED, "auto"):
        raise ValueError(f"language {language!r} (expected {', '.join(DETECTED)} or auto)")
    va, vb = _view("a", a, a_types), _view("b", b, b_types)
    lang_a = language if language != "auto" else detect_language(a)
    lang_b = language if language != "auto" else detect_language(b)
    lex = Lexicon.build(
        synonyms if synonyms is not None else builtin_synonyms(),
        [*a, *b],
        language=lang_a,
        thesaurus=thesaurus,
        lemmatise=lemmatise,
    )
    result = match_steps(va, vb, lex, options=options, lang_a=lang_a, lang_b=lang_b)
    matched = tuple(
        LabelMatch(tuple(int(i) for i in m.a), tuple(int(j) for j in m.b), m.confidence, m.label)
        for m in result.matches
    )
    uncertain = tuple(
        (
            u.side,
            int(u.step),
            tuple(LabelCandidate(tuple(int(i) for i in c.ids), c.score, c.label, c.reasons) for c in u.candidates),
        )
        for u in result.uncertain
    )
    seen_a = {i for m in matched for i in m.a} | {p for side, p, _ in uncertain if side == "a"}
    seen_b = {j for m in matched for j in m.b} | {p for side, p, _ in uncertain if side == "b"}
    return LabelMatching(
        matched,
        uncertain,
        tuple(i for i in range(len(a)) if i not in seen_a),
        tuple(j for j in range(len(b)) if j not in seen_b),
        lang_a,
        lang_b,
    )
