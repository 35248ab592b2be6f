"""Validate a calibration against the log: train on the first 70 % of the cases, score on the rest.

``calibrate --validate`` and ``discover --validate`` split the log by time
(:func:`split_by_start`: the cases in order of their first event; the first 70 %
train, the last 30 % are held out), calibrate on the training part, simulate the
calibrated model over the held-out period on the one road
(:mod:`scenarios.road`, several replications) and measure how far each simulated
log is from the held-out one (:mod:`calibrate.distances`): the scores are the
means over the replications.

The simulation starts empty on the first held-out day and its arrivals stop at
the last held-out arrival; simulated events after the held-out log's last
timestamp are cut off, as the real log was when it was exported.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bpmn_io.caselog import LogTable, from_seconds, wall_seconds
from bpmn_io.yamlsrc import dump_yaml
from calibrate import distances as dist
from processes.errors import InputError, SimulationError

__all__ = ["Validation", "split_by_start", "subset_cases", "real_caselog", "model_steps_only", "simulated_caselog",
           "score", "heldout_profile", "simulate_period", "validate_profile", "TRAIN_SHARE", "PERCENTILES",
           "arrivals_before_end", "resolved_deadline"]

TRAIN_SHARE = 0.7
PERCENTILES = (10, 25, 50, 75, 90)


def _used(codes: np.ndarray, names: tuple[str, ...], *, keep_none: bool) -> tuple[np.ndarray, tuple[str, ...]]:
    """``codes`` renumbered into the names they use, and those names in their order (``keep_none``: code 0,
    ``""``, stays 0)."""
    used = np.zeros(len(names), bool)
    used[codes] = True
    if keep_none and names:
        used[0] = True
    new_code = np.cumsum(used) - 1
    return new_code[codes].astype(np.int32), tuple(n for n, u in zip(names, used, strict=True) if u)


def subset_cases(table: LogTable, keep: np.ndarray, *, source: str | None = None,
                 running: frozenset[str] = frozenset()) -> LogTable:
    """The rows of the cases where ``keep`` (one bool per case) is true, cases renumbered in order, with the rows
    in progress of those cases and of the cases ``running`` (known only by rows in progress).

    The activity, resource and element names are those of the kept rows alone: the names only the
    other cases use are not there (a fit on the training part mapped held-out cases' activities onto the
    model's steps, and one of them could take a step from a training activity)."""
    rows = keep[table.case]
    kept = {c for c, k in zip(table.case_ids, keep, strict=True) if k} | running
    new_code = np.cumsum(keep) - 1
    activity, activities = _used(table.activity[rows], table.activities, keep_none=False)
    resource, resources = _used(table.resource[rows], table.resources, keep_none=True)
    element, elements = _used(table.element[rows], table.elements, keep_none=True)
    return LogTable(
        source=source or table.source, case_ids=tuple(c for c, k in zip(table.case_ids, keep, strict=True) if k),
        activities=activities, resources=resources, elements=elements,
        case=new_code[table.case[rows]].astype(np.int32), activity=activity,
        resource=resource, element=element, start=table.start[rows], end=table.end[rows],
        where=table.where[rows], notes=table.notes,
        in_progress=tuple(r for r in table.in_progress if r.case in kept), ended=table.ended)


def split_by_start(table: LogTable, share: float = TRAIN_SHARE) -> tuple[LogTable, LogTable]:
    """(training, held out): the first ``share`` of the cases by their arrival, and the rest.

    A case arrives as ``calibrate`` counts it (:meth:`LogTable.arrivals`): its first row's start, else its
    completion, a row still in progress at the export included; a case known only by such rows is one of the
    cases too, in the part its arrival falls in (it was in neither, and a log exported mid-year lost its newest
    cases from the held-out part). Each part keeps at least one case with a completed row. ``share`` lies
    strictly between 0 and 1: at 0 or 1 a part would be empty (it was moved to one case without a word).
    """
    if not 0 < share < 1:
        raise ValueError(f"training share {share!r} (expected above 0 and below 1: both parts need cases)")
    if table.n_cases < 4:
        raise InputError(f"{table.n_cases} case{'' if table.n_cases == 1 else 's'} in the log, too few to hold some "
                         "out for --validate (expected at least 4 cases)", file=table.source)
    known, running = table.arrivals()
    arrived = np.concatenate([known, np.fromiter(running.values(), float, len(running))])
    cut = min(arrived.size - 1, max(1, round(arrived.size * share)))
    early = np.zeros(arrived.size, bool)
    early[np.argsort(arrived, kind="stable")[:cut]] = True
    keep = early[:table.n_cases]
    if keep.all():  # the held-out part needs a case that ended something: the latest such case
        keep[int(np.argmax(known))] = False
    if not keep.any():
        keep[int(np.argmin(known))] = True
    first = frozenset(c for c, e in zip(running, early[table.n_cases:], strict=True) if e)
    return (subset_cases(table, keep, running=first),
            subset_cases(table, ~keep, running=frozenset(running) - first))


def real_caselog(table: LogTable, element_of: Mapping[str, str | None]) -> dist.CaseLog:
    """The log as a :class:`~calibrate.distances.CaseLog` labelled by model element where mapped
    (the simulated log names steps, and the boundary events that fired, by element id:
    :attr:`calibrate.mapping.ActivityMapping.labels`), by the log's activity elsewhere."""
    labels = [element_of.get(a) or a for a in table.activities]
    label = tuple(labels[a] for a in table.activity)
    return dist.CaseLog(table.case.astype(np.int64), label, table.start.copy(), table.end.copy())


def model_steps_only(real: dist.CaseLog, steps: frozenset[str]) -> dist.CaseLog:
    """``real`` without the events whose label is not one of ``steps`` (the activities the model does not
    have, which no simulation can produce); each case keeps the rest in order."""
    keep = np.fromiter((label in steps for label in real.label), dtype=bool, count=len(real.label))
    return dist.CaseLog(real.case[keep], tuple(lab for lab, k in zip(real.label, keep, strict=True) if k),
                        real.start[keep], real.end[keep])


def simulated_caselog(csv_text: str, *, until: float | None = None) -> dist.CaseLog:
    """A simulated log (``simulator.eventlog.to_csv`` text) as a CaseLog labelled by element id;
    events ending after ``until`` (wall seconds) are left out."""
    rows = []
    for row in csv.DictReader(io.StringIO(csv_text)):
        end = wall_seconds(dt.datetime.fromisoformat(row["end"]))
        if until is not None and end > until:
            continue
        rows.append((row["case_id"], row["element"] or row["activity"],
                     wall_seconds(dt.datetime.fromisoformat(row["start"])), end))
    return dist.CaseLog.of(rows)


@dataclass(frozen=True, slots=True)
class Validation:
    """The distances of each simulated log from the held-out one, their means, and what was compared."""

    metrics: dict[str, float | None]
    per_replication: tuple[dict[str, float | None], ...]
    real: dict[str, Any]
    simulated: dict[str, Any]
    setup: dict[str, Any]

    def data(self) -> dict[str, Any]:
        return {"metrics": self.metrics, "per_replication": list(self.per_replication), "real": self.real,
                "simulated": self.simulated, "setup": self.setup}


def _describe(days: np.ndarray, deadline_days: np.ndarray | None) -> dict[str, Any]:
    """The cycle-time figures of cases of ``days``; ``deadline_days``: each case's deadline (None: no deadline)."""
    return {"cases": int(days.size),
            "cycle_days": {f"p{p}": (round(float(np.percentile(days, p)), 2) if days.size else None)
                           for p in PERCENTILES},
            "cycle_days_mean": round(float(days.mean()), 2) if days.size else None,
            "within_deadline": dist.within_share(days, deadline_days)}


def _measures(real: dist.CaseLog, sim: dist.CaseLog) -> dict[str, float | None]:
    def clean(x: float) -> float | None:
        return None if math.isnan(x) else round(x, 4)

    return {
        "cycle_time_emd_hours": clean(dist.cycle_time_emd(real, sim)),
        "arrival_emd_hours": clean(dist.arrival_emd(real, sim)),
        "absolute_event_emd_hours": clean(dist.event_emd(real, sim, relative=False)),
        "relative_event_emd_hours": clean(dist.event_emd(real, sim, relative=True)),
        "activity_frequency_absolute": clean(dist.activity_frequency_distance(real, sim)),
        "activity_frequency_relative": clean(dist.activity_frequency_distance(real, sim, relative=True)),
        "three_gram_distance": clean(dist.ngram_distance(real, sim, 3)),
    }


def _model_step_measures(real: dist.CaseLog, sim: dist.CaseLog) -> dict[str, float | None]:
    def clean(x: float) -> float | None:
        return None if math.isnan(x) else round(x, 4)

    return {
        "activity_frequency_relative_model_steps": clean(dist.activity_frequency_distance(real, sim, relative=True)),
        "three_gram_distance_model_steps": clean(dist.ngram_distance(real, sim, 3)),
    }


#: held-out cases fewer than this get no interval of their median: too few to say how close a simulation is
FEW_CASES = 20


def median_interval(days: np.ndarray, *, seed: int, resamples: int = 2000) -> list[float] | None:
    """A 95 % interval of the median of ``days`` (percentile bootstrap over the cases, seeded): how far the
    held-out cases alone pin their own median down; ``None`` for fewer than :data:`FEW_CASES` cases, whose
    resampled medians take only a few values (2 cases: their own two durations, a false precision)."""
    if days.size < FEW_CASES:
        return None
    rng = np.random.default_rng(seed)
    medians = np.median(days[rng.integers(0, days.size, size=(resamples, days.size))], axis=1)
    low, high = np.percentile(medians, [2.5, 97.5])
    return [round(float(low), 2), round(float(high), 2)]


def score(real: dist.CaseLog, sims: list[dist.CaseLog], *, deadline_days: float | None,
          setup: Mapping[str, Any], model_steps: frozenset[str] | None = None,
          deadline_months: int | None = None, deadline_unit: str | None = None) -> Validation:
    """Distances of each of ``sims`` from ``real``, their means, and both logs' percentiles.

    ``deadline_months``: the deadline is that many calendar months, each case's own date from its first event
    (:func:`calibrate.distances.case_deadline_days`), and ``deadline_days`` only their mean length, which words
    name. ``deadline_unit``: the unit it was written in; in days or weeks (or months) each case's last day on
    a weekend, holiday or eve runs to the next weekday's end, in hours it is not moved.

    ``model_steps``: the labels of the log's events that the model has (its element ids). When the log has
    events of other activities (a discovered model keeps only the frequent ones), the activity-share and
    3-gram distances are also given over the log's events of the model's steps alone
    (``..._model_steps``), and ``setup`` says what share of the log's events that is."""
    if not sims:
        raise ValueError("no simulated log to score")
    use = real.has_start and all(s.has_start for s in sims)
    kept = model_steps_only(real, model_steps) if model_steps is not None else real
    partial = 0 < kept.end.size < real.end.size
    per = tuple({**_measures(real, s), **(_model_step_measures(kept, s) if partial else {})} for s in sims)
    means: dict[str, float | None] = {}
    for key in per[0]:
        values = [float(v) for p in per if (v := p[key]) is not None]
        means[key] = round(float(np.mean(values)), 4) if values else None
    real_days = dist.cycle_days(real, use_start=use)
    sim_days = np.concatenate([dist.cycle_days(s, use_start=use) for s in sims])
    real_due = sim_due = None  # each case's deadline, from its first event
    if deadline_days is not None:
        real_due, *sims_due = (dist.deadline_days(log, use_start=use, days=deadline_days,
                                                  months=deadline_months, unit=deadline_unit)
                               for log in (real, *sims))
        sim_due = np.concatenate(sims_due)
    real_d, sim_d = _describe(real_days, real_due), _describe(sim_days, sim_due)
    real_d["cycle_days_p50_interval"] = median_interval(real_days, seed=int(setup.get("seed", 0)))
    sim_d["cases"] = round(sim_d["cases"] / len(sims), 1)  # per replication
    for p in PERCENTILES:
        a, b = real_d["cycle_days"][f"p{p}"], sim_d["cycle_days"][f"p{p}"]
        means[f"cycle_days_p{p}_difference"] = None if a is None or b is None else round(b - a, 2)
    if real_d["within_deadline"] is not None and sim_d["within_deadline"] is not None:
        means["within_deadline_difference"] = round(sim_d["within_deadline"] - real_d["within_deadline"], 4)
    times = "start and completion times" if use else "completion times only (a log without start times)"
    extra = {"log_events_of_model_steps": round(kept.end.size / real.end.size, 4)} if partial else {}
    months: dict[str, Any] = {}
    if deadline_months and deadline_days is not None:
        months["deadline_months"] = deadline_months
    if deadline_unit is not None and deadline_days is not None:  # the unit written: 28d moves off a Saturday
        months["deadline_unit"] = deadline_unit
    return Validation(means, per, real_d, sim_d, {**setup, "timestamps": times, "deadline_days": deadline_days,
                                                  **months, "replications": len(sims), **extra})


def heldout_profile(profile: Mapping[str, Any], held: LogTable) -> tuple[dict[str, Any], float]:
    """The training profile set to run over the held-out period: start on its first day, arrivals
    until its last arrival, no warm-up; and the held-out log's last timestamp (wall seconds)."""
    known, running = held.arrivals()  # a case known only by rows in progress arrived in the period too
    arrived = np.concatenate([known, np.fromiter(running.values(), float, len(running))])
    begin = from_seconds(float(arrived.min())).date()
    last_arrival = from_seconds(float(arrived.max()))
    out = dict(profile)
    sim = dict(out.get("simulation") or {})
    sim["start"] = begin
    days = max(1, math.ceil((last_arrival - dt.datetime.combine(begin, dt.time())).total_seconds() / 86400))
    sim["horizon"] = f"{days}d"
    sim.pop("cases", None)
    sim["warmup"] = "0h"
    sim["assumption"] = "start, horizon and warmup: the held-out period of the validation"
    out["simulation"] = sim
    return out, float(held.end.max())


def simulate_period(model: str, profile: Mapping[str, Any], *, replications: int, seed: int,
                    executor: Any = None) -> list[str]:
    """Simulate ``model`` (library name or file) with ``profile`` (data) on the one road
    (:func:`scenarios.options.one_scenario_study`, :func:`scenarios.road.run_study`); each
    replication's event log as CSV text, in replication order."""
    from scenarios.options import one_scenario_study
    from scenarios.road import run_study

    with tempfile.TemporaryDirectory(prefix="permitflow-validate-") as folder:
        path = Path(folder) / "profile.yaml"
        path.write_text(dump_yaml(dict(profile)), encoding="utf-8")
        batch = run_study(one_scenario_study(model, profile=str(path), replications=replications, seed=seed,
                                             eventlog=True), executor=executor)
    for failure in batch.failures:
        raise SimulationError(f"the validation run of {failure.scenario} failed: {failure.message}")
    (point,) = batch.points
    return [csv_text for _r, _p, csv_text, _xes in sorted(point.eventlogs, key=lambda e: e[0])]


def _arrivals_text(table: LogTable) -> str:
    """The first and last of the cases' arrivals (by which the log is split), as dates."""
    known, running = table.arrivals()
    first = np.concatenate([known, np.fromiter(running.values(), float, len(running))])
    return f"{from_seconds(float(first.min())).date()} to {from_seconds(float(first.max())).date()}"


def arrivals_before_end(held: LogTable, train: LogTable, until: float, deadline_days: float | None,
                        deadline_months: int | None = None,
                        deadline_unit: str | None = None) -> dict[str, Any]:
    """How many held-out cases arrived within the deadline (each case's own, in calendar months:
    ``deadline_months``; or, without one, the training cases' median cycle time) before the log's last timestamp
    ``until``: cases that may still have been open at the export, whose cycle times in the log, as in the
    simulation cut at the same time, are their times so far."""
    if deadline_days is not None:
        days, basis = deadline_days, "deadline"
    else:
        bounds = train.case_bounds()
        first = np.fmin.reduceat(np.fmin(train.start, train.end), bounds[:-1])
        days, basis = float(np.median(np.fmax.reduceat(train.end, bounds[:-1]) - first)) / 86400.0, "median"
    bounds = held.case_bounds()
    arrived = np.fmin.reduceat(np.fmin(held.start, held.end), bounds[:-1])
    given = deadline_days is not None  # the training cases' median is a fixed length
    due = dist.case_deadline_days(arrived, days, deadline_months if given else None,
                                  deadline_unit if given else None)
    return {"heldout_recent_cases": int(np.count_nonzero(arrived > until - due * 86400.0)),
            "recent_days": round(days, 2), "recent_basis": basis, "log_end": str(from_seconds(until).date())}


def resolved_deadline(profile: Mapping[str, Any], given: float | None, months: int | None,
                      unit: str | None) -> tuple[float | None, int | None, str | None]:
    """The deadline in days (its mean length when in calendar months), its calendar months (None: a fixed
    length) and the unit it was written in: ``given`` (``--deadline``, its ``months`` and ``unit``), else the
    profile's clock, else none."""
    if given is not None:
        return given, months, unit
    clock = (profile.get("simulation") or {}).get("clock") or {}
    if isinstance(clock, dict) and clock.get("deadline"):
        from processes.durations import calendar_months, parse_duration, written_unit

        text = clock["deadline"]
        return parse_duration(text) / 24.0, calendar_months(text), written_unit(text)
    return None, None, None


def validate_profile(model: str, profile: Mapping[str, Any], train: LogTable, held: LogTable,
                     element_of: Mapping[str, str | None], *, replications: int, seed: int,
                     deadline_days: float | None = None, deadline_months: int | None = None,
                     deadline_unit: str | None = None,
                     executor: Any = None) -> tuple[Validation, dist.CaseLog, list[dist.CaseLog]]:
    """Simulate ``model`` with the training ``profile`` over ``held``'s period and score it;
    also the real and simulated logs (for plots). ``deadline_days``: default the profile's clock;
    ``deadline_months``: it is that many calendar months; ``deadline_unit``: the unit it was written in
    (:func:`score`)."""
    run_profile, until = heldout_profile(profile, held)
    csvs = simulate_period(model, run_profile, replications=replications, seed=seed, executor=executor)
    real = real_caselog(held, element_of)
    sims = [simulated_caselog(text, until=until) for text in csvs]
    sims = [s for s in sims if s.end.size]
    if not sims:
        raise SimulationError("the validation runs simulated no event within the held-out period")
    periods = (train.period(), held.period())  # the whole log's: its first and last time in either part
    setup = {"log": Path(train.source).name, "log_cases": train.n_cases + held.n_cases,
             "log_period": f"{min(p[0] for p in periods).date()} to {max(p[1] for p in periods).date()}",
             "training_cases": train.n_cases, "training_period": train.period_text(),
             "training_arrivals": _arrivals_text(train), "heldout_arrivals": _arrivals_text(held),
             "heldout_cases": held.n_cases, "heldout_period": held.period_text(),
             "simulated_from": str(run_profile["simulation"]["start"]),
             "simulated_horizon": run_profile["simulation"]["horizon"], "seed": seed}
    deadline, months, unit = resolved_deadline(profile, deadline_days, deadline_months, deadline_unit)
    setup.update(arrivals_before_end(held, train, until, deadline, months, unit))
    steps = frozenset(e for e in element_of.values() if e)  # a timer's firing too: the simulation logs it
    return (score(real, sims, deadline_days=deadline, setup=setup, model_steps=steps, deadline_months=months,
                  deadline_unit=unit),
            real, sims)
