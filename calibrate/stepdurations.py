"""Each step's work time or calendar delay as the log shows it, fitted with the values the log saw only in
part (waits a boundary timer cut off or still open at the export, work still in progress: right-censored), and
how strongly a case's delays move together (``case_delays``).

Its own module because the durations are the largest part of the profile, with their own rules for censored
values and for the rows of people who keep items open; :class:`calibrate.core._Builder` runs it after the
pools (whose calendars and capacity decide what is work and what is a delay).
"""

from __future__ import annotations

import numpy as np

from calibrate import fits
from calibrate.calibrationrun import CalibrationRun
from calibrate.censoredwaits import in_progress, open_at_export, timer_cut_offs
from calibrate.fitdist import fit_duration
from calibrate.observe import HOUR
from calibrate.profileentry import bounds, distribution_data, fit_note, mean_interval, sourced, span
from processes.model import Event, Task
from processes.numbers import number
from processes.stepnames import step_said

__all__ = ["StepDurations"]


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
    return (f"{number(kept, 'en')} of {number(n, 'en')} rows by {shown}, whose rows are items kept open in "
            f"the case system (a median of {days} days from the logged start to the completion): the logged "
            "start is when the item landed, not when work began, so their work runs from the later of the "
            "step's enabling and their previous completion, as in a log of completions only (på svenska: "
            f"{number(kept, 'sv')} av {number(n, 'sv')} rader av {shown}, vars ärenden står öppna i "
            f"ärendesystemet (i median {days_sv} dagar från loggad start till avslut): den loggade starten "
            "är när ärendet kom in, inte när arbetet började, så arbetet räknas från det senare av när "
            "steget blev möjligt och personens förra avslut, som i en logg med bara avslut)")


class StepDurations(CalibrationRun):
    """The durations part of a calibration run (see the module doc)."""

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
                begin = np.where(self.obs.starts.estimated[rows], self.obs.enabled[rows],
                                 self.obs.starts.start[rows])
                if isinstance(node, Event):
                    # an event's firing logged at its instant (start = end): it waited from enabling
                    begin = np.where(begin == self.table.end[rows], self.obs.enabled[rows], begin)
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
            what = ("calendar time from enabled to completion" if delay
                    else "work hours inside the pool's calendar")
            if delay and self.dates_only and not isinstance(node, Event):
                what += " (dates only: work and waiting cannot be told apart)"
            elif delay and isinstance(node, Task) and self._nobodys(e):
                what += " (no row names who did it, while the log names people: an external wait, not work)"
            elif delay and (pool := self._pool_of(e) or "") in self.overloaded:
                what += (f" (the work the estimated starts give would keep pool {pool} busy "
                         f"{self.overloaded[pool]:.0%} of its hours at the log's arrival rate: "
                         "they include waiting, so waiting and work are fitted together)")
            kept = [] if delay else [self.table.resources[c]
                                     for c in self.table.resource[rows[self._kept[rows]]]]
            if kept:
                open_items = {who: self.open_items[who] for who in kept}
                what += f"; {_open_items_said(open_items, len(kept), rows.size)}"
                out[e]["open_item_rows"] = len(kept)
            if not delay and (idle := int(np.count_nonzero(self._starts(rows)[1]
                                                           & np.isnan(self.obs.enabled[rows])))):
                what += (f"; {number(idle, 'en')} of {number(rows.size, 'en')} estimated starts rest on the "
                         "resource's previous completion alone (nothing before the step in its case): work "
                         "counted on the completion's day only")
                out[e]["idle_starts"] = idle
            if delay and (early := int(np.count_nonzero(self._released()[rows] < self.table.end[rows]))):
                what += (f"; {number(early, 'en')} of {number(rows.size, 'en')} ended before their "
                         "completion, as the log shows a step the model makes wait for them completing "
                         "first: where the two, one after the other, reach the case's going on past that "
                         "step")
                out[e]["overtaken"] = early
            if timer_note:
                timer_note = timer_note.replace("{n}", number(fit.n, "en"))
                if not fit.censored and cut is not None and cut.size:
                    timer_note += (f", not fitted as such: {number(fit.zeros, 'en')} of the "
                                   f"{'waits' if delay else 'work times'} are 0, so the observed values are "
                                   "used")
                left = counts.get("open_items_left_out")
                sv = {k: number(v, "sv") for k, v in {**counts, "n": fit.n}.items()}  # grouped: "1 234"
                timer_note += (f" (på svenska: {sv['n']} avslutade, {sv['cut_by_timer']} avbrutna av timern, "
                               f"{sv['open_at_export']} öppna vid exporten)" if delay else
                               f" (på svenska: {sv['n']} avslutade, {sv['in_progress']} pågående vid exporten"
                               + (f", {number(left, 'sv')} påbörjade och inte avslutade av personer vars "
                                  "ärenden står öppna "
                                  "lämnade utanför: inget arbete med dem syns" if left else "") + ")")
                out[e]["censored_note"] = timer_note
                out[e].update(counts)
                what += f"; {timer_note}"
            key = "delay" if delay else "duration"
            elements[e] = sourced(entry, self.source, f"{what}: {fit_note(fit)}", fitted=(key,),
                                  interval=mean_interval(key, fit, entry[key]))
        self.report["durations"] = out
        self.case_delays(delays)

    def _cut_off(self, e: str) -> tuple[np.ndarray | None, str, dict[str, int]]:
        """The waits of ``e`` known to be longer than they were seen — those an interrupting boundary timer
        ended (:func:`calibrate.censoredwaits.timer_cut_offs`) and those still open at the log's export
        (:func:`calibrate.censoredwaits.open_at_export`) — as right-censored values (hours), what the fit note
        says of them (``{n}``: the completed waits; in English, then in Swedish) and their counts; (None, "",
        {}) when there are none and no timer is attached. A log without the timer's event is fitted without
        the waits it cut off, as before, and the note says so."""
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
                words += (f"; the log has no event of the timer that ends the wait, {said}, so waits it cut "
                          "off, if any, are not counted (fitted without them, which makes the mean too short "
                          "when the timer did fire)")
            else:
                parts.append(found.hours)
                counts["cut_by_timer"] = int(found.hours.size)
                words += f" and {number(found.hours.size, 'en')} cut off by the timer {said}"
                if found.hours.size:
                    words += f" after {span(found.hours)}, fitted as longer than that (right-censored)"
                if found.unplaced:
                    words += (f"; {found.unplaced} firing(s) of the timer left out: nothing before them in "
                              "their case")
        if opened.hours.size:
            parts.append(opened.hours)
            how = []
            if opened.hours.size > opened.logged:
                starters = " or ".join(step_said(p, self.process.nodes[p].name) for p in opened.enabled_by)
                how.append(f"begun by {starters} and not ended")
            if opened.logged:
                how.append(f"{number(opened.logged, 'en')} logged as started and not ended")
            words += (f"; {number(opened.hours.size, 'en')} open at the export ({self.exported_text}: "
                      f"{'; '.join(how)}) after "
                      f"{span(opened.hours)} so far, fitted as longer than that (right-censored)")
        elif found is None:
            return None, "", {}
        return (np.concatenate(parts) if parts else None), words, counts

    def _still_working(self, e: str) -> tuple[np.ndarray | None, str, dict[str, int]]:
        """The work of ``e`` the log shows started and not ended at the export
        (:func:`calibrate.censoredwaits.in_progress`), as right-censored values: the hours inside its pool's
        calendar from the start to the export, as its completed work is counted; what the fit note says of
        them and their count; (None, "", {}) when none."""
        running = in_progress(self.obs, self.mapping, e, not_by=self.open_items)
        # an item a clerk keeps open (self.open_items) and has not completed was not seen worked on at all
        kept = len(in_progress(self.obs, self.mapping, e)) - len(running)
        left = (f"; {number(kept, 'en')} started and not ended by people whose rows are items kept open "
                "left out: no work on "
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
        return hours, (f"{{n}} completed; {number(hours.size, 'en')} still in progress at the export "
                       f"({self.exported_text}) "
                       f"after {span(hours, work=True)} of work so far, fitted as longer than that "
                       f"(right-censored){left}"), {**counted, "in_progress": int(hours.size)}

    def case_delays(self, delays: list[tuple[np.ndarray, np.ndarray]]) -> None:
        """``case_delays.correlation``: how strongly a case's delays move together
        (:func:`fits.fit_case_delays`), written when its 95 % interval lies above 0 (the log shows cases slow
        or quick as wholes); otherwise the profile keeps what it had (none: independent draws)."""
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
        self.sim["case_delays"] = sourced(
            {"correlation": round(min(fit.rho, 0.99), 3)}, self.source,
            f"correlation of the normal scores (ranks within each step) of two calendar delays of one case, "
            f"{fit.pairs} pairs in {fit.cases} cases: {fit.rho:.3f} [{fit.ci[0]:.3f}, {fit.ci[1]:.3f}] "
            "(95% bootstrap over cases); simulated as one normal factor per case shared by its delays, "
            "each step keeping its own distribution",
            interval=bounds("correlation", fit.ci, "{:.3f}", "95% bootstrap over cases"))
