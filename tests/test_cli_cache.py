"""permitflow cache: the size of a results folder's .cache, and pruning it of what the last run did not
use."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from report.cache import RUN_RECORD, DirectoryCache, cache_usage, prune, record_run
from report.folder import locked
from scenarios.execute import UnitResult

FIXTURES = Path(__file__).resolve().parent / "scenarios" / "fixtures"


def invoke(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def _unit(n: int) -> UnitResult:
    return UnitResult((("x/y", float(n)),), (), ())


def test_prune_keeps_what_the_last_run_used_and_what_was_used_since(tmp_path: Path) -> None:
    cache = DirectoryCache(tmp_path)
    old, last, later = "aa" * 8, "bb" * 8, "cc" * 8
    for n, key in enumerate((old, last)):
        cache.put(key, _unit(n))
    assert cache_usage(tmp_path).recorded is False
    # no run recorded: nothing removed
    assert prune(tmp_path).stale == 0 and cache_usage(tmp_path).entries == 2
    for key in (old, last):  # written before the record
        os.utime(tmp_path / key[:2] / f"{key}.json", ns=(1, 1))
    record_run(tmp_path, [last])
    os.utime(tmp_path / RUN_RECORD, ns=(2, 2))
    cache.put(later, _unit(2))  # a run stopped half-way after the record: its units are kept for it
    usage = cache_usage(tmp_path)
    assert (usage.entries, usage.kept, usage.stale, usage.recorded) == (3, 2, 1, True)
    assert usage.stale_size == (tmp_path / old[:2] / f"{old}.json").stat().st_size
    assert prune(tmp_path) == usage
    assert (cache.get(old), cache.get(last), cache.get(later)) == (None, _unit(1), _unit(2))
    assert not (tmp_path / "aa").exists()  # its emptied subfolder too
    (tmp_path / "bb" / "notes.txt").write_text("mine", encoding="utf-8")  # not an entry: never touched
    assert prune(tmp_path, everything=True).entries == 2
    assert cache_usage(tmp_path).entries == 0 and not (tmp_path / RUN_RECORD).exists()
    assert (tmp_path / "bb" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_an_entry_read_after_the_record_is_kept(tmp_path: Path) -> None:
    """A run stopped half-way that found an older run's entry needs it to go on: reading it marks it used."""
    cache = DirectoryCache(tmp_path)
    key = "dd" * 8
    cache.put(key, _unit(0))
    os.utime(tmp_path / "dd" / f"{key}.json", ns=(1, 1))
    record_run(tmp_path, [])
    os.utime(tmp_path / RUN_RECORD, ns=(2, 2))
    assert cache_usage(tmp_path).stale == 1
    assert cache.get(key) == _unit(0)
    assert cache_usage(tmp_path).stale == 0


@pytest.fixture
def study(tmp_path: Path) -> Path:
    shutil.copy(FIXTURES / "mini.bpmn", tmp_path / "process.bpmn")
    shutil.copy(FIXTURES / "mini.yaml", tmp_path / "profile.yaml")
    for seed in (1, 2):
        (tmp_path / f"s{seed}.yaml").write_text(
            f"name: s\nbase: {{bpmn: process.bpmn, profile: profile.yaml}}\nreplications: 2\nseed: {seed}\n"
            "horizon: 10w\n", encoding="utf-8")
    return tmp_path


def test_the_cache_command_shows_the_size_and_prunes_what_the_last_run_did_not_use(study: Path) -> None:
    """Found by the batch user: .cache kept every entry of every run ever made into the folder."""
    out = study / "out"
    for seed in (1, 2):
        assert invoke("run", str(study / f"s{seed}.yaml"), "-o", str(out), "--workers", "1").exit_code == 0
    shown = invoke("cache", str(out))
    assert shown.exit_code == 0
    size = sum(p.stat().st_size for p in (out / ".cache").glob("*/*.json"))
    assert shown.output.splitlines()[0] == f"{out / '.cache'}: 4 entries, {size / 1e6:,.1f} MB"
    assert "the last run used or wrote 2 of them" in shown.output
    assert "--prune removes the other 2" in shown.output
    with locked(out):  # a run writing the folder: refused, nothing removed
        busy = invoke("cache", str(out), "--prune")
    assert busy.exit_code == 1 and "another permitflow run" in busy.output
    pruned = invoke("cache", str(out), "--prune")
    assert pruned.exit_code == 0
    assert "removed 2 entries" in pruned.output and "2 entries kept" in pruned.output
    assert "2 work units (2 from cache)" in invoke("run", str(study / "s2.yaml"), "-o", str(out)).output
    assert "2 work units (0 from cache)" in invoke("run", str(study / "s1.yaml"), "-o", str(out)).output
    cleared = invoke("cache", str(out), "--clear")
    assert cleared.exit_code == 0 and "removed 4 entries" in cleared.output
    assert "0 entries" in invoke("cache", str(out)).output
    assert "2 work units (0 from cache)" in invoke("run", str(study / "s1.yaml"), "-o", str(out)).output


def test_the_cache_command_refuses_a_folder_that_is_not_a_results_folder(tmp_path: Path) -> None:
    refused = invoke("cache", str(tmp_path), "--clear")
    assert refused.exit_code == 2
    assert refused.output.strip().endswith(f"{tmp_path}: not a results folder (no .permitflow-results; "
                                           f"permitflow run -o {tmp_path} makes one)")
    assert invoke("cache", str(tmp_path), "--prune", "--clear").exit_code == 2
