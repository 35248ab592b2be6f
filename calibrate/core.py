"""``calibrate(model, log) -> profile + fit report``: every number the log can tell, with its source.

The profile starts from the model's existing profile (``base``) when there is one —
what the log cannot tell stays as it was, an assumption — and each fitted entry gets
``source: log <file> (<n> cases, <period>)`` and a ``note`` with how it was fitted and
its 95 % interval. Pure: the log table, model and base profile in; plain data out.

The run (:class:`_Builder`) writes the arrivals itself and joins the other parts of the profile, each in a
module of its own over the run's state (:mod:`calibrate.calibrationrun`): the pools and calendars
(:mod:`calibrate.poolentries`), the durations (:mod:`calibrate.stepdurations`), the branching
(:mod:`calibrate.branchentries`) and the decision and clock (:mod:`calibrate.decisionentries`); how an entry is
written is :mod:`calibrate.profileentry`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bpmn_io.caselog import LogTable, from_seconds
from calibrate import fits, staff
from calibrate.branchentries import BranchEntries
from calibrate.decisionentries import DecisionEntries
from calibrate.mapping import ActivityMapping
from calibrate.poolentries import PoolEntries
from calibrate.profileentry import bounds, distribution_data, hours_text, num, sourced
from calibrate.stepdurations import StepDurations
from processes.errors import InputError
from processes.model import Definitions

__all__ = ["Calibration", "calibrate", "check_export", "distribution_data", "hours_text",
           "EXPORT_WITHIN_DAYS"]


@dataclass(frozen=True, slots=True)
class Calibration:
    """The calibrated profile (plain data, as profile.yaml holds it) and the fit report."""

    profile: dict[str, Any]
    report: dict[str, Any]


class _Builder(PoolEntries, StepDurations, BranchEntries, DecisionEntries):
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
            self.report["arrivals_kept"] = f"{said}: the model's profile's {num(old['per_year'], 6)} a year kept"
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
        self.sim["arrivals"] = sourced(entry, self.source, note,
                                       interval=bounds("per_year", fit.per_year_ci, "{:.1f}", "95% exact Poisson"))
        self.sim["start"] = self.obs.origin_date
        if "horizon" not in self.sim and "cases" not in self.sim:
            self.sim["horizon"] = f"{max(1, round((fit.last - fit.first).days))}d"
            self.sim["assumption"] = "horizon: the period of the log's arrivals"

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
