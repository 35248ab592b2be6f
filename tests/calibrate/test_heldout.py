"""``calibrate --validate`` holds its held-out cases out of the fit: altering them moves the comparison's
log side and nothing of the simulated side, which comes from the training fit alone.

The log: Helsingborg simulated for one year at 80 applications a year (seed 5, about 75 cases), as a
CSV without element ids, its "Sammanställ utredning" written "Sammanställ utredningen" so that the
diff's matcher maps it onto Task_Utredning. The altered copy changes the held-out cases only (the last
30 % by first event): their "Sammanställ utredningen" rows are named exactly as the step is, and their
reminders ("Skicka påminnelse") are left out; no held-out case's first event nor the log's last
timestamp moves, so the simulated period is the same.
"""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from click.testing import CliRunner

from bpmn_io.caselog import LogRecord, table_from_records
from bpmn_io.logfiles import read_log
from calibrate.validate import split_by_start
from cli import cli


def _write(path, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.DictWriter(fh, fieldnames=list(rows[0]))
        out.writeheader()
        out.writerows(rows)


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("heldout")
    sim = folder / "sim.csv"
    done = CliRunner().invoke(cli, ["simulate", "helsingborg", "--years", "1", "--seed", "5", "-q", "-r", "1",
                                    "--set", "arrivals.per_year=80", "--eventlog", str(sim)])
    assert done.exit_code == 0, done.output
    with sim.open(encoding="utf-8") as fh:
        rows = [{k: v for k, v in r.items() if k not in ("element", "enable")} for r in csv.DictReader(fh)]
    for r in rows:
        if r["activity"] == "Sammanställ utredning":
            r["activity"] = "Sammanställ utredningen"
    first = folder / "log.csv"
    _write(first, rows)
    held = set(split_by_start(read_log(first)[0])[1].case_ids)
    altered = [dict(r, activity="Sammanställ utredning") if r["case_id"] in held and r["activity"] ==
               "Sammanställ utredningen" else r for r in rows
               if not (r["case_id"] in held and r["activity"] == "Skicka påminnelse")]
    assert len(altered) < len(rows) and any(r["activity"] == "Sammanställ utredning" for r in altered)
    second = folder / "altered.csv"
    _write(second, altered)
    return folder, first, second


def _validated(folder, log) -> dict:
    done = CliRunner().invoke(cli, ["calibrate", "helsingborg", str(log), "-o", str(folder / f"{log.stem}.yaml"),
                                    "--validate", "--replications", "2", "--format", "json"])
    assert done.exit_code == 0, done.output
    return json.loads(done.output)


@pytest.fixture(scope="module")
def validated(logs):
    folder, first, second = logs
    return _validated(folder, first), _validated(folder, second)


def test_altering_the_heldout_cases_does_not_change_the_fit(validated) -> None:
    # the training fit saw the held-out cases' activity names: their exact "Sammanställ utredning"
    # took Task_Utredning by name, the training cases' "Sammanställ utredningen" was left unmapped, and
    # the simulated held-out period changed (median 71.0 -> 65.0 days) with nothing of the training part
    a, b = validated
    assert {m["activity"]: m["element"] for m in b["mapping"]}["Sammanställ utredningen"] is None  # whole log
    va, vb = a["validation"], b["validation"]
    assert vb["real"] != va["real"] or vb["metrics"] != va["metrics"]  # the held-out side did change
    same = ("training_cases", "heldout_cases", "training_arrivals", "heldout_arrivals", "simulated_from",
            "simulated_horizon", "seed")
    assert [vb["setup"][k] for k in same] == [va["setup"][k] for k in same]
    assert vb["simulated"] == va["simulated"]


def test_an_activity_only_the_heldout_cases_have_is_compared_as_its_step(logs, validated) -> None:
    # labelled by the whole log's mapping (not fitted): the held-out "Sammanställ utredning" is
    # Task_Utredning there, as the simulation names it, not an activity the model does not have
    second, b = logs[2], validated[1]
    element = {m["activity"]: m["element"] for m in b["mapping"]}
    held = set(split_by_start(read_log(second)[0])[1].case_ids)
    with second.open(encoding="utf-8") as fh:
        acts = [r["activity"] for r in csv.DictReader(fh) if r["case_id"] in held]
    assert element["Sammanställ utredning"] == "Task_Utredning" and "Sammanställ utredning" in acts
    # every held-out activity is then one of the model's (a reminder timer's firings are too): no share said
    assert "log_events_of_model_steps" not in b["validation"]["setup"]


def test_the_log_the_model_wrote_itself_has_no_activity_the_model_lacks(logs) -> None:
    # Helsingborg's own simulated log was given measures over "the model's steps only" (98 % of its events):
    # the firings of its boundary timers (Timer_Paminnelse, "Svarstiden ute") were mapped as not fitted and
    # so counted as activities the model does not have, though the simulator logs them as the log has them
    folder = logs[0]
    done = _validated(folder, folder / "sim.csv")
    fired = {m["activity"] for m in done["mapping"] if m["how"].startswith("ignored (a boundary event")}
    assert "Timer_Paminnelse" in fired
    v = done["validation"]
    assert "log_events_of_model_steps" not in v["setup"] and not [k for k in v["metrics"] if "model_steps" in k]
    page = (folder / "sim.validation.html").read_text(encoding="utf-8")
    assert "the model's steps only" not in page and "bara modellens steg" not in page


def test_an_activity_the_model_lacks_still_gets_the_measures_over_its_steps(logs) -> None:
    folder = logs[0]
    with (folder / "sim.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    held = set(split_by_start(read_log(folder / "sim.csv")[0])[1].case_ids)
    foreign = [dict(r, activity="Arkivera akten", element="", resource="") for r in rows
               if r["case_id"] in held and r["activity"] == "Skicka beslutskopior"]
    assert foreign
    _write(folder / "foreign.csv", rows + foreign)
    done = _validated(folder, folder / "foreign.csv")
    assert {m["activity"]: m["element"] for m in done["mapping"]}["Arkivera akten"] is None
    heldout_events = sum(1 for r in rows if r["case_id"] in held)
    v = done["validation"]
    assert v["setup"]["log_events_of_model_steps"] == pytest.approx(heldout_events / (heldout_events + len(foreign)),
                                                                    abs=1e-4)
    assert v["metrics"]["activity_frequency_relative_model_steps"] is not None
    page = (folder / "foreign.validation.html").read_text(encoding="utf-8")
    assert "the model's steps only" in page and "bara modellens steg" in page


def test_the_training_part_names_only_what_its_cases_have() -> None:
    rows = [LogRecord(case, act, float("nan"), float(i), res, "", i + 1)
            for i, (case, act, res) in enumerate([("a", "X", "anna"), ("b", "X", "per"), ("c", "X", "anna"),
                                                  ("d", "Y", "olle"), ("e", "X", "anna")])]
    train, held = split_by_start(table_from_records(rows, source="t.csv"), 0.6)
    assert train.activities == ("X",) and train.resources == ("", "anna", "per")
    assert held.activities == ("X", "Y") and held.resources == ("", "anna", "olle")
    assert [held.activities[a] for a in held.activity] == ["Y", "X"]
    assert [held.resources[r] for r in held.resource] == ["olle", "anna"]
    assert np.array_equal(held.case, [0, 1])


@pytest.mark.parametrize("share", [0.0, 1.0, -0.3, 1.5])
def test_a_training_share_that_leaves_a_part_empty_is_refused(share) -> None:
    # split_by_start(table, 0) trained on one case and split_by_start(table, 1) held out one, silently
    rows = [LogRecord(str(c), "X", float("nan"), float(c), "", "", c + 1) for c in range(10)]
    with pytest.raises(ValueError, match=r"expected above 0 and below 1"):
        split_by_start(table_from_records(rows, source="t.csv"), share)


def test_held_out_cases_that_arrived_within_the_deadline_of_the_log_end_are_counted() -> None:
    from calibrate.validate import arrivals_before_end

    day = 86400.0
    # training cases a..c last 10, 20 and 30 days (median 20); held-out d, e, f arrive on days 40, 85, 95;
    # the log ends on day 100
    rows = [LogRecord(case, "X", float("nan"), t * day, "", "", i + 1) for i, (case, t) in
            enumerate([("a", 0), ("a", 10), ("b", 1), ("b", 21), ("c", 2), ("c", 32),
                       ("d", 40), ("d", 70), ("e", 85), ("e", 90), ("f", 95), ("f", 100)])]
    train, held = split_by_start(table_from_records(rows, source="t.csv"), 0.5)
    assert held.case_ids == ("d", "e", "f")
    assert arrivals_before_end(held, train, 100 * day, 56.0) == {
        "heldout_recent_cases": 2, "recent_days": 56.0, "recent_basis": "deadline", "log_end": "1970-04-11"}
    assert arrivals_before_end(held, train, 100 * day, None)["heldout_recent_cases"] == 2
    assert arrivals_before_end(held, train, 100 * day, None)["recent_days"] == 20.0
    assert arrivals_before_end(held, train, 100 * day, 3.0)["heldout_recent_cases"] == 0


def test_the_held_out_median_gets_a_seeded_bootstrap_interval_from_20_cases() -> None:
    from calibrate.validate import FEW_CASES, median_interval

    days = np.arange(1.0, 41.0)  # 40 cases, median 20.5
    low, high = median_interval(days, seed=3)
    # the median of 40 evenly spread days has an SE of 1 / (2 f sqrt(n)) = 40 / (2 sqrt(40)) ~ 3.2 days: about +-6.2
    assert low < 20.5 < high and 10 < low and high < 31
    assert median_interval(days, seed=3) == [low, high]
    assert median_interval(days[:FEW_CASES - 1], seed=3) is None and median_interval(days[:FEW_CASES], seed=3)
