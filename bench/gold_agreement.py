"""How far two careful people agree on the correspondences of a model pair, and the matcher against both.

Issue 11 judges the matcher against gold lists that one person wrote. For the pairs that also have a
second list, ``bench/matching/sv/pNN/gold2.yaml``, written blind to the first by someone else with the same
conventions, this reports per round and pooled (pairs are the cross product of each ``confirm`` entry and
every non-gateway step is scored, as in bench/bench_matching.py):

* **the two lists**: the second scored against the first as if it were a matcher (P, R and their F1, which
  is the Dice coefficient 2|G1 ∩ G2| / (|G1| + |G2|) and so symmetric), and the steps each leaves "only in
  one model" (Dice of the two sets);
* **where they differ**, step by step: a step with partners in both lists but not the same ones, sharing
  at least one (*granularity*: one list draws a one-to-many the other does not) or none (*other partner*),
  and a step with a partner in one list and none in the other (*only in one list*);
* **the matcher** (unchanged, the default configuration) against the first list, the second, the pairs
  both drew (recall on the *consensus*) and the pairs either drew (precision on the *union*), its "only in
  one model" claims wrong by the first list, by the second and by both (a step that list pairs), and the
  probabilistic precision and recall of Kuss, Leopold, van der Aa, Stuckenschmidt and Reijers (ER 2016):
  a correspondence c drawn by k of the n lists has support s(c) = k / n;
  ProP = sum of s(c) over the matcher's pairs with support / (that sum + the matcher's pairs without),
  ProR = sum of s(c) over the matcher's pairs / sum of s(c) over every pair drawn.

The held-out round sv-r26 is run through the matcher only with ``--held-out`` (the two lists'
agreement involves no matcher and is always reported).

    .venv/bin/python bench/gold_agreement.py [--held-out] [--sets sv-r25 sv-r27 ...]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

import bench_matching as bm  # noqa: E402  (the pairs and gold lists, read as the matching bench reads them)

from processes.diff import parse_decisions  # noqa: E402

Link = tuple[str, str]
Side = tuple[str, str]  # ("a" or "b", step id)

#: rounds with second gold lists; sv-r26 is the held-out round (the matcher only with --held-out)
ROUNDS: dict[str, tuple[str, ...]] = {
    "sv-r25": bm.ROUND_25,
    "sv-r26": bm.ROUND_26,
    "sv-r27": bm.ROUND_27,
    "sv-r28": bm.ROUND_28,
}
HELD_OUT = frozenset({"sv-r26"})


def read_gold(path: Path) -> frozenset[Link]:
    """The pairs of a gold list (match-decisions format): each ``confirm`` entry's cross product."""
    decisions = parse_decisions(path.read_bytes(), source=str(path))
    return frozenset((x, y) for d in decisions.confirm for x in d.a for y in d.b)


def support(lists: Sequence[frozenset[Link]]) -> dict[Link, float]:
    """Every pair drawn in any of ``lists``: the share of the lists that draw it.

    >>> sorted(support([frozenset({("x", "y")}), frozenset({("x", "y"), ("x", "z")})]).items())
    [(('x', 'y'), 1.0), (('x', 'z'), 0.5)]
    """
    out: dict[Link, float] = {}
    for links in lists:
        for link in links:
            out[link] = out.get(link, 0.0) + 1.0 / len(lists)
    return out


def partners(links: Iterable[Link]) -> dict[Side, frozenset[Side]]:
    """Each step's partners in ``links``, both sides."""
    out: dict[Side, set[Side]] = {}
    for x, y in links:
        out.setdefault(("a", x), set()).add(("b", y))
        out.setdefault(("b", y), set()).add(("a", x))
    return {step: frozenset(p) for step, p in out.items()}


def differences(first: frozenset[Link], second: frozenset[Link]) -> dict[str, int]:
    """The steps on which two lists differ, by kind (each step once): ``granularity`` (partners in
    both, not the same, at least one shared), ``other partner`` (partners in both, none shared),
    ``only in one list`` (a partner in one list, none in the other).

    >>> differences(frozenset({("x", "y")}), frozenset({("x", "y"), ("x", "z"), ("w", "v")}))
    {'granularity': 1, 'other partner': 0, 'only in one list': 3}
    """
    p1, p2 = partners(first), partners(second)
    counts = {"granularity": 0, "other partner": 0, "only in one list": 0}
    for step in sorted(set(p1) | set(p2)):
        one, two = p1.get(step), p2.get(step)
        if one is None or two is None:
            counts["only in one list"] += 1
        elif one != two:
            counts["granularity" if one & two else "other partner"] += 1
    return counts


def unpaired(links: frozenset[Link], steps_a: frozenset[str], steps_b: frozenset[str]) -> frozenset[Side]:
    """The scored steps a list leaves "only in one model"."""
    paired = set(partners(links))
    return frozenset({("a", s) for s in steps_a} | {("b", s) for s in steps_b}) - paired


def dice(one: frozenset[object], two: frozenset[object]) -> float:
    """2|one ∩ two| / (|one| + |two|); 1.0 for two empty sets."""
    return 2 * len(one & two) / (len(one) + len(two)) if one or two else 1.0


@dataclass
class Tally:
    """Sums over pairs (micro figures: the pooled counts, not the mean of each pair's)."""

    pairs: int = 0
    first: int = 0
    second: int = 0
    both: int = 0
    only_first: int = 0
    only_second: int = 0
    only_both: int = 0
    kinds: dict[str, int] = field(
        default_factory=lambda: {"granularity": 0, "other partner": 0, "only in one list": 0}
    )
    matched: bool = False
    found: int = 0
    right_first: int = 0
    right_second: int = 0
    right_both: int = 0
    right_either: int = 0
    only_claims: int = 0
    only_wrong_first: int = 0
    only_wrong_second: int = 0
    only_wrong_both: int = 0
    prop_in: float = 0.0
    prop_out: int = 0
    support_all: float = 0.0

    def add(
        self,
        first: frozenset[Link],
        second: frozenset[Link],
        steps_a: frozenset[str],
        steps_b: frozenset[str],
        found: frozenset[Link] | None,
        only: frozenset[Side] = frozenset(),
    ) -> None:
        self.pairs += 1
        self.first, self.second, self.both = (
            self.first + len(first),
            self.second + len(second),
            self.both + len(first & second),
        )
        u1, u2 = unpaired(first, steps_a, steps_b), unpaired(second, steps_a, steps_b)
        self.only_first, self.only_second = self.only_first + len(u1), self.only_second + len(u2)
        self.only_both += len(u1 & u2)
        for kind, n in differences(first, second).items():
            self.kinds[kind] += n
        if found is None:
            return
        self.matched = True
        s = support([first, second])
        self.found += len(found)
        self.right_first += len(found & first)
        self.right_second += len(found & second)
        self.right_both += len(found & first & second)
        self.right_either += len(found & (first | second))
        self.only_claims += len(only)
        self.only_wrong_first += len(only - u1)
        self.only_wrong_second += len(only - u2)
        self.only_wrong_both += len(only - u1 - u2)
        self.prop_in += sum(s[c] for c in found if c in s)
        self.prop_out += sum(1 for c in found if c not in s)
        self.support_all += sum(s.values())

    def agreement_row(self, name: str) -> str:
        if not self.pairs:
            return f"| {name} | 0 (no second list) | | | | | | | | | | | |"
        p = _ratio(self.both, self.second)
        r = _ratio(self.both, self.first)
        only = (
            2 * self.only_both / (self.only_first + self.only_second)
            if self.only_first + self.only_second
            else 1.0
        )
        k = self.kinds
        return (
            f"| {name} | {self.pairs} | {self.first} | {self.second} | {self.both} | {p:.3f} | {r:.3f} | "
            f"{_f1(p, r):.3f} | {self.only_first} / {self.only_second} / {self.only_both} | {only:.3f} | "
            f"{k['granularity']} | {k['other partner']} | {k['only in one list']} |"
        )

    def matcher_row(self, name: str) -> str:
        if not self.pairs:
            return f"| {name} | no second list | | | | | | | | | |"
        if not self.matched:
            return f"| {name} | not run (held out: --held-out) | | | | | | | | | |"
        p1, r1 = _ratio(self.right_first, self.found), _ratio(self.right_first, self.first)
        p2, r2 = _ratio(self.right_second, self.found), _ratio(self.right_second, self.second)
        consensus = _ratio(self.right_both, self.both)
        union = _ratio(self.right_either, self.found)
        prop = _ratio(self.prop_in, self.prop_in + self.prop_out)
        pror = _ratio(self.prop_in, self.support_all)
        return (
            f"| {name} | {self.found} | {p1:.3f} / {r1:.3f} | {p2:.3f} / {r2:.3f} | {consensus:.3f} "
            f"({self.right_both}/{self.both}) | {union:.3f} ({self.right_either}/{self.found}) | "
            f"{prop:.3f} | {pror:.3f} | {_f1(prop, pror):.3f} | {self.only_claims} | {self.only_wrong_first} / "
            f"{self.only_wrong_second} / {self.only_wrong_both} |"
        )


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 1.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def tally(names: Sequence[str], *, run_matcher: bool) -> tuple[Tally, list[str]]:
    """The tally of the pairs ``names`` that have a second list (and the names without one)."""
    out, missing = Tally(), []
    for pair in bm.swedish_pairs(tuple(names)):
        second_path = bm.SWEDISH / pair.name / "gold2.yaml"
        if not second_path.is_file():
            missing.append(pair.name)
            continue
        second = read_gold(second_path)
        if run_matcher:
            out.add(pair.gold, second, pair.scored_a, pair.scored_b, bm.found_pairs(pair), bm.ONLY[-1])
        else:
            out.add(pair.gold, second, pair.scored_a, pair.scored_b, None)
    return out, missing


def report(rounds: Mapping[str, Sequence[str]], *, held_out: bool) -> list[str]:
    """The two tables (agreement, matcher) as Markdown lines, a row per round and one pooled."""
    tallies: dict[str, Tally] = {}
    notes = []
    for name, names in rounds.items():
        tallies[name], missing = tally(names, run_matcher=held_out or name not in HELD_OUT)
        if missing:
            notes.append(f"{name}: no second list for {', '.join(missing)}")
    pooled, pooled_matched = Tally(), Tally()
    for t in tallies.values():
        for target in (pooled,) + ((pooled_matched,) if t.matched else ()):
            for key, value in vars(t).items():
                if key == "kinds":
                    for kind, n in value.items():
                        target.kinds[kind] += n
                elif key == "matched":
                    target.matched = target.matched or value
                else:
                    setattr(target, key, getattr(target, key) + value)
    lines = _table(
        "The second list against the first (P = share of the second's pairs the first drew too, R = share of the "
        "first's the second drew; F1 = Dice); steps left only in one model: first / second / both, their Dice; "
        "steps where the lists differ, by kind:",
        "round, pairs, first list, second list, both, P, R, F1, only in one model, only Dice, granularity, "
        "other partner, only in one list",
    )
    lines += [t.agreement_row(name) for name, t in tallies.items()]
    if len(tallies) > 1:
        lines.append(pooled.agreement_row("pooled"))
    lines += [""] + _table(
        "The matcher (P / R against each list; recall on the pairs both drew; precision on the pairs either drew; "
        "Kuss et al.'s probabilistic precision, recall and F1 with support = share of the two lists; the steps it "
        "calls only in one model, and of them the ones the first list pairs / the second pairs / both pair):",
        "round, found, first list P / R, second list P / R, consensus R, union P, ProP, ProR, ProF1, only claims, "
        "wrong by first / second / both",
    )
    lines += [t.matcher_row(name) for name, t in tallies.items()]
    if len(tallies) > 1:
        lines.append(pooled_matched.matcher_row("pooled (rounds run)"))
    return lines + [f"({note})" for note in notes]


def _table(caption: str, columns: str) -> list[str]:
    """A Markdown table's caption and head; ``columns``: the headers, comma-separated."""
    names = [c.strip() for c in columns.split(",")]
    return [caption, "", "| " + " | ".join(names) + " |", "|" + "---|" * len(names)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="*", default=list(ROUNDS), choices=list(ROUNDS))
    parser.add_argument(
        "--held-out", action="store_true", help="also run the matcher on the held-out round sv-r26"
    )
    args = parser.parse_args(argv)
    for line in report({name: ROUNDS[name] for name in args.sets}, held_out=args.held_out):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
