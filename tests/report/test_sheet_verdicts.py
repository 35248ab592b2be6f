"""The spreadsheet of a run's figures (:func:`report.sheet.summary_sheet`, the what-if page's results.csv)
says each difference's two verdicts by what they are: its own interval clear of zero (``summary.csv``'s
``diff_significant``, uncorrected) and whether the report highlights it (:func:`report.chance.highlights`,
Benjamini-Hochberg over every difference compared). Found by QA: the sheet's only verdict column was headed
"Sure difference" and said "yes" for changes the report does not highlight."""

from __future__ import annotations

import csv
import io
from typing import Any

import numpy as np
from test_chance_highlights import _paired

from report.chance import highlights
from report.sheet import summary_sheet
from scenarios.compare import Difference


def _doc(points: list[list[Difference]]) -> dict[str, Any]:
    """A summary document of a scenario "b" against "a" whose points compare ``points``' differences."""
    def estimate(d: Difference) -> dict[str, Any]:
        return {"mean": 1.0, "ci": [0.5, 1.5], "replications": [1.0] * len(d.values)}

    return {"scenarios": [{"name": "b", "baseline": "a", "points": [{
        "label": f"p{i}", "figures": {d.figure: estimate(d) for d in diffs},
        "comparison": {"differences": {d.figure: {"mean": d.mean, "ci": [d.low, d.high],
                                                  "significant": d.significant,
                                                  "replications": list(d.values)} for d in diffs}}}
        for i, diffs in enumerate(points)]}]}


def _rows(doc: dict[str, Any], lang: str) -> list[dict[str, str]]:
    text = summary_sheet(doc, lang).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";" if lang == "sv" else ","))


def test_the_sheet_says_the_intervals_verdict_and_the_reports_apart() -> None:
    rng = np.random.default_rng(20261207)
    effects = np.zeros(80)
    effects[:8] = 1.5  # a few real changes among many that do nothing, in two sweep points
    diffs = _paired(rng, effects)
    doc = _doc([diffs[:40], diffs[40:]])
    marked = highlights(doc).marked
    rows = _rows(doc, "en")
    own, report = "Interval excludes zero (this figure alone)", \
        "Highlighted in the report (unlikely to be chance among all it compares)"
    assert "Sure difference (95%)" not in rows[0]
    said = {(r["Sweep point"], r["Figure"]): (r[own], r[report]) for r in rows}
    for i, point in enumerate((diffs[:40], diffs[40:])):
        for d in point:
            assert said[(f"p{i}", d.figure)] == ("yes" if d.significant else "no",
                                                 "yes" if ("b", i, d.figure) in marked else "no")
    verdicts = list(said.values())
    # the case QA found: an interval clear of zero that the report, correcting for all 80, does not highlight
    assert ("yes", "no") in verdicts and ("yes", "yes") in verdicts
    assert ("no", "yes") not in verdicts  # a highlight's interval always excludes zero
    sv = _rows(doc, "sv")
    assert [(r["Intervallet utesluter noll (bara detta mått)"],
             r["Markerad i rapporten (osannolik som slump bland allt den jämför)"]) for r in sv] == \
        [({"yes": "ja", "no": "nej"}[a], {"yes": "ja", "no": "nej"}[b]) for a, b in verdicts]
