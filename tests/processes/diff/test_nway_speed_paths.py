"""The N-way comparison's shortcuts give what the plain pairwise diff gives, entry for entry.

* each model's relation matrix is computed once and indexed in every pair (``nway``);
* the label matrix takes the best match per bag with one broadcast for small lists and
  label by label for large ones (``labelsim``): the same numbers either way.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from bpmn_io.authoring import read_authoring
from bpmn_io.profile import read_profile
from processes.diff import compare_models, labelsim, prepare, profile_inputs
from processes.diff.core import diff_prepared, lexicon_for
from processes.diff.nway import _with_kept_relations
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
    kept = _with_kept_relations(model).profile
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


def test_label_matrix_broadcast_and_label_by_label_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    models = library(("helsingborg", "astorp"))
    lex = lexicon_for(models)
    names_a = [s.name for s in models[0].view.steps.values()]
    names_b = [s.name for s in models[1].view.steps.values()] + [""]
    broadcast = labelsim.label_matrix(lex, names_a, names_b)
    monkeypatch.setattr(labelsim, "_BROADCAST_MAX", 0)
    by_label = labelsim.label_matrix(lex, names_a, names_b)
    assert broadcast.shape == (len(names_a), len(names_b))
    assert np.array_equal(broadcast, by_label)
    assert 0.0 <= broadcast.min() and broadcast.max() <= 1.0
    itself = labelsim.label_matrix(lex, names_a, names_a)
    assert all(itself[k, k] == 1.0 for k, name in enumerate(names_a) if name)
