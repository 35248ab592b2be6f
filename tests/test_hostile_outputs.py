"""Hostile outputs and faults of `permitflow run` (issue 15, items 1-3): nothing outside the
results folder, nothing of the user's removed, no code run from a cache, nothing lost.

Each case runs the real command in a child process (as a user would: its exit code, its
standard error, a real SIGKILL) and asserts the exit code, one line on standard error and
no traceback, and that nothing was written outside the output folder.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from report.cache import DirectoryCache
from scenarios.execute import UnitResult

FIXTURES = Path(__file__).resolve().parent / "scenarios" / "fixtures"
MINI = "base: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 2\nhorizon: 8w\n"
#: long enough to be killed half-way: 6 work units of about half a CPU second each
SLOW = ("name: slow\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 6\nhorizon: 3y\n"
        "set:\n  simulation.arrivals.per_year: 800\n")
RESULTS = ("summary.json", "summary.csv", "cases.csv")


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with the small fixture process and a scenario on it (``base.yaml``)."""
    folder = tmp_path / "work"
    folder.mkdir()
    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "base.yaml").write_text("name: base\n" + MINI, encoding="utf-8")
    return folder


def permitflow(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the command line here (click's runner, in ``cwd``); an exception that escaped is a failure."""
    before = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args))
    finally:
        os.chdir(before)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def permitflow_process(*args: str, cwd: Path, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    """Run the command line in a child process, through its entry point, as a user would."""
    code = "import sys; from cli import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, stdout=stdout,  # type: ignore[call-overload]
                          stderr=subprocess.PIPE, text=True, timeout=300)


def start(*args: str, cwd: Path, stderr: object = subprocess.PIPE) -> subprocess.Popen[str]:
    code = "import sys; from cli import main; sys.exit(main())"
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=stderr, text=True)  # type: ignore[call-overload]


def one_error_line(stderr: str, *words: str) -> str:
    """The only line on standard error: an error, no traceback, containing ``words``."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("permitflow: error: ") and "Traceback" not in stderr, stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def files_under(root: Path, *, skip: Path | None = None) -> dict[str, bytes]:
    """Every file below ``root`` (but not below ``skip``) with its content."""
    found = {}
    for path in sorted(root.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        if path.is_file() or path.is_symlink():
            found[str(path.relative_to(root))] = path.read_bytes() if path.is_file() else b"link"
    return found


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` cannot be written into for the length of the block (root ignores modes: chattr +i)."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)]).returncode != 0:
            pytest.skip("running as root without chattr +i: cannot make a folder read-only")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def refused(work: Path, args: list[str], *words: str, code: int = 2) -> str:
    """Run ``args`` in ``work``: exit ``code``, one error line with ``words``, and not one file
    written, changed or removed anywhere around ``work``."""
    before = files_under(work.parent)
    result = permitflow(*args, cwd=work)
    assert result.returncode == code, result.stderr
    line = one_error_line(result.stderr, *words)
    assert files_under(work.parent) == before
    return line


# --------------------------------------------------------------------------- 1. confinement


@pytest.mark.parametrize("study", ["../../x", "ABSOLUTE", "..", "a\\b", ".hidden"])
def test_a_study_named_like_a_path_is_refused_before_anything_is_written(work: Path, study: str) -> None:
    study = str(work.parent / "abs") if study == "ABSOLUTE" else study
    (work / "study.yaml").write_text(f"study: {json.dumps(study)}\nscenarios: [base.yaml]\n", encoding="utf-8")
    refused(work, ["run", "study.yaml", "--workers", "1"], "study.yaml:1: study: ", "is not a name",
            "refused, not rewritten")
    assert not (work / "results").exists() and not (work.parent / "abs").exists()


def test_a_base_name_like_a_path_is_refused(work: Path) -> None:
    (work / "evil.yaml").write_text(
        "name: evil\nbase: {bpmn: mini.bpmn, profile: mini.yaml, name: ../../../evil}\nreplications: 2\n",
        encoding="utf-8")
    refused(work, ["run", "evil.yaml", "-o", "out", "--workers", "1"], "evil.yaml:2: base: name: '../../../evil' is not a name")


def test_a_scenario_name_like_a_path_is_refused(work: Path) -> None:
    (work / "bad.yaml").write_text("name: a/b\n" + MINI, encoding="utf-8")
    refused(work, ["run", "bad.yaml", "-o", "out"], "bad.yaml:1: name: 'a/b' is not a name")


def test_a_non_empty_folder_that_is_not_a_results_folder_is_refused(work: Path) -> None:
    theirs = work / "theirs"
    (theirs / "processes").mkdir(parents=True)
    (theirs / "notes.txt").write_text("mine\n", encoding="utf-8")
    (theirs / "processes" / "mine.bpmn").write_text("<mine/>", encoding="utf-8")
    # no marker, no lock, nothing written
    refused(work, ["run", "base.yaml", "-o", "theirs", "--workers", "1"], "theirs: the folder is not empty",
            "not a permitflow results folder")


def test_run_into_dot_in_a_folder_of_models_keeps_them(work: Path) -> None:
    (work / "processes").mkdir()
    (work / "processes" / "mine.bpmn").write_text("<my model/>", encoding="utf-8")
    (work / "eventlog.csv").write_text("my,log\n", encoding="utf-8")
    refused(work, ["run", "base.yaml", "-o", ".", "--workers", "1"], "not a permitflow results folder")


def test_a_run_removes_only_what_an_earlier_run_wrote(work: Path) -> None:
    out = work / "out"
    (work / "logged.yaml").write_text("name: logged\n" + MINI + "outputs: [eventlog]\n", encoding="utf-8")
    assert permitflow("run", "logged.yaml", "-o", "out", "--workers", "1", cwd=work).returncode == 0
    assert (out / "eventlog.xes").is_file() and (out / "processes" / "mini.bpmn").is_file()
    # the user puts files of their own into the results folder; a doctored manifest names files outside it
    (out / "processes" / "mine.bpmn").write_text("<my model/>", encoding="utf-8")
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    (work / "victim.txt").write_text("keep me\n", encoding="utf-8")
    marker = json.loads((out / ".permitflow-results").read_text(encoding="utf-8"))
    marker["files"] += ["../victim.txt", "processes/../../victim.txt", str(work / "victim.txt"), "notes.txt"]
    (out / ".permitflow-results").write_text(json.dumps(marker), encoding="utf-8")
    (work / "other.yaml").write_text(
        "name: other\nbase: {bpmn: mini.bpmn, profile: mini.yaml, name: elsewhere}\nreplications: 2\nhorizon: 8w\n",
        encoding="utf-8")
    before = files_under(work, skip=out)
    result = permitflow("run", "other.yaml", "-o", "out", "--workers", "1", cwd=work)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert files_under(work, skip=out) == before
    # what the earlier run wrote and this one did not is gone; the user's files are not
    assert not (out / "eventlog.xes").exists() and not (out / "processes" / "mini.bpmn").exists()
    assert not (out / "profiles" / "mini.yaml").exists()
    assert sorted(p.name for p in (out / "processes").iterdir()) == ["elsewhere.bpmn", "mine.bpmn"]
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert json.loads((out / ".permitflow-results").read_text(encoding="utf-8"))["files"] == [
        "cases.csv", "processes/elsewhere.bpmn", "profiles/elsewhere.yaml", "report.html", "summary.csv",
        "summary.json"]


def test_a_results_folder_of_an_earlier_version_is_adopted(work: Path) -> None:
    out = work / "out"
    assert permitflow("run", "base.yaml", "-o", "out", "--workers", "1", cwd=work).returncode == 0
    (out / ".permitflow-results").unlink()  # as an earlier version left it: no marker, no lock
    (out / ".permitflow-lock").unlink()
    (out / "processes" / "gone.bpmn").write_text("<an earlier run's process/>", encoding="utf-8")
    result = permitflow("run", "base.yaml", "-o", "out", "--workers", "1", cwd=work)
    assert result.returncode == 0 and result.stderr == ""
    assert sorted(p.name for p in (out / "processes").iterdir()) == ["mini.bpmn"]
    assert "processes/mini.bpmn" in json.loads((out / ".permitflow-results").read_text(encoding="utf-8"))["files"]


def test_a_symbolic_link_out_of_the_results_folder_is_refused(work: Path) -> None:
    out = work / "out"
    assert permitflow("run", "base.yaml", "-o", "out", "--workers", "1", cwd=work).returncode == 0
    elsewhere = work.parent / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(out / "processes")
    (out / "processes").symlink_to(elsewhere)
    result = permitflow("run", "base.yaml", "-o", "out", "--workers", "1", cwd=work)
    assert result.returncode == 1
    one_error_line(result.stderr, "out/processes: a symbolic link inside the results folder")
    assert list(elsewhere.iterdir()) == []


# --------------------------------------------------------------------------- 2. a cache that cannot run code


class _Payload:
    """Unpickling this creates the file ``path``: proof that a pickle was loaded."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, (f"open({self.path!r}, 'w').close()",))


def test_a_poisoned_or_damaged_cache_is_recomputed_never_trusted(work: Path) -> None:
    out = work / "out"
    first = permitflow("run", "base.yaml", "-o", "out", "--workers", "1", cwd=work)
    assert first.returncode == 0, first.stderr
    expected = {name: (out / name).read_bytes() for name in RESULTS}
    entries = sorted((out / ".cache").glob("*/*.json"))
    assert len(entries) == 2
    pwned = work.parent / "pwned"
    poison = pickle.dumps(_Payload(pwned))
    # one entry: a pickle where the JSON was, and an old-style .pkl beside it
    entries[0].write_bytes(poison)
    entries[0].with_suffix(".pkl").write_bytes(poison)
    # the other: a figure changed by hand (its hash no longer matches)
    doc = json.loads(entries[1].read_text(encoding="utf-8"))
    doc["result"]["figures"][0][1] = 12345.0
    entries[1].write_text(json.dumps(doc), encoding="utf-8")
    (out / "summary.json").unlink()
    again = permitflow("run", "base.yaml", "-o", "out", "--workers", "1", cwd=work)
    assert again.returncode == 0 and again.stderr == ""
    assert "2 work units (0 from cache)" in again.stdout
    assert not pwned.exists()
    assert {name: (out / name).read_bytes() for name in RESULTS} == expected
    # both entries were written anew and are trusted again
    third = permitflow("run", "base.yaml", "-o", "out", "--workers", "1", cwd=work)
    assert "2 work units (2 from cache)" in third.stdout
    assert {name: (out / name).read_bytes() for name in RESULTS} == expected


def test_the_cache_keeps_values_exactly_and_refuses_another_keys_entry(tmp_path: Path) -> None:
    cache = DirectoryCache(tmp_path / ".cache")
    key, other = "ab" * 32, "cd" * 32
    unit = UnitResult((("m/cases", 3.0), ("m/mean", 0.1 + 0.2), ("m/none", float("nan"))),
                      (("m", 0, 1, 0.5, "", "granted"),), (("m", "a,b\n", b"<log/>\xe2\x80\x93"),))
    assert cache.get(key) is None
    cache.put(key, unit)
    back = cache.get(key)
    assert back is not None and back.cases == unit.cases and back.eventlogs == unit.eventlogs
    assert back.figures[:2] == unit.figures[:2] and back.figures[2][1] != back.figures[2][1]  # nan stays nan
    (tmp_path / ".cache" / "cd").mkdir()
    shutil.copy(tmp_path / ".cache" / "ab" / f"{key}.json", tmp_path / ".cache" / "cd" / f"{other}.json")
    assert cache.get(other) is None  # the entry names another key
    (tmp_path / ".cache" / "ab" / f"{key}.json").write_bytes(b'{"format": "permitflow-unit/1", "ke')
    assert cache.get(key) is None
    assert cache.get("../../etc/passwd") is None


# --------------------------------------------------------------------------- 3. nothing lost


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--version"], ["library"], ["run", "base.yaml", "-o", "out", "--workers", "1"]],
                         ids=["version", "library", "run"])
def test_output_to_a_full_disk_is_an_error(work: Path, args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = permitflow_process(*args, cwd=work, stdout=full)
    assert result.returncode == 1
    one_error_line(result.stderr, "cannot write standard output: No space left on device")


def test_a_read_only_output_folder_is_one_line_and_changes_nothing(work: Path) -> None:
    empty = work / "empty"
    empty.mkdir()
    with read_only(empty):
        result = permitflow("run", "base.yaml", "-o", "empty", "--workers", "1", cwd=work)
    assert result.returncode == 1
    one_error_line(result.stderr, "empty: cannot write here")
    assert list(empty.iterdir()) == []
    out = work / "out"
    assert permitflow("run", "base.yaml", "-o", "out", "--workers", "1", cwd=work).returncode == 0
    before = files_under(work.parent)
    with read_only(out):
        result = permitflow("run", "base.yaml", "-o", "out", "--workers", "1", "--refresh", cwd=work)
    assert result.returncode == 1
    one_error_line(result.stderr, "out/", "cannot write: ")
    after = files_under(work.parent)
    # the lock file too: it holds a run's process id only while the run holds it
    assert after["work/out/.permitflow-lock"] == b""
    assert after == before


def _children(pid: int) -> set[int]:
    """The run's own children (its pool's workers) alone, unlike bench/proctree.py's descendants: the
    test waits for the workers the killed run started, not for what they may have started."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for(condition, what: str, timeout: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_killed_run_leaves_no_worker_and_the_next_run_cleans_up_and_resumes(work: Path) -> None:
    (work / "slow.yaml").write_text(SLOW, encoding="utf-8")
    out = work / "out"
    run = start("run", "slow.yaml", "-o", "out", "--workers", "2", cwd=work)
    try:
        _wait_for(lambda: any((out / ".cache").glob("*/*.json")) or run.poll() is not None, "a finished work unit")
        workers = _children(run.pid)
        assert run.poll() is None and len(workers) >= 2, "the run ended before it could be killed"
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
    finally:
        if run.poll() is None:
            run.kill()
        run.communicate()
    _wait_for(lambda: not any(_alive(pid) for pid in workers), "the pool workers to end", timeout=20)
    # what a run killed while writing leaves behind (bpmn_io.atomic's temporary names)
    (out / ".summary.json.k1ll3d_0.tmp").write_bytes(b"half")
    (out / ".cache" / "zz").mkdir(parents=True, exist_ok=True)
    (out / ".cache" / "zz" / ".zz00.json.abcd1234.tmp").write_bytes(b"half")
    done = len(list((out / ".cache").glob("*/*.json")))
    assert 1 <= done < 6
    resumed = permitflow("run", "slow.yaml", "-o", "out", "--workers", "2", cwd=work)
    assert resumed.returncode == 0 and resumed.stderr == "", resumed.stderr
    assert f"6 work units ({done} from cache)" in resumed.stdout
    assert not list(out.rglob("*.tmp"))
    fresh = permitflow("run", "slow.yaml", "-o", "fresh", "--workers", "1", "--no-cache", cwd=work)
    assert fresh.returncode == 0
    for name in RESULTS:
        assert (out / name).read_bytes() == (work / "fresh" / name).read_bytes(), name


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_second_run_into_the_same_folder_is_refused_or_waits(work: Path) -> None:
    (work / "slow.yaml").write_text(SLOW, encoding="utf-8")
    out = work / "out"
    lock = out / ".permitflow-lock"
    # a long run (40 work units): it is killed once the others have tried the folder
    first = start("run", "slow.yaml", "-o", "out", "--workers", "1", "--replications", "40", cwd=work)
    waiter = None
    log = work.parent / "waiter.err"
    try:
        _wait_for(lambda: first.poll() is not None or (lock.is_file() and lock.read_text().strip() == str(first.pid)),
                  "the first run to hold the folder")
        second = permitflow("run", "base.yaml", "-o", "out", "--workers", "1", cwd=work)  # flock: per open file
        assert first.poll() is None, "the first run ended before the second started"
        assert second.returncode == 1
        one_error_line(second.stderr, f"out: another permitflow run (process {first.pid}) is writing this folder",
                       "--wait")
        assert not (out / "summary.json").exists()
        with log.open("w") as err:
            waiter = start("run", "base.yaml", "-o", "out", "--workers", "1", "--wait", cwd=work, stderr=err)
        _wait_for(lambda: "waiting for the run" in log.read_text() or waiter.poll() is not None,
                  "the second run to wait")
        assert first.poll() is None and waiter.poll() is None
        first.send_signal(signal.SIGKILL)  # the lock goes with the process, however it ends
        first.wait(timeout=30)
        stdout, _ = waiter.communicate(timeout=300)
        assert waiter.returncode == 0, log.read_text()
        assert "base: 1 scenario, 2 work units" in stdout
        assert log.read_text() == f"permitflow: waiting for the run (process {first.pid}) writing out/ to finish\n"
        assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["scenarios"][0]["name"] == "base"
    finally:
        for proc in (first, waiter):
            if proc is not None and proc.poll() is None:
                proc.kill()
            if proc is not None:
                proc.communicate()
