"""report.folder: the marker and manifest, the lock, and the cleaning of a killed run's temporary files."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

import bpmn_io.atomic
from processes.errors import InputError, OutputError
from report.folder import MARKER, claim, locked, one_runs_files, read_manifest, replace_outputs, write_last


def test_a_run_replaces_and_removes_only_what_the_manifest_lists(tmp_path: Path) -> None:
    out = tmp_path / "out"
    replace_outputs(out, {"summary.json": b"1", "eventlog.csv": b"log", "processes/a.bpmn": b"<a/>"})
    assert read_manifest(out) == ["eventlog.csv", "processes/a.bpmn", "report.html", "summary.json"]
    (out / "processes" / "mine.bpmn").write_bytes(b"<mine/>")  # the user's
    replace_outputs(out, {"summary.json": b"2", "processes/b.bpmn": b"<b/>"})
    assert sorted(p.name for p in out.rglob("*") if p.is_file() and p.name != MARKER) == [
        "b.bpmn", "mine.bpmn", "summary.json"]
    assert (out / "summary.json").read_bytes() == b"2"
    with pytest.raises(OutputError, match="not a results file name: '../x'"):
        replace_outputs(out, {"../x": b""})


def test_a_run_stopped_half_way_leaves_every_file_it_wrote_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    replace_outputs(out, {"summary.json": b"1", "processes/a.bpmn": b"<a/>"})
    real = bpmn_io.atomic.staged_file

    def full_after_the_first(path: Path, data: bytes) -> Path:
        if path.name == "summary.json":
            raise OutputError("cannot write: No space left on device", file=str(path))
        return real(path, data)

    monkeypatch.setattr(bpmn_io.atomic, "staged_file", full_after_the_first)
    with pytest.raises(OutputError):
        replace_outputs(out, {"processes/b.bpmn": b"<b/>", "summary.json": b"2"})
    assert read_manifest(out) == ["processes/a.bpmn", "processes/b.bpmn", "report.html", "summary.json"]
    # every file's data is written before any is renamed: the failed run replaced nothing, left no temporary file
    assert ((out / "summary.json").read_bytes(), sorted(p.name for p in (out / "processes").iterdir())) == \
        (b"1", ["a.bpmn"])
    monkeypatch.undo()
    replace_outputs(out, {"summary.json": b"3"})
    assert sorted(p.name for p in (out / "processes").iterdir()) == []


def test_claim_refuses_a_foreign_folder_and_cleans_a_killed_runs_temporary_files(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "model.bpmn").write_bytes(b"<mine/>")
    with pytest.raises(InputError, match="not a permitflow results folder"), claim(theirs):
        pass
    assert sorted(p.name for p in theirs.iterdir()) == ["model.bpmn"]
    out = tmp_path / "out"
    with claim(out):
        pass
    left = [out / ".summary.json.ab12cd34.tmp", out / "processes" / ".a.bpmn.x_y_z_00.tmp",
            out / ".cache" / "ab" / ".abcd.json.00000000.tmp"]
    keep = [out / "processes" / "notes.tmp", out / ".cache" / "ab" / "abcd.json"]
    for path in left + keep:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    with claim(out):
        assert [p.exists() for p in left + keep] == [False, False, False, True, True]
    assert json.loads((out / MARKER).read_text(encoding="utf-8"))["files"] == []


def test_a_held_folder_is_refused_and_free_again_when_released(tmp_path: Path) -> None:
    with claim(tmp_path / "out"):
        with pytest.raises(OutputError, match="another permitflow run .* is writing this folder"), locked(tmp_path / "out"):
            pass
    with locked(tmp_path / "out"):
        pass


def test_a_claim_that_fails_before_a_result_removes_only_what_it_created(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "out"
    with pytest.raises(OutputError, match="no scheduler"), claim(out):
        raise OutputError("no scheduler")
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "mine").mkdir()
    with pytest.raises(KeyboardInterrupt), claim(tmp_path / "mine"):
        raise KeyboardInterrupt
    assert [p.name for p in tmp_path.iterdir()] == ["mine"] and list((tmp_path / "mine").iterdir()) == []
    # once the run has a result (here: a cache entry), its folder stays a results folder
    with pytest.raises(OutputError), claim(out):
        (out / ".cache").mkdir()
        raise OutputError("lost the scheduler")
    assert sorted(p.name for p in out.iterdir()) == [".cache", ".permitflow-lock", MARKER]


def test_a_run_waiting_for_a_folder_that_a_failed_run_removed_makes_it_again(tmp_path: Path) -> None:
    import threading

    out = tmp_path / "out"
    waited = threading.Event()
    got: list[object] = []

    def second() -> None:
        with claim(out, wait=True, waiting=lambda holder: waited.set()):
            got.append(sorted(p.name for p in out.iterdir()))
            with pytest.raises(OutputError, match="another permitflow run"), locked(out):
                pass

    with pytest.raises(OutputError), claim(out):
        thread = threading.Thread(target=second)
        thread.start()
        assert waited.wait(10)
        raise OutputError("no scheduler")
    thread.join(10)
    assert got == [[".permitflow-lock", MARKER]]


def _marker(out: Path) -> dict[str, object]:
    return json.loads((out / MARKER).read_text(encoding="utf-8"))


def test_the_manifest_written_last_says_which_run_the_files_belong_to(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by the batch user: between the first and the last rename a reader saw some files of the new run
    and some of the last; the manifest now says "writing" until every file is in place, then each file's hash."""
    out = tmp_path / "out"
    first = {"summary.json": b"1", "cases.csv": b"a", "report.html": b"<p>1</p>"}
    replace_outputs(out, first)
    assert _marker(out)["sha256"] == {n: hashlib.sha256(d).hexdigest() for n, d in first.items()}
    assert "writing" not in _marker(out)
    assert one_runs_files(out) == first
    seen: list[tuple[bytes, bytes, object]] = []
    real = os.replace

    def look_between(src: str, dst: str) -> None:  # a reader while the run renames its files
        real(src, dst)
        if Path(dst).name != MARKER:
            seen.append(((out / "cases.csv").read_bytes(), (out / "summary.json").read_bytes(),
                         _marker(out).get("writing")))

    monkeypatch.setattr(bpmn_io.atomic.os, "replace", look_between)
    second = {"summary.json": b"2", "cases.csv": b"b", "report.html": b"<p>2</p>"}
    replace_outputs(out, second)
    monkeypatch.undo()
    assert (b"b", b"1", True) in seen  # the mix a reader could see: the manifest says so meanwhile
    (out / "summary.json").write_bytes(b"1")  # a file not of the run the manifest names (as in the window)
    with pytest.raises(OutputError, match="a run kept replacing the files"):
        one_runs_files(out, tries=2, pause=0)
    (out / "summary.json").write_bytes(b"2")
    assert one_runs_files(out) == second


def test_a_report_written_after_the_files_seals_the_manifest_with_its_hash(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with claim(out):
        replace_outputs(out, {"summary.json": b"1"})  # report.html to come
        assert _marker(out)["writing"] is True
        with pytest.raises(OutputError):
            one_runs_files(out, tries=1)
        write_last(out, {"report.html": b"<p>1</p>"})
    assert _marker(out)["files"] == ["report.html", "summary.json"]
    assert "writing" not in _marker(out)
    assert one_runs_files(out) == {"summary.json": b"1", "report.html": b"<p>1</p>"}
    doc = _marker(out)  # a manifest of an earlier version: no hashes; permitflow report adds them
    del doc["sha256"]
    (out / MARKER).write_text(json.dumps(doc), encoding="utf-8")
    write_last(out, {"report.html": b"<p>again</p>"})
    assert one_runs_files(out) == {"summary.json": b"1", "report.html": b"<p>again</p>"}
