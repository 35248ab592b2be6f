"""Decision levels in the report in words, in both languages, from a real `permitflow run` (found by QA,
2026-12-07): a delegation by outcome — the what-if page's two lists, `grants-delegated-to-officer` — was said
"grant: officer, refusal: committee" on the English and the Swedish page alike."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cli import cli

COMMON = "replications: 1\nseed: 3\nhorizon: 12w\nwarmup: 1w\n"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    """report.html of a scenario whose officers grant while refusals go to the committee."""
    folder = tmp_path_factory.mktemp("levels")
    (folder / "split.yaml").write_text(
        "name: split\nquestion: Officers grant?\nbase: [helsingborg]\n"
        "set:\n  decision.delegation: {grant: officer, refusal: committee}\n" + COMMON,
        encoding="utf-8",
    )
    out = folder / "out"
    result = CliRunner().invoke(
        cli, ["run", str(folder / "split.yaml"), "-o", str(out), "--workers", "1", "-q"]
    )
    assert result.exit_code == 0, result.output
    return (out / "report.html").read_text(encoding="utf-8")


def test_a_delegation_by_outcome_is_said_in_words(report: str) -> None:
    assert "permits granted by the case officers, refusals by the committee" in report
    assert "tillstånd beviljas av handläggarna, avslag av nämnden" in report
    assert "grant: officer" not in report and "refusal: committee" not in report
