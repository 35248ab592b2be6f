"""permitflow command line: the only place that prints, reads user paths and sets exit codes.

Exit codes: 0 ok, 1 problems found / run failed, 2 bad input or usage.
A user error is one line naming file, line and element id; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import errno
import os
import sys
import threading
from typing import Any

import click

from clicommands.calibrate import calibrate_cmd
from clicommands.calibration import _validation
from clicommands.convert import convert_cmd
from clicommands.diff import compare_cmd, diff_cmd
from clicommands.discover import discover_cmd
from clicommands.library import facts_cmd, library_cmd
from clicommands.logs import log_cmd
from clicommands.optimise import optimise_cmd
from clicommands.output import _option_hint, atomic_write, fail
from clicommands.render import render_cmd
from clicommands.run import cache_command, report_command, run_command
from clicommands.simulate import simulate_cmd
from clicommands.validate import show_cmd, validate_cmd
from clicommands.workers import _OWN_PROCESS, _Ahead, _prepared
from processes.errors import PermitflowError
from processes.extras import install_hint

# re-exported: bench/ and tests of other packages read these from cli (their home is in clicommands/)
__all__ = ["main", "cli", "atomic_write", "fail", "_Ahead", "_prepared", "_OWN_PROCESS", "_validation"]


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
            fail(str(err) + _option_hint(err, command), err.exit_code)
        except BrokenPipeError:
            # the reader went away (``permitflow library | head``): stop quietly, as Unix tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(1) from None
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


# the commands, each in its module of clicommands/ (--help lists them by name)
for _command in (validate_cmd, show_cmd, convert_cmd, render_cmd, library_cmd, facts_cmd, diff_cmd,
                 compare_cmd, simulate_cmd, run_command, report_command, cache_command, optimise_cmd, log_cmd,
                 calibrate_cmd, discover_cmd):
    cli.add_command(_command)


# --------------------------------------------------------------------------- Map: validate, show, render, convert
# (section owned by the foundation work)


# --------------------------------------------------------------------------- What-if in the browser: serve
# (section owned by the web work; the app lives in web/)


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any address but loopback requires a token.")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True, help="Port to listen on.")
@click.option("--token", help="The token every request must carry (default off loopback: a new one, printed).")
@click.option("--workers", type=click.IntRange(min=1),
              help="Worker processes kept warm for what-ifs (default: all cores); a 'how sure' run, a goal seek or a "
                   "run of an uploaded model starts a process of its own with a pool of this many, ended with the run.")
@click.option("--keep-mb", type=click.IntRange(min=1), default=32, show_default=True,
              help="Megabytes of finished runs kept for their report download (compressed, in memory; "
                   "the oldest are forgotten first, a running run never).")
def serve_cmd(host: str, port: int, token: str | None, workers: int | None, keep_mb: int) -> None:
    """The what-if web app: pick municipalities, move the levers, see the answer.

    Binds 127.0.0.1 by default. On any other address a token is required: give
    --token or use the one printed; requests without it are refused.

    \b
    Examples:
      permitflow serve                       # open http://127.0.0.1:8765/
      permitflow serve --host 0.0.0.0 --port 8080   # prints the address with its token
    """
    import importlib.util
    import signal
    import socket

    # every part of the extra, before the address is printed (web.server imports uvicorn only to serve)
    missing = next((shown for shown, names in (("uvicorn", ("uvicorn",)), ("starlette", ("starlette",)),
                                               ("python-multipart", ("python_multipart", "multipart")))
                    if all(importlib.util.find_spec(name) is None for name in names)), None)
    if missing:
        fail(f"permitflow serve needs the web extra ({missing} is missing): {install_hint('web')}")
    from web.server import bind_token, serve
    token, generated = bind_token(host, token)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
        except OSError as err:
            fail(f"cannot listen on {host}:{port}: {err.strerror or err}")
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    click.echo(f"permitflow serve: open {address}" + (" (the token was generated for this run)" if generated else ""))
    click.echo("Ctrl-C stops the server.")

    def stopped(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    # uvicorn stops gracefully on SIGINT and SIGTERM (runs cancelled, the pool shut down), then raises
    # the signal again: SIGTERM, like Ctrl-C, then ends here with one line, not by the signal itself
    main = threading.current_thread() is threading.main_thread()  # signals are set only there
    previous = signal.signal(signal.SIGTERM, stopped) if main else None
    try:
        # each process the fork server starts runs the console script (`from cli import main`) again
        serve(host, port, token=token, workers=workers, keep_mb=keep_mb, preload=("cli",))
    except KeyboardInterrupt:
        pass
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
    click.echo("permitflow serve: stopped")


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
    _OWN_PROCESS.append(True)
    try:
        cli.main(args=argv, prog_name="permitflow", standalone_mode=True)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except OSError as err:  # --help or --version into a full disk: click writes them before any command runs
        return _output_lost(err)
    finally:
        _OWN_PROCESS.clear()
    try:
        sys.stdout.flush()
    except OSError as err:
        return _output_lost(err)
    return code


if __name__ == "__main__":
    sys.exit(main())
