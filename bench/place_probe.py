"""Where the matcher's misses stand: the uncertain tier's top candidates by kind of place.

For every development set (ua, birth, asset with ``--pmmc``; Swedish p1-p55 — never the
held-out round sv-r16, p56-p59, or later) the committed matcher runs once per pair; then every
unmatched step's top candidate in the uncertain tier is classified by the kind of place it
stands in, and counted as in the gold list or not:

* ``1:1``   the step and its candidate are the only leftovers (of any kind) between the same
            matched steps on each side (the same correspondences met first walking back and
            walking forward);
* ``1:2-3`` the same place, one leftover on one side and two or three on the other;
* ``n:m``   the same place, wider;
* ``other`` not the same place (related labels elsewhere, shared neighbours only, endpoints).

Each kind is split by the step kinds (task/task, event/event, event/task), by label band
(0, under 0.2, 0.2-0.3, at least 0.3), by whether the two are each other's top candidate
(mutual), by whether both sit in a plain sequence (one step before, one after, neither
branching) and by whether the matched steps around them are one-to-one.

Then the rules to promote a kind to a match are scored as the bench would score them (pairs
of steps the gold can name): added right / wrong per set, and micro P / R / F1 after.

    .venv/bin/python bench/place_probe.py --pmmc /work/data/pmmc2015

Writes nothing; bench/RESULTS-matching.md ("Branch place5") records its output.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_matching as bm  # noqa: E402

from processes.diff import diff_prepared, lexicon_for, prepare  # noqa: E402
from processes.diff.labelsim import label_matrix  # noqa: E402
from processes.diff.matchtypes import family, ids_on  # noqa: E402
from processes.diff.relations import Profile  # noqa: E402
from processes.diff.text import Lexicon  # noqa: E402
from processes.diff.tiers import step_places  # noqa: E402
from processes.diff.view import ModelView  # noqa: E402

#: the development sets (sv-r16 and later are held out: never named here)
SWEDISH = {
    "sv": ("p1", "p2", "p3"),
    "sv-held": bm.HELD_OUT,
    "sv-r2": bm.ROUND_2,
    "sv-r3": bm.ROUND_3,
    "sv-r4": bm.ROUND_4,
    "sv-r5": bm.ROUND_5,
    "sv-r6": bm.ROUND_6,
    "sv-r7": bm.ROUND_7,
    "sv-r8": bm.ROUND_8,
    "sv-r9": bm.ROUND_9,
    "sv-r10": bm.ROUND_10,
    "sv-r11": bm.ROUND_11,
    "sv-r12": bm.ROUND_12,
    "sv-r13": bm.ROUND_13,
    "sv-r14": bm.ROUND_14,
    "sv-r15": bm.ROUND_15,
}


@dataclass(frozen=True)
class Top:
    """One unmatched step's top candidate, with what the probe knows of its place."""

    set: str
    pair: str
    x: str  # A's step id (whichever side asked)
    y: str  # B's step id
    side: str  # which side's step asked ("a" or "b")
    gold: bool
    scored: bool
    place: str  # 1:1, 1:2-3, n:m, other
    kinds: str  # task/task, event/event, event/task
    band: str
    mutual: bool
    sequence: bool
    one_to_one: bool
    y_free: bool
    label: float
    score: float
    optional_same: bool  # both optional (on a choice branch) or both mandatory
    behaviour: float  # share of one-to-one matches that x and y relate to alike
    performer: bool  # the same performer label (both named, label similarity >= 0.5) or neither named


def _band(label: float) -> str:
    if label == 0.0:
        return "0"
    if label < 0.2:
        return "<0.2"
    if label < 0.3:
        return "0.2-0.3"
    return ">=0.3"


def _chain(view: ModelView, s: str) -> bool:
    """One step before and one after, the one before leads only here, the one after is
    reached only from here (no choice or parallel branch at either end)."""
    p, n = view.predecessors(s), view.successors(s)
    return len(p) == 1 and len(n) == 1 and view.successors(p[0]) == (s,) and view.predecessors(n[0]) == (s,)


def _behaviour(pa: Profile, pb: Profile, x: str, y: str, singles: list[tuple[str, str]]) -> float:
    pairs = [(u, v) for u, v in singles if u in pa.bit and v in pb.bit and u != x and v != y]
    if x not in pa.bit or y not in pb.bit or not pairs:
        return 1.0
    return sum(pa.relation(x, u) == pb.relation(y, v) for u, v in pairs) / len(pairs)


def _performer(lex: Lexicon, p: str, q: str, langs: dict[str, str]) -> bool:
    if not p or not q:
        return not p and not q
    return float(label_matrix(lex, [p], [q], lang_a=langs["a"], lang_b=langs["b"], weighted=False).ravel()[0]) >= 0.5


def _best(matrix: tuple, cell: tuple[int, int], leftovers: bool) -> bool:
    """Each the other's best by combined score among the other model's steps of its family
    (``leftovers``: only those left over)."""
    sc, fam_a, fam_b, free_a, free_b = matrix
    i, j = cell
    cols = [k for k in range(len(fam_b)) if fam_b[k] == fam_a[i] and (free_b[k] or not leftovers)]
    rows = [k for k in range(len(fam_a)) if fam_a[k] == fam_b[j] and (free_a[k] or not leftovers)]
    return bool(max(sc[i, k] for k in cols) <= sc[i, j] and max(sc[k, j] for k in rows) <= sc[i, j])


def tops(set_name: str, pairs: Iterator[bm.Pair]) -> Iterator[tuple[bm.Pair, list[Top], frozenset[tuple[str, str]]]]:
    for pair in pairs:
        ca, cb = prepare(pair.a, "A"), prepare(pair.b, "B")
        lex = lexicon_for((ca, cb))
        diff = diff_prepared(ca, cb, lex)
        found = frozenset((x, y) for m in diff.matches for x in m.a for y in m.b)
        views = {"a": ca.view, "b": cb.view}
        units = {s: {i: k for k, m in enumerate(diff.matches) for i in ids_on(m, s)} for s in "ab"}
        sizes = {s: {k: len(ids_on(m, s)) for k, m in enumerate(diff.matches)} for s in "ab"}
        places = {s: step_places(views[s], units[s]) for s in "ab"}
        crowd = {s: Counter(places[s].values()) for s in "ab"}
        top = {(u.side, u.step): u.candidates[0] for u in diff.uncertain}
        profiles = {"a": ca.profile, "b": cb.profile}
        langs = {"a": ca.language, "b": cb.language}
        singles = [(m.a[0], m.b[0]) for m in diff.matches if len(m.a) == 1 and len(m.b) == 1]
        out = []
        for (side, step), cand in top.items():
            other = "b" if side == "a" else "a"
            partner = cand.ids[0]
            x, y = (step, partner) if side == "a" else (partner, step)
            here, there = places[side].get(step), places[other].get(partner)
            if here is not None and here == there and here[0] and here[1]:
                n1, n2 = sorted((crowd[side][here], crowd[other][there]))
                place = "1:1" if n2 == 1 else ("1:2-3" if n1 == 1 and n2 <= 3 else "n:m")
            else:
                place = "other"
            s1, s2 = views[side].steps[step], views[other].steps[partner]
            f1, f2 = family(s1), family(s2)
            kinds = "task/task" if f1 == f2 == "activity" else ("event/event" if f1 == f2 else "event/task")
            back = top.get((other, partner))
            mutual = back is not None and back.ids[0] == step
            around = (here[0] | here[1]) if here else frozenset()
            one_to_one = bool(around) and all(sizes["a"][k] == 1 and sizes["b"][k] == 1 for k in around)
            out.append(
                Top(
                    set_name, pair.name, x, y, side, (x, y) in pair.gold,
                    x in pair.scored_a and y in pair.scored_b, place, kinds, _band(cand.label), mutual,
                    _chain(views[side], step) and _chain(views[other], partner), one_to_one,
                    partner not in units[other], cand.label, cand.score,
                    (x in profiles["a"].optional) == (y in profiles["b"].optional),
                    _behaviour(profiles["a"], profiles["b"], x, y, singles),
                    _performer(lex, views["a"].steps[x].performer, views["b"].steps[y].performer, langs),
                )
            )
        slots = []
        lab_of: dict[tuple[str, str], float] = {}
        matrix: tuple = ()
        if len(ca.view.steps) and len(cb.view.steps):
            from processes.diff.matching import pair_scores

            sc, lab = pair_scores(ca.view, cb.view, lex, lang_a=ca.language, lang_b=cb.language)
            ia = {s: i for i, s in enumerate(ca.view.steps)}
            ib = {s: j for j, s in enumerate(cb.view.steps)}
            lab_of = {(x, y): float(lab[ia[x], ib[y]]) for x in places["a"] for y in places["b"]}
            fam_a = [family(s) for s in ca.view.steps.values()]
            fam_b = [family(s) for s in cb.view.steps.values()]
            free_a = [s not in units["a"] for s in ca.view.steps]
            free_b = [s not in units["b"] for s in cb.view.steps]

            matrix = (sc, fam_a, fam_b, free_a, free_b)
        for key in set(crowd["a"]) & set(crowd["b"]):
            if not key[0] or not key[1]:
                continue
            xs = [s for s, k in places["a"].items() if k == key]
            ys = [s for s, k in places["b"].items() if k == key]
            shape = f"{len(xs)}:{len(ys)}"
            for x in xs:
                for y in ys:
                    fx, fy = family(ca.view.steps[x]), family(cb.view.steps[y])
                    kinds = "task/task" if fx == fy == "activity" else ("event/event" if fx == fy else "event/task")
                    cell = (ia[x], ib[y])
                    mutual = (_best(matrix, cell, True), _best(matrix, cell, False)) if kinds != "event/task" else (False, False)
                    slots.append((shape, kinds, _band(lab_of[(x, y)]), (x, y) in pair.gold,
                                  x in pair.scored_a and y in pair.scored_b, x, y, lab_of[(x, y)], mutual))
        # anywhere (not only in one place): two leftovers of one family, labels >= 0.2, each the
        # other's best by combined score among all the other's steps of its family; and their
        # behavioural-profile agreement with the one-to-one matches
        anywhere = []
        if matrix:
            for x in places["a"]:
                for y in places["b"]:
                    if fam_a[ia[x]] != fam_b[ib[y]] or lab_of[(x, y)] < 0.2 or not _best(matrix, (ia[x], ib[y]), False):
                        continue
                    anywhere.append(
                        ((x, y) in pair.gold, x in pair.scored_a and y in pair.scored_b,
                         _behaviour(profiles["a"], profiles["b"], x, y, singles), places["a"][x] == places["b"][y])
                    )
        yield pair, out, found, (slots, anywhere)


def _rules() -> dict[str, Callable[[Top], bool]]:
    base = lambda t: t.y_free and t.mutual and t.place == "1:1"  # noqa: E731
    return {
        "1:1 mutual": base,
        "1:1 mutual task/task": lambda t: base(t) and t.kinds == "task/task",
        "1:1 mutual same family": lambda t: base(t) and t.kinds != "event/task",
        "1:1 mutual task/task sequence": lambda t: base(t) and t.kinds == "task/task" and t.sequence,
        "1:1 mutual task/task 1:1 neighbours": lambda t: base(t) and t.kinds == "task/task" and t.one_to_one,
        "1:1 mutual task/task sequence 1:1 neighbours": (
            lambda t: base(t) and t.kinds == "task/task" and t.sequence and t.one_to_one
        ),
        "1:1 mutual same family sequence 1:1 neighbours": (
            lambda t: base(t) and t.kinds != "event/task" and t.sequence and t.one_to_one
        ),
        "1:1 mutual same family sequence": lambda t: base(t) and t.kinds != "event/task" and t.sequence,
        "1:1 mutual shared word": lambda t: base(t) and t.label > 0,
        "1:1 mutual task/task shared word": lambda t: base(t) and t.kinds == "task/task" and t.label > 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pmmc", type=Path, default=Path("/work/data/pmmc2015"))
    parser.add_argument("--list", action="store_true", help="list every 1:1 top candidate pair")
    args = parser.parse_args()
    sources: dict[str, Callable[[], Iterator[bm.Pair]]] = {}
    if (bm.SHARED_UA / "gold.json").is_file():
        sources["ua"] = bm.ua_pairs
    if (args.pmmc / "pnml" / "birth").is_dir():
        sources["birth"] = lambda: bm.pnml_pairs(args.pmmc, "birth")
        sources["asset"] = lambda: bm.pnml_pairs(args.pmmc, "sap")
    for name, names in SWEDISH.items():
        sources[name] = lambda names=names: bm.swedish_pairs(names)
    rules = _rules()
    kinds: Counter[tuple[str, ...]] = Counter()
    missed: Counter[tuple[str, ...]] = Counter()
    per_rule: dict[str, Counter[tuple[str, str]]] = {r: Counter() for r in rules}
    base_counts: dict[str, tuple[int, int, int]] = {}
    slot_kinds: Counter[tuple[str, ...]] = Counter()
    slot_rules: Counter[tuple[str, str, str]] = Counter()
    for set_name, make in sources.items():
        tp = fp = fn = 0
        for pair, found_tops, found, (slots, anywhere) in tops(set_name, make()):
            for is_gold, scored, agree, same in anywhere:
                if not scored:
                    continue
                for name, ok in (("anywhere", True), ("anywhere, profile agrees in full", agree == 1.0),
                                 ("anywhere, profile agrees >= 0.9", agree >= 0.9),
                                 ("anywhere, not in the same place, profile agrees in full", agree == 1.0 and not same)):
                    if ok:
                        slot_rules[(name, set_name, "right" if is_gold else "wrong")] += 1
            group = "sv" if set_name.startswith("sv") else set_name
            for shape, kinds_, band, is_gold, scored, x, y, lab, mutual in slots:
                if shape == "1:1" and kinds_ != "event/task" and lab >= 0.2:
                    for name, ok in (("slot", True), ("slot, mutual among leftovers", mutual[0]),
                                     ("slot, mutual among all", mutual[1])):
                        if ok and scored:
                            slot_rules[(name, set_name, "right" if is_gold else "wrong")] += 1
                if scored:
                    n1, n2 = sorted(int(v) for v in shape.split(":"))
                    wide = "1:1" if n2 == 1 else ("1:2-3" if n1 == 1 and n2 <= 3 else "n:m")
                    slot_kinds[(group, wide, kinds_, band, "gold" if is_gold else "not")] += 1
                    if wide == "1:1" and args.list:
                        la = pair.a.processes and next(n.name for p in pair.a.processes for n in p.nodes.values() if n.id == x)
                        lb = next(n.name for p in pair.b.processes for n in p.nodes.values() if n.id == y)
                        print(f"  SLOT {'GOLD' if is_gold else 'not '} {set_name} {pair.name} {kinds_} lab={lab:.2f}: {la!r} = {lb!r}")
            scored_found = {(x, y) for x, y in found if x in pair.scored_a and y in pair.scored_b}
            tp += len(scored_found & pair.gold)
            fp += len(scored_found - pair.gold)
            fn += len(pair.gold - scored_found)
            by_pair = {(t.x, t.y): t for t in found_tops}
            for t in by_pair.values():
                group = "sv" if set_name.startswith("sv") else set_name
                if not t.scored:
                    continue
                key = (group, t.place, t.kinds, t.band, "mutual" if t.mutual else "one-way", "free" if t.y_free else "taken")
                kinds[key + ("gold" if t.gold else "not",)] += 1
                for r, rule in rules.items():
                    if rule(t):
                        per_rule[r][(set_name, "right" if t.gold else "wrong")] += 1
            for x, y in pair.gold - found:
                t = by_pair.get((x, y))
                group = "sv" if set_name.startswith("sv") else set_name
                missed[(group, t.place if t else "not a top candidate")] += 1
            if args.list:
                for t in sorted(by_pair.values(), key=lambda t: (t.x, t.y)):
                    if t.place == "1:1" and t.mutual and t.y_free and t.scored:
                        la = next(n.name for p in pair.a.processes for n in p.nodes.values() if n.id == t.x)
                        lb = next(n.name for p in pair.b.processes for n in p.nodes.values() if n.id == t.y)
                        print(
                            f"  {'GOLD' if t.gold else 'not '} {set_name} {pair.name} {t.kinds} seq={t.sequence} "
                            f"1:1n={t.one_to_one} lab={t.label:.2f} score={t.score:.2f} opt={t.optional_same} "
                            f"bp={t.behaviour:.2f} perf={t.performer}: {la!r} = {lb!r}"
                        )
        base_counts[set_name] = (tp, fp, fn)
    print("## Missed gold pairs (scored) by the top-candidate kind of their pair")
    print("| group | where | missed |")
    print("|---|---|---|")
    for key, n in sorted(missed.items()):
        print(f"| {key[0]} | {key[1]} | {n} |")
    print()
    print("## Top candidates (each pair once; scored steps) by kind: gold / not gold")
    print("| group | place | kinds | label | mutual | partner | gold | not gold |")
    print("|---|---|---|---|---|---|---|---|")
    rows = sorted({k[:-1] for k in kinds})
    for k in rows:
        print(f"| {' | '.join(k)} | {kinds[k + ('gold',)]} | {kinds[k + ('not',)]} |")
    print()
    print("## Every pair of leftovers in the same place (scored steps), by the place's shape: gold / not gold")
    print("| group | shape | kinds | label | gold | not gold |")
    print("|---|---|---|---|---|---|")
    for k in sorted({k[:-1] for k in slot_kinds}):
        print(f"| {' | '.join(k)} | {slot_kinds[k + ('gold',)]} | {slot_kinds[k + ('not',)]} |")
    print()
    print("## Slot rules (1:1 place, same family, labels >= 0.2): right / wrong per set")
    for name in ("slot", "slot, mutual among leftovers", "slot, mutual among all", "anywhere",
                 "anywhere, profile agrees in full", "anywhere, profile agrees >= 0.9",
                 "anywhere, not in the same place, profile agrees in full"):
        right = sum(n for (r, _, w), n in slot_rules.items() if r == name and w == "right")
        wrong = sum(n for (r, _, w), n in slot_rules.items() if r == name and w == "wrong")
        print(f"- {name}: {right} right / {wrong} wrong in all")
        cells = [f"{s} +{slot_rules[(name, s, 'right')]}/{slot_rules[(name, s, 'wrong')]}"
                 for s in sources if slot_rules[(name, s, "right")] or slot_rules[(name, s, "wrong")]]
        print(f"- {name}: " + "; ".join(cells))
    print()
    print("## Rules: promote the kind to a match (right / wrong added; micro F1 before -> after)")
    for r in rules:
        right = sum(n for (s, w), n in per_rule[r].items() if w == "right")
        wrong = sum(n for (s, w), n in per_rule[r].items() if w == "wrong")
        prec = right / (right + wrong) if right + wrong else float("nan")
        print(f"### {r}: {right} right / {wrong} wrong, precision {prec:.3f}")
        cells = []
        for s, (tp, fp, fn) in base_counts.items():
            a, w = per_rule[r][(s, "right")], per_rule[r][(s, "wrong")]
            _, _, f0 = bm._prf(tp, fp, fn)
            p1, r1, f1 = bm._prf(tp + a, fp + w, fn - a)
            cells.append(f"{s} +{a}/{w} {f0:.3f}->{f1:.3f} (P {p1:.3f})")
        print("    " + "; ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
