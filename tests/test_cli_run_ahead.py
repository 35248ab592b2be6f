"""`permitflow run` on workers makes the report's model comparison while the units run: the same report."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from cli import cli

FIXTURES = Path(__file__).resolve().parent / "scenarios" / "fixtures"


def _same(a: bytes, b: bytes) -> None:
    """``a == b``; when not, the failure shows where they first differ (a one-byte difference seen once)."""
    if a != b:
        at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        raise AssertionError(f"the reports differ at byte {at} of {len(a)} / {len(b)}: "
                             f"{a[max(0, at - 120):at + 120]!r} against {b[max(0, at - 120):at + 120]!r}")


def _study(tmp_path: Path) -> None:
    """tmp_path/study.yaml: one small scenario and a comparison of two library municipalities."""
    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "s.yaml").write_text(
        "name: s\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 4\nhorizon: 8w\nwarmup: 1w\n",
        encoding="utf-8")
    (tmp_path / "study.yaml").write_text(
        "study: ahead\ntitle: Ahead\ncompare: [helsingborg, astorp]\nscenarios: [s.yaml]\n", encoding="utf-8")


def test_the_comparison_made_during_the_run_gives_the_same_report(tmp_path: Path) -> None:
    _study(tmp_path)
    reports = []
    for workers in ("1", "2"):  # one worker: the comparison is made when the report asks; two: during the run
        out = tmp_path / f"w{workers}"
        result = CliRunner().invoke(cli, ["run", str(tmp_path / "study.yaml"), "-o", str(out), "--workers", workers,
                                          "--no-cache"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        reports.append((out / "report.html").read_bytes())
    _same(reports[0], reports[1])
    assert "Åstorp".encode() in reports[0]  # the comparison is there: the scenario itself runs Ministad only


def test_the_comparison_made_in_a_forked_helper_gives_the_same_report(tmp_path: Path) -> None:
    """As a command of its own (no other thread: the comparison is made in a helper forked as the study
    is read, processes/forkshare.Forked) on two workers, against one worker: the same report."""
    import subprocess
    import sys

    _study(tmp_path)
    root = Path(__file__).resolve().parent.parent
    reports = []
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}"
        done = subprocess.run([sys.executable, "-c", "import sys, cli; sys.exit(cli.main())", "run",
                               str(tmp_path / "study.yaml"), "-o", str(out), "--workers", workers, "--no-cache"],
                              cwd=root, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        reports.append((out / "report.html").read_bytes())
    _same(reports[0], reports[1])
    assert "Åstorp".encode() in reports[1]
