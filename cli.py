"""permitflow command line: the only place that prints, reads user paths and sets exit codes.

Exit codes: 0 ok, 1 problems found / run failed, 2 bad input or usage.
A user error is one line naming file, line and element id; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import click

from processes.errors import PermitflowError

__all__ = ["main", "cli", "atomic_write"]


# --------------------------------------------------------------------------- shared helpers


@contextmanager
def atomic_write(path: str | Path, mode: str = "wb") -> Iterator[object]:
    """Write to a temporary file beside ``path`` and rename it into place on success.

    An error (or interrupt) inside the block leaves no file at ``path``.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=str(target.parent))
    try:
        with os.fdopen(fd, mode) as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def fail(message: str, code: int = 2) -> None:
    """Print one error line to stderr and exit with ``code``."""
    click.echo(f"permitflow: error: {message}", err=True)
    raise SystemExit(code)


class _Group(click.Group):
    """Turns domain errors into one line and an exit code, unless --debug."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except PermitflowError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            fail(str(err), err.exit_code)
        except (OSError, UnicodeError) as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            name = getattr(err, "filename", None)
            detail = getattr(err, "strerror", None) or str(err)
            fail(f"{name}: {detail}" if name else detail, 2)
        return None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show the full traceback on errors.")
@click.version_option(package_name="permitflow")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """permitflow — map, compare and simulate municipal permit processes.

    \b
    Examples:
      permitflow validate processes/library/helsingborg/process.bpmn
      permitflow render helsingborg -o helsingborg.svg
      permitflow diff helsingborg astorp
      permitflow simulate helsingborg --replications 10
      permitflow run            # the bundled Familjen Helsingborg study
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


# --------------------------------------------------------------------------- Map: validate, show, render, convert
# (section owned by the foundation work)


# --------------------------------------------------------------------------- Library: library, facts
# (section owned by the library work)


# --------------------------------------------------------------------------- Compare: diff, compare
# (section owned by the diff work)


# --------------------------------------------------------------------------- Simulate: simulate
# (section owned by the simulation work)


# --------------------------------------------------------------------------- What-if: run, report
# (section owned by the scenario work)


def main(argv: list[str] | None = None) -> int:
    """Console entry point."""
    try:
        cli.main(args=argv, prog_name="permitflow", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
