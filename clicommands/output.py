"""What every command says and writes: the one error line (``fail``), files written all or nothing
(``atomic_write``), the profile a command made checked before it is written, notes of a lenient read on stderr,
and the checks that an output does not overwrite an input.

Its own module because every command family uses it and it uses none of them: the lowest layer of clicommands/.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from processes.errors import PermitflowError

if TYPE_CHECKING:
    from processes.diff.nway import Comparison
    from processes.diff.result import ModelDiff
    from processes.model import Definitions

__all__ = ["atomic_write", "fail", "echo_warnings", "emit", "made_profile", "not_an_input",
           "note_lenient", "option_hint", "same_file", "terminal_width", "with_repairs", "PIPE_CLOSED", "pipe_closed", "Outlet"]


@contextmanager
def atomic_write(path: str | Path, mode: str = "wb") -> Iterator[object]:
    """Collect what the block writes and put it at ``path`` all or nothing.

    ``mode`` ``"wb"`` yields a bytes buffer, ``"w"`` a text buffer (UTF-8). An
    error (or interrupt) inside the block leaves no file at ``path``; see
    :func:`bpmn_io.atomic.write_atomic`.
    """
    from bpmn_io.atomic import write_atomic

    buffer: io.BytesIO | io.StringIO = io.BytesIO() if "b" in mode else io.StringIO()
    yield buffer
    data = buffer.getvalue()
    write_atomic(path, data.encode("utf-8") if isinstance(data, str) else data)


def made_profile(document: Mapping[str, Any], *, made_from: str, target: str) -> Any:
    """The profile a command made from ``made_from`` (a model, a log, another tool's parameters), checked
    before it is written to ``target``; one that is not valid is said of ``made_from``, the file that was
    read (it named ``target``, which is then not written: "p.yaml: simulation.cases: -4 ...")."""
    from bpmn_io.profile import profile_from_data

    try:
        return profile_from_data(document, source=target)
    except PermitflowError as err:
        where = f"{err.path}: " if err.path else ""
        err.message = (f"the profile made from it is not valid: {where}{err.message} "
                       f"(nothing written to {target})")
        err.file, err.line, err.path = made_from, None, None
        raise


def fail(message: str, code: int = 2) -> None:
    """Print one error line to stderr and exit with ``code``."""
    click.echo(f"permitflow: error: {message}", err=True)
    raise SystemExit(code)


def option_hint(err: PermitflowError, command: click.Command | None) -> str:
    """What to add to a refusal an option gets past (``--lenient``, ``--layout-timeout``): the option's
    hint, when ``command`` has the option (a hint names only options of the command that printed it)."""
    if not err.option or command is None or not any(p.name == err.option for p in command.params):
        return ""
    return f"; {err.option_hint}"


def note_lenient(defs: Definitions, source: str) -> list[str]:
    """What a lenient read of ``source`` repaired, one note line each on stderr (bpmn_io.lenient); the lines."""
    from bpmn_io.lenient import lenient_notes

    lines = lenient_notes(defs, source)
    for line in lines:
        click.echo(f"note: {line}", err=True)
    return lines


_Noted = TypeVar("_Noted", "ModelDiff", "Comparison")


def with_repairs(result: _Noted, repairs: Sequence[str]) -> _Noted:
    """``result`` (a diff or a comparison) with the repairs of a lenient read (:func:`note_lenient`) among its
    notes: its differences are those of the models as read (a flow left out changes the order of steps), so the
    output itself says what was repaired (a page or JSON passed on has no stderr beside it)."""
    if not repairs:
        return result
    import dataclasses

    return dataclasses.replace(result, notes=(*result.notes, *repairs))


def echo_warnings(warnings: tuple[str, ...]) -> None:
    """What a conversion could not carry over, one warning line each on stderr."""
    for warning in warnings:
        click.echo(f"permitflow: warning: {warning}", err=True)


def not_an_input(output: str, option: str, inputs: Mapping[str, str | None],
                 models: Sequence[str] = ()) -> None:
    """Refuse an output that is one of the command's ``inputs`` (what it is: its path): a log or a YAML
    model read by its content under any name was replaced by the profile or model written over it; ``models``:
    the models a comparison reads."""
    for what, given in [*inputs.items(), *(("a model it compares", m) for m in models)]:
        if given is not None and same_file(output, given):
            fail(f"{output}: {option} is {what}: writing it would replace it; write to another file")


def same_file(a: str, b: str) -> bool:
    """Whether paths ``a`` and ``b`` both exist and are one file (also through a link)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them missing (a library name), or not reachable
        return False


def terminal_width() -> int | None:
    """Columns of the terminal the tables go to; None when output is piped (tables keep their width)."""
    if not sys.stdout.isatty():
        return None
    import shutil  # only for a terminal: a piped listing does not pay for the import

    return shutil.get_terminal_size().columns


def emit(text: str, output: str | None) -> None:
    if output:
        with atomic_write(output, "wb") as fh:
            fh.write(text.encode("utf-8"))  # type: ignore[attr-defined]
    else:
        click.echo(text, nl=False)


#: the exit status of a command whose reader went away (``permitflow run … | head -1``): 128 + SIGPIPE (13), what a
#: shell reports for a Unix tool the closed pipe stopped (``seq 1 1000000 | head -1``'s seq, ``git log | head``'s
#: git), with no message; it said 1, the status of an error, with none. Not 0: what was to be printed was not
#: all printed, and a script with ``set -o pipefail`` treats permitflow as it treats those tools
PIPE_CLOSED = 141


def pipe_closed() -> int:
    """Standard output's reader went away: no message, :data:`PIPE_CLOSED`. Standard output is pointed at
    /dev/null so that a later write, and Python's own flush at exit, do not meet the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return PIPE_CLOSED


class Outlet:
    """A command's lines, on standard output and standard error in their order; standard output's reader may go
    away (``| head -1``) and the lines for standard error are still said (a failed scenario's: they were lost with
    the rest when the first line met the closed pipe). :attr:`closed`: it went away."""

    def __init__(self) -> None:
        self.closed = False

    def say(self, text: str, *, err: bool = False) -> None:
        if err:
            click.echo(text, err=True)
        elif not self.closed:
            try:
                click.echo(text)
            except BrokenPipeError:
                self.closed = True
                pipe_closed()
