"""``permitflow validate`` and ``permitflow show``: what a model holds and what is wrong with it, as
lines or JSON.

Its own module: the two commands that only read a model and print it, nothing else uses their formatting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from clicommands.options import format_option
from clicommands.output import option_hint
from processes.errors import PermitflowError
from processes.wording import counted

if TYPE_CHECKING:
    from processes.model import Definitions, FlowNode
    from processes.validate import Problem

__all__ = ["show_cmd", "validate_cmd"]


def _problem_line(source: str, p: Problem) -> str:
    """``FILE:LINE: SEVERITY CODE ELEMENT: MESSAGE``, as an error names its file and line (no line where
    none is known: a YAML model's problems)."""
    return f"{source}{f':{p.line}' if p.line else ''}: {p.severity} {p.code} {p.element}: {p.message}"


@click.command("validate")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@format_option("text", "json")
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
            hint = "" if lenient else option_hint(err, ctx.command)
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
    """The model as lines of text for ``show``, one line per element, lane, flow and pool; a flow's ends by their
    names with their ids after them (found by QA, qawalk: a tool's file read "sid-71FC…: sid-A4D6… -> sid-7238…")."""
    from processes.stepnames import step_said

    named = {n.id: n.name for process in defs.processes for n in process.nodes.values()}
    named.update({p.id: p.name for p in defs.participants()})

    def ends(source: str, target: str) -> str:
        return f"{step_said(source, named.get(source))} -> {step_said(target, named.get(target))}"

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
        lines += [f"    {f.id}: {ends(f.source, f.target)}" + (f"  [{_one_line(f.name)}]" if f.name else "")
                  for f in process.flows.values()]
    if defs.participants():
        lines.append("pools:")
        lines += [f"  {p.id}: {_one_line(p.name)}" + ("" if p.process_ref else "  (external)")
                  for p in defs.participants()]
    if defs.message_flows():
        lines.append("message flows:")
        lines += [f"  {m.id}: {ends(m.source, m.target)}" + (f"  [{_one_line(m.name)}]" if m.name else "")
                  for m in defs.message_flows()]
    lines.append(f"problems ({len(problems)}):")
    lines += ["  " + _problem_line(source, p) for p in problems]
    return lines


@click.command("show")
@click.argument("file", metavar="FILE")
@format_option("text", "json")
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
    from processes.mojibake import readable_names
    from processes.validate import check

    # names listed as diff reads them (one reading for all commands); ids and checks are unaffected
    defs = readable_names(load_model(file, strict=not lenient))[0]
    problems = check(defs)
    if fmt == "json":
        click.echo(json.dumps(_model_summary(defs, problems), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(_model_text(defs, problems, file)))
    ctx.exit(1 if any(p.severity == "error" for p in problems) else 0)

