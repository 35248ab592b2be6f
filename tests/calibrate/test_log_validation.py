"""``calibrate --validate`` on a log permitflow wrote itself: the distances are small and all reported.

The log: Helsingborg simulated for 2 years at 120 applications a year (about 240 cases, seed 7);
the last 30 % by start (about 72 cases) are held out, 3 replications simulate that period.
Tolerances, fixed before the run:

- activity shares (total variation) under 0.15 and 3-grams under 0.35: the same model and
  branching, so only sampling differences over about 70 cases remain (a share of 0.1 has an SE
  of 0.035 over 70 cases; the 3-gram distance counts every different interleaving of the
  parallel remiss steps, hence the wider bound);
- the cycle-time EMD under a quarter of the held-out mean cycle time (the median of about 60
  days has an SE near 2 days over 70 cases; a quarter leaves room for the censoring at the
  end of the held-out period and for the refitted parameters);
- the median cycle time within 10 days of the log's.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from calibrate.validate import split_by_start
from cli import cli

pytestmark = pytest.mark.slow

METRICS = ("cycle_time_emd_hours", "arrival_emd_hours", "absolute_event_emd_hours", "relative_event_emd_hours",
           "activity_frequency_absolute", "activity_frequency_relative", "three_gram_distance",
           "cycle_days_p50_difference", "within_deadline_difference")


@pytest.fixture(scope="module")
def validated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("validate")
    log, out = folder / "log.xes", folder / "profile.yaml"
    runner = CliRunner()
    sim = runner.invoke(cli, ["simulate", "helsingborg", "--years", "2", "--seed", "7", "-q", "-r", "1",
                              "--eventlog", str(log), "--set", "arrivals.per_year=120",
                              "--set", "pools.officer.fte=1.0", "--set", "pools.registry.fte=1.0"])
    assert sim.exit_code == 0, sim.output
    done = runner.invoke(cli, ["calibrate", "helsingborg", str(log), "-o", str(out), "--format", "json",
                               "--validate", "--replications", "3"])
    assert done.exit_code == 0, done.output
    return json.loads(done.output)["validation"], folder


def test_every_metric_is_reported(validated) -> None:
    v, _ = validated
    assert all(v["metrics"].get(k) is not None for k in METRICS), v["metrics"]
    assert len(v["per_replication"]) == 3
    assert v["setup"]["heldout_cases"] == pytest.approx(0.3 * (v["setup"]["training_cases"]
                                                              + v["setup"]["heldout_cases"]), abs=1)


def test_distances_are_small(validated) -> None:
    m, real = validated[0]["metrics"], validated[0]["real"]
    assert m["activity_frequency_relative"] < 0.15
    assert m["three_gram_distance"] < 0.35
    assert m["cycle_time_emd_hours"] < 0.25 * real["cycle_days_mean"] * 24
    assert abs(m["cycle_days_p50_difference"]) < 10


def test_page_is_self_contained(validated) -> None:
    _, folder = validated
    page = (folder / "profile.validation.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 3
    assert "<script" not in page and "<link" not in page and 'src="http' not in page  # nothing fetched


def test_page_says_what_was_compared_and_how_far_it_holds_in_words(validated) -> None:
    # the page listed the setup as raw keys ("training_cases: 168", "simulated_horizon: 225d",
    # "deadline_days: None") and did not say how far its figures hold
    v, folder = validated
    page = (folder / "profile.validation.html").read_text(encoding="utf-8")
    assert "training_cases:" not in page and "simulated_horizon" not in page and "None" not in page
    assert f"calibrated on the first {v['setup']['training_cases']} cases" in page
    assert f"kalibrerades på de första {v['setup']['training_cases']} ärendena" in page
    assert "How far this holds / Hur långt det håller" in page
    emds = [p["cycle_time_emd_hours"] for p in v["per_replication"]]
    assert f"EMD went from {min(emds):.0f} to {max(emds):.0f} hours" in page
    assert "not that it will hold after a change" in page and "inte att den håller efter en ändring" in page


def test_split_is_by_first_event() -> None:
    from bpmn_io.caselog import LogRecord, table_from_records

    rows = [LogRecord(c, "A", float("nan"), t, "", "", i) for i, (c, t) in
            enumerate([("late", 900.0), ("early", 100.0), ("mid", 500.0), ("x", 700.0), ("first", 0.0)])]
    train, held = split_by_start(table_from_records(rows, source="t.csv"), 0.6)
    assert train.case_ids == ("first", "early", "mid")
    assert held.case_ids == ("x", "late")


def test_discover_validates_too(validated) -> None:
    _, folder = validated
    done = CliRunner().invoke(cli, ["discover", str(folder / "log.xes"), "-o", str(folder / "found.bpmn"),
                                    "--validate", "--replications", "2"])
    assert done.exit_code == 0, done.output
    assert "3-gram control flow" in done.output and "trained on" in done.output
    assert (folder / "found.validation.html").read_text(encoding="utf-8").count("<svg") == 3
