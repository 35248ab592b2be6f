"""``permitflow log`` and ``permitflow log inspect``: what a case log holds (cases, activities, times,
notes on what was left out), read without fitting anything.

Its own module: the log group; calibrate and discover, which also read logs, are in their own modules.
"""

from __future__ import annotations

from typing import Any

import click

from clicommands.options import LOG_FILE, Count, InputPath, format_option, log_columns, log_options

__all__ = ["log_cmd"]


@click.group("log")
def log_cmd() -> None:
    """Read case logs (XES, XES.gz, CSV) exported from a case-management system.

    \b
    Examples:
      permitflow log inspect cases.xes.gz
      permitflow log inspect export.csv --case Dnr --activity Åtgärd --timestamp Datum --date-format '%d-%m-%Y'
    """


@log_cmd.command("inspect")
@click.argument("log", metavar="LOG", type=InputPath(LOG_FILE))
@log_options
@format_option("text", "json")
@click.option("--top", type=Count(min=1, what="a number of rows", example="25"), default=25, show_default=True,
              help="How many activities and resources to list in text output.")
def log_inspect_cmd(log: str, fmt: str, top: int, **kwargs: Any) -> None:
    """What a case log holds: cases, period, activities with counts, resources,
    arrivals per month and throughput-time percentiles (with how many cases
    arrived less than the median before the log's end, which an export taken
    while they were open counts with their time so far, and how many have one
    event).

    States the column mapping it used (guesses marked) and whether the log has
    start times. A row repeated exactly, in every column (an XES event within
    its trace), is an export's double: dropped, and a note says how many; so
    is an XES trace written twice (the case id and events of an earlier one).
    The log is read as a stream: an XES log's memory grows by 12 bytes a
    trace, not with its events; a CSV's by an entry a case (the digests
    that find repeated rows wait in a temporary file; a CSV that interleaves
    its cases holds theirs, 8 bytes a row; and in a CSV whose dates such as
    4/3/2025 do not yet show day or month first, the rows wait for one that
    does).

    \b
    Examples:
      permitflow log inspect BPIC15_1.xes.gz
      permitflow log inspect cases.csv --format json
    """
    import json

    from bpmn_io.logfiles import open_log
    from calibrate.inspect import summarise, summary_data, summary_text

    stream = open_log(log, log_columns(kwargs))
    summary = summarise(stream.records, source=stream.source)
    summary = summarise_notes(summary, stream.notes)
    if fmt == "json":
        data = summary_data(summary, {k: v for k, v in stream.mapping.items() if v is not None})
        data["guessed"] = list(stream.guessed)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(summary_text(summary, stream.mapping_line(), top=top))


def summarise_notes(summary: Any, notes: list[str]) -> Any:
    """The summary with the reader's notes (known only once the stream is read)."""
    import dataclasses

    return dataclasses.replace(summary, notes=tuple(notes) + tuple(summary.notes))

