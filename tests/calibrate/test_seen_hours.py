"""Working hours and work times from what a completion-only log saw (tests/fixtures/logs/night_cases.csv).

The model and profile of tiny.yaml (office Mon-Fri 08:00-16:00; 19 rows, under the 200 that the
pool's hours need to replace the profile's calendar, so work is counted on the office calendar).
An e-service logs "Ansökan inkommen" (the start event, no resource) at night; anna registers and
investigates in the day. Worked by hand:

- Estimated starts (later of enabling and anna's previous completion): A's Registrera 00:42 (the
  arrival; anna had done nothing yet), B's 08:30, C's 00:50 (Tue 11th; anna's last completion was
  Tue 4th 12:20), D's 08:40; E has no arrival row: its Registrera rests on anna's previous
  completion alone, Tue 11th 15:50. Utred: A 08:50, B 12:00, C 09:00, D 15:30, E 10:00.
- Hours (per weekday, the earliest time with another within 30 minutes after it, to the latest
  with one within 30 minutes before): from the estimated starts Tuesday ran 00:42-15:50 (the
  arrivals at 00:42 and 00:50 keep each other company). From what the log saw — completions by
  anna (08:30, 08:40, 08:50, 09:00, 12:00, 12:20, 15:30, 15:50) — Tuesday is 08:30-15:50. Friday
  10:00-13:00 (E's two rows) either way; other days closed.
- Registrera's work on the office calendar: A 08:00-08:30 0.5 h, B 1/3 h, C 08:00-08:40 2/3 h,
  D 1/3 h. E from anna's previous completion was Tue 15:50-16:00 + Wed 8 + Thu 8 + Fri 08:00-10:00
  = 18 1/6 h, idle days counted as work (mean 4.0 h); counted from E's completion day only it is
  2 h (mean 23/30 h).
- Utred (every start has an enabling in the log, so unchanged): 19/6, 1/3, 6.5, 1/3, 3 -> mean 8/3 h.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bpmn_io.loading import load_model
from bpmn_io.logfiles import read_log
from bpmn_io.profile import read_profile
from calibrate.core import calibrate
from calibrate.mapping import map_activities

LOGS = Path(__file__).resolve().parents[1] / "fixtures" / "logs"


@pytest.fixture(scope="module")
def report():
    defs = load_model(str(LOGS / "tiny.yaml"))
    table, _stream = read_log(LOGS / "night_cases.csv")
    mapping = map_activities(defs, table)
    assert mapping.element["Ansökan inkommen"] == "Start_Ansokan"
    base = read_profile(LOGS / "tiny_profile.yaml").raw
    return calibrate(defs, table, mapping, base=base, log_name="night_cases.csv").report


def test_hours_come_from_completions_not_from_night_arrivals(report) -> None:
    (pool,) = report["pools"]
    assert pool["pool"] == "officer"
    assert pool["hours"] == {"mon": "closed", "tue": "08:30-15:50", "wed": "closed", "thu": "closed",
                             "fri": "10:00-13:00", "sat": "closed", "sun": "closed"}


def test_a_start_resting_on_an_idle_resource_counts_only_the_completion_day(report) -> None:
    d = report["durations"]
    assert (d["Task_Registrera"]["n"], d["Task_Registrera"]["idle_starts"]) == (5, 1)  # E's
    assert d["Task_Registrera"]["sample_mean_hours"] == pytest.approx((0.5 + 1 / 3 + 2 / 3 + 1 / 3 + 2) / 5)


def test_work_with_a_seen_enabling_is_unchanged(report) -> None:
    d = report["durations"]
    assert "idle_starts" not in d["Task_Utred"]
    assert d["Task_Utred"]["sample_mean_hours"] == pytest.approx((19 / 6 + 1 / 3 + 6.5 + 1 / 3 + 3) / 5)


@pytest.mark.slow
def test_a_task_the_profile_makes_a_wait_is_not_counted_as_work(tmp_path) -> None:
    # Helsingborg's "Invänta komplettering" is a task whose profile entry is a delay (two weeks of
    # waiting for the applicant). On a completion-only log its span was counted as officer work, the
    # capacity check found the officers busy 200 % of their hours and said their steps were fitted as
    # calendar delays (they were not: each has a duration in the profile)
    import copy
    import csv

    from click.testing import CliRunner

    from bpmn_io.library import library_root
    from bpmn_io.yamlsrc import dump_yaml
    from cli import cli

    raw = copy.deepcopy(read_profile(library_root() / "helsingborg" / "profile.yaml").raw)
    sim = raw["simulation"]
    sim["arrivals"]["per_year"] = 120
    sim["pools"]["officer"].update(fte=1.0, members={"anna": {"calendar": "office"}, "bertil": {"calendar": "office"}})
    sim["pools"]["registry"].update(fte=1.0, members={"rita": {"calendar": "office"}})
    profile, full, log = tmp_path / "named.yaml", tmp_path / "full.csv", tmp_path / "completions.csv"
    profile.write_text(dump_yaml(raw), encoding="utf-8")
    runner = CliRunner()
    # one replication: the log is replication 1's, the same bytes whatever their number (default ten)
    done = runner.invoke(cli, ["simulate", "helsingborg", "--profile", str(profile), "--years", "1", "--seed", "7",
                               "-q", "-r", "1", "--eventlog", str(full)])
    assert done.exit_code == 0, done.output
    with full.open(encoding="utf-8") as src, log.open("w", encoding="utf-8", newline="") as dst:
        out = csv.writer(dst)
        out.writerow(["case_id", "activity", "timestamp", "resource", "element"])
        for row in csv.DictReader(src):
            out.writerow([row["case_id"], row["activity"], row["end"], row["resource"], row["element"]])
    done = runner.invoke(cli, ["calibrate", "helsingborg", str(log), "-o", str(tmp_path / "p.yaml"), "--format", "json"])
    assert done.exit_code == 0, done.output
    report = json.loads(done.output)
    assert report["capacity"] == {}
    assert report["durations"]["Task_Invanta_Komplettering"]["kind"] == "delay"
