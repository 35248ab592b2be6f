"""``match_steps``: the three tiers for two models' steps (matching.py's method), by the full
matcher or, for very large models, anchors first (anchors.py)."""

from __future__ import annotations

from processes.diff import anchors, matching
from processes.diff.decisions import Decision
from processes.diff.matchtypes import DEFAULT_OPTIONS, Matching, MatchOptions
from processes.diff.text import Lexicon
from processes.diff.view import ModelView

__all__ = ["match_steps"]


def match_steps(
    a: ModelView,
    b: ModelView,
    lex: Lexicon,
    *,
    options: MatchOptions = DEFAULT_OPTIONS,
    confirmed: tuple[Decision, ...] = (),
    rejected: tuple[Decision, ...] = (),
    lang_a: str | None = None,
    lang_b: str | None = None,
) -> Matching:
    """The three tiers for the steps of ``a`` and ``b`` (module doc); matches ordered by
    the first A step's position in ``a.steps``."""
    if len(a.steps) * len(b.steps) <= matching.DENSE_CELLS:
        found = matching.match_dense(a, b, lex, options, confirmed, rejected, lang_a, lang_b, [])
    else:
        found = anchors.match_large(a, b, lex, options, confirmed, rejected, lang_a, lang_b)
    order = {s: k for k, s in enumerate(a.steps)}
    ordered = sorted(found.matches, key=lambda m: (min(order[s] for s in m.a), m.b))
    return Matching(tuple(ordered), found.uncertain, found.notes)
