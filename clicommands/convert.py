"""``permitflow convert``: a model between BPMN XML and the YAML authoring format, and simulation
parameters between permitflow's profile and other tools' formats (BPSim, QBP, Prosimos), with the ids renamed
and the warnings said.

Its own module: the longest single command, with helpers only it uses.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from clicommands.options import LENIENT_HELP, InputPath, Number
from clicommands.output import atomic_write, echo_warnings, fail, made_profile, note_lenient, same_file
from clicommands.render import timed_layout
from processes.errors import PermitflowError

if TYPE_CHECKING:
    from processes.model import Definitions, Edge, Process, Shape

__all__ = ["convert_cmd"]


@click.command("convert")
@click.argument("source", metavar="IN")
@click.argument("target", metavar="OUT")
@click.option("--from", "from_fmt", type=click.Choice(["model", "bpsim", "qbp", "prosimos"]), default="model",
              show_default=True,
              help="What IN holds: a model (BPMN or YAML), or simulation parameters of BPSim / QBP (inside a "
                   "BPMN file) or Prosimos (a JSON file; give --model). With bpsim/qbp/prosimos, OUT is a "
                   "profile.yaml.")
@click.option("--to", "to_fmt", type=click.Choice(["model", "prosimos", "profile"]), default="model",
              show_default=True,
              help="What to write: a model (by OUT's extension), Prosimos simulation parameters (JSON) for "
                   "IN and its profile, or a profile.yaml to fill in for IN's model (every task, wait and "
                   "choice keyed by its id, with a placeholder value; OUT must not exist yet).")
@click.option("--profile", type=InputPath("a profile.yaml", exists=False),
              help="With --to prosimos: the profile.yaml (default: the one beside IN, or the library's).")
@click.option("--model", "model_arg", help="With --from prosimos: the BPMN model the parameters are for.")
@click.option("--bpmn", "bpmn_out", type=InputPath("a .bpmn file to write", exists=False),
              help="With --to prosimos: also write IN as the BPMN Prosimos can read (every activity a plain task; "
                   "Prosimos stops on userTask, sendTask, subProcess ...).")
@click.option("--scenario", help="With --from bpsim: the BPSim scenario to import, by id or name (default: the first).")
@click.option("--start", "start_date", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="With --to profile: the simulation's start date written in the profile (default: 2025-01-01, "
                   "the library profiles' start, so the same model gives the same profile in any year).")
@click.option("--lenient", is_flag=True, help=LENIENT_HELP)
@click.option("--layout-timeout", type=Number(min=0, what="a number of seconds", example="60 or 0"), metavar="SECONDS",
              help="Seconds Graphviz may take for a model without diagram (default: 60 plus 0.05 a node; 0: no limit).")
@click.option("--verbose", "-v", is_flag=True, help="Say on stderr which layout engine ran (dot or graphviz-pure), how long.")
def convert_cmd(source: str, target: str, from_fmt: str, to_fmt: str, profile: str | None,
                model_arg: str | None, bpmn_out: str | None, scenario: str | None, start_date: dt.datetime | None,
                lenient: bool, layout_timeout: float | None, verbose: bool) -> None:
    """Convert a model between BPMN 2.0 XML and the YAML authoring form, or
    simulation parameters between permitflow, BPSim, QBP and Prosimos.

    The model formats follow the extensions: .bpmn, .bpmn2, .xml are BPMN;
    .yaml, .yml the authoring form (README.md, "Writing a process in YAML";
    every key: docs/yaml.md). A
    BPMN output without diagram gets one laid out by Graphviz. An id BPMN tools
    refuse (myProcess{0}, a leading digit, a letter outside ASCII) is renamed in
    a BPMN output, references follow, and each renaming is one warning line on
    stderr.
    A YAML OUT leaves out vendor extensions, a process's ioSpecification and
    root elements other than messages (itemDefinition ...): one warning line
    on stderr names them.
    Each simulation parameter the other side cannot express is named in one
    warning line on stderr. Nothing is written when the input is bad.
    --to profile writes a profile.yaml to fill in for IN's model (its own ids,
    placeholder values that simulate as written; never over a file that exists;
    of several processes with steps the first, which simulate runs: stderr says so),
    starting on --start (default 2025-01-01): the same IN gives the same bytes;
    a model the simulator cannot run is bad input (exit 2, as for simulate).
    OUT may be IN for a BPMN model: the file is written again from the model
    (XML comments are not kept; a diagram is added when missing, ids renamed as
    above). A YAML OUT that is IN is refused: the YAML written would lose the
    file's comments; so is a --bpmn (--to prosimos) that is IN or the --profile.

    \b
    Examples:
      permitflow convert examples/permit.yaml permit.bpmn
      permitflow convert process.bpmn process.yaml
      permitflow convert helsingborg prosimos.json --to prosimos --bpmn prosimos.bpmn
      permitflow convert simulationProcess.bpmn2 profile.yaml --from bpsim
      permitflow convert PurchasingExampleQBP.bpmn profile.yaml --from qbp
      permitflow convert params.json profile.yaml --from prosimos --model model.bpmn
      permitflow convert model.bpmn profile.yaml --to profile
    """
    from bpmn_io.loading import load_model, model_format

    if from_fmt != "model" and to_fmt != "model":
        raise click.UsageError("give --from or --to, not both")
    if to_fmt == "profile":
        if bpmn_out is not None or scenario is not None or profile is not None:
            raise click.UsageError("--bpmn and --profile go with --to prosimos, --scenario with --from bpsim")
        _profile_skeleton(source, target, strict=not lenient,
                          start=start_date.date() if start_date is not None else None)
        return
    if start_date is not None:
        raise click.UsageError("--start goes with --to profile")
    if from_fmt != "model" or to_fmt != "model":
        if scenario is not None and from_fmt != "bpsim":
            raise click.UsageError("--scenario goes with --from bpsim")
        _convert_parameters(source, target, from_fmt, to_fmt, profile, model_arg, bpmn_out, scenario,
                            strict=not lenient)
        return
    if bpmn_out is not None or scenario is not None:
        raise click.UsageError("--bpmn goes with --to prosimos, --scenario with --from bpsim")
    kind = model_format(target)
    if kind is None:
        raise click.UsageError(f"OUT {target!r}: unknown extension (expected .bpmn, .bpmn2, .xml, .yaml or .yml)")
    if kind == "yaml" and same_file(source, target):
        fail(f"{target}: the output is the input file: written as YAML it would lose its comments; "
             "write to another file")
    defs = load_model(source, strict=not lenient)
    renamed: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    if kind == "yaml":
        from bpmn_io.authoring_write import left_out, to_authoring

        data = to_authoring(defs, source=source).encode("utf-8")
        if dropped := left_out(defs):
            warnings = (f"{source}: not kept in {target} (the YAML form has no place for them): "
                        + "; ".join(dropped),)
    else:
        from bpmn_io.layout import with_diagram
        from bpmn_io.writer import bpmn_export

        with timed_layout(layout_timeout, verbose):
            drawn = with_diagram(defs)
            exported = bpmn_export(drawn)
        # the layout names its shapes after their elements (Granska_ansökan_di): those ids were
        # never in the file, so their renaming is not reported (the element's own id is)
        made = _diagram_ids(drawn) - _diagram_ids(defs)
        data, renamed = exported.data, tuple(pair for pair in exported.renamed_ids if pair[0] not in made)
    with atomic_write(target, "wb") as fh:
        fh.write(data)  # type: ignore[attr-defined]  # atomic_write yields an open binary file
    if lenient:
        note_lenient(defs, source)  # once written (a refusal says what it refused, not what was repaired)
    echo_warnings(warnings)
    _report_renamed_ids(source, target, renamed)


def _profile_skeleton(source: str, target: str, *, strict: bool, start: dt.date | None) -> None:
    """``convert MODEL OUT --to profile``: a profile to fill in, written only where no file is."""
    from bpmn_io.loading import load_model
    from bpmn_io.simformats.skeleton import profile_skeleton, profile_yaml
    from processes.errors import InputError, NotExecutableError
    from processes.mainprocess import left_out_note
    from processes.mojibake import readable_names
    from simulator.compiler import check_executable

    if not target.lower().endswith((".yaml", ".yml")):
        raise click.UsageError(f"OUT {target!r}: a profile is YAML (expected a .yaml file)")
    if Path(target).exists():
        fail(f"{target}: exists: the profile to fill in would replace it; write to another file")
    defs = load_model(source, strict=strict)
    if not strict:  # a cancel end outside a transaction read as a plain end, as simulate --lenient runs it
        from bpmn_io.lenient import plain_cancel_ends

        defs = plain_cancel_ends(defs)
    if not defs.processes:  # a collaboration of black-box pools, or a diagram alone: nothing to fill in
        fail(f"{source}: no process to simulate (the file holds no process element; expected one with a start "
             "event, its steps and flows); no profile written")
    # its pools' names, notes and comments are read by people: names as diff reads them ("klären")
    readable = readable_names(defs)[0]
    converted = profile_skeleton(readable) if start is None else profile_skeleton(readable, start=start)
    params = made_profile(converted.document, made_from=source, target=target).simulation
    if params is not None and defs.processes:
        try:
            check_executable(defs.process(), params)  # it simulates as written (an element it cannot run is named)
        except NotExecutableError as err:  # bad input (exit 2), as simulate says it: at the model's line of the first
            first = err.elements[0] if err.elements else None
            raise InputError(err.message, file=source, line=defs.source_lines.get(first) if first else None) from None
        except PermitflowError as err:
            raise err.located(file=source) from None
    data = profile_yaml(converted, f"A profile to fill in for {Path(source).name}: every value is a placeholder "
                                   "(docs/profile.md).").encode("utf-8")
    with atomic_write(target, "wb") as fh:
        fh.write(data)  # type: ignore[attr-defined]
    if not strict:
        note_lenient(defs, source)
    for line in converted.warnings:
        click.echo(f"permitflow: {target}: {line}", err=True)
    left_out = left_out_note(defs)
    if left_out:  # the profile keys the first process's steps only
        click.echo(f"permitflow: {target}: the profile is for {left_out}", err=True)


def _diagram_ids(defs: Definitions) -> set[str]:
    """The ids of every diagram, plane, shape, edge and label of ``defs``."""
    ids: set[str] = set()
    for diagram in defs.diagrams:
        ids.update((diagram.id, diagram.plane.id))
        items: tuple[Shape | Edge, ...] = (*diagram.plane.shapes, *diagram.plane.edges)
        for item in items:
            ids.add(item.id)
            if item.label is not None:
                ids.add(item.label.id)
    return ids


_RENAMED_SHOWN = 20


def _report_renamed_ids(source: str, target: str, renamed: tuple[tuple[str, str], ...]) -> None:
    """One warning line per id the export renamed (the first 20, then a count)."""
    from processes.xmlids import id_fault

    for old, new in renamed[:_RENAMED_SHOWN]:
        why = id_fault(old) or "is also the id of an element (the definitions' id is changed)"
        click.echo(f"permitflow: warning: {source}: id {old!r} {why}; written as {new!r} in {target}"
                   + (" (references follow)" if id_fault(old) else ""), err=True)
    if len(renamed) > _RENAMED_SHOWN:
        click.echo(f"permitflow: warning: {source}: {len(renamed) - _RENAMED_SHOWN} more ids renamed "
                   f"the same way in {target}", err=True)


def _simulation_inputs(model: str, profile: str | None, *,
                       strict: bool = True) -> tuple[Process, dict[str, Any], str]:
    """(process, raw profile, profile source) for a library name or a model file."""
    from bpmn_io import library as lib
    from bpmn_io.loading import load_model
    from bpmn_io.profile import read_profile

    defs = load_model(model, strict=strict)
    if profile is not None:
        path = Path(profile)
    elif not Path(model).exists() and lib.is_library_name(model):
        path = lib.library_root() / model / lib.PROFILE_FILE
    else:
        path = Path(model).parent / lib.PROFILE_FILE
        if not path.is_file():
            raise click.UsageError(f"no profile beside {model} (expected {path}, or give --profile)")
    return defs.process(), read_profile(path).raw, str(path)  # type: ignore[attr-defined]


def _convert_parameters(source: str, target: str, from_fmt: str, to_fmt: str, profile: str | None,
                        model_arg: str | None, bpmn_out: str | None = None, scenario: str | None = None,
                        *, strict: bool = True) -> None:
    """``convert --from bpsim|qbp|prosimos`` and ``convert --to prosimos``."""
    import json

    from bpmn_io import simformats
    from bpmn_io.loading import load_model
    from bpmn_io.profile import profile_from_data
    from bpmn_io.yamlsrc import dump_yaml

    if to_fmt == "prosimos":
        if not target.lower().endswith(".json"):
            raise click.UsageError(f"OUT {target!r}: Prosimos parameters are JSON (expected a .json file)")
        for given in (source, profile):
            if bpmn_out is not None and given is not None and same_file(bpmn_out, given):
                fail(f"{bpmn_out}: --bpmn is an input file: the simplified BPMN Prosimos reads would replace it; "
                     "write to another file")
        process, raw, prof_source = _simulation_inputs(source, profile, strict=strict)
        params = profile_from_data(raw, source=prof_source).simulation
        if params is None:
            raise click.UsageError(f"{prof_source} has no simulation: section")
        defs = load_model(source, strict=strict)
        if not strict:  # Prosimos cannot follow a flow to nothing either: left out, as simulate does
            from bpmn_io.lenient import for_simulation

            defs = for_simulation(defs)
        converted = simformats.to_prosimos(defs, params)
        data = (json.dumps(converted.document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        if bpmn_out is not None:
            bpmn_data, bpmn_warnings = simformats.prosimos_bpmn(defs)
            converted = simformats.Converted(converted.document, converted.warnings + bpmn_warnings)
    else:
        if bpmn_out is not None:
            raise click.UsageError("--bpmn goes with --to prosimos")
        if not target.lower().endswith((".yaml", ".yml")):
            raise click.UsageError(f"OUT {target!r}: imported parameters are a profile (expected a .yaml file)")
        if from_fmt == "prosimos":
            if model_arg is None:
                raise click.UsageError("--from prosimos needs --model (the BPMN model the parameters are for)")
            from bpmn_io.simformats.prosimos_shape import read_document
            from bpmn_io.userfile import MAX_YAML_BYTES, read_user_file

            data = read_user_file(source, what="Prosimos parameter file", max_bytes=MAX_YAML_BYTES)
            doc = read_document(data, source=source)
            defs, model_source = load_model(model_arg, strict=strict), model_arg
            converted = simformats.prosimos_to_profile(doc, defs, source=source)
        elif from_fmt == "bpsim":
            defs, model_source = load_model(source, strict=strict), source
            converted = simformats.bpsim_to_profile(defs, source=source, scenario=scenario)
        else:
            defs, model_source = load_model(source, strict=strict), source
            converted = simformats.qbp_to_profile(defs, source=source)
        # refuse a result that is not a valid profile
        made_profile(converted.document, made_from=source, target=target)
        data = dump_yaml(converted.document).encode("utf-8")
    echo_warnings(converted.warnings)
    with atomic_write(target, "wb") as fh:
        fh.write(data)  # type: ignore[attr-defined]
    if bpmn_out is not None:
        with atomic_write(bpmn_out, "wb") as fh:
            fh.write(bpmn_data)  # type: ignore[attr-defined]
    if not strict:
        note_lenient(defs, source if to_fmt == "prosimos" else model_source)

