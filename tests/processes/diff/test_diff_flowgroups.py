"""Grouping the pairs of steps whose relation changed (processes.diff.flowdiff._centres)."""

from __future__ import annotations

import random

from processes.diff.flowdiff import _centres


def greedy(pairs):
    """The rule, written the slow way: the unit in most pairs left (lowest on ties), with its pairs."""
    out = []
    while pairs:
        counts: dict[int, int] = {}
        for i, j, _, _ in pairs:
            counts[i] = counts.get(i, 0) + 1
            counts[j] = counts.get(j, 0) + 1
        centre = min(counts, key=lambda u: (-counts[u], u))
        out.append((centre, [p for p in pairs if centre in p[:2]]))
        pairs = [p for p in pairs if centre not in p[:2]]
    return out


def test_a_step_that_moved_is_the_centre_of_all_its_pairs() -> None:
    pairs = [(0, 3, "before", "after"), (1, 3, "before", "after"), (2, 3, "before", "after"), (0, 1, "before", "parallel")]
    assert list(_centres(pairs)) == [(3, pairs[:3]), (0, [pairs[3]])]


def test_the_heap_picks_the_same_centres_as_the_rule() -> None:
    rng = random.Random(5)
    for _ in range(200):
        units = rng.randint(2, 12)
        pairs = sorted({tuple(sorted(rng.sample(range(units), 2))) for _ in range(rng.randint(1, 30))})
        changed = [(i, j, "before", rng.choice(["after", "parallel"])) for i, j in pairs]
        assert list(_centres(changed)) == greedy(changed)
