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

import numpy as np
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


def _page(path):
    from lxml import html

    return html.fromstring(path.read_bytes())


def test_every_metric_is_reported(validated) -> None:
    v, _ = validated
    assert all(v["metrics"].get(k) is not None for k in METRICS), v["metrics"]
    assert len(v["per_replication"]) == 3
    assert v["setup"]["heldout_cases"] == pytest.approx(0.3 * (v["setup"]["training_cases"]
                                                              + v["setup"]["heldout_cases"]), abs=1)


def test_page_names_the_log_it_was_checked_against(validated) -> None:
    # the page said the cases and periods of its two parts, never which log they were of
    from bpmn_io.logfiles import read_log
    from processes.numbers import number

    v, folder = validated
    table, _ = read_log(folder / "log.xes")
    assert (v["setup"]["log"], v["setup"]["log_cases"], v["setup"]["log_period"]) == (
        "log.xes", table.n_cases, table.period_text())
    said = [p.text_content() for p in _page(folder / "profile.validation.html").iter("p")]
    assert (f"Log / Logg: log.xes, {table.n_cases:,} cases / {number(table.n_cases, 'sv')} ärenden, "
            f"{table.period_text()}.") in said


def test_its_own_log_has_no_activity_the_model_lacks(validated) -> None:
    # the README's run gave "the model has the activities of 98% of the log's events": its timers' firings
    v, folder = validated
    assert "log_events_of_model_steps" not in v["setup"] and not [k for k in v["metrics"] if "model_steps" in k]
    assert "bara modellens steg" not in (folder / "profile.validation.html").read_text(encoding="utf-8")


def test_distances_are_small(validated) -> None:
    m, real = validated[0]["metrics"], validated[0]["real"]
    assert m["activity_frequency_relative"] < 0.15
    assert m["three_gram_distance"] < 0.35
    assert m["cycle_time_emd_hours"] < 0.25 * real["cycle_days_mean"] * 24
    assert abs(m["cycle_days_p50_difference"]) < 10


def test_page_is_self_contained(validated) -> None:
    _, folder = validated
    page = (folder / "profile.validation.html").read_text(encoding="utf-8")
    assert [f.get("lang") for f in _page(folder / "profile.validation.html").iter("figure")] == ["en", "sv"] * 3
    assert page.count("<svg") == 6  # each chart in each language
    assert "<script" not in page and "<link" not in page and 'src="http' not in page  # nothing fetched


def test_page_says_what_was_compared_and_how_far_it_holds_in_words(validated) -> None:
    # the page listed the setup as raw keys ("training_cases: 168", "simulated_horizon: 225d",
    # "deadline_days: None") and did not say how far its figures hold
    v, folder = validated
    page = _page(folder / "profile.validation.html").text_content()
    assert "training_cases:" not in page and "simulated_horizon" not in page and "None" not in page
    assert f"calibrated on the first {v['setup']['training_cases']} cases" in page
    assert f"kalibrerades på de första {v['setup']['training_cases']} ärendena" in page
    assert "How far this holds / Hur långt det håller" in page
    emds = [p["cycle_time_emd_hours"] for p in v["per_replication"]]
    assert f"EMD went from {min(emds):.0f} to {max(emds):.0f} hours" in page
    assert "not that it will hold after a change" in page and "inte att den håller efter en ändring" in page


def test_text_says_when_the_cases_arrived_and_how_far_it_holds(validated) -> None:
    # the text said "trained on 168 cases (2025-01-03 to 2026-08-24), held out 72 (2026-05-25 to ...)":
    # periods of events that overlap, though the split is by arrival; and it gave the figures without
    # the page's words on how far they hold
    from bpmn_io.caselog import from_seconds
    from bpmn_io.logfiles import read_log
    from calibrate.validation_text import validation_text

    v, folder = validated
    train, held = split_by_start(read_log(folder / "log.xes")[0])
    firsts = {}
    for case, end in zip(held.case, np.fmin(held.start, held.end), strict=True):
        firsts[case] = min(firsts.get(case, end), end)
    arrived = f"{from_seconds(min(firsts.values())).date()} to {from_seconds(max(firsts.values())).date()}"
    text = validation_text(v)
    assert (f"held out the next {v['setup']['heldout_cases']} cases (arrived {arrived}; their events "
            f"{held.period_text()})") in text
    assert f"trained on {train.n_cases} cases (arrived {train.period()[0].date()} to " in text
    emds = [p["cycle_time_emd_hours"] for p in v["per_replication"]]
    assert f"the cycle-time EMD went from {min(emds):.0f} to {max(emds):.0f} hours" in text
    assert "smaller is closer, with no fixed limit for good enough" in text
    assert "start times were estimated" not in text  # this log has start times


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
    assert (folder / "found.validation.html").read_text(encoding="utf-8").count("<svg") == 6


def _hand_logs():
    from calibrate.distances import CaseLog

    # case a: X, Z, Y (Z: an activity the model does not have); case b: X, Y; the simulation: X, Y twice
    real = CaseLog.of([("a", "X", 0, 10), ("a", "Z", 10, 20), ("a", "Y", 20, 30),
                       ("b", "X", 0, 10), ("b", "Y", 10, 20)])
    sim = CaseLog.of([("1", "X", 0, 10), ("1", "Y", 10, 30), ("2", "X", 0, 10), ("2", "Y", 10, 20)])
    return real, sim


def test_measures_over_the_models_steps_leave_out_what_it_cannot_produce() -> None:
    # a discovered model keeps only the frequent activities; its activity and 3-gram distances over the
    # whole log counted the left-out ones as differences, which no simulation of it can remove
    from calibrate.validate import model_steps_only, score

    real, sim = _hand_logs()
    assert model_steps_only(real, frozenset({"X", "Y"})).label == ("X", "Y", "X", "Y")
    v = score(real, [sim], deadline_days=None, setup={}, model_steps=frozenset({"X", "Y"}))
    # by hand: shares .4/.4/.2 against .5/.5 -> 0.2; 3-grams: 5 of 17 counts differ -> 0.2941
    assert v.metrics["activity_frequency_relative"] == pytest.approx(0.2)
    assert v.metrics["three_gram_distance"] == pytest.approx(5 / 17, abs=1e-4)
    assert v.metrics["activity_frequency_relative_model_steps"] == 0.0
    assert v.metrics["three_gram_distance_model_steps"] == 0.0
    assert v.setup["log_events_of_model_steps"] == 0.8


def test_a_model_with_every_activity_gets_no_second_measures() -> None:
    from calibrate.validate import score

    real, sim = _hand_logs()
    v = score(real, [sim], deadline_days=None, setup={}, model_steps=frozenset({"X", "Y", "Z"}))
    assert not any(k.endswith("_model_steps") for k in v.metrics)
    assert "log_events_of_model_steps" not in v.setup


def test_discover_says_what_share_of_the_log_its_model_has(validated) -> None:
    from calibrate.validation_text import METRIC_WORDS

    _, folder = validated
    done = CliRunner().invoke(cli, ["discover", str(folder / "log.xes"), "-o", str(folder / "some.bpmn"),
                                    "--min-frequency", "0.9", "--validate", "--replications", "2"])
    assert done.exit_code == 0, done.output
    values = {k: float(line.split(" / ")[0].rsplit(": ", 1)[1].replace(",", "")) for line in done.output.splitlines()
              for k, words in METRIC_WORDS.items() if line.strip().startswith(words.split(" / ")[0] + ": ")}
    assert values["three_gram_distance_model_steps"] < values["three_gram_distance"]
    assert values["activity_frequency_relative_model_steps"] < values["activity_frequency_relative"]
    (share,) = [line.split("activities of ")[1].split(" ")[0] for line in done.output.splitlines()
                if "the model has the activities of" in line]
    assert 0 < int(share.rstrip("%")) < 100
    page = (folder / "some.validation.html").read_text(encoding="utf-8")
    assert f"The model has the activities of {share} of the log" in page
    # Swedish names what the share is of ("Modellen har aktiviteterna för 87% av ..." left it to be guessed)
    assert f"{share.removesuffix('%')}\u00a0% av loggens händelser är aktiviteter som modellen har: de andra kan " \
        "inte förekomma i en simulering av modellen" in page
    assert (f"{share.removesuffix('%')}\u00a0% av loggens händelser är aktiviteter som modellen har; måtten märkta "
            "\"bara modellens steg\" räknar bort de andra") in done.output


def test_page_is_titled_by_the_process_it_validated(validated) -> None:
    """Found by QA (2026-12-07): the page was titled by its own file name, "Validation / Validering:
    profile.validation"; it is titled by the process as its model names it."""
    _, folder = validated
    page = _page(folder / "profile.validation.html")
    said = "Validation / Validering: Stadigvarande serveringstillstånd – Helsingborgs stad"
    assert page.findtext(".//title") == said
    assert page.find(".//h1").text_content() == said
