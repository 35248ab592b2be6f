"""``permitflow run``, ``permitflow report`` and ``permitflow cache``: scenario and study files run into a
results folder (summary, cases, event logs, report.html), the report made again from a folder, and the folder's
cache of finished work units.

One module because the three commands share the results folder and its lock.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import click

from clicommands.options import (
    FORCE_HELP,
    QUIET_HELP,
    Count,
    InputPath,
    executor_options,
    format_option,
    replications_count,
)
from clicommands.output import PIPE_CLOSED, Outlet, fail
from clicommands.workers import (
    Ahead,
    Pool,
    check_units,
    loading,
    on_interrupt,
    one_blas_thread,
    prepared,
    stderr_is_terminal,
    terminate_as_interrupt,
    travel,
)
from processes.wording import counted

if TYPE_CHECKING:
    from simulator.runner import ResultCache

__all__ = ["cache_command", "report_command", "run_command"]


@click.command("run")
@click.argument("files", nargs=-1, metavar="[FILE|NAME]...")
@click.option("-o", "--output", type=InputPath("a results folder", folder=True, exists=False),
              help="Results folder (default results/<study>).")
@executor_options
@click.option("--replications", "-r", type=replications_count("10"),
              help="Replications of every scenario (overrides the files).")
@click.option("--no-cache", is_flag=True, help="Recompute every work unit; neither read nor write DIR/.cache.")
@click.option("--refresh", is_flag=True, help="Recompute every work unit and store the new results in DIR/.cache.")
@format_option("text", "json")
@click.option("--uncertainty", is_flag=True,
              help="Also run every scenario over the plausible ranges of its assumptions (uncertainty.json, "
                   "the report's headline says whether each conclusion holds).")
@click.option("--points", type=Count(min=2, what="a number of points", example="64"), default=64, show_default=True,
              help="Assumption points of --uncertainty (a Latin hypercube seeded by the first scenario's seed); "
                   "only with --uncertainty.")
@click.option("--wait", is_flag=True, help="When another run is writing DIR, wait for it to finish (default: refuse).")
@click.option("--quiet", "-q", is_flag=True, help=QUIET_HELP)
@click.option("--force", is_flag=True, help=FORCE_HELP)
@click.pass_context
def run_command(
    ctx: click.Context,
    files: tuple[str, ...],
    output: str | None,
    workers: int | None,
    dask_address: str | None,
    replications: int | None,
    no_cache: bool,
    refresh: bool,
    fmt: str,
    uncertainty: bool,
    points: int,
    wait: bool,
    quiet: bool,
    force: bool,
) -> None:
    """Run scenario or study files (none: the bundled Familjen Helsingborg study).

    A NAME is a scenario or study shipped with permitflow (permitflow library lists
    them): the file's name without .yaml, e.g. e-service. A file at the path given
    always wins (a folder does not); a shipped scenario's baseline (baseline:) is
    run with it.

    Every (scenario, sweep point, replication) is one work unit, run on all cores
    (or on a Dask cluster) and cached in DIR/.cache, so a rerun (or a run
    interrupted with Ctrl-C and started again) skips finished work (permitflow
    cache DIR shows its size and prunes what the last run did not use). Writes
    DIR/summary.csv, summary.json, cases.csv, eventlog.csv and eventlog.xes (when
    a scenario asks for them) and report.html. A failing scenario is reported and
    the others still finish (exit 1). DIR must be new, empty or a results folder
    (it has .permitflow-results, which lists the files a run wrote: only those are
    ever replaced or removed); a second run into DIR at the same time is refused.
    A run that fails before its first result (an unreachable --dask scheduler:
    exit 1) leaves nothing behind in DIR, nor DIR when it made it.

    \b
    Examples:
      permitflow run                                   # the bundled study -> results/familjen-helsingborg/
      permitflow run e-service -o out                  # a shipped scenario, and its baseline status-quo
      permitflow run status-quo one-more-officer --replications 20
      permitflow run my-study.yaml -o out --dask local --workers 4
      permitflow run delegated-to-officer --uncertainty --points 64 --replications 10
    """
    import json
    from concurrent.futures import ProcessPoolExecutor

    from click.core import ParameterSource

    from processes.forkshare import default_workers
    from report.build import EarlyPlots, library_diff_section, write_run
    from report.cache import DirectoryCache, record_run
    from report.folder import claim
    from scenarios.executors import check_executor
    from scenarios.loader import bundled_study, read_any
    from scenarios.names import check_name
    from scenarios.road import Refresh
    from scenarios.settings import Origin
    from scenarios.shipped import resolve_file

    if no_cache and refresh:
        raise click.UsageError("give --no-cache or --refresh, not both")
    if not uncertainty and ctx.get_parameter_source("points") is ParameterSource.COMMANDLINE:
        raise click.UsageError("--points only goes with --uncertainty")  # it would be ignored
    one_blas_thread()
    # what a Ctrl-C outside the units and the writing (which say their own) leaves: said as the run goes on,
    # also while the workers are stopped after the results were written
    stage = ["before any work unit ran; nothing was written"]
    with terminate_as_interrupt(), on_interrupt(lambda: stage[0]), ExitStack() as ahead:
        with loading():  # the collector paused, then what was loaded frozen: also in forked workers
            study = read_any([resolve_file(f) for f in files] or [bundled_study()])
            if replications is not None:
                study = study.with_replications(replications, Origin("--replications"))
            # the report's model comparison needs neither the run nor its plan: made meanwhile, in a
            # helper forked now when the run may use more than one process (stopped if the run fails)
            diff_section = Ahead(library_diff_section, study.compare,
                                 fork=(workers is None and default_workers() > 1) or (workers or 1) > 1)
            ahead.callback(diff_section.close)
            folder = Path(output) if output else Path("results") / check_name(study.name, what="study", file=study.source)
            plan = prepared(study, force=force)  # every input checked before the folder is touched
            uplan = None
            if uncertainty:
                from scenarios.uncertainty import plan_uncertainty

                # counted before the points are built (each scenario at its first sweep point, per point):
                # --points 100000 was still building them after 120 s, before the limit could refuse the run
                check_units(study, points * sum(s.replications for s in study.scenarios), force)
                uplan = plan_uncertainty(study, points=points, seed=study.scenarios[0].seed)
                varied_plan = prepared(uplan.study, force=force, case_rows=False)  # analysed by its figures only
        check_executor(dask_address)

        def waiting(holder: str) -> None:
            click.echo(f"permitflow: waiting for the run (process {holder}) writing {folder}/ to finish", err=True)

        stage[0] = f"while waiting for {folder}/; nothing was written"
        with claim(folder, wait=wait, waiting=waiting), Pool() as pool:
            stage[0] = "before any work unit ran; nothing was written"
            cache: ResultCache | None = None if no_cache else DirectoryCache(folder / ".cache")
            if refresh and cache is not None:
                cache = Refresh(cache)
            kept = ("nothing was kept (--no-cache): run the same command to start again" if cache is None
                    else f"they are kept in {folder / '.cache'}: run the same command to go on from there")
            # the workers stay (pool) for the uncertainty plan's units and the report's plots
            # the report's plots go to the workers as their points are done, between the last units
            early = EarlyPlots(folder, study)
            bar = not quiet and fmt == "text" and stderr_is_terminal()
            batch, total, cached = travel(plan, workers=workers, dask=dask_address, cache=cache, quiet=quiet,
                                          show_bar=bar, kept=kept, pool=pool, early=early)
            how_sure = None
            if uplan is not None:
                from scenarios.uncertainty import analyse

                varied, more, more_cached = travel(varied_plan, workers=workers, dask=dask_address, cache=cache,
                                                   show_bar=bar, kept=kept, pool=pool, quiet=quiet)
                how_sure = analyse(uplan, varied, batch)
                total, cached = total + more, cached + more_cached
            stage[0] = f"before the results were written; every work unit finished and {kept}"
            with on_interrupt(lambda: f"while writing {folder}/; every work unit is kept in the cache "
                                       "unless --no-cache: run the same command to write the results"):
                # the case rows travel to a worker and back: worth it on local processes, not on a cluster
                local = pool.executor if isinstance(pool.executor, ProcessPoolExecutor) else None
                # the report's inputs from memory: its plots are drawn while the files are made
                report_path = write_run(folder, batch, uncertainty=how_sure, executor=pool.executor, csv_executor=local,
                                        diff_section=diff_section, early=early)
                if cache is not None:  # every unit finished: what `permitflow cache --prune` keeps
                    record_run(folder / ".cache", [job.key for job in plan.jobs] +
                               ([job.key for job in varied_plan.jobs] if uplan is not None else []))
            stage[0] = f"after {folder}/ was written in full (its results and report are complete) while the workers stopped"
    # the folder is written in full: a reader of standard output that goes away now (`| head -1`) loses the
    # lines, not the failures said on standard error nor their exit status
    out = Outlet()
    if ctx.obj.get("debug"):
        for detail in batch.details:
            out.say(detail, err=True)
    if fmt == "json":
        out.say(json.dumps({
            "folder": str(folder),
            "report": str(report_path),
            "work_units": total,
            "from_cache": cached,
            "failures": [{"scenario": f.scenario, "point": f.point, "message": f.message} for f in batch.failures],
        }, indent=1))
    else:
        count = len(study.scenarios)
        out.say(f"{study.name}: {counted(count, 'scenario')}, {counted(total, 'work unit')} ({cached} from cache)")
        for failure in batch.failures:
            out.say(f"permitflow: error: scenario {failure.scenario} failed: {failure.message}", err=True)
        names = ["summary.csv", "summary.json", "cases.csv"]
        names += [n for n in ("eventlog.csv", "eventlog.xes", "uncertainty.json") if (folder / n).is_file()]
        if how_sure is not None:
            from scenarios.uncertainty import sampling_words

            for line in sampling_words(how_sure):  # a calibrated or sourced profile: what was not assumed
                out.say(f"uncertainty: {line}")
        out.say(f"wrote {folder}/ ({', '.join(names)}, report.html)")
        if batch.failures:  # last, after "wrote": a batch user reads the outcome at the end
            failed = batch.failed_scenarios
            # a sweep whose other points finished has results too: said, as the other scenarios' are
            swept = {s.name: len(s.points) for s in study.scenarios}
            counts = [f.scenario for f in batch.failures]
            part = {name: n for name in failed if (n := counts.count(name)) < swept[name]}
            said = [f"{name} at {part[name]} of its {swept[name]} sweep points" if name in part else name
                    for name in failed]
            others = "the others’" if len(failed) < count else "the other points’" if part else ""
            out.say(f"permitflow: error: {len(failed)} of {count} scenario{'s' if count != 1 else ''} failed: "
                    f"{', '.join(said)} (the error{'s' if len(batch.failures) > 1 else ''} above"
                    f"{f'; {others} results are in {folder}/' if others else ''})", err=True)
    if batch.failures:
        raise SystemExit(1)
    if out.closed:
        raise SystemExit(PIPE_CLOSED)


@click.command("report")
@click.argument("folder", type=InputPath("a results folder", folder=True))
def report_command(folder: str) -> None:
    """Re-render FOLDER/report.html from a results folder (summary.json, cases.csv, processes/).

    \b
    Example:
      permitflow report results/familjen-helsingborg
    """
    from contextlib import nullcontext

    from report.build import write_report
    from report.folder import MARKER, locked, not_as_written

    # not while a run writes the folder; a folder without the marker gets no lock file
    with locked(Path(folder)) if (Path(folder) / MARKER).is_file() else nullcontext():
        # what the report is drawn from, where it is not what the last run wrote: said, then drawn as it is
        read = ("summary.json", "cases.csv", "uncertainty.json")
        for name, how in not_as_written(Path(folder), read).items():
            said = ("missing, though the last run wrote it: the report is drawn without it"
                    if how == "missing" else
                    "not the file the last run wrote (changed since): the report is drawn from it as it is")
            click.echo(f"permitflow: warning: {Path(folder) / name}: {said}", err=True)
        target = write_report(folder)
    click.echo(f"wrote {target}")


def _megabytes(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


@click.command("cache")
@click.argument("folder", type=InputPath("a results folder", folder=True))
@click.option("--prune", is_flag=True,
              help="Remove the entries the last run into FOLDER whose units all finished did not use (earlier "
                   "runs' scenarios, sweeps, code versions); those written or read since stay.")
@click.option("--clear", is_flag=True, help="Remove every entry: the next run computes every unit again.")
@click.option("--wait", is_flag=True, help="When a run is writing FOLDER, wait for it to finish (default: refuse).")
def cache_command(folder: str, prune: bool, clear: bool, wait: bool) -> None:
    """Show how large FOLDER/.cache is (the finished work units of permitflow run), or prune it.

    Every run of another scenario, sweep, seed or permitflow version adds entries and
    none is removed by a run. A run whose units all finished records which it used;
    --prune removes the others, --clear all. Neither runs while a run writes FOLDER.

    \b
    Examples:
      permitflow cache results/familjen-helsingborg           # entries, size, what --prune removes
      permitflow cache results/familjen-helsingborg --prune
    """
    from report.cache import cache_usage
    from report.cache import prune as prune_cache
    from report.folder import MARKER, locked

    if prune and clear:
        raise click.UsageError("give --prune or --clear, not both")
    base = Path(folder)
    if not (base / MARKER).is_file():
        fail(f"{folder}: not a results folder (no {MARKER}; permitflow run -o {folder} makes one)")
    where = base / ".cache"
    if not (prune or clear):
        usage = cache_usage(where)
        click.echo(f"{where}: {counted(usage.entries, 'entry', 'entries')}, {_megabytes(usage.size)}")
        if not usage.recorded:
            click.echo("no run whose units all finished is recorded: --prune removes nothing, --clear everything")
        else:
            click.echo(f"the last run used or wrote {usage.kept} of them ({_megabytes(usage.kept_size)}); "
                       f"--prune removes the other {usage.stale} ({_megabytes(usage.stale_size)})")
        return

    def waiting(holder: str) -> None:
        click.echo(f"permitflow: waiting for the run (process {holder}) writing {folder}/ to finish", err=True)

    with locked(base, wait=wait, waiting=waiting):
        before = prune_cache(where, everything=clear)
    removed, freed = (before.entries, before.size) if clear else (before.stale, before.stale_size)
    click.echo(f"{where}: removed {counted(removed, 'entry', 'entries')} ({_megabytes(freed)}); "
               f"{counted(before.entries - removed, 'entry', 'entries')} kept")

