"""The JSON keys are exactly those documented in docs/diff-schema.md, in that order."""

from __future__ import annotations

import json
import re
from pathlib import Path

from diffbuilders import linear, model

from processes.diff import SCHEMA_VERSION, compare_models, comparison_to_data, diff_models, prepare, to_data

DOC = Path(__file__).resolve().parents[3] / "docs" / "diff-schema.md"


def documented() -> dict[str, list[str]]:
    """Heading -> the keys (first column, in backticks) of the table under it."""
    tables: dict[str, list[str]] = {}
    heading = ""
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
        m = re.match(r"^\| `([a-z_]+)` \|", line)
        if m:
            tables.setdefault(heading, []).append(m.group(1))
    return tables


def test_the_document_has_every_table() -> None:
    assert sorted(documented()) == sorted(
        [
            "diff object",
            "model",
            "step",
            "match",
            "uncertain",
            "candidate",
            "difference",
            "similarity",
            "compare object",
            "cluster",
            "variation",
            "fact",
        ]
    )


def test_diff_json_keys_are_exactly_the_documented_ones() -> None:
    doc = documented()
    a = linear(["Granska ansökan", "Skriv utredning och beslutsförslag", "Beslut"])
    b = model(
        [
            ("S", "start"),
            ("T0", "task", "Granska ansökan"),
            ("T1", "task", "Skriv utredning"),
            ("T2", "task", "Skriv beslutsförslag"),
            ("X", "task", "Platsbesök"),
            ("E", "end"),
        ],
        chain="S T0 T1 T2 X E",
    )
    data = json.loads(
        json.dumps(
            to_data(
                diff_models(
                    a, b, facts_a={"e_service": {"value": True}}, facts_b={"e_service": {"value": False}}
                )
            )
        )
    )
    assert list(data) == doc["diff object"]
    assert data["schema_version"] == SCHEMA_VERSION == 4
    assert list(data["a"]) == doc["model"]
    assert {tuple(s) for s in data["a"]["steps"]} == {tuple(doc["step"])}
    assert {tuple(m) for m in data["matches"]} == {tuple(doc["match"])}
    assert {tuple(d) for d in data["differences"]} == {tuple(doc["difference"])}
    # "Beslut" and "Platsbesök" stand at the same place: uncertain, not differences
    assert [d["kind"] for d in data["differences"]] == ["split", "fact"]
    assert [list(u) for u in data["uncertain"]] == [doc["uncertain"]] * 2
    assert [list(c) for u in data["uncertain"] for c in u["candidates"]] == [doc["candidate"]] * 2
    assert list(data["similarity"]) == doc["similarity"]


def test_compare_json_keys_are_exactly_the_documented_ones() -> None:
    doc = documented()
    models = [
        prepare(linear(labels), name, facts={"staff_fte": {"value": n}})
        for n, (name, labels) in enumerate(
            [
                ("x", ["Granska ansökan", "Platsbesök", "Beslut"]),
                ("y", ["Granska ansökan", "Beslut"]),
                ("z", ["Granska ansökan", "Platsbesök", "Beslut", "Meddela beslut"]),
            ]
        )
    ]
    data = json.loads(json.dumps(comparison_to_data(compare_models(models))))
    assert list(data) == doc["compare object"]
    assert {tuple(c) for c in data["clusters"]} == {tuple(doc["cluster"])}
    assert {tuple(v) for v in data["variations"]} == {tuple(doc["variation"])}
    assert {tuple(f) for f in data["facts"]} == {tuple(doc["fact"])}
    assert [list(p) for p in data["pairs"]] == [doc["diff object"]] * 3
    assert list(data["similarity"]) == ["node_matching", "structural", "behavioural"]
