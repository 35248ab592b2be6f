"""Many comparisons: "highlighted: unlikely to be chance" holds for one; among hundreds some highlights are
chance.

The first check is the fault, shown with the tool's own paired differences
(:func:`scenarios.compare.paired_differences`) on figures whose true change is zero: about one in 20 is
highlighted anyway (the count of a correct 95 % interval is Binomial(n, 0.05); the test accepts its central
99.98 %). The rest check that the report says so, with its own numbers (:mod:`report.chance`), in both
languages, from test_report_html's results folder, run for real.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy.stats import binom
from test_report_html import folder  # noqa: F401,F811  (the fixture: a results folder run for real)

from report.chance import highlights
from report.html import render_report
from report.results import read_cases, read_processes, read_summary
from scenarios.compare import paired_differences, summarise_point


def test_one_in_20_changes_that_do_nothing_is_highlighted() -> None:
    rng = np.random.default_rng(20261207)
    figures, replications = 2000, 10
    # two scenarios whose every figure has the same distribution: no change is real
    base = [{f"f{k}": float(x) for k, x in enumerate(rng.normal(size=figures))} for _ in range(replications)]
    same = [{f"f{k}": float(x) for k, x in enumerate(rng.normal(size=figures))} for _ in range(replications)]
    before, after = summarise_point("a", "", (), base), summarise_point("b", "", (), same)
    diffs = paired_differences(after, before).differences
    highlighted = sum(d.significant for d in diffs)
    assert binom.ppf(1e-4, figures, 0.05) <= highlighted <= binom.ppf(1 - 1e-4, figures, 0.05)
    assert highlighted >= 60  # so a report of 2000 comparisons shows some tens of highlights that are chance


def test_the_report_says_how_many_highlights_chance_would_give(folder: Path) -> None:  # noqa: F811
    summary = read_summary(folder)
    counted = highlights(summary)
    points = [p for s in summary["scenarios"] for p in s["points"] if p["comparison"]]
    diffs = [d for p in points for d in p["comparison"]["differences"].values()]
    with_interval = [d for d in diffs if None not in d["ci"]]
    assert counted.compared == len(with_interval) >= 40
    assert counted.highlighted == sum(d["significant"] for d in with_interval)
    assert counted.by_chance == round(counted.compared / 20)
    html = render_report(summary, read_cases(folder), read_processes(folder))
    n, marked, chance = counted.compared, counted.highlighted, counted.by_chance
    assert (f"But of the {n} changes this report compares ({marked} highlighted), even were none of them real"
            f" about {chance} would be highlighted by chance alone") in html
    assert (f"Men av de {n} ändringar rapporten jämför ({marked} markerade) skulle omkring {chance} markeras "
            "av ren slump") in html


def test_a_count_of_thousands_is_written_as_each_language_groups_it(folder: Path,  # noqa: F811
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by QA (qafresh): the bundled study's report said "of the 3776 changes" and "de 3776
    ändringar"."""
    import report.html as report_html
    from report.chance import Highlights

    monkeypatch.setattr(report_html, "highlights", lambda doc: Highlights(3776, 733))
    summary = read_summary(folder)
    html = render_report(summary, read_cases(folder), read_processes(folder))
    assert "But of the 3,776 changes this report compares (733 highlighted)" in html
    assert "about 189 would be highlighted" in html
    assert "Men av de 3\u00a0776 ändringar rapporten jämför (733 markerade)" in html
