"""``permitflow optimise``: the goal seek for the cheapest officers, FTE and decision level that meet a
target share or mean time.

Its own module: one command with its own many options.
"""

from __future__ import annotations

import os

import click

from clicommands.options import Count, InputPath, Number, format_option, seed_count
from clicommands.output import atomic_write, not_an_input
from clicommands.workers import on_interrupt, stderr_is_terminal
from processes.errors import PermitflowError
from processes.extras import install_hint
from processes.limits import MAX_REPLICATIONS, MAX_SETTLE

__all__ = ["optimise_cmd"]


@click.command("optimise")
@click.argument("models", nargs=-1, required=True, metavar="MODEL...")
@click.option("--joint", is_flag=True, help="The municipalities share one officer pool (a joint permit unit).")
@click.option("--target-share", type=Number(what="a share of the cases", example="0.95"), help="Share of decided cases within the deadline of the profiles (the library's: 4 months), in (0, 1] (default 0.95).")
@click.option("--target-mean", metavar="DURATION", help="Or: the mean time from a complete application to the decision, e.g. 60d.")
@click.option("--officers", metavar="VALUES", help="Officer counts: 1..4 or 1,2,3 (default: 1 to one more than today; "
                                                   "a joint unit's total).")
@click.option("--fte", metavar="VALUES", help="FTE shares: '0.5..1.0 step 0.1' or 0.25,0.5,1 (default 0.25, 0.5, 0.75, 1 and today's).")
@click.option("--levels", metavar="LIST", help="Decision levels, e.g. committee,officer (default: every level the profiles define).")
@click.option("--pool", default="officer", show_default=True, help="The pool the officers and FTE levers set.")
@click.option("--decision-cost", "decision_costs", multiple=True, metavar="LEVEL=KR",
              help="kr per decided application at LEVEL (assumed defaults: committee 2500, working_committee 1000, "
                   "chair 300, manager 0, officer 0).")
@click.option("--fte-hours", type=Number(min=0, min_open=True, what="a number of hours", example="1600"),
              help="Hours of a full-time year (default: the open hours of the pool's calendar in the profile's start year).")
@click.option("--cost-per-hour", type=Number(min=0, min_open=True, what="an amount of kronor an hour", example="600"),
              help="kr per officer hour (default: the pool's cost_per_hour in the profile).")
@click.option("--horizon", metavar="DURATION", help="Simulated time per replication, e.g. 3y (default: the profile's or the file's).")
@click.option("--warmup", metavar="DURATION", help="Warm-up left out of the figures (default: the profile's or the file's).")
@click.option("--seed", type=seed_count(), help="Seed of the replications (default 2025).")
@click.option("--first-replications", type=Count(min=3, max=MAX_REPLICATIONS, what="a number of replications",
                                               example="5"), default=5, show_default=True,
              help="Replications every candidate starts with (at most --max-replications).")
@click.option("--max-replications", type=Count(min=3, max=MAX_REPLICATIONS, what="a number of replications",
                                             example="40"), default=40, show_default=True,
              help="Most replications an undecided candidate gets (doubling from --first-replications).")
@click.option("--settle", type=Count(min=3, max=MAX_SETTLE, what="a number of replications", example="26"), default=None,
              help="When no candidate is sure: run the closest one this many more, fresh replications and judge it "
                   "on those alone (the text says about how many would settle it, 4 times in 5).")
@click.option("-o", "--output", type=InputPath("a JSON file to write", exists=False),
              help="Write the result as JSON here (atomically; "
              "checked before the search).")
@click.option("--csv", "csv_out", type=InputPath("a CSV file to write", exists=False),
              help="Write every candidate run as CSV here "
              "(atomically; checked before the search).")
@format_option("text", "json")
@click.option("--workers", "-j", type=Count(min=1, what="a number of worker processes", example="2"),
              help="Worker processes (default: all cores).")
@click.option("--dask", "dask_address", metavar="ADDRESS|local", help="Run on a Dask cluster ('local' starts one here; "
              f"needs the dask extra: {install_hint('dask')}). A scheduler that cannot be reached: exit 1.")
@click.option("--quiet", "-q", is_flag=True, help="No progress line.")
def optimise_cmd(models: tuple[str, ...], joint: bool, target_share: float | None, target_mean: str | None,
                 officers: str | None, fte: str | None, levels: str | None, pool: str, decision_costs: tuple[str, ...],
                 fte_hours: float | None, cost_per_hour: float | None, horizon: str | None, warmup: str | None,
                 seed: int | None, first_replications: int, max_replications: int, settle: int | None,
                 output: str | None,
                 csv_out: str | None, fmt: str, workers: int | None, dask_address: str | None, quiet: bool) -> None:
    """Goal seek: the cheapest officers, FTE and decision level that meet a target.

    MODEL is a library municipality (several with --joint: one shared officer
    pool), or one scenario: a file (its set:, shared_pools: and a sweep: of one
    value kept) or the name
    of a shipped one (joint-permit-unit; permitflow library lists them; a file
    at the path given wins). The target is a share of decided cases
    within the profiles' deadline, 4 months in the library (--target-share, default 0.95) or a mean time
    from a complete application to the decision (--target-mean 60d); with
    several municipalities every one must meet it.

    \b
    Cost, kronor a year: officers x FTE x hours of a full-time year (the open hours
    of the pool's calendar) x cost_per_hour (the profile's: the library uses
    Ängelholm's fee rate, 1,160 kr) + applications a year x kr per decision at
    the level (an assumption: --decision-cost). Costs no lever changes are left out.

    Every candidate runs with the same seeds (common random numbers). All start
    with --first-replications; candidates whose 99% interval is clearly on the
    wrong side of the target, or that cost at least as much as one that surely
    meets it, are dropped (but those as cheap as the answer run on: they may tie
    with it); the rest get twice the replications, as long as --max-replications
    allows. With a mean target every candidate then runs as many fresh
    replications, and its figure and 95% interval come from those alone (an
    interval over the ones that decided when to stop holds too seldom). Prints
    the chosen candidate with its 95% interval and whether it surely meets the
    target: at its interval's bad end and with 95% confidence for all the
    candidates tried taken together (Holm's correction: the answer picks among
    them; if not, the cheapest that surely does), any equally cheap one, whether
    today's setting meets the target, and every candidate run (* = on the cost-time
    frontier: two candidates' mean days are compared over the replications both
    have, and they are run on, up to the most any got, until it is sure which is
    faster; one dearer than a candidate that surely meets the target is not run on
    for it: "not needed"). When none is sure it names the closest, how likely it is
    to meet the target and about how many more runs would settle it: --settle N
    runs it N fresh replications and judges it on those alone. Exit 1 when no
    candidate meets the target.

    \b
    Examples:
      permitflow optimise helsingborg
      permitflow optimise helsingborg --target-mean 60d --officers 1..3 --fte '0.2..1.0 step 0.2'
      permitflow optimise helsingborg landskrona astorp --joint --levels committee,officer -o seek.json --csv seek.csv
      permitflow optimise joint-permit-unit --decision-cost committee=4000
    """
    from bpmn_io.atomic import check_writable
    from bpmn_io.profile import shown_name
    from processes.durations import parse_duration
    from report.goalseek import goalseek_csv, goalseek_json, goalseek_text, staff_names
    from scenarios.executors import executor_for
    from scenarios.levers import Costs, parse_values
    from scenarios.optimise import OptimiseRequest, Target, base_scenario, optimise, shipped_scenario

    if target_share is not None and target_mean is not None:
        raise click.UsageError("give --target-share or --target-mean, not both")
    if target_mean is not None:
        try:
            hours = parse_duration(target_mean)
        except PermitflowError as err:
            raise click.BadParameter(str(err), param_hint="--target-mean") from None
        target = Target(share=None, mean_days=hours / 24.0)
    else:
        target = Target(share=0.95 if target_share is None else target_share)
    per_decision: dict[str, float] = {}
    for text in decision_costs:
        level, sep, kr = text.partition("=")
        try:
            per_decision[level.strip()] = float(kr)
        except ValueError:
            sep = ""
        if not sep:
            raise click.BadParameter(f"{text!r} (expected LEVEL=KR, e.g. committee=2500)", param_hint="--decision-cost")
    request = OptimiseRequest(
        base=base_scenario(shipped_scenario(list(models)), joint=joint, pool=pool, seed=seed, horizon=horizon, warmup=warmup),
        target=target,
        officers=parse_values(officers, option="--officers", whole=True) if officers else (),
        fte=parse_values(fte, option="--fte", whole=False, step=0.1) if fte else (),
        levels=tuple(w.strip() for w in levels.split(",") if w.strip()) if levels else (),
        pool=pool,
        costs=Costs(per_decision, fte_hours, cost_per_hour),
        first_replications=first_replications,
        max_replications=max_replications,
        settle=settle or 0,
    )
    for path in (output, csv_out):  # not found only after the whole search
        if path is not None:
            check_writable(path)
    for given, option in ((output, "-o"), (csv_out, "--csv")):
        if given is not None:  # optimise s.yaml -o s.yaml wrote the result over the scenario file
            scenario_file = models[0] if len(models) == 1 else None
            not_an_input(given, option, {"the scenario file it reads": scenario_file})
    done = 0

    def finished(n: int) -> None:
        nonlocal done
        done += n
        if not quiet and stderr_is_terminal():
            click.echo(f"\r{done} work units", nl=False, err=True)

    with on_interrupt(lambda: f"{done} work units finished; a goal seek keeps no partial results"):
        with executor_for(workers=workers, dask=dask_address, jobs=workers or os.cpu_count() or 1) as executor:
            result = optimise(request, executor=executor, progress=finished)
    if not quiet and stderr_is_terminal():
        click.echo("", err=True)
    data = goalseek_json(result)
    if output is not None:
        with atomic_write(output, "w") as fh:
            fh.write(data)  # type: ignore[attr-defined]  # atomic_write yields an open text buffer
    if csv_out is not None:
        with atomic_write(csv_out, "w") as fh:
            fh.write(goalseek_csv(result))  # type: ignore[attr-defined]
    names = {m.name: shown_name(m.profile, "en", m.name) for point in request.base.points for m in point.members}
    # the searched pool by its own name where the profiles give one (an imported model's "HR Department")
    staff = staff_names([m.profile for m in request.base.points[0].members], pool)
    click.echo(data if fmt == "json" else goalseek_text(result, names, staff), nl=False)
    if result.chosen is None:
        raise SystemExit(1)

