"""Branch nway4's shortcuts give what the plain computations give, entry for entry.

* acronym definitions and capitalised names are searched once per distinct label, and only in
  labels with a bracket (``text``);
* the step-type table is remembered per set of kinds, the start/end pairs come from a number per
  step, the neighbour lists are made once per model (``matching``);
* what a label matrix makes of one list of labels alone is made once per list (``labelsim``);
* the decision test is remembered per name (``deciding``).
"""

from __future__ import annotations

import random
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from bpmn_io.authoring import read_authoring
from processes.diff import labelsim, prepare
from processes.diff.core import diff_prepared, lexicon_for
from processes.diff.deciding import is_decision, names_decision
from processes.diff.neighbours import Adjacency, adjacency, neighbour_matrix
from processes.diff.sidematters import decided_side_matter
from processes.diff.steptypes import endpoint_pairs, type_matrix, type_score
from processes.diff.subjects import without_party_subject
from processes.diff.text import DEFINITION, NON_WORD, definitions, proper_names
from processes.diff.view import Step

LIBRARY = Path(__file__).resolve().parents[3] / "processes" / "library"


def library(names: tuple[str, ...]):
    out = []
    for name in names:
        folder = LIBRARY / name
        if not (folder / "process.yaml").is_file():
            pytest.skip(f"library model {name} not present")
        out.append(prepare(read_authoring(folder / "process.yaml"), name))
    return out


def _labels() -> list[str]:
    models = library(("helsingborg", "astorp", "landskrona"))
    labels = [x for m in models for s in m.view.steps.values() for x in (s.name, s.performer)]
    return labels + [
        "Arbetsutskott (AU)", "Arbetsutskott (AU)", "Beslut i Socialnämnden (SN)", "Folkhälsomyndigheten (FHM) svarar",
        "Remiss (obligatorisk)", "", "Skicka till Polisen och Skatteverket", "(AU) först", "Vi frågar Polisen, Skatteverket",
    ]


def test_definitions_and_names_are_those_of_every_label_searched() -> None:
    labels = _labels()
    expected: set[tuple[str, str]] = set()
    for label in labels:  # the plain search, every label, bracket or not
        for m in DEFINITION.finditer(label):
            acronym, words = m.group(2).casefold(), m.group(1).casefold().replace("-", " ").split()
            starts = [k for k, w in enumerate(words) if w[0] == acronym[0]]
            if starts:
                expected.add((acronym, " ".join(words[starts[-1]:])))
    assert definitions(labels) == tuple(sorted(expected))
    assert ("au", "arbetsutskott") in definitions(labels) and ("sn", "socialnämnden") in definitions(labels)
    names = {w.casefold() for label in labels for w in NON_WORD.sub(" ", label).split()[1:]
             if w[:1].isupper() and w[1:].islower()}
    assert proper_names(labels) == frozenset(names) and "skatteverket" in names


def _old_endpoint_pairs(xs: list[Step], ys: list[Step]) -> np.ndarray:
    pos_a = np.array([s.detail.split(":")[0] if s.kind == "event" else "" for s in xs], dtype=object)
    pos_b = np.array([s.detail.split(":")[0] if s.kind == "event" else "" for s in ys], dtype=object)
    same = pos_a[:, None] == pos_b[None, :]
    return np.asarray(same & np.isin(pos_a, ["start", "end"])[:, None], dtype=bool).reshape(len(xs), len(ys))


def _random_steps(rng: random.Random, n: int) -> list[Step]:
    kinds = [("event", "start:none"), ("event", "end:message"), ("event", "intermediate:timer"),
             ("event", "boundary:error"), ("task", "user"), ("task", "start"), ("event", "end"),
             ("subProcess", "embedded"), ("callActivity", "callActivity")]
    return [Step(f"s{i}", "", *rng.choice(kinds)) for i in range(n)]


def test_endpoint_pairs_and_type_matrix_are_the_plain_formulas() -> None:
    rng = random.Random(20261203)
    for _ in range(400):
        xs, ys = _random_steps(rng, rng.randint(0, 7)), _random_steps(rng, rng.randint(0, 7))
        got, expected = endpoint_pairs(xs, ys), _old_endpoint_pairs(xs, ys)
        assert got.dtype == expected.dtype == bool and np.array_equal(got, expected)
        types = type_matrix(xs, ys)
        plain = np.array([[type_score(x, y) for y in ys] for x in xs]).reshape(len(xs), len(ys))
        assert types.shape == plain.shape and np.array_equal(types, plain)
        types[...] = -1.0  # the caller's copy: the remembered table is not touched
    xs = _random_steps(rng, 5)
    assert np.array_equal(type_matrix(xs, xs), np.array([[type_score(x, y) for y in xs] for x in xs]))


def _plain_neighbours(lab: np.ndarray, a_adj: list[list[int]], b_adj: list[list[int]]) -> np.ndarray:
    n, m = lab.shape
    # best[x, y]: x's best label among y's neighbours; best_t[y, x]: y's best among x's
    best = np.array([[max((lab[x, v] for v in vs), default=0.0) for vs in b_adj] for x in range(n)]).reshape(n, m)
    best_t = np.array([[max((lab[u, y] for u in us), default=0.0) for us in a_adj] for y in range(m)]).reshape(m, n)
    left, right = np.zeros((n, m)), np.zeros((n, m))
    for x, us in enumerate(a_adj):
        for u in us:
            left[x, :] += (1.0 / len(us)) * best[u, :]
    for y, vs in enumerate(b_adj):
        for v in vs:
            right[:, y] += (1.0 / len(vs)) * best_t[v, :]
    out = np.zeros((n, m))
    for x in range(n):
        for y in range(m):
            if a_adj[x] and b_adj[y]:
                out[x, y] = (left[x, y] + right[x, y]) / 2
            else:
                out[x, y] = 1.0 if not a_adj[x] and not b_adj[y] else 0.0
    return out


def test_neighbour_matrix_from_lists_made_once_is_the_plain_mean() -> None:
    rng = np.random.default_rng(7)
    for _ in range(200):
        n, m = (int(v) for v in rng.integers(0, 7, size=2))
        lab = np.round(rng.random((n, m)), 6)
        a_adj = [sorted({int(u) for u in rng.integers(0, n, size=int(rng.integers(0, 4)))}) for _ in range(n)]
        b_adj = [sorted({int(v) for v in rng.integers(0, m, size=int(rng.integers(0, 4)))}) for _ in range(m)]
        got = neighbour_matrix(lab, Adjacency(a_adj), Adjacency(b_adj))
        assert got.shape == (n, m)
        assert np.allclose(got, _plain_neighbours(lab, a_adj, b_adj), rtol=0, atol=1e-12)


def test_adjacency_is_made_once_per_view_and_lexicon() -> None:
    model = library(("helsingborg",))[0]
    lex = lexicon_for([model])
    succ = adjacency(lex, model.view, True)
    assert adjacency(lex, model.view, True) is succ and adjacency(lex, model.view, False) is not succ
    index = {s: i for i, s in enumerate(model.view.steps)}
    assert succ.lists == [[index[v] for v in model.view.successors(s) if v in index] for s in model.view.steps]
    assert adjacency(lexicon_for([model]), model.view, True) is not succ  # another lexicon: its own


def test_label_matrix_with_remembered_sides_is_that_of_a_new_lexicon() -> None:
    models = library(("helsingborg", "astorp", "orkelljunga"))
    warm = lexicon_for(models)
    names = [[s.name for s in m.view.steps.values()] + ["", "Ansökan"] for m in models]
    roles = [sorted({s.performer for s in m.view.steps.values()}) for m in models]
    for labels_a, labels_b in [*combinations(names, 2), *combinations(roles, 2), (names[0], []), ([], names[1])]:
        for weighted, contain in ((True, labelsim.CONTAIN), (False, 0.0), (True, 0.0)):
            first = labelsim.label_matrix(warm, labels_a, labels_b, weighted=weighted, contain=contain)
            again = labelsim.label_matrix(warm, labels_a, labels_b, weighted=weighted, contain=contain)
            cold = labelsim.label_matrix(lexicon_for(models), labels_a, labels_b, weighted=weighted, contain=contain)
            assert first.shape == (len(labels_a), len(labels_b))
            assert np.array_equal(first, again) and np.array_equal(first, cold)
    side = labelsim.label_side(warm, names[0], "sv")
    assert labelsim.label_side(warm, list(names[0]), "sv") is side
    assert not side.carry.flags.writeable and not side.rows.flags.writeable
    assert not side.heads(warm, "sv").flags.writeable


def test_pairs_with_a_lexicon_used_before_are_those_of_a_new_one() -> None:
    models = library(("helsingborg", "astorp", "landskrona"))
    used = lexicon_for(models)
    for i, j in combinations(range(3), 2):
        diff_prepared(models[j], models[i], used)  # the other way round first: every side remembered
    for i, j in combinations(range(3), 2):
        assert diff_prepared(models[i], models[j], used) == diff_prepared(models[i], models[j], lexicon_for(models))


def test_the_remembered_decision_test_is_the_test() -> None:
    labels = _labels() + ["Nämndbeslut", "Arbetsutskottet fattar beslut", "Handläggaren beslutar", "Beslut till sökanden"]
    for lang in ("sv", "en"):
        for label in labels:
            # a decision on a side matter ("Beslut om avvisning") is no decision step (sidematters.py)
            plain = is_decision(without_party_subject(label, lang), lang) and decided_side_matter(label, lang) is None
            assert names_decision(label, lang) == plain
    assert names_decision("Nämndbeslut", "sv") and not names_decision("Nämndbeslut", "en")


def test_best_in_bags_with_a_gather_made_before_is_the_same() -> None:
    rng = np.random.default_rng(20261204)
    for _ in range(300):
        rows, terms, labels = (int(v) for v in rng.integers(1, 9, size=3))
        sim = (rng.random((rows, terms)) * (rng.random((rows, terms)) < 0.5)).astype(np.float32)
        carry = rng.random((terms, labels)) < rng.random()
        expected = labelsim.best_in_bags(sim, carry)
        got = labelsim.best_in_bags(sim, carry, labelsim.gather(carry))
        assert got.dtype == np.float32 and np.array_equal(got, expected)
    index, empty = labelsim.gather(np.zeros((3, 2), bool))
    assert index is None and empty.tolist() == [True, True]


def test_shared_dicts_are_written_as_json_dumps_writes_them() -> None:
    import json

    from processes.jsonindent import dumps_indented

    rng = random.Random(11)
    for _ in range(200):
        pool = [{"name": f"m{k}", "steps": [{"id": f"s{i}", "x": rng.random(), "ok": i % 2 == 0, "none": None}
                                            for i in range(rng.randint(0, 3))], "deep": {"e": {}}} for k in range(3)]
        doc = {"pairs": [{"a": rng.choice(pool), "b": rng.choice(pool), "n": [rng.choice(pool), [rng.choice(pool)]]}
                         for _ in range(rng.randint(0, 5))], "top": rng.choice(pool), "å\n": "ü\u2028"}
        expected = json.dumps(doc, ensure_ascii=False, indent=2)
        assert dumps_indented(doc, shared=pool) == expected == dumps_indented(doc)
    inner = {"v": 1}
    outer = {"in": inner, "again": inner}
    assert dumps_indented([outer, {"x": outer}], shared=[inner, outer, "not a dict"]) == json.dumps(
        [outer, {"x": outer}], ensure_ascii=False, indent=2)
    loop: dict = {"k": 1}
    loop["self"] = loop  # circular: the standard library's error, shared or not
    with pytest.raises(ValueError, match="Circular"):
        dumps_indented({"a": loop}, shared=[loop])


def test_comparison_json_is_the_text_of_comparison_to_data() -> None:
    import json

    from processes.diff import compare_models, comparison_to_data
    from processes.diff.schema import comparison_json

    models = library(("helsingborg", "astorp", "orkelljunga", "landskrona"))
    for workers in (1, 2):
        comparison = compare_models(models, workers=workers)
        data = comparison_to_data(comparison)
        assert comparison_json(comparison) == json.dumps(data, ensure_ascii=False, indent=2)
        assert data["pairs"][0]["a"] is not data["pairs"][1]["a"]  # the public form shares nothing
