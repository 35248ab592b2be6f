"""`permitflow run … | head -1`: the reader of standard output goes away before the run has said all it
says. Found by QA: it ended with exit 1 and no message, the status of an error. Now it ends as a Unix tool the
closed pipe stopped (``seq 1 1000000 | head -1``'s seq): 141 (128 + SIGPIPE), no message, no traceback; the
results folder complete, since the run writes its lines only after it (cli.PIPE_CLOSED).

Run in a child process through the entry point, its standard output a real pipe whose reading end is closed
before the run starts: the first line the run writes meets the closed pipe (``| head -1`` closes it after the
first line, so whether the second meets it depends on timing; this is the same fault, every time).
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from clicommands.output import PIPE_CLOSED

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "scenarios" / "fixtures"
MINI = "name: base\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 2\nhorizon: 8w\n"


def _closed_pipe_run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command line in a child process (this tree's code first), its standard output a pipe nobody
    reads."""
    read, write = os.pipe()
    os.close(read)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    try:
        return subprocess.run([sys.executable, "-c", "import sys; from cli import main; sys.exit(main())",
                               *args],
                              cwd=cwd, stdout=write, stderr=subprocess.PIPE, text=True, timeout=300, env=env)
    finally:
        os.close(write)


def test_a_run_whose_reader_went_away_exits_141_quietly_with_its_results_complete(tmp_path: Path) -> None:
    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "base.yaml").write_text(MINI, encoding="utf-8")
    done = _closed_pipe_run("run", "base.yaml", "-o", "out", "--workers", "1", cwd=tmp_path)
    assert PIPE_CLOSED == 141
    assert (done.returncode, done.stderr) == (141, "")  # no message, no traceback
    out = tmp_path / "out"
    written = {p.name for p in out.iterdir()}
    assert {"summary.json", "summary.csv", "cases.csv", "report.html"} <= written
    assert not [p for p in out.rglob("*.tmp")]  # no temporary file left half-written
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [s["name"] for s in summary["scenarios"]] == ["base"]
    assert (out / "report.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    # the same run into a reader that reads: exit 0, as before, and the same results
    again = subprocess.run([sys.executable, "-c", "import sys; from cli import main; sys.exit(main())", "run",
                            "base.yaml", "-o", "out", "--workers", "1"], cwd=tmp_path, capture_output=True,
                           text=True, timeout=300,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert again.returncode == 0 and again.stdout.startswith("base: 1 scenario")
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["scenarios"] == summary["scenarios"]


def test_a_listing_whose_reader_went_away_exits_141_quietly(tmp_path: Path) -> None:
    done = _closed_pipe_run("library", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (141, "")


def test_run_piped_to_head_says_nothing_on_standard_error_whatever_the_timing(tmp_path: Path) -> None:
    """The command QA found it with, through the shell: ``head -1`` reads the first line and goes; whether the
    run's second line meets the closed pipe (141) or was written before head went (0) is timing, never 1."""
    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "base.yaml").write_text(MINI, encoding="utf-8")
    command = (f"{shlex.quote(sys.executable)} -c 'import sys; from cli import main; sys.exit(main())' run "
               "base.yaml -o out --workers 1 | head -1; exit ${PIPESTATUS[0]}")
    bash = shutil.which("bash")
    assert bash is not None
    done = subprocess.run([bash, "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode in (0, PIPE_CLOSED) and done.stderr == ""
    assert done.stdout == "base: 1 scenario, 2 work units (0 from cache)\n"
    assert (tmp_path / "out" / "report.html").is_file()


def test_a_failed_scenario_is_still_said_and_exits_1_when_the_reader_went_away(tmp_path: Path) -> None:
    """The failures go to standard error: a closed standard output (its first line, before them) lost them,
    and their exit status 1 with them. They are said, and a failed run still says so by its status."""
    model = ROOT / "tests" / "fixtures" / "sim" / "stuck_join.yaml"  # a join that waits for a path not taken
    shutil.copy(model, tmp_path / "model.yaml")
    made = subprocess.run([sys.executable, "-c", "import sys; from cli import main; sys.exit(main())",
                           "convert",
                           "model.yaml", "profile.yaml", "--to", "profile"], cwd=tmp_path,
                          capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert made.returncode == 0, made.stderr
    (tmp_path / "bad.yaml").write_text("name: bad\nbase: {bpmn: model.yaml, profile: profile.yaml}\n"
                                       "cases: 5\nreplications: 2\nseed: 4\n", encoding="utf-8")
    done = _closed_pipe_run("run", "bad.yaml", "-o", "out", "--workers", "1", "--no-cache", cwd=tmp_path)
    said = [line for line in done.stderr.splitlines() if line.startswith("permitflow: error:")]
    assert done.returncode == 1, done.stderr
    assert said[0].startswith("permitflow: error: scenario bad failed: element 'J': 5 case(s) cannot finish")
    assert said[-1] == done.stderr.splitlines()[-1] == ("permitflow: error: 1 of 1 scenario failed: bad "
                                                        "(the error above)")
    assert "Traceback" not in done.stderr


def test_help_and_version_whose_reader_went_away_exit_141_quietly(tmp_path: Path) -> None:
    """``permitflow --help | true``: click writes the help (or the version) while it reads the command line,
    before any command runs, and its own handling of the closed pipe exited 1, the status of an error, where a
    command's help (written inside the group) and a command's output already ended 141. Every help ends as
    they do."""
    for args in (["--help"], ["-h"], ["--version"], ["run", "--help"], ["optimise", "--help"]):
        done = _closed_pipe_run(*args, cwd=tmp_path)
        assert (args, done.returncode, done.stderr) == (args, PIPE_CLOSED, "")
