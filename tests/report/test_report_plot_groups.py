"""The report's two case plots group the case rows once for both languages (report.plots.case_groups,
serial work at the end of a run: goal 7 of issue 16): the same jobs, so the same PNG bytes, as each
language grouping the rows itself."""

from __future__ import annotations

import random

from report import plots
from report.html import plot_jobs


def _rows() -> list[dict[str, str]]:
    rng = random.Random(3)
    rows = []
    for scenario, points in (("status-quo", ("", "")), ("more-staff", ("officers=2", "officers=3"))):
        for point in points:
            for process in ("helsingborg", "astorp"):
                for _ in range(40):
                    days = "" if rng.random() < 0.1 else f"{rng.uniform(1, 200):.3f}"
                    rows.append({"scenario": scenario, "point": point, "process": process,
                                 "warmup": "1" if rng.random() < 0.2 else "0",
                                 "submission_to_decision_days": days, "complete_to_decision_days": days and f"{float(days) * 0.9:.3f}"})
    return rows


def test_grouped_once_the_jobs_are_the_same() -> None:
    rows = _rows()
    order, towns = ["status-quo", "more-staff"], {"helsingborg": "Helsingborg", "astorp": "Åstorp"}
    late = plots.case_groups(rows, "complete_to_decision_days")
    times = plots.case_groups(rows, "submission_to_decision_days")
    for lang in ("en", "sv"):
        alone = plots.deadline_job(rows, order, towns, lang)
        assert alone is not None and plots.deadline_job(rows, order, towns, lang, grouped=late) == alone
        alone = plots.processing_time_job(rows, order, towns, lang)
        assert alone is not None and plots.processing_time_job(rows, order, towns, lang, grouped=times) == alone
    # only the first point of each scenario, after the warm-up, with a value
    assert sorted(late[0]) == [("more-staff", "astorp"), ("more-staff", "helsingborg"),
                               ("status-quo", "astorp"), ("status-quo", "helsingborg")]
    assert late[1] == {"status-quo": "", "more-staff": "officers=2"}
    expected = [float(r["complete_to_decision_days"]) for r in rows if r["scenario"] == "more-staff"
                and r["point"] == "officers=2" and r["process"] == "astorp" and r["warmup"] == "0"
                and r["complete_to_decision_days"]]
    assert late[0][("more-staff", "astorp")] == expected


def test_plot_jobs_draw_each_language_from_the_same_rows() -> None:
    rows = _rows()
    doc = {"scenarios": [{"name": name, "members": ["helsingborg", "astorp"], "sweep": [], "points": []}
                         for name in ("status-quo", "more-staff")]}
    jobs = plot_jobs(doc, rows, {}, sweeps=False)
    for lang in ("en", "sv"):
        assert jobs[f"deadline.{lang}"] == plots.deadline_job(rows, ["status-quo", "more-staff"], {}, lang)
        assert jobs[f"times.{lang}"] == plots.processing_time_job(rows, ["status-quo", "more-staff"], {}, lang)


def test_the_deadline_chart_marks_a_case_late_by_its_own_deadline() -> None:
    # four calendar months are 120-123 days (the dashed line: their mean, 121.75): a case decided after 121
    # days whose four months were 120 is late, one after 122.5 days whose four months were 123 is not, as
    # cases.csv's within_deadline says; a file without that column (an earlier version): against the line
    rows = [{"scenario": "s", "point": "", "process": "p", "warmup": "0", "submission_to_decision_days": days,
             "complete_to_decision_days": days, "within_deadline": within}
            for days, within in (("121.000", "0"), ("122.500", "1"), ("30.000", "1"))]
    job = plots.deadline_job(rows, ["s"], {}, "en")
    assert job is not None
    data, shares, late = job[1][1], job[1][4], job[1][5]
    assert data == [[121.0, 122.5, 30.0]] and late == [[True, False, False]] and shares == [None]
    for row in rows:
        del row["within_deadline"]
    assert plots.deadline_job(rows, ["s"], {}, "en")[1][5] is None  # type: ignore[index]
