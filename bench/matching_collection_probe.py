"""Probe: would evidence from the model collection, the context or the verb raise birth and asset?

Branch pm12 (issue 11). Runs the committed matcher (bench_matching.found_pairs, default
options) once on every pair of the PMMC sets ua, birth and asset, then adds pairs *after* it by
one candidate rule at a time and scores each variant as bench_matching does (micro P/R/F1 over
the gold's pairs). A rule appended at the end of the matcher would give these figures; none is
in the matcher (none raised birth or asset without lowering ua below its 0.741 or a Swedish
set's precision: bench/RESULTS-matching.md "Branch pm12"). The rules:

* ``transitive``: x of A with y of B when x ~ z (A against C) and z ~ y (C against B) for at
  least k third models C of the same collection (the contest's "n-ary" evidence; birth and ua
  are complete collections, every pair of their models is a test pair; asset's pairs share no
  model, so the rule has nothing to work with there). ``free`` = only where x and y are both
  unmatched, ``one free`` = at least one of them, ``1:1`` = and each is the other's only
  such candidate.
* ``co-group``: y of B already matched to x; a step y' of B unmatched here joins x when y and
  y' share a partner (are grouped together) against at least k other models of the collection.
* ``virtual document``: both steps unmatched and each the other's best by the cosine of their
  virtual documents (label words + neighbours' label words at weight w, Snowball stems, idf
  over all steps of the collection) at or above a bar.
* ``verb``: both steps unmatched, the same first word (English imperative verb, stemmed), and
  each the other's only such candidate; ``verb or object`` also counts a shared later word.
* ``loop``: a step unmatched here that lies on a cycle with a matched step (through unmatched
  steps and gateways only) joins that step's correspondence.
* ``gold consistency`` (printed last): the transitive rule run on the gold lists themselves.
* ``ceiling``: not a rule, the gold read back: every gold block (connected component of the
  gold's pairs) that holds at least one pair the matcher found counted as found in full.

    .venv/bin/python bench/matching_collection_probe.py --pmmc /work/data/pmmc2015 [--held-out]

``--held-out`` adds the Swedish sets that ``bench_matching.py --held-out`` scores (sv to sv-r11),
in a second table; they are pairs of two models, so the collection rules have nothing there.

Writes nothing; bench/RESULTS-matching.md "Branch pm12" records the table it printed.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import snowballstemmer

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_matching as bm  # noqa: E402

from processes.model import Definitions, Event, Task  # noqa: E402

Pairs = set[tuple[str, str]]
Found = dict[tuple[str, str], frozenset[tuple[str, str]]]
_STEM = snowballstemmer.stemmer("english")
_STOP = frozenset("a an the of to in on for and or with by at from is are be if it its as via".split())


def _key(pair: bm.Pair) -> tuple[str, str]:
    a, bar, b = pair.name.partition("|")
    return (a, b) if bar else (f"{a}/a", f"{a}/b")  # a Swedish pair: its two models, no third


def _words(label: str) -> list[str]:
    return [_STEM.stemWord(w) for w in re.findall(r"[a-z]+", label.lower()) if w not in _STOP and len(w) > 1]


def _graph(defs: Definitions) -> tuple[dict[str, str], dict[str, set[str]], dict[str, set[str]]]:
    """Steps (tasks and events) with their labels, and each step's successor and predecessor
    steps reached through gateways only."""
    succ: dict[str, set[str]] = {}
    pred: dict[str, set[str]] = {}
    steps: dict[str, str] = {}
    for proc in defs.processes:
        for node in proc.nodes.values():
            if isinstance(node, (Task, Event)):
                steps[node.id] = node.name or ""
        for flow in proc.flows.values():
            succ.setdefault(flow.source, set()).add(flow.target)
            pred.setdefault(flow.target, set()).add(flow.source)

    def through(step: str, edges: dict[str, set[str]]) -> set[str]:
        seen: set[str] = set()
        stack = list(edges.get(step, ()))
        out = set()
        while stack:
            u = stack.pop()
            if u in seen:
                continue
            seen.add(u)
            if u in steps:
                out.add(u)
            else:
                stack.extend(edges.get(u, ()))
        return out

    return steps, {s: through(s, succ) for s in steps}, {s: through(s, pred) for s in steps}


def _both_ways(found: Found) -> dict[tuple[str, str], Pairs]:
    rel: dict[tuple[str, str], Pairs] = {}
    for (a, b), f in found.items():
        rel[(a, b)] = set(f)
        rel[(b, a)] = {(y, x) for x, y in f}
    return rel


def transitive(k: int, mode: str) -> Callable[..., Pairs]:
    def rule(pair: bm.Pair, found: Found, rel: dict[tuple[str, str], Pairs], models: list[str]) -> Pairs:
        a, b = _key(pair)
        base = found[(a, b)]
        votes: dict[tuple[str, str], int] = {}
        for c in models:
            if c in (a, b) or (a, c) not in rel or (c, b) not in rel:
                continue
            by_z: dict[str, set[str]] = {}
            for z, y in rel[(c, b)]:
                by_z.setdefault(z, set()).add(y)
            for xy in {(x, y) for x, z in rel[(a, c)] for y in by_z.get(z, ())}:
                votes[xy] = votes.get(xy, 0) + 1
        ma, mb = {x for x, _ in base}, {y for _, y in base}
        cand = {xy for xy, v in votes.items() if v >= k} - base
        if mode in ("free", "1:1"):
            cand = {(x, y) for x, y in cand if x not in ma and y not in mb}
        elif mode == "one free":
            cand = {(x, y) for x, y in cand if x not in ma or y not in mb}
        if mode == "1:1":
            cand = _unique(cand)
        return cand

    return rule


def co_group(k: int) -> Callable[..., Pairs]:
    def rule(pair: bm.Pair, found: Found, rel: dict[tuple[str, str], Pairs], models: list[str]) -> Pairs:
        a, b = _key(pair)
        together: dict[tuple[str, str, str], set[str]] = {}  # (model, z1, z2) -> other models
        for (m, o), f in rel.items():
            if o in (a, b):
                continue
            by_y: dict[str, set[str]] = {}
            for z, y in f:
                by_y.setdefault(y, set()).add(z)
            for zs in by_y.values():
                for z1 in zs:
                    for z2 in zs - {z1}:
                        together.setdefault((m, z1, z2), set()).add(o)
        base = found[(a, b)]
        ma, mb = {x for x, _ in base}, {y for _, y in base}
        out = set()
        for x, y in base:
            for (m, z1, z2), others in together.items():
                if len(others) < k:
                    continue
                if m == b and z1 == y and z2 not in mb:
                    out.add((x, z2))
                if m == a and z1 == x and z2 not in ma:
                    out.add((z2, y))
        return out

    return rule


def virtual_document(weight: float, bar: float) -> Callable[..., Pairs]:
    memo: dict[tuple[str, ...], tuple[dict[str, dict[str, dict[str, float]]], dict[str, float]]] = {}

    def docs_of(models: dict[str, Definitions]) -> tuple[dict[str, dict[str, dict[str, float]]], dict[str, float]]:
        key = tuple(sorted(models))
        if key not in memo:
            docs: dict[str, dict[str, dict[str, float]]] = {}
            df: dict[str, int] = {}
            n = 0
            for name, defs in models.items():
                steps, succ, pred = _graph(defs)
                docs[name] = {}
                for s, label in steps.items():
                    d: dict[str, float] = {}
                    for w in _words(label):
                        d[w] = d.get(w, 0.0) + 1.0
                    for nb in succ[s] | pred[s]:
                        for w in _words(steps[nb]):
                            d[w] = d.get(w, 0.0) + weight
                    docs[name][s] = d
                    n += 1
                    for w in d:
                        df[w] = df.get(w, 0) + 1
            memo[key] = (docs, {w: math.log(n / c) for w, c in df.items()})
        return memo[key]

    def rule(pair: bm.Pair, found: Found, rel: dict[tuple[str, str], Pairs], models: list[str],
             defs: dict[str, Definitions]) -> Pairs:
        docs, idf = docs_of(defs)
        a, b = _key(pair)
        base = found[(a, b)]
        fa = sorted(pair.scored_a - {x for x, _ in base})
        fb = sorted(pair.scored_b - {y for _, y in base})

        def cos(u: dict[str, float], v: dict[str, float]) -> float:
            num = sum(c * v[w] * idf[w] ** 2 for w, c in u.items() if w in v)
            if not num:
                return 0.0
            nu = math.sqrt(sum((c * idf[w]) ** 2 for w, c in u.items()))
            nv = math.sqrt(sum((c * idf[w]) ** 2 for w, c in v.items()))
            return num / (nu * nv)

        sim = {(x, y): cos(docs[a][x], docs[b][y]) for x in fa for y in fb}
        out = set()
        for x in fa:
            if not fb:
                break
            y = max(fb, key=lambda y: (sim[(x, y)], y))
            if sim[(x, y)] >= bar and max(fa, key=lambda x2: (sim[(x2, y)], x2)) == x:
                out.add((x, y))
        return out

    rule.needs_models = True  # type: ignore[attr-defined]
    return rule


def verb(with_object: bool) -> Callable[..., Pairs]:
    def rule(pair: bm.Pair, found: Found, rel: dict[tuple[str, str], Pairs], models: list[str]) -> Pairs:
        a, b = _key(pair)
        base = found[(a, b)]
        la = {n.id: n.name or "" for p in pair.a.processes for n in p.nodes.values()}
        lb = {n.id: n.name or "" for p in pair.b.processes for n in p.nodes.values()}
        fa = sorted(pair.scored_a - {x for x, _ in base})
        fb = sorted(pair.scored_b - {y for _, y in base})
        wa = {x: _words(la[x]) for x in fa}
        wb = {y: _words(lb[y]) for y in fb}

        def alike(x: str, y: str) -> bool:
            if not wa[x] or not wb[y]:
                return False
            if wa[x][0] == wb[y][0]:
                return True
            return with_object and bool(set(wa[x][1:]) & set(wb[y][1:]))

        return _unique({(x, y) for x in fa for y in fb if alike(x, y)})

    return rule


def loop(pair: bm.Pair, found: Found, rel: dict[tuple[str, str], Pairs], models: list[str]) -> Pairs:
    a, b = _key(pair)
    base = found[(a, b)]
    _, succ_a, _ = _graph(pair.a)
    _, succ_b, _ = _graph(pair.b)
    free_a = set(pair.scored_a) - {x for x, _ in base}
    free_b = set(pair.scored_b) - {y for _, y in base}

    def reach(succ: dict[str, set[str]], start: str, allowed: set[str]) -> set[str]:
        seen: set[str] = set()
        stack = [start]
        while stack:
            for v in succ.get(stack.pop(), ()):
                if v in allowed and v not in seen:
                    seen.add(v)
                    stack.append(v)
        return seen

    def on_cycle(succ: dict[str, set[str]], step: str, free: set[str]) -> set[str]:
        allowed = free | {step}
        return {z for z in reach(succ, step, allowed) - {step} if step in reach(succ, z, allowed)}

    out = set()
    for x, y in base:
        out |= {(x, z) for z in on_cycle(succ_b, y, free_b)}
        out |= {(z, y) for z in on_cycle(succ_a, x, free_a)}
    return out


def _unique(cand: Iterable[tuple[str, str]]) -> Pairs:
    cand = set(cand)
    cx: dict[str, int] = {}
    cy: dict[str, int] = {}
    for x, y in cand:
        cx[x] = cx.get(x, 0) + 1
        cy[y] = cy.get(y, 0) + 1
    return {(x, y) for x, y in cand if cx[x] == 1 and cy[y] == 1}


def ceiling(pair: bm.Pair, found: Found, rel: dict[tuple[str, str], Pairs], models: list[str]) -> Pairs:
    """The gold's blocks that hold a found pair, in full (an upper bound, not a rule)."""
    base = found[_key(pair)]
    adj: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for x, y in pair.gold:
        adj.setdefault(("a", x), set()).add(("b", y))
        adj.setdefault(("b", y), set()).add(("a", x))
    out: Pairs = set()
    seen: set[tuple[str, str]] = set()
    for start in sorted(adj):
        if start in seen:
            continue
        comp: set[tuple[str, str]] = set()
        stack = [start]
        while stack:
            u = stack.pop()
            if u not in comp:
                comp.add(u)
                stack.extend(adj[u])
        seen |= comp
        block = {(x, y) for x, y in pair.gold if ("a", x) in comp}
        if block & base:
            out |= block
    return out


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pmmc", type=Path, default=Path("/work/data/pmmc2015"))
    parser.add_argument(
        "--held-out", action="store_true",
        help="also the Swedish sets sv, sv-held, sv-r2 ... sv-r11 (those bench_matching.py --held-out scored on "
             "branch pm12; pairs only: no third model)",
    )
    args = parser.parse_args()
    sets: dict[str, list[bm.Pair]] = {}
    if (bm.SHARED_UA / "gold.json").is_file():
        sets["ua"] = list(bm.ua_pairs())
    for name, folder in (("birth", "birth"), ("asset", "sap")):
        if (args.pmmc / "pnml" / folder).is_dir():
            sets[name] = list(bm.pnml_pairs(args.pmmc, folder))
    if not sets:
        print(f"no matching set found (ua: {bm.SHARED_UA}, PMMC: {args.pmmc})", file=sys.stderr)
        return 2
    swedish: dict[str, list[bm.Pair]] = {}
    if args.held_out:
        swedish["sv"] = list(bm.swedish_pairs(("p1", "p2", "p3")))
        swedish["sv-held"] = list(bm.swedish_pairs(bm.HELD_OUT))
        for n in range(2, 12):  # the rounds bench_matching.py --held-out scored on branch pm12, no later one
            swedish[f"sv-r{n}"] = list(bm.swedish_pairs(getattr(bm, f"ROUND_{n}")))
    found = {s: {_key(p): bm.found_pairs(p) for p in pairs} for s, pairs in (sets | swedish).items()}
    variants: list[tuple[str, Callable[..., Pairs] | None]] = [("none (the matcher as committed)", None)]
    for mode in ("any", "free", "one free", "1:1"):
        for k in (1, 2):
            variants.append((f"transitive, {mode}, k >= {k}", transitive(k, mode)))
    variants += [(f"co-group, k >= {k}", co_group(k)) for k in (1, 2)]
    variants += [(f"virtual document, w {w}, bar {bar}", virtual_document(w, bar)) for w in (0.5, 1.0) for bar in (0.4, 0.5)]
    variants += [("verb", verb(False)), ("verb or object", verb(True)), ("loop", loop)]
    variants.append(("ceiling: found gold blocks in full (gold read back; not a rule)", ceiling))
    rows: dict[str, list[tuple[int, int, float, float, float]]] = {}
    for label, rule in variants:
        rows[label] = [_variant(rule, pairs, found[s]) for s, pairs in (sets | swedish).items()]
    print("| variant | " + " | ".join(f"{s}: added right / wrong | {s}: P / R / **F1**" for s in sets) + " |")
    print("|---|" + "---|---|" * len(sets))
    for label, cells in rows.items():
        shown = [f"{g} / {b} | {p:.3f} / {r:.3f} / **{f:.3f}**" for g, b, p, r, f in cells[: len(sets)]]
        print(f"| {label} | " + " | ".join(shown) + " |")
    if swedish:
        print()
        print("| variant (Swedish: P / R, added right / wrong) | " + " | ".join(swedish) + " |")
        print("|---|" + "---|" * len(swedish))
        for label, cells in rows.items():
            shown = [f"{p:.3f} / {r:.3f} (+{g} / {b})" for g, b, p, r, _ in cells[len(sets):]]
            print(f"| {label} | " + " | ".join(shown) + " |")
    print()
    for s, pairs in sets.items():
        gold = {_key(p): p.gold for p in pairs}
        rel, models = _both_ways(gold), sorted({m for k in gold for m in k})
        implied = [
            sum(len({(x, y) for x, y in transitive(k, "any")(p, gold, rel, models)
                     if x in p.scored_a and y in p.scored_b}) for p in pairs)
            for k in (1, 2)
        ]
        print(f"{s}: gold {sum(len(g) for g in gold.values())} pairs; pairs the gold of other pairs implies through "
              f">= 1 / >= 2 third models that this pair's gold leaves out: {implied[0]} / {implied[1]}")
    return 0


def _variant(
    rule: Callable[..., Pairs] | None, pairs: list[bm.Pair], found: Found
) -> tuple[int, int, float, float, float]:
    """Pairs added right and wrong by ``rule`` over a set, and the set's micro P, R, F1 after."""
    rel = _both_ways(found)
    defs = {}
    for p in pairs:
        a, b = _key(p)
        defs[a], defs[b] = p.a, p.b
    models = sorted(defs)
    tp = fp = fn = good = bad = 0
    for p in pairs:
        base = set(found[_key(p)])
        extra: Pairs = set()
        if rule is not None:
            if getattr(rule, "needs_models", False):
                extra = rule(p, found, rel, models, defs)
            else:
                extra = rule(p, found, rel, models)
        extra = {(x, y) for x, y in extra if x in p.scored_a and y in p.scored_b} - base
        good += len(extra & p.gold)
        bad += len(extra - p.gold)
        got = base | extra
        tp += len(got & p.gold)
        fp += len(got - p.gold)
        fn += len(p.gold - got)
    return (good, bad, *_prf(tp, fp, fn))


if __name__ == "__main__":
    raise SystemExit(main())
