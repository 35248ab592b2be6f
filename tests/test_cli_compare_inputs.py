"""compare's models read on a forked helper (clicommands/compareinputs.py compare_inputs): the same inputs,
the same first error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from cli import cli as command
from clicommands.compareinputs import compare_input, compare_inputs

LIBRARY = ["helsingborg", "astorp", "landskrona", "svalov", "angelholm"]
LOGS = {"columns": None, "model": None, "min_frequency": 0.1}


def test_read_on_a_helper_gives_what_is_read_one_by_one(tmp_path: Path) -> None:
    model = tmp_path / "mine.yaml"
    model.write_text((Path(cli.__file__).parent / "processes/library/astorp/process.yaml").read_text(encoding="utf-8"),
                     encoding="utf-8")
    args = [*LIBRARY, str(model)]
    calls: list[int] = []
    done, parallel = compare_inputs(args, LOGS, 2, lambda: calls.append(1) or "first")
    assert done == "first" and calls == [1]  # run once, here
    done_alone, alone = compare_inputs(args, LOGS, 1, lambda: "first")
    assert done_alone == "first"
    assert [name for name, _, _ in parallel] == [*LIBRARY, "mine"]
    assert parallel == alone
    assert parallel == [compare_input(a, LOGS) for a in args]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_first_bad_argument_in_order_is_reported(workers: int, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("process: [\n", encoding="utf-8")
    args = ["helsingborg", "astorp", "nosuch", "landskrona", str(bad), "svalov"]
    with pytest.raises(Exception) as first:
        compare_input("nosuch", LOGS)
    with pytest.raises(type(first.value)) as raised:
        compare_inputs(args, LOGS, workers, lambda: None)
    assert str(raised.value) == str(first.value)
    assert "nosuch" in str(raised.value)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_error_of_the_settings_comes_before_a_bad_model(workers: int) -> None:
    def settings() -> None:
        raise ValueError("bad matches file")

    with pytest.raises(ValueError, match="bad matches file"):
        compare_inputs(["helsingborg", "nosuch", "astorp", "svalov"], LOGS, workers, settings)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_compare_command_same_text_whatever_the_workers_and_one_line_for_a_bad_model(workers: str,
                                                                                      tmp_path: Path) -> None:
    out = CliRunner().invoke(command, ["compare", *LIBRARY, "--workers", workers], catch_exceptions=False)
    base = CliRunner().invoke(command, ["compare", *LIBRARY, "--workers", "1"], catch_exceptions=False)
    assert out.exit_code == 0 and out.output == base.output
    target = tmp_path / "out.json"
    bad = CliRunner().invoke(command, ["compare", "helsingborg", str(tmp_path / "none.bpmn"), "astorp", "nosuch",
                                       "--workers", workers, "-o", str(target)])
    assert bad.exit_code == 2
    assert "none.bpmn" in bad.output and "nosuch" not in bad.output
    assert not target.exists()
