"""The README's table of the main job, made from a results folder (not a benchmark: a generator).

    .venv/bin/python bench/readme_numbers.py            # runs `permitflow run` (the bundled study,
                                                        # cached in results/familjen-helsingborg/.cache)
                                                        # and prints the table
    .venv/bin/python bench/readme_numbers.py --write    # ... and puts it into README.md
    .venv/bin/python bench/readme_numbers.py --check    # exit 1 when README.md's table differs
    .venv/bin/python bench/readme_numbers.py --results DIR   # use DIR/summary.json, run nothing
    make readme-numbers                                 # the same as --write

The table sits in README.md between the lines ``<!-- readme-numbers: begin -->`` and
``<!-- readme-numbers: end -->``. Each cell is the mean days from submission to a
decision with its 95 % interval (the status quo) or the paired difference with the status
quo and its interval (the other rows). tests/test_readme_numbers.py runs the README's
``permitflow run e-service`` and checks its rows against this table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BEGIN = "<!-- readme-numbers: begin -->"
END = "<!-- readme-numbers: end -->"
FIGURE = "submission_to_decision_mean_days"
COLUMNS = (("helsingborg", "Helsingborg"), ("landskrona", "Landskrona"), ("astorp", "Åstorp"))
#: scenario name -> the row's label (the status quo first: its cells are levels, the others differences)
ROWS = (
    ("status-quo", "status quo"),
    ("delegated-to-officer", "decided by the case officer"),
    ("delegated-to-working-committee", "decided by the working committee"),
    ("one-more-officer", "one more officer"),
    ("one-fewer-officer", "one fewer officer (Helsingborg 2 → 1)"),
    ("e-service", "e-service (half as many incomplete applications)"),
    ("joint-permit-unit", "joint permit unit (4 officers in one pool)"),
)
MINUS = "\u2212"


def _number(value: float, *, sign: bool = False) -> str:
    text = f"{value:+.1f}" if sign else f"{value:.1f}"
    if text.lstrip("+-") == "0.0":
        return "0.0"  # no sign on a value that rounds to zero
    return text.replace("-", MINUS)


def cell(estimate: dict[str, Any], *, difference: bool) -> str:
    """``76.8 [75.8, 77.7]``, or ``−3.8 [−4.5, −3.2]`` for a difference (its mean signed)."""
    low, high = estimate["ci"]
    return f"{_number(estimate['mean'], sign=difference)} [{_number(low)}, {_number(high)}]"


def table_cells(summary: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Row label -> column label -> cell text, for every row whose scenario ``summary`` holds."""
    scenarios = {s["name"]: s for s in summary["scenarios"]}
    out: dict[str, dict[str, str]] = {}
    for name, label in ROWS:
        scenario = scenarios.get(name)
        if scenario is None:
            continue
        (point,) = scenario["points"]
        row = {}
        for process, column in COLUMNS:
            key = f"{process}/{FIGURE}"
            if name == "status-quo":
                row[column] = cell(point["figures"][key], difference=False) if key in point["figures"] else ""
            else:
                diffs = (point["comparison"] or {}).get("differences", {})
                row[column] = cell(diffs[key], difference=True) if key in diffs else ""
        out[label] = row
    return out


def render(cells: dict[str, dict[str, str]]) -> str:
    """The Markdown table."""
    def line(texts: list[str]) -> str:
        return "|" + "|".join(f" {t} " if t else " " for t in texts) + "|"

    lines = [line(["scenario", *(c for _p, c in COLUMNS)]), "|---" * (len(COLUMNS) + 1) + "|"]
    for _name, label in ROWS:
        if label in cells:
            lines.append(line([label, *(cells[label][c] for _p, c in COLUMNS)]))
    return "\n".join(lines)


def readme_cells(text: str) -> dict[str, dict[str, str]]:
    """The cells of the table between the markers of README text."""
    block = text.split(BEGIN, 1)[1].split(END, 1)[0]
    rows = [line for line in block.splitlines() if line.startswith("|")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    out = {}
    for line in rows[2:]:
        parts = [c.strip() for c in line.strip("|").split("|")]
        out[parts[0]] = dict(zip(header[1:], parts[1:], strict=True))
    return out


def with_table(text: str, table: str) -> str:
    """README text with ``table`` between the markers."""
    head, rest = text.split(BEGIN, 1)
    _old, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{table}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, help="a results folder of the bundled study (run nothing)")
    parser.add_argument("--write", action="store_true", help="put the table into README.md")
    parser.add_argument("--check", action="store_true", help="exit 1 when README.md's table differs")
    args = parser.parse_args(argv)
    folder = args.results
    if folder is None:
        folder = ROOT / "results" / "familjen-helsingborg"
        command = [str(Path(sys.executable).parent / "permitflow"), "run", "-o", str(folder)]
        print("$ " + " ".join(command), file=sys.stderr)
        subprocess.run(command, check=True, cwd=ROOT)
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    table = render(table_cells(summary))
    text = README.read_text(encoding="utf-8")
    if args.write:
        README.write_text(with_table(text, table), encoding="utf-8")
        print(f"wrote the table into {README}", file=sys.stderr)
    print(table)
    if args.check and readme_cells(text) != table_cells(summary):
        print("README.md's table differs from these results (bench/readme_numbers.py --write updates it)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
