"""`permitflow run` and `permitflow report` through click's CliRunner, on the small fixture process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

FIXTURES = Path(__file__).resolve().parent / "scenarios" / "fixtures"
MINI = "base: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 3\nhorizon: 16w\n"


@pytest.fixture
def files(tmp_path: Path) -> Path:
    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "base.yaml").write_text("name: base\nquestion: How long today?\n" + MINI, encoding="utf-8")
    (tmp_path / "officer.yaml").write_text(
        "name: officer\nquestion: What if the officer decided?\n" + MINI
        + "set:\n  simulation.decision.delegation: officer\nbaseline: base\noutputs: [eventlog]\n",
        encoding="utf-8",
    )
    return tmp_path


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_run_writes_the_results_folder_and_resumes_from_the_cache(files: Path) -> None:
    out = files / "out"
    first = run("run", str(files / "base.yaml"), str(files / "officer.yaml"), "-o", str(out), "--workers", "1")
    assert first.exit_code == 0, first.output
    assert "6 work units (0 from cache)" in first.output
    for name in ("summary.csv", "summary.json", "cases.csv", "eventlog.csv", "eventlog.xes", "report.html",
                 "processes/mini.bpmn"):
        assert (out / name).is_file(), name
    doc = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [s["name"] for s in doc["scenarios"]] == ["base", "officer"]
    diff = doc["scenarios"][1]["points"][0]["comparison"]["differences"]["mini/submission_to_decision_mean_days"]
    assert diff["significant"] is True and diff["ci"][1] < 0
    assert len(diff["replications"]) == 3
    log = (out / "eventlog.csv").read_text(encoding="utf-8").splitlines()
    # simulator.eventlog.to_csv's columns, led by where each case comes from and a batch-wide case id
    assert log[0] == "scenario,point,replication,process,case,case_id,activity,element,resource,enable,start,end"
    assert log[1].startswith("officer,,0,mini,0,officer||r0|mini|0,") and ",2025-" in log[1]
    assert {line.split(",")[0] for line in log[1:]} == {"officer"}  # only the scenario that asked for it
    assert {line.split(",")[2] for line in log[1:]} == {"0", "1", "2"}
    before = {p: (out / p).read_bytes() for p in ("summary.json", "summary.csv", "cases.csv")}

    again = run("run", str(files / "base.yaml"), str(files / "officer.yaml"), "-o", str(out), "--workers", "2")
    assert again.exit_code == 0
    assert "6 work units (6 from cache)" in again.output
    assert {p: (out / p).read_bytes() for p in before} == before
    assert not list(out.glob(".*.tmp")) and not list(out.glob("*.tmp"))


def test_results_do_not_depend_on_the_number_of_workers(files: Path) -> None:
    args = [str(files / "base.yaml"), str(files / "officer.yaml"), "--no-cache"]
    assert run("run", *args, "-o", str(files / "one"), "--workers", "1").exit_code == 0
    assert run("run", *args, "-o", str(files / "two"), "--workers", "2").exit_code == 0
    # report.html too: with two workers its plots are drawn in the worker processes
    for name in ("summary.json", "summary.csv", "cases.csv", "eventlog.csv", "eventlog.xes", "report.html"):
        assert (files / "one" / name).read_bytes() == (files / "two" / name).read_bytes(), name


def test_a_calendar_open_across_midnight_gives_the_same_results_on_any_number_of_workers(files: Path) -> None:
    """Staff on duty day and night (closed one day in year 3): the working intervals run on across
    midnight and past the end of each year of a calendar's tape, which a worker's earlier units had
    built further than a fresh process has (summary.json differed between one and two workers)."""
    profile = (files / "mini.yaml").read_text(encoding="utf-8")
    office = next(line for line in profile.splitlines() if line.strip().startswith("hours:"))
    duty = office.split("hours:")[0] + "hours: {" + ", ".join(
        f'{day}: "00:00-24:00"' for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")) + "}"
    profile = profile.replace(office, duty).replace("holidays: SE", "closed_dates: [2027-06-01]").replace(
        "fte: 0.5", "fte: 1")  # whole days: a part-time day would end before midnight
    (files / "duty.yaml").write_text(profile, encoding="utf-8")
    base = "base: {bpmn: mini.bpmn, profile: duty.yaml}\nreplications: 4\nwarmup: 1w\n"
    (files / "long.yaml").write_text("name: long\nhorizon: 3y\n" + base, encoding="utf-8")
    (files / "short.yaml").write_text("name: short\nhorizon: 40w\n" + base, encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    for out, workers in (("one", "1"), ("two", "2")):  # commands of their own: no tape left by another test
        done = subprocess.run([sys.executable, "-c", "import sys, cli; sys.exit(cli.main())", "run",
                               str(files / "long.yaml"), str(files / "short.yaml"), "-o", str(files / out),
                               "--workers", workers, "--no-cache"], cwd=root, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
    for name in ("summary.json", "summary.csv", "cases.csv", "report.html"):
        assert (files / "one" / name).read_bytes() == (files / "two" / name).read_bytes(), name


def test_a_failing_scenario_is_reported_and_the_others_complete(files: Path) -> None:
    (files / "loop.yaml").write_text(
        "name: endless\n" + MINI
        + "set:\n  simulation.decision.bodies.committee.meetings: {dates: [2025-01-21]}\n",
        encoding="utf-8",
    )
    out = files / "out"
    result = CliRunner().invoke(cli, ["run", str(files / "base.yaml"), str(files / "loop.yaml"), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 1
    assert "scenario endless failed" in result.output
    doc = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert doc["failures"][0]["scenario"] == "endless"
    assert doc["scenarios"][0]["points"][0]["figures"]["mini/cases"]["mean"] > 0
    assert "Failed scenarios" in (out / "report.html").read_text(encoding="utf-8")


def test_a_bad_override_stops_before_anything_runs(files: Path) -> None:
    bad = files / "bad.yaml"
    bad.write_text(MINI + "set:\n  simulation.pools.officer.count: -2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(bad), "-o", str(files / "out")])
    assert result.exit_code == 2
    line = result.output.strip().splitlines()[-1]
    assert line.startswith(f"permitflow: error: {bad}:5: ")
    assert "simulation.pools.officer.count" in line and "-2" in line
    assert not (files / "out").exists()


def test_report_rerenders_from_the_results_folder(files: Path) -> None:
    out = files / "out"
    assert run("run", str(files / "base.yaml"), "-o", str(out), "--workers", "1", "--format", "json").exit_code == 0
    (out / "report.html").unlink()
    result = run("report", str(out))
    assert result.exit_code == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "How long today?" in html and "<svg" in html
    missing = CliRunner().invoke(cli, ["report", str(files)])
    assert missing.exit_code == 2 and "not a results folder" in missing.output


def test_json_output_and_replications_override(files: Path) -> None:
    result = run("run", str(files / "base.yaml"), "-o", str(files / "o"), "--workers", "1",
                 "--replications", "2", "--format", "json")
    assert result.exit_code == 0
    info = json.loads(result.output)
    assert (info["work_units"], info["failures"]) == (2, [])


def test_the_event_log_reads_back_in_pm4py(files: Path) -> None:
    import csv

    pm4py = pytest.importorskip("pm4py")
    out = files / "out"
    assert run("run", str(files / "base.yaml"), str(files / "officer.yaml"), "-o", str(out), "--workers", "1").exit_code == 0
    with (out / "eventlog.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    log = pm4py.read_xes(str(out / "eventlog.xes"), return_legacy_log_object=True)
    assert sorted(trace.attributes["concept:name"] for trace in log) == sorted({r["case_id"] for r in rows})
    assert sum(len(trace) for trace in log) == 2 * len(rows)  # a start and a complete event per activity
    first = log[0]
    assert (first.attributes["permitflow:scenario"], first.attributes["permitflow:process"]) == ("officer", "mini")
    frame = pm4py.format_dataframe(pm4py.convert_to_dataframe(log), case_id="case:concept:name",
                                   activity_key="concept:name", timestamp_key="time:timestamp")
    assert set(frame["concept:name"]) == {r["activity"] for r in rows}


def test_the_progress_bar_shows_on_a_terminal_only(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from clicommands import run

    args = ["run", str(files / "base.yaml"), "-o", str(files / "out"), "--workers", "1", "--no-cache"]
    piped = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert piped.exit_code == 0 and "base: 3 work units" not in piped.output
    monkeypatch.setattr(run, "stderr_is_terminal", lambda: True)  # where run looks it up
    shown = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert shown.exit_code == 0
    # the bar's label (click draws the bar itself only on a real terminal; checked by hand with script(1))
    assert shown.output.startswith("base: 3 work units\n")
    assert "wrote " in shown.output and "eventlog" not in shown.output  # base asks for no event log
    # -q, as simulate's: no bar even on a terminal; what was written is still said
    quiet = CliRunner().invoke(cli, args + ["-q"], catch_exceptions=False)
    assert quiet.exit_code == 0, quiet.output
    assert "work units\n" not in quiet.stderr and quiet.stderr == ""
    assert quiet.stdout.startswith("base: 1 scenario, 3 work units (0 from cache)\nwrote ")


def test_a_later_run_into_the_same_folder_leaves_nothing_of_the_earlier_one(files: Path) -> None:
    out = files / "out"
    assert run("run", str(files / "base.yaml"), str(files / "officer.yaml"), "-o", str(out), "--workers", "1").exit_code == 0
    assert (out / "eventlog.xes").is_file()
    (files / "other.yaml").write_text(
        "name: other\nbase: {bpmn: mini.bpmn, profile: mini.yaml, name: elsewhere}\nreplications: 3\nhorizon: 16w\n",
        encoding="utf-8",
    )
    assert run("run", str(files / "other.yaml"), "-o", str(out), "--workers", "1").exit_code == 0
    assert not (out / "eventlog.csv").exists() and not (out / "eventlog.xes").exists()
    assert sorted(p.name for p in (out / "processes").iterdir()) == ["elsewhere.bpmn"]
    assert "elsewhere" in (out / "report.html").read_text(encoding="utf-8")


def test_a_rerun_reads_each_cached_unit_once(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # counting the cached units and then taking them read and checked every entry twice:
    # half of a fully cached rerun's run time when the entries carry event logs
    from report.cache import DirectoryCache

    out = files / "out"
    args = ("run", str(files / "base.yaml"), str(files / "officer.yaml"), "-o", str(out), "--workers", "1")
    assert run(*args).exit_code == 0
    reads: list[str] = []
    real_get = DirectoryCache.get

    def counted(self: DirectoryCache, key: str) -> object:
        reads.append(key)
        return real_get(self, key)

    monkeypatch.setattr(DirectoryCache, "get", counted)
    again = run(*args)
    assert again.exit_code == 0 and "6 work units (6 from cache)" in again.output
    assert len(reads) == 6 and len(set(reads)) == 6


def test_run_warns_of_a_clock_on_an_optional_path_at_its_line(tmp_path: Path) -> None:
    own = Path(__file__).resolve().parent / "fixtures" / "sim" / "own"
    for name in ("process.bpmn", "profile.yaml"):
        shutil.copy(own / name, tmp_path / name)
    (tmp_path / "s.yaml").write_text("name: own\nbase: {bpmn: process.bpmn, profile: profile.yaml}\nreplications: 1\n",
                                     encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "s.yaml"), "-o", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert (f"permitflow: warning: {tmp_path / 'profile.yaml'}:27: simulation.clock.start: the legal clock starts at "
            "Komplettering inkommen (Event_0inkommen), which a case can go around") in result.stderr
    assert f"permitflow: warning: {tmp_path / 'profile.yaml'}:24: simulation.elements.Activity_1polis: " in result.stderr


def test_the_report_names_the_deadline_of_the_profile(tmp_path: Path) -> None:
    # found by the QA profile journey: a profile with a 2-month deadline was reported "within 4 months"
    own = Path(__file__).resolve().parent / "fixtures" / "sim" / "own"
    shutil.copy(own / "process.bpmn", tmp_path / "process.bpmn")
    profile = (own / "profile.yaml").read_text(encoding="utf-8").replace("start: Event_0inkommen", "start: StartEvent_1")
    (tmp_path / "profile.yaml").write_text(profile.replace("Activity_1polis: {note:", "Activity_1polis: {delay: 3w, note:"),
                                           encoding="utf-8")
    (tmp_path / "s.yaml").write_text("name: own\nbase: {bpmn: process.bpmn, profile: profile.yaml}\nreplications: 2\n",
                                     encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "s.yaml"), "-o", str(tmp_path / "out"), "--workers", "1",
                                      "-q"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "% within 2 months." in html and "% inom 2 månader." in html  # the headline
    # the glossary and the table; 2mo is counted in calendar months, as the law counts 4mo, and says so
    rule = "(in calendar months, to the same day of the month)"
    assert f"Share decided within 2 months {rule} of a complete" in html
    assert f"red points are cases decided after 2 months {rule}; the dashed line is at the" in html
    assert "ärenden som avgjordes efter 2 månader" in html and "The dashed line marks 2 months" in html
    for fixed in ("4 months", "4 månader", "4-month", "fyramånaders"):
        assert fixed not in html, fixed


def test_run_takes_r_for_replications_as_simulate_does(files: Path) -> None:
    """Found by QA (qafresh): a newcomer who learnt ``simulate -r 10`` typed ``run e-service -r 2`` and was
    told "No such option '-r'"."""
    out = files / "out"
    done = run("run", str(files / "base.yaml"), "-o", str(out), "-r", "2", "-q")
    assert done.exit_code == 0, done.output
    scenario = json.loads((out / "summary.json").read_text(encoding="utf-8"))["scenarios"][0]
    assert (scenario["replications"], scenario["settings_from"]["replications"]) == (2, "--replications")
