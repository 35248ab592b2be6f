"""``permitflow compare`` and ``diff`` of case logs: how municipalities' executed processes differ.

Two library municipalities (Helsingborg and Landskrona: different steps, same parameters where
the library shares them) are simulated for a year each and their logs written by permitflow;
compare/diff read the logs, discover (or calibrate) a model from each and compare those.
The BPIC15_1 test (../shared) splits one real log by period and compares the two halves.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from shared import SHARED

from bpmn_io.logfiles import is_case_log, log_kind
from cli import cli

pytestmark = pytest.mark.slow

BPIC = SHARED / "data" / "logs" / "BPIC15_1.xes.gz"


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compare-logs")
    runner = CliRunner()
    out = {}
    for name in ("helsingborg", "landskrona"):
        out[name] = folder / f"{name}.xes"
        done = runner.invoke(cli, ["simulate", name, "--years", "1", "--seed", "3", "-q", "-r", "1", "--eventlog",
                                   str(out[name]), "--set", "arrivals.per_year=100"])
        assert done.exit_code == 0, done.output
    return out


def test_compare_discovers_a_model_from_each_log(logs) -> None:
    done = CliRunner().invoke(cli, ["compare", str(logs["helsingborg"]), str(logs["landskrona"]), "--format", "json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    assert data["models"] == ["helsingborg", "landskrona"]
    text = json.dumps(data, ensure_ascii=False)
    # structure: Helsingborg checks the fee is paid, Landskrona does not
    assert "Avgift inbetald" in text
    # time: the fitted durations are compared
    assert "duration" in text


def test_diff_calibrates_a_given_model_to_both_logs(logs) -> None:
    done = CliRunner().invoke(cli, ["diff", str(logs["helsingborg"]), str(logs["landskrona"]), "--model", "helsingborg",
                                    "--format", "json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    assert data["similarity"]  # the same model on both sides: every step matched
    assert not [m for m in data["uncertain"]]
    kinds = {d["kind"] for d in data["differences"]}
    assert kinds == {"attribute"}  # the same structure; only fitted parameters differ
    assert any("Remissvar" in json.dumps(d, ensure_ascii=False) for d in data["differences"])


def test_logs_are_told_by_extension_or_content(tmp_path) -> None:
    xes = tmp_path / "export.dat"
    xes.write_text('<?xml version="1.0"?><log xes.version="1.0" xmlns="http://www.xes-standard.org/"></log>')
    assert is_case_log(xes) and log_kind(xes) == "xes"
    assert is_case_log(tmp_path / "a.csv") and is_case_log(tmp_path / "a.xes.gz")
    assert not is_case_log(tmp_path / "model.bpmn")


@pytest.mark.shared("data/logs/BPIC15_1.xes.gz")
def test_bpic15_split_by_period(tmp_path) -> None:
    """The cases BPIC15_1 received in 2012 against those of 2014 (two periods of one municipality)."""
    from bpmn_io.caselog import from_seconds
    from bpmn_io.logfiles import read_log

    table, _ = read_log(BPIC)
    first = table.end[table.case_bounds()[:-1]]
    year = {c: from_seconds(t).year for c, t in enumerate(first)}
    paths = {}
    for half, wanted in (("early", 2012), ("late", 2014)):
        rows = ["case,activity,timestamp,resource"]
        for i in range(table.n_events):
            if year[int(table.case[i])] == wanted:
                case = table.case_ids[table.case[i]]
                rows.append(f"{case},{table.activities[table.activity[i]]},"
                            f"{from_seconds(table.end[i]).isoformat()},{table.resources[table.resource[i]]}")
        paths[half] = tmp_path / f"bpic15_{half}.csv"
        paths[half].write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["compare", str(paths["early"]), str(paths["late"]), "--min-frequency", "0.8",
                                    "--format", "json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)  # the reader's notes (events at one time ...) are on stderr
    assert data["models"] == ["bpic15_early", "bpic15_late"]
    assert data["similarity"] and data["core"]
