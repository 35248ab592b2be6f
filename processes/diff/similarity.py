r"""Similarity scores of two models, each in [0, 1].

After R. Dijkman, M. Dumas, B. van Dongen, R. Käärik, J. Mendling: "Similarity of
business process models: Metrics and evaluation", Information Systems 36(2):498-516,
2011. Notation: N1, N2 the steps of A and B; M the matching (matching.py);
Sim(n, m) the label similarity of a matched pair.

**Node-matching similarity** (their eq. for label-matching similarity)::

    simNM = 2 * sum_{(n,m) in M} Sim(n, m) / (|N1| + |N2|)

**Structural similarity** (graph-edit-distance based)::

    fskipn = |skipped nodes| / (|N1| + |N2|)
    fskipe = |skipped edges| / (|E1| + |E2|)
    fsubn  = 2 * sum_{(n,m) in M} (1 - Sim(n, m)) / (|N1| + |N2| - |skipped nodes|)
    simGED = 1 - (wskipn*fskipn + wskipe*fskipe + wsubn*fsubn) / (wskipn + wskipe + wsubn)

Skipped nodes are the unmatched steps of both models. The graphs are the step graphs
of view.py (gateways contracted: u -> v when only gateways lie between them), so a
change in the gateways shows up as changed edges. An edge (u, v) of A is kept when B
has an edge (u', v') with u' matched to u and v' matched to v; every other edge of A
and of B is skipped. The weights default to 1 each (the paper tunes them on its
collection; pass ``StructuralWeights`` to use others). A fraction whose denominator is
0 counts as 0.

**Behavioural similarity**: the paper's behavioural metric compares causal
footprints; here the behavioural profiles of relations.py take that role, compared by
Jaccard as in M. Kunze, M. Weidlich, M. Weske: "Behavioral similarity - a proper
metric", BPM 2011, LNCS 6896. Each model's profile is written over *units* (a matched
unit is named the same in both models; an unmatched step keeps its own name) as the set
of facts ``(u, v, relation)`` for u < v, plus ``(u, optional)`` and
``(u, repeatable)``::

    simBP = |P1 ∩ P2| / |P1 ∪ P2|      (1 when both are empty)

For a one-to-many match, its steps count as one unit: in node-matching and fsubn a
group of k + l steps contributes (k + l) / 2 pairs of similarity Sim(group).
"""

from __future__ import annotations

from dataclasses import dataclass

from processes.diff.matchtypes import Match, match_units
from processes.diff.relations import Profile, compare_relations
from processes.diff.result import Similarity
from processes.diff.view import ModelView

__all__ = ["StructuralWeights", "DEFAULT_WEIGHTS", "similarity"]


@dataclass(frozen=True, slots=True)
class StructuralWeights:
    skip_nodes: float = 1.0
    skip_edges: float = 1.0
    substitute_nodes: float = 1.0

    def __post_init__(self) -> None:
        if (
            min(self.skip_nodes, self.skip_edges, self.substitute_nodes) < 0
            or self.skip_nodes + self.skip_edges + self.substitute_nodes <= 0
        ):
            raise ValueError("structural weights must be >= 0 and not all 0")


DEFAULT_WEIGHTS = StructuralWeights()


def _ratio(num: float, den: float) -> float:
    return num / den if den > 0 else 0.0


def similarity(
    a: ModelView,
    b: ModelView,
    pa: Profile,
    pb: Profile,
    matches: tuple[Match, ...],
    weights: StructuralWeights = DEFAULT_WEIGHTS,
) -> Similarity:
    """The three scores (module doc) for ``matches`` between ``a`` and ``b``."""
    n1, n2 = len(a.steps), len(b.steps)
    unit_a, unit_b = match_units(matches)
    matched_nodes = sum(len(m.a) + len(m.b) for m in matches)
    skipped_nodes = n1 + n2 - matched_nodes
    sim_sum = sum(m.label * (len(m.a) + len(m.b)) / 2 for m in matches)
    node_matching = _ratio(2 * sim_sum, n1 + n2) if n1 + n2 else 1.0

    # edges inside one unit (between the parts of a split step) are neither kept nor skipped
    edges_a = {(u, v) for u, v in a.step_edges if not (u in unit_a and unit_a.get(v) == unit_a[u])}
    edges_b = {(u, v) for u, v in b.step_edges if not (u in unit_b and unit_b.get(v) == unit_b[u])}
    mapped_a = {(unit_a[u], unit_a[v]) for u, v in edges_a if u in unit_a and v in unit_a}
    mapped_b = {(unit_b[u], unit_b[v]) for u, v in edges_b if u in unit_b and v in unit_b}
    kept_a = sum(1 for u, v in edges_a if u in unit_a and v in unit_a and (unit_a[u], unit_a[v]) in mapped_b)
    kept_b = sum(1 for u, v in edges_b if u in unit_b and v in unit_b and (unit_b[u], unit_b[v]) in mapped_a)
    skipped_edges = len(edges_a) - kept_a + len(edges_b) - kept_b
    fskipn = _ratio(skipped_nodes, n1 + n2)
    fskipe = _ratio(skipped_edges, len(edges_a) + len(edges_b))
    fsubn = _ratio(
        2 * sum((1 - m.label) * (len(m.a) + len(m.b)) / 2 for m in matches), n1 + n2 - skipped_nodes
    )
    w = weights
    structural = 1 - (w.skip_nodes * fskipn + w.skip_edges * fskipe + w.substitute_nodes * fsubn) / (
        w.skip_nodes + w.skip_edges + w.substitute_nodes
    )

    behavioural = _behavioural(pa, pb, matches)
    return Similarity(
        round(node_matching, 6),
        round(structural, 6),
        round(behavioural, 6),
        n1,
        n2,
        skipped_nodes,
        len(edges_a),
        len(edges_b),
        skipped_edges,
    )


def _speakers(profile: Profile, matches: tuple[Match, ...], side: str) -> tuple[dict[int, str], list[str]]:
    """(match index -> the step speaking for that unit, the steps that are units of their own)."""
    matched: dict[int, str] = {}
    taken: set[str] = set()
    for k, m in enumerate(matches):
        ids = m.a if side == "a" else m.b
        taken.update(ids)
        speaker = profile.first_in_flow(ids)
        if speaker is not None:
            matched[k] = speaker
    return matched, [s for s in profile.steps if s not in taken]


def _behavioural(pa: Profile, pb: Profile, matches: tuple[Match, ...]) -> float:
    """Jaccard of the two profiles written as facts over units (module doc), counted
    without listing the facts: a fact about two matched units is shared when both models
    relate them alike; facts naming an unmatched step are never shared."""
    units_a, alone_a = _speakers(pa, matches, "a")
    units_b, alone_b = _speakers(pb, matches, "b")
    both = sorted(set(units_a) & set(units_b))
    same, _ = compare_relations(pa, pb, [units_a[k] for k in both], [units_b[k] for k in both])
    shared = same + sum(
        1
        for k in both
        for flags_a, flags_b in ((pa.optional, pb.optional), (pa.repeatable, pb.repeatable))
        if units_a[k] in flags_a and units_b[k] in flags_b
    )

    def size(profile: Profile, units: dict[int, str], alone: list[str]) -> int:
        speakers = list(units.values()) + alone
        n = len(speakers)
        flags = sum(1 for s in speakers if s in profile.optional) + sum(1 for s in speakers if s in profile.repeatable)
        return n * (n - 1) // 2 + flags

    union = size(pa, units_a, alone_a) + size(pb, units_b, alone_b) - shared
    return _ratio(shared, union) if union else 1.0
