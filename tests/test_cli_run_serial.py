"""`permitflow run` on a pool: what the command's own process does before the units go out is serial work
(the second core idles), so it loads there only what the forked workers use (goal 7 of issue 16).

The report's modules (report.html, jinja2) are for the report alone: they load once the units are
out (while the workers run) or at the end, not before; matplotlib is loaded before the fork, so that
the workers draw the report's plots without importing it each."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
import cli
from clicommands import workers
workers.OWN_PROCESS.append(True)  # as the console script's main() marks it
seen = {}
inner = workers.Ahead.start_waiting.__func__
def units_out(cls):  # every unit is with the workers
    seen.setdefault("out", sorted(m for m in ("jinja2", "report.html", "matplotlib") if m in sys.modules))
    return inner(cls)
workers.Ahead.start_waiting = classmethod(units_out)
cli.cli.main(sys.argv[1:], standalone_mode=False)
print(json.dumps(seen), file=sys.stderr)
"""


def test_the_report_modules_load_after_the_units_are_out(tmp_path: Path) -> None:
    env = {**os.environ, "PERMITFLOW_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", PROBE, "run", "status-quo", "--replications", "4", "--workers", "2",
                           "--no-cache", "-o", str(tmp_path / "out")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stderr.strip().splitlines()[-1]) == {"out": ["matplotlib"]}
    assert (tmp_path / "out" / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
