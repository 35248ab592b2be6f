"""summary.json and summary.csv made together (report.results.summary_texts): each float of the values
per replication is formatted once for both texts, and the bytes are those each text has on its own
(json.dumps for the JSON, a plain csv.writer over the rows for the CSV)."""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
from pathlib import Path
from typing import Any

from processes.textsafe import csv_row
from report.jsontext import FloatTexts, json_text
from report.results import SUMMARY_COLUMNS, results_document, summary_texts

FIXTURES = Path(__file__).resolve().parents[1] / "scenarios" / "fixtures"


def small_study_document(tmp_path: Path) -> dict[str, Any]:
    """summary.json's document of two replications of the small fixture process at two officer counts."""
    from scenarios.loader import read_any
    from scenarios.road import run_study

    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "s.yaml").write_text(
        "name: s\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 2\nhorizon: 8w\n"
        "sweep:\n  simulation.pools.officer.count: [1, 2]\n", encoding="utf-8")
    return results_document(run_study(read_any([tmp_path / "s.yaml"])))


def json_alone(doc: dict[str, Any]) -> bytes:
    return (json.dumps(doc, indent=1, ensure_ascii=False, allow_nan=False, default=str) + "\n").encode("utf-8")


def csv_alone(doc: dict[str, Any]) -> bytes:
    """summary.csv written cell by cell, each float formatted for it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    for s in doc["scenarios"]:
        for point in s["points"]:
            diffs = (point["comparison"] or {}).get("differences", {})
            for name, est in point["figures"].items():
                d = diffs.get(name)
                values = est["replications"]
                row = [s["name"], point["label"], name, est["mean"], est["ci"][0], est["ci"][1],
                       sum(v is not None for v in values), s["baseline"] or "",
                       d["mean"] if d else "", d["ci"][0] if d else "", d["ci"][1] if d else "",
                       ("yes" if d["significant"] else "no") if d else "",
                       ";".join("" if v is None else repr(v) for v in values)]
                writer.writerow(csv_row("" if isinstance(v, float) and math.isnan(v) else v for v in row))
    return out.getvalue().encode("utf-8")


def test_the_same_bytes_as_each_text_alone(tmp_path: Path) -> None:
    doc = small_study_document(tmp_path)
    summary_json, summary_csv = summary_texts(doc)
    assert summary_json == json_alone(doc)
    assert summary_csv == csv_alone(doc)
    assert summary_csv.count(b"\n") == 1 + sum(len(p["figures"]) for s in doc["scenarios"] for p in s["points"])


def test_missing_and_negative_values_per_replication(tmp_path: Path) -> None:
    doc = small_study_document(tmp_path)
    figures = doc["scenarios"][0]["points"][0]["figures"]
    first, second = list(figures)[:2]
    figures[first]["replications"] = [None, 2.5, None]  # a replication without a case to measure
    figures[second]["replications"] = [-1.5, 1e22]  # a leading '-': the formula guard's leading '
    summary_json, summary_csv = summary_texts(doc)
    assert summary_json == json_alone(doc)
    assert summary_csv == csv_alone(doc)
    rows = list(csv.reader(io.StringIO(summary_csv.decode("utf-8"))))
    cells = {row[2]: row[-1] for row in rows if row[1] == doc["scenarios"][0]["points"][0]["label"]}
    assert cells[first] == ";2.5;"
    assert cells[second] == "'-1.5;1e+22"


def test_json_text_leaves_the_texts_of_every_list_of_floats() -> None:
    plain, gappy, mixed = [0.1, 2.0], [None, 3.5], [1, 2.0]
    texts: FloatTexts = {}
    assert json_text({"a": plain, "b": gappy, "c": mixed, "d": [], "e": [None]}, float_texts=texts) == json.dumps(
        {"a": plain, "b": gappy, "c": mixed, "d": [], "e": [None]}, indent=1)
    assert texts == {id(plain): "0.1;2.0", id(gappy): "null;3.5"}
