"""The same inputs and seed give the same bytes from any folder, by any path, in any time zone, locale,
hash seed or user cache, on any number of workers (a Dask cluster: tests/test_dask.py).

Each command runs twice as a batch user starts it, in a process of its own: once with relative paths
from the inputs' folder (TZ=UTC, LANG=C, PYTHONHASHSEED=0, one worker), once from another folder with
absolute paths, another time zone and locale, a random hash seed, an empty user cache and two
workers where the command takes --workers. Every file written and what was printed must be the
same bytes (the inputs' folder, as given, is the only word printed that may differ).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "scenarios" / "fixtures"
LOGS = ROOT / "tests" / "fixtures" / "logs"

SCENARIOS = {
    "a.yaml": "name: a\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 2\nseed: 11\nhorizon: "
              "12w\noutputs: [summary, cases, eventlog]\n",
    "b.yaml": "name: b\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 2\nseed: 11\nhorizon: "
              "12w\noutputs: [summary, cases, eventlog]\nbaseline: a\nsweep:\n  "
              "simulation.pools.officer.count: [1, 2]\nset:\n  simulation.arrivals.per_year: 40\n",
}

# argv (IN: the inputs' folder, as given), whether it takes --workers
COMMANDS = {
    # summary.json named the scenario files as given, so a run by absolute path differed in it (and the
    # manifest, which holds its sha256); the lock file kept the last run's process id
    "run": (["run", "IN/a.yaml", "IN/b.yaml", "-o", "out", "-q"], True),
    "simulate": (["simulate", "IN/mini.bpmn", "--profile", "IN/mini.yaml", "-r", "2", "--seed", "3",
                  "--cases", "20", "--format", "json", "--eventlog", "out/log.xes", "-q"], True),
    "simulate-library": (["simulate", "helsingborg", "-r", "2", "--cases", "15", "--format", "json", "-q"],
                         True),
    "calibrate": (["calibrate", "IN/tiny.yaml", "IN/tiny_cases.csv", "--profile", "IN/tiny_profile.yaml",
                   "--mapping", "IN/tiny_mapping.yaml", "-o", "out/p.yaml", "--format", "json"], False),
    "optimise": (["optimise", "helsingborg", "--officers", "1..2", "--fte", "1", "--levels", "officer",
                  "--first-replications", "3", "--max-replications", "3", "--horizon", "12w", "-q",
                  "-o", "out/seek.json", "--csv", "out/seek.csv"], True),
}


def _swedish_locale() -> str:
    found = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout.split()
    return next((name for name in found if name.lower().replace("-", "") == "sv_se.utf8"), "C.UTF-8")


def _inputs(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for source in (MINI / "mini.bpmn", MINI / "mini.yaml", *(LOGS / n for n in (
            "tiny.yaml", "tiny_cases.csv", "tiny_profile.yaml", "tiny_mapping.yaml"))):
        shutil.copy(source, folder / source.name)
    for name, text in SCENARIOS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _written(argv: list[str], inputs: str, cwd: Path, env: dict[str, str]) -> dict[str, bytes]:
    """Each file under ``cwd/out`` and what was printed, after ``permitflow ARGV`` in ``cwd``."""
    (cwd / "out").mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), *[a.replace("IN", inputs) for a in argv]],
                          cwd=cwd, env=env, capture_output=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    files = {str(p.relative_to(cwd)): p.read_bytes() for p in sorted((cwd / "out").rglob("*")) if p.is_file()}
    files["stdout"] = done.stdout.replace(inputs.encode() + b"/", b"IN/")
    return files


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_same_bytes_from_another_folder_by_absolute_paths_in_another_zone_locale_and_hash_seed(
        tmp_path: Path, command: str) -> None:
    argv, takes_workers = COMMANDS[command]
    plain = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "TZ", "PYTHONHASHSEED"))}
    plain["PYTHONPATH"] = str(ROOT)
    _inputs(tmp_path / "one" / "the-inputs")
    first = _written([*argv, *(["--workers", "1"] if takes_workers else [])], "the-inputs", tmp_path / "one",
                     {**plain, "TZ": "UTC", "LANG": "C", "PYTHONHASHSEED": "0"})
    elsewhere = _inputs(tmp_path / "else" / "where" / "the-inputs")
    other = {**plain, "TZ": "Europe/Stockholm", "LANG": _swedish_locale(), "LC_ALL": _swedish_locale(),
             "PYTHONHASHSEED": "random", "PERMITFLOW_CACHE": str(tmp_path / "empty-user-cache")}
    second = _written([*argv, *(["--workers", "2"] if takes_workers else [])], str(elsewhere),
                      tmp_path / "two",
                      other)
    assert sorted(first) == sorted(second)
    assert [name for name, data in first.items() if data != second[name]] == []


def test_simulate_names_a_library_profile_by_its_path_inside_permitflow_not_where_it_is_installed() -> None:
    # it printed /work/main/processes/library/... from a checkout and .../site-packages/processes/...
    # from a wheel
    import json

    from click.testing import CliRunner

    from cli import cli

    done = CliRunner().invoke(cli, ["simulate", "helsingborg", "-r", "1", "--cases", "5", "--format", "json",
                                    "-q",
                                    "--workers", "1"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["profile"] == "processes/library/helsingborg/profile.yaml"
