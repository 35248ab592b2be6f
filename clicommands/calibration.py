"""What calibrate and discover share (and diff/compare of a log, which discovers a model): the model
and base profile a fit starts from, the held-out validation by simulation (its options, checks, page and
lines), the export time of a log and the model names of a process.

Its own module because calibrate.py, discover.py and compareinputs.py all use it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from clicommands.options import InputPath, log_columns, replications_count, seed_count
from clicommands.output import atomic_write
from processes.wording import counted

if TYPE_CHECKING:
    from processes.model import Process

__all__ = ["echo_validation", "model_and_base", "model_names", "note_unused_mapping", "read_checked_log",
           "validate_held_out", "validate_options", "write_validation_page"]


def model_and_base(model: str, profile: str | None, *,
                   strict: bool = True) -> tuple[Any, dict[str, Any] | None, str | None]:
    """The model, its profile as plain data (or None when it has none) and where that came from.
    ``strict=False`` (``--lenient``) reads a BPMN file leniently and leaves out the sequence flows
    it cannot follow (:func:`bpmn_io.lenient.without_broken_flows`)."""
    from bpmn_io import library as lib
    from bpmn_io.loading import load_model
    from bpmn_io.profile import read_profile

    defs = load_model(model, strict=strict)
    if not strict:
        from bpmn_io.lenient import without_broken_flows

        defs = without_broken_flows(defs)
    if profile is not None:
        path: Path | None = Path(profile)
    elif not Path(model).exists() and lib.is_library_name(model):
        path = lib.library_root() / model / lib.PROFILE_FILE
    else:
        path = Path(model).parent / lib.PROFILE_FILE
        path = path if path.is_file() else None
    if path is None:
        return defs, None, None
    return defs, read_profile(path).raw, str(path)


def validate_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options of ``--validate`` (calibrate and discover)."""
    options = [
        click.option("--validate", is_flag=True,
                     help="Also calibrate on the first 70% of the cases, simulate the last 30% and report the "
                          "distances between the simulated and the real held-out log (text/JSON and an HTML page), "
                          "with how many cases were held out, how far they alone pin their median, and how many "
                          "arrived so near the log's end that they may still have been open."),
        click.option("--validation-html", type=InputPath("an HTML file to write", exists=False),
                     help="Where to write the validation page (default: beside -o, NAME.validation.html)."),
        click.option("--replications", type=replications_count("5"), default=5, show_default=True,
                     help="Simulated replications of the held-out period (--validate)."),
        click.option("--seed", type=seed_count(), default=2025, show_default=True,
                     help="Seed of the validation's replications."),
        click.option("--deadline", metavar="DURATION",
                     help="Legal deadline for the share within it, e.g. 8w (default: the profile's clock); "
                          "in months or years (4mo, 1y), each case's own date: the same day of the month; in "
                          "days, weeks, months or years a last day on a weekend, holiday or eve moves to the "
                          "next weekday (Swedish days), in hours (1344h) it is a fixed length."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _check_validation_options(kwargs: dict[str, Any], log: str) -> None:
    """Refuse the options of ``--validate`` given without it (they would be ignored), a bad
    ``--deadline`` and a ``--validation-html`` that is not an .html file or is the log, before the
    log is read (the page was written over the log, or over the profile of -o)."""
    from click.core import ParameterSource

    from processes.durations import calendar_months, parse_duration
    from processes.errors import InputError

    ctx = click.get_current_context()
    given = [f"--{name.replace('_', '-')}" for name in ("validation_html", "replications", "seed", "deadline")
             if ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE]
    if given and not kwargs["validate"]:
        raise click.UsageError(f"{', '.join(given)} only go{'es' if len(given) == 1 else ''} with --validate")
    page = kwargs["validation_html"]
    if page is not None:
        if not page.lower().endswith((".html", ".htm")):
            raise click.BadParameter(f"{page!r} (expected an .html file)", param_hint="--validation-html")
        if Path(page).resolve() == Path(log).resolve():
            raise click.BadParameter(f"{page!r} is the log itself (expected another file)",
                                     param_hint="--validation-html")
    if kwargs["deadline"] is not None:
        try:
            if parse_duration(kwargs["deadline"]) <= 0:
                raise click.BadParameter(f"{kwargs['deadline']!r} (expected a duration above zero, e.g. 8w)",
                                         param_hint="--deadline")
            calendar_months(kwargs["deadline"])  # 1.5mo: calendar months have no share to take
        except InputError as err:
            raise click.BadParameter(err.message, param_hint="--deadline") from None


def validate_held_out(model: str, profile: dict[str, Any], train: Any, held: Any,
                      element_of: dict[str, str | None], output: str, kwargs: dict[str, Any],
                      defs: Any) -> tuple[Any, Any, Any, str, Any]:
    """Validate ``profile`` (calibrated on ``train``) on ``held``; the result, the logs, the page's path and the
    model ``defs`` (read from ``model``: the page names its steps as it does)."""
    from calibrate.validate import validate_profile
    from processes.durations import calendar_months, parse_duration, written_unit

    page = kwargs.pop("validation_html") or str(Path(output).with_suffix("")) + ".validation.html"
    deadline = kwargs.pop("deadline")
    days = parse_duration(deadline) / 24.0 if deadline else None
    # the unit as typed: --deadline 28d is counted by the day (a last day on a weekend moves on), 672h is not
    validation, real, sims = validate_profile(model, profile, train, held, element_of,
                                              replications=kwargs.pop("replications"), seed=kwargs.pop("seed"),
                                              deadline_days=days, deadline_months=calendar_months(deadline),
                                              deadline_unit=written_unit(deadline))
    return validation, real, sims, page, defs


def write_validation_page(validation: Any, real: Any, sims: Any, page: str, defs: Any) -> None:
    from report.validation_html import validation_html

    # titled by the process it validated, as its model names it: the page's own file name ("profile.validation",
    # "model.validation") named nothing a manager knows (found by QA); a process without a name by the file's
    named = [p.name for p in defs.processes if p.name] if defs is not None else []
    text = validation_html(validation, real, sims, name=named[0] if named else Path(page).stem, model=defs)
    with atomic_write(page, "wb") as fh:
        fh.write(text.encode("utf-8"))  # type: ignore[attr-defined]


def echo_validation(checked: tuple[Any, Any, Any, str, Any], more: list[str] | tuple[str, ...] = ()) -> None:
    """The validation's text, ``more`` lines after it (discover's lanes against one lane), then the page written."""
    from calibrate.validation_text import validation_text

    click.echo(validation_text(checked[0].data()))
    for line in more:
        click.echo(line)
    click.echo(f"wrote {checked[3]}")


def note_unused_mapping(path: str, given: Mapping[str, str | None], activities: Sequence[str]) -> None:
    """Say which entries of a --mapping file name no activity of the log: a misspelt activity was left
    unused without a word, and the matcher mapped the activity it meant instead."""
    present = set(activities)
    unused = [activity for activity in given if activity not in present]
    if unused:
        more = f" and {len(unused) - 3} more" if len(unused) > 3 else ""
        shown = ", ".join(repr(a) for a in unused[:3]) + more
        click.echo(f"note: {path}: {counted(len(unused), 'entry', 'entries')} for an activity the log does "
                   f"not have, not used: {shown}", err=True)


def _exported_at(text: str | None) -> float | None:
    """``--exported-at`` as wall-clock seconds (a UTC offset dropped, as the log's times are read), None if not given."""
    if text is None:
        return None
    import datetime as dt

    from bpmn_io.caselog import wall_seconds

    try:
        when = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise click.BadParameter(f"{text!r} (expected an ISO 8601 date or date-time, e.g. 2026-11-30T17:00)",
                                 param_hint="--exported-at") from None
    return wall_seconds(when)


def model_names(process: Process) -> dict[str, str]:
    """The names a model gives its steps, flows and lanes, by id (the calibration text says them)."""
    named = [*process.nodes.values(), *process.flows.values(), *process.lanes()]
    return {item.id: item.name for item in named if item.name}



def read_checked_log(log: str, kwargs: dict[str, Any], exported_at: str | None) -> tuple[Any, Any, float | None, bool]:
    """``calibrate``'s and ``discover``'s log, read once their options are checked, and the export instant checked
    against its rows: (table, stream, exported at, whether to validate); ``validate`` is taken out of ``kwargs``."""
    from bpmn_io.logfiles import read_log
    from calibrate.core import check_export

    _check_validation_options(kwargs, log)
    exported = _exported_at(exported_at)
    validate = kwargs.pop("validate")
    table, stream = read_log(log, log_columns(kwargs))
    if exported is not None:
        check_export(exported, table)
    return table, stream, exported, validate
