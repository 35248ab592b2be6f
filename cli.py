"""permitflow command line: the only place that prints, reads user paths and sets exit codes.

Exit codes: 0 ok, 1 problems found / run failed, 2 bad input or usage.
A user error is one line naming file, line and element id; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import datetime as dt
import errno
import gc
import io
import math
import os
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import click

from processes.errors import PermitflowError
from processes.extras import install_hint
from processes.numbers import share as share_said
from processes.wording import counted

__all__ = ["main", "cli", "atomic_write"]


# --------------------------------------------------------------------------- shared helpers


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



def _format_option(*choices: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--format``: one of ``choices``, the first by default; JSON where offered is for other programs."""
    words = {"text": "lines to read", "table": "a table to read", "yaml": "YAML to keep or edit", "json": "JSON for other programs",
             "csv": "CSV for a spreadsheet", "markdown": "Markdown for a document"}
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=choices[0], show_default=True,
                        help="How the result is printed: " + ", ".join(f"{c} ({words.get(c, c)})" for c in choices)
                        + ".")

class _Number(click.FloatRange):
    """click's FloatRange without nan: its bounds are checked with < and >, which nan passes, so
    ``--threshold nan`` reached the matcher (a traceback) and ``--noise nan`` the miner (exit 0)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number (expected {self._describe_range()})", param, ctx)
        return number


class _InputPath(click.Path):
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
_LOG_FILE = "a case log: .xes, .xes.gz or .csv"


def _made_profile(document: Mapping[str, Any], *, made_from: str, target: str) -> Any:
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


def _option_hint(err: PermitflowError, command: click.Command | None) -> str:
    """What to add to a refusal an option gets past (``--lenient``, ``--layout-timeout``): the option's
    hint, when ``command`` has the option (a hint names only options of the command that printed it)."""
    if not err.option or command is None or not any(p.name == err.option for p in command.params):
        return ""
    return f"; {err.option_hint}"


#: errors of a write that found no room (files say which file: bpmn_io.atomic raises OutputError)
_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def _usage_line(err: click.UsageError) -> None:
    """A command line click refuses (a missing argument, an unknown option, a value of the wrong kind) in one line
    and exit 2, as every other refusal: click's own form spread it over three lines and a blank one (Usage, Try,
    Error). Where to read more goes at the end of the line."""
    # the command as typed after the program's name (under a test runner the root is named "cli")
    path = " ".join(["permitflow", *(err.ctx.command_path.split()[1:] if err.ctx is not None else [])])
    click.echo(f"Error: {err.format_message()} (see '{path} --help')", err=True)
    raise SystemExit(err.exit_code)


class _Group(click.Group):
    """Turns domain errors and refused command lines into one line and an exit code, unless --debug."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise  # `permitflow` alone prints its help, as before
        except click.UsageError as err:
            _usage_line(err)
            raise  # not reached: _usage_line exits

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            _usage_line(err)
        except PermitflowError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            command = self.commands.get(ctx.invoked_subcommand or "")
            fail(str(err) + _option_hint(err, command), err.exit_code)
        except BrokenPipeError:
            # the reader went away (``permitflow library | head``): stop quietly, as Unix tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(1) from None
        except (OSError, UnicodeError) as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            if isinstance(err, OSError) and err.errno in _WRITE_ERRORS and not getattr(err, "filename", None):
                raise SystemExit(_output_lost(err)) from None  # only printing names no file
            name = getattr(err, "filename", None)
            detail = getattr(err, "strerror", None) or str(err)
            fail(f"{name}: {detail}" if name else detail, 2)
        return None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show the full traceback on errors.")
@click.version_option(package_name="permitflow")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """permitflow — map, compare and simulate municipal permit processes.

    \b
    Examples:
      permitflow validate processes/library/helsingborg/process.bpmn
      permitflow render helsingborg -o helsingborg.svg
      permitflow diff helsingborg astorp
      permitflow simulate helsingborg --replications 10
      permitflow run            # the bundled Familjen Helsingborg study
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


# --------------------------------------------------------------------------- Map: validate, show, render, convert
# (section owned by the foundation work)


if TYPE_CHECKING:
    from concurrent.futures import Executor

    from processes.diff.nway import Comparison
    from processes.diff.result import ModelDiff
    from processes.model import Definitions, Edge, FlowNode, Process, Shape
    from processes.validate import Problem
    from report.build import EarlyPlots
    from scenarios.batch import BatchResults
    from scenarios.road import Plan
    from scenarios.study import Study
    from simulator.runner import ResultCache


_LENIENT_HELP = ("Read a BPMN file that a tool wrote with flows to missing elements or across processes, "
                 "or with an id used twice (kept as written; renamed <id>_dup<n>), or with boundary events "
                 "in another process than their host (read in the host's); each repair is one note on stderr.")
#: --lenient of diff, compare and simulate: the same read, but a flow to nothing cannot be followed
_LENIENT_LEFT_OUT_HELP = ("Read BPMN files that a tool wrote with flows to missing elements or across processes, "
                          "or with an id used twice (such a flow left out; the repeat renamed <id>_dup<n>), or "
                          "with boundary events in another process than their host (read in the host's); each "
                          "repair is one note on stderr (diff and compare: also among their output's notes).")


def _note_lenient(defs: Definitions, source: str) -> list[str]:
    """What a lenient read of ``source`` repaired, one note line each on stderr (bpmn_io.lenient); the lines."""
    from bpmn_io.lenient import lenient_notes

    lines = lenient_notes(defs, source)
    for line in lines:
        click.echo(f"note: {line}", err=True)
    return lines


_Noted = TypeVar("_Noted", "ModelDiff", "Comparison")


def _with_repairs(result: _Noted, repairs: Sequence[str]) -> _Noted:
    """``result`` (a diff or a comparison) with the repairs of a lenient read (:func:`_note_lenient`) among its
    notes: its differences are those of the models as read (a flow left out changes the order of steps), so the
    output itself says what was repaired (a page or JSON passed on has no stderr beside it)."""
    if not repairs:
        return result
    import dataclasses

    return dataclasses.replace(result, notes=(*result.notes, *repairs))


def _problem_line(source: str, p: Problem) -> str:
    """``FILE:LINE: SEVERITY CODE ELEMENT: MESSAGE``, as an error names its file and line (no line where
    none is known: a YAML model's problems)."""
    return f"{source}{f':{p.line}' if p.line else ''}: {p.severity} {p.code} {p.element}: {p.message}"


@cli.command("validate")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@_format_option("text", "json")
@click.option("--lenient", is_flag=True,
              help="Read BPMN files that tools wrote with flows to missing elements or across processes, "
                   "and report those flows as missing-ref problems instead of refusing the file.")
@click.pass_context
def validate_cmd(ctx: click.Context, files: tuple[str, ...], fmt: str, lenient: bool) -> None:
    """Check BPMN or YAML process models for structural problems.

    Prints one line per problem: FILE:LINE: SEVERITY CODE ELEMENT: MESSAGE,
    LINE being the line of a BPMN file that writes ELEMENT, and MESSAGE what
    is wrong, then in brackets what was expected.
    Exit code 0 when no file has an error (warnings are fine), 1 when one
    has, 2 when a file cannot be read as a model.

    \b
    Codes (errors unless marked):
      no-start, no-end        a process without start or end event
      unreachable, dead-end   a step no start reaches / from which no end is reached
      missing-ref             a flow, lane or default naming a missing element
      duplicate-id            two elements with one id
      cross-scope             a sequence flow crossing a subprocess border
      boundary-host           a boundary event on a gateway or event
      xor-split-and-join      an exclusive choice feeding a parallel join (deadlock)
      and-split-xor-join      parallel branches merged without synchronisation
      trivial-gateway         (warning) a gateway with one flow in and one out
      implicit-end            (warning) an activity without outgoing flow where
                              end events exist: the path ends there
      invalid-id              (warning) an id BPMN tools refuse (myProcess{0}, 241);
                              convert renames it and says so
      optional-path-join      (warning) a parallel join waiting for a path that
                              runs only in some cases (a boundary event's, one
                              branch of a choice, an activity's way on that its
                              interrupting boundary event leads away from): cases
                              without it wait there forever

    \b
    Examples:
      permitflow validate process.bpmn
      permitflow validate examples/permit.yaml processes/library/*/process.bpmn
      permitflow validate --format json process.bpmn
      permitflow validate --lenient B.2.0-export.bpmn
    """
    import json

    from bpmn_io import checkstore

    code = 0
    report: list[dict[str, object]] = []
    for name in files:
        try:
            kept = checkstore.place(name, strict=not lenient)
            found = checkstore.recall(kept) if kept is not None else None
            if found is None:  # not checked before with these bytes and this code
                from bpmn_io.loading import load_model
                from processes.validate import check

                found = check(load_model(name, strict=not lenient))
                if kept is not None:
                    checkstore.keep(kept, name, found)
            problems = found
        except PermitflowError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            hint = "" if lenient else _option_hint(err, ctx.command)
            click.echo(f"permitflow: error: {err}{hint}", err=True)
            report.append({"file": name, "error": f"{err}{hint}", "problems": []})
            code = 2
            continue
        if any(p.severity == "error" for p in problems) and code == 0:
            code = 1
        report.append({"file": name, "problems": _problem_dicts(problems)})
        if fmt == "text":
            for p in problems:
                click.echo(_problem_line(name, p))
            if not problems:
                click.echo(f"{name}: ok")
    if fmt == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    ctx.exit(code)


def _element_kind(node: FlowNode) -> str:
    """``show``'s words for an element: its BPMN element name, and an event's trigger after it."""
    trigger = getattr(node, "trigger", "none")
    return node.tag + ("" if trigger == "none" else f" ({trigger})")


def _problem_dicts(problems: list[Problem]) -> list[dict[str, str | int | None]]:
    return [{"code": p.code, "severity": p.severity, "element": p.element, "line": p.line, "message": p.message}
            for p in problems]


def _model_summary(defs: Definitions, problems: list[Problem]) -> dict[str, object]:
    """The model as plain data for ``show --format json``."""
    from processes.model import Event

    processes = []
    for process in defs.processes:
        elements = []
        for node in process.nodes.values():
            lane = process.lane_of(node.id)
            element: dict[str, object] = {"id": node.id, "kind": node.tag}
            if isinstance(node, Event):
                element["trigger"] = node.trigger
            element.update({"name": node.name, "lane": lane.id if lane else None, "parent": node.parent or process.id})
            elements.append(element)
        processes.append({
            "id": process.id, "name": process.name, "elements": elements,
            "lanes": [{"id": lane.id, "name": lane.name, "elements": list(lane.flow_node_refs)} for lane in process.lanes()],
            "flows": [{"id": f.id, "source": f.source, "target": f.target, "name": f.name,
                       "condition": f.condition.text if f.condition else None} for f in process.flows.values()],
        })
    return {
        "id": defs.id, "processes": processes,
        "pools": [{"id": p.id, "name": p.name, "process": p.process_ref or None} for p in defs.participants()],
        "message_flows": [{"id": m.id, "source": m.source, "target": m.target, "name": m.name}
                          for m in defs.message_flows()],
        "problems": _problem_dicts(problems),
    }


def _one_line(name: str | None) -> str:
    """A name as ``show`` prints it: on one line (tools break long labels with line breaks: ``Gateway&#10;(Split)``)."""
    return " ".join((name or "").split())


def _model_text(defs: Definitions, problems: list[Problem], source: str) -> list[str]:
    """The model as lines of text for ``show``, one line per element, lane, flow and pool."""
    lines = []
    for process in defs.processes:
        lines.append(f"process {process.id}" + (f" — {_one_line(process.name)}" if process.name else ""))
        if process.lane_sets:
            lines.append("  lanes:")
            lines += [f"    {lane.id}: {_one_line(lane.name)} ({counted(len(lane.flow_node_refs), 'element')})"
                      for lane in process.lanes()]
        lines.append(f"  elements ({len(process.nodes)}):")
        for node in process.nodes.values():
            lane = process.lane_of(node.id)
            where = f"  [{lane.id}]" if lane else ""
            lines.append(f"    {node.id}  {_element_kind(node)}  {_one_line(node.name)}{where}".rstrip())
        lines.append(f"  flows ({len(process.flows)}):")
        lines += [f"    {f.id}: {f.source} -> {f.target}" + (f"  [{_one_line(f.name)}]" if f.name else "")
                  for f in process.flows.values()]
    if defs.participants():
        lines.append("pools:")
        lines += [f"  {p.id}: {_one_line(p.name)}" + ("" if p.process_ref else "  (external)")
                  for p in defs.participants()]
    if defs.message_flows():
        lines.append("message flows:")
        lines += [f"  {m.id}: {m.source} -> {m.target}" + (f"  [{_one_line(m.name)}]" if m.name else "")
                  for m in defs.message_flows()]
    lines.append(f"problems ({len(problems)}):")
    lines += ["  " + _problem_line(source, p) for p in problems]
    return lines


@cli.command("show")
@click.argument("file", metavar="FILE")
@_format_option("text", "json")
@click.option("--lenient", is_flag=True,
              help="Read a BPMN file with flows to missing elements or across processes (shown as problems).")
@click.pass_context
def show_cmd(ctx: click.Context, file: str, fmt: str, lenient: bool) -> None:
    """Show the elements, lanes, flows and problems of a BPMN or YAML model.

    An element's kind is its BPMN element name (userTask, exclusiveGateway,
    startEvent, subProcess ...); an event's trigger (message, timer ...) is
    its own field in the JSON, in brackets in the text.
    Exit code 0, or 1 when the model has problems of severity error.

    \b
    Examples:
      permitflow show examples/permit.yaml
      permitflow show process.bpmn --format json
    """
    import json

    from bpmn_io.loading import load_model
    from processes.validate import check

    defs = load_model(file, strict=not lenient)
    problems = check(defs)
    if fmt == "json":
        click.echo(json.dumps(_model_summary(defs, problems), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(_model_text(defs, problems, file)))
    ctx.exit(1 if any(p.severity == "error" for p in problems) else 0)


@cli.command("convert")
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
@click.option("--profile", type=_InputPath("a profile.yaml", exists=False),
              help="With --to prosimos: the profile.yaml (default: the one beside IN, or the library's).")
@click.option("--model", "model_arg", help="With --from prosimos: the BPMN model the parameters are for.")
@click.option("--bpmn", "bpmn_out", type=_InputPath("a .bpmn file to write", exists=False),
              help="With --to prosimos: also write IN as the BPMN Prosimos can read (every activity a plain task; "
                   "Prosimos stops on userTask, sendTask, subProcess ...).")
@click.option("--scenario", help="With --from bpsim: the BPSim scenario to import, by id or name (default: the first).")
@click.option("--start", "start_date", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="With --to profile: the simulation's start date written in the profile (default: 2025-01-01, "
                   "the library profiles' start, so the same model gives the same profile in any year).")
@click.option("--lenient", is_flag=True, help=_LENIENT_HELP)
@click.option("--layout-timeout", type=_Number(min=0), metavar="SECONDS",
              help="Seconds Graphviz may take for a model without diagram (default: 60 plus 0.05 a node; 0: no limit).")
@click.option("--verbose", "-v", is_flag=True, help="Say on stderr which layout engine ran (dot or graphviz-pure), how long.")
def convert_cmd(source: str, target: str, from_fmt: str, to_fmt: str, profile: str | None,
                model_arg: str | None, bpmn_out: str | None, scenario: str | None, start_date: dt.datetime | None,
                lenient: bool, layout_timeout: float | None, verbose: bool) -> None:
    """Convert a model between BPMN 2.0 XML and the YAML authoring form, or
    simulation parameters between permitflow, BPSim, QBP and Prosimos.

    The model formats follow the extensions: .bpmn, .bpmn2, .xml are BPMN;
    .yaml, .yml the authoring form (README.md, "Writing a process in YAML"). A
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
    if kind == "yaml" and _same_file(source, target):
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

        with _layout(layout_timeout, verbose):
            drawn = with_diagram(defs)
            exported = bpmn_export(drawn)
        # the layout names its shapes after their elements (Granska_ansökan_di): those ids were
        # never in the file, so their renaming is not reported (the element's own id is)
        made = _diagram_ids(drawn) - _diagram_ids(defs)
        data, renamed = exported.data, tuple(pair for pair in exported.renamed_ids if pair[0] not in made)
    with atomic_write(target, "wb") as fh:
        fh.write(data)  # type: ignore[attr-defined]  # atomic_write yields an open binary file
    if lenient:
        _note_lenient(defs, source)  # once written (a refusal says what it refused, not what was repaired)
    _echo_warnings(warnings)
    _report_renamed_ids(source, target, renamed)


def _profile_skeleton(source: str, target: str, *, strict: bool, start: dt.date | None) -> None:
    """``convert MODEL OUT --to profile``: a profile to fill in, written only where no file is."""
    from bpmn_io.loading import load_model
    from bpmn_io.simformats.skeleton import profile_skeleton, profile_yaml
    from processes.errors import InputError, NotExecutableError
    from processes.mainprocess import left_out_note
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
    converted = profile_skeleton(defs) if start is None else profile_skeleton(defs, start=start)
    params = _made_profile(converted.document, made_from=source, target=target).simulation
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
        _note_lenient(defs, source)
    for line in converted.warnings:
        click.echo(f"permitflow: {target}: {line}", err=True)
    left_out = left_out_note(defs)
    if left_out:  # the profile keys the first process's steps only
        click.echo(f"permitflow: {target}: the profile is for {left_out}", err=True)


def _echo_warnings(warnings: tuple[str, ...]) -> None:
    """What a conversion could not carry over, one warning line each on stderr."""
    for warning in warnings:
        click.echo(f"permitflow: warning: {warning}", err=True)


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


def _not_an_input(output: str, option: str, inputs: Mapping[str, str | None],
                  models: Sequence[str] = ()) -> None:
    """Refuse an output that is one of the command's ``inputs`` (what it is: its path): a log or a YAML
    model read by its content under any name was replaced by the profile or model written over it; ``models``:
    the models a comparison reads."""
    for what, given in [*inputs.items(), *(("a model it compares", m) for m in models)]:
        if given is not None and _same_file(output, given):
            fail(f"{output}: {option} is {what}: writing it would replace it; write to another file")


def _same_file(a: str, b: str) -> bool:
    """Whether paths ``a`` and ``b`` both exist and are one file (also through a link)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them missing (a library name), or not reachable
        return False


@contextmanager
def _layout(timeout: float | None, verbose: bool) -> Iterator[None]:
    """Graphviz layouts inside the block get ``timeout``; ``verbose``: one stderr line on what ran."""
    from bpmn_io.dot import layout_session

    with layout_session(timeout) as session:
        yield
    if verbose:
        if not session.runs:
            click.echo("permitflow: layout: none needed (the model has its diagram)", err=True)
        for line in session.summary():
            click.echo(f"permitflow: layout: {line}", err=True)


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
            if bpmn_out is not None and given is not None and _same_file(bpmn_out, given):
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
        _made_profile(converted.document, made_from=source, target=target)
        data = dump_yaml(converted.document).encode("utf-8")
    _echo_warnings(converted.warnings)
    with atomic_write(target, "wb") as fh:
        fh.write(data)  # type: ignore[attr-defined]
    if bpmn_out is not None:
        with atomic_write(bpmn_out, "wb") as fh:
            fh.write(bpmn_data)  # type: ignore[attr-defined]
    if not strict:
        _note_lenient(defs, source if to_fmt == "prosimos" else model_source)


def _drawable_model(file: str, *, strict: bool = True) -> object:
    """The model named by ``file`` (BPMN, YAML or library name) with a diagram, laid out if it had none."""
    from bpmn_io.layout import with_diagram
    from bpmn_io.loading import load_model

    return with_diagram(load_model(file, strict=strict))


@cli.command("render")
@click.argument("file", metavar="FILE")
@click.option("-o", "--output", "output", required=True,
              type=_InputPath("an .svg file to write", exists=False), help="The SVG file to write.")
@click.option("--diagram", type=click.IntRange(min=0), default=0, show_default=True,
              help="Which diagram (plane) to draw when the model has several, counting from 0.")
@click.option("--lenient", is_flag=True, help=_LENIENT_HELP)
@click.option("--layout-timeout", type=_Number(min=0), metavar="SECONDS",
              help="Seconds Graphviz may take for a model without diagram (default: 60 plus 0.05 a node; 0: no limit).")
@click.option("--verbose", "-v", is_flag=True, help="Say on stderr which layout engine ran (dot or graphviz-pure), how long.")
@click.pass_context
def render_cmd(ctx: click.Context, file: str, output: str, diagram: int, lenient: bool, layout_timeout: float | None,
               verbose: bool) -> None:
    """Draw a model as an SVG in BPMN notation.

    FILE is a BPMN file, a YAML authoring file or a library name. A model
    without diagram information is laid out left to right first (Graphviz).
    Nothing is written when the input is bad.

    \b
    Examples:
      permitflow render process.bpmn -o process.svg
      permitflow render helsingborg -o helsingborg.svg
      permitflow render drilldown.bpmn --diagram 1 -o subprocess.svg
    """
    from bpmn_io.svg import render_svg
    from processes.errors import ModelError

    if not output.lower().endswith(".svg"):
        raise click.BadParameter(f"{output!r} (expected a file name ending in .svg)", param_hint="-o")
    from click.core import ParameterSource

    try:
        with _layout(layout_timeout, verbose):
            defs: Any = _drawable_model(file, strict=not lenient)  # a Definitions with a diagram
            svg = render_svg(defs, diagram=diagram)  # an unnamed flow's condition where permitflow laid it out
    except ModelError as err:
        raise err.located(file=file) from None
    with atomic_write(output, "wb") as fh:
        fh.write(svg.encode("utf-8"))  # type: ignore[attr-defined]
    if lenient:
        _note_lenient(defs, file)
    count = len(defs.diagrams)
    if count > 1 and ctx.get_parameter_source("diagram") is not ParameterSource.COMMANDLINE:
        # the first diagram of a file may be a called activity's, not the main model's (a tool's export)
        sizes = ", ".join(f"{k}: {len(d.plane.shapes)} shapes" for k, d in enumerate(defs.diagrams))
        click.echo(f"note: {file} has {count} diagrams ({sizes}); drew diagram 0, --diagram K draws another", err=True)


# --------------------------------------------------------------------------- Library: library, facts
# (section owned by the library work)


def _terminal_width() -> int | None:
    """Columns of the terminal the tables go to; None when output is piped (tables keep their width)."""
    if not sys.stdout.isatty():
        return None
    import shutil  # only for a terminal: a piped listing does not pay for the import

    return shutil.get_terminal_size().columns


def _library_profiles(names: tuple[str, ...], *, listed: bool = False) -> list[tuple[str, Any]]:
    """``(name, profile)`` of library ``names`` (default: all) in table order; ``listed``: names and
    facts only (``bpmn_io.library.read_listed_profile``: the same checks, for the listings)."""
    from bpmn_io import library as lib

    known = lib.library_names()
    for name in names:
        if name not in known:
            raise click.BadParameter(f"unknown library municipality {name!r} (expected one of {', '.join(known)})",
                                     param_hint="NAME")
    # read first, then put in table order: the order asks each profile for its handler, which
    # a profile read in this process answers without parsing it again
    reader = lib.read_listed_profile if listed else lib.read_library_profile
    read = {n: reader(lib.library_root() / n / lib.PROFILE_FILE) for n in names or known}
    return [(n, read[n]) for n in lib.ordered_names(list(names) or None)]


@cli.group("library", invoke_without_command=True)
@_format_option("table", "json")
@click.pass_context
def library_cmd(ctx: click.Context, fmt: str) -> None:
    """List what ships with permitflow: the municipal process models with their key
    facts, then the scenarios and studies with their questions.

    A marker [n] after a value names its source (listed below the table), * an
    assumption. Library names work wherever a MODEL is accepted; scenario and
    study names wherever a scenario or study file is (permitflow run NAME). The
    JSON form lists the models, each fact's value and provenance in English and
    Swedish too (facts_en, facts_sv; sources_sv, assumption_sv); permitflow library
    scenarios --format json the scenarios.

    \b
    Examples:
      permitflow library
      permitflow library show klippan
      permitflow library scenarios
      permitflow facts helsingborg landskrona astorp --format markdown
    """
    if ctx.invoked_subcommand is not None:
        return
    import json

    from bpmn_io import library as lib
    from bpmn_io import library_facts as facts

    profiles = _library_profiles((), listed=True)
    columns = (("application_fee", "Application fee"), ("stated_handling_time", "Stated handling time"),
               ("deciding_body", "Deciding body"))
    table = facts.facts_table(profiles, columns)
    models = {name: lib.library_paths(name)[0].parent.name for name, _profile in profiles}
    if fmt == "json":
        rows = [{"name": name, "municipality": display, "handled_by": prof.handled_by,
                 "process": f"{models[name]}/{lib.PROCESS_FILE}",
                 "facts": {key: cell.text for (key, _t), cell in zip(columns, cells, strict=True)},
                 # each value in English and Swedish too, as facts --format json gives them (text_en, text_sv)
                 "facts_en": {key: cell.en or cell.text for (key, _t), cell in zip(columns, cells, strict=True)},
                 "facts_sv": {key: cell.sv or cell.text for (key, _t), cell in zip(columns, cells, strict=True)},
                 # where each fact comes from: the addresses the table's [n] stand for, and its assumption; each
                 # in Swedish too, as the profile writes it (the English where it gives no Swedish)
                 "provenance": {key: {"sources": [table.sources[n - 1] for n in cell.sources],
                                      "assumption": cell.assumption,
                                      "sources_sv": [(table.sources_sv or table.sources)[n - 1] for n in cell.sources],
                                      "assumption_sv": cell.assumption_sv or cell.assumption}
                                for (key, _t), cell in zip(columns, cells, strict=True)}}
                for (name, display, cells), (_n, prof) in zip(table.rows, profiles, strict=True)]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    header = ["Name", "Municipality", "Process"] + [t for _k, t in columns]
    shown = {name: display for name, display, _cells in table.rows}
    handlers = {name: prof.handled_by for name, prof in profiles}

    def process(name: str) -> str:  # the process a case follows, and who handles it when not the municipality
        handler = handlers[name]
        return models[name] + (f" (cases handled by {shown.get(handler, handler)})" if handler else "")

    grid = [[name, display, process(name)] + [c.marked for c in cells] for name, display, cells in table.rows]
    click.echo(facts.render_grid(header, grid, total=_terminal_width()))
    click.echo("")
    click.echo("\n".join(facts.source_lines(table)))
    click.echo("")
    click.echo(_shipped_table())


def _shipped_table() -> str:
    """The shipped scenarios and studies as a table: name, what it asks (a study: its title and size)."""
    from bpmn_io import library_facts as facts
    from scenarios.shipped import shipped_files

    grid = [[f.name, f.question if f.kind == "scenario" else f"{f.question} (a study: {f.scenarios} scenarios)"]
            for f in shipped_files()]
    return ("Scenarios and studies: permitflow run NAME (a scenario also: permitflow optimise NAME)\n\n"
            + facts.render_grid(["Name", "Question"], grid, width=80, total=_terminal_width()))


@library_cmd.command("scenarios")
@_format_option("table", "json")
def library_scenarios_cmd(fmt: str) -> None:
    """List the scenarios and studies shipped with permitflow, with their questions.

    NAME runs one wherever permitflow is installed (a file at the path given wins).

    \b
    Examples:
      permitflow library scenarios
      permitflow run e-service -o out
    """
    import json

    from scenarios.shipped import shipped_files

    if fmt == "json":
        click.echo(json.dumps([{"name": f.name, "kind": f.kind, "question": f.question,
                                "scenarios": f.scenarios} for f in shipped_files()], ensure_ascii=False, indent=2))
        return
    click.echo(_shipped_table())


@library_cmd.command("show")
@click.argument("name")
@_format_option("yaml", "json")
def library_show_cmd(name: str, fmt: str) -> None:
    """Print the profile of library municipality NAME (facts, sources, simulation parameters).

    \b
    Example:
      permitflow library show helsingborg
    """
    import json

    from bpmn_io import library as lib

    (_name, profile), = _library_profiles((name,))
    path = lib.library_root() / name / lib.PROFILE_FILE
    if fmt == "json":
        click.echo(json.dumps(profile.raw, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(path.read_text(encoding="utf-8"), nl=False)


@library_cmd.command("build")
@click.argument("names", nargs=-1, metavar="[NAME...]")
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if a process.bpmn differs from its process.yaml.")
def library_build_cmd(names: tuple[str, ...], check: bool) -> None:
    """Regenerate process.bpmn (with layout) from process.yaml for NAMEs (default: all).

    \b
    Examples:
      permitflow library build
      permitflow library build astorp --check
    """
    from bpmn_io import library as lib

    own = lib.own_process_names()
    for name in names:
        if name not in own:
            raise click.BadParameter(f"{name!r} has no process.yaml of its own (expected one of {', '.join(own)})",
                                     param_hint="NAME")
    stale = []
    for name in names or own:
        data = lib.generate_bpmn(name)
        target = lib.library_root() / name / lib.PROCESS_FILE
        if target.is_file() and target.read_bytes() == data:
            click.echo(f"{name}: up to date")
            continue
        if check:
            stale.append(name)
            click.echo(f"{name}: {lib.PROCESS_FILE} differs from {lib.AUTHORING_FILE}")
            continue
        with atomic_write(target) as fh:
            fh.write(data)  # type: ignore[attr-defined]  # atomic_write yields an open binary file
        click.echo(f"{name}: wrote {target}")
    if stale:
        raise SystemExit(1)


@cli.command("facts")
@click.argument("names", nargs=-1, metavar="[NAME...]")
@_format_option("table", "csv", "markdown", "json")
def facts_cmd(names: tuple[str, ...], fmt: str) -> None:
    """Print the facts table: the mapping's dimensions, values from public pages (year).

    The dimensions are those the 2022 Familjen Helsingborg mapping compared (fee,
    e-service, stated time, staff, collaboration; its report also names the degree of
    delegation: the deciding body) plus who handles the case and the local rules
    (riktlinjer, serving hours); the values are what public pages showed,
    with their year, not the 2022 mapping's own figures. Each cell has its sources [n],
    an assumption (*) marker, or both. Values are as the profiles write them (Swedish
    where the page is); the JSON adds each value's English and Swedish beside it
    (text_en, text_sv), and each assumption's and source's Swedish (assumption_sv,
    sources_sv).

    \b
    Examples:
      permitflow facts
      permitflow facts helsingborg landskrona astorp --format markdown
      permitflow facts --format csv > facts.csv
    """
    from bpmn_io import library_facts as facts

    click.echo(facts.render_facts(facts.facts_table(_library_profiles(names, listed=True)), fmt, total=_terminal_width()),
               nl=False)


# --------------------------------------------------------------------------- Case-log options (log inspect,
# calibrate, discover, and diff/compare of logs)


def _log_options(func: Callable[..., Any]) -> Callable[..., Any]:
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


def _log_columns(kwargs: dict[str, Any]) -> Any:
    from bpmn_io.caselog import LogColumns

    return LogColumns(case=kwargs.pop("col_case"), activity=kwargs.pop("col_activity"),
                      timestamp=kwargs.pop("col_timestamp"), start=kwargs.pop("col_start"),
                      resource=kwargs.pop("col_resource"), date_format=kwargs.pop("date_format"),
                      time=kwargs.pop("col_time"))


# --------------------------------------------------------------------------- Compare: diff, compare
# (section owned by the diff work)

_DIFF_FORMATS = click.Choice(["text", "json", "markdown", "html"])


def _compare_input(arg: str, from_logs: dict[str, Any] | None = None, *,
                   strict: bool = True) -> tuple[str, object, dict[str, object] | None]:
    """(name, Definitions, raw profile or None) for a library name, a model file or a case log.

    ``strict=False`` (``--lenient``) reads a model file leniently and leaves out the sequence
    flows it cannot follow (:func:`bpmn_io.lenient.without_broken_flows`); :func:`_note_lenient`
    says what was repaired.

    A case log (``from_logs``: the log options) becomes a model discovered from it, or
    the ``--model`` calibrated to it (:func:`_model_from_log`).

    A library name reads the library's process and profile; a file reads the model
    and, when a ``profile.yaml`` lies beside it, that profile (its facts and parameters
    are compared too). The name is the library name, else the file's stem (its folder's
    name when the file is called ``process``).
    """
    from bpmn_io import library as lib
    from bpmn_io.loading import load_model
    from bpmn_io.profile import read_profile

    if from_logs is not None and _is_log_input(arg, from_logs):
        return _model_from_log(arg, from_logs, strict=strict)
    if lib.is_library_name(arg):
        folder = lib.library_root() / arg
        if not (folder / lib.PROCESS_FILE).is_file() and (folder / lib.AUTHORING_FILE).is_file():
            # the authoring source, before process.bpmn is generated from it
            return arg, load_model(folder / lib.AUTHORING_FILE), read_profile(folder / lib.PROFILE_FILE).raw
        entry = lib.load_entry(arg)
        return arg, entry.definitions, entry.profile.raw
    path = Path(arg)
    if from_logs is not None and not path.exists() and not arg.lower().endswith(_MODEL_SUFFIXES):
        from processes.errors import InputError

        # compare also reads case logs: a missing one is not told it should have been a model
        raise InputError("no such file (expected a .bpmn or .yaml model, a case log (.xes, .xes.gz, .csv) or a "
                         f"library name: {', '.join(lib.library_names())})", file=arg)
    defs = load_model(path, strict=strict)
    if not strict:
        from bpmn_io.lenient import without_broken_flows

        defs = without_broken_flows(defs)
    _refuse_missing_references(defs, path)
    profile_path = path.parent / "profile.yaml"
    raw = read_profile(profile_path).raw if profile_path.is_file() else None
    name = path.parent.name if path.stem == "process" and path.parent.name else path.stem
    return name, defs, raw


def _is_log_input(arg: str, from_logs: dict[str, Any] | None) -> bool:
    """True if :func:`_compare_input` reads ``arg`` as a case log (``from_logs``: the log options)."""
    if from_logs is None or arg.lower().endswith(_MODEL_SUFFIXES) or not Path(arg).exists():
        return False
    from bpmn_io.logfiles import is_case_log  # the log readers (lxml, csv, gzip) only for a file

    return is_case_log(arg)


def _model_file_of(arg: str, from_logs: dict[str, Any] | None) -> str:
    """The file :func:`_compare_input` read ``arg``'s model from, for what ``--lenient`` repaired in
    it: a case log's ``--model``, else ``arg`` (a log without one has a discovered model: nothing read)."""
    if from_logs is not None and from_logs["model"] and _is_log_input(arg, from_logs):
        return str(from_logs["model"])
    return arg


def _refuse_missing_references(defs: Definitions, path: Path) -> None:
    """diff and compare refuse a model whose lane, message flow, default flow or boundary event
    names an element that is not there (validate's ``missing-ref`` errors), with one line, as the
    reader refuses such a sequence flow: which steps a lane holds and what a message flow joins are
    compared. validate's other errors (paths, gateways) do not stop a comparison of models as drawn."""
    from processes.validate import missing_references

    missing = missing_references(defs)
    if not missing:
        return
    from processes.errors import InputError

    first = missing[0]
    more = f"; {counted(len(missing) - 1, 'more such reference')}" if len(missing) > 1 else ""
    # the message says what was expected; the line is the reader's (lxml's), as its own errors say it
    raise InputError(f"{first.message}{more}; permitflow validate lists them all", file=str(path),
                     line=defs.source_lines.get(first.element), element=first.element)


#: file names that are models, never case logs (what ``bpmn_io.logfiles.is_case_log`` says, without importing it)
_MODEL_SUFFIXES = (".bpmn", ".bpmn2", ".yaml", ".yml")


class _Unread:
    """An argument that failed to read in :func:`_compare_inputs`; its error is raised in argument order.
    Not picklable: a forked helper with one fails as a whole, and this process reads its share again."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def __reduce__(self) -> Any:
        raise TypeError("an unread argument is not sent between processes")


def _compare_inputs(args: Sequence[str], from_logs: dict[str, Any], workers: int,
                    first: Callable[[], Any], *,
                    strict: bool = True) -> tuple[Any, list[tuple[str, object, dict[str, object] | None]]]:
    """``(first(), [_compare_input(arg) for arg in args])``, computed as if in that order.

    When every argument is a model file (.bpmn, .bpmn2, .xml, .yaml, .yml) or a library name and
    ``workers`` > 1, a forked helper (:func:`processes.forkshare.run_shared`) reads three arguments
    in four while this process runs ``first`` (the comparison's imports: about as long as reading
    three models) and reads the fourth: reading and checking ten models and their profiles is most
    of a cold ``compare`` before its pairs. The result is the same; an error in ``first`` is raised
    first, then the error of the first bad argument in order (all arguments are read then)."""
    from bpmn_io.userfile import is_stream_path

    def read(arg: str) -> object:
        try:
            return _compare_input(arg, from_logs, strict=strict)
        except Exception as err:  # noqa: BLE001 - raised below, in argument order
            return _Unread(err)

    def alone(arg: str) -> bool:  # read by a helper: nothing that is read once or reads a log
        if is_stream_path(arg):
            return False
        path = Path(arg)
        return not path.exists() or (path.is_file() and path.suffix.lower() in (*_MODEL_SUFFIXES, ".xml"))

    if workers > 1 and all(alone(a) for a in args):
        from processes.forkshare import run_shared

        here = [k for k in range(len(args)) if k % 4 == 3]
        there = [k for k in range(len(args)) if k % 4 != 3]

        def share(group: tuple[bool, list[int]]) -> tuple[Any, list[object]]:
            done = first() if group[0] else None
            return done, [read(args[k]) for k in group[1]]

        (_, theirs), (done, ours) = run_shared([(False, there), (True, here)], share, 2, last_here=True)
        results: list[object] = [None] * len(args)
        for k, result in zip(there + here, theirs + ours, strict=True):
            results[k] = result
    else:
        done = first()
        results = []
        for arg in args:  # one by one: nothing after the first bad argument is read
            results.append(read(arg))
            if isinstance(results[-1], _Unread):
                break
    for result in results:
        if isinstance(result, _Unread):
            raise result.error
    return done, results  # type: ignore[return-value]


def _model_from_log(path: str, options: dict[str, Any], *,
                    strict: bool = True) -> tuple[str, object, dict[str, object] | None]:
    """A case log as (name, model, calibrated profile): the ``--model`` calibrated to the log, or,
    without one, a model discovered from it (pm4py, ``--min-frequency``) and calibrated to it.
    ``strict=False`` (``--lenient``) reads the ``--model`` as :func:`_compare_input` reads a model file."""
    from bpmn_io.logfiles import read_log
    from calibrate.core import calibrate
    from calibrate.mapping import map_activities

    table, _stream = read_log(path, options["columns"])
    for note in table.notes:  # what the reader assumed or found (as calibrate and discover say it)
        click.echo(f"note: {Path(path).name}: {note}", err=True)
    name = Path(path).name
    for suffix in (".gz", ".xes", ".csv"):
        name = name[: -len(suffix)] if name.lower().endswith(suffix) else name
    if options["model"]:
        defs, base, _source = _model_and_base(options["model"], None, strict=strict)
        fitted = calibrate(defs, table, map_activities(defs, table), base=base, log_name=Path(path).name)
    else:
        from calibrate.discover import discover_model

        found = discover_model(table, min_frequency=options["min_frequency"], noise=0.2)
        defs = found.defs
        fitted = calibrate(defs, found.table, map_activities(defs, found.table), base=found.base(),
                           log_name=Path(path).name)
    return name, defs, fitted.profile


def _log_inputs(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The log options of diff/compare, taken out of ``kwargs``."""
    return {"columns": _log_columns(kwargs), "model": kwargs.pop("log_model"),
            "min_frequency": kwargs.pop("min_frequency")}


def _log_compare_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options for arguments that are case logs (XES, CSV): the columns, and what model to use."""
    func = click.option("--min-frequency", type=_Number(0, 1), default=0.1, show_default=True,
                        help="For a log without --model: keep activities in at least this share of cases when "
                             "discovering its model.")(func)
    func = click.option("--model", "log_model", metavar="MODEL",
                        help="For arguments that are case logs: calibrate this model (library name or file) to "
                             "each log instead of discovering one.")(func)
    return _log_options(func)


def _distinct_names(args: list[str], names: list[str]) -> list[str]:
    """Names that tell the models apart: a file whose name another model shares is named
    ``folder/stem`` ("bpmn-io/C.1.0-export" vs "signavio/C.1.0-export"), or, beside a file of the same
    stem in the same folder, by its file name ("mine.yaml" vs "mine.bpmn"); what is still shared gets
    " (2)", " (3)" ... on its later occurrences (the same file given twice: "a", "a (2)")."""
    out = list(names)
    sources = [str(Path(arg).resolve()) if Path(arg).suffix else arg for arg in args]
    for i, (arg, name) in enumerate(zip(args, names, strict=True)):
        path = Path(arg)
        # a file in the current folder is named by that folder too ("qa/hoganas" beside the library's "hoganas",
        # which is no second copy of it)
        folder = (path.parent if path.parent.name else path.resolve().parent).name if path.suffix else ""
        shared = any(other == name and sources[j] != sources[i] for j, other in enumerate(names))
        if shared and folder and folder != name:
            out[i] = f"{folder}/{path.stem}"
    named = list(out)
    for i, arg in enumerate(args):
        # two files that only their extension tells apart (a model and its conversion) are no second copy
        siblings = [j for j, other in enumerate(named)
                    if other == named[i] and sources[j] != sources[i] and Path(args[j]).suffix]
        if Path(arg).suffix and siblings and all(Path(args[j]).name != Path(arg).name for j in siblings):
            out[i] = Path(arg).name
    seen: dict[str, int] = {}
    for i, name in enumerate(out):
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            out[i] = f"{name} ({seen[name]})"
    return out


def _diff_settings(matches: str | None, synonyms: str | None) -> tuple[object, object]:
    from bpmn_io.userfile import MAX_YAML_BYTES, read_user_file
    from processes.diff import NO_DECISIONS, builtin_synonyms, parse_decisions, parse_synonyms

    def read(path: str, what: str) -> bytes:
        return read_user_file(path, what=what, max_bytes=MAX_YAML_BYTES)

    decisions = parse_decisions(read(matches, "matches file"), source=matches) if matches else NO_DECISIONS
    words = builtin_synonyms()
    if synonyms:
        words = words.merged(parse_synonyms(read(synonyms, "synonyms file"), source=synonyms))
    return decisions, words


def _check_matches(decisions: object, matches: str | None, loaded: list[tuple[str, object]]) -> None:
    """Refuse a matches file naming a step none of the models has (before anything is written)."""
    from processes.diff import check_decisions

    if matches:
        from processes.model import Gateway

        # gateways are not steps: the matcher never pairs them, so a file naming one is refused
        models = {name: [n.id for p in defs.processes for n in p.nodes.values() if not isinstance(n, Gateway)]  # type: ignore[attr-defined]
                  for name, defs in loaded}
        gateways: dict[str, dict[str, list[str]]] = {}  # id -> gateway kind -> the models that have it
        for name, defs in loaded:
            for n in (n for p in defs.processes for n in p.nodes.values() if isinstance(n, Gateway)):  # type: ignore[attr-defined]
                gateways.setdefault(n.id, {}).setdefault(n.tag, []).append(name)
        said = {i: " and ".join(f"{tag} of {', '.join(names)}" for tag, names in kinds.items())
                for i, kinds in gateways.items()}
        check_decisions(decisions, models, source=matches, not_steps=said)  # type: ignore[arg-type]


def _note_other_models(decisions: object, matches: str | None, names: list[str]) -> None:
    """One stderr note per pair of model names a matches file scopes entries to that are not both
    compared (a file saved before a model file was renamed): compare shows no per-pair notes, and
    such entries are not used, so say which lines and what to write."""
    if not matches:
        return
    other: dict[tuple[str, ...], list[int]] = {}
    for d in decisions.confirm + decisions.reject:  # type: ignore[attr-defined]
        if d.models and not set(d.models) <= set(names):
            other.setdefault(tuple(d.models), []).append(d.line)
    for pair, lines in other.items():
        lines.sort()
        where = (f"line {lines[0]}" if len(lines) == 1 else f"lines {', '.join(map(str, lines))}" if len(lines) <= 3
                 else f"lines {lines[0]} to {lines[-1]}")
        missing = ", ".join(n for n in dict.fromkeys(pair) if n not in names)
        click.echo(
            f"note: {matches}: {len(lines)} match decision{'s' if len(lines) > 1 else ''} ({where}) "
            f"for {' vs '.join(pair)} not used: {missing} is not among the models compared "
            f"({', '.join(names)}); to use them, write in their models: the names as on the command line",
            err=True,
        )


def _thesaurus(use: bool, loaded: list[tuple[str, object]], language: str) -> object:
    """The system lexical resources (Debian wordnet-base, mythes-sv) for the labels of ``loaded``."""
    from processes.diff.thesaurus import NO_THESAURUS

    if not use:
        return NO_THESAURUS
    from bpmn_io.lexical import system_thesaurus  # (and the WordNet reader: only for --thesaurus)
    from processes.diff.language import detect_language

    by_language: dict[str, list[str]] = {}
    for _, defs in loaded:
        labels = [n.name for p in defs.processes for n in p.nodes.values() if n.name]  # type: ignore[attr-defined]
        by_language.setdefault(language if language != "auto" else detect_language(labels), []).extend(labels)
    return system_thesaurus(by_language)


def _emit(text: str, output: str | None) -> None:
    if output:
        with atomic_write(output, "wb") as fh:
            fh.write(text.encode("utf-8"))  # type: ignore[attr-defined]
    else:
        click.echo(text, nl=False)


_diff_options = [
    click.option("--format", "fmt", type=_DIFF_FORMATS, default="text", show_default=True,
                 help="text, json (docs/diff-schema.md), markdown, or html (self-contained page with diagrams)."),
    click.option("-o", "--output", type=_InputPath("a file to write", exists=False),
                 help="Write here (atomically) instead of stdout."),
    click.option("--matches", type=_InputPath("a YAML file of confirmed and rejected pairs"),
                 help="YAML file of confirmed/rejected pairs (docs/diff-schema.md#match-decisions); compare "
                      "honours them across every pair of models."),
    click.option("--synonyms", type=_InputPath("a YAML synonym list"),
                 help="YAML synonym list merged with the built-in one."),
    click.option("--threshold", type=_Number(0.0, 1.0), default=0.75, show_default=True,
                 help="Lowest combined score of the one-to-one assignment (later passes pair steps left over below it; README: Matching)."),
    click.option("--language", type=click.Choice(["auto", "sv", "en"]), default="auto", show_default=True,
                 help="Language of the labels, for matching them: sv, en, or auto (detected per model)."),
    click.option("--output-language", "output_language", type=click.Choice(["auto", "sv", "en"]),
                 default="auto", show_default=True,
                 help="Language of the output's words (text, markdown, html; JSON's messages stay English): "
                      "sv, en, or auto (Swedish when every model names its steps in Swedish). Apart from "
                      "--language, which changes how labels are matched."),
    click.option("--thesaurus", is_flag=True,
                 help="Also use the system lexical resources (Debian wordnet-base, mythes-sv) for synonyms."),
    click.option("--lemmas", is_flag=True,
                 help=f"Also use dictionary lemmas (simplemma; {install_hint('lemmas')})."),
    click.option("--lenient", is_flag=True, help=_LENIENT_LEFT_OUT_HELP),
]


def _with_diff_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_diff_options):
        func = option(func)
    return func


@cli.command("diff")
@click.argument("model_a", metavar="A")
@click.argument("model_b", metavar="B")
@_with_diff_options
@click.option("--save-matches", type=_InputPath("a YAML file to write", exists=False),
              help="Also write the pairs found as a match-decisions file to edit and pass back with --matches.")
@_log_compare_options
def diff_cmd(model_a: str, model_b: str, fmt: str, output: str | None, matches: str | None,
             synonyms: str | None, threshold: float, language: str, output_language: str, thesaurus: bool,
             lemmas: bool, lenient: bool, save_matches: str | None, **kwargs: Any) -> None:
    """Compare two process models: matched steps, differences, similarity.

    A and B are library names, BPMN files, YAML authoring files or case logs (XES,
    CSV: a model is discovered from each, or --model is calibrated to it; the log
    column options are those of `log inspect`). Steps are paired
    by content (labels in Swedish or English, synonyms, type, lane, position,
    neighbours), not by id, in three tiers: matched (with a confidence), uncertain
    (with the best candidates and why) and only in one model. Control-flow differences
    come from behavioural relations; profile facts and per-element parameters are
    compared when a profile is known.

    \b
    Examples:
      permitflow diff helsingborg astorp
      permitflow diff helsingborg orkelljunga --format html -o diff.html
      permitflow diff astorp landskrona --output-language en   # English words for Swedish models
      permitflow diff a.bpmn b.bpmn --save-matches matches.yaml   # edit, then --matches matches.yaml
      permitflow diff a.bpmn b.bpmn --format json --matches matches.yaml
      permitflow diff 2023.xes 2024.xes --model helsingborg      # the same model fitted to two logs
      permitflow diff --lenient B.1.0-export.bpmn B.1.0-roundtrip.bpmn  # a tool's flows to nothing left out
    """
    from processes.diff import (
        MatchOptions,
        decisions_yaml,
        diff_markdown,
        diff_models,
        diff_text,
        profile_inputs,
        to_data,
    )

    if output is not None:
        _not_an_input(output, "-o", {"the --matches file it reads": matches,
                                     "the --synonyms file it reads": synonyms}, (model_a, model_b))
    if save_matches is not None:  # over --matches it writes the decisions back: the edit loop the help shows
        _not_an_input(save_matches, "--save-matches", {"the --synonyms file it reads": synonyms},
                      (model_a, model_b))
    decisions, words = _diff_settings(matches, synonyms)
    logs = _log_inputs(kwargs)
    name_a, defs_a, raw_a = _compare_input(model_a, logs, strict=not lenient)
    name_b, defs_b, raw_b = _compare_input(model_b, logs, strict=not lenient)
    repairs: list[str] = []
    if lenient:
        # each file a model was read from (a case log's --model), its notes once
        file_a, file_b = _model_file_of(model_a, logs), _model_file_of(model_b, logs)
        repairs = _note_lenient(defs_a, file_a)  # type: ignore[arg-type]
        if file_b != file_a:
            repairs += _note_lenient(defs_b, file_b)  # type: ignore[arg-type]
    name_a, name_b = _distinct_names([model_a, model_b], [name_a, name_b])
    _check_matches(decisions, matches, [(name_a, defs_a), (name_b, defs_b)])
    facts_a, params_a = profile_inputs(raw_a)  # type: ignore[arg-type]
    facts_b, params_b = profile_inputs(raw_b)  # type: ignore[arg-type]
    result = diff_models(defs_a, defs_b, a_name=name_a, b_name=name_b, synonyms=words,  # type: ignore[arg-type]
                         decisions=decisions, facts_a=facts_a, facts_b=facts_b, params_a=params_a,  # type: ignore[arg-type]
                         params_b=params_b, options=MatchOptions(threshold=threshold), language=language,
                         lemmatise=lemmas,
                         thesaurus=_thesaurus(thesaurus, [(name_a, defs_a), (name_b, defs_b)], language))  # type: ignore[arg-type]
    result = _with_repairs(result, repairs)
    if fmt == "json":
        from processes.jsonindent import dumps_indented  # the bytes of json.dumps(indent=2), faster

        text = dumps_indented(to_data(result)) + "\n"
    else:
        from report.diff_html import diff_html, diff_words
        from report.diff_html import output_language as said_in

        said = diff_words(said_in(output_language, [defs_a, defs_b]),  # type: ignore[list-item]
                          {name_a: raw_a, name_b: raw_b}, {name_a: defs_a, name_b: defs_b})  # type: ignore[dict-item]
        if fmt == "markdown":
            text = diff_markdown(result, said)
        elif fmt == "html":
            text = diff_html(result, defs_a, defs_b, said)  # type: ignore[arg-type]
        else:
            text = diff_text(result, said)
    if save_matches:
        _emit(decisions_yaml(result), save_matches)
    _emit(text, output)


@cli.command("compare")
@click.argument("models", nargs=-1, required=True, metavar="MODEL...")
@_with_diff_options
@click.option("--workers", type=click.IntRange(min=1), help="Processes for the pairwise diffs (default: all cores; "
              "fewer than six pairs stay in this process). The result is the same.")
@_log_compare_options
def compare_cmd(models: tuple[str, ...], fmt: str, output: str | None, matches: str | None,
                synonyms: str | None, threshold: float, language: str, output_language: str, thesaurus: bool,
                lemmas: bool, lenient: bool, workers: int | None, **kwargs: Any) -> None:
    """Compare several process models: similarity matrix, common core, variation points, facts.

    MODEL is a library name, a BPMN file, a YAML authoring file or a case log (XES,
    CSV; at least two). From a log a model is discovered (or --model calibrated to
    it), so several municipalities' executed processes compare in structure and time.

    \b
    Examples:
      permitflow compare helsingborg landskrona astorp
      permitflow compare helsingborg landskrona astorp orkelljunga --format html -o compare.html
      permitflow compare kommun_a.xes.gz kommun_b.xes.gz kommun_c.csv --min-frequency 0.3
    """
    _one_blas_thread()  # its matrices are small; the pairs run on forked helpers instead
    from processes.forkshare import default_workers

    if len(models) < 2:
        raise click.UsageError("compare needs at least two models (use diff for exactly two)")
    logs = _log_inputs(kwargs)
    # the comparison's modules load and the --matches/--synonyms files are read while a helper reads models
    if output is not None:
        _not_an_input(output, "-o", {"the --matches file it reads": matches,
                                     "the --synonyms file it reads": synonyms}, models)
    (decisions, words), inputs = _compare_inputs(models, logs, workers or default_workers(),
                                                 partial(_diff_settings, matches, synonyms), strict=not lenient)
    repairs: list[str] = []
    if lenient:
        noted = set()
        for model, (_, defs, _) in zip(models, inputs, strict=True):
            source = _model_file_of(model, logs)  # a case log's --model
            if source not in noted:  # a file read twice: its notes once
                noted.add(source)
                repairs += _note_lenient(defs, source)  # type: ignore[arg-type]
    from processes.diff import (
        MatchOptions,
        compare_models,
        comparison_markdown,
        comparison_text,
        prepare,
        profile_inputs,
    )

    names = _distinct_names(list(models), [name for name, _, _ in inputs])
    loaded = [(name, defs, raw) for name, (_, defs, raw) in zip(names, inputs, strict=True)]
    _check_matches(decisions, matches, [(name, defs) for name, defs, _ in loaded])
    _note_other_models(decisions, matches, names)
    prepared = []
    for name, defs, raw in loaded:
        facts, params = profile_inputs(raw)  # type: ignore[arg-type]
        prepared.append(prepare(defs, name, facts=facts, params=params, language=language))  # type: ignore[arg-type]
    result = compare_models(prepared, synonyms=words, decisions=decisions,  # type: ignore[arg-type]
                            options=MatchOptions(threshold=threshold), lemmatise=lemmas,
                            workers=workers or default_workers(),
                            thesaurus=_thesaurus(thesaurus, [(n, d) for n, d, _ in loaded], language))  # type: ignore[arg-type]
    result = _with_repairs(result, repairs)
    if fmt == "json":
        from processes.diff.schema import comparison_json  # the bytes of json.dumps(indent=2), faster

        text = comparison_json(result) + "\n"
    else:
        from report.diff_html import comparison_html, diff_words
        from report.diff_html import output_language as said_in

        said = diff_words(said_in(output_language, [defs for _, defs, _ in loaded]),  # type: ignore[misc]
                          {name: raw for name, _, raw in loaded},
                          {name: defs for name, defs, _ in loaded})  # type: ignore[misc]
        if fmt == "markdown":
            text = comparison_markdown(result, said)
        elif fmt == "html":
            drawn = {name: defs for name, defs, _ in loaded}
            text = comparison_html(result, drawn, output=said)  # type: ignore[arg-type]
        else:
            text = comparison_text(result, said)
    _emit(text, output)


# --------------------------------------------------------------------------- Simulate and run: the one road
# (section owned by the scenario work; both commands go through scenarios.road)


def _stderr_is_terminal() -> bool:
    """Whether the progress bar has a person to show it to (not a pipe or a file)."""
    return sys.stderr.isatty()


@contextmanager
def _on_interrupt(say: Callable[[], str]) -> Iterator[None]:
    """Ctrl-C inside the block: one line (``say()``: what was kept, how to go on), exit code 130."""
    try:
        yield
    except KeyboardInterrupt:
        click.echo(f"permitflow: interrupted: {say()}", err=True)
        raise SystemExit(130) from None


_FORCE_HELP = "Run even when the run plans more work units than the limit (5,000)."


class _Ahead:
    """``make(names)`` for the names given here: work that does not need a run's results, made while
    the run starts and simulates. ``fork`` (the run may use more than one process): in a forked
    helper started now (:class:`processes.forkshare.Forked`), on a core this process leaves idle
    while it prepares the run; otherwise in a thread once the run's units are with the workers
    (:meth:`start_waiting`, which :func:`_travel` calls); made when asked if the run stayed in this
    process. :meth:`close` stops what was not asked for."""

    waiting: ClassVar[list[_Ahead]] = []

    def __init__(self, make: Callable[[Sequence[str]], str], names: Sequence[str], *, fork: bool = False) -> None:
        from processes.forkshare import Forked

        self.make, self.names = make, list(names)
        self.thread: threading.Thread | None = None
        self.outcome: tuple[str | None, BaseException | None] = (None, None)
        self.forked: Forked[list[str], str] | None = None
        if len(self.names) >= 2:
            if fork:
                self.forked = Forked(self.names, make)
            if self.forked is None or not self.forked.forked:
                self.forked = None
                _Ahead.waiting.append(self)

    @classmethod
    def start_waiting(cls) -> None:
        """Start every piece of work made so far and not started."""
        while cls.waiting:
            ahead = cls.waiting.pop()
            ahead.thread = threading.Thread(target=ahead._run, daemon=True)
            ahead.thread.start()

    def _run(self) -> None:
        try:
            self.outcome = (self.make(self.names), None)
        except BaseException as err:  # noqa: BLE001 - raised again where the result is asked for
            self.outcome = (None, err)

    def __call__(self, names: Sequence[str]) -> str:
        if self in _Ahead.waiting:
            _Ahead.waiting.remove(self)
        if self.forked is not None:
            forked, self.forked = self.forked, None
            if list(names) == self.names:
                return forked.result()  # made here if the helper could not: its error raised here
            forked.cancel()
        if self.thread is None or list(names) != self.names:
            return self.make(list(names))
        self.thread.join()
        html, error = self.outcome
        if error is not None:
            raise error
        return html or ""

    def close(self) -> None:
        """Stop a forked helper whose work was not asked for (a run that failed or was stopped)."""
        if self in _Ahead.waiting:
            _Ahead.waiting.remove(self)
        if self.forked is not None:
            forked, self.forked = self.forked, None
            forked.cancel()


_QUIET_HELP = ("No progress bar (nor, on a forced run of very many work units, its progress lines); warnings and "
               "errors are still said.")

#: the code version in the keys of units no cache ever sees (``simulate``'s)
_NO_CACHE_VERSION = "not cached"


def _check_units(study: Study, units: int, force: bool) -> None:
    """Refuse a run of more than ``MAX_WORK_UNITS`` units unless ``force``."""
    from scenarios.road import MAX_WORK_UNITS

    if units > MAX_WORK_UNITS and not force:
        fail(f"{study.source or study.name}: the run plans {units} work units (sweep points x replications; "
             f"the limit is {MAX_WORK_UNITS}): give --force to run them anyway")


def _prepared(study: Study, *, force: bool = False, case_rows: bool = True, version: str | None = None) -> Plan:
    """``study`` checked and planned (:func:`scenarios.road.prepare`, ``case_rows`` and ``version``
    passed on); nothing runs or is written yet.

    A study planning more than ``MAX_WORK_UNITS`` units is refused before anything is
    parsed or run, unless ``force``.
    """
    from scenarios.road import planned_units, prepare

    _check_units(study, planned_units(study), force)
    with _on_interrupt(lambda: "before any work unit ran; nothing was written"):
        ready = prepare(study, case_rows=case_rows, version=version)
    for warning in ready.warnings:  # what the profiles let run but likely do not mean: said before it runs
        click.echo(f"permitflow: warning: {warning}", err=True)
    for note in ready.notes:  # what runs in place of what a model does not hold (an empty subprocess)
        click.echo(f"note: {note}", err=True)
    return ready


class _Pool(ExitStack):
    """The executor of a run, kept open after its units: the next plan's units and the report's
    plots go to the same workers. Closing it stops them."""

    def __init__(self) -> None:
        super().__init__()
        self.executor: Executor | None = None
        #: the workers were started with matplotlib loaded in this process (a local Dask cluster)
        self.inherited = False


def _warm_report(executor: Executor, workers: int | None, inherited: bool = False) -> None:
    """Once every unit is with the workers: the work :class:`_Ahead` holds starts here, and each
    worker imports matplotlib when it runs out of units, before the report's plots come (unless
    the workers were forked with it: :func:`_report_inherited`; ``inherited``: a local Dask
    cluster started after it was loaded here)."""
    from report.plots import warm_up
    from scenarios.executors import forks

    _Ahead.start_waiting()
    if inherited or forks(executor):
        return
    for _ in range(workers or os.cpu_count() or 1):
        executor.submit(warm_up)


def _report_inherited() -> None:
    """matplotlib imported here (and its font loaded) before a forked pool's first task: every
    worker has it from the fork instead of importing it itself (about 0.6-0.9 CPU s each).
    Loaded with the collector paused and then frozen, as the study is (:func:`_loading`)."""
    from report.plots import warm_up

    with _loading():
        warm_up()


def _travel(plan: Plan, *, workers: int | None, dask: str | None, cache: ResultCache | None,
            show_bar: bool, kept: str, pool: _Pool | None = None,
            early: EarlyPlots | None = None, quiet: bool = False) -> tuple[BatchResults, int, int]:
    """Run a checked ``plan`` on the one road: (results, work units, found in the cache).

    A run of more than ``MAX_WORK_UNITS`` units (forced) without a progress bar says
    how far it got on stderr, every tenth of the units, unless ``quiet`` (``-q``).
    Ctrl-C stops the run with one line saying how many units finished and what was
    kept (``kept``: where finished units are, or why nothing is); exit code 130.
    Once the units are with the workers, the work :class:`_Ahead` holds starts.
    ``pool``: the executor is opened there (or taken from there when an earlier plan opened
    it) and stays open when this returns, for the report's plots. ``early``: on local workers (a
    pool or ``--dask local``: their number is known), the report's plots go to them as soon as
    their points are summarised, between the run's last chunks.
    """
    from scenarios.executors import executor_for, fork_split, forks, largest_chunk
    from scenarios.road import MAX_WORK_UNITS, ReadOnce, execute

    study = plan.study
    done = 0
    total = len(plan.jobs)
    step = max(1, total // 10) if total > MAX_WORK_UNITS and not show_bar and not quiet else 0

    def finished(n: int) -> None:
        nonlocal done
        if step and (done + n) // step > done // step:
            click.echo(f"permitflow: progress: {done + n} of {total} work units", err=True)
        done += n

    held = None if cache is None else ReadOnce(cache)  # each entry read once, counted as it is read

    def say() -> str:
        # units found in the cache count from the moment they are read, before the run reports them
        finished = max(done, held.held if held is not None else 0)
        # none finished: there is no cache to go on from, and the folder is left as it was (report.folder.claim)
        return f"{finished} of {total} work units finished; {kept if finished else 'nothing was written'}"

    with _on_interrupt(say), ExitStack() as own:
        cached = 0 if held is None else held.count(plan.jobs)
        cache = held
        split = 1
        if pool is not None and pool.executor is not None:
            executor: Executor | None = pool.executor
        else:
            if pool is not None and dask == "local" and total > cached and "matplotlib" not in sys.modules:
                # a local cluster forks its workers as it starts (LOCAL_DASK): they inherit matplotlib
                _report_inherited()
                pool.inherited = True
            # the units still to run, each taken as the plan's average (the cache is not read twice)
            todo_cost = plan.cost() * (total - cached) / total if total else 0.0
            executor = (pool or own).enter_context(executor_for(
                workers=workers, dask=dask, jobs=total - cached, cost=todo_cost))
            if pool is not None:
                pool.executor = executor
            if executor is None:  # a small run stays here, shared with forked helpers where that pays
                split = fork_split(workers=workers, dask=dask, jobs=total - cached, cost=todo_cost)
        submitted: Callable[[], None] = _Ahead.start_waiting
        if pool is not None and executor is not None:
            submitted = partial(_warm_report, executor, workers, pool.inherited)
            if pool.executor is executor and forks(executor) and total > cached and "matplotlib" not in sys.modules:
                _report_inherited()  # before the first task forks the workers
        point_done = point_compared = None
        if early is not None and executor is not None:
            from concurrent.futures import ProcessPoolExecutor  # a run that stays here never loads it

            if dask == "local" or isinstance(executor, ProcessPoolExecutor):
                early.executor = executor
                point_done, point_compared = early.point, early.compared
        most = largest_chunk(dask)  # replications per task: more on a local Dask cluster, whose tasks cost more
        if not show_bar:
            return execute(plan, executor=executor, cache=cache, progress=finished, workers=workers,
                           submitted=submitted, split=split, point_done=point_done,
                           point_compared=point_compared, most=most), total, cached
        with click.progressbar(length=total, label=f"{study.name}: {total} work units", file=sys.stderr,
                               show_pos=True) as bar:
            def both(n: int) -> None:
                finished(n)
                bar.update(n)

            return execute(plan, executor=executor, cache=cache, progress=both, workers=workers,
                           submitted=submitted, split=split, point_done=point_done,
                           point_compared=point_compared, most=most), total, cached


def _num(value: float) -> float | None:
    """A figure for JSON: NaN and infinities (which JSON cannot hold) become ``null``."""
    return value if math.isfinite(value) else None


#: true while main() runs a command: this process is the command's own (not the tests' or a program's that calls cli)
_OWN_PROCESS: list[bool] = []


@contextmanager
def _loading() -> Iterator[None]:
    """Python's cycle collector paused while a command, in a process of its own, loads its modules
    and inputs.

    What loading makes is kept (modules, classes, the parsed model and profile), so a collection
    every 700 new objects frees nothing and walks them all again. Afterwards everything that exists
    is frozen (``gc.freeze``: left out of every later collection, as garbage it is not) and the
    collector runs again for the simulation. A caller's process (the tests', a program's that
    calls ``cli``) keeps its collector as it is."""
    if not _OWN_PROCESS or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


#: the settings OpenBLAS reads for its number of threads, in its order
_BLAS_THREAD_SETTINGS = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")


def _one_blas_thread() -> None:
    """Ask numpy's OpenBLAS for no helper thread, unless the user chose a number or numpy is loaded.

    OpenBLAS starts its threads when numpy is imported and they spin for about 0.1 s waiting for
    work; a simulation gives them none (it multiplies no matrices), so that is CPU time taken from
    the simulation's own core and from every other process. Set in the environment before numpy
    loads, so that worker processes inherit it; a user's own setting is left alone, and so is the
    environment of a caller's process (the tests', a program's that calls ``cli``: main() did not
    start the command)."""
    if (_OWN_PROCESS and "numpy" not in sys.modules
            and not any(name in os.environ for name in _BLAS_THREAD_SETTINGS)):
        os.environ["OPENBLAS_NUM_THREADS"] = "1"


@cli.command("simulate")
@click.argument("model", metavar="MODEL")
@click.option("--profile", type=_InputPath("a profile.yaml", exists=False),
              help="profile.yaml (default: the one beside MODEL).")
@click.option("--years", type=_Number(min=0, min_open=True),
              help="Simulate this many years of arrivals (default: the profile's horizon).")
@click.option("--cases", type=click.IntRange(min=1), help="Simulate this many applications (replayed arrival dates: "
              "at most as many as the profile lists; more is refused).")
@click.option("--replications", "-r", type=click.IntRange(min=1), help="Replications (default 10).")
@click.option("--seed", type=click.IntRange(min=0), help="Seed of the replications (default 2025).")
@click.option("--name", "name", metavar="NAME",
              help="The process's name (default: MODEL's file name without its suffix, or the library name), which keys its random "
                   "numbers: the name of a scenario file's base (name:) or of an upload on the what-if page "
                   "(permitflow serve) gives the same figures.")
@click.option("--set", "sets", multiple=True, metavar="KEY=VALUE",
              help="Override a profile value, e.g. pools.officer.count=3 or decision.delegation=officer "
                   "(VALUE is read as in profile.yaml: 3d is a duration, no is text).")
@click.option("--eventlog", type=_InputPath("a log file to write, .csv or .xes", exists=False),
              help="Write the event log of replication 1 here (.csv or .xes).")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default: all cores; a run of "
              "less than about a CPU second stays in this process, its replications shared with "
              "forked helpers from about 0.1 CPU second; 1: all here).")
@click.option("--dask", "dask_address", metavar="ADDRESS|local", help="Run on a Dask cluster; 'local' starts one here (needs the dask extra: "
                   f"{install_hint('dask')}). A scheduler that cannot be reached: exit 1.")
@_format_option("table", "json")
@click.option("--language", type=click.Choice(["auto", "sv", "en"]), default="auto", show_default=True,
              help="Language of the table's words: sv, en, or auto (the language of the model's step names).")
@click.option("--keys", is_flag=True,
              help="Name each figure by its key (as --format json and summary.csv do), one line each in key order, "
                   "numbers with a decimal point: the table for a script that reads its lines.")
@click.option("--quiet", "-q", is_flag=True, help=_QUIET_HELP)
@click.option("--force", is_flag=True, help=_FORCE_HELP)
@click.option("--lenient", is_flag=True, help=_LENIENT_LEFT_OUT_HELP[:-1] + "; a cancel end event outside a "
              "transaction (BPMN defines it only there) is simulated as a plain end event, with a note too.")
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

    _one_blas_thread()
    from bpmn_io import library as lib
    from report.figuretext import keys_table, unpriced_figures, unpriced_note
    from scenarios.compare import CUT_NOTE
    from scenarios.options import one_scenario_study

    if eventlog is not None and not eventlog.lower().endswith((".csv", ".xes")):
        raise click.BadParameter(f"{eventlog!r} (expected a .csv or .xes file name)", param_hint="--eventlog")
    if years is not None and cases is not None:
        raise click.UsageError("give --years or --cases, not both")
    with _loading():
        with _on_interrupt(lambda: "before any work unit ran; nothing was written"):
            notes: list[str] = []
            study = one_scenario_study(model, profile=profile, sets=sets, years=years, cases=cases,
                                       replications=replications, seed=seed, eventlog=eventlog is not None,
                                       lenient=lenient, notes=notes, name=name)
            for line in notes:
                click.echo(f"note: {line}", err=True)
        # simulate prints figures and writes at most an event log: its units make no case rows; it
        # keeps no results, so its units' keys need not hash the code (154 files read: ~12 ms CPU)
        ready = _prepared(study, force=force, case_rows=False, version=_NO_CACHE_VERSION)
    batch, _total, _cached = _travel(ready, workers=workers, dask=dask_address, cache=None, quiet=quiet,
                                     show_bar=not quiet and fmt == "table" and _stderr_is_terminal(),
                                     kept="simulate keeps no partial results: run the same command to start again")
    for name, message in batch.failures:
        click.echo(f"permitflow: error: scenario {name} failed: {message}", err=True)
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
                  "clock: {start: ..., stop: ..., deadline: 4mo}, docs/profile.md)") if unclocked else ""
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
                      *([CUT_NOTE] if cut else []), *([clock_note] if clock_note else []),
                      *([unpriced_note(unpriced)] if unpriced else [])],
        }, indent=2, ensure_ascii=False, default=str, allow_nan=False))
        return
    if keys:
        click.echo(keys_table(table, unclocked=unclocked, unpriced=unpriced), nl=False)
        return
    click.echo(_simulated_words(scenario.points[0], member, table, language, unclocked, unpriced), nl=False)


def _simulated_words(point: Any, member: Any, table: Mapping[str, Any], language: str,
                     unclocked: Sequence[str] = (), unpriced: Sequence[str] = ()) -> str:
    """``simulate``'s table in words (:func:`report.figuretext.words_table`): each step by its name in
    ``language`` (``auto``: the language its model's names are drawn in), in the model's order."""
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
    elements = (member.profile.get("simulation") or {}).get("elements") or {}
    # a staff group by its own name: (pool_names): "utilisation of HR Department", not of the case officers
    steps = {**pool_names(member.profile, lang), **step_words(Definitions(processes=(process,)), elements, lang)}
    return words_table(table, lang, steps=steps, order=tuple(process.nodes), clock=profile_clock(member.profile),
                       total=_terminal_width(), unclocked=unclocked, unpriced=unpriced)


@cli.command("run")
@click.argument("files", nargs=-1, metavar="[FILE|NAME]...")
@click.option("-o", "--output", type=_InputPath("a results folder", folder=True, exists=False),
              help="Results folder (default results/<study>).")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default: all cores; a run of "
              "less than about a CPU second stays in this process, its replications shared with "
              "forked helpers from about 0.1 CPU second; 1: all here).")
@click.option("--dask", "dask_address", metavar="ADDRESS|local", help="Run on a Dask cluster; 'local' starts one here (needs the dask extra: "
                   f"{install_hint('dask')}). A scheduler that cannot be reached: exit 1.")
@click.option("--replications", type=click.IntRange(min=1), help="Replications of every scenario (overrides the files).")
@click.option("--no-cache", is_flag=True, help="Recompute every work unit; neither read nor write DIR/.cache.")
@click.option("--refresh", is_flag=True, help="Recompute every work unit and store the new results in DIR/.cache.")
@_format_option("text", "json")
@click.option("--uncertainty", is_flag=True,
              help="Also run every scenario over the plausible ranges of its assumptions (uncertainty.json, "
                   "the report's headline says whether each conclusion holds).")
@click.option("--points", type=click.IntRange(min=2), default=64, show_default=True,
              help="Assumption points of --uncertainty (a Latin hypercube seeded by the first scenario's seed); "
                   "only with --uncertainty.")
@click.option("--wait", is_flag=True, help="When another run is writing DIR, wait for it to finish (default: refuse).")
@click.option("--quiet", "-q", is_flag=True, help=_QUIET_HELP)
@click.option("--force", is_flag=True, help=_FORCE_HELP)
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
    _one_blas_thread()
    # what a Ctrl-C outside the units and the writing (which say their own) leaves: said as the run goes on,
    # also while the workers are stopped after the results were written
    stage = ["before any work unit ran; nothing was written"]
    with _on_interrupt(lambda: stage[0]), ExitStack() as ahead:
        with _loading():  # the collector paused, then what was loaded frozen: also in forked workers
            study = read_any([resolve_file(f) for f in files] or [bundled_study()])
            if replications is not None:
                study = study.with_replications(replications, Origin("--replications"))
            # the report's model comparison needs neither the run nor its plan: made meanwhile, in a
            # helper forked now when the run may use more than one process (stopped if the run fails)
            diff_section = _Ahead(library_diff_section, study.compare,
                                  fork=(workers is None and default_workers() > 1) or (workers or 1) > 1)
            ahead.callback(diff_section.close)
            folder = Path(output) if output else Path("results") / check_name(study.name, what="study", file=study.source)
            plan = _prepared(study, force=force)  # every input checked before the folder is touched
            uplan = None
            if uncertainty:
                from scenarios.uncertainty import plan_uncertainty

                # counted before the points are built (each scenario at its first sweep point, per point):
                # --points 100000 was still building them after 120 s, before the limit could refuse the run
                _check_units(study, points * sum(s.replications for s in study.scenarios), force)
                uplan = plan_uncertainty(study, points=points, seed=study.scenarios[0].seed)
                varied_plan = _prepared(uplan.study, force=force, case_rows=False)  # analysed by its figures only
        check_executor(dask_address)

        def waiting(holder: str) -> None:
            click.echo(f"permitflow: waiting for the run (process {holder}) writing {folder}/ to finish", err=True)

        stage[0] = f"while waiting for {folder}/; nothing was written"
        with claim(folder, wait=wait, waiting=waiting), _Pool() as pool:
            stage[0] = "before any work unit ran; nothing was written"
            cache: ResultCache | None = None if no_cache else DirectoryCache(folder / ".cache")
            if refresh and cache is not None:
                cache = Refresh(cache)
            kept = ("nothing was kept (--no-cache): run the same command to start again" if cache is None
                    else f"they are kept in {folder / '.cache'}: run the same command to go on from there")
            # the workers stay (pool) for the uncertainty plan's units and the report's plots
            # the report's plots go to the workers as their points are done, between the last units
            early = EarlyPlots(folder, study)
            bar = not quiet and fmt == "text" and _stderr_is_terminal()
            batch, total, cached = _travel(plan, workers=workers, dask=dask_address, cache=cache, quiet=quiet,
                                           show_bar=bar, kept=kept, pool=pool, early=early)
            how_sure = None
            if uplan is not None:
                from scenarios.uncertainty import analyse

                varied, more, more_cached = _travel(varied_plan, workers=workers, dask=dask_address, cache=cache,
                                                    show_bar=bar, kept=kept, pool=pool, quiet=quiet)
                how_sure = analyse(uplan, varied, batch)
                total, cached = total + more, cached + more_cached
            stage[0] = f"before the results were written; every work unit finished and {kept}"
            with _on_interrupt(lambda: f"while writing {folder}/; every work unit is kept in the cache "
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
    if ctx.obj.get("debug"):
        for detail in batch.details:
            click.echo(detail, err=True)
    if fmt == "json":
        click.echo(json.dumps({
            "folder": str(folder),
            "report": str(report_path),
            "work_units": total,
            "from_cache": cached,
            "failures": [{"scenario": s, "message": m} for s, m in batch.failures],
        }, indent=1))
    else:
        count = len(study.scenarios)
        click.echo(f"{study.name}: {counted(count, 'scenario')}, {counted(total, 'work unit')} ({cached} from cache)")
        for name, message in batch.failures:
            click.echo(f"permitflow: error: scenario {name} failed: {message}", err=True)
        names = ["summary.csv", "summary.json", "cases.csv"]
        names += [n for n in ("eventlog.csv", "eventlog.xes", "uncertainty.json") if (folder / n).is_file()]
        if how_sure is not None:
            from scenarios.uncertainty import sampling_words

            for line in sampling_words(how_sure):  # a calibrated or sourced profile: what was not assumed
                click.echo(f"uncertainty: {line}")
        click.echo(f"wrote {folder}/ ({', '.join(names)}, report.html)")
        if batch.failures:  # last, after "wrote": a batch user reads the outcome at the end
            failed = batch.failed_scenarios
            click.echo(f"permitflow: error: {len(failed)} of {count} scenario{'s' if count != 1 else ''} failed: "
                       f"{', '.join(failed)} (the error above"
                       f"{f'; the others’ results are in {folder}/' if len(failed) < count else ''})", err=True)
    if batch.failures:
        raise SystemExit(1)


@cli.command("report")
@click.argument("folder", type=_InputPath("a results folder", folder=True))
def report_command(folder: str) -> None:
    """Re-render FOLDER/report.html from a results folder (summary.json, cases.csv, processes/).

    \b
    Example:
      permitflow report results/familjen-helsingborg
    """
    from contextlib import nullcontext

    from report.build import write_report
    from report.folder import MARKER, locked

    # not while a run writes the folder; a folder without the marker gets no lock file
    with locked(Path(folder)) if (Path(folder) / MARKER).is_file() else nullcontext():
        target = write_report(folder)
    click.echo(f"wrote {target}")


def _megabytes(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


@cli.command("cache")
@click.argument("folder", type=_InputPath("a results folder", folder=True))
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


# --------------------------------------------------------------------------- Goal seek: optimise


@cli.command("optimise")
@click.argument("models", nargs=-1, required=True, metavar="MODEL...")
@click.option("--joint", is_flag=True, help="The municipalities share one officer pool (a joint permit unit).")
@click.option("--target-share", type=float, help="Share of decided cases within the deadline of the profiles (the library's: 4 months), in (0, 1] (default 0.95).")
@click.option("--target-mean", metavar="DURATION", help="Or: the mean time from a complete application to the decision, e.g. 60d.")
@click.option("--officers", metavar="VALUES", help="Officer counts: 1..4 or 1,2,3 (default: 1 to one more than today; "
                                                   "a joint unit's total).")
@click.option("--fte", metavar="VALUES", help="FTE shares: '0.5..1.0 step 0.1' or 0.25,0.5,1 (default 0.25, 0.5, 0.75, 1 and today's).")
@click.option("--levels", metavar="LIST", help="Decision levels, e.g. committee,officer (default: every level the profiles define).")
@click.option("--pool", default="officer", show_default=True, help="The pool the officers and FTE levers set.")
@click.option("--decision-cost", "decision_costs", multiple=True, metavar="LEVEL=KR",
              help="kr per decided application at LEVEL (assumed defaults: committee 2500, working_committee 1000, "
                   "chair 300, manager 0, officer 0).")
@click.option("--fte-hours", type=_Number(min=0, min_open=True),
              help="Hours of a full-time year (default: the open hours of the pool's calendar in the profile's start year).")
@click.option("--cost-per-hour", type=_Number(min=0, min_open=True),
              help="kr per officer hour (default: the pool's cost_per_hour in the profile).")
@click.option("--horizon", metavar="DURATION", help="Simulated time per replication, e.g. 3y (default: the profile's or the file's).")
@click.option("--warmup", metavar="DURATION", help="Warm-up left out of the figures (default: the profile's or the file's).")
@click.option("--seed", type=click.IntRange(min=0), help="Seed of the replications (default 2025).")
@click.option("--first-replications", type=click.IntRange(min=3), default=5, show_default=True,
              help="Replications every candidate starts with.")
@click.option("--max-replications", type=click.IntRange(min=3), default=40, show_default=True,
              help="Most replications an undecided candidate gets (doubling from --first-replications).")
@click.option("-o", "--output", type=_InputPath("a JSON file to write", exists=False),
              help="Write the result as JSON here (atomically; "
              "checked before the search).")
@click.option("--csv", "csv_out", type=_InputPath("a CSV file to write", exists=False),
              help="Write every candidate run as CSV here "
              "(atomically; checked before the search).")
@_format_option("text", "json")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option("--dask", "dask_address", metavar="ADDRESS|local", help="Run on a Dask cluster ('local' starts one here; "
              f"needs the dask extra: {install_hint('dask')}). A scheduler that cannot be reached: exit 1.")
@click.option("--quiet", "-q", is_flag=True, help="No progress line.")
def optimise_cmd(models: tuple[str, ...], joint: bool, target_share: float | None, target_mean: str | None,
                 officers: str | None, fte: str | None, levels: str | None, pool: str, decision_costs: tuple[str, ...],
                 fte_hours: float | None, cost_per_hour: float | None, horizon: str | None, warmup: str | None,
                 seed: int | None, first_replications: int, max_replications: int, output: str | None,
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
    the chosen candidate with its 95% interval and
    whether the target holds at the interval's bad end, any equally cheap one, whether
    today's setting meets the target, and every candidate run (* = on the cost-time
    frontier: two candidates' mean days are compared over the replications both
    have, and they are run on, up to the most any got, until it is sure which is
    faster; one dearer than a candidate that surely meets the target is not run on
    for it: "not needed"). Exit 1 when no candidate meets the target.

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
    )
    for path in (output, csv_out):  # not found only after the whole search
        if path is not None:
            check_writable(path)
    for given, option in ((output, "-o"), (csv_out, "--csv")):
        if given is not None:  # optimise s.yaml -o s.yaml wrote the result over the scenario file
            scenario_file = models[0] if len(models) == 1 else None
            _not_an_input(given, option, {"the scenario file it reads": scenario_file})
    done = 0

    def finished(n: int) -> None:
        nonlocal done
        done += n
        if not quiet and _stderr_is_terminal():
            click.echo(f"\r{done} work units", nl=False, err=True)

    with _on_interrupt(lambda: f"{done} work units finished; a goal seek keeps no partial results"):
        with executor_for(workers=workers, dask=dask_address, jobs=workers or os.cpu_count() or 1) as executor:
            result = optimise(request, executor=executor, progress=finished)
    if not quiet and _stderr_is_terminal():
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


# --------------------------------------------------------------------------- Case logs: log inspect, calibrate, discover
# (section owned by the case-log work; the logic lives in bpmn_io.caselog and calibrate/)


@cli.group("log")
def log_cmd() -> None:
    """Read case logs (XES, XES.gz, CSV) exported from a case-management system.

    \b
    Examples:
      permitflow log inspect cases.xes.gz
      permitflow log inspect export.csv --case Dnr --activity Åtgärd --timestamp Datum --date-format '%d-%m-%Y'
    """


@log_cmd.command("inspect")
@click.argument("log", metavar="LOG", type=_InputPath(_LOG_FILE))
@_log_options
@_format_option("text", "json")
@click.option("--top", type=click.IntRange(min=1), default=25, show_default=True,
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

    stream = open_log(log, _log_columns(kwargs))
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


def _model_and_base(model: str, profile: str | None, *,
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


def _validate_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options of ``--validate`` (calibrate and discover)."""
    options = [
        click.option("--validate", is_flag=True,
                     help="Also calibrate on the first 70% of the cases, simulate the last 30% and report the "
                          "distances between the simulated and the real held-out log (text/JSON and an HTML page), "
                          "with how many cases were held out, how far they alone pin their median, and how many "
                          "arrived so near the log's end that they may still have been open."),
        click.option("--validation-html", type=_InputPath("an HTML file to write", exists=False),
                     help="Where to write the validation page (default: beside -o, NAME.validation.html)."),
        click.option("--replications", type=click.IntRange(min=1), default=5, show_default=True,
                     help="Simulated replications of the held-out period (--validate)."),
        click.option("--seed", type=click.IntRange(min=0), default=2025, show_default=True,
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


def _validation(model: str, profile: dict[str, Any], train: Any, held: Any, element_of: dict[str, str | None],
                output: str, kwargs: dict[str, Any], defs: Any) -> tuple[Any, Any, Any, str, Any]:
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


def _write_validation_page(validation: Any, real: Any, sims: Any, page: str, defs: Any) -> None:
    from report.validation_html import validation_html

    # titled by the process it validated, as its model names it: the page's own file name ("profile.validation",
    # "model.validation") named nothing a manager knows (found by QA); a process without a name by the file's
    named = [p.name for p in defs.processes if p.name] if defs is not None else []
    text = validation_html(validation, real, sims, name=named[0] if named else Path(page).stem, model=defs)
    with atomic_write(page, "wb") as fh:
        fh.write(text.encode("utf-8"))  # type: ignore[attr-defined]


def _echo_validation(checked: tuple[Any, Any, Any, str, Any], more: list[str] | tuple[str, ...] = ()) -> None:
    """The validation's text, ``more`` lines after it (discover's lanes against one lane), then the page written."""
    from calibrate.validation_text import validation_text

    click.echo(validation_text(checked[0].data()))
    for line in more:
        click.echo(line)
    click.echo(f"wrote {checked[3]}")


#: calibrate's and discover's (with --profile-out) export instant
_exported_at_option = click.option(
    "--exported-at", "exported_at", metavar="WHEN",
    help="When the log was exported, e.g. 2026-11-30T17:00 (ISO 8601; a date alone is 00:00; not before the "
         "log's last event nor more than 366 days after it; default: its last event). A wait begun and not "
         "ended by then counts as longer than it had run (right-censored).")


def _note_unused_mapping(path: str, given: Mapping[str, str | None], activities: Sequence[str]) -> None:
    """Say which entries of a --mapping file name no activity of the log: a misspelt activity was left
    unused without a word, and the matcher mapped the activity it meant instead."""
    present = set(activities)
    unused = [activity for activity in given if activity not in present]
    if unused:
        more = f" and {len(unused) - 3} more" if len(unused) > 3 else ""
        shown = ", ".join(repr(a) for a in unused[:3]) + more
        click.echo(f"note: {path}: {counted(len(unused), 'entry', 'entries')} for an activity the log does "
                   f"not have, not used: {shown}", err=True)


@cli.command("calibrate")
@click.argument("model", metavar="MODEL")
@click.argument("log", metavar="LOG", type=_InputPath(_LOG_FILE))
@click.option("-o", "--output", required=True, type=_InputPath("a profile.yaml to write", exists=False),
              help="The profile.yaml to write.")
@click.option("--profile", type=_InputPath("a profile.yaml"),
              help="The profile to start from (default: the one beside MODEL or the library's; none is "
                   "fine). An empty file is refused, as simulate refuses it; a file holding {} starts from "
                   "nothing.")
@click.option("--mapping", "mapping_file", type=_InputPath("a YAML mapping of log activities"),
              help="YAML: log activity -> element id, or 'ignore', for what the matcher cannot map (a boundary "
                   "timer's id: the activity is that timer firing).")
@_exported_at_option
@_log_options
@_format_option("text", "json")
@_validate_options
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

    from bpmn_io.logfiles import read_log
    from bpmn_io.profile import provenance_gaps
    from bpmn_io.yamlsrc import dump_yaml
    from calibrate.core import calibrate, check_export
    from calibrate.mapping import map_activities, mappable_steps, parse_mapping
    from calibrate.reporting import calibration_text
    from simulator.compiler import check_executable

    if not output.lower().endswith((".yaml", ".yml")):
        raise click.BadParameter(f"{output!r} (expected a .yaml file)", param_hint="-o")
    _not_an_input(output, "-o", {"the model it reads": model, "the log it reads": log,
                                 "the --mapping file it reads": mapping_file})
    defs, base, _base_source = _model_and_base(model, profile)
    given = None
    if mapping_file is not None:
        from bpmn_io.userfile import MAX_YAML_BYTES, read_user_file

        given = parse_mapping(read_user_file(mapping_file, what="mapping file", max_bytes=MAX_YAML_BYTES),
                              source=mapping_file,
                              elements=frozenset(mappable_steps(defs.process())) | {  # a timer's firing too
                                  n.id for n in defs.process().nodes.values() if getattr(n, "position", "") == "boundary"})
    _check_validation_options(kwargs, log)
    exported = _exported_at(exported_at)
    validate = kwargs.pop("validate")
    table, stream = read_log(log, _log_columns(kwargs))
    if exported is not None:
        check_export(exported, table)
    if table.n_cases < 2:  # every share and interval would be that case's own value: a profile of false certainty
        from processes.errors import InputError

        raise InputError("1 case in the log, too few to calibrate from (expected at least 2 cases: a share, a "
                         "spread or an interval of one case is that case's value alone)", file=log)
    if given and mapping_file is not None:
        _note_unused_mapping(mapping_file, given, table.activities)
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
        checked = _validation(model, trained.profile, train, held, {**mapping.labels, **train_map.labels}, output,
                              kwargs, defs)
    text = dump_yaml(result.profile)
    params = _made_profile(result.profile, made_from=log, target=output).simulation
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
        _write_validation_page(*checked)
    if fmt == "json":
        click.echo(json.dumps({"profile": output, "columns": stream.mapping_line(), "notes": list(table.notes),
                               **result.report, **({"validation": checked[0].data()} if checked else {})},
                              ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(stream.mapping_line())
        click.echo(calibration_text(result.report, notes=table.notes, names=_model_names(defs.process())))
        if checked is not None:
            _echo_validation(checked)
        click.echo(f"wrote {output}")


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


def _model_names(process: Process) -> dict[str, str]:
    """The names a model gives its steps, flows and lanes, by id (the calibration text says them)."""
    named = [*process.nodes.values(), *process.flows.values(), *process.lanes()]
    return {item.id: item.name for item in named if item.name}


@cli.command("discover")
@click.argument("log", metavar="LOG", type=_InputPath(_LOG_FILE))
@click.option("-o", "--output", required=True, type=_InputPath("a .bpmn file to write", exists=False),
              help="The BPMN file to write (.bpmn), laid out by Graphviz.")
@click.option("--profile-out", type=_InputPath("a profile.yaml to write", exists=False),
              help="Also calibrate the discovered model from the log and write its profile here.")
@click.option("--min-frequency", type=_Number(0, 1), default=0.1, show_default=True,
              help="Keep activities that occur in at least this share of the cases.")
@click.option("--noise", type=_Number(0, 1), default=0.2, show_default=True,
              help="Noise threshold of the inductive miner (0: every behaviour seen).")
@_exported_at_option
@_log_options
@_validate_options
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
    from bpmn_io.logfiles import read_log
    from bpmn_io.writer import to_bpmn_bytes
    from bpmn_io.yamlsrc import dump_yaml
    from calibrate.core import calibrate, check_export
    from calibrate.discover import discover_model
    from calibrate.mapping import map_activities
    from calibrate.reporting import calibration_text
    from simulator.compiler import check_executable

    if not output.lower().endswith((".bpmn", ".bpmn2", ".xml")):
        raise click.BadParameter(f"{output!r} (expected a .bpmn file)", param_hint="-o")
    if profile_out is not None and not profile_out.lower().endswith((".yaml", ".yml")):
        raise click.BadParameter(f"{profile_out!r} (expected a .yaml file)", param_hint="--profile-out")
    _not_an_input(output, "-o", {"the log it reads": log})
    if profile_out is not None:
        _not_an_input(profile_out, "--profile-out", {"the log it reads": log})
    _check_validation_options(kwargs, log)
    exported = _exported_at(exported_at)
    validate = kwargs.pop("validate")
    table, stream = read_log(log, _log_columns(kwargs))
    if exported is not None:
        check_export(exported, table)
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
        params = _made_profile(result.profile, made_from=log, target=profile_out).simulation
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
    click.echo(f"kept {len(found.kept)} of {counted(len(table.activities), 'activity', 'activities')} (in at least "
               f"{share_said(min_frequency, 'en')} of the cases); {found.table.n_events} of {counted(table.n_events, 'event')}")
    process = found.defs.process()
    tasks = sum(1 for n in process.nodes.values() if type(n).__name__ == "Task")
    gateways = sum(1 for n in process.nodes.values() if type(n).__name__ == "Gateway")
    timers = sum(1 for n in process.nodes.values() if getattr(n, "position", "") == "intermediate_catch")
    click.echo(f"model: {counted(tasks, 'task')}, " + (f"{counted(timers, 'timer event')}, " if timers else "")
               + f"{counted(gateways, 'gateway')}, {counted(len(process.flows), 'flow')} (inductive miner, noise "
               f"{noise:g})")
    said = (*table.notes, *found.notes)  # what the reader, then the discovery, assumed or left out
    if report is not None:
        click.echo(calibration_text(report, notes=said, names=_model_names(found.defs.process())))
    else:  # calibration_text says them with --profile-out
        for note in said:
            click.echo(f"note: {note}")
    if checked is not None:
        _write_validation_page(*checked)
        _echo_validation(checked, lane_lines)
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
    options = dict(kwargs)  # _validation takes its options out of kwargs: the one-lane model's run gets them too

    def validated(by_who: bool, given: dict[str, Any]) -> tuple[Any, Any, Any, str, Any]:
        found = discover_model(train, min_frequency=min_frequency, noise=noise, by_who=by_who)
        mapping = map_activities(found.defs, found.table)
        trained = calibrate(found.defs, found.table, mapping, base=found.base(),
                            log_name=Path(log).name + " (training part)", exported_at=exported)
        with tempfile.TemporaryDirectory(prefix="permitflow-discover-") as folder:
            model = Path(folder) / "model.bpmn"
            model.write_bytes(to_bpmn_bytes(found.defs))
            return _validation(str(model), trained.profile, train, held, mapping.labels, output, given, found.defs)

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

# --------------------------------------------------------------------------- What-if in the browser: serve
# (section owned by the web work; the app lives in web/)


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any address but loopback requires a token.")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True, help="Port to listen on.")
@click.option("--token", help="The token every request must carry (default off loopback: a new one, printed).")
@click.option("--workers", type=click.IntRange(min=1),
              help="Worker processes kept warm for what-ifs (default: all cores); a 'how sure' run, a goal seek or a "
                   "run of an uploaded model starts a process of its own with a pool of this many, ended with the run.")
@click.option("--keep-mb", type=click.IntRange(min=1), default=32, show_default=True,
              help="Megabytes of finished runs kept for their report download (compressed, in memory; "
                   "the oldest are forgotten first, a running run never).")
# (web.checkserver.IDLE_SECONDS, in minutes: not imported here, where the web extra may be missing)
@click.option("--log-check-idle-minutes", type=click.FloatRange(min=0), default=10, show_default=True,
              help="Minutes without a case log's check after which the process that checks case logs (about "
                   "120 MB) is stopped; the next check starts it again (a second or three more).")
def serve_cmd(host: str, port: int, token: str | None, workers: int | None, keep_mb: int,
              log_check_idle_minutes: float) -> None:
    """The what-if web app: pick municipalities, move the levers, see the answer.

    Binds 127.0.0.1 by default. On any other address a token is required: give
    --token or use the one printed; requests without it are refused.

    \b
    Examples:
      permitflow serve                       # open http://127.0.0.1:8765/
      permitflow serve --host 0.0.0.0 --port 8080   # prints the address with its token
    """
    import importlib.util
    import signal
    import socket

    # every part of the extra, before the address is printed (web.server imports uvicorn only to serve)
    missing = next((shown for shown, names in (("uvicorn", ("uvicorn",)), ("starlette", ("starlette",)),
                                               ("python-multipart", ("python_multipart", "multipart")))
                    if all(importlib.util.find_spec(name) is None for name in names)), None)
    if missing:
        fail(f"permitflow serve needs the web extra ({missing} is missing): {install_hint('web')}")
    from web.server import bind_token, serve
    token, generated = bind_token(host, token)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
        except OSError as err:
            fail(f"cannot listen on {host}:{port}: {err.strerror or err}")
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    click.echo(f"permitflow serve: open {address}" + (" (the token was generated for this run)" if generated else ""))
    click.echo("Ctrl-C stops the server.")

    def stopped(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    # uvicorn stops gracefully on SIGINT and SIGTERM (runs cancelled, the pool shut down), then raises
    # the signal again: SIGTERM, like Ctrl-C, then ends here with one line, not by the signal itself
    main = threading.current_thread() is threading.main_thread()  # signals are set only there
    previous = signal.signal(signal.SIGTERM, stopped) if main else None
    try:
        # each process the fork server starts runs the console script (`from cli import main`) again
        serve(host, port, token=token, workers=workers, keep_mb=keep_mb, preload=("cli",),
              check_idle_minutes=log_check_idle_minutes)
    except KeyboardInterrupt:
        pass
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
    click.echo("permitflow serve: stopped")


def _output_lost(err: OSError) -> int:
    """Standard output could not be written (a full disk, a closed pipe): one line, exit 1.

    Standard output is pointed at /dev/null so that Python's own flush at exit does
    not report the same failure again with a traceback.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    try:
        click.echo(f"permitflow: error: cannot write standard output: {err.strerror or err}", err=True)
    except OSError:
        pass  # standard error is lost too: the exit code is all that is left
    return 1


def main(argv: list[str] | None = None) -> int:
    """Console entry point.

    Every write is checked, standard output included: output that cannot be written
    (``permitflow show x > /dev/full``) is an error (exit 1), never a silent truncation.
    """
    _OWN_PROCESS.append(True)
    try:
        cli.main(args=argv, prog_name="permitflow", standalone_mode=True)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except OSError as err:  # --help or --version into a full disk: click writes them before any command runs
        return _output_lost(err)
    finally:
        _OWN_PROCESS.clear()
    try:
        sys.stdout.flush()
    except OSError as err:
        return _output_lost(err)
    return code


if __name__ == "__main__":
    sys.exit(main())
