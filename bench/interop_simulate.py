"""Which of the interop corpus's BPMN files `permitflow simulate --lenient` runs, and why not the others.

For each BPMN file of ../shared/interop (miwg and odd, the 143 files of tests/bpmn_io/bpmn_corpus.py) in
a scratch folder: `permitflow convert --lenient FILE profile.yaml --to profile` (the profile to fill in,
the one a user starts from), then `permitflow simulate --lenient FILE --profile profile.yaml --years 0.3
-r 2 --workers 1 -q`. It prints one row per file: the file, whether it simulates, and for a refusal the
last line the command said (its one-line reason; the element list is cut to 160 characters), then the
count. The same files give the same table. The corpus is ../shared/interop beside the checkout, or
$PERMITFLOW_SHARED/interop (as the tests find it).

    PERMITFLOW_SHARED=/work/shared .venv/bin/python bench/interop_simulate.py [--markdown]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from click.testing import CliRunner  # noqa: E402

from cli import cli  # noqa: E402

INTEROP = Path(os.environ.get("PERMITFLOW_SHARED") or HERE.parent.parent / "shared") / "interop"
SUFFIXES = (".bpmn", ".bpmn2", ".xml")
WIDTH = 160
#: a short run: enough to reach every element a case can reach, not a measurement
RUN = ("--years", "0.3", "-r", "2", "--workers", "1", "-q")


def corpus_files(root: Path = INTEROP) -> list[Path]:
    """Every BPMN file of interop/miwg and interop/odd (as tests/bpmn_io/bpmn_corpus.py)."""
    return sorted(
        p
        for folder in ("miwg", "odd")
        for p in (root / folder).rglob("*")
        if p.is_file() and p.suffix in SUFFIXES
    )


def reason(stderr: str) -> str:
    """The refusal's one line, without the program's prefix and the file's path."""
    lines = [line for line in stderr.splitlines() if line.startswith("permitflow: error: ")]
    line = lines[-1] if lines else (stderr.strip().splitlines() or ["(no message)"])[-1]
    line = line.removeprefix("permitflow: error: ")
    head, sep, tail = line.partition(": ")
    return tail if sep and ("/" in head or head.endswith((".bpmn", ".bpmn2", ".xml"))) else line


def cut(line: str) -> str:
    return line if len(line) <= WIDTH else line[: WIDTH - 3] + "..."


def simulates(path: Path) -> tuple[bool, str]:
    """(whether the file simulates, the reason when it does not)."""
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / path.name
        shutil.copy(path, model)
        profile = Path(tmp) / "profile.yaml"
        made = runner.invoke(cli, ["convert", "--lenient", str(model), str(profile), "--to", "profile"])
        if made.exit_code != 0:
            return False, reason(made.stderr)
        shown = runner.invoke(cli, ["simulate", "--lenient", str(model), "--profile", str(profile), *RUN])
        if shown.exit_code != 0:
            return False, reason(shown.stderr)
        return True, ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    args = parser.parse_args(argv)
    files = corpus_files()
    if not files:
        print(f"no corpus at {INTEROP}", file=sys.stderr)
        return 2
    rows = [(p.relative_to(INTEROP).as_posix(), *simulates(p)) for p in files]
    if args.markdown:
        print("| file | simulates | reason |\n|---|---|---|")
    for name, ok, why in rows:
        shown = "yes" if ok else "no"
        print(f"| {name} | {shown} | {cut(why)} |" if args.markdown else f"{name}\t{shown}\t{cut(why)}")
    yes = sum(1 for _n, ok, _w in rows if ok)
    print(f"\n{yes} of {len(rows)} simulate; {len(rows) - yes} refused")
    kinds = Counter(_kind(why) for _n, ok, why in rows if not ok)
    for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {n:3d}  {kind}")
    return 0


def _kind(why: str) -> str:
    """A refusal's kind, for the count: the construct it names first, else its first words."""
    kinds = (
        "top-level start event",
        "event subprocess",
        "signal",
        "compensation",
        "cancel",
        "transaction",
        "cannot finish",
        "no process to simulate",
    )
    found = [(why.find(key), key) for key in kinds if key in why]
    return min(found)[1] if found else why[:60]


if __name__ == "__main__":
    sys.exit(main())
