"""Decision levels in the report in words, in both languages, from a real `permitflow run` (found by QA,
2026-12-07): a delegation by outcome — the what-if page's two lists, `grants-delegated-to-officer` — was said
"grant: officer, refusal: committee" on the English and the Swedish page alike, and a swept level
"vem som beslutar = committee"."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cli import cli

COMMON = "replications: 1\nseed: 3\nhorizon: 12w\nwarmup: 1w\n"


def _report(factory: pytest.TempPathFactory, scenario: str) -> str:
    """report.html of a run of Helsingborg with ``scenario``'s lines (a ``set:`` or ``sweep:``)."""
    folder = factory.mktemp("levels")
    (folder / "s.yaml").write_text(
        f"name: s\nquestion: Who decides?\nbase: [helsingborg]\n{scenario}{COMMON}", encoding="utf-8"
    )
    out = folder / "out"
    result = CliRunner().invoke(cli, ["run", str(folder / "s.yaml"), "-o", str(out), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    return (out / "report.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A scenario whose officers grant while refusals go to the committee."""
    return _report(tmp_path_factory, "set:\n  decision.delegation: {grant: officer, refusal: committee}\n")


@pytest.fixture(scope="module")
def swept(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A scenario that sweeps who decides."""
    return _report(
        tmp_path_factory,
        "sweep:\n  decision.delegation: [committee, working_committee, {grant: officer, refusal: "
        "committee}]\n",
    )


def test_a_delegation_by_outcome_is_said_in_words(report: str) -> None:
    assert "permits granted by the case officers, refusals by the committee" in report
    assert "tillstånd beviljas av handläggarna, avslag av nämnden" in report
    assert "grant: officer" not in report and "refusal: committee" not in report


def test_a_swept_decision_level_is_said_in_words(swept: str) -> None:
    """The sweep's points (the answers' "the first of the 2 values tried", each table's heading) said "vem som
    beslutar = committee" where the sweep's chart said "nämnden"."""
    for said in (
        "who decides = the committee",
        "who decides = the working committee",
        "vem som beslutar = nämnden",
        "vem som beslutar = arbetsutskottet",
    ):
        assert said in swept, said
    assert "= committee" not in swept and "= working_committee" not in swept


def test_a_swept_delegation_by_outcome_is_said_in_words(swept: str) -> None:
    """A point whose value is a mapping was said as Python writes it, "who decides = {'grant': 'officer',
    'refusal': 'committee'}", in both languages."""
    assert "who decides = permits granted by the case officers, refusals by the committee" in swept
    assert "vem som beslutar = tillstånd beviljas av handläggarna, avslag av nämnden" in swept
    assert "{&#39;grant&#39;" not in swept and "{'grant'" not in swept
