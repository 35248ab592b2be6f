"""processes.heapkeep: glibc's heap trimming held off before forking workers, with the values of
HEAP_SETTINGS, only on glibc, and never over a user's own malloc settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from processes.heapkeep import HEAP_SETTINGS, heap_settings, libc_name

ROOT = Path(__file__).resolve().parents[2]
ALL = (("M_TRIM_THRESHOLD", -1, 256 * 2**20), ("M_TOP_PAD", -2, 64 * 2**20), ("M_MMAP_THRESHOLD", -3, 32 * 2**20))


def test_on_glibc_all_three_with_their_values() -> None:
    assert heap_settings("glibc 2.36", {}) == ALL
    assert heap_settings("glibc 2.28", {"PATH": "/usr/bin", "MALLOC_ARENA_MAX": "2"}) == ALL


@pytest.mark.parametrize("libc", [None, "musl 1.2.4", "", "uclibc"])
def test_nothing_elsewhere(libc: str | None) -> None:
    assert heap_settings(libc, {}) == ()


def test_the_users_environment_variables_win() -> None:
    assert heap_settings("glibc 2.36", {"MALLOC_TRIM_THRESHOLD_": "131072"}) == ALL[1:]
    assert heap_settings("glibc 2.36", {"MALLOC_TOP_PAD_": "0", "MALLOC_MMAP_THRESHOLD_": "0"}) == ALL[:1]
    every = {variable: "1" for _, _, _, variable, _ in HEAP_SETTINGS}
    assert heap_settings("glibc 2.36", every) == ()


def test_the_users_tunables_win() -> None:
    tunables = "glibc.malloc.top_pad=0:glibc.malloc.mmap_threshold=65536"
    assert heap_settings("glibc 2.36", {"GLIBC_TUNABLES": tunables}) == ALL[:1]
    # another tunable of the same family is not one of ours
    assert heap_settings("glibc 2.36", {"GLIBC_TUNABLES": "glibc.malloc.arena_max=2"}) == ALL


def _kept(env: dict[str, str]) -> str:
    """The settings glibc took in a fresh process with ``env`` over a clean environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_") and k != "GLIBC_TUNABLES"}
    code = "from processes.heapkeep import keep_heap; print(','.join(keep_heap()))"
    done = subprocess.run([sys.executable, "-c", code], env={**clean, **env}, capture_output=True,
                          text=True, check=True, cwd=ROOT)
    return done.stdout.strip()


@pytest.mark.skipif(not (libc_name() or "").startswith("glibc "), reason="glibc's mallopt only")
def test_glibc_takes_the_settings_in_a_fresh_process() -> None:
    assert _kept({}) == "M_TRIM_THRESHOLD,M_TOP_PAD,M_MMAP_THRESHOLD"
    assert _kept({"MALLOC_TOP_PAD_": "131072"}) == "M_TRIM_THRESHOLD,M_MMAP_THRESHOLD"
    assert _kept({"GLIBC_TUNABLES": "glibc.malloc.trim_threshold=131072"}) == "M_TOP_PAD,M_MMAP_THRESHOLD"
