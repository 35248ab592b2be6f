"""The base of a scenario: a library municipality, or a BPMN file and its profile.

``base: helsingborg`` names a folder of the bundled library
(``processes/library/helsingborg/process.bpmn`` + ``profile.yaml``);
``base: {bpmn: my.bpmn, profile: my.yaml, name: mytown}`` names files relative to
the scenario file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bpmn_io.library import library_names, library_paths
from bpmn_io.yamlsrc import load_yaml
from processes.errors import InputError, PermitflowError

__all__ = ["Base", "resolve_base", "load_profile_raw"]


@dataclass(frozen=True, slots=True)
class Base:
    """A process as read: BPMN text and the raw profile document."""

    name: str
    bpmn: str
    bpmn_source: str
    profile: Mapping[str, Any]
    profile_source: str


def load_profile_raw(path: Path) -> dict[str, Any]:
    """The raw profile document of ``path`` (a mapping), as the profile parser reads it."""
    doc = load_yaml(path.read_text(encoding="utf-8"), source=str(path))
    if not isinstance(doc.data, dict):
        raise InputError("a profile is a mapping (municipality:, facts:, simulation:)", file=str(path), line=1)
    return doc.data


def _read(path: Path, *, what: str, source: str, line: int | None) -> str:
    if not path.is_file():
        raise InputError(f"base: {what} file '{path}' does not exist", file=source, line=line)
    return path.read_text(encoding="utf-8")


def resolve_base(spec: Any, *, source: str, line: int | None, base_dir: Path) -> Base:
    """Read the base named by ``spec`` (a library name or ``{bpmn:, profile:[, name:]}``)."""
    if isinstance(spec, str):
        names = library_names()
        if spec not in names:
            raise InputError(
                f"base: unknown library municipality '{spec}' (expected one of {', '.join(names)})",
                file=source,
                line=line,
            )
        bpmn_path, profile_path = library_paths(spec)
        name = spec
    elif isinstance(spec, dict) and {"bpmn", "profile"} <= set(spec) and set(spec) <= {"bpmn", "profile", "name"}:
        bpmn_path = base_dir / str(spec["bpmn"])
        profile_path = base_dir / str(spec["profile"])
        name = str(spec.get("name") or Path(str(spec["bpmn"])).stem)
    else:
        raise InputError(
            f"base: {spec!r} (expected a library municipality or {{bpmn: file, profile: file[, name: n]}})",
            file=source,
            line=line,
        )
    bpmn = _read(bpmn_path, what="BPMN", source=source, line=line)
    _read(profile_path, what="profile", source=source, line=line)
    try:
        raw = load_profile_raw(profile_path)
    except PermitflowError as err:
        raise err.located(file=str(profile_path)) from None
    return Base(name, bpmn, str(bpmn_path), raw, str(profile_path))
