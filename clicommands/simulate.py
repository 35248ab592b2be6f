"""``permitflow simulate``: one model simulated with its profile, the figures printed as a table or
JSON, an event log written on request.

Its own module: the one-model simulation command; the road to the workers is in workers.py.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import click

from clicommands.options import (
    FORCE_HELP,
    LENIENT_LEFT_OUT_HELP,
    QUIET_HELP,
    Count,
    InputPath,
    Number,
    executor_options,
    format_option,
    replications_count,
    seed_count,
)
from clicommands.output import atomic_write, terminal_width
from clicommands.workers import (
    NO_CACHE_VERSION,
    loading,
    on_interrupt,
    one_blas_thread,
    prepared,
    stderr_is_terminal,
    terminate_as_interrupt,
    travel,
)
from processes.limits import MAX_CASES, MAX_HORIZON_YEARS

__all__ = ["simulate_cmd"]


def _num(value: float) -> float | None:
    """A figure for JSON: NaN and infinities (which JSON cannot hold) become ``null``."""
    return value if math.isfinite(value) else None


@click.command("simulate")
@click.argument("model", metavar="MODEL")
@click.option("--profile", type=InputPath("a profile.yaml", exists=False),
              help="profile.yaml (default: the one beside MODEL).")
@click.option("--years", type=Number(min=0, min_open=True, max=MAX_HORIZON_YEARS, what="a number of years",
                                  example="1 or 0.5"),
              help="Simulate this many years of arrivals (default: the profile's horizon).")
@click.option("--cases", type=Count(min=1, max=MAX_CASES, what="a number of applications", example="500"), help="Simulate this many applications (replayed arrival dates: "
              "at most as many as the profile lists; more is refused).")
@click.option("--replications", "-r", type=replications_count("10"), help="Replications (default 10).")
@click.option("--seed", type=seed_count(), help="Seed of the replications (default 2025).")
@click.option("--name", "name", metavar="NAME",
              help="The process's name (default: MODEL's file name without its suffix, or the library name), which keys its random "
                   "numbers: the name of a scenario file's base (name:) or of an upload on the what-if page "
                   "(permitflow serve) gives the same figures.")
@click.option("--set", "sets", multiple=True, metavar="KEY=VALUE",
              help="Override a profile value, e.g. pools.officer.count=3 or decision.delegation=officer "
                   "(VALUE is read as in profile.yaml: 3d is a duration, no is text).")
@click.option("--eventlog", type=InputPath("a log file to write, .csv or .xes", exists=False),
              help="Write the event log of replication 1 here (.csv or .xes).")
@executor_options
@format_option("table", "json")
@click.option("--language", type=click.Choice(["auto", "sv", "en"]), default="auto", show_default=True,
              help="Language of the table's words: sv, en, or auto (the language of the model's step names; "
                   "English for a model in neither).")
@click.option("--keys", is_flag=True,
              help="Name each figure by its key (as --format json and summary.csv do), one line each in key order, "
                   "numbers with a decimal point: the table for a script that reads its lines.")
@click.option("--quiet", "-q", is_flag=True, help=QUIET_HELP)
@click.option("--force", is_flag=True, help=FORCE_HELP)
@click.option("--lenient", is_flag=True, help=LENIENT_LEFT_OUT_HELP[:-1] + "; a cancel end event outside a "
              "transaction (BPMN defines it only there) is simulated as a plain end event, with a note too.")
@terminate_as_interrupt()  # SIGTERM as Ctrl-C: one line, exit 143, the workers ended
def simulate_cmd(model: str, profile: str | None, years: float | None, cases: int | None, replications: int | None,
                 seed: int | None, name: str | None, sets: tuple[str, ...], eventlog: str | None, workers: int | None,
                 dask_address: str | None, fmt: str, language: str, keys: bool, quiet: bool, force: bool,
                 lenient: bool) -> None:
    """Simulate MODEL (a BPMN or YAML authoring file, or a library name) with its profile.

    A one-scenario study: the same checks, seeds and engine as `permitflow run`
    of the scenario file with `base: MODEL`, `set:`, `horizon:`/`cases:`,
    `replications:` and `seed:`, and the same figures. Prints each figure in
    the report's words, with the name of its step, staff group or outcome, under
    four headings (the whole case, each step in the model's order, each staff
    group and committee, the outcomes), its mean over the replications and its
    95% confidence interval (Student t, cut at zero where it reaches below and
    marked *; a share's a Wilson interval, within 0-100%; "(all alike)" for a
    figure every replication gave the same value; none for a figure only one
    replication measured). --keys prints the table a script reads instead: each
    figure by its key (as --format json names it) with its unit (kr, days,
    hours, share, cases, ...).
    Replication i of process P uses the i-th child of SeedSequence(SEED), and
    P's name (common random numbers across scenarios): MODEL's file name, or
    --name (an upload's name on the what-if page, a scenario base's name:).

    \b
    Examples:
      permitflow simulate helsingborg --replications 10
      permitflow simulate helsingborg --language en   # the table in English words
      permitflow simulate helsingborg --keys          # each figure by its key, for a script
      permitflow simulate process.bpmn --years 5 --set decision.delegation=officer
      permitflow simulate helsingborg --cases 200 --eventlog log.xes --format json
      permitflow simulate m.bpmn --profile p.yaml --name hoganas   # as the page's upload "Höganäs"
      permitflow simulate --lenient B.1.0-export.bpmn --years 1   # a tool's flows to nothing left out
    """
    import json

    one_blas_thread()
    from bpmn_io import library as lib
    from report.figuretext import keys_table, unpriced_figures, unpriced_note
    from scenarios.compare import CUT_NOTE, ONE_NOTE, lone
    from scenarios.options import one_scenario_study

    if eventlog is not None and not eventlog.lower().endswith((".csv", ".xes")):
        raise click.BadParameter(f"{eventlog!r} (expected a .csv or .xes file name)", param_hint="--eventlog")
    if years is not None and cases is not None:
        raise click.UsageError("give --years or --cases, not both")
    with loading():
        with on_interrupt(lambda: "before any work unit ran; nothing was written"):
            notes: list[str] = []
            study = one_scenario_study(model, profile=profile, sets=sets, years=years, cases=cases,
                                       replications=replications, seed=seed, eventlog=eventlog is not None,
                                       lenient=lenient, notes=notes, name=name)
            for line in notes:
                click.echo(f"note: {line}", err=True)
        # simulate prints figures and writes at most an event log: its units make no case rows; it
        # keeps no results, so its units' keys need not hash the code (154 files read: ~12 ms CPU)
        ready = prepared(study, force=force, case_rows=False, version=NO_CACHE_VERSION)
    batch, _total, _cached = travel(ready, workers=workers, dask=dask_address, cache=None, quiet=quiet,
                                    show_bar=not quiet and fmt == "table" and stderr_is_terminal(),
                                    kept="simulate keeps no partial results: run the same command to start again")
    for failure in batch.failures:
        click.echo(f"permitflow: error: scenario {failure.scenario} failed: {failure.message}", err=True)
    if batch.failures:
        raise SystemExit(1)
    (point,) = batch.points
    scenario = point.scenario
    (member,) = scenario.points[0].members
    if eventlog is not None:
        for replication, _process, csv_text, xes in point.eventlogs:
            if replication == 0:
                data = xes if eventlog.lower().endswith(".xes") else csv_text.encode("utf-8")
                with atomic_write(eventlog, "wb") as fh:
                    fh.write(data)  # type: ignore[attr-defined]  # atomic_write yields an open binary file
    prefix = f"{member.name}/"
    table = {k[len(prefix):]: est for k, est in point.summary.figures.items() if k.startswith(prefix)}
    cut = any(est.cut for est in table.values())
    # without a clock the shares within the deadline have nothing to count against: say so, not "no case"
    unclocked = [] if (member.profile.get("simulation") or {}).get("clock") else [
        k for k, est in table.items() if k.startswith("within_") and not math.isfinite(est.mean)]
    clock_note = (f"{', '.join(unclocked)}: no deadline to count against (the profile has no clock:; add "
                  "clock: {start: ..., stop: ..., deadline: 4mo} under simulation:, docs/profile.md)") if unclocked else ""
    # no staff group doing the work has a price: its cost reads 0 kronor, which says nothing about the work
    unpriced = unpriced_figures(table)
    if fmt == "json":
        click.echo(json.dumps({
            "model": model, "profile": lib.shown_path(member.profile_source),  # not where permitflow is
            "replications": scenario.replications, "seed": scenario.seed,
            "resolved": {k: v for k, v in member.run_values().items()},
            "overrides": {o.path: o.value for o in scenario.points[0].overrides},
            "figures": {k: {"mean": _num(e.mean), "low": _num(e.low), "high": _num(e.high),
                            **({"cut": e.cut} if e.cut else {})} for k, e in table.items()},
            "notes": ["null: a figure without a finite value (no case to measure, or an infinite cost or rate)",
                      *([CUT_NOTE] if cut else []), *([ONE_NOTE] if lone(table.values()) else []),
                      *([clock_note] if clock_note else []),
                      *([unpriced_note(unpriced)] if unpriced else [])],
        }, indent=2, ensure_ascii=False, default=str, allow_nan=False))
        return
    if keys:
        click.echo(keys_table(table, unclocked=unclocked, unpriced=unpriced), nl=False)
        return
    said, lang = _simulated_words(scenario.points[0], member, table, language, unclocked, unpriced)
    click.echo(said + _runs_line(scenario, member, lang))

#: how the figures were run, after the table (found by QA, qawalk: a first reader could not tell over how many
#: replications and what period the means and intervals were)
_RUNS = {"en": "{n} replications, random seed {seed}: {settings}.",
         "sv": "{n} upprepningar, slumpfrö {seed}: {settings}."}


def _runs_line(scenario: Any, member: Any, lang: str) -> str:
    """``10 replications, random seed 2025: simulated period 1 year, a start-up period of 8 weeks left out (...)``,
    the run settings in the report's words (:func:`report.words.run_setting_words`)."""
    from processes.durations import parse_duration
    from report.words import run_setting_words

    # no warm-up (run_values says 0h) is no "start-up period of 0 hours left out"
    settings = {k: v for k, v in member.run_values().items() if k in ("horizon", "cases", "warmup") and v
                and not (k == "warmup" and parse_duration(v) == 0)}
    return _RUNS[lang].format(n=scenario.replications, seed=scenario.seed,
                              settings=", ".join(run_setting_words(k, v, lang) for k, v in settings.items()))


def _simulated_words(point: Any, member: Any, table: Mapping[str, Any], language: str,
                     unclocked: Sequence[str] = (), unpriced: Sequence[str] = ()) -> tuple[str, str]:
    """``simulate``'s table in words (:func:`report.figuretext.words_table`): each step by its name in
    ``language`` (``auto``: the language its model's names are drawn in), in the model's order; and that
    language."""
    from bpmn_io.profile import pool_names
    from processes.labellanguage import detect_language
    from processes.model import Definitions
    from report.deadlines import profile_clock
    from report.figuretext import words_table
    from report.stepwords import step_words
    from scenarios.execute import parsed_member, point_inputs

    # the process the run parsed (parsed_member keeps it): its names, without reading the BPMN again
    (text,) = [t for t in point_inputs(point) if t[0] == member.name]
    process = parsed_member(text)[0]
    lang = language if language != "auto" else detect_language(n.name for n in process.nodes.values() if n.name)
    lang = lang if lang in ("sv", "en") else "en"  # a model in neither language: its table in English
    elements = (member.profile.get("simulation") or {}).get("elements") or {}
    # a staff group by its own name: (pool_names): "utilisation of HR Department", not of the case officers
    steps = {**pool_names(member.profile, lang), **step_words(Definitions(processes=(process,)), elements, lang)}
    return words_table(table, lang, steps=steps, order=tuple(process.nodes), clock=profile_clock(member.profile),
                       total=terminal_width(), unclocked=unclocked, unpriced=unpriced), lang

