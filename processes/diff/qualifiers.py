"""A label's main content: its words outside parentheses.

People who draw a step for colleagues add what it covers, how long it takes or who signs in
parentheses: "Kompletthetskontroll (bilagor + avgift betald)", "Kompletthetsgranskning
(handlingar, PBI, finansiering)", "Utredning (kunskapsprov m.m.)", "Begär komplettering
(svarsfrist 14 dgr)". In a bag of terms the qualifier weighs as much as the words before it,
so two labels that say the same thing outside their parentheses can score far apart (the two
completeness checks above: 0.33 as drawn, 1.0 without the parentheses; bench/RESULTS-matching.md
"Branch many79").

``main_content_matrix`` gives, for two lists of step labels, the similarity of their main
contents (each label with every parenthesised part removed, innermost first), for the pairs
where at least one label has a parenthesis; the matcher takes the larger of that and the full
labels' similarity, so a qualifier that is what two labels share ("Vandelsprövning (PBI)"
against "Utredning (vandel, ekonomi)") still counts. A label's main content is not read when
it keeps no term, or when another named step of its model has the same main terms: there the
parentheses are what tells the two steps apart ("Beslut (bifall)" / "Beslut (avslag)"), and
the full labels decide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from processes.diff.labelsim import CONTAIN, label_matrix
from processes.diff.text import Lexicon

__all__ = ["main_content", "main_content_matrix"]

_PARENTHESIS = re.compile(r"\([^()]*\)")


def main_content(label: str) -> str:
    """``label`` without its parenthesised parts (innermost first), spaces collapsed.

    >>> main_content("Kompletthetskontroll (bilagor + avgift betald)")
    'Kompletthetskontroll'
    >>> main_content("Beslutet (och tillståndsbevis vid bifall) till sökanden")
    'Beslutet till sökanden'
    >>> main_content("Utredning")
    'Utredning'
    """
    text, before = label, None
    while text != before:
        before, text = text, _PARENTHESIS.sub(" ", text)
    return " ".join(text.split())


def _readable(lex: Lexicon, labels: Sequence[str], mains: list[str], lang: str) -> tuple[np.ndarray, np.ndarray]:
    """Which labels have a parenthesis, and which of those may be read by their main content:
    it keeps a term and no other named label of the list has the same main terms."""
    qualified = np.array([main != " ".join(label.split()) for label, main in zip(labels, mains, strict=True)], dtype=bool)
    bags = [tuple(sorted(set(lex.terms(main, lang)))) if label else () for label, main in zip(labels, mains, strict=True)]
    count: dict[tuple[str, ...], int] = {}
    for bag in bags:
        if bag:
            count[bag] = count.get(bag, 0) + 1
    readable = np.array([bool(bag) and count[bag] == 1 for bag in bags], dtype=bool) & qualified
    return qualified, readable


def main_content_matrix(
    lex: Lexicon, labels_a: Sequence[str], labels_b: Sequence[str], *, lang_a: str, lang_b: str
) -> np.ndarray | None:
    """``len(labels_a) x len(labels_b)``: the similarity of the two labels' main contents
    (``label_matrix`` with the containment floor) where at least one of them has a parenthesis
    and neither is barred from its main reading (module doc), 0 elsewhere; ``None`` when no
    label of either list has a parenthesis."""
    mains_a = [main_content(x) for x in labels_a]
    mains_b = [main_content(y) for y in labels_b]
    qualified_a, readable_a = _readable(lex, labels_a, mains_a, lang_a)
    qualified_b, readable_b = _readable(lex, labels_b, mains_b, lang_b)
    if not (qualified_a.any() or qualified_b.any()):
        return None
    barred_a, barred_b = qualified_a & ~readable_a, qualified_b & ~readable_b
    counts = (readable_a[:, None] | readable_b[None, :]) & ~barred_a[:, None] & ~barred_b[None, :]
    if not counts.any():
        return None
    alike = label_matrix(lex, mains_a, mains_b, lang_a=lang_a, lang_b=lang_b, contain=CONTAIN)
    return np.where(counts, alike, 0.0)
