"""permitflow command line: with its package clicommands/, the only place that prints, reads user paths and
sets exit codes.

Exit codes: 0 ok, 1 problems found / run failed, 2 bad input or usage.
A user error is one line naming file, line and element id; ``--debug`` shows the traceback.

This module holds the ``cli`` group, its error handling (``_Group``: domain errors and refused command
lines as one line and an exit code) and the console entry point ``main``; each command or family of commands
is a module of clicommands/ registered on the group here (what they share: clicommands/output.py, options.py,
workers.py).
``atomic_write`` and ``fail`` are re-exported; what benchmarks and tests use of the commands' helpers they
import from its module of clicommands/.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any

import click

from clicommands.calibrate import calibrate_cmd
from clicommands.convert import convert_cmd
from clicommands.diff import compare_cmd, diff_cmd
from clicommands.discover import discover_cmd
from clicommands.library import facts_cmd, library_cmd
from clicommands.logs import log_cmd
from clicommands.optimise import optimise_cmd
from clicommands.output import atomic_write, fail, option_hint, pipe_closed
from clicommands.render import render_cmd
from clicommands.run import cache_command, report_command, run_command
from clicommands.serve import serve_cmd
from clicommands.simulate import simulate_cmd
from clicommands.validate import show_cmd, validate_cmd
from clicommands.workers import OWN_PROCESS
from processes.errors import PermitflowError

# atomic_write and fail re-exported from clicommands/output.py (tests/test_cli_atomic.py reads one here)
__all__ = ["main", "cli", "atomic_write", "fail"]


#: errors of a write that found no room (files say which file: bpmn_io.atomic raises OutputError)
_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def _usage_line(err: click.UsageError) -> None:
    """A command line click refuses (a missing argument, an unknown option, a value of the wrong kind) in one line
    and exit 2, as every other refusal: click's own form spread it over three lines and a blank one (Usage, Try,
    Error). Where to read more goes at the end of the line."""
    # the command as typed after the program's name (under a test runner the root is named "cli")
    path = " ".join(["permitflow", *(err.ctx.command_path.split()[1:] if err.ctx is not None else [])])
    click.echo(f"Error: {err.format_message()} (see '{path} --help')", err=True)
    raise SystemExit(err.exit_code)


class _Group(click.Group):
    """Turns domain errors and refused command lines into one line and an exit code, unless --debug."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise  # `permitflow` alone prints its help, as before
        except click.UsageError as err:
            _usage_line(err)
            raise  # not reached: _usage_line exits
        except BrokenPipeError:
            # --help or --version, written while the command line is read, to a reader that went away
            # (``permitflow --help | true``): click's own handling of it exits 1, the status of an error; end as a
            # command's output does when its reader goes (invoke below)
            raise SystemExit(pipe_closed()) from None

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            _usage_line(err)
        except PermitflowError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            command = self.commands.get(ctx.invoked_subcommand or "")
            fail(str(err) + option_hint(err, command), err.exit_code)
        except BrokenPipeError:
            # the reader went away (``permitflow library | head``): stop quietly, as Unix tools do
            raise SystemExit(pipe_closed()) from None
        except (OSError, UnicodeError) as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            if isinstance(err, OSError) and err.errno in _WRITE_ERRORS and not getattr(err, "filename", None):
                raise SystemExit(_output_lost(err)) from None  # only printing names no file
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


# the commands, each in its module of clicommands/ (--help lists them by name, whatever the order here)
for _command in (validate_cmd, show_cmd, convert_cmd, render_cmd, library_cmd, facts_cmd, diff_cmd,
                 compare_cmd, simulate_cmd, run_command, report_command, cache_command, optimise_cmd, log_cmd,
                 calibrate_cmd, discover_cmd, serve_cmd):
    cli.add_command(_command)


def _output_lost(err: OSError) -> int:
    """Standard output could not be written (a full disk, a closed pipe): one line, exit 1.

    Standard output is pointed at /dev/null so that Python's own flush at exit does
    not report the same failure again with a traceback.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    try:
        click.echo(f"permitflow: error: cannot write standard output: {err.strerror or err}", err=True)
    except OSError:
        pass  # standard error is lost too: the exit code is all that is left
    return 1


def main(argv: list[str] | None = None) -> int:
    """Console entry point.

    Every write is checked, standard output included: output that cannot be written
    (``permitflow show x > /dev/full``) is an error (exit 1), never a silent truncation.
    """
    OWN_PROCESS.append(True)
    try:
        cli.main(args=argv, prog_name="permitflow", standalone_mode=True)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BrokenPipeError:  # --help or --version into a closed pipe
        return pipe_closed()
    except OSError as err:  # --help or --version into a full disk: click writes them before any command runs
        return _output_lost(err)
    finally:
        OWN_PROCESS.clear()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the last line, written at the flush, to a reader that went away
        return pipe_closed()
    except OSError as err:
        return _output_lost(err)
    return code


if __name__ == "__main__":
    sys.exit(main())
