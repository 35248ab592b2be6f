"""`make bench` (bench/run_all.py) and the documented commands: every command line of bench/ that
run_all runs or README.md and docs/*.md show is one its script accepts.

The benchmarks themselves are not run here (they are measurements, not tests): each script is
started with the command line's arguments and stopped right after its argument parser accepted
them, so a renamed option or a missing subcommand fails here instead of in `make bench` or in the
hands of a reader repeating a documented measurement.
"""

from __future__ import annotations

import re
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


#: every command line of bench/ that README.md and docs/*.md show (a backticked
#: `[.venv/bin/python ]bench/NAME.py [ARGS]`), with the files that show it
_DOCUMENTED = re.compile(r"`(?:\.venv/bin/python )?bench/([a-z_]+\.py)([^`]*)`")
#: spans that name a script in passing rather than show a command (its command is shown elsewhere)
#: "(`bench/simod_side_by_side.py`, Simod 5.2.1 ...)"
_NAMED_ONLY = {("docs/case-logs.md", "simod_side_by_side.py", ())}


def documented_commands() -> dict[tuple[str, tuple[str, ...]], list[str]]:
    found: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for doc in ("README.md", *sorted(f"docs/{path.name}" for path in (ROOT / "docs").glob("*.md"))):
        for match in _DOCUMENTED.finditer((ROOT / doc).read_text(encoding="utf-8")):
            script, args = match.group(1), tuple(match.group(2).split())
            if (doc, script, args) not in _NAMED_ONLY:
                found.setdefault((script, args), []).append(doc)
    return found


DOCUMENTED = documented_commands()


def test_the_documented_command_lines_are_found() -> None:
    # the extraction itself: a few rows of each file, so that a changed pattern cannot pass by finding nothing
    assert ("bench_engine.py", ("--cases", "100000", "--permit-cases", "500", "--repeat", "3")) in DOCUMENTED
    assert ("bench_road.py", ("study", "--runs", "1,2,dask", "--repeat", "3")) in DOCUMENTED
    assert DOCUMENTED[("simod_side_by_side.py", ("all", "--kept-activities", "--simod-python",
                                                  "bench/.venv-simod/bin/python"))] == ["docs/benchmarks.md"]
    assert DOCUMENTED[("study_meaning.py", ())] == ["docs/matching.md"]  # docs/ beyond benchmarks.md
    assert len(DOCUMENTED) >= 20


@pytest.mark.parametrize("script,args", sorted(DOCUMENTED), ids=lambda v: " ".join(v) if isinstance(v, tuple) else v)
def test_every_documented_command_line_is_accepted_by_its_script(script: str, args: tuple[str, ...]) -> None:
    path = ROOT / "bench" / script
    assert path.is_file(), f"{DOCUMENTED[(script, args)]} name bench/{script}, which does not exist"
    if "argparse" not in path.read_text(encoding="utf-8"):
        assert args == (), f"bench/{script} reads no options, {DOCUMENTED[(script, args)]} give it {args}"
        return
    done = subprocess.run([sys.executable, "-c", _PARSE_ONLY, str(path), *args],
                          cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, f"{DOCUMENTED[(script, args)]}: bench/{script} {' '.join(args)}: " \
        f"{done.stderr.strip()[-400:]}"


def test_run_all_runs_or_explains_every_script_of_bench() -> None:
    # run_all listed 15 scripts as "not run (no quick options known here)", some of them a few seconds long
    run_all = bench_script("run_all.py", "run_all_for_tests")
    scripts = {path.name for path in (ROOT / "bench").glob("*.py")}
    quick = {script for script, _extra, _needs in run_all.QUICK.values()}
    assert scripts - quick - run_all.NOT_BENCHMARKS == set(run_all.NOT_QUICK)
    assert not quick & set(run_all.NOT_QUICK)
