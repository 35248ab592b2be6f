"""The N-way comparison's shortcuts give what the plain pairwise diff gives, entry for entry.

* each model's relation matrix is computed once and indexed in every pair (``nway``);
* the label matrix takes the best match per bag with one broadcast for small lists and
  label by label for large ones (``labelsim``): the same numbers either way;
* the per-model caches filled before the pairs are forked, the cycle collector paused while
  they run, and a fact's meaning remembered per fact (``nway``, ``differences``) change
  nothing in the result.
"""

from __future__ import annotations

import gc
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from bpmn_io.authoring import read_authoring
from bpmn_io.profile import read_profile
from processes.collector import collector_paused
from processes.diff import compare_models, labelsim, prepare, profile_inputs
from processes.diff.core import diff_prepared, lexicon_for
from processes.diff.factdiff import fact_differences, fact_meaning, meaning
from processes.diff.matchtypes import family
from processes.diff.nwaycaches import covering, warm_caches, with_kept_relations
from processes.diff.relations import Profile

LIBRARY = Path(__file__).resolve().parents[3] / "processes" / "library"
TOWNS = ("helsingborg", "astorp", "orkelljunga", "landskrona")


def library(names: tuple[str, ...] = TOWNS):
    out = []
    for name in names:
        folder = LIBRARY / name
        if not (folder / "process.yaml").is_file():
            pytest.skip(f"library model {name} not present")
        facts, params = profile_inputs(read_profile(folder / "profile.yaml").raw)
        out.append(prepare(read_authoring(folder / "process.yaml"), name, facts=facts, params=params))
    return out


def test_kept_relations_answer_as_the_bit_sets_do() -> None:
    model = library(("helsingborg",))[0]
    kept = with_kept_relations(model).profile
    assert type(kept) is not Profile and isinstance(kept, Profile)
    steps = list(model.profile.steps)
    rng = np.random.default_rng(7)
    for _ in range(5):
        rows = list(rng.choice(steps, size=11, replace=True))
        cols = list(rng.choice(steps, size=17, replace=False))
        expected = model.profile.relation_rows(rows, cols)
        got = kept.relation_rows(rows, cols)
        assert got.dtype == expected.dtype and np.array_equal(got, expected)
    assert kept.relation_rows([], steps).shape == (0, len(steps))


def test_nway_pairs_equal_the_plain_pairwise_diffs() -> None:
    models = library()
    comparison = compare_models(models)
    lex = lexicon_for(models)
    plain = [diff_prepared(models[i], models[j], lex) for i, j in combinations(range(len(models)), 2)]
    assert len(comparison.pairs) == len(plain) == 6
    for got, expected in zip(comparison.pairs, plain, strict=True):
        assert got.similarity == expected.similarity
        assert got.matches == expected.matches
        assert got.differences == expected.differences


@pytest.mark.parametrize("n", [2, 3, 4, 5, 10])
def test_the_pairs_diffed_before_the_fork_hold_every_model_once_or_twice(n: int) -> None:
    pairs = list(combinations(range(n), 2))
    early = [pairs[k] for k in covering(n)]
    assert sorted(m for pair in early for m in pair) == sorted([*range(n), *([n - 2] if n % 2 else [])])
    assert len(early) == (n + 1) // 2


def test_an_odd_number_of_models_on_two_workers_as_on_one() -> None:
    models = library((*TOWNS, "svalov"))
    assert compare_models(models, workers=2) == compare_models(models, workers=1)


def test_label_matrix_broadcast_and_label_by_label_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    models = library(("helsingborg", "astorp"))
    lex = lexicon_for(models)
    names_a = [s.name for s in models[0].view.steps.values()]
    names_b = [s.name for s in models[1].view.steps.values()] + [""]
    broadcast = labelsim.label_matrix(lex, names_a, names_b)
    monkeypatch.setattr(labelsim, "BROADCAST_MAX", 0)
    by_label = labelsim.label_matrix(lex, names_a, names_b)
    assert broadcast.shape == (len(names_a), len(names_b))
    assert np.array_equal(broadcast, by_label)
    assert 0.0 <= broadcast.min() and broadcast.max() <= 1.0
    itself = labelsim.label_matrix(lex, names_a, names_a)
    assert all(itself[k, k] == 1.0 for k, name in enumerate(names_a) if name)


def test_warmed_caches_change_no_pair_and_the_collector_comes_back() -> None:
    models = [with_kept_relations(m) for m in library()]
    cold = lexicon_for(models)
    warm = lexicon_for(models)
    warm_caches(models, warm)
    assert len(warm._memo) > len(cold._memo) == 0
    assert all("kept" in m.profile.__dict__ for m in models)
    for i, j in combinations(range(len(models)), 2):
        assert diff_prepared(models[i], models[j], warm) == diff_prepared(models[i], models[j], cold)
    assert compare_models(models, workers=2) == compare_models(models, workers=1)
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # a caller's paused collector stays paused
    finally:
        gc.enable()


def test_a_remembered_fact_meaning_is_that_of_the_same_object() -> None:
    lex = lexicon_for(library(("helsingborg",)))
    first = {"value": ["Polisen", "Skatteverket"], "source": "x"}
    second = {"value": ["Räddningstjänsten"], "source": "y"}
    assert meaning(lex, first) == fact_meaning(lex, first)
    assert meaning(lex, first) == meaning(lex, first)
    assert meaning(lex, second) == fact_meaning(lex, second) != meaning(lex, first)
    a, b = {"remissinstanser": first}, {"remissinstanser": second}
    assert fact_differences(a, b, lex) == fact_differences(a, b, lexicon_for(library(("helsingborg",))))
    assert [d.attribute for d in fact_differences(a, b, lex)] == ["remissinstanser"]


def test_family_is_the_same_for_every_step_asked_again() -> None:
    model = library(("helsingborg",))[0]
    steps = list(model.view.steps.values())
    first = [family(s) for s in steps]
    assert first == [family(s) for s in steps] and set(first) <= {"activity", "event"}


def test_best_in_bags_is_the_largest_similarity_inside_each_bag() -> None:
    rng = np.random.default_rng(20261203)
    for _ in range(300):
        rows, terms, labels = (int(v) for v in rng.integers(1, 9, size=3))
        sim = (rng.random((rows, terms)) * (rng.random((rows, terms)) < 0.5)).astype(np.float32)
        carry = rng.random((terms, labels)) < rng.random()
        expected = np.zeros((rows, labels), dtype=np.float32)
        for j in range(labels):
            inside = [t for t in range(terms) if carry[t, j]]
            if inside:
                expected[:, j] = sim[:, inside].max(axis=1)
        got = labelsim.best_in_bags(sim, carry)
        assert got.dtype == np.float32 and np.array_equal(got, expected)
    assert labelsim.best_in_bags(np.ones((2, 3), np.float32), np.zeros((3, 0), bool)).shape == (2, 0)
