"""permitflow serve's fork server imports what the console script imports, once (web.runs.Runs._context)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("starlette")
ROOT = Path(__file__).resolve().parents[2]

# run in a process of its own: the fork server is one per process, its preload fixed when it first starts
PROBE = """
import sys
from web.app import create_app
runs = create_app(workers=1, preload=tuple(sys.argv[1:])).state.web.runs
try:
    print(runs.call_apart(eval, "sorted(m for m in ('cli', 'web.whatif') if m in __import__('sys').modules)"))
finally:
    runs.close()
"""


def _loaded_in_a_process_apart(*preload: str) -> str:
    done = subprocess.run([sys.executable, "-c", PROBE, *preload], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120, check=True)
    return done.stdout.strip()


def test_a_process_the_fork_server_starts_finds_the_console_script_s_module_loaded() -> None:
    """Found by the batch user: the preload named "__main__", which CPython's fork server never applies (it
    drops the script's path), so every upload's check process ran the console script again and imported
    cli there (0.25-0.3 s a process at load 7); permitflow serve now preloads cli itself."""
    assert _loaded_in_a_process_apart("cli") == "['cli', 'web.whatif']"
    assert _loaded_in_a_process_apart() == "['web.whatif']"


def _imported_inside_functions(module: Path) -> list[str]:
    """The modules ``module`` imports inside its functions (when they run, not when it is imported)."""
    import ast

    tree = ast.parse(module.read_text(encoding="utf-8"))
    inside = [n for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) for n in ast.walk(f)]
    return sorted({n.module for n in inside if isinstance(n, ast.ImportFrom) and n.module})


LOG_PROBE = """
import sys
from web.app import create_app
runs = create_app(workers=1).state.web.runs
missing = f"[m for m in {sys.argv[1:]!r} if m not in __import__('sys').modules]"
try:
    print(runs.call_apart(eval, missing, checks_server=True))
    print(runs.call_apart(eval, missing))
    print(runs._executor().submit(eval, missing).result())
    print(runs.call_apart(eval, missing, checks_server=True))
finally:
    runs.close()
"""


def test_a_case_logs_check_finds_the_calibration_imported_by_a_fork_server_of_the_checks_own() -> None:
    """Found in qaweb3: the case log's check process imported the calibration each time (scipy and networkx on
    the way, about 1 s of each check); a fork server imports them once. Found in qamem: preloaded in the fork
    server every process starts from, they took each pool worker from 59 to 114 MB (bench_serve_memory.py),
    though a run never calibrates. Every module web.logupload imports when it runs is there already in a
    case log's check (again at the second), and none of them in an upload's check or a pool worker."""
    wanted = _imported_inside_functions(ROOT / "web" / "logupload.py")
    assert "calibrate.core" in wanted and "report.validation_html" in wanted
    done = subprocess.run([sys.executable, "-c", LOG_PROBE, *wanted], cwd=ROOT, capture_output=True,
                          text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120, check=True)
    log_check, upload_check, worker, log_check_again = done.stdout.strip().splitlines()
    assert log_check == log_check_again == "[]"
    assert "calibrate.core" in upload_check and "calibrate.core" in worker


FALLBACK_PROBE = """
import sys
import web.runs
from web.app import create_app
web.runs.CHECKS_SERVER_SUPPORTED = False
runs = create_app(workers=1).state.web.runs
try:
    print(runs.call_apart(eval, "'calibrate.core' in __import__('sys').modules", checks_server=True))
    print(runs.call_apart(eval, "6 * 7", checks_server=True))
finally:
    runs.close()
"""


def test_a_python_whose_fork_server_the_checks_server_does_not_follow_checks_logs_from_the_common_one(
        ) -> None:
    """The checks' fork server launches its processes by CPython 3.11-3.13's private code (web.checkserver);
    on another Python (or one without those names) a case log's check starts from the common fork server,
    without the calibration preloaded, and still answers."""
    done = subprocess.run([sys.executable, "-c", FALLBACK_PROBE], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120, check=True)
    assert done.stdout.split() == ["False", "42"]
