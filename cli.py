"""permitflow command line: the only place that prints, reads user paths and sets exit codes.

Exit codes: 0 ok, 1 problems found / run failed, 2 bad input or usage.
A user error is one line naming file, line and element id; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import errno
import os
import sys
import threading
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from clicommands.calibrate import calibrate_cmd
from clicommands.calibration import _model_and_base, _validation
from clicommands.convert import convert_cmd
from clicommands.discover import discover_cmd
from clicommands.library import facts_cmd, library_cmd
from clicommands.logs import log_cmd
from clicommands.optimise import optimise_cmd
from clicommands.options import _LENIENT_LEFT_OUT_HELP, _InputPath, _log_columns, _log_options, _Number
from clicommands.output import (
    _emit,
    _not_an_input,
    _note_lenient,
    _option_hint,
    _with_repairs,
    atomic_write,
    fail,
)
from clicommands.render import render_cmd
from clicommands.run import cache_command, report_command, run_command
from clicommands.simulate import simulate_cmd
from clicommands.validate import show_cmd, validate_cmd
from clicommands.workers import _OWN_PROCESS, _Ahead, _one_blas_thread, _prepared
from processes.errors import PermitflowError
from processes.extras import install_hint
from processes.wording import counted

# re-exported: bench/ and tests of other packages read these from cli (their home is in clicommands/)
__all__ = ["main", "cli", "atomic_write", "fail", "_Ahead", "_prepared", "_OWN_PROCESS", "_validation"]


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


# the commands, each in its module of clicommands/ (--help lists them by name)
for _command in (validate_cmd, show_cmd, convert_cmd, render_cmd, library_cmd, facts_cmd, simulate_cmd,
                 run_command, report_command, cache_command, optimise_cmd, log_cmd, calibrate_cmd,
                 discover_cmd):
    cli.add_command(_command)


# --------------------------------------------------------------------------- Map: validate, show, render, convert
# (section owned by the foundation work)


if TYPE_CHECKING:

    from processes.model import Definitions


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
def serve_cmd(host: str, port: int, token: str | None, workers: int | None, keep_mb: int) -> None:
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
        serve(host, port, token=token, workers=workers, keep_mb=keep_mb, preload=("cli",))
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
