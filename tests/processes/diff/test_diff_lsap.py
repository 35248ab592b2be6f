"""The assignment solver loaded on its own is SciPy's, and a comparison loads no optimiser and
no graph library (names, not timings: see bench/RESULTS-diff.md for the CPU seconds)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment as scipy_solver

from processes.diff import lsap

ROOT = Path(__file__).resolve().parents[3]


def test_the_solver_loaded_from_its_file_is_scipys() -> None:
    direct = lsap.direct_solver()
    assert direct is not None, "scipy/optimize/_lsap not found beside SciPy"
    rng = np.random.default_rng(7)
    for shape in [(1, 1), (3, 3), (5, 8), (8, 5), (40, 40), (0, 0)]:
        for ties in (False, True):
            cost = rng.random(shape)
            if ties:  # many equal costs: the tie-breaking must be SciPy's too
                cost = np.round(cost * 3) / 3
            want = scipy_solver(cost)
            for got in (direct(cost), lsap.linear_sum_assignment(cost), lsap.load_solver(direct=False)(cost)):
                assert [a.tolist() for a in got] == [a.tolist() for a in want]
    assert [a.tolist() for a in direct(np.eye(3), True)] == [[0, 1, 2], [0, 1, 2]]
    with pytest.raises(ValueError):
        direct(np.array([[np.nan, 1.0], [1.0, 0.0]]))


def test_loading_it_leaves_the_module_table_as_it_was() -> None:
    before = dict(sys.modules)
    lsap.direct_solver()
    assert sys.modules.keys() == before.keys() and all(sys.modules[k] is v for k, v in before.items())


PROBE = """
import json, sys
import cli
status = cli.main(sys.argv[1:])  # main returns the exit status: passed on, so that returncode is the command's
print(json.dumps(sorted(m for m in ("scipy.optimize", "scipy.optimize._lsap", "scipy.linalg", "networkx") if m in sys.modules)), file=sys.stderr)
sys.exit(status)
"""


def test_a_comparison_loads_neither_the_optimisers_nor_networkx(tmp_path: Path) -> None:
    env = {**os.environ, "PERMITFLOW_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", PROBE, "compare", "helsingborg", "astorp", "svalov", "--format", "json"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []
    assert json.loads(done.stdout)["models"] == ["helsingborg", "astorp", "svalov"]  # the three named, in order
