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
from calibrate.fitdist import fit_duration
from calibrate.mapping import ActivityMapping
from calibrate.observe import HOUR, in_progress, open_at_export, timer_cut_offs
from calibrate.poolentries import PoolEntries
from calibrate.profileentry import (
    _bounds,
    _finite,
    _fit_note,
    _mean_interval,
    _num,
    _sourced,
    _span,
    distribution_data,
    hours_text,
)
from processes.errors import InputError
from processes.model import Definitions, Event, Gateway, Task
from processes.numbers import number
from processes.stepnames import step_said

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


def _rounded_equal(n: int) -> list[float]:
    share = [round(1.0 / n, 4)] * n
    share[0] = round(1.0 - sum(share[1:]), 4)
    return share


class _Builder(PoolEntries):
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

    def durations(self) -> None:
        elements = self.sim.setdefault("elements", {}) or {}
        self.sim["elements"] = elements
        decision = (self.sim.get("decision") or {}).get("element")
        out = {}
        delays: list[tuple[np.ndarray, np.ndarray]] = []
        for e in self.obs.elements:
            node = self.process.nodes.get(e)
            if e == decision or not isinstance(node, (Task, Event)):
                continue
            if isinstance(node, Event) and node.position not in ("intermediate_catch", "boundary"):
                continue
            rows = self.obs.rows(e)
            delay = self._is_delay(e)
            if delay:
                begin = np.where(self.obs.starts.estimated[rows], self.obs.enabled[rows], self.obs.starts.start[rows])
                if isinstance(node, Event):  # an event's firing logged at its instant (start = end): it waited
                    begin = np.where(begin == self.table.end[rows], self.obs.enabled[rows], begin)  # from enabling
                begin = np.where(np.isnan(begin), self.table.end[rows], begin)
                values = (self._released()[rows] - begin) / HOUR
            else:
                values = self._work_values(e)
            cut, timer_note, counts = self._cut_off(e) if delay else self._still_working(e)
            fit = fit_duration(values, censored=cut)
            if delay:
                delays.append((rows, values))
            out[e] = {"kind": "delay" if delay else "work", **fit.data()}
            entry = dict(elements.get(e) or {})
            entry.pop("delay" if not delay else "duration", None)
            entry["delay" if delay else "duration"] = distribution_data(fit, work=not delay)
            what = "calendar time from enabled to completion" if delay else "work hours inside the pool's calendar"
            if delay and self.dates_only and not isinstance(node, Event):
                what += " (dates only: work and waiting cannot be told apart)"
            elif delay and isinstance(node, Task) and self._nobodys(e):
                what += " (no row names who did it, while the log names people: an external wait, not work)"
            elif delay and (pool := self._pool_of(e) or "") in self.overloaded:
                what += (f" (the work the estimated starts give would keep pool {pool} busy "
                         f"{self.overloaded[pool]:.0%} of its hours at the log's arrival rate: "
                         "they include waiting, so waiting and work are fitted together)")
            kept = [] if delay else [self.table.resources[c] for c in self.table.resource[rows[self._kept[rows]]]]
            if kept:
                what += f"; {_open_items_said({who: self.open_items[who] for who in kept}, len(kept), rows.size)}"
                out[e]["open_item_rows"] = len(kept)
            if not delay and (idle := int(np.count_nonzero(self._starts(rows)[1]
                                                           & np.isnan(self.obs.enabled[rows])))):
                what += (f"; {idle} of {rows.size} estimated starts rest on the resource's previous completion "
                         "alone (nothing before the step in its case): work counted on the completion's day only")
                out[e]["idle_starts"] = idle
            if delay and (early := int(np.count_nonzero(self._released()[rows] < self.table.end[rows]))):
                what += (f"; {early} of {rows.size} ended where a step the model makes wait for it began, "
                         "as the log shows that step completing first")
                out[e]["overtaken"] = early
            if timer_note:
                timer_note = timer_note.replace("{n}", str(fit.n))
                if not fit.censored and cut is not None and cut.size:
                    timer_note += (f", not fitted as such: {fit.zeros} of the {'waits' if delay else 'work times'} are 0, "
                                   "so the observed values are used")
                left = counts.get("open_items_left_out")
                timer_note += (f" (på svenska: {fit.n} avslutade, {counts['cut_by_timer']} avbrutna av timern, "
                               f"{counts['open_at_export']} öppna vid exporten)" if delay else
                               f" (på svenska: {fit.n} avslutade, {counts['in_progress']} pågående vid exporten"
                               + (f", {left} påbörjade och inte avslutade av personer vars ärenden står öppna "
                                  "lämnade utanför: inget arbete med dem syns" if left else "") + ")")
                out[e]["censored_note"] = timer_note
                out[e].update(counts)
                what += f"; {timer_note}"
            key = "delay" if delay else "duration"
            elements[e] = _sourced(entry, self.source, f"{what}: {_fit_note(fit)}", fitted=(key,),
                                   interval=_mean_interval(key, fit, entry[key]))
        self.report["durations"] = out
        self.case_delays(delays)

    def _cut_off(self, e: str) -> tuple[np.ndarray | None, str, dict[str, int]]:
        """The waits of ``e`` known to be longer than they were seen — those an interrupting boundary timer ended
        (:func:`calibrate.observe.timer_cut_offs`) and those still open at the log's export
        (:func:`calibrate.observe.open_at_export`) — as right-censored values (hours), what the fit note says of
        them (``{n}``: the completed waits; in English, then in Swedish) and their counts; (None, "", {}) when
        there are none and no timer is attached. A log without the timer's event is fitted without the waits it
        cut off, as before, and the note says so."""
        found = timer_cut_offs(self.process, self.obs, self.mapping.boundary, e)
        opened = open_at_export(self.process, self.obs, self.mapping.boundary, e, self.exported,
                                in_progress(self.obs, self.mapping, e))
        words, parts = "{n} waits completed", []
        counts = {"cut_by_timer": 0, "open_at_export": int(opened.hours.size)}
        if opened.logged:
            counts["in_progress"] = opened.logged
        if found is not None:
            said = " or ".join(step_said(t, self.process.nodes[t].name) for t in found.timers)
            if not found.seen:
                words += (f"; the log has no event of the timer that ends the wait, {said}, so waits it cut off, if "
                          "any, are not counted (fitted without them, which makes the mean too short when the timer "
                          "did fire)")
            else:
                parts.append(found.hours)
                counts["cut_by_timer"] = int(found.hours.size)
                words += f" and {found.hours.size} cut off by the timer {said}"
                if found.hours.size:
                    words += f" after {_span(found.hours)}, fitted as longer than that (right-censored)"
                if found.unplaced:
                    words += f"; {found.unplaced} firing(s) of the timer left out: nothing before them in their case"
        if opened.hours.size:
            parts.append(opened.hours)
            how = []
            if opened.hours.size > opened.logged:
                how.append(f"begun by {' or '.join(step_said(p, self.process.nodes[p].name) for p in opened.enabled_by)}"
                           " and not ended")
            if opened.logged:
                how.append(f"{opened.logged} logged as started and not ended")
            words += (f"; {opened.hours.size} open at the export ({self.exported_text}: {'; '.join(how)}) after "
                      f"{_span(opened.hours)} so far, fitted as longer than that (right-censored)")
        elif found is None:
            return None, "", {}
        return (np.concatenate(parts) if parts else None), words, counts

    def _still_working(self, e: str) -> tuple[np.ndarray | None, str, dict[str, int]]:
        """The work of ``e`` the log shows started and not ended at the export (:func:`calibrate.observe.in_progress`),
        as right-censored values: the hours inside its pool's calendar from the start to the export, as its
        completed work is counted; what the fit note says of them and their count; (None, "", {}) when none."""
        running = in_progress(self.obs, self.mapping, e, not_by=self.open_items)
        # an item a clerk keeps open (self.open_items) and has not completed was not seen worked on at all
        kept = len(in_progress(self.obs, self.mapping, e)) - len(running)
        left = (f"; {kept} started and not ended by people whose rows are items kept open left out: no work on "
                "them was seen") if kept else ""
        counted = {"in_progress": 0, "open_items_left_out": kept} if kept else {}
        if not running:
            return (None, "{n} completed" + left, counted) if kept else (None, "", {})
        cal = self.calendars.get(self._pool_of(e) or "")
        begun = self.obs.hours(np.array([start for _, start in running], float))
        until = float(self.obs.hours(np.array([self.exported]))[0])
        hours = np.array([cal.open_hours(a, until) if cal else until - a for a in begun], float)
        hours = hours[hours > 0]
        if not hours.size:
            return (None, "{n} completed" + left, counted) if kept else (None, "", {})
        return hours, (f"{{n}} completed; {hours.size} still in progress at the export ({self.exported_text}) "
                       f"after {_span(hours, work=True)} of work so far, fitted as longer than that "
                       f"(right-censored){left}"), {**counted, "in_progress": int(hours.size)}

    def case_delays(self, delays: list[tuple[np.ndarray, np.ndarray]]) -> None:
        """``case_delays.correlation``: how strongly a case's delays move together (:func:`fits.fit_case_delays`),
        written when its 95 % interval lies above 0 (the log shows cases slow or quick as wholes);
        otherwise the profile keeps what it had (none: independent draws)."""
        if not delays:
            return
        rows = np.concatenate([r for r, _ in delays])
        element = np.concatenate([np.full(r.size, i) for i, (r, _) in enumerate(delays)])
        hours = np.concatenate([v for _, v in delays])
        fit = fits.fit_case_delays(self.table.case[rows], element, hours)
        if fit is None:
            return
        written = bool(fit.ci[0] > 0)
        self.report["case_delays"] = {**fit.data(), "written": written}
        if not written:
            return
        self.sim["case_delays"] = _sourced(
            {"correlation": round(min(fit.rho, 0.99), 3)}, self.source,
            f"correlation of the normal scores (ranks within each step) of two calendar delays of one case, "
            f"{fit.pairs} pairs in {fit.cases} cases: {fit.rho:.3f} [{fit.ci[0]:.3f}, {fit.ci[1]:.3f}] "
            "(95% bootstrap over cases); simulated as one normal factor per case shared by its delays, "
            "each step keeping its own distribution",
            interval=_bounds("correlation", fit.ci, "{:.3f}", "95% bootstrap over cases"))

    # ---------------------------------------------------------------- branching
    def branching(self) -> None:
        elements = self.sim.setdefault("elements", {}) or {}
        ruled = _extension_gateway(self.process, self.sim)  # decided by the legal clock's rule, not by shares
        found = {g: fit for g, fit in self._branch_fits().items() if g != ruled}
        for g, fit in found.items():
            entry = dict(elements.get(g) or {})
            entry.pop("conditions", None)
            entry["probabilities"] = fit.probabilities
            ci = ", ".join(f"{k} [{a:.3f}, {b:.3f}]" for k, (a, b) in fit.ci.items())
            marks = "; ".join(f"{k} by {', '.join(v)}" for k, v in fit.markers.items())
            bounds = {k: [float(f"{a:.3f}"), float(f"{b:.3f}")] for k, (a, b) in fit.ci.items()
                      if k in fit.probabilities and _finite(a, b)}
            elements[g] = _sourced(entry, self.source, f"{fit.n} passes; 95% bootstrap over cases: {ci}; "
                                                       f"counted: {marks}", fitted=("probabilities",),
                                   interval={"probabilities": bounds, "what": "95% bootstrap over cases"}
                                   if bounds else None)
        self.report["branching"] = {g: f.data() for g, f in found.items()}
        for node in self.process.nodes.values():
            flows = self.process.outgoing(node.id)
            if not isinstance(node, Gateway) or node.gateway_kind not in ("exclusive", "inclusive") or len(flows) < 2 \
                    or node.id == ruled:
                continue
            entry = elements.get(node.id) or {}
            if entry.get("probabilities") or entry.get("conditions"):
                continue
            share = _rounded_equal(len(flows))
            elements[node.id] = {**entry, "probabilities": {f.id: p for f, p in zip(flows, share, strict=True)},
                                 "assumption": "the log cannot tell these branches apart (no step marks a "
                                               "branch alone): equal shares"}

    def _branch_fits(self) -> dict[str, fits.BranchFit]:
        """Replayed counts where the model replays (:mod:`calibrate.replay`), counts by marks elsewhere."""
        marked = fits.fit_branching(self.process, self.obs)
        try:
            from calibrate.replay import replay_counts

            counts = replay_counts(self.process, self.obs)
        except ImportError:  # pm4py (the logs extra) absent: the marks alone
            counts = None
        if counts is None:
            return marked
        return {**marked, **fits.fit_branching_replayed(self.process, counts)}

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


def _open_items_said(people: dict[str, float], kept: int, n: int) -> str:
    """The fit note's words, in English and Swedish, on ``kept`` of a step's ``n`` rows by ``people`` whose
    rows are items kept open (name -> median hours open): their work is read from the spacing of their
    completions."""
    names = sorted(people)
    shown = ", ".join(names[:6]) + (" ..." if len(names) > 6 else "")
    lo, hi = min(people.values()) / 24, max(people.values()) / 24
    days, days_sv = ((number(hi, lang, 1) if number(lo, lang, 1) == number(hi, lang, 1) else
                      f"{number(lo, lang, 1)} {to} {number(hi, lang, 1)}")
                     for lang, to in (("en", "to"), ("sv", "till")))
    return (f"{kept} of {n} rows by {shown}, whose rows are items kept open in the case system (a median of "
            f"{days} days from the logged start to the completion): the logged start is when the item landed, "
            "not when work began, so their work runs from the later of the step's enabling and their previous "
            "completion, as in a log of completions only (på svenska: "
            f"{kept} av {n} rader av {shown}, vars ärenden står öppna i ärendesystemet (i median {days_sv} "
            "dagar från loggad start till avslut): den loggade starten är när ärendet kom in, inte när "
            "arbetet började, så arbetet räknas från det senare av när steget blev möjligt och personens "
            "förra avslut, som i en logg med bara avslut)")


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


def _extension_gateway(process: Any, sim: dict[str, Any]) -> str | None:
    """The gateway the legal clock's extension rule decides (``clock.extension_flow`` with the
    ``projected`` rule): its branching is a rule of the profile, not a share to fit from the log."""
    clock = sim.get("clock") or {}
    flow = clock.get("extension_flow") if isinstance(clock, dict) else None
    if not flow or clock.get("extension_rule", "projected") != "projected" or flow not in process.flows:
        return None
    return str(process.flows[flow].source)
