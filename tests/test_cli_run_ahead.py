"""`permitflow run` on workers makes the report's model comparison while the units run: the same report."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import _Ahead, cli
from processes.forkshare import can_fork

FIXTURES = Path(__file__).resolve().parent / "scenarios" / "fixtures"


def test_the_comparison_made_during_the_run_gives_the_same_report(tmp_path: Path) -> None:
    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "s.yaml").write_text(
        "name: s\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 4\nhorizon: 8w\nwarmup: 1w\n",
        encoding="utf-8")
    (tmp_path / "study.yaml").write_text(
        "study: ahead\ntitle: Ahead\ncompare: [helsingborg, astorp]\nscenarios: [s.yaml]\n", encoding="utf-8")
    reports = []
    for workers in ("1", "2"):  # one worker: the comparison is made when the report asks; two: during the run
        out = tmp_path / f"w{workers}"
        result = CliRunner().invoke(cli, ["run", str(tmp_path / "study.yaml"), "-o", str(out), "--workers", workers,
                                          "--no-cache"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        reports.append((out / "report.html").read_bytes())
    assert reports[0] == reports[1]
    assert "Åstorp".encode() in reports[0]  # the comparison is there: the scenario itself runs Ministad only


def _names_and_pid(names: Sequence[str]) -> str:
    return ",".join(names) + f"@{os.getpid()}"


def test_work_ahead_in_a_forked_helper_is_what_making_it_here_gives() -> None:
    ahead = _Ahead(_names_and_pid, ["helsingborg", "astorp"])
    forks = can_fork()
    ahead.fork()
    if not forks:  # another thread runs here (a test runner's): it waits for start_waiting as before
        assert ahead.forked is None and ahead in _Ahead.waiting
        _Ahead.waiting.clear()
        return
    assert ahead.forked is not None and ahead not in _Ahead.waiting
    names, _, pid = ahead(["helsingborg", "astorp"]).partition("@")
    assert names == "helsingborg,astorp" and int(pid) != os.getpid()
    assert ahead(["astorp"]) == f"astorp@{os.getpid()}"  # other names: made here


def test_a_forked_helper_not_asked_for_is_ended() -> None:
    ahead = _Ahead(_names_and_pid, ["helsingborg", "astorp"])
    ahead.fork()
    _Ahead.waiting.clear()
    if ahead.forked is None:
        return
    pid = ahead.forked.pid
    ahead.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
