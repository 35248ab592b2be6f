"""``calibrate(model, log) -> profile + fit report``: every number the log can tell, with its source.

The profile starts from the model's existing profile (``base``) when there is one —
what the log cannot tell stays as it was, an assumption — and each fitted entry gets
``source: log <file> (<n> cases, <period>)`` and a ``note`` with how it was fitted and
its 95 % interval. Pure: the log table, model and base profile in; plain data out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bpmn_io.caselog import LogTable, from_seconds
from calibrate import fits, staff
from calibrate.branchentries import BranchEntries
from calibrate.fitdist import fit_duration
from calibrate.mapping import ActivityMapping
from calibrate.poolentries import PoolEntries
from calibrate.profileentry import (
    _bounds,
    _fit_note,
    _mean_interval,
    _num,
    _sourced,
    distribution_data,
    hours_text,
)
from calibrate.stepdurations import StepDurations
from processes.errors import InputError
from processes.model import Definitions

__all__ = ["Calibration", "calibrate", "check_export", "distribution_data", "hours_text",
           "EXPORT_WITHIN_DAYS"]


#: a log of completions only whose decisions were recorded at the sittings (at one hour): the meeting days and
#: hour are read from those records, so nothing follows them: the profile's lag would count twice
_ON_RECORDS = ("after_meeting 0h: in a log of completions only the meeting days are the days its decisions were "
               "recorded (and the hour theirs: recorded at the sittings), which carry any wait for the minutes, so no "
               "lag follows them (the profile's would count that wait twice)")


@dataclass(frozen=True, slots=True)
class Calibration:
    """The calibrated profile (plain data, as profile.yaml holds it) and the fit report."""

    profile: dict[str, Any]
    report: dict[str, Any]


class _Builder(PoolEntries, StepDurations, BranchEntries):
    """One calibration run: the observed log, the profile being written, the report."""

    # ---------------------------------------------------------------- arrivals and the run
    def arrivals(self) -> None:
        fit = fits.fit_arrivals(fits.case_arrivals(self.obs))
        old = self.sim.get("arrivals") or {}
        if not np.isfinite(fit.per_year):  # one case, or all at one time: no interval between arrivals
            said = (f"the log's {fit.n} case(s) arrive at one time, so no rate can be fitted")
            if not isinstance(old.get("per_year"), int | float):
                raise InputError(f"{said} (expected cases arriving at two times or more, or a profile with "
                                 "arrivals.per_year)", file=self.table.source)
            self.report["arrivals"] = None
            self.report["arrivals_kept"] = f"{said}: the model's profile's {_num(old['per_year'], 6)} a year kept"
            self.sim["start"] = self.obs.origin_date
            return
        running = fits.only_in_progress(self.table)
        self.report["arrivals"] = {**fit.data(), "in_progress_only": running}
        shares = ", ".join(f"{d} {s:.2f}" for d, s in zip(staff.WEEKDAYS, fit.weekdays, strict=True))
        entry: dict[str, Any] = {"per_year": round(fit.per_year, 2),
                                 "weekdays": [round(7 * share, 3) for share in fit.weekdays]}
        note = (f"{fit.n} cases arrived {fit.first:%Y-%m-%d} to {fit.last:%Y-%m-%d}; per_year 95% interval "
                f"[{fit.per_year_ci[0]:.1f}, {fit.per_year_ci[1]:.1f}] (exact Poisson); weekdays: share of "
                f"arrivals by weekday ({shares}) times 7, so a day of mean weight gets a 7th of a week's arrivals")
        if running:
            note += f"; {fits.only_in_progress_said(running)}"
        if fit.whole_log is not None:
            rate, (lo, hi) = fit.whole_log
            note += (f"; per_year: the last year's arrivals (before {fit.last:%Y-%m-%d}): the whole log's "
                     f"{rate:.1f} a year [{lo:.1f}, {hi:.1f}] lies outside their interval (the level shifted)")
        if fit.seasonality is not None:
            entry["seasonality"] = list(fit.seasonality)
            note += "; seasonality: arrivals per day of each calendar month over the mean"
        elif "seasonality" in old:
            entry["seasonality"] = old["seasonality"]
            note += "; seasonality kept from the model's profile (the log covers under a year)"
        self.sim["arrivals"] = _sourced(entry, self.source, note,
                                        interval=_bounds("per_year", fit.per_year_ci, "{:.1f}", "95% exact Poisson"))
        self.sim["start"] = self.obs.origin_date
        if "horizon" not in self.sim and "cases" not in self.sim:
            self.sim["horizon"] = f"{max(1, round((fit.last - fit.first).days))}d"
            self.sim["assumption"] = "horizon: the period of the log's arrivals"

    # ---------------------------------------------------------------- decision and clock
    def decision(self) -> None:
        decision = self.sim.get("decision")
        if not decision or decision.get("element") not in self.obs.elements:
            return
        level = decision.get("delegation")
        if isinstance(level, dict):  # a delegation by outcome: the level of grants (most cases) is fitted
            level = level.get("grant")
        body = (decision.get("bodies") or {}).get(level) or {}
        element = decision["element"]
        if "meetings" not in body:
            fit = fit_duration(self._work_hours(element, body.get("pool")))
            body["duration"] = distribution_data(fit, work=True)
            decision["bodies"][level] = _sourced(body, self.source, f"decision work: {_fit_note(fit)}",
                                                 fitted=("duration",),
                                                 interval=_mean_interval("duration", fit, body["duration"]))
            self.report["decision"] = {"level": level, **fit.data()}
            return
        fit_m = fits.fit_meetings(self.obs, element)
        if fit_m is None:
            return
        if not fit_m.days_shown:  # records after the sittings: their days are the minutes', not the sittings'
            decision["note"] = f"{fits.DAYS_KEPT}; {fit_m.recorded.said() if fit_m.recorded else ''}"
            self.report["meetings"] = fit_m.data()
            return
        meetings: dict[str, Any] = {}
        if fit_m.rrule:
            meetings["rrule"] = fit_m.rrule
        else:
            meetings["dates"] = list(fit_m.dates)
        if fit_m.except_months:
            meetings["except_months"] = list(fit_m.except_months)
        meetings["at"] = staff.clock_text(fit_m.at_hour) if fit_m.at_hour is not None else \
            (body.get("meetings") or {}).get("at", "13:00")
        body = dict(body)
        body["meetings"] = meetings
        note = (f"{len(fit_m.dates)} meeting days ({fit_m.dates[0]} to {fit_m.dates[-1]}), "
                f"{fit_m.batch_mean:.1f} decisions per meeting")
        bounds = None
        if fit_m.cutoff_hours is not None and fit_m.cutoff_bounds is not None:
            body["agenda_cutoff"] = hours_text(fit_m.cutoff_hours)
            lo, hi = fit_m.cutoff_bounds
            bounds = {"agenda_cutoff": [f"{lo / 24:.2f}d", f"{hi / 24:.2f}d"],
                      "what": "the bounds the meetings allow: the latest a case was ready and still made a meeting, "
                              "the earliest it was ready and missed one"}
            note += (f"; agenda_cutoff between {lo / 24:.2f} and {hi / 24:.2f} days: the latest a case was ready "
                     f"and still made a meeting, the earliest it was ready and missed one (midpoint written)")
        else:
            note += "; meeting days from decision completion dates; agenda_cutoff kept"
        if fit_m.recorded is not None:
            note += f"; {fit_m.recorded.said()}"
        cutoff = ("agenda_cutoff",) if "agenda_cutoff kept" not in note else ()
        decision["bodies"][level] = _sourced(body, self.source, note, fitted=("meetings", *cutoff), interval=bounds)
        # the decisions fall on the meeting days of the body the profile delegates to: the log shows who decides
        shown = (f"delegation: the log's decisions fall on the {len(fit_m.dates)} meeting days fitted for "
                 f"bodies.{level}") if isinstance(decision.get("delegation"), str) else ""
        lags = fit_m.lags_hours
        lagged = lags is not None and bool(lags.size)
        if lags is not None and lags.size:
            lag = fit_duration(lags)
            decision["after_meeting"] = distribution_data(lag, work=False)
        on_records = fit_m.recorded is not None  # completions only: the meetings are read from the decisions' own
        if on_records:
            decision["after_meeting"] = {"dist": "fixed", "value": "0h"}
        lag_said = f"after_meeting (from {self.source}): {_fit_note(lag)}" if lagged else _ON_RECORDS if on_records \
            else ""
        if shown:
            said = [shown] + ([lag_said] if lag_said else [])
            written = _sourced(decision, self.source, "; ".join(said),
                               fitted=("delegation", "element", "outcome_gateway", "bodies",
                                       *(("after_meeting",) if lag_said else ())),
                               interval=_mean_interval("after_meeting", lag, decision["after_meeting"])
                               if lagged else None)
            decision.clear()
            decision.update(written)
        elif lag_said:
            decision["note"] = lag_said
            decision.pop("interval", None)
            if lagged and (after := _mean_interval("after_meeting", lag, decision["after_meeting"])) is not None:
                decision["interval"] = after
        self.report["meetings"] = fit_m.data()

    def clock(self) -> None:
        clock = self.sim.get("clock")
        if not clock:
            return
        from processes.durations import calendar_months, parse_duration, written_unit

        deadline = parse_duration(clock["deadline"]) if "deadline" in clock else None
        months = calendar_months(clock["deadline"]) if "deadline" in clock else None
        unit = written_unit(clock["deadline"]) if "deadline" in clock else None  # 28d: counted by the day
        fit = fits.fit_clock(self.obs, clock["start"], clock["stop"], deadline, months, unit)
        if fit is None:
            self.report["clock"] = {"note": "the log marks neither clock event"}
            return
        self.report["clock"] = fit.data()
        within = fits.within_said(fit.within, fit.months, fit.unit)
        clock["note"] = (f"in {self.source}: started by {', '.join(fit.start_marks)}, stopped by "
                         f"{', '.join(fit.stop_marks)}; median {fit.median_days:.1f} days over {fit.cases} cases{within}")

    def mapping_report(self) -> None:
        self.report["mapping"] = [{"activity": a, "element": self.mapping.element.get(a), "how": h}
                                  for a, h in self.mapping.how.items()]
        self.report["unmapped"] = list(self.mapping.unmapped)


#: the most days an export instant may follow the log's last event (:func:`check_export`)
EXPORT_WITHIN_DAYS = 366


def check_export(exported_at: float, table: LogTable, *, latest: bool = True) -> None:
    """Refuse an export instant (wall-clock seconds) before the log's last event, or (``latest``) more than
    :data:`EXPORT_WITHIN_DAYS` after it.

    A wait still open at the export counts as having run until then, so the instant must be one up to which
    the log is complete. Before its last event it cannot be. Much after it, the log says nothing happened in
    any case for all that time: in a case system with cases under way (and an open wait means one) a year
    without a single event is no quiet period but a log cut earlier, or a typo (9999-12-31, 2062 for 2026);
    counting the open waits to that instant would fit them as years long. The bound is the log's own last
    event, never today, so the same log and option give the same profile on any day.
    """
    last = table.last_seen()
    when, seen = f"{from_seconds(exported_at):%Y-%m-%d %H:%M}", f"{from_seconds(last):%Y-%m-%d %H:%M}"
    if exported_at < last:
        raise InputError(f"the export instant {when} is before the log's last event ({seen}; expected that "
                         "time or later)", file=table.source)
    days = (exported_at - last) / 86400
    if latest and days > EXPORT_WITHIN_DAYS:
        raise InputError(f"the export instant {when} is more than {int(days):,} days after the log's "
                         f"last event ({seen}; expected at most {EXPORT_WITHIN_DAYS} days after it: give the "
                         "instant the log was extracted from the case system, which its waits still open are "
                         "counted to)", file=table.source)


def calibrate(defs: Definitions, table: LogTable, mapping: ActivityMapping, *, base: dict[str, Any] | None = None,
              log_name: str = "log", exported_at: float | None = None) -> Calibration:
    """Fit the profile of ``defs`` to ``table`` (see the module doc). ``exported_at``: when the log was exported
    (wall-clock seconds, not before its last event; default its last event): a wait still open then counts as
    longer than it had run by that instant (right-censored)."""
    if exported_at is not None:  # no upper bound: --validate gives its first part the whole log's export
        check_export(exported_at, table, latest=False)
    if not any(mapping.element.get(a) for a in table.activities):  # a profile of nothing but arrivals
        shown = "; ".join(table.activities[:5]) + (" ..." if len(table.activities) > 5 else "")
        raise InputError(f"none of the log's {len(table.activities)} activities ({shown}) maps onto a step of the "
                         "model (expected the steps' names or element ids, or a --mapping file that names them)",
                         file=table.source)
    run = _Builder(defs, table, mapping, base, log_name, exported_at)
    run.mapping_report()
    run.arrivals()
    run.pools()
    run.capacity()
    run.durations()
    run.branching()
    run.decision()
    run.clock()
    return Calibration(run.base, run.report)
