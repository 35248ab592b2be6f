"""A study file's own values are checked even where its scenarios do not use them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

SHIPPED = Path(__file__).resolve().parents[1] / "scenarios"


@pytest.mark.parametrize("head, said", [
    # both ran (exit 0): the defaults only fill what a scenario leaves out, and status-quo sets every setting;
    # a study named 42 made results/42 where a scenario's name: 42 is refused
    ("study: s\ndefaults: {replications: -1}\n",
     "s.yaml:2: replications: -1 is not a whole number from 1 to 10,000"),
    ("study: s\ndefaults: {seed: many}\n", "s.yaml:2: seed: 'many' is not a whole number from 0 to "
                                           "9,223,372,036,854,775,807"),
    ("study: s\ndefaults: {outputs: everything}\n",
     "s.yaml:2: outputs: 'everything' (expected a list of summary, cases, eventlog)"),
    ("study: 42\n", "s.yaml:1: study: 42 is not text"),
])
def test_a_bad_study_value_is_refused_before_anything_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            head: str, said: str) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SHIPPED / "status-quo.yaml", "status-quo.yaml")
    Path("s.yaml").write_text(head + "scenarios: [status-quo.yaml]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "s.yaml", "-o", "out", "--workers", "1"])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"permitflow: error: {said}\n"
    assert sorted(os.listdir(tmp_path)) == ["s.yaml", "status-quo.yaml"]


@pytest.mark.parametrize("name, text, said", [
    # found by QA (qabatch): `permitflow simulate helsinborg` and `run e-servce` said "did you mean", a
    # scenario or study file with the same slip did not
    ("s.yaml", "name: s\nbase: helsinborg\n",
     "s.yaml:2: base: unknown library municipality 'helsinborg' (did you mean 'helsingborg'?) (expected one "
     "of angelholm, astorp, bjuv, "),
    ("s.yaml", "name: s\nbase: helsingborg\nreplicatons: 2\n",
     "s.yaml:3: unknown key 'replicatons' (did you mean 'replications'?) (expected one of name, question, "),
    ("st.yaml", "study: st\nscenarios: [status-quo.yaml]\ncompare: [astrop]\n",
     "st.yaml:3: compare: unknown library municipality 'astrop' (did you mean 'astorp'?) (expected one "),
    ("st.yaml", "study: st\nscenarios: [status-quo.yaml]\nscenario: [x.yaml]\n",
     "st.yaml:3: unknown key 'scenario' (did you mean 'scenarios'?) (expected one of "),
    # it said "scenarios: names used twice: status-quo (status-quo.yaml:6, status-quo.yaml:6; ...)"
    ("st.yaml", "study: st\nscenarios: [status-quo.yaml, ./status-quo.yaml]\n",
     "st.yaml:2: scenarios: './status-quo.yaml' is listed twice (expected each scenario file once)"),
])
def test_a_slip_in_a_scenario_or_study_file_is_said_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             name: str, text: str, said: str) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SHIPPED / "status-quo.yaml", "status-quo.yaml")
    Path(name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", name, "-o", "out", "--workers", "1"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"permitflow: error: {said}"), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert not Path("out").exists()
