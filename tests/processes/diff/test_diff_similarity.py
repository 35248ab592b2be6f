"""The three similarity scores on a case worked by hand (formulas in processes/diff/similarity.py)."""

from __future__ import annotations

import pytest
from diffbuilders import linear

from processes.diff import StructuralWeights, diff_models


def test_one_step_removed_and_another_added() -> None:
    # A: S -> Granska -> Platsbesök -> Beslut -> E ;  B: S -> Granska -> Beslut -> Arkivera -> E
    a = linear(["Granska ansökan", "Platsbesök", "Beslut"])
    b = linear(["Granska ansökan", "Beslut", "Arkivera ärendet"])
    s = diff_models(a, b).similarity
    assert (s.nodes_a, s.nodes_b, s.skipped_nodes, s.edges_a, s.edges_b, s.skipped_edges) == (
        5,
        5,
        2,
        4,
        4,
        6,
    )
    # 4 pairs of label similarity 1: 2 * 4 / (5 + 5)
    assert s.node_matching == 0.8
    # fskipn = 2/10, fskipe = 6/8 (only S -> Granska survives on each side), fsubn = 0
    assert s.structural == pytest.approx(1 - (0.2 + 0.75) / 3, abs=1e-6)
    # the 6 relations among the 4 matched units agree; each side has 4 more with its own extra step
    assert s.behavioural == pytest.approx(6 / 14, abs=1e-6)


def test_weights_change_only_the_structural_score() -> None:
    a = linear(["Granska ansökan", "Platsbesök", "Beslut"])
    b = linear(["Granska ansökan", "Beslut", "Arkivera ärendet"])
    s = diff_models(
        a, b, weights=StructuralWeights(skip_nodes=1.0, skip_edges=0.0, substitute_nodes=1.0)
    ).similarity
    assert s.structural == pytest.approx(1 - 0.2 / 2, abs=1e-6)
    assert s.node_matching == 0.8


def test_scores_stay_in_the_unit_interval_for_disjoint_models() -> None:
    s = diff_models(linear(["Granska ansökan"]), linear(["Arkivera ärendet", "Fakturera avgift"])).similarity
    assert 0.0 <= s.node_matching < 1.0 and 0.0 <= s.structural < 1.0 and 0.0 <= s.behavioural < 1.0
