"""How similar two labels are, for one pair or for every pair of two lists at once.

**Terms** (text.Lexicon.terms) are compared by ``term_similarity``: 1 when equal (the same
root, or the same synonym group), 0.95 when equal with å/ä/ö folded, ``THESAURUS`` (0.8)
when the thesaurus lists them as synonyms, else the ``rapidfuzz`` character ratio of the
folded roots when it is at least 0.8 and both have at least four letters (a typo, or
"registr" / "regist"), else 0. A synonym group ``=name`` is only ever equal or not.

**Labels** are compared as weighted bags of terms (the bag-of-words similarity of the
process-model matching literature, e.g. Klinkmüller et al., BPM 2013): every term of one
label is paired with its most similar term of the other, both ways::

    sim(x, y) = (sum_{t in x} w(t) max_{u in y} s(t, u) + sum_{u in y} w(u) max_{t in x} s(t, u))
                / (sum_{t in x} w(t) + sum_{u in y} w(u))

with ``w`` the inverse label frequency of the term, ``w(t) = 1 / (1 + ln df(t))``,
``df(t)`` the number of labels of one list that carry it (the larger of the two lists'
counts): a word in many labels of a model — "application", "ansökan" — says less about
which step a label names than one that each model has once. Single comparisons weigh
every term 1. Labels equal after normalisation score 1.

**Containment** (step labels in ``label_matrix``, ``contain=CONTAIN``): one person names a
step by its object alone ("Kunskapsprov", "Platsbesök"), another by a sentence around it
("Boka kunskapsprov", "Sökanden gör kunskapsprovet"); the bag similarity counts the extra
words against them. So a pair also scores at least ``CONTAIN`` (0.7) times the weighted
share of one label's terms found in the other (the better of the two directions)::

    sim'(x, y) = max(sim(x, y), CONTAIN max(cov(x in y), cov(y in x)))
                 when min(cov(x in y), cov(y in x)) >= CONTAIN_SHARE (0.25)

The second condition keeps a word lost in a long sentence about something else from
counting ("Besluta" inside "Överlämna utredning och förslag till beslut till Örkelljunga
kommun": a sixth of that label).

At 0.7 a fully contained label passes ``min_label`` but not the matcher's threshold on
its own (0.7 x 0.7 of the combined score's weight): type, position and matched neighbours
must support the pair, otherwise it is shown as uncertain with its candidates.

``label_matrix`` computes the whole matrix for two lists with numpy: each distinct label
and term once, the term matrix with ``rapidfuzz.process.cdist``, the bag sums as matrix
products — no Python loop over label pairs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from processes.diff.text import Lexicon, fold, normalise

__all__ = [
    "THESAURUS",
    "FUZZY_MIN",
    "term_similarity",
    "label_similarity",
    "group_similarity",
    "label_matrix",
    "bag_similarity",
    "BROADCAST_MAX",
    "best_in_bags",
    "gather",
    "head_terms",
    "normalised",
    "label_side",
]

THESAURUS = 0.8
#: a label whose every term the other label carries scores at least this times its coverage
CONTAIN = 0.7
#: ... when the longer label has at least this share of its terms in the shorter one
CONTAIN_SHARE = 0.25
FUZZY_MIN = 0.8
_FUZZY_LETTERS = 4


def term_similarity(lex: Lexicon, a: str, b: str, lang: str | None = None) -> float:
    """Similarity of two terms (module doc)."""
    if a == b:
        return 1.0
    if a.startswith("=") or b.startswith("="):
        return 0.0
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return 0.95
    if lex.thesaurus.related(a, b, lang or lex.language):
        return THESAURUS
    if min(len(a), len(b)) < _FUZZY_LETTERS:
        return 0.0
    r = fuzz.ratio(fa, fb) / 100.0
    return r if r >= FUZZY_MIN else 0.0


def bag_similarity(lex: Lexicon, a: Sequence[str], b: Sequence[str], lang: str | None = None) -> float:
    """Bag-of-terms similarity of two term lists, every term weighing 1 (module doc)."""
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    sims = [[term_similarity(lex, x, y, lang) for y in b] for x in a]
    total = sum(max(row) for row in sims) + sum(max(col) for col in zip(*sims, strict=True))
    return total / (len(a) + len(b))


def label_similarity(lex: Lexicon, a: str, b: str) -> float:
    """Similarity of two labels in [0, 1], every term weighing 1.

    >>> from processes.diff.synonyms import builtin_synonyms
    >>> lex = Lexicon.build(builtin_synonyms(), ["Polisremiss", "Remiss till polisen"])
    >>> label_similarity(lex, "Polisremiss", "Remiss till polisen")
    1.0
    """
    key = ("s", a, b)
    found = lex._memo.get(key)
    if found is None:
        found = 1.0 if normalise(a) == normalise(b) else round(bag_similarity(lex, lex.terms(a), lex.terms(b)), 6)
        lex._memo[key] = found
    return found  # type: ignore[return-value]


def group_similarity(lex: Lexicon, label: str, parts: Iterable[str], lang: str | None = None) -> float:
    """Similarity of ``label`` to several labels read together (a step split in two).

    The parts' terms are pooled as a *set* ("Skriv utredning" + "Skriv beslutsförslag"
    gives skriv, utredning, beslutsförslag), so a word repeated in each part is not
    counted against the single label; the label's own terms are taken as a set too.
    """
    pooled = sorted({t for p in parts for t in lex.terms(p, lang)})
    own = sorted(set(lex.terms(label, lang)))
    return round(bag_similarity(lex, own, pooled, lang), 6)


def _term_matrix(lex: Lexicon, ta: list[str], tb: list[str], lang_a: str, lang_b: str) -> np.ndarray:
    sim = np.zeros((len(ta), len(tb)), dtype=np.float32)
    if not ta or not tb:
        return sim
    plain_a = [i for i, t in enumerate(ta) if not t.startswith("=")]
    plain_b = [j for j, t in enumerate(tb) if not t.startswith("=")]
    if plain_a and plain_b:
        fa = [fold(ta[i]) for i in plain_a]
        fb = [fold(tb[j]) for j in plain_b]
        ratio = process.cdist(fa, fb, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN * 100, dtype=np.uint8)
        ratio = ratio.astype(np.float32) / 100.0
        short_a = np.array([len(ta[i]) < _FUZZY_LETTERS for i in plain_a])
        short_b = np.array([len(tb[j]) < _FUZZY_LETTERS for j in plain_b])
        ratio[short_a, :] = 0.0
        ratio[:, short_b] = 0.0
        folded_b: dict[str, list[int]] = {}
        for k, f in enumerate(fb):
            folded_b.setdefault(f, []).append(k)
        for k, f in enumerate(fa):
            for m in folded_b.get(f, ()):
                ratio[k, m] = 0.95
        sim[np.ix_(plain_a, plain_b)] = ratio
        if lang_a == lang_b and lex.thesaurus.roots.get(lang_a):
            index_b = {tb[j]: j for j in plain_b}
            table = lex.thesaurus.roots[lang_a]
            for i in plain_a:
                for other in table.get(ta[i], ()):
                    j = index_b.get(other)
                    if j is not None:
                        sim[i, j] = max(sim[i, j], THESAURUS)
            index_a = {ta[i]: i for i in plain_a}
            for j in plain_b:
                for other in table.get(tb[j], ()):
                    row = index_a.get(other)
                    if row is not None:
                        sim[row, j] = max(sim[row, j], THESAURUS)
    index = {t: j for j, t in enumerate(tb)}
    for i, t in enumerate(ta):
        j = index.get(t)
        if j is not None:
            sim[i, j] = 1.0
    return sim


#: words after which a label goes on about something else: what comes after them is a
#: complement ("Underrättelse om beslut", "Send letter of acceptance"), not the head
PREPOSITIONS = {
    "sv": frozenset("till av på om i med från för efter inför vid hos mot över under per via".split()),
    "en": frozenset("of to for in on at by with from into onto via about over under per than if whether".split()),
}


def head_terms(lex: Lexicon, label: str, bag: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """The terms of ``label`` before its first preposition (after at least one other word):
    what the step does and to what. The whole bag when that leaves nothing of it."""
    key = ("h", label, lang)
    found = lex._memo.get(key)
    if found is None:
        words = normalised(lex, label).split()
        cut = next((k for k, w in enumerate(words) if k > 0 and w in PREPOSITIONS.get(lang, ())), len(words))
        head = set(lex.terms(" ".join(words[:cut]), lang)) if cut < len(words) else set(bag)
        found = tuple(t for t in bag if t in head) or bag
        lex._memo[key] = found
    return found  # type: ignore[return-value]


def normalised(lex: Lexicon, label: str) -> str:
    key = ("n", label)
    found = lex._memo.get(key)
    if found is None:
        found = lex._memo[key] = normalise(label)
    return found  # type: ignore[return-value]


def _carriers(bags: list[tuple[str, ...]], index: dict[str, int], terms: int) -> np.ndarray:
    """``terms x len(bags)``: True where the label (column) carries the term (row)."""
    carry = np.zeros((terms, len(bags)), dtype=bool)
    rows = [index[t] for bag in bags for t in bag]
    cols = [j for j, bag in enumerate(bags) for _t in bag]
    carry[rows, cols] = True  # one assignment for every (term, label), not one per label
    return carry


def _bag_weights(side: _Side, other: _Side, weighted: bool) -> np.ndarray:
    """``len(side.bags) x terms``: each label's weight on each term, a term counted as often as it
    appears in the bag; the weight of a term is 1 / (1 + ln df) with df the larger of the two
    lists' counts of labels carrying it (or 1 unweighted)."""
    weight = [1.0] * len(side.index)
    if weighted:
        count, other_count, other_index = side.count, other.count, other.index
        for t, i in side.index.items():
            j = other_index.get(t)
            df = max(count[i], other_count[j] if j is not None else 0)
            weight[i] = 1.0 / (1.0 + math.log(df))
    out = np.zeros((len(side.bags), len(side.index)))
    rows, cols = side.spread
    # one term after the other, as a loop over the bags would add them
    np.add.at(out, (rows, cols), np.array(weight, dtype=float)[cols])
    return out


#: rows x terms x labels above which the best match per bag is taken label by label
BROADCAST_MAX = 1 << 21


def gather(carry: np.ndarray) -> tuple[np.ndarray | None, np.ndarray]:
    """For :func:`best_in_bags`: each label's terms as a row of term indexes, padded with its
    own first term (the same maximum), or None when no label has a term; and which labels have
    none. Depends on ``carry`` only (a model's labels: made once, :class:`_Side`)."""
    labels = carry.shape[1]
    label_of, term = np.nonzero(carry.T)  # by label, then term
    count = np.bincount(label_of, minlength=labels)
    width = int(count.max()) if len(label_of) else 0
    if width == 0:
        return None, count == 0
    start = np.concatenate(([0], np.cumsum(count)[:-1]))
    first = np.where(count > 0, term[np.minimum(start, len(term) - 1)], 0)
    index = np.repeat(first[:, None], width, axis=1)
    index[label_of, np.arange(len(label_of)) - start[label_of]] = term
    return index, count == 0


def best_in_bags(
    sim: np.ndarray, carry: np.ndarray, gathered: tuple[np.ndarray | None, np.ndarray] | None = None
) -> np.ndarray:
    """``best[t, j]``: the best similarity of row term ``t`` among the terms label ``j``
    carries (``carry``: terms x labels), 0 for a label without terms. ``gathered``:
    ``gather(carry)`` when the caller has it."""
    rows, labels = sim.shape[0], carry.shape[1]
    if rows == 0 or sim.shape[1] == 0:
        return np.zeros((rows, labels), dtype=np.float32)
    if rows * sim.shape[1] * labels <= BROADCAST_MAX:
        # each label's terms gathered in one go; a label without terms gets 0
        index, empty = gathered if gathered is not None else gather(carry)
        if index is None:
            return np.zeros((rows, labels), dtype=np.float32)
        best = sim[:, index].max(axis=2).astype(np.float32)
        best[:, empty] = 0.0
        return best
    best = np.zeros((rows, labels), dtype=np.float32)
    for j in range(labels):
        inside = np.flatnonzero(carry[:, j])
        if len(inside):
            best[:, j] = sim[:, inside].max(axis=1)
    return best


class _Side:
    """What :func:`label_matrix` makes of one list of labels alone: its distinct labels, their
    bags of terms, the sorted terms and which label carries which, the heads' carriers, the
    normalised labels and each label's row. Made once per list and language
    (:func:`label_side`): an N-way run asks for each model's labels in each of its N - 1 pairs."""

    __slots__ = ("unique", "bags", "terms", "index", "carry", "count", "spread", "norm", "rows", "_heads", "_gathered")

    def __init__(self, lex: Lexicon, labels: tuple[str, ...], lang: str) -> None:
        self.unique = list(dict.fromkeys(labels))
        self.bags = [lex.terms(x, lang) for x in self.unique]
        self.terms = sorted({t for bag in self.bags for t in bag})
        self.index = {t: i for i, t in enumerate(self.terms)}
        self.carry = _carriers(self.bags, self.index, len(self.terms))
        self.count: list[int] = self.carry.sum(axis=1).tolist()  # labels carrying each term
        # (label, term) of every term of every bag, in bag order (_bag_weights)
        self.spread = (np.array([r for r, bag in enumerate(self.bags) for _t in bag], dtype=int),
                       np.array([self.index[t] for bag in self.bags for t in bag], dtype=int))
        self.norm = [normalised(lex, x) for x in self.unique]
        at = {x: i for i, x in enumerate(self.unique)}
        self.rows = np.array([at[x] for x in labels], dtype=int)
        self.carry.setflags(write=False)  # shared by every pair of the list: read only
        self.rows.setflags(write=False)
        self._heads: np.ndarray | None = None
        self._gathered: dict[bool, tuple[np.ndarray | None, np.ndarray]] = {}

    def gathered(self, lex: Lexicon, lang: str, heads: bool) -> tuple[np.ndarray | None, np.ndarray]:
        """``gather`` of the carriers (``heads``: of the heads' carriers)."""
        found = self._gathered.get(heads)
        if found is None:
            found = self._gathered[heads] = gather(self.heads(lex, lang) if heads else self.carry)
            for array in found:
                if array is not None:
                    array.setflags(write=False)
        return found

    def heads(self, lex: Lexicon, lang: str) -> np.ndarray:
        """The carriers of each label's head terms (``head_terms``)."""
        if self._heads is None:
            self._heads = _carriers(
                [head_terms(lex, x, bag, lang) for x, bag in zip(self.unique, self.bags, strict=True)],
                self.index, len(self.terms),
            )
            self._heads.setflags(write=False)
        return self._heads


def label_side(lex: Lexicon, labels: Sequence[str], lang: str) -> _Side:
    key = ("label side", tuple(labels), lang)
    found = lex._memo.get(key)
    if found is None:
        found = lex._memo[key] = _Side(lex, key[1], lang)
    return found  # type: ignore[return-value]


def label_matrix(
    lex: Lexicon,
    labels_a: Sequence[str],
    labels_b: Sequence[str],
    *,
    lang_a: str | None = None,
    lang_b: str | None = None,
    weighted: bool = True,
    contain: float = 0.0,
) -> np.ndarray:
    """``len(labels_a) x len(labels_b)`` label similarities (module doc), float64;
    ``contain`` > 0 (the steps' labels: ``CONTAIN``) adds the containment floor."""
    lang_a = lang_a or lex.language
    lang_b = lang_b or lex.language
    side_a, side_b = label_side(lex, labels_a, lang_a), label_side(lex, labels_b, lang_b)
    ua, ub = side_a.unique, side_b.unique
    ta, tb = side_a.terms, side_b.terms
    sim = _term_matrix(lex, ta, tb, lang_a, lang_b)
    # how many labels of one list carry a term, the larger of the two lists' counts: a term
    # every label of a model has says little; one that each model has once says much
    carry_a, carry_b = side_a.carry, side_b.carry
    wa = _bag_weights(side_a, side_b, weighted)
    wb = _bag_weights(side_b, side_a, weighted)
    # best[t, j]: how well term t of A is matched in label j of B (and the reverse)
    best_for_b = best_in_bags(sim, carry_b, side_b.gathered(lex, lang_b, False))
    best_for_a = best_in_bags(sim.T, carry_a, side_a.gathered(lex, lang_a, False))
    num = wa @ best_for_b + (wb @ best_for_a).T
    den = wa.sum(axis=1)[:, None] + wb.sum(axis=1)[None, :]
    out = np.divide(num, den, out=np.zeros_like(num), where=den > 0)
    if contain > 0.0:
        # one label said in full inside the head of the other ("Kunskapsprov" / "Boka
        # kunskapsprov"), not inside a complement ("Besluta" / "Underrättelse om beslut")
        heads_a = side_a.heads(lex, lang_a)
        heads_b = side_b.heads(lex, lang_b)
        own_a, own_b = wa.sum(axis=1)[:, None], wb.sum(axis=1)[:, None]
        in_b = np.divide(wa @ best_in_bags(sim, heads_b, side_b.gathered(lex, lang_b, True)), own_a,
                         out=np.zeros_like(num), where=own_a > 0)
        in_a = np.divide(wb @ best_in_bags(sim.T, heads_a, side_a.gathered(lex, lang_a, True)), own_b,
                         out=np.zeros((len(ub), len(ua))), where=own_b > 0).T
        cov_a = np.divide(wa @ best_for_b, own_a, out=np.zeros_like(num), where=own_a > 0)
        cov_b = np.divide(wb @ best_for_a, own_b, out=np.zeros((len(ub), len(ua))), where=own_b > 0).T
        # ... and not a word lost in a long sentence (at least CONTAIN_SHARE of each label
        # found in the other)
        floor = np.where(np.minimum(cov_a, cov_b) >= CONTAIN_SHARE, contain * np.maximum(in_b, in_a), 0.0)
        out = np.maximum(out, floor)
    norm_a = side_a.norm
    norm_b: dict[str, list[int]] = {}
    for j, n in enumerate(side_b.norm):
        norm_b.setdefault(n, []).append(j)
    for i, n in enumerate(norm_a):
        for j in norm_b.get(n, ()):
            out[i, j] = 1.0
    out = np.clip(np.round(out, 6), 0.0, 1.0)
    rows, cols = side_a.rows, side_b.rows
    return out[np.ix_(rows, cols)] if len(rows) and len(cols) else np.zeros((len(rows), len(cols)))
