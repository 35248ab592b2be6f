"""A results folder read back: its ``summary.json``, ``cases.csv``, ``uncertainty.json``, profiles and
processes, as ``permitflow report DIR`` re-renders the report from them.

Its own module: reading the folder is the other edge of writing it (:mod:`report.results`), and
needs none of what makes the files.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from bpmn_io.yamlsrc import load_yaml

__all__ = ["read_summary", "read_cases", "read_uncertainty", "read_profiles", "read_processes"]


def read_summary(folder: Path) -> dict[str, Any]:
    """The ``summary.json`` of a results folder."""
    return json.loads((Path(folder) / "summary.json").read_text(encoding="utf-8"))


def read_cases(folder: Path) -> list[dict[str, str]]:
    """The rows of ``cases.csv`` (empty when the folder has none)."""
    path = Path(folder) / "cases.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def read_uncertainty(folder: Path, summary: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The ``uncertainty.json`` of a results folder, when its summary says the run made one
    (``summary``: its ``summary.json`` when already read)."""
    folder = Path(folder)
    if summary is None:
        summary = read_summary(folder)
    if "uncertainty" not in summary or not (folder / "uncertainty.json").is_file():
        return None
    return json.loads((folder / "uncertainty.json").read_text(encoding="utf-8"))


def read_profiles(folder: Path) -> dict[str, Any]:
    """The profile document of each process in ``profiles/``, by name."""
    base = Path(folder) / "profiles"
    if not base.is_dir():
        return {}
    return {p.stem: load_yaml(p.read_bytes(), source=str(p)).data for p in sorted(base.glob("*.yaml"))}


def read_processes(folder: Path) -> dict[str, str]:
    """The BPMN text of each process in ``processes/``, by name."""
    base = Path(folder) / "processes"
    if not base.is_dir():
        return {}
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(base.glob("*.bpmn"))}
