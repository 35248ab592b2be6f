"""The results folder of a batch run, written atomically, and the per-job cache.

Layout of ``DIR`` (default ``results/<study>/``)::

    summary.json   every figure per scenario point: mean, 95 % CI, value per replication,
                   and the paired difference with the baseline
    summary.csv    the same, one row per scenario point and figure
    cases.csv      one row per simulated case (scenario, point, replication, times in days)
    eventlog.csv   the event log of the scenarios that ask for ``eventlog`` (report.eventlogs)
    eventlog.xes   the same as XES 2.0, for process-mining tools
    processes/     the BPMN of every process simulated (the report draws them)
    report.html    the report (report.html module)
    .cache/        one JSON file per finished work unit, so a rerun skips finished work (report.cache)
    .permitflow-results  the marker and manifest: what the last run wrote (report.folder)

Every file goes to a temporary name first and is renamed into place. The files
hold no timestamps, so the same run gives byte-identical files. A run removes
only files the manifest says an earlier run wrote (report.folder).

``cases.csv``'s rows and text are :mod:`report.casesfile`'s; reading the folder back is
:mod:`report.readback`'s.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

from bpmn_io.yamlsrc import dump_yaml
from report.cache import DirectoryCache
from report.casesfile import (
    CASE_HEADER,
    PLOTTED_CASE_COLUMNS,
    FirstCases,
    PointCases,
    case_rows,
    cases_csv_bytes,
    csv_bytes,
    first_cases,
    first_point_cases,
    point_cases,
)
from report.eventlogs import merged_csv, merged_xes
from report.folder import replace_outputs
from report.jsontext import FloatTexts, json_text
from report.readback import read_cases, read_processes, read_profiles, read_summary, read_uncertainty
from scenarios.batch import BatchResults, PointResults
from scenarios.compare import CUT_NOTE, ONE_NOTE, Estimate, lone
from scenarios.execute import code_version
from scenarios.shipped import results_source

__all__ = [
    "DirectoryCache",
    "summary_document",
    "write_results",
    "results_document",
    "result_files",
    "start_texts",
    "member_files",
    "summary_texts",
    "summary_json",
    "summary_csv",
    "SUMMARY_COLUMNS",
    "uncertainty_digest",
    # where report.build, web and the tests import them from (report.casesfile and report.readback hold them
    # since the module was split)
    "first_point_cases",
    "first_cases",
    "FirstCases",
    "PLOTTED_CASE_COLUMNS",
    "read_summary",
    "read_cases",
    "read_processes",
    "read_profiles",
    "read_uncertainty",
    "num",
]


def num(value: float) -> float | None:
    """A figure for JSON: NaN and infinities (which JSON cannot hold) become ``null``."""
    return None if value is None or not math.isfinite(value) else float(value)


def _nums(values: Sequence[float]) -> list[float | None]:
    """``[num(v) for v in values]``, in one pass of C when every value is a finite number (the summary's
    replications: some hundred thousand values in the bundled study, made after the run's last unit)."""
    try:
        if all(map(math.isfinite, values)):
            return list(map(float, values))
    except TypeError:  # a None among them
        pass
    return [num(v) for v in values]


def _estimate(est: Estimate) -> dict[str, Any]:
    return {
        "mean": num(est.mean),
        "ci": [num(est.low), num(est.high)],
        "replications": _nums(est.values),
        **({"cut": est.cut} if est.cut else {}),
    }


def point_entry(point: PointResults) -> dict[str, Any]:
    """``point``'s entry in its scenario's ``points`` of :func:`summary_document` (a new dict)."""
    entry: dict[str, Any] = {
        "label": point.summary.label,
        "values": {path: value for path, value in point.summary.values},
        "resolved": {m.name: m.run_values() for m in point.scenario.points[point.index].members},
        "failures": list(point.summary.failures),
        "figures": {name: _estimate(est) for name, est in point.summary.figures.items()},
        "comparison": None,
    }
    if point.comparison is not None:
        c = point.comparison
        entry["comparison"] = {
            "baseline": c.baseline,
            "baseline_label": c.baseline_label,
            "differences": {
                d.figure: {
                    "mean": num(d.mean),
                    "ci": [num(d.low), num(d.high)],
                    "significant": d.significant,
                    "replications": _nums(d.values),
                }
                for d in c.differences
            },
        }
    return entry


def summary_document(batch: BatchResults) -> dict[str, Any]:
    """The JSON document of a batch (``summary.json``): plain data, nan as ``null``."""
    scenarios: dict[str, dict[str, Any]] = {}
    for s in batch.study.scenarios:
        scenarios[s.name] = {
            "name": s.name,
            "question": s.question,
            **({"question_sv": s.question_sv} if s.question_sv else {}),
            "source": results_source(s.source),  # its name, not its folder: the same bytes from any folder
            "baseline": s.baseline,
            "members": list(s.member_names),
            "shared_pools": [
                {"pool": p.pool, "members": list(p.members), "provider": p.provider} for p in s.shared_pools
            ],
            "replications": s.replications,
            "seed": s.seed,
            "settings": s.settings.given,
            "settings_from": {
                key: results_source(str(s.settings.origin(key)))
                for key in ("replications", "seed", *s.settings.given)
            },
            "sweep": [{"path": path, "values": list(values)} for path, values in s.sweep],
            "set": [
                {"process": o.member, "path": o.path, "value": _plain(o.value),
                 "from": results_source(str(o.origin))}
                for o in s.points[0].overrides if o.what == "set"
            ],
            "points": [],
        }
    for point in batch.points:
        scenarios[point.scenario.name]["points"].append(point_entry(point))
    return {
        "study": batch.study.name,
        "title": batch.study.title,
        **({"title_sv": batch.study.title_sv} if batch.study.title_sv else {}),
        "notes": ["null: a figure without a finite value (no case to measure, or an infinite cost or rate)",
                  *([CUT_NOTE] if any(est.cut for point in batch.points for est in point.summary.figures.values())
                    else []),
                  *([ONE_NOTE] if lone(est for point in batch.points
                                       for est in point.summary.figures.values()) else [])],
        "compare": list(batch.study.compare),
        "code_version": code_version(),
        "scenarios": list(scenarios.values()),
        # the failed point by its index, which the report finds it by ("point" added: a summary.json without it reads)
        "failures": [{"scenario": f.scenario, "point": f.point, "message": f.message} for f in batch.failures],
    }


def _summary_rows(doc: dict[str, Any], float_texts: FloatTexts | None = None, *, decimal: str = ".",
                  yes_no: tuple[str, str] = ("yes", "no"),
                  said: Callable[[str], str] | None = None,
                  scenarios: Mapping[str, str] | None = None,
                  highlighted: frozenset[tuple[str, int, str]] | None = None) -> Iterable[list[Any]]:
    """summary.csv's rows; ``float_texts``: the item texts of the document's lists of floats that
    :func:`report.jsontext.json_text` made (the values per replication), taken instead of made again;
    ``decimal``: the decimal mark of the values per replication, ``yes_no``: the words of a sure difference,
    ``said``: a figure's key in words, a cell after the key, ``scenarios``: a scenario's name in words, in its
    cells and those that compare with it (a spreadsheet's in a manager's language, :mod:`report.sheet`),
    ``highlighted``: the differences the report highlights, by (scenario, point index, figure)
    (:func:`report.chance.highlights`), said in a cell after the interval's own verdict (the spreadsheet's)."""
    known = float_texts or {}
    named = scenarios or {}
    for s in doc["scenarios"]:
        for index, point in enumerate(s["points"]):
            diffs = (point["comparison"] or {}).get("differences", {})
            for name, est in point["figures"].items():
                d = diffs.get(name)
                values = est["replications"]
                missing = values.count(None)
                yield [
                    named.get(s["name"], s["name"]), point["label"], name,
                    *(() if said is None else (said(name),)),
                    est["mean"], est["ci"][0], est["ci"][1],
                    len(values) - missing,
                    named.get(s["baseline"], s["baseline"]) if s["baseline"] else "",
                    d["mean"] if d else "", d["ci"][0] if d else "", d["ci"][1] if d else "",
                    yes_no[0 if d["significant"] else 1] if d else "",
                    *(() if highlighted is None else
                      (yes_no[0 if (s["name"], index, name) in highlighted else 1] if d else "",)),
                    _replications_cell(values, missing, known.get(id(values)), decimal),
                ]


def _replications_cell(values: list[float | None], missing: int, texts: str | None, decimal: str = ".") -> str:
    """The values per replication as one cell, ``;`` between them, nothing for a missing one
    (``texts``: the same cell as JSON writes it, ``null`` for a missing one, when known); ``decimal``: the
    decimal mark (the cell holds nothing but finite floats' texts and ``;``)."""
    if texts is None:
        cell = ";".join("" if v is None else repr(v) for v in values)
    else:
        cell = texts.replace("null", "") if missing else texts  # no float's text holds "null"
    return cell if decimal == "." else cell.replace(".", decimal)


SUMMARY_COLUMNS = (
    "scenario", "point", "figure", "mean", "ci_low", "ci_high", "n", "baseline",
    "diff_mean", "diff_ci_low", "diff_ci_high", "diff_significant", "replications",
)


def uncertainty_digest(doc: dict[str, Any]) -> dict[str, Any]:
    """What ``summary.json`` says of an uncertainty run (the whole of it is in ``uncertainty.json``)."""
    return {
        "file": "uncertainty.json",
        "points": doc["points"],
        "seed": doc["seed"],
        "method": doc["method"],
        "scenarios": {
            name: {
                "figures": {f: v["noise_and_assumptions"] for f, v in s["figures"].items()},
                "conclusions": {f: {k: c[k] for k in ("direction", "holds", "share_same_direction", "at_least")}
                                for f, c in s["conclusions"].items()},
            }
            for name, s in doc["scenarios"].items()
        },
    }


def _plain(value: Any) -> Any:
    """An override's value as JSON has it: dates and times (YAML reads ``2025-01-21`` as one) in ISO form."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def summary_json(doc: dict[str, Any], float_texts: FloatTexts | None = None) -> bytes:
    """``summary.json``'s bytes for ``doc`` (and ``uncertainty.json``'s for an uncertainty document)."""
    # json.dumps(doc, indent=1, ensure_ascii=False, allow_nan=False, default=str): the same text, faster
    return (json_text(doc, float_texts=float_texts) + "\n").encode("utf-8")


def _made(future: Future[Any], make: Callable[..., Any], *inputs: Any) -> Any:
    """What a worker made, or (a lost worker) the same made here."""
    try:
        return future.result()
    except Exception:  # noqa: BLE001 - a fault of ``make`` itself is raised here again
        return make(*inputs)


def summary_csv(doc: dict[str, Any], float_texts: FloatTexts | None = None, *, header: Sequence[str] = SUMMARY_COLUMNS,
                delimiter: str = ",", decimal: str = ".", bom: bool = False,
                yes_no: tuple[str, str] = ("yes", "no"), said: Callable[[str], str] | None = None,
                scenarios: Mapping[str, str] | None = None,
                highlighted: frozenset[tuple[str, int, str]] | None = None) -> bytes:
    """``summary.csv``'s bytes for ``doc``; the keywords make the same rows a spreadsheet in a manager's language
    (:func:`report.sheet.summary_sheet`: heads in words, its delimiter, decimal mark and words for yes and no,
    each figure in words beside its key, the scenarios by the names its reader knows them by, whether the report
    highlights each difference)."""
    return csv_bytes(header, _summary_rows(doc, float_texts, decimal=decimal, yes_no=yes_no, said=said,
                                           scenarios=scenarios, highlighted=highlighted),
                     delimiter=delimiter, decimal=decimal, bom=bom)


def results_document(batch: BatchResults, uncertainty: dict[str, Any] | None = None) -> dict[str, Any]:
    """``summary.json``'s document: :func:`summary_document` and, with an uncertainty run's
    document, its digest (:func:`uncertainty_digest`)."""
    doc = summary_document(batch)
    if uncertainty is not None:
        doc["uncertainty"] = uncertainty_digest(uncertainty)
    return doc


def write_results(folder: Path, batch: BatchResults, *, uncertainty: dict[str, Any] | None = None,
                  executor: Executor | None = None) -> dict[str, Any]:
    """Write summary.json/.csv, cases.csv, eventlog.csv/.xes (if asked for), uncertainty.json (when
    ``uncertainty``, the document of :func:`scenarios.uncertainty.analyse`, is given), profiles/ and
    processes/; return the summary.

    A file that an earlier run into the same folder wrote, and this run does not (an event
    log, an uncertainty document, a process), is removed (:func:`report.folder.replace_outputs`);
    nothing else is.

    ``executor``: a pool of local worker processes, which writes the two CSV texts while this
    process writes the JSON (the same bytes; every case row travels to a worker and back).
    """
    doc = results_document(batch, uncertainty)
    replace_outputs(Path(folder), result_files(batch, doc, uncertainty=uncertainty, executor=executor))
    return doc


#: the texts on their way from the workers (:func:`start_texts`): the points' case rows, cases.csv, and
#: summary.json with summary.csv
Texts = tuple[PointCases, Future[bytes], Future[tuple[bytes, bytes]]]


def start_texts(batch: BatchResults, doc: dict[str, Any], executor: Executor) -> Texts:
    """Send the texts of :func:`result_files` to ``executor`` now (for ``started=``), in two tasks of
    about the same cost, one per worker: summary.json with summary.csv (:func:`summary_texts`, so
    the document travels once) and cases.csv. A run sends them as soon as its last unit is back
    and renders the report meanwhile. The case rows travel as each point's tuple of rows, as the
    batch holds them (the worker puts the scenario and label in front: less to make and pickle here)."""
    points = point_cases(batch)
    summaries = executor.submit(summary_texts, doc)
    return points, executor.submit(cases_csv_bytes, points), summaries


def summary_texts(doc: dict[str, Any]) -> tuple[bytes, bytes]:
    """``summary.json``'s and ``summary.csv``'s bytes for ``doc``, as :func:`result_files` makes them;
    each float of the values per replication formatted once for both."""
    float_texts: FloatTexts = {}
    json_bytes = summary_json(doc, float_texts)
    return json_bytes, summary_csv(doc, float_texts)


def result_files(batch: BatchResults, doc: dict[str, Any], *, uncertainty: dict[str, Any] | None = None,
                 executor: Executor | None = None, started: Texts | None = None,
                 made: Mapping[str, bytes] | None = None) -> dict[str, bytes]:
    """The files :func:`write_results` writes (path in the folder -> bytes), ``doc`` being
    :func:`results_document` of the same ``batch`` and ``uncertainty``. ``executor``: a pool of
    local workers makes the texts; ``started``: they are already on their way
    (:func:`start_texts`); ``made``: the member files of :func:`member_files`, already made from
    the same ``batch``, taken as they are. The same bytes either way."""
    made = made or {}
    cases = case_rows(batch)
    if started is None and executor is not None:
        started = start_texts(batch, doc, executor)
    files: dict[str, bytes] = {}
    if uncertainty is not None:
        files["uncertainty.json"] = summary_json(uncertainty)
    if started is not None:
        points, cases_csv, summaries = started
        files["summary.json"], files["summary.csv"] = _made(summaries, summary_texts, doc)
        files["cases.csv"] = _made(cases_csv, cases_csv_bytes, points)
    else:
        files["summary.json"], files["summary.csv"] = summary_texts(doc)
        files["cases.csv"] = csv_bytes(CASE_HEADER, cases)
    logs = [(p.scenario.name, p.summary.label, *log) for p in batch.points for log in p.eventlogs]
    if logs:
        files["eventlog.csv"] = merged_csv(logs)
        files["eventlog.xes"] = merged_xes(logs)
    members = {name: data for name, data in made.items() if name.startswith(("processes/", "profiles/"))}
    files.update(members or member_files(batch))
    return files


def member_files(batch: BatchResults) -> dict[str, bytes]:
    """``processes/<name>.bpmn`` and ``profiles/<name>.yaml`` of every process of ``batch``."""
    files: dict[str, bytes] = {}
    for p in batch.points:
        for member in p.scenario.points[0].members:
            if f"processes/{member.name}.bpmn" not in files:
                files[f"processes/{member.name}.bpmn"] = member.bpmn.encode("utf-8")
                # the profile as read, before any scenario's overrides: the report's assumptions section
                files[f"profiles/{member.name}.yaml"] = dump_yaml(dict(member.base.profile)).encode("utf-8")
    return files


