"""Differentiated resources and weekday arrivals, from a log back into the simulator.

Helsingborg simulated for 2 years at 150 applications a year, arriving Monday to Wednesday only
(weekday weights 1, 1, 1, 0, 0, 0, 0), with its two officers named: anna works Monday to
Wednesday, bertil Monday to Friday (the office calendar). Its log (permitflow's own writer, which
names the person) is calibrated back, and the calibrated profile simulated again:

- the officers come back as two members, anna's calendar open Monday to Wednesday only;
- anna does no work on a Thursday, Friday or weekend in the simulated log (exactly: her
  calendar is closed then);
- arrivals: none at weekends, in the calibrated profile nor in its simulation (exactly), and
  Monday to Wednesday carry at least 80 % of the weight. A case's first logged event is its
  registration, in office hours: an arrival on a Wednesday evening is registered on Thursday
  (on Friday when Thursday is a holiday: the first run found Friday's weight 0.05, so the
  bound on Friday, first set at 0, is "under Monday's", as for Thursday).
"""

from __future__ import annotations

import copy

import pytest
from click.testing import CliRunner

from bpmn_io.caselog import from_seconds
from bpmn_io.library import library_root
from bpmn_io.logfiles import read_log
from bpmn_io.profile import read_profile
from bpmn_io.yamlsrc import dump_yaml
from cli import cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("people")
    raw = copy.deepcopy(read_profile(library_root() / "helsingborg" / "profile.yaml").raw)
    sim = raw["simulation"]
    sim["arrivals"]["per_year"] = 150
    sim["arrivals"]["weekdays"] = [1, 1, 1, 0, 0, 0, 0]
    sim["calendars"]["mon_wed"] = {**sim["calendars"]["office"],
                                   "hours": {d: "08:00-16:30" for d in ("mon", "tue", "wed")}}
    sim["pools"]["officer"]["fte"] = 1.0
    sim["pools"]["officer"]["members"] = {"anna": {"calendar": "mon_wed"}, "bertil": {"calendar": "office"}}
    sim["pools"]["registry"]["fte"] = 1.0
    given = folder / "given.yaml"
    given.write_text(dump_yaml(raw), encoding="utf-8")
    runner = CliRunner()
    log, calibrated, again = folder / "log.xes", folder / "calibrated.yaml", folder / "again.csv"
    done = runner.invoke(cli, ["simulate", "helsingborg", "--profile", str(given), "--years", "2", "--seed", "5",
                               "-r", "1", "-q", "--eventlog", str(log)])
    assert done.exit_code == 0, done.output
    done = runner.invoke(cli, ["calibrate", "helsingborg", str(log), "-o", str(calibrated)])
    assert done.exit_code == 0, done.output
    done = runner.invoke(cli, ["simulate", "helsingborg", "--profile", str(calibrated), "--years", "2", "--seed", "6",
                               "-r", "1", "-q", "--eventlog", str(again)])
    assert done.exit_code == 0, done.output
    return read_log(log)[0], read_profile(calibrated).raw["simulation"], read_log(again)[0]


def _weekdays(table, person: str) -> set[int]:
    """Weekdays on which ``person`` worked: rows of positive length (a step cancelled before its
    person began, by a terminating end elsewhere in the case, is logged at that instant with no work)."""
    code = table.resources.index(person)
    rows = (table.resource == code) & (table.end > table.start)
    return {from_seconds(t).weekday() for t in table.end[rows]} | {
        from_seconds(t).weekday() for t in table.start[rows]}


def test_the_log_names_the_people(runs) -> None:
    log, _, _ = runs
    assert {"anna", "bertil"} <= set(log.resources)
    assert _weekdays(log, "anna") <= {0, 1, 2}


def test_members_and_their_calendars_are_recovered(runs) -> None:
    _, sim, _ = runs
    officer = sim["pools"]["officer"]
    assert set(officer["members"]) == {"anna", "bertil"}
    assert officer["count"] == 2
    anna = sim["calendars"][officer["members"]["anna"]["calendar"]]["hours"]
    bertil = sim["calendars"][officer["members"]["bertil"]["calendar"]]["hours"]
    assert set(anna) == {"mon", "tue", "wed"}
    assert {"mon", "tue", "wed", "thu", "fri"} == set(bertil)


def test_anna_gets_no_work_on_thursdays_in_the_simulated_log(runs) -> None:
    _, _, again = runs
    assert "anna" in again.resources
    assert _weekdays(again, "anna") <= {0, 1, 2}
    assert 3 in _weekdays(again, "bertil")


def test_weekday_arrivals_are_recovered_and_simulated(runs) -> None:
    _, sim, again = runs
    weights = sim["arrivals"]["weekdays"]
    assert weights[5:] == [0, 0]
    assert weights[3] < weights[0] and weights[4] < weights[0]
    assert sum(weights[:3]) >= 0.8 * sum(weights)
    first = again.end[again.case_bounds()[:-1]]
    days = {from_seconds(t).weekday() for t in first}
    assert not days & {5, 6}

