"""Probe (branch many1): where the gold correspondences the matcher misses stand, by shape.

For every gold correspondence (a ``confirm:`` entry of a pair's gold.yaml) of the named
development sets: its shape (1:1, 1:n), the families of its steps (task, event, start/end),
how much of it the matcher finds, the best label similarity and combined score of its
cells, what the diff says of each of its steps (matched right, matched wrong, uncertain,
only), and its *place* twice: among the matcher's own matches, and among the gold's other
correspondences ("oracle anchors": were every other gold pair found, would this one's steps
be the only steps left over between the same matched steps on both sides?).

Development data only: the project's drawn pairs (``en-d1``, ``en-d2``, ``sv`` … ``sv-r15``). The
held-out rounds and the public contest sets are refused (their misses are not read).

    .venv/bin/python bench/many_probe.py --sets en-d1 --list
    .venv/bin/python bench/many_probe.py --sets sv sv-held sv-r2 sv-r15
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import bench_matching as bm  # noqa: E402

from processes.diff.core import lexicon_for, prepare  # noqa: E402
from processes.diff.decisions import parse_decisions  # noqa: E402
from processes.diff.matching import pair_scores  # noqa: E402
from processes.diff.matchtypes import family  # noqa: E402
from processes.diff.pairing import match_steps  # noqa: E402
from processes.diff.tiers import step_places  # noqa: E402

ROUNDS = {
    "en-d1": (bm.ENGLISH, bm.EN_ROUND_1),
    "en-d2": (bm.ENGLISH, bm.EN_ROUND_2),
    "sv": (bm.SWEDISH, ("p1", "p2", "p3")),
    "sv-held": (bm.SWEDISH, bm.HELD_OUT),
    **{f"sv-r{k}": (bm.SWEDISH, getattr(bm, f"ROUND_{k}")) for k in range(2, 16)},
}


def _kind(view, s: str) -> str:
    st = view.steps[s]
    if st.kind == "event":
        pos = st.detail.split(":")[0]
        return {"start": "start", "end": "end"}.get(pos, "event")
    return "event" if family(st) == "event" else "task"


def probe(root: Path, name: str, show: bool) -> list[dict]:
    folder = root / name
    a_defs, b_defs = bm.load_model(folder / "a.yaml"), bm.load_model(folder / "b.yaml")
    ca, cb = prepare(a_defs, "A"), prepare(b_defs, "B")
    lex = lexicon_for((ca, cb))
    a, b = ca.view, cb.view
    score, lab = pair_scores(a, b, lex, lang_a=ca.language, lang_b=cb.language)
    found = match_steps(a, b, lex, lang_a=ca.language, lang_b=cb.language)
    gold = parse_decisions((folder / "gold.yaml").read_bytes(), source=str(folder / "gold.yaml")).confirm
    ia = {s: i for i, s in enumerate(a.steps)}
    ib = {s: j for j, s in enumerate(b.steps)}
    pairs = {(x, y) for m in found.matches for x in m.a for y in m.b}
    partner_a = {x: m for m in found.matches for x in m.a}
    partner_b = {y: m for m in found.matches for y in m.b}
    unsure = {(u.side, u.step) for u in found.uncertain}
    unit_a = {s: k for k, m in enumerate(found.matches) for s in m.a}
    unit_b = {s: k for k, m in enumerate(found.matches) for s in m.b}
    place_a, place_b = step_places(a, unit_a), step_places(b, unit_b)
    rows = []
    for g, d in enumerate(gold):
        xs = [x for x in d.a if x in a.steps]
        ys = [y for y in d.b if y in b.steps]
        cells = [(x, y) for x in xs for y in ys]
        hit = sum((x, y) in pairs for x, y in cells)
        best_lab = max(float(lab[ia[x], ib[y]]) for x, y in cells)
        best_score = max(float(score[ia[x], ib[y]]) for x, y in cells)

        def state(side: str, s: str, xs: list[str] = xs, ys: list[str] = ys) -> str:
            m = (partner_a if side == "a" else partner_b).get(s)
            if m is not None:
                other = m.b if side == "a" else m.a
                return "right" if set(other) & set(ys if side == "a" else xs) else "wrong"
            return "uncertain" if (side, s) in unsure else "only"

        states = [state("a", x) for x in xs] + [state("b", y) for y in ys]
        # oracle anchors: every other gold correspondence matched
        o_units_a = {s: k for k, e in enumerate(gold) if k != g for s in e.a if s in a.steps and s not in xs}
        o_units_b = {s: k for k, e in enumerate(gold) if k != g for s in e.b if s in b.steps and s not in ys}
        op_a, op_b = step_places(a, o_units_a), step_places(b, o_units_b)
        keys = {op_a[x] for x in xs} | {op_b[y] for y in ys}
        if len(keys) == 1:
            key = keys.pop()
            extra_a = [s for s, p in op_a.items() if p == key and s not in xs]
            extra_b = [s for s, p in op_b.items() if p == key and s not in ys]
            ends = bool(key[0]) + bool(key[1])
            oracle = ("alone" if not extra_a and not extra_b else f"+{len(extra_a)}/+{len(extra_b)}") + f" ends{ends}"
        else:
            oracle = "split"
        # the matcher's own places (only for the steps it leaves over)
        own = {place_a[x] for x in xs if x in place_a} | {place_b[y] for y in ys if y in place_b}
        if not own:
            actual = "-"
        elif len(own) == 1 and all(x in place_a for x in xs) and all(y in place_b for y in ys):
            key = next(iter(own))
            extra_a = sum(1 for s, p in place_a.items() if p == key and s not in xs)
            extra_b = sum(1 for s, p in place_b.items() if p == key and s not in ys)
            actual = f"same +{extra_a}/+{extra_b} ends{bool(key[0]) + bool(key[1])}"
        else:
            actual = "apart"
        lanes = sorted({a.steps[x].performer for x in xs}) + ["|"] + sorted({b.steps[y].performer for y in ys})
        row = {
            "pair": name,
            "shape": f"{len(xs)}:{len(ys)}",
            "kinds": "/".join(sorted({_kind(a, x) for x in xs})) + "-" + "/".join(sorted({_kind(b, y) for y in ys})),
            "cells": len(cells),
            "hit": hit,
            "label": best_lab,
            "score": best_score,
            "states": states,
            "oracle": oracle,
            "actual": actual,
            "a": [a.steps[x].name for x in xs],
            "b": [b.steps[y].name for y in ys],
            "lanes": lanes,
        }
        rows.append(row)
        if show and hit < len(cells):
            print(
                f"{name} {row['shape']:4} {row['kinds']:12} hit {hit}/{len(cells)} lab {best_lab:.2f} "
                f"score {best_score:.2f} oracle {oracle:12} actual {actual:16} {Counter(states)}"
            )
            print(f"     A: {row['a']}\n     B: {row['b']}\n     lanes {lanes}")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="*", default=["en-d1"])
    parser.add_argument("--list", action="store_true", help="print every correspondence not fully found")
    args = parser.parse_args()
    for s in args.sets:
        if s not in ROUNDS:
            parser.error(f"--sets {s}: only the development sets ({', '.join(ROUNDS)}) are probed")
    rows = []
    for s in args.sets:
        root, names = ROUNDS[s]
        for n in names:
            rows += probe(root, n, args.list)
    missed = [r for r in rows if r["hit"] < r["cells"]]
    print(f"correspondences {len(rows)}, gold pairs {sum(r['cells'] for r in rows)}, "
          f"found {sum(r['hit'] for r in rows)}; correspondences not fully found {len(missed)}")
    for r in missed:
        r["labels"] = "0" if r["label"] <= 0 else "<0.3" if r["label"] < 0.3 else "0.3-0.5" if r["label"] < 0.5 else ">=0.5"
        r["tier"] = "some wrong" if "wrong" in r["states"] else "some only" if "only" in r["states"] else (
            "partly right" if "right" in r["states"] else "all uncertain")
        r["pairs_missed"] = r["cells"] - r["hit"]
    for field in ("shape", "kinds", "labels", "tier"):
        c = Counter()
        for r in missed:
            c[r[field]] += r["pairs_missed"]
        print(f"  missed gold pairs by {field}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    for field in ("shape", "kinds", "labels", "tier", "oracle", "actual"):
        c = Counter(r[field] for r in missed)
        print(f"  by {field}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
