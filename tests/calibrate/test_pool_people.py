"""Each person the log names counts once, in the pool where they did most of their work.

A pool's people were those with 1 % of its rows, so one who worked in two pools counted in both, and the
simulation had them twice (found by QA, qalog4). The model: a registrar's lane (Registrera) and an officer's
(Granska, Besluta). The log: 30 cases, a case a working day from 6 January 2025, completion times only; anna
registers all 30 and reviews 3 of them (3 of the officer lane's 60 rows: 5 %), bo and cia do the rest of the
officer lane's work, and dan registers nothing and reviews one case (1 of 60 rows: 1.7 %).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import yaml
from click.testing import CliRunner

from calibrate.staff import home_pools, max_concurrent, most_at_once
from cli import cli

MODEL = """\
process: {id: Bygglov, name: Bygglov}
lanes:
  Lane_R: Registrator
  Lane_H: Handläggare
steps:
  - {id: Start, event: start, name: Ansökan inkommen, lane: Lane_R}
  - {id: Task_Reg, task: user, name: Registrera, lane: Lane_R}
  - {id: Task_Gr, task: user, name: Granska, lane: Lane_H}
  - {id: Task_Be, task: user, name: Besluta, lane: Lane_H}
  - {id: End, event: end, name: Klart, lane: Lane_H}
"""
PROFILE = """\
municipality: Test
simulation:
  start: 2025-01-01
  horizon: 1y
  assumption: "test: assumed values, replaced by calibration where the log tells"
  calendars:
    office:
      hours: {mon: "08:00-17:00", tue: "08:00-17:00", wed: "08:00-17:00", thu: "08:00-17:00",
              fri: "08:00-17:00"}
      holidays: none
  pools:
    registry: {count: 1, calendar: office, cost_per_hour: 600, lanes: [Lane_R]}
    officer: {count: 1, calendar: office, cost_per_hour: 700, lanes: [Lane_H]}
  arrivals: {per_year: 200}
  elements:
    Task_Reg: {duration: 30m}
    Task_Gr: {duration: 2h}
    Task_Be: {duration: 1h}
"""


def _working_days(count: int) -> list[dt.date]:
    """The first ``count`` working days (Monday to Friday) from Monday 6 January 2025."""
    days = (dt.date(2025, 1, 6) + dt.timedelta(days=i) for i in range(2 * count))
    return [d for d in days if d.weekday() < 5][:count]


def _write(folder: Path) -> Path:
    (folder / "model.yaml").write_text(MODEL, encoding="utf-8")
    (folder / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    rows = ["case;activity;timestamp;resource"]
    for n, day in enumerate(_working_days(30)):
        reviewer = "anna" if n in (4, 14, 24) else "dan" if n == 9 else "bo" if n % 2 else "cia"
        for activity, hour, who in (("Registrera", 9, "anna"), ("Granska", 13, reviewer),
                                    ("Besluta", 16, "bo" if n % 2 else "cia")):
            rows.append(f"C{n};{activity};{day} {hour:02d}:{n % 60:02d};{who}")
    (folder / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def test_a_person_in_two_pools_counts_once_where_they_did_most() -> None:
    assert home_pools({"officer": ["anna"] * 3 + ["bo"] * 28 + ["cia"] * 28 + ["dan"],
                       "registry": ["anna"] * 30}) == {"anna": "registry", "bo": "officer", "cia": "officer",
                                                       "dan": "officer"}
    # a tie goes to the pool first by name; a role's pool (one name, the pool's) counts no person
    assert home_pools({"b": ["anna", "bo"], "a": ["anna", "cia"], "officer": ["officer"]}) == {
        "anna": "a", "bo": "b", "cia": "a"}


def test_calibrate_counts_each_person_once(tmp_path) -> None:
    folder = _write(tmp_path)
    args = ["calibrate", str(folder / "model.yaml"), str(folder / "log.csv"), "-o", str(folder / "out.yaml")]
    done = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert done.exit_code == 0, done.output
    pools = {p["pool"]: p for p in json.loads(done.output)["pools"]}
    assert {name: (p["count"], p["people"]) for name, p in pools.items()} == {
        "officer": (3, ["bo", "cia", "dan"]), "registry": (1, ["anna"])}  # 4 people, not 5
    assert pools["officer"]["counted_elsewhere"] == {"anna": "registry"}
    sim = yaml.safe_load((folder / "out.yaml").read_text(encoding="utf-8"))["simulation"]
    assert (sim["pools"]["officer"]["count"], sim["pools"]["registry"]["count"]) == (3, 1)
    assert "counted in another pool, where they did more: anna (registry)" in sim["pools"]["officer"]["note"]
    text = CliRunner().invoke(cli, args)
    assert text.exit_code == 0, text.output
    assert ("pool officer: 3 (people with at least 1% of the pool's work, each counted once: in the pool "
            "where they did most of their work (most rows; a tie: the pool first by name)), lanes "
            "Handläggare (Lane_H)") in text.output


def test_a_name_at_work_on_two_cases_at_once_is_not_one_person(tmp_path) -> None:
    """Found by QA (qalanes): permitflow's own logs name the role, "officer", for the work of two officers,
    and a pool of several names counted it as one person (Helsingborg's one-lane model had 1 officer for 2). A
    person does one case at a time: a name the log shows at work on two cases at once counts as that many, as
    a pool of one role's name counts. The log, with start times: 20 cases, two a working day; anna registers
    each alone, "handläggare" reviews the day's two cases at once (13:00-15:00 and 13:30-15:30), bo decides
    each alone."""
    (tmp_path / "model.yaml").write_text(MODEL, encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    rows = ["case;activity;start;end;resource"]
    for n, day in enumerate(_working_days(10)):
        for k, (begin, end) in enumerate((("13:00", "15:00"), ("13:30", "15:30"))):
            c = 2 * n + k
            rows += [f"C{c};Registrera;{day} {9 + k}:00;{day} {9 + k}:30;anna",
                     f"C{c};Granska;{day} {begin};{day} {end};handläggare",
                     f"C{c};Besluta;{day} {16 + k}:00;{day} {16 + k}:30;bo"]
    (tmp_path / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["calibrate", str(tmp_path / "model.yaml"), str(tmp_path / "log.csv"),
                                    "-o",
                                    str(tmp_path / "out.yaml"), "--format", "json"])
    assert done.exit_code == 0, done.output
    officer = {p["pool"]: p for p in json.loads(done.output)["pools"]}["officer"]
    assert (officer["count"], officer["people"]) == (3, ["bo", "handläggare"])  # bo, and handläggare as 2
    assert "handläggare counted as 2: the log shows that name at work on that many cases at once" in \
        officer["counted_by"]
    assert list(officer["per_person_hours"]) == ["bo"]  # a role's rows are no one person's hours


def test_a_clerk_with_cases_open_for_days_is_one_person(tmp_path) -> None:
    """Found by QA (qalog5): in a municipality's case system a clerk "starts" a case when it lands and
    completes it days later, with others started in between; the rows bracket calendar time, not work, and the
    name counted as the most cases open at once. The log: 20 cases, one a working day; karin's review of each
    opens at its registration (09:00) and closes at 14:00 three working days later, so 3 or 4 are open at
    once; bo decides each alone, and "handläggare" (another lane's name) is not in it. karin is one person."""
    (tmp_path / "model.yaml").write_text(MODEL, encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    days = _working_days(23)
    rows = ["case;activity;start;end;resource"]
    for n, day in enumerate(days[:20]):
        rows += [f"C{n};Registrera;{day} 08:30;{day} 09:00;anna",
                 f"C{n};Granska;{day} 09:00;{days[n + 3]} 14:00;karin",
                 f"C{n};Besluta;{days[n + 3]} 15:00;{days[n + 3]} 15:30;bo"]
    (tmp_path / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    begin = np.array([dt.datetime.fromisoformat(f"{d} 09:00").timestamp() for d in days[:20]])
    end = np.array([dt.datetime.fromisoformat(f"{days[n + 3]} 14:00").timestamp() for n in range(20)])
    assert max_concurrent(begin, end) in (3, 4, 5)  # the log shows karin with that many open at once
    done = CliRunner().invoke(cli, ["calibrate", str(tmp_path / "model.yaml"), str(tmp_path / "log.csv"),
                                    "-o",
                                    str(tmp_path / "out.yaml"), "--format", "json"])
    assert done.exit_code == 0, done.output
    officer = {p["pool"]: p for p in json.loads(done.output)["pools"]}["officer"]
    assert (officer["count"], officer["people"]) == (2, ["bo", "karin"])  # not karin as 4
    # 5.2: three working days and 5 hours, over a weekend for 12 of the 20
    assert ("karin counted as one: the rows are open a median of 5.2 days from the logged start to the "
            "completion, 8 hours or longer, so they are items kept open in the case "
            "system") in officer["counted_by"]


def test_rows_of_hours_at_once_are_people_and_rows_of_days_are_not() -> None:
    """The rule of :func:`most_at_once`, the same for a role's rows and a person's: rows of hours that overlap
    are that many people at work (a row open longer left out); rows open a median of 8 hours or more are open
    items, one person."""
    h = 3600.0
    starts, ends = np.array([9, 9.5, 10, 30]) * h, np.array([11, 11.5, 12, 60]) * h  # three of hours at once
    found = most_at_once(starts, ends, np.zeros(4, bool))
    assert (found.most, found.left, found.open_items) == (3, 1, False)
    days = most_at_once(np.array([0, 1, 2, 3]) * 24 * h, np.array([4, 5, 6, 7]) * 24 * h, np.zeros(4, bool))
    assert (days.most, days.open_items, days.median_hours) == (1, True, 96.0)
    # an estimated start is no logged time open: hours of work at once by logged starts still count
    assert most_at_once(starts, ends, np.array([False, False, False, True])).most == 3
