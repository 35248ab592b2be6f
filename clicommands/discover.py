"""``permitflow discover``: a process model discovered from a case log (pm4py's inductive miner), with
a fitted profile and an optional validation by simulation.

Its own module: one command; what it shares with calibrate is in calibration.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from clicommands.calibration import (
    echo_validation,
    model_names,
    read_checked_log,
    validate_held_out,
    validate_options,
    write_validation_page,
)
from clicommands.options import (
    LOG_FILE,
    InputPath,
    Number,
    exported_at_option,
    log_options,
)
from clicommands.output import atomic_write, made_profile, not_an_input
from processes.extras import install_hint
from processes.numbers import number
from processes.numbers import share as share_said
from processes.wording import counted

__all__ = ["discover_cmd"]


@click.command("discover")
@click.argument("log", metavar="LOG", type=InputPath(LOG_FILE))
@click.option("-o", "--output", required=True, type=InputPath("a .bpmn file to write", exists=False),
              help="The BPMN file to write (.bpmn), laid out by Graphviz.")
@click.option("--profile-out", type=InputPath("a profile.yaml to write", exists=False),
              help="Also calibrate the discovered model from the log and write its profile here.")
@click.option("--min-frequency", type=Number(0, 1, what="a share of the cases", example="0.1"), default=0.1, show_default=True,
              help="Keep activities that occur in at least this share of the cases.")
@click.option("--noise", type=Number(0, 1, what="a noise threshold", example="0.2"), default=0.2, show_default=True,
              help="Noise threshold of the inductive miner (0: every behaviour seen).")
@exported_at_option
@log_options
@validate_options
def discover_cmd(log: str, output: str, profile_out: str | None, min_frequency: float, noise: float,
                 exported_at: str | None, **kwargs: Any) -> None:
    """Discover a process model from a case log (pm4py's inductive miner) when there is no model.

    Only activities in at least --min-frequency of the cases are kept; the
    model gets a Graphviz layout and a lane for each group of people (or
    roles) the log names, each step in the lane of the group that did most
    of it (one lane when the log names no one, or the same people do all
    the work); a timer's firing in the log becomes a timer event (in a
    log without start times: a step no one is named for that follows one
    step after a near-constant delay, said in a note); a step whose rows
    begin together in several cases is decided at meetings (a committee's
    agenda, said in a note): calibration fits the meetings and their
    agenda cut-off; not when it is a system's batch job (a system user's,
    an instant no one is named for, or run every day). A wait no one is
    named for whose rows begin as one step of their case ends (a referral
    answer at its sending; a log with start times) is placed after that
    step, beside what follows it, said in a note.
    With --profile-out the
    discovered model is calibrated from the same log (as `calibrate` does).
    With --validate, a model with lanes is also compared with the one-lane
    model on the held-out cases: the lower cycle-time EMD fits better,
    unless the difference is within the spread between the replications.
    Needs the optional logs extra: {logs_install}.

    \b
    Examples:
      permitflow discover BPIC15_1.xes.gz -o model.bpmn --profile-out profile.yaml
      permitflow simulate model.bpmn --profile profile.yaml
      permitflow discover cases.csv -o cases.bpmn --min-frequency 0.3
    """
    from bpmn_io.writer import to_bpmn_bytes
    from bpmn_io.yamlsrc import dump_yaml
    from calibrate.core import calibrate
    from calibrate.discover import discover_model
    from calibrate.mapping import map_activities
    from calibrate.reporting import calibration_text
    from simulator.compiler import check_executable

    if not output.lower().endswith((".bpmn", ".bpmn2", ".xml")):
        raise click.BadParameter(f"{output!r} (expected a .bpmn file)", param_hint="-o")
    if profile_out is not None and not profile_out.lower().endswith((".yaml", ".yml")):
        raise click.BadParameter(f"{profile_out!r} (expected a .yaml file)", param_hint="--profile-out")
    not_an_input(output, "-o", {"the log it reads": log})
    if profile_out is not None:
        not_an_input(profile_out, "--profile-out", {"the log it reads": log})
    table, stream, exported, validate = read_checked_log(log, kwargs, exported_at)
    if table.n_cases < 2:  # the "model" would be that case's own sequence, and its profile that case's values
        from processes.errors import InputError

        raise InputError("1 case in the log, too few to discover a process from (expected at least 2 cases: "
                         "a model of one case is that case's sequence alone)", file=log)
    found = discover_model(table, min_frequency=min_frequency, noise=noise)
    model_bytes = to_bpmn_bytes(found.defs)
    checked = None
    if validate:
        # the training part's waits still open are counted to the export, as calibrate --validate counts them
        checked, lane_lines = _validate_discovery(table, log, output, min_frequency, noise, kwargs,
                                                  exported if exported is not None else table.last_seen())
    profile_text = None
    report = None
    if profile_out is not None:
        mapping = map_activities(found.defs, found.table)
        result = calibrate(found.defs, found.table, mapping, base=found.base(), log_name=Path(log).name,
                           exported_at=exported)
        params = made_profile(result.profile, made_from=log, target=profile_out).simulation
        if params is not None:
            check_executable(found.defs.process(), params)
        profile_text = dump_yaml(result.profile)
        report = result.report
    with atomic_write(output, "wb") as fh:
        fh.write(model_bytes)  # type: ignore[attr-defined]
    if profile_out is not None and profile_text is not None:
        with atomic_write(profile_out, "wb") as fh:
            fh.write(  # type: ignore[attr-defined]
                ("# Calibrated by permitflow discover from " + Path(log).name + ".\n" + profile_text).encode("utf-8"))
    click.echo(stream.mapping_line())
    click.echo(f"kept {number(len(found.kept), 'en')} of {counted(len(table.activities), 'activity', 'activities')} "
               f"(in at least {share_said(min_frequency, 'en')} of the cases); {number(found.table.n_events, 'en')} of "
               f"{counted(table.n_events, 'event')}")
    process = found.defs.process()
    tasks = sum(1 for n in process.nodes.values() if type(n).__name__ == "Task")
    gateways = sum(1 for n in process.nodes.values() if type(n).__name__ == "Gateway")
    timers = sum(1 for n in process.nodes.values() if getattr(n, "position", "") == "intermediate_catch")
    click.echo(f"model: {counted(tasks, 'task')}, " + (f"{counted(timers, 'timer event')}, " if timers else "")
               + f"{counted(gateways, 'gateway')}, {counted(len(process.flows), 'flow')} (inductive miner, noise "
               f"{noise:g})")
    said = (*table.notes, *found.notes)  # what the reader, then the discovery, assumed or left out
    if report is not None:
        click.echo(calibration_text(report, notes=said, names=model_names(found.defs.process())))
    else:  # calibration_text says them with --profile-out
        for note in said:
            click.echo(f"note: {note}")
    if checked is not None:
        write_validation_page(*checked)
        echo_validation(checked, lane_lines)
    click.echo(f"wrote {output}" + (f" and {profile_out}" if report is not None else ""))


# the hint depends on how permitflow is installed
discover_cmd.help = (discover_cmd.help or "").replace("{logs_install}", install_hint("logs"))


def _validate_discovery(table: Any, log: str, output: str, min_frequency: float, noise: float,
                        kwargs: dict[str, Any], exported: float) -> tuple[tuple[Any, Any, Any, str, Any], list[str]]:
    """``discover --validate``: discover and calibrate on the first 70 % of the cases, score on the rest; and,
    when the model has lanes by who did the work, the lines comparing it with the one-lane model there."""
    import tempfile

    from bpmn_io.writer import to_bpmn_bytes
    from calibrate.core import calibrate
    from calibrate.discover import discover_model
    from calibrate.lanefit import compare_lanes
    from calibrate.mapping import map_activities
    from calibrate.validate import split_by_start

    train, held = split_by_start(table)
    # validate_held_out takes its options out of kwargs: the one-lane model's run gets them too
    options = dict(kwargs)

    def validated(by_who: bool, given: dict[str, Any]) -> tuple[Any, Any, Any, str, Any]:
        found = discover_model(train, min_frequency=min_frequency, noise=noise, by_who=by_who)
        mapping = map_activities(found.defs, found.table)
        trained = calibrate(found.defs, found.table, mapping, base=found.base(),
                            log_name=Path(log).name + " (training part)", exported_at=exported)
        with tempfile.TemporaryDirectory(prefix="permitflow-discover-") as folder:
            model = Path(folder) / "model.bpmn"
            model.write_bytes(to_bpmn_bytes(found.defs))
            return validate_held_out(str(model), trained.profile, train, held, mapping.labels, output, given,
                                     found.defs)

    checked = validated(True, kwargs)
    lanes = len(checked[4].process().lanes())
    if lanes < 2:  # one lane already: nothing to compare it with
        return checked, []
    # the lanes against one lane on the same held-out cases and seeds (calibrate/lanefit.py states the rule)
    alone = validated(False, options)
    comparison = compare_lanes(lanes, checked[0].data(), alone[0].data())
    if comparison is None:
        return checked, [f"lanes by who did the work ({lanes}) against one lane: not compared, as no held-out case "
                         "ended in a simulation of one of them / banorna jämförs inte med en bana: inget "
                         "undanhållet ärende avslutades i en simulering av någon av dem"]
    return checked, comparison.lines()

