"""`permitflow simulate` and `permitflow run` are one road: same figures, same checks, same error lines."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

FIXTURES = Path(__file__).resolve().parent / "scenarios" / "fixtures"


@pytest.fixture
def model(tmp_path: Path) -> Path:
    """A model folder as simulate expects it: process.bpmn with profile.yaml beside it."""
    shutil.copy(FIXTURES / "mini.bpmn", tmp_path / "process.bpmn")
    shutil.copy(FIXTURES / "mini.yaml", tmp_path / "profile.yaml")
    return tmp_path / "process.bpmn"


def invoke(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def run_figures(folder: Path, process: str) -> dict[str, dict[str, object]]:
    """summary.json's figures of the first scenario's point, as simulate --format json prints them."""
    doc = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    figures = doc["scenarios"][0]["points"][0]["figures"]
    prefix = f"{process}/"
    return {k[len(prefix):]: {"mean": v["mean"], "low": v["ci"][0], "high": v["ci"][1],
                              **({"cut": v["cut"]} if "cut" in v else {})}
            for k, v in figures.items() if k.startswith(prefix)}


def test_simulate_gives_the_figures_run_gives_for_the_same_scenario_file(model: Path) -> None:
    folder = model.parent
    simulated = invoke("simulate", str(model), "--years", "0.5", "-r", "3", "--seed", "7",
                       "--set", "pools.officer.count=2", "--set", "warmup=3w", "--format", "json", "--workers", "2")
    assert simulated.exit_code == 0, simulated.output
    (folder / "same.yaml").write_text(
        "name: same\nbase: {bpmn: process.bpmn, profile: profile.yaml}\nreplications: 3\nseed: 7\nhorizon: 0.5y\n"
        "set:\n  simulation.pools.officer.count: 2\n  simulation.warmup: 3w\n", encoding="utf-8")
    ran = invoke("run", str(folder / "same.yaml"), "-o", str(folder / "out"), "--workers", "1")
    assert ran.exit_code == 0, ran.output
    printed = json.loads(simulated.output)
    assert printed["figures"] == run_figures(folder / "out", "process")
    assert len(printed["figures"]) > 20 and printed["figures"]["cases"]["mean"] > 0
    assert printed["resolved"] == {"start": "2025-01-01", "horizon": "0.5y", "cases": None, "warmup": "3w"}


def test_a_library_model_gives_the_same_figures_through_both_commands(tmp_path: Path) -> None:
    simulated = invoke("simulate", "klippan", "--years", "0.25", "-r", "2", "--format", "json")
    assert simulated.exit_code == 0, simulated.output
    (tmp_path / "k.yaml").write_text("base: [klippan]\nreplications: 2\nhorizon: 0.25y\n", encoding="utf-8")
    ran = invoke("run", str(tmp_path / "k.yaml"), "-o", str(tmp_path / "out"), "--workers", "1")
    assert ran.exit_code == 0, ran.output
    assert json.loads(simulated.output)["figures"] == run_figures(tmp_path / "out", "klippan")
    assert json.loads(simulated.output)["seed"] == 2025  # the built-in default of every scenario


def test_an_element_typo_is_one_line_with_file_and_line_through_both_commands(model: Path) -> None:
    folder = model.parent
    by_option = invoke("simulate", str(model), "--set", "elements.Task_Granskaa={duration: {dist: fixed, value: 1h}}")
    assert by_option.exit_code == 2
    assert by_option.output == ("permitflow: error: --set: elements.Task_Granskaa: no element 'Task_Granskaa' in "
                                "process 'Process_Mini' (did you mean 'Task_Granska'?)\n")
    (folder / "typo.yaml").write_text(
        "base: {bpmn: process.bpmn, profile: profile.yaml}\nreplications: 2\nset:\n"
        "  elements.Task_Granskaa: {duration: {dist: fixed, value: 1h}}\n", encoding="utf-8")
    by_file = invoke("run", str(folder / "typo.yaml"), "-o", str(folder / "out"))
    assert by_file.exit_code == 2
    assert by_file.output == (f"permitflow: error: {folder / 'typo.yaml'}:4: elements.Task_Granskaa: no element "
                              "'Task_Granskaa' in process 'Process_Mini' (did you mean 'Task_Granska'?)\n")
    assert not (folder / "out").exists()
    (folder / "plain.yaml").write_text("base: {bpmn: process.bpmn, profile: profile.yaml}\nreplications: 2\n",
                                       encoding="utf-8")
    profile = (folder / "profile.yaml").read_text(encoding="utf-8")
    (folder / "profile.yaml").write_text(profile.replace("Task_Granska:", "Task_Granskaa:"), encoding="utf-8")
    line = profile[: profile.index("Task_Granska:")].count("\n") + 1
    expected = (f"{folder / 'profile.yaml'}:{line}: simulation.elements.Task_Granskaa: no element 'Task_Granskaa' in "
                "process 'Process_Mini' (did you mean 'Task_Granska'?)")
    for args in (["simulate", str(model)], ["run", str(folder / "plain.yaml"), "-o", str(folder / "out")]):
        result = invoke(*args)
        assert (result.exit_code, result.output) == (2, f"permitflow: error: {expected}\n"), args


def test_set_values_follow_the_profile_files_rules(model: Path) -> None:
    """`--set holidays=NO` is Norway (yaml.safe_load would make it False and the profile refuse it)."""
    result = invoke("simulate", str(model), "-r", "2", "--years", "0.2", "--set", "calendars.office.holidays=NO",
                    "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["overrides"]["simulation.calendars.office.holidays"] == "NO"


def test_a_baseline_with_another_horizon_is_refused_before_anything_runs(model: Path) -> None:
    folder = model.parent
    base = "base: {bpmn: process.bpmn, profile: profile.yaml}\nreplications: 2\n"
    (folder / "today.yaml").write_text("name: today\n" + base + "horizon: 1y\n", encoding="utf-8")
    (folder / "alt.yaml").write_text("name: alt\n" + base + "horizon: 2y\nbaseline: today\n", encoding="utf-8")
    result = invoke("run", str(folder / "alt.yaml"), "-o", str(folder / "out"))
    assert result.exit_code == 2
    assert result.output == (
        f"permitflow: error: {folder / 'alt.yaml'}:5: baseline 'today' cannot be paired: process's horizon 2y "
        f"({folder / 'alt.yaml'}:4) here but horizon 1y ({folder / 'today.yaml'}:4) in the baseline; paired "
        "differences need the same seed, replications, and per process start date, horizon or cases, warm-up\n")
    assert not (folder / "out").exists()


def test_summary_json_records_every_scenario_s_resolved_settings_and_where_they_came_from(model: Path) -> None:
    folder = model.parent
    (folder / "s.yaml").write_text("name: s\nbase: {bpmn: process.bpmn, profile: profile.yaml}\nreplications: 2\n",
                                   encoding="utf-8")
    assert invoke("run", str(folder / "s.yaml"), "-o", str(folder / "out"), "--workers", "1").exit_code == 0
    (scenario,) = json.loads((folder / "out" / "summary.json").read_text(encoding="utf-8"))["scenarios"]
    assert (scenario["replications"], scenario["seed"], scenario["settings"]) == (2, 2025, {})
    # the file by its name: by another path, or from another folder, the same bytes
    assert scenario["settings_from"] == {"replications": "s.yaml:3", "seed": "built-in default"}
    assert scenario["points"][0]["resolved"] == {
        "process": {"start": "2025-01-01", "horizon": "26w", "cases": None, "warmup": "2w"}}


def test_one_replication_s_figures_have_no_interval_and_say_why(model: Path) -> None:
    """Found by QA (qabatch): with --replications 1 every interval was null, and the one note summary.json
    and simulate --format json gave for null read "a figure without a finite value (no case to measure,
    ...)", beside a finite mean."""
    from scenarios.compare import ONE_NOTE

    folder = model.parent
    (folder / "s.yaml").write_text("name: s\nbase: {bpmn: process.bpmn, profile: profile.yaml}\n"
                                   "horizon: 10w\n", encoding="utf-8")
    ran = invoke("run", str(folder / "s.yaml"), "-o", str(folder / "out"), "--workers", "1", "-r", "1", "-q")
    assert ran.exit_code == 0, ran.output
    doc = json.loads((folder / "out" / "summary.json").read_text(encoding="utf-8"))
    figures = doc["scenarios"][0]["points"][0]["figures"]
    assert [name for name, est in figures.items()
            if est["mean"] is not None and est["ci"] != [None, None]] == []
    assert ONE_NOTE in doc["notes"]
    simulated = invoke("simulate", str(model), "-r", "1", "--years", "0.2", "--format", "json")
    assert simulated.exit_code == 0, simulated.output
    assert ONE_NOTE in json.loads(simulated.stdout)["notes"]


def test_outputs_without_cases_still_writes_its_cases_as_the_readme_says(model: Path) -> None:
    """Found by QA (qabatch): the README's example said only "summary is always written", so `outputs:
    [summary]` read as "no cases.csv"; a run writes every scenario's case rows (the report draws its plots
    from them)."""
    folder = model.parent
    (folder / "s.yaml").write_text("name: s\nbase: {bpmn: process.bpmn, profile: profile.yaml}\n"
                                   "replications: 1\nhorizon: 4w\noutputs: [summary]\n", encoding="utf-8")
    ran = invoke("run", str(folder / "s.yaml"), "-o", str(folder / "out"), "--workers", "1", "-q")
    assert ran.exit_code == 0, ran.output
    rows = (folder / "out" / "cases.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) > 1 and all(row.startswith("s,") for row in rows[1:])
    assert not (folder / "out" / "eventlog.csv").exists()
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "outputs: [summary, cases, eventlog]         # summary, cases: always" in readme

def test_ctrl_c_says_what_was_kept_and_a_rerun_resumes(model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scenarios.execute

    folder = model.parent
    (folder / "s.yaml").write_text("name: s\nbase: {bpmn: process.bpmn, profile: profile.yaml}\nreplications: 4\n"
                                   "horizon: 10w\n", encoding="utf-8")
    real = scenarios.execute.run_unit
    calls: list[int] = []

    def interrupted_third(spec: object) -> object:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(spec)  # type: ignore[arg-type]

    monkeypatch.setattr(scenarios.execute, "run_unit", interrupted_third)
    args = ["run", str(folder / "s.yaml"), "-o", str(folder / "out"), "--workers", "1"]
    stopped = invoke(*args)
    assert stopped.exit_code == 130
    assert stopped.output == (f"permitflow: interrupted: 2 of 4 work units finished; they are kept in "
                              f"{folder / 'out' / '.cache'}: run the same command to go on from there\n")
    assert not (folder / "out" / "summary.json").exists()
    monkeypatch.setattr(scenarios.execute, "run_unit", real)
    again = invoke(*args)
    assert again.exit_code == 0 and "4 work units (2 from cache)" in again.output

    monkeypatch.setattr(scenarios.execute, "run_unit", interrupted_third)
    calls[:] = [1, 1]  # the first unit of a new folder: nothing to keep, and the folder is not left behind
    first = invoke("run", str(folder / "s.yaml"), "-o", str(folder / "new"), "--workers", "1")
    assert (first.exit_code, first.output) == (130, "permitflow: interrupted: 0 of 4 work units finished; nothing "
                                                    "was written\n")
    assert not (folder / "new").exists()

    calls.clear()
    simulated = invoke("simulate", str(model), "-r", "4", "--years", "0.2", "--workers", "1")
    assert simulated.exit_code == 130
    assert simulated.output == ("permitflow: interrupted: 2 of 4 work units finished; simulate keeps no partial "
                                "results: run the same command to start again\n")


# a run in a process of its own whose sixth work unit (in this process, or in a pool worker, after a chunk
# of three it sent back) sends the run SIGTERM, as `kill`, `timeout` or a batch system's job limit would
_SIGTERM_AT_THE_SIXTH_UNIT = """
import os, pathlib, signal, sys, time
import scenarios.execute
from cli import main

real, calls = scenarios.execute.run_unit, []

def terminated_sixth(spec):
    calls.append(1)
    if len(calls) == 6:
        # once the run has stored a chunk (units take milliseconds, a pool's run receives them later)
        cache, waited = pathlib.Path(os.environ.get("RUN_CACHE", "")), 0
        while "RUN_CACHE" in os.environ and len(list(cache.rglob("*.json"))) < 3 and waited < 300:
            time.sleep(0.1)
            waited += 1
        time.sleep(1.0)  # and counted it (0.2 s was too short once on a loaded machine: "before any work unit ran")
        os.kill(int(os.environ["RUN_PID"]), signal.SIGTERM)
        time.sleep(0.5)  # the run ends this worker (or raises here, in the run's own process)
    return real(spec)

scenarios.execute.run_unit = terminated_sixth
os.environ["RUN_PID"] = str(os.getpid())
if "-o" in sys.argv:
    os.environ["RUN_CACHE"] = sys.argv[sys.argv.index("-o") + 1] + "/.cache"
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigterm_says_what_was_kept_as_ctrl_c_does_and_a_rerun_resumes(model: Path, workers: str) -> None:
    """Found by QA (qabatch): SIGTERM ended a run by the signal itself, without the line Ctrl-C gives (how
    many units finished, where they are kept), a temporary file of a write under way left behind. Now the same
    way out as Ctrl-C: one line, exit 143, every worker ended without a traceback of its own, nothing
    half-written."""
    import signal
    import subprocess

    folder = model.parent
    (folder / "s.yaml").write_text("name: s\nbase: {bpmn: process.bpmn, profile: profile.yaml}\n"
                                   "replications: 24\nhorizon: 10w\n", encoding="utf-8")
    out = folder / "out"
    args = ["run", str(folder / "s.yaml"), "-o", str(out), "--workers", workers]
    root = Path(__file__).resolve().parents[1]
    run = subprocess.Popen([sys.executable, "-c", _SIGTERM_AT_THE_SIXTH_UNIT, *args], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, cwd=root, start_new_session=True)
    _stdout, stderr = run.communicate(timeout=120)
    assert run.returncode == 143, stderr
    said = stderr.splitlines()
    # one line: no worker's traceback
    assert len(said) == 1 and said[0].startswith("permitflow: stopped (SIGTERM): "), stderr
    assert said[0].endswith(f" of 24 work units finished; they are kept in {out / '.cache'}: run the same "
                            "command to go on from there")
    finished = int(said[0].split(": ")[2].split(" of ")[0])
    assert finished >= 3
    def group_left() -> int:
        return subprocess.run(["pgrep", "-g", str(run.pid)], capture_output=True, check=False).returncode

    left = [group_left()]
    while left[-1] == 0 and len(left) < 50:  # a worker ended by the run may take a moment to be gone
        time.sleep(0.1)
        left.append(group_left())
    assert left[-1] == 1  # no process of the run's group is left (its pool workers)
    # nothing but the cache and the folder's own files: no temporary file, no results of half a run
    assert sorted(p.name for p in out.iterdir()) == [".cache", ".permitflow-lock", ".permitflow-results"]
    assert (out / ".permitflow-lock").read_bytes() == b""  # released: it held the run's process id
    before = signal.getsignal(signal.SIGTERM)
    again = invoke(*args)
    assert again.exit_code == 0, again.output
    assert signal.getsignal(signal.SIGTERM) == before  # a caller's own handler is given back
    cached = int(again.output.split("24 work units (")[1].split(" from cache")[0])
    assert finished <= cached  # a worker may finish a unit after the run counted


def test_sigterm_stops_simulate_as_ctrl_c_does(model: Path) -> None:
    import subprocess

    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", _SIGTERM_AT_THE_SIXTH_UNIT, "simulate", str(model), "-r",
                           "8", "--years", "0.2", "--workers", "1"], capture_output=True, text=True, cwd=root,
                          timeout=120, check=False)
    assert (done.returncode, done.stdout) == (143, "")
    assert done.stderr == ("permitflow: stopped (SIGTERM): 5 of 8 work units finished; simulate keeps no "
                           "partial results: run the same command to start again\n")



def test_ctrl_c_among_a_chunk_s_entries_counts_those_kept(model: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by QA (qabatch): a run stopped while it stored a chunk's entries said "16 of 160 work units
    finished", and the same command then found 23 in the cache; a chunk is counted once all its entries are
    stored. Here the first chunk (three units) is stopped at its third entry: two are kept, and said."""
    from report.cache import DirectoryCache

    folder = model.parent
    (folder / "s.yaml").write_text("name: s\nbase: {bpmn: process.bpmn, profile: profile.yaml}\n"
                                   "replications: 24\nhorizon: 4w\n", encoding="utf-8")
    real, stored = DirectoryCache.put, []

    def stopped_at_the_third(self: DirectoryCache, key: str, value: object) -> None:
        if len(stored) == 2:
            raise KeyboardInterrupt
        real(self, key, value)  # type: ignore[arg-type]
        stored.append(key)

    monkeypatch.setattr(DirectoryCache, "put", stopped_at_the_third)
    out = folder / "out"
    stopped = invoke("run", str(folder / "s.yaml"), "-o", str(out), "--workers", "2")
    assert stopped.exit_code == 130
    assert stopped.output == (f"permitflow: interrupted: 2 of 24 work units finished; they are kept in "
                              f"{out / '.cache'}: run the same command to go on from there\n")
    assert len(list((out / ".cache").rglob("*.json"))) == 2


def test_report_says_when_it_draws_from_files_the_last_run_did_not_write(model: Path) -> None:
    """Found by QA (qabatch): `permitflow report DIR` drew a report without its cases.csv, or from half of it,
    and said nothing; the manifest holds each file's SHA-256 as the run wrote it."""
    folder = model.parent
    (folder / "s.yaml").write_text("name: s\nbase: {bpmn: process.bpmn, profile: profile.yaml}\n"
                                   "replications: 2\nhorizon: 4w\n", encoding="utf-8")
    out = folder / "out"
    assert invoke("run", str(folder / "s.yaml"), "-o", str(out), "--workers", "1", "-q").exit_code == 0
    same = invoke("report", str(out))
    assert (same.exit_code, same.stderr) == (0, "")
    cases = (out / "cases.csv").read_bytes()
    (out / "cases.csv").write_bytes(cases[:len(cases) // 2])
    half = invoke("report", str(out))
    assert half.exit_code == 0 and half.stderr == (
        f"permitflow: warning: {out / 'cases.csv'}: not the file the last run wrote (changed since): the "
        "report is drawn from it as it is\n")
    (out / "cases.csv").unlink()
    gone = invoke("report", str(out))
    assert gone.exit_code == 0 and gone.stderr == (
        f"permitflow: warning: {out / 'cases.csv'}: missing, though the last run wrote it: the report is "
        "drawn without it\n")
    (out / "cases.csv").write_bytes(cases)  # the run's own again: nothing to say
    assert invoke("report", str(out)).stderr == ""

def test_ctrl_c_after_the_results_were_written_says_they_are_complete(model: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by the batch night: a Ctrl-C while the workers stopped, after every file was written, said
    "while waiting for DIR/; nothing was written" (seen with --workers 2, SIGINT 40 ms after report.html)."""
    from clicommands import workers

    folder = model.parent
    (folder / "s.yaml").write_text("name: s\nbase: {bpmn: process.bpmn, profile: profile.yaml}\nreplications: 2\n"
                                   "horizon: 10w\n", encoding="utf-8")
    out = folder / "out"
    real_exit = workers.Pool.__exit__

    def stopped_while_closing(self: object, *exc: object) -> bool:
        real_exit(self, *exc)  # type: ignore[arg-type]
        raise KeyboardInterrupt

    monkeypatch.setattr(workers.Pool, "__exit__", stopped_while_closing)
    late = invoke("run", str(folder / "s.yaml"), "-o", str(out), "--workers", "1")
    assert late.exit_code == 130
    assert late.output == (f"permitflow: interrupted: after {out}/ was written in full (its results and report are "
                           "complete) while the workers stopped\n")
    assert (out / "summary.json").is_file() and (out / "report.html").is_file()


def test_ctrl_c_while_the_results_are_written_leaves_the_last_run_s_files(model: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by the batch night: each file was renamed as soon as it was written, so a Ctrl-C while the
    (long) event log was written left cases.csv of the new run beside summary.json and report.html of the last."""
    folder = model.parent
    scenario = folder / "s.yaml"
    scenario.write_text("name: s\nbase: {bpmn: process.bpmn, profile: profile.yaml}\nreplications: 2\nhorizon: 10w\n"
                        "outputs: [summary, cases, eventlog]\n", encoding="utf-8")
    out = folder / "out"
    assert invoke("run", str(scenario), "-o", str(out), "--workers", "1").exit_code == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and ".cache" not in p.parts}
    real_fsync = os.fsync

    def interrupted_at_the_event_log(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(out / ".eventlog.csv.")):  # its temporary file
            raise KeyboardInterrupt  # after cases.csv (the files go in sorted order)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", interrupted_at_the_event_log)
    stopped = invoke("run", str(scenario), "-o", str(out), "--workers", "1", "--replications", "3")
    monkeypatch.undo()
    assert stopped.exit_code == 130 and stopped.output.startswith(f"permitflow: interrupted: while writing {out}/; ")
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and ".cache" not in p.parts}
    ours = [name for name in after if not name.name.startswith(".permitflow-")]  # not the manifest, the lock
    assert sorted(ours) == sorted(name for name in before if not name.name.startswith(".permitflow-"))  # no temp file
    assert [name for name in ours if after[name] != before[name]] == []


def test_a_run_of_one_work_unit_says_so_in_the_singular(model: Path) -> None:
    (model.parent / "one.yaml").write_text("name: one\nbase: {bpmn: process.bpmn, profile: profile.yaml}\n"
                                           "replications: 1\nhorizon: 4w\n", encoding="utf-8")
    ran = invoke("run", str(model.parent / "one.yaml"), "-o", str(model.parent / "out"), "--workers", "1", "-q")
    assert ran.exit_code == 0 and ran.output.startswith("one: 1 scenario, 1 work unit (0 from cache)\n")  # not "units"


def test_no_cache_neither_reads_nor_writes_and_refresh_rewrites(model: Path) -> None:
    folder = model.parent
    (folder / "s.yaml").write_text("name: s\nbase: {bpmn: process.bpmn, profile: profile.yaml}\nreplications: 2\n"
                                   "horizon: 10w\n", encoding="utf-8")
    out = folder / "out"
    plain = invoke("run", str(folder / "s.yaml"), "-o", str(out), "--workers", "1", "--no-cache")
    assert plain.exit_code == 0 and not (out / ".cache").exists()
    first = invoke("run", str(folder / "s.yaml"), "-o", str(out), "--workers", "1")
    assert "2 work units (0 from cache)" in first.output
    entries = sorted((out / ".cache").rglob("*.json"))
    assert len(entries) == 2
    for entry in entries:
        entry.write_bytes(b"stale")  # unreadable: treated as missing
    refreshed = invoke("run", str(folder / "s.yaml"), "-o", str(out), "--workers", "1", "--refresh")
    assert "2 work units (0 from cache)" in refreshed.output
    assert all(entry.read_bytes() != b"stale" for entry in entries)
    assert "2 work units (2 from cache)" in invoke("run", str(folder / "s.yaml"), "-o", str(out)).output


def test_dask_without_the_extra_says_how_to_install_it_from_this_repository(
        model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if the extra were not installed
    folder = model.parent
    (folder / "s.yaml").write_text("base: {bpmn: process.bpmn, profile: profile.yaml}\nreplications: 2\n",
                                   encoding="utf-8")
    for args in (["run", str(folder / "s.yaml"), "-o", str(folder / "out"), "--dask", "local"],
                 ["simulate", str(model), "--dask", "local"]):
        result = invoke(*args)
        assert result.exit_code == 2
        assert result.output == ("permitflow: error: running on Dask needs dask.distributed, which is not installed: "
                                 "install the dask extra in the permitflow folder: .venv/bin/pip install -e "
                                 "'.[dask]'\n")
    assert not (folder / "out").exists()  # refused before the results folder is made


def test_a_yaml_authoring_model_simulates_as_its_bpmn_does(model: Path) -> None:
    folder = model.parent
    assert invoke("convert", str(model), str(folder / "process.yaml")).exit_code == 0
    figures = []
    for name in ("process.bpmn", "process.yaml"):
        result = invoke("simulate", str(folder / name), "-r", "2", "--years", "0.3", "--format", "json",
                        "--workers", "1")
        assert result.exit_code == 0, result.output
        figures.append(json.loads(result.output)["figures"])
    assert figures[0] == figures[1]


def test_a_horizon_shorter_than_the_warmup_is_refused_in_the_units_they_were_written_in(model: Path) -> None:
    """Found by QA: ``--years 0.01`` beside a profile's ``warmup: 8w`` said "warmup of 1344 h ... the
    horizon of 87.66 h", hours the user wrote nowhere, and not what to do (here the profile's 2w)."""
    result = invoke("simulate", str(model), "--years", "0.01")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert result.output.strip().splitlines()[-1] == (
        "permitflow: error: --years: override simulation.horizon='0.01y' gives an invalid profile: "
        "warmup of 2 weeks must be shorter than the horizon of 0.01 years: "
        "give a horizon longer than 2 weeks, or a shorter warmup")


def test_a_second_sigterm_while_the_first_stops_the_run_adds_nothing() -> None:
    # the CI replica: two SIGTERMs (two pool workers' hooks above each sent one) gave two lines, the second
    # "before any work unit ran; nothing was written", raised again inside the first's clean-up
    import signal

    from clicommands.workers import Terminated, terminate_as_interrupt

    before = signal.getsignal(signal.SIGTERM)
    with terminate_as_interrupt():
        with pytest.raises(Terminated):
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)  # the handler runs at the next instruction; the sleep is never finished
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_IGN  # the way out is taken once
        os.kill(os.getpid(), signal.SIGTERM)  # ignored: nothing raised
    assert signal.getsignal(signal.SIGTERM) == before  # given back at the block's end
