"""The base of a scenario: a library municipality, or a model file and its profile.

``base: helsingborg`` names a folder of the bundled library
(``processes/library/helsingborg/process.bpmn`` + ``profile.yaml``; a
municipality handled by another uses the handler's process with its own
profile); ``base: {bpmn: my.bpmn, profile: my.yaml, name: mytown}`` names files
relative to the scenario file. The model may also be a YAML authoring file
(``permit.yaml``): it is turned into BPMN (with a Graphviz diagram) here.

The profile is checked when it is read, so a mistake in it is reported at its
own file and line, before any override is applied. Reading is cached by file
identity (path, size, modification time): a warm process that resolves the
same bases again (a web app, an uncertainty run) reads and parses them once.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from bpmn_io.library import library_names, library_paths
from bpmn_io.loading import model_format
from bpmn_io.profile import not_a_profile, profile_from_data
from bpmn_io.xmltext import xml_text
from bpmn_io.yamlsrc import load_yaml
from processes.errors import InputError, PermitflowError, did_you_mean
from processes.frozenclass import frozen_dataclass
from scenarios.names import check_name

__all__ = ["Base", "resolve_base", "library_base", "file_base"]


@frozen_dataclass
class Base:
    """A process as read: BPMN text, the raw profile document and the line of each of its keys."""

    name: str
    bpmn: str
    bpmn_source: str
    profile: Mapping[str, Any]
    profile_source: str
    profile_lines: Mapping[tuple[Any, ...], int]

    def line(self, path: tuple[Any, ...]) -> int | None:
        """The profile file's line of ``path`` (or of its deepest ancestor written there)."""
        parts = tuple(path)
        while parts:
            if parts in self.profile_lines:
                return self.profile_lines[parts]
            parts = parts[:-1]
        return None


@lru_cache(maxsize=128)
def _model_text(path: Path, _stamp: tuple[int, int]) -> str:
    """BPMN text of a model file: as it is, or made from a YAML authoring file."""
    if (model_format(path) or "bpmn") == "bpmn":  # as the BPMN reader reads it (Latin-1 by its declaration)
        return xml_text(path.read_bytes(), source=str(path))
    from bpmn_io.authoring import read_authoring
    from bpmn_io.layout import add_layout
    from bpmn_io.writer import to_bpmn_bytes

    defs = read_authoring(path)
    return to_bpmn_bytes(defs if defs.has_di() else add_layout(defs)).decode("utf-8")


@lru_cache(maxsize=128)
def _profile(path: Path, _stamp: tuple[int, int]) -> tuple[dict[str, Any], dict[tuple[Any, ...], int]]:
    """The raw profile document (checked) and the line of each key."""
    doc = load_yaml(path.read_bytes(), source=str(path))
    if not isinstance(doc.data, dict):
        raise not_a_profile(doc.data).located(file=str(path), line=doc.line(()) or 1)
    profile_from_data(doc.data, source=str(path), doc=doc)
    return doc.data, dict(doc.lines)


def _stamp(path: Path, what: str, source: str, line: int | None) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        raise InputError(f"base: {what} file '{path}' does not exist", file=source, line=line) from None
    if not path.is_file():
        raise InputError(f"base: {what} '{path}' is not a file", file=source, line=line)
    return info.st_size, info.st_mtime_ns


def file_base(name: str, bpmn_path: Path, profile_path: Path, *, source: str, line: int | None) -> Base:
    """The base made of a model file and a profile file (``source``/``line``: who named them)."""
    model_stamp = _stamp(bpmn_path, "model", source, line)
    profile_stamp = _stamp(profile_path, "profile", source, line)
    bpmn = _model_text(bpmn_path, model_stamp)
    raw, lines = _profile(profile_path, profile_stamp)
    return Base(name, bpmn, str(bpmn_path), raw, str(profile_path), lines)


def library_base(name: str, *, source: str, line: int | None, profile: Path | None = None) -> Base:
    """The base of library municipality ``name`` (with another ``profile`` file if given)."""
    names = library_names()
    if name not in names:
        raise InputError(
            f"base: unknown library municipality '{name}'{did_you_mean(name, names)} (expected one of "
            f"{', '.join(names)})",
            file=source, line=line,
        )
    bpmn_path, profile_path = library_paths(name)
    return file_base(name, bpmn_path, profile or profile_path, source=source, line=line)


def resolve_base(spec: Any, *, source: str, line: int | None, base_dir: Path) -> Base:
    """Read the base named by ``spec`` (a library name or ``{bpmn:, profile:[, name:]}``)."""
    try:
        if isinstance(spec, str):
            return library_base(spec, source=source, line=line)
        if isinstance(spec, dict) and {"bpmn", "profile"} <= set(spec) and set(spec) <= {"bpmn", "profile", "name"}:
            # the name becomes processes/<name>.bpmn in a results folder: a name, never a path
            name = check_name(str(spec.get("name") or Path(str(spec["bpmn"])).stem), what="base: name",
                              file=source, line=line)
            return file_base(name, base_dir / str(spec["bpmn"]), base_dir / str(spec["profile"]),
                             source=source, line=line)
    except PermitflowError as err:
        raise err.located(file=source, line=line) from None
    raise InputError(
        f"base: {spec!r} (expected a library municipality or {{bpmn: file, profile: file[, name: n]}})",
        file=source, line=line,
    )
