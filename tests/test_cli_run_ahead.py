"""`permitflow run` on workers makes the report's model comparison while the units run: the same report."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from click.testing import CliRunner

from cli import _Ahead, cli

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


def test_work_ahead_in_a_process_of_its_own_is_what_making_it_here_gives() -> None:
    from report.embed import library_comparison_section

    made_here: list[list[str]] = []

    def here(names: Sequence[str]) -> str:
        made_here.append(list(names))
        return library_comparison_section(names)

    ahead = _Ahead(here, ["helsingborg", "astorp"], apart=("report.embed", "library_comparison_section"))
    ahead.start_apart()
    assert ahead.process is not None and ahead not in _Ahead.waiting
    assert ahead(["helsingborg", "astorp"]) == library_comparison_section(["helsingborg", "astorp"])
    assert made_here == []  # the text came from the other process


def test_a_process_that_fails_leaves_the_work_to_this_one() -> None:
    ahead = _Ahead(lambda names: "made here: " + ",".join(names), ["a", "b"], apart=("report.embed", "no_such_function"))
    ahead.start_apart()
    assert ahead.process is not None
    assert ahead(["a", "b"]) == "made here: a,b"


def test_a_process_not_asked_for_is_ended() -> None:
    ahead = _Ahead(lambda names: "", ["helsingborg", "astorp"], apart=("time", "sleep"))
    ahead.start_apart()
    assert ahead.process is not None
    ahead.close()
    assert ahead.process.returncode is not None  # ended (or done) and waited for: no process left behind
