"""``permitflow render``: a model drawn as an SVG, and the Graphviz layout session (``--layout-timeout``,
``--verbose``) that convert uses too.

Its own module: drawing is one concept; convert imports the layout session from here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from clicommands.options import LENIENT_HELP, Count, InputPath, Number
from clicommands.output import atomic_write, note_lenient

__all__ = ["render_cmd", "timed_layout"]


@contextmanager
def timed_layout(timeout: float | None, verbose: bool) -> Iterator[None]:
    """Graphviz layouts inside the block get ``timeout``; ``verbose``: one stderr line on what ran."""
    from bpmn_io.dot import layout_session

    with layout_session(timeout) as session:
        yield
    if verbose:
        if not session.runs:
            click.echo("permitflow: layout: none needed (the model has its diagram)", err=True)
        for line in session.summary():
            click.echo(f"permitflow: layout: {line}", err=True)


def _drawable_model(file: str, *, strict: bool = True) -> object:
    """The model named by ``file`` (BPMN, YAML or library name) with a diagram, laid out if it had none."""
    from bpmn_io.layout import with_diagram
    from bpmn_io.loading import load_model
    from processes.mojibake import readable_names

    # names drawn as diff reads them: "Rechnung klären", not a tool's double-encoded "Rechnung klÃƒÂ¤ren"
    return with_diagram(readable_names(load_model(file, strict=strict))[0])


@click.command("render")
@click.argument("file", metavar="FILE")
@click.option("-o", "--output", "output", required=True,
              type=InputPath("an .svg file to write", exists=False), help="The SVG file to write.")
@click.option("--diagram", type=Count(min=0, what="a diagram's number", example="0 or 1"), default=0, show_default=True,
              help="Which diagram (plane) to draw when the model has several, counting from 0.")
@click.option("--lenient", is_flag=True, help=LENIENT_HELP)
@click.option("--layout-timeout", type=Number(min=0, what="a number of seconds", example="60 or 0"), metavar="SECONDS",
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
        with timed_layout(layout_timeout, verbose):
            defs: Any = _drawable_model(file, strict=not lenient)  # a Definitions with a diagram
            svg = render_svg(defs, diagram=diagram)  # an unnamed flow's condition where permitflow laid it out
    except ModelError as err:
        raise err.located(file=file) from None
    with atomic_write(output, "wb") as fh:
        fh.write(svg.encode("utf-8"))  # type: ignore[attr-defined]
    if lenient:
        note_lenient(defs, file)
    count = len(defs.diagrams)
    if count > 1 and ctx.get_parameter_source("diagram") is not ParameterSource.COMMANDLINE:
        # the first diagram of a file may be a called activity's, not the main model's (a tool's export)
        sizes = ", ".join(f"{k}: {len(d.plane.shapes)} shapes" for k, d in enumerate(defs.diagrams))
        click.echo(f"note: {file} has {count} diagrams ({sizes}); drew diagram 0, --diagram K draws another", err=True)

