"""bpmn_io.checkstore: what `validate` found in a BPMN file, kept for the same bytes, name and code only."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bpmn_io import checkstore
from bpmn_io.loading import load_model
from processes.cachestore import write_checked
from processes.problems import Problem
from processes.validate import check

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def validate(args: list[str], cwd: Path, cache: str) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-c", "import sys, cli; sys.exit(cli.main())", "validate", *args], cwd=cwd,
                          env={**os.environ, "PERMITFLOW_CACHE": cache}, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


def recalled(name: Path, *, strict: bool) -> list[Problem] | None:
    where = checkstore.place(str(name), strict=strict)
    assert where is not None
    return checkstore.recall(where)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PERMITFLOW_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / "check"


@pytest.mark.parametrize("name", ["deadlock.bpmn", "duplicate_ids.bpmn", "simple.bpmn", "cross_process.bpmn"])
def test_kept_problems_are_those_check_finds(name: str, tmp_path: Path, cache: Path) -> None:
    model = tmp_path / name
    shutil.copy(FIXTURES / name, model)
    for strict in (True, False):
        try:
            found = check(load_model(str(model), strict=strict))
        except Exception:  # a file the strict reader refuses: nothing is kept
            where = checkstore.place(str(model), strict=strict)
            assert where is not None and checkstore.recall(where) is None
            continue
        where = checkstore.place(str(model), strict=strict)
        assert where is not None and checkstore.recall(where) is None
        checkstore.keep(where, str(model), found)
        again = checkstore.place(str(model), strict=strict)
        assert again == where and checkstore.recall(again) == found
        assert all(type(p) is Problem for p in found)


def test_another_name_other_bytes_or_the_other_mode_misses(tmp_path: Path, cache: Path) -> None:
    model = tmp_path / "m.bpmn"
    shutil.copy(FIXTURES / "deadlock.bpmn", model)
    where = checkstore.place(str(model), strict=True)
    assert where is not None
    checkstore.keep(where, str(model), [Problem("dead-end", "error", "X", "kept")])
    assert recalled(model, strict=True) == [Problem("dead-end", "error", "X", "kept")]
    assert recalled(model, strict=False) is None
    other = tmp_path / "other.bpmn"
    shutil.copy(model, other)
    assert recalled(other, strict=True) is None
    model.write_bytes(model.read_bytes() + b"\n")
    assert recalled(model, strict=True) is None


def test_nothing_is_kept_for_a_file_changed_while_it_was_read_or_an_authoring_file(tmp_path: Path, cache: Path) -> None:
    model = tmp_path / "m.bpmn"
    shutil.copy(FIXTURES / "deadlock.bpmn", model)
    where = checkstore.place(str(model), strict=True)
    assert where is not None
    model.write_bytes(model.read_bytes() + b" ")
    checkstore.keep(where, str(model), [])
    assert not cache.exists() or list(cache.iterdir()) == []
    (tmp_path / "m.yaml").write_text("process: x\n")
    assert checkstore.place(str(tmp_path / "m.yaml"), strict=True) is None


def test_a_damaged_entry_misses_and_the_store_can_be_off(tmp_path: Path, cache: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    model = tmp_path / "m.bpmn"
    shutil.copy(FIXTURES / "deadlock.bpmn", model)
    where = checkstore.place(str(model), strict=True)
    assert where is not None
    checkstore.keep(where, str(model), [Problem("dead-end", "error", "X", "kept")])
    header, body = where[0].read_text(encoding="utf-8").split("\n", 1)
    where[0].write_text(header + "\n" + body.replace("kept", "edit"), encoding="utf-8")
    assert checkstore.recall(where) is None
    bad = json.dumps([["no-such-code", "error", "X", "m"]])
    write_checked(where[0], checkstore.FORMAT, where[1], bad, 10)
    assert checkstore.recall(where) is None
    monkeypatch.setenv("PERMITFLOW_CACHE", "none")
    assert checkstore.place(str(model), strict=True) is None


def test_validate_prints_the_same_the_first_and_the_second_time(tmp_path: Path) -> None:
    for name in ("deadlock.bpmn", "duplicate_ids.bpmn", "simple.bpmn", "cross_process.bpmn"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    args = ["deadlock.bpmn", "duplicate_ids.bpmn", "simple.bpmn", "cross_process.bpmn", "missing.bpmn"]
    cache = str(tmp_path / "cache")
    for extra in ([], ["--lenient", "--format", "json"]):
        without = validate([*extra, *args], tmp_path, "none")
        assert without[0] == 2  # missing.bpmn cannot be read
        assert validate([*extra, *args], tmp_path, cache) == without
        assert validate([*extra, *args], tmp_path, cache) == without
    assert len(list((tmp_path / "cache" / "check").iterdir())) >= 4
