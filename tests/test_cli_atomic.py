"""cli.atomic_write: all or nothing, with the ordinary file mode."""

from __future__ import annotations

import os

import pytest

from cli import atomic_write


def test_a_failure_inside_the_block_leaves_nothing(tmp_path) -> None:
    target = tmp_path / "out.svg"
    with pytest.raises(RuntimeError):
        with atomic_write(target, "wb") as fh:
            fh.write(b"half")  # type: ignore[attr-defined]
            raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []


def test_success_replaces_the_file_with_the_umask_mode(tmp_path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    old = os.umask(0o022)
    try:
        with atomic_write(target, "w") as fh:
            fh.write("new")  # type: ignore[attr-defined]
    finally:
        os.umask(old)
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
