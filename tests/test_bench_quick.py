"""`make bench` (bench/run_all.py): every quick command line it runs is one its script accepts.

The benchmarks themselves are not run here (they are measurements, not tests): each script is
started with run_all's own arguments and stopped right after its argument parser accepted them,
so a renamed option or a missing subcommand fails here instead of in `make bench`.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from benchscript import ROOT, bench_script

#: run the script as __main__, but end the process with status 0 as soon as its top-level
#: parser has accepted the arguments (argparse exits 2 itself when it does not)
_PARSE_ONLY = """
import argparse, runpy, sys
_parse = argparse.ArgumentParser.parse_args
def parse_args(self, *args, **kwargs):
    _parse(self, *args, **kwargs)
    raise SystemExit(0)
argparse.ArgumentParser.parse_args = parse_args
script = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(script, run_name="__main__")
raise SystemExit(3)  # the script never parsed its arguments
"""

QUICK = bench_script("run_all.py", "run_all_for_tests").QUICK


@pytest.mark.parametrize("name", sorted(QUICK))
def test_run_all_gives_each_benchmark_arguments_it_accepts(name: str) -> None:
    script, extra, _needs = QUICK[name]
    if "argparse" not in (ROOT / "bench" / script).read_text(encoding="utf-8"):
        assert extra == [], f"bench/{script} reads no arguments, run_all gives it {extra}"
        return
    done = subprocess.run([sys.executable, "-c", _PARSE_ONLY, str(ROOT / "bench" / script), *extra],
                          cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, f"bench/{script} {' '.join(extra)}: {done.stderr.strip()[-400:]}"


def test_the_parse_only_check_fails_on_arguments_a_script_refuses() -> None:
    done = subprocess.run([sys.executable, "-c", _PARSE_ONLY, str(ROOT / "bench" / "bench_road.py"), "--repeat", "2"],
                          cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 2
    assert "invalid choice" in done.stderr
