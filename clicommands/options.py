"""The options and parameter types several commands share: ``--format``, numbers without nan, paths
refused in the one-line form, the help of ``--lenient``, ``--force`` and ``--quiet``, and the case-log column
options.

Its own module because the commands' signatures are built from it (their --help texts must stay the same) and it
needs nothing but click and output.py.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from typing import Any, NoReturn

import click

from processes.extras import install_hint
from processes.limits import MAX_REPLICATIONS, MAX_SEED

__all__ = ["executor_options", "exported_at_option", "FORCE_HELP", "format_option", "InputPath", "LENIENT_HELP",
           "LENIENT_LEFT_OUT_HELP", "log_columns", "LOG_FILE", "log_options", "Number", "Count", "QUIET_HELP",
           "replications_count", "seed_count"]


def format_option(*choices: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--format``: one of ``choices``, the first by default; JSON where offered is for other programs."""
    words = {"text": "lines to read", "table": "a table to read", "yaml": "YAML to keep or edit", "json": "JSON for other programs",
             "csv": "CSV for a spreadsheet", "markdown": "Markdown for a document"}
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=choices[0], show_default=True,
                        help="How the result is printed: " + ", ".join(f"{c} ({words.get(c, c)})" for c in choices)
                        + ".")

def _bounds_said(low: Any, high: Any, low_open: bool, high_open: bool) -> str:
    """A range in words, numbers as English writes them: "above 0", "1 or more", "from 0 to 1"."""
    from processes.numbers import number

    if low is not None and high is not None:
        if not (low_open or high_open):
            return f" from {number(low, 'en')} to {number(high, 'en')}"
        return (f" {'above' if low_open else 'at least'} {number(low, 'en')} and "
                f"{'below' if high_open else 'at most'} {number(high, 'en')}")
    if low is not None:
        return f" above {number(low, 'en')}" if low_open else f", {number(low, 'en')} or more"
    if high is not None:
        return f" below {number(high, 'en')}" if high_open else f", {number(high, 'en')} or less"
    return ""


class _Said:
    """A numeric option that refuses a value in words a user understands, in the one line every other refusal
    has (exit 2): ``--years: 'one' is not a number of years (expected a number above 0, e.g. 1 or 0.5)``, not
    click's "'one' is not a valid float range" or "-1.0 is not in the range x>0" (found by QA, qanumbers).
    ``what``: what the number is ("a number of years"); ``example``: a value or two that would do."""

    whole = False

    def __init__(self, *args: Any, what: str = "", example: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.what, self.example = what, example

    def refuse(self, value: Any, param: click.Parameter | None) -> NoReturn:
        from processes.errors import InputError

        said = repr(value) if isinstance(value, str) else f"'{value}'"
        kind = "a whole number" if self.whole else "a number"
        bounds = self._bounds()
        example = f", e.g. {self.example}" if self.example else ""
        option = max(param.opts, key=len) if param is not None and param.opts else "the value"
        raise InputError(f"{said} is not {self.what or kind} (expected {kind}{bounds}{example})", file=option)

    def _bounds(self) -> str:
        return _bounds_said(getattr(self, "min", None), getattr(self, "max", None),
                            getattr(self, "min_open", False), getattr(self, "max_open", False))

    def _describe_range(self) -> str:
        """The bounds as ``--help`` shows them after the option's help, in the refusal's words, thousands grouped
        as it groups them ("[from 1 to 10,000]"): click's own form was "[1<=x<=10000]"."""
        return self._bounds().lstrip(", ")

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            number = super().convert(value, param, ctx)  # type: ignore[misc]
        except click.BadParameter:
            self.refuse(value, param)
        if isinstance(number, float) and math.isnan(number):  # FloatRange checks with < and >, which nan passes
            self.refuse(value, param)
        return number


class Number(_Said, click.FloatRange):
    """A number option (a float in a range, never nan: ``--threshold nan`` reached the matcher as a traceback,
    ``--noise nan`` the miner), refused in words (:class:`_Said`)."""


class Count(_Said, click.IntRange):
    """A whole-number option in a range, refused in words (:class:`_Said`)."""

    whole = True


def replications_count(example: str) -> Count:
    """The type of a ``--replications`` option: 1 to :data:`processes.limits.MAX_REPLICATIONS`, the bounds its
    refusal and ``--help`` say (a scenario file's ``replications:`` has the same)."""
    return Count(min=1, max=MAX_REPLICATIONS, what="a number of replications", example=example)


def seed_count() -> Count:
    """The type of a ``--seed`` option: 0 to :data:`processes.limits.MAX_SEED`, as a scenario file's ``seed:``."""
    return Count(min=0, max=MAX_SEED, what="a seed", example="2025")


class InputPath(click.Path):
    """A file or folder named on the command line (LOG, --profile, -o, a results FOLDER ...): one that
    must be there and is not, or a folder where a file goes (or a file where a folder does), is bad input in
    the one line every other refusal has (``permitflow: error: PATH: what is wrong (expected what)``, exit
    2), not click's 'Error: Invalid value for ...'. ``exists=False``: a file to write, which need not be there
    yet."""

    def __init__(self, expected: str, *, folder: bool = False, exists: bool = True) -> None:
        super().__init__(exists=exists, dir_okay=folder, file_okay=not folder)
        self.expected = expected

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from processes.errors import InputError

        name = os.fspath(value)
        if not os.path.exists(name):
            if not self.exists:
                return super().convert(value, param, ctx)
            raise InputError(f"no such {'folder' if self.dir_okay else 'file'} (expected {self.expected})",
                             file=name)
        if os.path.isdir(name) != self.dir_okay:
            raise InputError(f"is {'a file' if self.dir_okay else 'a directory'} (expected {self.expected})",
                             file=name)
        return super().convert(value, param, ctx)


#: what a case log is, said when LOG is missing or a folder
LOG_FILE = "a case log: .xes, .xes.gz or .csv"


LENIENT_HELP = ("Read a BPMN file that a tool wrote with flows to missing elements or across processes, "
                "or with an id used twice (kept as written; renamed <id>_dup<n>), or with boundary events "
                "in another process than their host (read in the host's); each repair is one note on stderr.")
#: --lenient of diff, compare and simulate: the same read, but a flow to nothing cannot be followed
LENIENT_LEFT_OUT_HELP = ("Read BPMN files that a tool wrote with flows to missing elements or across processes, "
                         "or with an id used twice (such a flow left out; the repeat renamed <id>_dup<n>), or "
                         "with boundary events in another process than their host (read in the host's); each "
                         "repair is one note on stderr (diff and compare: also among their output's notes).")


def executor_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--workers`` and ``--dask``: where the replications of ``simulate`` and ``run`` are computed."""
    func = click.option("--dask", "dask_address", metavar="ADDRESS|local",
                        help="Run on a Dask cluster; 'local' starts one here (needs the dask extra: "
                             f"{install_hint('dask')}). A scheduler that cannot be reached: exit 1.")(func)
    return click.option("--workers", "-j",
                        type=Count(min=1, what="a number of worker processes", example="2"),
                        help="Worker processes (default: all cores; a run of "
                        "less than about a CPU second stays in this process, its replications shared with "
                        "forked helpers from about 0.1 CPU second; 1: all here).")(func)


# --------------------------------------------------------------------------- Case-log options (log inspect,
# calibrate, discover, and diff/compare of logs)


def log_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The column options every command that reads a case log takes."""
    options = [
        click.option("--case", "col_case", metavar="NAME", help="Column (CSV) or trace attribute (XES) of the case id."),
        click.option("--activity", "col_activity", metavar="NAME",
                     help="Column or event attribute of the activity (XES default concept:name; e.g. activityNameEN)."),
        click.option("--timestamp", "col_timestamp", metavar="NAME", help="Column or attribute of the completion time."),
        click.option("--start", "col_start", metavar="NAME", help="CSV column of the start time, if the log has one."),
        click.option("--resource", "col_resource", metavar="NAME", help="Column or attribute of who did the work."),
        click.option("--time", "col_time", metavar="NAME",
                     help="CSV column of the time of day, when the export writes the date and the time in two "
                          "columns (guessed from tid, klockslag, tidpunkt)."),
        click.option("--date-format", "date_format", metavar="FORMAT",
                     help="CSV timestamps: day-first or month-first for dates such as 4/3/2025, or a strptime "
                          "format, e.g. '%d-%m-%Y %H:%M' (default: the form the rows show: ISO 8601, 4/3/2025 "
                          "day or month first as a row above 12 shows, else day first; 04.03.2025, 4 mars 2025, "
                          "mån 7 dec 2026, with or without a time such as 13.05, kl. 13.05, 1:05 PM or 1:05 em "
                          "and a zone such as +01:00 or CET)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def log_columns(kwargs: dict[str, Any]) -> Any:
    from bpmn_io.caselog import LogColumns

    return LogColumns(case=kwargs.pop("col_case"), activity=kwargs.pop("col_activity"),
                      timestamp=kwargs.pop("col_timestamp"), start=kwargs.pop("col_start"),
                      resource=kwargs.pop("col_resource"), date_format=kwargs.pop("date_format"),
                      time=kwargs.pop("col_time"))


FORCE_HELP = "Run even when the run plans more work units than the limit (5,000)."


QUIET_HELP = ("No progress bar (nor, on a forced run of very many work units, its progress lines); warnings and "
              "errors are still said.")


#: calibrate's and discover's (with --profile-out) export instant
exported_at_option = click.option(
    "--exported-at", "exported_at", metavar="WHEN",
    help="When the log was exported, e.g. 2026-11-30T17:00 (ISO 8601; a date alone is 00:00; not before the "
         "log's last event nor more than 366 days after it; default: its last event). A wait begun and not "
         "ended by then counts as longer than it had run (right-censored).")

