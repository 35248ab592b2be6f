"""calibrate --mapping entries that the log does not use are said, not left silently unused."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_calibrate_says_which_mapping_entries_name_no_activity_of_the_log(tmp_path: Path) -> None:
    # a misspelt activity ("Utskik") was left unused without a word, and the matcher mapped "Utskick" instead
    logs = FIXTURES / "logs"
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("Utskick: ignore\nUtskik: ignore\nRegistera: ignore\n", encoding="utf-8")
    out = tmp_path / "p.yaml"
    result = CliRunner().invoke(cli, ["calibrate", str(logs / "tiny.yaml"), str(logs / "tiny_cases.csv"), "-o", str(out),
                                      "--mapping", str(mapping)])
    assert result.exit_code == 0, result.output
    assert (f"note: {mapping}: 2 entries for an activity the log does not have, not used: 'Utskik', 'Registera'\n"
            in result.stderr), result.stderr
    assert out.exists()
