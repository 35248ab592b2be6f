"""``permitflow calibrate``: a model's simulation parameters fitted to a case log and written as a
profile, optionally validated on held-out cases.

Its own module: one command; what it shares with discover is in calibration.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from clicommands.calibration import (
    echo_validation,
    model_and_base,
    model_names,
    note_unused_mapping,
    read_checked_log,
    validate_held_out,
    validate_options,
    write_validation_page,
)
from clicommands.options import (
    LOG_FILE,
    InputPath,
    exported_at_option,
    format_option,
    log_options,
)
from clicommands.output import atomic_write, made_profile, not_an_input

__all__ = ["calibrate_cmd"]


@click.command("calibrate")
@click.argument("model", metavar="MODEL")
@click.argument("log", metavar="LOG", type=InputPath(LOG_FILE))
@click.option("-o", "--output", required=True, type=InputPath("a profile.yaml to write", exists=False),
              help="The profile.yaml to write.")
@click.option("--profile", type=InputPath("a profile.yaml"),
              help="The profile to start from (default: the one beside MODEL or the library's; none is "
                   "fine). An empty file is refused, as simulate refuses it; a file holding {} starts from "
                   "nothing.")
@click.option("--mapping", "mapping_file", type=InputPath("a YAML mapping of log activities"),
              help="YAML: log activity -> element id, or 'ignore', for what the matcher cannot map (a boundary "
                   "timer's id: the activity is that timer firing).")
@exported_at_option
@log_options
@format_option("text", "json")
@validate_options
def calibrate_cmd(model: str, log: str, output: str, profile: str | None, mapping_file: str | None,
                  exported_at: str | None, fmt: str, **kwargs: Any) -> None:
    """Fit MODEL's simulation parameters to a case log and write them as a profile.

    Log activities are mapped onto model steps (element ids in the log, the
    --mapping file, equal names, then the diff's matcher); unmapped ones are
    listed. Fitted: arrivals per year and month, each step's work time or
    calendar delay (exponential / lognormal / gamma by AIC, or empirical; a
    wait that a boundary timer can end with the waits the log shows it cut
    off, and the waits still open at the log's export, as right-censored), branching probabilities, committee meeting days and agenda cut-off, pool
    sizes and working hours, and where the legal clock starts and stops. Each
    fitted value says `source: log LOG (N cases, PERIOD)` and its 95% interval;
    everything else stays as the model's profile had it. Completion-only logs
    get estimated start times (said in the output); a row repeated exactly,
    in every column, is dropped with a note. The profile is written only
    when it loads and passes the simulator's checks.

    \b
    Examples:
      permitflow simulate helsingborg --years 5 --eventlog log.xes
      permitflow calibrate helsingborg log.xes -o profile.yaml
      permitflow simulate helsingborg --profile profile.yaml
      permitflow calibrate model.bpmn cases.csv -o profile.yaml --mapping mapping.yaml
    """
    import json

    from bpmn_io.profile import provenance_gaps
    from bpmn_io.yamlsrc import dump_yaml
    from calibrate.core import calibrate
    from calibrate.endings import endings_notes
    from calibrate.mapping import map_activities, mappable_steps, parse_mapping
    from calibrate.reporting import calibration_text
    from simulator.compiler import check_executable

    if not output.lower().endswith((".yaml", ".yml")):
        raise click.BadParameter(f"{output!r} (expected a .yaml file)", param_hint="-o")
    not_an_input(output, "-o", {"the model it reads": model, "the log it reads": log,
                                "the --mapping file it reads": mapping_file})
    defs, base, _base_source = model_and_base(model, profile)
    given = None
    if mapping_file is not None:
        from bpmn_io.userfile import MAX_YAML_BYTES, read_user_file

        given = parse_mapping(read_user_file(mapping_file, what="mapping file", max_bytes=MAX_YAML_BYTES),
                              source=mapping_file,
                              elements=frozenset(mappable_steps(defs.process())) | {  # a timer's firing too
                                  n.id for n in defs.process().nodes.values() if getattr(n, "position", "") == "boundary"})
    table, stream, exported, validate = read_checked_log(log, kwargs, exported_at)
    if table.n_cases < 2:  # every share and interval would be that case's own value: a profile of false certainty
        from processes.errors import InputError

        raise InputError("1 case in the log, too few to calibrate from (expected at least 2 cases: a share, a "
                         "spread or an interval of one case is that case's value alone)", file=log)
    if given and mapping_file is not None:
        note_unused_mapping(mapping_file, given, table.activities)
    mapping = map_activities(defs, table, mapping_file=given)
    result = calibrate(defs, table, mapping, base=base, log_name=Path(log).name, exported_at=exported)
    checked = None
    if validate:
        from calibrate.validate import split_by_start

        train, held = split_by_start(table)
        train_map = map_activities(defs, train, mapping_file=given)
        trained = calibrate(defs, train, train_map, base=base, log_name=Path(log).name + " (training part)",
                            exported_at=exported if exported is not None else table.last_seen())
        # the held-out log's activities are named by the training part's mapping, and those only the held-out
        # cases have by the whole log's: labels for the comparison, not fitted
        checked = validate_held_out(model, trained.profile, train, held, {**mapping.labels, **train_map.labels},
                                    output, kwargs, defs)
    text = dump_yaml(result.profile)
    params = made_profile(result.profile, made_from=log, target=output).simulation
    # a self-check of calibrate on a documented start: a user's own plain profile (numbers without
    # source:/assumption:, as simulate accepts) is kept as it was, so its gaps are not calibrate's
    gaps = provenance_gaps(result.profile) if base is None or not provenance_gaps(base) else []
    if gaps:
        raise click.ClickException(f"internal: numbers without source or assumption: {', '.join(gaps[:5])}")
    if params is not None:
        check_executable(defs.process(), params)
    with atomic_write(output, "wb") as fh:
        fh.write(  # type: ignore[attr-defined]
            ("# Calibrated by permitflow from " + Path(log).name + "; see each entry's source and note.\n"
             + text).encode("utf-8"))
    if checked is not None:
        write_validation_page(*checked)
    said = [*table.notes, *endings_notes(table)]  # what the reader, then the calibration, assumed
    if fmt == "json":
        click.echo(json.dumps({"profile": output, "columns": stream.mapping_line(), "notes": said,
                               **result.report, **({"validation": checked[0].data()} if checked else {})},
                              ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(stream.mapping_line())
        click.echo(calibration_text(result.report, notes=said, names=model_names(defs.process())))
        if checked is not None:
            echo_validation(checked)
        click.echo(f"wrote {output}")

