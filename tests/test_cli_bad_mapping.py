"""The files that name steps: calibrate --mapping entries the log does not use are said, not left silently
unused; diff --matches and --synonyms refuse a YAML tag in the words every input file uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_calibrate_says_which_mapping_entries_name_no_activity_of_the_log(tmp_path: Path) -> None:
    # a misspelt activity ("Utskik") was left unused without a word, and the matcher mapped "Utskick" instead
    logs = FIXTURES / "logs"
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("Utskick: ignore\nUtskik: ignore\nRegistera: ignore\n", encoding="utf-8")
    out = tmp_path / "p.yaml"
    result = CliRunner().invoke(cli, ["calibrate", str(logs / "tiny.yaml"), str(logs / "tiny_cases.csv"),
                                      "-o", str(out), "--mapping", str(mapping)])
    assert result.exit_code == 0, result.output
    assert (f"note: {mapping}: 2 entries for an activity the log does not have, not used: 'Utskik', "
            "'Registera'\n" in result.stderr), result.stderr
    assert out.exists()


@pytest.mark.parametrize("option", ["--matches", "--synonyms"])
@pytest.mark.parametrize("text, tag", [
    ("!!python/object/apply:os.system [echo hi]\n", "!!python/object/apply:os.system"),
    ("!custom {a: 1}\n", "!custom"),
])
def test_a_yaml_tag_in_a_diff_file_is_said_as_in_every_other_file(tmp_path: Path, option: str, text: str,
                                                                   tag: str) -> None:
    # it read "not valid YAML: could not determine a constructor for the tag 'tag:yaml.org,2002:python/...'"
    given = tmp_path / "f.yaml"
    given.write_text(text, encoding="utf-8")
    model = str(FIXTURES / "simple.bpmn")
    result = CliRunner().invoke(cli, ["diff", model, model, option, str(given)])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"permitflow: error: {given}:1: YAML tag {tag!r} is not allowed (expected plain "
                             "values: mappings, lists, text, numbers, dates)\n")
