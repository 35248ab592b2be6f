"""``permitflow library`` (and its subcommands scenarios, show, build) and ``permitflow facts``: what
ships with permitflow, as tables or JSON.

Its own module: the commands that read the bundled library and nothing the user names.
"""

from __future__ import annotations

from typing import Any

import click

from clicommands.options import format_option
from clicommands.output import atomic_write, terminal_width

__all__ = ["facts_cmd", "library_cmd"]


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


@click.group("library", invoke_without_command=True)
@format_option("table", "json")
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
    click.echo(facts.render_grid(header, grid, total=terminal_width()))
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
            + facts.render_grid(["Name", "Question"], grid, width=80, total=terminal_width()))


@library_cmd.command("scenarios")
@format_option("table", "json")
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
@format_option("yaml", "json")
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


@click.command("facts")
@click.argument("names", nargs=-1, metavar="[NAME...]")
@format_option("table", "csv", "markdown", "json")
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

    click.echo(facts.render_facts(facts.facts_table(_library_profiles(names, listed=True)), fmt, total=terminal_width()),
               nl=False)

