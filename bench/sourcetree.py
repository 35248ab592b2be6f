"""What diff_identity.py and outputs_identity.py share: their ``SOURCE`` argument (a permitflow source
tree to run, e.g. a ``git archive`` of an older commit) and running ``permitflow`` inside it. Not a
benchmark (run_all.py lists it among NOT_BENCHMARKS)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

__all__ = ["ROOT", "source_tree", "permitflow"]

ROOT = Path(__file__).resolve().parent.parent


def source_tree(doc: str | None, argv: list[str] | None = None) -> Path:
    """The ``SOURCE`` of a tool whose help is ``doc`` (default: this checkout); ``--help`` prints the help,
    and a folder without ``cli.py`` stops the tool with a one-line usage error (exit 2)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", nargs="?", type=Path, default=ROOT, help="the source tree to run (default: this one)")
    source: Path = parser.parse_args(argv).source.resolve()
    if not (source / "cli.py").is_file():
        parser.error(f"{source} is not a permitflow source tree (it has no cli.py)")
    return source


def permitflow(source: Path, args: list[str]) -> tuple[int, bytes, bytes]:
    """``permitflow ARGS`` run from ``source`` by this Python, ``source``'s packages first on the path:
    (exit code, stdout, stderr)."""
    code = "import sys; sys.argv = ['permitflow', *sys.argv[1:]]; from cli import main; sys.exit(main())"
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=source, capture_output=True)
    return done.returncode, done.stdout, done.stderr
