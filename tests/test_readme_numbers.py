"""The README's example command reproduces the README's own table (the rows it runs).

README.md's table of the main job is written by bench/readme_numbers.py from a run of the
bundled study; the README says that `permitflow run e-service -o out` (the shipped
scenario by name) reproduces its status quo and e-service rows. This test runs that command
from a folder without scenarios/, as a user of the installed wheel would (about 10 CPU
seconds: 2 scenarios x 30 replications x 3 municipalities x 3 years), and compares the
rows cell by cell, so a change of the library or the engine that moves a figure fails here
until the table is regenerated (`make readme-numbers`).
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

from benchscript import bench_script
from click.testing import CliRunner

from cli import cli

ROOT = Path(__file__).resolve().parent.parent
COMMAND = "permitflow run e-service -o out"


def _generator():
    return bench_script("readme_numbers.py", "readme_numbers")


def test_the_readme_e_service_example_reproduces_the_readme_table(tmp_path: Path, monkeypatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert COMMAND in readme  # the command the README documents, run here as written (into tmp_path)
    args = shlex.split(COMMAND)[1:]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    generator = _generator()
    produced = generator.table_cells(json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8")))
    printed = generator.readme_cells(readme)
    assert set(produced) == {"status quo", "e-service (half as many incomplete applications)"}
    for row, cells in produced.items():
        assert printed[row] == cells, row
        assert all(cells.values())  # every municipality has a figure
