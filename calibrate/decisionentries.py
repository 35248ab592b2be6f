"""The profile's decision and legal clock as the log shows them: the deciding body's work time, or its meeting
days, hour and agenda cut-off, and the lag from a meeting to the recorded decision; where the legal clock
starts and stops and how many cases kept within the deadline.

Its own module because the decision is fitted by rules of its own (meetings, delegation, a log of completions
only whose records carry the sittings' days or not); :class:`calibrate.core._Builder` runs it after the
branching, and the durations leave the deciding step to it.
"""

from __future__ import annotations

from typing import Any

from calibrate import fits, staff
from calibrate.calibrationrun import CalibrationRun
from calibrate.fitdist import fit_duration
from calibrate.profileentry import distribution_data, fit_note, hours_text, mean_interval, sourced

__all__ = ["DecisionEntries"]


#: a log of completions only whose decisions were recorded at the sittings (at one hour): the meeting days and
#: hour are read from those records, so nothing follows them: the profile's lag would count twice
_ON_RECORDS = ("after_meeting 0h: in a log of completions only the meeting days are the days its decisions were "
               "recorded (and the hour theirs: recorded at the sittings), which carry any wait for the minutes, so no "
               "lag follows them (the profile's would count that wait twice)")


class DecisionEntries(CalibrationRun):
    """The decision and clock part of a calibration run (see the module doc)."""

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
            decision["bodies"][level] = sourced(body, self.source, f"decision work: {fit_note(fit)}",
                                                fitted=("duration",),
                                                interval=mean_interval("duration", fit, body["duration"]))
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
        decision["bodies"][level] = sourced(body, self.source, note, fitted=("meetings", *cutoff), interval=bounds)
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
        lag_said = f"after_meeting (from {self.source}): {fit_note(lag)}" if lagged else _ON_RECORDS if on_records \
            else ""
        if shown:
            said = [shown] + ([lag_said] if lag_said else [])
            written = sourced(decision, self.source, "; ".join(said),
                              fitted=("delegation", "element", "outcome_gateway", "bodies",
                                       *(("after_meeting",) if lag_said else ())),
                              interval=mean_interval("after_meeting", lag, decision["after_meeting"])
                              if lagged else None)
            decision.clear()
            decision.update(written)
        elif lag_said:
            decision["note"] = lag_said
            decision.pop("interval", None)
            if lagged and (after := mean_interval("after_meeting", lag, decision["after_meeting"])) is not None:
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
            self.report["clock"] = {"note": "the log does not mark the clock: neither event, or one step marks both "
                                            "(too few steps mapped)"}
            return
        self.report["clock"] = fit.data()
        within = fits.within_said(fit.within, fit.months, fit.unit)
        clock["note"] = (f"in {self.source}: started by {', '.join(fit.start_marks)}, stopped by "
                         f"{', '.join(fit.stop_marks)}; median {fit.median_days:.1f} days over {fit.cases} cases{within}")
