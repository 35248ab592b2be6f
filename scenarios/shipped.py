"""The scenario and study files shipped with permitflow, found by name.

They are package data of ``scenarios`` (``scenarios/*.yaml``): the folder ``scenarios/`` of a
checkout, ``site-packages/scenarios/`` of an installed wheel. A command that takes a scenario
or study file also takes the name of a shipped one, the file's stem (``permitflow run
e-service``), wherever permitflow is installed; a file at the path given always wins
(:func:`resolve_file`).

A shipped file is named in results and messages by its path inside permitflow
(``scenarios/e-service.yaml``), however it was reached (:func:`shown_source`): by name, by
a relative or an absolute path, from a checkout or a wheel, a run writes the same results.

>>> "e-service" in shipped_names()
True
>>> shown_source(shipped_root() / "e-service.yaml")
'scenarios/e-service.yaml'
>>> resolve_file("e-service") == shipped_root() / "e-service.yaml"
True
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import scenarios
from bpmn_io.yamlsrc import load_yaml
from processes.errors import InputError, did_you_mean
from processes.frozenclass import frozen_dataclass

__all__ = [
    "ShippedFile",
    "shipped_root",
    "shipped_names",
    "shipped_path",
    "shipped_files",
    "resolve_file",
    "shown_source",
    "results_source",
]

SUFFIX = ".yaml"
#: how a shipped file's path starts in results and messages (the package's folder in a checkout)
SHOWN_FOLDER = "scenarios"


@frozen_dataclass
class ShippedFile:
    """One shipped file as the listing shows it: ``kind`` is ``scenario`` or ``study``;
    ``question`` the scenario's question, or a study's title; ``scenarios`` the number a study runs."""

    name: str
    kind: str
    question: str
    scenarios: int = 1


def shipped_root() -> Path:
    """The folder of the shipped scenario and study files."""
    # the package's own folder (importlib.resources gives the same one at a higher start-up cost)
    return Path(scenarios.__file__).parent


def shipped_names() -> list[str]:
    """The names (file stems) of the shipped scenario and study files, sorted."""
    return sorted(p.stem for p in shipped_root().glob(f"*{SUFFIX}") if p.is_file())


def shipped_path(name: str) -> Path | None:
    """The shipped file called ``name`` (a stem, never a path), or ``None``."""
    if "/" in name or "\\" in name or name not in shipped_names():
        return None
    return shipped_root() / f"{name}{SUFFIX}"


def resolve_file(given: str) -> Path:
    """The file a command line's FILE stands for: ``given`` itself when it exists and is not a
    folder (a FIFO, ``/dev/stdin``), else the shipped file of that name.

    A folder of that name does not hide a shipped file (``permitflow run status-quo -o
    status-quo`` twice). Anything else is an :class:`InputError` listing the shipped names.
    """
    path = Path(given)
    if os.path.exists(given) and not path.is_dir():
        # found by QA (qafresh): "permit.bpmn:1: a scenario file is a mapping (name:, base:, set: ...)"
        if path.suffix.lower() in _MODEL_SUFFIXES:
            raise InputError("is a process model, not a scenario or study file (permitflow simulate runs a "
                             "model; a scenario names it under base:)", file=given)
        return path
    found = shipped_path(given)
    if found is not None:
        return found
    names = shipped_names()
    what = "is a folder" if path.is_dir() else "no such file, nor a shipped scenario or study of that name"
    from bpmn_io.library import is_library_name

    # found by QA (qafresh): "run helsingborg" listed the scenarios without saying what helsingborg is
    near = (" (it is a library model: permitflow simulate runs it)" if is_library_name(given)
            else did_you_mean(given, names))
    raise InputError(f"{what}{near} (expected a scenario or study file, or one of {', '.join(names)})",
                     file=given)


#: files that are process models, never scenario or study files
_MODEL_SUFFIXES = (".bpmn", ".bpmn2", ".xml")


def shown_source(path: Path) -> str:
    """``path`` as results and messages name it: ``scenarios/<file>`` for a shipped file, reached
    by any path; any other file as given."""
    try:
        shipped = path.suffix == SUFFIX and path.is_file() and path.parent.samefile(shipped_root())
    except OSError:  # a folder that is not there: not the shipped one
        shipped = False
    return f"{SHOWN_FOLDER}/{path.name}" if shipped else str(path)


def results_source(source: str) -> str:
    """``source`` (a file :func:`shown_source` named, or a label such as ``--set`` or ``built-in
    default``) as a results file names it: a file by its name alone (``scenarios/<file>`` for a
    shipped one, and for a file of a shipped file's name in a folder called ``scenarios``, which a
    relative path names so), a label as it is.

    A file's folder as the command line gave it would make the same files give other bytes from
    another folder, or by an absolute path (``summary.json``); messages keep the path as given.

    >>> results_source("/home/anna/study/a.yaml:4"), results_source("../study/a.yaml")
    ('a.yaml:4', 'a.yaml')
    >>> results_source("scenarios/e-service.yaml"), results_source("--replications")
    ('scenarios/e-service.yaml', '--replications')
    """
    folder, sep, name = source.replace(os.sep, "/").rpartition("/")
    if not sep or source.startswith("-"):
        return source
    shipped = folder.rpartition("/")[2] == SHOWN_FOLDER and name.partition(":")[0] in _shipped_files()
    return f"{SHOWN_FOLDER}/{name}" if shipped else name


def _shipped_files() -> set[str]:
    return {f"{stem}{SUFFIX}" for stem in shipped_names()}


def _english(words: Any) -> str:
    """A question or title as the command line lists it: its English of ``{en: ..., sv: ...}``, else as written."""
    if isinstance(words, dict):
        words = words.get("en") or words.get("sv")
    return str(words or "")


def shipped_files() -> list[ShippedFile]:
    """Every shipped scenario and study, by name, with its question (a study: its title)."""
    files = []
    for name in shipped_names():
        path = shipped_root() / f"{name}{SUFFIX}"
        data = load_yaml(path.read_bytes(), source=shown_source(path)).data
        data = data if isinstance(data, dict) else {}
        if "scenarios" in data and "base" not in data:
            entries = data["scenarios"] if isinstance(data["scenarios"], list) else []
            words = _english(data.get("question")) or _english(data.get("title"))
            files.append(ShippedFile(name, "study", " ".join(words.split()), len(entries)))
        else:
            files.append(ShippedFile(name, "scenario", " ".join(_english(data.get("question")).split())))
    return files
