"""The passes made near-linear for models that differ (branch large2) decide as the plain
scans they replace: on seeded graphs and label sets, the fast path against the slow one."""

from __future__ import annotations

import random

import pytest
from diffbuilders import linear

from processes import labellanguage
from processes.diff import language
from processes.diff.blocks import walk, walks
from processes.diff.contained import chain_pass, free_runs
from processes.diff.core import lexicon_for, prepare
from processes.diff.matching import pair_scores
from processes.diff.matchtypes import Match, PassInput, named, what


class _Graph:
    """The part of a ModelView that the walks read."""

    def __init__(self, succ: dict[str, tuple[str, ...]]) -> None:
        self.steps = {s: None for s in succ}
        self.succ = succ
        pred: dict[str, list[str]] = {s: [] for s in succ}
        for s, ts in succ.items():
            for t in ts:
                pred[t].append(s)
        self.pred = {s: tuple(sorted(ps)) for s, ps in pred.items()}

    def successors(self, s: str) -> tuple[str, ...]:
        return self.succ[s]

    def predecessors(self, s: str) -> tuple[str, ...]:
        return self.pred[s]


@pytest.mark.parametrize("seed", range(8))
def test_the_walks_of_all_free_steps_at_once_reach_what_one_walk_per_step_reaches(seed: int) -> None:
    rnd = random.Random(seed)
    n = 60
    ids = [f"s{i}" for i in range(n)]
    # a chain with branches forward and loops back: components of one step and of many
    succ = {
        s: ({ids[i + 1]} if i + 1 < n else set()) | {ids[rnd.randrange(n)] for _ in range(rnd.randrange(3))}
        for i, s in enumerate(ids)
    }
    graph = _Graph({s: tuple(sorted(ts)) for s, ts in succ.items()})
    unit = {s: rnd.randrange(6) for s in ids if rnd.random() < 0.2}
    for forward in (False, True):
        fast = walks(graph, unit, forward)  # type: ignore[arg-type]
        slow = {s: walk(graph, s, unit, forward) for s in ids if s not in unit}  # type: ignore[arg-type]
        assert fast == slow
        assert any(fast.values()) and any(len(v) > 1 for v in fast.values())


def _chain_side_by_scan(one, many, lex, lang, lab, score, matches, banned, *, swap):  # type: ignore[no-untyped-def]
    """The chain pass as it was: every free step read against every run."""
    taken_one = {s for m in matches for s in (m.b if swap else m.a)}
    taken_many = {s for m in matches for s in (m.a if swap else m.b)}
    ids_one, ids_many = list(one.steps), list(many.steps)
    io = {s: i for i, s in enumerate(ids_one)}
    im = {s: j for j, s in enumerate(ids_many)}
    free_one = [s for s in ids_one if s not in taken_one and named(one.steps[s])]
    free_many = {s for s in ids_many if s not in taken_many and named(many.steps[s])}
    out = list(matches)
    used: set[str] = set()
    for chain in sorted(free_runs(many, free_many), key=lambda c: (-len(c), c)):
        if used & set(chain):
            continue
        bags = [set(lex.terms(what(lex, many.steps[s], lang[1]), lang[1])) for s in chain]
        for x in free_one:
            if x in used or any((x, s) in banned for s in chain):
                continue
            own = set(lex.terms(what(lex, one.steps[x], lang[0]), lang[0]))
            if not all(bag and bag < own for bag in bags):
                continue
            rows = [lab[[io[y] for y in free_one], im[s]] for s in chain]
            if not all(float(lab[io[x], im[s]]) >= float(r.max()) for s, r in zip(chain, rows, strict=True)):
                continue
            conf = min(float(score[io[x], im[s]]) for s in chain)
            label = min(float(lab[io[x], im[s]]) for s in chain)
            a_ids, b_ids = (tuple(chain), (x,)) if swap else ((x,), tuple(chain))
            out.append(Match(a_ids, b_ids, round(conf, 3), round(label, 3), "grouped"))
            used.update(chain)
            used.add(x)
            break
    return out


WORDS = ["remiss", "polisen", "avgift", "yttrande", "tillsyn", "lokal", "faktura", "kunskapsprov", "diariet", "nämnden"]


@pytest.mark.parametrize("seed", range(4))
def test_the_chain_pass_by_term_index_finds_what_a_scan_of_every_pair_finds(seed: int) -> None:
    rnd = random.Random(seed)
    # coarse steps of three or four words against fine steps of one or two: many runs said in full
    coarse = [" ".join(rnd.sample(WORDS, rnd.choice((3, 4)))) for _ in range(30)]
    fine = [" ".join(rnd.sample(WORDS, rnd.choice((1, 2)))) for _ in range(40)]
    ca, cb = prepare(linear(coarse, prefix="A"), "A"), prepare(linear(fine, prefix="B"), "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    banned = {(f"A{i}", f"B{i}") for i in range(0, 40, 7)}
    found = chain_pass(PassInput(ca.view, cb.view, lex, ("sv", "sv"), lab, score, banned), [])
    by_scan = _chain_side_by_scan(ca.view, cb.view, lex, ("sv", "sv"), lab, score, [], banned, swap=False)
    flipped = {(y, x) for x, y in banned}
    by_scan = _chain_side_by_scan(cb.view, ca.view, lex, ("sv", "sv"), lab.T, score.T, by_scan, flipped, swap=True)
    assert found == by_scan
    assert found  # the seeds give runs said in full: the comparison is not of two empty lists


LABEL_SETS = [
    ["ord17 ord4203", "ord9 ord3"],  # no word English: Swedish without its dictionary
    ["Check invoice", "Pay supplier", "Archive"],
    ["Registrera", "Granska", "Besluta"],
    ["Ansok", "Bedom", "Check"],
]


@pytest.mark.parametrize("labels", LABEL_SETS)
def test_language_by_dictionary_decides_as_counting_both_languages(labels: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    simplemma = pytest.importorskip("simplemma")
    words = [w for label in labels for w in label.casefold().split()]
    counted = {lang: sum(simplemma.is_known(w, lang=lang) for w in words) for lang in ("sv", "en")}
    expected = "en" if counted["en"] > counted["sv"] else "sv"
    asked: list[str] = []
    real = labellanguage._dictionaries()
    assert real is not None

    def is_known(word: str, lang: str) -> bool:
        asked.append(lang)
        return real(word, lang)

    # the detector's own lookup (simplemma's dictionaries read in place): what it asks, in order
    monkeypatch.setattr(labellanguage, "_dictionaries", lambda: is_known)
    assert language.detect_language(labels) == expected
    assert asked[0] == "en"  # English first: its dictionary loads in a fifth of the Swedish one's time


def test_a_swedish_guess_the_swedish_dictionary_confirms_asks_no_other_language(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # no English word, no å: the Swedish dictionary is asked whether it knows the words (a German model's
    # "Aufgabe 1" is guessed Swedish the same way); it does, so no other language's dictionary is loaded
    pytest.importorskip("simplemma")
    asked: list[str] = []
    def is_known(word: str, lang: str) -> bool:
        asked.append(lang)
        return lang == "sv"

    monkeypatch.setattr(labellanguage, "_dictionaries", lambda: is_known)
    assert language.detect_language(["ord17 ord4203", "xord9"]) == "sv"
    assert set(asked) == {"en", "sv"}
    assert asked[0] == "en"
