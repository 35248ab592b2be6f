"""Write a results folder's ``report.html`` (after a run, or again with ``permitflow report DIR``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from processes.errors import InputError
from report.html import render_report
from report.results import (
    read_cases,
    read_processes,
    read_profiles,
    read_summary,
    read_uncertainty,
    write_bytes_atomic,
)

__all__ = ["write_report", "library_diff_section"]


def library_diff_section(names: Sequence[str]) -> str:
    """The comparison of library municipalities ``names`` (report.diff_html, embedded)."""
    from report.embed import library_comparison_section

    return library_comparison_section(names)


def write_report(folder: str | Path, *, diff_section: Callable[[Sequence[str]], str] | None = None) -> Path:
    """Render ``folder/report.html`` from ``summary.json``, ``cases.csv`` and ``processes/``."""
    folder = Path(folder)
    if not (folder / "summary.json").is_file():
        raise InputError(f"{folder}: not a results folder (no summary.json; run `permitflow run` first)")
    html = render_report(
        read_summary(folder),
        read_cases(folder),
        read_processes(folder),
        diff_section=diff_section if diff_section is not None else library_diff_section,
        profiles=read_profiles(folder),
        uncertainty=read_uncertainty(folder),
    )
    target = folder / "report.html"
    write_bytes_atomic(target, html.encode("utf-8"))
    return target
