"""Control-flow differences, derived from behavioural relations (relations.py).

Each match is a *unit* (a step, or the consecutive steps of a split). For every pair of
units the relation in A is compared with the relation in B (a unit made of several
steps is represented by its first step in flow order). A changed relation is

* ``order``          before <-> after,
* ``concurrency``    parallel <-> before/after ("parallel in A, in sequence in B"),
* ``exclusiveness``  exclusive <-> anything else ("alternatives in A, both in B").

When one unit is involved in several changed pairs of the same kind (a step moved past
several others), the pairs are reported as one difference about that unit: units are
picked greedily by the number of pairs they explain (ties: the earlier in A), and units
compared with exactly the same others, changing the same way, share one difference. Per unit,
``optionality`` (optional vs mandatory: a unit of several steps is optional when some case runs
none of them) and ``loop`` (repeatable vs once) are compared;
all units changing the same way are reported together.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator

from processes.diff.diffwords import WORDS, Clause, Said, clause, joined, sentence
from processes.diff.matchtypes import Match
from processes.diff.relations import Profile, compare_relations
from processes.diff.result import Difference
from processes.diff.view import ModelView, quoted_names

__all__ = ["flow_differences", "centre_groups"]

_KIND = {
    frozenset({"before", "after"}): "order",
    frozenset({"parallel", "before"}): "concurrency",
    frozenset({"parallel", "after"}): "concurrency",
}


def _name(view: ModelView, ids: tuple[str, ...]) -> Said:
    return quoted_names(view.steps[i] for i in ids)


def flow_differences(
    a: ModelView, b: ModelView, pa: Profile, pb: Profile, matches: tuple[Match, ...]
) -> list[Difference]:
    """order / concurrency / exclusiveness / optionality / loop differences (module doc)."""
    units: list[tuple[Match, str, str]] = []
    for m in matches:
        x, y = pa.first_in_flow(m.a), pb.first_in_flow(m.b)
        if x is not None and y is not None:
            units.append((m, x, y))
    changed: dict[str, list[tuple[int, int, str, str]]] = {}
    _, differing = compare_relations(pa, pb, [x for _, x, _ in units], [y for _, _, y in units])
    for i, j, ra, rb in differing:
        kind = _KIND.get(frozenset({ra, rb}), "exclusiveness")
        changed.setdefault(kind, []).append((i, j, ra, rb))
    out: list[Difference] = []
    for kind in ("order", "concurrency", "exclusiveness"):
        pairs = changed.get(kind, [])
        found: dict[tuple[tuple[int, str, str], ...], list[int]] = {}
        for centre, mine in centre_groups(pairs):
            if len(mine) == 1:
                centre = mine[0][0]
            others = tuple(
                sorted((j, ra, rb) if i == centre else (i, _flip(ra), _flip(rb)) for i, j, ra, rb in mine)
            )
            # centres compared with the very same others, changing the same way, are reported together
            found.setdefault(others, []).append(centre)
        for others, centres in found.items():
            out.append(_pair_difference(kind, centres, others, units, a))
    # a unit of several steps is optional when some case runs none of them (the grant letter and the
    # refusal letter on the two branches of one choice are, together, sent in every case)
    skip_a = frozenset(x for m, x, _ in units if pa.skippable(m.a))
    skip_b = frozenset(y for m, _, y in units if pb.skippable(m.b))
    out.extend(
        _unary(
            units,
            a,
            skip_a,
            skip_b,
            "optionality",
            ("optional", "mandatory"),
        )
    )
    out.extend(
        _unary(
            units,
            a,
            pa.repeatable,
            pb.repeatable,
            "loop",
            ("repeatable", "once"),
        )
    )
    return out


def centre_groups(
    pairs: list[tuple[int, int, str, str]],
) -> Iterator[tuple[int, list[tuple[int, int, str, str]]]]:
    """Greedy grouping of the changed pairs: again and again the unit in most of the pairs
    left (the lowest on ties), with those pairs (in their order), which are then gone.
    Counts are kept up to date in a heap, so this is n log n, not one count per centre."""
    incident: dict[int, list[int]] = {}
    for k, (i, j, _, _) in enumerate(pairs):
        incident.setdefault(i, []).append(k)
        incident.setdefault(j, []).append(k)
    alive = [True] * len(pairs)
    counts = {unit: len(ks) for unit, ks in incident.items()}
    heap = [(-count, unit) for unit, count in counts.items()]
    heapq.heapify(heap)
    while heap:
        negative, unit = heapq.heappop(heap)
        if counts[unit] != -negative or not counts[unit]:
            continue  # an old count
        mine = [pairs[k] for k in incident[unit] if alive[k]]
        for k in incident[unit]:
            if alive[k]:
                alive[k] = False
                i, j, _, _ = pairs[k]
                other = j if i == unit else i
                counts[other] -= 1
                if counts[other]:
                    heapq.heappush(heap, (-counts[other], other))
        counts[unit] = 0
        yield unit, mine


def _pair_difference(
    kind: str,
    centres: list[int],
    others: tuple[tuple[int, str, str], ...],
    units: list[tuple[Match, str, str]],
    a: ModelView,
) -> Difference:
    """One difference: ``centres`` (units) relate to each of ``others`` as (A, B) say."""
    ids_a = tuple(s for c in centres for s in units[c][0].a) + tuple(
        s for o, _, _ in others for s in units[o][0].a
    )
    ids_b = tuple(s for c in centres for s in units[c][0].b) + tuple(
        s for o, _, _ in others for s in units[o][0].b
    )
    ras = {ra for _, ra, _ in others}
    rbs = {rb for _, _, rb in others}
    va = ras.pop() if len(ras) == 1 else "mixed"
    vb = rbs.pop() if len(rbs) == 1 else "mixed"
    plural = len(centres) > 1
    subject = joined((_name(a, units[c][0].a) for c in centres), ", ")
    parts: list[Clause] = []
    groups: dict[tuple[str, str], list[int]] = {}
    for o, ra, rb in others:
        groups.setdefault((ra, rb), []).append(o)
    for (ra, rb), os_ in groups.items():
        names = joined((_name(a, units[o][0].a) for o in os_), ", ")
        (verb_a, rest_a), (verb_b, rest_b) = _verb(ra, plural), _verb(rb, plural)
        parts.append(clause("relation" if parts else "relation_first", subject=subject, names=names,
                            verb_a=verb_a, rest_a=rest_a, verb_b=verb_b, rest_b=rest_b,
                            pronoun=WORDS["they" if plural else "it"],
                            them=WORDS["them" if len(os_) > 1 else "it"]))
    leading = sum(len(units[c][0].a) for c in centres)
    return Difference(kind, ids_a, ids_b, kind, va, vb, sentence(tuple(parts), "en"), subject=leading,
                      wording=tuple(parts))


def _verb(relation: str, plural: bool) -> tuple[tuple[str, str], tuple[str, str]]:
    """A relation's verb and the words after its subject: English says them together ("comes before"), Swedish
    puts the subject after the finite verb ("I A kommer "X" före "Y"")."""
    en, sv = WORDS[relation + "_many" if plural else relation]
    finite, rest = sv.split(" ", 1)
    return (en, finite), ("", rest)


def _flip(rel: str) -> str:
    return {"before": "after", "after": "before"}.get(rel, rel)


def _unary(
    units: list[tuple[Match, str, str]],
    a: ModelView,
    set_a: frozenset[str],
    set_b: frozenset[str],
    kind: str,
    values: tuple[str, str],
) -> list[Difference]:
    out = []
    for in_a in (True, False):
        hit = [(m, x, y) for m, x, y in units if (x in set_a) == in_a and (y in set_b) != in_a]
        if not hit:
            continue
        ids_a = tuple(s for m, _, _ in hit for s in m.a)
        ids_b = tuple(s for m, _, _ in hit for s in m.b)
        names = joined((_name(a, m.a) for m, _, _ in hit), ", ")
        va, vb = values if in_a else values[::-1]
        many = "" if len(hit) == 1 else "_many"
        wording = (clause("property", steps=names, verb=WORDS["is" if len(hit) == 1 else "are"],
                          yes=WORDS[va + many], no=WORDS[vb + many]),)
        out.append(Difference(kind, ids_a, ids_b, kind, va, vb, sentence(wording, "en"), subject=len(ids_a),
                              wording=wording))
    return out
