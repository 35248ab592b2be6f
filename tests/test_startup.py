"""The start-up path stays light: the heavy libraries load only in the commands that need them.

Each check runs the command in a fresh interpreter and lists which heavy modules it imported
(no timing: the names decide). See docs/benchmarks.md ("Speed") for the measured start-up times.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAIN = "import sys, cli; sys.exit(cli.main())"  # the command's exit status is the process's: check=True sees it
HEAVY = ("scipy.stats", "scipy.special", "matplotlib", "pandas", "pm4py", "jinja2", "networkx", "holidays")

PROBE = """
import json, sys
import cli
if sys.argv[1] == "simulate":  # as on an idle machine (a helper is forked only while a core is free)
    import scenarios.executors
    scenarios.executors.load = lambda: 0.0
status = cli.main(sys.argv[1:])  # main returns the exit status (it was dropped: a failing command passed)
heavy = {heavy!r}
print(json.dumps([status, sorted(h for h in heavy if h in sys.modules)]), file=sys.stderr)
"""


def heavy_modules(args: list[str], tmp_path: Path, *, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    env = {**os.environ, "PERMITFLOW_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", PROBE.format(heavy=heavy), *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    status, loaded = json.loads(done.stderr.strip().splitlines()[-1])
    # every command probed here succeeds: exit status 0 (a failing one loads little, and would pass unseen)
    assert status == 0, done.stderr[-2000:]
    return loaded


def test_importing_the_command_line_loads_nothing_heavy(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", f"import cli, sys, json; print(json.dumps([h for h in {HEAVY!r} "
                           "if h in sys.modules]))"], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


@pytest.mark.parametrize("args", [["--help"], ["library"], ["facts"]], ids=" ".join)
def test_quick_commands_load_nothing_heavy(args: list[str], tmp_path: Path) -> None:
    first = heavy_modules(args, tmp_path)
    assert first in ([], ["holidays"])  # a first run checks the profiles' country codes with the package
    assert heavy_modules(args, tmp_path) == []  # and stores them (processes/holidaystore.py)


def test_a_one_year_simulation_loads_no_statistics_library(tmp_path: Path) -> None:
    args = ["simulate", "helsingborg", "--years", "0.25", "-r", "2", "--workers", "1", "--format", "json"]
    assert heavy_modules(args, tmp_path) == ["holidays"]  # the first run asks the package, and stores the dates
    assert heavy_modules(args, tmp_path) == []  # later runs read them from the store


#: what reading a BPMN file or simulating needs, and the listing commands do not
MODEL = ("lxml", "processes.model", "numpy", "simpy", "networkx", "scipy", "importlib.resources", "tempfile")


@pytest.mark.parametrize("args", [["library"], ["facts"], ["facts", "helsingborg", "--format", "csv"]], ids=" ".join)
def test_the_listings_read_profiles_without_the_model_or_xml(args: list[str], tmp_path: Path) -> None:
    heavy_modules(args, tmp_path, heavy=MODEL)  # a first run fills the user cache
    assert heavy_modules(args, tmp_path, heavy=(*MODEL, "yaml")) == []  # and the profiles are read from it


def test_help_loads_no_reader(tmp_path: Path) -> None:
    assert heavy_modules(["--help"], tmp_path, heavy=(*MODEL, "yaml", "difflib", "bpmn_io")) == []


def test_validating_a_bpmn_file_needs_no_graph_library_and_no_yaml(tmp_path: Path) -> None:
    model = str(ROOT / "processes/library/helsingborg/process.bpmn")
    found = heavy_modules(["validate", model], tmp_path,
                          heavy=("networkx", "yaml", "dateutil", "numpy", "simpy", "bpmn_io.library", "bpmn_io.profile"))
    assert found == []
    (tmp_path / "cache" / "check").rename(tmp_path / "kept")  # the first run kept its problems: not this time
    assert heavy_modules(["validate", model], tmp_path, heavy=("processes.model", "lxml")) == ["lxml", "processes.model"]


def test_validating_an_unchanged_file_again_reads_what_was_found_without_the_reader(tmp_path: Path) -> None:
    model = str(ROOT / "processes/library/helsingborg/process.bpmn")
    heavy_modules(["validate", model], tmp_path, heavy=())  # a first run keeps its problems in the user cache
    assert heavy_modules(["validate", model], tmp_path, heavy=("processes.model", "lxml", "bpmn_io.reader")) == []


def test_the_listings_read_the_same_from_the_yaml_store(tmp_path: Path) -> None:
    def run(cache: str) -> str:
        env = {**os.environ, "PERMITFLOW_CACHE": cache}
        return subprocess.run([sys.executable, "-c", MAIN, "facts", "--format", "json"], cwd=tmp_path,
                              env=env, capture_output=True, text=True, timeout=120, check=True).stdout

    without = run("none")
    assert run(str(tmp_path / "cache")) == without
    assert len(list((tmp_path / "cache" / "yaml").iterdir())) >= 10  # every library profile kept
    assert run(str(tmp_path / "cache")) == without


#: what a repeated small simulation finds in the user cache or does without: the XML reader (the parsed
#: process is kept), PyYAML (the profile's text is kept), a process pool and concurrent.futures with the
#: logging it loads (the work is small: no executor), numpy.ma, and importlib.metadata (simpy's __init__ asks it
#: for simpy's version: simulator/simpyimport.py)
SIMULATE_SKIPS = ("lxml", "bpmn_io.reader", "yaml", "multiprocessing", "concurrent.futures", "logging", "numpy.ma",
                  "importlib.metadata")


@pytest.mark.parametrize("table", [["--format", "json"], []], ids=["json", "words"])
def test_a_repeated_small_simulation_reads_its_model_from_the_cache_and_stays_in_one_process(
        table: list[str], tmp_path: Path) -> None:
    # the table in words names the steps from the process the run parsed (kept), its words from the labels' YAML
    # kept in the user cache: no reader and no PyYAML either
    args = ["simulate", "helsingborg", "--years", "0.25", "-r", "4", *table]
    first = heavy_modules(args, tmp_path, heavy=SIMULATE_SKIPS)
    assert "multiprocessing" not in first and "numpy.ma" not in first  # no pool for a small run, even the first
    assert heavy_modules(args, tmp_path, heavy=SIMULATE_SKIPS) == []
    assert heavy_modules(args, tmp_path, heavy=("numpy", "simpy", "processes.model")) == ["numpy", "processes.model",
                                                                                           "simpy"]  # the probe sees


def test_a_one_year_simulation_shares_its_replications_with_a_forked_helper_and_no_pool(tmp_path: Path) -> None:
    # simulate helsingborg --years 1 (cost ~19,000: from FORK_MIN_COST, below POOL_MIN_COST) forks one helper
    # after its imports (processes/forkshare.py: os.fork and a pipe), never a multiprocessing pool
    args = ["simulate", "helsingborg", "--years", "1", "--format", "json"]
    heavy_modules(args, tmp_path, heavy=SIMULATE_SKIPS)  # a first run fills the user cache
    assert heavy_modules(args, tmp_path, heavy=(*SIMULATE_SKIPS, "processes.forkshare")) == ["processes.forkshare"]


def test_a_repeated_simulation_of_a_small_model_file_needs_no_yaml_xml_or_dateutil(tmp_path: Path) -> None:
    fixtures = ROOT / "tests" / "fixtures" / "sim"
    args = ["simulate", str(fixtures / "mm1.bpmn"), "--profile", str(fixtures / "mm1.yaml"), "--cases", "50", "-r", "1",
            "--format", "json", "-q"]
    assert (fixtures / "mm1.yaml").stat().st_size < 2048  # a short profile: its parsed data is kept too
    heavy_modules(args, tmp_path, heavy=SIMULATE_SKIPS)  # a first run fills the user cache
    # and dateutil loads only for a meeting rule (RRULE), which this model has not
    assert heavy_modules(args, tmp_path, heavy=(*SIMULATE_SKIPS, "dateutil")) == []


def test_a_simulation_prints_the_same_with_and_without_the_user_cache(tmp_path: Path) -> None:
    def run(cache: str, *extra: str) -> str:
        env = {**os.environ, "PERMITFLOW_CACHE": cache}
        return subprocess.run([sys.executable, "-c", MAIN, "simulate", "helsingborg", "--years",
                               "0.5", "-r", "3", "--format", "json", *extra], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=300, check=True).stdout

    without = run("none")
    assert run(str(tmp_path / "cache")) == without  # fills the cache
    assert len(list((tmp_path / "cache" / "model").iterdir())) == 1
    assert run(str(tmp_path / "cache")) == without  # reads from it
    assert run(str(tmp_path / "cache"), "--workers", "2") == without  # in a pool of two: the same bytes


THREADS_PROBE = """
import os, sys
import cli
status = cli.main(["simulate", "helsingborg", "--years", "0.25", "-r", "1", "--format", "json", "-q"])
print(os.environ.get("OPENBLAS_NUM_THREADS"), len(os.listdir("/proc/self/task")), file=sys.stderr)
sys.exit(status)  # check=True: a failed simulation fails the test
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads through /proc")
@pytest.mark.parametrize("setting", [None, "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"])
def test_a_simulation_starts_no_blas_threads_unless_the_user_sets_a_number(setting: str | None,
                                                                          tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS",
                                                            "OMP_NUM_THREADS")}
    env["PERMITFLOW_CACHE"] = str(tmp_path / "cache")
    if setting is not None:
        env[setting] = "2"
    done = subprocess.run([sys.executable, "-c", THREADS_PROBE], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    value, threads = done.stderr.split()[-2:]
    if setting is None:
        assert (value, threads) == ("1", "1")  # numpy loaded, and no thread beside the main one
    else:
        assert value == ("2" if setting == "OPENBLAS_NUM_THREADS" else "None")  # the user's choice stands


GC_PROBE = """
import gc, sys
import cli
status = cli.main(["simulate", "helsingborg", "--years", "0.25", "-r", "1", "--format", "json", "-q"])
print(gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)
sys.exit(status)  # check=True: a failed simulation fails the test
"""


def test_a_simulation_in_its_own_process_freezes_what_it_loaded_and_collects_again(tmp_path: Path) -> None:
    env = {**os.environ, "PERMITFLOW_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", GC_PROBE], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stderr.split()[-2:] == ["True", "True"]


def test_a_simulation_in_a_callers_process_leaves_its_collector_and_environment_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from click.testing import CliRunner

    import cli

    monkeypatch.setenv("PERMITFLOW_CACHE", str(tmp_path / "cache"))
    for name in ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"):
        monkeypatch.delenv(name, raising=False)
    frozen = gc.get_freeze_count()
    ran = CliRunner().invoke(cli.cli, ["simulate", "helsingborg", "--years", "0.25", "-r", "1", "--format", "json",
                                       "-q", "--workers", "1"])
    assert ran.exit_code == 0, ran.output
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    assert "OPENBLAS_NUM_THREADS" not in os.environ


def test_the_blas_setting_is_made_only_for_a_command_main_started(monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    from clicommands import workers

    for name in ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(workers, "sys", types.SimpleNamespace(modules={}))  # as if numpy were not loaded yet
    workers.one_blas_thread()
    assert "OPENBLAS_NUM_THREADS" not in os.environ  # a caller's process: its environment is its own
    monkeypatch.setattr(workers, "OWN_PROCESS", [True])
    workers.one_blas_thread()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"  # (monkeypatch restores the environment)


READ_AUTHORING = """
import json, sys
from bpmn_io.authoring import read_authoring
defs = read_authoring(sys.argv[1])
print(json.dumps([len(defs.root_elements), "lxml.etree" in sys.modules]))
"""


@pytest.mark.parametrize("model,messages", [("processes/library/helsingborg/process.yaml", 0),
                                            ("examples/permit.yaml", 1)], ids=["no messages", "messages"])
def test_an_authoring_file_loads_the_xml_library_only_for_its_messages(model: str, messages: int,
                                                                        tmp_path: Path) -> None:
    env = {**os.environ, "PERMITFLOW_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", READ_AUTHORING, str(ROOT / model)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    roots, xml = json.loads(done.stdout)
    assert (roots > 0, xml) == (messages > 0, messages > 0)  # a message is kept as its XML (lxml)
