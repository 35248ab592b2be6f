"""Many comparisons: "highlighted: unlikely to be chance" holds for one interval; among hundreds, one in 20 of
the changes that do nothing has an interval clear of zero, so the report corrects its highlights for the
number it compares (Benjamini-Hochberg, :mod:`report.chance`).

The first check is the fault, shown with the tool's own paired differences
(:func:`scenarios.compare.paired_differences`) on figures whose true change is zero: about one in 20 intervals
exclude zero (the count of a correct 95 % interval is Binomial(n, 0.05); the test accepts its central 99.98
%). The next ones check the correction against a known truth: over seeded repetitions of many comparisons that
do nothing (paired as common random numbers pair them) at most one run in 20 highlights any, and with real
changes among them the highlighted that do nothing are on average at most one in 20. The rest check that the
report says so, with its own numbers, in both languages, from test_report_html's results folder, run for real.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scipy.stats import binom
from test_report_html import folder  # noqa: F401,F811  (the fixture: a results folder run for real)

from report.chance import FDR, highlights
from report.html import render_report
from report.results import read_cases, read_processes, read_summary
from scenarios.compare import Difference, paired_differences, summarise_point
from scenarios.multiplicity import _ordered, bh_adjusted, paired_p_value


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


def _doc(points: list[list[Difference]]) -> dict[str, Any]:
    """A summary document of one scenario whose points compare ``points``' differences with a baseline."""
    return {"scenarios": [{"name": "b", "points": [{"comparison": {"differences": {
        d.figure: {"mean": d.mean, "ci": [d.low, d.high], "significant": d.significant,
                   "replications": list(d.values)}
        for d in diffs}}} for diffs in points]}]}


def _paired(rng: np.random.Generator, effects: np.ndarray, replications: int = 10) -> list[Difference]:
    """A scenario against its baseline, figure k truly changed by ``effects[k]``: replication i of both shares
    its random numbers (a common part per replication and figure), as a run's scenarios do."""
    common = rng.normal(size=(replications, len(effects)))
    base = common + 0.5 * rng.normal(size=common.shape)
    alt = common + 0.5 * rng.normal(size=common.shape) + effects
    before = summarise_point("a", "", (), [{f"f{k}": float(x) for k, x in enumerate(row)} for row in base])
    after = summarise_point("b", "", (), [{f"f{k}": float(x) for k, x in enumerate(row)} for row in alt])
    return list(paired_differences(after, before).differences)


def test_with_the_correction_at_most_one_run_in_20_highlights_any_of_many_changes_that_do_nothing() -> None:
    rng = np.random.default_rng(20261208)
    runs, figures = 300, 60
    any_highlighted = any_interval = 0
    for _ in range(runs):
        diffs = _paired(rng, np.zeros(figures))
        counted = highlights(_doc([diffs[:30], diffs[30:]]))  # two points: the family is the whole report's
        assert counted.compared == figures
        any_highlighted += counted.highlighted > 0
        any_interval += counted.significant > 0
    # with no change real every highlight is a false one: the false discovery rate is the chance of any (5 %);
    # the count over independent runs is Binomial(runs, at most 0.05), its 99.99 % quantile the bound
    assert any_highlighted <= binom.ppf(1 - 1e-4, runs, FDR)
    # uncorrected, 1 - 0.95^60 = 95 % of the runs would show at least one interval clear of zero
    assert any_interval >= binom.ppf(1e-4, runs, 1 - 0.95 ** figures)


def test_among_real_changes_at_most_one_in_20_highlights_does_nothing_on_average() -> None:
    rng = np.random.default_rng(20261209)
    runs, real, null = 200, 20, 80
    effects = np.concatenate([np.full(real, 1.5), np.zeros(null)])  # 1.5 σ of a replication's difference
    shares, found = [], 0
    for _ in range(runs):
        counted = highlights(_doc([_paired(rng, effects)]))
        wrong = sum(1 for _s, _i, figure in counted.marked if int(figure[1:]) >= real)
        shares.append(wrong / max(1, counted.highlighted))
        found += counted.highlighted - wrong
    # Benjamini-Hochberg keeps the false discovery rate at most 0.05 × 80/100 = 0.04; the mean of 200 runs'
    # shares (their spread here under 0.05: 0.038 measured) is within 4 standard errors of it
    assert float(np.std(shares)) < 0.05
    assert float(np.mean(shares)) <= FDR * null / (real + null) + 4 * 0.05 / np.sqrt(runs)
    assert found >= 0.8 * real * runs  # and it still finds most real changes


def test_the_paired_p_value_says_what_the_interval_says() -> None:
    from scipy.stats import ttest_1samp

    rng = np.random.default_rng(7)
    for diff in _paired(rng, rng.normal(scale=0.8, size=200)):
        values = np.asarray(diff.values)
        p = paired_p_value(values)
        assert p == pytest.approx(ttest_1samp(values, 0.0).pvalue, rel=1e-9)
        assert (p < 0.05) == diff.significant
    assert paired_p_value([2.0, 2.0, 2.0]) == 0.0 and paired_p_value([0.0, 0.0]) == 1.0


def holm_adjusted(p_values: list[float]) -> list[float]:
    """Holm's step-down adjusted p-values (the i-th smallest of m: ``max over j <= i of p_(j) * (m - j + 1)``,
    at most 1), the family-wise rule the report does not use (docs/report.md), beside BH's on the textbook
    example; here, not in scenarios.multiplicity, as nothing of permitflow's asks for it."""
    out, running = [1.0] * len(p_values), 0.0
    for rank, i in enumerate(_ordered(p_values), start=1):
        running = max(running, min(1.0, p_values[i] * (len(p_values) - rank + 1)))
        out[i] = running
    return out


def test_bh_and_holm_adjusted_values_match_a_textbook_example_and_scipy() -> None:
    # Benjamini and Hochberg (1995), section 4: 15 p-values of a clinical trial; at 0.05 their procedure
    # rejects the four smallest, a Bonferroni-type (Holm's) procedure three
    p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719,
         0.6528, 0.7590, 1.000]
    bh, holm = bh_adjusted(p), holm_adjusted(p)
    assert [q <= 0.05 for q in bh] == [True] * 4 + [False] * 11
    assert [q <= 0.05 for q in holm] == [True] * 3 + [False] * 12
    # by hand: Holm's third is max(0.0001 × 15, 0.0004 × 14, 0.0019 × 13) = 0.0247; BH's fourth 0.0095 × 15/4
    assert holm[2] == pytest.approx(0.0247) and bh[3] == pytest.approx(0.035625)
    from scipy.stats import false_discovery_control

    shuffled = list(np.random.default_rng(3).uniform(size=40) ** 3)
    assert bh_adjusted(shuffled) == pytest.approx(list(false_discovery_control(shuffled)), rel=1e-12)


def test_the_report_says_how_many_it_compares_and_highlights(folder: Path) -> None:  # noqa: F811
    summary = read_summary(folder)
    counted = highlights(summary)
    points = [p for s in summary["scenarios"] for p in s["points"] if p["comparison"]]
    diffs = [d for p in points for d in p["comparison"]["differences"].values()]
    with_interval = [d for d in diffs if None not in d["ci"]]
    assert counted.compared == len(with_interval) >= 40
    assert counted.significant == sum(d["significant"] for d in with_interval)
    assert counted.highlighted <= counted.significant
    assert counted.by_chance == round(counted.compared / 20)
    html = render_report(summary, read_cases(folder), read_processes(folder))
    n, marked = counted.compared, counted.highlighted
    assert f"Of the {n} changes this report compares, {marked} are highlighted" in html
    assert f"Av de {n} ändringar rapporten jämför är {marked} markerade" in html
    assert "\x1e" not in html  # every diff cell's mark was turned into its highlight or nothing
    # each highlighted change is marked in both its tables (the key figures, when it is one, and all figures)
    rows = re.findall(r'<tr data-figure="([^"]+)">.*?</tr>', html, flags=re.S)
    assert rows
    marked_rows = re.findall(r'<tr data-figure="[^"]+">(?:(?!</tr>).)*class="n sig"', html, flags=re.S)
    assert (len(marked_rows) > 0) == (marked > 0)


def test_a_count_of_thousands_is_written_as_each_language_groups_it(folder: Path,  # noqa: F811
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by QA (qafresh): the bundled study's report said "of the 3776 changes" and "de 3776
    ändringar"."""
    import report.html as report_html
    from report.chance import Highlights

    marked = frozenset(("x", 0, f"f{k}") for k in range(1733))
    monkeypatch.setattr(report_html, "highlights", lambda doc: Highlights(3776, 2733, marked))
    summary = read_summary(folder)
    html = render_report(summary, read_cases(folder), read_processes(folder))
    assert "Of the 3,776 changes this report compares, 1,733 are highlighted" in html
    assert "1,000 more have intervals without zero but are not highlighted" in html
    assert "about 189 would have one by chance alone" in html
    assert "Av de 3\u00a0776 ändringar rapporten jämför är 1\u00a0733 markerade" in html
    assert "Ytterligare 1\u00a0000 har ett intervall utan noll" in html
