"""Write a results folder's ``report.html`` (after a run, or again with ``permitflow report DIR``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from pathlib import Path

from processes.errors import InputError
from report.html import render_report
from report.results import read_processes, read_profiles, read_uncertainty, write_bytes_atomic
from report.summarycheck import read_cases_file, read_summary_file

__all__ = ["write_report", "library_diff_section"]


def library_diff_section(names: Sequence[str]) -> str:
    """The comparison of library municipalities ``names`` (report.diff_html, embedded)."""
    from report.embed import library_comparison_section

    return library_comparison_section(names)


def write_report(folder: str | Path, *, diff_section: Callable[[Sequence[str]], str] | None = None,
                 executor: Executor | None = None) -> Path:
    """Render ``folder/report.html`` from ``summary.json``, ``cases.csv`` and ``processes/``.

    ``executor``: the run's worker pool, which draws the plots meanwhile (the same bytes)."""
    folder = Path(folder)
    if not (folder / "summary.json").is_file():
        raise InputError(f"{folder}: not a results folder (no summary.json; run `permitflow run` first)")
    summary = folder / "summary.json"
    doc = read_summary_file(summary)
    cases = read_cases_file(folder / "cases.csv")
    try:
        processes = read_processes(folder)
    except UnicodeDecodeError as err:
        raise InputError(f"{folder / 'processes'}: a file is not UTF-8 text ({err.reason})") from None
    try:
        uncertainty = read_uncertainty(folder, doc)
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise InputError(f"not the uncertainty.json that permitflow run --uncertainty writes ({err})",
                         file=str(folder / "uncertainty.json")) from None
    profiles = read_profiles(folder)  # YAML read with the checked reader: its errors name the file
    try:
        html = render_report(doc, cases, processes,
                             diff_section=diff_section if diff_section is not None else library_diff_section,
                             profiles=profiles, uncertainty=uncertainty, executor=executor)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as err:
        # a shape the checks above do not know (hand-edited values deeper down): one line, not a traceback
        what = f"missing key {err}" if isinstance(err, KeyError) else str(err).splitlines()[0]
        raise InputError(f"unexpected content ({what}); expected the summary.json that permitflow run writes",
                         file=str(summary)) from None
    target = folder / "report.html"
    write_bytes_atomic(target, html.encode("utf-8"))
    return target
