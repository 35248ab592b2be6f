"""A hand-made case log with known answers (tests/fixtures/logs/tiny_cases.csv), checked by hand.

Four cases, completion times only, on the calendar Mon-Fri 08:00-16:00 with Swedish holidays
(Monday 2025-01-06 is Trettondedag jul: closed). The start of each row is the later of
its enabling step's completion and its resource's previous completion:

- C's Registrera (Wed 08 09:00, anna): anna last finished Mon 06 12:00 -> start then. D's
  Registrera (Thu 09 09:00, bertil): bertil last finished Tue 07 11:00 -> start then. Nothing in
  their cases comes before them (no arrival logged), so these starts rest on an idle resource
  alone and the work counts from the completion's day: 08:00-09:00, 1 h each (from the
  estimated starts it was Tue 8 + Wed 1 = 9 h across the Monday holiday, and 14 h). A's and
  B's are their resource's first work: no estimate (start = end).
- Utred: A 0 h (all on the holiday), B 8 h (enabled by the supplement Tue 14 10:00, to
  Wed 15 10:00), C 3.5 h (anna free after the mail-out at 09:30), D 3 h.
- Komplettering inkommen: 167 h after Begär komplettering (Tue 07 11:00 -> Tue 14 10:00).
- One supplement in four passes of Gw_Komplett: Nej 0.25.
- Decisions batched on Tue 21 Jan and Tue 18 Feb: the 3rd Tuesday of the month.
- Arrivals Mon 06 09:00 to Thu 09 09:00: 3 gaps in 3 days -> 365.25 a year.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bpmn_io.caselog import wall_seconds
from bpmn_io.loading import load_model
from bpmn_io.logfiles import read_log
from bpmn_io.profile import read_profile
from calibrate.core import calibrate
from calibrate.mapping import map_activities, mappable_steps, parse_mapping
from calibrate.starttimes import estimate_starts
from cli import cli

LOGS = Path(__file__).resolve().parents[1] / "fixtures" / "logs"


def _h(text: str) -> float:
    return wall_seconds(dt.datetime.fromisoformat(text))


@pytest.fixture(scope="module")
def result():
    defs = load_model(str(LOGS / "tiny.yaml"))
    table, stream = read_log(LOGS / "tiny_cases.csv")
    given = parse_mapping((LOGS / "tiny_mapping.yaml").read_bytes(), source="tiny_mapping.yaml",
                          elements=frozenset(mappable_steps(defs.process())))
    mapping = map_activities(defs, table, mapping_file=given)
    base = read_profile(LOGS / "tiny_profile.yaml").raw
    return table, stream, mapping, calibrate(defs, table, mapping, base=base, log_name="tiny_cases.csv")


def test_columns_are_guessed_from_swedish_names_and_said(result) -> None:
    _table, stream, _m, _c = result
    assert stream.mapping == {"case": "Ärende", "activity": "Aktivitet", "timestamp": "Datum", "start": None,
                              "resource": "Handläggare", "element": None}
    assert stream.mapping_line() == ("columns: case=Ärende (guessed), activity=Aktivitet (guessed), "
                                     "timestamp=Datum (guessed), resource=Handläggare (guessed)")


def test_mapping_by_name_matcher_and_file(result) -> None:
    _t, _s, mapping, _c = result
    assert mapping.element == {"Registrera": "Task_Registrera", "Utred": "Task_Utred", "Besluta": "Task_Beslut",
                               "Begär kompletteringar": "Task_Begar", "Utskick": None,
                               "Komplettering inkommen": "Event_Komplettering"}
    assert mapping.how["Begär kompletteringar"].startswith("matcher")
    assert mapping.how["Utskick"] == "ignored (mapping file)"
    assert mapping.unmapped == ()


def test_estimated_starts(result) -> None:
    table = result[0]
    starts = estimate_starts(table)
    got = {(table.case_ids[c], table.activities[a]): s
           for c, a, s in zip(table.case, table.activity, starts.start, strict=True)}
    assert got[("C", "Registrera")] == _h("2025-01-06 12:00")  # anna's previous completion
    assert got[("D", "Registrera")] == _h("2025-01-07 11:00")  # bertil's
    assert got[("A", "Registrera")] == _h("2025-01-06 09:00")  # nothing before: start = end
    assert got[("C", "Utred")] == _h("2025-01-08 09:30")      # anna busy with the mail-out until 09:30
    assert starts.unknown == 2  # A's and B's Registrera: first in their case, first for their resource


def test_work_times_delays_and_branching(result) -> None:
    report = result[3].report
    d = report["durations"]
    # zeros are 10 % or more of the values: the observed values themselves, zeros included
    assert (d["Task_Registrera"]["family"], d["Task_Registrera"]["n"]) == ("empirical", 4)
    assert d["Task_Registrera"]["sample_mean_hours"] == pytest.approx((0 + 0 + 1 + 1) / 4)
    assert (d["Task_Utred"]["family"], d["Task_Utred"]["zeros_left_out"]) == ("empirical", 1)
    assert d["Task_Utred"]["sample_mean_hours"] == pytest.approx((0 + 8 + 3.5 + 3) / 4)
    assert d["Task_Begar"]["sample_mean_hours"] == pytest.approx(1.0)
    assert (d["Event_Komplettering"]["kind"], d["Event_Komplettering"]["sample_mean_hours"]) == ("delay", 167.0)
    assert report["branching"]["Gw_Komplett"]["probabilities"] == {"Flow_Ja": 0.75, "Flow_Nej": 0.25}


def test_arrivals_meetings_staff_and_clock(result) -> None:
    report = result[3].report
    assert report["arrivals"]["cases"] == 4
    assert report["arrivals"]["per_year"] == pytest.approx(365.25)
    assert report["meetings"]["rrule"] == "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3"
    assert report["meetings"]["meetings"] == 2
    (pool,) = report["pools"]
    assert (pool["pool"], pool["count"], pool["people"]) == ("officer", 2, ["anna", "bertil"])
    assert report["clock"]["start_marked_by"] == ["Task_Registrera"]
    assert report["clock"]["stop_marked_by"] == ["Task_Beslut"]


def test_profile_is_sourced_and_keeps_what_the_log_cannot_tell(result) -> None:
    sim = result[3].profile["simulation"]
    assert sim["elements"]["Task_Utred"]["source"] == "log tiny_cases.csv (4 cases, 2025-01-06 to 2025-02-18)"
    assert "assumption" not in sim["elements"]["Task_Utred"]
    assert sim["pools"]["officer"]["cost_per_hour"] == 700  # not in the log: kept
    assert sim["decision"]["bodies"]["committee"]["agenda_cutoff"] == "1w"  # completion-only: kept
    assert sim["decision"]["bodies"]["officer"] == {"pool": "officer", "duration": "30m"}


def _without_assumptions(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.lstrip().startswith("assumption:"))


def _calibrate(profile: Path, out: Path):
    return CliRunner().invoke(cli, ["calibrate", str(LOGS / "tiny.yaml"), str(LOGS / "tiny_cases.csv"), "-o",
                                    str(out), "--profile", str(profile), "--mapping", str(LOGS / "tiny_mapping.yaml")])


@pytest.fixture(scope="module")
def calibrated(tmp_path_factory: pytest.TempPathFactory):
    """calibrate from the fixture profile (its numbers said as assumptions): what it said, and the file written."""
    out = tmp_path_factory.mktemp("calibrated") / "profile.yaml"
    return _calibrate(LOGS / "tiny_profile.yaml", out), out


def test_cli_writes_a_profile_that_simulates(calibrated) -> None:
    done, out = calibrated
    runner = CliRunner()
    assert done.exit_code == 0, done.output
    assert "start times estimated for 15 of 15" in done.output
    # each step by its name, its id after it (a modelling tool's ids, Activity_0bevis9, mean nothing to a person)
    lines = done.output.splitlines()
    assert "  Begär kompletteringar -> Begär komplettering (Task_Begar)  (matcher (0.80))" in lines
    # the activity --mapping ignores is counted in "mapped 5 of 6" and named: the text left it out
    assert "ignored (1; not fitted): Utskick (mapping file)" in lines
    assert any(line.startswith("work  Utred (Task_Utred): empirical mean ") for line in lines)
    assert any(line.startswith("delay Komplettering inkommen (Event_Komplettering): fixed mean 167 h") for line in lines)
    assert any(line.startswith("branch Komplett? (Gw_Komplett): ja (Flow_Ja) 0.750 [0.250, 1.000], nej (Flow_Nej) ")
               for line in lines)
    # two sittings' records (two cases each) are too few to show the decisions recorded at the sittings: the
    # profile's meeting days stay (qameetsat), and the line says why
    assert any(line.startswith("meetings of Besluta (Task_Beslut): meeting days not in the log (the profile's kept")
               and "2 instants at which two cases or more were decided, under 3" in line for line in lines)
    assert any(line.startswith("legal clock: Registrera (Task_Registrera) -> Besluta (Task_Beslut): ") for line in lines)
    assert any(line.startswith("pool officer: 2 ") and "lanes Handläggare (Lane_Handlaggare)" in line for line in lines)
    assert "None" not in done.output  # the line said "agenda cut-off None days"
    sim = runner.invoke(cli, ["simulate", str(LOGS / "tiny.yaml"), "--profile", str(out), "--cases", "20", "-q",
                              "--format", "json"])
    assert sim.exit_code == 0, sim.output
    assert json.loads(sim.output)["figures"]["cases"]["mean"] == 20


def test_cli_starts_from_a_plain_profile_without_sources(tmp_path, calibrated) -> None:
    # a user's own profile need not say where its numbers come from; calibrate refused it with
    # "Error: internal: numbers without source or assumption" (exit 1, nothing written)
    plain = tmp_path / "plain.yaml"
    plain.write_text(_without_assumptions((LOGS / "tiny_profile.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp_path / "profile.yaml"
    done = _calibrate(plain, out)
    assert done.exit_code == 0, done.output
    # the independent result: the profile calibrated from the fixture with its assumptions, which the log's
    # numbers replace; from the plain profile the same file, but for the assumption line it carried over
    sourced = calibrated[1].read_text(encoding="utf-8")
    assert "assumption:" in sourced
    assert out.read_text(encoding="utf-8") == _without_assumptions(sourced)
    sim = CliRunner().invoke(cli, ["simulate", str(LOGS / "tiny.yaml"), "--profile", str(out), "--cases", "20", "-q",
                                   "--format", "json"])
    assert sim.exit_code == 0, sim.output
    assert json.loads(sim.output)["figures"]["cases"]["mean"] == 20  # --cases 20


def test_work_values_carry_no_float_residue(tmp_path) -> None:
    # completion-only steps whose estimated start is their resource's previous completion gave work
    # hours of 1e-14 h, written in the profile as "0.00000000000172m"
    import random

    rnd, rows, when = random.Random(1), [], dt.datetime(2024, 1, 2, 8, 0)
    for c in range(1, 41):
        when = dt.datetime(2024, 1, 2, 8, 0) + dt.timedelta(days=c * 3, hours=c % 5)
        for act in ("Registrera ansökan", "Granska ansökan", "Begär komplettering", "Beslut", "Skicka beslut"):
            if act == "Begär komplettering" and c % 3:
                continue
            when += dt.timedelta(hours=rnd.randint(2, 200))
            rows.append(f"BN 2024-{c:04d};{act};{when:%Y-%m-%d %H:%M};{rnd.choice(['Anna', 'Per', 'Lisa'])}\r\n")
    log, out = tmp_path / "export.csv", tmp_path / "profile.yaml"
    log.write_bytes(("\ufeffÄrende;Aktivitet;Datum;Handläggare\r\n" + "".join(rows)).encode())
    done = CliRunner().invoke(cli, ["calibrate", "helsingborg", str(log), "-o", str(out)])
    assert done.exit_code == 0, done.output
    text = out.read_text(encoding="utf-8")
    assert "Task_Skicka_Beslutskopior" in text and "0.0000000" not in text


def test_a_log_whose_cases_arrive_at_one_time_keeps_the_profiles_arrivals(tmp_path) -> None:
    # cases all at one time give no interval between arrivals: per_year was nan and the command
    # failed on the profile it had not written ("p.yaml: simulation.arrivals.per_year: nan is not a
    # number >= 0"); now the model's profile's rate is kept and said, and a model without one (a
    # discovered model) is refused on the log, nothing written
    import yaml

    log = tmp_path / "two.csv"
    log.write_text("case,activity,timestamp,resource\n1,Diarieför ansökan,2025-01-02 09:00,eva\n"
                   "1,Besluta om serveringstillstånd,2025-02-02 10:00,eva\n2,Diarieför ansökan,2025-01-02 09:00,eva\n"
                   "2,Besluta om serveringstillstånd,2025-02-09 10:00,eva\n", encoding="utf-8")
    out = tmp_path / "p.yaml"
    done = CliRunner().invoke(cli, ["calibrate", "helsingborg", str(log), "-o", str(out)])
    assert done.exit_code == 0, done.output
    library = Path(__file__).resolve().parents[2] / "processes" / "library" / "helsingborg" / "profile.yaml"
    kept = yaml.safe_load(library.read_text(encoding="utf-8"))["simulation"]["arrivals"]["per_year"]
    assert (f"arrivals: not fitted (the log's 2 case(s) arrive at one time, so no rate can be fitted: the model's "
            f"profile's {kept:g} a year kept)") in done.output
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["simulation"]["arrivals"]["per_year"] == kept
    done = CliRunner().invoke(cli, ["discover", str(log), "-o", str(tmp_path / "m.bpmn"), "--profile-out",
                                    str(tmp_path / "d.yaml")])
    assert done.exit_code == 2 and done.output.strip().splitlines() == [
        f"permitflow: error: {log}: the log's 2 case(s) arrive at one time, so no rate can be fitted (expected "
        "cases arriving at two times or more, or a profile with arrivals.per_year)"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.yaml", "two.csv"]


@pytest.mark.parametrize("validate", [[], ["--validate"]])
def test_a_log_of_one_case_is_refused(tmp_path, validate) -> None:
    # it was calibrated: each branch's share 0 or 1 with the 95 % interval [0, 0] or [1, 1], every duration
    # "fixed" at the one case's time, written as fitted from the log
    log = tmp_path / "one.csv"
    log.write_text("case,activity,timestamp,resource\n1,Diarieför ansökan,2025-01-02 09:00,eva\n"
                   "1,Besluta om serveringstillstånd,2025-02-02 10:00,eva\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["calibrate", "helsingborg", str(log), "-o", str(tmp_path / "p.yaml"), *validate])
    assert done.exit_code == 2
    assert done.output.strip().splitlines() == [
        f"permitflow: error: {log}: 1 case in the log, too few to calibrate from (expected at least 2 cases: a "
        "share, a spread or an interval of one case is that case's value alone)"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.csv"]


def test_discover_refuses_a_log_of_one_case(tmp_path) -> None:
    # it wrote the one case's sequence as "the" process (and, with --profile-out, stopped only on its arrivals)
    log = tmp_path / "one.csv"
    log.write_text("case,activity,timestamp\n1,A,2025-01-02 09:00\n1,B,2025-02-02 10:00\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["discover", str(log), "-o", str(tmp_path / "m.bpmn")])
    assert done.exit_code == 2
    assert done.output.strip().splitlines() == [
        f"permitflow: error: {log}: 1 case in the log, too few to discover a process from (expected at least 2 "
        "cases: a model of one case is that case's sequence alone)"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.csv"]


def test_a_log_whose_activities_map_onto_no_step_is_refused(tmp_path) -> None:
    # "mapped 0 of 398 activities onto model steps" (BPIC15's codes against Helsingborg's model) still
    # wrote a profile, its arrivals alone fitted, and a validation of nothing (activity distances 1.0)
    log = tmp_path / "codes.csv"
    log.write_text("case,activity,timestamp\n1,01_HOOFD_010,2025-01-02\n1,01_HOOFD_020,2025-01-09\n"
                   "2,01_HOOFD_010,2025-01-05\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["calibrate", "helsingborg", str(log), "-o", str(tmp_path / "p.yaml")])
    assert done.exit_code == 2
    assert done.output.strip().splitlines() == [
        f"permitflow: error: {log}: none of the log's 2 activities (01_HOOFD_010; 01_HOOFD_020) maps onto a step "
        "of the model (expected the steps' names or element ids, or a --mapping file that names them)"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["codes.csv"]


def test_discover_takes_the_export_instant_as_calibrate_does(tmp_path) -> None:
    # found by the evidence QA (2026-12-07): an analyst without a model could not say when the log was exported
    # ("No such option: --exported-at"), so discover's profile counted waits open at the export only to the
    # kept activities' last event
    log = Path(__file__).resolve().parents[1] / "fixtures" / "logs" / "tiny_cases.csv"
    out = [str(log), "-o", str(tmp_path / "m.bpmn"), "--profile-out", str(tmp_path / "p.yaml")]
    done = CliRunner().invoke(cli, ["discover", *out, "--exported-at", "2025-02-01"])
    assert done.exit_code == 2
    assert done.output.strip().splitlines() == [
        f"permitflow: error: {log}: the export instant 2025-02-01 00:00 is before the log's last event "
        "(2025-02-18 14:00; expected that time or later)"]
    assert list(tmp_path.iterdir()) == []
    done = CliRunner().invoke(cli, ["discover", *out, "--exported-at", "2025-03-01T17:00"])
    assert done.exit_code == 0, done.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.bpmn", "p.yaml"]
