"""Two English steps left over, each the other's first question, that alone name a word: one step.

After every pass the uncertain tier asks about each step left over with up to three candidates.
Where a step of A asks first about a step of B and that step asks first about it, their labels
are at least ``MatchOptions.uncertain`` alike and they share a *distinctive term* — a term (as
the label measure reads it, :meth:`Lexicon.terms`) that no other named step of either model has
in its label — the two name the same thing and nothing else in either model does: "Validate
manager's RBS certificate number against provincial registry" / "Verification of manager's server
certification" (only they name the manager and the certificate), "Referral: RCMP criminal record
check" / "Criminal record check of applicant obtained from police service" (bench/RESULTS-matching.md,
"Branch many98").

English pairs only, and the distinctive term is what sets this apart from the sole pass
(solecandidates.py, Swedish only): two English labels 0.3 alike often share only a general stem
("check", "send", "application") that most labels of a model contain, and such pairs are often two
different steps; a term only the two steps name is the thing itself. A pair the rules keep apart
stays a question: a banned pair never is a candidate, and the start and end events
:func:`approaches.held_apart` asks about on purpose are left out (``held``). The two are of one
family (task and task, event and event). The pair's ``how`` is ``distinctive``, its confidence the
combined score; a note says why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from processes.diff.matchtypes import Match, PassInput, Uncertain, family
from processes.diff.view import ModelView, display_name

__all__ = ["DISTINCTIVE", "distinctive_pairs", "term_counts"]

#: the ``how`` of a pair found here
DISTINCTIVE = "distinctive"


def _first_candidate(uncertain: Iterable[Uncertain]) -> dict[tuple[str, str], str]:
    """(side, step) -> the one step of the other model its first candidate names, for the steps
    asked about whose first candidate is one step."""
    return {
        (u.side, u.step): u.candidates[0].ids[0]
        for u in uncertain
        if u.candidates and len(u.candidates[0].ids) == 1
    }


def term_counts(given: PassInput, view: ModelView) -> tuple[dict[str, frozenset[str]], Counter[str]]:
    """Each named step's set of label terms, and in how many named steps of ``view`` each term is."""
    terms = {
        s: frozenset(given.lex.terms(step.name, "en")) for s, step in view.steps.items() if step.name
    }
    counts: Counter[str] = Counter(t for ts in terms.values() for t in ts)
    return terms, counts


def distinctive_pairs(
    given: PassInput, uncertain: Iterable[Uncertain], held: Iterable[tuple[str, str]] = ()
) -> tuple[list[Match], tuple[str, ...]]:
    """The pairs of steps each other's first question in ``uncertain`` whose labels are alike and
    share a term no other step of either model names (module doc), in A's order, and one note per
    pair; none for a step of a ``held`` pair, none unless both models are English."""
    if given.langs != ("en", "en"):
        return [], ()
    first = _first_candidate(uncertain)
    kept_a = {x for x, _ in held}
    kept_b = {y for _, y in held}
    row = {s: i for i, s in enumerate(given.a.steps)}
    col = {s: j for j, s in enumerate(given.b.steps)}
    terms_a = terms_b = None
    counts_a: Counter[str] = Counter()
    counts_b: Counter[str] = Counter()
    found: list[Match] = []
    notes: list[str] = []
    for x in given.a.steps:
        y = first.get(("a", x))
        if y is None or first.get(("b", y)) != x or x in kept_a or y in kept_b or (x, y) in given.banned:
            continue
        if family(given.a.steps[x]) != family(given.b.steps[y]):
            continue  # a task and an event are one step only when their labels say so clearly (matching.py)
        i, j = row[x], col[y]
        label = float(given.lab[i, j])
        if label < given.options.uncertain:
            continue
        if terms_a is None or terms_b is None:
            terms_a, counts_a = term_counts(given, given.a)
            terms_b, counts_b = term_counts(given, given.b)
        shared = sorted(
            t
            for t in terms_a.get(x, frozenset()) & terms_b.get(y, frozenset())
            if counts_a[t] == 1 and counts_b[t] == 1
        )
        if not shared:
            continue
        m = Match((x,), (y,), round(float(given.score[i, j]), 3), round(label, 3), DISTINCTIVE)
        found.append(m)
        named = ", ".join(t.lstrip("=") for t in shared)
        notes.append(
            f'"{display_name(given.a.steps[x])}" = "{display_name(given.b.steps[y])}": matched with lower confidence '
            f"({m.confidence:.2f}), each the other's first question, labels {m.label:.2f} alike, and only they "
            f"name {named} in their models"
        )
    return found, tuple(notes)
