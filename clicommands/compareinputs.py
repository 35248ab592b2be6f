"""What diff and compare read: a model file, a library name or a case log (a model discovered from
it), read one by one or on a forked helper, with the refusals of missing references and of two inputs with one
name.

Its own module because both commands share it and it is the part of them that reads inputs; diff.py prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from clicommands.calibration import model_and_base
from clicommands.options import Number, log_columns, log_options
from processes.wording import counted

if TYPE_CHECKING:
    from processes.model import Definitions

__all__ = ["compare_input", "compare_inputs", "distinct_names", "log_compare_options", "log_inputs",
           "model_file_of"]


def compare_input(arg: str, from_logs: dict[str, Any] | None = None, *,
                  strict: bool = True) -> tuple[str, object, dict[str, object] | None]:
    """(name, Definitions, raw profile or None) for a library name, a model file or a case log.

    ``strict=False`` (``--lenient``) reads a model file leniently and leaves out the sequence
    flows it cannot follow (:func:`bpmn_io.lenient.without_broken_flows`); :func:`note_lenient`
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
        # compare also reads case logs: a missing one is not told it should have been a model
        raise lib.no_such_model(arg, logs=True)
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
    """True if :func:`compare_input` reads ``arg`` as a case log (``from_logs``: the log options)."""
    if from_logs is None or arg.lower().endswith(_MODEL_SUFFIXES) or not Path(arg).exists():
        return False
    from bpmn_io.logfiles import is_case_log  # the log readers (lxml, csv, gzip) only for a file

    return is_case_log(arg)


def model_file_of(arg: str, from_logs: dict[str, Any] | None) -> str:
    """The file :func:`compare_input` read ``arg``'s model from, for what ``--lenient`` repaired in
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
    """An argument that failed to read in :func:`compare_inputs`; its error is raised in argument order.
    Not picklable: a forked helper with one fails as a whole, and this process reads its share again."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def __reduce__(self) -> Any:
        raise TypeError("an unread argument is not sent between processes")


def compare_inputs(args: Sequence[str], from_logs: dict[str, Any], workers: int,
                   first: Callable[[], Any], *,
                   strict: bool = True) -> tuple[Any, list[tuple[str, object, dict[str, object] | None]]]:
    """``(first(), [compare_input(arg) for arg in args])``, computed as if in that order.

    When every argument is a model file (.bpmn, .bpmn2, .xml, .yaml, .yml) or a library name and
    ``workers`` > 1, a forked helper (:func:`processes.forkshare.run_shared`) reads three arguments
    in four while this process runs ``first`` (the comparison's imports: about as long as reading
    three models) and reads the fourth: reading and checking ten models and their profiles is most
    of a cold ``compare`` before its pairs. The result is the same; an error in ``first`` is raised
    first, then the error of the first bad argument in order (all arguments are read then)."""
    from bpmn_io.userfile import is_stream_path

    def read(arg: str) -> object:
        try:
            return compare_input(arg, from_logs, strict=strict)
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
    ``strict=False`` (``--lenient``) reads the ``--model`` as :func:`compare_input` reads a model file."""
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
        defs, base, _source = model_and_base(options["model"], None, strict=strict)
        fitted = calibrate(defs, table, map_activities(defs, table), base=base, log_name=Path(path).name)
    else:
        from calibrate.discover import discover_model

        found = discover_model(table, min_frequency=options["min_frequency"], noise=0.2)
        defs = found.defs
        fitted = calibrate(defs, found.table, map_activities(defs, found.table), base=found.base(),
                           log_name=Path(path).name)
    return name, defs, fitted.profile


def log_inputs(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The log options of diff/compare, taken out of ``kwargs``."""
    return {"columns": log_columns(kwargs), "model": kwargs.pop("log_model"),
            "min_frequency": kwargs.pop("min_frequency")}


def log_compare_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options for arguments that are case logs (XES, CSV): the columns, and what model to use."""
    func = click.option("--min-frequency", type=Number(0, 1, what="a share of the cases", example="0.1"), default=0.1, show_default=True,
                        help="For a log without --model: keep activities in at least this share of cases when "
                             "discovering its model.")(func)
    func = click.option("--model", "log_model", metavar="MODEL",
                        help="For arguments that are case logs: calibrate this model (library name or file) to "
                             "each log instead of discovering one.")(func)
    return log_options(func)


def distinct_names(args: list[str], names: list[str]) -> list[str]:
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

