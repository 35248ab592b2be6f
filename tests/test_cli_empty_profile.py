"""An empty profile file (nothing, or comments only: a failed export, the wrong file) is refused by every
command that reads one, in one wording: `simulate` refused it while `calibrate` read it as a profile of
nothing, so a user who meant to start from a profile silently got a calibration from nothing. A start from
nothing is still there, written `{}`; it gives what calibrate gives with no profile at all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

LOGS = Path(__file__).parent / "fixtures" / "logs"
_NOTHING = ("the file holds nothing, not a profile (expected YAML keys and values: municipality, names, "
            "handled_by, facts, simulation)")


@pytest.mark.parametrize("text", ["", "\n\n", "# a profile to come\n"])
@pytest.mark.parametrize("command", [
    ["simulate", "{model}", "--replications", "1", "--profile", "{profile}"],
    ["calibrate", "{model}", "{log}", "-o", "{out}", "--profile", "{profile}"]])
def test_an_empty_profile_is_refused_alike(tmp_path: Path, text: str, command: list[str]) -> None:
    profile = tmp_path / "empty.yaml"
    profile.write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    args = [a.format(model=LOGS / "tiny.yaml", log=LOGS / "tiny_cases.csv", out=out, profile=profile)
            for a in command]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"permitflow: error: {profile}:1: {_NOTHING}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.yaml"]


def test_a_start_from_nothing_is_written_as_an_empty_mapping(tmp_path: Path) -> None:
    """``{}`` as calibrate's --profile: the profile written is the one calibrate writes from no profile."""
    model = tmp_path / "tiny.yaml"  # no profile.yaml beside it
    shutil.copy(LOGS / "tiny.yaml", model)
    (tmp_path / "nothing.yaml").write_text("{}\n", encoding="utf-8")
    runner = CliRunner()
    written = {}
    for name, extra in (("none", []), ("braces", ["--profile", str(tmp_path / "nothing.yaml")])):
        out = tmp_path / f"{name}.yaml"
        result = runner.invoke(cli, ["calibrate", str(model), str(LOGS / "tiny_cases.csv"), "-o", str(out),
                                     *extra, "--mapping", str(LOGS / "tiny_mapping.yaml")])
        assert result.exit_code == 0, result.output
        written[name] = out.read_bytes()
    assert written["braces"] == written["none"]
    assert b"arrivals" in written["none"]
