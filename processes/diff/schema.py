"""The stable JSON form of a diff and of an N-way comparison (docs/diff-schema.md).

``to_data`` / ``comparison_to_data`` return plain dicts and lists (JSON-ready, key
order fixed). Any change of keys or meanings raises ``SCHEMA_VERSION``; the tests
check the keys against the documented lists below.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from processes.diff.nway import METRICS, Comparison, Members
from processes.diff.result import ModelDiff, ModelSummary

__all__ = [
    "SCHEMA_VERSION",
    "DIFF_KEYS",
    "STEP_KEYS",
    "MATCH_KEYS",
    "UNCERTAIN_KEYS",
    "CANDIDATE_KEYS",
    "DIFFERENCE_KEYS",
    "SIMILARITY_KEYS",
    "COMPARE_KEYS",
    "CLUSTER_KEYS",
    "VARIATION_KEYS",
    "FACT_KEYS",
    "to_data",
    "comparison_to_data",
    "comparison_json",
]

SCHEMA_VERSION = 4
DIFF_KEYS = ("schema_version", "kind", "a", "b", "similarity", "matches", "uncertain", "differences", "notes")
MODEL_KEYS = ("name", "steps")
STEP_KEYS = ("id", "name", "kind", "detail", "performer", "timer", "loop")
MATCH_KEYS = ("a", "b", "confidence", "label_similarity", "how")
UNCERTAIN_KEYS = ("side", "step", "candidates")
CANDIDATE_KEYS = ("ids", "confidence", "label_similarity", "reasons")
DIFFERENCE_KEYS = ("kind", "a", "b", "attribute", "a_value", "b_value", "message", "a_basis", "b_basis")
SIMILARITY_KEYS = (
    "node_matching",
    "structural",
    "behavioural",
    "nodes_a",
    "nodes_b",
    "skipped_nodes",
    "edges_a",
    "edges_b",
    "skipped_edges",
)
COMPARE_KEYS = (
    "schema_version",
    "kind",
    "models",
    "similarity",
    "clusters",
    "core",
    "variations",
    "facts",
    "pairs",
    "notes",
)
CLUSTER_KEYS = ("label", "members", "performers", "in_core", "confirmed", "apart_from")
VARIATION_KEYS = ("kind", "step", "values", "message", "maybe", "steps", "others", "maybe_ids")
FACT_KEYS = ("fact", "values")


def _model(m: ModelSummary) -> dict[str, Any]:
    return {
        "name": m.name,
        "steps": [
            {
                "id": s.id,
                "name": s.name,
                "kind": s.kind,
                "detail": s.detail,
                "performer": s.performer,
                "timer": s.timer,
                "loop": s.loop,
            }
            for s in m.steps.values()
        ],
    }


def to_data(diff: ModelDiff, *, _section: Callable[[ModelSummary], dict[str, Any]] = _model) -> dict[str, Any]:
    """The JSON form of a two-model diff (keys: ``DIFF_KEYS``)."""
    s = diff.similarity
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "diff",
        "a": _section(diff.a),
        "b": _section(diff.b),
        "similarity": {k: getattr(s, k) for k in SIMILARITY_KEYS},
        "matches": [
            {
                "a": list(m.a),
                "b": list(m.b),
                "confidence": m.confidence,
                "label_similarity": m.label,
                "how": m.how,
            }
            for m in diff.matches
        ],
        "uncertain": [
            {
                "side": u.side,
                "step": u.step,
                "candidates": [
                    {
                        "ids": list(c.ids),
                        "confidence": c.score,
                        "label_similarity": c.label,
                        "reasons": list(c.reasons),
                    }
                    for c in u.candidates
                ],
            }
            for u in diff.uncertain
        ],
        "differences": [
            {
                "kind": d.kind,
                "a": list(d.a),
                "b": list(d.b),
                "attribute": d.attribute,
                "a_value": d.a_value,
                "b_value": d.b_value,
                "message": d.message,
                "a_basis": d.a_basis,
                "b_basis": d.b_basis,
            }
            for d in diff.differences
        ],
        "notes": list(diff.notes),
    }


def comparison_json(comparison: Comparison) -> str:
    """``json.dumps(comparison_to_data(comparison), ensure_ascii=False, indent=2)``, the same
    text: each model's section (its name and steps, in each of its N - 1 pairs) is made and
    written once (:func:`processes.jsonindent.dumps_indented`'s ``shared``)."""
    from processes.jsonindent import dumps_indented

    made: dict[str, tuple[ModelSummary, dict[str, Any]]] = {}

    def section(m: ModelSummary) -> dict[str, Any]:
        found = made.get(m.name)
        if found is not None and (found[0] is m or found[0].steps == m.steps):
            return found[1]
        out = _model(m)
        if found is None:
            made[m.name] = (m, out)
        return out

    data = comparison_to_data(comparison, _section=section)
    return dumps_indented(data, shared=[out for _, out in made.values()])


def comparison_to_data(
    comparison: Comparison, *, _section: Callable[[ModelSummary], dict[str, Any]] = _model
) -> dict[str, Any]:
    """The JSON form of an N-way comparison (keys: ``COMPARE_KEYS``)."""
    core = set(comparison.core)
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "compare",
        "models": list(comparison.names),
        "similarity": {m: [list(row) for row in comparison.similarity[m]] for m in METRICS},
        "clusters": [
            {
                "label": c.label,
                "members": {k: list(v) for k, v in c.members.items()},
                "performers": dict(c.performers),
                "in_core": k in core,
                "confirmed": c.confirmed,
                "apart_from": list(c.apart_from),
            }
            for k, c in enumerate(comparison.clusters)
        ],
        "core": [comparison.clusters[k].label for k in comparison.core],
        "variations": [
            {"kind": v.kind, "step": v.step, "values": dict(v.values), "message": v.message, "maybe": dict(v.maybe),
             "steps": _labelled(v.steps, v.step_members), "others": _labelled(v.others, v.other_members),
             "maybe_ids": {m: list(ids) for m, ids in v.maybe_ids.items()}}
            for v in comparison.variations
        ],
        "facts": [
            {"fact": name, "values": dict(zip(comparison.names, values, strict=True))}
            for name, values in comparison.facts
        ],
        "pairs": [to_data(d, _section=_section) for d in comparison.pairs],
        "notes": list(comparison.notes),
    }


def _labelled(labels: tuple[str, ...], members: tuple[Members, ...]) -> list[dict[str, Any]]:
    """A variation's steps (or the steps they are compared with), each its label and its ids in each model that has
    it: two steps a model names alike told apart (docs/diff-schema.md)."""
    if len(members) != len(labels):  # a variation made without them
        return [{"label": label, "members": {}} for label in labels]
    return [{"label": label, "members": {m: list(i) for m, i in found.items()}}
            for label, found in zip(labels, members, strict=True)]
